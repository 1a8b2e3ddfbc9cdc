"""What every page receives (:class:`View`) and the small widget helpers pages share.

A page is a module with ``KEY`` (its tab label's catalogue key) and ``render(view)``. It reads
the :class:`View`, lays out Streamlit widgets and renders; it builds no constraint and parses no
Excel. ``app.py`` builds the view once per run and dispatches by key.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import streamlit as st

from planner.core.result import Result
from planner.core.scenario import Scenario, WhatIf
from planner.store.access import LOCAL_ACCESS, Access

BASE = "\x00base"  # the baseline plan among saved scenarios (its name depends on the language)


@dataclass(frozen=True)
class View:
    """The run's state a page renders from.

    ``result`` is the plan shown (the what-if's, else the baseline), ``base`` the baseline
    plan, ``token`` a key of ``result`` for cached downloads, ``key``/``name`` the workbook's
    cache key and file name, ``scenario`` the workbook's scenario (before the what-if), and
    ``workbook_bytes(result, lang, confirm, progress=None)`` builds the result workbook the CLI
    writes (``progress(done, total)`` follows the confirmations' re-solves).
    ``can_download`` is False for a read-only account (``consulta``); ``on_export(result,
    label)`` records a download in the audit trail (issue 25). ``who`` is the signed-in
    account (the local one by default) and ``workbook_states`` the INEGI keys of the whole
    workbook's units (before an ``estatal`` account's cut): the states a stored copy concerns.
    """

    lang: str
    result: Result
    base: Result
    what_if: WhatIf
    token: str
    key: str
    name: str
    scenario: Scenario
    workbook_bytes: Callable[..., bytes]
    can_download: bool = True
    on_export: Callable[[Result, str], None] | None = None
    who: Access = LOCAL_ACCESS
    workbook_states: frozenset[int] = frozenset()


def keep_valid(key: str, options, many: bool = True) -> None:
    """Drop from a widget's remembered value what is no longer among its options."""
    state = st.session_state
    if key not in state:
        return
    if many:
        state[key] = [v for v in state[key] if v in options]
    elif state[key] not in options:
        del state[key]


def number_columns(formats: Mapping[str, str]) -> dict:
    """Streamlit column configs from heading → printf-style number format."""
    return {h: st.column_config.NumberColumn(format=f) for h, f in formats.items()}
