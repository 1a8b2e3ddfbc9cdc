"""The command line: --json equals the library call, exit codes, nothing written over inputs."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from models.settings import SolverSettings
from planner.core.scenario import WhatIf
from planner.pipeline import load_scenario, solve
from tests.builders import base_tables, make_workbook, set_cell

PYTHON = sys.executable


def cli(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, "-m", "planner", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("solver", ["exact", "highs", "cbc"])
def test_json_equals_library_call(tmp_path, solver):
    path = make_workbook(tmp_path / "caso.xlsx", presupuesto_bono_mensual=20_000)
    proc = cli("solve", str(path), "--json", "--solver", solver, "--budget", "30000")
    assert proc.returncode == 0, proc.stderr
    payload = json.loads(proc.stdout)  # stdout holds one JSON object and nothing else
    scenario, _ = load_scenario(path)
    lib = solve(scenario, WhatIf(budget=30_000), SolverSettings(solver=solver))
    assert payload["status"] == "optimal"
    assert payload["objective"] == pytest.approx(lib.plan.objective) == pytest.approx(35)
    assert payload["lp_bound"] == pytest.approx(lib.plan.lp_bound)
    by_cat = lib.indicators.by_category
    assert payload["placed"] == dict(zip(by_cat["category"], by_cat["placed"].astype(int)))
    assert payload["bonus_month"] == pytest.approx(lib.indicators.headline["bonus_month"])
    assert payload["seconds"] > 0
    assert payload["hand_rule_objective"] == pytest.approx(lib.hand.objective)


def test_solve_writes_result_and_leaves_input_untouched(tmp_path):
    path = make_workbook(tmp_path / "caso.xlsx")
    before = sha(path)
    out = tmp_path / "resultado.xlsx"
    proc = cli("solve", str(path), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "Centros en la meta" in proc.stdout  # results on stdout (issue 15)
    assert "Centros en la meta" not in proc.stderr
    assert sha(path) == before
    wb = load_workbook(out, read_only=True)
    assert wb.sheetnames == ["resumen", "por entidad", "por categoría", "asignaciones",
                             "unidades", "sensibilidad", "parámetros", "diagnóstico"]
    rows = list(wb["asignaciones"].iter_rows(values_only=True))
    assert rows[0][:3] == ("CLUES", "Unidad", "Entidad")
    assert rows[0][8] == "Asignados"
    assert sum(r[8] for r in rows[1:]) == 3 + 3 + 2  # asignados: 3 GPs, 5 specialists


def test_target_override(tmp_path):
    path = make_workbook(tmp_path / "caso.xlsx")
    proc = cli("solve", str(path), "--json", "--target", "3")
    assert json.loads(proc.stdout)["objective"] == pytest.approx(57)


def test_invalid_input_exit_2_with_json_issues(tmp_path):
    tables = base_tables()
    set_cell(tables["plantilla"], 1, "actuales", "dos")
    path = make_workbook(tmp_path / "malo.xlsx", tables)
    before = sha(path)
    proc = cli("solve", str(path), "--json")
    assert proc.returncode == 2
    payload = json.loads(proc.stdout)
    assert payload["status"] == "invalid_input"
    assert payload["issues"] == [{"sheet": "plantilla", "row": 3, "column": "actuales",
                                  "value": "dos", "message": "Se esperaba un número."}]
    assert sha(path) == before
    proc = cli("validate", str(path))
    assert proc.returncode == 2
    # validate's report is its result: stdout, so `planner validate x > informe` keeps it
    assert "hoja «plantilla», fila 3, columna «actuales», valor «dos»" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_not_an_excel_file(tmp_path):
    path = tmp_path / "notas.xlsx"
    path.write_text("esto no es excel")
    proc = cli("validate", str(path))
    assert proc.returncode == 2
    assert "no es un libro de Excel" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_output_over_input_is_refused_before_solving(tmp_path):
    path = make_workbook(tmp_path / "caso.xlsx")
    before = sha(path)
    proc = cli("solve", str(path), "--out", str(path), "--json")
    assert proc.returncode == 2
    assert "no puede ser el mismo libro de entrada" in json.loads(proc.stdout)["issues"][0][
        "message"]
    assert sha(path) == before


def test_template_then_validate(tmp_path):
    out = tmp_path / "plantilla.xlsx"
    assert cli("template", str(out)).returncode == 0
    again = cli("template", str(out))
    assert again.returncode == 2 and "no se sobrescribe" in again.stderr
    # The blank template has no units: validation says so, by sheet.
    proc = cli("validate", str(out), "--json")
    assert proc.returncode == 2
    sheets = {i["sheet"] for i in json.loads(proc.stdout)["issues"]}
    assert {"unidades", "plantilla"} <= sheets


def test_english_messages(tmp_path):
    path = tmp_path / "nada.xlsx"
    proc = cli("validate", str(path), "--lang", "en")
    assert proc.returncode == 2
    assert "was not found" in proc.stdout


def test_default_workbook_is_national(tmp_path):
    proc = cli("validate", "--json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    payload = json.loads(proc.stdout)
    assert payload["units"] > 10_000
