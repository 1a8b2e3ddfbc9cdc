"""The result workbook written fast (planner/io/fast_xlsx.py) is the workbook a planner saw before.

Two checks on the bundled scenarios (Hidalgo; national with its acceptance curves and a
simulation) and on small cases with a candidate list and an active rule:

* against an independent reader (python-calamine, which shares no code with openpyxl or with
  the writer): every table sheet's header and every value equals what the ``Result`` holds;
* against openpyxl's own cell-by-cell workbook of the same result (``result_book.BOOK =
  Workbook``, the writer before the change): the same sheets, dimensions, frozen panes, filters,
  column widths, and per cell the same value, type, number format, font, fill and alignment.
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook
from python_calamine import CalamineWorkbook

from planner.analysis.expected import acceptance_report
from planner.core.scenario import WhatIf
from planner.core.words import t
from planner.io.fast_xlsx import StreamedWorkbook
from planner.io.xlsx import INT, MXN, write_table
from planner.pipeline import load_scenario, solve
from planner.report import result_book
from tests.builders import MG, make_workbook
from tests.test_matching import with_candidates

ROOT = Path(__file__).resolve().parent.parent


def _hidalgo():
    scenario, _ = load_scenario(ROOT / "inputs" / "hidalgo_2025.xlsx")
    return solve(scenario)


def _national():
    scenario, _ = load_scenario(ROOT / "inputs" / "nacional_2024.xlsx")
    result = solve(scenario)
    return replace(result, acceptance=acceptance_report(result, 200, 0))


def _candidates(tmp: Path):
    path = make_workbook(tmp / "cand.xlsx", with_candidates(
        [("A", MG, 7, ["CS0002", "CS0001"], 90), ("B", MG, 20, ["CS0002"], 80),
         ("C & <D>", MG, 7, ["  CS0001"], None)]))
    scenario, _ = load_scenario(path)
    return solve(scenario, WhatIf(assignment_mode="optimo", budget=25_000))


def _rules(tmp: Path):
    from tests.test_rules import links_book

    scenario, _ = load_scenario(links_book(tmp))
    return solve(scenario)


CASES = {"hidalgo": _hidalgo, "national": _national}


@pytest.fixture(scope="module", params=["hidalgo", "national", "candidates", "rules"])
def books(request, tmp_path_factory):
    """(result, fast workbook path, openpyxl cell-by-cell workbook path) of one case."""
    tmp = tmp_path_factory.mktemp(request.param)
    make = CASES.get(request.param)
    result = make() if make else (_candidates if request.param == "candidates" else _rules)(tmp)
    assert result.solved
    fast = result_book.write_result_workbook(result, tmp / "fast.xlsx")
    saved = result_book.BOOK
    result_book.BOOK = Workbook
    try:
        plain = result_book.write_result_workbook(result, tmp / "plain.xlsx")
    finally:
        result_book.BOOK = saved
    return result, fast, plain


def _calamine(path: Path, sheet: str) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def _same(read: object, held: object) -> bool:
    """A value read back equals the one the Result holds (numbers to the 16 digits written)."""
    if held is None or (isinstance(held, float) and math.isnan(held)) or held is pd.NA:
        return read in ("", None)
    if isinstance(held, bool):
        return read == ("sí" if held else "no")
    if isinstance(held, (int, float)) and not isinstance(read, str):
        return math.isclose(float(read), float(held), rel_tol=1e-15, abs_tol=0.0)
    return read == held


def _check_table(path: Path, sheet: str, frame: pd.DataFrame) -> None:
    """``sheet`` holds ``frame`` (internal column names, headers from the catalogue)."""
    rows = _calamine(path, sheet)
    header = [t(f"bookh_{c}", "es") for c in frame.columns]
    assert rows[0][:len(header)] == header
    assert len(rows) - 1 == len(frame), sheet
    for j, column in enumerate(frame.columns):
        for i, held in enumerate(frame[column].tolist()):
            read = rows[i + 1][j]
            assert _same(read, held), (sheet, column, i, read, held)


def test_tables_hold_what_the_result_holds(books):
    result, fast, _ = books
    ind = result.indicators
    names = CalamineWorkbook.from_path(str(fast)).sheet_names
    assert names[:5] == ["resumen", "por entidad", "por categoría", "asignaciones", "unidades"]
    _check_table(fast, "asignaciones", ind.assignments)
    _check_table(fast, "unidades", ind.units.reset_index().drop(columns=["lat", "lon"]))
    _check_table(fast, "por categoría", ind.by_category)
    _check_table(fast, "por entidad", result_book.by_state_table(result))
    if result.acceptance is not None:  # per state, as the acceptance report holds it
        rows = _calamine(fast, "simulación")
        by_state = result.acceptance.by_state
        assert len(rows) - 1 == len(by_state)
        for j, h in enumerate(rows[0]):
            column = next(c for c, (key, _) in
                          result_book.acceptance_book.STATE_COLUMNS.items() if t(key, "es") == h)
            for i, held in enumerate(by_state[column].tolist()):
                assert _same(rows[i + 1][j], held), (column, i)
    if result.candidates is not None:
        rows = _calamine(fast, "candidatos")
        assert [r[0] for r in rows[1:]] == ["A", "B", "C & <D>"]  # folios, text escaped


def _style(cell, cache: dict | None = None) -> tuple:
    """What a planner sees of a cell's style (StyleProxy objects do not compare across
    workbooks, their reprs do); ``cache`` by the cell's style array, per workbook."""
    key = None if cell._style is None else tuple(cell._style)
    if cache is not None and key in cache:
        return cache[key]
    seen = (cell.number_format, repr(cell.font), repr(cell.fill), repr(cell.alignment))
    if cache is not None:
        cache[key] = seen
    return seen


def test_same_workbook_as_openpyxl_cell_by_cell(books):
    _, fast, plain = books
    a, b = load_workbook(plain), load_workbook(fast)
    assert a.sheetnames == b.sheetnames
    cells = 0
    cache_a: dict = {}
    cache_b: dict = {}
    for name in a.sheetnames:
        x, y = a[name], b[name]
        assert (x.dimensions, x.freeze_panes, x.auto_filter.ref) == \
            (y.dimensions, y.freeze_panes, y.auto_filter.ref), name
        assert ({k: d.width for k, d in x.column_dimensions.items()}
                == {k: d.width for k, d in y.column_dimensions.items()}), name
        for row_x, row_y in zip(x.iter_rows(), y.iter_rows(), strict=True):
            for cx, cy in zip(row_x, row_y, strict=True):
                if name == "resumen" and cx.row == 4:  # "Generado: <minute of writing>"
                    continue
                assert (cx.value, cx.data_type) == (cy.value, cy.data_type), (name, cx.coordinate)
                assert _style(cx, cache_a) == _style(cy, cache_b), (name, cx.coordinate)
                cells += 1
    assert cells > 100


def _pair(tmp: Path, df: pd.DataFrame, formats: dict, notes: bool = True) -> tuple[Path, Path]:
    """``df`` written by write_table into a plain and a streamed workbook, a note below."""
    paths = []
    for cls, name in ((Workbook, "plain.xlsx"), (StreamedWorkbook, "fast.xlsx")):
        wb = cls()
        wb.remove(wb.active)
        ws = write_table(wb, "tabla", df, formats, wrap=["texto"])
        if notes:
            ws.append([])
            ws.append(["nota al pie"])
        wb.save(tmp / name)
        paths.append(tmp / name)
    return paths[0], paths[1]


def test_edge_values_and_fallbacks(tmp_path):
    """Text that needs escaping or keeps its spaces, booleans, infinities, empty text and
    missing values come out as openpyxl writes them; a formula-looking text or an error code
    (which openpyxl treats specially) sends the table through openpyxl's cells; a note
    appended after the table lands below it, in row order."""
    df = pd.DataFrame({
        "texto": ["a & b", "<x>", "  espacio ", "línea\r\notra", "", None, "ñ"],
        "entero": [1, 2, 3, 4, 5, 6, 7],
        "real": [1.5, float("inf"), None, 0.1 + 0.2, -0.0, 1e20, 123456789.123456789],
        "bandera": [True, False, None, True, False, True, False],
        "nulo": pd.array([1, None, 3, None, 5, 6, 7], dtype="Int64"),
    })
    formats = {"entero": INT, "real": MXN}
    for frame in (df, df.assign(texto=["=SUMA(A1)", "#N/A", "x", "y", "z", "w", "v"])):
        plain, fast = _pair(tmp_path, frame, formats)
        a, b = load_workbook(plain)["tabla"], load_workbook(fast)["tabla"]
        assert a.dimensions == b.dimensions == "A1:E10"
        for row_x, row_y in zip(a.iter_rows(), b.iter_rows(), strict=True):
            for cx, cy in zip(row_x, row_y, strict=True):
                assert (cx.value, cx.data_type, _style(cx)) == \
                    (cy.value, cy.data_type, _style(cy)), cx.coordinate
        rows = _calamine(fast, "tabla")
        assert rows[9][0] == "nota al pie" and rows[1][1] == 1
    assert load_workbook(fast)["tabla"]["A2"].data_type == "f"  # openpyxl's own reading


def test_cells_written_into_a_streamed_body_are_refused(tmp_path):
    wb = StreamedWorkbook()
    ws = write_table(wb, "tabla", pd.DataFrame({"a": [1, 2, 3]}))
    ws["A3"] = 99  # would be a second row 3
    with pytest.raises(RuntimeError, match="body of sheet 'tabla'"):
        wb.save(tmp_path / "x.xlsx")
