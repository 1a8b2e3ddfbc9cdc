"""Nurses as a category (issue 27 item 4): the centre target per category type and the first
nurse's priority, solved by hand and on every solver path.

The workbook is tests/builders.base_tables plus a category «Enfermería general» (tipo written
«enfermera») with weight 1, no bonus, and three nurse rows with a blank 'requeridos' (the nurse
target N = meta_enfermeras_por_centro) at the three centres:

    centre  grade     g_w  nurses today  gap (N = 2)  gap (N = 3)
    CS0001  muy alto  3    0             2            3
    CS0002  alto      2    1             1            2
    CS0003  medio     1    0             2            3

P = peso_primer_medico = 3, families 0. A nurse is worth w = 1 × g_w; the first nurse of a centre
with none (CS0001, CS0003) is worth (1 + P)·w: CS0001 12, then 3 each; CS0003 4, then 1 each;
CS0002 (it has one) 2 each. With 4 nurse candidates the best four placements are
  N = 2: 12 (CS1) + 4 (CS3) + 3 (CS1) + 2 (CS2) = 21   → CS1 2, CS2 1, CS3 1
  N = 3: 12 (CS1) + 4 (CS3) + 3 (CS1) + 3 (CS1) = 22   → CS1 3, CS2 0, CS3 1
(the last N = 3 tie: CS1's third nurse 3 > CS2's 2).

The doctors' part is the base workbook's, unchanged by nurses (budget 1,000,000 and 10
candidates per category bind nothing): HOSP01 (w×3) Anestesiología 2 × 9 + Cirugía 1 × 6,
HOSP02 (w×2) Anestesiología 1 × 6 + Cirugía 1 × 4, CS0001 MG first (1 + 3)·3 + 3 = 15, CS0002 MG
1 × 2, CS0003 MG at T = 2 already: 18 + 6 + 6 + 4 + 15 + 2 = 51.
Optimum: 51 + 21 = 72 at N = 2 and 51 + 22 = 73 at N = 3.
"""

from __future__ import annotations

import pandas as pd
import pytest

from models.allocation import placement_pairs
from models.hand_rule import hand_rule
from models.settings import SOLVERS, SolverSettings
from models.solve import solve_allocation
from planner.core.errors import InputError
from planner.core.plan import Status
from planner.core.scenario import WhatIf, apply_overrides
from planner.pipeline import load_scenario, solve
from tests.builders import base_tables, make_workbook, set_cell
from tests.invariants import check_invariants

EG = "Enfermería general"
DOCTORS = 51.0


def nurse_tables(candidates: int = 4) -> dict[str, pd.DataFrame]:
    t = base_tables()
    t["categorias"] = pd.concat([t["categorias"], pd.DataFrame(
        [(EG, "enfermera", "no", 1)], columns=["categoria", "tipo", "troncal", "peso"])],
        ignore_index=True)
    t["plantilla"] = pd.concat([t["plantilla"], pd.DataFrame(
        [("CS0001", EG, None, 0), ("CS0002", EG, None, 1), ("CS0003", EG, None, 0)],
        columns=["clues", "categoria", "requeridos", "actuales"])], ignore_index=True)
    t["oferta"] = pd.concat([t["oferta"], pd.DataFrame([(EG, candidates)],
                                                       columns=["categoria", "candidatos"])],
                            ignore_index=True)
    return t


def _scenario(tmp_path, nurse_target: int = 2):
    path = make_workbook(tmp_path / "enfermeras.xlsx", nurse_tables(),
                         meta_enfermeras_por_centro=nurse_target)
    return load_scenario(path)[0]


def _nurses(plan) -> dict[str, int]:
    p = plan.placements
    mine = p[(p["category"] == EG) & (p["placed"] > 0)]
    return dict(zip(mine["clues"], mine["placed"].astype(int)))


@pytest.mark.parametrize("solver", ["exact", "highs", "cbc"])
@pytest.mark.parametrize(("target", "optimum", "nurses"), [
    (2, DOCTORS + 21, {"CS0001": 2, "CS0002": 1, "CS0003": 1}),
    (3, DOCTORS + 22, {"CS0001": 3, "CS0003": 1}),
])
def test_nurse_optimum_by_hand(tmp_path, solver, target, optimum, nurses):
    scenario = _scenario(tmp_path, target)
    assert scenario.categories.at[EG, "kind"] == "enfermería"  # «enfermera» read as the type
    plan = solve_allocation(scenario, SolverSettings(solver=solver, mip_gap=0.0))
    assert plan.status is Status.OPTIMAL
    assert plan.objective == pytest.approx(optimum, abs=1e-6)
    assert _nurses(plan) == nurses
    p = plan.placements
    first = p[(p["category"] == EG) & p["first_doctor"]]
    assert sorted(first["clues"]) == ["CS0001", "CS0003"]


def test_nurse_target_is_its_own_parameter(tmp_path):
    """N changes the nurse gaps only; T changes the doctors' only (CS0003 has 2 GPs)."""
    scenario = _scenario(tmp_path, 3)
    gaps = scenario.gaps()
    assert gaps[("CS0001", EG)] == 3 and gaps[("CS0002", EG)] == 2
    assert gaps[("CS0003", "Medicina general")] == 0  # T = 2 met
    bigger_t = apply_overrides(scenario, WhatIf(target=4))
    g = bigger_t.gaps()
    assert g[("CS0001", EG)] == 3 and g[("CS0003", "Medicina general")] == 2
    smaller_n = apply_overrides(scenario, WhatIf(nurse_target=1))
    g = smaller_n.gaps()
    assert g[("CS0001", EG)] == 1 and g[("CS0002", EG)] == 0


def test_hand_rule_places_the_first_nurses_first(tmp_path):
    """Greedy by value here takes the same four nurses as the optimum (no budget for nurses)."""
    scenario = _scenario(tmp_path, 2)
    plan = hand_rule(scenario, placement_pairs(scenario))
    assert plan.objective == pytest.approx(DOCTORS + 21)
    assert _nurses(plan) == {"CS0001": 2, "CS0002": 1, "CS0003": 1}


def test_no_bonus_for_nurses_unless_the_bonos_sheet_gives_one(tmp_path):
    scenario = _scenario(tmp_path)
    pairs = placement_pairs(scenario)
    assert (pairs.loc[pairs["category"] == EG, "cost"] == 0).all()


@pytest.mark.parametrize(("target", "at_target_after"), [(2, 2), (3, 1)])
def test_pipeline_result_passes_the_invariants(tmp_path, target, at_target_after):
    """Before: nurses 0, 1, 0 (none at the target, two centres with no nurse). After, N = 2:
    2, 2, 1 (CS0001 and CS0002 at target); N = 3: 3, 1, 1 (CS0001 only); no centre without."""
    result = solve(_scenario(tmp_path, target))
    assert result.plan.objective == pytest.approx(DOCTORS + 21 + (target - 2))
    check_invariants(result.scenario, result)
    h = result.indicators.headline
    assert (h["nurse_placed"], h["nurse_candidates"]) == (4, 4)
    assert (h["centres_nurse_target_before"], h["centres_nurse_target_after"]) == \
        (0, at_target_after)
    assert (h["centres_no_nurse_before"], h["centres_no_nurse_after"]) == (2, 0)
    assert h["gp_placed"] == 3  # doctors only: CS0001 2, CS0002 1


def test_no_nurse_columns_without_nurses(tmp_path):
    """A workbook without a nursing category keeps today's tables (no nurse keys at all)."""
    result = solve(load_scenario(make_workbook(tmp_path / "base.xlsx"))[0])
    assert not any(k.startswith(("nurse", "centres_nurse", "centres_no_nurse"))
                   for k in result.indicators.headline)
    assert "nurse_placed" not in result.indicators.units
    assert "nurse_placed" not in result.indicators.by_state


def _refusal(tmp_path, tables, **params) -> list[str]:
    with pytest.raises(InputError) as info:
        load_scenario(make_workbook(tmp_path / "mal.xlsx", tables, **params))
    return [i.text("es") for i in info.value.issues]


def test_blank_nurse_requirement_at_a_hospital_is_refused(tmp_path):
    t = nurse_tables()
    t["plantilla"] = pd.concat([t["plantilla"], pd.DataFrame(
        [("HOSP01", EG, None, 0)], columns=["clues", "categoria", "requeridos", "actuales"])],
        ignore_index=True)
    assert _refusal(tmp_path, t) == [
        "hoja «plantilla», fila 12, columna «requeridos»: «requeridos» solo puede quedar en "
        "blanco en un centro de salud, para Medicina general (ahí vale la meta de médicos por "
        "centro) o para una categoría de enfermería (la meta de enfermeras por centro)."]


@pytest.mark.parametrize(("value", "message"), [
    (-1, "valor «-1»: El valor debe ser al menos 0."),
    (51, "valor «51»: El valor debe ser como máximo 50."),
    ("dos", "valor «dos»: Se esperaba un número."),
])
def test_bad_nurse_target_is_refused(tmp_path, value, message):
    assert _refusal(tmp_path, nurse_tables(), meta_enfermeras_por_centro=value) == [
        "hoja «parametros», fila 14, parámetro «meta_enfermeras_por_centro», columna «valor», "
        + message]


def test_unknown_nursing_type_names_the_allowed_ones(tmp_path):
    """«enfermeras» is not a type word (enfermería, enfermeria, enfermera, enfermero, nursing are):
    the type is refused and the category's rows say it does not exist, each where it is."""
    t = nurse_tables()
    set_cell(t["categorias"], 3, "tipo", "enfermeras")
    texts = _refusal(tmp_path, t)
    assert texts[0] == ("hoja «categorias», fila 5, columna «tipo», valor «enfermeras»: Valor no "
                        "permitido; se esperaba uno de: especialidad, medicina general, "
                        "enfermería.")
    assert texts[1:] == [
        f"hoja «{sheet}», fila {row}, columna «categoria», valor «Enfermería general»: La "
        "categoría no existe en la hoja «categorias»."
        for sheet, row in (("plantilla", 9), ("plantilla", 10), ("plantilla", 11), ("oferta", 5))]


def test_listed_modes_warn_when_the_list_has_no_nurses(tmp_path):
    """optimo/estable place only listed people: nurses in 'oferta' but not in 'candidatos' would
    get no one, and validate says so (nothing is said for por_oferta)."""
    from planner.validate import scenario_warnings

    t = nurse_tables()
    t["candidatos"] = pd.DataFrame(
        [("F1", "Medicina general", 7, "CS0001", None, None, None, None, 80)],
        columns=["folio", "categoria", "clave_entidad", *[f"opcion_{j}" for j in range(1, 6)],
                 "puntaje"])
    scenario = load_scenario(make_workbook(tmp_path / "lista.xlsx", t,
                                           modo_asignacion="optimo"))[0]
    assert [w.text("es") for w in scenario_warnings(scenario)] == [
        "hoja «candidatos», columna «categoria»: La categoría «Enfermería general» tiene vacantes "
        "y 4 candidatos en «oferta», pero nadie de ella en la lista «candidatos»: con "
        "modo_asignacion = optimo no se le asigna a nadie. Agregue sus candidatos a la lista o "
        "use por_oferta."]
    assert scenario_warnings(apply_overrides(scenario, WhatIf(assignment_mode="por_oferta"))) == []


NURSE_LEVEL_BUDGETS = [  # (budget, nurse candidates, expected value, {clues: (nurses, bonus)})
    (0, 10, 12.8, {"HOSP01": (2, 0.0), "CS0001": (2, 0.0), "CS0003": (1, 0.0)}),
    (10_000, 10, 16.4, {"HOSP01": (2, 0.0), "CS0001": (2, 0.0), "CS0003": (1, 0.0)}),
    (10_000, 4, 15.9, {"HOSP01": (2, 0.0), "CS0001": (2, 0.0)}),
    (15_000, 10, 18.8, {"HOSP01": (2, 5_000.0), "CS0001": (2, 0.0), "CS0003": (1, 0.0)}),
]


def nurse_bonus_book(tmp_path, budget: float, nurses: int = 10):
    """Nurses with a bonus the workbook gives, acceptance and bonus levels (modo_bono =
    por_hospital, expected budget): nurses compete with a specialist for the budget.

    Units (base workbook's): HOSP01 (muy alto, zone 2, eligible), CS0001 (muy alto), CS0003
    (medio). Categories MG (every centre at T = 2 already), Anestesiología (peso 3),
    «Enfermería general» (peso 1). P = 3.

    =============  ====  ===  =====  ==========================================
    row            gap   w    first  level: p → value w·p, expected cost b·p
    =============  ====  ===  =====  ==========================================
    HOSP01 ANES    1     9    no     0: 0.2 → 1.8, 0;  10,000: 0.6 → 5.4, 6,000
    HOSP01 EG      2     3    no     0: 0.5 → 1.5, 0;  5,000: 0.9 → 2.7, 4,500 (each)
    CS0001 EG      2     3    yes    0 (a centre): 0.5 → first (1 + 3)·3·0.5 = 6, then 1.5
    CS0003 EG      1     1    no     0: 0.5 → 0.5
    =============  ====  ===  =====  ==========================================

    One level per (hospital, type): HOSP01's two nurses share it (one nurse at 5,000: 2.7 for
    4,500 is worse than two at 0: 3.0 for nothing). Centres: 6 + 1.5 + 0.5 = 8.
      B = 0:       everything at 0: 1.8 + 3.0 + 8 = 12.8.
      B = 10,000:  ANES at 10,000 (+3.6 for 6,000) beats nurses at 5,000 (+2.4 for 9,000),
                   both cost 15,000: 5.4 + 3.0 + 8 = 16.4.
      B = 10,000 and 4 nurse candidates: the least valuable nurse (CS0003, 0.5) goes: 15.9.
      B = 15,000:  both at the high level: 5.4 + 5.4 + 8 = 18.8.
    """
    t = nurse_tables()
    t["unidades"] = t["unidades"][t["unidades"]["clues"] != "CS0002"].reset_index(drop=True)
    t["plantilla"] = pd.DataFrame([
        ("HOSP01", "Anestesiología", 1, 0), ("HOSP01", EG, 2, 0),
        ("HOSP02", "Anestesiología", 0, 0),
        ("CS0001", "Medicina general", None, 2), ("CS0001", EG, None, 0),
        ("CS0003", "Medicina general", None, 2), ("CS0003", EG, None, 1),
    ], columns=["clues", "categoria", "requeridos", "actuales"])
    t["categorias"] = t["categorias"][t["categorias"]["categoria"] != "Cirugía general"]
    t["oferta"] = pd.DataFrame([("Medicina general", 5), ("Anestesiología", 5), (EG, nurses)],
                               columns=["categoria", "candidatos"])
    t["bonos"] = pd.DataFrame([("especialidad", z, 10_000) for z in (2, 3)]
                              + [("enfermería", z, 5_000) for z in (2, 3)],
                              columns=["tipo", "zona", "bono_mensual"])
    cols = ["tipo", "zona", "grado_marginacion", "bono_mensual", "probabilidad"]
    t["aceptacion"] = pd.DataFrame(
        [("especialidad", None, g, b, p) for g in ("muy alto", "alto")
         for b, p in ((0, .2), (10_000, .6))]
        + [("enfermería", None, g, b, p) for g, pts in
           (("muy alto", ((0, .5), (5_000, .9))), ("alto", ((0, .5), (5_000, .9))),
            ("medio", ((0, .5), (5_000, .5)))) for b, p in pts],
        columns=cols)
    t["niveles_bono"] = pd.DataFrame([("especialidad", z, b) for z in (2, 3)
                                      for b in (0, 10_000)]
                                     + [("enfermería", z, b) for z in (2, 3)
                                        for b in (0, 5_000)],
                                     columns=["tipo", "zona", "bono_mensual"])
    return make_workbook(tmp_path / "enfermeras_bono.xlsx", t, presupuesto_bono_mensual=budget,
                         modo_bono="por_hospital", presupuesto_bono_base="esperado",
                         riesgo_presupuesto=1)  # the expected bill only (no guarantee, issue 22)


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize(("budget", "nurses", "optimum", "placed"), NURSE_LEVEL_BUDGETS)
def test_nurse_bonus_levels_by_hand(tmp_path, solver, budget, nurses, optimum, placed):
    """Every solver path of modo_bono = por_hospital (the exact levels path, HiGHS and CBC on
    the level model) reaches the hand optimum at gap 0, with its proof."""
    scenario, _ = load_scenario(nurse_bonus_book(tmp_path, budget, nurses))
    result = solve(scenario, None, SolverSettings(solver=solver, mip_gap=0.0))
    assert result.plan.status is Status.OPTIMAL
    assert result.plan.objective == pytest.approx(optimum, abs=1e-6)
    pl = result.plan.placements
    mine = pl[(pl["category"] == EG) & (pl["placed"] > 0)]
    assert {c: (int(n), float(b)) for c, n, b in
            zip(mine["clues"], mine["placed"], mine["bonus"], strict=True)} == placed
    check_invariants(result.scenario, result)


def test_app_shows_the_nurses_and_changes_their_target(tmp_path, monkeypatch):
    """The app on the nurse workbook (N = 2): the nurses' sentence under the headline (4 of 5
    vacancies; centres at the nurse target 0 → 2 of 3, with no nurse 2 → 0), nurse columns in
    the units table, the nurse target in the form; N = 3 re-solves to 0 → 1 (docstring)."""
    from streamlit.testing.v1 import AppTest  # noqa: F401 (the app runs through start_app)

    from planner.core.words import t
    from planner.ui.tables import header
    from tests.test_app import solve_with, start_app

    path = make_workbook(tmp_path / "enfermeras.xlsx", nurse_tables())
    app = start_app(path, monkeypatch)
    text = " ".join(m.value for m in app.markdown)
    assert ("**Enfermería:** 4 enfermeras asignadas de 5 plazas (esperadas 4.0; 4 candidatas). "
            "Centros con al menos 2 enfermeras: 0 → 2 de 3; sin enfermera: 2 → 0.") in text
    table = next(d for d in app.dataframe if header("clues", "es") in d.value.columns)
    row = table.value.set_index(header("clues", "es")).loc["CS0001"]
    assert int(row[header("nurse_placed", "es")]) == 2
    assert int(row[header("nurse_after", "es")]) == 2
    solve_with(app, **{t("nurse_target"): 3})
    text = " ".join(m.value for m in app.markdown)
    assert ("4 enfermeras asignadas de 8 plazas (esperadas 4.0; 4 candidatas). "
            "Centros con al menos 3 enfermeras: 0 → 1 de 3") in text


def test_expected_posts_say_how_many_are_nurses(tmp_path):
    """B = 15,000 (docstring of nurse_bonus_book): nurses offered 2 + 2 + 1 = 5, expected
    2 × 0.9 + 2 × 0.5 + 0.5 = 3.3; the workbook has a nurses' curve, so no p = 1 caveat."""
    from planner.analysis.expected import acceptance_report, sentences

    result = solve(load_scenario(nurse_bonus_book(tmp_path, 15_000))[0])
    report = acceptance_report(result)
    assert report.headline["expected_nurses"] == pytest.approx(3.3)
    assert sentences(report, "es")[1] == ("De las plazas que se espera llenar, enfermería: 3.3 de 5 "
                                          "ofertas.")
    # without the nurses' curve rows every nurse offer is accepted, and the sentence says so
    import dataclasses
    sc = result.scenario
    no_curve = dataclasses.replace(sc, acceptance=sc.acceptance[sc.acceptance["kind"]
                                                                != "enfermería"])
    report = acceptance_report(solve(no_curve))
    assert sentences(report, "es")[1] == (
        "De las plazas que se espera llenar, enfermería: 5 de 5 ofertas (sin curva de aceptación de "
        "enfermeras: toda oferta se acepta, p = 1, supuesto).")


def test_validate_prints_the_nurse_posts(tmp_path):
    """Gaps at N = 2: CS0001 2, CS0002 1, CS0003 2 → 5 vacancies at 3 of 3 centres."""
    import json

    from typer.testing import CliRunner

    from planner.cli.main import app as cli

    path = make_workbook(tmp_path / "enfermeras.xlsx", nurse_tables())
    res = CliRunner().invoke(cli, ["validate", str(path)])
    assert res.exit_code == 0
    assert ("Enfermería: 5 plazas vacantes, en 3 de 3 centros de salud (meta 2 por centro); 4 "
            "candidatas en «oferta».") in res.stdout.splitlines()
    res = CliRunner().invoke(cli, ["validate", str(path), "--json"])
    assert json.loads(res.stdout)["nurses"] == {"vacancies": 5, "centres_with_vacancies": 3,
                                                "centres": 3, "candidates": 4, "target": 2}
    base = CliRunner().invoke(cli, ["validate", str(make_workbook(tmp_path / "b.xlsx")),
                                    "--json"])
    assert "nurses" not in json.loads(base.stdout)


def test_unplaced_card_counts_every_category_against_every_candidate(tmp_path):
    """The «Sin asignar» card counts the unplaced of every category (nurses too), so its
    denominator is every category's candidates: the app's walk read «4,657 de 9,860
    candidatos» nationally (nurses over doctors). Checked here against the by-category table."""
    from planner.explain.render import card
    from planner.explain.summary import plan_counts

    result = solve(_scenario(tmp_path))
    by_cat = result.indicators.by_category
    total = int(by_cat["candidates"].sum())
    assert int(by_cat.loc[by_cat["kind"] == "enfermería", "candidates"].sum()) > 0
    unplaced = {s.key: s for s in plan_counts(result)}["unplaced"]
    assert unplaced.of.value == total
    assert f"de {total:,} candidatos" in card(unplaced, "es")["context"]
