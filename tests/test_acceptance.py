"""Acceptance-aware plans (issue 13): today's optimum at p = 1, hand-solved bonus choices,
the Monte Carlo against the model's expectation, and the new sheets' validation messages."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from models.settings import SOLVERS, SolverSettings
from planner.analysis.simulate import compare, simulate
from planner.core.errors import InputError
from planner.core.scenario import WhatIf
from planner.pipeline import load_scenario, solve
from tests import test_rules
from tests.builders import ANES, MG, base_tables, make_workbook
from tests.invariants import check_invariants

ACC_COLUMNS = ["tipo", "zona", "grado_marginacion", "bono_mensual", "probabilidad"]
LEVEL_COLUMNS = ["tipo", "zona", "bono_mensual"]


def _ones() -> pd.DataFrame:
    """Every offer accepted, at any bonus: the scenario's acceptance with p = 1."""
    return pd.DataFrame({"kind": ["especialidad", "especialidad", "medicina general"],
                         "zone": [0, 0, 0], "grade": ["", "", ""],
                         "bonus": [0.0, 50_000.0, 0.0], "p": [1.0, 1.0, 1.0]})


def _fixed_levels(scenario) -> pd.DataFrame:
    """One level per (type, zone): the 'bonos' value (por_hospital with nothing to choose)."""
    b = scenario.bonuses.reset_index()
    return pd.DataFrame({"kind": b["kind"], "zone": b["zone"], "bonus": b["bonus"]})


CASES = {
    "base": lambda tmp: make_workbook(tmp / "base.xlsx"),
    "low_budget": lambda tmp: make_workbook(tmp / "low.xlsx", presupuesto_bono_mensual=25_000),
    "pools": test_rules.pools_book,
    "links": test_rules.links_book,
    "floor": test_rules.floor_book,
    "minimum": test_rules.minimum_book,
}


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("case", sorted(CASES))
def test_p_one_gives_todays_optimum(tmp_path, case, solver):
    """With every p = 1, ``fijo`` and ``por_hospital`` with the 'bonos' value as the only level
    give today's optimum (and today's hand rule) on each test workbook."""
    scenario, _ = load_scenario(CASES[case](tmp_path))
    settings = SolverSettings(solver=solver)
    today = solve(scenario, None, settings)
    ones = dataclasses.replace(scenario, acceptance=_ones())
    fijo = solve(ones, None, settings)
    per_hospital = dataclasses.replace(
        ones, bonus_levels=_fixed_levels(scenario),
        params=dataclasses.replace(scenario.params, bonus_mode="por_hospital"))
    chosen = solve(per_hospital, None, settings)
    assert today.plan.status.value == "optimal"
    for other in (fijo, chosen):
        assert other.plan.status.value == "optimal"
        assert other.plan.objective == pytest.approx(today.plan.objective, abs=1e-6)
        assert other.hand.objective == pytest.approx(today.hand.objective, abs=1e-6)
        check_invariants(other.scenario, other)


def bonus_choice_book(tmp_path, basis="esperado", budget=32_000, risk=1):
    """Two bonus-eligible hospitals, Anestesiología only (weight 3), levels 0/10,000/20,000.

    ======  ========  ====  ===  ==============================
    unit    grade     gap   w    p at bonus 0 / 10,000 / 20,000
    ======  ========  ====  ===  ==============================
    HOSP01  muy alto  2     9    0.2 / 0.5 / 0.8
    HOSP02  alto      1     6    0.2 / 0.3 / 0.4
    ======  ========  ====  ===  ==============================

    Per offer (expected value w·p, expected cost b·p): HOSP01 1.8/0, 4.5/5,000, 7.2/16,000;
    HOSP02 1.2/0, 1.8/3,000, 2.4/8,000. One level per hospital.

    * Expected budget 32,000: two offers at HOSP01 at 20,000 (14.4, cost 32,000) and one at
      HOSP02 at 0 (1.2) = **15.6**; expected filled 2·0.8 + 0.2 = 1.8. Any other choice is
      worth less (HOSP01 at 10,000 gives at most 9 + 2.4 = 11.4; one offer at 20,000 at most
      7.2 + 2.4 = 9.6).
    * The 2024 policy (uniform 10,000 everywhere, most valuable first): 4.5 + 4.5 + 1.8 =
      **10.8**, expected filled 0.5·2 + 0.3 = 1.3, expected bonus 13,000.
    * Guaranteed budget 32,000 (b·x): HOSP01 two at 10,000 (9, cost 20,000) + HOSP02 at 10,000
      (1.8, 10,000) = **10.8**; at 20,000 HOSP01 could take one offer only (7.2 + 1.8 = 9).

    ``risk`` is riesgo_presupuesto: 1 (no guarantee) unless a test asks for one
    (tests/test_budget_risk.py works the case ε = 0.10 by hand).
    """
    tables = base_tables()
    tables["plantilla"] = pd.DataFrame([
        ("HOSP01", ANES, 2, 0), ("HOSP02", ANES, 1, 0),
        ("CS0001", MG, None, 2), ("CS0002", MG, None, 2), ("CS0003", MG, None, 2),
    ], columns=["clues", "categoria", "requeridos", "actuales"])
    tables["bonos"] = pd.DataFrame([("especialidad", 2, 10_000), ("especialidad", 3, 10_000)],
                                   columns=LEVEL_COLUMNS)
    tables["aceptacion"] = pd.DataFrame(
        [("especialidad", None, "muy alto", b, p) for b, p in ((0, .2), (10_000, .5),
                                                                (20_000, .8))]
        + [("especialidad", None, "alto", b, p) for b, p in ((0, .2), (10_000, .3),
                                                            (20_000, .4))],
        columns=ACC_COLUMNS)
    tables["niveles_bono"] = pd.DataFrame([("especialidad", z, b) for z in (2, 3)
                                           for b in (0, 10_000, 20_000)], columns=LEVEL_COLUMNS)
    return make_workbook(tmp_path / "bono.xlsx", tables, presupuesto_bono_mensual=budget,
                         modo_bono="por_hospital", presupuesto_bono_base=basis,
                         riesgo_presupuesto=risk)


def _placed(result) -> dict[str, tuple[int, float]]:
    pl = result.plan.placements
    pl = pl[pl["placed"] > 0]
    return {c: (int(n), float(b)) for c, n, b in zip(pl["clues"], pl["placed"], pl["bonus"],
                                                    strict=True)}


@pytest.mark.parametrize("solver", SOLVERS)
def test_paying_more_at_the_muy_alto_hospital_fills_more(tmp_path, solver):
    scenario, _ = load_scenario(bonus_choice_book(tmp_path))
    result = solve(scenario, None, SolverSettings(solver=solver))
    check_invariants(result.scenario, result)
    assert result.plan.status.value == "optimal"
    assert result.plan.objective == pytest.approx(15.6)
    assert _placed(result) == {"HOSP01": (2, 20_000.0), "HOSP02": (1, 0.0)}
    assert result.hand.objective == pytest.approx(10.8)
    pl, hand = result.plan.placements, result.hand.placements
    assert float((pl["placed"] * pl["p_accept"]).sum()) == pytest.approx(1.8)
    assert float((hand["placed"] * hand["p_accept"]).sum()) == pytest.approx(1.3)
    assert float((hand["placed"] * hand["cost"]).sum()) == pytest.approx(13_000)


@pytest.mark.parametrize("solver", SOLVERS)
def test_guaranteed_budget_counts_every_offer(tmp_path, solver):
    scenario, _ = load_scenario(bonus_choice_book(tmp_path, basis="garantizado"))
    result = solve(scenario, None, SolverSettings(solver=solver))
    check_invariants(result.scenario, result)
    assert result.plan.objective == pytest.approx(10.8)
    assert _placed(result) == {"HOSP01": (2, 10_000.0), "HOSP02": (1, 10_000.0)}


def test_simulation_mean_within_three_standard_errors(tmp_path):
    """The Monte Carlo mean of posts filled and bonus paid matches the model's expectation."""
    scenario, _ = load_scenario(bonus_choice_book(tmp_path))
    result = solve(scenario)
    sim = simulate(result.scenario, result.plan.placements, draws=4000, seed=7)
    for metric, expected in (("filled", 1.8), ("bonus_paid", 32_000.0)):
        row = sim.national.set_index("metric").loc[metric]
        assert row["expected"] == pytest.approx(expected)
        se = row["sd"] / np.sqrt(sim.draws)
        assert abs(row["mean"] - expected) <= 3 * se
    again = simulate(result.scenario, result.plan.placements, draws=4000, seed=7)
    assert np.array_equal(sim.samples["filled"], again.samples["filled"])  # seeded


def test_common_random_numbers_and_gain(tmp_path):
    """The gain over the 2024 policy: expected 1.8 − 1.3 = 0.5 posts; with common random
    numbers a plan compared with itself differs by exactly 0 in every draw."""
    scenario, _ = load_scenario(bonus_choice_book(tmp_path))
    result = solve(scenario)
    _, _, gain = compare(result.scenario, result.plan.placements, result.hand.placements,
                         draws=4000, seed=1)
    nat = gain.iloc[0]
    assert nat["expected"] == pytest.approx(0.5)
    assert abs(nat["mean"] - 0.5) < 0.1
    _, _, same = compare(result.scenario, result.plan.placements, result.plan.placements,
                         draws=200, seed=1)
    assert (same[["mean", "p10", "p90"]].to_numpy() == 0).all()


def test_second_round_fills_declined_posts(tmp_path):
    """Re-offering declined posts to free candidates never fills fewer posts, draw by draw."""
    scenario, _ = load_scenario(bonus_choice_book(tmp_path))
    result = solve(scenario)
    one = simulate(result.scenario, result.plan.placements, draws=2000, seed=3)
    two = simulate(result.scenario, result.plan.placements, draws=2000, seed=3,
                   second_round=True)
    assert (two.samples["filled"] >= one.samples["filled"]).all()
    assert two.samples["filled"].mean() > one.samples["filled"].mean()


# --- validation of the new sheets -------------------------------------------------------------

def _messages(path) -> list[str]:
    with pytest.raises(InputError) as err:
        load_scenario(path)
    return [i.text() for i in err.value.issues]


def test_probability_above_one_is_refused(tmp_path):
    tables = base_tables()
    tables["aceptacion"] = pd.DataFrame([("especialidad", None, "alto", 0, 1.5)],
                                        columns=ACC_COLUMNS)
    assert _messages(make_workbook(tmp_path / "p.xlsx", tables)) == [
        "hoja «aceptacion», fila 2, columna «probabilidad», valor «1.5»: El valor debe ser como "
        "máximo 1."]


def test_por_hospital_needs_levels(tmp_path):
    path = make_workbook(tmp_path / "l.xlsx", modo_bono="por_hospital")
    assert _messages(path) == [
        "hoja «niveles_bono»: modo_bono = por_hospital necesita niveles de bono: llene la hoja "
        "«niveles_bono» (tipo, zona, bono_mensual) o use modo_bono = fijo."]


def test_unknown_bonus_mode_is_refused(tmp_path):
    path = make_workbook(tmp_path / "m.xlsx", modo_bono="variable")
    assert _messages(path) == [
        "hoja «parametros», fila 10, parámetro «modo_bono», columna «valor», valor «variable»: "
        "Valor no permitido; se "
        "esperaba uno de: fijo, por_hospital."]


def test_falling_probability_is_a_warning(tmp_path):
    tables = base_tables()
    tables["aceptacion"] = pd.DataFrame([("especialidad", None, "alto", 0, 0.5),
                                         ("especialidad", None, "alto", 10_000, 0.4)],
                                        columns=ACC_COLUMNS)
    scenario, _ = load_scenario(make_workbook(tmp_path / "w.xlsx", tables))
    assert tuple(n.text("es") for n in scenario.notes) == (
        "Aviso, hoja «aceptacion», fila 3: la probabilidad baja de 0.50 (bono 0) a 0.40 (bono "
        "10,000) aunque el bono sube; revise la curva.",)


def test_without_the_sheets_nothing_changes(tmp_path):
    """A workbook written before issue 13 (no aceptacion, no niveles_bono) reads as p = 1."""
    from openpyxl import load_workbook

    path = make_workbook(tmp_path / "old.xlsx")
    wb = load_workbook(path)
    for name in ("aceptacion", "niveles_bono"):  # the builder may already leave them out
        if name in wb.sheetnames:
            del wb[name]
    wb.save(path)
    assert not {"aceptacion", "niveles_bono"} & set(load_workbook(path).sheetnames)
    scenario, _ = load_scenario(path)
    assert scenario.acceptance is None and scenario.bonus_levels is None
    assert scenario.params.bonus_mode == "fijo"
    assert solve(scenario, WhatIf()).plan.status.value == "optimal"


# --- faces: CLI and result workbook -----------------------------------------------------------

def test_cli_simulate_json_and_workbook(tmp_path):
    """``planner solve --simulate N --json`` carries the expected figures and the gain over the
    2024 policy (hand-solved above: 1.8 vs 1.3 expected posts), and the result workbook gets the
    ``simulacion`` sheets."""
    import json

    from openpyxl import load_workbook

    path = bonus_choice_book(tmp_path)
    out = tmp_path / "resultado.xlsx"
    proc = test_rules.cli("solve", str(path), "--json", "--simulate", "300", "--seed", "5",
                          "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    acc = json.loads(proc.stdout)["acceptance"]
    assert acc["draws"] == 300 and acc["seed"] == 5
    assert acc["expected_filled"] == pytest.approx(1.8)
    assert acc["hand_expected_filled"] == pytest.approx(1.3)
    assert acc["gain_expected"] == pytest.approx(0.5)
    assert acc["expected_bonus"] == pytest.approx(32_000)
    assert acc["guaranteed_bonus"] == pytest.approx(40_000)
    assert acc["filled_p10"] <= acc["filled_p50"] <= acc["filled_p90"]
    assert acc["expected_spec_muy_alto"] == pytest.approx(1.6)  # HOSP01: 2 × 0.8
    assert acc["hand_expected_spec_muy_alto"] == pytest.approx(1.0)  # 2 × 0.5
    assert acc["sentences"][2] == ("Especialistas que se espera lleguen a hospitales de "
                                   "marginación muy alta: 1.6 con el bono diferenciado, 1 con el "
                                   "uniforme de 2024.")
    assert acc["sentences"][1].startswith("Con el mismo presupuesto, el bono diferenciado llena "
                                          "0.5 plazas más")
    wb = load_workbook(out, read_only=True)
    assert {"simulación", "simulación nacional", "simulación por entidad"} <= set(wb.sheetnames)
    header = next(wb["simulación"].iter_rows(max_row=1, values_only=True))
    assert header[:4] == ("Clave de entidad", "Entidad", "ofertas del plan",
                          "plazas llenas esperadas")
    resumen = [r[0] for r in wb["resumen"].iter_rows(values_only=True) if r and r[0]]
    assert "Plazas que se espera llenar (aceptación de ofertas)" in resumen


def test_no_simulation_no_interval(tmp_path):
    """Without ``--simulate`` nothing was drawn, so the sentences give the expected figures of
    the hand-solved book above (1.8 vs 1.3 posts, 15.6 vs 10.8 need) and no P10–P90: the
    interval "1.8 a 1.8" (was printed) is not a simulation's. With --simulate it is there."""
    import json

    path = bonus_choice_book(tmp_path)
    proc = test_rules.cli("solve", str(path), "--json")
    assert proc.returncode == 0, proc.stderr
    acc = json.loads(proc.stdout)["acceptance"]
    assert acc["draws"] == 0
    assert acc["sentences"][:2] == [
        "Plazas que se espera llenar: 1.8 de 3 ofertas; bono esperado $32,000 al mes.",
        "Con el mismo presupuesto, el bono diferenciado llena 0.5 plazas más que el bono "
        "uniforme de 2024 y cubre 4.8 más necesidad ponderada esperada (+44.4 %)."]
    text = test_rules.cli("solve", str(path), "--out", str(tmp_path / "r.xlsx")).stdout
    assert "Plazas que se espera llenar: 1.8 de 3 ofertas" in text and "P10" not in text
    sim = json.loads(test_rules.cli("solve", str(path), "--json", "--simulate", "50").stdout)
    assert all("P10–P90" in line for line in sim["acceptance"]["sentences"][:2])


@pytest.mark.parametrize("change, message", [
    ({"bonus": 12_345.0}, "is not a level of"),
    ({"bonus": 10_000.0}, "two bonus levels at HOSP01"),
    ({"budget": 31_000}, "over the budget"),
])
def test_invariant_checker_catches_levels_and_budgets(tmp_path, change, message):
    """The checker recomputes the chosen levels and the expected budget from the sheets: an
    illegal level, two levels at one hospital, or a plan over the expected budget are caught."""
    scenario, _ = load_scenario(bonus_choice_book(tmp_path))
    result = solve(scenario)
    pl = result.plan.placements.copy()
    if "bonus" in change:  # the second HOSP01 row (Cirugía general has no gap: use a new row)
        first = pl.index[(pl["clues"] == "HOSP01") & (pl["placed"] > 0)][0]
        if change["bonus"] == 10_000.0:
            extra = pl.loc[[first]].assign(category="Cirugía general", placed=0)
            scenario2 = result.scenario
            staffing = scenario2.staffing.copy()
            staffing.loc[("HOSP01", "Cirugía general"), ["required", "current"]] = [1.0, 0]
            scenario2 = dataclasses.replace(scenario2, staffing=staffing)
            extra["placed"] = 1
            extra["bonus"] = 10_000.0
            pl = pd.concat([pl, extra], ignore_index=True)
            result = dataclasses.replace(result, scenario=scenario2)
        else:
            pl.loc[first, "bonus"] = change["bonus"]
        plan = dataclasses.replace(result.plan, placements=pl)
        broken = dataclasses.replace(result, plan=plan, indicators=None)
    else:
        params = dataclasses.replace(result.scenario.params, budget=change["budget"])
        broken = dataclasses.replace(result, scenario=dataclasses.replace(result.scenario,
                                                                          params=params),
                                     indicators=None, hand=None)
    with pytest.raises(AssertionError, match=message):
        check_invariants(broken.scenario, broken)
