"""Saved scenarios scoped by role in the app (issue 25), driven by AppTest on real SQLite files.

The app's default workbook is the Chiapas-only cut of the tiny workbook (tests/test_store_scope.py)
or the tiny workbook itself (Chiapas and Oaxaca). Stored before the app starts: «de Oaxaca» (an
Oaxaca planner's, on the Oaxaca-only workbook) and «de Bea» (another Chiapas planner's). The
Chiapas planner Ana sees «de Bea» but not «de Oaxaca» anywhere on any tab, may download «de Bea»
but not delete it, stores her own what-if and deletes it with the button (recorded in the audit
trail); on the two-state workbook her save is refused with the reason (its bytes hold Oaxaca). A
read-only account sees the stored list with no save form, no download and no delete.
"""

from __future__ import annotations

import pytest

from planner.core.scenario import WhatIf
from planner.core.words import t
from planner.store import access, db
from planner.store import phases as store
from tests.builders import make_workbook
from tests.test_app_access import AUTH, everything_shown, run
from tests.test_store_scope import one_state


@pytest.fixture
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'planner.sqlite'}"
    monkeypatch.setenv("PLANNER_DB_URL", url)
    yield url
    db._ENGINES.pop(url).dispose()


@pytest.fixture
def stored(tmp_path, database):
    eng = db.engine(database)
    oto = access.grant("oto@salud.gob.mx", "estatal", [20], eng=eng)
    bea = access.grant("bea@salud.gob.mx", "estatal", [7], eng=eng)
    oaxaca = make_workbook(tmp_path / "oaxaca.xlsx", one_state(20)).read_bytes()
    chiapas = make_workbook(tmp_path / "chiapas.xlsx", one_state(7))
    ids = {"oaxaca": store.save_scenario("de Oaxaca", oaxaca, "oaxaca.xlsx", WhatIf(),
                                         url=database, who=oto),
           "bea": store.save_scenario("de Bea", chiapas.read_bytes(), "chiapas.xlsx",
                                      WhatIf(budget=11_000.0), url=database, who=bea)}
    return chiapas, ids


def stored_table(at):
    return next(d.value for d in at.dataframe if t("scope_col_owner") in d.value.columns)


def test_a_state_planner_sees_stores_and_deletes_only_within_their_state(
        stored, database, monkeypatch):
    chiapas, ids = stored
    access.grant("ana@salud.gob.mx", "estatal", [7], eng=db.engine(database))
    user = {"is_logged_in": True, "email": "ana@salud.gob.mx"}
    at = run(chiapas, monkeypatch, secrets=AUTH, user=user)
    table = stored_table(at)
    assert table[t("db_col_name")].tolist() == ["de Bea"]
    assert "de Oaxaca" not in everything_shown(at)
    assert at.selectbox(key="db_pick").options == [f"{ids['bea']} · de Bea"]
    assert not at.get("selectbox") or all(s.key != "db_delete_pick" for s in at.selectbox)
    assert t("scope_delete_none") in [c.value for c in at.caption]
    # her own what-if, stored and then deleted with the button
    at.text_input(key="save_name").set_value("mío")
    next(b for b in at.button if b.label == t("save_button")).click()
    at.run()
    assert not at.exception, at.exception
    table = stored_table(at)
    assert table[t("db_col_name")].tolist() == ["mío", "de Bea"]
    assert table[t("scope_col_owner")].tolist() == [t("scope_owner_you"),
                                                   access.who_key("bea@salud.gob.mx")]
    assert table[t("scope_col_states")].tolist() == ["7", "7"]
    (mine,) = [r["id"] for r in store.list_scenarios(database) if r["nombre"] == "mío"]
    assert at.selectbox(key="db_delete_pick").options == [f"{mine} · mío"]  # not Bea's
    at.button(key="db_delete").click()
    at.run()
    assert not at.exception, at.exception
    assert t("scope_deleted", name="mío") in [s.value for s in at.success]
    assert stored_table(at)[t("db_col_name")].tolist() == ["de Bea"]
    assert sorted(r["nombre"] for r in store.list_scenarios(database)) == ["de Bea",
                                                                          "de Oaxaca"]
    trail = access.read(db.engine(database))
    mine_rows = trail[trail["who"] == access.who_key("ana@salud.gob.mx")]
    assert [a for a in mine_rows["action"] if a in ("save", "delete")] == ["save", "delete"]
    assert mine_rows["detail"].iloc[-1] == f"escenario {mine}"


def test_a_state_planner_cannot_store_a_workbook_holding_another_state(
        tmp_path, stored, database, monkeypatch):
    access.grant("ana@salud.gob.mx", "estatal", [7], eng=db.engine(database))
    tiny = make_workbook(tmp_path / "tiny.xlsx")
    at = run(tiny, monkeypatch, secrets=AUTH,
             user={"is_logged_in": True, "email": "ana@salud.gob.mx"})
    at.text_input(key="save_name").set_value("ambos")
    next(b for b in at.button if b.label == t("save_button")).click()
    at.run()
    assert not at.exception, at.exception
    assert t("scope_save_outside", states="20") in [w.value for w in at.warning]
    assert "ambos" not in {r["nombre"] for r in store.list_scenarios(database)}


def test_a_read_only_account_lists_but_cannot_save_download_or_delete(
        stored, database, monkeypatch):
    chiapas, _ = stored
    access.grant("eva@salud.gob.mx", "consulta", eng=db.engine(database))
    at = run(chiapas, monkeypatch, secrets=AUTH,
             user={"is_logged_in": True, "email": "eva@salud.gob.mx"})
    assert sorted(stored_table(at)[t("db_col_name")]) == ["de Bea", "de Oaxaca"]
    assert t("scope_read_only_save") in [c.value for c in at.caption]
    assert all(w.key != "save_name" for w in at.text_input)
    assert t("save_button") not in [b.label for b in at.button]
    assert all(b.key != "db_delete" for b in at.button)
    assert not at.get("download_button")
