"""Big tables written fast inside an openpyxl workbook.

openpyxl makes one ``Cell`` object per value and serialises each one through its XML writer:
about 13 µs a cell, 10 s for the national result workbook's ~380,000 cells (write-only mode
still makes and serialises a cell object per styled value: ~1.4× faster, measured). A
:class:`StreamedWorkbook` is an ordinary openpyxl ``Workbook`` — sheets, header cells, fonts,
fills, column widths, frozen panes, filters, page set-up and every cell outside a table body
stay openpyxl's — except that :func:`planner.io.xlsx.write_table` hands it each table's body
(rows 2…n+1) as columns of plain values. On ``save`` openpyxl writes the workbook, and the
bodies' ``<row>`` elements are rendered here, column by column, and put in their sheets'
``<sheetData>`` in the same form openpyxl gives them (inline strings, ``%.16g`` numbers, the
column's number format as the cell's style, empty values left out).

A body whose values openpyxl would treat specially (text starting with ``=`` — a formula —,
error codes, control characters, text longer than Excel's 32,767 characters, dates or other
types) is not taken: :meth:`StreamedWorkbook.defer` returns False and the caller writes it
with openpyxl cells as before.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

MAX_TEXT = 32_767  # Excel's (and openpyxl's) longest cell text


@dataclass
class _Body:
    ws: Worksheet
    n_rows: int
    n_cols: int
    xml: bytes  # the <row> elements of rows 2..n_rows+1


class StreamedWorkbook(Workbook):
    """An openpyxl ``Workbook`` whose table bodies are rendered in bulk on ``save``."""

    def __init__(self) -> None:
        super().__init__()
        self._bodies: list[_Body] = []

    def defer(self, ws: Worksheet, columns: Sequence[list], styles: Sequence[int | None]) -> bool:
        """Take the body of a table whose header is row 1 of ``ws``: ``columns`` of plain
        values (None for an empty cell), each with its cell style id (None: no style).
        False when a value needs openpyxl's own handling (nothing is taken then)."""
        n_rows = len(columns[0]) if columns else 0
        rendered = []
        for j, (values, style) in enumerate(zip(columns, styles, strict=True), start=1):
            cells = _render_column(get_column_letter(j), values, style)
            if cells is None:
                return False
            rendered.append(cells)
        rows = [f'<row r="{i}">{"".join(cells)}</row>'
                for i, cells in enumerate(zip(*rendered), start=2)] if rendered else []
        self._bodies.append(_Body(ws, n_rows, len(columns), "".join(rows).encode("utf-8")))
        return True

    def save(self, filename) -> None:
        """openpyxl's workbook, then each deferred body put in its sheet."""
        if not self._bodies:
            super().save(filename)
            return
        for body in self._bodies:  # nothing else may have written into a body's rows
            clash = [rc for rc in body.ws._cells if 2 <= rc[0] <= body.n_rows + 1]
            if clash:
                raise RuntimeError(f"cells written into the body of sheet {body.ws.title!r}: "
                                   f"{clash[:3]}")
        super().save(filename)  # openpyxl's own workbook first, at ``filename``; then read back
        with open(filename, "rb") as fh:
            buf = io.BytesIO(fh.read())
        by_part = {body.ws.path[1:]: body for body in self._bodies}
        with zipfile.ZipFile(buf) as src, zipfile.ZipFile(
                filename, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as dst:
            for info in src.infolist():
                data = src.read(info)
                body = by_part.get(info.filename)
                if body is not None:
                    data = _splice(data, body)
                dst.writestr(info, data)


def _splice(sheet: bytes, body: _Body) -> bytes:
    """``sheet``'s XML with ``body``'s rows after row 1 and its dimension covering them."""
    ws = body.ws
    max_row = max(body.n_rows + 1, ws.max_row)
    max_col = max(body.n_cols, ws.max_column, 1)
    # openpyxl writes these with lxml as <x/> and without it as <x />
    sheet, n = re.subn(rb'<dimension ref="[^"]*"\s*/>',
                       f'<dimension ref="A1:{get_column_letter(max_col)}{max_row}"/>'.encode(),
                       sheet, count=1)
    if n != 1:
        raise RuntimeError("sheet XML without a dimension")
    sheet = re.sub(rb"<sheetData\s*/>", b"<sheetData></sheetData>", sheet, count=1)
    start = sheet.index(b"<sheetData>") + len(b"<sheetData>")
    end = sheet.index(b"</sheetData>", start)
    at = end
    for m in re.finditer(rb'<row r="(\d+)"', sheet[start:end]):
        if int(m.group(1)) > 1:
            at = start + m.start()
            break
    return sheet[:at] + body.xml + sheet[at:]


def _render_column(letter: str, values: list, style: int | None) -> list[str] | None:
    """Each value's ``<c>`` element as openpyxl writes it ("" for None), or None when a value
    needs openpyxl's own handling."""
    s = "" if style is None else f' s="{style}"'
    kinds = {type(v) for v in values}
    kinds.discard(type(None))
    if not kinds <= {int, float, bool, str}:
        return None
    if kinds <= {int, float} and (float not in kinds or all(
            v is None or math.isfinite(v) for v in values)):
        return ["" if v is None else f'<c r="{letter}{i}"{s} t="n"><v>{v:.16g}</v></c>'
                for i, v in enumerate(values, start=2)]
    texts: dict[str, str] = {}
    out = []
    for i, v in enumerate(values, start=2):
        if v is None:
            out.append("")
        elif isinstance(v, str):
            inner = texts.get(v)
            if inner is None:
                inner = _text(v)
                if inner is None:
                    return None
                texts[v] = inner
            out.append(f'<c r="{letter}{i}"{s} t="inlineStr">{inner}</c>')
        elif isinstance(v, bool):
            out.append(f'<c r="{letter}{i}"{s} t="b"><v>{int(v)}</v></c>')
        else:
            num = f"{v:.16g}" if math.isfinite(v) else ""
            out.append(f'<c r="{letter}{i}"{s} t="n"><v>{num}</v></c>')
    return out


def _text(value: str) -> str | None:
    """An inline string's ``<is>`` element, or None for text openpyxl treats otherwise."""
    if value == "":
        return ""  # openpyxl writes an empty text cell as <c r=".." t="inlineStr"></c>
    if (len(value) > MAX_TEXT or (len(value) > 1 and value.startswith("="))
            or value in ERROR_CODES or ILLEGAL_CHARACTERS_RE.search(value)):
        return None
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    space = ' xml:space="preserve"' if value != value.strip() else ""
    return f"<is><t{space}>{escaped}</t></is>"
