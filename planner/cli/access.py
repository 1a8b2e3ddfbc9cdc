"""``planner access``: give, take away or list the roles of the accounts (planner/store/access.py).

Run on the server's machine by a national planner or an administrator; the CLI itself acts as
the ``local`` account with national rights. The account list is the one output that shows
accounts by their e-mail (the roles table is where accounts live); the audit trail only ever
writes their pseudonym.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer
from rich.console import Console

from planner.cli import common as c
from planner.cli.helptext import h
from planner.core.words import t
from planner.store import access as store

plain = Console(highlight=False, soft_wrap=True)  # accounts by e-mail: see the docstring


@c.app.command(cls=c.Command, help=h("clih_access"))
def access(
    account: Annotated[Optional[str], typer.Argument(help=h("acc_account_help"), metavar=h("clih_arg_account"))] = None,
    role: Annotated[Optional[str], typer.Option("--role", help=h("acc_role_help"))] = None,
    states: Annotated[str, typer.Option("--states", help=h("acc_states_help"))] = "",
    revoke: Annotated[bool, typer.Option("--revoke", help=h("acc_revoke_help"))] = False,
    list_all: Annotated[bool, typer.Option("--list", help=h("acc_list_help"))] = False,
    lang: c.Lang = "es",
) -> None:
    """Grant, revoke or list the accounts' roles."""
    if list_all:
        table = store.accounts()
        if table.empty:
            plain.print(t("acc_none", lang), markup=False)
        for row in table.itertuples():
            plain.print(f"{row.account}\t{row.role}\t{row.states}\t{row.who}", markup=False)
        return
    if not account or (role is None) == (not revoke):
        c.fail_usage(t("acc_usage", lang), False)
    if revoke:
        store.revoke(account)
        plain.print(t("acc_revoked", lang, user=account), markup=False)
        return
    codes = []
    for part in (p.strip() for p in states.split(",")):
        if not part:
            continue
        if not part.isdigit():
            c.fail_usage(t("acc_bad_state", lang, state=part), False)
        codes.append(int(part))
    try:
        granted = store.grant(account, role, codes)
    except store.AccessError as exc:
        c.fail_usage(t(exc.code, lang, **exc.params), False)
        return
    shown = f" ({', '.join(map(str, sorted(granted.states)))})" if granted.states else ""
    plain.print(t("acc_granted", lang, user=account, role=granted.role, states=shown),
                markup=False)
