"""Tab "Unidades" (units): every unit before and after, filtered, and its placements."""

from __future__ import annotations

import streamlit as st

from planner.core import fmt
from planner.core.words import t
from planner.ui import charts, tables
from planner.ui.pages.view import View, coded_multiselect, keep_valid, number_columns

KEY = "tab_units"


def _in(column, widget, *args, **kwargs):
    """``widget(*args, **kwargs)`` drawn in ``column``."""
    with column:
        return widget(*args, **kwargs)


def render(view: View) -> None:
    """Every unit before and after, filtered by state, type, grade and CLUES or name."""
    result, lang = view.result, view.lang
    opts = tables.option_values(result)
    for k, o in (("f_states", opts["states"]), ("f_grades", opts["grades"])):
        keep_valid(k, o)
    c = st.columns([2, 2, 2, 3])
    f = tables.UnitFilter(
        states=tuple(c[0].multiselect(t("f_state", lang), opts["states"], key="f_states",
                                     placeholder=t("all", lang))),
        kinds=tuple(_in(c[1], coded_multiselect, t("f_kind", lang), opts["kinds"],
                        lambda k: tables.kind_word(k, lang), "f_kinds", lang,
                        placeholder=t("all", lang))),
        grades=tuple(c[2].multiselect(t("f_grade", lang), opts["grades"], key="f_grades",
                                     placeholder=t("all", lang))),
        search=c[3].text_input(t("f_search", lang), key="f_search"),
        only_placed=st.checkbox(t("f_only_placed", lang), key="f_only_placed"))
    table = tables.units_table(result, f, lang)
    st.caption(t("units_count", lang, shown=fmt.integer(len(table)),
                  total=fmt.integer(len(result.indicators.units)))
               + " " + t("units_sorted", lang, placed=tables.header("gp_placed", lang),
                         spec=tables.header("spec_placed", lang),
                         bonus=tables.header("bonus_month", lang)))
    compact = st.toggle(t("units_compact", lang), key="units_compact",
                        value=tables.is_phone(st.context.headers.get("User-Agent")),
                        help=t("units_compact_help", lang))
    config = number_columns(tables.number_formats(tables.unit_columns(result), lang))
    for c, (pinned, width) in tables.unit_column_layout(compact).items():
        config[tables.header(c, lang)] = st.column_config.Column(pinned=pinned, width=width)
    st.dataframe(table, hide_index=True, column_config=config)
    shown = table[tables.header("clues", lang)]
    st.markdown(f"**{t('units_map_header', lang)}**")
    if len(shown) > tables.MAP_LIMIT:
        st.caption(t("units_map_too_many", lang, limit=fmt.integer(tables.MAP_LIMIT),
                     n=fmt.integer(len(shown))))
    else:
        points = tables.map_points(result, shown)
        st.vega_lite_chart(charts.units_map(points, lang), width="stretch", key="units_map")
        st.caption(t("units_map_note", lang, limit=fmt.integer(tables.MAP_LIMIT)))
    placements = (tables.assignments_table(result, table[tables.header("clues", lang)], lang)
                  if 0 < len(table) <= 500 else None)
    if placements is not None and not placements.empty:
        st.markdown(f"**{t('assignments_header', lang)}**")
        st.dataframe(placements, hide_index=True, column_config=number_columns(
            tables.number_formats(tables.ASSIGNMENT_COLUMNS, lang)))
