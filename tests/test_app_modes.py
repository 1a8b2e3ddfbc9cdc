"""The what-if form's model modes and the honest solver word (issue 15's remaining app points),
driven by AppTest on the hand cases of tests/test_acceptance.py and tests/test_app_candidates.py.

Bonus and budget basis, on ``bonus_choice_book`` (worked out in its docstring) with the workbook's
``modo_bono`` set back to ``fijo``: the uniform 10,000 MXN bonus of the ``bonos`` sheet at budget
32,000 (expected) offers all three posts, expected value 4.5 + 4.5 + 1.8 = **10.8** and expected
filled posts 0.5 + 0.5 + 0.3 = **1.3**. Chosen per hospital (expected budget): HOSP01 twice at
20,000 and HOSP02 at 0, **15.6** and 0.8 + 0.8 + 0.2 = **1.8** filled. Chosen per hospital with the
guaranteed budget: the levels are paid in full, so HOSP01 twice at 10,000 and HOSP02 at 10,000,
**10.8** and 1.3 filled again. The bonus levels are a PuLP model that the ``exact`` setting hands
to HiGHS (models/backend.make_solver): the status line must say HiGHS, not "exact".

Assignment, on the two-candidate list of tests/test_app_candidates.py (A: CS0002 then CS0001,
B: CS0002 only): ``optimo`` puts A at CS0001 and B at CS0002, 2 placed of 2; the count model of
``por_oferta`` uses the workbook's 10 general-doctor candidates instead.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from planner.core.model_words import mode_word, solver_key, solver_word
from planner.core.plan import Plan, Status
from planner.core.scenario import Params, WhatIf
from planner.core.words import t as tr
from planner.pipeline import load_scenario, solve
from planner.ui import figures, sources, tables
from tests.builders import MG, make_workbook
from tests.test_acceptance import bonus_choice_book
from tests.test_app import start_app, widget
from tests.test_matching import with_candidates

MODE = {name: tr(f"wi_mode_{name}") for name in ("bonus_mode", "budget_basis",
                                                  "assignment_mode")}


@pytest.fixture(scope="module")
def fixed_bonus_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """bonus_choice_book with ``modo_bono = fijo``: the bonus mode is the planner's to try."""
    path = bonus_choice_book(tmp_path_factory.mktemp("modes"))
    wb = load_workbook(path)
    for row in wb["parametros"].iter_rows():
        if row[0].value == "modo_bono":
            row[1].value = "fijo"
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def listed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_workbook(tmp_path_factory.mktemp("modes") / "lista.xlsx", with_candidates(
        [("A", MG, 7, ["CS0002", "CS0001"], 90), ("B", MG, 20, ["CS0002"], 80)]))


def _solve(at: AppTest) -> AppTest:
    widget(at.button, tr("solve")).click()
    at.run()
    assert not at.exception, at.exception
    return at


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _status_line(at: AppTest) -> str:
    lead = tr("status_line", status="", solver="", seconds="", variables="").split("**")[0]
    return next(c.value for c in at.caption if c.value.startswith(lead))


def _banner(at: AppTest) -> str:
    return next(i.value for i in at.info
                if i.value.startswith(tr("showing_whatif", changes="").split(":")[0]))


# --- the form --------------------------------------------------------------------------------

def test_bonus_mode_and_budget_basis_from_the_form(fixed_bonus_book: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Fails before issue 15's modes: the form had no such radios (StopIteration), and the
    status line printed the setting raw ("optimizador exact")."""
    at = start_app(fixed_bonus_book, monkeypatch)
    assert _metric(at, tr("fs_expected")) == "1.3"
    assert tr("solver_word_exact") in _status_line(at)  # the count model: the exact path
    bonus = widget(at.radio, MODE["bonus_mode"])
    assert not bonus.disabled and bonus.value == "fijo"
    bonus.set_value("por_hospital")
    _solve(at)
    assert _metric(at, tr("fs_expected")) == "1.8"  # HOSP01 at 20,000 twice, HOSP02 at 0
    line = _status_line(at)
    # the bonus levels by models/exact_levels.py: the LP picks whole levels, so it is proven
    assert f"**{tr('status_optimal')}** · optimizador {tr('solver_word_exact')}" in line
    assert tr("c_bonus_mode", value=tr("wi_mode_bonus_mode_por_hospital")) in _banner(at)
    # the budget counted in full: back to 1.3 filled posts (10,000 everywhere)
    widget(at.radio, MODE["budget_basis"]).set_value("garantizado")
    _solve(at)
    assert _metric(at, tr("fs_expected")) == "1.3"
    banner = _banner(at)
    assert tr("c_budget_basis", value=tr("wi_mode_budget_basis_garantizado")) in banner
    # the result workbook's resumen lists both changes in words, diagnóstico the solver word
    result = at.session_state["current"]["result"]
    assert result.plan.objective == pytest.approx(10.8)
    book = load_workbook(io.BytesIO(sources.result_workbook_bytes(result, "es", False)),
                         read_only=True)
    lines = [str(r[0]).strip() for r in book["resumen"].iter_rows(values_only=True) if r[0]]
    assert ("modo_bono: " + tr("wi_mode_bonus_mode_fijo") + " → "
            + tr("wi_mode_bonus_mode_por_hospital")) in lines
    assert ("presupuesto_bono_base: " + tr("wi_mode_budget_basis_esperado") + " → "
            + tr("wi_mode_budget_basis_garantizado")) in lines
    diag = {r[0]: r[1] for r in book["diagnóstico"].iter_rows(values_only=True)}
    assert diag[tr("diagh_solver")] == tr("solver_word_highs")
    # «Volver al plan base» resets the modes too: the next solve is the baseline's
    at.button(key="reset").click().run()
    assert widget(at.radio, MODE["bonus_mode"]).value == "fijo"
    assert widget(at.radio, MODE["budget_basis"]).value == "esperado"
    _solve(at)
    assert "current" not in at.session_state
    assert _metric(at, tr("fs_expected")) == "1.3"


def test_modes_without_their_data_are_disabled_with_a_reason(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The tiny workbook has no niveles_bono, no aceptacion and no candidatos sheet: each radio
    is disabled on the workbook's own value and says which sheet it would need."""
    at = start_app(make_workbook(tmp_path / "tiny.xlsx"), monkeypatch)
    for name, default in (("bonus_mode", "fijo"), ("budget_basis", "esperado"),
                          ("assignment_mode", "por_oferta")):
        radio = widget(at.radio, MODE[name])
        assert radio.disabled and radio.value == default, name
    captions = [c.value for c in at.caption]
    for reason in ("wi_mode_no_levels", "wi_mode_no_acceptance", "wi_mode_no_list"):
        assert tr(reason) in captions
    assert "«niveles_bono»" in tr("wi_mode_no_levels")


def test_optimo_from_the_form_shows_that_plan_on_every_tab(listed: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A what-if in ``optimo``: summary (no hand rule), map (vacancies without candidates),
    units (2 general doctors placed, A's and B's posts), candidates tab (the same plan, no
    «Calcular» button), the result workbook, and the reset back to por_oferta."""
    at = start_app(listed, monkeypatch)
    radio = widget(at.radio, MODE["assignment_mode"])
    assert not radio.disabled and radio.value == "por_oferta"
    assert any(i.value == tr("candp_por_oferta") for i in at.info)
    radio.set_value("optimo")
    _solve(at)
    assert tr("c_assignment_mode", value=tr("candp_mode_optimo")) in _banner(at)
    assert tr("solver_word_highs") in _status_line(at)
    assert any(i.value == tr("candp_no_hand") for i in at.info)  # summary: no hand rule
    assert tr("map_unwanted") in at.radio(key="map_metric").options  # map: posts nobody chose
    # candidates tab: the what-if's own assignment, shown without solving again
    assert _metric(at, tr("candp_placed")) == "2"
    assert not any(b.label == tr("candp_run", mode=tr("candp_mode_optimo")) for b in at.button)
    assert not any(i.value == tr("candp_por_oferta") for i in at.info)
    cand = next(r for r in at.radio if r.label == tr("candp_mode"))
    assert cand.value == "optimo"
    # units tab: exactly the two listed candidates placed, one at CS0001 and one at CS0002
    units = next(d.value for d in at.dataframe if tr("col_clues") in d.value.columns)
    gp = units.set_index(tr("col_clues"))[tables.header("gp_placed", "es")]
    assert gp.to_dict() == {"HOSP01": 0, "HOSP02": 0, "CS0001": 1, "CS0002": 1, "CS0003": 0}
    result = at.session_state["current"]["result"]
    book = load_workbook(io.BytesIO(sources.result_workbook_bytes(result, "es", False)),
                         read_only=True)
    lines = [str(r[0]).strip() for r in book["resumen"].iter_rows(values_only=True) if r[0]]
    assert ("modo_asignacion: " + tr("candp_mode_por_oferta") + " → "
            + tr("candp_mode_optimo")) in lines
    # «Por oferta» on the tab: the plan shown is optimo's, so the tab says where the other is
    cand.set_value("por_oferta").run()
    assert [i.value for i in at.info if i.value.startswith("El plan mostrado")] == [tr(
        "candp_por_oferta_shown", mode=tr("candp_mode_optimo"), header=tr("wi_modes_header"),
        field=tr("wi_mode_assignment_mode"), por_oferta=tr("candp_mode_por_oferta"),
        solve=tr("solve"))]
    # back to the baseline: the radio and the candidates tab return to por_oferta
    at.button(key="reset").click().run()
    assert widget(at.radio, MODE["assignment_mode"]).value == "por_oferta"
    assert any(i.value == tr("candp_por_oferta") for i in at.info)


# --- the words, without Streamlit ---------------------------------------------------------------

def _plan(solver: str, solver_status: str = "Optimal") -> Plan:
    return Plan(status=Status.OPTIMAL, solver=solver, solver_status=solver_status,
                objective=0.0, lp_bound=None, gap=None, placements=pd.DataFrame())


def test_solver_word_says_who_solved_the_plan() -> None:
    fixed, levels = Params(budget=1.0), Params(budget=1.0, bonus_mode="por_hospital")
    assert solver_word(_plan("exact"), fixed) == "exacto propio"
    # bonus levels: models/exact_levels.py answers itself ("exact") or hands over ("highs")
    assert solver_word(_plan("exact"), levels) == "exacto propio"
    assert solver_word(_plan("highs"), levels) == "HiGHS"  # a plan that already says so
    assert solver_word(_plan("exact", "Optimal (exact: HiGHS fallback)"), fixed) == "HiGHS"
    assert solver_word(_plan("exact"), Params(budget=1.0, assignment_mode="optimo")) == "HiGHS"
    assert solver_word(_plan("cbc"), fixed) == "CBC"
    assert solver_word(_plan("cbc"), levels) == "CBC"  # under cbc every model goes to CBC
    assert solver_word(_plan("matching (aceptación diferida)"), fixed, "en") == \
        "none (deferred acceptance)"
    assert solver_key(_plan("exact"), None) == "exact"


def test_the_pipeline_plans_carry_the_right_word(fixed_bonus_book: Path, listed: Path) -> None:
    """Real solves under the default ``exact`` setting: the count model is the exact path's, so
    are the bonus levels when the LP picks whole levels (15.6, proven at the LP bound), the
    optimo assignment is HiGHS's, the stable one is no solver's."""
    scenario, _ = load_scenario(fixed_bonus_book)
    base = solve(scenario)
    assert base.plan.solver == "exact"
    assert solver_key(base.plan, base.scenario.params) == "exact"
    levels = solve(scenario, WhatIf(bonus_mode="por_hospital"))
    assert levels.plan.objective == pytest.approx(15.6)
    assert levels.plan.status is Status.OPTIMAL and levels.plan.lp_bound == pytest.approx(15.6)
    assert solver_key(levels.plan, levels.scenario.params) == "exact"
    # the guaranteed budget leaves the LP's levels fractional: handed to HiGHS, said so
    handed = solve(scenario, WhatIf(bonus_mode="por_hospital", budget_basis="garantizado"))
    assert handed.plan.solver == "highs" and handed.plan.objective == pytest.approx(10.8)
    assert solver_key(handed.plan, handed.scenario.params) == "highs"
    people, _ = load_scenario(listed)
    stable = solve(people, WhatIf(assignment_mode="estable"))
    assert solver_key(stable.plan, stable.scenario.params) == "deferred"


def test_describe_changes_lists_the_modes() -> None:
    w = WhatIf(bonus_mode="por_hospital", budget_basis="garantizado", assignment_mode="estable")
    assert figures.describe_changes(w) == (
        "bono de especialistas: Elegido por hospital; presupuesto contado: Garantizado (como si "
        "todos aceptaran); asignación: Estable (como residencias)")
    assert mode_word("assignment_mode", "optimo", "en") == "Optimal (people)"


def test_the_wait_says_another_model_may_take_longer(listed: Path) -> None:
    """The baseline's time is no guide when the what-if solves another model (bonus levels,
    registered candidates); a budget what-if keeps the baseline's estimate."""
    from planner.ui.first_screen import wait_words
    scenario, _ = load_scenario(listed)
    base = solve(scenario)
    assert wait_words(base, WhatIf(budget=25_000)).startswith(
        tr("fs_wait", seconds="X", limit="Y").split("X")[0])
    words = wait_words(base, WhatIf(assignment_mode="optimo"))
    assert "otro modelo que el plan base (Óptimo (personas))" in words
    assert "a más tardar a los 60 s" in words
    same = WhatIf(assignment_mode="por_oferta")  # the workbook's own mode: nothing else to solve
    assert "otro modelo" not in wait_words(base, same)


def test_cli_status_line_says_who_solved(fixed_bonus_book: Path, tmp_path: Path) -> None:
    """`planner solve` prints the same word as the app, and --json says it in solver_used."""
    import json

    from typer.testing import CliRunner

    from planner.cli.main import app
    runner = CliRunner()
    res = runner.invoke(app, ["solve", str(fixed_bonus_book), "--json"])
    assert res.exit_code == 0, res.output
    payload = json.loads(res.stdout)
    assert (payload["solver"], payload["solver_used"]) == ("exact", "exact")
    levels = bonus_choice_book(tmp_path)  # modo_bono = por_hospital in the workbook
    res = runner.invoke(app, ["solve", str(levels), "--json"])  # whole LP levels: proven
    assert json.loads(res.stdout)["solver_used"] == "exact"
    # at 20,000 MXN the LP's levels are fractional (tests/test_exact_levels.py): HiGHS's plan
    levels = bonus_choice_book(tmp_path, budget=20_000)
    res = runner.invoke(app, ["solve", str(levels), "--json"])
    assert json.loads(res.stdout)["solver_used"] == "highs"
    out = tmp_path / "out.xlsx"
    res = runner.invoke(app, ["solve", str(levels), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "optimizador HiGHS" in res.stdout and "optimizador exact " not in res.stdout
    res = runner.invoke(app, ["solve", str(fixed_bonus_book), "--out", str(tmp_path / "f.xlsx")])
    assert "optimizador exacto propio" in res.stdout


def test_a_feasible_plan_says_its_gap_and_what_stopped_it(tmp_path: Path) -> None:
    """bonus_choice_book at 20,000 MXN (tests/test_exact_levels.py works it by hand): LP bound
    12.654545…, rounded plan 10.2, gap 1 − 10.2/12.654545… = 19.3966 %. At brecha_mip 0.2 the
    rounded plan is the answer, ``feasible`` within the accepted 20 %: the status line says the gap
    and that it is within the accepted one. A plan above the accepted gap stopped at the time
    limit; an optimal plan adds nothing."""
    from planner.core.model_words import gap_words

    scenario, _ = load_scenario(bonus_choice_book(tmp_path, budget=20_000))
    result = solve(scenario, WhatIf(mip_gap=0.2))
    assert result.plan.status is Status.FEASIBLE
    assert gap_words(result.plan, 0.2) == (
        " · brecha 19.3966%, dentro de la aceptada (20.0000%): a lo sumo 2.45 puntos de necesidad"
        " ponderada por debajo del mejor plan posible; con brecha_mip = 0 se exige la prueba del"
        " óptimo (más lento)")
    assert gap_words(result.plan, 0.1, "en") == (
        " · gap 19.3966%, above the accepted 10.0000%: stopped at the time limit; at most 2.45"
        " points of weighted need below the best possible plan")
    exact = solve(scenario)  # brecha 0: HiGHS's proven 11.4
    assert exact.plan.status is Status.OPTIMAL and gap_words(exact.plan, 0.0) == ""


def test_cli_status_line_gives_the_national_gap(tmp_path: Path) -> None:
    """The national default stops within its brecha_mip 1e-4 (status feasible): the CLI's status
    line says the measured gap next to the accepted 0.0100% (it said only «factible»)."""
    import re

    from typer.testing import CliRunner

    from planner.cli.main import app
    res = CliRunner().invoke(app, ["solve", "inputs/nacional_2024.xlsx",
                                   "--out", str(tmp_path / "n.xlsx")])
    assert res.exit_code == 0, res.output
    line = res.stdout.splitlines()[0]
    m = re.search(r" · brecha (\d+\.\d{4})%, dentro de la aceptada \(0\.0100%\): a lo sumo"
                  r" (\d+\.\d\d) puntos de necesidad ponderada por debajo del mejor plan posible;",
                  line)
    assert line.startswith("Estado: factible") and m, line
    assert 0 < float(m.group(1)) <= 0.01
    payload = json.loads(CliRunner().invoke(app, ["solve", "inputs/nacional_2024.xlsx",
                                                  "--json"]).stdout)
    assert float(m.group(2)) == round(payload["lp_bound"] - payload["objective"], 2)
