"""Scenario sweeps: one plan per combination of parameters, in parallel on Dask, and the
budget–coverage frontier (a table, a chart, a workbook).

A sweep is a list of *points*, each a mapping from grid column (``presupuesto_bono_mensual``,
``bono_zona_2``, ``candidatos:Anestesiología``, …) to a value. Every point becomes a
:class:`~planner.core.scenario.WhatIf` on the same validated scenario and is solved by
:func:`planner.pipeline.solve`. Points run on an embedded Dask ``LocalCluster`` (processes, one
thread each), on an existing cluster (``scheduler``), or serially; the rows are identical either
way because every point is solved with the same model and settings by a deterministic solver
(unless a point hits its time limit; on a remote cluster whose machines differ in core count,
alternative optima of equal objective could be picked differently).
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from models.settings import SolverSettings
from planner.core.errors import InputError, Issue
from planner.core.scenario import Scenario, WhatIf, apply_overrides
from planner.core.schema import SPECIALTY
from planner.core.text import normalize_key
from planner.io.files import atomic_write
from planner.pipeline import settings_for, solve

BUDGET = "presupuesto_bono_mensual"
SUPPLY_PREFIX = "candidatos:"
DEFAULT_WORKERS = 2

# Grid column -> (WhatIf field or special, kind, minimum, maximum).
GRID_PARAMS: dict[str, tuple[str, str, float | None, float | None]] = {
    BUDGET: ("budget", "number", 0, None),
    "bono_zona_2": ("bonus:2", "number", 0, 1_000_000),
    "bono_zona_3": ("bonus:3", "number", 0, 1_000_000),
    "meta_medicos_generales_por_centro": ("target", "int", 0, 50),
    "cobertura_minima_entidad": ("equity_floor", "number", 0, 1),
    "minimo_un_medico_por_centro": ("one_doctor_per_centre", "bool", None, None),
    "peso_primer_medico": ("first_doctor_weight", "number", 0, None),
    "peso_familias": ("families_weight", "number", 0, None),
}

# Headline columns of a sweep row (internal name -> Spanish, English, Excel format).
ROW_COLUMNS: dict[str, tuple[str, str, str | None]] = {
    "point": ("punto", "point", None),
    "status": ("estado", "status", None),
    "objective": ("objetivo", "objective", "#,##0.00"),
    "centres_at_target": ("centros_en_meta", "centres_at_target", "#,##0"),
    "centres": ("centros", "centres", "#,##0"),
    "centres_no_doctor": ("centros_sin_medico", "centres_without_doctor", "#,##0"),
    "spec_placed": ("especialistas_asignados", "specialists_placed", "#,##0"),
    "gp_placed": ("medicos_generales_asignados", "gps_placed", "#,##0"),
    "bonus_month": ("bono_mensual_mxn", "bonus_month_mxn", '"$"#,##0'),
    "budget_month": ("presupuesto_mensual_mxn", "budget_month_mxn", '"$"#,##0'),
    "budget_used": ("uso_presupuesto", "budget_used", "0.0%"),
    "hand_objective": ("objetivo_regla_manual", "hand_rule_objective", "#,##0.00"),
    "gap": ("brecha_mip", "mip_gap", "0.00%"),
    "seconds": ("segundos", "seconds", "0.00"),
    "message": ("mensaje", "message", None),
}
STATUS_WORDS = {"optimal": ("óptimo", "optimal"),
                "feasible": ("factible (no probado óptimo)", "feasible (not proven optimal)"),
                "infeasible": ("infactible", "infeasible"),
                "no_solution": ("sin solución", "no solution"),
                "error": ("error", "error")}

Point = dict[str, object]
OnResult = Callable[[int, int], None]  # (points done, points in all)


# --- points -----------------------------------------------------------------------------------

def budget_points(start: float, stop: float, steps: int) -> list[float]:
    """``steps`` evenly spaced monthly budgets from ``start`` to ``stop`` (both included)."""
    if steps < 1:
        raise ValueError("steps must be at least 1")
    if steps == 1:
        return [float(start)]
    return [round(float(b), 2) for b in np.linspace(float(start), float(stop), int(steps))]


def grid_column(name: object, scenario: Scenario) -> str | None:
    """The canonical grid column for a header, or None when it is not a sweep parameter.

    ``candidatos:<categoria>`` is matched to a category of the scenario ignoring case, accents
    and spaces; the canonical form carries the category as the scenario spells it.
    """
    text = str(name).strip()
    head, sep, tail = text.partition(":")
    if sep and normalize_key(head) == normalize_key(SUPPLY_PREFIX[:-1]):
        want = normalize_key(tail)
        for category in scenario.categories.index:
            if normalize_key(category) == want:
                return SUPPLY_PREFIX + str(category)
        return None
    key = normalize_key(text)
    return key if key in GRID_PARAMS else None


def point_what_if(point: Mapping[str, object], base: WhatIf | None = None) -> WhatIf:
    """The what-if of one point, on top of ``base`` (the point's values win)."""
    base = base or WhatIf()
    changes: dict[str, object] = {}
    bonus = dict(base.bonus)
    supply = dict(base.supply)
    for column, value in point.items():
        if column.startswith(SUPPLY_PREFIX):
            supply[column[len(SUPPLY_PREFIX):]] = int(value)
            continue
        target = GRID_PARAMS[column][0]
        if target.startswith("bonus:"):
            bonus[(SPECIALTY, int(target.split(":")[1]))] = float(value)
        else:
            changes[target] = value
    return replace(base, bonus=bonus, supply=supply, **changes)


def read_grid(path: str | Path, scenario: Scenario) -> list[Point]:
    """Points of a grid file: a CSV, or an xlsx whose sheet ``barrido`` (else the first) holds
    one column per parameter and one row per combination.

    Raises
    ------
    InputError
        With every problem at once (unknown column or category, a value that is not a number,
        out of range, not sí/no), each with the file's row and column.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError([Issue("file_missing", params={"path": str(path)})])
    if p.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        sheet, frame = _read_grid_xlsx(p.read_bytes())
    else:
        sheet, frame = p.name, _read_grid_csv(p)
    return parse_grid(frame, scenario, sheet)


def parse_grid(frame: pd.DataFrame, scenario: Scenario, sheet: str = "barrido") -> list[Point]:
    """Points from a table of raw cells (index = the file's row numbers, headers as written)."""
    issues: list[Issue] = []
    columns: dict[str, str] = {}
    for header in frame.columns:
        canonical = grid_column(header, scenario)
        if canonical is None:
            issues.append(Issue("grid_unknown_column", sheet=sheet, column=str(header),
                                params={"allowed": ", ".join([*GRID_PARAMS,
                                                              "candidatos:<categoria>"])}))
        elif canonical in columns.values():
            issues.append(Issue("duplicate_column", sheet=sheet, column=str(header),
                                params={"column": str(header)}))
        else:
            columns[header] = canonical
    points: list[Point] = []
    for row_number, row in frame.iterrows():
        point: Point = {}
        for header, canonical in columns.items():
            value, issue = _grid_value(canonical, row[header])
            if issue is not None:
                issues.append(replace(issue, sheet=sheet, row=int(row_number),
                                      column=str(header), value=row[header]))
            elif value is not None:
                point[canonical] = value
        points.append(point)
    if not points and not issues:
        issues.append(Issue("empty_sheet", sheet=sheet))
    if issues:
        raise InputError(issues)
    return points


def _grid_value(column: str, raw: object) -> tuple[object, Issue | None]:
    """A cell of the grid as a typed value (None = keep the scenario's), or the issue."""
    if raw is None or (isinstance(raw, float) and math.isnan(raw)) or str(raw).strip() == "":
        return None, None
    kind, lo, hi = ("int", 0, 1_000_000) if column.startswith(SUPPLY_PREFIX) else \
        GRID_PARAMS[column][1:]
    if kind == "bool":
        key = normalize_key(raw)
        if key in ("si", "yes", "1", "x", "true", "verdadero"):
            return True, None
        if key in ("no", "0", "false", "falso"):
            return False, None
        return None, Issue("bad_bool")
    try:
        number = float(str(raw).replace(",", "").replace("$", "").strip())
    except ValueError:
        return None, Issue("not_number")
    if not math.isfinite(number):
        return None, Issue("not_number")
    if kind == "int" and not number.is_integer():
        return None, Issue("not_integer")
    if lo is not None and number < lo:
        return None, Issue("below_min", params={"minimum": lo})
    if hi is not None and number > hi:
        return None, Issue("above_max", params={"maximum": hi})
    return (int(number) if kind == "int" else number), None


def _read_grid_csv(path: Path) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, sep=None, engine="python", dtype=str, keep_default_na=False,
                            encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError([Issue("unreadable", params={"detail": str(exc)[:200]})]) from None
    frame.index = pd.RangeIndex(2, 2 + len(frame))
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame[~(frame == "").all(axis=1)] if len(frame.columns) else frame


def _read_grid_xlsx(data: bytes) -> tuple[str, pd.DataFrame]:
    import python_calamine

    from planner.io.guards import check_sheet_part, check_xlsx_bytes

    package = check_xlsx_bytes(data)
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    names = list(book.sheet_names)
    wanted = next((n for n in names if normalize_key(n) in ("barrido", "grid", "rejilla")),
                  names[0] if names else None)
    if wanted is None:
        raise InputError([Issue("empty_sheet", sheet="barrido")])
    check_sheet_part(wanted, package)
    rows = book.get_sheet_by_name(wanted).to_python(skip_empty_area=False)
    first = next((i for i, r in enumerate(rows) if any(str(v).strip() for v in r)), None)
    if first is None:
        raise InputError([Issue("empty_sheet", sheet=wanted)])
    header = [str(h).strip() for h in rows[first]]
    keep = [j for j, h in enumerate(header) if h]
    body = [[r[j] if j < len(r) else None for j in keep] for r in rows[first + 1:]]
    frame = pd.DataFrame(body, columns=[header[j] for j in keep], dtype=object,
                         index=pd.RangeIndex(first + 2, first + 2 + len(body)))
    blank = frame.map(lambda v: v is None or str(v).strip() == "").all(axis=1)
    return wanted, frame[~blank]


# --- running ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Sweep:
    """The rows of a sweep (one per point, in point order) and how it ran."""

    table: pd.DataFrame
    params: tuple[str, ...]  # the grid columns that appear in the points
    mode: str  # serial | local_cluster | scheduler | client
    workers: int
    seconds: float
    settings: SolverSettings
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def worst_status(self) -> str:
        """error > no_solution > infeasible > feasible > optimal over every point."""
        order = ["optimal", "feasible", "infeasible", "no_solution", "error"]
        found = set(self.table["status"]) if len(self.table) else {"optimal"}
        return max(found, key=lambda s: order.index(s) if s in order else len(order))


def sweep_settings(scenario: Scenario, solver: str | None = None,
                   base: SolverSettings | None = None,
                   what_if: WhatIf | None = None) -> SolverSettings:
    """Settings of every point: the scenario's time limit and gap (after ``what_if``), no LP
    relaxation (the sweep reports plans, not marginal values).

    The solver's thread count is left as the process already has it: HiGHS fixes a global
    scheduler at its first solve in a process, and a later solve asking for another thread
    count fails outright (status 'no solution'), e.g. a serial sweep in the app after a solve.
    """
    s = settings_for(apply_overrides(scenario, what_if), solver, base)
    return replace(s, relaxation=False, log=False)


def run_sweep(scenario: Scenario, points: Sequence[Mapping[str, object]],
              base: WhatIf | None = None, settings: SolverSettings | None = None,
              workers: int = DEFAULT_WORKERS, scheduler: str | None = None,
              client: object | None = None, on_result: OnResult | None = None,
              lang: str = "es") -> Sweep:
    """Solve every point of the sweep; rows come back in point order.

    Parameters
    ----------
    scenario
        The validated scenario (sent to the workers once).
    points
        Grid column → value for each point (see :func:`point_what_if`).
    base
        What-if applied under every point (the point's own values win).
    settings
        Solver settings of every point; default :func:`sweep_settings`.
    workers
        Processes of the embedded ``LocalCluster``; 1 runs serially without Dask.
    scheduler
        Address of an existing Dask scheduler (``tcp://host:8786``); its workers must be able
        to import ``planner`` and ``models``.
    client
        An existing ``distributed.Client`` to use (the app keeps one per session).
    on_result
        Called with (done, total) as each point finishes (in completion order).
    lang
        Language of each row's ``message`` (why a point is infeasible).
    """
    points = [dict(p) for p in points]
    settings = settings or sweep_settings(scenario, what_if=base)
    started = time.perf_counter()
    if client is not None:
        rows = _run_on_client(client, scenario, points, base, settings, on_result, lang)
        mode, n = "client", _n_workers(client)
    elif scheduler:
        with _quiet_dask(), _client(address=scheduler) as c:
            rows = _run_on_client(c, scenario, points, base, settings, on_result, lang)
            mode, n = "scheduler", _n_workers(c)
    elif workers <= 1 or len(points) <= 1:
        rows, mode, n = _run_serial(scenario, points, base, settings, on_result, lang), \
            "serial", 1
    else:
        with _quiet_dask(), _client(workers=min(workers, len(points))) as c:
            rows = _run_on_client(c, scenario, points, base, settings, on_result, lang)
            mode, n = "local_cluster", min(workers, len(points))
    params = tuple(dict.fromkeys(k for p in points for k in p))
    table = _table(rows, points, params)
    return Sweep(table, params, mode, n, time.perf_counter() - started, settings)


def solve_point(scenario: Scenario, point: Mapping[str, object], base: WhatIf | None,
                settings: SolverSettings, lang: str = "es") -> dict[str, object]:
    """Solve one point and return its headline row (never raises: errors become a row)."""
    t0 = time.perf_counter()
    try:
        what_if = point_what_if(point, base)
        result = solve(scenario, what_if, settings)
    except Exception as exc:  # a bad combination or a solver crash: one row says so
        return {"status": "error", "message": f"{type(exc).__name__}: {exc}"[:300],
                "seconds": time.perf_counter() - t0}
    plan = result.plan
    row: dict[str, object] = {"status": plan.status.value, "objective": plan.objective,
                              "gap": plan.gap}
    budget = float(result.scenario.params.budget)
    row["budget_month"] = budget
    if result.indicators is not None:
        h = result.indicators.headline
        row.update(centres_at_target=h["centres_at_target_after"], centres=h["centres"],
                   centres_no_doctor=h["centres_no_doctor_after"], spec_placed=h["spec_placed"],
                   gp_placed=h["gp_placed"], bonus_month=h["bonus_month"],
                   budget_used=h["budget_used"])
    if result.hand is not None:
        row["hand_objective"] = result.hand.objective
    rules = getattr(plan, "rules", None)
    if not plan.status.has_solution and rules is not None and len(rules):
        from planner.analysis.indicators import rule_messages

        try:
            row["message"] = " ".join(rule_messages(
                rules, lang, alpha=result.scenario.params.equity_floor))[:1000]
        except Exception:  # the explanation is a courtesy; the status says it all
            pass
    row["seconds"] = time.perf_counter() - t0
    return row


def _run_serial(scenario: Scenario, points: list[Point], base: WhatIf | None,
                settings: SolverSettings, on_result: OnResult | None,
                lang: str) -> list[dict]:
    rows = []
    for i, point in enumerate(points):
        rows.append(solve_point(scenario, point, base, settings, lang))
        if on_result:
            on_result(i + 1, len(points))
    return rows


def _run_on_client(client: object, scenario: Scenario, points: list[Point],
                   base: WhatIf | None, settings: SolverSettings,
                   on_result: OnResult | None, lang: str) -> list[dict]:
    """Scatter the scenario once, submit one task per point, gather in point order."""
    from distributed import as_completed

    remote = client.scatter(scenario, broadcast=True)
    futures = [client.submit(solve_point, remote, point, base, settings, lang, pure=False)
               for point in points]
    index = {f.key: i for i, f in enumerate(futures)}
    rows: list[dict | None] = [None] * len(points)
    for done, future in enumerate(as_completed(futures, loop=client.loop), start=1):
        rows[index[future.key]] = future.result()
        if on_result:
            on_result(done, len(points))
    return [r for r in rows if r is not None]


def _n_workers(client: object) -> int:
    try:
        return len(client.scheduler_info()["workers"])
    except Exception:
        return 0


@contextlib.contextmanager
def _client(workers: int = DEFAULT_WORKERS, address: str | None = None) -> Iterator[object]:
    """A Dask client: on an embedded LocalCluster (processes, one thread each, no dashboard),
    or connected to ``address``."""
    from distributed import Client, LocalCluster

    if address:
        with Client(address, set_as_default=False) as client:
            yield client
        return
    # No dashboard; the scheduler's small health endpoint goes to a free local port instead of
    # trying 8787 (taken by any other Dask on the machine, which prints a warning).
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=logging.CRITICAL,
                      scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as cluster, \
            Client(cluster, set_as_default=False) as client:
        yield client


@contextlib.contextmanager
def _quiet_dask() -> Iterator[None]:
    """Dask's own loggers at CRITICAL while a sweep runs; the workers are silenced the same way
    by LocalCluster. (On a loaded machine the teardown can race a worker's heartbeat and log an
    ERROR traceback that means nothing to a planner; task errors still reach the rows.)"""
    names = ("distributed", "distributed.scheduler", "distributed.nanny", "distributed.worker",
             "distributed.core", "distributed.comm", "distributed.batched")
    saved = {n: logging.getLogger(n).level for n in names}
    for n in names:
        logging.getLogger(n).setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for n, level in saved.items():
            logging.getLogger(n).setLevel(level)


def _table(rows: list[dict], points: list[Point], params: tuple[str, ...]) -> pd.DataFrame:
    """One row per point: the point's parameters, then the headline columns."""
    records = []
    for i, (point, row) in enumerate(zip(points, rows, strict=True), start=1):
        rec: dict[str, object] = {"point": i}
        rec.update({k: point.get(k) for k in params})
        rec.update({k: row.get(k) for k in ROW_COLUMNS if k != "point"})
        records.append(rec)
    columns = ["point", *params, *[k for k in ROW_COLUMNS if k != "point"]]
    table = pd.DataFrame(records, columns=columns)
    for column in params:  # whole numbers stay whole where a point leaves one blank
        if column.startswith(SUPPLY_PREFIX) or GRID_PARAMS.get(column, ("", ""))[1] == "int":
            table[column] = table[column].astype("Int64")
    return table


def json_payload(sweep: Sweep, seconds: float, output: Path | None = None,
                 chart: Path | None = None) -> dict:
    """The ``planner sweep --json`` object: overall status, one record per point, how it ran.

    ``status`` is the worst over the points (``optimal`` < ``feasible`` < ``infeasible`` <
    ``no_solution`` < ``error``).
    """
    points = []
    for rec in sweep.table.to_dict("records"):
        points.append({k: _json_value(v) for k, v in rec.items()})
    return {"status": sweep.worst_status, "n_points": len(points), "params": list(sweep.params),
            "mode": sweep.mode, "workers": sweep.workers, "solver": sweep.settings.solver,
            "seconds": round(seconds, 3), "output": str(output) if output else None,
            "chart": str(chart) if chart else None, "points": points}


def _json_value(value: object) -> object:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        x = float(value)
        if math.isnan(x) or math.isinf(x):
            return None
        return int(x) if x.is_integer() else round(x, 6)
    return str(value)


# --- the frontier for the app ----------------------------------------------------------------

def budget_frontier(scenario: Scenario, what_if: WhatIf | None = None,
                    budgets: Sequence[float] | None = None, workers: int = DEFAULT_WORKERS,
                    settings: SolverSettings | None = None, scheduler: str | None = None,
                    client: object | None = None, include_current: bool = True,
                    on_result: OnResult | None = None, lang: str = "es") -> pd.DataFrame:
    """The budget–coverage frontier of ``scenario`` under ``what_if``: one plan per budget.

    Parameters
    ----------
    budgets
        Monthly bonus budgets (MXN); default 11 points from 0 to twice the current budget.
    include_current
        Add the current budget (the scenario's, or the what-if's) when it is not in
        ``budgets``; its row has ``is_current`` True so the app can mark it.

    Returns
    -------
    pandas.DataFrame
        Sorted by ``budget_month``: ``point, presupuesto_bono_mensual, status, objective,
        centres_at_target, centres, centres_no_doctor, spec_placed, gp_placed, bonus_month,
        budget_month, budget_used, hand_objective, gap, seconds, message, is_current``.
    """
    current = float(apply_overrides(scenario, what_if).params.budget)
    if budgets is None:
        budgets = budget_points(0.0, 2 * current if current > 0 else 50_000_000.0, 11)
    values = [float(b) for b in budgets]
    if include_current and not any(math.isclose(b, current) for b in values):
        values.append(current)
    sweep = run_sweep(scenario, [{BUDGET: b} for b in values], base=what_if,
                      settings=settings, workers=workers, scheduler=scheduler, client=client,
                      on_result=on_result, lang=lang)
    table = sweep.table.copy()
    table["is_current"] = np.isclose(table["budget_month"].astype(float), current)
    return table.sort_values("budget_month", kind="stable").reset_index(drop=True)


# --- chart and workbook -----------------------------------------------------------------------

def frontier_chart(table: pd.DataFrame, lang: str = "es", series: str | None = None):
    """An Altair chart of the frontier: weighted need covered, centres at target and specialists
    placed against the monthly budget (millions of MXN), one panel each.

    ``series`` names a column whose values are drawn as separate lines (other parameters of a
    grid); rows with ``is_current`` True are marked with a larger point.
    """
    import altair as alt

    es = lang == "es"
    data = table[table["status"].isin(["optimal", "feasible"])].copy()
    data["budget_m"] = data["budget_month"].astype(float) / 1e6
    current = data["is_current"] if "is_current" in data else pd.Series(False, index=data.index)
    data["actual"] = np.where(current.astype(bool), "actual" if es else "current", "")
    data["serie"] = data[series].astype(str) if series else ""
    panels = [("objective", "Necesidad ponderada cubierta" if es else "Weighted need covered"),
              ("centres_at_target", "Centros en la meta de MG" if es else "Centres at GP target"),
              ("spec_placed", "Especialistas asignados" if es else "Specialists placed")]
    x_title = ("Presupuesto mensual de bonos (millones de MXN)" if es
               else "Monthly bonus budget (million MXN)")
    charts = []
    for n, (column, title) in enumerate(panels, start=1):
        base = alt.Chart(data).encode(
            x=alt.X("budget_m:Q", title=x_title if n == len(panels) else None),
            y=alt.Y(f"{column}:Q", title=title, scale=alt.Scale(zero=False)),
            tooltip=[alt.Tooltip("budget_m:Q", title=x_title, format=",.2f"),
                     alt.Tooltip(f"{column}:Q", title=title, format=",.1f")],
        )
        if series:
            base = base.encode(color=alt.Color("serie:N", title=series))
        line = base.mark_line(point=True) if series else base.mark_line(
            point=alt.OverlayMarkDef(color="#235B4E"), color="#235B4E")
        mark = base.transform_filter(alt.datum.actual != "").mark_point(
            size=160, filled=True, color="#9F2241")
        charts.append((line + mark).properties(width=520, height=150))
    title = ("Frontera presupuesto–cobertura" if es else "Budget–coverage frontier")
    return alt.vconcat(*charts).properties(title=title)


def frontier_png(table: pd.DataFrame, lang: str = "es", series: str | None = None,
                 scale: float = 2.0) -> bytes:
    """The frontier chart rendered to PNG with vl-convert (no browser, no network)."""
    import vl_convert

    spec = frontier_chart(table, lang, series).to_json()
    return vl_convert.vegalite_to_png(spec, scale=scale)


def chart_path(out: str | Path) -> Path:
    """Where the frontier PNG goes beside the sweep workbook: ``<name>_frontera.png``."""
    p = Path(out)
    return p.with_name(f"{p.stem}_frontera.png")


def varies(table: pd.DataFrame, column: str) -> bool:
    """Whether ``column`` takes more than one value among the rows."""
    return column in table and table[column].nunique(dropna=True) > 1


def series_column(sweep: Sweep) -> str | None:
    """The other varying parameters, joined into one label column, when the budget varies."""
    others = [c for c in sweep.params if c != BUDGET and varies(sweep.table, c)]
    if not others:
        return None
    return "combinacion"


def write_sweep_workbook(sweep: Sweep, scenario: Scenario, out: str | Path, lang: str = "es",
                         protect: Sequence[str | Path] = (), source: str = "") -> tuple[Path,
                                                                                       Path | None]:
    """Write the sweep workbook (``barrido`` rows, ``frontera`` chart, ``parametros``) and the
    frontier PNG beside it, both atomically and never over ``protect``.

    Returns the workbook path and the PNG path (None when the budget does not vary).
    """
    from openpyxl import Workbook
    from openpyxl.drawing.image import Image

    from planner.io.xlsx import TITLE_FONT, write_notes, write_table

    es = lang == "es"
    j = 0 if es else 1
    table = sweep.table.copy()
    png = None
    label = series_column(sweep)
    if label:
        others = [c for c in sweep.params if c != BUDGET and varies(table, c)]
        table[label] = [", ".join(f"{c}={_show(r[c], lang)}" for c in others)
                        for _, r in table.iterrows()]
    if varies(table, "budget_month"):
        png = frontier_png(table, lang, label)

    def write(tmp: Path) -> None:
        wb = Workbook()
        wb.remove(wb.active)
        people = table.drop(columns=[label] if label else []).copy()
        people["status"] = [STATUS_WORDS.get(s, (s, s))[j] for s in people["status"]]
        formats = {}
        names = {}
        for col in people.columns:
            if col in ROW_COLUMNS:
                names[col] = ROW_COLUMNS[col][j]
                if ROW_COLUMNS[col][2]:
                    formats[ROW_COLUMNS[col][j]] = ROW_COLUMNS[col][2]
            elif col == BUDGET or col.startswith("bono_zona"):
                formats[col] = '"$"#,##0'
        people = people.rename(columns=names)
        if "minimo_un_medico_por_centro" in people:
            people["minimo_un_medico_por_centro"] = people["minimo_un_medico_por_centro"].map(
                {True: "sí" if es else "yes", False: "no"})
        write_table(wb, "barrido", people, formats)
        ws = wb.create_sheet("frontera")
        ws.append(["Frontera presupuesto–cobertura" if es else "Budget–coverage frontier"])
        ws["A1"].font = TITLE_FONT
        if png is not None:
            ws.append([("Necesidad ponderada cubierta, centros en la meta de médicos generales y "
                        "especialistas asignados según el presupuesto mensual de bonos; una "
                        "línea por combinación de los demás parámetros.") if es else
                       ("Weighted need covered, centres at the GP target and specialists placed "
                        "against the monthly bonus budget; one line per combination of the "
                        "other parameters.")])
            image = Image(io.BytesIO(png))
            image.width, image.height = image.width / 2, image.height / 2
            ws.add_image(image, "A4")
        else:
            ws.append(["El presupuesto no varía entre los puntos; no hay frontera que dibujar."
                       if es else "The budget does not vary across points; no frontier to "
                       "draw."])
        p = scenario.params
        rows = [(k, _show(getattr(p, attr), lang)) for k, attr in _param_names().items()]
        rows += [("solver", sweep.settings.solver),
                 ("limite_tiempo_s", str(sweep.settings.time_limit)),
                 ("brecha_mip", str(sweep.settings.mip_gap)),
                 ("puntos" if es else "points", str(len(table))),
                 ("ejecucion" if es else "execution", f"{sweep.mode} ({sweep.workers})"),
                 ("segundos" if es else "seconds", f"{sweep.seconds:.2f}")]
        if source:
            rows.insert(0, ("libro" if es else "workbook", source))
        write_notes(wb, "parametros", "Escenario base del barrido" if es else
                    "Base scenario of the sweep", rows, widths=(36, 60))
        wb.save(tmp)

    path = atomic_write(out, write, protect=protect)
    png_path = None
    if png is not None:
        png_path = atomic_write(chart_path(out), lambda tmp: tmp.write_bytes(png),
                                protect=protect)
    return path, png_path


def _param_names() -> dict[str, str]:
    from planner.core.scenario import PARAM_NAMES

    return PARAM_NAMES


def _show(value: object, lang: str = "es") -> str:
    """A parameter value as a planner reads it: 25,000 not 25000.0, sí/no not True/False."""
    if isinstance(value, (bool, np.bool_)):
        return ("sí" if lang == "es" else "yes") if value else "no"
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return f"{int(value):,}"
    return str(value)
