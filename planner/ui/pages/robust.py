"""Tab «Robustez»: does the plan hold if the acceptance curves are wrong? The robust plan over
curve sets with its regret table, and which assumption would change the decision (issue 22
items 4 and 6), computed on request (10–15 s nationally) and kept for the session."""

from __future__ import annotations

import streamlit as st

from planner import pipeline
from planner.analysis import robustness
from planner.core.words import t
from planner.ui import robust_views
from planner.ui.pages.view import View, number_columns

KEY = "tab_robust"
SETS = 20  # curve sets of the robust plan in the app (the CLI's --robust N)


def _bullets(lines: list[str]) -> str:
    """Sentences as a markdown list, each starting with a capital letter."""
    def cap(s: str) -> str:
        s = s.strip()
        return s[:1].upper() + s[1:]

    return "\n".join(f"- {cap(s)}" for s in lines)


def render(view: View) -> None:
    result, token, lang = view.result, view.token, view.lang
    st.subheader(t("robp_header", lang))
    sc = result.scenario
    if sc.acceptance is None or sc.params.assignment_mode != "por_oferta" or not result.solved:
        st.info(t("robp_not_here", lang))
        return
    st.caption(t("robp_intro", lang, sets=SETS))
    robust = st.session_state.setdefault("robust_reports", {})
    tornado = st.session_state.setdefault("tornado_reports", {})
    left, right = st.columns(2)
    if token not in robust and left.button(t("robp_run", lang, sets=SETS), key="robp_run"):
        with st.spinner(t("robp_running", lang)):
            robust[token] = pipeline.robust_report(result, SETS, 0)
        st.rerun()
    if token not in tornado and right.button(t("robp_tornado", lang), key="robp_tornado"):
        bar = st.progress(0.0, text=t("robp_tornado_running", lang))
        tornado[token] = pipeline.decision_sensitivity(
            result, lambda i, n: bar.progress(i / n, text=t("robp_tornado_running", lang)))
        st.rerun()
    rep = robust.get(token)
    if token in robust and rep is None:
        st.warning(t("rob_no_plan", lang))
    elif rep is not None:
        st.markdown(_bullets(robustness.sentences(rep, lang)))
        table = robust_views.summary_table(rep, lang)
        st.dataframe(table, hide_index=True, width="stretch", column_config=number_columns(
            {h: "%,.1f" for h in table.columns[1:-1]} | {table.columns[-1]: "$%,d"}))
        st.altair_chart(robust_views.sets_chart(rep, lang), width="stretch")
    sens = tornado.get(token)
    if sens is not None:
        p = sc.params
        budget = p.budget if p.budget_basis == "esperado" else None
        lines = robustness.sensitivity_sentences(sens, lang, budget)
        st.markdown(f"**{lines[0]}**")  # the head sentence is the section's heading
        st.markdown(_bullets(lines[1:]))
        st.altair_chart(robust_views.tornado_chart(sens, lang), width="stretch")
