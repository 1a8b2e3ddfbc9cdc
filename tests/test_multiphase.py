"""A call phase by phase (issue 23 item 5): expected outcomes worked by hand, checked on many
seeded draws (tolerance 0.03 posts: the draws' standard error is about 0.005).

The book: one hospital (HOSP01, muy alto, zona 2) with 2 Anestesiología vacancies (w = 3·3 = 9),
no bonus (``bonos`` 0), a curve p = 0.5 at 0 MXN and 0.8 at 10,000 MXN, levels 0 and 10,000.
The plan offers the 2 posts. Candidates arrive as the 2026 specialists did: with R = 2 phases,
264/(264 + 134) of them in phase 1 (floor of the cumulative share), the rest in phase 2.

* 4 candidates, R = 2 (2 arrive, then 2): phase 1 fills Bin(2, 0.5) posts, phase 2 re-offers
  the empty ones: E[filled] = 1 + 0.5·1 = **1.5**, weighted need 9 × 1.5 = 13.5.
* R = 1: the plan's 2 offers once: E = 2 × 0.5 = **1.0** (the one-phase simulation).
* 3 candidates, R = 2 (1 arrives, then 2): E = 0.5 + 0.5·E[2 − A₁] = 0.5 + 0.5·1.5 = **1.25**.
* raise, 4 candidates, budget 1,000,000: the posts left empty after phase 1 go to 10,000 MXN
  (p 0.8): E = 1 + 0.8·1 = **1.8**, bonus committed 10,000 × 0.8 = **8,000**.
* raise with a budget of 5,000 (esperado): a raised re-offer costs 10,000 × 0.8 = 8,000 > 5,000,
  so phase 2 makes none: E = **1.0** — the trade the policy makes visible (same bonus: 1.5).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest
from openpyxl import load_workbook

from planner.analysis.multiphase import arrival_shares, simulate_call
from planner.pipeline import load_scenario, solve
from tests.builders import ANES, MG, base_tables, make_workbook

DRAWS = 20_000
ACC_COLUMNS = ["tipo", "zona", "grado_marginacion", "bono_mensual", "probabilidad"]


def call_book(tmp_path, candidates: int = 4, budget: float = 1_000_000):
    tables = base_tables()
    tables["plantilla"] = pd.DataFrame([
        ("HOSP01", ANES, 2, 0),
        ("CS0001", MG, None, 2), ("CS0002", MG, None, 2), ("CS0003", MG, None, 2),
    ], columns=["clues", "categoria", "requeridos", "actuales"])
    tables["oferta"] = pd.DataFrame([(MG, 10), (ANES, candidates)],
                                    columns=["categoria", "candidatos"])
    tables["bonos"] = pd.DataFrame([("especialidad", 2, 0), ("especialidad", 3, 0)],
                                   columns=["tipo", "zona", "bono_mensual"])
    tables["aceptacion"] = pd.DataFrame([("especialidad", None, "muy alto", 0, 0.5),
                                         ("especialidad", None, "muy alto", 10_000, 0.8)],
                                        columns=ACC_COLUMNS)
    tables["niveles_bono"] = pd.DataFrame([("especialidad", 2, 0), ("especialidad", 2, 10_000)],
                                          columns=["tipo", "zona", "bono_mensual"])
    return make_workbook(tmp_path / f"fases_{candidates}_{budget:g}.xlsx", tables,
                         presupuesto_bono_mensual=budget, riesgo_presupuesto=1)


def _run(tmp_path, phases, policy="same", **kw):
    scenario, _ = load_scenario(call_book(tmp_path, **kw))
    result = solve(scenario)
    assert int(result.plan.placements["placed"].sum()) == 2  # the plan offers both posts
    return simulate_call(result.scenario, result.plan.placements, phases, DRAWS, 7, policy)


def test_arrivals_follow_the_2026_specialists() -> None:
    assert arrival_shares("especialidad", 2) == pytest.approx([264 / 398, 134 / 398])
    assert arrival_shares("especialidad", 1) == pytest.approx([1.0])


@pytest.mark.parametrize(("phases", "kw", "expected"), [
    (2, {}, 1.5), (1, {}, 1.0), (2, {"candidates": 3}, 1.25)])
def test_expected_posts_filled_by_hand(tmp_path, phases, kw, expected) -> None:
    out = _run(tmp_path, phases, **kw)
    assert out["filled"].mean() == pytest.approx(expected, abs=0.03)
    assert out["need"].mean() == pytest.approx(9 * expected, abs=0.3)
    assert out["cumulative"][:, -1].mean() == pytest.approx(expected, abs=0.03)


def test_raising_the_bonus_where_posts_stayed_empty(tmp_path) -> None:
    out = _run(tmp_path, 2, "raise")
    assert out["filled"].mean() == pytest.approx(1.8, abs=0.03)
    assert out["bonus"].mean() == pytest.approx(8_000, abs=200)
    tight = _run(tmp_path, 2, "raise", budget=5_000)
    assert tight["filled"].mean() == pytest.approx(1.0, abs=0.03)
    assert tight["bonus"].mean() == 0


def test_cli_phases_sentences_json_and_sheet(tmp_path) -> None:
    """`planner solve --simulate 500 --fases 2`: the three policies in words, the JSON block and
    the «convocatoria por fases» sheet; `--fases` without `--simulate` is refused (exit 2)."""
    book = call_book(tmp_path)
    out = tmp_path / "r.xlsx"
    run = [sys.executable, "-m", "planner", "solve", str(book)]
    res = subprocess.run(run + ["--simulate", "500", "--fases", "2", "--out", str(out)],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-2000:]
    assert "Convocatoria en 2 fases (500 sorteos, semilla 0). DATO:" in res.stdout
    assert "  Plan, subiendo un nivel el bono de las plazas que quedaron vacías:" in res.stdout
    rows = list(load_workbook(out, read_only=True)["convocatoria por fases"].iter_rows(
        values_only=True))
    assert rows[0][:3] == ("Política", "Cifra", "Media")
    res = subprocess.run(run + ["--simulate", "500", "--fases", "2", "--json"],
                         capture_output=True, text=True, timeout=300)
    block = json.loads(res.stdout)["call"]
    assert block["phases"] == 2 and {r["policy"] for r in block["table"]} == {
        "same", "raise", "2024"}
    res = subprocess.run(run + ["--fases", "2", "--out", str(tmp_path / "no.xlsx")],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 2 and "--fases necesita --simulate N" in res.stdout + res.stderr
    assert not (tmp_path / "no.xlsx").exists()
