"""Tab "Frontera" (frontier): the budget–coverage frontier of the scenario shown, computed on
request (one solve per budget, serially in this process), kept per scenario and what-if."""

from __future__ import annotations

import time

import streamlit as st

from planner.core import fmt
from planner.core.privacy import redact
from planner.core.scenario import Scenario, WhatIf
from planner.core.words import t
from planner.pipeline import budget_frontier
from planner.report.sweep_book import frontier_chart
from planner.ui import figures
from planner.ui import frontier as frontier_views
from planner.ui.pages.view import View, number_columns
from planner.ui.whatif import what_if_key

KEY = "tab_frontier"
FRONTIER_POINTS = 11  # budgets of the frontier: planner.pipeline.budget_frontier's default


def render(view: View) -> None:
    """The budget–coverage frontier of the scenario shown: computed on request (one solve per
    budget, here in this process), kept per scenario and what-if, read in a sentence."""
    lang, what_if = view.lang, view.what_if
    state = st.session_state
    store = state.setdefault("frontiers", {})
    fkey = (view.key, what_if_key(what_if))
    each = _seconds_per_plan(view)
    low, high = frontier_views.wait_estimate(each, FRONTIER_POINTS)
    st.caption(t("fwp_intro", lang, n=FRONTIER_POINTS,
                  budget=fmt.mxn(view.result.scenario.params.budget), low=low, high=high))
    if not what_if.is_empty():
        st.caption(t("frontier_for", lang, changes=figures.describe_changes(what_if, lang)))
    table = store.get(fkey)
    if table is None:
        if state.pop("frontier_requested", None) != fkey:  # set by the button's callback
            st.button(t("frontier_compute", lang), type="primary", key="frontier_compute",
                      icon=":material/show_chart:", on_click=_request_frontier, args=(fkey,))
            return
        table = compute_frontier(view.scenario, what_if, lang, each)
        if table is None:
            return
        store[fkey] = table
    st.markdown("\n\n".join(frontier_views.reading(table, lang)))
    # d3's plain number format: a flat panel's axis reads 3, not 3.000000
    st.altair_chart(frontier_chart(table, lang).configure_axis(format=",~f"))
    st.caption(t("frontier_current", lang))
    with st.expander(t("frontier_table", lang)):
        st.dataframe(frontier_views.points_table(table, lang), hide_index=True,
                     column_config=number_columns(frontier_views.number_formats(lang)))


def _request_frontier(fkey: tuple[str, str]) -> None:
    """The frontier button's callback: the run it triggers computes, without the button."""
    st.session_state["frontier_requested"] = fkey


def _seconds_per_plan(view: View) -> float:
    """How long one whole plan of this scenario took (the stages the pipeline timed)."""
    r = view.result
    return float(sum(r.timings.values())) if r.timings else r.plan.seconds


def compute_frontier(scenario: Scenario, what_if: WhatIf, lang: str, each: float = 0.0):
    """planner.pipeline.budget_frontier with a progress bar (serially: no cluster in the app)."""
    state = st.session_state
    if state.get("solving"):
        st.warning(t("busy", lang))
        return None
    state["solving"] = True
    try:
        with st.status(t("frontier_start", lang), expanded=True) as status:
            bar = st.progress(0.0, text=t("fwp_first", lang, total=FRONTIER_POINTS,
                                           each=max(1, round(each))))
            t0 = time.perf_counter()

            def progress(done: int, total: int) -> None:
                left = frontier_views.remaining(time.perf_counter() - t0, done, total)
                bar.progress(done / total, text=(
                    t("frontier_running", lang, done=done, total=total) if left is None else
                    t("fwp_running", lang, done=done, total=total, left=left)))

            table = budget_frontier(scenario, what_if, workers=1, include_current=True,
                                    on_result=progress, lang=lang)
            status.update(label=t("frontier_done", lang, n=len(table), seconds=fmt.decimal(
                time.perf_counter() - t0)), state="complete", expanded=False)
        return table
    except Exception as exc:  # a solver failure is reported, never shown as a traceback
        st.error(t("unexpected", lang, kind=type(exc).__name__, detail=redact(str(exc), lang)))
        return None
    finally:
        state["solving"] = False
