"""Sign-in end to end (issue 25): a real local OIDC provider (oidc-provider-mock, from PyPI), the
app served by ``streamlit run`` with ``[auth]`` in a secrets file of the test's own
(``--secrets.files``), Debian's headless Chromium.

Accounts (in the server's own SQLite file): luis is ``nacional``, ana is ``estatal`` for
Chiapas (7), nadie has no role. On the tiny workbook (worked out in tests/test_app_access.py)
luis sees the national plan — 5 specialists — and the audit page; ana sees Chiapas only — 3
specialists, 32,937 MXN — no Oaxaca unit on any tab, not even when the address asks for state 20,
and her downloaded result workbook lists only Chiapas's units; nadie signs in and sees nothing.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planner.core.words import t
from planner.store import access, db
from tests.builders import make_workbook
from tests.test_browser import (
    ARGS,
    CHROMIUM,
    RUN_TIMEOUT_MS,
    START_TIMEOUT,
    _free_port,
    _healthy,
    metric,
    number,
    wait_idle,
)

ROOT = Path(__file__).resolve().parents[1]
OAXACA = ("HOSP02", "CS0002", "CS0003", "Oaxaca", "Juchitán")
ACCOUNTS = {"luis@salud.gob.mx": ("nacional", []), "ana@salud.gob.mx": ("estatal", [7])}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),  # the provider's use of Authlib
]


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    oidc = pytest.importorskip("oidc_provider_mock")
    users = [oidc.User(sub=account, claims={"email": account, "email_verified": True})
             for account in (*ACCOUNTS, "nadie@salud.gob.mx")]
    with oidc.run_server_in_thread(user_claims=users) as server:
        yield f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="module")
def server(provider: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The app with sign-in; (its URL, its database URL) once healthy."""
    folder = tmp_path_factory.mktemp("signin")
    workbook = make_workbook(folder / "tiny.xlsx")
    url_db = f"sqlite:///{folder / 'planner.sqlite'}"
    eng = db.engine(url_db)
    for account, (role, states) in ACCOUNTS.items():
        access.grant(account, role, states, eng=eng)
    port = _free_port()
    url = f"http://localhost:{port}"
    secrets = folder / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "{url}/oauth2callback"\n'
        f'cookie_secret = "{"c" * 48}"\n'
        'client_id = "planner"\nclient_secret = "secreto"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8")
    log = (folder / "streamlit.log").open("w")
    env = dict(os.environ, PLANNER_DEFAULT_WORKBOOK=str(workbook), PLANNER_DB_URL=url_db)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--secrets.files", str(secrets)],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _healthy(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start (see {log.name})")
            time.sleep(0.3)
        yield url, url_db
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()
        db._ENGINES.pop(url_db).dispose()


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield chromium
        chromium.close()


def sign_in(browser, url: str, account: str):
    """A fresh browser context signed in as ``account`` through the provider's form."""
    context = browser.new_context(viewport={"width": 1440, "height": 1800},
                                  accept_downloads=True, locale="es-MX")
    page = context.new_page()
    page.set_default_timeout(RUN_TIMEOUT_MS)
    page.goto(url)
    page.get_by_role("button", name=t("acc_login_button")).click()
    page.locator("input[name='sub']").fill(account)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{url}/**")
    page.get_by_text(t("acc_signed_in", user=account, role="").split("·")[0].strip()
                     ).first.wait_for()
    wait_idle(page)
    return context, page


def shown_text(page) -> str:
    """Every text of the page, every tab's panel included (hidden panels are in the DOM)."""
    return page.evaluate("document.body.textContent")


def test_national_and_state_planners(browser, server, tmp_path):
    url, url_db = server
    context, page = sign_in(browser, url, "luis@salud.gob.mx")
    page.get_by_text(t("m_spec_placed")).first.wait_for()
    assert number(metric(page, t("m_spec_placed"))[0]) == 5
    assert page.get_by_role("tab", name=t("audit_page")).count() == 1
    assert "Oaxaca" in shown_text(page)
    context.close()

    context, page = sign_in(browser, url, "ana@salud.gob.mx")
    page.get_by_text(t("m_spec_placed")).first.wait_for()
    assert number(metric(page, t("m_spec_placed"))[0]) == 3
    assert number(metric(page, t("m_bonus_month"))[0]) == 32_937
    assert page.get_by_role("tab", name=t("audit_page")).count() == 0
    page.goto(f"{url}/?estado=20&entidad=Oaxaca&clues=HOSP02")  # the app reads no parameter
    page.get_by_text(t("m_spec_placed")).first.wait_for()
    wait_idle(page)
    assert number(metric(page, t("m_spec_placed"))[0]) == 3
    text = shown_text(page)
    assert "Chiapas" in text
    for name in OAXACA:
        assert name not in text, name
    with page.expect_download() as info:
        page.get_by_role("button", name=t("download_result")).click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    cells = "\n".join(str(c) for ws in load_workbook(path, read_only=True).worksheets
                      for row in ws.iter_rows(values_only=True) for c in row if c is not None)
    assert "HOSP01" in cells
    for name in OAXACA:
        assert name not in cells, name
    context.close()

    trail = access.read(db.engine(url_db))
    ana = access.who_key("ana@salud.gob.mx")
    # two sessions (the reload with parameters is a new one), one download
    assert list(trail[trail["who"] == ana]["action"]) == ["open", "open", "export"]
    assert "ana@salud.gob.mx" not in trail.to_csv()


def test_an_account_without_a_role_sees_nothing(browser, server):
    url, _ = server
    context = browser.new_context(locale="es-MX")
    page = context.new_page()
    page.set_default_timeout(RUN_TIMEOUT_MS)
    page.goto(url)
    page.get_by_role("button", name=t("acc_login_button")).click()
    page.locator("input[name='sub']").fill("nadie@salud.gob.mx")
    page.get_by_role("button", name="Authorize").click()
    page.get_by_text(t("acc_no_role", user="nadie@salud.gob.mx")).first.wait_for()
    wait_idle(page)
    assert page.locator("[data-testid='stMetric']").count() == 0
    assert "HOSP01" not in shown_text(page)
    context.close()
