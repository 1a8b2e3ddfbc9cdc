"""A bonus budget that holds with a stated probability (issue 22, item 3).

Under the ``esperado`` basis the model keeps the *expected* bonus bill within the budget B, so
the bill actually paid exceeds B in about half the outcomes. ``riesgo_presupuesto`` = ε asks
for more: the bill exceeds B in at most a share ε of the acceptance outcomes.

The bill of a plan is X = Σ_i b_i·A_i over its offers i (bonus b_i, A_i ~ Bernoulli(p_i),
independent). With μ = Σ b_i p_i, σ² = Σ b_i² p_i (1 − p_i) and M = max b_i (1 − p_i) (the
largest amount one offer can add above its mean), three distribution-free bounds hold for
every t ≥ 0 (docs/MODELO.md, «Presupuesto con probabilidad»):

* Cantelli (one-sided Chebyshev): P(X − μ ≥ t) ≤ σ² / (σ² + t²), so t_C = σ·√((1 − ε)/ε);
* Bernstein: P(X − μ ≥ t) ≤ exp(−t² / (2σ² + 2Mt/3)), so t_B = LM/3 + √((LM/3)² + 2Lσ²),
  L = ln(1/ε);
* all accept: X ≤ Σ b_i, so t_A = Σ b_i (1 − p_i) gives probability 0.

The **margin** is m = min(t_C, t_B, t_A); a plan with μ + m ≤ B overruns with probability at
most ε (each bound at its own t is ≤ ε, and X > B implies X − μ > m). This is the certificate
:func:`certify` checks on the finished plan, with no appeal to the model.

The model enforces it by **iterative tightening**: the plan is solved with the budget row at
B₀ = B; while its certificate fails, the row is lowered by the excess (B_{k+1} = B_k − (μ_k +
m_k − B)) and the plan solved again; once a row is certified, the row is bisected between it
and the lowest failed row to win back what the first drop gave away (:func:`tighten`); with
no certified plan after :data:`MAX_ROUNDS` rounds, the plan on the ``garantizado`` basis at B
(every offer paid, probability 0) is returned. Every plan returned
therefore carries the guarantee; it is the best plan *at the budget row it was solved at*
(``Plan.risk_budget``), not a proven optimum of the chance-constrained program.

Worked case: two offers of bonus 10,000 with p = 0.5 and B = 10,000. The esperado plan places
both (expected bill 10,000 = B); it overruns when both accept, P = 0.25. With ε = 0.10:
σ = √(2·10⁸·0.25) = 7,071, t_C = 3σ = 21,213; L = ln 10 = 2.303, M = 5,000, LM/3 = 3,838,
t_B = 3,838 + √(3,838² + 2·2.303·5·10⁷) = 19,490; t_A = 2·5,000 = 10,000; m = 10,000 and
μ + m = 20,000 > B. The row drops by 10,000 to 0 (certified: no bonus offer), then is bisected:
at 5,000 the plan places one offer (μ = 5,000, m = t_A = 5,000, μ + m = 10,000 ≤ B, certified;
it never overruns), which is the best certified plan.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable

import numpy as np
import pandas as pd

from planner.core.plan import Plan

MAX_ROUNDS = 6
ROW_TOL = 0.01  # share of B: the bisection stops within it
TOL = 1e-6  # MXN


@dataclasses.dataclass(frozen=True)
class BillFigures:
    """The bonus bill of a plan as a random amount."""

    expected: float  # μ
    all_accept: float  # Σ b (the bill if every offer is accepted)
    sd: float  # σ
    margin: float  # m for the risk asked (0 when ε ≥ 1)
    bound: float  # μ + m: the bill is above it with probability at most ε


def _vectors(placements: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x = placements["placed"].to_numpy(dtype=float)
    if "p_accept" in placements:
        p = placements["p_accept"].to_numpy(dtype=float)
        b = placements["bonus"].to_numpy(dtype=float)
    else:  # no acceptance data: every offer accepted, the bill is the cost
        p = np.ones(len(placements))
        b = placements["cost"].to_numpy(dtype=float)
    return x, p, b


def margin(b: np.ndarray, p: np.ndarray, x: np.ndarray, risk: float) -> float:
    """m = min(t_C, t_B, t_A) for offers of bonus b, probability p, x of each (module doc)."""
    b, p, x = (np.asarray(a, dtype=float) for a in (b, p, x))
    up = b * (1.0 - p)  # what one offer can add above its mean
    t_all = float((x * up).sum())
    if risk >= 1.0 or t_all <= 0.0:
        return 0.0
    if risk <= 0.0:
        return t_all
    var = float((x * b * b * p * (1.0 - p)).sum())
    big = float(up[x > 0].max()) if (x > 0).any() else 0.0
    sd = math.sqrt(var)
    t_c = sd * math.sqrt((1.0 - risk) / risk)
    low = math.log(1.0 / risk) * big / 3.0
    t_b = low + math.sqrt(low * low + 2.0 * math.log(1.0 / risk) * var)
    return min(t_c, t_b, t_all)


def bill(placements: pd.DataFrame, risk: float) -> BillFigures:
    """μ, Σ b, σ, the margin and μ + m of a plan's offers."""
    x, p, b = _vectors(placements)
    mu = float((x * b * p).sum())
    m = margin(b, p, x, risk)
    return BillFigures(mu, float((x * b).sum()), math.sqrt(float((x * b * b * p * (1 - p)).sum())),
                       m, mu + m)


def certify(placements: pd.DataFrame, budget: float, risk: float) -> bool:
    """True when the plan's bill exceeds ``budget`` with probability at most ``risk`` by the
    bounds of the module doc (checked from the offers alone)."""
    if risk >= 1.0:
        return True
    return bill(placements, risk).bound <= budget + TOL


def overrun_probability(placements: pd.DataFrame, budget: float, draws: int = 20_000,
                        seed: int = 0, exact_up_to: int = 20) -> tuple[float, str]:
    """P(bonus paid > budget) and how it was computed: ``exacta`` (every outcome enumerated,
    when the plan has at most ``exact_up_to`` offers with a random bill) or ``simulada``
    (``draws`` seeded draws, binomial per pair)."""
    x, p, b = _vectors(placements)
    random = (x > 0) & (b > 0) & (p > 0) & (p < 1)
    fixed = float((x * b)[(x > 0) & (p >= 1)].sum())
    xs, ps, bs = x[random].astype(int), p[random], b[random]
    if xs.sum() == 0:
        return (1.0 if fixed > budget + TOL else 0.0), "exacta"
    if xs.sum() <= exact_up_to:
        dist = {0.0: 1.0}  # bill -> probability, offer by offer
        for n, q, v in zip(xs, ps, bs, strict=True):
            for _ in range(n):
                nxt: dict[float, float] = {}
                for amount, pr in dist.items():
                    nxt[amount] = nxt.get(amount, 0.0) + pr * (1 - q)
                    nxt[amount + v] = nxt.get(amount + v, 0.0) + pr * q
                dist = nxt
        return float(sum(pr for a, pr in dist.items() if fixed + a > budget + TOL)), "exacta"
    rng = np.random.default_rng(seed)
    total = np.full(draws, fixed)
    step = max(1, 2_000_000 // max(len(xs), 1))
    for lo in range(0, draws, step):
        hi = min(draws, lo + step)
        total[lo:hi] += rng.binomial(xs, ps, size=(hi - lo, len(xs))) @ bs
    return float((total > budget + TOL).mean()), "simulada"


def applies(params) -> bool:
    """The risk changes the model: esperado basis and ε < 1."""
    return params.budget_basis == "esperado" and params.budget_risk < 1.0


def tighten(solve_at: Callable[[float, str], Plan], budget: float, risk: float) -> Plan:
    """The plan of ``solve_at(budget_row, basis)`` with the budget row lowered until the
    certificate holds (module doc); at ε = 0 the garantizado plan directly.

    Rows: B first; while no plan is certified, the row drops by the excess μ + m − B; once one
    is, the row is bisected between the highest certified row and the lowest failed one (each
    certified plan kept, the best objective returned), until they are within
    :data:`ROW_TOL` of B or the certified bound is within :data:`ROW_TOL` of B."""
    if risk <= 0.0:
        return dataclasses.replace(solve_at(budget, "garantizado"), risk_budget=budget)
    row, failed = budget, None
    best: Plan | None = None
    lo = None
    for _ in range(MAX_ROUNDS):
        plan = solve_at(row, "esperado")
        if not plan.status.has_solution:
            return plan if best is None else best
        fig = bill(plan.placements, risk)
        if fig.bound <= budget + TOL:
            plan = plan if row == budget else dataclasses.replace(plan, risk_budget=row)
            if best is None or (plan.objective or 0.0) > (best.objective or 0.0) + 1e-9:
                best = plan
            lo = row
            if failed is None or budget - fig.bound <= ROW_TOL * budget:
                return best
        else:
            failed = row
        if failed - (lo if lo is not None else 0.0) <= ROW_TOL * budget and best is not None:
            return best
        if lo is None:
            row = max(0.0, min(row - (fig.bound - budget), row * (1 - 1e-4) - 1.0))
        else:
            row = (lo + failed) / 2.0
    if best is not None:
        return best
    return dataclasses.replace(solve_at(budget, "garantizado"), risk_budget=budget)


__all__ = ["BillFigures", "applies", "bill", "certify", "margin", "overrun_probability",
           "tighten"]
