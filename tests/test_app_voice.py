"""Issue 21's app defects, driven by AppTest on the tiny workbook of tests/builders.py with the
two-candidate list of tests/test_app_candidates.py (worked out in tests/test_app.py: 5
specialists for 52,937 MXN a month, in Chiapas and Oaxaca; A lists CS0002 then CS0001, B only
CS0002).

- Radio groups keep their choice across the language switch: the browser sends a radio's choice
  back as the label it shows, so a widget whose labels change language must be another widget
  in the other language (its element id differs), opening on the chosen code. The real browser
  is tests/test_browser.py ``-k radio_selection``.
- Plural forms: one state chosen in the form reads «1 entidad», not «1 entidades».
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner.core.words import t as tr
from planner.ui import charts, figures
from tests.builders import MG, make_workbook
from tests.test_app import start_app, widget
from tests.test_matching import with_candidates


@pytest.fixture(scope="module")
def listed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_workbook(tmp_path_factory.mktemp("voice") / "lista.xlsx", with_candidates(
        [("A", MG, 7, ["CS0002", "CS0001"], 90), ("B", MG, 20, ["CS0002"], 80)]))


@pytest.fixture
def app(listed: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return start_app(listed, monkeypatch)


# the main area's radio groups: label key → (a code off the default, its label key)
MAIN_RADIOS = {"adv_metric": ("at_target", figures.ADVANTAGE["at_target"][1]),
               "map_metric": ("spec_gap", charts.MAP_METRICS["spec_gap"][1]),
               "candp_mode": ("estable", "candp_mode_estable")}


def _radios(at: AppTest, lang: str) -> dict:
    """Label key → the radio widget, for the main area's groups in ``lang``."""
    by_label = {r.label: r for r in at.radio}
    return {k: by_label[tr(k, lang)] for k in MAIN_RADIOS}


def test_radio_groups_keep_their_choice_across_the_language_switch(app: AppTest) -> None:
    """Fails before issue 21: one widget per key whatever the language, so the browser echoed
    the Spanish label into the English widget (same element id) and no option showed chosen.
    Now each group is another widget in English (another id) that opens on the same code, its
    option in English, and back in Spanish the Spanish one opens on it again."""
    for key, (code, _) in MAIN_RADIOS.items():
        _radios(app, "es")[key].set_value(code).run()
        assert not app.exception, app.exception
    spanish = _radios(app, "es")
    assert {k: r.value for k, r in spanish.items()} == {k: c for k, (c, _) in MAIN_RADIOS.items()}
    app.radio(key="lang").set_value("en").run()
    assert not app.exception, app.exception
    english = _radios(app, "en")
    for key, (code, word) in MAIN_RADIOS.items():
        radio = english[key]
        assert radio.value == code, key
        assert radio.id != spanish[key].id, key  # the browser cannot echo a Spanish label here
        assert radio.options[radio.proto.default] == tr(word, "en"), key  # drawn as chosen
    app.radio(key="lang").set_value("es").run()
    again = _radios(app, "es")
    for key, (code, word) in MAIN_RADIOS.items():
        assert again[key].value == code, key
        assert again[key].options[again[key].proto.default] == tr(word, "es"), key


def test_form_mode_radios_keep_their_choice_and_reset(app: AppTest) -> None:
    """The form's mode radios use the same helper: chosen and solved in Spanish, still chosen in
    English; «Volver al plan base» brings back the workbook's mode in either language."""
    label = tr("wi_mode_assignment_mode")
    widget(app.radio, label).set_value("optimo")
    widget(app.button, tr("solve")).click().run()
    assert not app.exception, app.exception
    app.radio(key="lang").set_value("en").run()
    radio = widget(app.radio, tr("wi_mode_assignment_mode", "en"))
    assert radio.value == "optimo"
    assert radio.options[radio.proto.default] == tr("candp_mode_optimo", "en")
    app.button(key="reset").click().run()
    assert widget(app.radio, tr("wi_mode_assignment_mode", "en")).value == "por_oferta"
    app.radio(key="lang").set_value("es").run()
    assert widget(app.radio, label).value == "por_oferta"


def test_one_state_reads_in_the_singular(app: AppTest) -> None:
    """Fails before issue 21: a what-if on Oaxaca alone said «1 entidades» in its banner and
    «cubre 1 de sus 2 entidades»; now «1 entidad», and in English «1 state»."""
    app.multiselect(key=next(m.key for m in app.multiselect
                             if m.key.startswith("states:"))).set_value([20])
    widget(app.button, tr("solve")).click().run()
    assert not app.exception, app.exception
    banner = next(i.value for i in app.info
                  if i.value.startswith(tr("showing_whatif", changes="").split(":")[0]))
    assert "1 entidad" in banner and "1 entidades" not in banner
    app.radio(key="lang").set_value("en").run()
    banner = next(i.value for i in app.info
                  if i.value.startswith(tr("showing_whatif", "en", changes="").split(":")[0]))
    assert "1 state" in banner and "1 states" not in banner


# Streamlit's Altair theme for axes (its frontend's CustomTheme.js): labels it finds
# overlapping are hidden (labelOverlap: true). At 14 px, 4 px apart, vl-convert hides every
# other state of the chart as it was (18 px bands), as the browser did on the national default.
STREAMLIT_AXIS = {"labelOverlap": True, "labelFontSize": 14, "labelSeparation": 4,
                  "labelPadding": 16}


def test_every_state_is_labelled_on_the_unwanted_chart() -> None:
    """Fails before issue 21: with Streamlit's theme (``labelOverlap``) and 18 px bands, the
    chart «Plazas que nadie eligió, por entidad y especialidad» showed 16 of 32 state labels.
    32 states × 2 specialties, rendered to SVG with that theme: all 32 labels are drawn."""
    import pandas as pd
    import vl_convert as vlc

    from planner.ui import candidate_views as cv

    states = [f"Entidad {i:02d}" for i in range(1, 33)]
    rows = pd.DataFrame({"state": [s for s in states for _ in range(2)],
                         "category": ["Anestesiología", "Cirugía general"] * 32,
                         "vacancies_without": list(range(64, 0, -1))})
    spec = cv.unwanted_rows_chart(rows, "es").to_dict()
    spec["config"] = {**spec.get("config", {}), "axis": STREAMLIT_AXIS}
    svg = vlc.vegalite_to_svg(spec)
    # a label the overlap rule hides is still in the SVG, with opacity 0
    labels = re.findall(r'<text[^>]*opacity="([\d.]+)"[^>]*>(Entidad \d\d)</text>', svg)
    assert len(labels) == 32
    assert {name for opacity, name in labels if float(opacity) > 0} == set(states)


def test_units_table_opens_on_what_the_plan_changes_most(app: AppTest) -> None:
    """Fails before issue 21 (the table kept the workbook's order, HOSP01 first). With a budget
    of 20,000 MXN the optimiser takes Anestesiología and Cirugía general at HOSP02 (10,000
    each, tests/test_app.py) and nothing at HOSP01; the general doctors go to CS0001 (2) and
    CS0002 (1). People placed, most first, then the bonus: HOSP02 (2, $20,000), CS0001 (2,
    $0), CS0002 (1), then HOSP01 and CS0003 (0) in the workbook's order; the caption says so."""
    widget(app.number_input, tr("budget")).set_value(20_000)
    widget(app.button, tr("solve")).click().run()
    assert not app.exception, app.exception
    table = next(d.value for d in app.dataframe if tr("col_clues") in d.value.columns
                 and tr("col_bonus_month") in d.value.columns)
    assert table[tr("col_clues")].tolist() == ["HOSP02", "CS0001", "CS0002", "HOSP01", "CS0003"]
    assert any(tr("units_sorted", placed=tr("col_gp_placed"), spec=tr("col_spec_placed"),
                  bonus=tr("col_bonus_month")) in c.value for c in app.caption)


# --- the first screen in the planner's order (issue 21) -----------------------------------------

@pytest.fixture(scope="module")
def bonus_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.test_acceptance import bonus_choice_book

    return bonus_choice_book(tmp_path_factory.mktemp("voice_bonus"))


def _cards(at: AppTest) -> list[tuple[str, str, str]]:
    return [(m.label, m.value, m.delta) for m in at.metric]


def test_first_screen_answers_in_order_with_directions(bonus_book: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Fails before issue 21 (the screen opened on «Plazas que se espera llenar» beside
    «Frente al bono uniforme 2024 +0.5», a count, and the bill came last). On
    tests/test_acceptance.bonus_choice_book (worked out there): what the plan achieves (need
    15.6, 1.8 posts), what it costs ($32,000 expected, 64 % of exceeding the budget), against
    2024 at equal money headlined on weighted need (0 at 2024's $13,000; +4.8 at the same
    budget, 15.6 − 10.8), then the caveats.

    In a what-if with the uniform bonus (modo fijo: 10.8 and 1.3 posts, $13,000 expected,
    tests/test_app_modes.py) every card of the first two parts carries its change: −4.8 need,
    −0.5 posts (the top card too), −$19,000 of bill."""
    at = start_app(bonus_book, monkeypatch)
    heads = [m.value for m in at.markdown if m.value.startswith("#### ")]
    assert heads == [f"#### {tr(f'fs_part_{p}')}" for p in ("achieves", "costs", "compare",
                                                             "caveats")]
    cards = [c for c in _cards(at) if c[0] != tr("ex_at_target_expected")]
    assert cards[:5] == [
        (tr("fs_need"), "15.6", ""), (tr("fs_expected"), "1.8", ""),
        (tr("fs_bill"), "$32,000", ""), (tr("fs_overrun"), "64.0%", ""),
        (tr("fs_fair"), "0", "")]
    # one comparison card (issue 21: two near-identical cards read as two answers); the
    # same-budget figure, +4.8, is in its caption, with which way is better
    captions = [c.value for c in at.caption]
    assert any("con el mismo presupuesto: +4.8" in c and "más es mejor" in c for c in captions)
    assert tr("fs_gain") not in [label for label, _, _ in _cards(at)]
    widget(at.radio, tr("wi_mode_bonus_mode")).set_value("fijo")
    widget(at.button, tr("solve")).click().run()
    assert not at.exception, at.exception
    cards = {label: (value, delta) for label, value, delta in _cards(at)}
    assert cards[tr("fs_need")] == ("10.8", "-4.8")
    assert cards[tr("fs_expected")] == ("1.3", "-0.5")
    # a change is written as its figure is (issue 21: «$13,000» beside «-$19,000 MXN»)
    assert cards[tr("fs_bill")] == ("$13,000", "-$19,000")
    # the count is never the comparison's headline: the uniform bonus is the 2024 policy's
    # own, 0 on weighted need
    assert cards.get(tr("fs_fair"), cards.get(tr("fs_gain"))) == ("0", "")


def test_comparison_opens_on_the_first_screen_headline(bonus_book: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Fails before issue 21 (the comparison had no expected filled posts and opened on
    «Centros en la meta», a row the budget cannot change). The baseline (1.8 posts, need
    15.6) against the uniform bonus (1.3, 10.8), saved and compared: the table opens on the
    expected filled posts, then the weighted need, with their differences, and the headline
    figures that moved come before those that did not."""
    at = start_app(bonus_book, monkeypatch)
    widget(at.radio, tr("wi_mode_bonus_mode")).set_value("fijo")
    widget(at.button, tr("solve")).click().run()
    at.text_input(key="save_name").set_value("uniforme")
    widget(at.button, tr("save_button")).click().run()
    at.multiselect(key="compare").set_value(["\x00base", "uniforme"]).run()
    assert not at.exception, at.exception
    table = next(d.value for d in at.dataframe if tr("col_indicator") in d.value.columns
                 and "uniforme" in d.value.columns)
    base = tr("baseline_name")
    first = table.iloc[:2][[tr("col_indicator"), base, "uniforme", "Δ uniforme"]]
    assert first.values.tolist() == [[tr("fs_expected"), "1.8", "1.3", "-0.5"],
                                     [tr("fs_need"), "15.6", "10.8", "-4.8"]]
    deltas = table["Δ uniforme"].iloc[2:].tolist()
    moved = [d != "0" for d in deltas]
    assert moved == sorted(moved, reverse=True)  # the rows that moved come first


def test_english_status_line_names_the_exact_solver_in_english(app: AppTest) -> None:
    """Fails before issue 21: the English status line read «solver own exact path». The tiny
    workbook's count model is solved by the project's own exact path (tests/test_app_modes.py)."""
    app.radio(key="lang").set_value("en").run()
    lead = tr("status_line", "en", status="", solver="", seconds="", variables="").split("**")[0]
    line = next(c.value for c in app.caption if c.value.startswith(lead))
    assert f"· solver {tr('solver_word_exact', 'en')} ·" in line
    assert "solver exact (the project's own)" in line and "own exact path" not in line


def test_select_boxes_and_multiselects_keep_their_choice_across_the_switch(app: AppTest) -> None:
    """The same defect on the other choice widgets whose labels are words (the browser sends
    their choice back as labels too): the scenarios compared («Plan base» is «Baseline plan»
    in English), the per-state indicator of the comparison, the workbook to download and the
    unit types. Each is another widget in English, opening on the same codes."""
    widget(app.number_input, tr("budget")).set_value(25_000)
    widget(app.button, tr("solve")).click().run()
    app.text_input(key="save_name").set_value("bajo")
    widget(app.button, tr("save_button")).click().run()
    assert app.multiselect(key="compare").value == ["\x00base", "bajo"]  # just saved
    metric = app.selectbox(key="compare_metric")
    other = next(o for o in metric.options if o != metric.value)
    metric.set_value(next(m for m in figures.STATE_METRICS if tr(m) == other)).run()
    app.selectbox(key="download_pick").set_value("bajo").run()
    app.multiselect(key="f_kinds").set_value(["hospital"]).run()
    chosen = {k: app.selectbox(key=k).value for k in ("compare_metric", "download_pick")}
    chosen |= {k: app.multiselect(key=k).value for k in ("compare", "f_kinds")}
    ids = {k: (app.selectbox(key=k) if k in ("compare_metric", "download_pick")
               else app.multiselect(key=k)).id for k in chosen}
    app.radio(key="lang").set_value("en").run()
    assert not app.exception, app.exception
    for k, value in chosen.items():
        w = (app.selectbox(key=f"en|{k}") if k in ("compare_metric", "download_pick")
             else app.multiselect(key=f"en|{k}"))
        assert w.value == value, k
        assert w.id != ids[k], k
    assert app.multiselect(key="en|compare").proto.default[:] == [0, 1]  # drawn as chosen
