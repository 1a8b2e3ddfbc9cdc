"""Who may reach the app: local by default, a network only with sign-in (issue 25).

The rule, shared by ``planner serve`` (which refuses to start) and the app (which refuses every
session, for a server started by hand with ``streamlit run``):

* a loopback address (127.0.0.1, ::1, localhost) — only this computer: served, the user is
  ``local`` with national rights, unless sign-in is configured (then everyone signs in);
* a network address (0.0.0.0, a LAN address, or none: Streamlit then listens on every
  interface) — served only with sign-in configured: Streamlit's own OIDC (``st.login``) from the
  ``[auth]`` section of ``.streamlit/secrets.toml`` (redirect_uri, cookie_secret, client_id,
  client_secret, server_metadata_url; any OIDC provider an institution runs);
* a network address without sign-in — refused, unless ``PLANNER_INSECURE_NETWORK=1`` (``planner
  serve --insecure-local-network``, ``make run ADDRESS=0.0.0.0 INSECURE=1``) asks for it; then
  every page says so.
"""

from __future__ import annotations

import enum
import ipaddress
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path

INSECURE_ENV = "PLANNER_INSECURE_NETWORK"
LOCAL_ADDRESS = "127.0.0.1"
DEFAULT_PORT = 8501
SECRETS = Path(__file__).resolve().parents[2] / ".streamlit" / "secrets.toml"
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")


class Mode(enum.Enum):
    LOCAL = "local"  # loopback, no sign-in: the local user
    SIGNED = "signed"  # sign-in configured (any address): every user signs in
    INSECURE = "insecure"  # network, no sign-in, explicitly asked for: a warning on every page
    REFUSED = "refused"  # network, no sign-in: not served


def is_loopback(address: str | None) -> bool:
    """True for an address only this computer reaches; None or "" (every interface) is not."""
    if not address:
        return False
    text = address.strip().strip("[]")
    if text.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(text).is_loopback
    except ValueError:
        return False  # a host name: whatever it resolves to, treat it as a network address


def auth_configured(section: Mapping | None) -> bool:
    """True when ``section`` (the ``[auth]`` table of secrets.toml) is enough for ``st.login``:
    redirect_uri and cookie_secret, and the provider's client_id, client_secret and
    server_metadata_url, at the top (the default provider) or in one provider sub-table."""
    if not section or not section.get("redirect_uri") or not section.get("cookie_secret"):
        return False
    if all(section.get(k) for k in PROVIDER_KEYS):
        return True
    return any(isinstance(sub, Mapping) and all(sub.get(k) for k in PROVIDER_KEYS)
               for sub in section.values())


def auth_provider(section: Mapping | None) -> str | None:
    """The provider name ``st.login`` takes: None for the default (keys at the top), else the
    first sub-table with the provider keys."""
    if not section or all(section.get(k) for k in PROVIDER_KEYS):
        return None
    for name, sub in section.items():
        if isinstance(sub, Mapping) and all(sub.get(k) for k in PROVIDER_KEYS):
            return str(name)
    return None


def secrets_auth(path: Path = SECRETS) -> dict:
    """The ``[auth]`` table of ``path`` ({} when the file or the table is missing)."""
    if not path.is_file():
        return {}
    with path.open("rb") as fh:
        return dict(tomllib.load(fh).get("auth") or {})


def insecure_requested(environ: Mapping[str, str] = os.environ) -> bool:
    """True when ``PLANNER_INSECURE_NETWORK`` asks to serve a network without sign-in."""
    return environ.get(INSECURE_ENV, "").strip().lower() in ("1", "true", "yes", "sí", "si")


def decide(address: str | None, signed_in: bool, insecure: bool) -> Mode:
    """The mode for a server at ``address`` (see the module's docstring)."""
    if signed_in:
        return Mode.SIGNED
    if is_loopback(address):
        return Mode.LOCAL
    return Mode.INSECURE if insecure else Mode.REFUSED
