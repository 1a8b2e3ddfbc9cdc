"""Above the tabs: what is shown (baseline or what-if), the solver's word on it, the rules on,
and — when the rules cannot be met — what is missing and where."""

from __future__ import annotations

import streamlit as st

from planner.core import fmt
from planner.core.model_words import gap_words, solver_word
from planner.core.plan import Status
from planner.core.result import Result
from planner.core.scenario import WhatIf
from planner.core.words import t
from planner.ui import figures, first_screen, rule_views


def show_status(result: Result, what_if: WhatIf, lang: str) -> None:
    """What is shown (baseline or what-if), the solver's word on it, the rules on, and — when
    the rules cannot be met — what is missing and where."""
    plan = result.plan
    if what_if.is_empty():
        st.info(t("showing_baseline", lang))
    else:
        st.info(t("showing_whatif" if result.solved else "showing_whatif_no_plan", lang,
                   changes=figures.describe_changes(what_if, lang)))
    st.caption(t("status_line", lang, status=t(f"status_{plan.status.value}", lang),
                  solver=solver_word(plan, result.scenario.params, lang),
                  seconds=fmt.decimal(sum(result.timings.values())),
                  variables=fmt.integer(plan.n_variables))
               + gap_words(plan, result.scenario.params.mip_gap, lang))
    active = rule_views.active_summary(result.scenario, lang)
    if active:
        st.caption(active)
    if plan.status is Status.INFEASIBLE:
        show_infeasible(result, lang)
    elif not result.solved:
        st.error(t("no_plan", lang, status=t(f"status_{plan.status.value}", lang)))


def show_infeasible(result: Result, lang: str) -> None:
    """Why the rules cannot be met, in planner words, then where (one row per rule and state)."""
    plan = result.plan
    lines = rule_views.explanation(plan.rules, result.scenario.params.equity_floor, lang)
    body = "\n".join(f"- {line}" for line in lines) if lines else t("infeasible_unexplained",
                                                                    lang)
    causes = first_screen.infeasible_causes(result, lang)
    if causes:  # the cause in numbers first: candidates there are, doctors the rule needs
        body = "\n".join(f"- {line}" for line in causes) + "\n" + body
    st.error(f"**{t('infeasible_head', lang)}**\n\n{body}", icon=":material/block:")
    advice = first_screen.infeasible_advice(result, lang)  # only what would help
    st.markdown(t("fs_try_head", lang) + "\n" + "\n".join(f"- {a}" for a in advice))
    st.caption(t("fs_try_save", lang))
    if result.scenario.params.one_doctor_per_centre and result.hand_indicators is not None:
        st.caption(t("infeasible_hand", lang, no_doctor=fmt.integer(
            result.hand_indicators.headline["centres_no_doctor_after"])))
    if lines:
        st.subheader(t("rules_unmet", lang))
        st.dataframe(rule_views.unmet_table(plan.rules, lang), hide_index=True)
