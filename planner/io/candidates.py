"""Registered candidates (the optional ``candidatos`` sheet): reading and checking their options.

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
The reports over an assignment are in :mod:`planner.analysis.candidates`.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from planner.core import schema
from planner.core.errors import Issue
from planner.core.text import normalize_key

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
                    cat_key: dict[str, str], target: float | pd.Series,
                    issues: list[Issue]) -> pd.DataFrame:
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
    # target: the centre target (one number, or one per staffing row: T or the nurse target)
    req = staffing["required"].fillna(target if isinstance(target, pd.Series) else float(target))
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
