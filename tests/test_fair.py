"""Fair comparisons with the 2024 policy (issue 22 item 5, planner/analysis/fair.py), worked by
hand on tests/test_acceptance.bonus_choice_book with ε = 1 (no risk margin).

Per offer (expected value w·p / expected cost b·p): HOSP01 (gap 2) 1.8/0, 4.5/5,000, 7.2/16,000
at 0/10,000/20,000; HOSP02 (gap 1) 1.2/0, 1.8/3,000, 2.4/8,000; one level per hospital.

* Same budget 32,000: the plan pays HOSP01 2 × 20,000 (14.4) + HOSP02 × 0 (1.2) = 15.6, 1.8
  filled, expected bill 32,000. The 2024 policy (10,000 everywhere) places its three offers and
  stops: 10.8, 1.3 filled, expected bill 13,000 (40.6 % of 32,000), all-accept bill 30,000. It
  cannot spend the budget: the +0.5 posts mix design with 19,000 more money.
* Same expected money 13,000: HOSP01 2 × 10,000 + HOSP02 × 10,000 = 10.8 at exactly 13,000;
  the alternatives are 10.2 (HOSP02 at 0, 10,000), 6.0 (HOSP01 at 0, HOSP02 at 20,000); HOSP01
  at 20,000 costs 16,000 per offer. So the plan is the policy's: gain **0** posts, **0** need.
* Same guaranteed money 30,000 (Σ b·x): HOSP01 2 × 10,000 + HOSP02 10,000 = 10.8 at 30,000;
  HOSP01 1 × 20,000 + HOSP02 10,000 = 9.0; + HOSP02 at 0, 8.4. Gain **0** again.

With the budget at 13,000 the same money is the same budget: the policy spends all of it and
no «no puede gastar» sentence is written.
"""

from __future__ import annotations

import pytest

from planner.analysis.expected import sentences
from planner.pipeline import solve_workbook
from tests.test_acceptance import bonus_choice_book


def test_fair_comparison_hand_worked(tmp_path):
    r = solve_workbook(bonus_choice_book(tmp_path))
    head, fair = r.acceptance.headline, r.acceptance.fair
    assert head["expected_filled"] - head["hand_expected_filled"] == pytest.approx(0.5)
    assert fair["hand_expected_bonus"] == pytest.approx(13_000)
    assert fair["hand_guaranteed_bonus"] == pytest.approx(30_000)
    assert fair["hand_underspends"] is True
    e, g = fair["expected"], fair["guaranteed"]
    assert (e["money"], e["expected_bonus"]) == (pytest.approx(13_000), pytest.approx(13_000))
    assert (g["money"], g["guaranteed_bonus"]) == (pytest.approx(30_000), pytest.approx(30_000))
    for f in (e, g):
        assert f["expected_need"] == pytest.approx(10.8)
        assert f["gain_filled"] == pytest.approx(0) and f["gain_need"] == pytest.approx(0)
    text = sentences(r.acceptance)
    assert ("La política 2024 no puede gastar el presupuesto como el plan: se espera que pague "
            "$13,000 al mes (40.6 % de $32,000), el plan $32,000. La diferencia «con el mismo "
            "presupuesto» mezcla el diseño con más dinero; las dos comparaciones siguientes usan "
            "el mismo dinero.") in text
    assert ("Con el mismo dinero esperado que la política 2024 ($13,000 al mes), la diferencia "
            "del plan frente a ella es de 0 plazas llenas esperadas y 0 de necesidad ponderada "
            "esperada (+0.0 %).") in text
    assert ("Con el mismo dinero garantizado (bono si todos aceptan ≤ $30,000 al mes, lo que "
            "pagaría la política 2024), la diferencia del plan frente a ella es de 0 plazas "
            "llenas esperadas y 0 de necesidad ponderada esperada (+0.0 %).") in text


def test_same_money_same_budget_no_underspend_sentence(tmp_path):
    """Budget 13,000: both plans expect to pay 13,000, the gain at the same budget is 0 and the
    policy spends the budget (nothing said about money)."""
    r = solve_workbook(bonus_choice_book(tmp_path, budget=13_000))
    fair = r.acceptance.fair
    assert fair["hand_underspends"] is False
    assert fair["plan_expected_bonus"] == pytest.approx(13_000)
    assert fair["expected"]["gain_need"] == pytest.approx(0)
    assert not any("no puede gastar" in s for s in sentences(r.acceptance))


def test_fair_comparison_in_english(tmp_path):
    r = solve_workbook(bonus_choice_book(tmp_path))
    text = sentences(r.acceptance, "en")
    assert any(s.startswith("The 2024 policy cannot spend the budget as the plan does: it is "
                            "expected to pay $13,000 a month (40.6 % of $32,000)") for s in text)
