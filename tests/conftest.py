"""Every test keeps its database (planner/store/db.py) in its own tmp folder, never in datos/."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _own_database(tmp_path_factory, monkeypatch):
    monkeypatch.delenv("PLANNER_DB_URL", raising=False)
    monkeypatch.setenv("PLANNER_DATA_DIR", str(tmp_path_factory.mktemp("datos")))
