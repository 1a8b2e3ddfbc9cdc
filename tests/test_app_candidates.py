"""The candidates tab (issue 14's app part) in AppTest, on the hand case of tests/test_matching.py.

Two general doctors on the tiny workbook of tests/builders.py: A (score 90) lists 1) CS0002
2) CS0001, B (score 80) lists only CS0002. The workbook keeps ``por_oferta``; the planner picks
the mode on the tab.

estable: both propose to CS0002, which keeps A (higher score); B has nothing else and stays out.
  Placed 1 of 2. CS0002 is filled; CS0001 was listed by A, who went elsewhere: lost to another
  post. The four specialist posts (HOSP01 Anestesiología 2 vacancies and Cirugía general 1, in
  Chiapas; HOSP02 Anestesiología 1 and Cirugía general 1, in Oaxaca) have no applicant: 4 posts
  without candidates, 3 vacancies in Chiapas and 2 in Oaxaca.
  Coverage 2 (CS0002) against 14 for optimo (A to CS0001: 3 + first doctor 9 = 12, B to CS0002:
  2): a price of stability of 12.0 points (85.7 %); in optimo A and CS0002 block (1 pair).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner.core.words import t as tr
from planner.pipeline import load_scenario
from planner.ui import candidate_views as cv
from tests.builders import MG, make_workbook
from tests.test_app import start_app, widget
from tests.test_matching import with_candidates


@pytest.fixture(scope="module")
def listed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_workbook(tmp_path_factory.mktemp("cand") / "lista.xlsx", with_candidates(
        [("A", MG, 7, ["CS0002", "CS0001"], 90), ("B", MG, 20, ["CS0002"], 80)]))




def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_stable_mode_on_the_tab(listed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = start_app(listed, monkeypatch)
    assert tr("tab_candidates") in [tab.label for tab in at.tabs]
    assert any(tr("candp_por_oferta") == i.value for i in at.info)  # the workbook's mode
    assert not any(w.value.startswith("Lista SINTÉTICA") for w in at.warning)  # a real list
    widget(at.radio, tr("candp_mode")).set_value("estable").run()
    widget(at.button, tr("candp_run", mode=tr("candp_mode_estable"))).click().run()
    assert not at.exception, at.exception
    m = _metrics(at)
    assert m[tr("candp_placed")] == "1"
    assert m[tr("candp_filled")] == "1"
    assert m[tr("candp_no_applicants")] == "4"
    assert m[tr("candp_lost")] == "1"
    # only the chosen mode ran; the price of stability waits for its own button
    (run,) = at.session_state["cand_runs"].values()
    assert run.candidates.mode == "estable" and run.candidates.other is None
    assert not any(i.value.startswith("Precio de la estabilidad") for i in at.info)
    widget(at.button, tr("candp_compare", other=tr("candp_mode_optimo"))).click().run()
    assert not at.exception, at.exception
    (run,) = at.session_state["cand_runs"].values()
    assert run.candidates.other.mode == "optimo"
    sentence = next(i.value for i in at.info if i.value.startswith("Precio de la estabilidad"))
    assert "cubre 2.0 puntos de necesidad y la óptima 14.0" in sentence
    assert "cuesta 12.0 puntos (85.7%)" in sentence
    assert "hay 1 par candidato–plaza" in sentence
    unwanted = next(d.value for d in at.dataframe
                    if tr("candp_col_vacancies_without") in d.value.columns)
    by_state = unwanted.groupby(tr("candp_col_state"))[tr("candp_col_vacancies_without")].sum()
    assert by_state.to_dict() == {"Chiapas": 3, "Oaxaca": 2}
    assert "_" not in "".join(unwanted.columns)  # planner headers, not machine names
    people = next(d.value for d in at.dataframe if tr("candp_col_folio") in d.value.columns)
    rows = {r[tr("candp_col_folio")]: r for _, r in people.iterrows()}
    assert rows["A"][tr("candp_col_clues")] == "CS0002"
    assert int(rows["A"][tr("candp_col_rank")]) == 1
    assert rows["B"][tr("candp_col_clues")] == ""  # not placed: blank, not "None"
    assert rows["B"][tr("candp_col_rank")] == ""
    # the map can show vacancies without candidates by state
    spec = next(c.proto.spec for c in at.get("vega_lite_chart")
                if "vacancies_without" in c.proto.spec)
    assert "geoshape" in spec and tr("map_unwanted") in spec


def test_without_a_list_the_tab_says_how_to_get_one(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    at = start_app(make_workbook(tmp_path / "sin_lista.xlsx"), monkeypatch)
    assert any(i.value == tr("candp_no_list") for i in at.info)


def test_the_synthetic_list_is_labelled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_workbook(tmp_path / "sint.xlsx", with_candidates(
        [("SINT-000001", MG, 7, ["CS0001"], 70), ("SINT-000002", MG, 20, ["CS0002"], 60)]))
    scenario, _ = load_scenario(path)
    assert cv.is_synthetic(scenario)
    at = start_app(path, monkeypatch)
    assert any(w.value == tr("candp_synthetic", n="2") for w in at.warning)


def test_the_unwanted_chart_has_planner_tooltips(listed: Path) -> None:
    from dataclasses import replace

    from planner.core.scenario import WhatIf
    from planner.pipeline import solve
    scenario, _ = load_scenario(listed)
    result = solve(scenario, WhatIf(assignment_mode="optimo"))
    spec = cv.unwanted_chart(result).to_dict()
    fields = {tip["field"] for tip in spec["encoding"]["tooltip"]}
    assert fields == {tr("candp_col_state"), tr("candp_col_specialty"),
                      tr("candp_col_vacancies_without")}
    h = cv.headline(result, scenario)
    assert (h.placed, h.filled, h.partial, h.no_applicants, h.lost) == (2, 1, 1, 4, 0)
    assert replace  # imported for symmetry with the page


def test_the_charts_map_offers_vacancies_without_candidates_only_with_an_assignment(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In optimo mode (set in the workbook) the map tab gains the metric; in por_oferta not."""
    from tests.builders import set_param
    tables = with_candidates([("A", MG, 7, ["CS0002", "CS0001"], 90),
                              ("B", MG, 20, ["CS0002"], 80)])
    set_param(tables, "modo_asignacion", "optimo")
    at = start_app(make_workbook(tmp_path / "optimo.xlsx", tables), monkeypatch)
    assert any(i.value == tr("candp_no_hand") for i in at.info)  # no hand-rule crash
    radio = at.radio(key="map_metric")
    assert "unwanted" in radio.options or tr("map_unwanted") in radio.options
    radio.set_value("unwanted").run()
    assert not at.exception, at.exception
    assert any("vacancies_without" in c.proto.spec for c in at.get("vega_lite_chart"))
    # the candidates tab shows the workbook's own assignment, without a button
    assert _metrics(at)[tr("candp_placed")] == "2"
    assert not any(b.label.startswith(tr("candp_run", mode="")[:8]) for b in at.button)


def test_comparing_after_running_both_modes_solves_nothing_again(
        listed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """estable, then optimo on the tab, then «Comparar»: the caption says the other mode is
    already computed, and the comparison uses it (a review saw optimo solved a second time)."""
    from models import matching

    at = start_app(listed, monkeypatch)
    widget(at.radio, tr("candp_mode")).set_value("estable").run()
    widget(at.button, tr("candp_run", mode=tr("candp_mode_estable"))).click().run()
    widget(at.radio, tr("candp_mode")).set_value("optimo").run()
    widget(at.button, tr("candp_run", mode=tr("candp_mode_optimo"))).click().run()
    assert not at.exception, at.exception
    assert tr("candp_compare_known", other=tr("candp_mode_estable")) in [
        c.value for c in at.caption]

    def no_solve(*args, **kwargs):
        raise AssertionError("estable solved again")

    monkeypatch.setattr(matching, "solve_estable", no_solve)
    widget(at.button, tr("candp_compare", other=tr("candp_mode_estable"))).click().run()
    assert not at.exception, at.exception
    sentence = next(i.value for i in at.info if i.value.startswith("Precio de la estabilidad"))
    assert "cuesta 12.0 puntos (85.7%)" in sentence
