"""The project's one database: SQLite embedded by default, any SQLAlchemy URL for a team.

Where: ``PLANNER_DB_URL`` when set (e.g. ``postgresql+psycopg://user@host/planner``), else the
SQLite file ``datos/planner.sqlite`` under the project folder (``PLANNER_DATA_DIR`` moves the
folder), created on first use. Every table of every store module is declared on :data:`METADATA`
and created by :func:`engine`; SQLite runs in WAL mode with a busy timeout so that concurrent app
sessions write safely.

Schema changes: ``create_all`` creates missing tables but never touches a table that exists, so a
database file from an earlier version would lack a column added since. :func:`ensure` (run by
:func:`engine`, and by each store module for its tables) adds every declared column a table
lacks with ``ALTER TABLE … ADD COLUMN`` (SQLite and PostgreSQL both take it); added columns must
be nullable, and rows written before read NULL there (each module says what NULL means).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import MetaData, Table, create_engine, event, inspect, text
from sqlalchemy.engine import Engine

METADATA = MetaData()
ROOT = Path(__file__).resolve().parents[2]
_ENGINES: dict[str, Engine] = {}
_LOCK = threading.Lock()


def default_url() -> str:
    """The URL the project uses when none is given (see the module's docstring)."""
    url = os.environ.get("PLANNER_DB_URL", "").strip()
    if url:
        return url
    folder = Path(os.environ.get("PLANNER_DATA_DIR", "") or ROOT / "datos")
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'planner.sqlite'}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def engine(url: str | None = None) -> Engine:
    """The engine for ``url`` (default :func:`default_url`), its tables created; one per URL."""
    url = url or default_url()
    with _LOCK:
        found = _ENGINES.get(url)
        if found is not None:
            return found
        made = create_engine(url, future=True, pool_pre_ping=True)
        if made.dialect.name == "sqlite":
            event.listen(made, "connect", _sqlite_pragmas)
        ensure(made)
        _ENGINES[url] = made
        return made


def ensure(eng: Engine, tables: Iterable[Table] | None = None) -> None:
    """Create the missing ``tables`` (default: all of :data:`METADATA`) and add to each existing
    one the declared columns it lacks (the module's docstring)."""
    tables = list(METADATA.sorted_tables if tables is None else tables)
    METADATA.create_all(eng, tables=tables)  # checkfirst: a no-op for the tables that exist
    quote = eng.dialect.identifier_preparer.quote
    with eng.begin() as conn:
        found = inspect(conn)
        for table in tables:
            have = {c["name"] for c in found.get_columns(table.name)}
            for column in table.columns:
                if column.name in have:
                    continue
                if not column.nullable:
                    raise RuntimeError(f"column {table.name}.{column.name} cannot be added to an "
                                       "existing table: it is NOT NULL")
                kind = column.type.compile(dialect=eng.dialect)
                conn.execute(text(f"ALTER TABLE {quote(table.name)} ADD COLUMN "
                                  f"{quote(column.name)} {kind}"))
