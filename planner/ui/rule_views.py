"""The rules of DESIGN §2b as the app shows them: which are on and why, the explanation of an
infeasible what-if, and the rule tables of a solved plan — headings in Spanish or English.
"""

from __future__ import annotations

import pandas as pd

from models import rules
from planner.analysis.indicators import Indicators, rule_messages
from planner.core import fmt
from planner.core.scenario import Scenario
from planner.core.words import phrase, t
from planner.ui.headings import labelled, reason_word

RULES = ("state_pools", "linked_specialties", "equity_floor", "one_doctor_per_centre")


def alpha_text(alpha: float) -> str:
    """α as the planner reads it: ``0.7`` → ``'70 %'``."""
    return f"{100 * float(alpha):.0f} %"


def active(scenario: Scenario) -> dict[str, bool]:
    """Which rules are on (:func:`models.rules.active_rules`)."""
    return rules.active_rules(scenario)


def rule_lines(scenario: Scenario, lang: str = "es") -> list[tuple[str, bool, str]]:
    """(rule name, on, what it does here) for each rule of DESIGN §2b, in a fixed order."""
    active = rules.active_rules(scenario)
    out = []
    for rule in RULES:
        on = active[rule]
        out.append((t(f"rule_{rule}", lang), on, _detail(scenario, rule, on, lang)))
    return out


def _detail(scenario: Scenario, rule: str, on: bool, lang: str) -> str:
    if rule == "state_pools":
        if not on:
            return t("pools_off", lang)
        supply = scenario.supply
        pooled = supply[supply["state_code"] != rules.NATIONAL]
        return t("pools_on", lang, n=fmt.integer(pooled["candidates"].sum()),
                  states=phrase("n_states", n=fmt.integer(pooled["state_code"].nunique())),
                  categories=", ".join(rules.pooled_categories(scenario)))
    if rule == "linked_specialties":
        if not on:
            return t("links_off", lang)
        req = scenario.categories["requires"].dropna()
        req = req[req.astype(bool)]
        links = "; ".join(t("link_pair", lang, category=k, requires=r) for k, r in req.items())
        return t("links_on", lang, links=links)
    if rule == "equity_floor":
        return (t("floor_on", lang, alpha=alpha_text(scenario.params.equity_floor)) if on
                else t("floor_off", lang))
    if not on:
        return t("minimum_off", lang)
    general = scenario.general_category
    centres = scenario.centres()
    key = pd.MultiIndex.from_arrays([centres.index, [general] * len(centres)])
    today = scenario.staffing["current"].reindex(key).fillna(0).to_numpy()
    return t("minimum_on", lang, n=fmt.integer((today == 0).sum()))


def on_off(on: bool, lang: str = "es") -> str:
    return t("rule_on" if on else "rule_off", lang)


def active_summary(scenario: Scenario, lang: str = "es") -> str | None:
    """'Reglas activas en este plan: …' or None when no rule is on (in ``estable`` mode: the
    rules the stable matching does not impose)."""
    active = rules.active_rules(scenario)
    names = []
    for rule in RULES:
        if not active[rule]:
            continue
        name = t(f"rule_{rule}", lang)
        if rule == "equity_floor":
            name += f" ({alpha_text(scenario.params.equity_floor)})"
        names.append(name.lower() if lang == "es" else name)
    if not names:
        return None
    if scenario.params.assignment_mode == "estable":  # deferred acceptance imposes none of them
        return t("stable_rules_not_imposed", lang, rules="; ".join(names))
    return t("rules_in_plan", lang, rules="; ".join(names))


def data_rules_caption(scenario: Scenario, lang: str = "es") -> str:
    """The two rules switched on by the workbook, for the what-if form."""
    active = rules.active_rules(scenario)
    def yes_no(on: bool) -> str:
        return t("yes" if on else "no", lang)

    return t("rules_from_data", lang, pools=yes_no(active["state_pools"]),
              links=yes_no(active["linked_specialties"]))


# --- an infeasible what-if -------------------------------------------------------------------

def explanation(rules_table: pd.DataFrame, alpha: float, lang: str = "es") -> list[str]:
    """The planner-words sentences of :func:`planner.analysis.indicators.rule_messages`."""
    return rule_messages(rules_table, lang, alpha)


UNMET_COLUMNS = {"rule": "col_rule", "category": "col_category", "state": "col_state",
                 "required": "col_rule_required", "reached": "col_reached",
                 "shortfall": "col_shortfall", "no_vacancy": "col_no_vacancy",
                 "clues": "col_clues_missing"}


def unmet_table(rules_table: pd.DataFrame, lang: str = "es") -> pd.DataFrame:
    """``Plan.rules`` for people: rule in words, state, required, reached, missing, centres.

    The counterfactual totals (the same on every row) are left to the sentences.
    """
    if rules_table is None or rules_table.empty:
        return pd.DataFrame(columns=[t(v, lang) for v in UNMET_COLUMNS.values()])
    out = rules_table[[c for c in UNMET_COLUMNS if c in rules_table.columns]].copy()
    out["rule"] = out["rule"].map(lambda r: t(f"rule_{r}", lang) if r in RULES else r)
    if "no_vacancy" in out and not out["no_vacancy"].astype(int).any():
        out = out.drop(columns="no_vacancy")
    for c in ("required", "reached", "shortfall", "no_vacancy"):
        if c in out:
            out[c] = out[c].astype(int)
    return out.rename(columns={c: t(k, lang) for c, k in UNMET_COLUMNS.items()})


# --- rule tables of a solved plan ------------------------------------------------------------

def pools_table(ind: Indicators, lang: str = "es") -> pd.DataFrame:
    """Per state and pooled category: registered, placed from the pool, national received,
    left idle."""
    cols = ["state", "category", "pool", "placed", "from_pool", "from_national", "idle"]
    return labelled(ind.pools[cols], lang)


def pools_sentence(ind: Indicators, lang: str = "es") -> str:
    p = ind.pools
    return t("pools_summary", lang, placed=fmt.integer(p["from_pool"].sum()),
              pool=fmt.integer(p["pool"].sum()), idle=fmt.integer(p["idle"].sum()),
              national=fmt.integer(p["from_national"].sum()))


def linked_table(ind: Indicators, lang: str = "es") -> pd.DataFrame:
    """Vacancies of a linked specialty held back: unit, specialty, what it requires, why."""
    cols = ["clues", "name", "state", "category", "requires", "held_back", "reason"]
    out = ind.linked[cols].copy()
    out["reason"] = out["reason"].map(lambda r: reason_word(r, lang))
    return labelled(out, lang)


def floors_table(ind: Indicators, lang: str = "es") -> pd.DataFrame:
    """Equity floor per state and category: gap, floor, placed, met (sí/no)."""
    cols = ["state", "category", "gap", "floor", "placed", "met"]
    out = ind.floors[cols].copy()
    out["met"] = out["met"].astype(bool)
    return labelled(out, lang)


def floors_sentence(ind: Indicators, lang: str = "es") -> str:
    f = ind.floors
    return t("floors_summary", lang, met=fmt.integer(f["met"].astype(bool).sum()),
              total=fmt.integer(len(f)))
