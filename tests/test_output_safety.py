"""Full disks, odd output paths and leftovers of killed runs (issue 16).

A full disk is simulated three ways, each run as a child process so stderr can be checked for
a traceback: a real file-size limit (EFBIG from RLIMIT_FSIZE), a real 64 KiB tmpfs (ENOSPC; root
only, skipped otherwise; this one printed ``ZipFile.__del__``'s traceback before the fix), and
openpyxl's save failing with ENOSPC (tests/test_atomic.py).
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.cli.main import app
from planner.io.files import STALE_TMP_SECONDS, OutputError, atomic_write, check_output_path
from planner.io.template import write_template
from tests.builders import make_workbook

RUNNER = CliRunner()
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def case(tmp_path) -> Path:
    return make_workbook(tmp_path / "caso.xlsx")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def one_json(stdout: str) -> dict:
    """The single JSON object a --json run prints, and nothing else on stdout."""
    lines = [line for line in stdout.splitlines() if line.strip()]
    assert len(lines) == 1, stdout
    return json.loads(lines[0])


# --- full disk --------------------------------------------------------------------------------

CHILD = """
import resource, signal, sys
from planner.cli.main import app
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # exceeding the limit: EFBIG, not a kill
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, resource.RLIM_INFINITY))
sys.argv = ["planner"] + sys.argv[1:]
try:
    app()
except SystemExit as exc:
    code = exc.code
import gc; gc.collect()
sys.exit(code)
"""


@pytest.mark.parametrize("as_json", [False, True])
def test_file_size_limit_exits_2_without_traceback(case, tmp_path, as_json):
    """The result (14 KB) cannot exceed 4 KB: exit 2, Spanish message, no traceback (not even
    from ZipFile.__del__ at garbage collection), previous result and folder untouched."""
    out = tmp_path / "resultado.xlsx"
    out.write_bytes(b"resultado de ayer")
    args = ["solve", str(case), "--out", str(out)] + (["--json"] if as_json else [])
    proc = subprocess.run([sys.executable, "-c", CHILD, *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr
    message = ("No hay espacio suficiente en el disco (o se agotó la cuota) para escribir en "
               f"{tmp_path}; no se escribió nada")
    if as_json:
        payload = one_json(proc.stdout)
        assert payload["status"] == "invalid_input"
        assert payload["issues"][0]["message"].startswith(message)
    else:
        assert message in " ".join(proc.stderr.split())
    assert out.read_bytes() == b"resultado de ayer"
    assert leftovers(tmp_path) == []


@pytest.fixture
def tiny_disk(tmp_path):
    """A real 64 KiB tmpfs with about 8 KiB free (root only)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mount = tmp_path / "disco"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        free = os.statvfs(mount).f_bavail * os.statvfs(mount).f_frsize
        (mount / "relleno.bin").write_bytes(b"\0" * (free - 8192))
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_real_full_disk(case, tiny_disk):
    """ENOSPC on a real file system; before the fix ZipFile.__del__ printed a traceback."""
    out = tiny_disk / "resultado.xlsx"
    out.write_bytes(b"resultado de ayer")
    proc = subprocess.run([sys.executable, "-m", "planner", "solve", str(case), "--out", str(out),
                           "--json"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr
    payload = one_json(proc.stdout)
    assert payload["issues"][0]["message"].startswith("No hay espacio suficiente en el disco")
    assert out.read_bytes() == b"resultado de ayer"
    assert leftovers(tiny_disk) == []


def test_disk_full_while_creating_the_temporary(tmp_path, monkeypatch):
    import tempfile

    def full(*args, **kwargs):
        raise OSError(122, "Disk quota exceeded")  # EDQUOT

    monkeypatch.setattr(tempfile, "mkstemp", full)
    with pytest.raises(OutputError) as info:
        atomic_write(tmp_path / "x.xlsx", lambda p: p.write_bytes(b"x"))
    assert info.value.code == "output_disk_full"


# --- odd output paths -------------------------------------------------------------------------

def test_character_device_is_refused_and_kept(tmp_path):
    before = os.stat("/dev/null")
    with pytest.raises(OutputError) as info:
        check_output_path("/dev/null")
    assert info.value.code == "output_not_regular"
    after = os.lstat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_cli_out_at_dev_null_is_refused_with_one_json(case):
    res = RUNNER.invoke(app, ["solve", str(case), "--out", "/dev/null", "--json"])
    assert res.exit_code == 2
    payload = one_json(res.stdout)
    assert payload == {"status": "invalid_input", "issues": [{
        "sheet": None, "row": None, "column": None, "value": None,
        "message": "La salida «/dev/null» no es un archivo normal (es un dispositivo, una "
                   "tubería o un socket); indique un nombre de archivo .xlsx."}]}
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


def test_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "tubo.xlsx"
    os.mkfifo(fifo)
    with pytest.raises(OutputError) as info:
        atomic_write(fifo, lambda p: p.write_bytes(b"x"))
    assert info.value.code == "output_not_regular"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and leftovers(tmp_path) == []


def test_symlink_to_a_file_is_refused_and_kept(tmp_path):
    real = tmp_path / "real.xlsx"
    real.write_bytes(b"otro libro")
    link = tmp_path / "enlace.xlsx"
    link.symlink_to(real)
    with pytest.raises(OutputError) as info:
        write_template(link)
    assert info.value.code == "output_is_link"
    assert link.is_symlink() and real.read_bytes() == b"otro libro"


def test_dangling_symlink_is_refused(tmp_path):
    link = tmp_path / "colgante.xlsx"
    link.symlink_to(tmp_path / "no_existe.xlsx")
    res = RUNNER.invoke(app, ["template", str(link)])
    assert res.exit_code == 2
    assert "es un enlace simbólico; no se reemplaza" in " ".join(res.stderr.split())
    assert link.is_symlink() and not (tmp_path / "no_existe.xlsx").exists()


def test_link_put_there_during_the_write_is_not_replaced(tmp_path):
    out = tmp_path / "resultado.xlsx"
    other = tmp_path / "otro.xlsx"
    other.write_bytes(b"otro")

    def write(tmp: Path) -> None:
        tmp.write_bytes(b"nuevo")
        out.symlink_to(other)  # someone swaps the output for a link mid-write

    with pytest.raises(OutputError) as info:
        atomic_write(out, write)
    assert info.value.code == "output_is_link"
    assert out.is_symlink() and other.read_bytes() == b"otro" and leftovers(tmp_path) == []


def test_regular_file_and_new_name_are_written(tmp_path):
    old = tmp_path / "viejo.xlsx"
    old.write_bytes(b"viejo")
    atomic_write(old, lambda p: p.write_bytes(b"nuevo"))
    atomic_write(tmp_path / "nuevo.xlsx", lambda p: p.write_bytes(b"nuevo"))
    assert old.read_bytes() == b"nuevo" and (tmp_path / "nuevo.xlsx").read_bytes() == b"nuevo"


# --- leftovers of killed runs -----------------------------------------------------------------

def test_stale_temporaries_are_cleaned_when_writing(tmp_path):
    old = time.time() - STALE_TMP_SECONDS - 60
    stale = [tmp_path / ".resultado.k3j9x_2a.xlsx.tmp",
             tmp_path / ".nacional_2024_resultado_20260101-120000.ab12cd34.xlsx.tmp",
             tmp_path / ".frontera.zz99yy88.png.tmp"]
    fresh = tmp_path / ".resultado.q1w2e3r4.xlsx.tmp"  # another run writing right now
    foreign = [tmp_path / ".notas.tmp", tmp_path / "resultado.k3j9x_2a.xlsx.tmp",
               tmp_path / ".resultado.corto.xlsx.tmp"]
    for p in [*stale, fresh, *foreign]:
        p.write_bytes(b"PK a medias")
    for p in [*stale, *foreign]:
        os.utime(p, (old, old))
    link = tmp_path / ".enlace.abcdefgh.xlsx.tmp"
    link.symlink_to(tmp_path / ".notas.tmp")
    os.utime(link, (old, old), follow_symlinks=False)
    atomic_write(tmp_path / "resultado.xlsx", lambda p: p.write_bytes(b"nuevo"))
    assert leftovers(tmp_path) == sorted(p.name for p in [fresh, *foreign, link])


# --- odd input paths --------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["folder", "device", "fifo"])
def test_input_that_is_not_a_file_is_named_as_such(tmp_path, kind):
    path = {"folder": tmp_path, "device": Path("/dev/null"), "fifo": tmp_path / "tubo.xlsx"}[kind]
    if kind == "fifo":
        os.mkfifo(path)
    res = RUNNER.invoke(app, ["validate", str(path), "--json"])
    assert res.exit_code == 2
    assert one_json(res.stdout)["issues"][0]["message"] == (
        f"«{path}» no es un archivo sino una carpeta, un dispositivo o una tubería; indique el "
        f"libro .xlsx.")


@pytest.mark.parametrize("command", ["solve", "sweep"])
def test_default_results_folder_that_cannot_be_made(case, tmp_path, monkeypatch, command):
    """No --out and a working folder where 'resultados' cannot be created (read-only)."""
    monkeypatch.chdir(tmp_path)
    real_mkdir = Path.mkdir

    def read_only(self, *args, **kwargs):
        if self.name == "resultados":
            raise PermissionError(13, "Permission denied", str(self))
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", read_only)
    args = [command, str(case)] + (["--budget-from", "0", "--budget-to", "1", "--serial"]
                                   if command == "sweep" else [])
    res = RUNNER.invoke(app, args)
    assert res.exit_code == 2, res.output
    assert (f"No se puede escribir en la carpeta de salida: {tmp_path / 'resultados'}."
            in " ".join(res.stderr.split()))
