"""The candidates tab computes only the chosen assignment, and the comparison on request
(pipeline.solve(compare_modes=False), pipeline.compare_assignments): together they give what
computing both at once gives.

Hand case of tests/test_matching.py (two general doctors: A, score 90, lists 1) CS0002
2) CS0001; B, score 80, lists only CS0002): ``optimo`` sends A to CS0001 (3 + first doctor 9 =
12) and B to CS0002 (2): coverage 14; ``estable`` gives CS0002 to A and leaves B out: coverage 2.
Price of stability 14 − 2 = 12; in ``optimo`` A and CS0002 block (1 pair).
"""

from __future__ import annotations

import pytest

from planner.core.scenario import WhatIf
from planner.pipeline import compare_assignments, load_scenario, solve
from tests.builders import MG, make_workbook
from tests.test_matching import with_candidates


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    path = make_workbook(tmp_path_factory.mktemp("one") / "lista.xlsx", with_candidates(
        [("A", MG, 7, ["CS0002", "CS0001"], 90), ("B", MG, 20, ["CS0002"], 80)]))
    return load_scenario(path)[0]


@pytest.mark.parametrize("mode, coverage", [("optimo", 14.0), ("estable", 2.0)])
def test_one_mode_then_the_comparison(scenario, mode, coverage):
    one = solve(scenario, WhatIf(assignment_mode=mode), compare_modes=False)
    cres = one.candidates
    assert cres.mode == mode and cres.other is None and cres.price_of_stability is None
    assert cres.chosen.coverage == pytest.approx(coverage)
    assert one.plan.objective == pytest.approx(coverage)
    compared = compare_assignments(one)
    both = compared.candidates
    assert both.price_of_stability == pytest.approx(12.0)
    assert both.optimo.coverage == pytest.approx(14.0)
    assert both.estable.coverage == pytest.approx(2.0)
    assert both.optimo.blocking_pairs == 1
    at_once = solve(scenario, WhatIf(assignment_mode=mode)).candidates
    for a, b in ((both.optimo, at_once.optimo), (both.estable, at_once.estable)):
        assert a.people.equals(b.people) and a.posts.equals(b.posts)
        assert a.blocking_pairs == b.blocking_pairs
    assert compare_assignments(compared) is compared  # already compared: nothing recomputed


@pytest.mark.parametrize("mode, other", [("optimo", "estable"), ("estable", "optimo")])
def test_the_comparison_reuses_the_other_mode_already_run(scenario, mode, other, monkeypatch):
    """The planner ran one mode, then the other, then compares: the other mode's assignment is
    the one already solved (a review saw optimo solved again: 84 s), and the comparison is the
    same as computing it afresh (price 12, 1 blocking pair)."""
    from models import matching

    one = solve(scenario, WhatIf(assignment_mode=mode), compare_modes=False)
    known = solve(scenario, WhatIf(assignment_mode=other), compare_modes=False)
    afresh = compare_assignments(one).candidates

    def no_solve(*args, **kwargs):
        raise AssertionError(f"{other} solved again")

    monkeypatch.setattr(matching, f"solve_{other}", no_solve)
    reused = compare_assignments(one, known=known).candidates
    assert reused.price_of_stability == pytest.approx(12.0) == afresh.price_of_stability
    assert reused.optimo.blocking_pairs == 1 == afresh.optimo.blocking_pairs
    assert reused.other.people.equals(afresh.other.people)
    with pytest.raises(AssertionError, match="solved again"):  # a plan in the same mode is no help
        compare_assignments(one, known=one)


def test_waits_from_the_list_and_this_run(scenario):
    """Estimates of planner/ui/candidate_waits.py, worked by hand.

    Two candidates: estable 1 + 2 × 0.0004 = 1.0008 s, optimo 1 + 2 × 0.0018 = 1.0036 s, both
    «unos 2 segundos» before any run. National-size list of 15,674: estable predicted
    1 + 6.2696 = 7.2696 s; whatever it took (6.2 s here), the comparison says optimo's own
    range: 1 + 0.25 ms × 15,674 = 4.92 s («unos 5 segundos», the budget reaches: the LP is whole)
    to 1 + 5 ms × 15,674 = 79.37 s («alrededor de un minuto», half budget: the rank stage's
    integer program) — scaling by the chosen mode's pace misled: each mode's pace varies for
    reasons of its own."""
    from dataclasses import replace

    import pandas as pd

    from planner.ui import candidate_waits as cw

    assert cw.run_range(scenario, "estable") == pytest.approx((1.0008, 1.0008))
    assert cw.run_caption(scenario, "optimo") == (
        "Se calcula solo la asignación elegida: unos 2 segundos con esta lista de 2 candidatos "
        "(estimado por su tamaño). El precio de la estabilidad se mide después, con otro botón.")
    assert "unos 7 segundos" in cw.run_caption(scenario, "optimo", measured=6.2)
    one = solve(scenario, WhatIf(assignment_mode="estable"), compare_modes=False)
    big = replace(scenario, candidates=pd.concat([scenario.candidates] * 7837))
    assert len(big.candidates) == 15_674
    chosen = replace(one.candidates.chosen, timings={"build": 1.2, "solve": 5.0})
    slow = replace(one, scenario=big, candidates=replace(one.candidates, chosen=chosen))
    assert cw.run_range(big, "optimo") == pytest.approx((4.9185, 79.37))  # the other mode
    assert cw.compare_caption(slow, "Óptimo (personas)") == (
        "Calcula también la asignación «Óptimo (personas)» para medir cuánta necesidad cuesta "
        "la estabilidad y cuántos pares bloquean: de unos 5 segundos (si el presupuesto alcanza) "
        "a alrededor de un minuto (si no alcanza para todas las plazas elegidas) (estimado por el "
        "tamaño de la lista; más si la máquina está ocupada).")
