"""Tab "Valores marginales" (marginal values): in planner words, as in the result workbook,
confirmed by integer re-solves on request."""

from __future__ import annotations

import streamlit as st

from planner import pipeline
from planner.analysis import marginals
from planner.core.words import t
from planner.ui import marginal_views
from planner.ui.pages.view import View

KEY = "tab_marginal"


def render(view: View) -> None:
    """Marginal values in planner words: confirmed first, estimates said plainly (issue 15)."""
    result, token, lang = view.result, view.token, view.lang
    st.subheader(t("marginal_header", lang))
    st.caption(t("mvp_intro", lang))
    confirmed = st.session_state.setdefault("confirmed_values", {})
    checked = confirmed.get(token)  # the result with its re-solves, once confirmed
    values = (marginals.marginal_values(result, confirm=False, lang=lang) if checked is None
              else marginals.marginal_values(checked, confirm=True, lang=lang))
    if values.empty:
        st.info(t("marginal_none", lang))
        return
    st.markdown("\n".join(f"- {s}" for s in marginal_views.lines(values, lang)))
    if token not in confirmed and st.button(t("confirm_marginal", lang),
                                            key="confirm_marginal"):
        with st.spinner(t("confirming", lang)):
            confirmed[token] = pipeline.confirm_marginals(result)
        st.rerun()
    table = marginal_views.table(values, lang)
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        h: st.column_config.TextColumn(h) for h in table.columns})
