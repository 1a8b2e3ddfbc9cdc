"""Calibration of the specialists' acceptance curves from the 2026 candidates (issue 22, item 1):
the anchor worked by hand, the fit's held-out check, the national default's fitted sheet, the
optional basis columns and their validation, and ``planner calibrate``'s refusals."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from planner.core import schema
from planner.core.errors import InputError
from planner.data import acceptance, calibration
from planner.data.sources import FUENTES
from planner.io.acceptance import basis_sentences, curve_bases
from planner.pipeline import load_scenario
from tests.builders import base_tables, make_workbook
from tests.test_data_build import NATIONAL, read

ACC = ["tipo", "zona", "grado_marginacion", "bono_mensual", "probabilidad"]


@pytest.fixture(scope="module")
def cal() -> calibration.Calibration:
    return calibration.calibrate_sources(FUENTES)


def test_anchor_by_hand() -> None:
    """Two grades, one hospital each, the second with twice the odds (γ = ln 2); the anchor
    0.486 asks p + q = 0.972 with p = o/(1+o), q = 2o/(1+2o):
    o(1+2o) + 2o(1+o) = 0.972(1+o)(1+2o)  →  2.056 o² + 0.084 o − 0.972 = 0,
    o = (−0.084 + √(0.084² + 4·2.056·0.972)) / (2·2.056) = 0.66745…, a = ln o = −0.40429…"""
    o = (-0.084 + math.sqrt(0.084 ** 2 + 4 * 2.056 * 0.972)) / (2 * 2.056)
    a = calibration._anchor(np.array([[0.0, math.log(2)]]), np.array([1.0, 1.0]))[0]
    assert a == pytest.approx(math.log(o), abs=1e-12)
    assert round(o, 5) == 0.66745


def test_fit_and_held_out_table(cal: calibration.Calibration) -> None:
    """389 of the 586 hospitals are named by the hiring file (2 report no discharges); a quarter
    of each state is held out (100 hospitals with seed 0); the negative binomial predicts them
    better than the type means and its P10–P90 covers far more of them than Poisson's."""
    assert (cal.n_hospitals, cal.n_matched, cal.n_no_discharges) == (586, 389, 2)
    held = cal.hospitals[cal.hospitals["fold"] == "validacion"]
    tot = cal.table.set_index("tipo").loc["total"]
    assert len(held) == tot["hospitales"] == 100
    assert tot["mae_nb"] < tot["mae_base"] and tot["mae_poisson"] < tot["mae_base"]
    assert tot["cobertura_nb"] > 0.8 > tot["cobertura_poisson"]
    # the table's MAE is the mean of |predicted − observed| over the held-out hospitals
    assert tot["mae_nb"] == pytest.approx((held["pred_nb"] - held["y"]).abs().mean())
    assert cal.table["hospitales"].iloc[:-1].sum() == 100


def test_curves_keep_the_anchor_and_rise_with_the_bonus(cal: calibration.Calibration) -> None:
    """Mean p(0) over the 586 hospitals (by their grades) is the 2022 anchor; every curve rises
    with the bonus at the assumed slope; every point has a positive standard error."""
    w = cal.grade_weights / cal.grade_weights.sum()
    p0 = np.array([cal.probability(g, 0) for g in schema.GRADES])
    assert float(p0 @ w) == pytest.approx(calibration.ANCHOR_P0, abs=1e-12)
    c = calibration.curves(cal, acceptance.POINTS_MXN)
    for _, g in c.groupby("grado_marginacion"):
        assert (np.diff(g["probabilidad"]) > 0).all()
    assert (c["error_estandar"] > 0).all()
    assert cal.slope_per_1000 == acceptance.SLOPE_PER_1000


def test_national_default_has_the_fitted_sheet(cal: calibration.Calibration) -> None:
    """The built workbook's specialist rows are this fit (make data is reproducible), marked
    estimado with data and fit named; the general doctors' rows are supuesto."""
    sheet = read(NATIONAL)["aceptacion"]
    spec = sheet[sheet["tipo"] == schema.SPECIALTY].reset_index(drop=True)
    fitted = calibration.sheet_rows(cal)
    assert spec["probabilidad"].tolist() == fitted["probabilidad"].tolist()
    assert spec["error_estandar"].tolist() == fitted["error_estandar"].tolist()
    assert set(spec["base"]) == {"estimado"} and spec["fuente"].str.contains("NB2").all()
    gp = sheet[sheet["tipo"] == schema.GENERAL]
    assert set(gp["base"]) == {"supuesto"} and gp["error_estandar"].isna().all()
    scenario, _ = load_scenario(NATIONAL)
    bases = curve_bases(scenario.acceptance)
    assert bases.groupby("kind")["basis"].agg(set).to_dict() == {
        schema.SPECIALTY: {"estimado"}, schema.GENERAL: {"supuesto"}}
    lines = basis_sentences(scenario.acceptance)
    assert lines[0].startswith("Aceptación de especialistas: 5 curvas ESTIMADAS (error "
                               "estándar de la probabilidad hasta ")
    assert lines[1].startswith("Aceptación de médicos generales: 5 curvas SUPUESTAS")


# --- the sheet's optional columns -------------------------------------------------------------

def _messages(path) -> list[str]:
    with pytest.raises(InputError) as err:
        load_scenario(path)
    return [i.text() for i in err.value.issues]


def test_sheet_without_the_new_columns_reads_as_before(tmp_path) -> None:
    tables = base_tables()
    tables["aceptacion"] = pd.DataFrame([("especialidad", None, "alto", 0, 0.3),
                                         ("especialidad", None, "alto", 10_000, 0.5)],
                                        columns=ACC)
    scenario, _ = load_scenario(make_workbook(tmp_path / "old.xlsx", tables))
    assert scenario.acceptance["p"].tolist() == [0.3, 0.5]
    assert scenario.acceptance["basis"].isna().all()
    assert basis_sentences(scenario.acceptance) == [
        "Aceptación de especialistas: 1 curvas sin base declarada (la hoja «aceptacion» no "
        "tiene la columna «base»): léanse como supuestos."]


def test_sheet_with_the_new_columns(tmp_path) -> None:
    tables = base_tables()
    tables["aceptacion"] = pd.DataFrame(
        [("especialidad", None, "alto", 0, 0.3, 0.05, "Estimado", "ajuste X"),
         ("especialidad", None, "alto", 10_000, 0.5, 0.04, "estimado", "ajuste X"),
         ("medicina general", None, None, 0, 0.9, None, "dato", "encuesta Y")],
        columns=[*ACC, "error_estandar", "base", "fuente"])
    scenario, _ = load_scenario(make_workbook(tmp_path / "new.xlsx", tables))
    acc = scenario.acceptance
    assert acc["basis"].tolist() == ["estimado", "estimado", "dato"]
    assert acc["se"].tolist()[:2] == [0.05, 0.04]
    assert basis_sentences(acc) == [
        "Aceptación de especialistas: 1 curvas ESTIMADAS (error estándar de la probabilidad "
        "hasta 0.050); ajuste X.",
        "Aceptación de médicos generales: 1 curvas de DATOS observados (encuesta Y)."]


def test_bad_basis_and_negative_error_are_refused(tmp_path) -> None:
    tables = base_tables()
    tables["aceptacion"] = pd.DataFrame(
        [("especialidad", None, "alto", 0, 0.3, -0.01, "estimado", None),
         ("especialidad", None, "alto", 10_000, 0.5, 0.02, "adivinado", None)],
        columns=[*ACC, "error_estandar", "base", "fuente"])
    assert _messages(make_workbook(tmp_path / "bad.xlsx", tables)) == [
        "hoja «aceptacion», fila 2, columna «error_estandar», valor «-0.01»: El valor debe ser "
        "al menos 0.",
        "hoja «aceptacion», fila 3, columna «base», valor «adivinado»: Valor no permitido; se "
        "esperaba uno de: estimado, supuesto, dato."]


# --- planner calibrate ----------------------------------------------------------------------------

def _cli(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "planner", "calibrate", *args],
                          capture_output=True, text=True, cwd=cwd, timeout=300)


def test_bad_calibration_file_exit_2_nothing_written(tmp_path) -> None:
    """A row without its unit and a negative count: both named by file, row and column; exit 2;
    neither the plot nor the book is written."""
    bad = tmp_path / "cand.csv"
    bad.write_text("fase,clues,etapa,categoria,puesto,estatus,n\n"
                   "1,BCIMB000010,UAS,Médicos especialistas,Pediatria,Aprobado,3\n"
                   "1,,UAS,Médicos especialistas,Pediatria,Aprobado,2\n"
                   "1,BCIMB000355,UAS,Médicos especialistas,Pediatria,Aprobado,-4\n",
                   encoding="utf-8")
    plot, out = tmp_path / "g.png", tmp_path / "c.xlsx"
    r = _cli("--candidatos", str(bad), "--plot", str(plot), "--out", str(out), cwd=tmp_path)
    assert r.returncode == 2, r.stderr
    assert r.stderr.splitlines() == [
        "El archivo de calibración tiene 2 problemas:",
        "  - hoja «cand.csv», fila 3, columna «clues»: Falta la unidad (CLUES) de esta fila; "
        "cada conteo debe decir de qué unidad es.",
        "  - hoja «cand.csv», fila 4, columna «n», valor «-4»: Se esperaba un número entero de "
        "candidatos, 0 o mayor."]
    assert not plot.exists() and not out.exists()
    assert list(tmp_path.iterdir()) == [bad]


def test_no_hospital_in_the_file_is_refused(tmp_path) -> None:
    only_centres = tmp_path / "c.csv"
    only_centres.write_text("clues,etapa,categoria,n\nHGIMB000011,UAS,Médicos especialistas,2\n",
                            encoding="utf-8")
    r = _cli("--candidatos", str(only_centres), "--plot", str(tmp_path / "g.png"), "--json",
             cwd=tmp_path)
    assert r.returncode == 2
    issues = json.loads(r.stdout)["issues"]
    assert [i["message"] for i in issues] == [
        "Ninguna unidad del archivo de calibración es uno de los 586 hospitales del escenario "
        "nacional: no hay con qué ajustar las curvas."]
    assert not (tmp_path / "g.png").exists()


def test_cli_json_equals_the_library(tmp_path, cal: calibration.Calibration) -> None:
    plot, out = tmp_path / "g.png", tmp_path / "c.xlsx"
    r = _cli("--plot", str(plot), "--out", str(out), "--json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    assert got["matched"] == 389 and got["slope_basis"] == "supuesto"
    assert got["holdout"][-1]["mae_nb"] == round(float(cal.table.iloc[-1]["mae_nb"]), 4)
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    book = pd.read_excel(out, sheet_name=None, engine="calamine")
    assert set(book) == {"aceptacion", "validacion", "coeficientes"}
    assert book["aceptacion"]["probabilidad"].tolist() == read(NATIONAL)["aceptacion"][
        "probabilidad"].tolist()


def test_national_budget_is_what_the_2024_policy_expects_to_pay() -> None:
    """planner/data/acceptance.HAND_EXPECTED_2024: the 2024 policy's expected monthly bonus on
    the national default with its fitted curves when the budget cannot bind (60 M: it runs out
    of offers first), to the peso; the workbook's budget is it rounded up (test_data_build)."""
    from planner.analysis.expected import acceptance_report
    from planner.core.scenario import WhatIf
    from planner.pipeline import solve

    scenario, _ = load_scenario(NATIONAL)
    result = solve(scenario, WhatIf(budget=60_000_000))
    h = acceptance_report(result, 0, 0).headline
    assert round(h["hand_expected_bonus"]) == acceptance.HAND_EXPECTED_2024
    assert h["hand_expected_bonus"] < 60_000_000 * 0.5  # far from binding


# --- item 2: the curves' uncertainty in the simulation ------------------------------------------

def test_curve_draws_by_hand() -> None:
    """A curve with a standard error moves as a whole on the logit scale: p = 0.5, se = 0.1 →
    logit step se/(p(1−p)) = 0.4, so p' = expit(0.4·z); p = 0.8 with se = 0.08 → step 0.5, the
    same z (one per curve and set); a curve without one, and p = 1, stay."""
    acc = pd.DataFrame({"kind": ["especialidad"] * 3 + ["medicina general"],
                        "zone": [0] * 4, "grade": ["alto", "alto", "alto", ""],
                        "bonus": [0.0, 10_000.0, 20_000.0, 0.0], "p": [0.5, 0.8, 1.0, 0.9],
                        "se": [0.1, 0.08, 0.05, np.nan]})
    from planner.io.acceptance import curve_draws

    sets = curve_draws(acc, 3, seed=7)
    z = np.random.default_rng([7, 22, 2]).standard_normal((3, 2))
    for d, c in enumerate(sets):
        q = c["p"].tolist()
        assert q[0] == pytest.approx(1 / (1 + math.exp(-0.4 * z[d, 0])))
        assert q[1] == pytest.approx(1 / (1 + math.exp(-(math.log(4) + 0.5 * z[d, 0]))))
        assert q[2:] == [1.0, 0.9]


def test_each_draw_takes_its_curve_set(tmp_path) -> None:
    """The hand-solved bonus book (tests/test_acceptance.bonus_choice_book): the plan offers 3
    posts. With two curve sets, «nobody accepts» and «everyone accepts», draw d takes set
    d mod 2, so the posts filled are exactly 0, 3, 0, 3 whatever the uniforms; with one set equal
    to the plan's own p the draws are those of the plain simulation (same uniforms)."""
    from planner.analysis.simulate import simulate
    from planner.pipeline import solve
    from tests.test_acceptance import bonus_choice_book

    result = solve(load_scenario(bonus_choice_book(tmp_path))[0])
    pl = result.plan.placements
    assert int(pl["placed"].sum()) == 3
    zero_one = np.vstack([np.zeros(len(pl)), np.ones(len(pl))])
    sim = simulate(result.scenario, pl, draws=4, seed=3, p_draws=zero_one)
    assert sim.samples["filled"].tolist() == [0, 3, 0, 3]
    plain = simulate(result.scenario, pl, draws=50, seed=3)
    same = simulate(result.scenario, pl, draws=50, seed=3,
                    p_draws=pl["p_accept"].to_numpy(dtype=float)[None, :])
    assert same.samples["filled"].tolist() == plain.samples["filled"].tolist()


def test_curve_draws_option_is_bounded(tmp_path) -> None:
    from tests import test_rules

    proc = test_rules.cli("solve", "--curve-draws", "-1", "--json")
    assert proc.returncode == 2
    assert "--curve-draws" in json.loads(proc.stdout)["message"]


def test_report_without_standard_errors_adds_no_spread(tmp_path) -> None:
    """Curves with no standard error (the bonus book's) draw the same set every time: the
    interval across curves and acceptances is the acceptance-only one, and the expected need
    across sets is the plan's expected need (15.6, hand-solved) and the policy's (10.8)."""
    from planner.analysis.expected import acceptance_report, sentences
    from planner.pipeline import solve
    from tests.test_acceptance import bonus_choice_book

    result = solve(load_scenario(bonus_choice_book(tmp_path))[0])
    rep = acceptance_report(result, 200, 1, curve_sets=5)
    h = rep.headline
    assert (h["curves_filled_p10"], h["curves_filled_p90"]) == (h["filled_p10"], h["filled_p90"])
    assert h["curves_need_p10"] == pytest.approx(15.6)
    assert h["curves_need_p90"] == pytest.approx(15.6)
    assert h["curves_hand_need_p10"] == pytest.approx(10.8)
    assert any(s.startswith("Con la incertidumbre de las curvas (5 juegos sorteados con su "
                            "error estándar, 200 sorteos de aceptación)") for s in
               sentences(rep))


def test_result_book_says_the_basis_of_the_curves(tmp_path) -> None:
    """The result book's «resumen» repeats the basis of each curve (here: fitted, with its
    largest standard error and source, and a datum)."""
    from openpyxl import load_workbook

    from planner.pipeline import solve_workbook
    from tests.test_acceptance import bonus_choice_book

    path = bonus_choice_book(tmp_path)
    tables = {k: v for k, v in pd.read_excel(path, sheet_name=None, engine="calamine").items()
              if k != "LEEME"}
    acc = tables["aceptacion"]
    acc["error_estandar"] = 0.02
    acc["base"] = ["estimado"] * 3 + ["dato"] * 3
    acc["fuente"] = ["ajuste A"] * 3 + ["registro B"] * 3
    book = make_workbook(tmp_path / "con_base.xlsx", tables)
    out = tmp_path / "r.xlsx"
    solve_workbook(book, out)
    rows = [r[0] for r in load_workbook(out, read_only=True)["resumen"].iter_rows(
        values_only=True) if r and r[0]]
    assert ("Aceptación de especialistas: 1 curvas ESTIMADAS (error estándar de la probabilidad "
            "hasta 0.020); ajuste A.") in rows
    assert "Aceptación de especialistas: 1 curvas de DATOS observados (registro B)." in rows
