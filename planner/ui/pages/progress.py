"""Tab «Avance»: the state of a call from the workbook's ``avance`` sheet (issue 23): filled vs
planned vs vacancies per state and category, posts still empty, bonus money committed and left."""

from __future__ import annotations

import streamlit as st

from planner.analysis.phases import call_state
from planner.core.schema import GENERAL, SPECIALTY
from planner.core.words import t
from planner.ui import phase_views
from planner.ui.pages.view import View

KEY = "tab_progress"


def render(view: View) -> None:
    lang = view.lang
    plan = view.base.plan
    planned = (plan.placements.set_index(["clues", "category"])["placed"]
               if view.base.solved else None)
    state = call_state(view.scenario, planned)
    if not state.phases:
        st.info(t("av_none", lang))
        stored_phases(view)
        return
    posts = state.posts
    st.caption(t("av_basis", lang, phases=", ".join(state.phases)))
    c = st.columns(4)
    c[0].metric(t("av_vacancies", lang), f"{int(posts['vacancies'].sum()):,}")
    c[1].metric(t("av_planned", lang), f"{int(posts['planned'].sum()):,}")
    c[2].metric(t("av_filled", lang), f"{int(posts['filled'].sum()):,}")
    c[3].metric(t("av_empty", lang), f"{int(posts['empty'].sum()):,}")
    m = st.columns(3)
    m[0].metric(t("av_budget", lang), f"${state.budget:,.0f}")
    m[1].metric(t("av_committed", lang), f"${state.committed:,.0f}")
    m[2].metric(t("av_left", lang), f"${state.left:,.0f}")
    st.altair_chart(phase_views.money_chart(state, lang), width="stretch")
    for kind, head in ((SPECIALTY, "av_head_spec"), (GENERAL, "av_head_general")):
        st.subheader(t(head, lang))
        st.altair_chart(phase_views.state_chart(state, lang, kind), width="stretch")
    st.subheader(t("av_table_head", lang))
    st.dataframe(phase_views.table(state, lang), hide_index=True, width="stretch")
    st.caption(t("av_next_hint", lang))
    stored_phases(view)


def stored_phases(view: View) -> None:
    """Phases kept in the database by ``planner status/next --guardar`` that the account sees
    (all, or for an ``estatal`` account those of its states): each one's workbook (and the next
    phase's, for ``next``) downloadable again, except by a read-only account."""
    from planner.store.phases import export_bytes, list_phases

    lang, who = view.lang, view.who
    try:
        rows = list_phases(who=who)
    except Exception as exc:
        st.warning(t("db_read_failed", lang, detail=f"{type(exc).__name__}: {exc}"))
        return
    st.subheader(t("db_phases_header", lang))
    if not rows:
        st.caption(t("db_phases_none", lang))
        return
    st.dataframe([{t("db_col_id", lang): r["id"], t("db_col_kind", lang): r["tipo"],
                   t("db_col_when", lang): f"{r['creado']:%Y-%m-%d %H:%M}",
                   t("db_col_book", lang): r["libro"], "sha256": r["sha256"][:12],
                   t("db_col_phases", lang): r["fases"] or "—",
                   t("scope_col_states", lang): r["estados"] or "—"} for r in rows],
                 hide_index=True, width="stretch")
    if not view.can_download:
        return
    names = {r["id"]: f"{r['id']} · {r['tipo']} · {r['libro']}" for r in rows}
    pick = st.selectbox(t("db_phase_pick", lang), list(names), format_func=names.get,
                        key="db_phase_pick")
    if pick is None:
        return
    kind = next(r["tipo"] for r in rows if r["id"] == pick)
    mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    st.download_button(t("db_phase_download", lang), export_bytes("fase", pick, who=who),
                       file_name=f"fase_{pick}_entrada.xlsx", mime=mime, on_click="ignore",
                       icon=":material/download:")
    if kind == "next":
        st.download_button(t("db_phase_download_next", lang),
                           export_bytes("fase", pick, which="siguiente", who=who),
                           file_name=f"fase_{pick}_siguiente.xlsx", mime=mime,
                           on_click="ignore", icon=":material/download:")
