"""Issue 15: the result workbook speaks to planners: headers and sheet names with accents, the
what-if tried and the active rules on ``resumen``, ``diagnóstico`` in Spanish, and an
"optimiser's advantage" that never counts spending as a gain nor prints -0.00.

Hand case (tests/builders.base_tables, budget 1,000,000): 5 specialist vacancies (Anestesiología
2 + 1, Cirugía 1 + 1 after HOSP02's current surgeon) and 3 GP gaps (CS0001 2, CS0002 1, CS0003
0 under the target of 2), 10 candidates of each category: both the optimiser and the hand rule
fill everything, so every signed advantage is exactly 0 and the bonus rows have none.
"""

from __future__ import annotations

import math

import pytest
from openpyxl import load_workbook

from planner.core.scenario import WhatIf
from planner.pipeline import load_scenario, solve
from planner.report.result_book import advantage, write_result_workbook
from tests.builders import make_workbook

SHEETS_ES = ["resumen", "por entidad", "por categoría", "asignaciones", "unidades",
             "sensibilidad", "parámetros", "diagnóstico"]


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("book")
    scenario, _ = load_scenario(make_workbook(tmp / "caso.xlsx"))
    result = solve(scenario, WhatIf(budget=25_000, target=3))
    return load_workbook(write_result_workbook(result, tmp / "res.xlsx"), read_only=True)


def test_sheet_names_and_headers_are_planner_words(book):
    assert book.sheetnames == SHEETS_ES
    for name in SHEETS_ES:
        if name in ("resumen", "sensibilidad"):  # resumen has no header row of columns
            continue
        header = next(book[name].iter_rows(max_row=1, values_only=True))
        machine = [h for h in header if h and "_" in str(h)]
        assert machine == [], (name, machine)
    units = next(book["unidades"].iter_rows(max_row=1, values_only=True))
    for word in ("Clave de entidad", "Grado de marginación", "Vacantes de especialistas",
                 "En la meta antes", "Médicos generales después"):
        assert any(word == h or str(h).startswith(word) for h in units), word


def test_resumen_lists_the_what_if_and_the_rules(book):
    lines = [r[0] for r in book["resumen"].iter_rows(values_only=True) if r and r[0]]
    assert "  presupuesto_bono_mensual: 1,000,000 → 25,000" in lines
    assert "  meta_medicos_generales_por_centro: 2 → 3" in lines
    assert "Reglas activas: ninguna" in lines


def test_diagnostico_in_spanish(book):
    diag = dict(book["diagnóstico"].iter_rows(min_row=2, values_only=True))
    assert diag["Estado del plan"] == "óptimo"
    assert diag["Optimizador (solver)"] == "exacto propio"  # the default exact path, in words
    assert "Tiempo de optimización (s)" in diag
    assert diag["Reglas activas"] == "ninguna"
    assert not any("_" in str(k) for k in diag)


def test_advantage_column_never_counts_spending_nor_prints_minus_zero(book):
    rows = list(book["resumen"].iter_rows(values_only=True))
    head = next(i for i, r in enumerate(rows) if r[0] == "Indicador")
    table = {r[0]: r[1:5] for r in rows[head + 1:] if r and r[0] and r[2] is not None}
    for label in ("Bono mensual comprometido (MXN)", "Bono anual comprometido (MXN)",
                  "Presupuesto mensual de bonos (MXN)", "Uso del presupuesto",
                  "Centros de salud", "Hospitales",
                  # issue 21: a count of people placed is no advantage (fewer is not worse)
                  "Especialistas asignados", "Candidatos sin asignar"):
        assert table[label][3] is None, label
    for label in ("Centros sin médico general",
                  "Necesidad ponderada cubierta (objetivo)"):
        adv = table[label][3]
        assert adv == 0 and math.copysign(1, adv) == 1, (label, adv)


def test_by_state_differences_never_negative_zero(book):
    rows = list(book["por entidad"].iter_rows(values_only=True))
    cols = [i for i, h in enumerate(rows[0]) if str(h).startswith(("Ventaja", "Sin médico: plan"))]
    assert len(cols) == 4
    for r in rows[1:]:
        for i in cols:
            assert r[i] == 0 and math.copysign(1, r[i]) == 1, (rows[0][i], r[i])


def test_status_line_in_the_book_language(tmp_path):
    """The hand case is solved to optimality (gap 0): the status line on ``resumen`` gives the
    gap in the workbook's language ("brecha" was written in the English book too)."""
    scenario, _ = load_scenario(make_workbook(tmp_path / "caso.xlsx"))
    result = solve(scenario, WhatIf(budget=25_000, target=3))
    assert result.plan.gap == 0
    lines = {}
    for lang in ("es", "en"):
        wb = load_workbook(write_result_workbook(result, tmp_path / f"{lang}.xlsx", lang=lang),
                           read_only=True)
        lines[lang] = [r[0] for r in wb.worksheets[0].iter_rows(max_row=4, values_only=True)]
    assert "Estado: óptimo (brecha 0.0000%)" in lines["es"]
    assert "Status: optimal (gap 0.0000%)" in lines["en"]


def test_advantage_sign_and_zero():
    assert advantage("bonus_month", 50_000.0, 30_000.0) is None  # more spent is no gain
    assert advantage("budget_used", 0.9, 0.5) is None
    assert advantage("centres_no_doctor_after", 1, 3) == 2  # fewer without a doctor: +2
    # issue 21: counts of people placed are no advantage: the plan aims at weighted need
    assert advantage("unplaced", 5, 2) is None
    assert advantage("spec_placed", 7_000, 7_884) is None
    assert advantage("objective", 10.0, 10.0 + 1e-12) == 0.0
    assert math.copysign(1, advantage("objective", 10.0, 10.0 + 1e-12)) == 1
    assert advantage("spec_placed", 4, None) is None
