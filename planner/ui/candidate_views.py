"""What the candidates tab shows (issue 14), shaped without Streamlit: the assignment's headline
counts, each candidate's post and option rank (folios only), the posts nobody chose by state and
specialty (table and chart), and the price of stability in a sentence.

Every function takes a :class:`planner.core.result.Result` whose ``candidates`` is a
:class:`models.matching.CandidateResult` (the ``optimo``/``estable`` modes) and the scenario.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from planner.analysis import candidates as reports
from planner.analysis import rule_check
from planner.core import fmt
from planner.core.scenario import Scenario
from planner.core.words import t

MODES = ("por_oferta", "optimo", "estable")
SYNTHETIC_PREFIX = "SINT-"  # folios of the synthetic national list (planner/data/candidatos.py)
GUINDA = "#9F2241"

# candidate table: internal column -> catalogue key of its header
PEOPLE_COLUMNS = {"folio": "candp_col_folio", "category": "candp_col_category",
                  "rank": "candp_col_rank", "clues": "candp_col_clues", "name": "candp_col_name",
                  "post_state": "candp_col_post_state",
                  "municipality": "candp_col_municipality"}
UNWANTED_COLUMNS = {"state": "candp_col_state", "category": "candp_col_specialty",
                    "posts_without": "candp_col_posts_without",
                    "vacancies_without": "candp_col_vacancies_without",
                    "posts": "candp_col_posts", "vacancies": "candp_col_vacancies"}


def has_list(scenario: Scenario) -> bool:
    """True when the workbook has registered candidates (a ``candidatos`` sheet with rows)."""
    return scenario.candidates is not None and not scenario.candidates.empty


def is_synthetic(scenario: Scenario) -> bool:
    """True when the registration list is the synthetic national one (folios ``SINT-…``)."""
    if not has_list(scenario):
        return False
    folios = scenario.candidates["folio"].astype(str)
    return bool(folios.str.startswith(SYNTHETIC_PREFIX).all())


@dataclass(frozen=True)
class Headline:
    """The assignment at a glance: candidates placed, and posts by what became of them."""

    registered: int
    placed: int
    first_choice: int
    posts: int
    filled: int  # every vacancy filled
    partial: int
    no_applicants: int  # no registered candidate listed it
    lost: int  # listed, but its candidates went elsewhere or stayed out


def post_table(result, scenario: Scenario) -> pd.DataFrame:
    """Each post of the chosen assignment and its status (planner.analysis.candidates)."""
    return reports.post_report(scenario, result.candidates.chosen.posts)


def headline(result, scenario: Scenario) -> Headline:
    people = result.candidates.chosen.people
    posts = post_table(result, scenario)
    counts = posts["status"].value_counts()
    return Headline(registered=len(people), placed=int((people["pair"] >= 0).sum()),
                    first_choice=int((people["rank"] == 1).sum()), posts=len(posts),
                    **{s: int(counts.get(s, 0)) for s in reports.POST_STATUS})


def kind_table(result, scenario: Scenario, lang: str = "es") -> pd.DataFrame:
    """Registered and placed candidates per type of post (specialists, general practice,
    nursing), with headers in ``lang``: a nurse candidate is counted with nursing."""
    table = reports.by_kind(result.candidates.chosen.people, scenario.categories["kind"])
    return pd.DataFrame({
        t("candp_col_kind", lang): [t(reports.KIND_WORDS.get(k, "cand_kind_other"), lang)
                                    for k in table["kind"]],
        t("candp_col_registered", lang): table["registered"].astype(int).to_numpy(),
        t("candp_col_placed", lang): table["placed"].astype(int).to_numpy(),
    })


def people_table(result, scenario: Scenario, lang: str = "es") -> pd.DataFrame:
    """Each candidate (folio only, never a name) with the post and the option number given;
    blank where the candidate was not placed (an empty text: the data grid writes a missing
    value as "None", next to a caption that says blank)."""
    report = reports.candidate_report(scenario, result.candidates.chosen.people)
    out = report[list(PEOPLE_COLUMNS)].copy()
    out["rank"] = ["" if pd.isna(r) else str(int(r)) for r in out["rank"]]
    out = out.astype(object).where(out.notna(), "")
    return out.rename(columns={c: t(k, lang) for c, k in PEOPLE_COLUMNS.items()})


def unwanted_rows(result) -> pd.DataFrame:
    """State × specialty rows with at least one post that no registered candidate chose."""
    un = result.candidates.unwanted
    if un is None or un.empty:
        return pd.DataFrame(columns=["state_code", *UNWANTED_COLUMNS])
    return un[un["posts_without"] > 0].reset_index(drop=True)


def unwanted_table(result, lang: str = "es") -> pd.DataFrame:
    rows = unwanted_rows(result)
    return rows[list(UNWANTED_COLUMNS)].rename(
        columns={c: t(k, lang) for c, k in UNWANTED_COLUMNS.items()})


def unwanted_by_state_totals(result) -> pd.DataFrame:
    """Per state: ``state_code, state, posts_without, vacancies_without`` (every specialty)."""
    rows = unwanted_rows(result)
    return (rows.groupby(["state_code", "state"], as_index=False)[
        ["posts_without", "vacancies_without"]].sum()
        .sort_values("vacancies_without", ascending=False, kind="stable")
        .reset_index(drop=True))


def unwanted_chart(result, lang: str = "es") -> alt.Chart:
    """Vacancies nobody chose, per state, split by specialty (stacked bars, planner tooltips)."""
    return unwanted_rows_chart(unwanted_rows(result), lang)


def unwanted_rows_chart(rows: pd.DataFrame, lang: str = "es") -> alt.Chart:
    """The chart of :func:`unwanted_chart` from its rows (``state``, ``category``,
    ``vacancies_without``). Every state is labelled (issue 21): Streamlit's theme hides axis
    labels that it finds overlapping (``labelOverlap``), which dropped every other state, so
    the axis turns that off and each state gets a 22 px band."""
    state_w, cat_w = t("candp_col_state", lang), t("candp_col_specialty", lang)
    vac_w = t("candp_col_vacancies_without", lang)
    data = pd.DataFrame({state_w: rows["state"], cat_w: rows["category"],
                         vac_w: rows["vacancies_without"].astype(int)})
    order = (data.groupby(state_w)[vac_w].sum().sort_values(ascending=False).index.tolist())
    return alt.Chart(data).mark_bar().encode(
        y=alt.Y(f"{state_w}:N", sort=order, title=state_w,
                axis=alt.Axis(labelLimit=220, labelOverlap=False)),
        x=alt.X(f"sum({vac_w}):Q", title=vac_w, axis=alt.Axis(format=",d", tickMinStep=1)),
        color=alt.Color(f"{cat_w}:N", legend=alt.Legend(title=cat_w, orient="bottom",
                                                         columns=3, labelLimit=200)),
        tooltip=[alt.Tooltip(f"{state_w}:N"), alt.Tooltip(f"{cat_w}:N"),
                 alt.Tooltip(f"{vac_w}:Q", format=",d")],
    ).properties(height=alt.Step(22))


def with_unwanted(by_state: pd.DataFrame, result) -> pd.DataFrame:
    """The indicators' per-state table with ``vacancies_without`` (0 where every post was chosen),
    for the states map."""
    totals = unwanted_by_state_totals(result).set_index("state_code")["vacancies_without"]
    out = by_state.copy()
    out["vacancies_without"] = out["state_code"].map(totals).fillna(0).astype(int)
    return out


def stability_sentence(result, lang: str = "es") -> str:
    """The price of stability and optimo's blocking pairs, said in words (the rules a stable
    plan does not impose are :func:`rule_shortfalls`, shown apart as warnings)."""
    cres = result.candidates
    opt, stab = cres.optimo, cres.estable
    parts = []
    if cres.price_of_stability is not None and opt is not None and opt.coverage:
        lost = cres.price_of_stability
        if abs(lost) < 1e-6:
            parts.append(t("candp_price_none", lang, covered=fmt.decimal(opt.coverage)))
        else:
            parts.append(t("candp_price", lang, stable=fmt.decimal(stab.coverage),
                           optimal=fmt.decimal(opt.coverage), lost=fmt.decimal(lost),
                           pct=fmt.percent(lost / opt.coverage)))
    else:
        parts.append(t("candp_price_unknown", lang))
    if opt is not None and opt.coverage is not None and opt.blocking_pairs is not None:
        n = int(opt.blocking_pairs)  # None: not counted yet (the other mode not computed)
        parts.append(t("candp_blocking_none", lang) if n == 0
                     else t("candp_blocking", lang, n=fmt.integer(n)))
    return " ".join(parts)


def rule_shortfalls(result, lang: str = "es") -> list[str]:
    """For a stable plan, each workbook rule it does not impose and how far it falls short
    (empty for other modes): shown whether or not the other mode has been computed."""
    return rule_check.warnings(result.scenario, result.plan, lang)
