"""What-if app for IMSS-Bienestar planners: ``streamlit run app.py`` (Spanish, English selectable).

A thin face over the same pipeline as the CLI: load a scenario (the national default or the
planner's own workbook), try what-ifs in a form (budget, bonuses, target, weights, states,
candidates, the equity floor and the one-doctor minimum), and read the indicators, the advantage
over the hand rule (nationally and per state), charts, a map, the units, the rules of DESIGN §2b
(or, when they cannot be met, what is missing and where), the budget–coverage frontier, saved
scenarios side by side, the marginal values and the result workbook.
Everything shown is shaped in ``planner/ui``; no constraint is built and no Excel parsed here.
This file is the router: page config, language, the scenario (cached), the what-if form, one
pipeline call, then one page per tab from ``planner/ui/pages`` (``KEY``, ``render(view)``),
chosen by key.
"""

from __future__ import annotations

import time
import uuid

import streamlit as st

from planner.core import fmt
from planner.core.errors import InputError
from planner.core.privacy import install_log_filter, redact
from planner.core.result import Result
from planner.core.scenario import Scenario, WhatIf
from planner.core.schema import CENTRE
from planner.core.words import LANG_NAMES, phrase, t
from planner.pipeline import fair_comparison, load_scenario, solve
from planner.ui import access, disk_cache, phone, sources, streamlit_words
from planner.ui.first_screen import wait_words, with_acceptance
from planner.ui.pages import (
    audit,
    candidates,
    frontier,
    graphs,
    marginal,
    progress,
    robust,
    rules,
    scenarios,
    summary,
    units,
)
from planner.ui.pages.form import reset_form, what_if_form
from planner.ui.pages.status import show_status
from planner.ui.pages.view import View
from planner.validate import real_shares, scenario_warnings

st.set_page_config(page_title=t("page_title"), page_icon="🩺", layout="wide")
install_log_filter()  # issue 25: no personal-looking value in the server's logs
state = st.session_state
# the tabs, in display order; each page is found by its KEY (its label's catalogue key)
PAGES = (summary, graphs, units, candidates, progress, rules, frontier, scenarios, marginal,
         robust)


# --- cached stages (scenarios and baseline plans; models are never cached) -------------------

@st.cache_resource(show_spinner=False, max_entries=4)
def load_default(key: str, path: str) -> Scenario:
    """The default workbook validated, once per version of the file (``key``); the bundled
    one is also kept on disk for the next start."""
    if not bundled(key):
        return load_scenario(path)[0]
    return disk_cache.cached("scenario", key, lambda: load_scenario(path)[0])


@st.cache_resource(show_spinner=False, max_entries=8)
def scoped(key: str, _scenario: Scenario, states: tuple[int, ...]) -> Scenario:
    """The scenario cut to an ``estatal`` account's states (``key`` names the cut)."""
    return access.restrict(_scenario, states)


@st.cache_data(show_spinner=False, max_entries=8)
def file_hash(key: str, path: str) -> str:
    """SHA-256 of the workbook at ``path`` (its version ``key``), for the audit trail."""
    with open(path, "rb") as fh:
        return access.store.workbook_hash(fh.read())


def bundled(key: str) -> bool:
    """Whether ``key`` is the bundled default workbook's (the only one cached on disk)."""
    return key.startswith(f"{sources.DEFAULT_WORKBOOK.resolve()}:")


@st.cache_resource(show_spinner=False, max_entries=8)
def baseline(key: str, _scenario: Scenario) -> Result:
    """The scenario solved as the workbook has it: the reference of every delta (with its
    acceptance figures and their simulation, when the workbook has acceptance data)."""
    # a workbook in optimo/estable: only its own assignment (the candidates tab offers the
    # comparison with the other mode, the price of stability, on its own button)
    if not bundled(key):
        return with_acceptance(solve(_scenario, compare_modes=False), fair=fair_comparison)
    return disk_cache.cached("baseline", key,
                             lambda: with_acceptance(solve(_scenario, compare_modes=False),
                                                     fair=fair_comparison))


# --- data source ---------------------------------------------------------------------------------

def take_upload(who) -> None:
    """Validate a newly uploaded workbook; keep it as the scenario only when it is valid (and
    record the import in the audit trail)."""
    file = state.get("upload")
    if file is None:  # no upload, or the planner removed it: back to the default scenario
        for k in ("source", "upload_outcome", "upload_seen"):
            state.pop(k, None)
        return
    if state.get("upload_seen") == file.file_id:
        return
    state["upload_seen"] = file.file_id
    data = file.getvalue()
    outcome = sources.read_upload(data, file.name)
    state["upload_outcome"] = outcome
    digest = access.store.workbook_hash(data)
    if outcome.ok:
        state["source"] = {"key": outcome.key, "name": file.name, "scenario": outcome.scenario,
                           "hash": digest}
    access.record(who, "import", digest, file.name,
                  len(outcome.scenario.units) if outcome.ok else None,
                  None if outcome.ok else "invalid")


def show_upload_outcome(lang: str) -> None:
    """The last upload's fate: accepted, or its problems as a table (hoja, fila, …)."""
    outcome = state.get("upload_outcome")
    if outcome is None:
        return
    if outcome.ok:
        st.success(t("upload_ok", lang, name=outcome.name))
    elif outcome.problems is not None:
        issues = streamlit_words.problem_table(outcome.issues(lang))
        st.error(t("sw_upload_invalid", lang, name=outcome.name,
                   count=fmt.integer(len(issues))))
        st.markdown("\n".join(f"- {line}" for line in streamlit_words.problem_lines(issues, lang)))
        with st.expander(t("sw_problem_table", lang), expanded=len(issues) > 30):
            st.dataframe(issues, hide_index=True, width="stretch", column_config={
                issues.columns[4]: st.column_config.TextColumn(width="large")})
    else:
        st.error(t("upload_unreadable", lang, name=outcome.name, detail=redact(str(outcome.error), lang)))


def sidebar_source(lang: str, who) -> None:
    """Uploader and blank template, in the sidebar (no uploader for a read-only account)."""
    with st.sidebar:
        st.header(t("data_header", lang))
        if not who.can_change:
            st.caption(t("acc_read_only", lang))
            return
        st.html(streamlit_words.uploader_css(lang, int(st.get_option("server.maxUploadSize")))
                + phone.phone_css())
        st.file_uploader(t("upload", lang), type=["xlsx"], key="upload",
                         help=t("upload_help", lang))
        template = sources.template_bytes()
        if template is not None:
            st.download_button(t("template_download", lang), template,
                               file_name="plantilla_vacia.xlsx", mime=sources.XLSX_MIME,
                               on_click="ignore", icon=":material/download:")


def current_source(lang: str) -> tuple[str, str, Scenario, str | None] | None:
    """(cache key, workbook name, scenario, SHA-256) in use: the valid upload, else the
    default."""
    if "source" in state:
        s = state["source"]
        return s["key"], s["name"], s["scenario"], s.get("hash")
    path = sources.default_workbook()
    if not path.is_file():
        st.warning(t("default_missing", lang, path=path))
        return None
    try:
        with st.spinner(t("loading", lang)):
            key = sources.file_key(path)
            return key, path.name, load_default(key, str(path)), file_hash(key, str(path))
    except InputError as exc:
        st.error(t("default_invalid", lang, name=path.name, count=len(exc.issues)))
        st.dataframe(exc.table(lang), hide_index=True, width="stretch")
        return None


def sidebar_scenario(scenario: Scenario, name: str, lang: str) -> None:
    """Which workbook is in use and how big it is."""
    units = scenario.units
    n_centres = int((units["kind"] == CENTRE).sum())
    st.sidebar.caption(t("using_upload" if "source" in state else "using_default", lang,
                          name=name) + " " + t(
        "scenario_size", lang, units=phrase("n_units", n=fmt.integer(len(units))),
        centres=phrase("n_centres", n=fmt.integer(n_centres)),
        hospitals=phrase("n_hospitals", n=fmt.integer(len(units) - n_centres)),
        states=phrase("n_states", n=fmt.integer(units["state_code"].nunique()))))
    for line in real_shares(units, lang)["lines"]:  # issue 27: what is real, on what basis
        st.sidebar.caption(line)


# --- one pipeline call --------------------------------------------------------------------------

def run_what_if(scenario: Scenario, key: str, what_if: WhatIf, lang: str,
                base: Result, on_solve=None) -> None:
    """Solve ``what_if`` on ``scenario`` (one solve at a time per session) and keep the result."""
    if what_if.is_empty():
        state.pop("current", None)  # nothing changed: the baseline plan is the answer
        return
    if state.get("solving"):
        st.warning(t("busy", lang))
        return
    state["solving"] = True
    try:
        with st.status(wait_words(base, what_if, lang)) as status:
            t0 = time.perf_counter()
            result = with_acceptance(solve(scenario, what_if, compare_modes=False),
                                     fair=fair_comparison)
            state["current"] = {"key": key, "what_if": what_if, "result": result,
                                "token": uuid.uuid4().hex}
            if on_solve is not None:
                on_solve(result, what_if)
            seconds = fmt.decimal(time.perf_counter() - t0)
            if result.solved:  # never a green "Listo" above a red result
                status.update(label=t("fs_done", lang, seconds=seconds), state="complete")
            else:
                status.update(label=t("fs_no_plan_in", lang, seconds=seconds), state="error")
        st.html(phone.close_form_script(), unsafe_allow_javascript=True)  # phones: show it
    except Exception as exc:  # a solver failure is reported, never shown as a traceback
        st.error(t("unexpected", lang, kind=type(exc).__name__, detail=redact(str(exc), lang)))
    finally:
        state["solving"] = False


# --- the screen ----------------------------------------------------------------------------------

def main() -> None:
    lang = st.sidebar.radio(t("language"), list(LANG_NAMES), format_func=LANG_NAMES.get,
                            horizontal=True, key="lang")
    st.title(t("title", lang))
    st.caption(t("subtitle", lang))
    who = access.gate(lang)  # issue 25: refused, signed in, or the local account
    sidebar_source(lang, who)
    # Messages that come and go live in fixed containers, so the tabs below keep their place
    # (and the planner's selected tab) from one run to the next.
    with st.container():
        if who.can_change:
            take_upload(who)
        show_upload_outcome(lang)
        source = current_source(lang)
        if source is None:
            st.stop()
        key, name, scenario, digest = source
        book_states = frozenset(int(c) for c in scenario.units["state_code"].unique())
        if not who.all_states:  # an estatal account never has another state in its session
            key = access.scope_key(key, who)
            scenario = scoped(key, scenario, tuple(sorted(who.states)))
            st.caption(t("acc_scope_note", lang, states=", ".join(
                sorted(scenario.units["state"].astype(str).unique())) or "—"))
        access.record_open(who, key, digest, name, len(scenario.units))
        try:
            with st.spinner(t("fs_baseline_wait", lang)):
                base = baseline(key, scenario)
        except Exception as exc:  # a solver failure is reported, never shown as a traceback
            st.error(t("unexpected", lang, kind=type(exc).__name__, detail=redact(str(exc), lang)))
            st.stop()
    sidebar_scenario(scenario, name, lang)
    for note in scenario_warnings(scenario):  # issue 26: every warning the workbook carries
        st.warning(note.text(lang), icon=":material/warning:")
    what_if = None
    if who.can_change:  # a read-only account sees the plan, never a what-if
        what_if = what_if_form(scenario, key, lang)
        st.sidebar.button(t("reset", lang), key="reset", on_click=reset_form, args=(key,))

    def on_solve(result: Result, asked: WhatIf) -> None:
        placed = 0 if result.indicators is None else len(result.indicators.assignments)
        access.record(who, "solve", digest, name, placed, access.what_if_words(asked))

    def on_export(result: Result, label: str) -> None:
        placed = 0 if result.indicators is None else len(result.indicators.assignments)
        access.record(who, "export", digest, f"{name} · {label}", placed)

    with st.container():
        if what_if is not None:
            run_what_if(scenario, key, what_if, lang, base, on_solve)
    current = state.get("current")
    if current is not None and current["key"] == key:
        result, what_if, token = current["result"], current["what_if"], current["token"]
    else:
        result, what_if, token = base, WhatIf(), f"base:{key}"
    with st.container():
        show_status(result, what_if, lang)
    view = View(lang=lang, result=result, base=base, what_if=what_if, token=token, key=key,
                name=name, scenario=scenario, workbook_bytes=sources.result_workbook_bytes,
                can_download=who.can_change, on_export=on_export, who=who,
                workbook_states=book_states)
    if not result.solved:  # no plan: it can still be saved and compared
        with st.tabs([t(scenarios.KEY, lang)])[0]:
            scenarios.render(view)
        st.stop()
    pages = PAGES + ((audit,) if access.sees_audit(who) else ())
    tabs = dict(zip([page.KEY for page in pages],
                    st.tabs([t(page.KEY, lang) for page in pages]), strict=True))
    for page in pages:
        with tabs[page.KEY]:
            page.render(view)


main()
