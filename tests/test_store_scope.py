"""Saved scenarios and phases scoped by role (issue 25), on real SQLite files in tmp_path.

Workbooks: the tiny one of tests/builders.py has Chiapas (7: HOSP01, CS0001) and Oaxaca (20:
HOSP02, CS0002, CS0003); ``one_state(7)`` keeps only Chiapas's units and their staffing,
``one_state(20)`` only Oaxaca's. A stored row concerns the states of its workbook's units, so a
Chiapas planner (``estatal`` 7) sees the Chiapas-only rows and neither the Oaxaca-only nor the
two-state ones (whose bytes hold Oaxaca's units); a national or read-only account sees them all.
"""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import Column, MetaData, Table, create_engine, select

from planner.core.scenario import WhatIf
from planner.pipeline import load_scenario
from planner.store import access, db
from planner.store import phases as store
from planner.store.phases import ScopeError
from tests.builders import base_tables, make_workbook
from tests.test_phases import two_phase_tables


@pytest.fixture
def url(tmp_path):
    u = f"sqlite:///{tmp_path / 'planner.sqlite'}"
    yield u
    with db._LOCK:
        old = db._ENGINES.pop(u, None)
    if old is not None:
        old.dispose()


def one_state(code: int, tables=None) -> dict:
    """The tiny workbook's tables cut to the units of state ``code`` (and their staffing)."""
    tables = tables or base_tables()
    units = tables["unidades"]
    keep = units.loc[units["clave_entidad"] == code]
    tables["unidades"] = keep.reset_index(drop=True)
    staff = tables["plantilla"]
    tables["plantilla"] = staff[staff["clues"].isin(keep["clues"])].reset_index(drop=True)
    if "avance" in tables:
        done = tables["avance"]
        tables["avance"] = done[done["clues"].isin(keep["clues"])].reset_index(drop=True)
    return tables


@pytest.fixture
def books(tmp_path):
    """Bytes of the Chiapas-only, Oaxaca-only and two-state workbooks."""
    return {7: make_workbook(tmp_path / "chiapas.xlsx", one_state(7)).read_bytes(),
            20: make_workbook(tmp_path / "oaxaca.xlsx", one_state(20)).read_bytes(),
            0: make_workbook(tmp_path / "tiny.xlsx").read_bytes()}


def accounts(url):
    eng = db.engine(url)
    return {"ana": access.grant("ana@salud.gob.mx", "estatal", [7], eng=eng),
            "bea": access.grant("bea@salud.gob.mx", "estatal", [7], eng=eng),
            "oto": access.grant("oto@salud.gob.mx", "estatal", [20], eng=eng),
            "luis": access.grant("luis@salud.gob.mx", "nacional", eng=eng),
            "eva": access.grant("eva@salud.gob.mx", "consulta", eng=eng)}


def test_a_state_planner_cannot_list_load_export_or_delete_another_states_scenario(
        tmp_path, url, books):
    who = accounts(url)
    chiapas = store.save_scenario("chiapas", books[7], "chiapas.xlsx", WhatIf(budget=20_000.0),
                                  url=url, who=who["ana"])
    oaxaca = store.save_scenario("oaxaca", books[20], "oaxaca.xlsx", WhatIf(), url=url,
                                 who=who["oto"])
    both = store.save_scenario("ambos", books[0], "tiny.xlsx", WhatIf(), url=url)  # local
    rows = {r["id"]: r for r in store.list_scenarios(url, who=who["luis"])}
    assert {r["estados"] for r in rows.values()} == {"7", "20", "7,20"}
    assert rows[chiapas]["propietario"] == access.who_key("ana@salud.gob.mx")
    assert rows[both]["propietario"] == "local"
    assert "ana@salud.gob.mx" not in str(rows)  # the owner is a pseudonym, as in the trail
    for name in ("ana", "bea"):
        assert [r["id"] for r in store.list_scenarios(url, who=who[name])] == [chiapas]
    assert [r["id"] for r in store.list_scenarios(url, who=who["oto"])] == [oaxaca]
    ana = who["ana"]
    for other in (oaxaca, both):
        assert store.scenario_record(other, url, who=ana) is None
        with pytest.raises(KeyError):
            store.export_bytes("escenario", other, url, who=ana)
        with pytest.raises(KeyError):
            store.export("escenario", other, tmp_path / "fuga.xlsx", url=url, who=ana)
        assert not (tmp_path / "fuga.xlsx").exists()
        with pytest.raises(KeyError):
            store.delete_scenario(other, url, who=ana)
    assert store.scenario_record(chiapas, url, who=ana)["entradas"] == {"budget": 20_000.0}
    out = store.export("escenario", chiapas, tmp_path / "mio.xlsx", url=url, who=ana)
    assert load_scenario(out)[0].params.budget == 20_000
    # national and read-only accounts see all three; nobody's deletion happened
    assert len(store.list_scenarios(url, who=who["luis"])) == 3
    assert len(store.list_scenarios(url, who=who["eva"])) == 3
    with pytest.raises(ScopeError) as refused:
        store.export_bytes("escenario", both, url, who=who["eva"])
    assert refused.value.code == "scope_cannot_export"


def test_the_owner_or_a_national_account_deletes_and_the_trail_records_it(url, books):
    who = accounts(url)
    mine = store.save_scenario("mío", books[7], "chiapas.xlsx", WhatIf(), url=url,
                               who=who["ana"])
    hers = store.save_scenario("de bea", books[7], "chiapas.xlsx", WhatIf(), url=url,
                               who=who["bea"])
    listed = {r["id"]: r["borrable"] for r in store.list_scenarios(url, who=who["ana"])}
    assert listed == {mine: True, hers: False}  # bea's row is seen (Chiapas), not deletable
    with pytest.raises(ScopeError) as refused:
        store.delete_scenario(hers, url, who=who["ana"])
    assert refused.value.code == "scope_cannot_delete"
    with pytest.raises(ScopeError):
        store.delete_scenario(mine, url, who=who["eva"])  # consulta deletes nothing
    assert store.delete_scenario(mine, url, who=who["ana"]) == "mío"
    assert store.delete_scenario(hers, url, who=who["luis"]) == "de bea"
    assert store.list_scenarios(url, who=who["luis"]) == []
    trail = access.read(db.engine(url))
    trail = trail[trail["action"].isin(["save", "delete"])]
    assert list(trail["action"]) == ["save", "save", "delete", "delete"]
    assert list(trail["who"]) == [access.who_key(f"{n}@salud.gob.mx")
                                  for n in ("ana", "bea", "ana", "luis")]
    assert list(trail["detail"][2:]) == [f"escenario {mine}", f"escenario {hers}"]


def test_a_read_only_account_cannot_save_and_a_state_one_only_within_its_states(url, books):
    who = accounts(url)
    for kind in ("escenario", "fase"):
        with pytest.raises(ScopeError) as refused:
            if kind == "escenario":
                store.save_scenario("no", books[0], "tiny.xlsx", WhatIf(), url=url,
                                    who=who["eva"])
            else:
                scenario = load_scenario_bytes(books[0])
                store.save_phase("status", books[0], "tiny.xlsx", None, scenario, url=url,
                                 who=who["eva"])
        assert refused.value.code == "scope_cannot_save"
    with pytest.raises(ScopeError) as refused:
        store.save_scenario("ambos", books[0], "tiny.xlsx", WhatIf(), url=url, who=who["ana"])
    assert refused.value.code == "scope_save_outside" and refused.value.params == {"states": "20"}
    assert store.list_scenarios(url, who=who["luis"]) == []
    assert "save" not in set(access.read(db.engine(url))["action"])


def load_scenario_bytes(data: bytes):
    from planner.pipeline import load_scenario_bytes as load

    return load(data, "libro.xlsx")


def test_stored_phases_are_scoped_the_same_way(tmp_path, url):
    """`planner status --guardar` on a Chiapas-only and on the two-state phase workbook (the
    local account): the Chiapas planner lists and loads only the first."""
    from planner.analysis.phases import call_state

    who = accounts(url)
    ids = {}
    for code, tables in ((7, one_state(7, two_phase_tables())), (0, two_phase_tables())):
        book = make_workbook(tmp_path / f"fase_{code}.xlsx", tables)
        scenario, _ = load_scenario(book)
        ids[code] = store.save_phase("status", book.read_bytes(), book.name,
                                     call_state(scenario), scenario, url=url)
    assert [r["id"] for r in store.list_phases(url, who=who["ana"])] == [ids[7]]
    assert {r["estados"] for r in store.list_phases(url)} == {"7", "7,20"}
    assert store.phase_record(ids[0], url, who=who["ana"]) is None
    assert store.phase_record(ids[7], url, who=who["ana"])["fases"] == "1"
    with pytest.raises(KeyError):
        store.export_bytes("fase", ids[0], url, who=who["ana"])
    with pytest.raises(KeyError):
        store.delete_phase(ids[0], url, who=who["ana"])
    with pytest.raises(ScopeError):  # the local account stored it: ana is not its owner
        store.delete_phase(ids[7], url, who=who["ana"])
    assert store.delete_phase(ids[0], url) == "fase_0.xlsx"  # the CLI's local account


def _old_database(path) -> None:
    """A database file as the previous version wrote it: the two tables without
    ``propietario`` and ``estados``, one saved scenario and one phase in them."""
    old = MetaData()
    for table in (store.SCENARIOS, store.PHASES):
        Table(table.name, old, *[Column(c.name, c.type, primary_key=c.primary_key,
                                        nullable=c.nullable)
                                 for c in table.columns if c.name not in ("propietario",
                                                                          "estados")])
    raw = create_engine(f"sqlite:///{path}")
    old.create_all(raw)
    with raw.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO escenarios_guardados (nombre, creado, libro, sha256, entradas, "
            "contenido) VALUES ('antiguo', '2026-11-01 10:00:00', 'viejo.xlsx', 'ab', '{}', x'00')")
        conn.exec_driver_sql(
            "INSERT INTO fases_guardadas (tipo, creado, libro, sha256, fases, avance, estado, "
            "contenido) VALUES ('status', '2026-11-01 10:00:00', 'viejo.xlsx', 'ab', '1', '[]', "
            "'{}', x'00')")
    raw.dispose()


def test_an_old_database_without_the_new_columns_opens_and_works(tmp_path, url, books):
    path = tmp_path / "planner.sqlite"
    _old_database(path)
    with sqlite3.connect(path) as conn:
        cols = {r[1] for r in conn.execute("PRAGMA table_info(escenarios_guardados)")}
    assert "propietario" not in cols and "estados" not in cols
    who = accounts(url)  # opening the file adds the columns (db.ensure)
    with sqlite3.connect(path) as conn:
        for table in ("escenarios_guardados", "fases_guardadas"):
            cols = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
            assert {"propietario", "estados"} <= cols, table
    (legacy,) = store.list_scenarios(url, who=who["luis"])
    assert legacy["nombre"] == "antiguo" and legacy["estados"] is None
    assert legacy["borrable"] is True  # national deletes a row of unknown owner
    assert store.list_scenarios(url, who=who["ana"]) == []  # unknown states: not a state's
    assert len(store.list_phases(url, who=who["eva"])) == 1
    assert store.list_phases(url, who=who["ana"]) == []
    new = store.save_scenario("nuevo", books[7], "chiapas.xlsx", WhatIf(), url=url,
                              who=who["ana"])
    assert [r["id"] for r in store.list_scenarios(url, who=who["ana"])] == [new]
    assert store.delete_scenario(legacy["id"], url, who=who["luis"]) == "antiguo"
    with db.engine(url).connect() as conn:
        names = conn.execute(select(store.SCENARIOS.c.nombre)).scalars().all()
    assert names == ["nuevo"]
