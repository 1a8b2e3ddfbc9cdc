"""Streamlit's own English strings, said in the planner's language where CSS can reach them, and
the upload problems as a readable table (issue 15). No Streamlit import: the app injects the CSS.

Streamlit 1.67 has no locale setting. What CSS can change: the uploader's button ("Upload") and
its instructions ("20MB per file • XLSX"), and the toolbar's "Stop" while a run is going, hidden
and replaced by the catalogue's words. What it cannot: "Stopping...", the file chip's size
("15.0KB") and its "Remove …" label, the "⋮" main menu's items ("Print", "Record a screencast",
"About"…), the dataframe toolbar's tooltips ("Download as CSV", "Search", "Fullscreen"), the
chart's "…" menu (Vega's "Save as SVG/PNG", "View Source") and the connection errors: they are
drawn by components with no stable hook (or only as aria labels) and stay in English.
"""

from __future__ import annotations

import pandas as pd

from planner.core.words import t

# the dropzone's own button, not the chosen file's remove "x" (a minimal button)
UPLOAD_BUTTON = '[data-testid="stFileUploaderDropzone"] button:not([kind="minimal"])'
UPLOAD_NOTE = '[data-testid="stFileUploaderDropzoneInstructions"]'
STOP_BUTTON = '[data-testid="stStatusWidget"] button'  # "Stop" while the script runs


def _css_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def uploader_css(lang: str, max_mb: int) -> str:
    """A <style> block that writes the uploader's button and size note in ``lang``."""
    button = _css_text(t("sw_upload_button", lang))
    note = _css_text(t("sw_upload_note", lang, mb=max_mb))
    return (
        "<style>"
        f"{UPLOAD_BUTTON} {{font-size: 0;}}"
        f"{UPLOAD_BUTTON} span, {UPLOAD_BUTTON} div {{font-size: 0;}}"
        f'{UPLOAD_BUTTON}::after {{content: "{button}"; font-size: 0.875rem;}}'
        f"{UPLOAD_NOTE} > * {{display: none;}}"
        f'{UPLOAD_NOTE}::after {{content: "{note}"; font-size: 0.8rem; opacity: 0.7;}}'
        f"{STOP_BUTTON} {{font-size: 0;}}"
        f'{STOP_BUTTON}::after {{content: "{_css_text(t("sw_stop", lang))}"; '
        "font-size: 0.875rem;}"
        "</style>"
    )


def problem_table(table: pd.DataFrame) -> pd.DataFrame:
    """The problems table (hoja, fila, columna, valor, problema) with the row as text: blank where
    a problem has no row (a file-level problem), never ``None`` or ``<NA>``."""
    out = table.copy()
    row = out.columns[1]
    out[row] = ["" if pd.isna(v) else str(int(v)) for v in out[row]]
    return out


def problem_lines(table: pd.DataFrame, lang: str, limit: int = 30) -> list[str]:
    """The first ``limit`` problems as sentences that wrap: where (sheet, row, column, value),
    then the problem; a last line says how many more are in the table."""
    sheet, row, column, value, problem = table.columns
    lines = []
    for rec in table.head(limit).itertuples(index=False):
        where = []
        if getattr(rec, sheet, ""):
            where.append(t("sw_where_sheet", lang, sheet=getattr(rec, sheet)))
        r = getattr(rec, row)
        if r not in ("", None) and not (isinstance(r, float) and pd.isna(r)) and r is not pd.NA:
            where.append(t("sw_where_row", lang, row=r))
        if getattr(rec, column, ""):
            where.append(t("sw_where_column", lang, column=getattr(rec, column)))
        if getattr(rec, value, ""):
            where.append(t("sw_where_value", lang, value=getattr(rec, value)))
        text = getattr(rec, problem)
        lines.append(f"**{', '.join(where)}:** {text}" if where else text)
    if len(table) > limit:
        lines.append(t("sw_more_problems", lang, n=len(table) - limit))
    return lines
