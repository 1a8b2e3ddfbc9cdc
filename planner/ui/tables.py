"""Tables the app shows: per unit (filtered), per specialty, placements — headings in es or en."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from planner.core.result import Result
from planner.core.schema import GRADES, SPECIALTY
from planner.core.text import strip_accents
from planner.io.xlsx import INT
from planner.report.result_book import COLUMNS
from planner.ui.headings import header, kind_word, labelled  # noqa: F401 (tables.header, …)

# what the unit received comes right after its CLUES and name (seen without scrolling at 1440 px)
UNIT_COLUMNS = ("clues", "name", "gp_placed", "spec_placed", "bonus_month", "state",
                "municipality", "kind", "zone", "grade", "families", "gp_before", "gp_after",
                "spec_gap", "spec_after", "at_target_after", "no_doctor_after")
# with a nursing category: nurses placed beside the doctors, nurses after and the target at the end
NURSE_UNIT_COLUMNS = ("nurse_placed", "nurse_after", "nurse_at_target_after")
UNIT_PINNED = ("clues", "name")  # stay in view while the table scrolls sideways
UNIT_PINNED_COMPACT = ("clues",)  # a phone: CLUES and name pinned left ~90 px for the rest
SPECIALTY_COLUMNS = ("category", "candidates", "current", "gap", "placed", "unplaced", "gap_left",
                     "bonus_month")
ASSIGNMENT_COLUMNS = ("clues", "name", "state", "category", "before", "placed", "after",
                      "bonus_month")


@dataclass(frozen=True)
class UnitFilter:
    """The unit table's filters; empty means 'all'."""

    states: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    grades: tuple[str, ...] = ()
    search: str = ""
    only_placed: bool = False


def filter_units(units: pd.DataFrame, f: UnitFilter) -> pd.DataFrame:
    """Rows of the per-unit table (index ``clues``) that pass ``f``.

    The search matches CLUES or unit name, ignoring case and accents, anywhere in the text.
    """
    keep = pd.Series(True, index=units.index)
    if f.states:
        keep &= units["state"].isin(f.states)
    if f.kinds:
        keep &= units["kind"].isin(f.kinds)
    if f.grades:
        keep &= units["grade"].isin(f.grades)
    text = strip_accents(f.search.strip()).casefold()
    if text:  # accents and case ignored: «zimapan» finds «HOSPITAL ZIMAPÁN»
        clues = units.index.to_series(index=units.index).astype(str).str.casefold()
        names = units["name"].astype(str).map(strip_accents).str.casefold()
        hit = clues.str.contains(text, regex=False) | names.str.contains(text, regex=False)
        keep &= hit
    if f.only_placed:
        keep &= (units["gp_placed"] + units["spec_placed"]) > 0
    return units[keep]


def is_phone(user_agent: str | None) -> bool:
    """Whether a browser's User-Agent is a phone's: the "Mobi" token every phone browser sends
    (tablets send "Android" or "iPad" without it). Streamlit sizes columns on the server, which
    never sees the screen's width; this only picks the units table's default view."""
    return "Mobi" in (user_agent or "")


def unit_column_layout(compact: bool) -> dict[str, tuple[bool, str | None]]:
    """Column → (pinned, width) of the units table: CLUES and name pinned (name "medium"), or,
    compact, only CLUES pinned and the name scrolling with the figures."""
    pinned = UNIT_PINNED_COMPACT if compact else UNIT_PINNED
    layout = {c: (True, None) for c in pinned}
    layout["name"] = ("name" in pinned, "medium")
    return layout


def units_table(result: Result, f: UnitFilter, lang: str = "es") -> pd.DataFrame:
    """The filtered per-unit before/after table, ready to show, opened on what the plan changes
    most (:func:`by_change`)."""
    units = by_change(filter_units(result.indicators.units, f)).reset_index()
    return labelled(units[list(unit_columns(result))], lang)


def by_change(units: pd.DataFrame) -> pd.DataFrame:
    """Units ordered by what the plan changes most there (issue 21: the table opened on
    Baja California hospitals with no bonus): people placed (doctors and, when there are any,
    nurses) from most to fewest, then the monthly bonus from highest, then the workbook's
    order. The table's caption says so (``units_sorted``)."""
    placed = units["gp_placed"] + units["spec_placed"]
    if "nurse_placed" in units:
        placed = placed + units["nurse_placed"]
    key = pd.DataFrame({"placed": placed.to_numpy(), "bonus": units["bonus_month"].to_numpy(),
                        "row": range(len(units))})
    order = key.sort_values(["placed", "bonus", "row"], ascending=[False, False, True]).index
    return units.iloc[order]


def unit_columns(result: Result) -> tuple[str, ...]:
    """The units table's columns: :data:`UNIT_COLUMNS`, and the nurses' when there are any."""
    if "nurse_placed" not in result.indicators.units:
        return UNIT_COLUMNS
    at = UNIT_COLUMNS.index("spec_placed") + 1
    return (*UNIT_COLUMNS[:at], NURSE_UNIT_COLUMNS[0], *UNIT_COLUMNS[at:],
            *NURSE_UNIT_COLUMNS[1:])


def assignments_table(result: Result, clues: Iterable[str], lang: str = "es") -> pd.DataFrame:
    """Placements (unit, category, before, placed, after) of the units in ``clues``."""
    a = result.indicators.assignments
    a = a[a["clues"].isin(set(clues))]
    return labelled(a[list(ASSIGNMENT_COLUMNS)], lang)


def specialty_table(result: Result, lang: str = "es") -> pd.DataFrame:
    """Per specialty: candidates, current, gap, placed, unplaced, gap left, bonus."""
    by_cat = result.indicators.by_category
    spec = by_cat[by_cat["kind"] == SPECIALTY]
    return labelled(spec[list(SPECIALTY_COLUMNS)].sort_values("placed", ascending=False,
                                                              kind="stable"), lang)


def option_values(result: Result) -> dict[str, list[str]]:
    """The choices of the unit filters: states, kinds and grades present in the result."""
    units = result.indicators.units
    grades = [g for g in GRADES if g in set(units["grade"])]
    return {"states": sorted(units["state"].unique().tolist()),
            "kinds": sorted(units["kind"].unique().tolist()), "grades": grades}


# number format (Streamlit's sprintf-style NumberColumn format) by internal column
NUMBER_FORMATS = {"bonus_month": "$%,d", "families": "%,d"}


def number_formats(columns: Iterable[str], lang: str = "es") -> dict[str, str]:
    """Display formats of the money and count columns among ``columns``, by shown header."""
    out = {}
    for c in columns:
        f = NUMBER_FORMATS.get(c) or ("%,d" if COLUMNS.get(c, ("", "", None))[2] == INT else None)
        if f:
            out[header(c, lang)] = f
    return out


MAP_LIMIT = 3_000  # points on the units map (Vega-Lite draws them in the browser)


def map_points(result: Result, clues: Iterable[str]) -> pd.DataFrame:
    """The units in ``clues`` that have coordinates: ``clues, name, kind, state, lat, lon``."""
    u = result.scenario.units
    u = u[u.index.isin(set(clues))].dropna(subset=["lat", "lon"])
    return u.reset_index()[["clues", "name", "kind", "state", "lat", "lon"]]
