"""Sweep grids in CSV and the Spanish decimal comma: read exactly, or refused where it was typed.

What a planner may send (header ``presupuesto_bono_mensual`` and ``peso_primer_medico``):

* a semicolon CSV (Excel es-ES/es-MX with ";" as list separator) with ``2,5``: one cell «2,5»,
  refused by the number rules (issue 16: a comma only groups thousands) with the cell named;
  ``2.5`` there reads 2.5;
* a comma CSV with the value quoted, ``"2,5"``: the same one cell, the same refusal;
* a comma CSV with ``2,5`` unquoted: the row has three values under two columns. Before this
  test the reader took the first value as the row label and shifted the others (budget 2, weight
  5): a silent mis-read. Now the row is refused, named, with what to do.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from planner.core.errors import InputError
from planner.io.grid import read_grid
from planner.pipeline import load_scenario
from tests.builders import make_workbook

HEAD = "presupuesto_bono_mensual{s}peso_primer_medico\n"
DECIMAL_COMMA = ("Se esperaba un número con punto decimal: la coma solo separa miles en grupos "
                 "de tres cifras (1,234). Escriba por ejemplo 2.5 en lugar de 2,5.")
SPLIT = ("Si escribió un decimal con coma (2,5), en un archivo separado por comas eso parte la "
         "celda en dos: separe las columnas con «;» o ponga el valor entre comillas (\"2,5\"); "
         "el planeador lee los decimales con punto (2.5).")


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory):
    sc, _ = load_scenario(make_workbook(tmp_path_factory.mktemp("grid") / "caso.xlsx"))
    return sc


def problems(path: Path, scenario, lang: str = "es") -> list[str]:
    with pytest.raises(InputError) as info:
        read_grid(path, scenario)
    return [i.text(lang) for i in info.value.issues]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_semicolon_csv_keeps_the_cell_and_refuses_the_decimal_comma(tmp_path, scenario):
    path = write(tmp_path, "es.csv", HEAD.format(s=";") + "30000;2,5\n40000;2.5\n")
    assert problems(path, scenario) == [
        f"hoja «es.csv», fila 2, columna «peso_primer_medico», valor «2,5»: {DECIMAL_COMMA}"]
    path = write(tmp_path, "es_bien.csv", HEAD.format(s=";") + "30,000;2.5\n40000;3\n")
    assert read_grid(path, scenario) == [
        {"presupuesto_bono_mensual": 30_000.0, "peso_primer_medico": 2.5},
        {"presupuesto_bono_mensual": 40_000.0, "peso_primer_medico": 3.0}]


def test_quoted_value_in_comma_csv_is_one_cell(tmp_path, scenario):
    path = write(tmp_path, "comillas.csv", HEAD.format(s=",") + '30000,"2,5"\n"40,000",3\n')
    assert problems(path, scenario) == [
        f"hoja «comillas.csv», fila 2, columna «peso_primer_medico», valor «2,5»: "
        f"{DECIMAL_COMMA}"]


def test_unquoted_decimal_comma_in_comma_csv_is_refused_at_its_row(tmp_path, scenario):
    """Row 2 is fine; row 4 (after a blank line: the file's own line number) splits 2,5; row 5
    has a trailing comma only, which adds a blank value and is read."""
    path = write(tmp_path, "coma.csv", HEAD.format(s=",") + "30000,2\n\n40000,2,5\n50000,3,\n")
    assert problems(path, scenario) == [
        "hoja «coma.csv», fila 4, valor «40000,2,5»: La fila tiene 3 valores separados por «,», "
        "pero el encabezado tiene 2 columnas. " + SPLIT]
    assert problems(path, scenario, "en") == [
        "sheet «coma.csv», row 4, value «40000,2,5»: The row has 3 values separated by «,», but "
        "the header has 2 columns. If you typed a decimal comma (2,5), in a comma-separated file "
        "it splits the cell in two: separate the columns with «;» or put the value in quotes "
        "(\"2,5\"); the planner reads decimals with a point (2.5)."]
    path = write(tmp_path, "coma_bien.csv", HEAD.format(s=",") + "30000,2\n\n50000,3,\n")
    assert read_grid(path, scenario) == [
        {"presupuesto_bono_mensual": 30_000.0, "peso_primer_medico": 2.0},
        {"presupuesto_bono_mensual": 50_000.0, "peso_primer_medico": 3.0}]


def test_one_column_grid_with_a_decimal_comma(tmp_path, scenario):
    """A single column: the header has no separator at all; before, the sniffer split the
    header on a letter and reported four unknown columns."""
    path = write(tmp_path, "una.csv", "peso_primer_medico\n2,5\n3\n")
    assert problems(path, scenario) == [
        "hoja «una.csv», fila 2, valor «2,5»: La fila tiene 2 valores separados por «,», pero el "
        "encabezado tiene 1 columna. " + SPLIT]


def test_cli_sweep_says_it_and_exits_2(tmp_path):
    book = make_workbook(tmp_path / "caso.xlsx", presupuesto_bono_mensual=25_000)
    grid = write(tmp_path, "coma.csv", HEAD.format(s=",") + "30000,2,5\n")
    proc = subprocess.run([sys.executable, "-m", "planner", "sweep", str(book), "--grid",
                           str(grid), "--serial", "--json"], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    payload = json.loads(proc.stdout)
    assert payload["status"] == "invalid_input"
    issue = payload["issues"][0]
    assert (issue["sheet"], issue["row"], issue["column"], issue["value"]) == \
        ("coma.csv", 2, None, "30000,2,5")
    assert issue["message"].startswith("La fila tiene 3 valores separados por «,», pero el "
                                       "encabezado tiene 2 columnas. ")


def test_the_summary_names_the_grid_file_not_a_workbook(tmp_path, scenario):
    """A CSV grid is no workbook: the summary's head says «El archivo del barrido» (it said
    «El libro tiene 1 problema»), in both languages, from the catalogue."""
    path = write(tmp_path, "coma.csv", HEAD.format(s=",") + "40000,2,5\n")
    with pytest.raises(InputError) as info:
        read_grid(path, scenario)
    assert info.value.summary("es").startswith("El archivo del barrido tiene 1 problema:\n  - ")
    assert info.value.summary("en").startswith("The sweep grid file has 1 problem:\n  - ")
