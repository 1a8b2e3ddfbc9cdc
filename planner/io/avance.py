"""The state of a call (the optional ``avance`` sheet): reading and checking what each phase did.

One row per unit × category × phase: offers made, candidates accepted, doctors hired and
resignations. Checks, each naming its sheet, row and column: a unit or a category that does not
exist, more accepted than offers, more hired than accepted, more resignations than hired, more
doctors hired (net of resignations, over every phase so far) than the post's vacancies, and
phases written out of order (the call's order is :data:`planner.core.schema.PHASES`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.core import schema
from planner.core.errors import Issue
from planner.core.text import normalize_key

SHEET = "avance"
COLUMNS = ("clues", "category", "phase", "offers", "accepted", "hired", "resigned", "row")


def empty_progress() -> pd.DataFrame:
    """The validated table with no rows."""
    return pd.DataFrame({c: pd.Series(dtype=object if c in ("clues", "category", "phase")
                                      else int) for c in COLUMNS})


def phase_rank(phase: str) -> int:
    """The position of a phase in the call (1 → 0, … especial → 7)."""
    return schema.PHASES.index(phase)


def next_phase(phases: object) -> str | None:
    """The phase after the latest of ``phases`` (None after the last one or for none given)."""
    ranks = [phase_rank(p) for p in phases]
    if not ranks:
        return schema.PHASES[0]
    last = max(ranks)
    return schema.PHASES[last + 1] if last + 1 < len(schema.PHASES) else None


def _count(value: object) -> int | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    return int(value)


def read_avance(table: pd.DataFrame, units: pd.DataFrame, staffing: pd.DataFrame,
                categories: pd.DataFrame, cat_key: dict[str, str], target: float | pd.Series,
                issues: list[Issue]) -> pd.DataFrame:
    """The validated progress rows (columns :data:`COLUMNS`); issues appended in sheet order."""
    t_ = table[table["_ok"]]
    # target: the centre target (one number, or one per staffing row: T or the nurse target)
    fill = target if isinstance(target, pd.Series) else float(target)
    vacancies = (staffing["required"].fillna(fill) - staffing["current"]).clip(lower=0)
    vacancy = {key: int(v) for key, v in vacancies.items()}
    rows = []
    net: dict[tuple[str, str], int] = {}
    last_rank, last_row = -1, None
    for row, clues, cat, phase, offers, accepted, hired, resigned in t_[
            ["clues", "categoria", "fase", "ofertas", "aceptados", "contratados",
             "renuncias"]].itertuples(name=None):
        row = int(row)
        ok = True
        code = str(clues).strip().upper()
        if code not in units.index:
            issues.append(Issue("avance_unknown_unit", SHEET, row, "clues", clues))
            ok = False
        category = cat_key.get(normalize_key(cat))
        if category is None:
            issues.append(Issue("unknown_category", SHEET, row, "categoria", cat))
            ok = False
        rank = phase_rank(phase)
        if rank < last_rank:
            issues.append(Issue("avance_phase_order", SHEET, row, "fase", phase,
                                {"phase": phase, "previous": schema.PHASES[last_rank],
                                 "previous_row": last_row}))
            ok = False
        else:
            last_rank, last_row = rank, row
        offers, accepted = _count(offers), _count(accepted)
        hired, resigned = int(hired), _count(resigned) or 0
        if offers is not None and accepted is not None and accepted > offers:
            issues.append(Issue("avance_accepted_over_offers", SHEET, row, "aceptados", accepted,
                                {"accepted": accepted, "offers": offers}))
            ok = False
        if accepted is not None and hired > accepted:
            issues.append(Issue("avance_hired_over_accepted", SHEET, row, "contratados", hired,
                                {"hired": hired, "accepted": accepted}))
            ok = False
        if resigned > hired:
            issues.append(Issue("avance_resigned_over_hired", SHEET, row, "renuncias", resigned,
                                {"resigned": resigned, "hired": hired}))
            ok = False
        if not ok:
            continue
        key = (code, category)
        net[key] = net.get(key, 0) + hired - resigned
        if net[key] > vacancy.get(key, 0):
            issues.append(Issue("avance_hired_over_vacancies", SHEET, row, "contratados", hired,
                                {"net": net[key], "vacancies": vacancy.get(key, 0),
                                 "category": category}))
            continue
        rows.append((code, category, phase, offers, accepted, hired, resigned, row))
    if not rows:
        return empty_progress()
    out = pd.DataFrame(rows, columns=list(COLUMNS))
    for col in ("offers", "accepted"):
        out[col] = out[col].astype("Int64")
    return out


def next_phase_tables(raw: object, scenario: object, current: pd.Series, budget_left: float
                      ) -> dict[str, pd.DataFrame]:
    """The sheets of the next phase's workbook from the raw sheets of this one.

    Every cell is kept as the planner wrote it, except ``plantilla.actuales`` of each post
    (``current``: today's doctors plus those the call filled, net of resignations),
    ``parametros.presupuesto_bono_mensual`` (``budget_left``) and the ``avance`` sheet, which
    is left empty (headers only) for the next phase. Columns keep their schema names; extra
    columns keep their headers.
    """
    tables: dict[str, pd.DataFrame] = {}
    for decl in schema.SHEETS:
        sheet = raw.sheets.get(decl.name)
        if sheet is None:
            continue
        frame = sheet.frame.copy()
        names = {normalize_key(c.name): c.name for c in decl.columns}
        frame.columns = [names.get(k, sheet.headers.get(k, k)) for k in frame.columns]
        tables[decl.name] = frame
    plantilla = tables["plantilla"]
    plantilla["actuales"] = plantilla["actuales"].astype(object)
    rows = scenario.staffing["row"].to_numpy()
    plantilla.loc[rows, "actuales"] = current.reindex(scenario.staffing.index).to_numpy()
    params = tables["parametros"]
    params["valor"] = params["valor"].astype(object)
    budget_rows = params["parametro"].map(normalize_key) == normalize_key(schema.BUDGET)
    params.loc[budget_rows, "valor"] = float(budget_left)
    tables[SHEET] = pd.DataFrame(columns=[c.name for c in schema.SHEET_BY_KEY[SHEET].columns])
    if "candidatos" in tables and scenario.candidates is not None:
        tables["candidatos"] = _candidates_left(tables["candidatos"], scenario, current)
    return {k: v.reset_index(drop=True) for k, v in tables.items()}


def _candidates_left(frame: pd.DataFrame, scenario: object, current: pd.Series) -> pd.DataFrame:
    """The registration list for the next phase: each candidate's options that still have a
    vacancy of their category, in their order (moved up over the ones that have none); a
    candidate with no option left is dropped (their posts are all filled)."""
    required = scenario.required()
    open_posts = set(required.index[(required - current.reindex(required.index)) > 0])
    listed = scenario.candidates
    options = schema.CANDIDATE_OPTIONS
    keep_rows, new_texts = [], []
    for rec in listed.itertuples(index=False):
        cat, row = rec.category, int(rec.row)
        texts = [frame.at[row, col] for j, col in enumerate(options, start=1)
                 if any((c, cat) in open_posts for c in getattr(rec, f"option_{j}"))]
        if texts:
            keep_rows.append(row)
            new_texts.append(texts + [None] * (len(options) - len(texts)))
    out = frame.loc[keep_rows].copy()
    for col in options:
        if col in out.columns:
            out[col] = out[col].astype(object)
    for i, col in enumerate(options):
        out[col] = [texts[i] for texts in new_texts]
    return out
