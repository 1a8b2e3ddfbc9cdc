"""Saved scenarios and phases (planner/store/phases.py) on real SQLite files in tmp_path."""

from __future__ import annotations

import json
import threading

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from planner.cli.main import app
from planner.core.scenario import WhatIf
from planner.pipeline import load_scenario, read_workbook
from planner.store import db
from planner.store import phases as store
from tests.builders import ANES, MG, make_workbook
from tests.test_phases import two_phase_tables


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'planner.sqlite'}"


def _restart(url):
    """A new engine on the same file, as a restarted app would open (the cached one dropped)."""
    with db._LOCK:
        old = db._ENGINES.pop(url, None)
    if old is not None:
        old.dispose()
    fresh = db.engine(url)
    assert fresh is not old
    return fresh


def test_scenario_saved_survives_a_restart_and_exports_its_parameters(tmp_path, url):
    book = make_workbook(tmp_path / "fase1.xlsx", two_phase_tables())
    data = book.read_bytes()
    sid = store.save_scenario("Presupuesto 25 mil", data, book.name,
                              WhatIf(budget=25_000.0, target=3), url=url)
    _restart(url)
    (saved,) = store.list_scenarios(url)
    assert saved["id"] == sid and saved["nombre"] == "Presupuesto 25 mil"
    assert saved["entradas"] == {"budget": 25_000.0, "target": 3}
    assert len(saved["sha256"]) == 64 and saved["libro"] == "fase1.xlsx"
    out = store.export("escenario", sid, tmp_path / "exportado.xlsx", url=url)
    scenario, _ = load_scenario(out)
    assert scenario.params.budget == 25_000 and scenario.params.target == 3
    assert book.read_bytes() == data  # the original is untouched


def test_cli_next_guardar_stores_avance_state_plan_and_both_books(tmp_path, url, monkeypatch):
    monkeypatch.setenv("PLANNER_DB_URL", url)
    book = make_workbook(tmp_path / "fase1.xlsx", two_phase_tables())
    res = CliRunner().invoke(app, ["next", str(book), "--out", str(tmp_path / "f2.xlsx"),
                                   "--json", "--guardar"])
    assert res.exit_code == 0, res.output
    rid = json.loads(res.stdout)["saved_id"]
    res = CliRunner().invoke(app, ["status", str(book), "--json", "--guardar"])
    assert res.exit_code == 0, res.output
    _restart(url)
    rows = store.list_phases(url)
    assert [r["tipo"] for r in rows] == ["status", "next"] and rows[1]["id"] == rid
    rec = store.phase_record(rid, url)
    assert rec["fases"] == "1" and len(rec["avance"]) == 3
    assert rec["estado"]["left"] == 21_021 and rec["estado"]["filled"] == 2
    placed = {(p["clues"], p["category"]): p["placed"] for p in rec["plan"]}
    # phase 2's hand-worked plan (tests/test_phases.py): HOSP01 and HOSP02 Anestesiología,
    # the one MG vacancy left at CS0001 and at CS0002
    assert placed == {("HOSP01", ANES): 1, ("HOSP02", ANES): 1, ("CS0001", MG): 1,
                      ("CS0002", MG): 1}
    again = store.export("fase", rid, tmp_path / "siguiente.xlsx", url=url, which="siguiente")
    following, _ = load_scenario(again)
    assert following.params.budget == pytest.approx(21_021) and following.progress.empty
    source = store.export("fase", rid, tmp_path / "origen.xlsx", url=url)
    assert source.read_bytes() == book.read_bytes()
    with pytest.raises(KeyError):
        store.export("fase", rows[0]["id"], tmp_path / "nada.xlsx", url=url, which="siguiente")


def test_two_engines_write_concurrently_without_losing_a_row(tmp_path, url):
    """Two engines on one file (two app sessions), 25 saves each at once: 50 rows, all ids
    distinct (each save one transaction; WAL and the busy timeout serialise the writers)."""
    book = make_workbook(tmp_path / "fase1.xlsx", two_phase_tables())
    data = book.read_bytes()
    store.save_scenario("primero", data, book.name, WhatIf(), url=url)  # tables exist
    other = f"sqlite:///{tmp_path}/./planner.sqlite"  # the same file, a second engine
    assert db.engine(other) is not db.engine(url)
    errors: list[BaseException] = []

    def writer(u, tag):
        try:
            for i in range(25):
                store.save_scenario(f"{tag}{i}", data, book.name, WhatIf(budget=float(i)), url=u)
        except BaseException as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(u, tag))
               for u, tag in ((url, "a"), (other, "b"))]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    with _restart(url).connect() as conn:
        assert conn.execute(select(func.count()).select_from(store.SCENARIOS)).scalar() == 51
    names = {r["nombre"] for r in store.list_scenarios(url)}
    assert {f"a{i}" for i in range(25)} | {f"b{i}" for i in range(25)} <= names
    assert read_workbook(book).sheets  # the workbook itself is still readable, untouched


def test_app_saved_scenario_is_there_after_a_restart(tmp_path, monkeypatch):
    """Save a what-if in the app; a second app run (a restart: new session, new engine) lists it
    from the database and offers its workbook, whose parametros carry the what-if's budget."""
    from tests.test_app import BUDGET, solve_with, start_app, tr, widget

    url = f"sqlite:///{tmp_path / 'app.sqlite'}"
    monkeypatch.setenv("PLANNER_DB_URL", url)
    book = make_workbook(tmp_path / "fase1.xlsx", two_phase_tables())
    at = start_app(book, monkeypatch)
    solve_with(at, **{BUDGET: 25_000})
    at.text_input(key="save_name").set_value("presupuesto bajo")
    widget(at.button, tr("save_button")).click()
    at.run()
    assert not at.exception, at.exception
    _restart(url)
    again = start_app(book, monkeypatch)
    table = next(d.value for d in again.dataframe if tr("db_col_name") in d.value.columns)
    assert table[tr("db_col_name")].tolist() == ["presupuesto bajo"]
    assert table[tr("db_col_inputs")].tolist() == ["budget=25000.0"]
    (row,) = store.list_scenarios(url)
    exported = store.export("escenario", row["id"], tmp_path / "e.xlsx", url=url)
    assert load_scenario(exported)[0].params.budget == 25_000


def test_app_lists_stored_phases_and_offers_both_books(tmp_path, monkeypatch):
    """`planner next --guardar` in one process; the app's «Avance» tab lists that phase and offers
    its input and next-phase workbooks."""
    from tests.test_app import start_app, tr

    url = f"sqlite:///{tmp_path / 'app.sqlite'}"
    monkeypatch.setenv("PLANNER_DB_URL", url)
    book = make_workbook(tmp_path / "fase1.xlsx", two_phase_tables())
    res = CliRunner().invoke(app, ["next", str(book), "--out", str(tmp_path / "f2.xlsx"),
                                   "--guardar"])
    assert res.exit_code == 0, res.output
    _restart(url)
    at = start_app(book, monkeypatch)
    table = next(d.value for d in at.dataframe if tr("db_col_phases") in d.value.columns)
    assert table[tr("db_col_kind")].tolist() == ["next"]
    assert table[tr("db_col_phases")].tolist() == ["1"]
    assert table[tr("db_col_book")].tolist() == ["fase1.xlsx"]
