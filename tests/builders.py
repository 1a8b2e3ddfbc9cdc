"""Small input workbooks built in tests: a valid base plus overrides, written with the template."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from planner.io.template import parameters_table, write_input_workbook

MG = "Medicina general"
ANES = "Anestesiología"
CIR = "Cirugía general"


def base_tables() -> dict[str, pd.DataFrame]:
    """A tiny valid scenario: two hospitals (zones 2 and 3), three centres, three categories.

    Weights: categories MG 1, Anestesiología 3, Cirugía general 2; grades medio 1, alto 2,
    muy alto 3; families 0 so the families factor is 1.
    """
    unidades = pd.DataFrame([
        # clues, nombre, tipo, ent, entidad, mun, zona, grado, elegible, familias
        ("HOSP01", "Hospital Uno", "hospital", 7, "Chiapas", "Ocosingo", 2, "muy alto", "sí", None),
        ("HOSP02", "Hospital Dos", "hospital", 20, "Oaxaca", "Juchitán", 3, "alto", "sí", None),
        ("CS0001", "Centro Uno", "centro de salud", 7, "Chiapas", "Ocosingo", 2, "muy alto", "no", 0),
        ("CS0002", "Centro Dos", "centro de salud", 20, "Oaxaca", "Juchitán", 3, "alto", "no", 0),
        ("CS0003", "Centro Tres", "centro de salud", 20, "Oaxaca", "Juchitán", 3, "medio", "no", 0),
    ], columns=["clues", "nombre", "tipo", "clave_entidad", "entidad", "municipio", "zona",
                "grado_marginacion", "elegible_bono", "familias"])
    plantilla = pd.DataFrame([
        ("HOSP01", ANES, 2, 0), ("HOSP01", CIR, 1, 0),
        ("HOSP02", ANES, 1, 0), ("HOSP02", CIR, 2, 1),
        ("CS0001", MG, None, 0), ("CS0002", MG, None, 1), ("CS0003", MG, None, 2),
    ], columns=["clues", "categoria", "requeridos", "actuales"])
    categorias = pd.DataFrame([
        (MG, "medicina general", "no", 1), (ANES, "especialidad", "sí", 3),
        (CIR, "especialidad", "sí", 2),
    ], columns=["categoria", "tipo", "troncal", "peso"])
    oferta = pd.DataFrame([(MG, 10), (ANES, 10), (CIR, 10)], columns=["categoria", "candidatos"])
    bonos = pd.DataFrame([("especialidad", 2, 10_979), ("especialidad", 3, 10_000)],
                         columns=["tipo", "zona", "bono_mensual"])
    prioridades = pd.DataFrame([("muy bajo", 1), ("bajo", 1), ("medio", 1), ("alto", 2),
                                ("muy alto", 3)], columns=["grado_marginacion", "peso"])
    parametros = parameters_table({"presupuesto_bono_mensual": 1_000_000,
                                   "peso_primer_medico": 3, "peso_familias": 1})
    return {"parametros": parametros, "unidades": unidades, "plantilla": plantilla,
            "categorias": categorias, "oferta": oferta, "bonos": bonos,
            "prioridades": prioridades}


def set_param(tables: dict[str, pd.DataFrame], name: str, value: object) -> None:
    """Change one parameter's value in the ``parametros`` table, in place."""
    p = tables["parametros"]
    p.loc[p["parametro"] == name, "valor"] = value


def make_workbook(path: Path, tables: dict[str, pd.DataFrame] | None = None,
                  **params: object) -> Path:
    """Write ``tables`` (default: :func:`base_tables`) with parameter overrides to ``path``."""
    tables = base_tables() if tables is None else tables
    for name, value in params.items():
        set_param(tables, name, value)
    write_input_workbook(path, tables, ["Libro de prueba."])
    return Path(path)


def drop_column(path: Path, sheet: str, header: str) -> Path:
    """Remove a column from a written workbook (the writer always writes required columns)."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb[sheet]
    for cell in ws[1]:
        if cell.value == header:
            ws.delete_cols(cell.column)
            break
    wb.save(path)
    return Path(path)


def set_cell(df: pd.DataFrame, row: int, column: str, value: object) -> None:
    """Put any value (text in a number column too) into one cell of a test table, in place."""
    df[column] = df[column].astype(object)
    df.loc[row, column] = value


def write_raw(path: Path, tables: dict[str, pd.DataFrame]) -> Path:
    """Write tables as a planner might, with plain pandas: no template, headers as given."""
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, df in tables.items():
            df.to_excel(writer, sheet_name=name, index=False)
    return Path(path)


ACCEPTANCE_COLUMNS = ["tipo", "zona", "grado_marginacion", "bono_mensual", "probabilidad"]
LEVEL_COLUMNS = ["tipo", "zona", "bono_mensual"]
CANDIDATE_COLUMNS = ["folio", "categoria", "clave_entidad", "opcion_1", "opcion_2", "opcion_3",
                     "opcion_4", "opcion_5", "puntaje"]


def everything_on_tables() -> dict[str, pd.DataFrame]:
    """The base scenario with every optional sheet, rule and mode switched on at once.

    A health centre (CS0001, zone 2) is bonus-eligible, so general medicine has bonus levels
    (the first-doctor rows then exist once per level); Cirugía general requires
    Anestesiología; Anestesiología has a pool registered in Chiapas; equity floor 0.5; the hard
    minimum of one doctor per centre; acceptance curves (one falling, which is a note) and
    levels for both category types; a registered candidate list; modo_bono por_hospital on a
    guaranteed budget.
    """
    t = base_tables()
    t["unidades"].loc[t["unidades"]["clues"] == "CS0001", "elegible_bono"] = "sí"
    t["categorias"] = pd.DataFrame([
        (MG, "medicina general", "no", 1, None), (ANES, "especialidad", "sí", 3, None),
        (CIR, "especialidad", "sí", 2, ANES),
    ], columns=["categoria", "tipo", "troncal", "peso", "requiere"])
    t["oferta"] = pd.DataFrame([(MG, 10, None), (ANES, 6, None), (ANES, 2, 7), (CIR, 10, None)],
                               columns=["categoria", "candidatos", "clave_entidad"])
    t["bonos"] = pd.DataFrame([("especialidad", 2, 10_000), ("especialidad", 3, 10_000),
                               ("medicina general", 2, 5_000)], columns=LEVEL_COLUMNS)
    t["aceptacion"] = pd.DataFrame(
        [("especialidad", None, None, b, p) for b, p in ((0, .3), (10_000, .6), (20_000, .8))]
        + [("medicina general", None, None, b, p) for b, p in ((0, .5), (5_000, .7))]
        + [("especialidad", None, "alto", 0, .5), ("especialidad", None, "alto", 10_000, .4)],
        columns=ACCEPTANCE_COLUMNS)
    t["niveles_bono"] = pd.DataFrame(
        [("especialidad", z, b) for z in (2, 3) for b in (0, 10_000, 20_000)]
        + [("medicina general", 2, b) for b in (0, 5_000)], columns=LEVEL_COLUMNS)
    rows = [("E-1", ANES, 7, ["HOSP01", "HOSP02"], 90), ("E-2", ANES, 20, ["HOSP02"], 80),
            ("E-3", CIR, 7, ["HOSP01"], 70), ("E-4", CIR, 20, ["HOSP02", "HOSP01"], 60),
            ("G-1", MG, 7, ["CS0001", "CS0002"], 50), ("G-2", MG, 20, ["CS0002", "CS0001"], 40),
            ("G-3", MG, 20, ["20", "CS0002"], 30)]
    t["candidatos"] = pd.DataFrame(
        [[f, c, s, *(list(o) + [None] * (5 - len(o))), p] for f, c, s, o, p in rows],
        columns=CANDIDATE_COLUMNS)
    for name, value in (("cobertura_minima_entidad", 0.5), ("minimo_un_medico_por_centro", "sí"),
                        ("modo_bono", "por_hospital"), ("presupuesto_bono_base", "garantizado"),
                        ("presupuesto_bono_mensual", 40_000)):
        set_param(t, name, value)
    return t
