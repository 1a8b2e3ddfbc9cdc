"""Nurses in the registered-candidates list (issue 27): a nurse candidate takes only a nursing
post, on every solver path of the candidates modes, and the summaries count nurses apart.

The workbook is tests/test_nurses.nurse_tables (the base workbook plus «Enfermería general», no
bonus, nurse target N = 2: nurse gaps CS0001 2, CS0002 1, CS0003 2) with two registered people:

    folio  categoria           entidad  options               puntaje
    D1     Medicina general    7        1) CS0001             90
    E1     Enfermería general  20       1) CS0003  2) CS0001  80

P = peso_primer_medico = 3, families 0. CS0001 (muy alto, g_w 3) has no GP and no nurse today,
so its first GP is worth (1 + 3)·1·3 = 12 and its first nurse (1 + 3)·1·3 = 12; CS0003 (medio,
g_w 1) has no nurse: its first nurse is worth (1 + 3)·1·1 = 4 (its GP row is full, 2 of 2).
CS0001 lists both a GP and a nurse post: D1 may take only the GP post and E1 only the nurse
post (a category sees only posts of its own category).

optimo (maximum weighted need covered): D1 → CS0001 MG (12), E1 → CS0001 EG (12, her option 2)
rather than CS0003 (4): coverage 24.
estable (deferred acceptance, E1 proposes to her first option first): CS0003's nurse posts
cost no bonus, so all its vacancies are open; E1 is held there at rank 1. D1 → CS0001 MG.
Coverage 12 + 4 = 16. Price of stability 24 − 16 = 8; in optimo E1 and CS0003 block (she
prefers it and it has an empty open vacancy): 1 blocking pair.
By type: general practice 1 of 1 placed, nursing 1 of 1, in both modes.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from models.settings import SOLVERS, SolverSettings
from planner.analysis.candidates import by_kind, json_summary, summary_lines
from planner.core.scenario import WhatIf
from planner.pipeline import load_scenario, solve
from tests.builders import MG, make_workbook, set_param
from tests.test_matching import COLUMNS, placed_at
from tests.test_nurses import EG, nurse_tables


def tables() -> dict[str, pd.DataFrame]:
    t = nurse_tables()
    t["candidatos"] = pd.DataFrame([
        ["D1", MG, 7, "CS0001", None, None, None, None, 90],
        ["E1", EG, 20, "CS0003", "CS0001", None, None, None, 80],
    ], columns=COLUMNS)
    set_param(t, "modo_asignacion", "optimo")
    return t


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    return make_workbook(tmp_path_factory.mktemp("nurse_cand") / "enfermeras.xlsx", tables())


def placed(plan) -> dict[tuple[str, str], int]:
    pl = plan.placements
    pl = pl[pl["placed"] > 0]
    return {(c, k): int(n) for c, k, n in zip(pl["clues"], pl["category"], pl["placed"],
                                               strict=True)}


@pytest.mark.parametrize("solver", SOLVERS)
def test_a_nurse_takes_only_a_nursing_post_on_every_solver_path(book, solver):
    scenario, _ = load_scenario(book)
    result = solve(scenario, WhatIf(assignment_mode="optimo"),
                   SolverSettings(solver=solver, mip_gap=0.0))
    cres = result.candidates
    assert cres.mode == "optimo"
    assert placed_at(cres.optimo) == {"D1": ("CS0001", 1), "E1": ("CS0001", 2)}
    assert placed_at(cres.estable) == {"D1": ("CS0001", 1), "E1": ("CS0003", 1)}
    assert cres.optimo.plan.status.value == "optimal"
    assert cres.optimo.coverage == pytest.approx(24)
    assert cres.estable.coverage == pytest.approx(16)
    assert cres.price_of_stability == pytest.approx(8)
    assert cres.optimo.blocking_pairs == 1 and cres.estable.blocking_pairs == 0
    assert placed(cres.optimo.plan) == {("CS0001", MG): 1, ("CS0001", EG): 1}
    assert placed(cres.estable.plan) == {("CS0001", MG): 1, ("CS0003", EG): 1}
    assert placed(result.plan) == placed(cres.optimo.plan)  # the plan shown is optimo's
    stable = solve(scenario, WhatIf(assignment_mode="estable"), SolverSettings(solver=solver),
                   compare_modes=False)
    assert stable.candidates.mode == "estable" and stable.candidates.other is None
    assert placed(stable.plan) == {("CS0001", MG): 1, ("CS0003", EG): 1}


def test_the_summaries_count_nurses_apart(book):
    scenario, _ = load_scenario(book)
    cres = solve(scenario, WhatIf(assignment_mode="optimo")).candidates
    kinds = scenario.categories["kind"]
    assert by_kind(cres.chosen.people, kinds).to_dict("records") == [
        {"kind": "medicina general", "registered": 1, "placed": 1},
        {"kind": "enfermería", "registered": 1, "placed": 1}]
    assert summary_lines(cres, "es", kinds)[1] == \
        "Por tipo de puesto: medicina general 1 de 1; enfermería 1 de 1."
    assert summary_lines(cres, "en", kinds)[1] == \
        "By type of post: general practice 1 of 1; nursing 1 of 1."
    assert json_summary(cres, kinds)["by_kind"] == {
        "medicina general": {"registered": 1, "placed": 1},
        "enfermería": {"registered": 1, "placed": 1}}


def test_cli_json_counts_the_nurse(book):
    proc = subprocess.run([sys.executable, "-m", "planner", "solve", str(book), "--json",
                           "--modo-asignacion", "estable"], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    cand = json.loads(proc.stdout)["candidates"]
    assert cand["registered"] == 2
    assert cand["by_kind"]["enfermería"] == {"registered": 1, "placed": 1}
    assert cand["estable"]["placed"] == 2
