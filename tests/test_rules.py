"""The rules of DESIGN §2b: hand-solvable workbooks where each rule binds and beats the hand rule.

Every workbook here uses the base tables' weights (tests/builders.py): categories Medicina
general 1, Anestesiología 3, Cirugía general 2; grades medio 1, alto 2, muy alto 3; families 0
(factor 1); specialist bonus 10,979 MXN in zone 2 and 10,000 MXN in zone 3 at eligible units.
So w = category weight × grade weight, e.g. Anestesiología at a 'muy alto' hospital is 9.
Each optimum is worked out in the test's docstring and checked with HiGHS and CBC; every solved
result also passes the pandas-only invariant checker (tests/invariants.py).
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from models.allocation import placement_pairs
from models.hand_rule import hand_rule
from models.settings import SOLVERS, SolverSettings
from planner.analysis.indicators import compare_by_state, rule_messages
from planner.core.errors import InputError
from planner.core.plan import Plan, Status
from planner.core.result import Result
from planner.core.scenario import WhatIf
from planner.pipeline import load_scenario, solve, solve_workbook
from tests.builders import ANES, CIR, MG, base_tables, make_workbook
from tests.invariants import check_invariants

CHIS, OAX, GRO = (7, "Chiapas"), (20, "Oaxaca"), (12, "Guerrero")
UNIT_COLUMNS = ["clues", "nombre", "tipo", "clave_entidad", "entidad", "municipio", "zona",
                "grado_marginacion", "elegible_bono", "familias"]


def hospital(clues, state, zone, grade, eligible):
    """A hospital row of 'unidades'."""
    return (clues, clues, "hospital", state[0], state[1], "m", zone, grade,
            "sí" if eligible else "no", None)


def centre(clues, state, grade, families=0):
    """A health-centre row of 'unidades' (zone 2, not bonus-eligible)."""
    return (clues, clues, "centro de salud", state[0], state[1], "m", 2, grade, "no", families)


def book(tmp_path, units, staffing, supply, budget, requires=None, **params):
    """Write a workbook from the base tables with these units, staffing rows and supply."""
    tables = base_tables()
    tables["unidades"] = pd.DataFrame(units, columns=UNIT_COLUMNS)
    tables["plantilla"] = pd.DataFrame(staffing, columns=["clues", "categoria", "requeridos",
                                                          "actuales"])
    tables["oferta"] = pd.DataFrame(supply, columns=["categoria", "candidatos", "clave_entidad"])
    if requires:
        tables["categorias"]["requiere"] = tables["categorias"]["categoria"].map(requires)
    params = {"presupuesto_bono_mensual": budget, **params}
    return make_workbook(tmp_path / "reglas.xlsx", tables, **params)


def run(path, solver, what_if=None) -> Result:
    """Load, solve with ``solver`` and check every invariant."""
    scenario, _ = load_scenario(path)
    result = solve(scenario, what_if, SolverSettings(solver=solver))
    check_invariants(result.scenario, result)
    return result


def placed(plan: Plan) -> dict[tuple[str, str], int]:
    """Non-zero placements as {(clues, category): n}."""
    pl = plan.placements
    pl = pl[pl["placed"] > 0]
    return {(c, k): int(n) for c, k, n in zip(pl["clues"], pl["category"], pl["placed"],
                                               strict=True)}


# --- one workbook per rule, each beating the hand rule -----------------------------------------

def pools_book(tmp_path):
    """Anestesiología candidates: 2 registered in Oaxaca, 1 national; budget 21,000 MXN.

    =====  =======  ====  ========  ===  ===  ======
    unit   state    zone  eligible  gap  w    bonus
    =====  =======  ====  ========  ===  ===  ======
    HA     Chiapas  2     yes       1    9    10,979
    HC     Chiapas  3     no        2    6    0
    HB     Oaxaca   2     yes       1    6    10,979
    =====  =======  ====  ========  ===  ===  ======
    """
    units = [hospital("HA", CHIS, 2, "muy alto", True), hospital("HC", CHIS, 3, "alto", False),
             hospital("HB", OAX, 2, "alto", True)]
    staffing = [("HA", ANES, 1, 0), ("HC", ANES, 2, 0), ("HB", ANES, 1, 0)]
    supply = [(ANES, 1, None), (ANES, 2, 20), (MG, 0, None), (CIR, 0, None)]
    return book(tmp_path, units, staffing, supply, 21_000)


@pytest.mark.parametrize("solver", SOLVERS)
def test_state_pools_beat_the_hand_rule(tmp_path, solver):
    """Chiapas can only use the one national candidate; the budget pays one zone-2 bonus.

    Hand rule: HA (9) first, from the national pool (Chiapas has none): 10,979 MXN; then HB (6)
    has an Oaxaca candidate but 21,958 > 21,000; HC (6) has no candidate left in Chiapas.
    Objective 9.
    Optimum: HB from the Oaxaca pool (10,979) and one HC from the national pool (free): 6 + 6
    = 12. The alternative HA + nothing is 9. Without pools (3 national candidates) HB + 2 HC
    would give 18: the pools bind.
    """
    result = run(pools_book(tmp_path), solver)
    assert result.plan.objective == pytest.approx(12)
    assert result.hand.objective == pytest.approx(9)
    assert placed(result.plan) == {("HC", ANES): 1, ("HB", ANES): 1}
    assert placed(result.hand) == {("HA", ANES): 1}
    pools = result.indicators.pools.set_index("state")
    assert pools.loc["Chiapas", ["pool", "from_pool", "from_national", "idle"]].tolist() == \
        [0, 0, 1, 0]
    assert pools.loc["Oaxaca", ["pool", "from_pool", "from_national", "idle"]].tolist() == \
        [2, 1, 0, 1]
    hand_pools = result.hand_indicators.pools.set_index("state")
    assert hand_pools.loc["Oaxaca", "idle"] == 2
    by_state = result.indicators.by_state.set_index("state")
    assert by_state.loc["Oaxaca", ["pool_candidates", "pool_placed", "national_received",
                                   "pool_idle"]].tolist() == [2, 1, 0, 1]
    cmp = compare_by_state(result.indicators, result.hand_indicators).set_index("state")
    assert cmp.loc["Chiapas", ["need_covered_plan", "need_covered_hand",
                               "need_covered_diff"]].tolist() == [6, 9, -3]
    assert cmp.loc["Oaxaca", ["spec_placed_plan", "spec_placed_hand", "spec_placed_diff"]
                   ].tolist() == [1, 0, 1]
    assert cmp.loc["Total nacional", "need_covered_diff"] == pytest.approx(3)
    national = result.plan.marginal.set_index("key").loc[ANES]
    assert national["rhs"] == 1 and national["used"] == 1  # the national pool row


def links_book(tmp_path):
    """Cirugía general requires Anestesiología; 1 anesthesiologist, 3 surgeons; no bonuses.

    =====  =======  ========  ================  ===  ============  ===
    unit   state    grade     category          gap  has ANES now  w
    =====  =======  ========  ================  ===  ============  ===
    H1     Chiapas  alto      Anestesiología    1    no            6
    H1     Chiapas  alto      Cirugía general   2    no            4
    H2     Oaxaca   muy alto  Anestesiología    1    no            9
    H3     Oaxaca   medio     Cirugía general   1    no row        2
    =====  =======  ========  ================  ===  ============  ===
    """
    units = [hospital("H1", CHIS, 2, "alto", False), hospital("H2", OAX, 2, "muy alto", False),
             hospital("H3", OAX, 2, "medio", False)]
    staffing = [("H1", ANES, 1, 0), ("H1", CIR, 2, 0), ("H2", ANES, 1, 0), ("H3", CIR, 1, 0)]
    supply = [(ANES, 1, None), (CIR, 3, None), (MG, 0, None)]
    return book(tmp_path, units, staffing, supply, 0, requires={CIR: ANES})


@pytest.mark.parametrize("solver", SOLVERS)
def test_linked_specialties_beat_the_hand_rule(tmp_path, solver):
    """A surgeon goes only where an anesthesiologist is or arrives.

    Hand rule: the one anesthesiologist to H2 (9, most valuable); H1's surgeons then wait for
    an anesthesiologist that never comes, H3 has no anesthesia vacancy at all. Objective 9.
    Optimum: the anesthesiologist to H1 (6) unlocks its two surgeons (2 × 4): 14. Without the
    rule: H2 (9) + H1's surgeons (8) + H3's (2) = 19, so the rule binds.
    Held back by the rule: plan, H3's surgeon (no anesthesia vacancy); hand rule, H1's two
    surgeons as well.
    """
    result = run(links_book(tmp_path), solver)
    assert result.plan.objective == pytest.approx(14)
    assert result.hand.objective == pytest.approx(9)
    assert placed(result.plan) == {("H1", ANES): 1, ("H1", CIR): 2}
    assert placed(result.hand) == {("H2", ANES): 1}
    held = result.indicators.linked
    assert held[["clues", "category", "requires", "held_back", "reason"]].values.tolist() == \
        [["H3", CIR, ANES, 1, "no_vacancy"]]
    hand_held = result.hand_indicators.linked.set_index("clues")
    assert hand_held["held_back"].to_dict() == {"H1": 2, "H3": 1}
    assert hand_held.loc["H1", "reason"] == "not_placed"
    assert result.indicators.headline["spec_held_back"] == 1
    assert result.hand_indicators.headline["spec_held_back"] == 3
    no_rule = solve(result.scenario, None, SolverSettings(solver=solver))
    assert no_rule.plan.objective == pytest.approx(14)  # same scenario, same answer
    scenario = dataclasses.replace(
        result.scenario, categories=result.scenario.categories.assign(requires=None))
    free = solve(scenario, None, SolverSettings(solver=solver))
    assert free.plan.objective == pytest.approx(19)
    check_invariants(scenario, free)


def floor_book(tmp_path, alpha=1.0):
    """Anestesiología: 2 candidates, budget 20,000 MXN, all three hospitals eligible.

    =====  =======  ====  ========  ===  ===  ======
    unit   state    zone  grade     gap  w    bonus
    =====  =======  ====  ========  ===  ===  ======
    HCH    Chiapas  3     muy alto  2    9    10,000
    HOA1   Oaxaca   3     medio     2    3    10,000
    HOA2   Oaxaca   2     alto      1    6    10,979
    =====  =======  ====  ========  ===  ===  ======

    gap = 5, min(supply, gap) = 2: floors Chiapas ⌊α·2·2/5⌋ = 0, Oaxaca ⌊α·2·3/5⌋ = 1 (α = 1).
    """
    units = [hospital("HCH", CHIS, 3, "muy alto", True), hospital("HOA1", OAX, 3, "medio", True),
             hospital("HOA2", OAX, 2, "alto", True)]
    staffing = [("HCH", ANES, 2, 0), ("HOA1", ANES, 2, 0), ("HOA2", ANES, 1, 0)]
    supply = [(ANES, 2, None), (MG, 0, None), (CIR, 0, None)]
    return book(tmp_path, units, staffing, supply, 20_000, cobertura_minima_entidad=alpha)


@pytest.mark.parametrize("solver", SOLVERS)
def test_equity_floor_beats_the_hand_rule(tmp_path, solver):
    """Oaxaca must receive at least one anesthesiologist.

    Hand rule: first Oaxaca's floor with its most valuable post, HOA2 (6, 10,979 MXN); then HCH
    (9) would cost 20,979 > 20,000 and so would HOA1. Objective 6.
    Optimum: HOA1 (3, 10,000) for the floor and HCH (9, 10,000): 12. Without the floor both
    candidates go to HCH: 18, so the floor binds.
    """
    result = run(floor_book(tmp_path), solver)
    assert result.plan.objective == pytest.approx(12)
    assert result.hand.objective == pytest.approx(6)
    assert placed(result.plan) == {("HCH", ANES): 1, ("HOA1", ANES): 1}
    assert placed(result.hand) == {("HOA2", ANES): 1}
    floors = result.indicators.floors
    assert floors[["state", "floor", "placed", "met"]].values.tolist() == [
        ["Oaxaca", 1, 1, True]]
    assert result.indicators.headline["floors_unmet"] == 0
    off = solve(result.scenario, WhatIf(equity_floor=0.0), SolverSettings(solver=solver))
    assert off.plan.objective == pytest.approx(18)
    check_invariants(off.scenario, off)


def minimum_book(tmp_path, **params):
    """Two centres with no general doctor, two GP candidates; first-doctor weight P = 0.

    =====  =======  ========  ================  ===  ===  ======
    unit   state    grade     category          gap  w    bonus
    =====  =======  ========  ================  ===  ===  ======
    C1     Chiapas  muy alto  Medicina general  2    3    0
    C2     Oaxaca   medio     Medicina general  2    1    0
    H1     Chiapas  muy alto  Anestesiología    1    9    10,979 (zone 2)
    H2     Oaxaca   alto      Anestesiología    2    6    10,000 (zone 3)
    =====  =======  ========  ================  ===  ===  ======

    3 anesthesiologists, budget 20,000 MXN, target 2 GPs per centre.
    """
    units = [centre("C1", CHIS, "muy alto"), centre("C2", OAX, "medio"),
             hospital("H1", CHIS, 2, "muy alto", True), hospital("H2", OAX, 3, "alto", True)]
    staffing = [("C1", MG, None, 0), ("C2", MG, None, 0), ("H1", ANES, 1, 0), ("H2", ANES, 2, 0)]
    supply = [(MG, 2, None), (ANES, 3, None), (CIR, 0, None)]
    params = {"peso_primer_medico": 0, "minimo_un_medico_por_centro": "sí", **params}
    return book(tmp_path, units, staffing, supply, 20_000, **params)


@pytest.mark.parametrize("solver", SOLVERS)
def test_hard_minimum_beats_the_hand_rule(tmp_path, solver):
    """Every centre ends with a general doctor.

    Hand rule: first doctors C1 (3) and C2 (1); then H1 (9, 10,979 MXN); H2 (6) would cost
    20,979 > 20,000. Objective 4 + 9 = 13.
    Optimum: C1 and C2 (4) and two at H2 (12, 20,000 MXN): 16. Without the rule both GPs go to
    C1 (6): 18, so the rule binds.
    """
    result = run(minimum_book(tmp_path), solver)
    assert result.plan.objective == pytest.approx(16)
    assert result.hand.objective == pytest.approx(13)
    assert placed(result.plan) == {("C1", MG): 1, ("C2", MG): 1, ("H2", ANES): 2}
    assert placed(result.hand) == {("C1", MG): 1, ("C2", MG): 1, ("H1", ANES): 1}
    assert result.indicators.headline["centres_no_doctor_after"] == 0
    off = solve(result.scenario, WhatIf(one_doctor_per_centre=False),
                SolverSettings(solver=solver))
    assert off.plan.objective == pytest.approx(18)
    assert off.indicators.headline["centres_no_doctor_after"] == 1
    check_invariants(off.scenario, off)


# --- explained infeasibility --------------------------------------------------------------------

def infeasible_book(tmp_path):
    """Six centres with no GP and two GP candidates; two hospitals and one bonus.

    ========  ========  ========  ========  ==========================
    unit      state     grade     families  w of the first GP (P = 3)
    ========  ========  ========  ========  ==========================
    CH1       Chiapas   muy alto  6,000     3·2·4 = 24
    CH2       Chiapas   muy alto  3,000     3·1.5·4 = 18
    CH3       Chiapas   muy alto  0         3·4 = 12
    OA1, OA2  Oaxaca    alto      0         2·4 = 8
    GR1       Guerrero  medio     0         1·4 = 4
    ========  ========  ========  ========  ==========================

    Anestesiología: 2 candidates, HCH (Chiapas, muy alto, w 9) and HOA (Oaxaca, alto, w 6), both
    zone 2 and eligible (10,979 MXN each), gap 1 each; budget 10,979 MXN; α = 1, so each state
    must receive ⌊2·1/2⌋ = 1 anesthesiologist.
    """
    units = [centre("CH1", CHIS, "muy alto", 6000), centre("CH2", CHIS, "muy alto", 3000),
             centre("CH3", CHIS, "muy alto"), centre("OA1", OAX, "alto"),
             centre("OA2", OAX, "alto"), centre("GR1", GRO, "medio"),
             hospital("HCH", CHIS, 2, "muy alto", True), hospital("HOA", OAX, 2, "alto", True)]
    staffing = [(c, MG, None, 0) for c in ("CH1", "CH2", "CH3", "OA1", "OA2", "GR1")]
    staffing += [("HCH", ANES, 1, 0), ("HOA", ANES, 1, 0)]
    supply = [(MG, 2, None), (ANES, 2, None), (CIR, 0, None)]
    return book(tmp_path, units, staffing, supply, 10_979, cobertura_minima_entidad=1,
                minimo_un_medico_por_centro="sí")


@pytest.mark.parametrize("solver", SOLVERS)
def test_conflicting_rules_are_explained(tmp_path, solver):
    """Six centres need a first GP but only two candidates exist; the budget pays one floor.

    Least shortfall: 4 GPs + 1 anesthesiologist = 5. With it fixed, the objective puts the two
    GPs at the most valuable centres (CH1 24, CH2 18) and the anesthesiologist at HCH (9), so
    what is missing: GPs in Oaxaca 2, Chiapas 1 (CH3), Guerrero 1; the Oaxaca floor, 1.
    Lifting the candidate limit leaves only the budget's 1; lifting the budget leaves the 4 GPs.
    """
    result = run(infeasible_book(tmp_path), solver)
    plan = result.plan
    assert plan.status is Status.INFEASIBLE and result.indicators is None
    rules = plan.rules
    gp = rules[rules["rule"] == "one_doctor_per_centre"].set_index("state")
    assert gp["shortfall"].to_dict() == {"Oaxaca": 2, "Chiapas": 1, "Guerrero": 1}
    assert gp.loc["Chiapas", ["required", "reached", "clues"]].tolist() == [3, 2, "CH3"]
    assert gp.loc["Oaxaca", "clues"] == "OA1, OA2"
    floor = rules[rules["rule"] == "equity_floor"]
    assert floor[["category", "state", "required", "reached", "shortfall"]].values.tolist() == \
        [[ANES, "Oaxaca", 1, 0, 1]]
    assert rules["total_if_more_candidates"].iloc[0] == 1
    assert rules["total_if_more_budget"].iloc[0] == 4
    assert rules["total_if_national_pools"].isna().all() and rules["total_if_no_links"].isna().all()
    assert rule_messages(rules, "es", 1.0) == [
        "Faltan 4 médicos generales para que cada centro de salud tenga uno: Oaxaca 2, "
        "Chiapas 1, Guerrero 1.",
        "Falta 1 médico de Anestesiología para el piso de equidad (cada entidad recibe al menos "
        "el 100 % de su parte proporcional): Oaxaca 1.",
        "Faltan en total: 5. Qué lo impide: con candidatos sin límite faltarían 1; con "
        "presupuesto de bonos sin límite faltarían 4.",
    ]
    assert rule_messages(rules, "en", 1.0)[0] == (
        "4 general doctors are missing for every health centre to have one: Oaxaca 2, "
        "Chiapas 1, Guerrero 1.")
    # the hand rule still runs, and stops where candidates and budget run out
    assert result.hand_indicators.headline["centres_no_doctor_after"] == 4


@pytest.mark.parametrize("solver", SOLVERS)
def test_centre_without_vacancy_under_the_hard_minimum(tmp_path, solver):
    """A centre with 'requeridos' 0 and no doctor can never meet the hard minimum.

    The model is infeasible before any solver call; the explanation names the centre and says
    it has no vacancy (the other centre gets one of the two GPs: nothing else is missing).
    """
    units = [centre("C1", CHIS, "alto"), centre("C2", OAX, "alto")]
    staffing = [("C1", MG, None, 0), ("C2", MG, 0, 0)]
    supply = [(MG, 2, None), (ANES, 0, None), (CIR, 0, None)]
    path = book(tmp_path, units, staffing, supply, 0, minimo_un_medico_por_centro="sí")
    result = run(path, solver)
    assert result.plan.status is Status.INFEASIBLE
    assert result.plan.solver_status == "Infeasible (hard rule with no vacancy)"
    rules = result.plan.rules
    assert rules[["state", "required", "reached", "shortfall", "no_vacancy", "clues"]
                 ].values.tolist() == [["Oaxaca", 1, 0, 1, 1, "C2"]]
    lines = rule_messages(rules, "es")
    assert lines[0] == ("Falta 1 médico general para que cada centro de salud tenga uno: "
                        "Oaxaca 1.")
    assert lines[1].startswith("1 centro sin vacante de Medicina general en «plantilla»")


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "planner", *args], capture_output=True,
                          text=True, timeout=300)


def test_cli_infeasible_exits_3_with_the_explanation(tmp_path):
    """Exit code 3, the explanation in Spanish on stdout and in --json; no workbook written."""
    path = infeasible_book(tmp_path)
    out = tmp_path / "resultado.xlsx"
    proc = cli("solve", str(path), "--out", str(out))
    assert proc.returncode == 3, proc.stderr
    assert "Estado: infactible" in proc.stdout
    assert ("Faltan 4 médicos generales para que cada centro de salud tenga uno: Oaxaca 2, "
            "Chiapas 1, Guerrero 1.") in proc.stdout
    assert "No se escribe libro de resultados" in proc.stdout
    assert not out.exists()
    proc = cli("solve", str(path), "--json")
    assert proc.returncode == 3
    payload = json.loads(proc.stdout)
    assert payload["status"] == "infeasible" and payload["objective"] is None
    unmet = {(r["rule"], r["state"]): r["shortfall"] for r in payload["unmet_rules"]}
    assert unmet == {("one_doctor_per_centre", "Oaxaca"): 2,
                     ("one_doctor_per_centre", "Chiapas"): 1,
                     ("one_doctor_per_centre", "Guerrero"): 1, ("equity_floor", "Oaxaca"): 1}
    assert payload["explanation"][0].startswith("Faltan 4 médicos generales")
    # the same workbook with the rules switched off from the command line is solvable
    proc = cli("solve", str(path), "--json", "--equity-floor", "0",
               "--no-one-doctor-per-centre")
    assert proc.returncode == 0, proc.stdout
    payload = json.loads(proc.stdout)
    assert payload["status"] == "optimal"
    assert payload["by_state_vs_hand"][-1]["state"] == "Total nacional"


def test_solve_workbook_writes_rule_sheets(tmp_path):
    """Active rules add their sheets; por_entidad carries the comparison with the hand rule."""
    from openpyxl import load_workbook

    out = tmp_path / "resultado.xlsx"
    result = solve_workbook(links_book(tmp_path), out)
    assert result.plan.status is Status.OPTIMAL
    wb = load_workbook(out, read_only=True)
    assert "especialidades ligadas" in wb.sheetnames
    assert "bolsas estatales" not in wb.sheetnames and "piso de equidad" not in wb.sheetnames
    rows = list(wb["especialidades ligadas"].iter_rows(values_only=True))
    assert rows[0][:7] == ("CLUES", "Unidad", "Clave de entidad", "Entidad", "Categoría",
                           "Requiere", "Vacantes detenidas")
    assert rows[1][:7] == ("H3", "H3", 20, "Oaxaca", CIR, ANES, 1)
    header = next(wb["por entidad"].iter_rows(values_only=True))
    for column in ("Necesidad ponderada cubierta", "Ventaja: necesidad cubierta",
                   "Ventaja: centros en la meta", "Ventaja: especialistas asignados",
                   "Vacantes detenidas por especialidades ligadas"):
        assert column in header
    diag = dict(wb["diagnóstico"].iter_rows(values_only=True))
    assert diag["Reglas activas"] == "especialidades ligadas"


# --- validation --------------------------------------------------------------------------------

def test_general_medicine_cannot_require(tmp_path):
    tables = base_tables()
    tables["categorias"]["requiere"] = [ANES, None, None]
    path = make_workbook(tmp_path / "malo.xlsx", tables)
    with pytest.raises(InputError) as info:
        load_scenario(path)
    assert [i.text() for i in info.value.issues] == [
        "hoja «categorias», fila 2, columna «requiere», valor «Anestesiología»: La categoría de "
        "medicina general no puede requerir otra: los centros de salud no tienen especialistas, "
        "así que ningún centro podría recibir médicos generales."]


# --- the hand rule and the invariant checker ---------------------------------------------------

def reference_greedy(scenario, pairs) -> np.ndarray:
    """The hand rule as it was before the rules: most valuable placement first, one pass."""
    p = scenario.params.first_doctor_weight
    gap = pairs["gap"].to_numpy(dtype=int)
    weight = pairs["weight"].to_numpy(dtype=float)
    first = pairs["first"].to_numpy(dtype=bool)
    pair_of = np.repeat(np.arange(len(pairs)), gap)
    nth = np.arange(len(pair_of)) - np.repeat(np.cumsum(gap) - gap, gap)
    value = weight[pair_of] * np.where(first[pair_of] & (nth == 0), 1.0 + p, 1.0)
    order = np.lexsort((np.arange(len(value)), -value))
    left = scenario.supply_by_category().to_dict()
    budget = float(scenario.params.budget)
    cost = pairs["cost"].to_numpy(dtype=float)
    placed = np.zeros(len(pairs), dtype=int)
    for j in order:
        i = pair_of[j]
        k = pairs["category"].iat[i]
        if left[k] <= 0 or cost[i] > budget + 1e-9:
            continue
        left[k] -= 1
        budget -= cost[i]
        placed[i] += 1
    return placed


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_hand_rule_without_rules_is_the_plain_greedy(tmp_path, seed):
    """With every rule off the hand rule places exactly what the one-pass greedy placed."""
    rng = np.random.default_rng(seed)
    units, staffing = [], []
    for j in range(30):
        state = [CHIS, OAX, GRO][j % 3]
        grade = ["medio", "alto", "muy alto"][int(rng.integers(3))]
        if j % 4 == 0:
            units.append(hospital(f"H{j:02d}", state, int(rng.integers(2, 4)), grade,
                                  bool(rng.integers(2))))
            staffing += [(f"H{j:02d}", ANES, int(rng.integers(1, 4)), 0),
                         (f"H{j:02d}", CIR, int(rng.integers(1, 4)), int(rng.integers(2)))]
        else:
            units.append(centre(f"C{j:02d}", state, grade, int(rng.integers(0, 6000))))
            staffing.append((f"C{j:02d}", MG, None, int(rng.integers(0, 2))))
    supply = [(MG, 12, None), (ANES, 5, None), (CIR, 4, None)]
    path = book(tmp_path, units, staffing, supply, 60_000)
    scenario, _ = load_scenario(path)
    pairs = placement_pairs(scenario)
    plan = hand_rule(scenario, pairs)
    assert plan.placements["placed"].tolist() == reference_greedy(scenario, pairs).tolist()


def _broken(result: Result, changes: dict[tuple[str, str], int]) -> Result:
    """``result`` with some placements changed (to check that the checker notices)."""
    pl = result.plan.placements.copy()
    for (clues, category), n in changes.items():
        pl.loc[(pl["clues"] == clues) & (pl["category"] == category), "placed"] = n
    plan = dataclasses.replace(result.plan, placements=pl, objective=None)
    return dataclasses.replace(result, plan=plan, indicators=None, hand=None,
                               hand_indicators=None)


@pytest.mark.parametrize("case, changes, message", [
    ("pools", {("HC", ANES): 2, ("HB", ANES): 0}, "beyond the state pools"),
    ("links", {("H2", ANES): 1, ("H1", ANES): 0}, "neither has nor receives"),
    ("floor", {("HCH", ANES): 2, ("HOA1", ANES): 0}, "equity floor of Anestesiología"),
    ("minimum", {("C1", MG): 2, ("C2", MG): 0}, "no general doctor under the hard minimum"),
])
def test_invariant_checker_catches_each_rule(tmp_path, case, changes, message):
    """Each rule broken by hand in an optimal plan is reported by the checker."""
    path = {"pools": pools_book, "links": links_book, "floor": floor_book,
            "minimum": minimum_book}[case](tmp_path)
    result = run(path, "highs")
    with pytest.raises(AssertionError, match=message):
        check_invariants(result.scenario, _broken(result, changes))
