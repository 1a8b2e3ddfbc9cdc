"""Reports over a registered-candidate assignment (issue 14), for the CLI, the result workbook
and the app.

The functions are pure: they take the scenario and the assignment tables of
:mod:`models.matching` and return DataFrames with internal (English) column names; the result
workbook labels them with the catalogue's ``cand_col_*`` words (:mod:`planner.report.candidate_book`).
Reading and checking the ``candidatos`` sheet is in :mod:`planner.io.candidates`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.core.words import phrase, t

# post states (``status`` column); their words are the catalogue's cand_status_* keys
POST_STATUS = ("filled", "partial", "no_applicants", "lost")


def candidate_report(scenario, people: pd.DataFrame) -> pd.DataFrame:
    """Each candidate's post and option rank: ``folio, category, state_code, score, clues, name,
    post_state, municipality, rank`` (blank post = not placed)."""
    units = scenario.units
    clues = people["clues"]
    has = clues.notna()
    return pd.DataFrame({
        "folio": people["folio"].to_numpy(),
        "category": people["category"].to_numpy(),
        "state_code": people["state_code"].to_numpy(dtype=int),
        "score": people["score"].to_numpy(dtype=float),
        "clues": clues.to_numpy(),
        "name": clues.map(units["name"]).where(has).to_numpy(),
        "post_state": clues.map(units["state"]).where(has).to_numpy(),
        "municipality": clues.map(units["municipality"]).where(has).to_numpy(),
        "rank": people["rank"].astype("Int64").to_numpy(),
    })


def post_report(scenario, posts: pd.DataFrame) -> pd.DataFrame:
    """Each post (unit, category with a gap): who listed it and what became of it.

    ``status``: ``filled`` (every vacancy filled), ``partial``, ``no_applicants`` (no registered
    candidate of its category listed it) or ``lost`` (listed, but every candidate who listed it
    went to another post or stayed out).
    """
    units = scenario.units
    status = np.select(
        [posts["placed"] >= posts["gap"], posts["placed"] > 0, posts["applicants"] == 0],
        ["filled", "partial", "no_applicants"], default="lost")
    return pd.DataFrame({
        "clues": posts["clues"].to_numpy(),
        "name": posts["clues"].map(units["name"]).to_numpy(),
        "state_code": posts["state_code"].to_numpy(dtype=int),
        "state": posts["clues"].map(units["state"]).to_numpy(),
        "municipality": posts["clues"].map(units["municipality"]).to_numpy(),
        "category": posts["category"].to_numpy(),
        "gap": posts["gap"].to_numpy(dtype=int),
        "applicants": posts["applicants"].to_numpy(dtype=int),
        "placed": posts["placed"].to_numpy(dtype=int),
        "status": status,
    })


def unwanted_by_state(post_table: pd.DataFrame) -> pd.DataFrame:
    """Posts that no registered candidate chose, by state and specialty: the figure for
    redesigning the next call (where to raise the bonus or reopen the call).

    Columns ``state_code, state, category, posts_without, vacancies_without, posts, vacancies``
    (one row per state and category with a post), sorted by the vacancies without a candidate,
    largest first.
    """
    t_ = post_table.assign(_none=(post_table["status"] == "no_applicants").astype(int))
    t_ = t_.assign(_none_vac=t_["_none"] * t_["gap"])
    out = (t_.groupby(["state_code", "state", "category"], sort=True)
           .agg(posts_without=("_none", "sum"),
                vacancies_without=("_none_vac", "sum"),
                posts=("clues", "size"), vacancies=("gap", "sum"))
           .reset_index())
    out = out.sort_values(["vacancies_without", "state_code", "category"],
                          ascending=[False, True, True], kind="stable")
    return out.reset_index(drop=True)


KIND_ORDER = ("especialidad", "medicina general", "enfermería")  # planner.core.schema kinds
KIND_WORDS = {"especialidad": "cand_kind_specialty", "medicina general": "cand_kind_general",
              "enfermería": "cand_kind_nursing"}


def by_kind(people: pd.DataFrame, kinds) -> pd.DataFrame:
    """Registered and placed candidates per category type (``kinds``: category → kind, the
    scenario's ``categories["kind"]``): ``kind, registered, placed``, in the schema's order,
    only the types with a candidate."""
    kind = people["category"].map(kinds)
    placed = (people["pair"] >= 0).astype(int)
    table = (pd.DataFrame({"kind": kind, "registered": 1, "placed": placed})
             .groupby("kind", sort=False)[["registered", "placed"]].sum())
    order = [k for k in KIND_ORDER if k in table.index] + sorted(
        k for k in table.index if k not in KIND_ORDER)
    return table.reindex(order).reset_index()


# --- what the faces show ----------------------------------------------------------------------

def _money(x: float) -> str:
    return f"{x:,.1f}"


def summary_lines(cres, lang: str = "es", kinds=None) -> list[str]:
    """Sentences for the CLI and the result workbook: placed (and, given ``kinds``, placed per
    category type: specialists, general doctors, nurses), price of stability, blocking pairs,
    posts without a candidate (``cres`` is a :class:`models.matching.CandidateResult`)."""
    chosen = cres.chosen
    people = chosen.people
    placed = int((people["pair"] >= 0).sum())
    first = int((people["rank"] == 1).sum())
    lines = [t("cand_head", lang, mode=cres.mode, placed=f"{placed:,}",
               total=f"{len(people):,}", first=f"{first:,}")]
    if kinds is not None:
        parts = [t("cand_kind_part", lang, kind=t(KIND_WORDS.get(r.kind, "cand_kind_other"),
                                                    lang),
                   placed=f"{int(r.placed):,}", total=f"{int(r.registered):,}")
                 for r in by_kind(people, kinds).itertuples()]
        lines.append(t("cand_by_kind", lang, parts="; ".join(parts)))
    opt, stab = cres.optimo, cres.estable
    if cres.price_of_stability is not None and opt.coverage:
        pct = cres.price_of_stability / opt.coverage
        lines.append(t("cand_price", lang, stable=_money(stab.coverage),
                       optimal=_money(opt.coverage), lost=_money(cres.price_of_stability),
                       pct=f"{pct:.1%}"))
    if opt is not None and opt.coverage is not None and opt.blocking_pairs is not None:
        lines.append(t("cand_blocking", lang, n=f"{opt.blocking_pairs:,}"))
    un = cres.unwanted
    if len(un) and int(un["posts_without"].sum()):
        top = un.iloc[0]
        lines.append(t("cand_unwanted", lang, posts=f"{int(un['posts_without'].sum()):,}",
                       vacancies=phrase("n_vacancies",
                                        n=f"{int(un['vacancies_without'].sum()):,}"),
                       where=f"{top['state']}, {top['category']} "
                             f"({int(top['vacancies_without'])})"))
    return lines


def json_summary(cres, kinds=None) -> dict:
    """The ``candidates`` object of ``planner solve --json`` (``by_kind``: registered and placed
    per category type, given ``kinds``)."""
    def side(a):
        if a is None:
            return None
        placed = a.people["pair"] >= 0
        ranks = a.people.loc[placed, "rank"].value_counts().sort_index()
        return {"status": a.plan.status.value, "coverage": a.coverage,
                "placed": int(placed.sum()), "unplaced": int((~placed).sum()),
                "by_rank": {str(int(k)): int(v) for k, v in ranks.items()},
                "blocking_pairs": None if a.blocking_pairs is None else int(a.blocking_pairs),
                "seconds": round(float(sum(a.timings.values())), 3)}

    un = cres.unwanted
    return {
        "mode": cres.mode,
        "registered": int(len(cres.chosen.people)),
        "by_kind": None if kinds is None else {
            r.kind: {"registered": int(r.registered), "placed": int(r.placed)}
            for r in by_kind(cres.chosen.people, kinds).itertuples()},
        "optimo": side(cres.optimo),
        "estable": side(cres.estable),
        "price_of_stability": cres.price_of_stability,
        "posts_without_candidates": int(un["posts_without"].sum()) if len(un) else 0,
        "vacancies_without_candidates": int(un["vacancies_without"].sum()) if len(un) else 0,
        "without_candidates_by_state": [
            {"state_code": int(r.state_code), "state": r.state, "category": r.category,
             "posts": int(r.posts_without), "vacancies": int(r.vacancies_without)}
            for r in un[un["posts_without"] > 0].itertuples()],
    }
