"""What the app says about a result: headline figures with deltas, the optimiser's advantage over
the hand rule, and side-by-side comparisons of saved scenarios. (Marginal values in words come from
:mod:`planner.analysis.marginals`, as in the result workbook.)
"""

from __future__ import annotations

import math

import pandas as pd

from planner.analysis.indicators import compare_by_state
from planner.core import fmt
from planner.core.model_words import MODE_WORDS, mode_word
from planner.core.result import Result
from planner.core.scenario import WhatIf
from planner.core.schema import GENERAL
from planner.core.words import t

SAME_OBJECTIVE = 1e-3  # relative difference under which two plans cover "the same" need


def headline_values(result: Result) -> dict[str, float]:
    """The figures the app headlines, from a solved result (English keys)."""
    h = result.indicators.headline
    gp_gap = _gp_gap(result)
    return {
        "at_target": h["centres_at_target_after"],
        "no_doctor": h["centres_no_doctor_after"],
        "spec_placed": h["spec_placed"],
        "filled": h["gp_placed"] + h["spec_placed"],
        "bonus_month": h["bonus_month"],
        "bonus_year": h["bonus_year"],
        "unplaced": h["unplaced"],
        "objective": h["objective"],
        # context, not headlined
        "at_target_before": h["centres_at_target_before"],
        "no_doctor_before": h["centres_no_doctor_before"],
        "centres": h["centres"],
        "spec_candidates": h["spec_candidates"],
        "vacancies": gp_gap + h["spec_gap"],
        "budget_month": h["budget_month"],
        "budget_used": h["budget_used"],
    }


def nurse_text(result: Result, lang: str = "es") -> str | None:
    """The nurses' sentence below the headline cards (None without a nursing category)."""
    h = result.indicators.headline
    if "nurse_placed" not in h:
        return None
    return t("nurse_summary", lang, placed=fmt.integer(h["nurse_placed"]),
             gap=fmt.integer(h["nurse_gap"]), expected=fmt.decimal(h["nurse_expected"], 1),
             candidates=fmt.integer(h["nurse_candidates"]),
             target=fmt.integer(result.scenario.params.nurse_target),
             before=fmt.integer(h["centres_nurse_target_before"]),
             after=fmt.integer(h["centres_nurse_target_after"]),
             centres=fmt.integer(h["centres"]),
             none_before=fmt.integer(h["centres_no_nurse_before"]),
             none_after=fmt.integer(h["centres_no_nurse_after"]))


def _gp_gap(result: Result) -> int:
    by_cat = result.indicators.by_category
    return int(by_cat.loc[by_cat["kind"] == GENERAL, "gap"].sum())


# key, format, which way is better
HEADLINE: tuple[tuple[str, str, str], ...] = (
    ("at_target", "int", "up"),
    ("no_doctor", "int", "down"),
    ("spec_placed", "int", "up"),
    ("filled", "int", "up"),
    ("bonus_month", "mxn", "off"),
    ("bonus_year", "mxn", "off"),
    ("unplaced", "int", "down"),
    ("objective", "dec", "up"),
)


# --- the hand rule -------------------------------------------------------------------------------

HAND_ROWS: tuple[tuple[str, str, str], ...] = (
    # label key, headline key, format
    ("m_at_target", "centres_at_target_after", "int"),
    ("m_no_doctor", "centres_no_doctor_after", "int"),
    ("gp_placed", "gp_placed", "int"),
    ("m_spec_placed", "spec_placed", "int"),
    ("unplaced_long", "unplaced", "int"),
    ("m_bonus_month", "bonus_month", "mxn"),
    ("objective_long", "objective", "dec"),
)
TODAY_KEYS = {"centres_at_target_after": "centres_at_target_before",
              "centres_no_doctor_after": "centres_no_doctor_before"}


def hand_rule_table(result: Result, lang: str = "es") -> pd.DataFrame:
    """Indicator, today, optimised plan, hand rule and advantage — as formatted text."""
    h = result.indicators.headline
    m = result.hand_indicators.headline
    rows = []
    for label, key, kind in HAND_ROWS:
        today = h.get(TODAY_KEYS[key]) if key in TODAY_KEYS else None
        rows.append({t("col_indicator", lang): t(label, lang),
                     t("col_today", lang): fmt.value(today, kind) if today is not None else "",
                     t("col_plan", lang): fmt.value(h[key], kind),
                     t("col_hand", lang): fmt.value(m[key], kind),
                     t("col_advantage", lang): fmt.signed(h[key] - m[key], kind)})
    return pd.DataFrame(rows)


def hand_rule_text(result: Result, lang: str = "es") -> str:
    """The optimiser's advantage over the hand rule, in one plain sentence."""
    opt = float(result.plan.objective or 0.0)
    hand = float(result.hand.objective or 0.0) if result.hand is not None else 0.0
    gain = opt - hand
    rel = gain / abs(hand) if hand else (math.inf if gain > 0 else 0.0)
    if rel < SAME_OBJECTIVE:
        return t("hand_same", lang, opt=fmt.decimal(opt), hand=fmt.decimal(hand))
    return t("hand_better", lang, gain=fmt.decimal(gain), gain_pct=fmt.percent(rel),
              opt=fmt.decimal(opt), hand=fmt.decimal(hand))


def hand_rule_ties(result: Result) -> bool:
    """Whether the optimiser covers (practically) the same total need as the hand rule."""
    opt = float(result.plan.objective or 0.0)
    hand = float(result.hand.objective or 0.0) if result.hand is not None else 0.0
    gain = opt - hand
    return gain / abs(hand) < SAME_OBJECTIVE if hand else gain <= 0


# advantage metric -> (compare_by_state name, label key, format, which way is better)
ADVANTAGE: dict[str, tuple[str, str, str, str]] = {
    "need": ("need_covered", "adv_need", "dec", "up"),
    "at_target": ("at_target", "adv_at_target", "int", "up"),
    "no_doctor": ("no_doctor", "adv_no_doctor", "int", "down"),
    "spec_placed": ("spec_placed", "adv_spec_placed", "int", "up"),
}


def advantage_by_state(result: Result, metric: str = "need") -> pd.DataFrame:
    """Per state: the optimised plan, the hand rule and the optimiser's ``advantage`` on
    ``metric`` (a key of :data:`ADVANTAGE`), from :func:`planner.analysis.indicators.compare_by_state`.

    ``advantage`` is signed so that positive favours the optimiser (fewer centres with no
    doctor count as positive). The national total row is left out; see :func:`national_advantage`.
    """
    name, _, _, better = ADVANTAGE[metric]
    cmp = compare_by_state(result.indicators, result.hand_indicators)
    cmp = cmp[cmp["state_code"] != 0]
    sign = -1 if better == "down" else 1
    return pd.DataFrame({"state": cmp["state"].to_numpy(),
                         "plan": cmp[f"{name}_plan"].to_numpy(dtype=float),
                         "hand": cmp[f"{name}_hand"].to_numpy(dtype=float),
                         "advantage": sign * cmp[f"{name}_diff"].to_numpy(dtype=float)})


def national_advantage(result: Result, metric: str = "need") -> float:
    """The optimiser's advantage on ``metric`` over the whole scenario (positive favours it)."""
    name, _, _, better = ADVANTAGE[metric]
    cmp = compare_by_state(result.indicators, result.hand_indicators)
    total = float(cmp.loc[cmp["state_code"] == 0, f"{name}_diff"].iloc[0])
    return -total if better == "down" else total


def advantage_table(table: pd.DataFrame, metric: str, lang: str = "es") -> pd.DataFrame:
    """:func:`advantage_by_state` for people: state, optimiser, hand rule, difference (text)."""
    kind = ADVANTAGE[metric][2]
    out = table.sort_values("advantage", ascending=False, kind="stable")
    return pd.DataFrame({
        t("state", lang): out["state"],
        t("col_plan_short", lang): [fmt.value(v, kind) for v in out["plan"]],
        t("col_hand_short", lang): [fmt.value(v, kind) for v in out["hand"]],
        t("col_diff_short", lang): [fmt.signed(v, kind) for v in out["advantage"]],
    })


# --- scenarios -----------------------------------------------------------------------------------

def describe_changes(what_if: WhatIf | None, lang: str = "es") -> str:
    """The changes of a what-if in a short phrase (``'sin cambios'`` when there are none)."""
    if what_if is None or what_if.is_empty():
        return t("no_changes", lang)
    parts = []
    if what_if.budget is not None:
        parts.append(t("c_budget", lang, value=fmt.mxn(what_if.budget)))
    for (_, zone), v in sorted(what_if.bonus.items()):
        parts.append(t("c_bonus", lang, zone=zone, value=fmt.mxn(v)))
    if what_if.target is not None:
        parts.append(t("c_target", lang, value=what_if.target))
    if what_if.nurse_target is not None:
        parts.append(t("c_nurse_target", lang, value=what_if.nurse_target))
    for name in ("first_doctor_weight", "families_weight", "time_limit"):
        v = getattr(what_if, name)
        if v is not None:
            parts.append(t(f"c_{name}", lang, value=fmt.decimal(v, 1)))
    for cat, v in what_if.supply.items():
        parts.append(t("c_supply", lang, category=cat, value=fmt.integer(v)))
    if what_if.states is not None:
        parts.append(t("c_states", lang, count=len(what_if.states)))
    if what_if.equity_floor is not None:
        parts.append(t("c_equity_floor", lang, value=f"{100 * what_if.equity_floor:.0f} %"))
    if what_if.one_doctor_per_centre is not None:
        parts.append(t("c_one_doctor_on" if what_if.one_doctor_per_centre else
                        "c_one_doctor_off", lang))
    for name in MODE_WORDS:  # the model's modes, in the form's words
        v = getattr(what_if, name, None)
        if v is not None:
            parts.append(t(f"c_{name}", lang, value=mode_word(name, v, lang)))
    return "; ".join(parts)


COMPARE_ROWS: tuple[tuple[str, str], ...] = tuple((k, kind) for k, kind, _ in HEADLINE)


# the first screen's headline figures (issue 21), first in the comparison when every scenario
# has its acceptance report: label key, key of the report's headline, format
ACCEPTANCE_ROWS: tuple[tuple[str, str, str], ...] = (
    ("fs_expected", "expected_filled", "dec"), ("fs_need", "expected_need", "dec"))


def _comparison_values(result: Result) -> dict[str, float]:
    """:func:`headline_values`, with the acceptance report's headline figures when there is one."""
    values = headline_values(result)
    report = getattr(result.acceptance, "headline", None)
    if isinstance(report, dict):
        values.update({f"fs:{key}": float(report[key]) for _, key, _ in ACCEPTANCE_ROWS})
    return values


def compare_rows(values: dict[str, dict[str, float]]) -> list[tuple[str, str, str]]:
    """The comparison's rows (label key, value key, format), in the order a planner reads them
    (issue 21: it opened on «Centros en la meta», which the budget cannot change, a row of
    zeros): the first screen's expected filled posts and weighted need when every scenario has
    them, then the headline figures, those that differ between scenarios first."""
    rows = [(label, f"fs:{key}", kind) for label, key, kind in ACCEPTANCE_ROWS
            if values and all(f"fs:{key}" in v for v in values.values())]
    moving, still = [], []
    for key, kind in COMPARE_ROWS:
        differs = len({round(v[key], 6) for v in values.values()}) > 1
        (moving if differs else still).append((f"m_{key}", key, kind))
    return rows + moving + still


def compare_headlines(named: dict[str, Result], lang: str = "es") -> pd.DataFrame:
    """Headline figures side by side (one column per scenario) and each one's difference from the
    first scenario, formatted as text; rows are indicators (:func:`compare_rows`)."""
    names = list(named)
    values = {n: _comparison_values(r) for n, r in named.items() if r.solved}
    ref = names[0]
    rows = []
    for label, key, kind in compare_rows(values):
        row = {t("col_indicator", lang): t(label, lang)}
        for n in names:
            row[n] = fmt.value(values[n][key], kind) if n in values else fmt.DASH
        for n in names[1:]:
            ok = n in values and ref in values
            row[t("delta_vs", lang, ref=ref) + f" · {n}"] = (
                fmt.signed(values[n][key] - values[ref][key], kind) if ok else fmt.DASH)
        rows.append(row)
    return pd.DataFrame(rows)


STATE_METRICS: tuple[str, ...] = ("at_target_after", "no_doctor_after", "spec_placed",
                                  "gp_placed", "spec_gap_left")


def compare_states(named: dict[str, Result], metric: str) -> pd.DataFrame:
    """One row per state: ``metric`` in each scenario (columns by name), and the difference of
    each later scenario from the first (columns ``Δ <name>``); states missing from a scenario
    count 0."""
    names = [n for n, r in named.items() if r.solved]
    frames = []
    for n in names:
        s = named[n].indicators.by_state.set_index("state")[metric].rename(n)
        frames.append(s)
    table = pd.concat(frames, axis=1).fillna(0).astype(int)
    ref = names[0]
    for n in names[1:]:
        table[f"Δ {n}"] = table[n] - table[ref]
    table.index.name = "state"
    return table.reset_index()
