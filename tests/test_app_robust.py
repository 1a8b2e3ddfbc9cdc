"""The app's «Robustez» tab (issue 22 items 4 and 6), driven by AppTest on tests/test_robust.py's
crossing book with p = 0.28 at HOSP02 (worked there by hand): the robust plan's sentences and
summary table, and the tornado with «muy alto» as the assumption that would change the decision.
"""

from __future__ import annotations

import pytest

from planner.core.words import t as tr
from tests.test_app import start_app, widget
from tests.test_robust import crossing_book


@pytest.fixture
def app(tmp_path, monkeypatch):
    return start_app(crossing_book(tmp_path, p_alto=0.28), monkeypatch)


def test_robust_tab_on_request(app) -> None:
    widget(app.button, tr("robp_run", sets=20)).click()
    app.run()
    assert not app.exception, app.exception
    text = "\n".join(m.value for m in app.markdown)
    assert "Plan robusto frente a las curvas de aceptación (20 juegos de curvas, semilla 0;" in text
    table = next(d.value for d in app.dataframe if tr("rob_col_worst") in d.value.columns)
    assert list(table[tr("rob_col_plan")]) == [tr("rob_plan_central"), tr("rob_plan_robust"),
                                              tr("rob_plan_hand")]
    central = table.set_index(tr("rob_col_plan")).loc[tr("rob_plan_central")]
    assert central[tr("rob_col_central")] == pytest.approx(3.6)  # (2, 0) with the book's curves
    robust = table.set_index(tr("rob_col_plan")).loc[tr("rob_plan_robust")]
    assert robust[tr("rob_col_worst")] >= central[tr("rob_col_worst")] - 1e-9
    widget(app.button, tr("robp_tornado")).click()
    app.run()
    assert not app.exception, app.exception
    text = "\n".join(m.value for m in app.markdown)
    assert ("Lo que más cambiaría la decisión: la aceptación en unidades de grado de "
            "marginación «muy alto» (saberlo vale hasta 0.2 puntos)") in text


def test_robust_tab_in_english(app) -> None:
    """The same tab in English: its button and the robust plan's head sentence."""
    app.radio(key="lang").set_value("en").run()
    widget(app.button, tr("robp_run", "en", sets=20)).click()
    app.run()
    assert not app.exception, app.exception
    text = "\n".join(m.value for m in app.markdown)
    assert "Plan robust to the acceptance curves (20 curve sets, seed 0;" in text


def test_robust_tab_says_why_not_without_curves(tmp_path, monkeypatch) -> None:
    from tests.builders import make_workbook

    at = start_app(make_workbook(tmp_path / "plain.xlsx"), monkeypatch)
    assert any(i.value == tr("robp_not_here") for i in at.info)


def test_first_screen_names_the_assumption_that_moves_the_plan_most(app) -> None:
    """The crossing book's plan (2, 0) covers 3.6 with the book's curves; the level of every
    curve ×0.8 / ×1.2 moves it to 2.88 / 4.32 (swing 1.44, shared with «muy alto», listed
    first): the caveats of the first screen say so and point to the «Robustez» tab."""
    text = "\n".join(m.value for m in app.markdown)
    assert ("Lo que más mueve lo que el plan logra (SUPUESTO, cada supuesto en su rango): la "
            "aceptación sin bono (nivel de todas las curvas) — de 2.9 (×0.8) a 4.3 (×1.2) puntos "
            "de necesidad ponderada esperada. Qué cambiaría la decisión y el plan robusto: "
            "pestaña «Robustez».") in text
