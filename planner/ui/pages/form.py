"""The what-if form in the sidebar (budget, bonuses, target, weights, rules, states, candidates)."""

from __future__ import annotations

import streamlit as st

from planner.core import fmt
from planner.core.model_words import mode_word
from planner.core.scenario import Scenario, WhatIf
from planner.core.schema import NURSING
from planner.core.words import t
from planner.ui import rule_views
from planner.ui.names import digest
from planner.ui.pages.view import coded_radio
from planner.ui.whatif import (
    BONUS_KEYS,
    MODES,
    FormError,
    FormValues,
    bounds,
    build_what_if,
    form_defaults,
    mode_block,
    state_names,
)


def _ints(field: str) -> dict:
    """min_value/max_value of an integer input, as the schema declares the parameter."""
    lo, hi = bounds(field)
    return {"min_value": None if lo is None else int(lo),
            "max_value": None if hi is None else int(hi)}


def _floats(field: str) -> dict:
    """min_value/max_value of a decimal input, as the schema declares the parameter."""
    lo, hi = bounds(field)
    return {"min_value": None if lo is None else float(lo),
            "max_value": None if hi is None else float(hi)}


def _mode_radio(scenario: Scenario, name: str, default: str, k: str, lang: str) -> str:
    """One of the model's modes (bonus, budget basis, assignment) as a radio with its help; when
    the workbook lacks the data the mode needs, the radio is disabled and says why."""
    blocked = mode_block(scenario, name)
    help_key = "candp_mode_help" if name == "assignment_mode" else f"wi_mode_{name}_help"
    value = coded_radio(t(f"wi_mode_{name}", lang), MODES[name],
                        lambda v: mode_word(name, v, lang), f"mode_{name}:{k}", lang,
                        default=default, help=t(help_key, lang), disabled=blocked is not None)
    if blocked is not None:
        st.caption(t(blocked, lang))
    return value


def what_if_form(scenario: Scenario, key: str, lang: str) -> WhatIf | None:
    """The what-if form in the sidebar; returns the what-if when submitted, else None."""
    d = form_defaults(scenario)
    names = state_names(scenario)
    k = digest(key.encode())  # fresh widgets for each workbook
    st.sidebar.header(t("form_header", lang))
    # Money inputs sit outside the form so that what was typed is echoed at once as pesos
    # ("$44,025,790 MXN al mes"); the form's button reads them with the rest.
    budget = st.sidebar.number_input(t("budget", lang), **_ints("budget"), value=int(d.budget),
                                     step=1_000_000, key=f"budget:{k}")
    st.sidebar.caption(t("fs_money_echo", lang, value=fmt.mxn(budget)))
    bonus = {}
    for kind, zone in BONUS_KEYS:
        bonus[(kind, zone)] = st.sidebar.number_input(
            t("bonus_zone", lang, zone=zone), min_value=int(bounds("bonus")[0]),
            value=int(d.bonus[(kind, zone)]), step=500, key=f"bonus{zone}:{k}")
        st.sidebar.caption(t("fs_money_echo", lang, value=fmt.mxn(bonus[(kind, zone)])))
    with st.sidebar.form(f"whatif:{k}"):
        target = st.number_input(t("target", lang), **_ints("target"),
                                 value=int(d.target), step=1, key=f"target:{k}")
        nurse_target = d.nurse_target
        if (scenario.categories["kind"] == NURSING).any():  # only a scenario with nurses
            nurse_target = st.number_input(t("nurse_target", lang), **_ints("nurse_target"),
                                           value=int(d.nurse_target), step=1,
                                           help=t("nurse_target_help", lang),
                                           key=f"nurse_target:{k}")
        c1, c2 = st.columns(2)
        first = c1.number_input(t("first_weight", lang), **_floats("first_doctor_weight"),
                                value=float(d.first_doctor_weight), step=0.5,
                                help=t("first_weight_help", lang), key=f"p:{k}")
        families = c2.number_input(t("families_weight", lang), **_floats("families_weight"),
                                   value=float(d.families_weight), step=0.5,
                                   help=t("families_weight_help", lang), key=f"f:{k}")
        st.markdown(f"**{t('rules_header', lang)}**")
        alpha = round(100 * d.equity_floor)
        lo, hi = bounds("equity_floor")
        pct = st.slider(t("equity_floor", lang), min_value=round(100 * lo),
                        max_value=round(100 * hi), value=alpha,
                        step=5 if alpha % 5 == 0 else 1, format="%d %%",
                        help=t("equity_floor_help", lang), key=f"alpha:{k}")
        minimum = st.checkbox(t("one_doctor", lang), value=d.one_doctor_per_centre,
                              help=t("one_doctor_help", lang), key=f"minimum:{k}")
        st.caption(rule_views.data_rules_caption(scenario, lang))
        with st.expander(t("states", lang)):
            chosen = st.multiselect(t("states", lang), list(d.states), default=list(d.states),
                                    format_func=names.get, key=f"states:{k}",
                                    placeholder=t("choose", lang), label_visibility="collapsed")
        with st.expander(t("supply_header", lang)):
            supply = {cat: st.number_input(cat, min_value=0, value=int(n), step=10,
                                           key=f"supply:{cat}:{k}")
                      for cat, n in d.supply.items()}
        with st.expander(t("wi_modes_header", lang)):
            modes = {name: _mode_radio(scenario, name, getattr(d, name), k, lang)
                     for name in MODES}
        time_limit = st.number_input(t("time_limit", lang), **_ints("time_limit"),
                                     value=int(d.time_limit), step=5, key=f"time:{k}")
        submitted = st.form_submit_button(t("solve", lang), type="primary", width="stretch")
    if not submitted:
        return None
    values = FormValues(budget=float(budget), target=int(target),
                        nurse_target=int(nurse_target),
                        first_doctor_weight=float(first), families_weight=float(families),
                        time_limit=float(time_limit), bonus=bonus, supply=supply,
                        states=tuple(chosen), equity_floor=pct / 100,
                        one_doctor_per_centre=bool(minimum), **modes)
    try:
        return build_what_if(scenario, values)
    except FormError as exc:
        st.sidebar.error(t(exc.code, lang))
        return None


def reset_form(key: str) -> None:
    """Forget every value typed in the what-if form of workbook ``key`` and the what-if shown:
    «Volver al plan base» brings back the baseline and the form as the workbook has it (an
    ``on_click`` callback, so it runs before the widgets are drawn again)."""
    state = st.session_state
    suffix = f":{digest(key.encode())}"
    for name in [n for n in state if isinstance(n, str) and n.endswith(suffix)]:
        del state[name]
    state.pop("current", None)
