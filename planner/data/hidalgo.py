"""The real Hidalgo scenario: every IMSS-Bienestar health centre and hospital with its real staff.

Centres come from the DGIS CLUES 2025-01 catalogue joined to SINERHIAS 2024-07-01 posts, the
catchment-area report and CONAPO's 2020 marginalization; hospitals from SINERHIAS 2024-07-01.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from planner.core import schema
from planner.data import rules
from planner.data.common import (
    Book,
    mxn,
    num,
    parameters,
    reference_sheets,
    sort_staffing,
    supply_table,
    units_frame,
    yes_no,
)
from planner.data.sources import (
    CENTRES_FILE,
    FUENTES,
    HOSPITALS_FILE,
    LOCALITIES_FILE,
    MUNICIPALITIES_FILE,
    Sources,
)

FILENAME = "hidalgo_2025.xlsx"
STATE_NAME = "Hidalgo"


def household_size(localities: pd.DataFrame) -> float:
    """Occupants per inhabited dwelling in Hidalgo (INEGI 2020), rounded as the rules say."""
    ok = localities.dropna(subset=["pob_total", "viviendas_habitadas"])
    ratio = ok["pob_total"].sum() / ok["viviendas_habitadas"].sum()
    return round(float(ratio), rules.HOUSEHOLD_DECIMALS)


def _names(src: Sources) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    """CONAPO municipality name and grade by municipality key; INEGI locality name and point."""
    mun = src.municipalities.set_index("cve_mun")
    loc = src.localities.set_index("cve_loc")
    return mun["nom_mun"], mun["gm_2020"], loc["localidad"], loc[["latitud", "longitud"]]


def hidalgo_centres(src: Sources) -> pd.DataFrame:
    """The health centres (typologies A–L, Q, S, Z) with grade, occupied GP posts and families.

    ``gp`` is NaN for a centre without a SINERHIAS record; ``familias`` is the uninsured
    catchment population divided by the household size, NaN without a catchment record.
    """
    mun_name, grade, loc_name, _ = _names(src)
    df = src.centres[src.centres["clave_tipologia"].isin(rules.CENTRE_TYPOLOGIES)].copy()
    size = household_size(src.localities)
    df["municipio_nombre"] = df["cve_mun"].map(mun_name)
    df["grado"] = df["cve_mun"].map(grade)
    df["localidad_nombre"] = df["cve_loc"].map(loc_name).fillna(df["localidad"])
    df["gp"] = df["plazas_ocupadas_medicos_generales"]
    df["enfermeras"] = df["plazas_ocupadas_enfermeras_contacto"]
    df["familias"] = (df["poblacion_resp_no_derechohabiente"] / size).round()
    return df.reset_index(drop=True)


def hidalgo_hospitals(src: Sources) -> pd.DataFrame:
    """The 18 hospitalisation units of the state health services (CLUES 'HGSSA…').

    The DIF children's hospital is left out: it belongs to the state DIF system, not to
    IMSS-Bienestar. ``clase`` is the staffing norm class (None for specialised hospitals);
    ``otros`` counts occupied specialist posts outside the six trunk specialties.
    """
    mun_name, grade, loc_name, loc_point = _names(src)
    df = src.hospitals[(src.hospitals["tipo_establecimiento_sinerhias"] == "HO")
                       & src.hospitals["clues"].str[2:5].eq("SSA")].copy()
    df["clase"] = [rules.HOSPITAL_CLASS[t] for t in df["clave_tipologia"]]
    df["municipio_nombre"] = df["cve_mun"].map(mun_name)
    df["grado"] = df["cve_mun"].map(grade)
    df["localidad_nombre"] = df["cve_loc"].map(loc_name).fillna(df["localidad"])
    df[["latitud", "longitud"]] = loc_point.reindex(df["cve_loc"]).to_numpy()
    trunk = [f"plazas_ocupadas_{stem}" for stem in rules.SINERHIAS_TRUNK]
    df["otros"] = df["plazas_ocupadas_especialistas"] - df[trunk].sum(axis=1)
    return df.reset_index(drop=True)


def _required(total: int, norm_class: str | None, category: str) -> int:
    """Required posts: the real total, raised to the staffing norm for general/community ones."""
    if not isinstance(norm_class, str):  # specialised hospital
        return int(total)
    return max(int(total), rules.NORM[norm_class].get(category, 0))


def _unit(clues: str, name: str, tipo: str, cve_mun: str, municipio: str, localidad: str,
          grade: str, eligible: bool, families: float, lat: float, lon: float) -> dict:
    """One row of 'unidades' for Hidalgo (with private sort keys)."""
    return {"clues": clues, "nombre": name, "tipo": tipo, "clave_entidad": int(rules.HIDALGO),
            "entidad": STATE_NAME, "municipio": municipio, "localidad": localidad,
            "zona": rules.HIDALGO_ZONE, "grado_marginacion": grade,
            "elegible_bono": yes_no(eligible),
            "familias": None if pd.isna(families) else int(families),
            "latitud": None if pd.isna(lat) else round(float(lat), 6),
            "longitud": None if pd.isna(lon) else round(float(lon), 6),
            "_cve_mun": cve_mun, "_tipo_orden": 0 if tipo == schema.HOSPITAL else 1}


def units_table(centres: pd.DataFrame, hospitals: pd.DataFrame) -> pd.DataFrame:
    """unidades: the 18 hospitals and the 484 centres, with their real CLUES."""
    rows = [_unit(h.clues, h.nombre_unidad, schema.HOSPITAL, h.cve_mun, h.municipio_nombre,
                  h.localidad_nombre, h.grado, h.grado in rules.HIDALGO_ELIGIBLE_GRADES,
                  np.nan, h.latitud, h.longitud) for h in hospitals.itertuples()]
    rows += [_unit(c.clues, c.nombre_unidad, schema.CENTRE, c.cve_mun, c.municipio_nombre,
                   c.localidad_nombre, c.grado, False, c.familias, c.latitud, c.longitud)
             for c in centres.itertuples()]
    return units_frame(rows)


def staffing_table(centres: pd.DataFrame, hospitals: pd.DataFrame) -> pd.DataFrame:
    """plantilla: GPs and contact nurses of every centre (required blank = the target) and trunk
    posts of hospitals."""
    rows = [{"clues": c.clues, "categoria": schema.GENERAL_CATEGORY, "requeridos": None,
             "actuales": 0 if pd.isna(c.gp) else int(c.gp)} for c in centres.itertuples()]
    rows += [{"clues": c.clues, "categoria": schema.NURSING_CATEGORY, "requeridos": None,
              "actuales": 0 if pd.isna(c.enfermeras) else int(c.enfermeras)}
             for c in centres.itertuples()]
    for h in hospitals.to_dict("records"):
        for stem, category in rules.SINERHIAS_TRUNK.items():
            rows.append({"clues": h["clues"], "categoria": category,
                         "requeridos": _required(h[f"plazas_total_{stem}"], h["clase"], category),
                         "actuales": int(h[f"plazas_ocupadas_{stem}"])})
    return sort_staffing(pd.DataFrame(rows))


def population_share(src: Sources) -> float:
    """Hidalgo's share of the 2020 population of the 23 IMSS-Bienestar states."""
    mun = src.municipalities[src.municipalities["estado_imss_bienestar"]]
    return float(mun.loc[mun["cve_ent"] == rules.HIDALGO, "pob_tot"].sum() / mun["pob_tot"].sum())


def supply(share: float, nurses: int) -> dict[str, int]:
    """Hidalgo's candidates: its population share of the national call, category by category;
    ``nurses``: its nursing candidates of the 2026 pipeline (a 2026 figure)."""
    out = {schema.GENERAL_CATEGORY: round(rules.GENERAL_DOCTORS_CALL * share)}
    out.update({k: round(rules.SPECIALIST_SUPPLY[k] * share) for k in schema.TRUNK_SPECIALTIES})
    out[schema.NURSING_CATEGORY] = nurses
    return out


def nurse_supply(fuentes: str | Path) -> int:
    """Hidalgo's nursing candidates in the 2026 hiring pipeline (stage UAS, every phase and
    status; real_units.HIRING_FILE)."""
    from planner.data.real_units import HIRING_FILE
    hiring = pd.read_csv(Path(fuentes) / HIRING_FILE, dtype={"cve_ent": str, "clues": str})
    return int(hiring.loc[hiring["cve_ent"].str.zfill(2) == rules.HIDALGO, "uas_enfermeria"].sum())


def _leeme(centres: pd.DataFrame, hospitals: pd.DataFrame, staff: pd.DataFrame,
           share: float, offer: dict[str, int], budget: float, size: float) -> list[str]:
    """LEEME lines: what is real, what is assumed, the sources and their dates."""
    unknown = centres.loc[centres["gp"].isna(), "nombre_unidad"].tolist()
    no_fam = int(centres["familias"].isna().sum())
    eligible = hospitals[hospitals["grado"].isin(rules.HIDALGO_ELIGIBLE_GRADES)]
    specialists = sum(v for k, v in offer.items()
                      if k not in (schema.GENERAL_CATEGORY, schema.NURSING_CATEGORY))
    no_nurse = centres.loc[centres["enfermeras"].isna(), "nombre_unidad"].tolist()
    nurse_rows = staff[staff["categoria"] == schema.NURSING_CATEGORY]
    nurse_gap = (rules.TARGET_NURSES_PER_CENTRE - nurse_rows["actuales"]).clip(lower=0)
    raised = hospitals[hospitals["clase"].notna()]["clues"]
    hosp_staff = staff[staff["clues"].isin(raised)]
    norm_rows = int((hosp_staff["requeridos"] > hosp_staff["actuales"]).sum())
    return [
        "Escenario real de Hidalgo (IMSS-Bienestar): centros de salud y hospitales con su CLUES, "
        "ubicación y plantilla reales.",
        "",
        "QUÉ ES REAL",
        f"• {num(len(centres))} centros de salud: todas las unidades de consulta externa de "
        "IMSS-Bienestar en Hidalgo con tipología de centro de salud (rural o urbano de 1 a 12 "
        "núcleos básicos, y centro con hospitalización), con CLUES, nombre, municipio, localidad "
        "y coordenadas del catálogo CLUES de la DGIS (corte enero 2025). No se incluyen unidades "
        "móviles, UNEMES ni clínicas de especialidades.",
        "• Médicos generales actuales de cada centro: plazas ocupadas de médico general en "
        "contacto con el paciente, SINERHIAS (DGIS) al 1 de julio de 2024, unidas por la CLUES "
        "anterior de la SSA. No cuenta pasantes de servicio social. 'requeridos' queda en blanco: "
        "se aplica la meta T de 'parametros'."
        + (f" Sin registro en SINERHIAS (unidad nueva): {', '.join(unknown)}; se anotan 0 "
           "médicos — corrija si conoce la cifra." if unknown else ""),
        "• Enfermeras actuales de cada centro (categoría 'Enfermería general'): plazas ocupadas "
        "de enfermeras en contacto con el paciente, SINERHIAS al 1 de julio de 2024; "
        f"'requeridos' en blanco: meta de {rules.TARGET_NURSES_PER_CENTRE} enfermeras por centro "
        f"(meta_enfermeras_por_centro). Brecha: {num(int(nurse_gap.sum()))} plazas en "
        f"{num(int((nurse_gap > 0).sum()))} centros."
        + (f" Sin registro: {', '.join(no_nurse)}; se anotan 0." if no_nurse else ""),
        f"• {num(len(hospitals))} hospitales: las unidades de hospitalización de los servicios "
        "estatales (CLUES 'HGSSA…', la clave SINERHIAS; su nueva clave IMSS-Bienestar no está en "
        "las fuentes). Se excluye el Hospital del Niño DIF, que pertenece al DIF estatal.",
        "• Especialistas actuales: plazas ocupadas de las seis especialidades troncales "
        "(SINERHIAS: pediatra, ginecoobstetra, cirujano, internista, anestesiólogo, "
        "urgenciólogo).",
        "• Grado de marginación: el de su municipio, CONAPO Índice de Marginación 2020.",
        "",
        "QUÉ SE SUPONE (editable)",
        "• Especialistas requeridos: en SINERHIAS todas las plazas de especialista de los "
        "hospitales están ocupadas (plazas totales = ocupadas), así que no habría vacantes. Se "
        "usa requeridos = máximo entre las plazas totales reales y una norma de cobertura 24/7: "
        f"{rules.SHIFTS_24_7} especialistas por puesto (turnos matutino, vespertino, nocturno A, "
        "nocturno B y jornada de fin de semana); hospital integral/comunitario: un puesto "
        f"por troncal ({rules.SHIFTS_24_7}); hospital general: dos ({2 * rules.SHIFTS_24_7}). "
        "Los hospitales especializados (Materno Infantil, Villa Ocaranza) conservan sus plazas "
        f"reales. Con esta regla {norm_rows} filas de hospital tienen brecha.",
        f"• Familias de cada centro = población no derechohabiente de su área de responsabilidad "
        f"÷ {size} ocupantes por vivienda (INEGI 2020, Hidalgo: población ÷ viviendas habitadas "
        "de sus localidades)."
        + (f" {no_fam} centro(s) sin área de responsabilidad quedan en blanco." if no_fam else ""),
        f"• Zona económica: Hidalgo en Zona {rules.HIDALGO_ZONE} (bono de "
        f"{mxn(rules.BONUS_ZONE_2)} al mes). Cámbiela en la columna 'zona' de 'unidades'.",
        f"• Bono: elegibles los {len(eligible)} hospitales en municipios de marginación media, "
        "alta o muy alta (solo 2 hospitales de Hidalgo están en alta o muy alta; así la "
        "proporción, 7 de 18, se parece a la nacional de 282 de unos 700). Los centros de salud "
        "no reciben bono.",
        f"• Candidatos: la parte de Hidalgo en la convocatoria nacional 2024 según su población "
        f"({share:.2%} de la población 2020 de los 23 estados IMSS-Bienestar): "
        + ", ".join(f"{k} {v}" for k, v in offer.items()
                    if k != schema.NURSING_CATEGORY) + ".",
        f"• Enfermería general: {offer[schema.NURSING_CATEGORY]} candidatas, CIFRA DE 2026 (la "
        "convocatoria 2024 no llamó enfermeras): las candidatas de enfermería de Hidalgo en la "
        "contratación 2026 por unidad, etapa UAS, todas las fases y estatus (corte 22 ago 2026). "
        "Sin bono.",
        f"• Presupuesto mensual de bonos = {specialists} especialistas × "
        f"{mxn(rules.BONUS_ZONE_2)} = {mxn(budget)} (todos los candidatos con bono de Zona 2). "
        "Con este presupuesto manda la oferta de candidatos; bájelo para ver el efecto del "
        "presupuesto.",
        "",
        "FUENTES (copias en inputs/fuentes, con su SOURCE.md)",
        f"• {CENTRES_FILE}: CLUES DGIS 2025-01 + SINERHIAS 2024-07-01 + área de responsabilidad "
        "(año no indicado) + CONAPO IMM 2020.",
        f"• {HOSPITALS_FILE}: SINERHIAS Hidalgo, corte 2024-07-01 (DGIS).",
        f"• {MUNICIPALITIES_FILE}: CONAPO, Índice de Marginación por municipio 2020.",
        f"• {LOCALITIES_FILE}: INEGI AGEEML (2024-10) con población y viviendas del Censo 2020.",
        "Generado con:  python -m planner.data build",
    ]


def build_hidalgo(src: Sources, fuentes: str | Path = FUENTES) -> Book:
    """The Hidalgo input workbook's tables and LEEME."""
    centres, hospitals = hidalgo_centres(src), hidalgo_hospitals(src)
    staff = staffing_table(centres, hospitals)
    share = population_share(src)
    offer = supply(share, nurse_supply(fuentes))
    specialists = sum(v for k, v in offer.items()
                      if k not in (schema.GENERAL_CATEGORY, schema.NURSING_CATEGORY))
    budget = specialists * rules.BONUS_ZONE_2
    tables = {
        "parametros": parameters(budget),
        "unidades": units_table(centres, hospitals),
        "plantilla": staff,
        "oferta": supply_table(offer),
        **reference_sheets(list(offer)),
    }
    leeme = _leeme(centres, hospitals, staff, share, offer, budget, household_size(src.localities))
    return Book(FILENAME, tables, leeme)
