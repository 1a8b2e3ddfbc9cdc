"""A solved scenario as the faces and reports see it: plan, hand-rule plan and their indicators."""

from __future__ import annotations

from dataclasses import dataclass, field

from models.settings import SolverSettings
from planner.indicators import Indicators
from planner.plan import Plan
from planner.scenario import Scenario


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
    candidates: object | None = None  # models.matching.CandidateResult (optimo/estable modes)

    @property
    def solved(self) -> bool:
        return self.plan.status.has_solution
