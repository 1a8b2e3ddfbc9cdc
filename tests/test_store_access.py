"""Roles and the audit trail (planner/store/access.py) on the real SQLite engine, in tmp_path."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
import threading

import pandas as pd
import pytest
from openpyxl import load_workbook
from sqlalchemy import exc as sa_exc
from sqlalchemy import text

from planner.core.words import t
from planner.store import access, db
from tests.test_privacy import planted


@pytest.fixture
def url(tmp_path):
    made = f"sqlite:///{tmp_path / 'planner.sqlite'}"
    yield made
    found = db._ENGINES.pop(made, None)
    if found is not None:
        found.dispose()


def restart(url: str):
    """A new engine on the same file, as a restarted app gets (the old one disposed)."""
    db._ENGINES.pop(url).dispose()
    return db.engine(url)


def test_roles_by_state(url):
    eng = db.engine(url)
    assert access.access_of("ana@salud.gob.mx", eng) is None
    access.grant("Ana@Salud.gob.mx", "estatal", [13, 20, 13], by="local", eng=eng)
    access.grant("luis@salud.gob.mx", "nacional", eng=eng)
    access.grant("eva@salud.gob.mx", "consulta", [7], eng=eng)  # states ignored: reads all
    ana = access.access_of("ana@salud.gob.mx", eng)
    assert (ana.role, ana.states) == ("estatal", frozenset({13, 20}))
    assert ana.sees_state(13) and not ana.sees_state(7) and ana.can_change
    eva = access.access_of("EVA@salud.gob.mx", eng)
    assert (eva.role, eva.states, eva.sees_state(7), eva.can_change) == (
        "consulta", frozenset(), True, False)
    access.grant("ana@salud.gob.mx", "estatal", [9], eng=eng)  # a new grant replaces the old
    assert access.access_of("ana@salud.gob.mx", eng).states == frozenset({9})
    assert access.revoke("ana@salud.gob.mx", eng=eng)
    assert not access.revoke("ana@salud.gob.mx", eng=eng)
    assert access.access_of("ana@salud.gob.mx", eng) is None
    assert list(access.accounts(eng)["account"]) == ["eva@salud.gob.mx", "luis@salud.gob.mx"]
    # grants and revocations are in the trail, with pseudonyms, never the e-mail
    trail = access.read(eng)
    assert list(trail["action"]) == ["grant"] * 4 + ["revoke"]
    assert "ana@salud.gob.mx" not in trail.to_csv()
    assert trail["detail"].iloc[-1] == access.who_key("ana@salud.gob.mx")


@pytest.mark.parametrize(("role", "states", "code"), [
    ("jefe", [], "acc_bad_role"), ("estatal", [], "acc_states_needed"),
    ("estatal", [33], "acc_bad_state")])
def test_bad_grants_are_refused_with_a_message(url, role, states, code):
    with pytest.raises(access.AccessError) as caught:
        access.grant("x@y.mx", role, states, eng=db.engine(url))
    assert caught.value.code == code
    t(code, **caught.value.params)  # the message has every field it names
    assert access.access_of("x@y.mx", db.engine(url)) is None


def test_audit_trail_survives_a_restart(url):
    eng = db.engine(url)
    digest = access.workbook_hash(b"libro")
    first = access.record("ana@salud.gob.mx", "open", digest, "nacional_2024.xlsx", 1234, eng=eng)
    access.record("local", "solve", digest, "nacional_2024.xlsx", 980,
                  detail="presupuesto 30000000", eng=eng)
    again = restart(url)
    assert again is not eng
    trail = access.read(again)
    assert list(trail["id"]) == [first, first + 1]
    assert list(trail["action"]) == ["open", "solve"]
    assert list(trail["rows"]) == [1234, 980]
    assert trail["workbook_hash"].iloc[0] == digest
    assert list(trail["who"]) == [access.who_key("ana@salud.gob.mx"), "local"]
    assert access.record("local", "export", eng=again) == first + 2
    assert list(access.read(again, action="export")["id"]) == [first + 2]


def test_two_engines_append_concurrently(url):
    one = db.engine(url)
    db._ENGINES.pop(url)
    two = db.engine(url)  # a second engine (a second app process) on the same file
    assert one is not two
    errors: list[BaseException] = []

    def append(eng, who: str) -> None:
        try:
            for i in range(60):
                access.record(who, "solve", scenario=f"{who} {i}", rows=i, eng=eng)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=append, args=(eng, who))
               for eng, who in ((one, "a@x.mx"), (two, "b@x.mx"), (one, "c@x.mx"),
                                (two, "d@x.mx"))]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    one.dispose()
    assert errors == []
    trail = access.read(two)
    assert len(trail) == 240 and trail["id"].is_unique
    for who in ("a@x.mx", "b@x.mx", "c@x.mx", "d@x.mx"):
        mine = trail[trail["who"] == access.who_key(who)]
        assert list(mine["rows"]) == list(range(60))  # each writer's order kept


def test_update_and_delete_are_refused_by_the_database(url):
    eng = db.engine(url)
    access.record("local", "open", scenario="a", eng=eng)
    for sql in ("UPDATE audit_trail SET who = 'otro'", "DELETE FROM audit_trail"):
        with pytest.raises(sa_exc.DatabaseError, match="append-only"):
            with eng.begin() as conn:
                conn.execute(text(sql))
    # a restarted engine keeps the triggers (they live in the file)
    again = restart(url)
    with pytest.raises(sa_exc.DatabaseError, match="append-only"):
        with again.begin() as conn:
            conn.execute(text("DELETE FROM audit_trail WHERE id = 1"))
    assert list(access.read(again)["who"]) == ["local"]
    # the module's whole API: no function that edits or removes a record of the trail
    own = {n for n, f in vars(access).items() if inspect.isfunction(f)
           and f.__module__ == access.__name__ and not n.startswith("_")}
    assert own == {"grant", "revoke", "access_of", "accounts", "record", "read", "who_key",
                   "workbook_hash", "normal_account", "table", "ready", "append_in"}


def test_the_trail_carries_no_personal_data(url):
    values = planted(5)
    eng = db.engine(url)
    access.record(values["email"], "import", scenario=f"libro de {values['phone']}.xlsx",
                  detail=f"CURP {values['curp']} RFC {values['rfc']} {values['rfc_company']}",
                  eng=eng)
    dump = access.read(eng).to_csv()
    for value in values.values():
        assert value not in dump
    assert t("priv_redacted") in dump


def _cli(url: str, *args: str):
    env = dict(os.environ, PLANNER_DB_URL=url)
    return subprocess.run([sys.executable, "-m", "planner", *args], capture_output=True,
                          text=True, timeout=120, env=env)


def test_cli_grants_roles_and_exports_the_trail(url, tmp_path):
    proc = _cli(url, "access", "ana@salud.gob.mx", "--role", "estatal", "--states", "13,20")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ana@salud.gob.mx: rol estatal (13, 20)."
    proc = _cli(url, "access", "ana@salud.gob.mx", "--role", "estatal")
    assert proc.returncode == 2
    assert proc.stderr.strip() == t("acc_states_needed")
    digest = access.workbook_hash(b"x")
    access.record("local", "export", digest, "nacional_2024.xlsx", 4321, eng=db.engine(url))
    out = tmp_path / "bitacora.xlsx"
    proc = _cli(url, "audit", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"Bitácora: 2 registros escritos en {out}."
    ws = load_workbook(out)["bitacora"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("id", "fecha_utc", "quien", "accion", "hash_libro", "escenario", "filas",
                       "detalle")
    assert rows[1][2:4] == ("local", "grant")
    assert rows[1][7] == f"{access.who_key('ana@salud.gob.mx')} estatal 13,20"
    assert rows[2][2:7] == ("local", "export", digest, "nacional_2024.xlsx", 4321)
    csv_out = tmp_path / "bitacora.csv"
    proc = _cli(url, "audit", "--out", str(csv_out), "--action", "export", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    table = pd.read_csv(csv_out, encoding="utf-8-sig")
    assert list(table.columns) == ["id", "when_utc", "who", "action", "workbook_hash",
                                   "scenario", "rows", "detail"]
    assert list(table["action"]) == ["export"] and list(table["rows"]) == [4321]
    proc = _cli(url, "audit", "--out", str(tmp_path / "b.pdf"))
    assert proc.returncode == 2 and proc.stderr.strip() == t("audit_bad_format", fmt="pdf")
