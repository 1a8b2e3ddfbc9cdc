"""Sweep reports: the headline row of each point, the JSON object, the budget–coverage
frontier chart (Altair, PNG) and the sweep workbook. A finished :class:`~planner.core.sweep.Sweep`
comes in (run by :func:`planner.pipeline.run_sweep`); nothing is solved here.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from planner.analysis import rule_check
from planner.core.result import Result
from planner.core.scenario import Scenario
from planner.core.schema import BUDGET
from planner.core.sweep import Sweep
from planner.core.words import pair, t
from planner.io.files import atomic_write

# Headline columns of a sweep row (internal name -> Excel format; names: sweep_col_* keys).
_ROW_FORMATS: dict[str, str | None] = {
    "point": None,
    "status": None,
    "objective": "#,##0.00",
    "centres_at_target": "#,##0",
    "centres": "#,##0",
    "centres_no_doctor": "#,##0",
    "spec_placed": "#,##0",
    "gp_placed": "#,##0",
    "bonus_month": '"$"#,##0',
    "budget_month": '"$"#,##0',
    "budget_used": "0.0%",
    "hand_objective": "#,##0.00",
    "gap": "0.00%",
    "rules_not_imposed": None,  # estable points: the rules deferred acceptance does not impose
    "rule_shortfall": None,  # ... and how far the stable plan falls short of each
    "seconds": "0.00",
    "message": None,
}
ROW_COLUMNS: dict[str, tuple[str, str, str | None]] = {
    c: (*pair(f"sweep_col_{c}"), fmt) for c, fmt in _ROW_FORMATS.items()}
STATUS_WORDS = {s: pair(f"status_word_{s}")
                for s in ("optimal", "stable", "feasible", "infeasible", "no_solution", "error")}


def point_row(result: Result, lang: str = "es") -> dict[str, object]:
    """The headline row of one solved point (``seconds`` is added by the caller)."""
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
    row.update(rule_check.row_columns(result.scenario, plan, lang))
    rules = getattr(plan, "rules", None)
    if not plan.status.has_solution and rules is not None and len(rules):
        from planner.analysis.indicators import rule_messages

        try:
            row["message"] = " ".join(rule_messages(
                rules, lang, alpha=result.scenario.params.equity_floor))[:1000]
        except Exception:  # the explanation is a courtesy; the status says it all
            pass
    return row

# --- JSON ------------------------------------------------------------------------------------


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


# --- chart and workbook -----------------------------------------------------------------------

def frontier_chart(table: pd.DataFrame, lang: str = "es", series: str | None = None):
    """An Altair chart of the frontier: weighted need covered, centres at target and specialists
    placed against the monthly budget (millions of MXN), one panel each.

    ``series`` names a column whose values are drawn as separate lines (other parameters of a
    grid); rows with ``is_current`` True are marked with a larger point.
    """
    import altair as alt

    data = table[table["status"].isin(["optimal", "stable", "feasible"])].copy()
    data["budget_m"] = data["budget_month"].astype(float) / 1e6
    current = data["is_current"] if "is_current" in data else pd.Series(False, index=data.index)
    data["actual"] = np.where(current.astype(bool), t("sweep_current", lang), "")
    data["serie"] = data[series].astype(str) if series else ""
    panels = [("objective", t("sweep_panel_objective", lang)),
              ("centres_at_target", t("sweep_panel_at_target", lang)),
              ("spec_placed", t("sweep_panel_spec_placed", lang))]
    x_title = t("sweep_axis_budget", lang)
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
    title = t("sweep_frontier_title", lang)
    return alt.vconcat(*charts).properties(title=title)


def frontier_png(table: pd.DataFrame, lang: str = "es", series: str | None = None,
                 scale: float = 2.0) -> bytes:
    """The frontier chart rendered to PNG with vl-convert (no browser, no network)."""
    import vl_convert

    spec = frontier_chart(table, lang, series).to_json()
    return vl_convert.vegalite_to_png(spec, scale=scale)


def chart_path(out: str | Path) -> Path:
    """Where the frontier PNG goes beside the sweep workbook: the book's own name, ``.png``
    (``resultados/frontera.xlsx`` → ``resultados/frontera.png``)."""
    return Path(out).with_suffix(".png")


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

    from planner.io.xlsx import TITLE_FONT, guard, redact_cells, write_notes, write_table

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
        wb = guard(Workbook())
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
                {True: t("word_yes", lang), False: t("word_no", lang)})
        write_table(wb, "barrido", people, formats)
        ws = wb.create_sheet("frontera")
        ws.append([t("sweep_frontier_title", lang)])
        ws["A1"].font = TITLE_FONT
        if png is not None:
            ws.append([t("sweep_frontier_note", lang)])
            image = Image(io.BytesIO(png))
            image.width, image.height = image.width / 2, image.height / 2
            ws.add_image(image, "A4")
        else:
            ws.append([t("sweep_no_frontier", lang)])
        p = scenario.params
        rows = [(k, _show(getattr(p, attr), lang)) for k, attr in _param_names().items()]
        rows += [("solver", sweep.settings.solver),
                 ("limite_tiempo_s", str(sweep.settings.time_limit)),
                 ("brecha_mip", str(sweep.settings.mip_gap)),
                 (t("sweep_note_points", lang), str(len(table))),
                 (t("sweep_note_execution", lang), f"{sweep.mode} ({sweep.workers})"),
                 (t("sweep_note_seconds", lang), f"{sweep.seconds:.2f}")]
        if source:
            rows.insert(0, (t("sweep_note_workbook", lang), source))
        write_notes(wb, "parametros", t("sweep_base_title", lang), rows, widths=(36, 60))
        redact_cells(wb)
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
        return t("word_yes" if value else "word_no", lang)
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return f"{int(value):,}"
    return str(value)
