"""estable's unimposed rules before a solve (``planner validate``) and in sweeps (workbook,
``--json``, the text report), on the hand case of tests/test_stable_honesty.py.

The stable plan does not depend on the rules (deferred acceptance ignores them): A at CS0002,
C1 at HOSP01's surgery post, B unplaced, at every point. Checked on that plan:

  - links: C1 is a surgeon at HOSP01, which has no anaesthetist: 1 doctor at 1 unit;
  - floor α = 1: Chiapas' GP floor ⌊1 · min(2, 3) · 2/3⌋ = 1, Chiapas receives 0 GPs:
    short by 1 doctor in 1 state–category pair (α = 0: the rule is off, not named);
  - hard minimum: CS0001 (Chiapas) has no GP and gets none: 1 centre.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from planner.cli.main import app as cli
from planner.core.words import t
from planner.pipeline import load_scenario, run_sweep
from planner.report.sweep_book import json_payload, write_sweep_workbook
from planner.ui.frontier import points_table
from planner.validate import scenario_warnings
from tests.builders import make_workbook
from tests.test_matching import with_candidates
from tests.test_stable_honesty import LINKS_ES, ONE_DOCTOR_ES, PEOPLE, _with_rules

RUNNER = CliRunner()

WARN_ES = ("hoja «parametros», columna «valor», valor «estable»: El modo de asignación "
           "(modo_asignacion) es «estable»: la aceptación diferida no impone «especialidades "
           "ligadas», «piso de equidad (100%)» ni «mínimo un médico general por centro», que "
           "este libro activa. El plan estable se revisará contra esas reglas al resolver y dirá "
           "cuánto le falta; para imponerlas, use «optimo».")
WARN_EN_ONE = ("sheet «parametros», column «valor», value «estable»: The assignment mode "
               "(modo_asignacion) is «estable»: deferred acceptance does not impose «at least one "
               "general doctor per centre», which this workbook switches on. The stable plan will "
               "be checked against those rules when solved and say how far it falls short; to "
               "impose them, use «optimo».")
RULES_1 = "especialidades ligadas; mínimo un médico general por centro"
SHORT_1 = ("especialidades ligadas: 1 médico en 1 unidad sin la que requieren; mínimo un médico "
           "general por centro: 1 centro sin médico general")
RULES_2 = "especialidades ligadas; piso de equidad (100%); mínimo un médico general por centro"
SHORT_2 = ("especialidades ligadas: 1 médico en 1 unidad sin la que requieren; piso de equidad "
           "(100%): déficit de 1 médico en 1 combinación de entidad y categoría; mínimo un médico "
           "general por centro: 1 centro sin médico general")
SHORT_2_EN = ("linked specialties: 1 doctor at 1 unit without the one they require; equity floor "
              "(100%): short by 1 doctor in 1 state–category pair; at least one general doctor "
              "per centre: 1 centre without a general doctor")


@pytest.fixture(scope="module")
def ruled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_workbook(tmp_path_factory.mktemp("everywhere") / "reglas.xlsx",
                         _with_rules(modo_asignacion="estable"))


# --- before a solve: planner validate ------------------------------------------------------------

def test_validate_names_the_rules_estable_will_not_impose(ruled: Path) -> None:
    sc, _ = load_scenario(ruled)
    assert [w.text("es") for w in scenario_warnings(sc)] == [WARN_ES]
    res = RUNNER.invoke(cli, ["validate", str(ruled), "--json"])
    assert res.exit_code == 0
    assert json.loads(res.stdout)["warnings"] == [WARN_ES]
    res = RUNNER.invoke(cli, ["validate", str(ruled)])
    assert f"Aviso: {WARN_ES}" in " ".join(res.stdout.split())


def test_validate_one_rule_in_english_and_none_without_rules_or_in_optimo(
        tmp_path: Path) -> None:
    one = with_candidates(PEOPLE, modo_asignacion="estable", minimo_un_medico_por_centro="sí")
    sc, _ = load_scenario(make_workbook(tmp_path / "uno.xlsx", one))
    assert [w.text("en") for w in scenario_warnings(sc)] == [WARN_EN_ONE]
    plain = with_candidates(PEOPLE, modo_asignacion="estable")
    sc, _ = load_scenario(make_workbook(tmp_path / "sin.xlsx", plain))
    assert scenario_warnings(sc) == []
    optimo = _with_rules(modo_asignacion="optimo")
    sc, _ = load_scenario(make_workbook(tmp_path / "optimo.xlsx", optimo))
    assert scenario_warnings(sc) == []


def test_solve_says_the_plan_shortfalls_not_the_forecast_too(ruled: Path) -> None:
    """After a solve the stable plan's own sentences replace the validation's forecast."""
    payload = json.loads(RUNNER.invoke(cli, ["solve", str(ruled), "--json"]).stdout)
    assert payload["warnings"][0] == LINKS_ES and payload["warnings"][-1] == ONE_DOCTOR_ES
    assert len(payload["warnings"]) == 3


# --- sweeps: one row per estable point -----------------------------------------------------------

POINTS = [{"cobertura_minima_entidad": 0.0}, {"cobertura_minima_entidad": 1.0}]


def test_sweep_rows_carry_the_rules_and_the_shortfall(ruled: Path, tmp_path: Path) -> None:
    sc, _ = load_scenario(ruled)
    sweep = run_sweep(sc, POINTS, workers=1)
    table = sweep.table
    assert list(table["status"]) == ["stable", "stable"]
    assert list(table["objective"]) == pytest.approx([8, 8])
    assert list(table["rules_not_imposed"]) == [RULES_1, RULES_2]
    assert list(table["rule_shortfall"]) == [SHORT_1, SHORT_2]
    payload = json_payload(sweep, 0.0)
    assert [p["rule_shortfall"] for p in payload["points"]] == [SHORT_1, SHORT_2]
    assert [p["rules_not_imposed"] for p in payload["points"]] == [RULES_1, RULES_2]
    shown = points_table(table)  # the app's frontier tab
    assert list(shown[t("col_rule_shortfall")]) == [SHORT_1, SHORT_2]
    en = run_sweep(sc, POINTS[1:], workers=1, lang="en").table
    assert list(en["rule_shortfall"]) == [SHORT_2_EN]
    out, _ = write_sweep_workbook(sweep, sc, tmp_path / "barrido.xlsx")
    ws = load_workbook(out)["barrido"]
    header = [c.value for c in ws[1]]
    rules = header.index(t("sweep_col_rules_not_imposed"))
    short = header.index(t("sweep_col_rule_shortfall"))
    assert [ws.cell(row=r, column=rules + 1).value for r in (2, 3)] == [RULES_1, RULES_2]
    assert [ws.cell(row=r, column=short + 1).value for r in (2, 3)] == [SHORT_1, SHORT_2]


def test_sweep_cli_json_and_text_report(ruled: Path, tmp_path: Path) -> None:
    grid = tmp_path / "rejilla.csv"
    grid.write_text("cobertura_minima_entidad\n0\n1\n", encoding="utf-8")
    res = RUNNER.invoke(cli, ["sweep", str(ruled), "--grid", str(grid), "--serial", "--json"])
    assert res.exit_code == 0, res.stdout
    payload = json.loads(res.stdout)
    assert payload["status"] == "stable"
    assert [p["rule_shortfall"] for p in payload["points"]] == [SHORT_1, SHORT_2]
    res = RUNNER.invoke(cli, ["sweep", str(ruled), "--grid", str(grid), "--serial",
                              "--out", str(tmp_path / "b.xlsx")])
    assert res.exit_code == 0, res.stdout
    text = " ".join(res.stdout.split())
    assert ("Aviso: punto 2, modo estable: reglas del libro que no impone (revisadas sobre su "
            f"plan): {SHORT_2}.") in text
    assert f"punto 1, modo estable: reglas del libro que no impone (revisadas sobre su plan): " \
           f"{SHORT_1}." in text


def test_optimo_sweep_rows_leave_the_columns_blank(tmp_path: Path) -> None:
    """optimo imposes the rules: no row names any (coverage 14 at α = 1, as the hand case)."""
    sc, _ = load_scenario(make_workbook(tmp_path / "o.xlsx", _with_rules(modo_asignacion="optimo")))
    table = run_sweep(sc, POINTS[1:], workers=1).table
    assert list(table["status"]) == ["optimal"]
    assert list(table["objective"]) == pytest.approx([14])
    assert table["rules_not_imposed"].isna().all() and table["rule_shortfall"].isna().all()
    assert t("col_rule_shortfall") not in points_table(table).columns
