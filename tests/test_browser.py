"""The app end to end in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

A fixture starts ``streamlit run app.py`` on a free port against the tiny workbook of
tests/builders.py (see tests/test_app.py for its worked-out numbers: 5 specialists for
52,937 MXN a month; with a budget of 25,000 MXN at most two fit). One test opens the page,
lowers the budget in the what-if form, solves, sees the indicator fall, downloads the result
workbook in one click and opens it with openpyxl; another computes the budget–coverage frontier,
then asks for a doctor in every centre with no general-doctor candidates and reads the Spanish
explanation. Screenshots go to the test's temporary folder, and also to
``$PLANNER_SCREENSHOTS`` when set. ``PLANNER_BROWSER_WORKBOOK`` points the test at another workbook
(e.g. the national one, for screenshots); the numeric checks then only compare before and after.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planner.core.words import MESSAGES
from planner.core.words import t as tr
from tests.builders import MG, base_tables, make_workbook
from tests.test_matching import with_candidates

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"  # screenshots for a person to read (.gitignore)
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
START_TIMEOUT = 90  # seconds for the server to answer its health check
RUN_TIMEOUT_MS = 180_000  # a run of the app (the national scenario solves in a few seconds)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Debian's chromium at /usr/bin/chromium "
                              "(make browser-deps installs it)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = os.environ.get("PLANNER_BROWSER_WORKBOOK")
    if chosen:
        return Path(chosen)
    # the tiny workbook plus the hand-worked registration list of tests/test_app_candidates.py
    # (its mode stays por_oferta, so every other figure is the tiny workbook's)
    return make_workbook(tmp_path_factory.mktemp("browser") / "tiny.xlsx", with_candidates(
        [("A", MG, 7, ["CS0002", "CS0001"], 90), ("B", MG, 20, ["CS0002"], 80)]))


@pytest.fixture(scope="module")
def audit_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The server's own database (its audit trail is read back by the download test)."""
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'planner.sqlite'}"


@pytest.fixture(scope="module")
def server(workbook: Path, audit_db: str,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``streamlit run app.py`` in a subprocess (own process group); its URL once healthy."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = (tmp_path_factory.mktemp("server") / "streamlit.log").open("w")
    env = dict(os.environ, PLANNER_DEFAULT_WORKBOOK=str(workbook), PLANNER_DB_URL=audit_db)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _healthy(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start (see {log.name})")
            time.sleep(0.3)
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


@pytest.fixture
def page(server: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        context = browser.new_context(viewport={"width": 1440, "height": 1800},
                                      accept_downloads=True, locale="es-MX")
        pg = context.new_page()
        pg.set_default_timeout(RUN_TIMEOUT_MS)
        yield pg
        context.close()
        browser.close()


def wait_idle(page) -> None:
    """Wait until Streamlit has finished running the script (no 'Running…' status widget)."""
    page.wait_for_function(
        "!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=RUN_TIMEOUT_MS)
    page.wait_for_timeout(300)  # let the last deltas paint


def wait_laid_out(page) -> None:
    """Wait until the page's layout is the final one, by condition (issue 26: a title measured
    194 px under load, 100 alone): the web fonts loaded (``document.fonts.ready``; with the
    fallback font the title wraps into more lines), no script run in progress (Streamlit's
    status widget gone) and the phone CSS applied to the title (it arrives in the sidebar, a
    delta after the title; before it the title has its 2.75 rem default), then two frames for
    the layout to follow."""
    page.evaluate("document.fonts.ready.then(() => true)")
    from planner.ui.phone import TITLE_REM

    page.wait_for_function(
        """(titleRem) => {
          if (document.fonts.status !== 'loaded') return false;
          if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
          const h = document.querySelector('[data-testid="stMain"] h1');
          if (!h) return false;
          const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
          return Math.abs(parseFloat(getComputedStyle(h).fontSize) - titleRem * rem) < 0.5;
        }""", arg=TITLE_REM, timeout=RUN_TIMEOUT_MS)
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def wait_what_if_stated(page, budget: int) -> None:
    """Wait until the solved what-if is stated in the banner (not the input's live peso echo,
    which shows the same amount as soon as it is typed)."""
    lead = MESSAGES["showing_whatif"]["es"].split("{")[0].strip()
    page.get_by_text(re.compile(re.escape(lead) + ".*" + re.escape(f"${budget:,} MXN"))
                     ).first.wait_for(timeout=RUN_TIMEOUT_MS)
    wait_idle(page)


def metric(page, label: str) -> tuple[str, str]:
    """(value, delta) of the metric card with ``label``."""
    card = page.locator("[data-testid='stMetric']").filter(has_text=label).first
    value = card.locator("[data-testid='stMetricValue']").inner_text().strip()
    delta = card.locator("[data-testid='stMetricDelta']")
    return value, delta.inner_text().strip() if delta.count() else ""


def number(text: str) -> float:
    return float(re.sub(r"[^\d.\-]", "", text))


def shoot(page, name: str, folder: Path) -> None:
    """A full-page screenshot in ``folder`` and in tests/artifacts/ (ignored by git), for a
    person to look at."""
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, ARTIFACTS / path.name)
    extra = os.environ.get("PLANNER_SCREENSHOTS")
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(extra) / path.name)


def assign_stable(page) -> None:
    """On the candidates tab: choose «Estable», run it, wait until its tables are drawn."""
    page.locator("[data-testid='stMain']").get_by_text(tr("candp_mode_estable")).first.click()
    run = page.get_by_role("button", name=tr("candp_run", mode=tr("candp_mode_estable")))
    run.wait_for()
    wait_idle(page)
    run.click()
    page.get_by_text(tr("candp_unwanted_header")).first.wait_for()
    wait_idle(page)
    page.wait_for_timeout(1500)


def test_budget_what_if_and_download(page, server: str, workbook: Path, audit_db: str,
                                     tmp_path: Path) -> None:
    page.goto(server)
    page.get_by_text(tr("m_spec_placed")).first.wait_for()
    wait_idle(page)
    spec_before, _ = metric(page, tr("m_spec_placed"))
    bonus_before, _ = metric(page, tr("m_bonus_month"))
    shoot(page, "principal", tmp_path)

    # the map draws (a Vega canvas in the map tab)
    page.get_by_role("tab", name=tr("tab_charts")).click()
    page.locator("[data-testid='stVegaLiteChart']").first.wait_for()
    page.wait_for_timeout(1500)
    shoot(page, "mapa", tmp_path)
    page.get_by_role("tab", name=tr("tab_summary")).click()

    # lower the budget and solve
    budget = page.get_by_role("spinbutton", name=tr("budget"), exact=True)
    budget.fill("25000")
    budget.press("Tab")
    page.get_by_role("button", name=tr("solve")).click()
    wait_what_if_stated(page, 25_000)
    wait_idle(page)
    spec_after, spec_delta = metric(page, tr("m_spec_placed"))
    bonus_after, _ = metric(page, tr("m_bonus_month"))
    shoot(page, "escenario", tmp_path)
    assert number(spec_after) <= number(spec_before)
    assert number(bonus_after) <= 25_000 < number(bonus_before)
    if not os.environ.get("PLANNER_BROWSER_WORKBOOK"):
        assert (number(spec_before), number(spec_after)) == (5, 2)
        assert spec_delta.replace("−", "-").lstrip().startswith("-3")

    # download the result workbook in one click (built on click), then open it
    button = page.get_by_role("button", name=tr("download_result"))
    with page.expect_download() as info:
        button.click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.suffix == ".xlsx"
    wb = load_workbook(path, read_only=True)
    assert "resumen" in wb.sheetnames and "parámetros" in wb.sheetnames
    params = {row[0]: row[1] for row in wb["parámetros"].iter_rows(min_row=2, values_only=True)}
    assert float(params["presupuesto_bono_mensual"]) == 25_000

    # issue 25: the session's open, solve and download are in the audit trail, as `local`
    from planner.store import access, db

    trail = access.read(db.engine(audit_db))
    assert list(trail["action"]) == ["open", "solve", "export"]
    assert set(trail["who"]) == {"local"}
    assert set(trail["workbook_hash"]) == {access.workbook_hash(workbook.read_bytes())}
    assert trail["scenario"].iloc[2].startswith(workbook.name)


def test_frontier_and_infeasible_explanation(page, server: str, tmp_path: Path) -> None:
    page.goto(server)
    page.get_by_text(tr("m_spec_placed")).first.wait_for()
    wait_idle(page)

    # the budget–coverage frontier: computed on request, read in a sentence, current point marked
    page.get_by_role("tab", name=tr("tab_frontier")).click()
    page.get_by_role("button", name=tr("frontier_compute")).click()
    page.get_by_text(tr("frontier_current")).first.wait_for()
    wait_idle(page)
    page.wait_for_timeout(1500)  # the chart paints
    assert page.locator("[data-testid='stVegaLiteChart']").count() >= 1
    assert page.get_by_text("más presupuesto ya no cubre más necesidad").count() >= 1
    shoot(page, "frontera", tmp_path)

    # no general-doctor candidates, and the hard minimum on: explained, no traceback
    page.get_by_text(tr("supply_header")).first.click()
    gp = page.get_by_role("spinbutton", name="Medicina general", exact=True)
    gp.fill("0")
    gp.press("Tab")
    page.get_by_text(tr("one_doctor")).first.click()
    page.get_by_role("button", name=tr("solve")).click()
    page.get_by_text("El escenario es infactible").first.wait_for()
    wait_idle(page)
    alert = page.locator("[data-testid='stAlert']").filter(has_text="infactible").first
    assert "para que cada centro de salud tenga uno" in alert.inner_text()
    assert page.get_by_text("Traceback").count() == 0
    shoot(page, "infactible", tmp_path)


def _after_content(page, selector: str) -> str:
    page.wait_for_selector(selector, state="attached", timeout=RUN_TIMEOUT_MS)
    try:  # the <style> block may land a moment after the element it dresses
        page.wait_for_function(
            "s => getComputedStyle(document.querySelector(s), '::after').content !== 'none'",
            arg=selector, timeout=10_000)
    except Exception:  # noqa: BLE001 - read it anyway: the assertion says what is there
        pass
    return page.evaluate(
        "s => getComputedStyle(document.querySelector(s), '::after').content", selector)


def test_pages_upload_compare_candidates(page, server: str, tmp_path: Path) -> None:
    """The other pages as a planner sees them (issue 14's tab, issue 15's points), with
    screenshots: upload problems, the comparison, the candidates tab, the map on a phone."""
    page.goto(server)
    page.get_by_text(tr("m_spec_placed")).first.wait_for()
    wait_idle(page)
    # Streamlit's uploader strings in Spanish (CSS), not «Upload» / «20MB per file»
    assert "Elegir archivo" in _after_content(
        page, '[data-testid="stFileUploaderDropzone"] button:not([kind="minimal"])')
    assert "hasta 20 MB" in _after_content(
        page, '[data-testid="stFileUploaderDropzoneInstructions"]')
    shoot(page, "principal_1440", tmp_path)

    # upload problems: listed as sentences with where they are; no None where there is no row
    tables = base_tables()
    tables["plantilla"]["actuales"] = tables["plantilla"]["actuales"].astype(object)
    tables["plantilla"].loc[1, "actuales"] = "dos"
    bad = make_workbook(tmp_path / "roto.xlsx", tables)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(bad))
    page.get_by_text("hoja «plantilla», fila 3, columna «actuales», valor «dos»:").first.wait_for()
    wait_idle(page)
    shoot(page, "problemas_de_carga", tmp_path)
    page.locator("[data-testid='stFileChipDeleteBtn'] button").first.click()
    wait_idle(page)

    # two scenarios saved and compared: the budget is the one input that differs
    for budget, name in ((25_000, "bajo"), (40_000, "medio")):
        box = page.get_by_role("spinbutton", name=tr("budget"), exact=True)
        box.fill(str(budget))
        box.press("Tab")
        page.get_by_role("button", name=tr("solve")).click()
        wait_what_if_stated(page, budget)
        wait_idle(page)
        page.get_by_role("tab", name=tr("tab_scenarios")).click()
        page.get_by_label(tr("save_name")).fill(name)
        page.get_by_role("button", name=tr("save_button")).click()
        page.get_by_text(tr("saved_ok", name=name)).first.wait_for()
        wait_idle(page)
    page.get_by_text(tr("cmpv_inputs_header")).first.wait_for()
    page.wait_for_timeout(1500)
    assert page.get_by_text(tr("cmpv_delta_note", ref=tr("baseline_name"))).count() >= 1
    shoot(page, "comparacion", tmp_path)

    # the candidates tab: the stable assignment of the hand case
    page.get_by_role("tab", name=tr("tab_candidates")).click()
    assign_stable(page)
    shoot(page, "candidatos", tmp_path)
    assert page.get_by_text(tr("candp_unwanted_header")).count() >= 1

    # a phone: the map's legend below the map
    page.set_viewport_size({"width": 390, "height": 1400})
    page.get_by_role("tab", name=tr("tab_charts")).click()
    page.locator("[data-testid='stVegaLiteChart']").first.wait_for()
    page.wait_for_timeout(1500)
    shoot(page, "mapa_telefono", tmp_path)
    assert page.get_by_text("None", exact=True).count() == 0


# --- a phone (issue 15): the whole app at 390 × 844 ---------------------------------------------

PHONE = {"width": 390, "height": 844}
PHONE_UA = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/126.0.0.0 Mobile Safari/537.36")  # what a phone's browser tells the server


@pytest.fixture
def phone(server: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        context = browser.new_context(viewport=PHONE, locale="es-MX", has_touch=True,
                                      user_agent=PHONE_UA)
        pg = context.new_page()
        pg.set_default_timeout(RUN_TIMEOUT_MS)
        yield pg
        context.close()
        browser.close()


# What a planner on a phone would stumble on, measured in the page: the page scrolling sideways,
# elements sticking out of the screen (the tab strip scrolls on its own and is left out), metric
# labels and button labels cut with "…", and the sidebar's width.
PHONE_PROBE = """() => {
  const W = innerWidth;
  const visible = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  // the tab strip scrolls on its own; a table's hover toolbar floats over it while it fades in
  const inTabStrip = e => e.closest('[role=tablist]') || e.closest('[data-testid=stElementToolbar]');
  const outside = [...document.querySelectorAll('[data-testid]')]
    .filter(e => visible(e) && !inTabStrip(e) && !e.closest('[data-testid=stSidebar]')
                 && !e.closest('[data-testid=stSidebarCollapsedControl]'))
    .filter(e => { const r = e.getBoundingClientRect(); return r.right > W + 1 || r.left < -1; })
    .map(e => { const r = e.getBoundingClientRect();
                return `${e.getAttribute('data-testid')} ${Math.round(r.left)}–${Math.round(r.right)}`; });
  const cut = [...document.querySelectorAll('[data-testid=stMetricLabel] p,'
                                          + '[data-testid=stMetricValue] div,'
                                          + '[data-testid=stMain] [data-testid=stButton] button *,'
                                          + '[data-testid=stMain] [data-testid=stDownloadButton] button *')]
    .filter(e => visible(e) && e.scrollWidth > e.clientWidth + 1).map(e => e.innerText);
  const side = document.querySelector('[data-testid=stSidebar]');
  const open = side && side.getAttribute('data-collapsed') !== 'true'
               && side.getBoundingClientRect().right > 10;
  return {scroll: document.documentElement.scrollWidth, width: W, outside: [...new Set(outside)],
          cut, sidebar: open ? side.getBoundingClientRect().width : 0};
}"""


def phone_probe(page) -> dict:
    return page.evaluate(PHONE_PROBE)


def shoot_tall(page, name: str, folder: Path) -> None:
    """A screenshot of the whole scrolled content at the phone's width: Streamlit scrolls inside
    its main block, so the viewport is made as tall as that content for the picture only."""
    height = page.evaluate("""() => {
      const side = document.querySelector('[data-testid=stSidebar][data-collapsed=false]');
      const root = side || document.querySelector('[data-testid=stMain]');
      const scroller = side ? side.querySelector('[data-testid=stSidebarContent]') : root;
      const bottoms = [...root.querySelectorAll('[data-testid]')]
        .map(e => e.getBoundingClientRect()).filter(r => r.width > 0 && r.height > 0)
        .map(r => r.bottom);
      return Math.max(innerHeight, ...bottoms) + (scroller ? scroller.scrollTop : 0);
    }""")
    page.set_viewport_size({"width": PHONE["width"], "height": min(int(height) + 40, 12_000)})
    page.wait_for_timeout(800)
    shoot(page, name, folder)
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(500)


def assert_fits_a_phone(page, where: str) -> None:
    probe = phone_probe(page)
    assert probe["scroll"] <= probe["width"], (where, probe)  # no sideways page scroll
    assert probe["outside"] == [], (where, probe)
    assert probe["cut"] == [], (where, probe)


def open_sidebar(page) -> None:
    page.locator("[data-testid='stExpandSidebarButton']").first.click()
    page.locator("[data-testid='stSidebar'][data-collapsed='false']").wait_for()
    page.wait_for_timeout(800)


def close_sidebar(page) -> None:
    side = page.locator("[data-testid='stSidebar'][data-collapsed='false']")
    if side.count():
        page.locator("[data-testid='stSidebarCollapseButton'] button").first.click()
        page.locator("[data-testid='stSidebar'][data-collapsed='true']").wait_for(state="attached")
        page.wait_for_timeout(500)


def open_tab(page, key: str) -> None:
    tab = page.get_by_role("tab", name=tr(key))
    tab.scroll_into_view_if_needed()
    tab.click()
    page.wait_for_timeout(1500)  # charts paint


def test_phone_width_whole_app(phone, server: str, tmp_path: Path) -> None:
    """At 390 × 844: the first screen, the sidebar form (opened, with the model's modes), a
    what-if, the units table, the comparison and the candidates tab fit the screen (no sideways
    scroll, nothing sticking out, no metric label cut), the opened form takes the phone's width,
    and the solve button is reachable."""
    page = phone
    page.goto(server)
    page.get_by_text(tr("m_spec_placed")).first.wait_for()
    wait_idle(page)
    wait_laid_out(page)
    assert_fits_a_phone(page, "first screen")
    title = page.locator("[data-testid='stMain'] h1").first.bounding_box()
    assert title is not None and title["height"] <= 100, title  # two lines; was three, 160 px
    shoot_tall(page, "telefono_principal", tmp_path)

    open_sidebar(page)
    page.get_by_text(tr("wi_modes_header")).first.click()
    page.wait_for_timeout(500)
    probe = phone_probe(page)
    assert probe["sidebar"] >= 0.9 * PHONE["width"], probe  # the form, not a narrow strip
    solve_box = page.get_by_role("button", name=tr("solve")).bounding_box()
    assert solve_box is not None and solve_box["x"] >= 0
    assert solve_box["x"] + solve_box["width"] <= PHONE["width"]
    shoot_tall(page, "telefono_formulario", tmp_path)

    for budget, name in ((25_000, "bajo"), (40_000, "medio")):
        if not page.locator("[data-testid='stSidebar'][data-collapsed='false']").count():
            open_sidebar(page)
        box = page.get_by_role("spinbutton", name=tr("budget"), exact=True)
        box.fill(str(budget))
        box.press("Tab")
        page.get_by_role("button", name=tr("solve")).click()
        wait_what_if_stated(page, budget)
        # the form closes by itself once the what-if is solved: the result is what to see
        page.locator("[data-testid='stSidebar'][data-collapsed='true']").wait_for(
            state="attached", timeout=10_000)
        if name == "bajo":
            assert_fits_a_phone(page, "what-if")
            shoot_tall(page, "telefono_escenario", tmp_path)
        open_tab(page, "tab_scenarios")
        page.get_by_label(tr("save_name")).fill(name)
        page.get_by_role("button", name=tr("save_button")).click()
        page.get_by_text(tr("saved_ok", name=name)).first.wait_for()
        wait_idle(page)
    page.get_by_text(tr("cmpv_inputs_header")).first.wait_for()
    page.wait_for_timeout(1500)
    assert_fits_a_phone(page, "comparison")
    shoot_tall(page, "telefono_comparacion", tmp_path)

    open_tab(page, "tab_units")
    assert_fits_a_phone(page, "units")
    # the server sizes the table's columns: told it is a phone, it pins only CLUES (CLUES and
    # name pinned left ~90 px for the figures)
    compact = page.locator("[data-testid='stCheckbox']", has_text=tr("units_compact"))
    assert compact.locator("input").is_checked()
    shoot_tall(page, "telefono_unidades", tmp_path)

    open_tab(page, "tab_candidates")
    assign_stable(page)
    assert_fits_a_phone(page, "candidates")
    shoot_tall(page, "telefono_candidatos", tmp_path)


# --- issue 21: the radio groups keep their selection across the language switch ----------------

RADIO_CHOICE = """() => [...document.querySelectorAll('[data-testid=stMain] [data-testid=stRadio]')]
  .filter(g => g.getBoundingClientRect().width > 0)
  .map(g => { const on = g.querySelector('input[type=radio]:checked');
              const label = on && on.closest('label');
              return [g.querySelector('[data-testid=stWidgetLabel]').innerText.trim(),
                      label ? label.innerText.trim() : null]; })"""


def _radio_choices(page) -> dict[str, str | None]:
    """Label of every visible radio group in the main area → the label of its checked option
    (None when no option is checked), as the browser draws them."""
    return dict(page.evaluate(RADIO_CHOICE))


def test_radio_selection_survives_the_language_switch(page, server: str, tmp_path: Path) -> None:
    """Fails before issue 21's fix: after «English» every radio group of the main area (the
    advantage indicator on the summary, the map colour on the charts tab, the assignment mode
    on the candidates tab) showed no checked option, because the browser sent back the Spanish
    label of the choice. Each group is set off its default in Spanish, the language switched,
    and each must still show the same choice, in English, and again in Spanish."""
    from planner.ui import charts, figures

    page.goto(server)
    page.get_by_text(tr("m_spec_placed")).first.wait_for()
    wait_idle(page)
    main = page.locator("[data-testid='stMain']")

    def group(label: str, lang: str = "es"):
        """The radio group labelled ``label``, shown (the advantage's sits in an expander when
        the two plans tie, as on this workbook)."""
        box = main.locator("[data-testid='stRadio']").filter(
            has=page.locator("[data-testid='stWidgetLabel']", has_text=label)).first
        box.wait_for(state="attached")
        if not box.is_visible():
            main.locator("[data-testid='stExpander'] summary").filter(
                has_text=tr("adv_tie_expander", lang)).first.click()
            box.wait_for(state="visible")
        return box

    def pick(label: str, option: str) -> None:
        group(label).get_by_text(option, exact=True).click()
        wait_idle(page)

    # off the defaults: «Centros en la meta» (advantage), «Brecha de especialistas» (map)
    chosen = {"adv_metric": ("at_target", figures.ADVANTAGE["at_target"][1]),
              "map_metric": ("spec_gap", charts.MAP_METRICS["spec_gap"][1])}
    pick(tr("adv_metric"), tr(chosen["adv_metric"][1]))
    page.get_by_role("tab", name=tr("tab_charts")).click()
    pick(tr("map_metric"), tr(chosen["map_metric"][1]))
    page.get_by_role("tab", name=tr("tab_candidates")).click()
    pick(tr("candp_mode"), tr("candp_mode_estable"))

    def seen(lang: str) -> dict[str, str | None]:
        found = {}
        for tab, label in (("tab_summary", "adv_metric"), ("tab_charts", "map_metric"),
                           ("tab_candidates", "candp_mode")):
            page.get_by_role("tab", name=tr(tab, lang)).click()
            group(tr(label, lang), lang)
            page.wait_for_timeout(300)
            found[label] = _radio_choices(page).get(tr(label, lang), "missing")
        return found

    expected = {lang: {"adv_metric": tr(chosen["adv_metric"][1], lang),
                       "map_metric": tr(chosen["map_metric"][1], lang),
                       "candp_mode": tr("candp_mode_estable", lang)} for lang in ("es", "en")}
    assert seen("es") == expected["es"]
    page.locator("[data-testid='stSidebar']").get_by_text("English", exact=True).click()
    page.get_by_text(tr("title", "en")).first.wait_for()
    wait_idle(page)
    assert seen("en") == expected["en"]
    shoot(page, "radios_english", tmp_path)
    page.locator("[data-testid='stSidebar']").get_by_text("Español", exact=True).click()
    page.get_by_text(tr("title", "es")).first.wait_for()
    wait_idle(page)
    assert seen("es") == expected["es"]
