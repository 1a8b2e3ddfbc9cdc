"""``planner next``: the next phase of a call: the workbook with its ``avance`` applied
(remaining vacancies and budget) written as the next phase's input, and its plan (issue 23)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from planner.analysis.phases import money, state_payload
from planner.analysis.redirect import redirection_payload
from planner.cli import common as c
from planner.cli.helptext import h
from planner.core import schema
from planner.core.words import t
from planner.io.avance import next_phase as following
from planner.pipeline import next_phase


@c.app.command(name="next", cls=c.Command, help=h("clih_next"))
def next(
    workbook: c.Workbook = None,
    out: Annotated[Path, typer.Option(
        "--out", help=h("clih_next_out"))] = None,
    solver: c.Solver = None,
    as_json: c.AsJson = False,
    lang: c.Lang = "es",
    save: Annotated[bool, typer.Option(
        "--guardar", help=h("clih_next_save"))] = False,
) -> None:
    """Write the next phase's input workbook and solve its plan."""
    c.check_solver(solver, as_json, lang)
    path = workbook or c.DEFAULT_WORKBOOK
    with c.guarded(as_json, lang):
        target = out or c.default_out(Path(path), "siguiente")
        state, scenario, result = next_phase(path, target, solver)
        saved = None
        if save:
            from planner.pipeline import load_scenario
            from planner.store.phases import save_phase

            before, _ = load_scenario(path)
            saved = save_phase("next", Path(path).read_bytes(), Path(path).name, state, before,
                               plan=result.plan if result.solved else None,
                               next_workbook=Path(target).read_bytes())
    phase = following(state.phases) or "especial"
    placed = int(result.plan.placements["placed"].sum()) if result.solved else 0
    nurses = 0
    if result.solved:
        pl = result.plan.placements
        kind = scenario.categories["kind"].reindex(pl["category"]).to_numpy()
        nurses = int(pl["placed"][kind == schema.NURSING].sum())
    if as_json:
        print(json.dumps({"status": result.plan.status.value, "output": str(target),
                          "phase": phase, "remaining_vacancies": int(scenario.gaps().sum()),
                          "remaining_budget": round(scenario.params.budget, 2),
                          "objective": result.plan.objective, "placed": placed,
                          "before": state_payload(state),
                          "redirection": redirection_payload(state.redirection),
                          "saved_id": saved}, ensure_ascii=False))
    else:
        c.out.print(t("cli_next_written", lang, phase=phase, path=target,
                      empty=f"{int(scenario.gaps().sum()):,}",
                      left=money(scenario.params.budget)), markup=False)
        c.out.print(t("cli_next_plan", lang, phase=phase, status=t(f"status_{result.plan.status.value}", lang),
                      placed=f"{placed:,}", nurses=f"{nurses:,}",
                      objective=f"{result.plan.objective or 0:,.2f}"),
                    markup=False)
        r = state.redirection
        c.out.print(t("cli_next_redirect", lang, waiting=f"{r.waiting:,}",
                      offers=f"{len(r.offers):,}", acceptance=f"{r.acceptance:.0%}",
                      filled=f"{r.expected_filled:,.1f}"), markup=False)
        if state.learning is not None:  # the curves the next phase planned on
            from planner.analysis.learning import sentences

            for line in sentences(state.learning, lang):
                c.out.print(line, markup=False)
        if saved is not None:
            c.out.print(t("cli_phase_saved", lang, id=saved), markup=False)
    raise typer.Exit(c.exit_code(result.plan.status))
