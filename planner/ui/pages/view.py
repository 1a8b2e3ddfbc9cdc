"""What every page receives (:class:`View`) and the small widget helpers pages share.

A page is a module with ``KEY`` (its tab label's catalogue key) and ``render(view)``. It reads
the :class:`View`, lays out Streamlit widgets and renders; it builds no constraint and parses no
Excel. ``app.py`` builds the view once per run and dispatches by key.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import streamlit as st

from planner.core.result import Result
from planner.core.scenario import Scenario, WhatIf
from planner.core.words import DEFAULT_LANG
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


def coded_radio(label: str, codes: Sequence[str], word: Callable[[str], str], key: str,
                lang: str, default: str | None = None, widget=None, **kwargs) -> str:
    """A radio over stable codes whose labels are in ``lang``; returns the chosen code.

    The browser sends a radio's choice back as the label it shows, so one widget whose labels
    change with the language comes back from the switch with a label it no longer has and
    shows no option (issue 21). Here each language has its own widget (``key`` in Spanish,
    ``"en|" + key`` in English), the chosen code is kept apart (``"code|" + key``) and each
    widget opens on it: the choice survives the switch both ways. ``word(code)`` is the
    label; ``default`` the code chosen first (the first code if None); a remembered code no
    longer among ``codes`` falls back to it. The keys all end with ``key``, so a reset that
    forgets keys by their ending (``form.reset_form``) forgets the choice too. ``kwargs`` go
    to ``st.radio`` (``help``, ``horizontal``, ``disabled``); ``widget`` is another
    single-choice widget with the same arguments (``st.selectbox``: :func:`coded_selectbox`).
    """
    state = st.session_state
    codes = list(codes)
    slot = f"code|{key}"
    first = default if default in codes else codes[0]
    chosen = state.get(slot, first)
    if chosen not in codes:
        chosen = first
    name = _widget_key(key, lang)
    if name in state and state[name] not in codes:
        del state[name]
    value = (widget or st.radio)(label, codes, index=codes.index(chosen), format_func=word,
                                 key=name, **kwargs)
    state[slot] = value
    return value


def coded_selectbox(label: str, codes: Sequence[str], word: Callable[[str], str], key: str,
                    lang: str, default: str | None = None, **kwargs) -> str:
    """:func:`coded_radio` as a select box (the browser sends a select box's choice back as
    its label too)."""
    return coded_radio(label, codes, word, key, lang, default, widget=st.selectbox, **kwargs)


def coded_multiselect(label: str, codes: Sequence[str], word: Callable[[str], str], key: str,
                      lang: str, **kwargs) -> list[str]:
    """:func:`coded_radio` for a multiselect: the chosen codes survive the language switch
    (none chosen at first)."""
    state = st.session_state
    codes = list(codes)
    slot = f"code|{key}"
    chosen = [c for c in state.get(slot, []) if c in codes]
    name = _widget_key(key, lang)
    if name in state:
        state[name] = [c for c in state[name] if c in codes]
    value = st.multiselect(label, codes, default=None if name in state else chosen,
                           format_func=word, key=name, **kwargs)
    state[slot] = list(value)
    return value


def chosen_codes(key: str) -> list[str]:
    """What a :func:`coded_multiselect` keeps as chosen (the codes, whatever the language)."""
    return list(st.session_state.get(f"code|{key}", []))


def choose_codes(key: str, lang: str, codes: Sequence[str]) -> None:
    """Set what a :func:`coded_multiselect` shows chosen, before it is drawn in this run."""
    st.session_state[f"code|{key}"] = list(codes)
    st.session_state[_widget_key(key, lang)] = list(codes)


def _widget_key(key: str, lang: str) -> str:
    """The widget's key in ``lang``: ``key`` in Spanish, ``"<lang>|" + key`` otherwise."""
    return key if lang == DEFAULT_LANG else f"{lang}|{key}"


def number_columns(formats: Mapping[str, str]) -> dict:
    """Streamlit column configs from heading → printf-style number format."""
    return {h: st.column_config.NumberColumn(format=f) for h, f in formats.items()}
