"""Tab "Escenarios" (scenarios): save the current what-if, compare saved ones side by side,
download any result."""

from __future__ import annotations

import streamlit as st

from planner.core.scenario import WhatIf
from planner.core.words import t
from planner.ui import charts, compare_views, figures
from planner.ui.pages.download import download_result
from planner.ui.pages.view import (
    BASE,
    View,
    choose_codes,
    chosen_codes,
    coded_multiselect,
    coded_selectbox,
    number_columns,
)

KEY = "tab_scenarios"


def render(view: View) -> None:
    """Save the current what-if, compare saved ones side by side, download any result."""
    lang, key, name = view.lang, view.key, view.name
    state = st.session_state
    saved = state.setdefault("saved", {})
    st.subheader(t("save_header", lang))
    if not view.who.can_change:  # consulta compares what is stored, never stores or deletes
        st.caption(t("scope_read_only_save", lang))
    else:
        with st.form("save_scenario", clear_on_submit=True, border=False):
            c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
            label = c1.text_input(t("save_name", lang), key="save_name")
            if c2.form_submit_button(t("save_button", lang)):
                if not label.strip():
                    st.warning(t("save_empty_name", lang))
                else:
                    saved[label.strip()] = {"key": key, "workbook": name,
                                            "what_if": view.what_if, "result": view.result,
                                            "token": view.token}
                    picked = [v for v in chosen_codes("compare") if v != label.strip()] or [BASE]
                    # compare what was just saved
                    choose_codes("compare", lang, picked + [label.strip()])
                    st.success(t("saved_ok", lang, name=label.strip()))
                    _store(label.strip(), view, lang)
    if not saved:
        st.info(t("no_saved", lang))
    _stored(view)
    # every scenario of this workbook that can be compared or downloaded
    choices = {BASE: (view.base, WhatIf(), name, f"base:{key}")}
    choices.update({n: (s["result"], s["what_if"], s["workbook"], s["token"])
                    for n, s in saved.items() if s["key"] == key})
    shown = {n: t("baseline_name", lang) if n == BASE else n for n in choices}
    st.dataframe([{t("download_pick", lang): shown[n], t("changes", lang):
                   figures.describe_changes(c[1], lang)} for n, c in choices.items()],
                 hide_index=True)
    st.subheader(t("compare_header", lang))
    picked = coded_multiselect(t("compare_pick", lang), list(choices), shown.get, "compare",
                               lang, placeholder=t("choose", lang))
    if len(picked) < 2:
        st.caption(t("compare_need_two", lang))
    else:
        named = {shown[n]: choices[n][0] for n in picked}
        ref = shown[picked[0]]
        st.markdown(f"**{t('cmpv_inputs_header', lang)}**")
        inputs = compare_views.differing_inputs(named, lang)
        if inputs.empty:
            st.caption(t("cmpv_inputs_same", lang))
        else:
            st.dataframe(inputs, hide_index=True, width="stretch",
                         column_config=_right_aligned(inputs, inputs.columns[1:]))
        st.markdown(f"**{t('cmpv_results_header', lang)}**")
        heads = figures.compare_headlines(named, lang)
        long = t("delta_vs", lang, ref=ref) + " · "
        heads = heads.rename(columns={c: "Δ " + c[len(long):] for c in heads.columns
                                      if c.startswith(long)})
        st.dataframe(heads, hide_index=True, width="stretch",
                     column_config=_right_aligned(heads, heads.columns[1:]))
        st.caption(t("cmpv_delta_note", lang, ref=ref))
        metrics = compare_views.metrics_in_order(named)
        metric = coded_selectbox(t("compare_metric", lang), metrics, lambda m: t(m, lang),
                                 "compare_metric", lang)
        table = figures.compare_states(named, metric)
        st.markdown(f"**{t('compare_states', lang, ref=ref)}**")
        solved = [n for n, r in named.items() if r.solved]  # an infeasible one has no states
        if compare_views.moves(table):
            st.altair_chart(charts.compare_states_chart(table, solved, t(metric, lang), lang),
                            width="stretch")
        else:
            st.info(t("cmpv_no_move", lang))
        st.dataframe(table.rename(columns={"state": t("state", lang)}), hide_index=True,
                     column_config=number_columns({c: "%,d" for c in table.columns
                                                   if c != "state"}))
    st.subheader(t("download_header", lang))
    pick = coded_selectbox(t("download_pick", lang), list(choices), shown.get, "download_pick",
                           lang)
    chosen, _, workbook, chosen_token = choices[pick]
    if chosen.solved:
        download_result(view, chosen, chosen_token, workbook, shown[pick], key="saved")


def _right_aligned(table, columns) -> dict:
    """Text columns holding formatted numbers, right-aligned like numbers, wide enough for their
    longest value (compare_views.fit_widths)."""
    widths = compare_views.fit_widths(table, columns)
    return {c: st.column_config.TextColumn(c, alignment="right", width=widths[c])
            for c in columns}


def _input_bytes(view: View) -> bytes:
    """The bytes of the workbook in use: the planner's upload, else the default file."""
    from planner.ui.names import default_workbook

    upload = st.session_state.get("upload")
    if view.key.startswith("upload:") and upload is not None:
        return upload.getvalue()
    return default_workbook().read_bytes()


def _store(label: str, view: View, lang: str) -> None:
    """Keep the saved what-if in the database too (planner/store/phases.py): it outlives the tab.
    The row records its owner and the states of the workbook's units; an ``estatal`` account
    stores only a workbook within its states (what it could download again)."""
    from planner.store.phases import ScopeError, save_scenario

    try:
        save_scenario(label, _input_bytes(view), view.name, view.what_if, who=view.who,
                      states=view.workbook_states or None)
    except ScopeError as exc:
        st.warning(t(exc.code, lang, **exc.params))
    except Exception as exc:  # the session copy is kept; say the database did not take it
        st.warning(t("db_save_failed", lang, detail=f"{type(exc).__name__}: {exc}"))


def _delete(row_id: int, who, lang: str) -> None:
    """The delete button's callback (before the rerun, so the list below is already without it)."""
    from planner.store.phases import ScopeError, delete_scenario

    try:
        gone = delete_scenario(row_id, who=who)
        st.session_state["db_deleted"] = ("success", t("scope_deleted", lang, name=gone))
    except ScopeError as exc:
        st.session_state["db_deleted"] = ("warning", t(exc.code, lang, **exc.params))
    except KeyError:
        st.session_state["db_deleted"] = ("warning", t("db_none", lang))
    except Exception as exc:
        st.session_state["db_deleted"] = ("warning", t("db_read_failed", lang,
                                                       detail=f"{type(exc).__name__}: {exc}"))


def _stored(view: View) -> None:
    """Scenarios kept in the database (this and earlier sessions) that the account sees (all,
    or for an ``estatal`` account those of its states), each downloadable as its workbook with
    the what-if's parameters written in, and deletable by its owner or a national account."""
    from planner.store.access import who_key
    from planner.store.phases import export_bytes, list_scenarios

    lang, who = view.lang, view.who
    try:
        rows = list_scenarios(who=who)
    except Exception as exc:
        st.warning(t("db_read_failed", lang, detail=f"{type(exc).__name__}: {exc}"))
        return
    st.subheader(t("db_header", lang))
    said = st.session_state.pop("db_deleted", None)
    if said is not None:
        getattr(st, said[0])(said[1])
    if not rows:
        st.caption(t("db_none", lang))
        return
    me = who_key(who.account)
    st.dataframe([{t("db_col_id", lang): r["id"], t("db_col_name", lang): r["nombre"],
                   t("db_col_when", lang): f"{r['creado']:%Y-%m-%d %H:%M}",
                   t("db_col_book", lang): r["libro"], "sha256": r["sha256"][:12],
                   t("scope_col_states", lang): r["estados"] or "—",
                   t("scope_col_owner", lang): t("scope_owner_you", lang)
                   if r["propietario"] == me else (r["propietario"] or "—"),
                   t("db_col_inputs", lang): ", ".join(f"{k}={v}" for k, v in
                                                       r["entradas"].items()) or "—"}
                  for r in rows], hide_index=True, width="stretch")
    if not view.can_download:
        return
    names = {r["id"]: f"{r['id']} · {r['nombre']}" for r in rows}
    pick = st.selectbox(t("db_pick", lang), list(names), format_func=names.get, key="db_pick")
    if pick is not None:
        st.download_button(t("db_download", lang), export_bytes("escenario", pick, who=who),
                           file_name=f"escenario_{pick}.xlsx", on_click="ignore",
                           mime="application/vnd.openxmlformats-officedocument."
                                "spreadsheetml.sheet", icon=":material/download:")
    mine = {r["id"]: names[r["id"]] for r in rows if r["borrable"]}
    if not mine:
        st.caption(t("scope_delete_none", lang))
        return
    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    gone = c1.selectbox(t("scope_delete_pick", lang), list(mine), format_func=mine.get,
                        key="db_delete_pick")
    c2.button(t("scope_delete_button", lang), key="db_delete", on_click=_delete,
              args=(gone, who, lang), icon=":material/delete:", disabled=gone is None)
