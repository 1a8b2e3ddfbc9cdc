"""The candidates tab's waits, said before the click (no Streamlit).

Only the chosen assignment is computed on the first click; the other mode, for the price of
stability and the blocking pairs, on a second one. The two modes do not cost the same, and
``optimo`` depends on the budget (see SECONDS_PER_CANDIDATE: 3.3 s at the national budget, 74 s at
half of it, same list). Before any assignment of this scenario ran in the session, a mode's wait is
said as a range from the list's size; after one ran, it is that run's own time. The comparison's wait is the other mode's own
estimate: scaling it by how slow the chosen mode was misled (a review measured optimo at half budget
84 s against 30 s estimated, for reasons of its own, and the scaled estable wait said 20 s for a
6-9 s run), so the caption says instead that a busy machine takes longer.
"""

from __future__ import annotations

from planner.core.scenario import Scenario
from planner.core.words import t
from planner.ui.waits import duration_words

# Seconds a listed candidate, one mode, options expanded: (fast, slow). Measured on the national
# list (15,674; lead's run of 2026-11-30, load 0.3, and benchmarks/README.md at load 3-5):
# optimo 3.3-4.6 s when its LP is whole (full budget: the rank stage on the LP's optimal face),
# 74 s at half budget (the budget row makes the LP fractional: integer program, then the rank
# stage with the coverage row, 70 s of it); estable 3.5-6.2 s whatever the budget.
SECONDS_PER_CANDIDATE = {"optimo": (0.25e-3, 5e-3), "estable": (0.4e-3, 0.4e-3)}
RUN_BASE = 1.0  # indicators, reports, a small list's floor


def _listed(scenario: Scenario) -> int:
    return 0 if scenario.candidates is None else len(scenario.candidates)


def run_range(scenario: Scenario, mode: str) -> tuple[float, float]:
    """One assignment in ``mode`` (that mode only) of ``scenario``'s list: (fast, slow)."""
    fast, slow = SECONDS_PER_CANDIDATE[mode]
    return RUN_BASE + fast * _listed(scenario), RUN_BASE + slow * _listed(scenario)


def range_words(scenario: Scenario, mode: str, lang: str = "es") -> str:
    """«unos 5 segundos», or «de unos 5 segundos a alrededor de un minuto» when the mode's
    fast and slow ends read differently, with why (optimo: a budget that does not reach)."""
    low, high = (duration_words(s, lang) for s in run_range(scenario, mode))
    if low == high:
        return low
    return t("candp_wait_range", lang, low=low, high=high)


def run_caption(scenario: Scenario, mode: str, lang: str = "es",
                measured: float | None = None) -> str:
    """Under the run button."""
    how = t("candp_wait_measured" if measured is not None else "candp_wait_estimated", lang)
    wait = duration_words(measured, lang) if measured is not None else \
        range_words(scenario, mode, lang)
    return t("candp_wait", lang, wait=wait, n=f"{_listed(scenario):,}", how=how)


def compare_caption(result, other_word: str, lang: str = "es") -> str:
    """Under the comparison button."""
    other = "estable" if result.candidates.mode == "optimo" else "optimo"
    return t("candp_compare_wait", lang, other=other_word,
             wait=range_words(result.scenario, other, lang))
