"""``planner serve``: the what-if app, local by default (what ``make run`` calls; issue 25).

It checks the rule of :mod:`planner.core.serving` before anything listens: a network address
without sign-in configured in ``.streamlit/secrets.toml`` is refused (exit 2) unless
``--insecure-local-network`` is given; then it says where the app is and who can reach it, and
becomes ``streamlit run app.py --server.address A --server.port P`` (the same process).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from planner.cli import common as c
from planner.cli import option_checks as oc
from planner.cli.helptext import h
from planner.core import serving
from planner.core.words import t

ROOT = Path(__file__).resolve().parents[2]


@c.app.command(cls=c.Command, help=h("clih_serve"))
def serve(
    address: Annotated[str, typer.Option("--address", help=h("srv_address_help"))]
    = serving.LOCAL_ADDRESS,
    port: Annotated[int, typer.Option("--port", parser=oc.PORT, help=h("srv_port_help"))]
    = serving.DEFAULT_PORT,
    insecure: Annotated[bool, typer.Option("--insecure-local-network",
                                           help=h("srv_insecure_help"))] = False,
    lang: c.Lang = "es",
) -> None:
    """Run the what-if app (see the module's docstring)."""
    section = serving.secrets_auth()
    mode = serving.decide(address, serving.auth_configured(section),
                          insecure or serving.insecure_requested())
    shown = address or "0.0.0.0"
    if mode is serving.Mode.REFUSED:
        c.err.print(t("srv_refused", lang, address=shown), markup=False)
        raise typer.Exit(c.EXIT_INVALID)
    host = "localhost" if serving.is_loopback(address) else shown
    url = f"http://{host}:{port}"
    if mode is serving.Mode.LOCAL:
        c.err.print(t("srv_local", lang, url=url, address=shown), markup=False)
    elif mode is serving.Mode.SIGNED:
        c.err.print(t("srv_network", lang, url=url, address=shown), markup=False)
    else:
        c.err.print(t("srv_insecure", lang, address=shown), markup=False)
    env = dict(os.environ)
    if mode is serving.Mode.INSECURE:
        env[serving.INSECURE_ENV] = "1"  # the app reads it and warns on every page
    sys.stdout.flush()
    sys.stderr.flush()
    os.chdir(ROOT)
    os.execve(sys.executable, [sys.executable, "-m", "streamlit", "run", "app.py",
                               "--server.address", address, "--server.port", str(port)], env)
