"""Calibration of the specialists' acceptance curves from revealed data (issue 22, item 1).

Data: the 2026 hiring's candidates per real unit (``candidatos_por_unidad_puesto_estatus``, UAS
stage, category «Médicos especialistas», every phase and status) at the real hospitals of the
national scenario (their type, CONAPO grade, state and discharges: ``real_units``). A hospital
is *matched* when the hiring file names it at all (any category); the others did not take part
and are left out, not counted as zero.

Fit: a negative-binomial GLM (NB2, statsmodels; the dispersion α by maximum likelihood, then the
GLM at that α) of the specialist candidates per hospital, with exposure = discharges and the
covariates hospital type, marginalization grade, state (states with fewer than
``MIN_STATE_HOSPITALS`` matched hospitals pooled) and log discharges; a Poisson GLM of the same
form beside it. A seeded share of the hospitals (``HOLDOUT_SHARE``, drawn within each state) is
held out: both models and a type-mean baseline are fitted on the rest and scored on it.

Curves: the grade effects (log rate ratios against «muy bajo», from the fit on every matched
hospital) are read as the log *odds ratios* of accepting an offer — ASSUMPTION: a grade that
draws fewer candidates per discharge, other things equal, accepts with proportionally lower
odds. The level is anchored so that the mean over the scenario's hospitals of p(0) equals
``ANCHOR_P0`` (2022 call: 48.6 % of posts drew an applicant, no bonus). The bonus slope is the
assumed one of :mod:`planner.data.acceptance` (no data identifies it). Standard errors: the
standard deviation of each curve point over ``SE_DRAWS`` seeded draws of the grade effects from
the fit's covariance (the anchor recomputed for each draw).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from planner.core import schema
from planner.core.errors import InputError, Issue
from planner.core.words import t

CANDIDATES_FILE = "candidatos_por_unidad_puesto_estatus_20260822.csv"
SPECIALISTS, STAGE = "Médicos especialistas", "UAS"
HOLDOUT_SHARE, SEED, SE_DRAWS = 0.25, 0, 4000
MIN_STATE_HOSPITALS = 5
POOLED_STATES = "otras"
ANCHOR_P0 = 0.486  # 2022 national call: 6,963 of 14,323 posts drew an applicant (no bonus)
COVERAGE = (0.10, 0.90)  # the predictive interval whose coverage the table reports
TYPES = ("general", "comunitario", "materno", "pediatrico", "psiquiatrico")
FIT_NAME = "GLM binomial negativa (NB2, statsmodels), exposición = egresos"
DATA_NAME = (f"{CANDIDATES_FILE} (contratación 2026, etapa UAS, especialistas) y "
             "hospitales_imb_actividad_20260821.csv")
# the columns a calibration file must have (header words as the source writes them)
COLUMNS = ("clues", "etapa", "categoria", "n")


@dataclass(frozen=True, eq=False)
class Calibration:
    """A finished calibration: the hospitals used, the held-out table, the fit and the curves."""

    hospitals: pd.DataFrame  # matched hospitals: clues, clase, grade, state, y, fold, predictions
    table: pd.DataFrame  # held-out scores per hospital type and in total
    coefficients: pd.DataFrame  # NB fit on every matched hospital: term, coef, se, rr
    alpha: float  # NB2 dispersion of that fit
    grade_effect: pd.DataFrame  # grade -> log odds ratio and its standard error
    intercept: float  # the anchored logit level of «muy bajo» at bonus 0
    slope_per_1000: float  # assumed
    n_hospitals: int  # hospitals of the scenario (the anchor's population)
    n_matched: int
    n_no_discharges: int  # matched but reporting no discharges: left out of the fit
    grade_cov: np.ndarray  # covariance of the grade effects but «muy bajo» (the reference)
    grade_weights: np.ndarray  # the scenario's hospitals per grade (the anchor's weights)

    def probability(self, grade: str, bonus: float) -> float:
        """The fitted acceptance of a specialist offer at ``bonus`` MXN a month."""
        eta = self.intercept + float(self.grade_effect.loc[grade, "coef"])
        return _expit(eta + self.slope_per_1000 * bonus / 1000.0)


# --- the calibration file ----------------------------------------------------------------------

def read_counts(path: str | Path) -> tuple[pd.Series, set[str]]:
    """(specialist candidates per CLUES, every CLUES the file names) from a calibration file.

    Raises
    ------
    InputError
        A required column missing, a row without its unit (blank ``clues``), a count that is not
        a whole number ≥ 0 — every such row named by file, row and column, nothing computed.
    """
    from planner.importers.table import Wanted, read_table

    table = read_table(path, tuple(Wanted(c) for c in COLUMNS), t("calib_what"))
    f, place = table.frame, table.place
    issues = []
    blank = f["clues"].isna()
    for row in f.index[blank]:
        issues.append(Issue("calib_blank_unit", sheet=place, row=int(row),
                            column=table.headers["clues"]))
    n = pd.to_numeric(f["n"].str.replace(",", "", regex=False), errors="coerce")
    bad = n.isna() | (n < 0) | (n % 1 != 0)
    for row in f.index[bad]:
        issues.append(Issue("calib_bad_count", sheet=place, row=int(row),
                            column=table.headers["n"], value=f.at[row, "n"]))
    if issues:
        raise InputError(issues, source="calibration")
    clues = f["clues"].str.strip().str.upper()
    spec = (f["categoria"] == SPECIALISTS) & (f["etapa"].str.upper() == STAGE)
    counts = n[spec].groupby(clues[spec]).sum().astype(int)
    return counts, set(clues)


# --- the hospitals ------------------------------------------------------------------------------

def scenario_hospitals(fuentes: str | Path) -> pd.DataFrame:
    """The real hospitals of the national scenario with class, grade, state and discharges (the
    same rows and grades :func:`planner.data.nacional.synthesise` gives them)."""
    from planner.data import real_units
    from planner.data.municipios import MunicipalityMatcher
    from planner.data.sources import load_municipalities

    fuentes = Path(fuentes)
    mun_all = load_municipalities(fuentes)
    mun = mun_all[mun_all["estado_imss_bienestar"]]
    hosp, _ = real_units.real_hospitals(fuentes, MunicipalityMatcher(mun_all),
                                        set(mun["cve_ent"]))
    return real_units.with_grades(hosp, mun, real_units.load_state_grades(fuentes))


def matched(hospitals: pd.DataFrame, counts: pd.Series, named: set[str]) -> pd.DataFrame:
    """The hospitals the hiring file names, with their specialist candidates ``y``."""
    h = hospitals[hospitals["clues"].isin(named)]
    h = h[["clues", "clase", "gm_2020", "cve_ent", "egresos"]].rename(
        columns={"gm_2020": "grade"}).reset_index(drop=True)
    h["y"] = h["clues"].map(counts).fillna(0).astype(int)
    return h


# --- the models ---------------------------------------------------------------------------------

def _expit(x):
    return 1.0 / (1.0 + np.exp(-x))


def _design(h: pd.DataFrame, states: list[str]) -> pd.DataFrame:
    """The covariates: type and grade (references «general», «muy bajo»), state (reference the
    first), log discharges; columns fixed by the full level lists."""
    parts = [pd.Series(1.0, index=h.index, name="const")]
    for prefix, values, levels in (("tipo", h["clase"], TYPES),
                                   ("grado", h["grade"], schema.GRADES),
                                   ("entidad", h["state"], states)):
        for level in levels[1:]:
            parts.append((values == level).astype(float).rename(f"{prefix}[{level}]"))
    parts.append(np.log(h["egresos"].astype(float)).rename("log_egresos"))
    return pd.concat(parts, axis=1)


def _fit(h: pd.DataFrame, states: list[str]):
    """(NB GLM, Poisson GLM, α, design columns kept) on the hospitals ``h``."""
    import statsmodels.api as sm

    X = _design(h, states)
    X = X.loc[:, (X != 0).any()]  # a level absent from these hospitals has no column
    offset = np.log(h["egresos"].astype(float))
    y = h["y"].astype(float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ml = sm.NegativeBinomial(y, X, offset=offset, loglike_method="nb2").fit(
            disp=0, maxiter=500, method="bfgs")
        alpha = float(ml.params["alpha"])
        nb = sm.GLM(y, X, family=sm.families.NegativeBinomial(alpha=alpha),
                    offset=offset).fit()
        po = sm.GLM(y, X, family=sm.families.Poisson(), offset=offset).fit()
    return nb, po, alpha, list(X.columns)


def _predict(model, h: pd.DataFrame, states: list[str], columns: list[str]) -> np.ndarray:
    X = _design(h, states)[columns]
    return np.asarray(model.predict(X, offset=np.log(h["egresos"].astype(float))))


def _holdout(h: pd.DataFrame, share: float, seed: int) -> np.ndarray:
    """A seeded mask of held-out hospitals: round(share × n) drawn within each state."""
    rng = np.random.default_rng(seed)
    mask = np.zeros(len(h), dtype=bool)
    for _, idx in h.groupby("state", sort=True).groups.items():
        idx = np.sort(np.asarray(idx))
        k = int(math.floor(share * len(idx) + 0.5))
        mask[rng.choice(idx, size=k, replace=False)] = True
    return mask


def _interval(mu: np.ndarray, alpha: float | None) -> tuple[np.ndarray, np.ndarray]:
    """The P10–P90 predictive interval of a count: NB2 with α, or Poisson when α is None."""
    from scipy import stats

    if alpha is None:
        dist = stats.poisson(mu)
    else:
        size = 1.0 / alpha
        dist = stats.nbinom(size, size / (size + mu))
    return dist.ppf(COVERAGE[0]), dist.ppf(COVERAGE[1])


def _score(rows: pd.DataFrame, alpha: float) -> dict[str, float]:
    y = rows["y"].to_numpy()
    out = {"hospitales": len(rows), "observados_media": float(y.mean()) if len(y) else 0.0}
    for model in ("nb", "poisson", "base"):
        out[f"mae_{model}"] = float(np.abs(rows[f"pred_{model}"] - y).mean())
    for model, a in (("nb", alpha), ("poisson", None)):
        lo, hi = _interval(rows[f"pred_{model}"].to_numpy(), a)
        out[f"cobertura_{model}"] = float(((y >= lo) & (y <= hi)).mean())
    return out


def calibrate(hospitals: pd.DataFrame, counts: pd.Series, named: set[str],
              holdout: float = HOLDOUT_SHARE, seed: int = SEED,
              slope_per_1000: float | None = None) -> Calibration:
    """Fit, score on the held-out hospitals, and turn the grade effects into curves.

    Raises
    ------
    InputError
        The calibration file names none of the hospitals (nothing to fit).
    """
    from planner.data import acceptance

    h = matched(hospitals, counts, named)
    if len(h) == 0:
        raise InputError([Issue("calib_no_hospital", params={"n": len(hospitals)})],
                         source="calibration")
    no_discharges = int((h["egresos"] <= 0).sum())
    h = h[h["egresos"] > 0].reset_index(drop=True)
    size = h["cve_ent"].map(h["cve_ent"].value_counts())
    h["state"] = h["cve_ent"].where(size >= MIN_STATE_HOSPITALS, POOLED_STATES)
    states = sorted(h["state"].unique())
    held = _holdout(h, holdout, seed)
    h["fold"] = np.where(held, "validacion", "ajuste")
    train, test = h[~held], h[held]
    nb, po, alpha_t, cols = _fit(train, states)
    h["pred_nb"], h["pred_poisson"] = np.nan, np.nan
    h.loc[held, "pred_nb"] = _predict(nb, test, states, cols)
    h.loc[held, "pred_poisson"] = _predict(po, test, states, cols)
    type_mean = train.groupby("clase")["y"].mean()
    h.loc[held, "pred_base"] = test["clase"].map(type_mean).fillna(train["y"].mean())
    scored = h[held]
    rows = [{"tipo": k, **_score(g, alpha_t)} for k, g in scored.groupby("clase", sort=False)]
    rows.sort(key=lambda r: TYPES.index(r["tipo"]))
    rows.append({"tipo": "total", **_score(scored, alpha_t)})
    table = pd.DataFrame(rows)

    nb_all, _, alpha, cols_all = _fit(h, states)
    coef = pd.DataFrame({"termino": cols_all, "coef": nb_all.params.to_numpy(),
                         "error_estandar": nb_all.bse.to_numpy()})
    coef["razon"] = np.exp(coef["coef"])
    grade_terms = [f"grado[{g}]" for g in schema.GRADES[1:]]
    grade_effect = pd.DataFrame({"coef": [0.0, *nb_all.params[grade_terms]],
                                 "error_estandar": [0.0, *nb_all.bse[grade_terms]]},
                                index=pd.Index(schema.GRADES, name="grado"))
    cov = nb_all.cov_params().loc[grade_terms, grade_terms].to_numpy()
    weights = hospitals["gm_2020"].value_counts().reindex(schema.GRADES).fillna(0).to_numpy()
    a = _anchor(grade_effect["coef"].to_numpy()[None, :], weights)[0]
    slope = acceptance.SLOPE_PER_1000 if slope_per_1000 is None else slope_per_1000
    return Calibration(h, table, coef, alpha, grade_effect, float(a), slope, len(hospitals),
                       len(h) + no_discharges, no_discharges, cov, weights)


def _anchor(effects: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Per row of grade effects, the level a with Σ_g w_g·expit(a + γ_g) / Σ w = ANCHOR_P0
    (Newton's method; the mean is increasing in a, so the root is unique)."""
    w = weights / weights.sum()
    a = np.full(len(effects), math.log(ANCHOR_P0 / (1 - ANCHOR_P0))) - effects @ w
    for _ in range(50):
        p = _expit(a[:, None] + effects)
        f = p @ w - ANCHOR_P0
        a = a - f / ((p * (1 - p)) @ w)
        if np.max(np.abs(f)) < 1e-13:
            break
    return a


def curve_draws(cal: Calibration, bonuses: tuple[float, ...], draws: int = SE_DRAWS,
                seed: int = SEED) -> np.ndarray:
    """Curve points over seeded draws of the grade effects: array (draws, grades, bonuses)."""
    rng = np.random.default_rng([seed, 22])
    mean = cal.grade_effect["coef"].to_numpy()[1:]
    sample = rng.multivariate_normal(mean, cal.grade_cov, size=draws, method="cholesky")
    effects = np.column_stack([np.zeros(draws), sample])
    a = _anchor(effects, cal.grade_weights)
    b = np.asarray(bonuses, dtype=float) / 1000.0
    return _expit((a[:, None] + effects)[:, :, None] + cal.slope_per_1000 * b[None, None, :])


def curves(cal: Calibration, bonuses: tuple[float, ...]) -> pd.DataFrame:
    """grado, bono_mensual, probabilidad, error_estandar: the fitted curve points."""
    spread = curve_draws(cal, bonuses).std(axis=0, ddof=1)
    rows = []
    for i, g in enumerate(schema.GRADES):
        for j, b in enumerate(bonuses):
            rows.append({"grado_marginacion": g, "bono_mensual": b,
                         "probabilidad": round(cal.probability(g, b), 4),
                         "error_estandar": round(float(spread[i, j]), 4)})
    return pd.DataFrame(rows)


def sheet_rows(cal: Calibration) -> pd.DataFrame:
    """The specialists' rows of the ``aceptacion`` sheet: fitted points, ``estimado``."""
    from planner.data import acceptance

    c = curves(cal, acceptance.POINTS_MXN)
    return pd.DataFrame({"tipo": schema.SPECIALTY, "zona": None,
                         "grado_marginacion": c["grado_marginacion"],
                         "bono_mensual": c["bono_mensual"], "probabilidad": c["probabilidad"],
                         "error_estandar": c["error_estandar"], "base": "estimado",
                         "fuente": source_note(cal)})


def source_note(cal: Calibration) -> str:
    """What a fitted curve row says in its ``fuente`` column."""
    return (f"{FIT_NAME}; {cal.n_matched} hospitales con datos; {DATA_NAME}; nivel anclado a "
            f"p(0) medio = {ANCHOR_P0} (convocatoria 2022); pendiente del bono: supuesto")


def calibrate_sources(fuentes: str | Path, candidates: str | Path | None = None,
                      hospitals: pd.DataFrame | None = None,
                      holdout: float = HOLDOUT_SHARE, seed: int = SEED) -> Calibration:
    """The calibration from the files of ``fuentes`` (or another candidates file)."""
    fuentes = Path(fuentes)
    counts, named = read_counts(candidates or fuentes / CANDIDATES_FILE)
    if hospitals is None:
        hospitals = scenario_hospitals(fuentes)
    return calibrate(hospitals, counts, named, holdout, seed)


def _pct(x: float) -> str:
    return f"{100 * x:.0f} %"


def leeme_lines(cal: Calibration) -> list[str]:
    """The LEEME section of the calibration: data, fit, held-out scores, how to reproduce."""
    tot = cal.table[cal.table["tipo"] == "total"].iloc[0]
    odds = ", ".join(f"{g} {math.exp(r.coef):.2f} (IC 95 % {math.exp(r.coef - 1.96 * r.error_estandar):.2f}"
                     f"–{math.exp(r.coef + 1.96 * r.error_estandar):.2f})"
                     for g, r in cal.grade_effect.iloc[1:].iterrows())
    used = cal.n_matched - cal.n_no_discharges
    return [
        "",
        "CALIBRACIÓN DE LAS CURVAS DE ESPECIALISTAS (ESTIMADO, con datos de 2026)",
        f"• Datos: candidatos especialistas de la contratación 2026 (etapa UAS, todas las "
        f"fases y estatus; {CANDIDATES_FILE}) en los {cal.n_matched} de los "
        f"{cal.n_hospitals} hospitales reales del escenario que el archivo nombra "
        f"({cal.n_no_discharges} sin egresos reportados quedan fuera del ajuste: {used} "
        "ajustados); los hospitales que no aparecen no participaron y no cuentan como cero.",
        f"• Ajuste: {FIT_NAME}, con tipo de hospital, grado de marginación, entidad (las de "
        f"menos de {MIN_STATE_HOSPITALS} hospitales juntas) y log egresos; dispersión α = "
        f"{cal.alpha:.2f}. Razón de candidatos por egreso frente a grado muy bajo: {odds}.",
        "• SUPUESTO de lectura: esa razón por grado se aplica como razón de momios de aceptar "
        f"la oferta; el nivel se ancla a p(0) medio = {ANCHOR_P0} en los {cal.n_hospitals} "
        "hospitales (convocatoria 2022: 48.6 % de las plazas tuvo postulante). La pendiente "
        "del bono sigue siendo SUPUESTO: ningún dato por unidad la identifica.",
        f"• Validación: {int(tot['hospitales'])} hospitales apartados al azar (semilla {SEED}, "
        f"{_pct(HOLDOUT_SHARE)} de cada entidad); error absoluto medio de candidatos por "
        f"hospital: binomial negativa {tot['mae_nb']:.2f}, Poisson {tot['mae_poisson']:.2f}, "
        f"media por tipo {tot['mae_base']:.2f}; el intervalo P10–P90 contiene lo observado en "
        f"{_pct(tot['cobertura_nb'])} (binomial negativa) y {_pct(tot['cobertura_poisson'])} "
        "(Poisson) de ellos. Tabla por tipo y gráfica: docs/MODELO.md.",
        "• Error estándar de cada punto: desviación de la curva en "
        f"{SE_DRAWS:,} sorteos de los efectos de grado con la covarianza del ajuste.",
        "• Se reproduce con:  planner calibrate   (o python -m planner.data build).",
    ]


# --- what the command writes --------------------------------------------------------------------

TABLE_COLUMNS = {"tipo": "calib_col_type", "hospitales": "calib_col_hospitals",
                 "observados_media": "calib_col_observed", "mae_nb": "calib_col_mae_nb",
                 "mae_poisson": "calib_col_mae_poisson", "mae_base": "calib_col_mae_base",
                 "cobertura_nb": "calib_col_cover_nb",
                 "cobertura_poisson": "calib_col_cover_poisson"}


def plot_png(cal: Calibration, lang: str = "es", scale: float = 2.0) -> bytes:
    """Predicted (NB, fitted without them) vs observed candidates of the held-out hospitals,
    one colour per hospital type, with the diagonal; PNG by vl-convert (no browser)."""
    import altair as alt
    import vl_convert

    held = cal.hospitals[cal.hospitals["fold"] == "validacion"]
    data = pd.DataFrame({"observados": held["y"], "predichos": held["pred_nb"].round(2),
                         "tipo": held["clase"].map(lambda k: t(f"calib_type_{k}", lang))})
    top = float(max(data["observados"].max(), data["predichos"].max())) + 1
    axis = alt.Scale(type="symlog", domain=[0, top])
    ticks = [v for v in (0, 1, 2, 5, 10, 20, 50, 100, 200) if v <= top]
    x_t, y_t = t("calib_axis_observed", lang), t("calib_axis_predicted", lang)
    points = alt.Chart(data).mark_circle(size=60, opacity=0.75).encode(
        x=alt.X("observados:Q", title=x_t, scale=axis, axis=alt.Axis(values=ticks)),
        y=alt.Y("predichos:Q", title=y_t, scale=axis, axis=alt.Axis(values=ticks)),
        color=alt.Color("tipo:N", title=t("calib_col_type", lang)))
    diagonal = alt.Chart(pd.DataFrame({"observados": [0, top], "predichos": [0, top]})).mark_line(
        color="#888888", strokeDash=[4, 4]).encode(x="observados:Q", y="predichos:Q")
    tot = cal.table[cal.table["tipo"] == "total"].iloc[0]
    title = alt.TitleParams(t("calib_plot_title", lang), subtitle=t(
        "calib_plot_subtitle", lang, n=int(tot["hospitales"]), seed=SEED,
        nb=f"{tot['mae_nb']:.2f}", poisson=f"{tot['mae_poisson']:.2f}",
        base=f"{tot['mae_base']:.2f}"))
    chart = (diagonal + points).properties(width=460, height=380, title=title)
    return vl_convert.vegalite_to_png(chart.to_json(), scale=scale)


def table_for_people(cal: Calibration, lang: str = "es") -> pd.DataFrame:
    """The held-out table with planner headers and type names."""
    df = cal.table.copy()
    df["tipo"] = df["tipo"].map(lambda k: t(f"calib_type_{k}", lang))
    return df.rename(columns={c: t(k, lang) for c, k in TABLE_COLUMNS.items()})


def write_book(cal: Calibration, path: Path, lang: str = "es") -> None:
    """A workbook: the fitted ``aceptacion`` sheet (ready to copy into an input workbook), the
    held-out table and the coefficients of the fit."""
    from openpyxl import Workbook

    from planner.data import acceptance
    from planner.io.xlsx import DEC, INT, PCT, write_table

    wb = Workbook()
    wb.remove(wb.active)
    write_table(wb, "aceptacion", acceptance.acceptance_table(sheet_rows(cal)),
                {"probabilidad": "0.0000", "error_estandar": "0.0000"}, widths={"fuente": 60})
    people = table_for_people(cal, lang)
    fmts = {t(k, lang): (INT if c == "hospitales" else PCT if c.startswith("cobertura") else DEC)
            for c, k in TABLE_COLUMNS.items() if c != "tipo"}
    write_table(wb, "validacion", people, fmts)
    coef = cal.coefficients.rename(columns={
        "termino": t("calib_col_term", lang), "coef": t("calib_col_coef", lang),
        "error_estandar": t("calib_col_se", lang), "razon": t("calib_col_ratio", lang)})
    write_table(wb, "coeficientes", coef, {c: "0.0000" for c in coef.columns[1:]})
    wb.save(path)
