"""The app's other pages (issue 15): marginal values, upload problems, units, comparison.

Runs on the tiny workbook of tests/builders.py (worked out in tests/test_app.py's docstring).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner.analysis.marginals import MILLION
from planner.core.words import t as tr
from planner.ui import marginal_views, sources
from tests.builders import make_workbook
from tests.test_app import start_app, widget

JARGON = ("relajación", "dual", "primeros 0 ", "LP")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_workbook(tmp_path_factory.mktemp("pages") / "tiny.xlsx")


@pytest.fixture
def app(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return start_app(tiny, monkeypatch)


# --- marginal values ----------------------------------------------------------------------------

def _row(**kw) -> dict:
    row = {"kind": "supply", "category": "Anestesiología", "available": 10.0, "used": 10.0,
           "dual": 3.0, "lp_value": 3.0, "valid_up": 10.0, "rate_holds": False,
           "integer_gain": math.nan, "check": "not_checked", "slack": 0.0}
    row.update(kw)
    return row


def test_a_rate_that_holds_for_no_whole_candidate_is_said_plainly() -> None:
    """The old sentence read «solo vale para los primeros 0 candidatos adicionales»."""
    s = marginal_views.sentence(_row(valid_up=10.0))
    assert "no se sostiene ni para un candidato entero" in s
    assert not any(j in s for j in JARGON)
    s = marginal_views.sentence(_row(valid_up=10.4))  # 0.4 of a candidate: still not one
    assert "ni para un candidato entero" in s


def test_budget_rate_part_of_the_million_and_confirmed_first() -> None:
    budget = _row(kind="budget", category=None, available=25_000.0, used=20_000.0,
                  dual=0.0002049, lp_value=204.9, valid_up=35_979.0)
    s = marginal_views.sentence(budget)
    assert "solo se sostiene para los primeros $10,979 MXN de $1,000,000 MXN" in s
    confirmed = dict(budget, integer_gain=4.0, check="differs", rate_holds=False)
    s = marginal_views.sentence(confirmed)
    assert s.startswith("Un millón de pesos más al mes: +4.0 puntos")
    assert "(+204.9) no se sostiene para un paso entero" in s
    assert "primeros" not in s  # a confirmed figure is not followed by the estimate's range
    assert MILLION == 1_000_000


def test_marginal_tab_after_a_budget_cut(app: AppTest) -> None:
    widget(app.number_input, tr("budget")).set_value(25_000)
    widget(app.button, tr("solve")).click()
    app.run()
    widget(app.button, tr("confirm_marginal")).click()
    app.run()
    assert not app.exception, app.exception
    items = next(m.value for m in app.markdown if m.value.startswith("- ")
                 and "puntos de necesidad" in m.value).split("\n")
    assert items[0].startswith("- Un millón de pesos más al mes: +")  # confirmed first
    assert "confirmado" in items[0]
    text = "\n".join(items)
    assert not any(j in text for j in JARGON), text
    table = next(d.value for d in app.dataframe if tr("mvp_col_check") in d.value.columns)
    assert not any("_" in c for c in table.columns)
    assert "$25,000 MXN" in set(table[tr("mvp_col_available")])  # formatted, not 25000.0


# --- uploads ------------------------------------------------------------------------------------

def test_file_level_problem_has_a_blank_row_and_reads_as_a_sentence(app: AppTest) -> None:
    """A PDF renamed .xlsx: a problem of the whole file (no row). The old table showed None."""
    app.file_uploader(key="upload").set_value(("notas.xlsx", b"%PDF-1.4 ...", "application/pdf"))
    app.run()
    assert not app.exception, app.exception
    problems = next(d.value for d in app.dataframe if "problema" in d.value.columns)
    assert problems["fila"].tolist() == [""]
    assert "None" not in problems.to_string() and "<NA>" not in problems.to_string()
    listed = next(m.value for m in app.markdown if "PDF" in m.value)
    assert listed.startswith("- ") and "None" not in listed and "fila" not in listed


def test_row_problems_are_listed_with_where_they_are(app: AppTest, tmp_path: Path) -> None:
    from tests.builders import base_tables
    tables = base_tables()
    tables["plantilla"]["actuales"] = tables["plantilla"]["actuales"].astype(object)
    tables["plantilla"].loc[1, "actuales"] = "dos"  # row 3 of the sheet
    bad = make_workbook(tmp_path / "roto.xlsx", tables)
    app.file_uploader(key="upload").set_value(("roto.xlsx", bad.read_bytes(),
                                               sources.XLSX_MIME)).run()
    # the catalogue's plural forms (issue 21): not «1 problema(s)» nor «1 problemas»
    assert any(e.value.startswith("El libro «roto.xlsx» tiene 1 problema. Corríjalo")
               for e in app.error)
    listed = next(m.value for m in app.markdown if "«dos»" in m.value)
    assert "- **hoja «plantilla», fila 3, columna «actuales», valor «dos»:** " in listed
    problems = next(d.value for d in app.dataframe if "problema" in d.value.columns)
    assert problems.loc[problems["valor"] == "dos", "fila"].tolist() == ["3"]


def test_uploader_strings_in_the_chosen_language(app: AppTest) -> None:
    """Streamlit writes «Upload» and «20MB per file»; CSS puts the catalogue's words instead."""
    css = " ".join(h.proto.body for h in app.get("html"))
    assert 'content: "Elegir archivo"' in css and "hasta 20 MB" in css
    assert 'content: "Detener"' in css  # the toolbar's «Stop» while a plan is computed
    app.radio(key="lang").set_value("en").run()
    css = " ".join(h.proto.body for h in app.get("html"))
    assert 'content: "Choose file"' in css and "up to 20 MB" in css


# --- units --------------------------------------------------------------------------------------

def test_units_table_shows_what_each_unit_received_beside_its_name(app: AppTest) -> None:
    """Old order: clues, name, kind, state, municipality, zone, grade, families, gp_before, … with
    the placements off-screen at 1440 px. Now they follow CLUES and name, which stay pinned."""
    from planner.ui.tables import header
    table = next(d for d in app.dataframe if header("clues", "es") in d.value.columns)
    assert list(table.value.columns[:5]) == [header(c, "es") for c in (
        "clues", "name", "gp_placed", "spec_placed", "bonus_month")]
    config = table.proto.columns
    assert '"pinned": true' in config.replace(" ", "").replace('"pinned":true', '"pinned": true')
    hosp = table.value.set_index(header("clues", "es")).loc["HOSP01"]
    assert int(hosp[header("spec_placed", "es")]) == 3  # 2 anaesthetists + 1 surgeon (docstring)


# --- comparison ---------------------------------------------------------------------------------

def _save(app: AppTest, budget: int, name: str) -> None:
    widget(app.number_input, tr("budget")).set_value(budget)
    widget(app.button, tr("solve")).click()
    app.run()
    app.text_input(key="save_name").set_value(name)
    widget(app.button, tr("save_button")).click()
    app.run()


def test_compare_a_budget_only_scenario(app: AppTest) -> None:
    """Base (1,000,000: 5 specialists) against 20,000 (2 specialists, docstring of test_app):
    the only input that differs is the budget, one row; centres at target do not move (the
    budget pays specialists), so the per-state chart opens on specialists placed, not on an
    all-zero indicator (the old default, an empty chart)."""
    _save(app, 20_000, "recorte")
    app.multiselect(key="compare").set_value(["\x00base", "recorte"]).run()
    assert not app.exception, app.exception
    inputs = next(d for d in app.dataframe if tr("cmpv_input") in d.value.columns)
    assert inputs.value[tr("cmpv_input")].tolist() == [tr("budget")]
    assert inputs.value["recorte"].tolist() == ["$20,000 MXN"]
    assert '"alignment": "right"' in inputs.proto.columns.replace('"alignment":"right"',
                                                                  '"alignment": "right"')
    heads = next(d for d in app.dataframe if tr("col_indicator") in d.value.columns
                 and "recorte" in d.value.columns)
    assert all(len(c) <= 30 for c in heads.value.columns), list(heads.value.columns)
    assert '"alignment": "right"' in heads.proto.columns.replace('"alignment":"right"',
                                                                 '"alignment": "right"')
    metric = app.selectbox(key="compare_metric")
    assert metric.value == "spec_placed"
    title = f"{tr('spec_placed')} — {tr('delta_vs', ref=tr('baseline_name'))}"
    specs = [c.proto.spec for c in app.get("vega_lite_chart")]
    assert any(json.dumps(title)[1:-1] in s for s in specs)  # the chart of specialists placed
    metric.set_value("at_target_after").run()
    assert any(i.value == tr("cmpv_no_move") for i in app.info)


# --- charts, map, frontier wait -----------------------------------------------------------------

def _tooltips(spec: dict) -> list[dict]:
    found = []
    if isinstance(spec, dict):
        enc = spec.get("encoding", {})
        tips = enc.get("tooltip", [])
        found += tips if isinstance(tips, list) else [tips]
        for v in spec.values():
            found += _tooltips(v)
    elif isinstance(spec, list):
        for v in spec:
            found += _tooltips(v)
    return found


def test_chart_tooltips_have_planner_titles_and_the_map_legend_sits_below(tiny: Path) -> None:
    """Old: the «series» field showed as «series» in tooltips; the legend sat over the map
    (orient bottom-left), hiding states on a phone."""
    from planner.pipeline import load_scenario, solve
    from planner.ui import charts
    result = solve(load_scenario(tiny)[0])
    ind = result.indicators
    for chart in (charts.state_at_target_chart(ind.by_state), charts.state_spec_gap_chart(
            ind.by_state), charts.category_gap_chart(ind.by_category)):
        tips = _tooltips(chart.to_dict())
        assert tips and all(tip.get("title") for tip in tips), tips
        assert tr("chart_series") in [tip["title"] for tip in tips]
    spec = charts.states_map(ind.by_state, "coverage")
    legends = [layer["encoding"]["color"]["legend"] for layer in spec["layer"]
               if "color" in layer.get("encoding", {})]
    assert legends and all(lg["orient"] == "bottom" for lg in legends)
    assert all(tip.get("title") for tip in _tooltips(spec))


def test_frontier_wait_is_estimated_from_this_scenario() -> None:
    """11 plans of 3.6 s: 39.6 → 40 s at least, 59.4 → 60 s at most; the old text promised
    «de 10 a 30 segundos» on the national scenario, where 38–42 s were measured."""
    from planner.ui import frontier
    assert frontier.wait_estimate(3.6, 11) == (40, 60)
    assert frontier.wait_estimate(0.01, 11) == (5, 10)  # a range, not «5 a 5 segundos»
    assert frontier.remaining(elapsed=12.0, done=3, total=11) == 35  # 4 s a point, 8 left
    assert frontier.remaining(elapsed=12.0, done=0, total=11) is None


def test_frontier_tab_says_the_wait_in_seconds(app: AppTest) -> None:
    intro = next(c.value for c in app.caption if "presupuestos" in c.value and "$0" in c.value)
    assert "segundos en total" in intro and "10 a 30" not in intro
