"""``planner solve``: one scenario solved, its result workbook written, a short report printed
(or one JSON object with ``--json``)."""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from models.rules import active_rules
from planner.analysis import multiphase, robustness, rule_check
from planner.analysis.expected import acceptance_lines, acceptance_payload
from planner.analysis.indicators import compare_by_state, rule_messages, rule_records
from planner.cli import common as c
from planner.cli import option_checks as oc
from planner.cli.helptext import h
from planner.cli.option_checks import MAX_BUDGET
from planner.cli.params import param_option
from planner.core.model_words import gap_words, solver_key, solver_word
from planner.core.plan import Status
from planner.core.result import Result
from planner.core.scenario import WhatIf
from planner.core.schema import ASSIGNMENT_MODES
from planner.core.words import t
from planner.explain.render import line as statement_line
from planner.explain.render import payload as statement_payload
from planner.explain.summary import statements, summary
from planner.pipeline import solve_workbook
from planner.validate import scenario_warnings

STEP_WORDS = {"read": "cli_step_read", "validate": "cli_step_validate", "solve": "cli_step_solve",
              "indicators": "cli_step_indicators", "write": "cli_step_write"}


@c.app.command(cls=c.Command, help=h("clih_solve"))
def solve(
    workbook: c.Workbook = None,
    out: Annotated[Optional[Path], typer.Option(
        "--out", help=h("clih_solve_out"))] = None,
    budget: Annotated[Optional[float], param_option(
        "presupuesto_bono_mensual", "--budget", maximum=MAX_BUDGET)] = None,
    target: Annotated[Optional[int], param_option(
        "meta_medicos_generales_por_centro", "--target")] = None,
    nurse_target: Annotated[Optional[int], param_option(
        "meta_enfermeras_por_centro", "--nurse-target")] = None,
    solver: c.Solver = None,
    time_limit: Annotated[Optional[float], param_option("limite_tiempo_s", "--time-limit")] = None,
    equity_floor: Annotated[Optional[float], param_option(
        "cobertura_minima_entidad", "--equity-floor")] = None,
    one_doctor: Annotated[Optional[bool], param_option(
        "minimo_un_medico_por_centro",
        "--one-doctor-per-centre/--no-one-doctor-per-centre")] = None,
    budget_risk: Annotated[Optional[float], param_option(
        "riesgo_presupuesto", "--budget-risk")] = None,
    confirm_marginals: Annotated[bool, typer.Option(
        "--confirm-marginals", help=h("clih_confirm_marginals"))] = False,
    simulate: Annotated[int, typer.Option(
        "--simulate", parser=oc.SIMULATE,
        help=h("clih_simulate"))] = 0,
    curve_draws: Annotated[int, typer.Option(
        "--curve-draws", parser=oc.CURVE_DRAWS, help=h("clih_curve_draws"))] = 0,
    seed: Annotated[int, typer.Option("--seed", parser=oc.SEED, help=h("clih_seed"))] = 0,
    robust: Annotated[int, typer.Option(
        "--robust", parser=oc.ROBUST, help=h("clih_robust"))] = 0,
    tornado: Annotated[bool, typer.Option("--tornado", help=h("clih_tornado"))] = False,
    phases: Annotated[int, typer.Option("--fases", parser=oc.PHASES,
                                        help=h("clih_phases"))] = 0,
    second_round: Annotated[bool, typer.Option(
        "--second-round", help=h("clih_second_round"))] = False,
    mode: Annotated[Optional[str], typer.Option(
        "--modo-asignacion", help=h("clih_mode", modes=" | ".join(ASSIGNMENT_MODES)))] = None,
    compare_modes: Annotated[bool, typer.Option(
        "--comparar-modos", help=h("clih_compare_modes"))] = False,
    as_json: c.AsJson = False,
    lang: c.Lang = "es",
) -> None:
    """Solve one scenario, write its result workbook and print its report (or one JSON
    object)."""
    path = workbook or c.DEFAULT_WORKBOOK
    c.check_solver(solver, as_json, lang)
    if mode is not None and mode not in ASSIGNMENT_MODES:
        c.fail_usage(t("cand_bad_mode", lang, allowed=", ".join(ASSIGNMENT_MODES)), as_json)
    what_if = WhatIf(budget=budget, target=target, nurse_target=nurse_target,
                     time_limit=time_limit,
                     equity_floor=equity_floor, one_doctor_per_centre=one_doctor,
                     assignment_mode=mode, budget_risk=budget_risk)
    started = time.perf_counter()
    with c.guarded(as_json, lang):
        if out is None and not as_json:
            out = c.default_out(path)
        with _progress(not as_json, lang) as step:
            result = solve_workbook(path, out, what_if, solver=solver, lang=lang, progress=step,
                                    confirm_marginals=confirm_marginals, simulate=simulate,
                                    seed=seed, second_round=second_round,
                                    compare_modes=compare_modes, robust=robust,
                                    tornado=tornado, curve_draws=curve_draws, phases=phases)
    payload = json_payload(result, time.perf_counter() - started,
                           out if result.solved else None, lang)
    payload.update(acceptance_payload(result))
    if "acceptance" in payload:  # its sentences in the chosen language, like every message
        payload["acceptance"]["sentences"] = acceptance_lines(result, lang)
    if robust > 0:  # asked: the report, or why there is none (never skipped in silence)
        payload["robust"] = (robustness.payload(result.robust) if result.robust is not None
                             else None)
    if phases > 0 and result.call is not None:
        payload["call"] = multiphase.payload(result.call)
    if tornado and result.curve_sensitivity is not None:
        payload["what_changes_the_decision"] = robustness.sensitivity_payload(
            result.curve_sensitivity)
    unimposed = rule_check.warnings(result.scenario, result.plan, lang)  # estable mode only
    warnings = [w.text(lang) for w in scenario_warnings(result.scenario)  # the plan's own
                if not (unimposed and w.code == "warn_stable_rules")]  # words replace it
    if as_json:
        payload["warnings"] = warnings + unimposed
        payload["rules_not_imposed"] = rule_check.records(result.scenario, result.plan)
        c.emit_json(payload)
    else:
        print_report(result, payload, lang)
        for line in acceptance_lines(result, lang):
            c.out.print(line, markup=False)
        if robust > 0 and result.solved:
            lines = (robustness.sentences(result.robust, lang) if result.robust is not None
                     else [t("rob_no_plan", lang)])
            for line in lines:
                c.out.print(line, markup=False)
        if result.call is not None:
            for line in multiphase.sentences(result.call, lang):
                c.out.print(line, markup=False)
        if result.curve_sensitivity is not None:
            for line in robustness.sensitivity_sentences(result.curve_sensitivity, lang,
                                                         _expected_budget(result)):
                c.out.print(line, markup=False)
        for line in warnings + unimposed:  # part of the result, as validate prints them
            c.out.print(f"{t('cli_warning', lang)}: {line}", markup=False)
    raise typer.Exit(c.exit_code(result.plan.status))


def _expected_budget(result: Result) -> float | None:
    """The budget an expected bill is measured against (None on the guaranteed basis)."""
    p = result.scenario.params
    return p.budget if p.budget_basis == "esperado" else None


def json_payload(result: Result, seconds: float, out: Path | None, lang: str = "es") -> dict:
    """The ``--json`` object: at least status, objective, lp_bound, placed, bonus_month, seconds
    (and ``seconds_by_stage``), ``rules_active``. Codes are stable English identifiers
    (``"solver": "matching"``, ``"rules_active": ["equity_floor"]``); the sentences
    (``message``, ``explanation``) are in ``lang``."""
    plan = result.plan
    status = {Status.NO_SOLUTION: "error"}.get(plan.status, plan.status.value)
    payload: dict = {
        "status": status,
        "objective": _num(plan.objective),
        "lp_bound": _num(plan.lp_bound),
        "gap": _num(plan.gap),
        "solver": plan.solver,
        "solver_status": plan.solver_status,
        "solver_used": solver_key(plan, result.scenario.params),  # who solved it (exact, highs…)
        "placed": {},
        "bonus_month": None,
        "seconds": round(seconds, 3),
        "seconds_by_stage": {k: round(v, 3) for k, v in result.timings.items()},
        "output": str(out) if out else None,
        "rules_active": rules_active(result),
    }
    if plan.status is Status.NO_SOLUTION:
        payload["reason"] = "no_solution"
        payload["message"] = t("no_solution_hint", lang,
                               seconds=f"{result.settings.time_limit:g}")
    if result.indicators is not None:
        by_cat = result.indicators.by_category
        payload["placed"] = {str(k): int(v) for k, v in zip(by_cat["category"],
                                                            by_cat["placed"])}
        head = result.indicators.headline
        payload["bonus_month"] = round(head["bonus_month"], 2)
        payload["indicators"] = {k: _num(v) for k, v in head.items()}
    if result.hand is not None:
        payload["hand_rule_objective"] = _num(result.hand.objective)
    if result.indicators is not None:  # the summary's statements, as the app and the book show
        payload["statements"] = {s.key: statement_payload(s) for s in statements(result)}
    if result.candidates is not None:
        from planner.analysis.candidates import json_summary

        payload["candidates"] = json_summary(result.candidates,
                                             result.scenario.categories["kind"])
    if plan.status is Status.INFEASIBLE:  # DESIGN §2b: which hard rules fail, by how much, where
        payload["unmet_rules"] = rule_records(plan.rules)
        payload["explanation"] = rule_messages(plan.rules, lang,
                                               result.scenario.params.equity_floor)
    if result.indicators is not None and result.hand_indicators is not None:
        cmp = compare_by_state(result.indicators, result.hand_indicators)
        payload["by_state_vs_hand"] = [{k: (_num(v) if k != "state" else v) for k, v in
                                        rec.items()} for rec in cmp.to_dict(orient="records")]
    return payload


def rules_active(result: Result) -> list[str]:
    """The rules of DESIGN §2b the scenario switches on (after the what-if), as codes:
    ``state_pools``, ``linked_specialties``, ``equity_floor``, ``one_doctor_per_centre``."""
    return [rule for rule, on in active_rules(result.scenario).items() if on]


def rules_line(result: Result, lang: str) -> str:
    """«Reglas activas en este plan: piso de equidad (80%), …» in the app's and the result
    book's words; in ``estable`` mode the rules the stable matching does not impose."""
    from planner.report.result_book import active_rules_text

    words = active_rules_text(result, lang)
    stable = result.scenario.params.assignment_mode == "estable" and rules_active(result)
    return t("stable_rules_not_imposed" if stable else "rules_in_plan", lang, rules=words)


def _num(x: float | None) -> float | None:
    if x is None:
        return None
    x = float(x)
    return None if math.isnan(x) else (int(x) if x.is_integer() else round(x, 6))


class _progress:
    """A spinner on stderr naming the current step, only on an interactive terminal."""

    def __init__(self, enabled: bool, lang: str) -> None:
        self.enabled = enabled and c.err.is_terminal
        self.lang = lang
        self.status = None

    def __enter__(self):
        if self.enabled:
            self.status = c.err.status("…")
            self.status.__enter__()
        return self.step

    def step(self, name: str) -> None:
        if self.status is not None:
            key = STEP_WORDS.get(name)
            self.status.update(t(key, self.lang) if key else name)

    def __exit__(self, *exc: object) -> None:
        if self.status is not None:
            self.status.__exit__(None, None, None)


def print_report(result: Result, payload: dict, lang: str) -> None:
    """The solve's report on stdout: status, seconds by stage, headline figures, output path."""
    say = c.out.print
    plan = result.plan
    key = f"status_word_{plan.status.value}"
    st = t(key, lang) if key in _messages() else payload["status"]
    say(t("cli_status_line", lang, status=st,
          solver=solver_word(plan, result.scenario.params, lang),
          stages=c.stage_seconds(result.timings, lang))
        + gap_words(plan, result.scenario.params.mip_gap, lang), markup=False)
    say(rules_line(result, lang), markup=False)
    if plan.status is Status.INFEASIBLE:
        _print_unmet_rules(result, lang)
    if plan.status is Status.NO_SOLUTION:
        say(t("no_solution_hint", lang, seconds=f"{result.settings.time_limit:g}"), markup=False)
    if result.indicators is None:
        return
    say(t("ex_section", lang), markup=False)
    for section in summary(result):  # the app's and the result book's statements
        say(f"  {t(f'ex_part_{section.part}', lang)}", markup=False)
        for statement in section.statements:
            say(f"    {statement_line(statement, lang)}", markup=False)
    if result.candidates is not None:
        from planner.analysis.candidates import summary_lines

        for line in summary_lines(result.candidates, lang, result.scenario.categories["kind"]):
            say(f"  {line}", markup=False)
    if payload.get("output"):
        say(t("cli_result_workbook", lang, path=payload["output"]), markup=False)
        report = result.acceptance
        if getattr(report, "draws", None) == 0:  # the app's book would have its simulation
            from planner.ui.first_screen import DRAWS, SEED

            say(t("cli_book_no_simulation", lang, draws=f"{DRAWS:,}", n=DRAWS, seed=SEED), markup=False)


def _messages():
    from planner.core.words import MESSAGES

    return MESSAGES


def _print_unmet_rules(result: Result, lang: str) -> None:
    """The explanation of an infeasible scenario, in planner words."""
    say = c.out.print
    say(t("infeasible_head", lang), markup=False)
    lines = rule_messages(result.plan.rules, lang, result.scenario.params.equity_floor)
    for line in lines or [t("infeasible_unexplained", lang)]:
        say(f"  - {line}", markup=False)
    say(t("infeasible_no_workbook", lang), markup=False)
