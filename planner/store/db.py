"""The project's one database: SQLite embedded by default, any SQLAlchemy URL for a team.

Where: ``PLANNER_DB_URL`` when set (e.g. ``postgresql+psycopg://user@host/planner``), else the
SQLite file ``datos/planner.sqlite`` under the project folder (``PLANNER_DATA_DIR`` moves the
folder), created on first use. Every table of every store module is declared on :data:`METADATA`
and created by :func:`engine`; SQLite runs in WAL mode with a busy timeout so that concurrent app
sessions write safely.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from sqlalchemy import MetaData, create_engine, event
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
        METADATA.create_all(made)
        _ENGINES[url] = made
        return made
