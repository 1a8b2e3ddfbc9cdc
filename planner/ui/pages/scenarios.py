"""Tab "Escenarios" (scenarios): save the current what-if, compare saved ones side by side,
download any result."""

from __future__ import annotations

import streamlit as st

from planner.core.scenario import WhatIf
from planner.core.words import t
from planner.ui import charts, figures
from planner.ui.pages.download import download_result
from planner.ui.pages.view import BASE, View, keep_valid, number_columns

KEY = "tab_scenarios"


def render(view: View) -> None:
    """Save the current what-if, compare saved ones side by side, download any result."""
    lang, key, name = view.lang, view.key, view.name
    state = st.session_state
    saved = state.setdefault("saved", {})
    st.subheader(t("save_header", lang))
    with st.form("save_scenario", clear_on_submit=True, border=False):
        c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
        label = c1.text_input(t("save_name", lang), key="save_name")
        if c2.form_submit_button(t("save_button", lang)):
            if not label.strip():
                st.warning(t("save_empty_name", lang))
            else:
                saved[label.strip()] = {"key": key, "workbook": name, "what_if": view.what_if,
                                        "result": view.result, "token": view.token}
                picked = [v for v in state.get("compare", []) if v != label.strip()] or [BASE]
                state["compare"] = picked + [label.strip()]  # compare what was just saved
                st.success(t("saved_ok", lang, name=label.strip()))
    if not saved:
        st.info(t("no_saved", lang))
    # every scenario of this workbook that can be compared or downloaded
    choices = {BASE: (view.base, WhatIf(), name, f"base:{key}")}
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
        solved = [n for n, r in named.items() if r.solved]  # an infeasible one has no states
        st.altair_chart(charts.compare_states_chart(table, solved, t(metric, lang), lang),
                        width="stretch")
        st.dataframe(table.rename(columns={"state": t("state", lang)}), hide_index=True,
                     column_config=number_columns({c: "%,d" for c in table.columns
                                                   if c != "state"}))
    st.subheader(t("download_header", lang))
    keep_valid("download_pick", choices, many=False)
    pick = st.selectbox(t("download_pick", lang), list(choices), key="download_pick",
                        format_func=shown.get)
    chosen, _, workbook, chosen_token = choices[pick]
    if chosen.solved:
        download_result(view, chosen, chosen_token, workbook, shown[pick], key="saved")
