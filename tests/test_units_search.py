"""A planner finds a real unit by CLUES or name (accents and case ignored) in the units table
and on the units map (issue 27)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from planner.ui import charts, tables
from tests.builders import base_tables, make_workbook
from tests.test_app import start_app, widget


@pytest.fixture(scope="module")
def named(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny workbook with a real hospital's CLUES and accented name on its hospital."""
    t = base_tables()
    u = t["unidades"]
    old = u.loc[u["tipo"] == "hospital", "clues"].iloc[0]
    u.loc[u["clues"] == old, ["clues", "nombre"]] = ["HGIMB004561", "HOSPITAL ZIMAPÁN"]
    t["plantilla"].loc[t["plantilla"]["clues"] == old, "clues"] = "HGIMB004561"
    u["latitud"], u["longitud"] = 20.74, -99.38
    return make_workbook(tmp_path_factory.mktemp("search") / "named.xlsx", t)


def _units_tab(app: AppTest) -> None:
    from planner.core.words import t as tr
    assert any(tr("units_map_header", "es") in m.value for m in app.markdown)


def test_search_by_name_without_accents_and_by_clues(named: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.core.words import t as tr
    app = start_app(named, monkeypatch)
    _units_tab(app)
    for text in ("zimapan", "hgimb004561"):
        widget(app.text_input, tr("f_search", "es")).set_value(text).run()
        assert not app.exception
        table = next(d for d in app.dataframe
                     if tables.header("clues", "es") in d.value.columns)
        assert list(table.value[tables.header("clues", "es")]) == ["HGIMB004561"], text
        # the map shows that one unit
        maps = [c for c in app.get("vega_lite_chart") if "HGIMB004561" in str(c.proto)]
        assert maps and not any("CS0001" in str(c.proto) for c in maps)


def test_filter_and_map_points_are_plain_functions() -> None:
    units = pd.DataFrame({"name": ["HOSPITAL ZIMAPÁN", "Centro de Salud Apan"],
                          "state": ["Hidalgo"] * 2, "kind": ["hospital", "centro de salud"],
                          "grade": ["medio", "bajo"], "gp_placed": [0, 1],
                          "spec_placed": [1, 0]},
                         index=pd.Index(["HGIMB004561", "HGIMB004766"], name="clues"))
    f = tables.UnitFilter(search="ZIMAPAN")
    assert list(tables.filter_units(units, f).index) == ["HGIMB004561"]
    assert list(tables.filter_units(units, tables.UnitFilter(search="salud apán")).index) == [
        "HGIMB004766"]
    points = pd.DataFrame({"clues": ["HGIMB004561"], "name": ["HOSPITAL ZIMAPÁN"],
                           "kind": ["hospital"], "state": ["Hidalgo"], "lat": [20.74],
                           "lon": [-99.38]})
    spec = charts.units_map(points, "es")
    assert spec["datasets"]  # the state outlines and the point
    assert any(r.get("clues") == "HGIMB004561" for d in spec["datasets"].values()
               for r in d if isinstance(r, dict))
