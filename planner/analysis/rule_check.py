"""The §B rules a stable assignment does not impose, checked on its plan (issue 14 follow-up).

Deferred acceptance (``modo_asignacion = estable``, :mod:`models.matching`) places people by
their preferences and the posts' rankings; it has no room for linked specialties, equity floors
or the hard minimum (stable matching with lower quotas is NP-hard in general). When the scenario
switches any of them on, the stable plan carries a warning naming each rule and how far the plan
falls short of it. The check reads only the scenario's tables and the plan's ``placements``
(``clues, category, placed``), with pandas: it shares no code with the model or with
:mod:`models.rules`, so it is an independent reading of each rule.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from planner.core.plan import Plan, Status
from planner.core.scenario import Scenario
from planner.core.words import t

FLOOR_EPS = 1e-9  # floor(α·…) taken after adding this, so 0.5·6 = 3 never becomes 2
RULE_ORDER = ("linked_specialties", "equity_floor", "one_doctor_per_centre")


@dataclass(frozen=True)
class Shortfall:
    """How far a plan falls short of one rule it did not impose.

    rule
        ``linked_specialties`` | ``equity_floor`` | ``one_doctor_per_centre``.
    missing
        linked: doctors placed at a unit without the category they require; equity floor:
        doctors missing to bring every (state, category) up to its floor; hard minimum: centres
        left with no general doctor.
    places
        linked: units where that happens; equity floor: (state, category) cells below their
        floor; hard minimum: equal to ``missing`` (centres).
    worst
        the largest single shortfall, for the sentence (empty when the rule is met).
    """

    rule: str
    missing: int
    places: int
    worst: dict

    @property
    def met(self) -> bool:
        return self.missing == 0


def rules_on(scenario: Scenario) -> list[str]:
    """The rules of :data:`RULE_ORDER` that the scenario's data switches on."""
    requires = scenario.categories["requires"]
    linked = bool(requires.notna().any() and requires.dropna().astype(bool).any())
    on = {"linked_specialties": linked,
          "equity_floor": float(scenario.params.equity_floor) > 0,
          "one_doctor_per_centre": bool(scenario.params.one_doctor_per_centre)}
    return [r for r in RULE_ORDER if on[r]]


def applies(scenario: Scenario, plan: Plan) -> bool:
    """True for a stable plan whose scenario switches on a rule the stable rule cannot impose."""
    return plan.status is Status.STABLE and bool(rules_on(scenario))


def shortfalls(scenario: Scenario, plan: Plan) -> list[Shortfall]:
    """Each rule switched on, checked on ``plan`` (empty unless :func:`applies`)."""
    return check_rules(scenario, plan) if applies(scenario, plan) else []


def check_rules(scenario: Scenario, plan: Plan) -> list[Shortfall]:
    """Each rule switched on, checked on any plan with a solution (a plan that imposes the
    rules falls short of none)."""
    if not plan.status.has_solution:
        return []
    placed = _placed(plan)
    check = {"linked_specialties": _links, "equity_floor": _floor,
             "one_doctor_per_centre": _one_doctor}
    return [check[rule](scenario, placed) for rule in rules_on(scenario)]


def _placed(plan: Plan) -> pd.Series:
    """Doctors placed per (clues, category), only where some were."""
    pl = plan.placements
    if pl.empty:
        return pd.Series(dtype=int, index=pd.MultiIndex.from_arrays([[], []]))
    s = pl.groupby(["clues", "category"])["placed"].sum()
    return s[s > 0].astype(int)


def _after(scenario: Scenario, placed: pd.Series) -> pd.Series:
    """Doctors per (clues, category) after the plan: today's plus those placed."""
    now = scenario.staffing["current"].astype(int)
    return now.add(placed, fill_value=0).astype(int)


def _one_doctor(scenario: Scenario, placed: pd.Series) -> Shortfall:
    """Every centre ends with at least one general doctor."""
    general = scenario.general_category
    after = _after(scenario, placed)
    gp = after[after.index.get_level_values("category") == general]
    gp = gp.groupby(level="clues").sum()
    centres = scenario.centres()
    doctors = gp.reindex(centres.index, fill_value=0)
    empty = centres[doctors.to_numpy() == 0]
    worst = {}
    if len(empty):
        by_state = empty.groupby("state").size().sort_values(ascending=False, kind="stable")
        worst = {"state": str(by_state.index[0]), "n": int(by_state.iloc[0])}
    return Shortfall("one_doctor_per_centre", len(empty), len(empty), worst)


def _floor(scenario: Scenario, placed: pd.Series) -> Shortfall:
    """Each state receives at least floor(α · min(supply_k, gap_k) · gap[e,k] / gap_k) of each
    category k (gap over the units with a vacancy; supply = the scenario's candidates)."""
    alpha = float(scenario.params.equity_floor)
    required = scenario.required().astype(float)
    gap = (required - scenario.staffing["current"]).clip(lower=0)
    gap = gap[gap > 0]
    clues = gap.index.get_level_values("clues")
    frame = pd.DataFrame({"state": scenario.units["state"].reindex(clues).to_numpy(),
                          "category": gap.index.get_level_values("category"),
                          "gap": gap.to_numpy(dtype=float)})
    cells = frame.groupby(["state", "category"])["gap"].sum()
    gap_k = cells.groupby(level="category").transform("sum")
    supply = scenario.supply.groupby("category")["candidates"].sum()
    supply_k = supply.reindex(cells.index.get_level_values("category")).fillna(0).to_numpy()
    share = alpha * pd.Series(supply_k, index=cells.index).clip(upper=gap_k) * cells / gap_k
    floors = share.map(lambda v: int(math.floor(v + FLOOR_EPS)))
    floors = floors[floors > 0]
    got_units = placed.index.get_level_values("clues")
    got = pd.DataFrame({"state": scenario.units["state"].reindex(got_units).to_numpy(),
                        "category": placed.index.get_level_values("category"),
                        "placed": placed.to_numpy()}).groupby(["state", "category"])["placed"].sum()
    got = got.reindex(floors.index, fill_value=0)
    short = (floors - got).clip(lower=0)
    short = short[short > 0]
    worst = {}
    if len(short):
        top = short.sort_values(ascending=False, kind="stable").index[0]
        worst = {"state": str(top[0]), "category": str(top[1]), "placed": int(got[top]),
                 "floor": int(floors[top])}
    return Shortfall("equity_floor", int(short.sum()), len(short), worst)


def _links(scenario: Scenario, placed: pd.Series) -> Shortfall:
    """A unit receives a doctor of k only if it has, or receives, one of requires(k)."""
    requires = scenario.categories["requires"].dropna()
    requires = requires[requires.astype(bool)]
    after = _after(scenario, placed)
    bad_units: set[str] = set()
    doctors = 0
    worst: dict = {}
    for (clues, category), n in placed.items():
        need = requires.get(category)
        if need is None:
            continue
        if int(after.get((clues, need), 0)) > 0:
            continue
        bad_units.add(clues)
        doctors += int(n)
        if not worst or int(n) > worst["n"]:
            worst = {"clues": str(clues), "category": str(category), "requires": str(need),
                     "n": int(n)}
    return Shortfall("linked_specialties", doctors, len(bad_units), worst)


# --- words ------------------------------------------------------------------------------------

def _count(n: int, key: str, lang: str) -> str:
    return t(f"{key}_{'one' if n == 1 else 'many'}", lang, n=f"{n:,}")


def rule_word(rule: str, scenario: Scenario, lang: str = "es") -> str:
    """The rule's name in planner words (the equity floor with its α)."""
    if rule == "equity_floor":
        return t("rule_word_equity_floor", lang, floor=f"{scenario.params.equity_floor:.0%}")
    return t(f"rule_word_{rule}", lang)


def brief(s: Shortfall, scenario: Scenario, lang: str = "es") -> str:
    """The shortfall in a few words, for a table cell (a sweep row): rule, then how far."""
    rule = rule_word(s.rule, scenario, lang)
    if s.met:
        return t("sweep_rule_met", lang, rule=rule)
    if s.rule == "one_doctor_per_centre":
        return t("sweep_rule_short_one_doctor", lang, rule=rule,
                 centres=_count(s.missing, "sweep_n_centres", lang))
    if s.rule == "equity_floor":
        return t("sweep_rule_short_floor", lang, rule=rule,
                 doctors=_count(s.missing, "stable_n_doctors", lang),
                 cells=_count(s.places, "sweep_n_cells", lang))
    return t("sweep_rule_short_links", lang, rule=rule,
             doctors=_count(s.missing, "stable_n_doctors", lang),
             units=_count(s.places, "stable_n_units", lang))


def row_columns(scenario: Scenario, plan: Plan, lang: str = "es") -> dict[str, str]:
    """A sweep row's ``rules_not_imposed`` and ``rule_shortfall`` (empty dict for a plan that
    is not stable or a scenario without such rules)."""
    found = shortfalls(scenario, plan)
    if not found:
        return {}
    return {"rules_not_imposed": "; ".join(rule_word(s.rule, scenario, lang) for s in found),
            "rule_shortfall": "; ".join(brief(s, scenario, lang) for s in found)}


def sentence(s: Shortfall, scenario: Scenario, lang: str = "es") -> str:
    """One warning in planner words: the rule not imposed, and how far the plan falls short."""
    rule = rule_word(s.rule, scenario, lang)
    if s.met:
        how = t(f"stable_met_{s.rule}", lang)
    elif s.rule == "one_doctor_per_centre":
        how = t("stable_short_one_doctor", lang,
                centres=_count(s.missing, "stable_n_centres", lang),
                state=s.worst["state"], n=f"{s.worst['n']:,}")
    elif s.rule == "equity_floor":
        how = t("stable_short_floor", lang, cells=_count(s.places, "stable_n_cells", lang),
                doctors=_count(s.missing, "stable_n_doctors", lang), **s.worst)
    else:
        how = t("stable_short_links", lang,
                doctors=_count(s.missing, "stable_n_doctors_placed", lang),
                units=_count(s.places, "stable_n_units", lang),
                category=s.worst["category"], requires=s.worst["requires"],
                clues=s.worst["clues"])
    return t("stable_unimposed", lang, rule=rule, how=how)


def warnings(scenario: Scenario, plan: Plan, lang: str = "es") -> list[str]:
    """The warnings a stable plan carries (empty for any other plan or without such rules)."""
    return [sentence(s, scenario, lang) for s in shortfalls(scenario, plan)]


def records(scenario: Scenario, plan: Plan) -> list[dict]:
    """The same, as data (``--json``): rule, met, missing, places."""
    return [{"rule": s.rule, "met": s.met, "missing": s.missing, "places": s.places}
            for s in shortfalls(scenario, plan)]
