"""The state of a call after its phases (issue 23): filled vs vacancies vs planned, money left.

Every figure here is a ``dato`` of the ``avance`` sheet (offers, accepted, hired, resigned) or
arithmetic on it and the workbook: vacancies = required − current per post (``plantilla``);
filled = hired − resigned over every phase so far; still empty = vacancies − filled; committed
bonus = filled × the monthly bonus of the post (the ``bonos`` sheet at bonus-eligible units, the
same per-post bonus the model's budget row counts, :meth:`Scenario.bonus_per_row`); left =
budget − committed (never below 0; an overspent budget is reported as such).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.core.scenario import Scenario


@dataclass(frozen=True)
class CallState:
    """The state of a call: per post and per state × category, and the money."""

    posts: pd.DataFrame  # index (clues, category): vacancies, offers, accepted, hired,
    #                      resigned, filled, empty, bonus, committed, planned
    by_state: pd.DataFrame  # state_code, state, category, kind, vacancies, planned, filled, empty,
    #                         offers, accepted, hired, resigned, committed
    budget: float
    committed: float
    phases: tuple[str, ...]
    redirection: object = None  # planner.analysis.redirect.Redirection, set by planner next
    learning: object = None  # planner.analysis.learning.Learning, set by status and next

    @property
    def left(self) -> float:
        return max(0.0, self.budget - self.committed)

    @property
    def overspent(self) -> float:
        return max(0.0, self.committed - self.budget)


def post_progress(scenario: Scenario) -> pd.DataFrame:
    """Per staffing row: vacancies and the call's counts summed over its phases."""
    posts = pd.DataFrame({"vacancies": scenario.gaps().astype(int)})
    posts["bonus"] = scenario.bonus_per_row()
    progress = scenario.progress
    counts = ["offers", "accepted", "hired", "resigned"]
    if progress is None or progress.empty:
        for c in counts:
            posts[c] = 0
    else:
        summed = (progress.assign(offers=progress["offers"].fillna(0).astype(int),
                                  accepted=progress["accepted"].fillna(0).astype(int))
                  .groupby(["clues", "category"])[counts].sum())
        summed = summed.reindex(posts.index, fill_value=0)
        for c in counts:
            posts[c] = summed[c].astype(int).to_numpy()
    posts["filled"] = posts["hired"] - posts["resigned"]
    posts["empty"] = posts["vacancies"] - posts["filled"]
    posts["committed"] = posts["filled"] * posts["bonus"]
    return posts


def call_state(scenario: Scenario, planned: pd.Series | None = None) -> CallState:
    """The state of the call; ``planned`` (placed per (clues, category), e.g. a solved plan's)
    adds the plan's column (0 where the plan placed nobody)."""
    posts = post_progress(scenario)
    posts["planned"] = (planned.reindex(posts.index, fill_value=0).astype(int)
                        if planned is not None else 0)
    units = scenario.units
    clues = posts.index.get_level_values("clues")
    category = posts.index.get_level_values("category")
    frame = posts.reset_index(drop=True)
    frame["state_code"] = units["state_code"].reindex(clues).to_numpy()
    frame["state"] = units["state"].reindex(clues).to_numpy()
    frame["category"] = np.asarray(category)
    frame["kind"] = scenario.categories["kind"].reindex(category).to_numpy()
    cols = ["vacancies", "planned", "filled", "empty", "offers", "accepted", "hired",
            "resigned", "committed"]
    by_state = (frame.groupby(["state_code", "state", "category", "kind"], sort=True)[cols]
                .sum().reset_index())
    phases = ()
    if scenario.progress is not None and not scenario.progress.empty:
        from planner.io.avance import phase_rank

        phases = tuple(sorted(set(scenario.progress["phase"]), key=phase_rank))
    return CallState(posts=posts, by_state=by_state, budget=float(scenario.params.budget),
                     committed=float(posts["committed"].sum()), phases=phases)


def remaining(scenario: Scenario) -> tuple[pd.Series, float]:
    """Current headcount after the call so far per staffing row (current + filled), and the
    bonus budget left (budget − committed, at least 0): the inputs of the next phase."""
    state = call_state(scenario)
    current = scenario.staffing["current"].astype(int) + state.posts["filled"]
    return current.astype(int), state.left


def money(x: float) -> str:
    """Pesos as planners write them: 21,021."""
    return f"{x:,.0f}"


def state_payload(state: CallState) -> dict:
    """The state as plain numbers (``--json`` of ``planner status`` and ``planner next``)."""
    posts = state.posts
    rows = state.by_state.copy()
    return {"phases": list(state.phases),
            "vacancies": int(posts["vacancies"].sum()), "planned": int(posts["planned"].sum()),
            "hired": int(posts["hired"].sum()), "resigned": int(posts["resigned"].sum()),
            "filled": int(posts["filled"].sum()), "empty": int(posts["empty"].sum()),
            "budget": round(state.budget, 2), "committed": round(state.committed, 2),
            "left": round(state.left, 2), "overspent": round(state.overspent, 2),
            "by_state": json.loads(rows.to_json(orient="records", force_ascii=False)),
            **({"learning": _learning_payload(state.learning)} if state.learning is not None
               else {})}


def _learning_payload(learning: object) -> dict:
    from planner.analysis.learning import payload

    return payload(learning)
