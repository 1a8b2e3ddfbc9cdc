"""The result-workbook downloads say their wait before the click (issue 15, "waits said in
words"), from this scenario's own figures, and the confirmed workbook is prepared with a
progress bar over its re-solves, then offered for download.

Tiny workbook of tests/builders.py (worked out in tests/test_app.py): with the workbook's budget
of 1,000,000 all 5 specialist vacancies and all 3 GP gaps are filled with 10 candidates of each
category left over and money to spare, so no resource has an LP value and no marginal value
needs a re-solve. At 25,000 the budget binds (two specialists fit) while candidates are still
left over: only the budget has an LP value, so confirming takes exactly 1 re-solve.
"""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from planner.core.scenario import WhatIf
from planner.core.words import t as tr
from planner.pipeline import load_scenario, solve
from planner.ui import download_views as dv
from planner.ui.waits import duration_words
from tests.test_app import start_app, widget
from tests.test_app_front import _solve, captions

BUDGET = tr("budget")


@pytest.fixture
def app(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return start_app(tiny, monkeypatch)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.builders import make_workbook

    return make_workbook(tmp_path_factory.mktemp("download") / "tiny.xlsx")


def test_each_button_says_its_wait_before_the_click(app: AppTest) -> None:
    text = captions(app)
    assert ("Se arma al hacer clic: menos de un segundo con este escenario (estimado por el "
            "tamaño de sus tablas).") in text
    assert "Ningún valor marginal de este plan necesita re-optimizar: menos de un segundo." in text
    prepare = [b for b in app.button if b.key == "prepare_confirmed:current"]
    assert [b.label for b in prepare] == [tr("download_prepare")]


def test_confirmed_workbook_counts_its_re_solves_then_is_offered(app: AppTest) -> None:
    widget(app.number_input, BUDGET).set_value(25_000)
    _solve(app)
    assert "1 re-optimización del modelo entero de menos de un segundo (lo que tardó este " \
           "plan): menos de un segundo en total." in captions(app)
    widget(app.button, tr("download_prepare")).click()
    app.run()
    assert not app.exception, app.exception
    keys = [d.proto.id for d in app.get("download_button")]
    assert any("download_confirmed:current" in k for k in keys)
    assert not any(b.key == "prepare_confirmed:current" for b in app.button)
    books = app.session_state["books"]
    data = next(v for (_, lang, confirm), v in books.items() if confirm and lang == "es")
    rows = list(load_workbook(io.BytesIO(data), read_only=True)["sensibilidad"].values)
    checks = {r[0]: r[rows[0].index("verificacion")] for r in rows[1:] if r and r[1:]}
    assert checks[tr("mv_resource_budget")] in ("confirmado", "difiere")  # re-solved, not "sin confirmar"


def test_duration_words() -> None:
    said = {s: duration_words(s) for s in (0.4, 1.2, 3.2, 12, 51, 200)}
    assert said == {0.4: "menos de un segundo", 1.2: "unos 2 segundos", 3.2: "unos 4 segundos",
                    12: "unos 15 segundos", 51: "alrededor de un minuto", 200: "unos 3 minutos"}
    assert duration_words(51, "en") == "about a minute"


def test_estimates_from_this_plan(tiny: Path) -> None:
    """At 25,000: 1 re-solve; with the plan's model at 7.3 s and a measured write of 3.2 s the
    confirmed workbook takes 7.3 + 3.2 = 10.5 s: «unos 15 segundos»; 12 re-solves would be
    capped where the confirmation stops (60 s, then the one running): over a minute."""
    scenario, _ = load_scenario(tiny)
    result = solve(scenario, WhatIf(budget=25_000))
    assert dv.confirmations(result) == 1
    slow = replace(result, plan=replace(result.plan, timings={"build": 0.3, "solve": 7.0}))
    assert dv.confirm_seconds(slow, measured_write=3.2) == pytest.approx(10.5)
    assert dv.confirmed_caption(slow, "es", measured=3.2) == (
        "1 re-optimización del modelo entero de unos 8 segundos (lo que tardó este plan): "
        "unos 15 segundos en total.")
    assert dv.plain_caption(slow, "es", measured=3.2) == (
        "Se arma al hacer clic: unos 4 segundos con este escenario (lo que tardó la última vez).")
    base = solve(scenario)
    assert dv.confirmations(base) == 0
