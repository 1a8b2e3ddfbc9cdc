"""The what-if app driven by Streamlit's AppTest, and its Streamlit-free helpers (planner/ui).

Most app tests run on the tiny workbook of tests/builders.py, pointed at with
``PLANNER_DEFAULT_WORKBOOK``; one runs on the real national default. The tiny scenario, worked out:
specialist gaps are Anestesiología 2 + Cirugía general 1 at HOSP01 (zone 2, 10,979 MXN each) and
1 + 1 at HOSP02 (zone 3, 10,000 MXN each); with the budget of 1,000,000 all 5 are placed for
3 × 10,979 + 2 × 10,000 = 52,937 MXN a month. With a budget of 25,000 at most two fit (two cost at
least 20,000, three at least 30,000). With 20,000 the hand rule takes Anestesiología at HOSP01
(w 9, 10,979) and then nothing fits; the optimiser takes Anestesiología and Cirugía general at
HOSP02 (w 6 + 4, 10,000 each): an advantage of 1 point, Oaxaca +10, Chiapas −9.

Covered: first run, a what-if through the form, language switch, unit search, saving and
comparing scenarios, marginal values, uploads through ``file_uploader`` (AppTest drives it
directly) — broken, not xlsx, and valid; the rules of DESIGN §2b (an infeasible hard minimum
explained in Spanish, an equity floor that binds), the hand-rule comparison per state and the
budget–coverage frontier. Not covered here: the download buttons' bytes (AppTest cannot click a
download; the bytes come from ``sources.result_workbook_bytes``, tested below, and the real
download is tested in tests/test_browser.py) and how the charts look (PNG test below).
"""

from __future__ import annotations

import copy
import io
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from planner import pipeline as sensitivity
from planner.analysis.marginals import marginal_values
from planner.core import fmt
from planner.core.scenario import WhatIf
from planner.core.words import MESSAGES as LABELS
from planner.core.words import t as tr
from planner.explain.render import card
from planner.explain.summary import plan_counts
from planner.pipeline import load_scenario, solve
from planner.report.result_book import SHEETS
from planner.ui import charts, figures, geo, marginal_views, rule_views, sources, tables
from planner.ui import frontier as frontier_views
from planner.ui.whatif import FormError, build_what_if, form_defaults, what_if_key
from tests.builders import ANES, MG, base_tables, make_workbook

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
NATIONAL = ROOT / "inputs" / "nacional_2024.xlsx"
TIMEOUT = 120


# --- fixtures ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_workbook(tmp_path_factory.mktemp("app") / "tiny.xlsx")


@pytest.fixture(scope="module")
def tiny_result(tiny: Path):
    scenario, _ = load_scenario(tiny)
    return solve(scenario)


def start_app(path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The app run once on the workbook at ``path`` as its default scenario, without error."""
    monkeypatch.setenv(sources.ENV_WORKBOOK, str(path))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def app(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return start_app(tiny, monkeypatch)


def metrics(at: AppTest) -> dict[str, tuple[str, str]]:
    """Metric label → (value, delta) as the page shows them."""
    return {m.label: (m.value, m.delta) for m in at.metric}


def number(text: str) -> float:
    """'$52,937' or '4,010' or '-$30,979 MXN' → the number."""
    cleaned = text.replace("MXN", "").replace("$", "").replace(",", "").strip()
    return float(cleaned)


def widget(items, label: str):
    return next(w for w in items if w.label == label)


def solve_with(at: AppTest, **numbers: float) -> AppTest:
    """Fill the what-if form's number inputs (by Spanish label) and press 'Calcular escenario'."""
    for label, value in numbers.items():
        widget(at.number_input, label).set_value(value)
    widget(at.button, tr("solve")).click()
    at.run()
    assert not at.exception, at.exception
    return at


BUDGET = tr("budget")


# --- the app on the tiny workbook ---------------------------------------------------------------

def test_first_run_shows_the_baseline_plan(app: AppTest, tiny_result) -> None:
    m = metrics(app)
    h = tiny_result.indicators.headline
    assert number(m[tr("m_spec_placed")][0]) == h["spec_placed"] == 5
    assert number(m[tr("m_bonus_month")][0]) == h["bonus_month"] == 52_937
    assert number(m[tr("m_at_target")][0]) == h["centres_at_target_after"]
    assert m[tr("m_bonus_month")][0] == "$52,937"
    assert all(delta in (None, "") for _, delta in m.values())  # baseline: nothing to compare
    assert any("plan base" in i.value for i in app.info)
    assert not app.error


def test_lower_budget_lowers_specialists_and_bonus(app: AppTest) -> None:
    before = metrics(app)
    solve_with(app, **{BUDGET: 25_000})
    after = metrics(app)
    spec, bonus = tr("m_spec_placed"), tr("m_bonus_month")
    assert number(after[spec][0]) <= number(before[spec][0])
    assert number(after[bonus][0]) <= number(before[bonus][0])
    # worked out in the module docstring: at most two specialists fit in 25,000 MXN
    assert number(after[spec][0]) <= 2
    assert number(after[bonus][0]) <= 25_000
    assert after[spec][1].startswith("-")  # delta against the baseline plan
    assert any("$25,000" in i.value for i in app.info)  # the change is stated


def test_english_labels(app: AppTest) -> None:
    app.radio(key="lang").set_value("en").run()
    assert not app.exception
    assert app.title[0].value == tr("title", "en")
    assert tr("m_spec_placed", "en") in metrics(app)


def test_unit_search_by_clues(app: AppTest) -> None:
    app.text_input(key="f_search").set_value("cs0002").run()
    view = next(d.value for d in app.dataframe if tr("col_clues") in d.value.columns)
    assert view[tr("col_clues")].tolist() == ["CS0002"]


def test_two_saved_scenarios_compare(app: AppTest) -> None:
    solve_with(app, **{BUDGET: 25_000})
    app.text_input(key="save_name").set_value("presupuesto bajo")
    widget(app.button, tr("save_button")).click()
    app.run()
    solve_with(app, **{BUDGET: 40_000})
    app.text_input(key="save_name").set_value("presupuesto medio")
    widget(app.button, tr("save_button")).click()
    app.run()
    auto = next(d.value for d in app.dataframe if "presupuesto medio" in d.value.columns)
    assert {tr("baseline_name"), "presupuesto bajo", "presupuesto medio"} <= set(auto.columns)
    app.multiselect(key="compare").set_value(["presupuesto bajo", "presupuesto medio"]).run()
    assert not app.exception
    table = next(d.value for d in app.dataframe if tr("col_indicator") in d.value.columns
                 and "presupuesto medio" in d.value.columns)
    row = table[table[tr("col_indicator")] == tr("m_spec_placed")].iloc[0]
    low, mid = number(row["presupuesto bajo"]), number(row["presupuesto medio"])
    assert low <= 2 < mid  # 40,000 pays for three specialists
    delta = row["Δ presupuesto medio"]  # short header; the caption names the reference
    assert number(delta) == mid - low
    assert any(c.value == tr("cmpv_delta_note", ref="presupuesto bajo") for c in app.caption)
    states = next(d.value for d in app.dataframe if "Δ presupuesto medio" in d.value.columns
                  and tr("state") in d.value.columns)
    assert set(states[tr("state")]) == {"Chiapas", "Oaxaca"}


def _sentences(result, confirm: bool, lang: str = "es") -> list[str]:
    if confirm:
        result = sensitivity.confirm_marginals(result)
    return marginal_views.lines(marginal_values(result, confirm=confirm, lang=lang), lang)


def test_marginal_values_in_words(app: AppTest, tiny: Path) -> None:
    """The section shows planner.ui.marginal_views's sentences; the button confirms them.

    With a budget of 25,000 MXN the budget binds, so its marginal value is not zero and the
    confirmation (an integer re-solve) changes the sentences.
    """
    solve_with(app, **{BUDGET: 25_000})
    scenario, _ = load_scenario(tiny)
    low = solve(scenario, WhatIf(budget=25_000))
    text = " ".join(m.value for m in app.markdown)
    quick = _sentences(low, confirm=False)
    assert quick and all(s in text for s in quick)
    assert any("anestesiólogo" in s for s in quick)
    widget(app.button, tr("confirm_marginal")).click()
    app.run()
    assert not app.exception
    text = " ".join(m.value for m in app.markdown)
    confirmed = _sentences(low, confirm=True)
    assert confirmed != quick and all(s in text for s in confirmed)
    assert not any(b.label == tr("confirm_marginal") for b in app.button)


def test_result_workbook_is_one_click(app: AppTest) -> None:
    """The download button is there at once (built on click); the confirmed one beside it is
    prepared first, with a progress bar over its re-solves (tests/test_app_download.py)."""
    keys = [d.proto.id for d in app.get("download_button")]
    assert any("download:current" in k for k in keys)
    assert any(b.key == "prepare_confirmed:current" for b in app.button)
    assert not any(b.label == "Preparar libro de resultados (.xlsx)" for b in app.button)


def test_broken_upload_shows_problems_table(app: AppTest, tmp_path: Path) -> None:
    tables_ = base_tables()
    tables_["plantilla"]["actuales"] = tables_["plantilla"]["actuales"].astype(object)
    tables_["plantilla"].loc[1, "actuales"] = "dos"
    bad = make_workbook(tmp_path / "roto.xlsx", tables_)
    app.file_uploader(key="upload").set_value(("roto.xlsx", bad.read_bytes(), sources.XLSX_MIME))
    app.run()
    assert not app.exception
    assert any("roto.xlsx" in e.value for e in app.error)
    problems = next(d.value for d in app.dataframe if "problema" in d.value.columns)
    assert list(problems.columns) == ["hoja", "fila", "columna", "valor", "problema"]
    hit = problems[(problems["hoja"] == "plantilla") & (problems["valor"] == "dos")]
    assert len(hit) == 1 and hit["fila"].iloc[0] == "3" and hit["columna"].iloc[0] == "actuales"
    assert tr("m_spec_placed") in metrics(app)  # the default scenario stays in use


def test_upload_that_is_not_xlsx(app: AppTest) -> None:
    app.file_uploader(key="upload").set_value(("notas.xlsx", b"%PDF-1.4 ...", "application/pdf"))
    app.run()
    assert not app.exception
    problems = next(d.value for d in app.dataframe if "problema" in d.value.columns)
    assert "PDF" in problems["problema"].iloc[0]


def test_valid_upload_becomes_the_scenario(app: AppTest, tmp_path: Path) -> None:
    small = make_workbook(tmp_path / "mio.xlsx", presupuesto_bono_mensual=15_000)
    app.file_uploader(key="upload").set_value(("mio.xlsx", small.read_bytes(), sources.XLSX_MIME))
    app.run()
    assert not app.exception
    assert any("mio.xlsx" in s.value for s in app.success)
    m = metrics(app)
    assert number(m[tr("m_spec_placed")][0]) == 1  # 15,000 MXN pays for one specialist
    app.file_uploader(key="upload").set_value(None).run()  # removing it: back to the default
    assert number(metrics(app)[tr("m_spec_placed")][0]) == 5


def test_one_solve_at_a_time(app: AppTest) -> None:
    """A what-if submitted while the session is solving is refused, not queued."""
    app.session_state["solving"] = True
    solve_with(app, **{BUDGET: 25_000})
    assert any(w.value == tr("busy") for w in app.warning)
    assert number(metrics(app)[tr("m_spec_placed")][0]) == 5  # still the baseline plan


def test_no_state_selected_is_refused(app: AppTest) -> None:
    widget(app.multiselect, tr("states")).set_value([])
    widget(app.button, tr("solve")).click()
    app.run()
    assert not app.exception
    assert any(tr("no_states") == e.value for e in app.error)


# --- rules, hand rule per state, frontier ----------------------------------------------------------

def _app_on(path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv(sources.ENV_WORKBOOK, str(path))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    return at


def no_traceback(at: AppTest) -> None:
    assert not at.exception, at.exception
    assert not any(kind in e.value for e in at.error for kind in ("Traceback", "unexpected",
                                                                   "inesperado"))


@pytest.fixture(scope="module")
def no_gp_candidates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny workbook with no general-doctor candidates: CS0001 (Chiapas) has no doctor."""
    t = base_tables()
    t["oferta"].loc[t["oferta"]["categoria"] == MG, "candidatos"] = 0
    return make_workbook(tmp_path_factory.mktemp("app") / "sin_mg.xlsx", t)


def test_hard_minimum_without_candidates_is_explained(no_gp_candidates: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """«Al menos un médico general por centro» with 0 GP candidates: CS0001 in Chiapas cannot
    get one. The page says so in Spanish, with the table in Spanish, and no plan is shown."""
    at = _app_on(no_gp_candidates, monkeypatch)
    widget(at.checkbox, tr("one_doctor")).check()
    widget(at.button, tr("solve")).click()
    at.run()
    no_traceback(at)
    text = " ".join(e.value for e in at.error)
    assert "El escenario es infactible" in text
    assert ("Falta 1 médico general para que cada centro de salud tenga uno: Chiapas 1."
            in text)
    assert "con candidatos sin límite faltarían 0" in text
    table = next(d.value for d in at.dataframe if tr("col_shortfall") in d.value.columns)
    assert table[[tr("col_state"), tr("col_shortfall"), tr("col_clues_missing")]
                 ].values.tolist() == [["Chiapas", 1, "CS0001"]]
    assert table[tr("col_rule")].tolist() == [tr("rule_one_doctor_per_centre")]
    english = {"rule", "category", "state", "required", "reached", "shortfall", "no_vacancy",
               "clues", "state_code"}
    assert not english & set(table.columns)
    assert not at.metric  # no plan, no indicators
    assert any("mínimo un médico general por centro" in c.value for c in at.caption)


@pytest.fixture(scope="module")
def floor_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Anestesiología: gap 2 at HOSP01 (Chiapas, w 9) and 2 at HOSP02 (Oaxaca, w 6), 2
    candidates. Without a floor both go to HOSP01 (18); with α = 100 % each state must receive
    ⌊2·2/4⌋ = 1, so one goes to HOSP02 (9 + 6 = 15): the objective drops by 3, from 45 to 42."""
    t = base_tables()
    pl = t["plantilla"]
    pl.loc[(pl["clues"] == "HOSP02") & (pl["categoria"] == ANES), "requeridos"] = 2
    t["oferta"].loc[t["oferta"]["categoria"] == ANES, "candidatos"] = 2
    return make_workbook(tmp_path_factory.mktemp("app") / "piso.xlsx", t)


def test_equity_floor_changes_the_plan(floor_book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app_on(floor_book, monkeypatch)
    need = tr("m_objective")
    assert number(metrics(at)[need][0]) == 45
    widget(at.slider, tr("equity_floor")).set_value(100)
    widget(at.button, tr("solve")).click()
    at.run()
    no_traceback(at)
    value, delta = metrics(at)[need]
    assert number(value) == 42 and delta.startswith("-3")
    assert any("100 %" in i.value for i in at.info)  # the change is stated
    assert any("piso de equidad por entidad (100 %)" in c.value for c in at.caption)
    floors = next(d.value for d in at.dataframe if tr("col_floor") in d.value.columns)
    anes = floors[floors[tr("col_category")] == ANES].set_index(tr("col_state"))
    assert anes[tr("col_floor")].to_dict() == {"Chiapas": 1, "Oaxaca": 1}
    assert anes[tr("col_placed")].to_dict() == {"Chiapas": 1, "Oaxaca": 1}
    assert set(floors[tr("col_met")]) == {"sí"}
    assert "met" not in floors.columns and "floor" not in floors.columns


def test_hand_rule_comparison_per_state(app: AppTest) -> None:
    """Baseline: the hand rule is optimal, and the page says so. With 20,000 MXN (worked out in
    the module docstring) the optimiser covers 1 point more: Oaxaca +10, Chiapas −9."""
    text = " ".join(m.value for m in app.markdown)
    assert "optimizar no cubre más necesidad que la regla manual" in text
    solve_with(app, **{BUDGET: 20_000})
    text = " ".join(m.value for m in app.markdown)
    assert "cubre **1.0** puntos más de necesidad ponderada que la regla manual" in text
    table = next(d.value for d in app.dataframe if tr("col_diff_short") in d.value.columns)
    diff = table.set_index(tr("state"))[tr("col_diff_short")].to_dict()
    assert diff == {"Oaxaca": "+10.0", "Chiapas": "-9.0"}
    assert any("+1.0" in c.value for c in app.caption)  # the national total under the chart
    app.radio(key="adv_metric").set_value("spec_placed").run()
    no_traceback(app)
    table = next(d.value for d in app.dataframe if tr("col_diff_short") in d.value.columns)
    assert table.set_index(tr("state"))[tr("col_diff_short")].to_dict() == {"Oaxaca": "+2",
                                                                          "Chiapas": "-1"}


def test_frontier_tab_computes_and_marks_the_current_budget(app: AppTest) -> None:
    """11 budgets from 0 to 2,000,000; the current 1,000,000 is marked; all 5 specialists cost
    52,937 MXN, so the curve is flat above that (worked out in the module docstring)."""
    solve_with(app, **{BUDGET: 40_000})  # a what-if: the frontier is the shown scenario's
    widget(app.button, tr("frontier_compute")).click()
    app.run()
    no_traceback(app)
    (table,) = app.session_state["frontiers"].values()
    assert len(table) == 11 and table["is_current"].sum() == 1
    assert float(table.loc[table["is_current"], "budget_month"].iloc[0]) == 40_000
    assert table["budget_month"].is_monotonic_increasing
    text = " ".join(m.value for m in app.markdown)
    assert "Por encima de $52,937 MXN mensuales, más presupuesto ya no cubre más necesidad" in text
    assert "$40,000 MXN" in text  # where the current budget sits
    points = next(d.value for d in app.dataframe if tr("col_is_current") in d.value.columns)
    assert points[tr("col_is_current")].tolist().count("sí") == 1
    assert not any(b.label == tr("frontier_compute") for b in app.button)  # kept, not redone
    app.run()
    assert not any(b.label == tr("frontier_compute") for b in app.button)


@pytest.mark.parametrize("case", ["pools", "links"])
def test_rules_tab_on_workbook_rules(case: str, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """State pools (oferta.clave_entidad) and linked specialties (categorias.requiere) are shown
    on, with their tables in Spanish (the workbooks and their optimum: tests/test_rules.py)."""
    from tests.test_rules import links_book, pools_book

    at = _app_on((pools_book if case == "pools" else links_book)(tmp_path), monkeypatch)
    no_traceback(at)
    text = " ".join(m.value for m in [*at.markdown, *at.caption])
    if case == "pools":
        assert "bolsas estatales de candidatos: **sí**" in text
        assert "1 de 2 candidatos registrados obtienen plaza en su entidad" in text
        table = next(d.value for d in at.dataframe if tr("col_idle") in d.value.columns)
        row = table.set_index(tr("col_state")).loc["Oaxaca"]
        assert row[[tr("col_pool"), tr("col_from_pool"), tr("col_idle")]].tolist() == [2, 1, 1]
    else:
        assert "especialidades ligadas: **sí**" in text
        assert "Cirugía general requiere Anestesiología" in text
        table = next(d.value for d in at.dataframe if tr("col_held_back") in d.value.columns)
        row = table.set_index(tr("col_clues")).loc["H3"]
        assert row[tr("col_held_back")] == 1
        assert row[tr("col_reason")].startswith("la unidad no tiene la especialidad requerida")
    # the optimiser beats the hand rule on these workbooks, and the page says so
    assert "puntos más de necesidad ponderada que la regla manual" in text


# --- the app on the real national default -------------------------------------------------------

@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """inputs/nacional_2024.xlsx, or the same workbook built by the data builder when missing."""
    if NATIONAL.is_file():
        return NATIONAL
    from planner.data.build import build

    out = tmp_path_factory.mktemp("nacional")
    return next(p for p in build(out) if p.name == NATIONAL.name)


@pytest.mark.slow
def test_national_default_first_run(national: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if national != NATIONAL:
        monkeypatch.setenv(sources.ENV_WORKBOOK, str(national))
    else:
        monkeypatch.delenv(sources.ENV_WORKBOOK, raising=False)
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    m = metrics(at)
    # the summary's statements (planner.explain.summary) as cards: what the plan achieves
    # (need, posts and centres expected), what it costs (bill, overrun), one comparison with
    # 2024 at equal money, the plan's 8 placements and nursing's 2; then the Avance tab's 4 post
    # cards and 3 money cards (issue 23: the default ships an illustrative phase 1)
    assert len(m) == 3 + 2 + 1 + 8 + 2 + 4 + 3
    assert {tr("ex_at_target_expected"), tr("sum_nurses_placed")} <= set(m)
    assert {tr("fs_overrun"), tr("fs_fair")} <= set(m)
    assert 0 <= number(m[tr("fs_overrun")][0].rstrip("%")) <= 100  # a percentage
    assert number(m[tr("av_vacancies")][0]) == (number(m[tr("av_filled")][0])
                                               + number(m[tr("av_empty")][0]))
    assert number(m[tr("av_budget")][0]) == (number(m[tr("av_committed")][0])
                                            + number(m[tr("av_left")][0]))
    assert 0 < number(m[tr("fs_expected")][0]) <= number(m[tr("m_filled")][0])
    assert number(m[tr("m_spec_placed")][0]) > 0
    bonus = number(m[tr("m_bonus_month")][0])
    scenario, _ = load_scenario(national)
    assert 0 < bonus <= scenario.params.budget
    assert any("nacional_2024.xlsx" in c.value for c in at.caption)
    # issue 27: the real shares, as planner validate prints them
    real = next(c.value for c in at.caption if c.value.startswith("Unidades reales"))
    assert "hospitales 586 de 586 (100%)" in real and "centros de salud 8,853 de 12,552" in real


# --- helpers without Streamlit ------------------------------------------------------------------

def test_numbers_as_written_in_mexico() -> None:
    assert fmt.mxn(44_025_790) == "$44,025,790 MXN"
    assert fmt.mxn(-1_000.4) == "-$1,000 MXN"
    assert fmt.integer(12_345) == "12,345"
    assert fmt.decimal(1_234.56) == "1,234.6"
    assert fmt.percent(0.9073) == "90.7%"
    assert fmt.signed(-30_979, "mxn") == "-$30,979 MXN"
    assert fmt.signed(3) == "+3"
    assert fmt.signed(0.2) == "0"  # Streamlit shows "0" grey, with no arrow
    assert fmt.integer(float("nan")) == fmt.DASH


def test_form_values_become_a_what_if(tiny: Path) -> None:
    scenario, _ = load_scenario(tiny)
    d = form_defaults(scenario)
    assert build_what_if(scenario, d).is_empty()
    changed = build_what_if(scenario, replace(d, budget=25_000.0, states=(7,)))
    assert changed == WhatIf(budget=25_000.0, states=(7,))
    bonus = dict(d.bonus)
    bonus[("especialidad", 3)] = 12_000.0
    supply = dict(d.supply)
    supply[ANES] = 1
    wi = build_what_if(scenario, replace(d, bonus=bonus, supply=supply, target=3))
    assert wi == WhatIf(target=3, bonus={("especialidad", 3): 12_000.0}, supply={ANES: 1})
    with pytest.raises(FormError):
        build_what_if(scenario, replace(d, states=()))


def test_headline_deltas_against_the_baseline(tiny: Path, tiny_result) -> None:
    scenario, _ = load_scenario(tiny)
    low = solve(scenario, WhatIf(budget=25_000))
    figs = {s.key: s for s in plan_counts(low, tiny_result)}
    assert figs["spec_placed"].delta < 0 and figs["bonus_month"].delta < 0
    assert card(figs["no_doctor"])["delta_color"] == "inverse"
    assert all(s.delta is None for s in plan_counts(low, None))


def test_frontier_reading() -> None:
    """The sentences under the curve: where it flattens, where the current budget sits, and the
    budgets at which the rules cannot be met."""
    def table(rows):
        return pd.DataFrame(rows, columns=["budget_month", "status", "objective", "bonus_month",
                                           "is_current"])

    flat = table([(0, "infeasible", None, None, False), (10e6, "optimal", 50, 10e6, False),
                  (20e6, "optimal", 80, 18e6, True), (30e6, "optimal", 80, 17.5e6, False)])
    lines = frontier_views.reading(flat)
    assert lines[0].startswith("**Por encima de $17,500,000 MXN mensuales, más presupuesto ya "
                               "no cubre más necesidad**")
    assert "entre $10,000,000 MXN y $17,500,000 MXN" in lines[0]
    assert "unos $2,500,000 MXN al mes no cubren necesidad adicional" in lines[1]
    assert lines[2].startswith("Con 1 de los presupuestos (hasta $0 MXN)")
    rising = table([(0, "optimal", 10, 0, False), (10e6, "optimal", 50, 10e6, True),
                    (20e6, "optimal", 70, 20e6, False)])
    lines = frontier_views.reading(rising, "es")
    assert "Hasta $20,000,000 MXN mensuales" in lines[0]
    assert "cubre unos 2.0 puntos más" in lines[1] and "71.4%" in lines[1]
    assert "more budget covers no more need" in frontier_views.reading(flat, "en")[0]


def test_rule_views_speak_spanish(tiny: Path) -> None:
    scenario, _ = load_scenario(tiny)
    lines = rule_views.rule_lines(scenario)
    assert [on for _, on, _ in lines] == [False, False, False, False]
    assert "clave_entidad" in lines[0][2] and "requiere" in lines[1][2]
    assert rule_views.active_summary(scenario) is None
    on = solve(scenario, WhatIf(equity_floor=0.5, one_doctor_per_centre=True)).scenario
    assert rule_views.active_summary(on) == ("Reglas activas en este plan: piso de equidad por "
                                             "entidad (50 %); mínimo un médico general por "
                                             "centro.")
    # issue 21: the count in the singular (it read «1 centros no tienen ninguno hoy»)
    assert "(1 centro no tiene ninguno hoy)" in rule_views.rule_lines(on)[3][2]
    assert "(1 centre has none today)" in rule_views.rule_lines(on, "en")[3][2]


def test_what_if_form_rules(tiny: Path) -> None:
    scenario, _ = load_scenario(tiny)
    d = form_defaults(scenario)
    assert (d.equity_floor, d.one_doctor_per_centre) == (0.0, False)
    wi = build_what_if(scenario, replace(d, equity_floor=0.7, one_doctor_per_centre=True))
    assert wi == WhatIf(equity_floor=0.7, one_doctor_per_centre=True)
    assert figures.describe_changes(wi) == ("cobertura mínima por entidad 70 %; al menos un "
                                            "médico general por centro")
    assert what_if_key(wi) == what_if_key(replace(wi))
    assert what_if_key(wi) != what_if_key(WhatIf())
    a = WhatIf(bonus={("especialidad", 2): 1.0, ("especialidad", 3): 2.0})
    b = WhatIf(bonus={("especialidad", 3): 2.0, ("especialidad", 2): 1.0})
    assert what_if_key(a) == what_if_key(b)


def test_hand_rule_words(tiny_result) -> None:
    text = figures.hand_rule_text(tiny_result)
    assert "regla manual" in text
    table = figures.hand_rule_table(tiny_result)
    assert len(table) == len(figures.HAND_ROWS)


def test_unit_filters(tiny_result) -> None:
    units = tiny_result.indicators.units
    assert list(tables.filter_units(units, tables.UnitFilter(states=("Oaxaca",))).index) == [
        "HOSP02", "CS0002", "CS0003"]
    only = tables.filter_units(units, tables.UnitFilter(kinds=("hospital",), search="hosp01"))
    assert list(only.index) == ["HOSP01"]
    assert tables.filter_units(units, tables.UnitFilter(grades=("bajo",))).empty


def _checks(data: bytes) -> list[str]:
    """The «verificacion» column of a result workbook's «sensibilidad» sheet."""
    rows = list(load_workbook(io.BytesIO(data), read_only=True)["sensibilidad"].iter_rows(
        values_only=True))
    j = rows[0].index("verificacion")
    return [r[j] for r in rows[1:] if r[0] and str(r[0]).startswith(("candidatos", "presupuesto"))]


def test_result_workbook_bytes_are_the_cli_workbook(tiny: Path, tiny_result) -> None:
    data = sources.result_workbook_bytes(tiny_result)
    wb = load_workbook(io.BytesIO(data), read_only=True)
    assert tuple(wb.sheetnames) == SHEETS
    # with 25,000 MXN the budget binds: only the confirmed workbook re-solves to check it
    low = solve(load_scenario(tiny)[0], WhatIf(budget=25_000))
    quick, confirmed = (sources.result_workbook_bytes(low, confirm=c) for c in (False, True))
    assert _checks(quick) != _checks(confirmed)
    assert sources.result_file_name_confirmed("a_resultado_b.xlsx") == \
        "a_resultado_b_confirmado.xlsx"


def test_upload_outcomes() -> None:
    bad = sources.read_upload(b"no soy un libro", "x.xlsx")
    assert not bad.ok
    assert list(bad.issues().columns) == ["hoja", "fila", "columna", "valor", "problema"]
    assert list(bad.issues("en").columns) == ["sheet", "row", "column", "value", "problem"]
    assert sources.read_upload(b"no soy un libro", "x.xlsx").key == bad.key


def test_every_label_has_both_languages() -> None:
    missing = [k for k, v in LABELS.items() if not (v.get("es") and v.get("en"))]
    assert missing == []


# --- the map ---------------------------------------------------------------------------------------

def _reversed_rings(collection: dict) -> dict:
    """Every ring the other way round (RFC 7946 order, which d3 reads as 'the world minus it')."""
    out = copy.deepcopy(collection)
    for f in out["features"]:
        g = f["geometry"]
        polygons = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        for p in polygons:
            for i, ring in enumerate(p):
                p[i] = ring[::-1]
    return out


def test_rewind_makes_exterior_rings_clockwise() -> None:
    raw = json.loads(geo.GEOJSON.read_text(encoding="utf-8"))
    for collection in (geo.rewind(raw), geo.rewind(_reversed_rings(raw))):
        for f in collection["features"]:
            g = f["geometry"]
            polygons = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
            assert all(geo.signed_area(p[0]) < 0 for p in polygons)
    assert len(raw["features"]) == 32


def _ink(spec: dict) -> tuple[float, bool]:
    """Share of non-white pixels of the rendered chart, and whether any pixel is green."""
    import vl_convert as vlc
    from PIL import Image

    png = vlc.vegalite_to_png(spec)
    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    return float((rgb.sum(axis=2) < 740).mean()), bool(((g > r + 30) & (g > b + 10)).any())


def test_map_draws_states_not_a_filled_rectangle(tiny_result) -> None:
    by_state = tiny_result.indicators.by_state
    ink, green = _ink(charts.states_map(by_state))
    assert 0.1 < ink < 0.5 and green  # Mexico covers about 30 % of its frame
    # the check can fail: rings in the other order fill the whole frame, and rewinding fixes it
    raw = json.loads(geo.GEOJSON.read_text(encoding="utf-8"))
    wrong, _ = _ink(charts.states_map(by_state, collection=_reversed_rings(raw)))
    assert wrong > 0.55
    fixed, _ = _ink(charts.states_map(by_state, collection=geo.rewind(_reversed_rings(raw))))
    assert fixed == pytest.approx(ink, abs=0.01)


def test_map_spec_carries_every_state_inline(tiny_result) -> None:
    spec = charts.states_map(tiny_result.indicators.by_state, "spec_gap", "en")
    features = spec["datasets"][charts.MAP_DATASET]
    assert len(features) == 32
    inside = {f["properties"]["nom_ent"] for f in features if f["properties"]["in_scenario"]}
    assert inside == {"Chiapas", "Oaxaca"}
    assert "url" not in json.dumps(spec["layer"])  # nothing fetched at run time


def test_before_after_charts_build(tiny_result) -> None:
    ind = tiny_result.indicators
    for chart in (charts.state_at_target_chart(ind.by_state),
                  charts.state_spec_gap_chart(ind.by_state, "en"),
                  charts.category_gap_chart(ind.by_category)):
        spec = chart.to_dict()
        values = next(iter(spec["datasets"].values()))
        assert {v["series"] for v in values} <= {tr("today"), tr("with_plan"), tr("today", "en"),
                                                 tr("with_plan", "en")}
    named = {"a": tiny_result, "b": tiny_result}
    table = figures.compare_states(named, "spec_placed")
    assert (table["Δ b"] == 0).all()
    charts.compare_states_chart(table, ["a", "b"], "x").to_dict()
    assert isinstance(figures.compare_headlines(named), pd.DataFrame)
