"""Curves that learn from a phase (issue 23 item 4), worked by hand.

The book: tests/test_phases.py's two-phase book (budget 32,000) with flat acceptance curves for
specialists, p = 0.5 at grade «muy alto» and at «alto», and this phase-1 ``avance``:

=======  ==============  ======  ========  ======
unit     grade           offers  accepted  hired
=======  ==============  ======  ========  ======
HOSP01   muy alto (ANES) 10      2         2
HOSP02   alto (ANES)     4       4         1
=======  ==============  ======  ========  ======

With α₀ = 20 (today's curve counts as 20 expected acceptances):

* «muy alto»: expected E = 10 × 0.5 = 5, a = 2 → λ = (20 + 2)/(20 + 5) = 0.88 → p' = 0.44.
* «alto»: E = 4 × 0.5 = 2, a = 4 → λ = 24/22 = 1.0909… → p' = 0.5454…
* Back-test per state: Chiapas (HOSP01) expected 5, observed 2; Oaxaca (HOSP02) 2 and 4.
  The posterior fit: 10 × 0.44 = 4.4 and 4 × 0.5454… = 2.1818….
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from openpyxl import load_workbook
from scipy.stats import gamma
from typer.testing import CliRunner

from planner.analysis.learning import learn, sentences
from planner.cli.main import app
from planner.pipeline import load_scenario, next_phase
from tests.builders import ANES, make_workbook
from tests.test_phases import two_phase_tables

ACC_COLUMNS = ["tipo", "zona", "grado_marginacion", "bono_mensual", "probabilidad"]


@pytest.fixture
def book(tmp_path):
    tables = two_phase_tables([("HOSP01", ANES, "1", 10, 2, 2, 0),
                               ("HOSP02", ANES, "1", 4, 4, 1, 0)])
    tables["aceptacion"] = pd.DataFrame([("especialidad", None, "muy alto", 0, 0.5),
                                         ("especialidad", None, "alto", 0, 0.5)],
                                        columns=ACC_COLUMNS)
    return make_workbook(tmp_path / "aprende.xlsx", tables)


def test_learned_factors_and_back_test_by_hand(book) -> None:
    scenario, _ = load_scenario(book)
    lr = learn(scenario)
    got = {g: (o, a, e, f) for g, o, a, e, f in zip(
        lr.curves["grade"], lr.curves["offers"], lr.curves["accepted"], lr.curves["expected"],
        lr.curves["factor"], strict=True)}
    assert got["muy alto"] == pytest.approx((10, 2, 5, 0.88))
    assert got["alto"] == pytest.approx((4, 4, 2, 24 / 22))
    low, high = lr.curves.set_index("grade").loc["muy alto", ["low", "high"]]
    # the 90 % interval of the posterior Gamma(shape 20 + 2, rate 20 + 5)
    assert (low, high) == pytest.approx((gamma.ppf(0.05, 22, scale=1 / 25),
                                         gamma.ppf(0.95, 22, scale=1 / 25)))
    bs = lr.by_state.set_index("state")
    assert bs.loc["Chiapas", ["offers", "accepted", "expected", "expected_after"]].tolist() == \
        pytest.approx([10, 2, 5, 4.4])
    assert bs.loc["Oaxaca", ["accepted", "expected", "expected_after"]].tolist() == \
        pytest.approx([4, 2, 4 * 0.5 * 24 / 22])
    updated = lr.acceptance.set_index("grade")["p"]
    assert updated["muy alto"] == pytest.approx(0.44)
    assert updated["alto"] == pytest.approx(0.5 * 24 / 22)
    lines = sentences(lr)
    assert ("  especialidad, grado muy alto: aceptaron 2 de 10 ofertas; la curva esperaba 5.0 → "
            "factor 0.88 (90 %: 0.60–1.21)") in lines


def test_next_phase_plans_on_the_learned_curves(book, tmp_path) -> None:
    """`planner next` writes the updated curves into the next workbook (0.44 and 0.5454…),
    which reads back as a valid input with them."""
    out = tmp_path / "fase2.xlsx"
    state, following, result = next_phase(book, out)
    assert state.learning is not None and result.solved
    acc = following.acceptance.set_index("grade")["p"]
    assert acc["muy alto"] == pytest.approx(0.44) and acc["alto"] == pytest.approx(12 / 22)
    rows = list(load_workbook(out, read_only=True)["aceptacion"].iter_rows(values_only=True))
    assert rows[0][:5] == tuple(ACC_COLUMNS)


def test_cli_status_prints_and_json_carries_the_learning(book) -> None:
    res = CliRunner().invoke(app, ["status", str(book)])
    assert res.exit_code == 0, res.output
    assert "Curvas aprendidas de las fases 1 del «avance» (ESTIMADO:" in res.stdout
    assert ("Prueba de las curvas del libro contra lo observado (antes de ver la fase), en 2 "
            "entidades: esperaban 7.0 aceptaciones y hubo 6;") in res.stdout
    res = CliRunner().invoke(app, ["status", str(book), "--json"])
    block = json.loads(res.stdout)["learning"]
    assert block["basis"] == "estimado" and block["prior_basis"] == "supuesto"
    assert {c["grade"]: round(c["factor"], 6) for c in block["curves"]} == {
        "muy alto": 0.88, "alto": round(24 / 22, 6)}
