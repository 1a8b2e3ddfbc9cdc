"""Parameters declared once (issue 11): schema.PARAMETERS names each parameter's Params/WhatIf
field, kind and bounds; the workbook's reader (PARAM_NAMES), the sweep grid (GRID_PARAMS) and the
what-if form (planner.ui.whatif.bounds) read them from there (tests/test_declare_once.py: the rest)."""

from __future__ import annotations

from dataclasses import fields

import pytest

from planner.core import schema
from planner.core.scenario import PARAM_NAMES, Params, WhatIf
from planner.io.grid import GRID_PARAMS, point_what_if
from planner.ui.whatif import APP_TIME_LIMIT_MAX, bounds


def test_every_parameter_names_a_field_of_params_and_whatif():
    declared = [p.field for p in schema.PARAMETERS]
    assert len(set(declared)) == len(declared) and "" not in declared
    assert set(declared) == {f.name for f in fields(Params)}
    assert {f.name for f in fields(WhatIf)} == set(declared) | {"bonus", "supply", "states"}


def test_param_names_keep_the_result_book_order():
    """The result book's parameter rows: the budget first, then schema order."""
    assert list(PARAM_NAMES) == [
        "presupuesto_bono_mensual", "meta_medicos_generales_por_centro", "peso_primer_medico",
        "peso_familias", "limite_tiempo_s", "brecha_mip", "cobertura_minima_entidad",
        "minimo_un_medico_por_centro", "modo_bono", "presupuesto_bono_base", "riesgo_presupuesto",
        "modo_asignacion",
        "meta_enfermeras_por_centro", "aceptacion_redireccion", "distancia_redireccion_km"]
    assert PARAM_NAMES["cobertura_minima_entidad"] == "equity_floor"


@pytest.mark.parametrize("column, value, expected", [
    ("presupuesto_bono_mensual", 25_000.0, {"budget": 25_000.0}),
    ("meta_medicos_generales_por_centro", 3, {"target": 3}),
    ("cobertura_minima_entidad", 0.5, {"equity_floor": 0.5}),
    ("minimo_un_medico_por_centro", True, {"one_doctor_per_centre": True}),
    ("peso_primer_medico", 4.0, {"first_doctor_weight": 4.0}),
    ("peso_familias", 2.0, {"families_weight": 2.0}),
    ("bono_zona_3", 9_000.0, {"bonus": {(schema.SPECIALTY, 3): 9_000.0}}),
])
def test_grid_columns_set_the_declared_field(column, value, expected):
    assert point_what_if({column: value}) == WhatIf(**expected)


def test_grid_and_form_bounds_are_the_schema_bounds():
    """Bounds as DESIGN's parametros sheet states them: T in [0, 50], α in [0, 1], B ≥ 0 and,
    since issue 26 (every numeric parameter bounded), B ≤ 10^12 MXN a month;
    bonuses 0–1,000,000 MXN as the bonos sheet; the app caps the time limit at 600 s."""
    assert GRID_PARAMS["meta_medicos_generales_por_centro"] == ("target", "int", 0, 50)
    assert GRID_PARAMS["cobertura_minima_entidad"] == ("equity_floor", "number", 0, 1)
    assert GRID_PARAMS["presupuesto_bono_mensual"] == ("budget", "number", 0, 1e12)
    assert GRID_PARAMS["bono_zona_2"] == ("bonus:2", "number", 0, 1_000_000)
    assert bounds("target") == (0, 50)
    assert bounds("equity_floor") == (0, 1)
    assert bounds("budget") == (0, 1e12)
    assert bounds("bonus") == (0, 1_000_000)
    assert bounds("time_limit") == (1, APP_TIME_LIMIT_MAX) == (1, 600)
    assert schema.PARAMETER_BY_FIELD["time_limit"].maximum == 3600
