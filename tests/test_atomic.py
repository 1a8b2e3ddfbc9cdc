"""Outputs are written whole or not at all, never over an input; inputs are never modified."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from planner.cli.main import app
from planner.io import files
from planner.io.files import OutputError, atomic_write, check_output_path
from planner.io.template import write_template
from planner.pipeline import load_scenario, solve, solve_workbook
from planner.report.result_book import write_result_workbook
from tests.builders import make_workbook

RUNNER = CliRunner()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def case(tmp_path) -> Path:
    return make_workbook(tmp_path / "caso.xlsx")


@pytest.fixture
def result(case):
    scenario, _ = load_scenario(case)
    return solve(scenario)


@pytest.fixture
def crash_mid_save(monkeypatch):
    """openpyxl writes part of the zip, then the disk 'fills up'."""

    def save(self, filename):
        with open(filename, "wb") as fh:
            fh.write(b"PK\x03\x04 medio archivo")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Workbook, "save", save)


# --- a failure while writing -------------------------------------------------------------------

def test_failed_result_write_leaves_no_file(result, tmp_path, crash_mid_save):
    out = tmp_path / "resultado.xlsx"
    with pytest.raises(OutputError) as info:  # a full disk is the planner's to fix: exit 2
        write_result_workbook(result, out)
    assert info.value.code == "output_disk_full"
    assert not out.exists()
    assert leftovers(tmp_path) == []


def test_failed_result_write_keeps_the_previous_result(result, tmp_path, monkeypatch):
    out = tmp_path / "resultado.xlsx"
    write_result_workbook(result, out)
    before = sha(out)
    import planner.report.result_book as rw

    def boom(*args, **kwargs):  # the last sheet fails after the others were built
        raise RuntimeError("fallo a mitad de la escritura")

    monkeypatch.setattr(rw, "_diagnostico", boom)
    with pytest.raises(RuntimeError):
        write_result_workbook(result, out)
    assert sha(out) == before
    assert load_workbook(out, read_only=True).sheetnames[-1] == "diagnóstico"
    assert leftovers(tmp_path) == []


def test_failed_template_write_leaves_nothing(tmp_path, crash_mid_save):
    out = tmp_path / "plantilla.xlsx"
    with pytest.raises(OutputError):
        write_template(out)
    assert not out.exists() and leftovers(tmp_path) == []


def test_cli_write_failure_keeps_previous_output_and_input(case, tmp_path, crash_mid_save):
    out = tmp_path / "resultado.xlsx"
    out.write_bytes(b"resultado de ayer")
    before = sha(case)
    res = RUNNER.invoke(app, ["solve", str(case), "--out", str(out)])
    assert res.exit_code == 2
    assert "No hay espacio suficiente en el disco" in res.stderr
    assert "Traceback" not in res.output
    assert out.read_bytes() == b"resultado de ayer"
    assert sha(case) == before and leftovers(tmp_path) == []


def test_written_file_is_complete_and_has_umask_permissions(result, tmp_path):
    out = write_result_workbook(result, tmp_path / "resultado.xlsx")
    assert load_workbook(out, read_only=True).sheetnames[0] == "resumen"
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask


# --- the input is never an output --------------------------------------------------------------

def test_input_refused_as_output_by_any_name(case, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    link = tmp_path / "enlace.xlsx"
    link.symlink_to(case)
    folder_link = tmp_path / "carpeta"
    folder_link.symlink_to(tmp_path, target_is_directory=True)
    hard = tmp_path / "duro.xlsx"
    os.link(case, hard)
    names = ["caso.xlsx", "./caso.xlsx", "sub/../caso.xlsx", str(case), str(link),
             "carpeta/caso.xlsx", str(hard)]
    before = sha(case)
    for name in names:
        with pytest.raises(OutputError) as info:
            check_output_path(name, protect=["caso.xlsx"])
        assert info.value.code == "output_is_input", name
        with pytest.raises(OutputError):
            solve_workbook("caso.xlsx", name)
    # the input given through the link is protected too
    with pytest.raises(OutputError):
        check_output_path(case, protect=[link])
    assert sha(case) == before


@pytest.mark.parametrize("out", ["caso.xlsx", "./sub/../caso.xlsx", "enlace.xlsx"])
def test_cli_refuses_input_as_output(case, tmp_path, monkeypatch, out):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "enlace.xlsx").symlink_to(case)
    before = sha(case)
    res = RUNNER.invoke(app, ["solve", "caso.xlsx", "--out", out])
    assert res.exit_code == 2
    assert "no puede ser el mismo libro de entrada" in " ".join(res.stderr.split())
    res = RUNNER.invoke(app, ["solve", "caso.xlsx", "--out", out, "--json"])
    assert res.exit_code == 2 and json.loads(res.stdout)["status"] == "invalid_input"
    assert sha(case) == before
    assert (tmp_path / "enlace.xlsx").is_symlink()


def test_folder_or_missing_folder_refused_before_solving(case, tmp_path):
    with pytest.raises(OutputError) as info:
        check_output_path(tmp_path)
    assert info.value.code == "output_is_folder"
    with pytest.raises(OutputError) as info:
        check_output_path(tmp_path / "no_existe" / "r.xlsx")
    assert info.value.code == "output_folder_missing"
    res = RUNNER.invoke(app, ["solve", str(case), "--out", str(tmp_path)])
    assert res.exit_code == 2 and "es una carpeta" in " ".join(res.stderr.split())


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_folder_refused_before_solving(case, tmp_path):
    locked = tmp_path / "solo_lectura"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        with pytest.raises(OutputError) as info:
            check_output_path(locked / "r.xlsx")
        assert info.value.code == "output_not_writable"
    finally:
        locked.chmod(0o755)


def test_atomic_write_rename_is_the_only_visible_step(tmp_path):
    """While ``write`` runs the target does not exist; afterwards it holds all the bytes."""
    target = tmp_path / "salida.xlsx"
    seen = []

    def write(tmp: Path) -> None:
        seen.append(target.exists())
        tmp.write_bytes(b"x" * 1000)

    atomic_write(target, write)
    assert seen == [False] and target.read_bytes() == b"x" * 1000


# --- inputs untouched by validate and solve ----------------------------------------------------

def test_input_bytes_unchanged_by_validate_and_solve(case, tmp_path):
    before = sha(case)
    mtime = case.stat().st_mtime_ns
    assert RUNNER.invoke(app, ["validate", str(case)]).exit_code == 0
    res = RUNNER.invoke(app, ["solve", str(case), "--out", str(tmp_path / "r.xlsx")])
    assert res.exit_code == 0, res.output
    res = RUNNER.invoke(app, ["solve", str(case), "--json", "--budget", "5000"])
    assert res.exit_code == 0
    assert sha(case) == before and case.stat().st_mtime_ns == mtime


def test_umask_is_read_without_changing_it(monkeypatch):
    """Reading the umask must not open a window where other threads create files with 0."""
    calls = []
    real = os.umask
    monkeypatch.setattr(os, "umask", lambda m: calls.append(m) or real(m))
    files._umask()
    if Path("/proc/self/status").exists():
        assert calls == []
