"""A solved scenario as the faces and reports see it: plan, hand-rule plan and their indicators."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from planner.core.plan import Plan
from planner.core.scenario import Scenario

if TYPE_CHECKING:  # types only: the core imports no stage
    from models.settings import SolverSettings
    from planner.analysis.indicators import Indicators


@dataclass(frozen=True)
class Result:
    """A solved scenario: the plan, the hand rule's plan beside it, and their indicators."""

    scenario: Scenario
    plan: Plan
    indicators: Indicators | None
    hand: Plan | None
    hand_indicators: Indicators | None
    settings: SolverSettings
    timings: dict[str, float] = field(default_factory=dict)
    # Marginal-value rows with their integer re-solves (planner.pipeline.confirm_marginals);
    # None until confirmed.
    marginals: tuple[dict, ...] | None = None
    # planner.analysis.expected.AcceptanceReport (issue 13), if any
    acceptance: object | None = None
    candidates: object | None = None  # models.matching.CandidateResult (optimo/estable modes)
    # planner.analysis.robustness.RobustReport (issue 22 item 4), if asked (--robust)
    robust: object | None = None
    # planner.analysis.robustness.SensitivityReport (issue 22 item 6), if asked (--tornado)
    curve_sensitivity: object | None = None
    # planner.analysis.multiphase.CallSimulation (issue 23 item 5), if asked (--fases)
    call: object | None = None
    # issue 15: the what-if tried and the workbook's own parameters, for the reports
    what_if: object | None = None  # planner.core.scenario.WhatIf
    base_params: object | None = None  # planner.core.scenario.Params before the what-if

    @property
    def solved(self) -> bool:
        return self.plan.status.has_solution
