"""The result-workbook downloads' waits, said before the click (issue 15, "waits said in words").

No Streamlit here. The plain workbook's wait is this scenario's own measured write time once a
workbook of it was built in the session, and before that an estimate from the size of its
tables (the bulk writer's rate, benchmarks/README.md "Result workbook writing"). The confirmed
workbook's wait is the number of integer re-solves :func:`planner.pipeline.confirm_marginals`
will run for this plan times the time this plan's own model took, capped as the confirmation
is (it starts no re-solve after ``MAX_SECONDS``), plus the write.
"""

from __future__ import annotations

from planner.analysis import marginals
from planner.core.result import Result
from planner.core.words import t
from planner.ui.waits import duration_words

# The bulk writer (planner/io/fast_xlsx.py) wrote the national workbook's ~380,000 table cells
# in ~1 s on 2 loaded cores (benchmarks/README.md): 3 µs a cell, with room for load, plus the
# small sheets, the zip and reading the bytes back.
SECONDS_PER_CELL = 3e-6
WRITE_BASE = 0.5


def table_cells(result: Result) -> int:
    """Cells of the result workbook's tables (placements, units, by state, by category, and
    the candidates' sheets when there are any)."""
    ind = result.indicators
    if ind is None:
        return 0
    cells = sum(df.size for df in (ind.assignments, ind.units, ind.by_category, ind.by_state))
    if result.candidates is not None and result.scenario.candidates is not None:
        cells += result.scenario.candidates.size * 2  # one row per folio, and per post
    return int(cells)


def write_seconds(result: Result, measured: float | None = None) -> float:
    """The plain workbook's build time: ``measured`` (a workbook of this scenario built in this
    session) when known, else the estimate from its tables' size."""
    if measured is not None:
        return float(measured)
    return WRITE_BASE + SECONDS_PER_CELL * table_cells(result)


def confirmations(result: Result) -> int:
    """How many integer re-solves confirming this plan's marginal values takes (at most
    ``MAX_RESOLVES``; rows with nothing to re-solve are skipped)."""
    steps = marginals.confirmation_steps(result, marginals.lp_rows(result))
    return sum(1 for _, what_if, _ in steps[:marginals.MAX_RESOLVES] if what_if is not None)


def resolve_seconds(result: Result) -> float:
    """One re-solve: the time this plan's own model took (built, LP, integer search)."""
    return max(0.1, float(result.plan.seconds or 0.0))


def confirm_seconds(result: Result, measured_write: float | None = None) -> float:
    """The confirmed workbook: the re-solves (capped as the confirmation is), then the write."""
    each = resolve_seconds(result)
    solving = min(confirmations(result) * each, marginals.MAX_SECONDS + each)
    return solving + write_seconds(result, measured_write)


def plain_caption(result: Result, lang: str = "es", measured: float | None = None) -> str:
    """Under the plain download button."""
    key = "download_wait_measured" if measured is not None else "download_wait"
    return t(key, lang, wait=duration_words(write_seconds(result, measured), lang))


def confirmed_caption(result: Result, lang: str = "es", measured: float | None = None) -> str:
    """Under the confirmed workbook's button: re-solves × this plan's time, in words."""
    n = confirmations(result)
    if n == 0:
        return t("download_confirmed_wait_none", lang,
                 wait=duration_words(write_seconds(result, measured), lang))
    return t("download_confirmed_wait", lang, n=n,
             each=duration_words(resolve_seconds(result), lang),
             wait=duration_words(confirm_seconds(result, measured), lang))
