"""The national scenario of the 2024 call: the real municipalities of the 23 IMSS-Bienestar states
with synthetic units and staff scaled from Hidalgo's real ratios (seeded, reproducible).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from planner.core import schema
from planner.data import acceptance, calibration, candidatos, municipios, real_units, rules
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
from planner.data.municipios import MunicipalityMatcher
from planner.data.ratios import HidalgoRatios, describe, hidalgo_ratios
from planner.data.sources import MUNICIPALITIES_FILE, STATES_GEO_FILE, Sources

FILENAME = "nacional_2024.xlsx"
# One independent random stream per synthesis step: changing one step leaves the others as they were.
STREAMS = {"centres": 1, "hospitals": 2, "places": 3, "specialists": 4, "gps": 5, "families": 6,
           "nurses": 8}  # 7 is planner.data.candidatos' stream
OTHER = schema.OTHER_SPECIALTIES


def _rng(step: str) -> np.random.Generator:
    """The seeded generator of one synthesis step."""
    return np.random.default_rng([rules.SEED, STREAMS[step]])


def municipalities(src: Sources) -> pd.DataFrame:
    """The municipalities of the 23 IMSS-Bienestar states (CONAPO 2020), sorted by key."""
    mun = src.municipalities[src.municipalities["estado_imss_bienestar"]]
    return mun.reset_index(drop=True)


def unit_counts(mun: pd.DataFrame, r: HidalgoRatios) -> pd.DataFrame:
    """Centres per municipality: population × Hidalgo's rate for its grade group, scaled to the
    national total (at least one centre in every municipality): the expected network."""
    c_w = mun["pob_tot"] * mun["gm_2020"].map(rules.CENTRE_GRADE_GROUP).map(r.centres_per_person)
    return mun.assign(
        w_centros=c_w,
        n_centros=allocate_exact(c_w.to_numpy(), rules.NATIONAL_CENTRES, 1, _rng("centres")))


def _synthetic_centres(mun: pd.DataFrame, real: pd.DataFrame) -> pd.DataFrame:
    """Synthetic centres only where a state has fewer real centres than its expected count:
    the missing ones spread over its municipalities by the same population weight."""
    rng = _rng("hospitals")  # the stream that drew hospitals before real hospitals replaced them
    have = real.groupby("cve_ent").size()
    rows = []
    for cve_ent, g in mun.groupby("cve_ent", sort=True):
        missing = int(g["n_centros"].sum()) - int(have.get(cve_ent, 0))
        if missing <= 0:
            continue
        counts = allocate_exact(g["w_centros"].to_numpy(), missing, 0, rng)
        for m, n in zip(g.itertuples(), counts, strict=True):
            for k in range(1, n + 1):
                rows.append({"cve_ent": cve_ent, "cve_mun": m.cve_mun, "k": k, "n": n})
    syn = pd.DataFrame(rows)
    seq = syn.groupby("cve_ent").cumcount() + 1
    syn["clues"] = (syn["cve_ent"].map(rules.CLUES_STATE) + rules.SYNTHETIC_TAG
                    + seq.map("{:06d}".format))
    names = mun.set_index("cve_mun")["nom_mun"]
    base = "Centro de Salud " + syn["cve_mun"].map(names)
    syn["nombre"] = base.where(syn["n"] <= 1, base + " " + syn["k"].map("{:02d}".format))
    return syn.assign(tipo=schema.CENTRE, base_marginacion=real_units.KEY_BASIS, clase=None,
                      tipologia="desconocida", base_tipologia="sintética", bolsa_bono=False,
                      fuente=f"sintética ({MUNICIPALITIES_FILE})", lat=np.nan, lon=np.nan,
                      origen=real_units.SYNTHETIC).drop(columns=["k", "n"])


def _with_places(units: pd.DataFrame, geo: dict) -> pd.DataFrame:
    """latitud/longitud: the source's where it gives them (``base_coordenadas`` = dato); else a
    random point per municipality inside its state's main polygon with its units scattered
    around it, or a random point in the state when the municipality is unknown (sintética:
    good for a map, not for distances)."""
    rng = _rng("places")
    rings = {f["properties"]["cve_ent"]: main_ring(f["geometry"]) for f in geo["features"]}
    known = units["lat"].notna() & units["lon"].notna()
    lat, lon = units["lat"].to_numpy(dtype=float).copy(), units["lon"].to_numpy(dtype=float).copy()
    todo = units[~known]
    for cve_ent, group in todo.groupby("cve_ent", sort=True):
        ring = rings[cve_ent]
        located = group[group["cve_mun"].notna()]
        muns = sorted(located["cve_mun"].unique())
        points = dict(zip(muns, sample_inside(ring, len(muns), rng), strict=True))
        for cve_mun, idx in located.groupby("cve_mun", sort=True).groups.items():
            pts = jitter_inside(ring, points[cve_mun], len(idx), rules.JITTER_DEG, rng)
            pos = units.index.get_indexer(idx)
            lon[pos], lat[pos] = pts[:, 0], pts[:, 1]
        loose = group.index[group["cve_mun"].isna()]
        if len(loose):
            pts = sample_inside(ring, len(loose), rng)
            pos = units.index.get_indexer(loose)
            lon[pos], lat[pos] = pts[:, 0], pts[:, 1]
    return units.assign(latitud=lat.round(5), longitud=lon.round(5),
                        base_coordenadas=np.where(known, "dato", "sintética"))


def _families(centres: pd.DataFrame, r: HidalgoRatios) -> pd.Series:
    """Families per centre: the municipality's uninsured population (population × Hidalgo's
    uninsured share for its grade group) split at random among the centres placed in it,
    ÷ household size; the centres whose municipality is unknown share, the same way, the
    uninsured population of their state's municipalities that have no placed centre."""
    rng = _rng("families")
    share = centres["gm_2020"].map(rules.CENTRE_GRADE_GROUP).map(r.uninsured_share)
    out = pd.Series(0.0, index=centres.index)
    placed = centres[centres["cve_mun"].notna()]
    for _, idx in placed.groupby("cve_mun", sort=True).groups.items():
        first = idx[0]
        uninsured = centres.at[first, "pob_tot"] * share[first]
        split = rng.dirichlet(np.full(len(idx), 4.0)) if len(idx) > 1 else np.ones(1)
        out[idx] = uninsured * split / r.household_size
    loose = centres[centres["cve_mun"].isna()]
    for cve_ent, idx in loose.groupby("cve_ent", sort=True).groups.items():
        first = idx[0]
        uninsured = centres.at[first, "pob_sin_centro"] * share[first]
        if uninsured <= 0:  # every municipality has a placed centre: the state's median
            out[idx] = out[placed.index[placed["cve_ent"] == cve_ent]].median() \
                if (placed["cve_ent"] == cve_ent).any() else 0.0
            continue
        split = rng.dirichlet(np.full(len(idx), 4.0)) if len(idx) > 1 else np.ones(1)
        out[idx] = uninsured * split / r.household_size
    return out.round().astype(int)


def _eligible(hospitals: pd.DataFrame) -> pd.Series:
    """The 282 bonus hospitals: among the real general and community hospitals, the highest
    marginalization grade first; within a grade, those whose grade is their municipality's
    (INEGI key or name) before those with only their state's, then the lowest IM 2020 (of the
    municipality, or of the state), then CLUES."""
    pool = hospitals[hospitals["bolsa_bono"]]
    order = pd.DataFrame({
        "g": -pool["gm_2020"].map(schema.GRADES.index),
        "b": (pool["base_marginacion"] == real_units.STATE_BASIS).astype(int),
        "im": pool["im_2020"], "clues": pool["clues"]})
    ranked = order.sort_values(["g", "b", "im", "clues"], kind="stable").index
    flags = pd.Series(False, index=hospitals.index)
    flags[ranked[: rules.BONUS_ELIGIBLE_HOSPITALS]] = True
    return flags


def _activity_factor(hospitals: pd.DataFrame) -> pd.Series:
    """factor_actividad = MIN(2; MAX(0.5; egresos / median egresos of the hospitals of its
    class that report some)), rounded to 2 decimals; 1 when the hospital reports no
    discharges."""
    reporting = hospitals[hospitals["egresos"] > 0]
    median = reporting.groupby("clase")["egresos"].median()
    ratio = hospitals["egresos"] / hospitals["clase"].map(median)
    factor = ratio.clip(lower=rules.ACTIVITY_MIN, upper=rules.ACTIVITY_MAX).round(2)
    return factor.where(hospitals["egresos"] > 0, 1.0)


def units_table(units: pd.DataFrame) -> pd.DataFrame:
    """unidades, in the schema's columns (the issue-27 columns say what is real and why)."""
    is_h = units["tipo"] == schema.HOSPITAL
    rows = pd.DataFrame({
        "clues": units["clues"], "nombre": units["nombre"], "tipo": units["tipo"],
        "clave_entidad": units["cve_ent"].astype(int), "entidad": units["nom_ent"],
        "municipio": units["nom_mun"], "localidad": None,
        "zona": units["cve_ent"].map(rules.zone_of), "grado_marginacion": units["gm_2020"],
        "elegible_bono": units["elegible"].map(yes_no),
        "familias": units["familias"], "latitud": units["latitud"],
        "longitud": units["longitud"], "origen": units["origen"], "fuente": units["fuente"],
        "tipologia": units["tipologia"], "base_tipologia": units["base_tipologia"],
        "clave_municipio": units["cve_mun"], "base_marginacion": units["base_marginacion"],
        "base_coordenadas": units["base_coordenadas"],
        "egresos": units["egresos"].where(is_h), "cirugias": units["cirugias"].where(is_h),
        "consultas": units["consultas"].where(is_h),
        "factor_actividad": units["factor_actividad"].where(is_h),
        "_cve_mun": units["cve_mun"].fillna(units["cve_ent"] + "999"),
        "_tipo_orden": (~is_h).astype(int)})
    out = units_frame(rows.to_dict("records"))
    for col in ("egresos", "cirugias", "consultas"):
        out[col] = out[col].astype("Int64")
    return out


def _round_half_up(x: pd.Series) -> pd.Series:
    """Excel's REDONDEAR(x; 0) for x ≥ 0 (Python rounds halves to even)."""
    return np.floor(x + 0.5).astype(int)


def hospital_staff(hospitals: pd.DataFrame, r: HidalgoRatios) -> pd.DataFrame:
    """Specialist rows: each real hospital copies the occupied posts of a real Hidalgo hospital
    of its class (community for community hospitals, general for every other), drawn at random;
    required = MAX(current; REDONDEAR(norm × factor_actividad)) over its class's norm.

    The copied hospital's specialists outside the six trunk specialties are split among the nine
    other specialties in proportion to the general norm (hospitals copying a general one).
    """
    rng = _rng("specialists")
    other_norm = np.array([rules.NORM["general"][k] for k in OTHER], dtype=float)
    rows = []
    for h in hospitals.itertuples():
        norm = rules.NORM[h.clase]
        copied = "comunitario" if h.clase == "comunitario" else "general"
        templates = r.hospital_staff[copied]
        t = templates.iloc[int(rng.integers(len(templates)))]
        current = {k: int(t[k]) for k in schema.TRUNK_SPECIALTIES}
        if copied == "general":
            current.update(zip(OTHER, largest_remainder(int(t["otros"]), other_norm), strict=True))
        for k in norm:
            need = int(np.floor(norm[k] * h.factor_actividad + 0.5))
            rows.append({"clues": h.clues, "categoria": k,
                         "requeridos": max(need, current.get(k, 0)),
                         "actuales": current.get(k, 0)})
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


def centre_nurses(centres: pd.DataFrame, r: HidalgoRatios) -> pd.DataFrame:
    """Nurse rows (Enfermería general): each centre's current nurses drawn from the occupied
    contact-nurse posts of the real Hidalgo centres of its grade group (SINERHIAS), on a stream
    of its own (the doctors' draws are unchanged); required left blank (the nurse target)."""
    rng = _rng("nurses")
    group = centres["gm_2020"].map(rules.CENTRE_GRADE_GROUP)
    current = np.array([r.nurse_per_centre[g][rng.integers(len(r.nurse_per_centre[g]))]
                        for g in group])
    return pd.DataFrame({"clues": centres["clues"], "categoria": schema.NURSING_CATEGORY,
                         "requeridos": None, "actuales": current})


def nurse_supply(fuentes: str | Path) -> int:
    """Nursing candidates of the 2026 hiring pipeline (stage UAS, every phase and status) in
    real_units.HIRING_FILE: the national nurse supply (a 2026 figure, not the 2024 call's)."""
    hiring = pd.read_csv(Path(fuentes) / real_units.HIRING_FILE, dtype={"clues": str})
    return int(hiring["uas_enfermeria"].sum())


@dataclass(frozen=True)
class Network:
    """The national units and what was left out of the real lists, with reasons."""

    units: pd.DataFrame
    left_hospitals: dict[str, str]
    left_centres: dict[str, int]


def synthesise(src: Sources, r: HidalgoRatios, fuentes: str | Path) -> Network:
    """Every unit (real first, synthetic centres where a state lacks them) with its municipality
    data, class, eligibility, activity factor, families and place."""
    fuentes = Path(fuentes)
    mun = municipalities(src)
    states = set(mun["cve_ent"])
    matcher = MunicipalityMatcher(src.municipalities)
    hosp, left_h = real_units.real_hospitals(fuentes, matcher, states)
    all_listed = set(pd.read_csv(fuentes / real_units.HOSPITALS_FILE, dtype=str)["clues"])
    cent, left_c = real_units.real_centres(fuentes, matcher, states, set(hosp["clues"]),
                                           all_listed)
    real = pd.concat([hosp, cent], ignore_index=True).assign(origen=real_units.REAL)
    syn = _synthetic_centres(unit_counts(mun, r), cent)
    units = pd.concat([real, syn], ignore_index=True)
    units = real_units.with_grades(units, mun, real_units.load_state_grades(fuentes))
    units["nom_ent"] = units["cve_ent"].map(mun.groupby("cve_ent")["nom_ent"].first())
    loose = units["cve_mun"].isna()
    is_h = units["tipo"] == schema.HOSPITAL
    units["factor_actividad"] = np.nan
    units.loc[is_h, "factor_actividad"] = _activity_factor(units[is_h])
    units["elegible"] = False
    units.loc[is_h, "elegible"] = _eligible(units[is_h])
    # population not covered by a placed centre, for the centres whose municipality is unknown
    placed = set(units.loc[~is_h & units["cve_mun"].notna(), "cve_mun"])
    free = mun[~mun["cve_mun"].isin(placed)].groupby("cve_ent")["pob_tot"].sum()
    units["pob_sin_centro"] = units["cve_ent"].map(free).fillna(0)
    # the weight of a centre with an unknown municipality (registration list): the state's
    # mean municipal population
    units.loc[loose, "pob_tot"] = units.loc[loose, "cve_ent"].map(
        mun.groupby("cve_ent")["pob_tot"].mean())
    units["familias"] = pd.NA
    units.loc[~is_h, "familias"] = _families(units[~is_h], r)
    return Network(_with_places(units, src.states_geo), left_h, left_c)


def _gap(staff: pd.DataFrame, target: int) -> pd.Series:
    """Gap per row, with the target T for blank required."""
    req = staff["requeridos"].fillna(target)
    return (req - staff["actuales"]).clip(lower=0)


def _share(part: int, whole: int) -> str:
    return f"{num(part)} de {num(whole)} ({part / whole:.0%})" if whole else "0"


def basis_lines(units: pd.DataFrame) -> list[str]:
    """Shares of the municipality's basis (INEGI key / name / state) by type of unit."""
    out = []
    for tipo, word in ((schema.HOSPITAL, "hospitales"), (schema.CENTRE, "centros")):
        u = units[units["tipo"] == tipo]
        b = u["base_marginacion"].fillna("")
        key = int((b == real_units.KEY_BASIS).sum())
        name = int(b.str.startswith("nombre").sum())
        state = int((b == real_units.STATE_BASIS).sum())
        out.append(f"• {word.capitalize()}: municipio por clave INEGI {_share(key, len(u))}, "
                   f"por nombre {_share(name, len(u))}, solo el grado del estado "
                   f"{_share(state, len(u))}.")
    return out


def _leeme(net: Network, staff: pd.DataFrame, r: HidalgoRatios, budget: float,
           nurses: int) -> list[str]:
    """LEEME lines: what is real, what is synthesised and how, sources and assumptions."""
    units = net.units
    is_h = units["tipo"] == schema.HOSPITAL
    real = units["origen"] == real_units.REAL
    gp = staff[staff["categoria"] == schema.GENERAL_CATEGORY]
    nu = staff[staff["categoria"] == schema.NURSING_CATEGORY]
    sp = staff[~staff["categoria"].isin([schema.GENERAL_CATEGORY, schema.NURSING_CATEGORY])]
    nurse_gap = _gap(nu, rules.TARGET_NURSES_PER_CENTRE)
    gap_gp = int(_gap(gp, rules.TARGET_GPS_PER_CENTRE).sum())
    gap_sp = int(_gap(sp, rules.TARGET_GPS_PER_CENTRE).sum())
    eligible = units[units["elegible"]]
    grades = eligible["gm_2020"].value_counts()
    hosp = units[is_h]
    classes = hosp["clase"].value_counts()
    cent = units[~is_h]
    by_file = cent[real[~is_h]]["fuente"].value_counts()
    median = hosp[hosp["egresos"] > 0].groupby("clase")["egresos"].median()
    zone3 = ", ".join(rules.ZONE_3_STATES.values())
    trunk = sum(rules.SPECIALIST_SUPPLY[k] for k in schema.TRUNK_SPECIALTIES)
    n_coords = int((units["base_coordenadas"] == "dato").sum())
    lines = [
        "Escenario nacional de la convocatoria 2024 de IMSS-Bienestar (23 estados), sobre las "
        "UNIDADES REALES que nombran los archivos públicos; plantillas actuales SINTÉTICAS, "
        "escaladas de las razones reales de Hidalgo. Columna 'origen' de 'unidades': real o "
        "sintético; 'fuente': el archivo.",
        "",
        "UNIDADES REALES",
        f"• Hospitales: {num(len(hosp))}, todos reales (los "
        f"{num(len(hosp) + len(net.left_hospitals))} de {real_units.HOSPITALS_FILE} menos "
        f"{len(net.left_hospitals)}: " + "; ".join(f"{k} {v}" for k, v in
                                                    net.left_hospitals.items()) + ").",
        f"• Centros de salud reales: {num(int(real[~is_h].sum()))} de {num(len(cent))} "
        f"({int(real[~is_h].sum()) / len(cent):.0%}); cada CLUES xxIMB de un archivo de primer "
        "nivel que no es hospital, por archivo (el primero que la nombra): "
        + ", ".join(f"{k} {num(v)}" for k, v in by_file.items()) + ". Quedan fuera: "
        + "; ".join(f"{v} {k}" for k, v in net.left_centres.items() if v) + ".",
        f"• Centros SINTÉTICOS (claves {rules.SYNTHETIC_TAG}, p. ej. OCSIM000001): "
        f"{num(int((~real[~is_h]).sum()))}, solo en los estados con menos centros reales que "
        f"los que les tocan de {num(rules.NATIONAL_CENTRES)} (población del municipio × tasa "
        "real de Hidalgo para su grado de marginación, al menos uno por municipio, redondeo "
        "sorteado); los que faltan se reparten entre sus municipios con el mismo peso. Nombre: "
        "'Centro de Salud' + municipio real.",
        "• Tipo de unidad (columnas 'tipologia' y 'base_tipologia'): la tipología oficial DGIS "
        "donde el archivo la da (pahtli Hidalgo/Puebla/Veracruz y San Luis Potosí); si no, la "
        "leída del nombre; si no, 'desconocida' (un centro sin tipología ni nombre se cuenta "
        "como centro de salud porque su CLUES está en un archivo de primer nivel y no en la "
        "lista de hospitales: supuesto). Clase de hospital para la norma: "
        + ", ".join(f"{k} {v}" for k, v in classes.items()) + ".",
        f"• Coordenadas (columna 'base_coordenadas'): dato en {num(n_coords)} unidades; en las "
        "demás, un punto al azar dentro del estado (por municipio si se conoce): sirven para el "
        "mapa, no para distancias.",
        "",
        "MARGINACIÓN Y MUNICIPIO (columna 'base_marginacion')",
        "• 'clave INEGI': el archivo da la clave del municipio (pahtli, San Luis Potosí, CDMX). "
        "'nombre (score)': el nombre de la unidad coincide con un municipio CONAPO de su estado "
        "(rapidfuzz, el mejor tramo de palabras del nombre contra cada municipio, score ≥ "
        f"{municipios.THRESHOLD:.0f} de 100 y sin empate; planner/data/municipios.py); en 2,727 "
        "pares con clave conocida, las coincidencias de 95 o más aciertan el municipio 87–92 % "
        "de las veces y dan el grado correcto 90–93 % (el grado del estado, 23 %); las de 85 "
        "a 95 aciertan 0–13 %, por eso el umbral es 95. 'entidad': sin municipio, el grado de "
        "marginación del estado (CONAPO IME 2020).",
        *basis_lines(units),
        "",
        "NECESIDAD POR ACTIVIDAD (hospitales)",
        f"• Columnas 'egresos', 'cirugias', 'consultas': {real_units.HOSPITALS_FILE} (ECE + "
        "SINBA, corte 2026-08-19; EL PERIODO QUE CUBREN NO ESTÁ INDICADO).",
        "• factor_actividad = MIN(2; MAX(0.5; egresos ÷ mediana de egresos de los hospitales de "
        "su clase que reportan alguno)), con 2 decimales; 1 si el hospital no reporta egresos. "
        "Medianas: " + ", ".join(f"{k} {num(v)}" for k, v in median.items()) + ".",
        "• requeridos (especialistas) = MAX(actuales; REDONDEAR(norma de su clase × "
        "factor_actividad; 0)). Un planeador lo rehace en Excel con esas dos columnas.",
        "",
        f"QUÉ ES SINTÉTICO (semilla {rules.SEED}; el mismo programa da el mismo libro)",
        "• Especialistas actuales: cada hospital copia las plazas ocupadas (SINERHIAS 2024-07) "
        "de un hospital real de Hidalgo (comunitario para los comunitarios, general para los "
        "demás), elegido al azar; los especialistas de otras ramas se reparten entre las nueve "
        "especialidades no troncales según la norma general.",
        f"• Norma de cobertura 24/7 ({rules.SHIFTS_24_7} especialistas por puesto: turnos "
        "matutino, vespertino, nocturno A, nocturno B y fin de semana). Comunitario: las 6 "
        f"troncales con {rules.SHIFTS_24_7}. General (también alta especialidad, 'otro' y sin "
        f"clasificar): 6 troncales con {2 * rules.SHIFTS_24_7}; neonatología, medicina crítica "
        f"y traumatología con {rules.SHIFTS_24_7}; imagenología 2; psiquiatría, dermatología, "
        "oftalmología, cardiología y anatomía patológica 1. Materno-infantil, pediátrico y "
        "psiquiátrico: " + "; ".join(
            f"{c}: " + ", ".join(f"{k} {v}" for k, v in rules.NORM[c].items())
            for c in ("materno", "pediatrico", "psiquiatrico")) + ".",
        "• Médicos generales actuales de cada centro: sorteados entre los centros reales de "
        "Hidalgo de su mismo grado de marginación (SINERHIAS 2024-07). 'requeridos' en blanco: "
        "aplica la meta T.",
        "• Enfermeras actuales de cada centro (categoría 'Enfermería general'): sorteadas, con "
        "un sorteo propio, entre las plazas ocupadas de enfermeras de contacto de los centros "
        "reales de Hidalgo de su mismo grado (SINERHIAS 2024-07). 'requeridos' en blanco: aplica "
        f"la meta de enfermeras ({rules.TARGET_NURSES_PER_CENTRE} por centro, "
        "meta_enfermeras_por_centro: «al menos un médico y dos enfermeras»).",
        "• Familias de cada centro: población del municipio × proporción sin derechohabiencia "
        "de Hidalgo para su grado, repartida al azar entre sus centros, ÷ "
        f"{r.household_size} ocupantes por vivienda (INEGI 2020); los centros sin municipio "
        "conocido se reparten la población de los municipios de su estado sin centro ubicado.",
        *describe(r),
        "",
        "SUPUESTOS (editables)",
        f"• Zonas económicas (no se conocen por municipio; regla por estado, SUPUESTO): Zona 3 "
        f"= {zone3} (frontera norte y zonas turísticas, mayor costo de vida); los otros 19 "
        "estados en Zona 2. Se cambia en la columna 'zona' de 'unidades'.",
        f"• Elegibles al bono: {rules.BONUS_ELIGIBLE_HOSPITALS} de los "
        f"{num(int(hosp['bolsa_bono'].sum()))} hospitales reales generales y comunitarios "
        "(tipología oficial o nombre), por esta regla: mayor grado de marginación primero; "
        "dentro del grado, los de grado municipal (clave INEGI o nombre) antes que los de "
        "grado estatal, luego menor índice IM 2020, luego CLUES — "
        + ", ".join(f"{grades.get(g, 0)} en grado {g}" for g in reversed(schema.GRADES)
                    if grades.get(g, 0)) + ". Los centros de salud no reciben bono.",
        f"• Candidatos: {num(rules.GENERAL_DOCTORS_CALL)} médicos generales y "
        f"{num(rules.SPECIALISTS_CALL)} especialistas; la convocatoria no publica el reparto por "
        f"especialidad, se supone {num(trunk)} (70 %) para las troncales y "
        f"{num(rules.SPECIALISTS_CALL - trunk)} para las otras nueve: "
        + ", ".join(f"{k} {v}" for k, v in rules.SPECIALIST_SUPPLY.items()) + ".",
        f"• Cifra de la convocatoria: {num(rules.SPECIALISTS_CALL)} especialistas × "
        f"{mxn(rules.BONUS_ZONE_2)} = {mxn(budget)} al mes si toda oferta se aceptara; el "
        "presupuesto de este libro cuenta el bono esperado (ver ACEPTACIÓN abajo).",
        f"• Brechas resultantes: {num(gap_sp)} especialistas (frente a "
        f"{num(rules.SPECIALISTS_CALL)} candidatos) y {num(gap_gp)} médicos generales para "
        f"llegar a {rules.TARGET_GPS_PER_CENTRE} por centro (frente a "
        f"{num(rules.GENERAL_DOCTORS_CALL)}): no alcanza para todo y importa dónde se coloca.",
        f"• Enfermería general: {num(int(nurse_gap.sum()))} plazas de enfermera en "
        f"{num(int((nurse_gap > 0).sum()))} centros para llegar a "
        f"{rules.TARGET_NURSES_PER_CENTRE} por centro. Candidatas: {num(nurses)}, CIFRA DE 2026 "
        f"(no de la convocatoria 2024, que no llamó enfermeras): las candidatas de enfermería de "
        f"la contratación 2026 por unidad en la etapa UAS, todas las fases y estatus "
        f"({real_units.HIRING_FILE}, corte 22 ago 2026; incluye no aprobadas y enfermería "
        "especializada, que aquí no es categoría aparte). Sin bono (la hoja 'bonos' no tiene fila "
        "de enfermería) y sin curva de aceptación (toda oferta de enfermera se acepta, p = 1: "
        "SUPUESTO; agregue filas de tipo enfermería en 'aceptacion' para cambiarlo).",
        "",
        "FUENTES (copias en inputs/fuentes, con su SOURCE.md)",
        f"• {real_units.HOSPITALS_FILE} (servicios-imss-b/informe-ece, 2026-08-21), "
        f"{real_units.PAHTLI_FILE} y {real_units.SLP_FILE} (HaDeZIB/pahtli, CLUES DGIS "
        f"2026-08), {real_units.CDMX_FILE} (2024), {real_units.FRAME_FILE} (2026-08), "
        f"{real_units.HIRING_FILE} (contratación 2026), {real_units.SCHEDULES_FILE} (CLUES "
        "DGIS 2025-01, hoja de horarios, solo claves IMB): sin licencia declarada salvo donde "
        "su SOURCE.md lo dice.",
        f"• {MUNICIPALITIES_FILE} y {real_units.STATES_FILE}: CONAPO, Índice de Marginación "
        "2020 por municipio y por estado (población del Censo 2020).",
        "• Razones de Hidalgo: CLUES DGIS 2025-01, SINERHIAS 2024-07-01, área de "
        "responsabilidad (año no indicado), INEGI AGEEML 2024-10 (ver el libro hidalgo_2025).",
        f"• {STATES_GEO_FILE}: polígonos estatales simplificados (repositorio público, sin "
        "licencia declarada).",
        "• Convocatoria del 11 de abril de 2024 (prensa: heraldodemexico.com.mx).",
        "Generado con:  python -m planner.data build",
    ]
    return lines


def build_nacional(src: Sources, fuentes: str | Path = candidatos.FUENTES) -> Book:
    """The national input workbook's tables and LEEME (with a synthetic registration list)."""
    r = hidalgo_ratios(src)
    net = synthesise(src, r, fuentes)
    units = net.units
    is_h = units["tipo"] == schema.HOSPITAL
    staff = sort_staffing(pd.concat([hospital_staff(units[is_h], r),
                                     centre_staff(units[~is_h], r),
                                     centre_nurses(units[~is_h], r)], ignore_index=True))
    nurses = nurse_supply(fuentes)
    cal = calibration.calibrate_sources(fuentes, hospitals=units[is_h])
    offer = {schema.GENERAL_CATEGORY: rules.GENERAL_DOCTORS_CALL, **rules.SPECIALIST_SUPPLY,
             schema.NURSING_CATEGORY: nurses}
    budget = acceptance.BUDGET_EXPECTED_2024
    params = parameters(budget)
    for name, value in acceptance.PARAMETERS.items():
        params.loc[params["parametro"] == name, "valor"] = value
    tables = {
        "parametros": params,
        "unidades": units_table(units),
        "plantilla": staff,
        "oferta": supply_table(offer),
        **reference_sheets(list(offer)),
        "aceptacion": acceptance.acceptance_table(calibration.sheet_rows(cal)),
        "niveles_bono": acceptance.levels_table(),
    }
    listed = candidatos.registration_list(units, staff, fuentes)
    tables["candidatos"] = listed
    leeme = _leeme(net, staff, r, rules.national_budget(), nurses)
    return Book(FILENAME, tables, leeme + acceptance.leeme_lines() + calibration.leeme_lines(cal)
                + candidatos.leeme_lines(listed))
