"""Formatting of tables in openpyxl sheets for people: bold frozen headers, filters, widths, formats."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from planner.core.privacy import redact
from planner.io.fast_xlsx import StreamedWorkbook

HEADER_FILL = PatternFill("solid", fgColor="235B4E")  # IMSS-Bienestar green
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14, color="235B4E")
WRAP = Alignment(wrap_text=True, vertical="top")

MXN = '"$"#,##0'
MXN_CENTS = '"$"#,##0.00'
INT = "#,##0"
DEC = "#,##0.00"
DEC3 = "#,##0.000"
PCT = "0.0%"


def write_table(wb: Workbook, title: str, df: pd.DataFrame,
                formats: Mapping[str, str] | None = None,
                widths: Mapping[str, float] | None = None,
                filters: bool = True, wrap: Iterable[str] = ()) -> Worksheet:
    """Write ``df`` as a sheet with a styled, frozen header row and an autofilter; the columns
    named in ``wrap`` wrap their text (top-aligned).

    In a :class:`planner.io.fast_xlsx.StreamedWorkbook` the body (rows 2…) is rendered in bulk
    when the workbook is saved: its cells are not openpyxl cells, so style them only through
    these arguments; rows appended afterwards go below the table as usual.
    """
    ws = wb.create_sheet(title)
    formats = dict(formats or {})
    widths = dict(widths or {})
    wrapped = set(wrap)
    columns = [str(c) for c in df.columns]
    ws.append(columns)
    for cell in ws[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    n = len(df)
    _write_body(ws, df, [formats.get(name) for name in columns],
                [name in wrapped for name in columns])
    for j, name in enumerate(columns, start=1):
        letter = get_column_letter(j)
        width = widths.get(name)
        if width is None:
            sample = df.iloc[:200, j - 1].astype(str).str.len().max() if n else 0
            sample = 0 if pd.isna(sample) else int(sample)
            width = min(max(len(name) + 2, sample + 2, 8), 60)
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    if filters and len(columns):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{n + 1}"
    return ws


# A workbook with this attribute set (:func:`guard`) has every table body's text redacted as it
# is written; result workbooks are, input workbooks (the template, `make data`) are not: an
# input is written as given.
GUARD = "guard_personal_data"


def guard(wb: Workbook) -> Workbook:
    """Mark ``wb`` as an output: its tables' text goes through the personal-data guard."""
    setattr(wb, GUARD, True)
    return wb


def redact_cells(wb: Workbook) -> None:
    """Every text cell of ``wb`` (openpyxl's own cells: headers, summaries, notes) with
    personal-looking values replaced (planner/core/privacy.py); table bodies went through the
    guard as they were written (:func:`_column_values`). Called just before every result
    workbook is saved."""
    for ws in wb.worksheets:
        for cell in ws._cells.values():
            value = cell.value
            if isinstance(value, str) and cell.data_type != "f":
                cleaned = redact(value)
                if cleaned != value:
                    cell.value = cleaned


def _write_body(ws: Worksheet, df: pd.DataFrame, formats: list[str | None],
                wraps: list[bool]) -> None:
    """Rows 2.. of ``ws``: one cell per non-empty value, each column's number format attached
    as the cell is made (a column's style is computed once, not set cell by cell; about 2× faster
    than ``append`` then formatting, benchmarks/README.md). A StreamedWorkbook takes the values
    to render in bulk instead (planner/io/fast_xlsx.py)."""
    styles = []
    for j, (fmt, wrap) in enumerate(zip(formats, wraps, strict=True), start=1):
        if fmt is None and not wrap:
            styles.append(None)
            continue
        probe = Cell(ws, row=1, column=j)
        if fmt is not None:
            probe.number_format = fmt
        if wrap:
            probe.alignment = WRAP
        styles.append(probe._style)
    wb = ws.parent
    guard = bool(getattr(wb, GUARD, False))
    if isinstance(wb, StreamedWorkbook) and len(df):
        ids = [None if style is None else Cell(ws, style_array=style).style_id
               for style in styles]
        if wb.defer(ws, [_column_values(df.iloc[:, j], guard) for j in range(df.shape[1])],
                    ids):
            ws._current_row = max(ws._current_row, len(df) + 1)
            return
    cells = ws._cells  # what Worksheet.append fills; openpyxl 3.1
    for j, style in enumerate(styles, start=1):
        for i, value in enumerate(_column_values(df.iloc[:, j - 1], guard), start=2):
            if value is not None:
                cells[(i, j)] = Cell(ws, row=i, column=j, value=value, style_array=style)
    ws._current_row = max(ws._current_row, len(df) + 1)  # later appends go below the table


def _column_values(col: pd.Series, guard: bool = False) -> list[object]:
    """A column as plain Python values, missing ones as None; with ``guard``, text through the
    personal-data guard (planner/core/privacy.py)."""
    kind = col.dtype.kind if isinstance(col.dtype, np.dtype) else "O"  # nullable: _plain
    if kind in "iub":
        return col.tolist()
    if kind == "f":
        return [None if v != v else v for v in col.tolist()]
    values = [_plain(v) for v in col.tolist()]
    texts = {v for v in values if isinstance(v, str)} if guard else set()
    if not texts:
        return values
    cleaned = {v: redact(v) for v in texts}
    if all(cleaned[v] is v for v in texts):
        return values
    return [cleaned[v] if isinstance(v, str) else v for v in values]


def _plain(value: object) -> object:
    """A cell value openpyxl accepts: NaN/NA become empty, numpy scalars become Python ones."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(value, "item"):
        return value.item()
    return value


def write_notes(wb: Workbook, title: str, heading: str, rows: list[tuple[str, ...]],
                widths: tuple[float, ...] = (28, 34, 100)) -> Worksheet:
    """A text sheet: a heading, then rows of wrapped text (LEEME, notes)."""
    ws = wb.create_sheet(title)
    ws.append([heading])
    ws["A1"].font = TITLE_FONT
    ws.append([])
    for row in rows:
        ws.append(list(row))
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = WRAP
    return ws
