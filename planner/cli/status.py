"""``planner status``: the state of a call after its phases (the ``avance`` sheet): filled vs
planned per state and category, posts still empty, bonus money committed and left (issue 23)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from planner.analysis.phases import money, state_payload
from planner.cli import common as c
from planner.cli.helptext import h
from planner.core.words import t
from planner.pipeline import call_status, load_scenario, settings_for


@c.app.command(cls=c.Command, help=h("clih_status"))
def status(
    workbook: c.Workbook = None,
    solver: c.Solver = None,
    as_json: c.AsJson = False,
    lang: c.Lang = "es",
    save: Annotated[bool, typer.Option(
        "--guardar", help=h("clih_status_save"))] = False,
) -> None:
    """The state of the call after its phases."""
    c.check_solver(solver, as_json, lang)
    path = workbook or c.DEFAULT_WORKBOOK
    with c.guarded(as_json, lang):
        scenario, _ = load_scenario(path)
        state, _result = call_status(scenario, settings_for(scenario, solver))
        saved = None
        if save:
            from planner.store.phases import save_phase

            saved = save_phase("status", Path(path).read_bytes(), Path(path).name, state,
                               scenario, plan=_result.plan if _result is not None else None)
    payload = state_payload(state)
    if saved is not None:
        payload["saved_id"] = saved
    if as_json:
        print(json.dumps({"status": "ok", **payload}, ensure_ascii=False))
        raise typer.Exit(c.EXIT_OK)
    say = lambda text: c.out.print(text, markup=False)  # noqa: E731
    if not state.phases:
        say(t("cli_status_no_avance", lang))
    say(t("cli_status_head", lang, phases=", ".join(state.phases) or "—"))
    say("  " + t("cli_status_posts", lang, **{k: f"{payload[k]:,}" for k in (
        "vacancies", "planned", "filled", "hired", "resigned", "empty")}))
    say("  " + t("cli_status_money", lang, budget=money(state.budget),
                 committed=money(state.committed), left=money(state.left)))
    if state.overspent > 0:
        say("  " + t("cli_status_overspent", lang, over=money(state.overspent)))
    say(t("cli_status_by_state", lang))
    shown = state.by_state[state.by_state["vacancies"] > 0]
    for r in shown.itertuples():
        say(f"  {r.state} · {r.category}: {r.vacancies:,} / {r.planned:,} / {r.filled:,} / "
            f"{r.empty:,}")
    if state.learning is not None:
        from planner.analysis.learning import sentences

        for line in sentences(state.learning, lang):
            say(line)
    if saved is not None:
        say(t("cli_phase_saved", lang, id=saved))
    raise typer.Exit(c.EXIT_OK)
