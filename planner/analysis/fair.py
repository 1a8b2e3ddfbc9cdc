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

from planner.core.result import Result
from planner.core.words import t

SPEND_TOL = 0.01  # share of the budget: expected bills closer than this count as the same money


def _at(result: Result, budget: float, basis: str):
    p = result.scenario.params
    return dataclasses.replace(result.scenario, params=dataclasses.replace(
        p, budget=float(budget), budget_basis=basis, budget_risk=1.0))


def _solve(result: Result, budget: float, basis: str):
    from models import acceptance
    from models.allocation import placement_pairs

    sc = _at(result, budget, basis)
    plan, _ = acceptance.solve_accepting(sc, result.settings, placement_pairs(sc))
    return plan


def fair_comparison(result: Result, head: dict[str, float]) -> dict:
    """The plan at the 2024 policy's expected and guaranteed money against the policy.

    ``head`` is the report's headline (expected_figures of the plan and, prefixed ``hand_``, of
    the 2024 policy). Returns {} when there is no policy to compare or no bonus to spend."""
    from planner.analysis.expected import expected_figures

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
        plan = _solve(result, money, basis)
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


def _posts(x: float) -> str:
    """A signed count of posts: one decimal (−2.3, +0.0 written 0)."""
    r = round(float(x), 1)
    return "0" if r == 0 else f"{r:+,.1f}"


def fair_sentences(fair: dict, lang: str = "es") -> list[str]:
    """The fair comparison in words (CLI, result book, app): whether the 2024 policy spends the
    budget, then the gain at the same expected and at the same guaranteed money."""
    if not fair:
        return []
    out = []
    if fair["hand_underspends"]:
        out.append(t("fair_underspends", lang, hand=f"${fair['hand_expected_bonus']:,.0f}",
                     plan=f"${fair['plan_expected_bonus']:,.0f}",
                     budget=f"${fair['budget']:,.0f}",
                     share=f"{100 * fair['hand_expected_bonus'] / fair['budget']:.1f}"))
    for name in ("expected", "guaranteed"):
        f = fair[name]
        money = f"${f['money']:,.0f}"
        if not f["solved"]:
            out.append(t(f"fair_{name}_none", lang, money=money))
            continue
        need = f["gain_need"]
        share = 100 * need / fair["hand_expected_need"] if fair["hand_expected_need"] else 0.0
        out.append(t(f"fair_{name}", lang, money=money, n=_posts(f["gain_filled"]),
                     need=f"{round(need, 1):+,.1f}" if round(need, 1) else "0",
                     pct=f"{share:+.1f}"))
    return out


__all__ = ["SPEND_TOL", "fair_comparison", "fair_sentences"]
