"""riesgo_presupuesto (issue 22, item 3): the bonus bill exceeds the budget in at most a share ε
of the acceptance outcomes, checked here by enumerating every outcome (code that does not share
models/budget_risk.py).

The workbook is ``bonus_choice_book`` (tests/test_acceptance.py; levels 0/10,000/20,000, HOSP01
muy alto gap 2 with p 0.2/0.5/0.8, HOSP02 alto gap 1 with p 0.2/0.3/0.4, weights 9 and 6), budget
32,000 on the esperado basis, ε = 0.10. Worked by hand (margin m = min of the Cantelli,
Bernstein and all-accept deviations, certified when μ + m ≤ B):

* row 32,000: the esperado optimum, HOSP01 2 × 20,000 and HOSP02 1 × 0 (15.6). Its bill is
  40,000 when both accept: P(bill > 32,000) = 0.8² = **0.64**. m = t_A = 2·20,000·0.2 = 8,000,
  μ + m = 40,000 > 32,000: not certified; the row drops by 8,000.
* row 24,000: HOSP01 2 × 10,000 + HOSP02 1 × 20,000 (9 + 2.4 = 11.4, expected bill 18,000).
  t_A = 10,000 + 12,000 = 22,000 < t_C = 36,249, t_B = 36,727; μ + m = 40,000: not certified.
  (Its exact overrun probability is 0.5·0.5·0.4 = 0.10: admissible, but the bounds cannot see
  it — the guarantee is safe, not exact.)
* row 16,000: HOSP01 2 × 10,000 + HOSP02 1 × 10,000 (10.8, expected bill 13,000); t_A =
  17,000, μ + m = 30,000 ≤ 32,000: certified. The bisection between 16,000 and 24,000 finds
  the same plan (11.4 needs a row of 18,000, which fails), so the answer is **10.8**, bill
  30,000 if all accept: it never overruns.
* The 2024 policy (10,000 everywhere) is the same plan: 10.8, certified at the first row, so
  at equal risk the bonus design gains nothing here (it gained 15.6 − 10.8 at ε = 1).
"""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest

from models import budget_risk
from models.settings import SolverSettings
from planner.pipeline import load_scenario, solve
from tests.test_acceptance import _placed, bonus_choice_book

SOLVERS = ("exact", "highs", "cbc")


def exact_overrun(placements, budget: float) -> float:
    """P(bonus paid > budget), every accept/decline outcome of every offer enumerated."""
    offers = []
    for n, p, b in zip(placements["placed"], placements["p_accept"], placements["bonus"],
                       strict=True):
        offers += [(float(p), float(b))] * int(n)
    total = 0.0
    for outcome in itertools.product((0, 1), repeat=len(offers)):
        prob = np.prod([p if a else 1 - p for a, (p, _) in zip(outcome, offers, strict=True)])
        paid = sum(b for a, (_, b) in zip(outcome, offers, strict=True) if a)
        total += prob if paid > budget + 1e-6 else 0.0
    return float(total)


@pytest.mark.parametrize("solver", SOLVERS)
def test_risk_guarantee_by_enumeration(tmp_path, solver):
    scenario, _ = load_scenario(bonus_choice_book(tmp_path, risk=0.10))
    result = solve(scenario, None, SolverSettings(solver=solver))
    assert result.plan.objective == pytest.approx(10.8)
    assert _placed(result) == {"HOSP01": (2, 10_000.0), "HOSP02": (1, 10_000.0)}
    assert exact_overrun(result.plan.placements, 32_000) <= 0.10
    assert result.plan.risk_budget is not None and result.plan.risk_budget < 32_000
    assert result.hand.objective == pytest.approx(10.8)
    assert exact_overrun(result.hand.placements, 32_000) <= 0.10


def test_without_risk_the_plan_overruns_often(tmp_path):
    """ε = 1 is the esperado plan of issue 13 (15.6), which overruns in 64 % of outcomes."""
    scenario, _ = load_scenario(bonus_choice_book(tmp_path, risk=1))
    result = solve(scenario)
    assert result.plan.objective == pytest.approx(15.6)
    assert exact_overrun(result.plan.placements, 32_000) == pytest.approx(0.64)
    p, how = budget_risk.overrun_probability(result.plan.placements, 32_000)
    assert (p, how) == (pytest.approx(0.64), "exacta")


@pytest.mark.parametrize("risk", [0.0, 0.05, 0.3, 0.5, 0.7])
def test_guarantee_holds_at_every_risk(tmp_path, risk):
    scenario, _ = load_scenario(bonus_choice_book(tmp_path, risk=risk))
    result = solve(scenario)
    assert exact_overrun(result.plan.placements, 32_000) <= risk + 1e-12
    assert exact_overrun(result.hand.placements, 32_000) <= risk + 1e-12


def test_margin_worked_case():
    """Module doc of models/budget_risk: two offers of 10,000 at p 0.5, ε 0.10: t_C = 21,213,
    t_B = 19,490, t_A = 10,000, so m = 10,000; with ε = 0.5, t_C = σ = 7,071 is the least."""
    b, p, x = np.array([10_000.0]), np.array([0.5]), np.array([2.0])
    assert budget_risk.margin(b, p, x, 0.10) == pytest.approx(10_000)
    assert budget_risk.margin(b, p, x, 0.5) == pytest.approx(7_071.07, abs=0.01)
    assert budget_risk.margin(b, p, x, 1.0) == 0.0
    assert budget_risk.margin(b, p, x, 0.0) == pytest.approx(10_000)


def test_simulated_probability_close_to_exact():
    """Beyond 20 offers the probability is simulated: 30 offers of 1,000 at p 0.5, budget
    16,000: exact P(Binomial(30, .5) > 16) = 0.2923."""
    from math import comb

    import pandas as pd

    pl = pd.DataFrame({"placed": [30], "p_accept": [0.5], "bonus": [1_000.0], "cost": [500.0]})
    exact = sum(comb(30, k) for k in range(17, 31)) / 2 ** 30
    p, how = budget_risk.overrun_probability(pl, 16_000, draws=20_000, seed=3)
    assert how == "simulada"
    assert abs(p - exact) < 4 * np.sqrt(exact * (1 - exact) / 20_000)


@pytest.mark.parametrize("value", ["1.5", "-0.1"])
def test_bad_risk_option_is_refused(tmp_path, value):
    from typer.testing import CliRunner

    from planner.cli.main import app

    path = bonus_choice_book(tmp_path)
    out = tmp_path / "r.xlsx"
    res = CliRunner().invoke(app, ["solve", str(path), "--budget-risk", value, "--out", str(out)])
    assert res.exit_code == 2
    assert not out.exists()
    assert "--budget-risk" in res.output


def test_bad_risk_in_the_workbook_names_the_place(tmp_path):
    from typer.testing import CliRunner

    from planner.cli.main import app

    path = bonus_choice_book(tmp_path, risk=2)
    res = CliRunner().invoke(app, ["validate", str(path)])
    assert res.exit_code == 2
    assert "riesgo_presupuesto" in res.output and "parametros" in res.output


BILL_ES = ("Presupuesto de bonos $32,000 al mes: si todas las ofertas se aceptan, el bono sería "
           "$30,000; probabilidad de pasar el presupuesto: 0% (exacta, todos los resultados "
           "contados). El modelo garantiza a lo más 10.0% (riesgo_presupuesto): para ello planeó "
           "con $")
HAND_ES = ("Bono uniforme 2024 con el mismo presupuesto y la misma garantía: $30,000 si todos "
           "aceptan; probabilidad de pasarlo 0%.")


def test_bill_on_the_cli_the_json_and_the_result_book(tmp_path):
    """ε = 0.10 on the bonus book (module doc): the certified plan places HOSP01 2 × 10,000 and
    HOSP02 1 × 10,000, so the bill if all accept is 30,000 ≤ 32,000 and P(overrun) = 0, counted
    exactly; the 2024 policy is the same plan. The CLI report, --json and the result book's
    resumen say so."""
    import openpyxl
    from typer.testing import CliRunner

    from planner.cli.main import app

    path = bonus_choice_book(tmp_path, risk=0.10)
    out = tmp_path / "r.xlsx"
    res = CliRunner().invoke(app, ["solve", str(path), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert BILL_ES in res.output and HAND_ES in res.output
    lines = [c.value for c in openpyxl.load_workbook(out)["resumen"]["A"] if c.value]
    assert any(str(v).startswith(BILL_ES) for v in lines) and HAND_ES in lines
    res = CliRunner().invoke(app, ["solve", str(path), "--json"])
    bill = json.loads(res.output)["acceptance"]["budget_risk"]
    assert (bill["budget"], bill["all_accept"], bill["overrun_p"], bill["overrun_how"]) == (
        32_000, 30_000, 0, "exacta")
    assert (bill["hand_all_accept"], bill["hand_overrun_p"], bill["budget_risk"]) == (
        30_000, 0, 0.1)


def test_bill_without_guarantee_says_64_percent(tmp_path):
    """ε = 1: the esperado plan (HOSP01 2 × 20,000) bills 40,000 if both accept, P = 0.8² = 64 %."""
    from typer.testing import CliRunner

    from planner.cli.main import app

    res = CliRunner().invoke(app, ["solve", str(bonus_choice_book(tmp_path, risk=1))])
    assert ("si todas las ofertas se aceptan, el bono sería $40,000; probabilidad de pasar el "
            "presupuesto: 64.0% (exacta, todos los resultados contados). Sin garantía: "
            "riesgo_presupuesto = 1, solo el bono esperado cabe en el presupuesto.") in res.output


@pytest.mark.parametrize("value, reason", [
    ("1.5", "El valor debe ser como máximo 1."),
    ("-0.1", "El valor debe ser al menos 0."),
    ("diez", "Se esperaba un número."),
])
def test_bad_risk_exact_message_nothing_written(tmp_path, value, reason):
    from typer.testing import CliRunner

    from planner.cli.main import app

    path = bonus_choice_book(tmp_path, risk=value)
    before = path.read_bytes()
    out = tmp_path / "r.xlsx"
    res = CliRunner().invoke(app, ["solve", str(path), "--out", str(out)])
    assert res.exit_code == 2
    assert ("hoja «parametros», fila 12, parámetro «riesgo_presupuesto», columna «valor», "
            f"valor «{value}»: {reason}") in res.output
    assert "Traceback" not in res.output
    assert not out.exists() and path.read_bytes() == before


@pytest.mark.parametrize("name", ["nacional_2024.xlsx", "hidalgo_2025.xlsx",
                                  "plantilla_vacia.xlsx"])
def test_defaults_carry_the_risk(name):
    """The national default, Hidalgo and the blank template state riesgo_presupuesto = 0.10 in
    'parametros' (planner.data build writes every parameter)."""
    from pathlib import Path

    from python_calamine import CalamineWorkbook

    book = Path(__file__).resolve().parents[1] / "inputs" / name
    rows = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("parametros").to_python()
    values = {r[0]: r[1] for r in rows[1:]}
    assert values["riesgo_presupuesto"] == pytest.approx(0.10)
