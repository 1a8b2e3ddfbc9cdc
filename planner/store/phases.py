"""Saved what-if scenarios and every phase of a call, kept between sessions (issue 23 item 6).

Two tables on :data:`planner.store.db.METADATA` (created with the rest by
:func:`planner.store.db.engine`, and here on first use by :func:`_ready`):

``escenarios_guardados``
    one row a saved what-if: ``nombre``, when (``creado``, UTC), the workbook it was made on
    (``libro``: file name, ``sha256`` of its bytes, and the bytes themselves, so it can be
    exported back), and the what-if's inputs (``entradas``: JSON of the
    :class:`planner.core.scenario.WhatIf` fields that are set).
``fases_guardadas``
    one row a ``planner status`` or ``planner next`` run (``tipo`` = ``status`` | ``next``):
    when, the workbook (name, sha256, bytes), the phases its ``avance`` records (``fases``),
    the ``avance`` itself and the state of the call (``estado``, JSON: the ``--json`` payload of
    ``planner status``), and for ``next`` the next phase's plan (``plan``: JSON, one record a
    (clues, category) placed) and the next phase's workbook bytes (``libro_siguiente``).

Who may see and change which row (issue 25): each row records its owner (``propietario``: the
account's pseudonym, :func:`planner.store.access.who_key`, as the audit trail writes it — no
e-mail address here either) and the states it concerns (``estados``: the INEGI keys of the
stored workbook's units, comma-separated, so that what is exported never holds another state's
data). Every function takes ``who`` (an :class:`planner.store.access.Access`; the CLI's
``local`` account, national rights, by default): a ``nacional`` or ``consulta`` account sees
every row, an ``estatal`` account only rows whose states are all within theirs — to it another
state's row does not exist (listing leaves it out, loading and exporting raise KeyError as for a
missing row). ``consulta`` reads but cannot save, export or delete (:class:`ScopeError`); a row
is deleted by its owner or by a ``nacional`` account, and the save and the deletion are recorded
in the audit trail in the same transaction. Rows stored before these columns existed (NULL
owner and states: the database was opened by an earlier version, :func:`planner.store.db.ensure`
added the columns) are seen by national and read-only accounts and deleted only by ``nacional``.

Every write is one transaction (``engine.begin()``): a row is stored whole or not at all, and
SQLite's WAL mode with a busy timeout (db.py) lets concurrent sessions write without losing a
row (tests/test_store_phases.py writes from two engines at once). Exports write the stored bytes
through :func:`planner.io.files.atomic_write` (whole or not at all, never over another file the
caller protects).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from pathlib import Path

from sqlalchemy import Column, DateTime, Integer, LargeBinary, String, Table, Text, insert, select
from sqlalchemy.engine import Engine

from planner.store import access
from planner.store.access import LOCAL_ACCESS, Access
from planner.store.db import METADATA, engine, ensure

SCENARIOS = Table(
    "escenarios_guardados", METADATA,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("nombre", String(200), nullable=False),
    Column("creado", DateTime(timezone=True), nullable=False),
    Column("libro", String(500), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("entradas", Text, nullable=False),
    Column("contenido", LargeBinary, nullable=False),
    Column("propietario", String(64), nullable=True),
    Column("estados", String(100), nullable=True),
)

PHASES = Table(
    "fases_guardadas", METADATA,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tipo", String(10), nullable=False),
    Column("creado", DateTime(timezone=True), nullable=False),
    Column("libro", String(500), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("fases", String(200), nullable=False),
    Column("avance", Text, nullable=False),
    Column("estado", Text, nullable=False),
    Column("plan", Text, nullable=True),
    Column("contenido", LargeBinary, nullable=False),
    Column("libro_siguiente", LargeBinary, nullable=True),
    Column("propietario", String(64), nullable=True),
    Column("estados", String(100), nullable=True),
)
_READY: set[int] = set()  # engines whose tables are known to exist with every column


class ScopeError(PermissionError):
    """What the account may not do with a stored row; ``code`` and ``params`` are a catalogue
    message (catalogue/scope.toml)."""

    def __init__(self, code: str, **params: object) -> None:
        self.code, self.params = code, params
        super().__init__(code)


def _ready(url: str | None) -> Engine:
    eng = engine(url)
    if id(eng) not in _READY:  # an engine made before this module was imported knew no table
        ensure(eng, [SCENARIOS, PHASES])
        access.ready(eng)  # saves and deletions are recorded in the audit trail
        _READY.add(id(eng))
    return eng


def states_text(states) -> str:
    """The ``estados`` column: sorted INEGI keys, comma-separated (``7,20``)."""
    return ",".join(str(c) for c in sorted({int(s) for s in states}))


def row_states(value: str | None) -> frozenset[int] | None:
    """The states a row concerns (None for a row stored before the column existed)."""
    if value is None:
        return None
    return frozenset(int(c) for c in value.split(",") if c.strip())


def visible(row, who: Access) -> bool:
    """Whether ``who`` may see the stored row (a mapping with ``estados``)."""
    if who.all_states:
        return True
    states = row_states(row["estados"])
    return states is not None and states <= who.states


def may_delete(row, who: Access) -> bool:
    """Owner or ``nacional`` (and never ``consulta``), on a row ``who`` sees."""
    if not who.can_change or not visible(row, who):
        return False
    return who.role == "nacional" or row["propietario"] == access.who_key(who.account)


def _scenario_states(scenario) -> frozenset[int]:
    return frozenset(int(s) for s in scenario.units["state_code"].unique())


def _check_save(who: Access, states: frozenset[int]) -> None:
    if not who.can_change:
        raise ScopeError("scope_cannot_save")
    if not who.all_states and not states <= who.states:
        raise ScopeError("scope_save_outside", states=states_text(states - who.states))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def what_if_inputs(what_if) -> dict:
    """The set fields of a WhatIf as JSON-ready values (tuple keys of ``bonus`` as 'kind|zone')."""
    out = {}
    for f in dataclasses.fields(what_if):
        value = getattr(what_if, f.name)
        if value is None or value == {} or value == ():
            continue
        if f.name == "bonus":
            value = {f"{k}|{z}": float(v) for (k, z), v in value.items()}
        elif f.name == "states":
            value = [int(s) for s in value]
        out[f.name] = value
    return out


def save_scenario(name: str, workbook: bytes, workbook_name: str, what_if,
                  url: str | None = None, who: Access = LOCAL_ACCESS,
                  states=None) -> int:
    """Store a what-if scenario made by ``who`` on ``workbook``; return its id. ``states``: the
    states of the workbook's units (read from the workbook when not given). Raises
    :class:`ScopeError` for a read-only account, or an ``estatal`` one whose states do not
    cover the workbook's."""
    if states is None:
        if not who.can_change:
            raise ScopeError("scope_cannot_save")
        from planner.io.read import read_workbook_bytes
        from planner.validate import validate

        states = _scenario_states(validate(read_workbook_bytes(workbook, workbook_name)))
    states = frozenset(int(s) for s in states)
    _check_save(who, states)
    digest = hashlib.sha256(workbook).hexdigest()
    with _ready(url).begin() as conn:
        sid = int(conn.execute(insert(SCENARIOS).values(
            nombre=name, creado=_now(), libro=workbook_name, sha256=digest,
            entradas=json.dumps(what_if_inputs(what_if), ensure_ascii=False, sort_keys=True),
            contenido=workbook, propietario=access.who_key(who.account),
            estados=states_text(states))).inserted_primary_key[0])
        access.append_in(conn, who.account, "save", digest, name, None,
                         f"escenario {sid}; estados {states_text(states)}")
    return sid


_LISTED = ("id", "nombre", "creado", "libro", "sha256", "entradas", "propietario", "estados")


def list_scenarios(url: str | None = None, who: Access = LOCAL_ACCESS) -> list[dict]:
    """Saved scenarios ``who`` sees, newest first: id, nombre, creado, libro, sha256,
    entradas (dict), propietario, estados (text) and ``borrable`` (``who`` may delete it)."""
    cols = [SCENARIOS.c[c] for c in _LISTED]
    with _ready(url).connect() as conn:
        rows = conn.execute(select(*cols).order_by(SCENARIOS.c.id.desc())).mappings().all()
    return [{**r, "entradas": json.loads(r["entradas"]), "borrable": may_delete(r, who)}
            for r in rows if visible(r, who)]


def scenario_record(row_id: int, url: str | None = None, who: Access = LOCAL_ACCESS
                    ) -> dict | None:
    """Everything stored for one saved scenario (``entradas`` decoded), or None (also when
    ``who`` may not see it)."""
    with _ready(url).connect() as conn:
        r = conn.execute(select(SCENARIOS).where(SCENARIOS.c.id == row_id)).mappings().first()
    if r is None or not visible(r, who):
        return None
    return {**r, "entradas": json.loads(r["entradas"])}


def delete_scenario(row_id: int, url: str | None = None, who: Access = LOCAL_ACCESS) -> str:
    """Delete a saved scenario (its owner or a ``nacional`` account), recorded in the audit
    trail; returns its name. KeyError when there is no such row ``who`` sees, ScopeError when
    ``who`` may not delete it."""
    return _delete(SCENARIOS, "escenario", row_id, url, who)


def delete_phase(row_id: int, url: str | None = None, who: Access = LOCAL_ACCESS) -> str:
    """Delete a stored phase run (as :func:`delete_scenario`); returns its workbook's name."""
    return _delete(PHASES, "fase", row_id, url, who)


def _delete(table, kind: str, row_id: int, url: str | None, who: Access) -> str:
    name_col = table.c.nombre if table is SCENARIOS else table.c.libro
    cols = [name_col.label("nombre"), table.c.sha256, table.c.propietario, table.c.estados]
    with _ready(url).begin() as conn:
        row = conn.execute(select(*cols).where(table.c.id == row_id)).mappings().first()
        if row is None or not visible(row, who):
            raise KeyError(row_id)
        if not may_delete(row, who):
            raise ScopeError("scope_cannot_delete", id=row_id)
        conn.execute(table.delete().where(table.c.id == row_id))
        access.append_in(conn, who.account, "delete", row["sha256"], row["nombre"], None,
                         f"{kind} {row_id}")
    return row["nombre"]


def save_phase(kind: str, workbook: bytes, workbook_name: str, state, scenario,
               plan=None, next_workbook: bytes | None = None, url: str | None = None,
               who: Access = LOCAL_ACCESS) -> int:
    """Store a ``status`` or ``next`` run: the workbook, its ``avance``, the state of the call
    (``state``: a :class:`planner.analysis.phases.CallState`) and, for ``next``, the plan's
    placements and the next phase's workbook. Returns the row's id. The row concerns the
    states of ``scenario``'s units (the workbook's)."""
    from planner.analysis.phases import state_payload

    states = _scenario_states(scenario)
    _check_save(who, states)

    progress = scenario.progress
    avance = "[]" if progress is None else progress.to_json(orient="records", force_ascii=False)
    placed = None
    if plan is not None and plan.placements is not None:
        placed = plan.placements.loc[plan.placements["placed"] > 0].to_json(
            orient="records", force_ascii=False)
    digest = hashlib.sha256(workbook).hexdigest()
    with _ready(url).begin() as conn:
        rid = int(conn.execute(insert(PHASES).values(
            tipo=kind, creado=_now(), libro=workbook_name, sha256=digest, fases=",".join(state.phases),
            avance=avance, estado=json.dumps(state_payload(state), ensure_ascii=False),
            plan=placed, contenido=workbook, libro_siguiente=next_workbook,
            propietario=access.who_key(who.account), estados=states_text(states),
        )).inserted_primary_key[0])
        access.append_in(conn, who.account, "save", digest, workbook_name, None,
                         f"fase {rid} ({kind}); estados {states_text(states)}")
    return rid


def list_phases(url: str | None = None, who: Access = LOCAL_ACCESS) -> list[dict]:
    """Stored phase runs ``who`` sees, newest first: id, tipo, creado, libro, sha256, fases,
    propietario, estados and ``borrable``."""
    cols = [PHASES.c[c] for c in ("id", "tipo", "creado", "libro", "sha256", "fases",
                                  "propietario", "estados")]
    with _ready(url).connect() as conn:
        rows = conn.execute(select(*cols).order_by(PHASES.c.id.desc())).mappings().all()
    return [{**r, "borrable": may_delete(r, who)} for r in rows if visible(r, who)]


def phase_record(row_id: int, url: str | None = None, who: Access = LOCAL_ACCESS
                 ) -> dict | None:
    """Everything stored for one phase run (JSON columns decoded), or None (also when ``who``
    may not see it)."""
    with _ready(url).connect() as conn:
        r = conn.execute(select(PHASES).where(PHASES.c.id == row_id)).mappings().first()
    if r is None or not visible(r, who):
        return None
    out = dict(r)
    for key in ("avance", "estado", "plan"):
        out[key] = json.loads(out[key]) if out[key] is not None else None
    return out


def export(kind: str, row_id: int, out: str | Path, url: str | None = None,
           which: str = "libro", protect=(), who: Access = LOCAL_ACCESS) -> Path:
    """Write a stored workbook back to ``out`` (whole or not at all): a scenario's workbook with
    its what-if's parameters written into ``parametros`` (``kind`` = ``escenario``), or a phase
    run's input workbook (``which`` = ``libro``) or next phase's workbook (``siguiente``).
    Raises KeyError when there is no such row or workbook (or ``who`` may not see it),
    ScopeError for a read-only account."""
    from planner.io.files import atomic_write

    data = export_bytes(kind, row_id, url, which, who)

    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    return atomic_write(out, write, protect=protect)


def export_bytes(kind: str, row_id: int, url: str | None = None, which: str = "libro",
                 who: Access = LOCAL_ACCESS) -> bytes:
    """The bytes :func:`export` writes (the app's download button)."""
    if not who.can_change:
        raise ScopeError("scope_cannot_export")
    table = SCENARIOS if kind == "escenario" else PHASES
    column = table.c.libro_siguiente if (kind != "escenario" and which == "siguiente") \
        else table.c.contenido
    extra = [table.c.entradas] if kind == "escenario" else []
    with _ready(url).connect() as conn:
        row = conn.execute(select(column.label("data"), table.c.estados, *extra)
                           .where(table.c.id == row_id)).mappings().first()
    if row is None or row["data"] is None or not visible(row, who):
        raise KeyError(row_id)
    data = bytes(row["data"])
    if kind == "escenario":
        data = _with_parameters(data, json.loads(row["entradas"]))
    return data


def _with_parameters(data: bytes, inputs: dict) -> bytes:
    """The workbook ``data`` with the scalar what-if inputs written into ``parametros``
    (bonus, supply and state filters stay in ``entradas``: see the report)."""
    from openpyxl import load_workbook

    from planner.core import schema
    from planner.core.text import normalize_key

    by_field = {p.field: p.name for p in schema.PARAMETERS}
    scalars = {normalize_key(by_field[k]): v for k, v in inputs.items() if k in by_field}
    if not scalars:
        return data
    import io

    wb = load_workbook(io.BytesIO(data))
    ws = wb["parametros"]
    header = [normalize_key(c.value or "") for c in ws[1]]
    name_col, value_col = header.index("parametro") + 1, header.index("valor") + 1
    for row in range(2, ws.max_row + 1):
        key = normalize_key(ws.cell(row, name_col).value or "")
        if key in scalars:
            value = scalars.pop(key)
            ws.cell(row, value_col).value = ("sí" if value else "no") if isinstance(value, bool) \
                else value
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
