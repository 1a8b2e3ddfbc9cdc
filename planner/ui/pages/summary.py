"""Tab "Resumen" (summary): headline figures with deltas against the baseline, the budget, the
download, the hand rule (nationally and per state) and the table per specialty."""

from __future__ import annotations

import streamlit as st

from planner import pipeline
from planner.analysis.expected import sentences
from planner.analysis.robustness import assumption_word
from planner.core import fmt
from planner.core.result import Result
from planner.core.words import t
from planner.explain import summary
from planner.explain.render import card as statement_card
from planner.ui import charts, figures, first_screen, tables
from planner.ui.pages.download import download_result
from planner.ui.pages.view import View, coded_radio, number_columns

KEY = "tab_summary"


def render(view: View) -> None:
    """Headline figures (deltas against the baseline), budget, hand rule, specialties."""
    result, lang = view.result, view.lang
    base = None if view.what_if.is_empty() else view.base
    sections = {sec.part: sec for sec in summary.summary(result, base)}
    show_acceptance(result, sections, lang, view.token)
    for part in summary.PARTS[3:]:  # the plan's placements, then nursing: rows of four cards
        if part in sections:
            _card_rows(sections[part].statements, result, base, lang)
    st.markdown(first_screen.bonus_split_text(result, base, lang))
    nurses = figures.nurse_text(result, lang)
    if nurses:
        st.markdown(nurses)
    show_acceptance_states(result, lang)
    h = result.indicators.headline
    st.markdown(t("budget_line", lang, month=fmt.mxn(h["bonus_month"]),
                   year=fmt.mxn(h["bonus_year"]), budget=fmt.mxn(h["budget_month"]),
                   share=fmt.percent(h["budget_used"])))
    download_result(view, result, view.token, view.name, t("current_name", lang), key="current")
    st.subheader(t("hand_header", lang))
    if result.hand_indicators is None:  # registered candidates: the count-based rule does not apply
        st.info(t("candp_no_hand", lang))
    else:
        st.markdown(figures.hand_rule_text(result, lang))
        st.dataframe(figures.hand_rule_table(result, lang), hide_index=True)
        st.caption(t("hand_rule_is", lang))
        show_advantage_by_state(result, lang)
    st.subheader(t("by_specialty", lang))
    spec = tables.specialty_table(result, lang)
    st.dataframe(spec, hide_index=True, column_config=number_columns(
        tables.number_formats(tables.SPECIALTY_COLUMNS, lang)))


def show_advantage_by_state(result: Result, lang: str) -> None:
    """The optimiser's advantage per state (chart and table); folded away, and said to offset,
    when the two plans cover the same total need."""
    tie = figures.hand_rule_ties(result)
    with st.expander(t("adv_tie_expander", lang)) if tie else st.container():
        if not tie:
            st.markdown(f"**{t('adv_header', lang)}**")
        metric = coded_radio(t("adv_metric", lang), list(figures.ADVANTAGE),
                             lambda m: t(figures.ADVANTAGE[m][1], lang), "adv_metric", lang,
                             horizontal=True)
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


def _card_rows(statements, result: Result, base: Result | None, lang: str) -> None:
    """Cards four to a row (pesos get wider cards), each with the orange note when its
    change against the baseline would mislead."""
    for start in range(0, len(statements), 4):
        row = statements[start:start + 4]
        widths = [5 if s.value.unit == "mxn" else 4 for s in row]
        for col, s in zip(st.columns(widths + [4] * (4 - len(row))), row, strict=False):
            with col.container(border=True):  # the card: figure, delta, and its context below
                _card(statement_card(s, lang))
                note = "" if base is None else first_screen.not_comparable_note(
                    s.key, result, base, lang)
                if note:
                    st.caption(f":orange[{note}]")


def _card(c: dict) -> None:
    """A statement's card (planner.explain.render.card): figure, delta, help, caption."""
    st.metric(c["label"], c["value"], delta=c["delta"], delta_color=c["delta_color"],
              help=c["help"])
    st.caption(c["context"])


def show_acceptance(result: Result, sections: dict, lang: str, token: str = "") -> None:
    """The first screen in the order a planner asks (issues 13 and 21): what the plan achieves
    (expected weighted need and filled posts, P10–P90), what it costs (expected bill, the
    probability of exceeding the budget), how it compares with 2024 at equal money (headlined
    on weighted need), then the caveats (model estimates, the sentences, the calibration). The
    cards are the statements of planner.explain.summary; in a what-if the first two parts
    carry their change against the baseline."""
    report = first_screen.report_of(result)
    if report is None:
        return
    for part in summary.PARTS[:3]:
        if part not in sections:
            continue
        cards = sections[part].statements
        st.markdown(f"#### {t(f'fs_part_{part}', lang)}")
        for col, s in zip(st.columns(len(cards)), cards, strict=True):
            with col.container(border=True):
                _card(statement_card(s, lang))
    st.markdown(f"#### {t('fs_part_caveats', lang)}")
    st.caption(t("fs_estimate_note", lang, doc=first_screen.DOC))
    for line in sentences(report, lang)[1:]:
        st.markdown(line)
    swing = _top_swing(result, token)
    if swing is not None:  # issue 22: which assumption matters most, on the first screen
        st.markdown(t("fs_swing", lang, what=assumption_word(swing["label"], lang),
                      low=f"{swing['low']:g}", high=f"{swing['high']:g}",
                      need_low=f"{swing['need_low']:,.1f}",
                      need_high=f"{swing['need_high']:,.1f}", tab=t("tab_robust", lang)))
    for line in first_screen.curve_basis_lines(result, lang):  # issue 22: fitted or assumed
        st.caption(line)
    calibration = first_screen.calibration_text()
    if calibration:
        with st.expander(t("fs_calibration", lang, doc=first_screen.DOC)):
            st.markdown(calibration)


def _top_swing(result: Result, token: str) -> dict | None:
    """The assumption that moves the plan's expected need most across its range (computed once
    per plan shown: 14 evaluations of the placed posts)."""
    memo = st.session_state.setdefault("assumption_swings", {})
    if token not in memo:
        table = pipeline.assumption_swings(result)
        memo[token] = None if table.empty else table.iloc[0].to_dict()
    return memo[token]


def show_acceptance_states(result: Result, lang: str) -> None:
    """Per state: the P10–P90 of filled posts (chart) and the probability of reaching the
    target (table), below the headline cards."""
    report = first_screen.report_of(result)
    if report is None:
        return
    table = first_screen.acceptance_states(report, lang)
    st.markdown(f"**{t('fs_states_header', lang)}**")
    st.altair_chart(first_screen.interval_chart(table, t("fs_chart_axis", lang), lang),
                    width="stretch")
    st.caption(t("fs_states_note", lang))
    st.dataframe(first_screen.acceptance_state_table(table, lang), hide_index=True)
