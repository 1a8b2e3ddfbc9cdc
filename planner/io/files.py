"""Atomic output files: a result is written whole or not at all, and never over an input.

Only a regular file or a new name in a writable folder is written: never a device, a FIFO or a
symbolic link (which a rename would replace). A full disk or quota is an :class:`OutputError`
(exit 2), leaving no partial file and the previous result intact. Temporary files of runs killed
mid-write (``.name.<random>.xlsx.tmp``) are removed when older than :data:`STALE_TMP_SECONDS`.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

STALE_TMP_SECONDS = 3600
# what tempfile.mkstemp(prefix=".<stem>.", suffix="<ext>.tmp") makes: 8 random characters
_OWN_TMP = re.compile(r"^\..+\.[a-z0-9_]{8}\.(?:xlsx|png|csv)\.tmp$")
_DISK_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_NOT_WRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}


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
    _check_kind(target)
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise OutputError("output_not_writable", path=str(target.parent))
    return target


def atomic_write(path: str | Path, write: Callable[[Path], None],
                 protect: Iterable[str | Path] = ()) -> Path:
    """Call ``write(tmp)`` on a temporary file beside ``path``, then rename it onto ``path``.

    A failure leaves ``path`` as it was. Paths in ``protect`` (the inputs) are never written.
    """
    target = check_output_path(path, protect)
    clean_stale_temps(target.parent)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}.",
                                        suffix=target.suffix + ".tmp", dir=target.parent)
    except OSError as exc:
        raise _output_error(exc, target) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.chmod(tmp, 0o666 & ~_umask())  # as a plain open() would, not mkstemp's 0600
        _check_kind(target)  # again: a link or device put there while writing is not replaced
        os.replace(tmp, target)
    except OSError as exc:
        _drop_open_zips(exc)
        error = _output_error(exc, target)
        if error is None:
            raise
        raise error from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return target


def _check_kind(target: Path) -> None:
    """OutputError unless ``target`` is absent or a regular file (not a link, device, FIFO)."""
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError("output_not_writable", path=f"{target} ({exc.strerror})") from None
    if stat.S_ISLNK(st.st_mode):
        raise OutputError("output_is_link", path=str(target))
    if stat.S_ISDIR(st.st_mode):
        raise OutputError("output_is_folder", path=str(target))
    if not stat.S_ISREG(st.st_mode):
        raise OutputError("output_not_regular", path=str(target))


def _output_error(exc: OSError, target: Path) -> OutputError | None:
    """The planner-facing error of a failed write, or None for an unexpected one."""
    if exc.errno in _DISK_FULL:
        return OutputError("output_disk_full", path=str(target.parent))
    if exc.errno in _NOT_WRITABLE:
        return OutputError("output_not_writable", path=str(target.parent))
    return None


def output_error(exc: OSError, target: Path) -> OutputError:
    """The OutputError for a failed write of ``target`` (its folder full, read-only, …)."""
    return _output_error(exc, target) or OutputError(
        "output_not_writable", path=f"{target.parent} ({exc.strerror or exc})")


def _drop_open_zips(exc: BaseException) -> None:
    """Close, without finishing them, zip archives left open by the failed write.

    openpyxl's ``save`` opens a ``ZipFile`` and, when the disk fills up, leaves it open in the
    traceback's frames; at garbage collection ``ZipFile.__del__`` would try to write its central
    directory to the full disk again and print a traceback on stderr.
    """
    tb = exc.__traceback__
    while tb is not None:
        for value in list(tb.tb_frame.f_locals.values()):
            if isinstance(value, zipfile.ZipFile) and value.fp is not None:
                fp, value.fp = value.fp, None
                try:
                    if not value._filePassed:
                        fp.close()
                except (OSError, ValueError):
                    pass
        tb = tb.tb_next


def clean_stale_temps(folder: Path, older_than: float = STALE_TMP_SECONDS) -> list[Path]:
    """Remove this program's temporary files in ``folder`` left by runs killed mid-write.

    Only regular files named like :func:`atomic_write`'s temporaries, owned by this user and not
    modified for ``older_than`` seconds (a run still writing touches its file) are removed.
    """
    removed = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _OWN_TMP.match(entry.name):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if (stat.S_ISREG(st.st_mode) and st.st_uid == os.geteuid()
                    and now - st.st_mtime > older_than):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


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
