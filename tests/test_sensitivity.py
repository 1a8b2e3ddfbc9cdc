"""Marginal values on hand-solvable workbooks: the LP duals worked out by hand, the integer
re-solves, and the ``sensibilidad`` sheet.

The base workbook (tests/builders.py), families 0 so the families factor is 1:

=======  =====  ========  ================  ===  ==  ===================
unit     zone   grade     category          gap  w   monthly bonus (MXN)
=======  =====  ========  ================  ===  ==  ===================
HOSP01   2      muy alto  Anestesiología    2    9   10,979
HOSP01   2      muy alto  Cirugía general   1    6   10,979
HOSP02   3      alto      Anestesiología    1    6   10,000
HOSP02   3      alto      Cirugía general   1    4   10,000
CS0001   2      muy alto  Medicina general  2    3   0 (first doctor: +3·3 = 9)
CS0002   3      alto      Medicina general  1    2   0
=======  =====  ========  ================  ===  ==  ===================

General doctors cost no bonus, so all three are placed in every case below: 3·2 + 9 + 2 = 17.
"""

from __future__ import annotations

import math

import pytest
from openpyxl import Workbook

from models.settings import SOLVERS, SolverSettings
from planner.core.plan import Status
from planner.pipeline import (
    load_scenario,
    marginal_table,
    marginal_values,
    solve,
    write_sensitivity_sheet,
)
from tests.builders import ANES, CIR, MG, base_tables, make_workbook


def solved(tmp_path, solver="highs", anes=10, budget=25_000):
    tables = base_tables()
    oferta = tables["oferta"]
    oferta.loc[oferta["categoria"] == ANES, "candidatos"] = anes
    path = make_workbook(tmp_path / "caso.xlsx", tables, presupuesto_bono_mensual=budget)
    scenario, _ = load_scenario(path)
    result = solve(scenario, None, SolverSettings(solver=solver))
    assert result.plan.status is Status.OPTIMAL
    return result


def by_key(df):
    return {("budget" if r["step"] == "budget" else r["category"]): r
            for r in df.to_dict("records")}


@pytest.mark.parametrize("solver", SOLVERS)
def test_budget_dual_is_weight_over_bonus_of_the_fractional_specialist(tmp_path, solver):
    """Budget 25,000, candidates plenty: the budget binds and one specialist is fractional.

    Specialists by weight per peso: HOSP01 anaesthetists 9/10,979 = 8.2e-4 (two of them,
    21,958), then HOSP02's anaesthetist 6/10,000 = 6.0e-4, HOSP01's surgeon 6/10,979 = 5.5e-4,
    HOSP02's surgeon 4/10,000. The LP takes both HOSP01 anaesthetists and 3,042/10,000 = 0.3042
    of HOSP02's, so the budget's dual is that specialist's weight over its bonus:
    6 / 10,000 = 0.0006 per peso (600 per million), valid until HOSP02's anaesthetist is whole
    (budget 31,958). Supply rows have slack: dual 0.

    Integer: the two HOSP01 anaesthetists (18) is the best that fits 25,000, objective
    18 + 17 = 35. One more million pays every specialist: 9·2 + 6 + 6 + 4 = 34, objective 51,
    an integer gain of +16 — far below the 600 the per-peso rate extrapolates to.
    """
    result = solved(tmp_path, solver)
    assert result.plan.objective == pytest.approx(35)
    assert result.plan.lp_bound == pytest.approx(35 + 0.3042 * 6)
    rows = by_key(marginal_values(result, confirm=True))
    budget = rows["budget"]
    assert budget["dual"] == pytest.approx(6 / 10_000)
    assert budget["lp_value"] == pytest.approx(600)
    assert budget["integer_gain"] == pytest.approx(16)
    assert budget["check"] == "differs" and budget["differs"]
    assert not budget["rate_holds"]
    # The LP's own gain for the whole million: every specialist, 51 − 36.8252.
    assert budget["lp_step_gain"] == pytest.approx(51 - (35 + 0.3042 * 6))
    if solver == "highs":  # ranging comes from HiGHS
        assert budget["valid_up"] == pytest.approx(31_958)
    for category in (MG, ANES, CIR):
        assert rows[category]["dual"] == 0.0
        assert rows[category]["check"] == "not_checked"  # 35 < LP bound: zero not proven
    assert "deja sin usar 7 de 10" in rows[MG]["sentence"]


@pytest.mark.parametrize("solver", SOLVERS)
def test_supply_and_budget_both_binding(tmp_path, solver):
    """One anaesthetist candidate, budget 25,000: both rows bind.

    LP: the one anaesthetist goes to HOSP01 (9 for 10,979), HOSP01's surgeon (6 for 10,979)
    follows, 3,042 pesos are left for HOSP02's surgeon: 0.3042 of 4 → LP bound 32 + 1.2168.
    Budget dual = 4/10,000 = 0.0004 (the fractional surgeon). One more anaesthetist at HOSP01
    earns 9 but must buy its 10,979 pesos from that surgeon: dual = 9 − 10,979 × 0.0004 =
    4.6084, valid only until the surgeon reaches 0 (3,042/10,979 = 0.277 candidates).

    Integer: anaesthetist + surgeon at HOSP01 = 15, objective 32. A second anaesthetist
    candidate: both HOSP01 anaesthetists (18) → 35, +3. One more million: the anaesthetist and
    every surgeon (9 + 6 + 4) → 36, +4.
    """
    result = solved(tmp_path, solver, anes=1)
    assert result.plan.objective == pytest.approx(32)
    rows = by_key(marginal_values(result, confirm=True))
    anes, budget = rows[ANES], rows["budget"]
    assert budget["dual"] == pytest.approx(4 / 10_000)
    assert anes["dual"] == pytest.approx(9 - 10_979 * 4 / 10_000)
    assert anes["integer_gain"] == pytest.approx(3)
    assert budget["integer_gain"] == pytest.approx(4)
    assert anes["check"] == budget["check"] == "differs"
    if solver == "highs":
        assert anes["valid_up"] == pytest.approx(1 + 3_042 / 10_979)
        assert not anes["rate_holds"]
    # The dual is a supergradient: no integer gain beats LP value + (LP bound − objective).
    slack = result.plan.lp_bound - result.plan.objective
    for r in (anes, budget):
        assert r["integer_gain"] <= r["lp_value"] + slack + 1e-6


@pytest.mark.parametrize("solver", SOLVERS)
def test_supply_dual_confirmed_and_zero_budget_proven(tmp_path, solver):
    """One anaesthetist candidate, budget 1,000,000 (never binding).

    The anaesthetist goes to HOSP01 (weight 9; gap 2, so the variable sits strictly inside its
    bounds) and the budget has slack: ANES dual = 9, valid up to 2 candidates; budget dual 0.
    LP = integer = 9 + 6 + 4 + 17 = 36, so a zero dual proves no gain without a re-solve.
    One more anaesthetist goes to HOSP01 too: +9, confirmed.
    """
    result = solved(tmp_path, solver, anes=1, budget=1_000_000)
    assert result.plan.objective == pytest.approx(36)
    rows = by_key(marginal_values(result, confirm=True))
    anes, budget = rows[ANES], rows["budget"]
    assert anes["dual"] == pytest.approx(9)
    assert anes["integer_gain"] == pytest.approx(9)
    assert anes["check"] == "confirmed" and not anes["differs"]
    assert anes["sentence"] == ("Un anestesiólogo más aumentaría la necesidad cubierta en 9.0 "
                                "(confirmado: +9.0).")
    assert budget["dual"] == 0.0 and budget["check"] == "proven_zero"
    assert budget["integer_gain"] == 0.0
    assert budget["sentence"].startswith("Un millón de pesos más al mes no aumentaría")
    en = by_key(marginal_values(result, confirm=True, lang="en"))
    assert en[ANES]["sentence"] == ("One more anaesthetist would raise the weighted need covered "
                                    "by 9.0 (confirmed: +9.0).")


def test_without_confirmation_nothing_is_resolved(tmp_path):
    result = solved(tmp_path, anes=1)
    for df in (marginal_values(result, confirm=False),
               marginal_values(result, confirm=True, max_resolves=0)):
        assert set(df["check"]) == {"not_checked"}
        assert df["integer_gain"].isna().all()
        assert all("sin confirmar" in s or "no aumentaría" in s for s in df["sentence"])


def test_cap_confirms_highest_values_first(tmp_path):
    """With one re-solve allowed, the budget row (always first) is the one checked."""
    result = solved(tmp_path, anes=1)
    rows = by_key(marginal_values(result, confirm=True, max_resolves=1))
    assert rows["budget"]["check"] == "differs"
    assert rows[ANES]["check"] == "not_checked"


def test_no_marginal_values_gives_an_empty_table(tmp_path):
    path = make_workbook(tmp_path / "caso.xlsx", presupuesto_bono_mensual=25_000)
    scenario, _ = load_scenario(path)
    result = solve(scenario, None, SolverSettings(relaxation=False))
    assert marginal_values(result).empty
    assert marginal_table(result).empty


@pytest.mark.parametrize("lang", ["es", "en"])
def test_sheet_for_people(tmp_path, lang):
    result = solved(tmp_path, anes=1)
    table = marginal_table(result, confirm=True, lang=lang)
    wb = Workbook()
    ws = write_sensitivity_sheet(wb, result, lang)
    header = [c.value for c in ws[1]]
    assert header == list(table.columns)
    if lang == "es":
        assert header[:3] == ["recurso", "categoria", "disponible"]
        assert "explicacion" in header and "ganancia_plan_entero" in header
        sentences = [ws.cell(row=r, column=header.index("explicacion") + 1).value
                     for r in range(2, len(table) + 2)]
        assert any(s.startswith("Un anestesiólogo más aumentaría la necesidad cubierta en 4.6")
                   and "+3.0" in s for s in sentences)
        assert ws.cell(row=len(table) + 3, column=1).value.startswith("Valores marginales")
        assert set(table["verificacion"]) <= {"confirmado", "difiere", "sin confirmar",
                                              "cero demostrado"}
    else:
        assert "explanation" in header and "integer_gain" in header
    # No infinities reach Excel (a zero value's rate holds for any increase: blank cell).
    valid = table.iloc[:, list(table.columns).index(header[7])]
    assert not any(isinstance(v, float) and math.isinf(v) for v in valid)
