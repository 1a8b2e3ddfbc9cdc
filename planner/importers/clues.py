"""``planner import clues``: the official DGIS CLUES catalogue (``ESTABLECIMIENTO_SALUD_YYYYMM``,
xlsx or csv) → a planner workbook of one institution's operating units.

Rules, each row in order (the first that fails leaves the row out, with that reason):

1. ``CLUES``: 5 letters and 6 digits (read in upper case).
2. ``NOMBRE DE LA INSTITUCION``: the one asked for (default IMSS-Bienestar, by the names DGIS
   uses for it), compared without case, accents or punctuation.
3. ``ENTIDAD``: a state CONAPO names (or its INEGI key in ``CLAVE DE LA ENTIDAD``), and one of
   ``--entidad`` when given.
4. ``ESTATUS DE OPERACION``: ``EN OPERACION``.
5. ``NOMBRE TIPO ESTABLECIMIENTO`` ``DE HOSPITALIZACION`` → hospital; ``DE CONSULTA EXTERNA``
   whose ``NOMBRE DE TIPOLOGIA`` is a health centre (rural or urban with N núcleos básicos,
   centro de salud con servicios ampliados or con hospitalización) → centro de salud; any other
   type or typology (mobile units, UNEMES, specialty clinics, support units…) is left out.
6. A CLUES kept twice: identical rows keep the first; rows that differ are all left out.

Municipality and marginalization as the national default does (planner/data): the INEGI key
from ``CLAVE DEL MUNICIPIO`` (3 digits, or 5 with the state's), else ``MUNICIPIO`` matched by
name within the state (exact after accents and case, else the rapidfuzz matcher of
:mod:`planner.data.municipios` at its threshold), else the state's CONAPO grade; the column
``base_marginacion`` says which. Zone by the state rule of :mod:`planner.data.rules` (a
``supuesto``); no unit is bonus-eligible (the catalogue does not say; edit ``elegible_bono``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from planner.core import schema
from planner.core.errors import InputError, Issue
from planner.data import real_units, rules
from planner.data.municipios import MunicipalityMatcher, normalise
from planner.data.sources import FUENTES, MUNICIPALITIES_FILE, load_municipalities
from planner.importers.table import SOURCE, Skipped, Wanted, number, read_table

WHAT = "el catálogo CLUES de la DGIS (ESTABLECIMIENTO_SALUD)"
COLUMNS = (
    Wanted("CLUES"),
    Wanted("NOMBRE DE LA INSTITUCION", aliases=("INSTITUCION",)),
    Wanted("ENTIDAD", aliases=("NOMBRE DE LA ENTIDAD",)),
    Wanted("CLAVE DE LA ENTIDAD", required=False),
    Wanted("MUNICIPIO", required=False, aliases=("NOMBRE DEL MUNICIPIO",)),
    Wanted("CLAVE DEL MUNICIPIO", required=False),
    Wanted("NOMBRE DE LA LOCALIDAD", required=False, aliases=("LOCALIDAD",)),
    Wanted("NOMBRE TIPO ESTABLECIMIENTO", aliases=("TIPO ESTABLECIMIENTO",
                                                    "TIPO DE ESTABLECIMIENTO")),
    Wanted("NOMBRE DE TIPOLOGIA", aliases=("TIPOLOGIA", "NOMBRE TIPOLOGIA")),
    Wanted("CLAVE DE TIPOLOGIA", required=False),
    Wanted("NOMBRE DE LA UNIDAD"),
    Wanted("ESTATUS DE OPERACION", aliases=("ESTATUS", "ESTATUS OPERACION")),
    Wanted("NIVEL ATENCION", required=False, aliases=("NIVEL DE ATENCION",)),
    Wanted("LATITUD", required=False),
    Wanted("LONGITUD", required=False),
)
IMSS_BIENESTAR = "IMSS-Bienestar"
# the names DGIS gives IMSS-Bienestar (normalised); the 2025-01 cut writes the first
BIENESTAR_NAMES = frozenset({
    "SERVICIOS DE SALUD IMSS BIENESTAR", "IMSS BIENESTAR",
    "SERVICIOS DE SALUD DEL INSTITUTO MEXICANO DEL SEGURO SOCIAL PARA EL BIENESTAR",
    "SERVICIOS DE SALUD DEL INSTITUTO MEXICANO DEL SEGURO SOCIAL PARA EL BIENESTAR IMSS "
    "BIENESTAR"})
OPERATING = "EN OPERACION"
HOSPITALISATION, OUTPATIENT = "DE HOSPITALIZACION", "DE CONSULTA EXTERNA"
CENTRE_TYPOLOGY = re.compile(
    r"(RURAL|URBANO) DE \d+ NUCLEOS? BASICOS?( Y MAS)?|CENTROS? DE SALUD CON SERVICIOS "
    r"AMPLIADOS|CENTRO DE SALUD CON HOSPITALIZACION|CENTRO DE SALUD( RURAL| URBANO)?")
CLUES_FORM = re.compile(r"[A-Z]{5}\d{6}")
STATE_ALIASES = {"MEXICO": "15", "ESTADO DE MEXICO": "15", "DISTRITO FEDERAL": "09",
                 "CDMX": "09", "COAHUILA": "05", "MICHOACAN": "16", "VERACRUZ": "30"}
PLANTILLA_BASIS = "supuesto: sin archivo de personal, 0 médicos generales actuales"


@dataclass(frozen=True)
class Imported:
    """What an importer read: the workbook's tables, its LEEME lines, every row left out or
    read with a caveat, and counts for the summary."""

    tables: dict[str, pd.DataFrame]
    leeme: list[str]
    skipped: list[Skipped]
    counts: dict[str, int]


def state_keys(municipalities: pd.DataFrame) -> tuple[dict[str, str], dict[str, str]]:
    """(normalised state name or key → two-digit key, key → CONAPO name)."""
    names = municipalities.groupby("cve_ent")["nom_ent"].first()
    by_name = {normalise(n): k for k, n in names.items()}
    by_name.update({str(int(k)): k for k in names.index})
    by_name.update({k: k for k in names.index})
    by_name.update(STATE_ALIASES)
    return by_name, dict(names)


def resolve_states(values: Iterable[str], municipalities: pd.DataFrame) -> list[str]:
    """``--entidad`` values (names or INEGI keys) → keys; InputError naming an unknown one."""
    by_name, names = state_keys(municipalities)
    out, bad = [], []
    for v in values:
        key = by_name.get(normalise(v))
        (out.append(key) if key else bad.append(v))
    if bad:
        raise InputError([Issue("imp_unknown_state_option", params={
            "value": ", ".join(bad), "states": ", ".join(names.values())})], source=SOURCE)
    return out


def _institution_ok(value: str | None, wanted: str | None) -> bool:
    v = normalise(value)
    if wanted is None or normalise(wanted) in {normalise(IMSS_BIENESTAR), *BIENESTAR_NAMES}:
        return v in BIENESTAR_NAMES
    return v == normalise(wanted)


def import_clues(path: str | Path, institution: str | None = None,
                 states: Sequence[str] = (), staff: str | Path | None = None,
                 fuentes: str | Path = FUENTES) -> Imported:
    """The planner workbook of the units of ``path`` kept by the rules of this module, with the
    ``plantilla`` of the staff file ``staff`` when given (:mod:`planner.importers.staff`)."""
    fuentes = Path(fuentes)
    mun = load_municipalities(fuentes)
    wanted_states = set(resolve_states(states, mun))
    table = read_table(path, COLUMNS, WHAT)
    by_name, state_names = state_keys(mun)
    grades = real_units.load_state_grades(fuentes).set_index("cve_ent")
    info = mun.set_index("cve_mun")
    names_in_state = {(r.cve_ent, normalise(r.nom_mun)): r.cve_mun for r in mun.itertuples()}
    matcher = MunicipalityMatcher(mun)
    skipped: list[Skipped] = list(table.notes)
    place = table.place
    col = table.headers

    def skip(code: str, row: int, column: str | None, value=None, **params) -> None:
        skipped.append(Skipped(code, place, row, col.get(column, column), value, params))

    def note(code: str, row: int, column: str | None, value=None, **params) -> None:
        skipped.append(Skipped(code, place, row, col.get(column, column), value, params,
                               kind="note"))

    f = table.frame.reindex(columns=[w.name for w in COLUMNS])
    records = {int(i): {k: None if isinstance(v, float) else v for k, v in r.items()}
               for i, r in f.to_dict("index").items()}  # a column the file leaves out: blank
    kept: list[dict] = []
    institutions: dict[str, int] = {}
    for row, r in records.items():
        clues = (r["CLUES"] or "").upper()
        if not CLUES_FORM.fullmatch(clues):
            skip("imp_skip_bad_clues", row, "CLUES", r["CLUES"])
            continue
        inst = r["NOMBRE DE LA INSTITUCION"]
        institutions[inst or "—"] = institutions.get(inst or "—", 0) + 1
        if not _institution_ok(inst, institution):
            skip("imp_skip_institution", row, "NOMBRE DE LA INSTITUCION", inst,
                 wanted=institution or IMSS_BIENESTAR)
            continue
        cve_ent = None
        if r["CLAVE DE LA ENTIDAD"]:
            cve_ent = by_name.get(normalise(r["CLAVE DE LA ENTIDAD"]).lstrip("0") or "0")
        cve_ent = cve_ent or by_name.get(normalise(r["ENTIDAD"]))
        if cve_ent is None:
            skip("imp_skip_state_unknown", row, "ENTIDAD", r["ENTIDAD"])
            continue
        if wanted_states and cve_ent not in wanted_states:
            skip("imp_skip_state_filtered", row, "ENTIDAD", r["ENTIDAD"])
            continue
        status = normalise(r["ESTATUS DE OPERACION"])
        if status != OPERATING:
            skip("imp_skip_not_operating", row, "ESTATUS DE OPERACION",
                 r["ESTATUS DE OPERACION"])
            continue
        kind_text = normalise(r["NOMBRE TIPO ESTABLECIMIENTO"])
        typology = normalise(r["NOMBRE DE TIPOLOGIA"])
        if kind_text == HOSPITALISATION:
            kind = schema.HOSPITAL
        elif kind_text == OUTPATIENT:
            if not CENTRE_TYPOLOGY.fullmatch(typology):
                skip("imp_skip_typology", row, "NOMBRE DE TIPOLOGIA", r["NOMBRE DE TIPOLOGIA"])
                continue
            kind = schema.CENTRE
        else:
            skip("imp_skip_establishment", row, "NOMBRE TIPO ESTABLECIMIENTO",
                 r["NOMBRE TIPO ESTABLECIMIENTO"])
            continue
        kept.append({"row": row, "clues": clues, "kind": kind, "cve_ent": cve_ent, "r": r})

    # a CLUES kept twice: identical rows keep the first, different rows are all left out
    by_clues: dict[str, list[dict]] = {}
    for k in kept:
        by_clues.setdefault(k["clues"], []).append(k)
    units = []
    for clues, group in by_clues.items():
        if len(group) > 1:
            same = all({**g["r"], "CLUES": clues} == {**group[0]["r"], "CLUES": clues}
                       for g in group[1:])  # «hgimb…» and «HGIMB…» are the same code
            rows_text = ", ".join(str(g["row"]) for g in group)
            for g in (group[1:] if same else group):
                skip("imp_skip_dup_same" if same else "imp_skip_dup_differs", g["row"], "CLUES",
                     clues, first=group[0]["row"], rows=rows_text)
            if not same:
                continue
        units.append(group[0])
    if not units:
        top = sorted(institutions.items(), key=lambda kv: -kv[1])[:8]
        raise InputError([Issue("imp_nothing_kept", sheet=place, params={
            "rows": len(f), "institution": institution or IMSS_BIENESTAR,
            "found": "; ".join(f"{k} ({v:,})" for k, v in top) or "—"})], source=SOURCE)

    rows = []
    for u in sorted(units, key=lambda u: u["row"]):
        r, row, cve_ent = u["r"], u["row"], u["cve_ent"]
        cve_mun, basis = None, real_units.STATE_BASIS
        raw_key = r["CLAVE DEL MUNICIPIO"]
        if raw_key:
            digits = raw_key.strip()
            key = (cve_ent + digits.zfill(3)) if digits.isdigit() and len(digits) <= 3 else \
                digits if digits.isdigit() and len(digits) == 5 and digits[:2] == cve_ent else None
            if key in info.index:
                cve_mun, basis = key, real_units.KEY_BASIS
            else:
                note("imp_note_mun_key", row, "CLAVE DEL MUNICIPIO", raw_key)
        if cve_mun is None and r["MUNICIPIO"]:
            exact = names_in_state.get((cve_ent, normalise(r["MUNICIPIO"])))
            m = None if exact else matcher.match(r["MUNICIPIO"], cve_ent)
            if exact:
                cve_mun, basis = exact, "nombre (100)"
            elif m is not None:
                cve_mun, basis = m.cve_mun, f"nombre ({m.score:.0f})"
                note("imp_note_mun_matched", row, "MUNICIPIO", r["MUNICIPIO"], name=m.nom_mun,
                     score=f"{m.score:.0f}")
        if cve_mun is None:
            note("imp_note_mun_state", row, "MUNICIPIO", r["MUNICIPIO"],
                 state=state_names[cve_ent])
        elif r["MUNICIPIO"] and basis == real_units.KEY_BASIS and \
                normalise(r["MUNICIPIO"]) != normalise(info.at[cve_mun, "nom_mun"]):
            note("imp_note_mun_name_differs", row, "MUNICIPIO", r["MUNICIPIO"],
                 key=cve_mun, name=info.at[cve_mun, "nom_mun"])
        grade = info.at[cve_mun, "gm_2020"] if cve_mun else grades.at[cve_ent, "gm_estado"]
        lat, lon = number(r["LATITUD"]), number(r["LONGITUD"])
        lat_col = schema.SHEET_BY_KEY["unidades"].column("latitud")
        lon_col = schema.SHEET_BY_KEY["unidades"].column("longitud")
        coords_ok = lat is not None and lon is not None and \
            lat_col.minimum <= lat <= lat_col.maximum and lon_col.minimum <= lon <= lon_col.maximum
        if not coords_ok and (r["LATITUD"] or r["LONGITUD"]):
            note("imp_note_coords", row, "LATITUD", f"{r['LATITUD']}, {r['LONGITUD']}")
        rows.append({
            "clues": u["clues"], "nombre": r["NOMBRE DE LA UNIDAD"], "tipo": u["kind"],
            "clave_entidad": int(cve_ent), "entidad": state_names[cve_ent],
            "municipio": info.at[cve_mun, "nom_mun"] if cve_mun else r["MUNICIPIO"],
            "localidad": r["NOMBRE DE LA LOCALIDAD"], "zona": rules.zone_of(cve_ent),
            "grado_marginacion": grade, "elegible_bono": "no", "familias": None,
            "latitud": lat if coords_ok else None, "longitud": lon if coords_ok else None,
            "origen": real_units.REAL, "fuente": Path(path).name,
            "tipologia": r["NOMBRE DE TIPOLOGIA"], "base_tipologia": "tipología oficial",
            "clave_municipio": cve_mun, "base_marginacion": basis,
            "base_coordenadas": "dato" if coords_ok else None})
    unidades = pd.DataFrame(rows)
    covered: set[str] = set()
    from_file = pd.DataFrame()
    if staff is not None:
        from planner.importers.staff import staff_rows

        from_file, covered, staff_skipped = staff_rows(staff, unidades)
        skipped.extend(staff_skipped)
    rest = unidades[(unidades["tipo"] == schema.CENTRE) & ~unidades["clues"].isin(covered)]
    assumed = pd.DataFrame({"clues": rest["clues"], "categoria": schema.GENERAL_CATEGORY,
                            "requeridos": None, "actuales": 0, "base_actuales": PLANTILLA_BASIS})
    staff_table = pd.concat([t for t in (from_file, assumed) if len(t)], ignore_index=True) \
        if len(from_file) or len(assumed) else assumed
    staff_table["requeridos"] = staff_table["requeridos"].astype("Int64")
    counts = {"rows": len(f), "units": len(unidades), "staff_units": len(covered),
              "assumed_centres": len(rest),
              "hospitals": int((unidades["tipo"] == schema.HOSPITAL).sum()),
              "centres": int((unidades["tipo"] == schema.CENTRE).sum()),
              "skipped": sum(s.kind == "skip" for s in skipped),
              "notes": sum(s.kind == "note" for s in skipped)}
    return Imported(tables=_tables(unidades, staff_table), skipped=skipped, counts=counts,
                    leeme=_leeme(Path(path).name, institution, wanted_states, state_names,
                                 counts, unidades, Path(staff).name if staff else None))


def _tables(unidades: pd.DataFrame, staff: pd.DataFrame) -> dict[str, pd.DataFrame]:
    from planner.io.template import parameters_table, reference_tables

    unidades = unidades.sort_values(["clave_entidad", "clave_municipio", "tipo", "clues"],
                                    kind="stable", na_position="last").reset_index(drop=True)
    return {"parametros": parameters_table({"presupuesto_bono_mensual": 0,
                                            "meta_medicos_generales_por_centro":
                                                rules.TARGET_GPS_PER_CENTRE}),
            "unidades": unidades, "plantilla": staff,
            "oferta": pd.DataFrame(columns=["categoria", "candidatos", "clave_entidad"]),
            **reference_tables()}


def _leeme(name: str, institution: str | None, states: set[str], state_names: dict[str, str],
           counts: dict[str, int], unidades: pd.DataFrame, staff: str | None) -> list[str]:
    basis = unidades["base_marginacion"]
    n = len(unidades)
    by_key = int((basis == real_units.KEY_BASIS).sum())
    by_name = int(basis.str.startswith("nombre").sum())
    where = ", ".join(state_names[s] for s in sorted(states)) if states else "todas"
    zone3 = ", ".join(rules.ZONE_3_STATES.values())
    return [
        f"Libro importado del catálogo CLUES de la DGIS: {name} (planner import clues).",
        f"• Filtros: institución {institution or IMSS_BIENESTAR}; entidades: {where}; "
        "estatus EN OPERACION; hospitales (DE HOSPITALIZACION) y centros de salud (DE "
        "CONSULTA EXTERNA con tipología de centro de salud: rural o urbano de N núcleos "
        "básicos, con servicios ampliados o con hospitalización).",
        f"• {counts['rows']:,} filas leídas; {n:,} unidades ({counts['hospitals']:,} hospitales, "
        f"{counts['centres']:,} centros de salud); {counts['skipped']:,} filas omitidas y "
        f"{counts['notes']:,} avisos, cada una con su fila, columna y motivo en la hoja "
        "'importacion'.",
        f"• Municipio y grado de marginación (CONAPO 2020, {MUNICIPALITIES_FILE}): por clave "
        f"INEGI {by_key:,} de {n:,}, por nombre del municipio {by_name:,}, solo el grado del "
        f"estado {n - by_key - by_name:,} (columna 'base_marginacion').",
        f"• SUPUESTOS (edítelos): zona económica por estado (Zona 3 = {zone3}; las demás Zona "
        "2); ninguna unidad elegible al bono (el catálogo no lo dice: marque 'elegible_bono'); "
        "familias en blanco; presupuesto_bono_mensual 0.",
        (f"• 'plantilla' de {staff} para {counts['staff_units']:,} unidades (plazas ocupadas "
         "= actuales; en hospitales requeridos = plazas autorizadas). " if staff else
         "• 'plantilla': ") +
        f"{counts['assumed_centres']:,} centros de salud sin dato de personal tienen una fila "
        "de Medicina general con requeridos en blanco (vale la meta T) y actuales 0 — "
        "SUPUESTO; la columna 'base_actuales' lo dice en cada fila. Los hospitales sin dato no "
        "tienen filas. Escriba la plantilla real o importe un archivo de personal "
        "(--plantilla).",
        "• 'oferta' vacía: escriba los candidatos por categoría o use planner import "
        "candidatos con el archivo de candidatos por unidad.",
    ]
