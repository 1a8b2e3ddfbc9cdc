"""Atomic output files: a result is written whole or not at all, and never over an input."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path


class OutputError(Exception):
    """An output path that must not be written (the input itself, a missing folder)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def check_output_path(path: str | Path, protect: Iterable[str | Path] = ()) -> Path:
    """The absolute output path, or OutputError when it is an input or its folder is missing."""
    target = Path(path).expanduser().absolute()
    for p in protect:
        if Path(p).expanduser().exists() and target.exists() and os.path.samefile(target, p):
            raise OutputError("output_is_input", path=str(target))
        if Path(p).expanduser().absolute() == target:
            raise OutputError("output_is_input", path=str(target))
    if not target.parent.is_dir():
        raise OutputError("output_folder_missing", path=str(target.parent))
    if target.is_dir():
        raise OutputError("output_is_folder", path=str(target))
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise OutputError("output_not_writable", path=str(target.parent))
    return target


def atomic_write(path: str | Path, write: Callable[[Path], None],
                 protect: Iterable[str | Path] = ()) -> Path:
    """Call ``write(tmp)`` on a temporary file beside ``path``, then rename it onto ``path``.

    A failure leaves ``path`` as it was. Paths in ``protect`` (the inputs) are never written.
    """
    target = check_output_path(path, protect)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix + ".tmp",
                                    dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.chmod(tmp, 0o666 & ~_umask())  # as a plain open() would, not mkstemp's 0600
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    return target


def _umask() -> int:
    """The process umask, read from /proc where possible: setting it to read it back opens a
    window in which files created by other threads (the app's sessions) get mode 0666."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o077)  # fallback: restrictive while it lasts
    os.umask(mask)
    return mask
