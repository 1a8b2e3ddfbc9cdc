"""Acceptance data: the optional ``aceptacion`` and ``niveles_bono`` sheets, checked and looked up.

``aceptacion`` gives points (bonus, probability) of an acceptance curve per category type, zone
(blank = both) and marginalization grade (blank = all); between points the probability is
interpolated in a straight line, beyond the first and last point it stays flat. A unit takes the
most specific curve: (type, zone, grade), then (type, grade), then (type, zone), then (type). A
type with no curve, or a workbook without the sheet, accepts every offer (p = 1: today's model).

Optional columns say where each point comes from (issue 22): ``error_estandar`` (its standard
error), ``base`` (``estimado`` fitted to data, ``supuesto`` assumed, ``dato`` observed) and
``fuente`` (the data and the fit, or the datum's source); a workbook without them reads as
before, its curves' basis unknown.

``niveles_bono`` lists the monthly bonus levels the model may choose per (type, zone) when
``modo_bono = por_hospital``; a (type, zone) without levels keeps its ``bonos`` value.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.core.errors import Issue
from planner.core.words import Phrase, phrase

ANY_ZONE = 0
ANY_GRADE = ""


def acceptance_tables(tables: dict[str, pd.DataFrame], params: object,
                      issues: list[Issue]) -> tuple[pd.DataFrame | None, pd.DataFrame | None,
                                                    tuple[str, ...]]:
    """(acceptance, bonus levels, warnings) from the converted optional sheets.

    ``acceptance`` has columns ``kind, zone, grade, bonus, p`` (zone 0 = any, grade '' = any),
    ``levels`` ``kind, zone, bonus``; each is None when its sheet is absent or empty. Warnings
    (a probability that falls as the bonus rises) do not stop the scenario.
    """
    notes: list[Phrase] = []
    acc = _acceptance(tables.get("aceptacion"), notes)
    levels = _levels(tables.get("niveles_bono"))
    if getattr(params, "bonus_mode", "fijo") == "por_hospital" and levels is None:
        issues.append(Issue("bonus_levels_missing", "niveles_bono", None, None, None))
    return acc, levels, tuple(notes)


def _acceptance(table: pd.DataFrame | None, notes: list[Phrase]) -> pd.DataFrame | None:
    if table is None:
        return None
    t_ = table[table["_ok"]]
    if t_.empty:
        return None
    zone = t_["zona"] if "zona" in t_ else pd.Series(None, index=t_.index)
    acc = pd.DataFrame({
        "kind": t_["tipo"].to_numpy(dtype=object),
        "zone": [ANY_ZONE if z is None or (isinstance(z, float) and np.isnan(z)) else int(z)
                 for z in zone],
        "grade": [g if isinstance(g, str) else ANY_GRADE for g in t_["grado_marginacion"]],
        "bonus": t_["bono_mensual"].astype(float).to_numpy(),
        "p": t_["probabilidad"].astype(float).to_numpy(),
        "se": _optional(t_, "error_estandar", float),
        "basis": _optional(t_, "base", object),
        "source": _optional(t_, "fuente", object),
        "row": t_.index.to_numpy(),
    }).sort_values(["kind", "zone", "grade", "bonus"], kind="stable").reset_index(drop=True)
    for _, curve in acc.groupby(["kind", "zone", "grade"], sort=False):
        falls = np.flatnonzero(np.diff(curve["p"].to_numpy()) < 0)
        for i in falls:
            lo, hi = curve.iloc[i], curve.iloc[i + 1]
            notes.append(phrase("acceptance_falls", row=int(hi["row"]), bonus=f"{hi['bonus']:,.0f}",
                                p=f"{hi['p']:.2f}", low=f"{lo['bonus']:,.0f}",
                                p_low=f"{lo['p']:.2f}"))
    return acc.drop(columns="row")


def _optional(t_: pd.DataFrame, column: str, dtype: type) -> np.ndarray:
    """An optional column's values (NaN or None where blank or absent)."""
    if column not in t_:
        return np.full(len(t_), np.nan if dtype is float else None, dtype=dtype)
    values = t_[column].astype(dtype).to_numpy()
    if dtype is object:
        values = np.array([None if v is None or (isinstance(v, float) and np.isnan(v)) else v
                           for v in values], dtype=object)
    return values


def curve_bases(acceptance: pd.DataFrame | None) -> pd.DataFrame:
    """One row per curve (kind, zone, grade): its basis (``estimado`` | ``supuesto`` | ``dato``,
    None when the sheet does not say), its source and its largest standard error."""
    cols = ["kind", "zone", "grade", "basis", "source", "points", "se_max"]
    if acceptance is None or not len(acceptance):
        return pd.DataFrame(columns=cols)
    rows = []
    for (kind, zone, grade), c in acceptance.groupby(["kind", "zone", "grade"], sort=False):
        bases = [b for b in c["basis"] if b is not None]
        sources = [x for x in c["source"] if x is not None]
        se = c["se"].astype(float)
        rows.append({"kind": kind, "zone": zone, "grade": grade,
                     "basis": bases[0] if len(set(bases)) == 1 and len(bases) == len(c)
                     else (None if not bases else "mixta"),
                     "source": sources[0] if sources else None, "points": len(c),
                     "se_max": float(se.max()) if se.notna().any() else np.nan})
    return pd.DataFrame(rows, columns=cols)


KIND_WORDS = {"especialidad": "acc_kind_specialty", "medicina general": "acc_kind_general",
              "enfermería": "acc_kind_nursing"}


def basis_sentences(acceptance: pd.DataFrame | None, lang: str = "es") -> list[str]:
    """One sentence per category type and basis: how many curves are fitted (with their
    largest standard error and their data and fit), assumed, observed, or of unknown basis."""
    from planner.core.words import t

    bases = curve_bases(acceptance)
    out = []
    for (kind, basis), g in bases.groupby(["kind", bases["basis"].fillna("")], sort=False):
        words = t(KIND_WORDS.get(kind, "acc_kind_other"), lang, kind=kind)
        n = len(g)
        key = {"estimado": "acc_basis_estimado", "supuesto": "acc_basis_supuesto",
               "dato": "acc_basis_dato", "mixta": "acc_basis_mixta"}.get(basis,
                                                                       "acc_basis_unknown")
        se = g["se_max"].max()
        out.append(t(key, lang, kind=words, n=n, se="—" if pd.isna(se) else f"{se:.3f}",
                     source=g["source"].dropna().iloc[0] if g["source"].notna().any()
                     else "—"))
    return out


def curve_draws(acceptance: pd.DataFrame, draws: int, seed: int = 0) -> list[pd.DataFrame]:
    """``draws`` plausible sets of curves from the points' standard errors (issue 22, item 2).

    Each curve (kind, zone, grade) with a standard error draws one z ~ N(0, 1) per set (seeded,
    curves independent); every point of it moves on the logit scale by z · se / (p (1 − p))
    — the delta method's standard error of logit p — so a curve moves as a whole and stays in
    (0, 1) and in its order along the bonus. Points without a standard error (assumed or data)
    stay as they are; so do p = 0 and p = 1.
    """
    se = acceptance["se"].to_numpy(dtype=float) if "se" in acceptance else np.full(
        len(acceptance), np.nan)
    p = acceptance["p"].to_numpy(dtype=float)
    codes = acceptance.groupby(["kind", "zone", "grade"], sort=False).ngroup().to_numpy()
    moves = np.isfinite(se) & (se > 0) & (p > 0) & (p < 1)
    logit = np.log(np.where(moves, p, 0.5) / (1 - np.where(moves, p, 0.5)))
    step = np.where(moves, np.nan_to_num(se) / np.maximum(p * (1 - p), 1e-12), 0.0)
    rng = np.random.default_rng([seed, 22, 2])
    z = rng.standard_normal((draws, codes.max() + 1 if len(codes) else 0))
    out = []
    for d in range(draws):
        q = np.where(moves, 1.0 / (1.0 + np.exp(-(logit + z[d, codes] * step))), p)
        out.append(acceptance.assign(p=q))
    return out


def _levels(table: pd.DataFrame | None) -> pd.DataFrame | None:
    if table is None:
        return None
    t_ = table[table["_ok"]]
    if t_.empty:
        return None
    return pd.DataFrame({"kind": t_["tipo"].to_numpy(dtype=object),
                         "zone": t_["zona"].astype(int).to_numpy(),
                         "bonus": t_["bono_mensual"].astype(float).to_numpy()}
                        ).sort_values(["kind", "zone", "bonus"]).reset_index(drop=True)


def probability(acceptance: pd.DataFrame | None, kind: np.ndarray, zone: np.ndarray,
                grade: np.ndarray, bonus: np.ndarray) -> np.ndarray:
    """Acceptance probability of an offer for each (kind, zone, grade, bonus), vectorised."""
    bonus = np.asarray(bonus, dtype=float)
    out = np.ones(len(bonus))
    if acceptance is None or len(bonus) == 0:
        return out
    curves = {key: (c["bonus"].to_numpy(), c["p"].to_numpy())
              for key, c in acceptance.groupby(["kind", "zone", "grade"], sort=False)}
    kind, zone = np.asarray(kind, dtype=object), np.asarray(zone, dtype=int)
    grade = np.asarray(grade, dtype=object)
    # one code per (kind, zone, grade) in bulk; a missing kind or grade matches no curve (p = 1)
    kc, kinds = pd.factorize(kind)
    zc, zones = pd.factorize(zone)
    gc, grades = pd.factorize(grade)
    code = (kc * len(zones) + zc) * len(grades) + gc
    code[(kc < 0) | (gc < 0)] = -1
    order = np.argsort(code, kind="stable")
    cuts = np.flatnonzero(np.diff(code[order])) + 1
    for idx in np.split(order, cuts):
        if code[idx[0]] < 0:
            continue
        i = idx[0]
        key = curve_key(curves, kind[i], int(zone[i]), grade[i])
        if key is not None:
            xs, ps = curves[key]
            out[idx] = np.interp(bonus[idx], xs, ps)
    return out


def curve_key(curves, kind: str, zone: int, grade: str) -> tuple[str, int, str] | None:
    """The curve a (kind, zone, grade) takes among ``curves`` (keys (kind, zone, grade)), most
    specific first: (kind, zone, grade), (kind, grade), (kind, zone), (kind); None when none."""
    for key in ((kind, zone, grade), (kind, ANY_ZONE, grade), (kind, zone, ANY_GRADE),
                (kind, ANY_ZONE, ANY_GRADE)):
        if key in curves:
            return key
    return None


def levels_for(scenario: object, kind: str, zone: int) -> list[float]:
    """Bonus levels a (kind, zone) may take: ``niveles_bono`` rows, else its ``bonos`` value."""
    levels = scenario.bonus_levels
    if levels is not None:
        mine = levels[(levels["kind"] == kind) & (levels["zone"] == int(zone))]
        if len(mine):
            return [float(b) for b in mine["bonus"]]
    try:
        return [float(scenario.bonuses.loc[(kind, int(zone)), "bonus"])]
    except KeyError:
        return [0.0]
