"""Issue 26, "No silent skips": a valid workbook that switches everything on never stops with an
internal error, whatever model family, mode and basis; notes are shown; options the model
cannot honour are refused, never skipped."""

from __future__ import annotations

import dataclasses

import pytest

from models.settings import SOLVERS, SolverSettings
from planner.pipeline import load_scenario, solve
from tests.builders import everything_on_tables, make_workbook
from tests.invariants import check_invariants


@pytest.fixture(scope="module")
def everything_on(tmp_path_factory):
    path = make_workbook(tmp_path_factory.mktemp("on") / "todo.xlsx", everything_on_tables())
    scenario, _ = load_scenario(path)
    return path, scenario


def _with(scenario, **params):
    return dataclasses.replace(scenario, params=dataclasses.replace(scenario.params, **params))


@pytest.mark.parametrize("one_doctor", [True, False])
@pytest.mark.parametrize("assignment", ["por_oferta", "optimo", "estable"])
@pytest.mark.parametrize("basis", ["esperado", "garantizado"])
@pytest.mark.parametrize("bonus", ["fijo", "por_hospital"])
def test_every_family_mode_and_basis_builds_and_solves(everything_on, bonus, basis, assignment,
                                                       one_doctor):
    """Every solver path × modo_bono × presupuesto_bono_base × modo_asignacion × hard minimum
    on one workbook with a bonus-eligible health centre that has bonus levels (its first-doctor
    rows exist once per level: before issue 26 «overlapping constraint names: first_CS0001»,
    and with the hard minimum a pandas error on the duplicated centre). Every solver reaches
    the same objective, and each plan passes the independent invariant checker."""
    _, base = everything_on
    scenario = _with(base, bonus_mode=bonus, budget_basis=basis, assignment_mode=assignment,
                     one_doctor_per_centre=one_doctor)
    objectives = {}
    for solver in SOLVERS:
        result = solve(scenario, None, SolverSettings(solver=solver))
        assert result.plan.status.value in {"optimal", "stable"}, (solver, result.plan.status)
        if assignment == "por_oferta":
            check_invariants(result.scenario, result)
        objectives[solver] = result.plan.objective
    assert max(objectives.values()) - min(objectives.values()) < 1e-6, objectives


def _cli(*args):
    import subprocess
    import sys
    return subprocess.run([sys.executable, "-m", "planner", *map(str, args)],
                          capture_output=True, text=True, timeout=300)


def test_notes_shown_by_validate_solve_and_refusals(everything_on):
    """The falling curve (docs/MODELO.md §1) is in validate's and solve's JSON warnings;
    --simulate in a candidate mode is refused with exit 2 and a message; a negative budget's
    JSON issue names the parameter."""
    import json

    path, scenario = everything_on
    note = scenario.notes[0].text("es")
    assert note.startswith("Aviso, hoja «aceptacion»")
    v = _cli("validate", path, "--json")
    assert note in json.loads(v.stdout)["warnings"]
    s = _cli("solve", path, "--json")
    assert s.returncode == 0 and note in json.loads(s.stdout)["warnings"]
    r = _cli("solve", path, "--json", "--simulate", 50, "--seed", 1, "--modo-asignacion",
             "estable")
    assert r.returncode == 2, r.stdout
    assert "modo_asignacion = estable" in json.loads(r.stdout)["issues"][0]["message"]
    neg = make_workbook(path.parent / "neg.xlsx", presupuesto_bono_mensual=-5)
    n = json.loads(_cli("validate", neg, "--json").stdout)
    assert n["issues"][0]["parameter"] == "presupuesto_bono_mensual"


_QUIET_RUN = r"""
import sys, warnings
before = list(warnings.filters)
from planner.core.scenario import WhatIf
from planner.pipeline import compare_assignments, load_scenario, solve
scenario = load_scenario(sys.argv[1])[0]
after_import = list(warnings.filters)
one = solve(scenario, WhatIf(assignment_mode="estable"), compare_modes=False)
compare_assignments(one)  # the app's comparison: optimo's integer program, PuLP variables
assert one.candidates.chosen.coverage == 2.0, one.candidates.chosen.coverage
print("filters kept" if list(warnings.filters) == after_import else "filters changed")
"""


def test_a_stable_assignment_leaves_the_log_quiet(tmp_path):
    """A fresh process with Python's default warning filters (as ``make run``'s server) runs one
    stable assignment and the comparison with optimo: nothing on stderr and the filters as they
    were. Before issue 26, ``import matching`` set ``simplefilter("always")`` and every PuLP
    variable built afterwards printed a DeprecationWarning (79,612 lines in 11 minutes)."""
    import subprocess
    import sys

    from tests.builders import MG
    from tests.test_matching import with_candidates

    path = make_workbook(tmp_path / "lista.xlsx", with_candidates(
        [("A", MG, 7, ["CS0002", "CS0001"], 90), ("B", MG, 20, ["CS0002"], 80)]))
    run = subprocess.run([sys.executable, "-c", _QUIET_RUN, str(path)], capture_output=True,
                         text=True, timeout=300, env={**__import__("os").environ,
                                                      "PYTHONWARNINGS": ""})
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-1] == "filters kept"
    assert "Warning" not in run.stderr, run.stderr[:2000]


def test_the_matching_library_is_imported_only_through_its_guard():
    """Any other ``import matching`` would reset the filters again: every use goes through
    models.matching.matching_library (a source scan of planner/, models/, app.py)."""
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[1]
    pattern = re.compile(r"^\s*(from matching\b|import matching\b)", re.M)
    offenders = []
    for path in [root / "app.py", *(root / "planner").rglob("*.py"), *(root / "models").rglob("*.py")]:
        text = path.read_text(encoding="utf-8")
        hits = pattern.findall(text)
        if path.name == "matching.py" and path.parent.name == "models":
            hits = hits[3:]  # the three imports inside matching_library()
        offenders += [str(path)] * len(hits)
    assert not offenders


@pytest.mark.parametrize("assignment, compare", [("por_oferta", False), ("optimo", False),
                                                 ("estable", False), ("optimo", True)])
def test_every_stage_is_timed(everything_on, tmp_path, assignment, compare):
    """Issue 26 item 3: all the work of ``planner solve`` is in ``seconds_by_stage``: each key
    is one the report adds up (planner.cli.common.STAGE_GROUPS), and together they are at least
    90 % of the wall time of solve_workbook (read, solve, indicators, write). Before, with
    registered candidates, the other mode and the reports of posts ran in no stage (4 min 46 s
    of wall against 7.5 s of stages), and optimo computed estable unasked."""
    import time

    from planner.cli.common import STAGE_GROUPS
    from planner.core.scenario import WhatIf
    from planner.pipeline import solve_workbook

    path, _ = everything_on
    solve_workbook(path, None, WhatIf(assignment_mode=assignment))  # imports paid once
    t0 = time.perf_counter()
    result = solve_workbook(path, tmp_path / "r.xlsx", WhatIf(assignment_mode=assignment),
                            compare_modes=compare)
    wall = time.perf_counter() - t0
    assert set(result.timings) <= set(STAGE_GROUPS), set(result.timings) - set(STAGE_GROUPS)
    assert sum(result.timings.values()) >= 0.9 * wall, (wall, result.timings)
    if assignment != "por_oferta":
        cres = result.candidates
        assert (cres.other is not None) == compare  # the other mode only when asked
        assert ("compare" in result.timings) == compare
        if not compare and assignment == "optimo":
            assert cres.chosen.blocking_pairs is None  # not counted, never shown as 0
