"""One failing workbook per validation rule, built from the valid base with one change.

Each test asserts the exact Spanish message, with sheet, Excel row and column. Excel rows count
the header as row 1, so the first data row is row 2.
"""

from __future__ import annotations

import pandas as pd
import pytest

from planner.core.errors import InputError
from planner.pipeline import load_scenario
from tests.builders import ANES, MG, base_tables, drop_column, make_workbook, set_cell, write_raw


def problems(tmp_path, tables=None, **params) -> list[str]:
    """The issue lines of a workbook that must be invalid."""
    path = make_workbook(tmp_path / "libro.xlsx", tables, **params)
    with pytest.raises(InputError) as info:
        load_scenario(path)
    return [i.text() for i in info.value.issues]


def test_base_workbook_is_valid(tmp_path):
    scenario, _ = load_scenario(make_workbook(tmp_path / "ok.xlsx"))
    assert list(scenario.units.index) == ["HOSP01", "HOSP02", "CS0001", "CS0002", "CS0003"]
    assert scenario.params.budget == 1_000_000
    assert scenario.general_category == MG
    assert scenario.gaps().sum() == 2 + 1 + 1 + 1 + 2 + 1 + 0


def test_missing_sheet(tmp_path):
    tables = base_tables()
    path = make_workbook(tmp_path / "libro.xlsx", tables)
    # Rebuild without 'oferta': the writer writes every declared sheet, so drop it by hand.
    from openpyxl import load_workbook
    wb = load_workbook(path)
    del wb["oferta"]
    wb.save(path)
    with pytest.raises(InputError) as info:
        load_scenario(path)
    texts = [i.text() for i in info.value.issues]
    assert texts == ["hoja «oferta»: Falta la hoja «oferta» (hojas encontradas: LEEME, "
                     "parametros, unidades, plantilla, categorias, bonos, prioridades)."]


def test_missing_column(tmp_path):
    path = drop_column(make_workbook(tmp_path / "libro.xlsx"), "unidades", "zona")
    with pytest.raises(InputError) as info:
        load_scenario(path)
    texts = [i.text() for i in info.value.issues]
    assert len(texts) == 1
    assert texts[0].startswith("hoja «unidades», fila 1, columna «zona»: Falta la columna «zona» "
                               "(columnas encontradas: clues, nombre, tipo,")


def test_text_in_number(tmp_path):
    tables = base_tables()
    set_cell(tables["plantilla"], 1, "actuales", "dos")
    assert problems(tmp_path, tables) == [
        "hoja «plantilla», fila 3, columna «actuales», valor «dos»: Se esperaba un número."]


def test_negative_headcount(tmp_path):
    tables = base_tables()
    set_cell(tables["plantilla"], 0, "actuales", -1)
    assert problems(tmp_path, tables) == [
        "hoja «plantilla», fila 2, columna «actuales», valor «-1»: El valor debe ser al menos 0."]


def test_fractional_headcount(tmp_path):
    tables = base_tables()
    set_cell(tables["plantilla"], 0, "requeridos", 1.5)
    assert problems(tmp_path, tables) == [
        "hoja «plantilla», fila 2, columna «requeridos», valor «1.5»: Se esperaba un número "
        "entero."]


def test_unknown_grade(tmp_path):
    tables = base_tables()
    set_cell(tables["unidades"], 2, "grado_marginacion", "altísimo")
    assert problems(tmp_path, tables) == [
        "hoja «unidades», fila 4, columna «grado_marginacion», valor «altísimo»: Valor no "
        "permitido; se esperaba uno de: muy bajo, bajo, medio, alto, muy alto."]


def test_unknown_zone(tmp_path):
    tables = base_tables()
    set_cell(tables["unidades"], 0, "zona", 4)
    assert problems(tmp_path, tables) == [
        "hoja «unidades», fila 2, columna «zona», valor «4»: Valor no permitido; se esperaba uno "
        "de: 2, 3."]


def test_unknown_unit_type(tmp_path):
    tables = base_tables()
    set_cell(tables["unidades"], 1, "tipo", "clínica")
    assert problems(tmp_path, tables) == [
        "hoja «unidades», fila 3, columna «tipo», valor «clínica»: Valor no permitido; se "
        "esperaba uno de: hospital, centro de salud."]


def test_duplicate_clues(tmp_path):
    tables = base_tables()
    set_cell(tables["unidades"], 4, "clues", "cs0001")  # same key, other case
    texts = problems(tmp_path, tables)
    assert texts[0] == ("hoja «unidades», fila 6, columna «clues», valor «cs0001»: Valor repetido "
                        "de clues (ya aparece en la fila 4).")


def test_staffing_unknown_unit_and_category(tmp_path):
    tables = base_tables()
    set_cell(tables["plantilla"], 0, "clues", "NOEXISTE")
    set_cell(tables["plantilla"], 1, "categoria", "Cardiología pediátrica")
    assert problems(tmp_path, tables) == [
        "hoja «plantilla», fila 2, columna «clues», valor «NOEXISTE»: La CLUES no existe en la "
        "hoja «unidades».",
        "hoja «plantilla», fila 3, columna «categoria», valor «Cardiología pediátrica»: La "
        "categoría no existe en la hoja «categorias».",
    ]


def test_blank_required_only_for_centre_general(tmp_path):
    tables = base_tables()
    set_cell(tables["plantilla"], 0, "requeridos", None)  # a hospital specialty
    assert problems(tmp_path, tables) == [
        "hoja «plantilla», fila 2, columna «requeridos»: «requeridos» solo puede quedar en "
        "blanco en un centro de salud, para Medicina general (ahí vale la meta de médicos por "
        "centro) o para una categoría de enfermería (la meta de enfermeras por centro)."]


def test_negative_budget(tmp_path):
    assert problems(tmp_path, presupuesto_bono_mensual=-5) == [
        "hoja «parametros», fila 3, parámetro «presupuesto_bono_mensual», columna «valor», "
        "valor «-5»: El valor debe ser al menos 0."]


def test_missing_budget(tmp_path):
    tables = base_tables()
    p = tables["parametros"]
    tables["parametros"] = p[p["parametro"] != "presupuesto_bono_mensual"]
    assert problems(tmp_path, tables) == [
        "hoja «parametros», columna «parametro»: Falta el parámetro obligatorio "
        "«presupuesto_bono_mensual»."]


def test_unknown_parameter(tmp_path):
    tables = base_tables()
    extra = pd.DataFrame([{"parametro": "presupuesto_anual", "valor": 5, "descripcion": ""}])
    tables["parametros"] = pd.concat([tables["parametros"], extra], ignore_index=True)
    texts = problems(tmp_path, tables)
    assert texts == ["hoja «parametros», fila 17, columna «parametro», valor «presupuesto_anual»: "
                     "Parámetro desconocido; los parámetros válidos son: "
                     "meta_medicos_generales_por_centro, presupuesto_bono_mensual, "
                     "peso_primer_medico, peso_familias, limite_tiempo_s, brecha_mip, "
                     "cobertura_minima_entidad, minimo_un_medico_por_centro, modo_bono, "
                     "presupuesto_bono_base, riesgo_presupuesto, modo_asignacion, "
                     "meta_enfermeras_por_centro, "
                     "aceptacion_redireccion, distancia_redireccion_km."]


def test_equity_floor_out_of_range(tmp_path):
    assert problems(tmp_path, cobertura_minima_entidad=1.5) == [
        "hoja «parametros», fila 8, parámetro «cobertura_minima_entidad», columna «valor», "
        "valor «1.5»: El valor debe ser como máximo "
        "1."]


def test_bad_boolean(tmp_path):
    tables = base_tables()
    set_cell(tables["unidades"], 0, "elegible_bono", "quizá")
    assert problems(tmp_path, tables) == [
        "hoja «unidades», fila 2, columna «elegible_bono», valor «quizá»: Se esperaba sí o no."]


def test_requires_self_and_unknown(tmp_path):
    tables = base_tables()
    tables["categorias"]["requiere"] = [None, ANES, "Neurocirugía"]
    assert problems(tmp_path, tables) == [
        "hoja «categorias», fila 3, columna «requiere», valor «Anestesiología»: Una categoría no "
        "puede requerirse a sí misma.",
        "hoja «categorias», fila 4, columna «requiere», valor «Neurocirugía»: La categoría "
        "requerida no existe en la hoja «categorias».",
    ]


def test_exactly_one_general_category(tmp_path):
    tables = base_tables()
    set_cell(tables["categorias"], 2, "tipo", "medicina general")
    assert problems(tmp_path, tables) == [
        "hoja «categorias», columna «tipo»: Debe haber exactamente una categoría de tipo "
        "«medicina general»; hay 2."]


def test_grade_without_weight(tmp_path):
    tables = base_tables()
    tables["prioridades"] = tables["prioridades"][
        tables["prioridades"]["grado_marginacion"] != "muy alto"]
    assert problems(tmp_path, tables) == [
        "hoja «prioridades», columna «grado_marginacion», valor «muy alto»: Falta el peso del "
        "grado «muy alto», que usan 2 unidades."]


def test_every_problem_reported_at_once(tmp_path):
    """Five independent mistakes in four sheets are all reported in one go."""
    tables = base_tables()
    set_cell(tables["unidades"], 0, "zona", 9)
    set_cell(tables["unidades"], 3, "familias", "muchas")
    set_cell(tables["plantilla"], 2, "actuales", -3)
    set_cell(tables["oferta"], 0, "candidatos", "diez")
    set_cell(tables["bonos"], 1, "bono_mensual", "N/A")
    texts = problems(tmp_path, tables)
    assert len(texts) == 5
    sheets = sorted(t.split("»")[0].removeprefix("hoja «") for t in texts)
    assert sheets == ["bonos", "oferta", "plantilla", "unidades", "unidades"]


def test_headers_and_values_are_matched_loosely(tmp_path):
    """Case, accents, spaces/underscores in headers; 'SÍ', 'Centro De Salud', '10,979' as text."""
    tables = base_tables()
    tables["unidades"] = tables["unidades"].rename(columns={
        "grado_marginacion": "Grado Marginación", "clues": " CLUES ", "elegible_bono":
        "Elegible Bono"})
    tables["unidades"]["tipo"] = tables["unidades"]["tipo"].str.title()
    tables["unidades"]["Elegible Bono"] = ["SÍ", "si", "No", "", "NO"]
    tables["bonos"]["bono_mensual"] = ["10,979", " 10000 "]
    tables["plantilla"]["categoria"] = tables["plantilla"]["categoria"].str.upper()
    scenario, _ = load_scenario(write_raw(tmp_path / "suelto.xlsx", tables))
    assert scenario.units["bonus_eligible"].tolist() == [True, True, False, False, False]
    assert scenario.units["kind"].tolist()[2] == "centro de salud"
    assert scenario.bonuses["bonus"].tolist() == [10_979.0, 10_000.0]
    assert set(scenario.staffing.index.get_level_values("category")) == {
        MG, ANES, "Cirugía general"}


def test_english_messages(tmp_path):
    tables = base_tables()
    set_cell(tables["plantilla"], 1, "actuales", "dos")
    path = make_workbook(tmp_path / "libro.xlsx", tables)
    with pytest.raises(InputError) as info:
        load_scenario(path)
    assert info.value.issues[0].text("en") == (
        "sheet «plantilla», row 3, column «actuales», value «dos»: A number was expected.")
    table = info.value.table("es")
    assert list(table.columns) == ["hoja", "fila", "columna", "valor", "problema"]
    assert table.iloc[0]["fila"] == 3
