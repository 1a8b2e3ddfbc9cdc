"""The national scenario of the 2024 call: the real municipalities of the 23 IMSS-Bienestar states
with synthetic units and staff scaled from Hidalgo's real ratios (seeded, reproducible).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.core import schema
from planner.data import rules
from planner.data.allocate import allocate_exact, largest_remainder
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
from planner.data.geo import jitter_inside, main_ring, sample_inside
from planner.data.ratios import HidalgoRatios, describe, hidalgo_ratios
from planner.data.sources import MUNICIPALITIES_FILE, STATES_GEO_FILE, Sources

FILENAME = "nacional_2024.xlsx"
# One independent random stream per synthesis step: changing one step leaves the others as they were.
STREAMS = {"centres": 1, "hospitals": 2, "places": 3, "specialists": 4, "gps": 5, "families": 6}
OTHER = schema.OTHER_SPECIALTIES


def _rng(step: str) -> np.random.Generator:
    """The seeded generator of one synthesis step."""
    return np.random.default_rng([rules.SEED, STREAMS[step]])


def municipalities(src: Sources) -> pd.DataFrame:
    """The municipalities of the 23 IMSS-Bienestar states (CONAPO 2020), sorted by key."""
    mun = src.municipalities[src.municipalities["estado_imss_bienestar"]]
    return mun.reset_index(drop=True)


def unit_counts(mun: pd.DataFrame, r: HidalgoRatios) -> pd.DataFrame:
    """Centres and hospitals per municipality: population × Hidalgo's rate for its grade group,
    scaled to the national totals (at least one centre in every municipality)."""
    c_w = mun["pob_tot"] * mun["gm_2020"].map(rules.CENTRE_GRADE_GROUP).map(r.centres_per_person)
    h_w = mun["pob_tot"] * mun["gm_2020"].map(rules.HOSPITAL_GRADE_GROUP).map(
        r.hospitals_per_person)
    return mun.assign(
        n_centros=allocate_exact(c_w.to_numpy(), rules.NATIONAL_CENTRES, 1, _rng("centres")),
        n_hospitales=allocate_exact(h_w.to_numpy(), rules.NATIONAL_HOSPITALS, 0,
                                    _rng("hospitals")))


def _unit_skeleton(mun: pd.DataFrame) -> pd.DataFrame:
    """One row per synthetic unit (hospitals first within a municipality), with its number there."""
    rows = []
    for m in mun.itertuples():
        for tipo, n in ((schema.HOSPITAL, m.n_hospitales), (schema.CENTRE, m.n_centros)):
            for k in range(1, n + 1):
                rows.append({"cve_ent": m.cve_ent, "cve_mun": m.cve_mun, "tipo": tipo, "k": k,
                             "n_en_municipio": n})
    units = pd.DataFrame(rows).merge(mun, on=["cve_ent", "cve_mun"], how="left")
    seq = units.groupby("cve_ent").cumcount() + 1
    prefix = units["cve_ent"].map(rules.CLUES_STATE) + rules.SYNTHETIC_TAG
    units["clues"] = prefix + seq.map("{:06d}".format)
    return units


def _names(units: pd.DataFrame) -> pd.Series:
    """Readable synthetic names: 'Hospital General Ocosingo', 'Centro de Salud Ocosingo 03'."""
    hospital_kind = np.where(units["pob_tot"] >= rules.GENERAL_HOSPITAL_MIN_POP,
                             "Hospital General", "Hospital Comunitario")
    base = np.where(units["tipo"] == schema.HOSPITAL, hospital_kind, "Centro de Salud")
    names = pd.Series(base, index=units.index) + " " + units["nom_mun"]
    many = units["n_en_municipio"] > 1
    return names.where(~many, names + " " + units["k"].map("{:02d}".format))


def _places(units: pd.DataFrame, geo: dict) -> pd.DataFrame:
    """lat/lon: one random point per municipality inside its state's main polygon, and each unit
    scattered around it (synthetic locations, good for a map, not for distances)."""
    rng = _rng("places")
    rings = {f["properties"]["cve_ent"]: main_ring(f["geometry"]) for f in geo["features"]}
    lat = np.empty(len(units))
    lon = np.empty(len(units))
    for cve_ent, group in units.groupby("cve_ent", sort=True):
        ring = rings[cve_ent]
        muns = sorted(group["cve_mun"].unique())
        points = dict(zip(muns, sample_inside(ring, len(muns), rng), strict=True))
        for cve_mun, idx in group.groupby("cve_mun", sort=True).groups.items():
            pts = jitter_inside(ring, points[cve_mun], len(idx), rules.JITTER_DEG, rng)
            pos = units.index.get_indexer(idx)
            lon[pos], lat[pos] = pts[:, 0], pts[:, 1]
    return pd.DataFrame({"latitud": lat.round(5), "longitud": lon.round(5)}, index=units.index)


def _families(centres: pd.DataFrame, r: HidalgoRatios) -> pd.Series:
    """Families per centre: the municipality's uninsured population (population × Hidalgo's
    uninsured share for its grade group) split at random among its centres, ÷ household size."""
    rng = _rng("families")
    share = centres["gm_2020"].map(rules.CENTRE_GRADE_GROUP).map(r.uninsured_share)
    out = pd.Series(0.0, index=centres.index)
    for _, idx in centres.groupby("cve_mun", sort=True).groups.items():
        first = idx[0]
        uninsured = centres.at[first, "pob_tot"] * share[first]
        split = rng.dirichlet(np.full(len(idx), 4.0)) if len(idx) > 1 else np.ones(1)
        out[idx] = uninsured * split / r.household_size
    return out.round().astype(int)


def _eligible(hospitals: pd.DataFrame) -> pd.Series:
    """The 282 hospitals in the most marginalized municipalities (lowest IM 2020; ties by CLUES)."""
    ranked = hospitals.sort_values(["im_2020", "clues"], kind="stable").index
    flags = pd.Series(False, index=hospitals.index)
    flags[ranked[: rules.BONUS_ELIGIBLE_HOSPITALS]] = True
    return flags


def units_table(units: pd.DataFrame) -> pd.DataFrame:
    """unidades, in the schema's columns."""
    rows = pd.DataFrame({
        "clues": units["clues"], "nombre": units["nombre"], "tipo": units["tipo"],
        "clave_entidad": units["cve_ent"].astype(int), "entidad": units["nom_ent"],
        "municipio": units["nom_mun"], "localidad": None,
        "zona": units["cve_ent"].map(rules.zone_of), "grado_marginacion": units["gm_2020"],
        "elegible_bono": units["elegible"].map(yes_no),
        "familias": units["familias"], "latitud": units["latitud"],
        "longitud": units["longitud"], "_cve_mun": units["cve_mun"],
        "_tipo_orden": (units["tipo"] != schema.HOSPITAL).astype(int)})
    return units_frame(rows.to_dict("records"))


def hospital_staff(hospitals: pd.DataFrame, r: HidalgoRatios) -> pd.DataFrame:
    """Specialist rows: each synthetic hospital copies the occupied posts of a real Hidalgo
    hospital of its class (general or community), drawn at random; required = max(norm, current).

    The copied hospital's specialists outside the six trunk specialties are split among the nine
    other specialties in proportion to the norm (general hospitals only).
    """
    rng = _rng("specialists")
    other_norm = np.array([rules.NORM["general"][k] for k in OTHER], dtype=float)
    rows = []
    for h in hospitals.itertuples():
        norm = rules.NORM[h.clase]
        templates = r.hospital_staff[h.clase]
        t = templates.iloc[int(rng.integers(len(templates)))]
        current = {k: int(t[k]) for k in schema.TRUNK_SPECIALTIES}
        if h.clase == "general":
            current.update(zip(OTHER, largest_remainder(int(t["otros"]), other_norm), strict=True))
        for k in norm:
            rows.append({"clues": h.clues, "categoria": k, "requeridos": max(norm[k], current[k]),
                         "actuales": current[k]})
    return pd.DataFrame(rows)


def centre_staff(centres: pd.DataFrame, r: HidalgoRatios) -> pd.DataFrame:
    """General-doctor rows: each centre's current GPs drawn from the real Hidalgo centres of its
    grade group; required left blank (the target T applies)."""
    rng = _rng("gps")
    group = centres["gm_2020"].map(rules.CENTRE_GRADE_GROUP)
    current = np.array([r.gp_per_centre[g][rng.integers(len(r.gp_per_centre[g]))]
                        for g in group])
    return pd.DataFrame({"clues": centres["clues"], "categoria": schema.GENERAL_CATEGORY,
                         "requeridos": None, "actuales": current})


def synthesise(src: Sources, r: HidalgoRatios) -> pd.DataFrame:
    """Every synthetic unit with its municipality data, class, eligibility, families and place."""
    units = _unit_skeleton(unit_counts(municipalities(src), r))
    units["nombre"] = _names(units)
    units["clase"] = np.where(units["tipo"] != schema.HOSPITAL, None,
                              np.where(units["pob_tot"] >= rules.GENERAL_HOSPITAL_MIN_POP,
                                       "general", "comunitario"))
    is_h = units["tipo"] == schema.HOSPITAL
    units["elegible"] = False
    units.loc[is_h, "elegible"] = _eligible(units[is_h])
    units["familias"] = pd.NA
    units.loc[~is_h, "familias"] = _families(units[~is_h], r)
    return units.join(_places(units, src.states_geo))


def _gap(staff: pd.DataFrame, target: int) -> pd.Series:
    """Gap per row, with the target T for blank required."""
    req = staff["requeridos"].fillna(target)
    return (req - staff["actuales"]).clip(lower=0)


def _leeme(units: pd.DataFrame, staff: pd.DataFrame, r: HidalgoRatios, budget: float) -> list[str]:
    """LEEME lines: what is real, what is synthesised and how, sources and assumptions."""
    is_h = units["tipo"] == schema.HOSPITAL
    gp = staff[staff["categoria"] == schema.GENERAL_CATEGORY]
    sp = staff[staff["categoria"] != schema.GENERAL_CATEGORY]
    gap_gp = int(_gap(gp, rules.TARGET_GPS_PER_CENTRE).sum())
    gap_sp = int(_gap(sp, rules.TARGET_GPS_PER_CENTRE).sum())
    eligible = units[units["elegible"]]
    grades = eligible["gm_2020"].value_counts()
    n_general = int((units["clase"] == "general").sum())
    zone3 = ", ".join(rules.ZONE_3_STATES.values())
    trunk = sum(rules.SPECIALIST_SUPPLY[k] for k in schema.TRUNK_SPECIALTIES)
    return [
        "Escenario nacional de la convocatoria 2024 de IMSS-Bienestar (23 estados). Municipios "
        "reales; unidades y plantillas SINTÉTICAS, escaladas de las razones reales de Hidalgo.",
        "",
        "QUÉ ES REAL",
        f"• Los {num(units['cve_mun'].nunique())} municipios de los 23 estados IMSS-Bienestar, "
        "con nombre, clave, población 2020 y grado de marginación (CONAPO, Índice de "
        "Marginación 2020).",
        f"• Cifras de la convocatoria 2024: {num(rules.SPECIALISTS_CALL)} especialistas, "
        f"{num(rules.GENERAL_DOCTORS_CALL)} médicos generales, "
        f"{rules.BONUS_ELIGIBLE_HOSPITALS} hospitales en zonas marginadas, bono mensual de "
        f"{mxn(rules.BONUS_ZONE_2)} (Zona 2) y {mxn(rules.BONUS_ZONE_3)} (Zona 3), meta de "
        f"{rules.TARGET_GPS_PER_CENTRE} médicos generales por centro.",
        "",
        f"QUÉ ES SINTÉTICO (semilla {rules.SEED}; el mismo programa da el mismo libro)",
        f"• {num(int((~is_h).sum()))} centros de salud y {num(int(is_h.sum()))} hospitales. "
        "Cada municipio recibe unidades según población × la tasa real de Hidalgo para su grado "
        f"de marginación, escalada a {num(rules.NATIONAL_CENTRES)} centros y "
        f"{num(rules.NATIONAL_HOSPITALS)} hospitales en total (al menos un centro por "
        "municipio; el redondeo se sortea).",
        f"• Claves CLUES ficticias: abreviatura CLUES del estado + '{rules.SYNTHETIC_TAG}' + "
        "número (p. ej. OCSIM000001). Nombres: tipo de unidad + municipio real. Localidad en "
        "blanco. Coordenadas: un punto al azar dentro del polígono del estado para cada "
        "municipio, y las unidades alrededor; sirven para el mapa, no para distancias.",
        f"• Hospital general si su municipio tiene {num(rules.GENERAL_HOSPITAL_MIN_POP)} "
        f"habitantes o más ({n_general}); si no, comunitario ({int(is_h.sum()) - n_general}). "
        "Especialistas actuales: cada hospital copia las plazas ocupadas (SINERHIAS 2024-07) de un "
        "hospital real de Hidalgo de su misma clase, elegido al azar; en los generales, los "
        "especialistas de otras ramas se reparten entre las nueve especialidades no troncales "
        "según la norma.",
        f"• Especialistas requeridos = máximo entre los actuales y una norma de cobertura 24/7 "
        f"({rules.SHIFTS_24_7} especialistas por puesto: turnos matutino, vespertino, nocturno A, "
        "nocturno B y fin de semana). Comunitario: las 6 troncales con "
        f"{rules.SHIFTS_24_7} cada una. General: 6 troncales con {2 * rules.SHIFTS_24_7}; "
        "neonatología, medicina crítica y traumatología con "
        f"{rules.SHIFTS_24_7}; imagenología 2; psiquiatría, dermatología, oftalmología, "
        "cardiología y anatomía patológica 1.",
        "• Médicos generales actuales de cada centro: sorteados entre los centros reales de "
        "Hidalgo de su mismo grado de marginación (SINERHIAS 2024-07). 'requeridos' en blanco: "
        "aplica la meta T.",
        "• Familias de cada centro: población del municipio × proporción sin derechohabiencia "
        "de Hidalgo para su grado, repartida al azar entre sus centros, ÷ "
        f"{r.household_size} ocupantes por vivienda (INEGI 2020).",
        *describe(r),
        "",
        "SUPUESTOS (editables)",
        f"• Zonas económicas: Zona 3 = {zone3} (frontera norte y zonas turísticas, mayor costo "
        "de vida); los otros 19 estados en Zona 2. Se cambia en la columna 'zona' de "
        "'unidades'.",
        f"• Elegibles al bono: los {rules.BONUS_ELIGIBLE_HOSPITALS} hospitales de los municipios "
        "más marginados (menor índice IM 2020) — "
        + ", ".join(f"{grades.get(g, 0)} en grado {g}" for g in reversed(schema.GRADES)
                    if grades.get(g, 0)) + ". Los centros de salud no reciben bono.",
        f"• Candidatos: {num(rules.GENERAL_DOCTORS_CALL)} médicos generales y "
        f"{num(rules.SPECIALISTS_CALL)} especialistas; la convocatoria no publica el reparto por "
        f"especialidad, se supone {num(trunk)} (70 %) para las troncales y "
        f"{num(rules.SPECIALISTS_CALL - trunk)} para las otras nueve: "
        + ", ".join(f"{k} {v}" for k, v in rules.SPECIALIST_SUPPLY.items()) + ".",
        f"• Presupuesto mensual de bonos = {num(rules.SPECIALISTS_CALL)} especialistas × "
        f"{mxn(rules.BONUS_ZONE_2)} = {mxn(budget)}: alcanza para colocar a todos los "
        "especialistas con bono; bájelo para ver dónde conviene gastar.",
        f"• Brechas resultantes: {num(gap_sp)} especialistas (frente a "
        f"{num(rules.SPECIALISTS_CALL)} candidatos) y {num(gap_gp)} médicos generales para "
        f"llegar a {rules.TARGET_GPS_PER_CENTRE} por centro (frente a "
        f"{num(rules.GENERAL_DOCTORS_CALL)}): no alcanza para todo y importa dónde se coloca.",
        "",
        "FUENTES (copias en inputs/fuentes, con su SOURCE.md)",
        f"• {MUNICIPALITIES_FILE}: CONAPO, Índice de Marginación por municipio 2020 (población "
        "del Censo 2020).",
        "• Razones de Hidalgo: CLUES DGIS 2025-01, SINERHIAS 2024-07-01, área de "
        "responsabilidad (año no indicado), INEGI AGEEML 2024-10 (ver el libro hidalgo_2025).",
        f"• {STATES_GEO_FILE}: polígonos estatales simplificados (repositorio público, sin "
        "licencia declarada).",
        "• Convocatoria del 11 de abril de 2024 (prensa: heraldodemexico.com.mx).",
        "Generado con:  python -m planner.data build",
    ]


def build_nacional(src: Sources) -> Book:
    """The national input workbook's tables and LEEME."""
    r = hidalgo_ratios(src)
    units = synthesise(src, r)
    is_h = units["tipo"] == schema.HOSPITAL
    staff = sort_staffing(pd.concat([hospital_staff(units[is_h], r),
                                     centre_staff(units[~is_h], r)], ignore_index=True))
    offer = {schema.GENERAL_CATEGORY: rules.GENERAL_DOCTORS_CALL, **rules.SPECIALIST_SUPPLY}
    budget = rules.national_budget()
    tables = {
        "parametros": parameters(budget),
        "unidades": units_table(units),
        "plantilla": staff,
        "oferta": supply_table(offer),
        **reference_sheets(list(offer)),
    }
    return Book(FILENAME, tables, _leeme(units, staff, r, budget))
