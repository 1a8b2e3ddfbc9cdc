"""The candidates tab's waits, said before the click (no Streamlit).

Only the chosen assignment is computed on the first click; the other mode, for the price of
stability and the blocking pairs, on a second one. Before any assignment of this scenario ran in
the session the wait is estimated from the list's size (``SECONDS_PER_CANDIDATE``, measured on
the national list: benchmarks/README.md "Candidates tab"); after one, it is that run's own time.
The comparison computes the other mode, which takes about as long as the chosen one did
(benchmarks/NOTES.md: 8.1 s and 6.8 s of CPU on the national list), so its wait is the chosen
mode's own measured time.
"""

from __future__ import annotations

from planner.core.scenario import Scenario
from planner.core.words import t
from planner.ui.waits import duration_words

SECONDS_PER_CANDIDATE = 1.5e-3  # one mode + indicators, national list, loaded 2-core machine
RUN_BASE = 1.0


def run_seconds(scenario: Scenario, measured: float | None = None) -> float:
    """One assignment (the chosen mode only) of ``scenario``'s list."""
    if measured is not None:
        return float(measured)
    n = 0 if scenario.candidates is None else len(scenario.candidates)
    return RUN_BASE + SECONDS_PER_CANDIDATE * n


def run_caption(scenario: Scenario, lang: str = "es", measured: float | None = None) -> str:
    """Under the run button."""
    n = 0 if scenario.candidates is None else len(scenario.candidates)
    how = t("candp_wait_measured" if measured is not None else "candp_wait_estimated", lang)
    return t("candp_wait", lang, wait=duration_words(run_seconds(scenario, measured), lang),
             n=f"{n:,}", how=how)


def compare_seconds(result) -> float:
    """The other mode: about what the chosen one took (its own stages, options expanded)."""
    return float(sum(result.candidates.chosen.timings.values()))


def compare_caption(result, other_word: str, lang: str = "es") -> str:
    """Under the comparison button."""
    return t("candp_compare_wait", lang, other=other_word,
             wait=duration_words(compare_seconds(result), lang))
