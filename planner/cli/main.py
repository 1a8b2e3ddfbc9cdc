"""The batch command line: ``planner solve | validate | template`` (DESIGN §5).

It only translates between people and the pipeline: options in, a plan, a result workbook and a
short report (or one JSON object with ``--json``) out. Exit codes: 0 solved, 2 invalid input,
3 infeasible, 4 no solution (time limit or solver failure), 1 internal error.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sys
import time
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from models.settings import SOLVERS
from planner.analysis.expected import acceptance_lines, acceptance_payload
from planner.analysis.indicators import compare_by_state, rule_messages, rule_records
from planner.cli import option_checks as oc
from planner.core.errors import InputError, Issue
from planner.core.plan import Status
from planner.core.result import Result
from planner.core.scenario import WhatIf
from planner.core.schema import ASSIGNMENT_MODES
from planner.core.words import t
from planner.io.files import OutputError
from planner.io.template import write_template
from planner.pipeline import load_scenario, solve_workbook

DEFAULT_WORKBOOK = Path(__file__).resolve().parents[2] / "inputs" / "nacional_2024.xlsx"
EXIT_OK, EXIT_INTERNAL, EXIT_INVALID, EXIT_INFEASIBLE, EXIT_NO_SOLUTION = 0, 1, 2, 3, 4

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  cls=oc.CliGroup,
                  help="Planeador de plantilla de IMSS-Bienestar: asigna médicos nuevos a "
                       "hospitales y centros de salud.")
err = Console(stderr=True, highlight=False, soft_wrap=True)

STEP_WORDS = {"read": ("Leyendo el libro…", "Reading the workbook…"),
              "validate": ("Validando…", "Validating…"),
              "solve": ("Optimizando…", "Optimising…"),
              "indicators": ("Calculando indicadores…", "Computing indicators…"),
              "write": ("Escribiendo el libro de resultados…", "Writing the result workbook…")}

Lang = Annotated[str, typer.Option("--lang", parser=oc.LANGUAGE,
                                    help="Idioma de los mensajes: es | en.")]


@app.command()
def solve(
    workbook: Annotated[Optional[Path], typer.Argument(
        help="Libro de entrada (.xlsx); por omisión el escenario nacional 2024.")] = None,
    out: Annotated[Optional[Path], typer.Option(
        "--out", help="Libro de resultados a escribir (nunca el de entrada).")] = None,
    budget: Annotated[Optional[float], typer.Option(
        "--budget", parser=oc.BUDGET, help="Presupuesto mensual de bonos, MXN.")] = None,
    target: Annotated[Optional[int], typer.Option(
        "--target", parser=oc.TARGET, help="Meta de médicos generales por centro.")] = None,
    solver: Annotated[Optional[str], typer.Option(
        "--solver", help="exact | highs | cbc (por omisión, el elegido por benchmark).")] = None,
    time_limit: Annotated[Optional[float], typer.Option(
        "--time-limit", parser=oc.TIME_LIMIT,
        help="Límite de tiempo del optimizador, segundos.")] = None,
    equity_floor: Annotated[Optional[float], typer.Option(
        "--equity-floor", parser=oc.EQUITY_FLOOR,
        help="Piso de equidad α (0–1): cada entidad recibe al menos α veces su parte "
             "proporcional de cada categoría (cobertura_minima_entidad).")] = None,
    one_doctor: Annotated[Optional[bool], typer.Option(
        "--one-doctor-per-centre/--no-one-doctor-per-centre",
        help="Regla dura: todo centro termina con al menos un médico general "
             "(minimo_un_medico_por_centro).")] = None,
    confirm_marginals: Annotated[bool, typer.Option(
        "--confirm-marginals",
        help="Confirma cada valor marginal re-optimizando con un candidato o un millón más "
             "(más lento: unos 20 s en el escenario nacional).")] = False,
    simulate: Annotated[int, typer.Option(
        "--simulate", min=0,
        help="Simula N veces quién acepta las ofertas (P10–P90 de plazas llenas, comparación "
             "con el bono uniforme 2024).")] = 0,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Semilla de la simulación.")] = 0,
    second_round: Annotated[bool, typer.Option(
        "--second-round", help="En la simulación, reofrece las plazas rechazadas a candidatos "
                               "libres.")] = False,
    mode: Annotated[Optional[str], typer.Option(
        "--modo-asignacion",
        help="por_oferta | optimo | estable (por omisión, el de «parametros»): optimo y "
             "estable asignan a los candidatos de la hoja «candidatos».")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Un objeto JSON en la salida.")] = False,
    lang: Lang = "es",
) -> None:
    """Resuelve un escenario y escribe el libro de resultados."""
    path = workbook or DEFAULT_WORKBOOK
    if oc.check_choice(solver, SOLVERS, "--solver", lang):
        _fail_usage(oc.check_choice(solver, SOLVERS, "--solver", lang), as_json)
    if mode is not None and mode not in ASSIGNMENT_MODES:
        _fail_usage(t("cand_bad_mode", lang, allowed=", ".join(ASSIGNMENT_MODES)), as_json)
    what_if = WhatIf(budget=budget, target=target, time_limit=time_limit,
                     equity_floor=equity_floor, one_doctor_per_centre=one_doctor,
                     assignment_mode=mode)
    started = time.perf_counter()
    try:
        if out is None and not as_json:
            out = _default_out(path)
        with _progress(not as_json, lang) as step:
            result = solve_workbook(path, out, what_if, solver=solver, lang=lang, progress=step,
                                    confirm_marginals=confirm_marginals, simulate=simulate,
                                    seed=seed, second_round=second_round)
    except InputError as exc:
        _report_invalid(exc, as_json, lang)
        raise typer.Exit(EXIT_INVALID) from None
    except OutputError as exc:
        _report_invalid(InputError([Issue(exc.code, params=exc.params)]), as_json, lang)
        raise typer.Exit(EXIT_INVALID) from None
    except Exception as exc:  # a solver crash or a bug: a message, never a traceback
        _report_error(exc, as_json, lang)
        raise typer.Exit(EXIT_INTERNAL) from None
    seconds = time.perf_counter() - started
    payload = json_payload(result, seconds, out if result.solved else None)
    payload.update(acceptance_payload(result))
    if as_json:
        print(json.dumps(payload, ensure_ascii=False))
    else:
        _print_report(result, payload, lang)
        for line in acceptance_lines(result, lang):
            err.print(line)
    raise typer.Exit(exit_code(result.plan.status))


@app.command()
def validate(
    workbook: Annotated[Optional[Path], typer.Argument(help="Libro de entrada (.xlsx).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Un objeto JSON en la salida.")] = False,
    lang: Lang = "es",
) -> None:
    """Revisa un libro de entrada y lista todos sus problemas."""
    path = workbook or DEFAULT_WORKBOOK
    try:
        scenario, _ = load_scenario(path)
    except InputError as exc:
        _report_invalid(exc, as_json, lang)
        raise typer.Exit(EXIT_INVALID) from None
    except Exception as exc:
        _report_error(exc, as_json, lang)
        raise typer.Exit(EXIT_INTERNAL) from None
    n_units, n_rows = len(scenario.units), len(scenario.staffing)
    if as_json:
        print(json.dumps({"status": "valid", "units": n_units, "staffing_rows": n_rows,
                          "issues": []}, ensure_ascii=False))
    else:
        msg = (f"El libro es válido: {n_units:,} unidades, {n_rows:,} filas de plantilla."
               if lang == "es" else
               f"The workbook is valid: {n_units:,} units, {n_rows:,} staffing rows.")
        err.print(msg)
    raise typer.Exit(EXIT_OK)


@app.command()
def template(
    out: Annotated[Path, typer.Argument(help="Ruta del libro plantilla a crear (.xlsx).")],
    lang: Lang = "es",
) -> None:
    """Crea la plantilla vacía para llenar un escenario."""
    if out.exists():
        msg = (f"Ya existe «{out}»; no se sobrescribe. Elija otro nombre." if lang == "es"
               else f"«{out}» already exists; not overwritten. Choose another name.")
        err.print(msg)
        raise typer.Exit(EXIT_INVALID)
    try:
        write_template(out)
    except OutputError as exc:
        err.print(t(exc.code, lang, **exc.params))
        raise typer.Exit(EXIT_INVALID) from None
    err.print(f"Plantilla creada: {out}" if lang == "es" else f"Template written: {out}")


@app.command()
def sweep(
    workbook: Annotated[Optional[Path], typer.Argument(
        help="Libro de entrada (.xlsx); por omisión el escenario nacional 2024.")] = None,
    budget_from: Annotated[Optional[float], typer.Option(
        "--budget-from", parser=oc.BUDGET,
        help="Primer presupuesto mensual de bonos, MXN.")] = None,
    budget_to: Annotated[Optional[float], typer.Option(
        "--budget-to", parser=oc.BUDGET,
        help="Último presupuesto mensual de bonos, MXN.")] = None,
    steps: Annotated[int, typer.Option(
        "--steps", parser=oc.STEPS,
        help="Presupuestos entre --budget-from y --budget-to.")] = 11,
    grid: Annotated[Optional[Path], typer.Option(
        "--grid", help="Rejilla de combinaciones (CSV o xlsx): una columna por parámetro "
                       "(presupuesto_bono_mensual, bono_zona_2, bono_zona_3, "
                       "meta_medicos_generales_por_centro, candidatos:<categoria>, "
                       "cobertura_minima_entidad, minimo_un_medico_por_centro), una fila por "
                       "punto.")] = None,
    out: Annotated[Optional[Path], typer.Option(
        "--out", help="Libro del barrido a escribir (nunca el de entrada); la gráfica de la "
                      "frontera se guarda a su lado como PNG.")] = None,
    workers: Annotated[int, typer.Option(
        "--workers", parser=oc.WORKERS,
        help="Procesos locales de Dask (1 = en serie).")] = 2,
    serial: Annotated[bool, typer.Option("--serial", help="En serie, sin Dask.")] = False,
    scheduler: Annotated[Optional[str], typer.Option(
        "--scheduler", help="Dirección de un clúster Dask existente (tcp://host:8786).")] = None,
    solver: Annotated[Optional[str], typer.Option(
        "--solver", help="exact | highs | cbc (por omisión, el elegido por benchmark).")] = None,
    time_limit: Annotated[Optional[float], typer.Option(
        "--time-limit", parser=oc.TIME_LIMIT,
        help="Límite de tiempo por punto, segundos.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Un objeto JSON en la salida.")] = False,
    lang: Lang = "es",
) -> None:
    """Resuelve un plan por punto (presupuestos o rejilla) y reúne la frontera en un libro."""
    from planner import pipeline as run
    from planner.io import grid as grids
    from planner.io.files import check_output_path
    from planner.report import sweep_book as sw

    path = workbook or DEFAULT_WORKBOOK
    if oc.check_choice(solver, SOLVERS, "--solver", lang):
        _fail_usage(oc.check_choice(solver, SOLVERS, "--solver", lang), as_json)
    if (budget_from is None) != (budget_to is None) or (budget_from is None and grid is None):
        _fail_usage(t("sweep_no_points", lang), as_json)
    started = time.perf_counter()
    try:
        if out is None and not as_json:
            out = _default_out(path, "barrido")
        protect = [p for p in (path, grid) if p is not None]
        if out is not None:
            check_output_path(out, protect=protect)
            check_output_path(sw.chart_path(out), protect=protect)
        scenario, _ = load_scenario(path)
        points = grids.read_grid(grid, scenario) if grid is not None else [{}]
        if budget_from is not None:
            if any(grids.BUDGET in p for p in points):
                _fail_usage(t("grid_budget_twice", lang), as_json)
            budgets = grids.budget_points(budget_from, budget_to, steps)
            points = [{**p, grids.BUDGET: b} for p in points for b in budgets]
        base = WhatIf(time_limit=time_limit)
        settings = run.sweep_settings(scenario, solver, what_if=base)
        with _sweep_progress(not as_json, lang, len(points)) as on_result:
            result = run.run_sweep(scenario, points, base, settings,
                                  workers=1 if serial else workers, scheduler=scheduler,
                                  on_result=on_result, lang=lang)
        written = (sw.write_sweep_workbook(result, scenario, out, lang, protect=protect,
                                           source=str(path)) if out is not None else (None, None))
    except InputError as exc:
        _report_invalid(exc, as_json, lang)
        raise typer.Exit(EXIT_INVALID) from None
    except OutputError as exc:
        _report_invalid(InputError([Issue(exc.code, params=exc.params)]), as_json, lang)
        raise typer.Exit(EXIT_INVALID) from None
    except typer.Exit:
        raise
    except Exception as exc:  # a cluster that cannot start, a bug: a message, no traceback
        _report_error(exc, as_json, lang)
        raise typer.Exit(EXIT_INTERNAL) from None
    payload = sw.json_payload(result, time.perf_counter() - started, *written)
    if as_json:
        print(json.dumps(payload, ensure_ascii=False))
    else:
        _print_sweep(result, payload, lang)
    raise typer.Exit({"optimal": EXIT_OK, "feasible": EXIT_OK, "infeasible": EXIT_INFEASIBLE,
                      "no_solution": EXIT_NO_SOLUTION}.get(result.worst_status, EXIT_INTERNAL))


class _sweep_progress:
    """A progress bar of the points solved, on stderr and only on an interactive terminal."""

    def __init__(self, enabled: bool, lang: str, total: int) -> None:
        self.enabled = enabled and err.is_terminal
        self.label = "Resolviendo puntos del barrido" if lang == "es" else "Solving sweep points"
        self.total = total
        self.bar = None

    def __enter__(self):
        if self.enabled:
            import rich.progress as rp

            self.bar = rp.Progress(rp.SpinnerColumn(), rp.TextColumn(self.label),
                                   rp.BarColumn(), rp.MofNCompleteColumn(),
                                   rp.TimeElapsedColumn(), console=err, transient=True)
            self.bar.__enter__()
            self.task = self.bar.add_task(self.label, total=self.total)
        return self.update

    def update(self, done: int, total: int) -> None:
        if self.bar is not None:
            self.bar.update(self.task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _print_sweep(result, payload: dict, lang: str) -> None:
    """The sweep as a short table on stderr."""
    from rich.table import Table

    from planner.report.sweep_book import STATUS_WORDS

    j = 0 if lang == "es" else 1
    heads = {"point": ("#", "#"), "budget_month": ("presupuesto", "budget"),
             "status": ("estado", "status"), "objective": ("objetivo", "objective"),
             "centres_at_target": ("en meta", "at target"),
             "centres_no_doctor": ("sin médico", "no doctor"),
             "spec_placed": ("especialistas", "specialists"), "gp_placed": ("MG", "GPs"),
             "bonus_month": ("bono/mes", "bonus/month")}
    shown = list(heads)
    table = Table(*[heads[c][j] for c in shown])
    for rec in result.table.to_dict("records"):
        cells = []
        for c in shown:
            v = rec.get(c)
            if c == "status":
                cells.append(STATUS_WORDS.get(v, (v, v))[j])
            elif v is None or (isinstance(v, float) and math.isnan(v)):
                cells.append("—")
            elif c in ("budget_month", "bonus_month"):
                cells.append(f"${v:,.0f}")
            elif c == "objective":
                cells.append(f"{v:,.2f}")
            else:
                cells.append(f"{v:,}")
        table.add_row(*cells)
    err.print(table)
    how = {"serial": ("en serie", "serial"),
           "local_cluster": (f"en paralelo: Dask local, {result.workers} procesos",
                             f"parallel: local Dask, {result.workers} processes"),
           "scheduler": (f"en el clúster Dask, {result.workers} trabajadores",
                         f"on the Dask cluster, {result.workers} workers")}
    mode = how.get(result.mode, (result.mode, result.mode))[j]
    err.print(f"{len(result.table)} {'puntos' if lang == 'es' else 'points'} · {mode} · "
              f"{payload['seconds']:.1f} s", markup=False)
    for key, word in (("output", ("Libro del barrido: ", "Sweep workbook: ")),
                      ("chart", ("Gráfica de la frontera: ", "Frontier chart: "))):
        if payload.get(key):
            err.print(word[j] + payload[key], markup=False)


# --- helpers ----------------------------------------------------------------------------------

def exit_code(status: Status) -> int:
    """Exit code of a solve outcome (DESIGN §5)."""
    return {Status.OPTIMAL: EXIT_OK, Status.FEASIBLE: EXIT_OK,
            Status.INFEASIBLE: EXIT_INFEASIBLE,
            Status.NO_SOLUTION: EXIT_NO_SOLUTION}[status]


def json_payload(result: Result, seconds: float, out: Path | None) -> dict:
    """The ``--json`` object: at least status, objective, lp_bound, placed, bonus_month, seconds."""
    plan = result.plan
    status = {Status.NO_SOLUTION: "error"}.get(plan.status, plan.status.value)
    payload: dict = {
        "status": status,
        "objective": _num(plan.objective),
        "lp_bound": _num(plan.lp_bound),
        "gap": _num(plan.gap),
        "solver": plan.solver,
        "solver_status": plan.solver_status,
        "placed": {},
        "bonus_month": None,
        "seconds": round(seconds, 3),
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

        payload["candidates"] = json_summary(result.candidates)
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


def _default_out(path: Path, what: str = "resultado") -> Path:
    """``resultados/<libro>_<what>_<fecha-hora>.xlsx``; OutputError when the folder cannot be
    made (a read-only or full working folder)."""
    from planner.io.files import output_error

    folder = Path("resultados")
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise output_error(exc, folder.absolute() / "x") from None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return folder / f"{path.stem}_{what}_{stamp}.xlsx"


class _progress:
    """A spinner on stderr naming the current step, only on an interactive terminal."""

    def __init__(self, enabled: bool, lang: str) -> None:
        self.enabled = enabled and err.is_terminal
        self.lang = lang
        self.status = None

    def __enter__(self):
        if self.enabled:
            self.status = err.status("…")
            self.status.__enter__()
        return self.step

    def step(self, name: str) -> None:
        if self.status is not None:
            words = STEP_WORDS.get(name, (name, name))
            self.status.update(words[0 if self.lang == "es" else 1])

    def __exit__(self, *exc: object) -> None:
        if self.status is not None:
            self.status.__exit__(None, None, None)


def _report_invalid(exc: InputError, as_json: bool, lang: str) -> None:
    if as_json:
        issues = [{"sheet": i.sheet, "row": i.row, "column": i.column,
                   "value": None if i.value is None else str(i.value),
                   "message": i.message(lang)} for i in exc.issues]
        print(json.dumps({"status": "invalid_input", "issues": issues}, ensure_ascii=False))
    else:
        err.print(exc.summary(lang, limit=50), markup=False)


def _report_error(exc: Exception, as_json: bool, lang: str) -> None:
    msg = (f"Error inesperado ({type(exc).__name__}): {exc}" if lang == "es"
           else f"Unexpected error ({type(exc).__name__}): {exc}")
    if as_json:
        print(json.dumps({"status": "error", "message": msg}, ensure_ascii=False))
    else:
        err.print(msg, markup=False)


def _fail_usage(message: str, as_json: bool) -> None:
    if as_json:
        print(json.dumps({"status": "invalid_input", "message": message}, ensure_ascii=False))
    else:
        err.print(message)
    raise typer.Exit(EXIT_INVALID)


def _print_report(result: Result, payload: dict, lang: str) -> None:
    es = lang == "es"
    plan = result.plan
    status_word = {"optimal": "óptimo", "feasible": "factible (no probado óptimo)",
                   "infeasible": "infactible", "error": "sin solución"}
    st = status_word.get(payload["status"], payload["status"]) if es else payload["status"]
    err.print(f"{'Estado' if es else 'Status'}: {st}  ·  solver {plan.solver}  ·  "
              f"{payload['seconds']:.1f} s", markup=False)
    if plan.status is Status.INFEASIBLE:
        _print_unmet_rules(result, lang)
    if plan.status is Status.NO_SOLUTION:
        err.print(t("no_solution_hint", lang, seconds=f"{result.settings.time_limit:g}"),
                  markup=False)
    if result.indicators is None:
        return
    h = result.indicators.headline
    hand = result.hand_indicators.headline if result.hand_indicators else None
    lines = [
        (("Centros en la meta" if es else "Centres at target"),
         f"{h['centres_at_target_before']:,} → {h['centres_at_target_after']:,} de "
         f"{h['centres']:,}"),
        (("Centros sin médico" if es else "Centres with no doctor"),
         f"{h['centres_no_doctor_before']:,} → {h['centres_no_doctor_after']:,}"),
        (("Médicos generales asignados" if es else "General doctors placed"),
         f"{h['gp_placed']:,} de {h['gp_candidates']:,}"),
        (("Especialistas asignados" if es else "Specialists placed"),
         f"{h['spec_placed']:,} de {h['spec_candidates']:,} (brecha {h['spec_gap']:,})"),
        (("Bono mensual" if es else "Monthly bonus"),
         f"${h['bonus_month']:,.0f} de ${h['budget_month']:,.0f} ({h['budget_used']:.1%})"),
        (("Objetivo (necesidad ponderada)" if es else "Objective"),
         f"{plan.objective:,.2f}" + (f"  ·  regla manual {hand['objective']:,.2f}" if hand
                                     else "")),
    ]
    for label, value in lines:
        err.print(f"  {label:<32} {value}", markup=False)
    if result.candidates is not None:
        from planner.analysis.candidates import summary_lines

        for line in summary_lines(result.candidates, lang):
            err.print(f"  {line}", markup=False)
    if payload.get("output"):
        err.print(("Libro de resultados: " if es else "Result workbook: ") + payload["output"],
                  markup=False)


def _print_unmet_rules(result: Result, lang: str) -> None:
    """The explanation of an infeasible scenario, in planner words."""
    err.print(t("infeasible_head", lang), markup=False)
    lines = rule_messages(result.plan.rules, lang, result.scenario.params.equity_floor)
    for line in lines or [t("infeasible_unexplained", lang)]:
        err.print(f"  - {line}", markup=False)
    err.print(t("infeasible_no_workbook", lang), markup=False)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
