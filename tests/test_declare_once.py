"""Declared once: the bonus cost of a placement, the parameter value parser, row names by key."""

from __future__ import annotations

import pandas as pd
import pytest

from models.allocation import build_allocation, placement_pairs
from planner.core import schema
from planner.core.errors import InputError
from planner.io.grid import parse_grid
from planner.pipeline import load_scenario
from tests.builders import ANES, CIR, MG, base_tables, make_workbook


@pytest.fixture()
def scenario(tmp_path):
    return load_scenario(make_workbook(tmp_path / "caso.xlsx"))[0]


def test_bonus_per_row_by_hand(scenario):
    """Specialists at the two eligible hospitals cost their zone's bonus (zone 2: 10,979;
    zone 3: 10,000); general doctors at the (not eligible) centres cost nothing."""
    got = dict(zip(scenario.staffing.index, scenario.bonus_per_row(), strict=True))
    assert got == {("HOSP01", ANES): 10_979.0, ("HOSP01", CIR): 10_979.0,
                   ("HOSP02", ANES): 10_000.0, ("HOSP02", CIR): 10_000.0,
                   ("CS0001", MG): 0.0, ("CS0002", MG): 0.0, ("CS0003", MG): 0.0}


def test_model_pairs_cost_what_the_scenario_says(scenario):
    per_row = dict(zip(scenario.staffing.index, scenario.bonus_per_row(), strict=True))
    pairs = placement_pairs(scenario)
    assert len(pairs) == 6  # CS0003 has its 2 general doctors: no gap
    for rec in pairs.to_dict("records"):
        assert rec["cost"] == per_row[(rec["clues"], rec["category"])]


@pytest.mark.parametrize("word", sorted(w for w in schema.TRUE_WORDS if w))
def test_grid_yes_words_are_the_workbooks(scenario, word):
    frame = pd.DataFrame({"minimo_un_medico_por_centro": [word, "n"]}, index=[2, 3])
    points = parse_grid(frame, scenario)
    assert points == [{"minimo_un_medico_por_centro": True},
                      {"minimo_un_medico_por_centro": False}]


def test_grid_bounds_are_the_schemas(scenario):
    """cobertura_minima_entidad is declared in [0, 1]; the grid refuses 1.5 with that maximum."""
    frame = pd.DataFrame({"cobertura_minima_entidad": ["1.5"]}, index=[2])
    with pytest.raises(InputError) as info:
        parse_grid(frame, scenario)
    (issue,) = info.value.issues
    assert issue.code == "above_max"
    assert issue.params["maximum"] == schema.PARAMETER_BY_KEY["cobertura_minima_entidad"].maximum


def test_row_names_by_key_survive_a_new_unit(tmp_path):
    """A new centre CS0000 (sorted first) adds its own rows and renames none of the others."""
    base = load_scenario(make_workbook(tmp_path / "a.xlsx",
                                       minimo_un_medico_por_centro="sí"))[0]
    tables = base_tables()
    tables["unidades"].loc[len(tables["unidades"])] = (
        "CS0000", "Centro Cero", "centro de salud", 7, "Chiapas", "Ocosingo", 2, "alto", "no", 0)
    tables["plantilla"].loc[len(tables["plantilla"])] = ("CS0000", MG, None, 0)
    bigger = load_scenario(make_workbook(tmp_path / "b.xlsx", tables,
                                         minimo_un_medico_por_centro="sí"))[0]
    before = set(build_allocation(base).prob.constraints)
    after = set(build_allocation(bigger).prob.constraints)
    assert {"first_CS0001", "one_doctor_CS0001"} <= before
    assert after - before == {"first_CS0000", "one_doctor_CS0000"}
    assert before <= after
