"""Local by default (issue 25): what ``make run`` starts listens on 127.0.0.1 only, read from the
kernel's socket table; a network address without sign-in is refused before anything listens.

The rule itself (planner/core/serving.py) is checked on its own; the app's side of it (refusal,
warning, sign-in) is in tests/test_app_access.py.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from planner.core import serving
from planner.core.words import t

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT = 90


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port: int) -> set[str]:
    """Addresses with a TCP socket in LISTEN on ``port`` (IPv4 and IPv6), from /proc/net."""
    found = set()
    for name, width in (("tcp", 8), ("tcp6", 32)):
        path = Path("/proc/net") / name
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            local, state = fields[1], fields[3]
            host, hexport = local.split(":")
            if state != "0A" or int(hexport, 16) != port:
                continue
            raw = bytes.fromhex(host)
            if width == 8:
                found.add(socket.inet_ntop(socket.AF_INET, raw[::-1]))
            else:  # four little-endian 32-bit words
                words = b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4))
                found.add(socket.inet_ntop(socket.AF_INET6, words))
    return found


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


@pytest.mark.parametrize(
    ("address", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.5", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("", False),
        (None, False),
        ("192.168.1.20", False),
        ("planner.salud.gob.mx", False),
    ],
)
def test_loopback_addresses(address, loopback):
    assert serving.is_loopback(address) is loopback


def test_the_rule():
    full = {
        "redirect_uri": "r",
        "cookie_secret": "c",
        "client_id": "i",
        "client_secret": "s",
        "server_metadata_url": "m",
    }
    by_provider = {
        "redirect_uri": "r",
        "cookie_secret": "c",
        "keycloak": {"client_id": "i", "client_secret": "s", "server_metadata_url": "m"},
    }
    assert serving.auth_configured(full) and serving.auth_provider(full) is None
    assert serving.auth_configured(by_provider)
    assert serving.auth_provider(by_provider) == "keycloak"
    for missing in ("redirect_uri", "cookie_secret", "client_secret"):
        assert not serving.auth_configured({k: v for k, v in full.items() if k != missing})
    assert not serving.auth_configured({}) and not serving.auth_configured(None)
    M = serving.Mode
    assert serving.decide("127.0.0.1", False, False) is M.LOCAL
    assert serving.decide("0.0.0.0", False, False) is M.REFUSED
    assert serving.decide(None, False, False) is M.REFUSED  # unset: every interface
    assert serving.decide("0.0.0.0", False, True) is M.INSECURE
    assert serving.decide("0.0.0.0", True, False) is M.SIGNED
    assert serving.decide("127.0.0.1", True, True) is M.SIGNED
    assert serving.insecure_requested({serving.INSECURE_ENV: "1"})
    assert not serving.insecure_requested({serving.INSECURE_ENV: "0"})
    assert not serving.insecure_requested({})


def test_make_run_asks_for_the_loopback_address():
    proc = subprocess.run(
        ["make", "--no-print-directory", "-n", "run"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    last = proc.stdout.strip().splitlines()[-1]
    assert last.endswith("-m planner serve --address 127.0.0.1 --port 8501"), last
    proc = subprocess.run(
        ["make", "--no-print-directory", "-n", "run", "ADDRESS=0.0.0.0", "INSECURE=1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (
        proc.stdout.strip()
        .splitlines()[-1]
        .endswith("--address 0.0.0.0 --port 8501 --insecure-local-network")
    )


def test_a_network_address_without_sign_in_is_refused_before_listening(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != serving.INSECURE_ENV}
    proc = subprocess.run(
        [sys.executable, "-m", "planner", "serve", "--address", "0.0.0.0", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip() == t("srv_refused", address="0.0.0.0")
    assert listening(port) == set()


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads Linux's /proc/net/tcp")
def test_make_runs_server_listens_on_loopback_only(tmp_path):
    """``planner serve`` with make run's defaults (bar the port), as a real server."""
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "planner", "serve", "--port", str(port)],
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _healthy(f"http://127.0.0.1:{port}"):
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the server did not start: {(tmp_path / 'serve.log').read_text()}")
            time.sleep(0.3)
        assert listening(port) == {"127.0.0.1"}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()
    said = (tmp_path / "serve.log").read_text()
    assert t("srv_local", url=f"http://localhost:{port}", address="127.0.0.1") in said
