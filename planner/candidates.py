"""Registered candidates (the optional ``candidatos`` sheet): reading their options and reports.

An option is one of three forms, resolved to the set of CLUES it covers:

* a CLUES (``HGIMB000011``): that unit;
* a municipality written ``clave_entidad/municipio`` (``13/Pachuca de Soto``; the state may also be
  written by name, ``Hidalgo/Pachuca de Soto``): every unit of that municipality in that state;
  the municipality is matched by name (case, accents and spaces ignored) because the ``unidades``
  sheet carries municipality names, not their INEGI keys;
* a whole state, by INEGI key (``13``) or name (``Hidalgo``): every unit of the state.

A candidate of category k can only be placed in a post (unit, k) with a gap inside one of the
options; the option's number (1 = first choice) is its rank. Folios are anonymous: a column whose
values look like CURPs is refused, because personal data must not travel in the workbook.

The report functions are pure: they take the scenario and the assignment tables of
:mod:`models.matching` and return DataFrames (Spanish column names), for the CLI, the result
workbook and the app.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from planner import schema
from planner.errors import Issue
from planner.text import normalize_key

SHEET = "candidatos"
OPTIONS = schema.CANDIDATE_OPTIONS
# Clave Única de Registro de Población: 4 letters, birth date, sex, state, 3 consonants, 2 chars.
CURP = re.compile(r"^[A-Z][AEIOUX][A-Z]{2}\d{6}[HMX][A-Z]{2}[B-DF-HJ-NP-TV-Z]{3}[A-Z0-9]\d$")


def looks_like_curp(value: object) -> bool:
    """True for an 18-character value shaped like a CURP (any case, spaces around ignored)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return False
    text = str(value).strip().upper()
    return len(text) == 18 and CURP.match(text) is not None


def curp_issues(frame: pd.DataFrame, headers: dict[str, str]) -> list[Issue]:
    """One issue per column of the raw sheet holding CURP-looking values (the value not echoed)."""
    issues = []
    for key in frame.columns:
        mask = frame[key].map(looks_like_curp)
        if mask.any():
            rows = frame.index[mask.to_numpy(dtype=bool)]
            issues.append(Issue("cand_curp", SHEET, int(rows[0]), headers.get(key, key), None,
                                {"n": int(mask.sum())}))
    return issues


# --- options --------------------------------------------------------------------------------

class OptionResolver:
    """Resolves option texts to tuples of CLUES for one ``units`` table (cached per text)."""

    def __init__(self, units: pd.DataFrame) -> None:
        self.clues = set(units.index)
        state = units["state_code"].astype(int)
        self.by_state = {int(s): tuple(sorted(idx)) for s, idx in
                         units.groupby(state).groups.items()}
        self.state_names = {normalize_key(n): int(c) for c, n in
                            zip(state, units["state"], strict=True)}
        mun = units["municipality"].map(normalize_key)
        self.by_mun = {(int(s), m): tuple(sorted(idx)) for (s, m), idx in
                       units.groupby([state, mun]).groups.items() if m}
        self._cache: dict[str, tuple[str, ...] | None] = {}

    def state_code(self, text: str) -> int | None:
        text = text.strip()
        if text.isdigit():
            code = int(text)
            return code if code in self.by_state else None
        return self.state_names.get(normalize_key(text))

    def resolve(self, value: object) -> tuple[str, ...] | None:
        """The CLUES an option covers, or None when it names no known unit, municipality or state."""
        text = str(value).strip()
        if text in self._cache:
            return self._cache[text]
        out: tuple[str, ...] | None = None
        if text.upper() in self.clues:
            out = (text.upper(),)
        elif "/" in text:
            left, _, right = text.partition("/")
            code = self.state_code(left)
            if code is not None:
                out = self.by_mun.get((code, normalize_key(right)))
        else:
            code = self.state_code(text)
            if code is not None:
                out = self.by_state[code]
        self._cache[text] = out
        return out


def read_candidates(table: pd.DataFrame, units: pd.DataFrame, staffing: pd.DataFrame,
                    cat_key: dict[str, str], target: int, issues: list[Issue]) -> pd.DataFrame:
    """The validated candidates: ``folio, category, state_code, score, row``, ``text_1..5``
    (options as written) and ``option_1..5`` (tuples of CLUES; empty for a blank option).

    Issues: unknown category, unknown registration state, an option naming no known CLUES,
    municipality or state, and an option with no post (gap) of the candidate's category.
    """
    t_ = table[table["_ok"]]
    names = {c: cat_key.get(normalize_key(c)) for c in t_["categoria"].dropna().unique()}
    category = t_["categoria"].map(names)
    for row in t_.index[category.isna()]:
        issues.append(Issue("unknown_category", SHEET, int(row), "categoria",
                            t_.at[row, "categoria"]))
    states = set(units["state_code"].astype(int))
    state = t_["clave_entidad"].astype(int)
    for row in t_.index[~state.isin(states)]:
        issues.append(Issue("cand_state_unknown", SHEET, int(row), "clave_entidad",
                            int(state[row]), {"state": int(state[row])}))
    resolver = OptionResolver(units)
    req = staffing["required"].fillna(float(target))
    gap = (req - staffing["current"]) > 0
    with_post: dict[str, set[str]] = {}
    for clues, cat in staffing.index[gap.to_numpy(dtype=bool)]:
        with_post.setdefault(cat, set()).add(clues)
    out = pd.DataFrame({"folio": t_["folio"].astype(str).values,
                        "category": category.values,
                        "state_code": state.values,
                        "score": t_["puntaje"].astype(float).fillna(0.0).values,
                        "row": t_.index.values})
    checked: dict[tuple[str, str], bool] = {}
    for j, col in enumerate(OPTIONS, start=1):
        texts = t_[col]
        resolved = []
        for row, text, cat in zip(t_.index, texts, category, strict=True):
            if text is None or (isinstance(text, float) and np.isnan(text)) or text == "":
                resolved.append(())
                continue
            area = resolver.resolve(text)
            if area is None:
                issues.append(Issue("cand_option_unknown", SHEET, int(row), col, text))
                resolved.append(())
                continue
            if isinstance(cat, str):
                key = (cat, str(text).strip())
                if key not in checked:
                    posts = with_post.get(cat, set())
                    checked[key] = any(c in posts for c in area)
                if not checked[key]:
                    issues.append(Issue("cand_option_no_post", SHEET, int(row), col, text,
                                        {"category": cat}))
            resolved.append(area)
        out[f"text_{j}"] = [None if not r else str(x).strip()
                            for r, x in zip(resolved, texts, strict=True)]
        out[f"option_{j}"] = resolved
    return out


# --- reports --------------------------------------------------------------------------------

def candidate_report(scenario, people: pd.DataFrame) -> pd.DataFrame:
    """Each candidate's post and option rank: ``folio, categoria, clave_entidad, puntaje,
    clues, unidad, entidad_plaza, municipio, opcion`` (blank post = not placed)."""
    units = scenario.units
    clues = people["clues"]
    has = clues.notna()
    return pd.DataFrame({
        "folio": people["folio"].to_numpy(),
        "categoria": people["category"].to_numpy(),
        "clave_entidad": people["state_code"].to_numpy(dtype=int),
        "puntaje": people["score"].to_numpy(dtype=float),
        "clues": clues.to_numpy(),
        "unidad": clues.map(units["name"]).where(has).to_numpy(),
        "entidad_plaza": clues.map(units["state"]).where(has).to_numpy(),
        "municipio": clues.map(units["municipality"]).where(has).to_numpy(),
        "opcion": people["rank"].astype("Int64").to_numpy(),
    })


POST_STATUS = {"filled": "cubierta", "partial": "cubierta en parte",
               "no_applicants": "sin candidatos", "lost": "perdida ante otra plaza"}


def post_report(scenario, posts: pd.DataFrame) -> pd.DataFrame:
    """Each post (unit, category with a gap): who listed it and what became of it.

    ``estado``: ``cubierta`` (every vacancy filled), ``cubierta en parte``, ``sin candidatos``
    (no registered candidate of its category listed it) or ``perdida ante otra plaza`` (listed,
    but every candidate who listed it went to another post or stayed out).
    """
    units = scenario.units
    status = np.select(
        [posts["placed"] >= posts["gap"], posts["placed"] > 0, posts["applicants"] == 0],
        [POST_STATUS["filled"], POST_STATUS["partial"], POST_STATUS["no_applicants"]],
        default=POST_STATUS["lost"])
    return pd.DataFrame({
        "clues": posts["clues"].to_numpy(),
        "unidad": posts["clues"].map(units["name"]).to_numpy(),
        "clave_entidad": posts["state_code"].to_numpy(dtype=int),
        "entidad": posts["clues"].map(units["state"]).to_numpy(),
        "municipio": posts["clues"].map(units["municipality"]).to_numpy(),
        "categoria": posts["category"].to_numpy(),
        "vacantes": posts["gap"].to_numpy(dtype=int),
        "candidatos_que_la_eligieron": posts["applicants"].to_numpy(dtype=int),
        "asignados": posts["placed"].to_numpy(dtype=int),
        "estado": status,
    })


def unwanted_by_state(post_table: pd.DataFrame) -> pd.DataFrame:
    """Posts that no registered candidate chose, by state and specialty: the figure for
    redesigning the next call (where to raise the bonus or reopen the call).

    Columns ``clave_entidad, entidad, categoria, plazas_sin_candidatos, vacantes_sin_candidatos,
    plazas, vacantes`` (one row per state and category with a post), sorted by the vacancies
    without a candidate, largest first.
    """
    t_ = post_table.assign(
        _none=(post_table["estado"] == POST_STATUS["no_applicants"]).astype(int))
    t_ = t_.assign(_none_vac=t_["_none"] * t_["vacantes"])
    out = (t_.groupby(["clave_entidad", "entidad", "categoria"], sort=True)
           .agg(plazas_sin_candidatos=("_none", "sum"),
                vacantes_sin_candidatos=("_none_vac", "sum"),
                plazas=("clues", "size"), vacantes=("vacantes", "sum"))
           .reset_index())
    out = out.sort_values(["vacantes_sin_candidatos", "clave_entidad", "categoria"],
                          ascending=[False, True, True], kind="stable")
    return out.reset_index(drop=True)


# --- what the faces show ----------------------------------------------------------------------

def _money(x: float) -> str:
    return f"{x:,.1f}"


def summary_lines(cres, lang: str = "es") -> list[str]:
    """Sentences for the CLI and the result workbook: placed, price of stability, blocking
    pairs, posts without a candidate (``cres`` is a :class:`models.matching.CandidateResult`)."""
    from planner.i18n import t

    chosen = cres.chosen
    people = chosen.people
    placed = int((people["pair"] >= 0).sum())
    first = int((people["rank"] == 1).sum())
    lines = [t("cand_head", lang, mode=cres.mode, placed=f"{placed:,}",
               total=f"{len(people):,}", first=f"{first:,}")]
    opt, stab = cres.optimo, cres.estable
    if cres.price_of_stability is not None and opt.coverage:
        pct = cres.price_of_stability / opt.coverage
        lines.append(t("cand_price", lang, stable=_money(stab.coverage),
                       optimal=_money(opt.coverage), lost=_money(cres.price_of_stability),
                       pct=f"{pct:.1%}"))
    if opt is not None and opt.coverage is not None:
        lines.append(t("cand_blocking", lang, n=f"{opt.blocking_pairs:,}"))
    un = cres.unwanted
    if len(un) and int(un["plazas_sin_candidatos"].sum()):
        top = un.iloc[0]
        lines.append(t("cand_unwanted", lang, posts=f"{int(un['plazas_sin_candidatos'].sum()):,}",
                       vacancies=f"{int(un['vacantes_sin_candidatos'].sum()):,}",
                       where=f"{top['entidad']}, {top['categoria']} "
                             f"({int(top['vacantes_sin_candidatos'])})"))
    return lines


def json_summary(cres) -> dict:
    """The ``candidates`` object of ``planner solve --json``."""
    def side(a):
        if a is None:
            return None
        placed = a.people["pair"] >= 0
        ranks = a.people.loc[placed, "rank"].value_counts().sort_index()
        return {"status": a.plan.status.value, "coverage": a.coverage,
                "placed": int(placed.sum()), "unplaced": int((~placed).sum()),
                "by_rank": {str(int(k)): int(v) for k, v in ranks.items()},
                "blocking_pairs": int(a.blocking_pairs),
                "seconds": round(float(sum(a.timings.values())), 3)}

    un = cres.unwanted
    return {
        "mode": cres.mode,
        "registered": int(len(cres.chosen.people)),
        "optimo": side(cres.optimo),
        "estable": side(cres.estable),
        "price_of_stability": cres.price_of_stability,
        "posts_without_candidates": int(un["plazas_sin_candidatos"].sum()) if len(un) else 0,
        "vacancies_without_candidates": int(un["vacantes_sin_candidatos"].sum()) if len(un)
        else 0,
        "without_candidates_by_state": [
            {"state_code": int(r.clave_entidad), "state": r.entidad, "category": r.categoria,
             "posts": int(r.plazas_sin_candidatos), "vacancies": int(r.vacantes_sin_candidatos)}
            for r in un[un["plazas_sin_candidatos"] > 0].itertuples()],
    }


def write_candidate_sheets(wb, scenario, cres, lang: str = "es") -> None:
    """Result-workbook sheets: ``candidatos`` (folios only, no personal data),
    ``plazas_candidatos`` (each post) and ``plazas_sin_candidatos`` (by state and specialty)."""
    from planner.xlsx import write_notes, write_table

    write_table(wb, "candidatos", candidate_report(scenario, cres.chosen.people),
                {"puntaje": "#,##0.0"})
    write_table(wb, "plazas_candidatos", post_report(scenario, cres.chosen.posts))
    write_table(wb, "plazas_sin_candidatos", cres.unwanted)
    title = "resumen_candidatos"
    head = ("Asignación de candidatos registrados" if lang == "es"
            else "Registered-candidate assignment")
    write_notes(wb, title, head, [(line,) for line in summary_lines(cres, lang)],
                widths=(120,))
