"""The project's database (planner/store/db.py) on the real SQLite engine."""

from __future__ import annotations

from sqlalchemy import text

from planner.store import db


def test_default_sqlite_file_is_created_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("PLANNER_DB_URL", raising=False)
    monkeypatch.setenv("PLANNER_DATA_DIR", str(tmp_path / "datos"))
    url = db.default_url()
    assert url == f"sqlite:///{tmp_path / 'datos' / 'planner.sqlite'}"
    eng = db.engine(url)
    with eng.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    assert (tmp_path / "datos" / "planner.sqlite").exists()
    assert db.engine(url) is eng


def test_an_explicit_url_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("PLANNER_DB_URL", f"sqlite:///{tmp_path / 'equipo.sqlite'}")
    assert db.default_url().endswith("equipo.sqlite")
