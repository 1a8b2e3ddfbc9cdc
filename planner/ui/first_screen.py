"""What the first screen says, shaped without Streamlit (issue 13's app part, issue 15's first
screen): the cards' context ("10,331 de 12,000 (86.1%)"), which deltas compare with the
baseline, where the specialists went (bonus hospitals or elsewhere), the acceptance figures
(expected filled posts, P10–P90, the gain over the uniform 2024 bonus, per state), the cause of an
infeasible what-if in numbers, and honest estimates of the waits.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import altair as alt
import pandas as pd

from models import acceptance
from planner.analysis.expected import AcceptanceReport, acceptance_report
from planner.core import fmt
from planner.core.model_words import MODE_WORDS, mode_word
from planner.core.result import Result
from planner.core.scenario import WhatIf
from planner.core.words import t
from planner.explain.summary import misleading
from planner.io.acceptance import basis_sentences

DRAWS = 1000  # Monte Carlo draws behind the first screen's intervals
CURVE_SETS = 20  # sets of curves drawn from their standard errors (issue 22 item 2)
SEED = 0  # fixed: the same scenario always shows the same intervals
DOC = "docs/MODELO.md"
ROOT = Path(__file__).resolve().parents[2]


# --- acceptance (issue 13) ----------------------------------------------------------------------

def shows_acceptance(result: Result) -> bool:
    """Whether the plan has acceptance figures worth a section (curves or bonus levels on)."""
    return result.solved and acceptance.is_active(result.scenario)


def with_acceptance(result: Result, draws: int = DRAWS, seed: int = SEED,
                    fair: Callable[[Result, dict], dict] | None = None) -> Result:
    """``result`` with its acceptance report (expected figures and a seeded simulation) when
    the scenario has acceptance data; unchanged otherwise. ``fair`` is
    :func:`planner.pipeline.fair_comparison` in the app (the re-solves at the 2024 policy's
    money; passed in so that this page's module does not reach the solver)."""
    if not shows_acceptance(result) or isinstance(result.acceptance, AcceptanceReport):
        return result
    t0 = time.perf_counter()
    report = acceptance_report(result, draws, seed, fair=fair, curve_sets=CURVE_SETS)
    return replace(result, acceptance=report,
                   timings={**result.timings, "simulate": time.perf_counter() - t0})


def report_of(result: Result) -> AcceptanceReport | None:
    r = result.acceptance
    return r if isinstance(r, AcceptanceReport) else None


def acceptance_states(report: AcceptanceReport, lang: str = "es") -> pd.DataFrame:
    """Per state, for the interval chart and its table: expected filled posts, P10, P50, P90,
    the uniform 2024 bonus's expected posts, the gain and the probability of reaching the
    target (plan and 2024 policy); English column names (the page labels them)."""
    b = report.by_state
    out = pd.DataFrame({
        "state": b["state"].astype(str),
        "offers": b["offers"].astype(float),
        "expected": b["expected_filled"].astype(float),
        "hand_expected": b["expected_filled_hand"].astype(float),
    })
    out["gain"] = out["expected"] - out["hand_expected"]
    for q in ("p10", "p50", "p90"):
        col = f"filled_{q}"
        out[q] = b[col].astype(float) if col in b else out["expected"]
    if "p_target" in b:
        out["target"] = b["target"].astype(float)
        out["p_target"] = b["p_target"].astype(float)
        out["hand_p_target"] = b["hand_p_target"].astype(float)
    return out.sort_values("expected", ascending=False, kind="stable").reset_index(drop=True)


STATE_COLUMNS = {"state": "state", "offers": "fs_col_offers", "expected": "fs_col_expected",
                 "p10": "fs_col_p10", "p90": "fs_col_p90", "hand_expected": "fs_col_hand",
                 "gain": "fs_col_gain", "target": "fs_col_target", "p_target": "fs_col_p_target",
                 "hand_p_target": "fs_col_hand_p_target"}


def acceptance_state_table(table: pd.DataFrame, lang: str = "es") -> pd.DataFrame:
    """:func:`acceptance_states` for people (text, planner headers)."""
    rows = []
    for r in table.to_dict(orient="records"):
        row = {}
        for c, key in STATE_COLUMNS.items():
            if c not in r:
                continue
            v = r[c]
            if c == "state":
                text = v
            elif c == "gain":
                text = fmt.signed(v, "dec") if round(v, 1) else "0"
            elif c in ("p_target", "hand_p_target"):
                text = fmt.percent(v, 0)
            elif c in ("expected", "hand_expected"):
                text = fmt.decimal(v)
            else:
                text = fmt.integer(v)
            row[t(key, lang)] = text
        rows.append(row)
    return pd.DataFrame(rows)


def curve_basis_lines(result: Result, lang: str = "es") -> list[str]:
    """Where the scenario's acceptance curves come from: fitted (with their data and fit and
    largest standard error), assumed or observed, one line per category type and basis."""
    return basis_sentences(result.scenario.acceptance, lang)


def calibration_text() -> str:
    """Section 4 of docs/MODELO.md (what is data and what is assumption), or '' when missing."""
    path = ROOT / DOC
    if not path.is_file():
        return ""
    text = path.read_text(encoding="utf-8")
    start = text.find("## 4.")
    if start < 0:
        return ""
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else None].split("\n", 1)[-1].strip()


def interval_chart(table: pd.DataFrame, axis: str, lang: str = "es") -> alt.Chart:
    """Per state, the P10–P90 interval of filled posts (a bar), its median (a tick) and the
    uniform 2024 bonus's expected posts (a grey point); states by expected posts."""
    sort = table["state"].tolist()
    state = t("state", lang)
    data = table.assign(p_target=table.get("p_target", pd.Series(float("nan"),
                                                                 index=table.index)))
    base = alt.Chart(data).encode(y=alt.Y("state:N", sort=sort, title=None,
                                          axis=alt.Axis(labelLimit=220, labelOverlap=False)))
    tooltip = [alt.Tooltip("state:N", title=state),
               alt.Tooltip("p10:Q", title="P10", format=",.0f"),
               alt.Tooltip("p50:Q", title="P50", format=",.0f"),
               alt.Tooltip("p90:Q", title="P90", format=",.0f"),
               alt.Tooltip("hand_expected:Q", title=t("fs_col_hand", lang), format=",.0f"),
               alt.Tooltip("p_target:Q", title=t("fs_col_p_target", lang), format=".0%")]
    bar = base.mark_bar(color="#235B4E", opacity=0.45, height=10).encode(
        x=alt.X("p10:Q", title=axis, axis=alt.Axis(format=",d")), x2="p90:Q", tooltip=tooltip)
    tick = base.mark_tick(color="#235B4E", thickness=2, size=14).encode(x="p50:Q",
                                                                        tooltip=tooltip)
    hand = base.mark_point(color="#A7A9AC", filled=True, size=30).encode(x="hand_expected:Q",
                                                                         tooltip=tooltip)
    return (bar + tick + hand).properties(height=alt.Step(22))


# --- headline cards -----------------------------------------------------------------------------

def not_comparable_note(key: str, result: Result, base: Result, lang: str = "es") -> str:
    why = misleading(result, base).get(key)
    if why == "target":
        return t("fs_not_comparable_target", lang, old=int(base.scenario.params.target),
                 new=int(result.scenario.params.target))
    if why == "states":
        return t("fs_not_comparable_states", lang,
                 n=result.scenario.units["state_code"].nunique(),
                 total=base.scenario.units["state_code"].nunique())
    if why == "weights":
        return t("fs_not_comparable_weights", lang)
    if why == "nurse_target":
        return t("fs_not_comparable_nurse_target", lang,
                 old=int(base.scenario.params.nurse_target),
                 new=int(result.scenario.params.nurse_target))
    return ""


def bonus_split(result: Result) -> dict[str, float]:
    """Specialists at bonus-eligible hospitals, elsewhere, and the bonus paid a month."""
    h = result.indicators.headline
    at_bonus = float(h["spec_placed_bonus_units"])
    return {"bonus_units": at_bonus, "elsewhere": float(h["spec_placed"]) - at_bonus,
            "bonus_month": float(h["bonus_month"])}


def bonus_split_text(result: Result, base: Result | None, lang: str = "es") -> str:
    """Where the specialists went, with the change from the baseline when there is one: a
    budget cut shows here even when the count of specialists placed does not move."""
    now = bonus_split(result)
    if base is None or not base.solved:
        return t("fs_split", lang, total=fmt.integer(now["bonus_units"] + now["elsewhere"]),
                 bonus_units=fmt.integer(now["bonus_units"]),
                 elsewhere=fmt.integer(now["elsewhere"]), paid=fmt.mxn(now["bonus_month"]))
    was = bonus_split(base)
    return t("fs_split_delta", lang, total=fmt.integer(now["bonus_units"] + now["elsewhere"]),
             bonus_units=fmt.integer(now["bonus_units"]),
             d_bonus=fmt.signed(now["bonus_units"] - was["bonus_units"]),
             elsewhere=fmt.integer(now["elsewhere"]),
             d_else=fmt.signed(now["elsewhere"] - was["elsewhere"]),
             paid=fmt.mxn(now["bonus_month"]),
             d_paid=fmt.signed(now["bonus_month"] - was["bonus_month"], "mxn"))


# --- waits said in words -----------------------------------------------------------------------

def solve_seconds(result: Result) -> float:
    """The seconds a solve of ``result`` took (model, hand rule, indicators, simulation)."""
    return float(sum(result.timings.values()))


def wait_words(base: Result, what_if: WhatIf, lang: str = "es") -> str:
    """The spinner's words for a what-if: what it does and how long it is likely to take (the
    baseline's own time, and the time limit as the ceiling)."""
    seconds = max(1.0, solve_seconds(base))
    limit = what_if.time_limit if what_if.time_limit is not None else \
        base.scenario.params.time_limit
    p = base.scenario.params
    other = [mode_word(name, getattr(what_if, name), lang) for name in MODE_WORDS
             if getattr(what_if, name, None) not in (None, getattr(p, name))]
    if other:  # bonus levels or registered candidates: another model, the baseline's time is no guide
        return t("fs_wait_other_model", lang, mode="; ".join(other),
                 seconds=fmt.integer(seconds), limit=fmt.integer(limit))
    return t("fs_wait", lang, seconds=fmt.integer(seconds), limit=fmt.integer(limit))


# --- an infeasible what-if -----------------------------------------------------------------------

def infeasible_causes(result: Result, lang: str = "es") -> list[str]:
    """The cause in numbers, one line per unmet rule and category: the candidates there are
    and the doctors the rule needs at least."""
    rules_table = result.plan.rules
    if rules_table is None or rules_table.empty:
        return []
    supply = {str(k): int(v) for k, v in result.scenario.supply_by_category().items()}
    out = []
    for (rule, category), block in rules_table.groupby(["rule", "category"], sort=False):
        out.append(t("fs_cause", lang, have=fmt.integer(supply.get(str(category), 0)),
                     category=category, need=fmt.integer(block["required"].sum()),
                     reached=fmt.integer(block["reached"].sum()),
                     short=fmt.integer(block["shortfall"].sum()),
                     rule=t(f"rule_{rule}", lang).lower() if lang == "es"
                     else t(f"rule_{rule}", lang)))
    return out


COUNTERFACTUAL_ADVICE = {"total_if_more_candidates": "fs_try_candidates",
                         "total_if_more_budget": "fs_try_budget",
                         "total_if_national_pools": "fs_try_pools",
                         "total_if_no_links": "fs_try_links"}


def infeasible_advice(result: Result, lang: str = "es") -> list[str]:
    """Only what would help: each limit whose lifting leaves less missing (with what would
    still be missing), and easing the unmet rules themselves."""
    rules_table = result.plan.rules
    if rules_table is None or rules_table.empty:
        return [t("fs_try_rules", lang)]
    total = int(rules_table["shortfall"].sum())
    out = []
    supply = {str(k): int(v) for k, v in result.scenario.supply_by_category().items()}
    for column, key in COUNTERFACTUAL_ADVICE.items():
        if column not in rules_table or rules_table[column].isna().all():
            continue
        left = int(rules_table[column].iloc[0])
        if left >= total:
            continue  # lifting this limit would not help: not advised
        fields = {"left": fmt.integer(left)}
        if key == "fs_try_candidates":
            cats = rules_table.groupby("category")["shortfall"].sum()
            fields["what"] = ", ".join(
                t("fs_try_candidates_cat", lang, category=c,
                  n=fmt.integer(supply.get(str(c), 0) + int(n)))
                for c, n in cats.items())
        out.append(t(key if left else f"{key}_all", lang, **fields))
    rules = list(dict.fromkeys(rules_table["rule"].astype(str)))
    if "one_doctor_per_centre" in rules:
        out.append(t("fs_try_one_doctor", lang))
    if "equity_floor" in rules:
        out.append(t("fs_try_floor", lang))
    return out
