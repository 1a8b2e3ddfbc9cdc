"""``planner sweep --scheduler`` against real ``dask scheduler`` and ``dask worker`` processes on
127.0.0.1 (not a LocalCluster), bounded in time and cleaned up (issue 15).

Recent Dask unpickles the task graph on the scheduler, so the scheduler needs the project
importable. With it, the sweep runs on the two workers and gives the serial optimum (budget
30,000 MXN on the builders' case: objective 35, as in tests/test_cli.py). Without it (a scheduler
whose ``planner`` and ``models`` fail to import), the sweep exits 1 with the planner-worded
message, not Dask's "Error during deserialization of the task graph"; and when the pre-flight
check cannot run, that Dask error itself is recognised and turned into the same message.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from planner.core.errors import ClusterError
from planner.core.words import t
from tests.builders import make_workbook

BIN = Path(sys.executable).parent
START_TIMEOUT = 90  # seconds for a scheduler and its workers to come up on a loaded machine
RUN_TIMEOUT = 300

pytestmark = pytest.mark.skipif(not (BIN / "dask").exists(), reason="dask CLI not installed")


def _spawn(args: list[str], log: Path, env: dict | None = None) -> subprocess.Popen:
    with log.open("w") as out:  # the child writes to its own copy; ours is closed at once
        return subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT,
                                env={**os.environ, **(env or {})}, cwd=log.parent,
                                start_new_session=True)  # its own group: killed with children


def _stop(procs: list[subprocess.Popen]) -> None:
    for proc in reversed(procs):
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
    for proc in reversed(procs):
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def _cluster(tmp: Path, name: str, workers: int, scheduler_env: dict | None = None):
    """Start ``dask scheduler`` and ``workers`` separate ``dask worker`` processes; return
    (address, processes) once the scheduler sees every worker."""
    info = tmp / f"{name}.json"
    procs = [_spawn([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", "0",
                     "--dashboard-address", "127.0.0.1:0", "--scheduler-file", str(info)],
                    tmp / f"{name}_scheduler.log", scheduler_env)]
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not info.exists() or not info.read_text().strip():
            if time.monotonic() > deadline or procs[0].poll() is not None:
                raise RuntimeError((tmp / f"{name}_scheduler.log").read_text()[-2000:])
            time.sleep(0.2)
        time.sleep(0.2)
        address = json.loads(info.read_text())["address"]
        for i in range(workers):
            procs.append(_spawn([str(BIN / "dask"), "worker", address, "--nthreads", "1",
                                 "--no-nanny", "--no-dashboard", "--name", f"w{i}"],
                                tmp / f"{name}_worker{i}.log"))
        from distributed import Client

        with Client(address, set_as_default=False, timeout=START_TIMEOUT) as client:
            client.wait_for_workers(workers, timeout=START_TIMEOUT)
        return address, procs
    except BaseException:
        _stop(procs)
        raise


def _blocked(tmp: Path) -> Path:
    """A folder that, first on PYTHONPATH, makes ``planner`` and ``models`` fail to import."""
    folder = tmp / "sin_proyecto"
    for module in ("planner", "models"):
        (folder / module).mkdir(parents=True)
        (folder / module / "__init__.py").write_text(
            f"raise ModuleNotFoundError(\"No module named '{module}'\", name='{module}')\n")
    return folder


def _sweep(path: Path, address: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "planner", "sweep", str(path),
                           "--budget-from", "10000", "--budget-to", "30000", "--steps", "3",
                           "--scheduler", address, "--json"],
                          capture_output=True, text=True, timeout=RUN_TIMEOUT, cwd=cwd)


def test_sweep_on_a_real_scheduler_with_two_workers(tmp_path):
    path = make_workbook(tmp_path / "caso.xlsx", presupuesto_bono_mensual=20_000)
    address, procs = _cluster(tmp_path, "ok", workers=2)
    try:
        proc = _sweep(path, address, tmp_path)
    finally:
        _stop(procs)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    payload = json.loads(proc.stdout)
    assert payload["mode"] == "scheduler" and payload["workers"] == 2
    serial = subprocess.run([sys.executable, "-m", "planner", "sweep", str(path),
                             "--budget-from", "10000", "--budget-to", "30000", "--steps", "3",
                             "--serial", "--json"], capture_output=True, text=True,
                            timeout=RUN_TIMEOUT, cwd=tmp_path)
    expected = json.loads(serial.stdout)
    assert [p["objective"] for p in payload["points"]] == \
        [p["objective"] for p in expected["points"]]
    assert payload["points"][-1]["objective"] == pytest.approx(35)


def test_scheduler_without_the_project_says_so(tmp_path, monkeypatch):
    path = make_workbook(tmp_path / "caso.xlsx", presupuesto_bono_mensual=20_000)
    env = {"PYTHONPATH": str(_blocked(tmp_path))}
    address, procs = _cluster(tmp_path, "blocked", workers=1, scheduler_env=env)
    try:
        proc = _sweep(path, address, tmp_path)
        # The pre-flight check switched off: Dask's own deserialization error is recognised.
        from planner import pipeline
        from planner.pipeline import load_scenario, run_sweep

        monkeypatch.setattr(pipeline, "check_cluster", lambda client, address: None)
        scenario, _ = load_scenario(path)
        with pytest.raises(ClusterError) as caught:
            run_sweep(scenario, [{"presupuesto_bono_mensual": 30_000}], scheduler=address)
    finally:
        _stop(procs)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    message = json.loads(proc.stdout)["message"]
    assert message == t("cluster_scheduler_cannot_import", "es", address=address,
                        module="planner")
    assert message.startswith(f"El planificador de Dask en {address} no puede leer las tareas")
    assert "deserialization" not in message
    assert caught.value.code == "cluster_scheduler_cannot_import"
    assert "No module named 'planner'" in (tmp_path / "blocked_scheduler.log").read_text()
