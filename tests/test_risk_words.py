"""Issue 22 item 7, small defects of the acceptance pages: whole-number quantiles of whole posts
and no «bono diferenciado» when the plan does not choose the bonus (modo_bono = fijo)."""

from __future__ import annotations

import numpy as np

from planner.analysis import simulate
from planner.analysis.expected import acceptance_report, sentences
from planner.core.scenario import WhatIf
from planner.pipeline import load_scenario, solve, solve_workbook
from tests.test_acceptance import bonus_choice_book


def _quantiles(report):
    h = report.headline
    vals = [h[k] for k in h if k.endswith(("_p10", "_p50", "_p90")) and "bonus" not in k]
    b = report.by_state
    for c in b.columns:
        if c.endswith(("_p10", "_p50", "_p90")) and "bonus" not in c:
            vals += list(b[c])
    return np.array(vals, dtype=float)


def test_quantiles_of_posts_are_whole_numbers(tmp_path, monkeypatch):
    """The bonus book's plan (HOSP01 2 offers at p 0.8, HOSP02 1 at p 0.2) over 50 seeded
    draws: every P10/P50/P90 of filled posts, centres and gains is a whole number (an order
    statistic of the draws). With numpy's linear interpolation (the old behaviour) the P10 at
    position 0.1·49 = 4.9 falls between two different sorted draws (0.9: «0.9 a 2»), so the
    check is run both ways."""
    result = solve(load_scenario(bonus_choice_book(tmp_path))[0])
    q = _quantiles(acceptance_report(result, 50, 0))
    assert len(q) > 10 and np.array_equal(q, np.round(q))
    monkeypatch.setattr(simulate, "QUANTILE_METHOD", "linear")
    q = _quantiles(acceptance_report(result, 50, 0))
    assert not np.array_equal(q, np.round(q))


def test_fijo_mode_says_plan_not_differentiated_bonus(tmp_path):
    """modo_bono = fijo on the bonus book: the plan pays the uniform 10,000 like the 2024
    policy, so the sentences name the model's plan and the 2024 rule, never «bono
    diferenciado»; por_hospital keeps the words."""
    scenario = load_scenario(bonus_choice_book(tmp_path))[0]
    fijo = solve(scenario, WhatIf(bonus_mode="fijo"))
    text = " ".join(sentences(acceptance_report(fijo, 200, 0)))
    assert "bono diferenciado" not in text
    assert "Con el mismo presupuesto y el mismo bono uniforme, el plan del modelo llena" in text
    assert "que la regla de 2024 (la plaza más valiosa primero)" in text
    en = " ".join(sentences(acceptance_report(fijo, 0, 0), "en"))
    assert "differentiated" not in en and "the model's plan fills" in en
    text = " ".join(sentences(acceptance_report(solve(scenario), 200, 0)))
    assert "el bono diferenciado llena 0.5 plazas más" in text


def test_no_curves_default_hidalgo_has_no_differentiated_bonus():
    """The Hidalgo default (fijo, no acceptance sheet): every offer accepted; the CLI's
    sentences never say «bono diferenciado» and the intervals are whole numbers."""
    result = solve_workbook("inputs/hidalgo_2025.xlsx", simulate=100)
    text = " ".join(sentences(result.acceptance))
    assert "bono diferenciado" not in text
    assert "el plan del modelo llena 0 plazas más" in text
