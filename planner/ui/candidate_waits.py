"""The candidates tab's waits, said before the click (no Streamlit).

Only the chosen assignment is computed on the first click; the other mode, for the price of
stability and the blocking pairs, on a second one. The two modes do not cost the same: on the
national list (15,674 candidates, load average 3.8, benchmarks/README.md "Candidates tab")
``optimo`` alone took 28.9 s and ``estable`` alone 6.2 s. Before any assignment of this
scenario ran in the session, a mode's wait is estimated from the list's size at that mode's
rate; after one ran, it is that run's own time. The comparison's wait is the other mode's own
estimate: scaling it by how slow the chosen mode was misled (a review measured optimo at half budget
84 s against 30 s estimated, for reasons of its own, and the scaled estable wait said 20 s for a
6-9 s run), so the caption says instead that a busy machine takes longer.
"""

from __future__ import annotations

from planner.core.scenario import Scenario
from planner.core.words import t
from planner.ui.waits import duration_words

SECONDS_PER_CANDIDATE = {"optimo": 1.8e-3, "estable": 0.4e-3}  # one mode, options expanded
RUN_BASE = 1.0  # indicators, reports, a small list's floor


def _listed(scenario: Scenario) -> int:
    return 0 if scenario.candidates is None else len(scenario.candidates)


def run_seconds(scenario: Scenario, mode: str, measured: float | None = None) -> float:
    """One assignment in ``mode`` (that mode only) of ``scenario``'s list."""
    if measured is not None:
        return float(measured)
    return RUN_BASE + SECONDS_PER_CANDIDATE[mode] * _listed(scenario)


def run_caption(scenario: Scenario, mode: str, lang: str = "es",
                measured: float | None = None) -> str:
    """Under the run button."""
    how = t("candp_wait_measured" if measured is not None else "candp_wait_estimated", lang)
    return t("candp_wait", lang, wait=duration_words(run_seconds(scenario, mode, measured), lang),
             n=f"{_listed(scenario):,}", how=how)


def compare_seconds(result) -> float:
    """The other mode: its own estimate from the list's size."""
    other = "estable" if result.candidates.mode == "optimo" else "optimo"
    return run_seconds(result.scenario, other)


def compare_caption(result, other_word: str, lang: str = "es") -> str:
    """Under the comparison button."""
    return t("candp_compare_wait", lang, other=other_word,
             wait=duration_words(compare_seconds(result), lang))
