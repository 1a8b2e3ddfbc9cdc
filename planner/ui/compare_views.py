"""The comparison of saved scenarios (issue 15), shaped without Streamlit: the inputs that differ
as rows, and which per-state indicator actually moves (so a budget-only scenario never opens on
an empty chart)."""

from __future__ import annotations

import pandas as pd

from planner.core import fmt
from planner.core.words import t
from planner.ui import figures


def _inputs(result, lang: str) -> dict[str, str]:
    """Label → formatted value of every input a planner can change, for one scenario."""
    sc = result.scenario
    p = sc.params
    out = {t("budget", lang): fmt.mxn(p.budget)}
    for (kind, zone), value in sorted(sc.bonuses["bonus"].items()):
        if kind == "especialidad":
            out[t("bonus_zone", lang, zone=zone)] = fmt.mxn(value)
    out[t("target", lang)] = fmt.integer(p.target)
    out[t("first_weight", lang)] = fmt.decimal(p.first_doctor_weight)
    out[t("families_weight", lang)] = fmt.decimal(p.families_weight)
    out[t("equity_floor", lang)] = fmt.percent(p.equity_floor, 0)
    out[t("one_doctor", lang)] = t("word_yes" if p.one_doctor_per_centre else "word_no", lang)
    out[t("states", lang)] = fmt.integer(sc.units["state_code"].nunique())
    for cat, n in sc.supply_by_category().items():
        out[t("cmpv_supply", lang, category=cat)] = fmt.integer(n)
    return out


def differing_inputs(named: dict, lang: str = "es") -> pd.DataFrame:
    """One row per input whose value is not the same in every scenario (``named``: name →
    Result), one column per scenario; empty (with the columns) when nothing differs."""
    values = {n: _inputs(r, lang) for n, r in named.items()}
    labels = list(dict.fromkeys(k for v in values.values() for k in v))
    rows = []
    for label in labels:
        row = {n: values[n].get(label, fmt.DASH) for n in named}
        if len(set(row.values())) > 1:
            rows.append({t("cmpv_input", lang): label, **row})
    return pd.DataFrame(rows, columns=[t("cmpv_input", lang), *named])


def metrics_in_order(named: dict) -> list[str]:
    """The per-state indicators, those where some scenario differs from the first one first."""
    moving = []
    for m in figures.STATE_METRICS:
        table = figures.compare_states(named, m)
        deltas = [c for c in table.columns if str(c).startswith("Δ ")]
        moving.append(bool(deltas) and bool((table[deltas] != 0).to_numpy().any()))
    return ([m for m, mv in zip(figures.STATE_METRICS, moving, strict=True) if mv]
            + [m for m, mv in zip(figures.STATE_METRICS, moving, strict=True) if not mv])


def moves(table: pd.DataFrame) -> bool:
    """Whether any later scenario differs from the first in a ``compare_states`` table."""
    deltas = [c for c in table.columns if str(c).startswith("Δ ")]
    return bool(deltas) and bool((table[deltas] != 0).to_numpy().any())


PX_PER_CHAR, PX_PAD = 8, 28  # the data grid's 14 px font: about 8 px a character, plus padding


def fit_widths(table: pd.DataFrame, columns) -> dict[str, int]:
    """A pixel width per column of ``columns`` that shows its longest cell and its header whole.

    The data grid sizes columns from its first rows only; on a phone the table does not stretch,
    so "$1,000,000 MXN" in a later row was cut to "00,000 MXN" (issue 15, phone width).
    """
    out = {}
    for c in columns:
        longest = max([len(str(c))] + [len(str(v)) for v in table[c]])
        out[c] = longest * PX_PER_CHAR + PX_PAD
    return out
