"""Known optima on hand-solvable workbooks, with every installed solver.

The base workbook (tests/builders.py) has, with families 0 (factor 1) and weights
MG 1, Anestesiología 3, Cirugía general 2 and grades medio 1, alto 2, muy alto 3:

=======  =====  ======  ==================  ===  ======  =====================
unit     zone   grade   category            gap  w       monthly bonus (MXN)
=======  =====  ======  ==================  ===  ======  =====================
HOSP01   2      m. alto Anestesiología      2    9       10,979
HOSP01   2      m. alto Cirugía general     1    6       10,979
HOSP02   3      alto    Anestesiología      1    6       10,000
HOSP02   3      alto    Cirugía general     1    4       10,000
CS0001   2      m. alto Medicina general    2    3       0 (first doctor: +P·w)
CS0002   3      alto    Medicina general    1    2       0
CS0003   3      medio   Medicina general    0    —       —
=======  =====  ======  ==================  ===  ======  =====================
"""

from __future__ import annotations

import pytest

from models.settings import SOLVERS, SolverSettings
from planner.core.plan import Status
from planner.core.scenario import WhatIf
from planner.pipeline import load_scenario, solve
from tests.builders import MG, base_tables, make_workbook, set_cell
from tests.invariants import check_invariants

pytestmark = pytest.mark.parametrize("solver", SOLVERS)


def run(tmp_path, solver, tables=None, what_if=None, **params):
    path = make_workbook(tmp_path / "caso.xlsx", tables, **params)
    scenario, _ = load_scenario(path)
    result = solve(scenario, what_if, SolverSettings(solver=solver))
    assert result.plan.status is Status.OPTIMAL
    check_invariants(result.scenario, result)
    return result


def placed(result) -> dict[tuple[str, str], int]:
    pl = result.plan.placements
    return {(c, k): int(n) for c, k, n in zip(pl["clues"], pl["category"], pl["placed"]) if n}


def test_everything_fits(tmp_path, solver):
    """Budget 1,000,000 and 10 candidates each: every gap is filled.

    Specialists 9·2 + 6 + 6 + 4 = 34; GPs: CS0001 3·2 + first 3·3 = 15, CS0002 2 → 51.
    """
    r = run(tmp_path, solver)
    assert r.plan.objective == pytest.approx(51)
    assert r.indicators.headline["bonus_month"] == 3 * 10_979 + 2 * 10_000
    assert r.indicators.headline["centres_at_target_after"] == 3


def test_budget_binding(tmp_path, solver):
    """Budget 30,000 buys two specialists at most (three cost ≥ 30,979): the two anaesthetists of
    HOSP01 (9 + 9 = 18, 21,958 MXN). GPs cost nothing: 17. Optimum 35."""
    r = run(tmp_path, solver, presupuesto_bono_mensual=30_000)
    assert r.plan.objective == pytest.approx(35)
    assert placed(r)[("HOSP01", "Anestesiología")] == 2
    assert r.indicators.headline["spec_placed"] == 2
    assert r.indicators.headline["bonus_month"] == 21_958


def test_zero_budget_places_only_free_doctors(tmp_path, solver):
    """Budget 0: no bonus-paying specialist; the GPs (no bonus) still go: 17."""
    r = run(tmp_path, solver, presupuesto_bono_mensual=0)
    assert r.plan.objective == pytest.approx(17)
    assert r.indicators.headline["spec_placed"] == 0


def test_cheaper_zone_3_beats_the_hand_rule(tmp_path, solver):
    """Budget 20,000: one Zona 2 specialist (worth 9, 10,979 MXN) leaves 9,021, too little for
    anyone else; two Zona 3 specialists (6 + 4 = 10, 20,000 MXN) are worth more. Optimum
    10 + 17 = 27; the hand rule takes the 9 first and ends at 26."""
    r = run(tmp_path, solver, presupuesto_bono_mensual=20_000)
    assert r.plan.objective == pytest.approx(27)
    assert placed(r)[("HOSP02", "Anestesiología")] == 1
    assert placed(r)[("HOSP02", "Cirugía general")] == 1
    assert r.hand.objective == pytest.approx(26)
    assert r.plan.objective > r.hand.objective


def test_target_change(tmp_path, solver):
    """Target 3: CS0001 gap 3 (3·3 + first 9 = 18), CS0002 gap 2 (4), CS0003 gap 1 (1);
    specialists 34 → 57. The --target override gives the same as the workbook parameter."""
    r = run(tmp_path, solver, meta_medicos_generales_por_centro=3)
    assert r.plan.objective == pytest.approx(57)
    r2 = run(tmp_path, solver, what_if=WhatIf(target=3))
    assert r2.plan.objective == pytest.approx(57)
    assert r2.indicators.headline["gp_placed"] == 6


def _one_gp_tables():
    """One GP candidate, budget 0; CS0001 (medio, w 1, no doctor) vs CS0002 (alto, w 2, one)."""
    tables = base_tables()
    set_cell(tables["unidades"], 2, "grado_marginacion", "medio")
    set_cell(tables["oferta"], 0, "candidatos", 1)
    return tables


def test_first_doctor_weight_decides(tmp_path, solver):
    """With P = 3 the lone GP is worth 1·(1+3) = 4 at CS0001 (no doctor) against 2 at CS0002;
    with P = 0.5 it is worth 1.5 < 2, so it goes to CS0002."""
    r = run(tmp_path, solver, _one_gp_tables(), presupuesto_bono_mensual=0)
    assert r.plan.objective == pytest.approx(4)
    assert placed(r) == {("CS0001", MG): 1}
    assert r.indicators.headline["centres_no_doctor_after"] == 0
    r = run(tmp_path, solver, _one_gp_tables(), presupuesto_bono_mensual=0,
            peso_primer_medico=0.5)
    assert r.plan.objective == pytest.approx(2)
    assert placed(r) == {("CS0002", MG): 1}
    assert r.indicators.headline["centres_no_doctor_after"] == 1


def test_families_weight(tmp_path, solver):
    """CS0001 full (current 2); CS0002 and CS0003 both alto with one GP; CS0003 serves 6,000
    families, so with F = 1 its weight is 2·(1 + 6000/6000) = 4 > 2: the lone GP goes there.
    With F = 0 both weigh 2 and the objective is 2."""
    tables = base_tables()
    set_cell(tables["plantilla"], 4, "actuales", 2)
    set_cell(tables["plantilla"], 6, "actuales", 1)
    set_cell(tables["unidades"], 4, "grado_marginacion", "alto")
    set_cell(tables["unidades"], 4, "familias", 6000)
    set_cell(tables["oferta"], 0, "candidatos", 1)
    r = run(tmp_path, solver, tables, presupuesto_bono_mensual=0)
    assert r.plan.objective == pytest.approx(4)
    assert placed(r) == {("CS0003", MG): 1}
    r = run(tmp_path, solver, tables, presupuesto_bono_mensual=0, peso_familias=0)
    assert r.plan.objective == pytest.approx(2)


def test_unit_with_no_gap_gets_nobody(tmp_path, solver):
    """CS0003 is at target and HOSP02 gets overstaffed in Cirugía (3 of 2): neither has a
    variable, nothing is placed there, and the gap is never negative."""
    tables = base_tables()
    set_cell(tables["plantilla"], 3, "actuales", 3)
    r = run(tmp_path, solver, tables)
    pairs = set(zip(r.plan.placements["clues"], r.plan.placements["category"]))
    assert ("CS0003", MG) not in pairs
    assert ("HOSP02", "Cirugía general") not in pairs
    assert r.plan.objective == pytest.approx(51 - 4)
    units = r.indicators.units
    assert units.loc["CS0003", "gp_placed"] == 0
    assert units.loc["HOSP02", "spec_gap"] == 1


def test_supply_binding(tmp_path, solver):
    """One anaesthetist only: it goes to HOSP01 (w 9, vs 6 at HOSP02). 51 − 9 − 6 = 36."""
    tables = base_tables()
    set_cell(tables["oferta"], 1, "candidatos", 1)
    r = run(tmp_path, solver, tables)
    assert r.plan.objective == pytest.approx(36)
    assert placed(r)[("HOSP01", "Anestesiología")] == 1
    by_cat = r.indicators.by_category.set_index("category")
    assert by_cat.loc["Anestesiología", "unplaced"] == 0
    assert by_cat.loc["Cirugía general", "unplaced"] == 10 - 2


def test_solvers_agree_on_bonus_override(tmp_path, solver):
    """Zona 3 bonus raised to 25,000 with budget 30,000: Zona 3 specialists no longer fit with
    others; best is HOSP01's two anaesthetists (18) again: 35."""
    r = run(tmp_path, solver, presupuesto_bono_mensual=30_000,
            what_if=WhatIf(bonus={("especialidad", 3): 25_000}))
    assert r.plan.objective == pytest.approx(35)
