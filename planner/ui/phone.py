"""The app at a phone's width (issue 15): CSS for screens up to 640 px, injected by app.py.

What a planner on a 390 px phone stumbled on, seen in tests/test_browser.py's screenshots:
the opened sidebar form was a 300 px strip beside a sliver of the page, so every label wrapped
into three lines; the title took a quarter of the first screen (three lines of 2.75 rem); a long button label
("Descargar con valores marginales confirmados (más lento)") was cut with "…"; and after
«Calcular escenario» the opened form stayed over the result, which the planner had to find
behind it.
"""

from __future__ import annotations

PHONE_MAX_PX = 640  # Streamlit's own breakpoint for the overlaid sidebar
TITLE_REM = 1.75  # the title's size on a phone: two lines at most
# the page's own buttons (not the tab strip's, which scrolls with arrows of its own)
BUTTONS = ('[data-testid="stMain"] :is([data-testid="stButton"], '
           '[data-testid="stDownloadButton"], [data-testid="stFormSubmitButton"]) button')


def phone_css() -> str:
    """A <style> block for narrow screens (no effect above :data:`PHONE_MAX_PX`)."""
    return (
        "<style>"
        f"@media (max-width: {PHONE_MAX_PX}px) {{"
        # the opened what-if form takes the whole phone, not a 300 px strip
        'section[data-testid="stSidebar"][data-collapsed="false"] '
        "{width: 100vw !important; min-width: 100vw !important; max-width: 100vw !important;}"
        # the title in two lines at most, so the first figures show without scrolling
        f'[data-testid="stMain"] h1 {{font-size: {TITLE_REM}rem !important;'
        " line-height: 1.2 !important;"
        " padding-top: 0.5rem !important;}"
        # button labels wrap instead of ending in "…"
        f"{BUTTONS} {{height: auto !important;}}"
        f"{BUTTONS} * {{white-space: normal !important;"
        " text-overflow: clip !important; overflow: visible !important;}"
        "}"
        "</style>"
    )


def close_form_script() -> str:
    """A <script> that closes the opened sidebar on a phone (no effect on wider screens): sent
    once, right after a what-if is solved, so the planner sees the result, not the form."""
    return (
        "<script>"
        f"if (window.innerWidth <= {PHONE_MAX_PX}) {{"
        "const b = document.querySelector("
        "'[data-testid=\"stSidebar\"][data-collapsed=\"false\"] "
        "[data-testid=\"stSidebarCollapseButton\"] button');"
        "if (b) b.click();"
        "}"
        "</script>"
    )
