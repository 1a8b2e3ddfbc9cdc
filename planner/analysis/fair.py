"""Fair comparisons with the 2024 policy (issue 22, item 5): the same money, not only the same
budget.

"Con el mismo presupuesto" compares the plan with the 2024 policy (uniform zone bonus, most
valuable placement first) under one budget row. When the 2024 policy cannot spend that budget
(it runs out of eligible offers at its uniform bonus, or its certified bill stops lower), the
plan's gain mixes design with money. So two more comparisons, each a re-solve of the plan and
never of the policy:

* **same expected money**: the plan solved with its expected bonus bill ≤ the 2024 policy's
  expected bill μ₂₀₂₄ = Σ b·p·x (``esperado`` basis, no risk margin: the two plans then
  expect to pay at most the same);
* **same guaranteed money**: the plan solved with its bill if every offer is accepted ≤ the
  2024 policy's A₂₀₂₄ = Σ b·x (``garantizado`` basis: neither can pay more than A₂₀₂₄ in any
  outcome).

Each gives expected filled posts and expected weighted need (planner.analysis.expected's
definitions) against the 2024 policy's. The policy "cannot spend the budget" when its expected
bill is below the plan's by more than :data:`SPEND_TOL` of the budget: the sentences then say so
in words, with both amounts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from planner.analysis.expected import SPEND_TOL, expected_figures, fair_sentences
from planner.core.result import Result

if TYPE_CHECKING:
    from planner.core.plan import Plan
    from planner.core.scenario import Scenario


def _at(result: Result, budget: float, basis: str):
    p = result.scenario.params
    return dataclasses.replace(result.scenario, params=dataclasses.replace(
        p, budget=float(budget), budget_basis=basis, budget_risk=1.0))


def fair_comparison(result: Result, head: dict[str, float],
                    solve: Callable[[Scenario, Result], Plan]) -> dict:
    """The plan at the 2024 policy's expected and guaranteed money against the policy.

    ``head`` is the report's headline (expected_figures of the plan and, prefixed ``hand_``, of
    the 2024 policy); ``solve`` re-solves the plan on a scenario with another budget row (given
    by :mod:`planner.pipeline`: analysis modules never solve). Returns {} when there is no
    policy to compare or no bonus to spend."""

    if result.hand is None or not result.solved or result.scenario.params.budget <= 0:
        return {}
    budget = float(result.scenario.params.budget)
    out: dict = {"budget": budget, "plan_expected_bonus": head["expected_bonus"],
                 "hand_expected_bonus": head["hand_expected_bonus"],
                 "hand_guaranteed_bonus": head["hand_guaranteed_bonus"],
                 "hand_expected_filled": head["hand_expected_filled"],
                 "hand_expected_need": head["hand_expected_need"]}
    out["hand_underspends"] = bool(head["hand_expected_bonus"]
                                   < head["expected_bonus"] - SPEND_TOL * budget)
    for name, money, basis in (("expected", head["hand_expected_bonus"], "esperado"),
                               ("guaranteed", head["hand_guaranteed_bonus"], "garantizado")):
        plan = solve(_at(result, money, basis), result)
        if not plan.status.has_solution:
            out[name] = {"money": money, "solved": False}
            continue
        fig = expected_figures(result, plan.placements)
        out[name] = {"money": money, "solved": True, "status": plan.status.value,
                     "expected_filled": fig["expected_filled"],
                     "expected_need": fig["expected_need"],
                     "expected_bonus": fig["expected_bonus"],
                     "guaranteed_bonus": fig["guaranteed_bonus"],
                     "gain_filled": fig["expected_filled"] - head["hand_expected_filled"],
                     "gain_need": fig["expected_need"] - head["hand_expected_need"]}
    return out


__all__ = ["SPEND_TOL", "fair_comparison", "fair_sentences"]
