"""The real IMSS-Bienestar units the public files name (issue 27), for the national scenario.

Hospitals: the 591 CLUES of ``hospitales_imb_actividad_20260821.csv`` minus those outside the 23
IMSS-Bienestar states and the one that is not a hospital (``LEFT_OUT``). First-level units: every
other ``xxIMB`` CLUES named by a first-level file (pahtli, SLP, CDMX, the questionnaire frame,
the 2026 hiring file, the January-2025 schedules), minus mobile units, UNEMEs and other units
that are not health centres by typology or name. Each unit carries the file it came from, its
type's basis (official typology, name, unknown) and its municipality's basis (INEGI key, name
match with its score, or only the state).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from planner.core import schema
from planner.data import rules
from planner.data.municipios import MunicipalityMatcher

HOSPITALS_FILE = "hospitales_imb_actividad_20260821.csv"
PAHTLI_FILE = "clues_imb_pl_vz_hg_pahtli.csv"
SLP_FILE = "clues_imb_slp_pahtli_202608.csv"
CDMX_FILE = "cdmx_clues_imb_alcaldia.csv"
FRAME_FILE = "primer_nivel_imb_consultorios_202608.csv"
HIRING_FILE = "candidatos_por_unidad_y_fase_20260822.csv"
SCHEDULES_FILE = "clues_horarios_imb_202501.csv"
STATES_FILE = "IME_2020_estados.csv"
# first-level files, the first one naming a unit gives its name and its 'fuente'
FIRST_LEVEL_ORDER = (PAHTLI_FILE, SLP_FILE, CDMX_FILE, FRAME_FILE, HIRING_FILE, SCHEDULES_FILE)

KEY_BASIS, STATE_BASIS = "clave INEGI", "entidad"
REAL, SYNTHETIC = "real", "sintético"
LEFT_OUT = {"MCIMB010236": "no es hospital: centro especializado de atención a personas con "
                           "discapacidad visual"}
IMB_CLUES = re.compile(r"[A-Z]{2}IMB\d{6}")

# hospital type read from the name (the source's tipo_por_nombre) -> norm class; pool = may
# receive the bonus (community and general hospitals only)
HOSPITAL_CLASS_BY_NAME = {
    "hospital_general": "general", "hospital_comunitario_integral_basico": "comunitario",
    "hospital_municipal": "comunitario", "hospital_materno_infantil_mujer": "materno",
    "hospital_pediatrico": "pediatrico", "hospital_psiquiatrico_salud_mental": "psiquiatrico",
    "hospital_alta_especialidad_o_regional": "general", "hospital_otro": "general",
    "sin_clasificar_por_nombre": "general",
}
HOSPITAL_WORDS = {
    "hospital_general": "hospital general", "hospital_comunitario_integral_basico":
    "hospital comunitario, integral o básico", "hospital_municipal": "hospital municipal",
    "hospital_materno_infantil_mujer": "hospital materno-infantil o de la mujer",
    "hospital_pediatrico": "hospital pediátrico", "hospital_psiquiatrico_salud_mental":
    "hospital psiquiátrico o de salud mental", "hospital_alta_especialidad_o_regional":
    "hospital de alta especialidad o regional", "hospital_otro": "hospital (otro)",
    "sin_clasificar_por_nombre": "desconocida",
}
OFFICIAL_HOSPITAL_CLASS = {"Hospital General": "general",
                           "Hospital Integral (comunitario)": "comunitario",
                           "Hospital Psiquiátrico": "psiquiatrico"}
# the bonus pool: general and community hospitals, by official typology or else by name
BONUS_POOL_TYPOLOGY = ("Hospital General", "Hospital Integral (comunitario)")
BONUS_POOL_BY_NAME = ("hospital_general", "hospital_comunitario_integral_basico",
                      "hospital_municipal")
# official typologies that are not health centres; names of units that are not health centres
NOT_CENTRE_TYPOLOGY = ("Clínica de Especialidades", "Consultorio Delegacional")
NOT_CENTRE_NAME = re.compile(
    r"UNEME|CARAVANA|M[OÓ]VIL|\bUMM\b|\bU\.?\s?M\.?\b|CECOSAMA|CAPASITS|BRIGADA|CISAME|SORID|"
    r"JURISDICCI|OFICINA|ALMAC[EÉ]N|LABORATORIO|BANCO DE SANGRE|SALUD MENTAL|ADICCION|CRUM",
    re.IGNORECASE)
HOSPITAL_NAME = re.compile(r"HOSPITAL", re.IGNORECASE)
CENTRE_NAME = re.compile(r"CENTRO DE SALUD|\bC\.?\s?S\.?\b|CESSA|CAAPS|CASA DE SALUD|"
                         r"N[UÚ]CLEO", re.IGNORECASE)


def _csv(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False).replace("", None)


def load_state_grades(folder: Path) -> pd.DataFrame:
    """CONAPO 2020 state index and grade (lower case), by two-digit key."""
    df = _csv(folder, STATES_FILE)
    return pd.DataFrame({"cve_ent": df["CVE_ENT"], "gm_estado": df["GM_2020"].str.lower(),
                         "im_estado": df["IM_2020"].astype(float),
                         "pob_estado": df["POB_TOT"].astype(int)})


def _municipality(matcher: MunicipalityMatcher, cve_ent: str, cve_mun: str | None,
                  name: str | None) -> tuple[str | None, str]:
    """(INEGI key or None, basis): the file's key, else the name's match, else the state."""
    if cve_mun:
        return cve_mun, KEY_BASIS
    if name:
        m = matcher.match(name, cve_ent)
        if m is not None:
            return m.cve_mun, f"nombre ({m.score:.0f})"
    return None, STATE_BASIS


def real_hospitals(folder: Path, matcher: MunicipalityMatcher,
                   states: set[str]) -> tuple[pd.DataFrame, dict[str, str]]:
    """The real hospitals kept, and each one left out with its reason."""
    h = _csv(folder, HOSPITALS_FILE)
    keyed = pd.concat([_csv(folder, PAHTLI_FILE)[["clues", "cve_mun", "tipo", "lat", "lng"]],
                       _csv(folder, SLP_FILE).rename(columns={"tipologia": "tipo"})[
                           ["clues", "cve_mun", "tipo", "lat", "lng"]]]).set_index("clues")
    left: dict[str, str] = {}
    rows = []
    for r in h.sort_values("clues").itertuples():
        if r.cve_ent not in states:
            left[r.clues] = f"fuera de los 23 estados IMSS-Bienestar ({r.entidad_fuente})"
            continue
        if r.clues in LEFT_OUT:
            left[r.clues] = LEFT_OUT[r.clues]
            continue
        k = keyed.loc[r.clues] if r.clues in keyed.index else None
        clase = HOSPITAL_CLASS_BY_NAME[r.tipo_por_nombre]
        pool = r.tipo_por_nombre in BONUS_POOL_BY_NAME
        if k is not None and k["tipo"]:
            tipologia, base_tipo = k["tipo"], "tipología oficial"
            clase = OFFICIAL_HOSPITAL_CLASS.get(k["tipo"], clase)
            pool = k["tipo"] in BONUS_POOL_TYPOLOGY
        elif r.tipo_por_nombre == "sin_clasificar_por_nombre":
            tipologia, base_tipo = "desconocida", "desconocida"
        else:
            tipologia, base_tipo = HOSPITAL_WORDS[r.tipo_por_nombre], "nombre"
        cve_mun, basis = _municipality(matcher, r.cve_ent, k["cve_mun"] if k is not None
                                       else None, r.nombre_unidad)
        rows.append({
            "clues": r.clues, "nombre": r.nombre_unidad, "tipo": schema.HOSPITAL,
            "cve_ent": r.cve_ent, "cve_mun": cve_mun, "base_marginacion": basis,
            "clase": clase, "tipologia": tipologia, "base_tipologia": base_tipo,
            "bolsa_bono": pool,
            "fuente": HOSPITALS_FILE,
            "lat": float(k["lat"]) if k is not None and k["lat"] else np.nan,
            "lon": float(k["lng"]) if k is not None and k["lng"] else np.nan,
            "consultas": int(r.consultas_total), "cirugias": int(r.pqx_total),
            "egresos": int(r.egresos_total)})
    return pd.DataFrame(rows), left


def with_grades(units: pd.DataFrame, mun: pd.DataFrame, grades: pd.DataFrame) -> pd.DataFrame:
    """``units`` with their municipality's name, population, CONAPO grade and index, and their
    state's grade and index where the municipality is unknown."""
    info = mun.set_index("cve_mun")[["nom_mun", "pob_tot", "gm_2020", "im_2020"]]
    units = units.join(info, on="cve_mun")
    loose = units["cve_mun"].isna()
    by_state = grades.set_index("cve_ent")
    units.loc[loose, "gm_2020"] = units.loc[loose, "cve_ent"].map(by_state["gm_estado"])
    units.loc[loose, "im_2020"] = units.loc[loose, "cve_ent"].map(by_state["im_estado"])
    return units


def _first_level_sources(folder: Path) -> pd.DataFrame:
    """One row per (CLUES, file) naming a first-level unit: name, key, typology, coordinates."""
    p = _csv(folder, PAHTLI_FILE)
    s = _csv(folder, SLP_FILE)
    d = _csv(folder, CDMX_FILE)
    f = _csv(folder, FRAME_FILE)
    c = _csv(folder, HIRING_FILE)
    x = _csv(folder, SCHEDULES_FILE)
    frames = [
        pd.DataFrame({"clues": p["clues"], "nombre": p["nombre"], "cve_mun": p["cve_mun"],
                      "tipologia": p["tipo"], "lat": p["lat"], "lon": p["lng"],
                      "fuente": PAHTLI_FILE}),
        pd.DataFrame({"clues": s["clues"], "nombre": None, "cve_mun": s["cve_mun"],
                      "tipologia": s["tipologia"], "lat": s["lat"], "lon": s["lng"],
                      "fuente": SLP_FILE}),
        pd.DataFrame({"clues": d["clues"], "nombre": d["nombre_unidad"],
                      "cve_mun": d["cve_mun"], "tipologia": None, "lat": None, "lon": None,
                      "fuente": CDMX_FILE}),
        pd.DataFrame({"clues": f["clues"], "nombre": f["nombre_unidad"], "cve_mun": None,
                      "tipologia": None, "lat": f["lat"], "lon": f["lng"],
                      "fuente": FRAME_FILE}),
        pd.DataFrame({"clues": c["clues"], "nombre": c["nombre_unidad"], "cve_mun": None,
                      "tipologia": None, "lat": None, "lon": None, "fuente": HIRING_FILE}),
        pd.DataFrame({"clues": x["clues"], "nombre": None, "cve_mun": None, "tipologia": None,
                      "lat": None, "lon": None, "fuente": SCHEDULES_FILE}),
    ]
    out = pd.concat(frames, ignore_index=True)
    out["orden"] = out["fuente"].map({n: i for i, n in enumerate(FIRST_LEVEL_ORDER)})
    return out[out["clues"].str.fullmatch(IMB_CLUES.pattern).fillna(False)]


def real_centres(folder: Path, matcher: MunicipalityMatcher, states: set[str],
                 hospital_clues: set[str], all_hospitals: set[str]
                 ) -> tuple[pd.DataFrame, dict[str, int]]:
    """The real health centres, and how many first-level CLUES were left out, by reason."""
    src = _first_level_sources(folder)
    src = src[~src["clues"].isin(all_hospitals | hospital_clues)]
    src = src.sort_values(["clues", "orden"], kind="stable")
    first = src.groupby("clues", sort=True).first()  # first non-null of each field, by order
    primary = src.groupby("clues", sort=True)["fuente"].first()
    left = {"fuera de los 23 estados": 0, "no es centro de salud (tipología)": 0,
            "no es centro de salud (nombre: unidad móvil, UNEME, caravana, oficina…)": 0,
            "hospital que no está en la lista de 591 (sin actividad hospitalaria publicada)": 0}
    rows = []
    for clues, r in first.iterrows():
        cve_ent = rules.STATE_OF_CLUES.get(clues[:2])
        if cve_ent not in states:
            left["fuera de los 23 estados"] += 1
            continue
        if r["tipologia"] in NOT_CENTRE_TYPOLOGY:
            left["no es centro de salud (tipología)"] += 1
            continue
        name = r["nombre"]
        if r["tipologia"] is None and name and HOSPITAL_NAME.search(name):
            left["hospital que no está en la lista de 591 (sin actividad hospitalaria "
                 "publicada)"] += 1
            continue
        if r["tipologia"] is None and name and NOT_CENTRE_NAME.search(name):
            left["no es centro de salud (nombre: unidad móvil, UNEME, caravana, oficina…)"] += 1
            continue
        if r["tipologia"]:
            tipologia, base_tipo = r["tipologia"], "tipología oficial"
        elif name and CENTRE_NAME.search(name):
            tipologia, base_tipo = "centro de salud", "nombre"
        else:
            tipologia, base_tipo = "desconocida", "desconocida"
        cve_mun, basis = _municipality(matcher, cve_ent, r["cve_mun"], name)
        rows.append({
            "clues": clues, "nombre": name, "tipo": schema.CENTRE, "cve_ent": cve_ent,
            "cve_mun": cve_mun, "base_marginacion": basis, "clase": None,
            "tipologia": tipologia, "base_tipologia": base_tipo, "bolsa_bono": False,
            "fuente": primary[clues],
            "lat": float(r["lat"]) if r["lat"] else np.nan,
            "lon": float(r["lon"]) if r["lon"] else np.nan})
    return pd.DataFrame(rows), left
