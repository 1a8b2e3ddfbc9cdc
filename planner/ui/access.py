"""Who is using the app and what they may see (issue 25): the serving rule, sign-in, the role's
scope and the audit records of the app.

:func:`gate` runs first on every page: a network address without sign-in is refused (the rule
of :mod:`planner.core.serving`; ``planner serve`` refuses before listening, this catches a
server started by hand), an insecure network is warned about on every page, and with sign-in
configured (``[auth]`` in ``.streamlit/secrets.toml``) nobody passes without signing in
through Streamlit's own OIDC (``st.login``) and holding a role in the database
(:mod:`planner.store.access`). An app served only on this computer is the ``local`` account with
national rights.

:func:`restrict` cuts a scenario to an ``estatal`` account's states (units, their staffing,
the state pools of candidates, the registered candidates and their options) before anything is
solved or shown, so no page, download or query parameter can reach another state: the data are
not in the session at all. :func:`record` appends to the audit trail and never breaks a page.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable
from dataclasses import replace

import streamlit as st

from planner.core import serving
from planner.core.scenario import Scenario, WhatIf
from planner.core.words import t
from planner.store import access as store

LOG = logging.getLogger(__name__)
ROLE_WORDS = {"nacional": "acc_role_nacional", "estatal": "acc_role_estatal",
              "consulta": "acc_role_consulta"}


def auth_section() -> dict:
    """The ``[auth]`` table of the app's secrets ({} without a secrets file)."""
    try:
        return dict(st.secrets["auth"]) if "auth" in st.secrets else {}
    except Exception:  # no secrets.toml at all
        return {}


def mode() -> tuple[serving.Mode, str]:
    """(serving mode, address shown) of this server."""
    address = st.get_option("server.address")
    signed = serving.auth_configured(auth_section())
    return serving.decide(address, signed, serving.insecure_requested()), address or "0.0.0.0"


def gate(lang: str) -> store.Access:
    """The account using this session, or the page stops (refused, not signed in, no role)."""
    how, address = mode()
    if how is serving.Mode.REFUSED:
        st.error(t("srv_refused", lang, address=address))
        st.stop()
    if how is serving.Mode.INSECURE:
        st.warning(t("srv_insecure", lang, address=address), icon=":material/warning:")
    if how is not serving.Mode.SIGNED:
        return store.LOCAL_ACCESS
    if not getattr(st.user, "is_logged_in", False):
        st.info(t("acc_login_prompt", lang))
        provider = serving.auth_provider(auth_section())
        st.button(t("acc_login_button", lang), key="login", on_click=st.login,
                  args=(provider,) if provider else (), type="primary")
        st.stop()
    account = str(getattr(st.user, "email", None) or getattr(st.user, "sub", "") or "")
    try:
        found = store.access_of(account) if account else None
    except Exception as exc:  # a database that cannot answer never lets anyone in
        st.error(t("unexpected", lang, kind=type(exc).__name__, detail=""))
        st.stop()
    if found is None:
        st.error(t("acc_no_role", lang, user=account or "?"))
        st.button(t("acc_logout_button", lang), key="logout", on_click=st.logout)
        st.stop()
    with st.sidebar:
        st.caption(t("acc_signed_in", lang, user=account, role=t(ROLE_WORDS[found.role], lang)))
        if not found.all_states:
            st.caption(t("acc_states", lang, states=", ".join(map(str, sorted(found.states)))))
        st.button(t("acc_logout_button", lang), key="logout", on_click=st.logout)
    return found


def sees_audit(who: store.Access) -> bool:
    """The audit page is for national accounts that signed in (locally: ``planner audit``)."""
    return who.role == "nacional" and who.account != store.LOCAL


# --- the role's scope ----------------------------------------------------------------------------

def restrict(scenario: Scenario, states: Iterable[int]) -> Scenario:
    """``scenario`` with only ``states``: their units and staffing, the state pools of those
    states (the national pool kept, as the what-if's own state filter keeps it), the candidates
    registered there with their options cut to the units kept."""
    keep = {int(s) for s in states}
    units = scenario.units[scenario.units["state_code"].astype(int).isin(keep)]
    staffing = scenario.staffing[
        scenario.staffing.index.get_level_values("clues").isin(units.index)]
    supply = scenario.supply[(scenario.supply["state_code"] == 0)
                             | scenario.supply["state_code"].isin(keep)]
    candidates = scenario.candidates
    if candidates is not None:
        candidates = candidates[candidates["state_code"].astype(int).isin(keep)].copy()
        inside = set(units.index)
        for col in [c for c in candidates.columns if str(c).startswith("option_")]:
            candidates[col] = candidates[col].map(
                lambda opt: tuple(x for x in opt if x in inside) if isinstance(opt, tuple)
                else opt)
    return replace(scenario, units=units, staffing=staffing, supply=supply,
                   candidates=candidates)


def scope_key(key: str, who: store.Access) -> str:
    """The cache key of the scenario ``who`` sees (the workbook's own for all states)."""
    if who.all_states:
        return key
    return f"{key}:estatal:{','.join(map(str, sorted(who.states)))}"


# --- audit ---------------------------------------------------------------------------------------

def what_if_words(what_if: WhatIf) -> str:
    """The what-if's changes, compact (``budget=30000000; states=(13,)``)."""
    parts = []
    for f in dataclasses.fields(what_if):
        value = getattr(what_if, f.name)
        if value not in (None, {}, ()):
            parts.append(f"{f.name}={value}")
    return "; ".join(parts)


def record(who: store.Access, action: str, workbook_hash: str | None = None,
           scenario: str | None = None, rows: int | None = None,
           detail: str | None = None) -> None:
    """Append to the audit trail; a failure is logged (redacted), never shown as a traceback."""
    try:
        store.record(who.account, action, workbook_hash, scenario, rows, detail)
    except Exception:
        LOG.exception("audit record %s failed", action)


def record_open(who: store.Access, key: str, workbook_hash: str | None, name: str,
                rows: int) -> None:
    """Record that this session opened the workbook ``key`` (once per session and workbook)."""
    opened = st.session_state.setdefault("audit_opened", set())
    if key in opened:
        return
    opened.add(key)
    record(who, "open", workbook_hash, name, rows)
