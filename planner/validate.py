"""Raw sheets → a validated :class:`Scenario`, or :class:`InputError` holding every issue.

Every column is converted first (so one bad cell never hides another), then checked against its
declaration in :mod:`planner.core.schema`, then references between sheets are checked.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.analysis.rule_check import rules_on
from planner.core import schema
from planner.core.errors import InputError, Issue
from planner.core.numbers import parse_number
from planner.core.scenario import PARAM_NAMES, Params, Scenario
from planner.core.text import normalize_key
from planner.core.words import Phrase, phrase, t
from planner.io import avance, candidates
from planner.io.acceptance import acceptance_tables
from planner.io.read import RawSheet, RawWorkbook

REQUIRED_DATA_SHEETS = ("unidades", "plantilla", "categorias")


def validate(raw: RawWorkbook) -> Scenario:
    """Check every sheet and every reference; return the scenario or raise with all issues."""
    issues: list[Issue] = list(raw.issues)
    found = ", ".join(raw.sheet_names) or "ninguna"
    tables: dict[str, pd.DataFrame] = {}
    for decl in schema.SHEETS:
        sheet = raw.sheets.get(decl.name)
        if sheet is None and decl.optional:
            continue
        if sheet is None:
            if decl.optional:
                continue
            if not any(normalize_key(i.sheet or "") == normalize_key(decl.name)
                       for i in raw.issues):
                issues.append(Issue("missing_sheet", sheet=decl.name,
                                    params={"sheet": decl.name, "found": found}))
            continue
        table, sheet_issues = convert_sheet(decl, sheet)
        issues.extend(sheet_issues)
        if decl.name == candidates.SHEET:  # personal data refused, whatever the column
            issues.extend(candidates.curp_issues(sheet.frame, sheet.headers))
        if table is not None:
            tables[decl.name] = table
    params = _parameters(tables.get("parametros"), issues)
    scenario = _assemble(tables, params, issues, raw.path)
    if issues or scenario is None:
        raise InputError(issues)
    return scenario


# --- one sheet --------------------------------------------------------------------------------

def convert_sheet(decl: schema.Sheet, sheet: RawSheet) -> tuple[pd.DataFrame | None,
                                                               list[Issue]]:
    """Convert each declared column of ``sheet``; return the typed table and its issues.

    The table keeps the Excel row numbers as index and has a ``_ok`` column that is False on
    rows with any issue, so cross-sheet checks can skip them without reporting twice.
    """
    issues: list[Issue] = []
    frame = sheet.frame
    present = set(frame.columns)
    missing = [c for c in decl.columns if c.required and normalize_key(c.name) not in present]
    for col in missing:
        found = ", ".join(sheet.headers.values()) or "ninguna"
        issues.append(Issue("missing_column", sheet=sheet.name, row=sheet.header_row,
                            column=col.name, params={"column": col.name, "found": found}))
    if missing:
        return None, issues
    if frame.empty and decl.name in REQUIRED_DATA_SHEETS:
        issues.append(Issue("empty_sheet", sheet=sheet.name))
        return None, issues
    out = pd.DataFrame(index=frame.index)
    ok = pd.Series(True, index=frame.index)
    for col in decl.columns:
        key = normalize_key(col.name)
        if key not in present:
            out[col.name] = None
            continue
        values, bad = _convert(col, frame[key], sheet, issues)
        out[col.name] = values
        ok &= ~bad
    out["_ok"] = ok
    _check_unique(decl, out, sheet, issues)
    return out, issues


def _convert(col: schema.Column, raw: pd.Series, sheet: RawSheet,
             issues: list[Issue]) -> tuple[pd.Series, pd.Series]:
    """Typed values of one column and a mask of cells with a problem (issues appended)."""
    header = sheet.headers.get(normalize_key(col.name), col.name)
    blank = raw.isna()
    converter = _CONVERTERS[col.kind]
    values, bad_code = converter(col, raw)
    bad = bad_code.notna()
    expected = _expected(col)
    if not col.blank_ok:
        for row in raw.index[blank]:
            issues.append(Issue("blank", sheet.name, int(row), header, None,
                                {"expected": expected}))
        bad = bad | blank
    for row in raw.index[bad_code.notna()]:
        code = bad_code[row]
        params: dict[str, object] = {}
        if code == "below_min":
            params = {"minimum": _fmt(col.minimum)}
        elif code == "above_max":
            params = {"maximum": _fmt(col.maximum)}
        elif code == "bad_choice":
            params = {"allowed": ", ".join(schema.CHOICES[col.choices])}
        issues.append(Issue(code, sheet.name, int(row), header, raw[row], params))
    return values, bad


def _expected(col: schema.Column) -> str:
    if col.kind == "choice":
        return t("exp_choice", allowed=", ".join(schema.CHOICES[col.choices]))
    return t(f"exp_{col.kind}")


def _fmt(x: float | None) -> str:
    if x is None:
        return ""
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,}"


def _to_text(col: schema.Column, raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    values = raw.map(_text_value)
    return values, pd.Series(None, index=raw.index, dtype=object)


def _text_value(v: object) -> object:
    if _missing(v):
        return None
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _to_number(col: schema.Column, raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numbers, numbers written as text ('1,200', ' 3 ', '$10,979'); booleans and dates refused."""
    fraction = _is_fraction(col.maximum)
    parsed = [(None, None) if _missing(v) else parse_number(v, percent=fraction)
              for v in raw.values]
    numeric = pd.Series([np.nan if x is None else x for x, _ in parsed], index=raw.index,
                        dtype=float)
    codes = pd.Series([None if (_missing(v) or x is not None) else (why or "not_number")
                       for v, (x, why) in zip(raw.values, parsed)], index=raw.index,
                      dtype=object)
    has = numeric.notna()
    if col.kind == "int":
        frac = has & (numeric.where(has, 0) % 1 != 0)
        codes[frac & codes.isna()] = "not_integer"
    if col.minimum is not None:
        codes[has & (numeric < col.minimum) & codes.isna()] = "below_min"
    if col.maximum is not None:
        codes[has & (numeric > col.maximum) & codes.isna()] = "above_max"
    numeric[codes.notna()] = np.nan
    return numeric, codes


def _missing(v: object) -> bool:
    """An empty cell, however pandas represents it."""
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def _is_fraction(maximum: float | None) -> bool:
    """A column or parameter between 0 and 1, where '80%' reads as 0.8 (planner/core/numbers.py)."""
    return maximum is not None and maximum <= 1


def _number(v: object, percent: bool = False) -> tuple[float | None, str | None]:
    """A cell as a number, or why not (planner/core/numbers.py: never a guess)."""
    x, why = parse_number(v, percent=percent)
    return (x, None) if x is not None else (None, why or "not_number")


def _to_bool(col: schema.Column, raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    parsed = [parse_bool(v) for v in raw.values]
    values = pd.Series([bool(b) for b in parsed], index=raw.index, dtype=bool)
    codes = pd.Series([None if b is not None else "bad_bool" for b in parsed], index=raw.index,
                      dtype=object)
    return values, codes


def parse_bool(v: object) -> bool | None:
    """sí/si/yes/1/x → True; no/0/blank → False; anything else None."""
    if _missing(v):
        return False
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return {1.0: True, 0.0: False}.get(float(v))
    key = normalize_key(v)
    if key in schema.TRUE_WORDS:
        return True
    if key in schema.FALSE_WORDS:
        return False
    return None


def _to_choice(col: schema.Column, raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    codes = pd.Series(None, index=raw.index, dtype=object)
    mapping = {v: schema.canonical_choice(col.choices, v)
               for v in raw.dropna().map(_text_value).unique()}
    text = raw.map(_text_value)
    values = text.map(lambda v: mapping.get(v) if v is not None else None)
    codes[text.notna() & values.isna()] = "bad_choice"
    return values, codes


_CONVERTERS: dict[str, Callable[[schema.Column, pd.Series], tuple[pd.Series, pd.Series]]] = {
    "text": _to_text, "int": _to_number, "number": _to_number, "bool": _to_bool,
    "choice": _to_choice,
}


def _check_unique(decl: schema.Sheet, table: pd.DataFrame, sheet: RawSheet,
                  issues: list[Issue]) -> None:
    """Rows repeating the sheet's key are reported at each repetition."""
    if not decl.key or decl.name == "parametros":
        return
    keys = pd.DataFrame(index=table.index)
    for c in decl.key:  # normalise each distinct value once (speed: benchmarks/README.md)
        seen = table[c].dropna().unique()
        mapped = table[c].map({v: normalize_key(v) for v in seen}).astype(object)
        keys[c] = mapped.where(mapped.notna(), "").astype(str)
    if decl.name in ("plantilla", "unidades"):
        keys["clues"] = keys["clues"].str.upper()
    joined = keys[decl.key[0]]
    for c in decl.key[1:]:
        joined = joined.str.cat(keys[c], sep="|")
    valid = table["_ok"] & (keys[list(decl.key)[0]] != "")
    dup = joined.duplicated(keep="first") & valid
    if not dup.any():
        return
    first = {}
    for row, k in joined[valid].items():
        first.setdefault(k, row)
    label = " + ".join(decl.key)
    header = sheet.headers.get(normalize_key(decl.key[0]), decl.key[0])
    for row in joined.index[dup]:
        value = " | ".join(str(table.at[row, c]) for c in decl.key
                           if table.at[row, c] is not None)
        issues.append(Issue("duplicate", sheet.name, int(row), header, value,
                            {"key": label, "first": first[joined[row]]}))
        table.at[row, "_ok"] = False


# --- parameters -------------------------------------------------------------------------------

def _parameters(table: pd.DataFrame | None, issues: list[Issue]) -> Params | None:
    """The ``parametros`` sheet as :class:`Params`; unknown or bad parameters are issues."""
    if table is None:
        return None
    values: dict[str, object] = {}
    seen: dict[str, int] = {}
    allowed = ", ".join(p.name for p in schema.PARAMETERS)
    ok = True
    for row, rec in table.iterrows():
        name = rec["parametro"]
        if _missing(name):
            continue
        key = normalize_key(name)
        decl = schema.PARAMETER_BY_KEY.get(key)
        if decl is None:
            issues.append(Issue("unknown_param", "parametros", int(row), "parametro", name,
                                {"allowed": allowed}))
            ok = False
            continue
        if key in seen:
            issues.append(Issue("duplicate", "parametros", int(row), "parametro", name,
                                {"key": "parametro", "first": seen[key]}))
            ok = False
            continue
        seen[key] = int(row)
        value, code = _param_value(decl, rec["valor"])
        if code:
            params = {"minimum": _fmt(decl.minimum), "maximum": _fmt(decl.maximum),
                      "expected": t(f"exp_{decl.kind}"), "param": decl.name,
                      "allowed": ", ".join(schema.CHOICES.get(decl.choices or "", {}))}
            issues.append(Issue(code, "parametros", int(row), "valor", rec["valor"], params))
            ok = False
        elif value is not None:
            values[decl.name] = value
    for decl in schema.PARAMETERS:
        if decl.required and decl.name not in values and normalize_key(decl.name) not in seen:
            issues.append(Issue("param_missing", "parametros", None, "parametro", None,
                                {"param": decl.name}))
            ok = False
        elif decl.required and decl.name not in values:
            ok = False
            row = seen[normalize_key(decl.name)]
            if not any(i.sheet == "parametros" and i.row == row for i in issues):
                issues.append(Issue("blank", "parametros", row, "valor", None,
                                    {"expected": t(f"exp_{decl.kind}"), "param": decl.name}))
    if not ok:
        return None
    kwargs = {PARAM_NAMES[name]: value for name, value in values.items()}
    return Params(**kwargs)


def parse_param_value(decl: schema.Param, raw: object) -> tuple[object, str | None]:
    """A parameter's raw cell as a typed value (None when blank), or the issue code.

    The one value parser of parameters: the ``parametros`` sheet and sweep grids use it.
    """
    return _param_value(decl, raw)


def _param_value(decl: schema.Param, raw: object) -> tuple[object, str | None]:
    if _missing(raw):
        return None, None
    if decl.kind == "bool":
        b = parse_bool(raw)
        return (b, None) if b is not None else (None, "bad_bool")
    if decl.kind == "choice":
        choice = schema.canonical_choice(decl.choices, _text_value(raw))
        return (choice, None) if choice is not None else (None, "bad_param_choice")
    x, why = _number(raw, percent=_is_fraction(decl.maximum))
    if x is None:
        return None, why
    if decl.kind == "int" and not float(x).is_integer():
        return None, "not_integer"
    if decl.minimum is not None and x < decl.minimum:
        return None, "below_min"
    if decl.maximum is not None and x > decl.maximum:
        return None, "above_max"
    return (int(x) if decl.kind == "int" else float(x)), None


# --- references between sheets and assembly ---------------------------------------------------

def _centre_target_per_row(staffing: pd.DataFrame, categories: pd.DataFrame,
                           params: Params) -> pd.Series:
    """Each staffing row's centre target (schema.CENTRE_TARGETS; NaN for a specialty)."""
    targets = {kind: float(getattr(params, f)) for kind, f in schema.CENTRE_TARGETS.items()}
    kind = categories["kind"].reindex(staffing.index.get_level_values("category"))
    return pd.Series(kind.map(targets).to_numpy(dtype=float), index=staffing.index)


def _assemble(tables: dict[str, pd.DataFrame], params: Params | None, issues: list[Issue],
              name: str) -> Scenario | None:
    """Check references between sheets and build the scenario (None when a sheet is unusable)."""
    needed = ("unidades", "plantilla", "categorias", "oferta", "bonos", "prioridades")
    if any(s not in tables for s in needed) or params is None:
        return None
    units = _units(tables["unidades"], issues)
    categories, cat_key = _categories(tables["categorias"], issues)
    known = set(tables["unidades"]["clues"].dropna().map(lambda c: str(c).upper()))
    staffing = _staffing(tables["plantilla"], units, known, cat_key, categories, issues)
    supply = _supply(tables["oferta"], cat_key, units, issues)
    bonuses = _bonuses(tables["bonos"])
    grade_weights = _grade_weights(tables["prioridades"], units, issues)
    acceptance, levels, notes = acceptance_tables(tables, params, issues)
    listed = None
    if candidates.SHEET in tables:
        listed = candidates.read_candidates(tables[candidates.SHEET], units, staffing, cat_key,
                                            _centre_target_per_row(staffing, categories, params),
                                            issues)
    progress = None
    if avance.SHEET in tables:
        progress = avance.read_avance(tables[avance.SHEET], units, staffing, categories,
                                      cat_key, _centre_target_per_row(staffing, categories, params),
                                      issues)
    if params.assignment_mode != "por_oferta" and (listed is None or listed.empty):
        issues.append(Issue("cand_mode_without_list", "parametros", None, "modo_asignacion",
                            params.assignment_mode, {"mode": params.assignment_mode}))
    if issues:
        return None
    return Scenario(params=params, units=units, staffing=staffing, categories=categories,
                    supply=supply, bonuses=bonuses, grade_weights=grade_weights,
                    name=str(name), notes=notes, acceptance=acceptance, bonus_levels=levels,
                    candidates=listed, progress=progress)


def _units(table: pd.DataFrame, issues: list[Issue]) -> pd.DataFrame:
    t_ = table[table["_ok"]].copy()
    t_["clues"] = t_["clues"].str.upper()
    first_name: dict[int, tuple[str, int]] = {}
    for row, code, state in t_[["clave_entidad", "entidad"]].itertuples(name=None):
        code = int(code)
        key = normalize_key(state)
        if code in first_name and first_name[code][0] != key:
            issues.append(Issue("state_name_mismatch", "unidades", int(row), "entidad", state,
                                {"code": code, "other": table.at[first_name[code][1], "entidad"],
                                 "first": first_name[code][1]}))
        first_name.setdefault(code, (key, int(row)))
    units = pd.DataFrame({
        "name": t_["nombre"].fillna(t_["clues"]).values,
        "kind": t_["tipo"].values,
        "state_code": t_["clave_entidad"].astype(int).values,
        "state": t_["entidad"].values,
        "municipality": t_["municipio"].values,
        "locality": t_["localidad"].values,
        "zone": t_["zona"].astype(int).values,
        "grade": t_["grado_marginacion"].values,
        "bonus_eligible": t_["elegible_bono"].astype(bool).values,
        "families": t_["familias"].fillna(0.0).astype(float).values,
        "lat": t_["latitud"].astype(float).values,
        "lon": t_["longitud"].astype(float).values,
        "origin": t_["origen"].values,  # issue 27, optional: real / sintético
        "margin_basis": t_["base_marginacion"].values,
        "row": t_.index.values,
    }, index=pd.Index(t_["clues"].values, name="clues"))
    return units


def _categories(table: pd.DataFrame, issues: list[Issue]) -> tuple[pd.DataFrame, dict[str, str]]:
    t_ = table[table["_ok"]]
    key = {normalize_key(c): c for c in t_["categoria"]}
    n_general = int((table["tipo"] == schema.GENERAL).sum())
    if n_general != 1:
        issues.append(Issue("general_count", "categorias", None, "tipo", None,
                            {"count": n_general}))
    requires: list[str | None] = []
    for row, cat, kind, req in t_[["categoria", "tipo", "requiere"]].itertuples(name=None):
        if _missing(req):
            requires.append(None)
            continue
        rk = normalize_key(req)
        if rk == normalize_key(cat):
            issues.append(Issue("requires_self", "categorias", int(row), "requiere", req))
        elif kind == schema.GENERAL:
            issues.append(Issue("requires_general", "categorias", int(row), "requiere", req))
        elif rk not in key:
            issues.append(Issue("requires_unknown", "categorias", int(row), "requiere", req))
        requires.append(key.get(rk))
    cats = pd.DataFrame({
        "kind": t_["tipo"].values,
        "trunk": t_["troncal"].astype(bool).values,
        "weight": t_["peso"].astype(float).values,
        "requires": requires,
    }, index=pd.Index(t_["categoria"].values, name="category"))
    chained = pd.Series([
        isinstance(r, str) and r != cat and r in cats.index  # blanks read as NaN (str dtype)
        and isinstance(cats.at[r, "requires"], str) and cats.at[r, "requires"] != r
        for cat, r in cats["requires"].items()], index=cats.index, dtype=bool)
    for cat in cats.index[chained]:
        row = int(t_.index[t_["categoria"] == cat][0])
        issues.append(Issue("requires_chain", "categorias", row, "requiere",
                            cats.at[cat, "requires"]))
    return cats, key


def _staffing(table: pd.DataFrame, units: pd.DataFrame, known_units: set[str],
              cat_key: dict[str, str], categories: pd.DataFrame,
              issues: list[Issue]) -> pd.DataFrame:
    """Staffing rows; references are checked against every CLUES written in 'unidades'."""
    t_ = table[table["_ok"]].copy()
    t_["clues"] = t_["clues"].str.upper()
    unknown_unit = ~t_["clues"].isin(known_units)
    for row in t_.index[unknown_unit]:
        issues.append(Issue("unknown_unit", "plantilla", int(row), "clues", t_.at[row, "clues"]))
    names = {c: cat_key.get(normalize_key(c)) for c in t_["categoria"].dropna().unique()}
    t_["category"] = t_["categoria"].map(names)  # each distinct spelling normalised once
    for row in t_.index[t_["category"].isna()]:
        issues.append(Issue("unknown_category", "plantilla", int(row), "categoria",
                            t_.at[row, "categoria"]))
    t_ = t_[~unknown_unit & t_["category"].notna() & t_["clues"].isin(units.index)]
    blank_req = t_["requeridos"].isna()
    if blank_req.any():
        targeted = set(categories.index[categories["kind"].isin(tuple(schema.CENTRE_TARGETS))])
        is_centre = t_["clues"].map(units["kind"]) == schema.CENTRE
        allowed = is_centre & t_["category"].isin(targeted)
        for row in t_.index[blank_req & ~allowed]:
            issues.append(Issue("required_blank", "plantilla", int(row), "requeridos", None))
    staffing = pd.DataFrame({
        "required": t_["requeridos"].astype(float).values,
        "current": t_["actuales"].astype(int).values,
        "row": t_.index.values,
    }, index=pd.MultiIndex.from_arrays([t_["clues"].values, t_["category"].values],
                                       names=["clues", "category"]))
    return staffing


def _supply(table: pd.DataFrame, cat_key: dict[str, str], units: pd.DataFrame,
            issues: list[Issue]) -> pd.DataFrame:
    t_ = table[table["_ok"]].copy()
    t_["category"] = t_["categoria"].map(lambda c: cat_key.get(normalize_key(c)))
    for row in t_.index[t_["category"].isna()]:
        issues.append(Issue("unknown_category", "oferta", int(row), "categoria",
                            t_.at[row, "categoria"]))
    t_["state_code"] = t_["clave_entidad"].fillna(0).astype(int)
    states = set(units["state_code"])
    for row in t_.index[(t_["state_code"] != 0) & ~t_["state_code"].isin(states)]:
        issues.append(Issue("pool_state_unknown", "oferta", int(row), "clave_entidad",
                            int(t_.at[row, "state_code"]),
                            {"state": int(t_.at[row, "state_code"])}))
    t_ = t_[t_["category"].notna()]
    return pd.DataFrame({"category": t_["category"].values,
                         "state_code": t_["state_code"].values,
                         "candidates": t_["candidatos"].astype(int).values})


def _bonuses(table: pd.DataFrame) -> pd.DataFrame:
    t_ = table[table["_ok"]]
    return pd.DataFrame({"bonus": t_["bono_mensual"].astype(float).values},
                        index=pd.MultiIndex.from_arrays(
                            [t_["tipo"].values, t_["zona"].astype(int).values],
                            names=["kind", "zone"]))


def _grade_weights(table: pd.DataFrame, units: pd.DataFrame, issues: list[Issue]) -> pd.Series:
    t_ = table[table["_ok"]]
    weights = pd.Series(t_["peso"].astype(float).values, index=t_["grado_marginacion"].values)
    used = units["grade"].value_counts()
    for grade, count in used.items():
        if grade not in weights.index:
            issues.append(Issue("grade_missing", "prioridades", None, "grado_marginacion", grade,
                                {"grade": grade, "count": int(count)}))
    weights.index.name = "grade"
    return weights


@dataclass(frozen=True)
class Note:
    """A ``Scenario.notes`` entry (a catalogue phrase that carries its own place) as a warning."""

    phrase: Phrase

    @property
    def code(self) -> str:
        return self.phrase.key

    def text(self, lang: str = "es") -> str:
        return self.phrase.text(lang)


def scenario_warnings(scenario: Scenario) -> list[Issue | Note]:
    """Things that validate but a planner should look at twice: every ``Scenario.notes`` entry
    (issue 26: e.g. an acceptance curve that falls as the bonus rises), then (issue 15) a
    monthly bonus budget of 0 while bonus-eligible hospitals have specialist vacancies (no
    specialist will be placed there; the blank template ships 0). The one list the CLI's
    ``validate`` and ``solve``, the result workbook's ``diagnóstico`` and the app show."""
    warnings: list[Issue | Note] = [Note(n) for n in scenario.notes]  # issue 26: all shown
    p = scenario.params
    if p.budget == 0:
        eligible = scenario.units.index[scenario.units["bonus_eligible"].astype(bool)]
        staff = scenario.staffing
        clues = staff.index.get_level_values("clues")
        kinds = scenario.categories["kind"]
        spec = staff.index.get_level_values("category").map(kinds) == schema.SPECIALTY
        gap = (staff["required"].fillna(0) - staff["current"]).clip(lower=0)
        if float(gap[clues.isin(eligible) & spec].sum()) > 0:
            warnings.append(Issue("warn_budget_zero", "parametros", None, "valor", 0,
                                  {"param": schema.BUDGET}))
    unimposed = stable_unimposed(scenario)
    if unimposed is not None:
        warnings.append(unimposed)
    warnings += unlisted_categories(scenario)
    return warnings


def unlisted_categories(scenario: Scenario) -> list[Issue]:
    """``modo_asignacion`` optimo or estable places only the people of the ``candidatos`` list:
    a nursing category with vacancies and candidates in ``oferta`` but nobody listed gets no
    one — a warning per category. Nursing only: nurses are the category a doctors' list (the
    2024 call's, the national default's) lacks; a doctors' category left out of a list is the
    list's own choice, as before."""
    p = scenario.params
    listed = scenario.candidates
    if p.assignment_mode == "por_oferta" or listed is None or listed.empty:
        return []
    have = set(listed["category"])
    gap = scenario.gaps().groupby(level="category").sum()
    supply = scenario.supply_by_category()
    out = []
    nursing = scenario.categories.index[scenario.categories["kind"] == schema.NURSING]
    for cat in nursing:
        if cat not in have and gap.get(cat, 0) > 0 and supply.get(cat, 0) > 0:
            out.append(Issue("warn_category_not_listed", "candidatos", None, "categoria", None,
                             {"category": str(cat), "supply": f"{int(supply[cat]):,}",
                              "mode": p.assignment_mode}))
    return out


def stable_unimposed(scenario: Scenario) -> Issue | None:
    """``modo_asignacion = estable`` with rules on that deferred acceptance does not impose
    (links, equity floor, hard minimum; :mod:`planner.analysis.rule_check` checks them on the
    stable plan after the solve): a warning naming them, before any solve."""
    if scenario.params.assignment_mode != "estable":
        return None
    rules = rules_on(scenario)
    if not rules:
        return None
    floor = f"{float(scenario.params.equity_floor):.0%}"
    words = [phrase(f"rule_word_{r}", floor=floor) if r == "equity_floor"
             else phrase(f"rule_word_{r}") for r in rules]
    listed = phrase(f"word_list_{len(words)}", **dict(zip("abc", words, strict=False)))
    return Issue("warn_stable_rules", "parametros", None, "valor", "estable",
                 {"param": "modo_asignacion", "rules": listed})


def nurse_posts(scenario: Scenario, lang: str = "es") -> dict:
    """The nursing categories' posts: ``counts`` (vacancies, centres with one, candidates, the
    nurse target) and one sentence in ``lines``; empty when the workbook has no nurses."""
    cats = scenario.categories
    nursing = cats.index[cats["kind"] == schema.NURSING]
    if not len(nursing):
        return {"counts": {}, "lines": []}
    gap = scenario.gaps()
    mine = gap[gap.index.get_level_values("category").isin(nursing)]
    centres = scenario.units.index[scenario.units["kind"] == schema.CENTRE]
    at_centres = mine[mine.index.get_level_values("clues").isin(centres)]
    with_post = at_centres[at_centres > 0].index.get_level_values("clues").nunique()
    counts = {"vacancies": int(mine.sum()), "centres_with_vacancies": int(with_post),
              "centres": len(centres),
              "candidates": int(scenario.supply_by_category().reindex(nursing).sum()),
              "target": int(scenario.params.nurse_target)}
    line = t("nurse_posts_line", lang, vacancies=f"{counts['vacancies']:,}",
             with_post=f"{with_post:,}", centres=f"{len(centres):,}",
             candidates=f"{counts['candidates']:,}", target=counts["target"])
    return {"counts": counts, "lines": [line]}


def real_shares(units: pd.DataFrame, lang: str = "es") -> dict:
    """Real hospitals and centres (the optional ``origen`` column) and the shares of the
    marginalization basis (``base_marginacion``), as counts and as sentences; no sentence when
    the workbook leaves those columns out (issue 27)."""
    def pct(part: int, whole: int) -> str:
        return t("real_share_part", lang, real=f"{part:,}", total=f"{whole:,}",
                 share=f"{part / whole:.0%}" if whole else "—")

    origin = units["origin"] if "origin" in units else pd.Series(None, index=units.index)
    counts: dict = {}
    lines: list[str] = []
    if origin.notna().any():
        real = origin.astype(str).str.strip().str.lower() == "real"
        for kind, key in ((schema.HOSPITAL, "hospitals"), (schema.CENTRE, "centres")):
            mine = units["kind"] == kind
            counts[key] = {"real": int((real & mine).sum()), "total": int(mine.sum())}
        lines.append(t("real_share", lang, **{k: pct(v["real"], v["total"])
                                              for k, v in counts.items()}))
    basis = units["margin_basis"] if "margin_basis" in units else None
    if basis is not None and basis.notna().any():
        b = basis.fillna("").astype(str)
        n = len(b)
        parts = {"key": int((b == "clave INEGI").sum()), "name": int(b.str.startswith(
            "nombre").sum()), "state": int((b == "entidad").sum())}
        counts["margin_basis"] = parts
        lines.append(t("margin_basis_share", lang, **{k: f"{v:,} ({v / n:.0%})"
                                                      for k, v in parts.items()}))
    return {"counts": counts, "lines": lines}
