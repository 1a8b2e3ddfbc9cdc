"""Numbers as planners type them (issue 16): read to the value a person reads, or refused.

The parser (planner/core/numbers.py) is checked against readings worked out by hand; the workbook
tests write text cells into generated workbooks and check the scenario's value or the exact
Spanish message with sheet, Excel row and column.
"""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from planner.core.errors import InputError
from planner.core.numbers import parse_number
from planner.pipeline import load_scenario
from tests.builders import base_tables, make_workbook, set_cell

NBSP, NNBSP, THIN, FIGURE = "\u00a0", "\u202f", "\u2009", "\u2007"

READ = [  # (text, the value a Mexican planner reads)
    ("1,234", 1234.0), ("12,345,678.5", 12_345_678.5), ("$44,025,790.00", 44_025_790.0),
    ("1.5", 1.5), (".5", 0.5), ("1.234", 1.234), ("0", 0.0), ("-0", 0.0), ("5.", 5.0),
    (f"1{NBSP}234", 1234.0), (f"1{NNBSP}234.5", 1234.5), (f"1{THIN}234{THIN}567", 1_234_567.0),
    (f"1{FIGURE}234", 1234.0), ("1 234 567", 1_234_567.0), (" 7 ", 7.0),
    ("+5", 5.0), ("\u22125", -5.0), ("-$5", -5.0), ("$-5", -5.0), ("\uff0d5", -5.0),
    ("5 MXN", 5.0), ("MXN 5", 5.0), ("MX$5", 5.0), ("5 pesos", 5.0), ("100 M.N.", 100.0),
    ("$ 1,234.50 MXN", 1234.5), ("\uff11\uff12\uff13", 123.0), ("1\u200b234", 1234.0),
    ("1E6", 1e6), ("2.5e-3", 0.0025), ("007", 7.0),
]

REFUSED = [  # (text, reason)
    ("2,5", "num_decimal_comma"), ("1,00", "num_decimal_comma"), ("0,75", "num_decimal_comma"),
    (",5", "num_decimal_comma"), ("1,2345", "num_decimal_comma"),
    ("15.000,00", "num_european"), ("1.234.567", "num_european"), ("1 234,5", "num_european"),
    (f"10{NBSP}979,00", "num_european"),
    ("1,23,456", "num_grouping"), ("12 34", "num_grouping"), ("1,234,5", "num_grouping"),
    ("80%", "num_percent"), ("USD 5", "num_currency"), ("5 €", "num_currency"),
    ("US$5", "num_currency"), ("1e400", "num_not_finite"), ("inf", "num_not_finite"),
    ("nan", "num_not_finite"), ("1_000", "not_number"), ("(5)", "not_number"),
    ("5-", "not_number"), ("--5", "not_number"), ("+-5", "not_number"), ("$$5", "not_number"),
    ("\u00b2", "not_number"), ("\u0661\u0662", "not_number"), ("dos", "not_number"),
    ("1'234", "not_number"), ("\u200b", "not_number"),
]


@pytest.mark.parametrize("text,value", READ)
def test_reads_what_a_person_reads(text, value):
    assert parse_number(text) == (value, None)


@pytest.mark.parametrize("text,reason", REFUSED)
def test_refuses_what_is_ambiguous(text, reason):
    assert parse_number(text) == (None, reason)


def test_percent_only_for_fractions():
    assert parse_number("80%", percent=True) == (0.8, None)
    assert parse_number("12.5 %", percent=True) == (0.125, None)
    assert parse_number("80%") == (None, "num_percent")
    assert parse_number("$80%", percent=True) == (None, "not_number")


def test_stored_numbers_are_taken_as_stored():
    assert parse_number(2.5) == (2.5, None)
    assert parse_number(25) == (25.0, None)
    assert parse_number(True) == (None, "not_number")
    assert parse_number(float("inf")) == (None, "num_not_finite")
    assert parse_number(None) == (None, None)


# --- in a workbook ---------------------------------------------------------------------------

def issue_lines(path) -> list[str]:
    with pytest.raises(InputError) as info:
        load_scenario(path)
    return [i.text() for i in info.value.issues]


def test_decimal_comma_weight_is_refused_not_read_as_25(tmp_path):
    """A weight typed "2,5" used to be read as 25 and solved 'optimal'."""
    tables = base_tables()
    set_cell(tables["categorias"], 2, "peso", "2,5")  # Cirugía general, Excel row 4
    lines = issue_lines(make_workbook(tmp_path / "libro.xlsx", tables))
    assert lines[0] == ("hoja «categorias», fila 4, columna «peso», valor «2,5»: Se esperaba un "
                        "número con punto decimal: la coma solo separa miles en grupos de tres "
                        "cifras (1,234). Escriba por ejemplo 2.5 en lugar de 2,5.")
    # the category's row is unusable, so its references are reported too (existing rule)
    assert all("Cirugía general" in line for line in lines[1:])


def test_european_budget_and_comma_headcount_are_refused(tmp_path):
    tables = base_tables()
    set_cell(tables["plantilla"], 0, "requeridos", "1,00")  # HOSP01 Anestesiología, row 2
    path = make_workbook(tmp_path / "libro.xlsx", tables,
                         presupuesto_bono_mensual="15.000,00")
    lines = issue_lines(path)
    assert len(lines) == 2
    assert lines[0].startswith("hoja «plantilla», fila 2, columna «requeridos», valor «1,00»: "
                               "Se esperaba un número con punto decimal")
    assert lines[1].startswith("hoja «parametros», fila ")
    assert (", columna «valor», valor «15.000,00»: El número parece escrito con separadores "
            "europeos") in lines[1]


def test_planner_typed_numbers_read_exactly(tmp_path):
    """Text numbers with thousands commas, pesos and spaces of every width read as written."""
    tables = base_tables()
    set_cell(tables["oferta"], 1, "candidatos", f"1{NNBSP}234")
    set_cell(tables["bonos"], 0, "bono_mensual", "$10,979.00 MXN")
    set_cell(tables["categorias"], 1, "peso", "\u002b3")
    path = make_workbook(tmp_path / "libro.xlsx", tables,
                         presupuesto_bono_mensual="$44,025,790.00",
                         cobertura_minima_entidad="80%", brecha_mip="1%")
    scenario, _ = load_scenario(path)
    assert scenario.params.budget == 44_025_790.0
    assert scenario.params.equity_floor == 0.8
    assert scenario.params.mip_gap == 0.01
    assert scenario.bonuses.loc[("especialidad", 2), "bonus"] == 10_979.0
    assert scenario.categories.loc["Anestesiología", "weight"] == 3.0
    supply = scenario.supply.set_index("category")["candidates"]
    assert supply["Anestesiología"] == 1234


def test_percent_in_a_weight_is_refused(tmp_path):
    tables = base_tables()
    set_cell(tables["prioridades"], 1, "peso", "150%")  # bajo (no unit uses it), row 3
    assert issue_lines(make_workbook(tmp_path / "libro.xlsx", tables)) == [
        "hoja «prioridades», fila 3, columna «peso», valor «150%»: Aquí no se admite porcentaje "
        "(solo en valores entre 0 y 1, donde 80% se lee 0.8); escriba el número sin el signo %."]


# --- header not on the first row -------------------------------------------------------------

def test_title_rows_above_the_header(tmp_path):
    """Two title rows above 'prioridades': the header is found on row 3, and the weight of
    'bajo' (second data row) is reported at Excel row 5."""
    tables = base_tables()
    set_cell(tables["prioridades"], 1, "peso", "dos")
    path = make_workbook(tmp_path / "libro.xlsx", tables)
    wb = load_workbook(path)
    ws = wb["prioridades"]
    ws.insert_rows(1, 2)
    ws["A1"] = "Pesos por grado de marginación 2025"
    ws.merge_cells("A1:B1")
    wb.save(path)
    assert issue_lines(path) == [
        "hoja «prioridades», fila 5, columna «peso», valor «dos»: Se esperaba un número."]


def test_two_row_merged_header(tmp_path):
    """A group row merged over the columns (row 1) above the column names (row 2)."""
    path = make_workbook(tmp_path / "libro.xlsx")
    wb = load_workbook(path)
    ws = wb["unidades"]
    ws.insert_rows(1)
    ws["A1"] = "Unidad"
    ws.merge_cells("A1:C1")
    ws["D1"] = "Ubicación"
    ws.merge_cells("D1:G1")
    wb.save(path)
    scenario, _ = load_scenario(path)
    assert list(scenario.units.index) == ["HOSP01", "HOSP02", "CS0001", "CS0002", "CS0003"]
    assert list(scenario.units["row"]) == [3, 4, 5, 6, 7]


def test_header_not_found(tmp_path):
    path = make_workbook(tmp_path / "libro.xlsx")
    wb = load_workbook(path)
    ws = wb["oferta"]
    ws.insert_rows(1, 10)
    ws["A1"] = "Oferta de candidatos"
    wb.save(path)
    assert issue_lines(path) == [
        "hoja «oferta»: No se encontró el encabezado en las filas 1–10 (se buscan las columnas: "
        "categoria, candidatos)."]
