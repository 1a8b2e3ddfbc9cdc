"""``planner solve``: one scenario solved, its result workbook written, a short report printed
(or one JSON object with ``--json``)."""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from planner.analysis import rule_check
from planner.analysis.expected import acceptance_lines, acceptance_payload
from planner.analysis.indicators import compare_by_state, rule_messages, rule_records
from planner.cli import common as c
from planner.cli import option_checks as oc
from planner.cli.option_checks import MAX_BUDGET
from planner.cli.params import param_option
from planner.core.model_words import gap_words, solver_key, solver_word
from planner.core.plan import Status
from planner.core.result import Result
from planner.core.scenario import WhatIf
from planner.core.words import t
from planner.pipeline import solve_workbook
from planner.validate import scenario_warnings

STEP_WORDS = {"read": "cli_step_read", "validate": "cli_step_validate", "solve": "cli_step_solve",
              "indicators": "cli_step_indicators", "write": "cli_step_write"}


@c.app.command(cls=c.Command)
def solve(
    workbook: c.Workbook = None,
    out: Annotated[Optional[Path], typer.Option(
        "--out", help="Libro de resultados a escribir (nunca el de entrada). Sin --out se "
                      "escribe en resultados/, salvo con --json.")] = None,
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
        "--confirm-marginals",
        help="Confirma cada valor marginal re-optimizando con un candidato o un millón más "
             "(más lento: unos 20 s en el escenario nacional).")] = False,
    simulate: Annotated[int, typer.Option(
        "--simulate", parser=oc.SIMULATE,
        help="Simula N veces quién acepta las ofertas (P10–P90 de plazas llenas, comparación "
             "con el bono uniforme 2024).")] = 0,
    curve_draws: Annotated[int, typer.Option(
        "--curve-draws", parser=oc.CURVE_DRAWS,
        help="Con --simulate, sortea también K juegos de curvas de aceptación con su error "
             "estándar (hoja «aceptacion», columna «error_estandar»): P10–P90 entre curvas y "
             "aceptaciones.")] = 0,
    seed: Annotated[int, typer.Option("--seed", parser=oc.SEED,
                                                 help="Semilla de la simulación.")] = 0,
    second_round: Annotated[bool, typer.Option(
        "--second-round", help="En la simulación, reofrece las plazas rechazadas a candidatos "
                               "libres.")] = False,
    mode: Annotated[Optional[str], typer.Option(
        "--modo-asignacion",
        help="por_oferta | optimo | estable (por omisión, el de «parametros»): optimo y "
             "estable asignan a los candidatos de la hoja «candidatos». (parámetro "
             "«modo_asignacion»)")] = None,
    compare_modes: Annotated[bool, typer.Option(
        "--comparar-modos",
        help="Con candidatos registrados (optimo o estable), calcula también el otro modo: "
             "precio de la estabilidad y parejas bloqueantes de optimo (más lento).")] = False,
    as_json: c.AsJson = False,
    lang: c.Lang = "es",
) -> None:
    """Resuelve un escenario y escribe el libro de resultados."""
    from planner.core.schema import ASSIGNMENT_MODES

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
                                    compare_modes=compare_modes, curve_draws=curve_draws)
    payload = json_payload(result, time.perf_counter() - started,
                           out if result.solved else None)
    payload.update(acceptance_payload(result))
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
        for line in warnings + unimposed:  # part of the result, as validate prints them
            c.out.print(f"{t('cli_warning', lang)}: {line}", markup=False)
    raise typer.Exit(c.exit_code(result.plan.status))


def json_payload(result: Result, seconds: float, out: Path | None) -> dict:
    """The ``--json`` object: at least status, objective, lp_bound, placed, bonus_month, seconds
    (and ``seconds_by_stage``)."""
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
    }
    if plan.status is Status.NO_SOLUTION:
        payload["reason"] = "no_solution"
        payload["message"] = t("no_solution_hint", "es",
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
    if result.candidates is not None:
        from planner.analysis.candidates import json_summary

        payload["candidates"] = json_summary(result.candidates,
                                             result.scenario.categories["kind"])
    if plan.status is Status.INFEASIBLE:  # DESIGN §2b: which hard rules fail, by how much, where
        payload["unmet_rules"] = rule_records(plan.rules)
        payload["explanation"] = rule_messages(plan.rules, "es",
                                               result.scenario.params.equity_floor)
    if result.indicators is not None and result.hand_indicators is not None:
        cmp = compare_by_state(result.indicators, result.hand_indicators)
        payload["by_state_vs_hand"] = [{k: (_num(v) if k != "state" else v) for k, v in
                                        rec.items()} for rec in cmp.to_dict(orient="records")]
    return payload


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
    if plan.status is Status.INFEASIBLE:
        _print_unmet_rules(result, lang)
    if plan.status is Status.NO_SOLUTION:
        say(t("no_solution_hint", lang, seconds=f"{result.settings.time_limit:g}"), markup=False)
    if result.indicators is None:
        return
    h = result.indicators.headline
    hand = result.hand_indicators.headline if result.hand_indicators else None
    lines = [
        (t("cli_line_at_target", lang),
         f"{h['centres_at_target_before']:,} → {h['centres_at_target_after']:,} "
         f"{t('cli_of', lang)} {h['centres']:,}"),
        (t("cli_line_no_doctor", lang),
         f"{h['centres_no_doctor_before']:,} → {h['centres_no_doctor_after']:,}"),
        (t("cli_line_gp_placed", lang),
         f"{h['gp_placed']:,} {t('cli_of', lang)} {h['gp_candidates']:,}"),
        (t("cli_line_spec_placed", lang),
         f"{h['spec_placed']:,} {t('cli_of', lang)} {h['spec_candidates']:,} "
         f"({t('cli_gap', lang)} {h['spec_gap']:,})"),
        *([(t("cli_line_nurses", lang),
            f"{h['nurse_placed']:,} {t('cli_of', lang)} {h['nurse_candidates']:,} "
            f"({t('cli_gap', lang)} {h['nurse_gap']:,})"),
           (t("cli_line_nurse_target", lang),
            f"{h['centres_nurse_target_before']:,} → {h['centres_nurse_target_after']:,} "
            f"{t('cli_of', lang)} {h['centres']:,}")] if "nurse_placed" in h else []),
        (t("cli_line_bonus", lang),
         f"${h['bonus_month']:,.0f} {t('cli_of', lang)} ${h['budget_month']:,.0f} "
         f"({h['budget_used']:.1%})"),
        (t("cli_line_objective", lang),
         f"{plan.objective:,.2f}" + (f"  ·  {t('cli_hand_rule', lang)} {hand['objective']:,.2f}"
                                     if hand else "")),
    ]
    for label, value in lines:
        say(f"  {label:<32} {value}", markup=False)
    if result.candidates is not None:
        from planner.analysis.candidates import summary_lines

        for line in summary_lines(result.candidates, lang, result.scenario.categories["kind"]):
            say(f"  {line}", markup=False)
    if payload.get("output"):
        say(t("cli_result_workbook", lang, path=payload["output"]), markup=False)


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
