"""What-if app for IMSS-Bienestar planners: ``streamlit run app.py`` (Spanish, English selectable).

A thin face over the same pipeline as the CLI: load a scenario (the national default or the
planner's own workbook), try what-ifs in a form (budget, bonuses, target, weights, states,
candidates, the equity floor and the one-doctor minimum), and read the indicators, the advantage
over the hand rule (nationally and per state), charts, a map, the units, the rules of DESIGN §2b
(or, when they cannot be met, what is missing and where), the budget–coverage frontier, saved
scenarios side by side, the marginal values and the result workbook.
Everything shown is shaped in ``planner/ui``; no constraint is built and no Excel parsed here.
"""

from __future__ import annotations

import time
import uuid

import streamlit as st

from planner import pipeline as sensitivity
from planner.analysis.marginals import COLUMNS as MARGINAL_COLUMNS
from planner.core.errors import InputError
from planner.core.plan import Status
from planner.core.result import Result
from planner.core.scenario import Scenario, WhatIf
from planner.core.schema import CENTRE
from planner.core.words import LANG_NAMES, t
from planner.pipeline import budget_frontier, load_scenario, solve
from planner.report.sweep_book import frontier_chart
from planner.ui import charts, figures, fmt, rule_views, sources, tables
from planner.ui import frontier as frontier_views
from planner.ui.whatif import (
    BONUS_KEYS,
    FormError,
    FormValues,
    build_what_if,
    form_defaults,
    state_names,
    what_if_key,
)

st.set_page_config(page_title=t("page_title"), page_icon="🩺", layout="wide")
state = st.session_state
BASE = "\x00base"  # the baseline plan among saved scenarios (its name depends on the language)
FRONTIER_POINTS = 11  # budgets of the frontier: planner.pipeline.budget_frontier's default
MAX_BOOKS = 6  # result workbooks kept in the session for repeated downloads


# --- cached stages (scenarios and baseline plans; models are never cached) -------------------

@st.cache_resource(show_spinner=False, max_entries=4)
def load_default(key: str, path: str) -> Scenario:
    """The default workbook validated, once per version of the file (``key``)."""
    return load_scenario(path)[0]


@st.cache_resource(show_spinner=False, max_entries=8)
def baseline(key: str, _scenario: Scenario) -> Result:
    """The scenario solved as the workbook has it: the reference of every delta."""
    return solve(_scenario)


# --- data source ---------------------------------------------------------------------------------

def take_upload() -> None:
    """Validate a newly uploaded workbook; keep it as the scenario only when it is valid."""
    file = state.get("upload")
    if file is None:  # no upload, or the planner removed it: back to the default scenario
        for k in ("source", "upload_outcome", "upload_seen"):
            state.pop(k, None)
        return
    if state.get("upload_seen") == file.file_id:
        return
    state["upload_seen"] = file.file_id
    outcome = sources.read_upload(file.getvalue(), file.name)
    state["upload_outcome"] = outcome
    if outcome.ok:
        state["source"] = {"key": outcome.key, "name": file.name, "scenario": outcome.scenario}


def show_upload_outcome(lang: str) -> None:
    """The last upload's fate: accepted, or its problems as a table (hoja, fila, …)."""
    outcome = state.get("upload_outcome")
    if outcome is None:
        return
    if outcome.ok:
        st.success(t("upload_ok", lang, name=outcome.name))
    elif outcome.problems is not None:
        issues = outcome.issues(lang)
        st.error(t("upload_invalid", lang, name=outcome.name, count=len(issues)))
        st.dataframe(issues, hide_index=True, width="stretch")
    else:
        st.error(t("upload_unreadable", lang, name=outcome.name, detail=outcome.error))


def sidebar_source(lang: str) -> None:
    """Uploader and blank template, in the sidebar."""
    with st.sidebar:
        st.header(t("data_header", lang))
        st.file_uploader(t("upload", lang), type=["xlsx"], key="upload",
                         help=t("upload_help", lang))
        template = sources.template_bytes()
        if template is not None:
            st.download_button(t("template_download", lang), template,
                               file_name="plantilla_vacia.xlsx", mime=sources.XLSX_MIME,
                               on_click="ignore", icon=":material/download:")


def current_source(lang: str) -> tuple[str, str, Scenario] | None:
    """(cache key, workbook name, scenario) in use: the valid upload, else the default."""
    if "source" in state:
        s = state["source"]
        return s["key"], s["name"], s["scenario"]
    path = sources.default_workbook()
    if not path.is_file():
        st.warning(t("default_missing", lang, path=path))
        return None
    try:
        with st.spinner(t("loading", lang)):
            return sources.file_key(path), path.name, load_default(sources.file_key(path),
                                                                  str(path))
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
        "scenario_size", lang, units=fmt.integer(len(units)), centres=fmt.integer(n_centres),
        hospitals=fmt.integer(len(units) - n_centres),
        states=fmt.integer(units["state_code"].nunique())))


# --- what-if form --------------------------------------------------------------------------------

def what_if_form(scenario: Scenario, key: str, lang: str) -> WhatIf | None:
    """The what-if form in the sidebar; returns the what-if when submitted, else None."""
    d = form_defaults(scenario)
    names = state_names(scenario)
    k = sources.digest(key.encode())  # fresh widgets for each workbook
    with st.sidebar.form(f"whatif:{k}"):
        st.header(t("form_header", lang))
        budget = st.number_input(t("budget", lang), min_value=0, value=int(d.budget),
                                 step=1_000_000, key=f"budget:{k}",
                                 help=fmt.mxn(d.budget))
        bonus = {}
        for kind, zone in BONUS_KEYS:
            bonus[(kind, zone)] = st.number_input(
                t("bonus_zone", lang, zone=zone), min_value=0,
                value=int(d.bonus[(kind, zone)]), step=500, key=f"bonus{zone}:{k}")
        target = st.number_input(t("target", lang), min_value=0, max_value=50,
                                 value=int(d.target), step=1, key=f"target:{k}")
        c1, c2 = st.columns(2)
        first = c1.number_input(t("first_weight", lang), min_value=0.0,
                                value=float(d.first_doctor_weight), step=0.5,
                                help=t("first_weight_help", lang), key=f"p:{k}")
        families = c2.number_input(t("families_weight", lang), min_value=0.0,
                                   value=float(d.families_weight), step=0.5,
                                   help=t("families_weight_help", lang), key=f"f:{k}")
        st.markdown(f"**{t('rules_header', lang)}**")
        alpha = round(100 * d.equity_floor)
        pct = st.slider(t("equity_floor", lang), min_value=0, max_value=100, value=alpha,
                        step=5 if alpha % 5 == 0 else 1, format="%d %%",
                        help=t("equity_floor_help", lang), key=f"alpha:{k}")
        minimum = st.checkbox(t("one_doctor", lang), value=d.one_doctor_per_centre,
                              help=t("one_doctor_help", lang), key=f"minimum:{k}")
        st.caption(rule_views.data_rules_caption(scenario, lang))
        with st.expander(t("states", lang)):
            chosen = st.multiselect(t("states", lang), list(d.states), default=list(d.states),
                                    format_func=names.get, key=f"states:{k}",
                                    placeholder=t("choose", lang), label_visibility="collapsed")
        with st.expander(t("supply_header", lang)):
            supply = {cat: st.number_input(cat, min_value=0, value=int(n), step=10,
                                           key=f"supply:{cat}:{k}")
                      for cat, n in d.supply.items()}
        time_limit = st.number_input(t("time_limit", lang), min_value=1, max_value=600,
                                     value=int(d.time_limit), step=5, key=f"time:{k}")
        submitted = st.form_submit_button(t("solve", lang), type="primary", width="stretch")
    if not submitted:
        return None
    values = FormValues(budget=float(budget), target=int(target),
                        first_doctor_weight=float(first), families_weight=float(families),
                        time_limit=float(time_limit), bonus=bonus, supply=supply,
                        states=tuple(chosen), equity_floor=pct / 100,
                        one_doctor_per_centre=bool(minimum))
    try:
        return build_what_if(scenario, values)
    except FormError as exc:
        st.sidebar.error(t(exc.code, lang))
        return None


def run_what_if(scenario: Scenario, key: str, what_if: WhatIf, lang: str) -> None:
    """Solve ``what_if`` on ``scenario`` (one solve at a time per session) and keep the result."""
    if what_if.is_empty():
        state.pop("current", None)  # nothing changed: the baseline plan is the answer
        return
    if state.get("solving"):
        st.warning(t("busy", lang))
        return
    state["solving"] = True
    try:
        with st.status(t("solving", lang)) as status:
            t0 = time.perf_counter()
            result = solve(scenario, what_if)
            state["current"] = {"key": key, "what_if": what_if, "result": result,
                                "token": uuid.uuid4().hex}
            status.update(label=t("solved_in", lang, seconds=fmt.decimal(
                time.perf_counter() - t0)), state="complete")
    except Exception as exc:  # a solver failure is reported, never shown as a traceback
        st.error(t("unexpected", lang, kind=type(exc).__name__, detail=exc))
    finally:
        state["solving"] = False


def keep_valid(key: str, options, many: bool = True) -> None:
    """Drop from a widget's remembered value what is no longer among its options."""
    if key not in state:
        return
    if many:
        state[key] = [v for v in state[key] if v in options]
    elif state[key] not in options:
        del state[key]


# --- result sections -----------------------------------------------------------------------------

def show_status(result: Result, what_if: WhatIf, lang: str) -> None:
    """What is shown (baseline or what-if), the solver's word on it, the rules on, and — when
    the rules cannot be met — what is missing and where."""
    plan = result.plan
    if what_if.is_empty():
        st.info(t("showing_baseline", lang))
    else:
        st.info(t("showing_whatif" if result.solved else "showing_whatif_no_plan", lang,
                   changes=figures.describe_changes(what_if, lang)))
    st.caption(t("status_line", lang, status=t(f"status_{plan.status.value}", lang),
                  solver=plan.solver, seconds=fmt.decimal(sum(result.timings.values())),
                  variables=fmt.integer(plan.n_variables)))
    active = rule_views.active_summary(result.scenario, lang)
    if active:
        st.caption(active)
    if plan.status is Status.INFEASIBLE:
        show_infeasible(result, lang)
    elif not result.solved:
        st.error(t("no_plan", lang, status=t(f"status_{plan.status.value}", lang)))


def show_infeasible(result: Result, lang: str) -> None:
    """Why the rules cannot be met, in planner words, then where (one row per rule and state)."""
    plan = result.plan
    lines = rule_views.explanation(plan.rules, result.scenario.params.equity_floor, lang)
    body = "\n".join(f"- {line}" for line in lines) if lines else t("infeasible_unexplained",
                                                                    lang)
    st.error(f"**{t('infeasible_head', lang)}**\n\n{body}", icon=":material/block:")
    st.markdown(t("infeasible_try", lang))
    if result.scenario.params.one_doctor_per_centre and result.hand_indicators is not None:
        st.caption(t("infeasible_hand", lang, no_doctor=fmt.integer(
            result.hand_indicators.headline["centres_no_doctor_after"])))
    if lines:
        st.subheader(t("rules_unmet", lang))
        st.dataframe(rule_views.unmet_table(plan.rules, lang), hide_index=True)


def show_summary(result: Result, base: Result, what_if: WhatIf, token: str, name: str,
                 lang: str) -> None:
    """Headline figures (deltas against the baseline), budget, hand rule, specialties."""
    figs = figures.headline_figures(result, None if what_if.is_empty() else base, lang)
    cols = st.columns(4) + st.columns([5, 5, 4, 4])  # pesos need wider cards
    for col, f in zip(cols, figs, strict=True):
        col.metric(figures.figure_label(f, lang), fmt.compact(f.value, f.kind),
                   delta=None if f.delta is None else fmt.signed(f.delta, f.kind),
                   delta_color=figures.delta_colour(f), help=figures.figure_help(f, lang),
                   border=True)
    h = result.indicators.headline
    st.markdown(t("budget_line", lang, month=fmt.mxn(h["bonus_month"]),
                   year=fmt.mxn(h["bonus_year"]), budget=fmt.mxn(h["budget_month"]),
                   share=fmt.percent(h["budget_used"])))
    download_result(result, token, name, t("current_name", lang), lang, key="current")
    st.subheader(t("hand_header", lang))
    st.markdown(figures.hand_rule_text(result, lang))
    st.dataframe(figures.hand_rule_table(result, lang), hide_index=True)
    st.caption(t("hand_rule_is", lang))
    show_advantage_by_state(result, lang)
    st.subheader(t("by_specialty", lang))
    spec = tables.specialty_table(result, lang)
    st.dataframe(spec, hide_index=True, column_config=_formats(tables.SPECIALTY_COLUMNS, lang))


def show_advantage_by_state(result: Result, lang: str) -> None:
    """The optimiser's advantage per state (chart and table); folded away, and said to offset,
    when the two plans cover the same total need."""
    tie = figures.hand_rule_ties(result)
    with st.expander(t("adv_tie_expander", lang)) if tie else st.container():
        if not tie:
            st.markdown(f"**{t('adv_header', lang)}**")
        metric = st.radio(t("adv_metric", lang), list(figures.ADVANTAGE), horizontal=True,
                          format_func=lambda m: t(figures.ADVANTAGE[m][1], lang),
                          key="adv_metric")
        table = figures.advantage_by_state(result, metric)
        if (table["advantage"] == 0).all():
            st.caption(t("adv_all_equal", lang))
            return
        _, _, kind, better = figures.ADVANTAGE[metric]
        axis = t("adv_axis_fewer" if better == "down" else "adv_axis", lang)
        st.altair_chart(charts.advantage_chart(table, axis, lang,
                                               ",.1f" if kind == "dec" else ",d"),
                        width="stretch")
        total = fmt.signed(figures.national_advantage(result, metric), kind)
        st.caption(t("adv_tie_caption", lang) if tie else t("adv_caption", lang, total=total))
        st.dataframe(figures.advantage_table(table, metric, lang), hide_index=True)


def _formats(columns: tuple[str, ...], lang: str) -> dict:
    return {h: st.column_config.NumberColumn(format=f)
            for h, f in tables.number_formats(columns, lang).items()}


def download_result(result: Result, token: str, workbook: str, label: str, lang: str,
                    key: str) -> None:
    """One click downloads the result workbook the CLI writes; a second button, the same with
    its marginal values confirmed by integer re-solves (slower, so only on explicit request).

    Each workbook is built when its button is clicked (Streamlit runs the builder then, off the
    script) and kept in the session for a repeated click.
    """
    books = state.setdefault("books", {})

    def builder(confirm: bool):
        def build() -> bytes:
            k = (token, lang, confirm)
            if k not in books:
                while len(books) >= MAX_BOOKS:
                    books.pop(next(iter(books)))
                books[k] = sources.result_workbook_bytes(result, lang, confirm=confirm)
            return books[k]
        return build

    name = sources.result_file_name(workbook, label)
    row = st.container(horizontal=True, vertical_alignment="center")
    row.download_button(t("download_result", lang), builder(False), file_name=name,
                        mime=sources.XLSX_MIME, key=f"download:{key}", on_click="ignore",
                        icon=":material/download:", type="primary",
                        help=t("download_help", lang))
    row.download_button(t("download_confirmed", lang), builder(True),
                        file_name=sources.result_file_name_confirmed(name),
                        mime=sources.XLSX_MIME, key=f"download_confirmed:{key}",
                        on_click="ignore", icon=":material/fact_check:",
                        help=t("download_confirmed_help", lang))


def show_charts(result: Result, lang: str) -> None:
    """The states map and the before/after charts by state and by category."""
    ind = result.indicators
    st.subheader(t("map_header", lang))
    metric = st.radio(t("map_metric", lang), list(charts.MAP_METRICS), horizontal=True,
                      format_func=lambda m: t(charts.MAP_METRICS[m][1], lang), key="map_metric")
    st.vega_lite_chart(charts.states_map(ind.by_state, metric, lang), width="stretch")
    st.caption(t("map_note", lang))
    st.subheader(t("chart_state_header", lang))
    c1, c2 = st.columns(2)
    c1.altair_chart(charts.state_at_target_chart(ind.by_state, lang), width="stretch")
    c2.altair_chart(charts.state_spec_gap_chart(ind.by_state, lang), width="stretch")
    st.subheader(t("chart_category_header", lang))
    st.altair_chart(charts.category_gap_chart(ind.by_category, lang), width="stretch")


def show_units(result: Result, lang: str) -> None:
    """Every unit before and after, filtered by state, type, grade and CLUES or name."""
    opts = tables.option_values(result)
    for k, o in (("f_states", opts["states"]), ("f_kinds", opts["kinds"]),
                 ("f_grades", opts["grades"])):
        keep_valid(k, o)
    c = st.columns([2, 2, 2, 3])
    f = tables.UnitFilter(
        states=tuple(c[0].multiselect(t("f_state", lang), opts["states"], key="f_states",
                                     placeholder=t("all", lang))),
        kinds=tuple(c[1].multiselect(t("f_kind", lang), opts["kinds"], key="f_kinds",
                                     placeholder=t("all", lang),
                                     format_func=lambda k: tables.kind_word(k, lang))),
        grades=tuple(c[2].multiselect(t("f_grade", lang), opts["grades"], key="f_grades",
                                     placeholder=t("all", lang))),
        search=c[3].text_input(t("f_search", lang), key="f_search"),
        only_placed=st.checkbox(t("f_only_placed", lang), key="f_only_placed"))
    view = tables.units_table(result, f, lang)
    st.caption(t("units_count", lang, shown=fmt.integer(len(view)),
                  total=fmt.integer(len(result.indicators.units))))
    st.dataframe(view, hide_index=True, column_config=_formats(tables.UNIT_COLUMNS, lang))
    placements = (tables.assignments_table(result, view[tables.header("clues", lang)], lang)
                  if 0 < len(view) <= 500 else None)
    if placements is not None and not placements.empty:
        st.markdown(f"**{t('assignments_header', lang)}**")
        st.dataframe(placements, hide_index=True,
                     column_config=_formats(tables.ASSIGNMENT_COLUMNS, lang))


def show_rules(result: Result, lang: str) -> None:
    """Which rules are on and why, then the tables of the rules on: state pools, vacancies held
    back by linked specialties, equity floors."""
    st.caption(t("rules_intro", lang))
    badge = {True: f":green-badge[{t('rule_on', lang)}]",
             False: f":gray-badge[{t('rule_off', lang)}]"}
    st.markdown("\n".join(f"- **{name}** {badge[on]} — {detail}"
                          for name, on, detail in rule_views.rule_lines(result.scenario, lang)))
    ind = result.indicators
    active = rule_views.active(result.scenario)
    if active["state_pools"] and len(ind.pools):
        st.subheader(t("pools_header", lang))
        st.markdown(rule_views.pools_sentence(ind, lang))
        st.dataframe(rule_views.pools_table(ind, lang), hide_index=True)
        st.caption(t("pools_caption", lang))
    if active["linked_specialties"]:
        st.subheader(t("linked_header", lang))
        if ind.linked.empty:
            st.markdown(t("linked_none", lang))
        else:
            st.markdown(t("linked_summary", lang,
                           n=fmt.integer(ind.linked["held_back"].sum())))
            st.dataframe(rule_views.linked_table(ind, lang), hide_index=True)
    if active["equity_floor"]:
        st.subheader(t("floors_header", lang))
        if ind.floors.empty:
            st.markdown(t("floors_none", lang))
        else:
            st.markdown(rule_views.floors_sentence(ind, lang))
            st.dataframe(rule_views.floors_table(ind, lang), hide_index=True)


def show_frontier(scenario: Scenario, key: str, result: Result, what_if: WhatIf,
                  lang: str) -> None:
    """The budget–coverage frontier of the scenario shown: computed on request (one solve per
    budget, here in this process), kept per scenario and what-if, read in a sentence."""
    store = state.setdefault("frontiers", {})
    fkey = (key, what_if_key(what_if))
    st.caption(t("frontier_intro", lang, n=FRONTIER_POINTS,
                  budget=fmt.mxn(result.scenario.params.budget)))
    if not what_if.is_empty():
        st.caption(t("frontier_for", lang, changes=figures.describe_changes(what_if, lang)))
    table = store.get(fkey)
    if table is None:
        if state.pop("frontier_requested", None) != fkey:  # set by the button's callback
            st.button(t("frontier_compute", lang), type="primary", key="frontier_compute",
                      icon=":material/show_chart:", on_click=_request_frontier, args=(fkey,))
            return
        table = compute_frontier(scenario, what_if, lang)
        if table is None:
            return
        store[fkey] = table
    st.markdown("\n\n".join(frontier_views.reading(table, lang)))
    # d3's plain number format: a flat panel's axis reads 3, not 3.000000
    st.altair_chart(frontier_chart(table, lang).configure_axis(format=",~f"))
    st.caption(t("frontier_current", lang))
    with st.expander(t("frontier_table", lang)):
        st.dataframe(frontier_views.points_table(table, lang), hide_index=True,
                     column_config={h: st.column_config.NumberColumn(format=f)
                                    for h, f in frontier_views.number_formats(lang).items()})


def _request_frontier(fkey: tuple[str, str]) -> None:
    """The frontier button's callback: the run it triggers computes, without the button."""
    state["frontier_requested"] = fkey


def compute_frontier(scenario: Scenario, what_if: WhatIf, lang: str):
    """planner.pipeline.budget_frontier with a progress bar (serially: no cluster in the app)."""
    if state.get("solving"):
        st.warning(t("busy", lang))
        return None
    state["solving"] = True
    try:
        with st.status(t("frontier_start", lang), expanded=True) as status:
            bar = st.progress(0.0, text=t("frontier_running", lang, done=0,
                                           total=FRONTIER_POINTS))
            t0 = time.perf_counter()

            def progress(done: int, total: int) -> None:
                bar.progress(done / total, text=t("frontier_running", lang, done=done,
                                                   total=total))

            table = budget_frontier(scenario, what_if, workers=1, include_current=True,
                                    on_result=progress, lang=lang)
            status.update(label=t("frontier_done", lang, n=len(table), seconds=fmt.decimal(
                time.perf_counter() - t0)), state="complete", expanded=False)
        return table
    except Exception as exc:  # a solver failure is reported, never shown as a traceback
        st.error(t("unexpected", lang, kind=type(exc).__name__, detail=exc))
        return None
    finally:
        state["solving"] = False


def show_scenarios(result: Result, base: Result, what_if: WhatIf, token: str, key: str,
                   name: str, lang: str) -> None:
    """Save the current what-if, compare saved ones side by side, download any result."""
    saved = state.setdefault("saved", {})
    st.subheader(t("save_header", lang))
    with st.form("save_scenario", clear_on_submit=True, border=False):
        c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
        label = c1.text_input(t("save_name", lang), key="save_name")
        if c2.form_submit_button(t("save_button", lang)):
            if not label.strip():
                st.warning(t("save_empty_name", lang))
            else:
                saved[label.strip()] = {"key": key, "workbook": name, "what_if": what_if,
                                        "result": result, "token": token}
                picked = [v for v in state.get("compare", []) if v != label.strip()] or [BASE]
                state["compare"] = picked + [label.strip()]  # compare what was just saved
                st.success(t("saved_ok", lang, name=label.strip()))
    if not saved:
        st.info(t("no_saved", lang))
    # every scenario of this workbook that can be compared or downloaded
    choices = {BASE: (base, WhatIf(), name, f"base:{key}")}
    choices.update({n: (s["result"], s["what_if"], s["workbook"], s["token"])
                    for n, s in saved.items() if s["key"] == key})
    shown = {n: t("baseline_name", lang) if n == BASE else n for n in choices}
    st.dataframe([{t("download_pick", lang): shown[n], t("changes", lang):
                   figures.describe_changes(c[1], lang)} for n, c in choices.items()],
                 hide_index=True)
    st.subheader(t("compare_header", lang))
    keep_valid("compare", choices)
    picked = st.multiselect(t("compare_pick", lang), list(choices), key="compare",
                            placeholder=t("choose", lang), format_func=shown.get)
    if len(picked) < 2:
        st.caption(t("compare_need_two", lang))
    else:
        named = {shown[n]: choices[n][0] for n in picked}
        st.dataframe(figures.compare_headlines(named, lang), hide_index=True)
        metric = st.selectbox(t("compare_metric", lang), list(figures.STATE_METRICS),
                              format_func=lambda m: t(m, lang), key="compare_metric")
        table = figures.compare_states(named, metric)
        st.markdown(f"**{t('compare_states', lang, ref=shown[picked[0]])}**")
        st.altair_chart(charts.compare_states_chart(table, list(named), t(metric, lang), lang),
                        width="stretch")
        st.dataframe(table.rename(columns={"state": t("state", lang)}), hide_index=True,
                     column_config={c: st.column_config.NumberColumn(format="%,d")
                                    for c in table.columns if c != "state"})
    st.subheader(t("download_header", lang))
    keep_valid("download_pick", choices, many=False)
    pick = st.selectbox(t("download_pick", lang), list(choices), key="download_pick",
                        format_func=shown.get)
    chosen, _, workbook, chosen_token = choices[pick]
    if chosen.solved:
        download_result(chosen, chosen_token, workbook, shown[pick], lang, key="saved")


def show_marginal(result: Result, token: str, lang: str) -> None:
    """Marginal values in planner words (planner.analysis.marginals, as in the result workbook)."""
    st.subheader(t("marginal_header", lang))
    st.caption(t("marginal_intro", lang))
    confirmed = state.setdefault("confirmed", {})
    table = confirmed.get((token, lang))
    if table is None:
        table = sensitivity.marginal_table(result, confirm=False, lang=lang)
    if table.empty:
        st.info(t("marginal_none", lang))
        return
    sentence = MARGINAL_COLUMNS["sentence"][0 if lang == "es" else 1]
    st.markdown("\n".join(f"- {s}" for s in table[sentence]))
    if (token, lang) not in confirmed and st.button(t("confirm_marginal", lang),
                                                    key="confirm_marginal"):
        with st.spinner(t("confirming", lang)):
            confirmed[(token, lang)] = sensitivity.marginal_table(result, confirm=True, lang=lang)
        st.rerun()
    st.dataframe(table.drop(columns=[sentence]), hide_index=True)


# --- the screen ----------------------------------------------------------------------------------

def main() -> None:
    lang = st.sidebar.radio(t("language"), list(LANG_NAMES), format_func=LANG_NAMES.get,
                            horizontal=True, key="lang")
    st.title(t("title", lang))
    st.caption(t("subtitle", lang))
    sidebar_source(lang)
    # Messages that come and go live in fixed containers, so the tabs below keep their place
    # (and the planner's selected tab) from one run to the next.
    with st.container():
        take_upload()
        show_upload_outcome(lang)
        source = current_source(lang)
        if source is None:
            st.stop()
        key, name, scenario = source
        try:
            with st.spinner(t("baseline_solving", lang)):
                base = baseline(key, scenario)
        except Exception as exc:  # a solver failure is reported, never shown as a traceback
            st.error(t("unexpected", lang, kind=type(exc).__name__, detail=exc))
            st.stop()
    sidebar_scenario(scenario, name, lang)
    what_if = what_if_form(scenario, key, lang)
    if st.sidebar.button(t("reset", lang), key="reset"):
        state.pop("current", None)
    with st.container():
        if what_if is not None:
            run_what_if(scenario, key, what_if, lang)
    current = state.get("current")
    if current is not None and current["key"] == key:
        result, what_if, token = current["result"], current["what_if"], current["token"]
    else:
        result, what_if, token = base, WhatIf(), f"base:{key}"
    with st.container():
        show_status(result, what_if, lang)
    if not result.solved:
        st.stop()
    tabs = st.tabs([t(k, lang) for k in ("tab_summary", "tab_charts", "tab_units",
                                          "tab_rules", "tab_frontier", "tab_scenarios",
                                          "tab_marginal")])
    with tabs[0]:
        show_summary(result, base, what_if, token, name, lang)
    with tabs[1]:
        show_charts(result, lang)
    with tabs[2]:
        show_units(result, lang)
    with tabs[3]:
        show_rules(result, lang)
    with tabs[4]:
        show_frontier(scenario, key, result, what_if, lang)
    with tabs[5]:
        show_scenarios(result, base, what_if, token, key, name, lang)
    with tabs[6]:
        show_marginal(result, token, lang)


main()
