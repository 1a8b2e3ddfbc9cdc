"""Tab "Candidatos" (registered candidates, issue 14): the assignment mode, each candidate's post
and option rank (folios only), posts filled / without applicants / lost, posts nobody chose by
state and specialty (table, chart and map), and what stability costs."""

from __future__ import annotations

import time
from dataclasses import replace

import streamlit as st

from planner import pipeline
from planner.core import fmt
from planner.core.privacy import redact
from planner.core.words import t
from planner.ui import candidate_views as cv
from planner.ui import candidate_waits as cw
from planner.ui import charts
from planner.ui.pages.view import View, coded_radio

KEY = "tab_candidates"


def _mode_word(mode: str, lang: str) -> str:
    return t(f"candp_mode_{mode}", lang)


def _result_for(view: View, mode: str):
    """The plan in ``mode``: one solved (or compared) here on request, kept per shown plan and
    mode, else the one shown when it is already in that mode, else None."""
    runs = st.session_state.setdefault("cand_runs", {})
    if (view.token, mode) in runs:
        return runs[(view.token, mode)]
    shown = view.result.candidates.mode if view.result.candidates is not None else "por_oferta"
    return view.result if mode == shown else None


def render(view: View) -> None:
    lang, scenario = view.lang, view.scenario
    st.subheader(t("candp_header", lang))
    if not cv.has_list(scenario):
        st.info(t("candp_no_list", lang))
        return
    if cv.is_synthetic(scenario):
        st.warning(t("candp_synthetic", lang, n=fmt.integer(len(scenario.candidates))))
    shown = view.result.candidates.mode if view.result.candidates is not None else "por_oferta"
    mode = coded_radio(t("candp_mode", lang), cv.MODES, lambda m: _mode_word(m, lang),
                       f"cand_mode:{view.token}", lang, default=shown, horizontal=True,
                       help=t("candp_mode_help", lang))
    if mode == "por_oferta":
        if shown == "por_oferta":
            st.info(t("candp_por_oferta", lang))
        else:  # the plan shown assigns people; por_oferta is another model, solved by the form
            st.info(t("candp_por_oferta_shown", lang, mode=_mode_word(shown, lang),
                      header=t("wi_modes_header", lang),
                      field=t("wi_mode_assignment_mode", lang),
                      por_oferta=_mode_word("por_oferta", lang), solve=t("solve", lang)))
        return
    result = _result_for(view, mode)
    state = st.session_state
    measured = state.setdefault("cand_seconds", {})  # (scenario key, mode) -> seconds of a run
    if result is None:
        if st.button(t("candp_run", lang, mode=_mode_word(mode, lang)), key="cand_run",
                     type="primary"):
            # the chosen mode only; the other (price of stability) on its own button below
            _run(view, lang, mode, lambda: pipeline.solve(
                scenario, replace(view.what_if, assignment_mode=mode), compare_modes=False),
                t("candp_running", lang), timed=True)
        st.caption(cw.run_caption(scenario, mode, lang, measured.get((view.key, mode))))
        return
    if not result.solved or result.candidates is None:
        st.error(t("candp_failed", lang))
        return
    if result is not view.result:
        st.caption(t("candp_only_here", lang))
    _show(result, view, lang)


def _run(view: View, lang: str, mode: str, compute, words: str, timed: bool = False) -> None:
    """Compute a candidates result on click (one solve at a time per session, as the what-if
    form), keep it per shown plan and mode, and show it."""
    state = st.session_state
    if state.get("solving"):
        st.warning(t("busy", lang))
        return
    state["solving"] = True
    started = time.perf_counter()
    try:
        with st.spinner(words):
            result = compute()
    except Exception as exc:  # a solver failure is reported, never as a traceback
        st.error(t("unexpected", lang, kind=type(exc).__name__, detail=redact(str(exc), lang)))
        return
    finally:
        state["solving"] = False
    if timed:
        state.setdefault("cand_seconds", {})[(view.key, mode)] = time.perf_counter() - started
    state.setdefault("cand_runs", {})[(view.token, mode)] = result
    st.rerun()


def _stability(result, view: View, lang: str) -> None:
    """The price of stability in a sentence, or the button that computes the other mode."""
    cres = result.candidates
    if cres.other is not None:
        st.info(cv.stability_sentence(result, lang))
        return
    other_mode = "estable" if cres.mode == "optimo" else "optimo"
    other = _mode_word(other_mode, lang)
    known = _result_for(view, other_mode)  # the other mode, if this session already ran it
    if st.button(t("candp_compare", lang, other=other), key="cand_compare",
                 icon=":material/balance:"):
        _run(view, lang, cres.mode,
             lambda: pipeline.compare_assignments(result, known=known),
             t("candp_comparing", lang, other=other))
    if known is not None:
        st.caption(t("candp_compare_known", lang, other=other))
    else:
        st.caption(cw.compare_caption(result, other, lang))


def _show(result, view: View, lang: str) -> None:
    scenario = view.scenario
    h = cv.headline(result, scenario)
    c = st.columns(4)
    c[0].metric(t("candp_placed", lang), fmt.integer(h.placed),
                help=t("candp_placed_help", lang, total=fmt.integer(h.registered)))
    c[0].caption(t("candp_of", lang, total=fmt.integer(h.registered),
                   pct=fmt.percent(h.placed / h.registered if h.registered else None)))
    c[1].metric(t("candp_filled", lang), fmt.integer(h.filled + h.partial))
    c[1].caption(t("candp_filled_note", lang, posts=fmt.integer(h.posts),
                   partial=fmt.integer(h.partial)))
    c[2].metric(t("candp_no_applicants", lang), fmt.integer(h.no_applicants))
    c[2].caption(t("candp_no_applicants_note", lang))
    c[3].metric(t("candp_lost", lang), fmt.integer(h.lost))
    c[3].caption(t("candp_lost_note", lang))
    st.markdown(f"#### {t('candp_by_kind_header', lang)}")
    st.dataframe(cv.kind_table(result, scenario, lang), hide_index=True)
    for line in cv.rule_shortfalls(result, lang):  # estable: rules not imposed, with shortfall
        st.warning(line, icon=":material/rule:")
    _stability(result, view, lang)

    st.markdown(f"#### {t('candp_unwanted_header', lang)}")
    st.caption(t("candp_unwanted_intro", lang))
    rows = cv.unwanted_rows(result)
    if rows.empty:
        st.success(t("candp_unwanted_none", lang))
    else:
        st.altair_chart(cv.unwanted_chart(result, lang), width="stretch")
        table = cv.unwanted_table(result, lang)
        st.dataframe(table, hide_index=True, width="stretch", column_config={
            h_: st.column_config.NumberColumn(format="%,d") for h_ in table.columns[2:]})
        by_state = cv.with_unwanted(result.indicators.by_state, result)
        st.markdown(f"**{t('map_unwanted', lang)}**")
        st.vega_lite_chart(charts.states_map(by_state, "unwanted", lang), width="stretch")

    st.markdown(f"#### {t('candp_people_header', lang)}")
    people = cv.people_table(result, scenario, lang)
    c1, c2 = st.columns([1, 2])
    cats = sorted(people[t("candp_col_category", lang)].dropna().unique())
    picked = c1.multiselect(t("candp_col_category", lang), cats, key="cand_cats",
                            placeholder=t("all", lang))
    folio = c2.text_input(t("candp_folio_search", lang), key="cand_folio")
    shown = people
    if picked:
        shown = shown[shown[t("candp_col_category", lang)].isin(picked)]
    if folio.strip():
        shown = shown[shown[t("candp_col_folio", lang)].astype(str).str.contains(
            folio.strip(), case=False, regex=False)]
    st.caption(t("candp_people_count", lang, shown=fmt.integer(len(shown)),
                  total=fmt.integer(len(people))))
    st.dataframe(shown.head(5000), hide_index=True, width="stretch")
