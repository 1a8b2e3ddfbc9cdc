"""Who may see and change what, in the app (issue 25), driven by AppTest on the tiny workbook.

The tiny workbook (tests/builders.py, worked out in tests/test_app.py) has Chiapas (7: HOSP01,
CS0001) and Oaxaca (20: HOSP02, CS0002, CS0003). An ``estatal`` account for Chiapas sees only
HOSP01's gaps — Anestesiología 2 + Cirugía general 1 in zone 2 — so its baseline places 3
specialists for 3 × 10,979 = 32,937 MXN a month (the national view: 5 for 52,937), and no
element of any tab names an Oaxaca unit or the state. A ``consulta`` account sees the national
plan with no uploader, no what-if form and no download. A network address without sign-in
is refused; with ``PLANNER_INSECURE_NETWORK`` it is served with a warning above every tab.
Each test has its own SQLite file (``PLANNER_DB_URL``), where the audit records are read back.

The served address itself is read from the kernel in tests/test_serving.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from planner.core.serving import INSECURE_ENV
from planner.core.words import t
from planner.store import access, db
from planner.ui import sources
from tests.builders import make_workbook
from tests.test_app import metrics, number, solve_with

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
        "client_id": "planner", "client_secret": "s3cret",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}
OAXACA = ("HOSP02", "CS0002", "CS0003", "Oaxaca", "Juchitán", "Hospital Dos", "Centro Dos")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_workbook(tmp_path_factory.mktemp("access") / "tiny.xlsx")


@pytest.fixture
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'planner.sqlite'}"
    monkeypatch.setenv("PLANNER_DB_URL", url)
    yield db.engine(url)
    db._ENGINES.pop(url).dispose()


@pytest.fixture
def address():
    """Set the server address the app sees (config.toml's 127.0.0.1 restored after)."""
    saved = config.get_option("server.address")
    yield lambda value: config.set_option("server.address", value)
    config.set_option("server.address", saved)


def run(tiny: Path, monkeypatch, secrets: dict | None = None, user: dict | None = None):
    monkeypatch.setenv(sources.ENV_WORKBOOK, str(tiny))
    at = AppTest.from_file(str(APP), default_timeout=120)
    if secrets is not None:
        at.secrets["auth"] = secrets
    if user is not None:
        at.user = user
    at.run()
    assert not at.exception, at.exception
    return at


def everything_shown(at: AppTest) -> str:
    """Every text an account can read or pick in this run, every tab included."""
    parts = [e.value for kind in ("markdown", "caption", "info", "warning", "error", "success",
                                  "title", "header", "subheader", "text")
             for e in getattr(at, kind)]
    parts += [df.value.to_csv() for df in at.dataframe] + [str(m.value) for m in at.metric]
    parts += [str(w.options) for kind in ("selectbox", "multiselect", "radio")
              for w in getattr(at, kind)]
    parts += [str(e.proto) for e in at.get("arrow_vega_lite_chart")]
    parts += [str(e.proto) for e in at.get("deck_gl_json_chart")]
    return "\n".join(map(str, parts))


def test_local_by_default_is_the_local_national_account(tiny, monkeypatch, database):
    at = run(tiny, monkeypatch)
    assert not at.warning or all(t("srv_insecure", address="127.0.0.1") != w.value
                                 for w in at.warning)
    assert number(metrics(at)[t("m_spec_placed")][0]) == 5
    assert at.get("file_uploader") and at.get("download_button")  # what consulta lacks
    assert all(name in everything_shown(at) for name in OAXACA)  # what estatal 7 lacks
    trail = access.read(database)
    assert list(trail["action"]) == ["open"] and list(trail["who"]) == ["local"]
    assert trail["workbook_hash"].iloc[0] == access.workbook_hash(tiny.read_bytes())
    assert trail["rows"].iloc[0] == 5  # units of the workbook
    solve_with(at, **{t("budget"): 25_000})
    trail = access.read(database)
    assert list(trail["action"]) == ["open", "solve"]  # opened once per session
    assert "budget=25000" in trail["detail"].iloc[1]


def test_a_network_address_without_sign_in_is_refused(tiny, monkeypatch, database, address):
    address("0.0.0.0")
    at = run(tiny, monkeypatch)
    assert [e.value for e in at.error] == [t("srv_refused", address="0.0.0.0")]
    assert not at.tabs and not at.metric and not at.get("file_uploader")
    assert access.read(database).empty  # nothing was opened
    address("192.168.1.20")
    at = run(tiny, monkeypatch)
    assert [e.value for e in at.error] == [t("srv_refused", address="192.168.1.20")]


def test_an_insecure_network_warns_on_every_page(tiny, monkeypatch, database, address):
    address("0.0.0.0")
    monkeypatch.setenv(INSECURE_ENV, "1")
    at = run(tiny, monkeypatch)
    warning = t("srv_insecure", address="0.0.0.0")
    assert warning in [w.value for w in at.warning]
    assert len(at.tabs) >= 8  # the pages are served, below the warning
    at.radio(key="lang").set_value("en").run()
    assert t("srv_insecure", "en", address="0.0.0.0") in [w.value for w in at.warning]


def test_sign_in_is_required_when_configured(tiny, monkeypatch, database):
    at = run(tiny, monkeypatch, secrets=AUTH, user={"is_logged_in": False})
    assert t("acc_login_prompt") in [i.value for i in at.info]
    assert [b.label for b in at.button] == [t("acc_login_button")]
    assert not at.tabs and not at.metric
    at = run(tiny, monkeypatch, secrets=AUTH,
             user={"is_logged_in": True, "email": "nadie@salud.gob.mx"})
    assert [e.value for e in at.error] == [t("acc_no_role", user="nadie@salud.gob.mx")]
    assert not at.tabs and not at.metric


def test_a_state_planner_sees_only_their_state(tiny, monkeypatch, database):
    access.grant("ana@salud.gob.mx", "estatal", [7], eng=database)
    at = run(tiny, monkeypatch, secrets=AUTH,
             user={"is_logged_in": True, "email": "ana@salud.gob.mx"})
    m = metrics(at)
    assert number(m[t("m_spec_placed")][0]) == 3  # HOSP01's three gaps (module docstring)
    assert number(m[t("m_bonus_month")][0]) == 32_937
    shown = everything_shown(at)
    assert "HOSP01" in shown and "Chiapas" in shown
    for name in OAXACA:
        assert name not in shown, name
    # a what-if stays inside Chiapas too, and is recorded under the account's pseudonym
    solve_with(at, **{t("budget"): 11_000})
    assert number(metrics(at)[t("m_spec_placed")][0]) == 1
    for name in OAXACA:
        assert name not in everything_shown(at), name
    trail = access.read(database)
    assert list(trail["action"]) == ["grant", "open", "solve"]
    assert set(trail["who"][1:]) == {access.who_key("ana@salud.gob.mx")}


def test_a_read_only_account_cannot_change_upload_or_download(tiny, monkeypatch, database):
    access.grant("eva@salud.gob.mx", "consulta", eng=database)
    at = run(tiny, monkeypatch, secrets=AUTH,
             user={"is_logged_in": True, "email": "eva@salud.gob.mx"})
    assert number(metrics(at)[t("m_spec_placed")][0]) == 5  # the national plan, read only
    assert not at.get("file_uploader")
    assert not at.get("download_button")
    assert t("solve") not in [b.label for b in at.button]
    assert t("acc_read_only") in [c.value for c in at.caption]


def test_the_audit_page_is_for_national_accounts(tiny, monkeypatch, database):
    access.grant("luis@salud.gob.mx", "nacional", eng=database)
    access.grant("ana@salud.gob.mx", "estatal", [7], eng=database)
    at = run(tiny, monkeypatch, secrets=AUTH,
             user={"is_logged_in": True, "email": "luis@salud.gob.mx"})
    labels = [tab.label for tab in at.tabs]
    assert labels[-1] == t("audit_page")
    trail = next(df.value for df in at.dataframe if t("audit_col_action") in df.value.columns)
    # newest first: this session's open, then the two grants
    assert list(trail[t("audit_col_action")]) == ["open", "grant", "grant"]
    assert trail[t("audit_col_who")].iloc[0] == access.who_key("luis@salud.gob.mx")
    assert "luis@salud.gob.mx" not in trail.to_csv()
    at = run(tiny, monkeypatch, secrets=AUTH,
             user={"is_logged_in": True, "email": "ana@salud.gob.mx"})
    assert t("audit_page") not in [tab.label for tab in at.tabs]
    at = run(tiny, monkeypatch)  # the local account: `planner audit` instead
    assert t("audit_page") not in [tab.label for tab in at.tabs]


def test_restrict_cuts_units_staffing_pools_and_candidates(tmp_path):
    """Candidates: A (Chiapas, options CS0002 then CS0001), B (Oaxaca, CS0002), C (Chiapas, the
    whole of Oaxaca). Cut to Chiapas: A keeps only CS0001, still as its option 2; C keeps no
    option; B is gone; the national pool stays (this workbook has no state pools)."""
    from planner.pipeline import load_scenario, solve
    from planner.ui.access import restrict
    from tests.builders import MG
    from tests.test_matching import with_candidates

    tables = with_candidates([("A", MG, 7, ["CS0002", "CS0001"], 90),
                              ("B", MG, 20, ["CS0002"], 80), ("C", MG, 7, ["20"], 70)])
    scenario, _ = load_scenario(make_workbook(tmp_path / "c.xlsx", tables))
    cut = restrict(scenario, [7])
    assert sorted(cut.units.index) == ["CS0001", "HOSP01"]
    assert set(cut.staffing.index.get_level_values("clues")) == {"CS0001", "HOSP01"}
    assert set(cut.supply["state_code"]) <= {0, 7}
    c = cut.candidates.set_index("folio")
    assert list(c.index) == ["A", "C"]
    assert (c.loc["A", "option_1"], c.loc["A", "option_2"]) == ((), ("CS0001",))
    assert c.loc["C", "option_1"] == ()
    assert len(scenario.units) == 5 and len(scenario.candidates) == 3  # the input is unchanged
    result = solve(cut, compare_modes=False)
    assert result.solved
    assert set(result.indicators.units.index) <= {"CS0001", "HOSP01"}
