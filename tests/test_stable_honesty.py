"""``estable`` said honestly: its own status, and the workbook rules it does not impose.

Hand case on the tiny workbook of tests/builders.py (families 0, so a centre's GP weighs
1 × grade weight):

    A (GP, score 90) lists 1) CS0002 2) CS0001; B (GP, 80) lists CS0002 only;
    C1 (Cirugía general, 50) lists HOSP01 only.
    Rules on: Cirugía general requires Anestesiología, equity floor α = 100 %, and at least one
    general doctor per centre.

estable (deferred acceptance): CS0002 (gap 1) keeps A over B; C1 takes HOSP01's surgery post.
  Coverage: CS0002 (alto, 2) + HOSP01 surgery (2 × 3 = 6) = 8.
  - links: HOSP01 has no anaesthetist today and gets none, yet receives C1: 1 doctor at 1 unit;
  - floor: listed GPs 2, GP gaps CS0001 2 (Chiapas), CS0002 1 (Oaxaca), total 3;
    Chiapas floor ⌊1 · min(2, 3) · 2/3⌋ = 1, Oaxaca ⌊2/3⌋ = 0; surgeons listed 1, surgery gaps
    HOSP01 1 (Chiapas), HOSP02 1 (Oaxaca): floors ⌊1·1·1/2⌋ = 0; nobody lists anaesthesia
    (supply 0, floor 0). Chiapas receives 0 GPs: 1 state–category pair short by 1 doctor;
  - hard minimum: CS0001 has no GP today and gets none: 1 centre (Chiapas).
optimo imposes all three: A to CS0001 (3 + first doctor 3·3 = 12), B to CS0002 (2), C1 cannot
  go to HOSP01 without an anaesthetist there: coverage 14, and the independent check finds no
  shortfall.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from models.matching import assign_candidates
from models.settings import SolverSettings
from planner.analysis import rule_check
from planner.cli.main import app as cli
from planner.core.plan import Status
from planner.core.scenario import WhatIf
from planner.core.sweep import Sweep
from planner.core.words import t
from planner.pipeline import load_scenario, solve
from planner.report.result_book import write_result_workbook
from planner.ui import candidate_views, rule_views
from tests.builders import ANES, CIR, MG, make_workbook
from tests.test_matching import with_candidates

RUNNER = CliRunner()

STATUS_ES = "emparejamiento estable (no maximiza la necesidad cubierta)"
NOT_IMPOSED = ("(la aceptación diferida no admite mínimos, pisos ni ligas entre plazas); en "
               "este plan estable ")
LINKS_ES = ("Modo estable: la regla «especialidades ligadas» no se impone " + NOT_IMPOSED +
            "hay 1 médico colocado en 1 unidad sin la especialidad que requieren (p. ej. "
            "Cirugía general sin Anestesiología en HOSP01).")
FLOOR_ES = ("Modo estable: la regla «piso de equidad (100%)» no se impone " + NOT_IMPOSED +
            "1 combinación de entidad y categoría queda por debajo de su piso, con un déficit "
            "de 1 médico (el mayor: Chiapas · Medicina general, 0 de 1).")
ONE_DOCTOR_ES = ("Modo estable: la regla «mínimo un médico general por centro» no se impone " +
                 NOT_IMPOSED + "queda 1 centro sin médico general (la entidad con más: "
                 "Chiapas, 1).")
ONE_DOCTOR_EN = ("Stable mode: the rule «at least one general doctor per centre» is not imposed "
                 "(deferred acceptance admits no minimums, floors or links between posts); in "
                 "this stable plan 1 centre is left without a general doctor (the state with "
                 "most: Chiapas, 1).")
LINKS_EN_TAIL = ("in this stable plan 1 doctor is placed at 1 unit without the specialty they "
                 "require (e.g. Cirugía general without Anestesiología at HOSP01).")

PEOPLE = [("A", MG, 7, ["CS0002", "CS0001"], 90), ("B", MG, 20, ["CS0002"], 80)]


def _with_rules(**params) -> dict:
    tables = with_candidates([*PEOPLE, ("C1", CIR, 7, ["HOSP01"], 50)],
                             minimo_un_medico_por_centro="sí", cobertura_minima_entidad=1,
                             **params)
    tables["categorias"]["requiere"] = tables["categorias"]["categoria"].map({CIR: ANES})
    return tables


@pytest.fixture(scope="module")
def ruled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand case with the three rules on, mode estable in the workbook."""
    return make_workbook(tmp_path_factory.mktemp("estable") / "reglas.xlsx",
                         _with_rules(modo_asignacion="estable"))


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A and B only, no rule, mode estable."""
    return make_workbook(tmp_path_factory.mktemp("estable") / "simple.xlsx",
                         with_candidates(PEOPLE, modo_asignacion="estable"))


# --- 1. its own status --------------------------------------------------------------------------

def test_stable_plan_is_not_reported_optimal(plain: Path) -> None:
    """estable: A at CS0002 (coverage 2); optimo: 14 (tests/test_matching.py's first case).
    The stable plan is a solution with status 'stable'; optimo keeps its proven 'optimal'."""
    sc, _ = load_scenario(plain)
    res = assign_candidates(sc, SolverSettings())
    assert res.estable.plan.status is Status.STABLE
    assert res.estable.plan.status.has_solution
    assert res.estable.plan.objective == pytest.approx(2)
    assert res.optimo.plan.status is Status.OPTIMAL
    result = solve(sc)
    assert result.solved and result.indicators is not None
    assert result.plan.status.value == "stable"


def test_stable_status_in_cli_workbook_and_app_words(plain: Path, tmp_path: Path) -> None:
    payload = json.loads(RUNNER.invoke(cli, ["solve", str(plain), "--json", "--comparar-modos"]).stdout)
    assert payload["status"] == "stable"
    assert payload["candidates"]["estable"]["status"] == "stable"
    assert payload["candidates"]["optimo"]["status"] == "optimal"
    assert payload["warnings"] == [] and payload["rules_not_imposed"] == []
    res = RUNNER.invoke(cli, ["solve", str(plain), "--out", str(tmp_path / "r.xlsx")])
    assert res.exit_code == 0
    assert res.stdout.startswith(
        f"Estado: {STATUS_ES}  ·  optimizador {t('solver_word_deferred')}  ·  ")
    wb = load_workbook(tmp_path / "r.xlsx", read_only=True)
    assert next(iter(wb["resumen"].iter_rows(min_row=3, max_row=3, values_only=True)))[0] == \
        f"Estado: {STATUS_ES}"
    wb.close()
    assert t("status_stable", "en").startswith("stable matching (the best stable one for the "
                                               "candidates; not the plan with the most need")
    sweep = Sweep(table=pd.DataFrame({"status": ["optimal", "stable"]}), params=(),
                  mode="serial", workers=1, seconds=0.0, settings=SolverSettings())
    assert sweep.worst_status == "stable"


# --- 2. the rules it does not impose ------------------------------------------------------------

def test_stable_plan_names_each_rule_and_its_shortfall(ruled: Path) -> None:
    sc, _ = load_scenario(ruled)
    stable = solve(sc)
    assert stable.plan.status is Status.STABLE
    assert stable.plan.objective == pytest.approx(8)
    assert rule_check.warnings(stable.scenario, stable.plan, "es") == [
        LINKS_ES, FLOOR_ES, ONE_DOCTOR_ES]
    en = rule_check.warnings(stable.scenario, stable.plan, "en")
    assert en[2] == ONE_DOCTOR_EN and en[0].endswith(LINKS_EN_TAIL)
    assert rule_check.records(stable.scenario, stable.plan) == [
        {"rule": "linked_specialties", "met": False, "missing": 1, "places": 1},
        {"rule": "equity_floor", "met": False, "missing": 1, "places": 1},
        {"rule": "one_doctor_per_centre", "met": False, "missing": 1, "places": 1}]
    # optimo imposes the rules: no warning, and the independent check finds them all met
    best = solve(sc, WhatIf(assignment_mode="optimo"))
    assert best.plan.status is Status.OPTIMAL and best.plan.objective == pytest.approx(14)
    assert rule_check.warnings(best.scenario, best.plan) == []
    assert [s.missing for s in rule_check.check_rules(best.scenario, best.plan)] == [0, 0, 0]


def test_por_oferta_plan_meets_every_rule_by_the_independent_check(tmp_path: Path) -> None:
    """The count model (oferta: 10 of each category) with the same three rules: the model's
    plan falls short of none of them when read by rule_check (no shared code)."""
    sc, _ = load_scenario(make_workbook(tmp_path / "oferta.xlsx", _with_rules()))
    for solver in ("exact", "highs"):
        result = solve(sc, settings=SolverSettings(solver=solver))
        assert result.plan.status is Status.OPTIMAL
        checks = rule_check.check_rules(result.scenario, result.plan)
        assert [s.rule for s in checks] == list(rule_check.RULE_ORDER)
        assert all(s.met for s in checks), checks


def test_rules_met_anyway_are_said_so(tmp_path: Path) -> None:
    """Only the hard minimum on, and A also lists CS0001 first: A goes to CS0001 (the only
    centre without a GP), B to CS0002. The rule was not imposed but holds."""
    tables = with_candidates([("A", MG, 7, ["CS0001"], 90), ("B", MG, 20, ["CS0002"], 80)],
                             modo_asignacion="estable", minimo_un_medico_por_centro="sí")
    sc, _ = load_scenario(make_workbook(tmp_path / "cumple.xlsx", tables))
    result = solve(sc)
    assert rule_check.warnings(result.scenario, result.plan) == [
        "Modo estable: la regla «mínimo un médico general por centro» no se impone " +
        NOT_IMPOSED + "se cumple de todos modos: ningún centro queda sin médico general."]


def test_warnings_reach_cli_workbook_and_app_helpers(ruled: Path, tmp_path: Path) -> None:
    payload = json.loads(RUNNER.invoke(cli, ["solve", str(ruled), "--json"]).stdout)
    assert payload["status"] == "stable"
    assert payload["warnings"] == [LINKS_ES, FLOOR_ES, ONE_DOCTOR_ES]
    assert [r["rule"] for r in payload["rules_not_imposed"]] == list(rule_check.RULE_ORDER)
    out = tmp_path / "r.xlsx"
    res = RUNNER.invoke(cli, ["solve", str(ruled), "--out", str(out)])
    assert res.exit_code == 0
    # part of the result, on stdout with the budget warning (so `solve x > log` keeps it)
    assert f"Aviso: {ONE_DOCTOR_ES}" in " ".join(res.stdout.split())
    assert "Modo estable" not in res.stderr
    wb = load_workbook(out, read_only=True)
    cells = [str(r[0]) for r in wb["resumen"].values if r and r[0]]
    assert [c.strip() for c in cells if c.strip().startswith("Modo estable")] == [
        LINKS_ES, FLOOR_ES, ONE_DOCTOR_ES]
    diag = {r[0]: r[1] for r in wb["diagnóstico"].values if r and r[0]}
    assert diag[t("diagh_hard_rules")] == " ".join([LINKS_ES, FLOOR_ES, ONE_DOCTOR_ES])
    wb.close()
    sc, _ = load_scenario(ruled)
    result = solve(sc)
    assert rule_views.active_summary(result.scenario).startswith(
        "Reglas del libro que el emparejamiento estable no impone (se revisan sobre el plan): ")
    assert candidate_views.rule_shortfalls(result) == [LINKS_ES, FLOOR_ES, ONE_DOCTOR_ES]
    assert "Modo estable" not in candidate_views.stability_sentence(result)
    en_book = write_result_workbook(result, tmp_path / "en.xlsx", lang="en")
    wb = load_workbook(en_book, read_only=True)
    assert any(str(r[0]).strip() == ONE_DOCTOR_EN for r in wb["resumen"].values if r and r[0])
    wb.close()


def test_app_status_line_and_candidates_tab(ruled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The workbook asks for estable: the status line says 'emparejamiento estable', the rules
    caption says they are not imposed, and the candidates tab warns of each shortfall."""
    from tests.test_app import start_app

    at = start_app(ruled, monkeypatch)
    captions = [c.value for c in at.caption]
    assert any(c.startswith(f"Estado: **{t('status_stable')}** · optimizador "
                            f"{t('solver_word_deferred')} · ")
               for c in captions), captions
    assert any(c.startswith("Reglas del libro que el emparejamiento estable no impone") and
               "mínimo un médico general por centro" in c for c in captions), captions
    assert not any(c.startswith("Reglas activas en este plan") for c in captions)
    # on the candidates tab each shortfall is a warning of its own, before the comparison
    assert [w.value for w in at.warning if w.value.startswith("Modo estable")] == [
        LINKS_ES, FLOOR_ES, ONE_DOCTOR_ES]
    # the app solved the workbook's own mode only: the comparison with optimo is a button
    assert not any(i.value.startswith("Precio de la estabilidad") for i in at.info)
    compare = next(b for b in at.button if b.label == t("candp_compare",
                                                        other=t("candp_mode_optimo")))
    compare.click().run()
    assert any(i.value.startswith("Precio de la estabilidad") for i in at.info)


# --- 3. optimo under the default solver -----------------------------------------------------------

def test_default_solver_ranks_on_the_optimal_face(plain: Path) -> None:
    """The default solver is "exact", under which PuLP models run on HiGHS: optimo's second
    stage must take the optimal-face route there too (it took the dense coverage row and a MIP,
    26-46 s instead of 3-5 s on the national list; benchmarks/README.md), with the same plan as
    HiGHS named explicitly."""
    sc, _ = load_scenario(plain)
    default = assign_candidates(sc, SolverSettings()).optimo
    highs = assign_candidates(sc, SolverSettings(solver="highs")).optimo
    assert SolverSettings().solver == "exact"
    assert "optimal face" in default.plan.solver_status
    assert default.plan.solver_status == highs.plan.solver_status
    assert default.coverage == pytest.approx(14) == highs.coverage
