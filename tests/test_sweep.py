"""Scenario sweeps: the frontier is monotone, Dask gives the serial answer point by point, grids
are read with every problem reported, and ``planner sweep`` keeps --json clean."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from models.settings import SOLVERS
from planner.core.errors import InputError
from planner.core.scenario import WhatIf
from planner.io.grid import BUDGET, budget_points, point_what_if, read_grid
from planner.pipeline import budget_frontier, load_scenario, run_sweep, solve, sweep_settings
from planner.report.sweep_book import write_sweep_workbook
from tests.builders import ANES, CIR, MG, base_tables, make_workbook

PYTHON = sys.executable
HEADLINE = ["status", "objective", "centres_at_target", "centres_no_doctor", "spec_placed",
            "gp_placed", "bonus_month", "budget_month", "budget_used", "hand_objective"]


def cli(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, "-m", "planner", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def scenario(tmp_path):
    path = make_workbook(tmp_path / "caso.xlsx", presupuesto_bono_mensual=25_000)
    return load_scenario(path)[0]


# --- the frontier is monotone -----------------------------------------------------------------

@st.composite
def small_tables(draw):
    """base_tables with random gaps, families, grades, bonuses and supplies."""
    tables = base_tables()
    plantilla = tables["plantilla"].astype(object)
    for i in plantilla.index:
        centre_mg = plantilla.at[i, "categoria"] == MG
        required = draw(st.one_of(st.none(), st.integers(0, 4)) if centre_mg
                        else st.integers(0, 4))
        plantilla.at[i, "requeridos"] = required
        plantilla.at[i, "actuales"] = draw(st.integers(0, 3))
    tables["plantilla"] = plantilla
    unidades = tables["unidades"].astype(object)
    for i in unidades.index:
        unidades.at[i, "grado_marginacion"] = draw(st.sampled_from(
            ["muy bajo", "bajo", "medio", "alto", "muy alto"]))
        if unidades.at[i, "tipo"] == "centro de salud":
            unidades.at[i, "familias"] = draw(st.integers(0, 6000))
        else:
            unidades.at[i, "elegible_bono"] = draw(st.sampled_from(["sí", "no"]))
    tables["unidades"] = unidades
    tables["oferta"]["candidatos"] = [draw(st.integers(0, 6)) for _ in range(3)]
    tables["bonos"]["bono_mensual"] = [draw(st.integers(1_000, 15_000)) for _ in range(2)]
    return tables


@pytest.mark.parametrize("solver", SOLVERS)
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(tables=small_tables(),
       budgets=st.lists(st.integers(0, 60_000), min_size=2, max_size=4, unique=True),
       category=st.sampled_from([MG, ANES, CIR]), extra=st.integers(1, 3))
def test_objective_never_decreases_with_budget_or_supply(tmp_path_factory, solver, tables,
                                                         budgets, category, extra):
    path = make_workbook(tmp_path_factory.mktemp("monotone") / "caso.xlsx", tables,
                         presupuesto_bono_mensual=budgets[0])
    scenario, _ = load_scenario(path)
    s = sweep_settings(scenario, solver)
    by_budget = run_sweep(scenario, [{BUDGET: b} for b in sorted(budgets)], settings=s,
                          workers=1).table
    assert set(by_budget["status"]) == {"optimal"}
    objective = by_budget["objective"].to_numpy()
    assert (objective[1:] >= objective[:-1] - 1e-6).all(), by_budget
    assert (by_budget["bonus_month"] <= by_budget["budget_month"] + 1e-6).all()
    supply = int(scenario.supply_by_category()[category])
    column = f"candidatos:{category}"
    by_supply = run_sweep(scenario, [{column: supply}, {column: supply + extra}], settings=s,
                          workers=1).table
    assert by_supply["objective"].iloc[1] >= by_supply["objective"].iloc[0] - 1e-6
    # The unchanged supply reproduces the base budget's point.
    base = by_budget.loc[by_budget["budget_month"] == budgets[0], "objective"].iloc[0]
    assert by_supply["objective"].iloc[0] == pytest.approx(base)


def test_frontier_on_the_hand_workbook(scenario):
    """Specialists by value per peso (tests/test_sensitivity.py): 0 → 17 (general doctors
    only), 10,979 → one HOSP01 anaesthetist (26), 21,958 → two (35), 31,958 → all but HOSP02's
    surgeon … 52,937 → every specialist (51).

    A plain solve first, as the app does: a serial sweep in the same process must still solve
    (HiGHS refuses a thread count other than the one its first solve fixed).
    """
    assert solve(scenario).plan.status.value == "optimal"
    frontier = budget_frontier(scenario, budgets=[0, 10_979, 21_958, 52_937], workers=1)
    assert list(frontier["budget_month"]) == [0, 10_979, 21_958, 25_000, 52_937]
    assert list(frontier["objective"]) == pytest.approx([17, 26, 35, 35, 51])
    assert list(frontier["spec_placed"]) == [0, 1, 2, 2, 5]
    assert list(frontier["is_current"]) == [False, False, False, True, False]
    assert frontier.loc[3, "centres_at_target"] == 3


def test_what_if_of_a_point():
    w = point_what_if({BUDGET: 1e6, "bono_zona_3": 12_000.0, "candidatos:Anestesiología": 4,
                       "meta_medicos_generales_por_centro": 3,
                       "minimo_un_medico_por_centro": True, "cobertura_minima_entidad": 0.5},
                      base=WhatIf(time_limit=5, supply={MG: 2}))
    assert w.budget == 1e6 and w.target == 3 and w.time_limit == 5
    assert w.bonus == {("especialidad", 3): 12_000.0}
    assert w.supply == {MG: 2, ANES: 4}
    assert w.one_doctor_per_centre is True and w.equity_floor == 0.5
    assert budget_points(0, 50_000_000, 11)[:3] == [0, 5_000_000, 10_000_000]


# --- Dask gives the serial answer -------------------------------------------------------------

def test_parallel_sweep_equals_serial_point_by_point(scenario):
    from distributed import Client, LocalCluster

    points = [{BUDGET: b, "bono_zona_3": z, "candidatos:Anestesiología": a}
              for b in (0, 15_000, 40_000) for z in (5_000, 10_000) for a in (1, 3)]
    points.append({"minimo_un_medico_por_centro": True, "candidatos:Medicina general": 0})
    serial = run_sweep(scenario, points, workers=1)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        parallel = run_sweep(scenario, points, client=client)
    assert serial.mode == "serial" and parallel.mode == "client" and parallel.workers == 2
    columns = [c for c in serial.table.columns if c != "seconds"]
    pd.testing.assert_frame_equal(serial.table[columns], parallel.table[columns])
    assert serial.table["status"].iloc[-1] == "infeasible"
    assert serial.worst_status == "infeasible"


# --- grids ------------------------------------------------------------------------------------

def test_grid_from_csv_and_xlsx(tmp_path, scenario):
    csv = tmp_path / "rejilla.csv"
    csv.write_text("Presupuesto Bono Mensual;bono_zona_3;Candidatos: anestesiologia;"
                   "minimo_un_medico_por_centro\n"
                   "20000;12000;3;sí\n30000;;;no\n", encoding="utf-8")
    points = read_grid(csv, scenario)
    assert points == [{BUDGET: 20_000.0, "bono_zona_3": 12_000.0,
                       "candidatos:Anestesiología": 3, "minimo_un_medico_por_centro": True},
                      {BUDGET: 30_000.0, "minimo_un_medico_por_centro": False}]
    wb = Workbook()
    wb.active.title = "LEEME"
    ws = wb.create_sheet("barrido")
    ws.append(["meta_medicos_generales_por_centro", "cobertura_minima_entidad"])
    ws.append([3, 0.25])
    ws.append([1, None])
    wb.save(tmp_path / "rejilla.xlsx")
    assert read_grid(tmp_path / "rejilla.xlsx", scenario) == [
        {"meta_medicos_generales_por_centro": 3, "cobertura_minima_entidad": 0.25},
        {"meta_medicos_generales_por_centro": 1}]


def test_grid_problems_are_reported_at_once(tmp_path, scenario):
    csv = tmp_path / "rejilla.csv"
    csv.write_text("presupuesto_bono_mensual,candidatos:Cardiología,color,"
                   "meta_medicos_generales_por_centro,cobertura_minima_entidad,"
                   "minimo_un_medico_por_centro\n"
                   "mucho,1,rojo,2.5,1.5,quizá\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_grid(csv, scenario)
    found = {(i.code, i.row, i.column) for i in info.value.issues}
    assert found == {
        ("grid_unknown_column", None, "candidatos:Cardiología"),
        ("grid_unknown_column", None, "color"),
        ("not_number", 2, "presupuesto_bono_mensual"),
        ("not_integer", 2, "meta_medicos_generales_por_centro"),
        ("above_max", 2, "cobertura_minima_entidad"),
        ("bad_bool", 2, "minimo_un_medico_por_centro"),
    }
    assert "hoja «rejilla.csv», fila 2" in info.value.summary("es")


# --- the sweep workbook -----------------------------------------------------------------------

def test_sweep_workbook_with_chart(tmp_path, scenario):
    points = [{BUDGET: b, "bono_zona_3": z} for b in (0, 20_000, 40_000)
              for z in (8_000, 10_000)]
    result = run_sweep(scenario, points, workers=1)
    out, png = write_sweep_workbook(result, scenario, tmp_path / "barrido.xlsx")
    assert png == tmp_path / "barrido.png"
    assert png.read_bytes().startswith(b"\x89PNG")
    wb = load_workbook(out)
    assert wb.sheetnames == ["barrido", "frontera", "parametros"]
    ws = wb["barrido"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["punto", BUDGET, "bono_zona_3", "estado"]
    for name in ("centros_en_meta", "centros_sin_medico", "especialistas_asignados",
                 "medicos_generales_asignados", "bono_mensual_mxn", "uso_presupuesto"):
        assert name in header
    assert ws.max_row == 1 + len(points)
    assert {ws.cell(row=r, column=4).value for r in range(2, ws.max_row + 1)} == {"óptimo"}
    assert len(wb["frontera"]._images) == 1


# --- the command line -------------------------------------------------------------------------

def test_cli_json_is_one_clean_object_and_matches_the_library(tmp_path):
    path = make_workbook(tmp_path / "caso.xlsx", presupuesto_bono_mensual=25_000)
    before = sha(path)
    out = tmp_path / "barrido.xlsx"
    proc = cli("sweep", str(path), "--budget-from", "0", "--budget-to", "40000", "--steps", "5",
               "--json", "--out", str(out))  # default: a LocalCluster with 2 workers
    assert proc.returncode == 0, proc.stderr
    payload = json.loads(proc.stdout)  # the whole of stdout is one JSON object
    assert payload["status"] == "optimal" and payload["mode"] == "local_cluster"
    assert payload["workers"] == 2 and payload["n_points"] == 5
    scenario, _ = load_scenario(path)
    lib = run_sweep(scenario, [{BUDGET: b} for b in (0, 10_000, 20_000, 30_000, 40_000)],
                    workers=1).table
    assert [p["objective"] for p in payload["points"]] == pytest.approx(list(lib["objective"]))
    assert [p["spec_placed"] for p in payload["points"]] == list(lib["spec_placed"])
    assert payload["output"] == str(out) and out.exists()
    assert payload["chart"] == str(tmp_path / "barrido.png")
    assert sha(path) == before


def test_cli_serial_report_and_exit_codes(tmp_path):
    path = make_workbook(tmp_path / "caso.xlsx", presupuesto_bono_mensual=25_000)
    proc = cli("sweep", str(path), "--budget-from", "0", "--budget-to", "30000", "--steps", "2",
               "--serial", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # the report is the result: stdout (issue 15)
    assert "en serie" in proc.stdout and "Libro del barrido" in proc.stdout
    assert "2 puntos · en serie · optimización " in proc.stdout
    assert len(list((tmp_path / "resultados").glob("caso_barrido_*.xlsx"))) == 1
    # An infeasible point: exit 3, the other points still reported.
    grid = tmp_path / "rejilla.csv"
    grid.write_text("minimo_un_medico_por_centro,candidatos:Medicina general\nsí,0\nno,\n",
                    encoding="utf-8")
    proc = cli("sweep", str(path), "--grid", str(grid), "--serial", "--json")
    assert proc.returncode == 3, proc.stderr
    payload = json.loads(proc.stdout)
    assert [p["status"] for p in payload["points"]] == ["infeasible", "optimal"]
    assert payload["points"][0]["message"].startswith("Falta 1 médico general")


@pytest.mark.parametrize("case", ["no_points", "out_is_input", "bad_grid", "bad_workbook",
                                  "budget_twice"])
def test_cli_invalid_input_exits_2(tmp_path, case):
    path = make_workbook(tmp_path / "caso.xlsx", presupuesto_bono_mensual=25_000)
    grid = tmp_path / "rejilla.csv"
    grid.write_text("presupuesto_bono_mensual\nmucho\n", encoding="utf-8")
    args = {"no_points": ["--steps", "3"],
            "out_is_input": ["--budget-from", "0", "--budget-to", "1", "--out", str(path)],
            "bad_grid": ["--grid", str(grid)],
            "bad_workbook": ["--budget-from", "0", "--budget-to", "1"],
            "budget_twice": ["--grid", str(grid), "--budget-from", "0", "--budget-to", "1"]}
    target = tmp_path / "no_existe.xlsx" if case == "bad_workbook" else path
    if case == "budget_twice":
        grid.write_text("presupuesto_bono_mensual\n1000\n", encoding="utf-8")
    before = sha(path)
    proc = cli("sweep", str(target), *args[case], "--serial", "--json")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    payload = json.loads(proc.stdout)
    assert payload["status"] == "invalid_input"
    assert sha(path) == before
