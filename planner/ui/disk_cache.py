"""What the app computes for the default workbook, kept on disk so that the next ``make run``
opens the first screen at once (issue 13: the national baseline takes 15–30 s to validate,
solve and simulate on a 2-core machine).

An entry is found by the workbook's key (path, size, modification time) and a digest of the
code under ``planner/`` and ``models/``: editing either makes a new entry. Entries are written
atomically; an entry that cannot be read is recomputed. Only the bundled default workbook is
cached (a planner's upload is never written to disk).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / ".cache" / "app"
ENV_FOLDER = "PLANNER_APP_CACHE"  # another folder, or "off" to switch the disk cache off
T = TypeVar("T")


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of every ``.py`` file under ``planner/`` and ``models/`` (paths and bytes)."""
    h = hashlib.sha256()
    for top in ("planner", "models"):
        for path in sorted((ROOT / top).rglob("*.py")):
            h.update(str(path.relative_to(ROOT)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def folder() -> Path | None:
    env = os.environ.get(ENV_FOLDER, "").strip()
    if env.lower() == "off":
        return None
    return Path(env).expanduser() if env else FOLDER


def entry(kind: str, key: str) -> Path | None:
    """The file holding ``kind`` (e.g. ``baseline``) for workbook ``key``; None when off."""
    where = folder()
    if where is None:
        return None
    name = hashlib.sha256(f"{kind}|{key}|{code_digest()}".encode()).hexdigest()[:24]
    return where / f"{kind}-{name}.pickle"


def cached(kind: str, key: str, compute: Callable[[], T]) -> T:
    """``compute()``, read from disk when an entry for (kind, key, code) exists, else computed
    and written (a failure to write is ignored: the cache only saves time)."""
    path = entry(kind, key)
    if path is not None and path.is_file():
        try:
            with path.open("rb") as fh:
                return pickle.load(fh)
        except Exception:  # noqa: BLE001 - a damaged or outdated entry is recomputed
            pass
    value = compute()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass
    return value
