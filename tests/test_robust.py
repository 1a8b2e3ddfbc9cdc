"""Robust plans over acceptance-curve sets (issue 22, item 4): max-min worked by hand, regret.

The book (``crossing_book``): two bonus-eligible hospitals needing Anestesiología (weight 3),
two anesthesiologists offered, no bonus (``bonos`` 0 in both zones, fijo mode), flat curves.

======  ========  ===  ===  =========  ===============  ===============
unit    grade     gap  w    p central  p in set A        p in set B
======  ========  ===  ===  =========  ===============  ===============
HOSP01  muy alto  2    9    0.2        0.3 (level 1.5)  0.1 (level 0.5)
HOSP02  alto      1    6    0.2        0.1 (level 0.5)  0.4 (level 2.0)
======  ========  ===  ===  =========  ===============  ===============

With a at HOSP01 and b at HOSP02 (a + b ≤ 2, a ≤ 2, b ≤ 1), the expected weighted need is
V_C = 1.8a + 1.2b, V_A = 2.7a + 0.6b, V_B = 0.9a + 2.4b. The centres have no gap.

* Central plan: (2, 0), V_C = 3.6; under A 5.4, under B 1.8: worst case **1.8**.
* Robust plan over {A, B}: (1, 1) gives V_A = V_B = 3.3; (2, 0) gives min(5.4, 1.8) = 1.8;
  (1, 0) or (0, 1) less. The LP cannot do better: on a + b = 2, V_A = 1.2 + 2.1a and
  V_B = 4.8 − 1.5a meet at a = 1. Max-min **3.3**, proven by the LP bound.
* Over {central, A, B}: (1, 1) gives min(3.0, 3.3, 3.3) = **3.0** (the integer optimum); the
  LP bound is where V_C = 2.4 + 0.6a meets V_B at a = 8/7: 21.6/7 = 3.0857… (gap 2.78 %).
* Regret table for {A, B} and the plans {central, robust}: under A the central plan is best
  (5.4; robust 3.3, regret 2.1); under B the robust plan is best (3.3; central 1.8, regret 1.5).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest
from openpyxl import load_workbook

from models.acceptance import solve_robust
from models.curve_sets import CurveSet, curve_sets, evaluate, regret_table, shifted_curves
from models.settings import SOLVERS, SolverSettings
from planner.pipeline import load_scenario
from tests.builders import ANES, MG, base_tables, make_workbook

ACC_COLUMNS = ["tipo", "zona", "grado_marginacion", "bono_mensual", "probabilidad"]
MUY_ALTO = ("especialidad", 0, "muy alto")
ALTO = ("especialidad", 0, "alto")
SET_A = CurveSet(((MUY_ALTO, 1.5, 1.0), (ALTO, 0.5, 1.0)))
SET_B = CurveSet(((MUY_ALTO, 0.5, 1.0), (ALTO, 2.0, 1.0)))


def crossing_book(tmp_path, mip_gap: float = 0.0, p_alto: float = 0.2):
    tables = base_tables()
    tables["plantilla"] = pd.DataFrame([
        ("HOSP01", ANES, 2, 0), ("HOSP02", ANES, 1, 0),
        ("CS0001", MG, None, 2), ("CS0002", MG, None, 2), ("CS0003", MG, None, 2),
    ], columns=["clues", "categoria", "requeridos", "actuales"])
    tables["oferta"] = pd.DataFrame([(MG, 10), (ANES, 2)], columns=["categoria", "candidatos"])
    tables["bonos"] = pd.DataFrame([("especialidad", 2, 0), ("especialidad", 3, 0)],
                                   columns=["tipo", "zona", "bono_mensual"])
    tables["aceptacion"] = pd.DataFrame([("especialidad", None, "muy alto", 0, 0.2),
                                         ("especialidad", None, "alto", 0, p_alto)],
                                        columns=ACC_COLUMNS)
    return make_workbook(tmp_path / "cruce.xlsx", tables, brecha_mip=mip_gap,
                         riesgo_presupuesto=1)


def _placed(plan) -> dict[str, int]:
    pl = plan.placements
    return {c: int(n) for c, k, n in zip(pl["clues"], pl["category"], pl["placed"], strict=True)
            if k == ANES and n}


def test_curve_set_moves_level_and_slope_of_each_curve() -> None:
    """p' = clip(level·p₀ + slope·(p − p₀), 0, 1) per curve: a curve 0.2 → 0.5 (bonus 0 →
    10,000) under level 1.5, slope 0.5 becomes 0.3 → 0.3 + 0.15 = 0.45; under level 6 it clips
    at 1."""
    acc = pd.DataFrame({"kind": ["especialidad"] * 2, "zone": [0, 0], "grade": ["alto"] * 2,
                        "bonus": [0.0, 10_000.0], "p": [0.2, 0.5]})
    moved = shifted_curves(acc, CurveSet(((ALTO, 1.5, 0.5),)))
    assert moved["p"].tolist() == pytest.approx([0.3, 0.45])
    assert shifted_curves(acc, CurveSet(default=(6.0, 1.0)))["p"].tolist() == [1.0, 1.0]
    assert shifted_curves(acc, CurveSet()) is acc


@pytest.mark.parametrize("solver", SOLVERS)
def test_robust_plan_maximises_the_worst_curve_set(tmp_path, solver) -> None:
    """Module docstring: over {A, B} the robust plan is (1, 1) with worst case 3.3 (proven),
    where the central plan (2, 0) has worst case 1.8."""
    scenario, _ = load_scenario(crossing_book(tmp_path))
    plan = solve_robust(scenario, SolverSettings(solver=solver), [SET_A, SET_B])
    assert plan.status.value == "optimal", plan.solver_status
    assert plan.objective == pytest.approx(3.3)
    assert _placed(plan) == {"HOSP01": 1, "HOSP02": 1}
    values = evaluate(scenario, plan.placements, [SET_A, SET_B])
    assert values["need"].tolist() == pytest.approx([3.3, 3.3])


@pytest.mark.parametrize("solver", SOLVERS)
def test_a_fractional_max_min_goes_to_the_proof(tmp_path, solver) -> None:
    """Over {central, A, B} the integer optimum is 3.0 at (1, 1) while the LP reaches 21.6/7:
    at brecha_mip 0 the exact path cannot vouch for its plan and HiGHS proves 3.0 (the plan says
    «highs»); at brecha_mip 0.05 the exact path answers «feasible» with the measured gap."""
    sets = [CurveSet(), SET_A, SET_B]
    scenario, _ = load_scenario(crossing_book(tmp_path))
    plan = solve_robust(scenario, SolverSettings(solver=solver), sets)
    assert plan.status.value == "optimal" and plan.objective == pytest.approx(3.0)
    assert plan.solver == ("cbc" if solver == "cbc" else "highs")
    assert _placed(plan) == {"HOSP01": 1, "HOSP02": 1}
    if solver == "exact":
        loose, _ = load_scenario(crossing_book(tmp_path, mip_gap=0.05))
        plan = solve_robust(loose, SolverSettings(solver="exact", mip_gap=0.05), sets)
        assert plan.status.value == "feasible" and plan.solver == "exact"
        assert plan.objective == pytest.approx(3.0)
        assert plan.lp_bound == pytest.approx(21.6 / 7)
        assert plan.gap == pytest.approx(1 - 3.0 / (21.6 / 7))


def test_regret_table_by_hand(tmp_path) -> None:
    """Module docstring: under A the central plan is best (5.4 vs 3.3: robust regret 2.1), under
    B the robust plan (3.3 vs 1.8: central regret 1.5)."""
    scenario, _ = load_scenario(crossing_book(tmp_path))
    settings = SolverSettings(solver="highs")
    central = solve_robust(scenario, settings, [CurveSet()])
    assert _placed(central) == {"HOSP01": 2} and central.objective == pytest.approx(3.6)
    robust_plan = solve_robust(scenario, settings, [SET_A, SET_B])
    table = regret_table(scenario, {"central": central.placements,
                                    "robust": robust_plan.placements}, [SET_A, SET_B])
    got = {(int(s), p): (round(n, 6), round(r, 6)) for s, p, n, r in
           zip(table["set"], table["plan"], table["need"], table["regret"], strict=True)}
    assert got == {(0, "central"): (5.4, 0.0), (0, "robust"): (3.3, 2.1),
                   (1, "central"): (1.8, 1.5), (1, "robust"): (3.3, 0.0)}


def test_drawn_sets_are_seeded_and_cross(tmp_path) -> None:
    """curve_sets: the central set first, then per-curve factors in the ranges, the same for
    the same seed, and each curve its own factor (the sets can cross)."""
    scenario, _ = load_scenario(crossing_book(tmp_path))
    sets = curve_sets(scenario.acceptance, 6, seed=3)
    assert sets == curve_sets(scenario.acceptance, 6, seed=3) and sets[0].central
    for cs in sets[1:]:
        for curve in (MUY_ALTO, ALTO):
            level, slope = cs.of(curve)
            assert 0.8 <= level <= 1.2 and 0.5 <= slope <= 1.5
        assert cs.of(MUY_ALTO) != cs.of(ALTO)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "planner", "solve", *args],
                          capture_output=True, text=True, timeout=300)


def test_cli_robust_json_sentences_and_book(tmp_path) -> None:
    """`planner solve --robust 3`: the JSON block (3 sets, each plan's worst case and its figure
    with the workbook's curves: the central plan (2, 0) gives 3.6 there), the sentences with the
    assumption in words, and the two «robustez» sheets (3 plans × 3 sets = 9 rows)."""
    book = crossing_book(tmp_path)
    res = _cli(str(book), "--robust", "3", "--json")
    assert res.returncode == 0, res.stderr[-2000:]
    rob = json.loads(res.stdout)["robust"]
    assert rob["sets"] == 3 and rob["basis"] == "supuesto" and rob["status"] == "optimal"
    assert set(rob["plans"]) == {"central", "robust", "hand"}
    assert rob["plans"]["central"]["central"] == pytest.approx(3.6)
    assert rob["plans"]["robust"]["worst"] >= rob["plans"]["central"]["worst"] - 1e-9
    out = tmp_path / "r.xlsx"
    res = _cli(str(book), "--robust", "3", "--out", str(out))
    assert res.returncode == 0, res.stderr[-2000:]
    assert ("Plan robusto frente a las curvas de aceptación (3 juegos de curvas, semilla 0; "
            "SUPUESTO: en cada juego cada curva toma su propio nivel ×0.8–1.2 y su efecto del "
            "bono ×0.5–1.5; el primero es el de las curvas del libro): óptimo.") in res.stdout
    wb = load_workbook(out, read_only=True)
    front = list(wb["robustez"].iter_rows(values_only=True))
    assert front[0][:2] == ("Plan", "Peor caso")
    assert [r[0] for r in front[1:4]] == ["Plan óptimo (curvas del libro)",
                                          "Plan robusto (mejor peor caso)",
                                          "Política 2024 (bono uniforme)"]
    assert front[1][4] == pytest.approx(3.6)  # «Con las curvas del libro», central plan
    by_set = list(wb["robustez por juego"].iter_rows(values_only=True))
    assert len(by_set) == 1 + 9 and by_set[0][0] == "Juego de curvas"


def test_cli_robust_refusals(tmp_path) -> None:
    """Out of range, no curves, registered candidates: exit 2 with the reason, nothing written."""
    out = tmp_path / "r.xlsx"
    res = _cli(str(crossing_book(tmp_path)), "--robust", "201", "--out", str(out))
    assert res.returncode == 2 and "Valor no válido para --robust: «201». El valor debe ser " \
        "como máximo 200." in res.stdout + res.stderr
    plain = make_workbook(tmp_path / "sin_curvas.xlsx")
    res = _cli(str(plain), "--robust", "2", "--out", str(out))
    assert res.returncode == 2
    assert ("--robust necesita curvas de aceptación y el libro no las tiene: sin ellas no hay "
            "incertidumbre de curvas que cubrir.") in res.stdout + res.stderr
    res = _cli(str(crossing_book(tmp_path)), "--robust", "2", "--modo-asignacion", "estable",
               "--out", str(out))
    assert res.returncode == 2
    assert "--robust se calcula sobre ofertas (modo_asignacion = por_oferta); con " \
        "modo_asignacion = estable no se calcula." in res.stdout + res.stderr
    assert not out.exists()


def test_what_would_change_the_decision_by_hand(tmp_path) -> None:
    """crossing_book with p = 0.28 at HOSP02 («alto»): per offer HOSP01 9·0.2 = 1.8, HOSP02
    6·0.28 = 1.68, so the plan is (2, 0) = 3.6. One assumption at a time:

    * level ×0.8 (every curve): 1.44 vs 1.344, the plan stays; as it is 2.88. ×1.2: 4.32.
    * bonus effect ×0.5 / ×1.5: the curves are flat (one point), nothing moves: 3.6.
    * «alto» ×1.2: HOSP02 6·0.336 = 2.016 > 1.8, replanned (1, 1) = 1.8 + 2.016 = 3.816 against
      3.6 as it is: gain 0.216, one offer moves. ×0.8: the plan stays (gain 0).
    * «muy alto» ×0.8: HOSP01 9·0.16 = 1.44 < 1.68, replanned (1, 1) = 3.12 against 2.88: gain
      0.24, one offer moves. ×1.2: 4.32, the plan stays.

    The largest swing of the plan as it is (1.44) is shared by the level and «muy alto» (the
    level first, in the order assumptions are listed); the largest gain from replanning is «muy
    alto» (0.24): the measurement most worth making."""
    from planner.analysis.robustness import sensitivity_sentences
    from planner.pipeline import decision_sensitivity, solve

    scenario, _ = load_scenario(crossing_book(tmp_path, p_alto=0.28))
    result = solve(scenario)
    assert result.plan.objective == pytest.approx(3.6)
    rep = decision_sensitivity(result)
    got = {(a, g, side): (round(n, 6), round(r, 6), int(m)) for a, g, side, n, r, m in zip(
        rep.table["assumption"], rep.table["grade"], rep.table["side"], rep.table["need_plan"],
        rep.table["gain"], rep.table["offers_moved"], strict=True)}
    assert got == {
        ("slope", "", "low"): (3.6, 0.0, 0), ("slope", "", "high"): (3.6, 0.0, 0),
        ("level", "", "low"): (2.88, 0.0, 0), ("level", "", "high"): (4.32, 0.0, 0),
        ("grade", "alto", "low"): (3.6, 0.0, 0), ("grade", "alto", "high"): (3.6, 0.216, 1),
        ("grade", "muy alto", "low"): (2.88, 0.24, 1),
        ("grade", "muy alto", "high"): (4.32, 0.0, 0)}
    assert rep.order == ("level", "grade:muy alto", "slope", "grade:alto")
    assert rep.base_need == pytest.approx(3.6)
    assert sensitivity_sentences(rep)[-1] == (
        "Lo que más mueve lo que el plan logra: la aceptación sin bono (nivel de todas las "
        "curvas). Lo que más cambiaría la decisión: la aceptación en unidades de grado de "
        "marginación «muy alto» (saberlo vale hasta 0.2 puntos): es la medición que más conviene "
        "hacer.")


def test_cli_tornado_sheet_and_refusal(tmp_path) -> None:
    """`--tornado` writes «qué cambia la decisión» (4 assumptions × 2 ends, largest swing
    first) and the JSON block; without curves it is refused (exit 2), nothing written."""
    book = crossing_book(tmp_path, p_alto=0.28)
    out = tmp_path / "t.xlsx"
    res = _cli(str(book), "--tornado", "--out", str(out))
    assert res.returncode == 0, res.stderr[-2000:]
    assert "Qué cambiaría la decisión (SUPUESTO:" in res.stdout
    rows = list(load_workbook(out, read_only=True)["qué cambia la decisión"].iter_rows(
        values_only=True))
    assert rows[0][:3] == ("Supuesto", "Extremo", "Factor")
    assert rows[1][0] == "la aceptación sin bono (nivel de todas las curvas)"
    assert len([r for r in rows[1:] if r[1] in ("bajo", "alto")]) == 8
    res = _cli(str(book), "--tornado", "--json")
    block = json.loads(res.stdout)["what_changes_the_decision"]
    assert block["basis"] == "supuesto" and len(block["rows"]) == 8
    plain = make_workbook(tmp_path / "sin_curvas.xlsx")
    res = _cli(str(plain), "--tornado", "--out", str(tmp_path / "no.xlsx"))
    assert res.returncode == 2 and "--tornado replanea con las curvas de aceptación movidas" in \
        res.stdout + res.stderr
    assert not (tmp_path / "no.xlsx").exists()
