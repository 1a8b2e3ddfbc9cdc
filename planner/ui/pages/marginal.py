"""Tab "Valores marginales" (marginal values): in planner words, as in the result workbook,
confirmed by integer re-solves on request."""

from __future__ import annotations

import streamlit as st

from planner import pipeline
from planner.analysis.marginals import COLUMNS as MARGINAL_COLUMNS
from planner.core.words import t
from planner.ui.pages.view import View

KEY = "tab_marginal"


def render(view: View) -> None:
    """Marginal values in planner words (planner.analysis.marginals, as in the result workbook)."""
    result, token, lang = view.result, view.token, view.lang
    st.subheader(t("marginal_header", lang))
    st.caption(t("marginal_intro", lang))
    confirmed = st.session_state.setdefault("confirmed", {})
    table = confirmed.get((token, lang))
    if table is None:
        table = pipeline.marginal_table(result, confirm=False, lang=lang)
    if table.empty:
        st.info(t("marginal_none", lang))
        return
    sentence = MARGINAL_COLUMNS["sentence"][0 if lang == "es" else 1]
    st.markdown("\n".join(f"- {s}" for s in table[sentence]))
    if (token, lang) not in confirmed and st.button(t("confirm_marginal", lang),
                                                    key="confirm_marginal"):
        with st.spinner(t("confirming", lang)):
            confirmed[(token, lang)] = pipeline.marginal_table(result, confirm=True, lang=lang)
        st.rerun()
    st.dataframe(table.drop(columns=[sentence]), hide_index=True)
