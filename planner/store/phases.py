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

from planner.store.db import METADATA, engine

SCENARIOS = Table(
    "escenarios_guardados", METADATA,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("nombre", String(200), nullable=False),
    Column("creado", DateTime(timezone=True), nullable=False),
    Column("libro", String(500), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("entradas", Text, nullable=False),
    Column("contenido", LargeBinary, nullable=False),
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
)


def _ready(url: str | None) -> Engine:
    eng = engine(url)
    METADATA.create_all(eng, tables=[SCENARIOS, PHASES])  # checkfirst: a no-op once created
    return eng


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
                  url: str | None = None) -> int:
    """Store a what-if scenario; return its id."""
    with _ready(url).begin() as conn:
        return int(conn.execute(insert(SCENARIOS).values(
            nombre=name, creado=_now(), libro=workbook_name,
            sha256=hashlib.sha256(workbook).hexdigest(),
            entradas=json.dumps(what_if_inputs(what_if), ensure_ascii=False, sort_keys=True),
            contenido=workbook)).inserted_primary_key[0])


def list_scenarios(url: str | None = None) -> list[dict]:
    """Saved scenarios, newest first: id, nombre, creado, libro, sha256, entradas (dict)."""
    cols = [SCENARIOS.c[c] for c in ("id", "nombre", "creado", "libro", "sha256", "entradas")]
    with _ready(url).connect() as conn:
        rows = conn.execute(select(*cols).order_by(SCENARIOS.c.id.desc())).mappings().all()
    return [{**r, "entradas": json.loads(r["entradas"])} for r in rows]


def save_phase(kind: str, workbook: bytes, workbook_name: str, state, scenario,
               plan=None, next_workbook: bytes | None = None, url: str | None = None) -> int:
    """Store a ``status`` or ``next`` run: the workbook, its ``avance``, the state of the call
    (``state``: a :class:`planner.analysis.phases.CallState`) and, for ``next``, the plan's
    placements and the next phase's workbook. Returns the row's id."""
    from planner.analysis.phases import state_payload

    progress = scenario.progress
    avance = "[]" if progress is None else progress.to_json(orient="records", force_ascii=False)
    placed = None
    if plan is not None and plan.placements is not None:
        placed = plan.placements.loc[plan.placements["placed"] > 0].to_json(
            orient="records", force_ascii=False)
    with _ready(url).begin() as conn:
        return int(conn.execute(insert(PHASES).values(
            tipo=kind, creado=_now(), libro=workbook_name,
            sha256=hashlib.sha256(workbook).hexdigest(), fases=",".join(state.phases),
            avance=avance, estado=json.dumps(state_payload(state), ensure_ascii=False),
            plan=placed, contenido=workbook, libro_siguiente=next_workbook,
        )).inserted_primary_key[0])


def list_phases(url: str | None = None) -> list[dict]:
    """Stored phase runs, newest first: id, tipo, creado, libro, sha256, fases."""
    cols = [PHASES.c[c] for c in ("id", "tipo", "creado", "libro", "sha256", "fases")]
    with _ready(url).connect() as conn:
        return [dict(r) for r in
                conn.execute(select(*cols).order_by(PHASES.c.id.desc())).mappings().all()]


def phase_record(row_id: int, url: str | None = None) -> dict | None:
    """Everything stored for one phase run (JSON columns decoded), or None."""
    with _ready(url).connect() as conn:
        r = conn.execute(select(PHASES).where(PHASES.c.id == row_id)).mappings().first()
    if r is None:
        return None
    out = dict(r)
    for key in ("avance", "estado", "plan"):
        out[key] = json.loads(out[key]) if out[key] is not None else None
    return out


def export(kind: str, row_id: int, out: str | Path, url: str | None = None,
           which: str = "libro", protect=()) -> Path:
    """Write a stored workbook back to ``out`` (whole or not at all): a scenario's workbook with
    its what-if's parameters written into ``parametros`` (``kind`` = ``escenario``), or a phase
    run's input workbook (``which`` = ``libro``) or next phase's workbook (``siguiente``).
    Raises KeyError when there is no such row or workbook."""
    from planner.io.files import atomic_write

    data = export_bytes(kind, row_id, url, which)

    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    return atomic_write(out, write, protect=protect)


def export_bytes(kind: str, row_id: int, url: str | None = None, which: str = "libro") -> bytes:
    """The bytes :func:`export` writes (the app's download button)."""
    table = SCENARIOS if kind == "escenario" else PHASES
    column = table.c.libro_siguiente if (kind != "escenario" and which == "siguiente") \
        else table.c.contenido
    extra = [table.c.entradas] if kind == "escenario" else []
    with _ready(url).connect() as conn:
        row = conn.execute(select(column, *extra).where(table.c.id == row_id)).first()
    if row is None or row[0] is None:
        raise KeyError(row_id)
    data = bytes(row[0])
    if kind == "escenario":
        data = _with_parameters(data, json.loads(row[1]))
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
