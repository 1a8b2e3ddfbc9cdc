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
from planner.analysis.expected import percent_text as pct
from planner.core.model_words import MODE_WORDS, mode_word
from planner.core.result import Result
from planner.core.scenario import WhatIf
from planner.core.schema import NURSING, SPECIALTY
from planner.core.words import t
from planner.io.acceptance import basis_sentences
from planner.ui import fmt
from planner.ui.figures import HEADLINE, Figure

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


def _posts(x: float) -> str:
    """Posts as written: whole from 10 up, one decimal below (an expectation of 1.8 posts)."""
    x = float(x)
    return fmt.decimal(x) if abs(x) < 10 and abs(x - round(x)) > 0.05 else fmt.integer(x)


def _signed_posts(x: float) -> str:
    text = _posts(abs(x))
    return "0" if text in ("0", "0.0") else ("+" if x > 0 else "-") + text


# the first screen's parts, in the order a planner asks (issue 21): what the plan achieves,
# what it costs, how it compares with 2024 at equal money; the caveats follow (pages/summary.py)
PARTS = ("achieves", "costs", "compare")


def acceptance_cards(report: AcceptanceReport, lang: str = "es",
                     base: AcceptanceReport | None = None) -> dict[str, list[dict]]:
    """The first screen's cards by part (:data:`PARTS`), each a dict of label, value, context,
    help, delta (None: no comparison) and delta_color (Streamlit's: ``normal`` when up is
    better, ``inverse`` when down is, ``off`` when neither).

    achieves: the expected weighted need covered and the posts expected to be filled (P10–P90,
    of the offers); costs: the expected bonus bill and the probability that it exceeds the
    budget; compare: the gain over the 2024 policy at the same expected money and over the
    uniform 2024 bonus at the same budget, both headlined on weighted need, the plan's goal
    (a count of filled posts where fewer is not worse is said in the context, never as a
    loss). ``base`` is the baseline plan's report: in a what-if each figure of the first two
    parts carries its change (the comparisons are with 2024, not with the baseline)."""
    h = report.headline
    lo = h.get("filled_p10", h["expected_filled"])
    hi = h.get("filled_p90", h["expected_filled"])
    b = base.headline if base is not None else None

    def delta(key: str, kind: str) -> str | None:
        if b is None:
            return None
        d = float(h[key]) - float(b[key])
        return _signed_posts(d) if kind == "posts" else fmt.signed(d, kind)

    achieves = [
        {"label": t("fs_need", lang), "value": fmt.decimal(h["expected_need"]),
         "context": t("fs_need_ctx", lang, hand=fmt.decimal(h["hand_expected_need"])),
         "help": t("fs_need_help", lang, doc=DOC), "delta": delta("expected_need", "dec"),
         "delta_color": "normal"},
        {"label": t("fs_expected", lang), "value": _posts(h["expected_filled"]),
         "context": t("fs_expected_ctx", lang, lo=_posts(lo), hi=_posts(hi),
                      offers=_posts(h["offers"]),
                      share=fmt.percent(h["expected_filled"] / h["offers"]
                                        if h["offers"] else 0, 0))
         + ("" if "curve_sets" not in h else " " + t(
             "fs_expected_curves", lang, sets=fmt.integer(h["curve_sets"]),
             lo=_posts(h["curves_filled_p10"]), hi=_posts(h["curves_filled_p90"]))),
         "help": t("fs_expected_help", lang, draws=fmt.integer(report.draws),
                   seed=report.seed, doc=DOC),
         "delta": delta("expected_filled", "posts"), "delta_color": "normal"},
    ]
    costs = [{"label": t("fs_bill", lang), "value": fmt.mxn(h["expected_bonus"], False),
              "context": t("fs_bill_ctx", lang, budget=fmt.mxn(report.bill["budget"], False)
                           if report.bill else fmt.DASH),
              "help": t("fs_bill_help", lang, doc=DOC),
              "delta": delta("expected_bonus", "mxn"), "delta_color": "off"},
             *budget_card(report, lang, base)]
    return {"achieves": achieves, "costs": costs,
            "compare": [*fair_card(report, lang), gain_card(report, lang)]}


def _signed_need(x: float) -> str:
    return fmt.signed(x, "dec") if round(x, 1) else "0"


def gain_card(report: AcceptanceReport, lang: str = "es") -> dict:
    """The gain over the uniform 2024 bonus at the same budget: weighted need (the plan's goal)
    as the headline, the filled posts and their P10–P90 in the context."""
    h = report.headline
    gain = h["expected_filled"] - h["hand_expected_filled"]
    glo, ghi = h.get("gain_p10", gain), h.get("gain_p90", gain)
    return {"label": t("fs_gain", lang),
            "value": _signed_need(h["expected_need"] - h["hand_expected_need"]),
            "context": t("fs_gain_ctx", lang, n=_signed_posts(gain), lo=_signed_posts(glo),
                         hi=_signed_posts(ghi)),
            "help": t("fs_gain_help", lang), "delta": None, "delta_color": "off"}


def fair_card(report: AcceptanceReport, lang: str = "es") -> list[dict]:
    """The gain over the 2024 policy at the same expected money, with the same-guaranteed-money
    gain beside it (issue 22 item 5, planner.analysis.fair), headlined on weighted need; none
    without the comparison."""
    fair = report.fair
    if not fair or not fair["expected"]["solved"]:
        return []
    e, g = fair["expected"], fair["guaranteed"]
    guaranteed = (t("fs_fair_guaranteed", lang, money=fmt.mxn(g["money"], False),
                    need=_signed_need(g["gain_need"])) if g["solved"] else "")
    spends = t("fs_fair_underspends" if fair["hand_underspends"] else "fs_fair_spends", lang,
               hand=fmt.mxn(fair["hand_expected_bonus"], False),
               budget=fmt.mxn(fair["budget"], False))
    return [{"label": t("fs_fair", lang), "value": _signed_need(e["gain_need"]),
             "context": t("fs_fair_ctx", lang, money=fmt.mxn(e["money"], False),
                          n=_signed_posts(e["gain_filled"]), guaranteed=guaranteed,
                          spends=spends),
             "help": t("fs_fair_help", lang), "delta": None, "delta_color": "off"}]


def budget_card(report: AcceptanceReport, lang: str = "es",
                base: AcceptanceReport | None = None) -> list[dict]:
    """The bonus bill's risk as a card (issue 22 item 3): the probability that the bill exceeds
    the budget, the bill if every offer is accepted and the risk the model guarantees (lower is
    better: its change in a what-if is green when it falls); none when the report has no bill
    figures."""
    bill = report.bill
    if not bill:
        return []
    how = t("risk_how_exact", lang) if bill["overrun_how"] == "exacta" else t(
        "risk_how_sim", lang, draws=fmt.integer(bill["overrun_draws"]))
    was = base.bill if base is not None else None
    return [{"label": t("fs_overrun", lang), "value": pct(bill["overrun_p"]),
             "context": t("fs_overrun_ctx", lang, all=fmt.mxn(bill["all_accept"], False),
                          budget=fmt.mxn(bill["budget"], False),
                          risk=pct(min(max(bill["budget_risk"], 0.0), 1.0))),
             "help": t("fs_overrun_help", lang, how=how, doc=DOC),
             "delta": fmt.signed(bill["overrun_p"] - was["overrun_p"], "pct") if was else None,
             "delta_color": "inverse"}]


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

def not_comparable(result: Result, base: Result | None) -> dict[str, str]:
    """Headline keys whose delta against ``base`` would mislead → why (message text key and
    fields). A different target moves the goal "centres at target" is counted against and
    the need the objective weighs; different weights re-weigh the need."""
    if base is None or not base.solved:
        return {}
    p, q = result.scenario.params, base.scenario.params
    out: dict[str, str] = {}
    if set(result.scenario.units["state_code"]) != set(base.scenario.units["state_code"]):
        # other states: every count is over other units (pesos alone still compare)
        for key, _, _ in HEADLINE:
            if key not in ("bonus_month", "bonus_year"):
                out[key] = "states"
    if int(p.target) != int(q.target):
        for key in ("at_target", "objective"):
            out.setdefault(key, "target")
    if (float(p.first_doctor_weight) != float(q.first_doctor_weight)
            or float(p.families_weight) != float(q.families_weight)):
        out.setdefault("objective", "weights")
    if int(p.nurse_target) != int(q.nurse_target) and (
            result.scenario.categories["kind"] == NURSING).any():
        out.setdefault("objective", "nurse_target")  # the nurses' need the objective weighs
    return out


def without_misleading_deltas(figs: list[Figure], result: Result,
                              base: Result | None) -> list[Figure]:
    """``figs`` with the baseline dropped where the comparison would mislead."""
    off = not_comparable(result, base)
    return [replace(f, baseline=None) if f.key in off else f for f in figs]


def not_comparable_note(key: str, result: Result, base: Result, lang: str = "es") -> str:
    why = not_comparable(result, base).get(key)
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


def card_context(key: str, result: Result, lang: str = "es") -> str:
    """The card's value in context: "de 12,000 (86.1%)" and the like."""
    h = result.indicators.headline
    if key == "at_target":
        return t("fs_ctx_of", lang, total=fmt.integer(h["centres"]),
                 share=fmt.percent(_share(h["centres_at_target_after"], h["centres"]))) + " · " + \
            t("fs_ctx_target", lang, target=int(result.scenario.params.target))
    if key == "no_doctor":
        return t("fs_ctx_today", lang, today=fmt.integer(h["centres_no_doctor_before"]))
    if key == "spec_placed":
        return t("fs_ctx_spec", lang, gap=fmt.integer(h["spec_gap"]),
                 share=fmt.percent(_share(h["spec_placed"], h["spec_gap"])),
                 bonus=fmt.integer(h["spec_placed_bonus_units"]))
    if key == "filled":
        by_cat = result.indicators.by_category
        gp_gap = int(by_cat.loc[by_cat["kind"] != SPECIALTY, "gap"].sum())
        total = gp_gap + h["spec_gap"]
        return t("fs_ctx_of_vacancies", lang, total=fmt.integer(total),
                 share=fmt.percent(_share(h["gp_placed"] + h["spec_placed"], total)))
    if key == "bonus_month":
        return t("fs_ctx_budget", lang, budget=fmt.mxn(h["budget_month"]),
                 share=fmt.percent(h["budget_used"]))
    if key == "bonus_year":
        return t("fs_ctx_budget", lang, budget=fmt.mxn(12 * h["budget_month"]),
                 share=fmt.percent(h["budget_used"]))
    if key == "unplaced":  # every category's candidates, nurses too (as the count itself)
        total = int(result.indicators.by_category["candidates"].sum())
        return t("fs_ctx_candidates", lang, total=fmt.integer(total),
                 share=fmt.percent(_share(h["unplaced"], total)))
    if key == "objective" and result.hand_indicators is not None:
        hand = float(result.hand_indicators.headline["objective"])
        return t("fs_ctx_hand", lang, hand=fmt.decimal(hand),
                 share=_signed_share((h["objective"] - hand) / hand if hand else 0))
    return ""


def _signed_share(x: float) -> str:
    """A relative difference: ``0.037`` → ``'+3.7%'``; nothing → ``'0'``."""
    return "0" if round(100 * x, 1) == 0 else f"{100 * x:+,.1f}%"


def _share(part: float, whole: float) -> float:
    return float(part) / float(whole) if whole else 0.0


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
