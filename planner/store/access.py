"""Who may see and change what, and what each did: roles by state and the audit trail (issue 25).

Three tables on the project's one :data:`planner.store.db.METADATA`:

* ``access_users``: an account (the e-mail its OIDC provider gives, lower case) and its role:
  ``nacional`` (every state), ``estatal`` (only the states in ``access_user_states``),
  ``consulta`` (read only, every state);
* ``access_user_states``: the INEGI state keys of an ``estatal`` account;
* ``audit_trail``: append-only — who, when (UTC), action (open, import, solve, export, grant,
  revoke, and save / delete of a stored scenario or phase, planner/store/phases.py), workbook hash (SHA-256 of its bytes), scenario, rows, detail. This module has no
  function that changes or deletes a record, and on SQLite two triggers refuse any UPDATE or
  DELETE of the table, whoever sends it (on a team's PostgreSQL, give the app's database role
  only INSERT and SELECT on it).

The trail carries no personal data: the free text (scenario, detail) goes through the guard of
:mod:`planner.core.privacy`, and the account is written as a pseudonym (:func:`who_key`,
``cuenta-`` and 12 hex digits of the SHA-256 of the account), not as its e-mail address; the
roles table, which an administrator keeps, says which account is which (``planner access
--list``). The CLI and an app served only on this computer act as the ``local`` account with
national rights.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import (
    DDL,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    delete,
    event,
    insert,
    select,
)
from sqlalchemy.engine import Engine

from planner.core.privacy import redact
from planner.core.words import t
from planner.store import db

ROLES = ("nacional", "estatal", "consulta")
ACTIONS = ("open", "import", "solve", "export", "grant", "revoke", "save", "delete")
LOCAL = "local"
STATE_CODES = range(1, 33)

USERS = Table(
    "access_users", db.METADATA,
    Column("account", String(320), primary_key=True),
    Column("role", String(16), nullable=False),
    Column("granted_at", DateTime(timezone=True), nullable=False),
    Column("granted_by", String(320), nullable=False),
    CheckConstraint("role IN ('nacional', 'estatal', 'consulta')", name="access_role_known"),
)
USER_STATES = Table(
    "access_user_states", db.METADATA,
    Column("account", String(320), ForeignKey("access_users.account", ondelete="CASCADE"),
           primary_key=True),
    Column("state_code", Integer, primary_key=True),
    CheckConstraint("state_code BETWEEN 1 AND 32", name="access_state_code"),
)
AUDIT = Table(
    "audit_trail", db.METADATA,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("who", String(64), nullable=False),
    Column("action", String(16), nullable=False),
    Column("workbook_hash", String(64)),
    Column("scenario", String(300)),
    Column("rows", Integer),
    Column("detail", Text),
)
for _verb in ("UPDATE", "DELETE"):
    event.listen(AUDIT, "after_create", DDL(
        f"CREATE TRIGGER IF NOT EXISTS audit_trail_no_{_verb.lower()} BEFORE {_verb} ON "
        f"audit_trail BEGIN SELECT RAISE(ABORT, 'audit_trail is append-only'); END"
    ).execute_if(dialect="sqlite"))


class AccessError(ValueError):
    """A grant the roles table refuses; ``code`` and ``params`` are a catalogue message."""

    def __init__(self, code: str, **params: object) -> None:
        self.code, self.params = code, params
        super().__init__(code)


@dataclass(frozen=True)
class Access:
    """One account's rights: its role and, for ``estatal``, its states."""

    account: str
    role: str
    states: frozenset[int] = frozenset()

    @property
    def all_states(self) -> bool:
        return self.role != "estatal"

    @property
    def can_change(self) -> bool:
        """May upload, try what-ifs and download (``consulta`` only reads)."""
        return self.role in ("nacional", "estatal")

    def sees_state(self, code: int) -> bool:
        return self.all_states or int(code) in self.states


LOCAL_ACCESS = Access(LOCAL, "nacional")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


_READY: set[int] = set()  # engines whose access tables are known to exist


def ready(eng: Engine) -> Engine:
    """``eng`` with this module's tables created (for a module that appends in its own
    transaction, :func:`append_in`)."""
    return _engine(eng)


def _engine(eng: Engine | None) -> Engine:
    """``eng`` or the project's engine, with this module's tables created (an engine made
    before this module was imported did not know them)."""
    eng = eng if eng is not None else db.engine()
    if id(eng) not in _READY:
        db.METADATA.create_all(eng, tables=[USERS, USER_STATES, AUDIT])
        _READY.add(id(eng))
    return eng


def normal_account(account: str) -> str:
    return account.strip().lower()


def who_key(account: str) -> str:
    """The pseudonym the audit trail writes for ``account`` (``local`` stays ``local``)."""
    account = normal_account(account)
    if account == LOCAL:
        return LOCAL
    return "cuenta-" + hashlib.sha256(account.encode("utf-8")).hexdigest()[:12]


def workbook_hash(data: bytes) -> str:
    """SHA-256 of a workbook's bytes, as the audit trail records it."""
    return hashlib.sha256(data).hexdigest()


# --- roles ---------------------------------------------------------------------------------------

def grant(account: str, role: str, states: Iterable[int] = (), by: str = LOCAL,
          eng: Engine | None = None) -> Access:
    """Give ``account`` ``role`` (and, for ``estatal``, exactly ``states``); recorded."""
    account, role = normal_account(account), role.strip().lower()
    if role not in ROLES:
        raise AccessError("acc_bad_role", role=role, allowed=", ".join(ROLES))
    codes = sorted({int(s) for s in states}) if role == "estatal" else []
    for code in codes:
        if code not in STATE_CODES:
            raise AccessError("acc_bad_state", state=code)
    if role == "estatal" and not codes:
        raise AccessError("acc_states_needed")
    eng = _engine(eng)
    with eng.begin() as conn:
        conn.execute(delete(USER_STATES).where(USER_STATES.c.account == account))
        conn.execute(delete(USERS).where(USERS.c.account == account))
        conn.execute(insert(USERS).values(account=account, role=role, granted_at=_now(),
                                          granted_by=normal_account(by)))
        if codes:
            conn.execute(insert(USER_STATES), [{"account": account, "state_code": c}
                                               for c in codes])
        _append(conn, by, "grant", scenario=None, rows=len(codes),
                detail=f"{who_key(account)} {role} {','.join(map(str, codes))}".strip())
    return Access(account, role, frozenset(codes))


def revoke(account: str, by: str = LOCAL, eng: Engine | None = None) -> bool:
    """Take ``account``'s role away (True when it had one); recorded."""
    account = normal_account(account)
    eng = _engine(eng)
    with eng.begin() as conn:
        conn.execute(delete(USER_STATES).where(USER_STATES.c.account == account))
        gone = conn.execute(delete(USERS).where(USERS.c.account == account)).rowcount > 0
        if gone:
            _append(conn, by, "revoke", detail=who_key(account))
    return gone


def access_of(account: str, eng: Engine | None = None) -> Access | None:
    """``account``'s rights, or None when it has no role."""
    account = normal_account(account)
    eng = _engine(eng)
    with eng.connect() as conn:
        role = conn.execute(select(USERS.c.role).where(USERS.c.account == account)).scalar()
        if role is None:
            return None
        codes = conn.execute(select(USER_STATES.c.state_code)
                             .where(USER_STATES.c.account == account)).scalars().all()
    return Access(account, role, frozenset(int(c) for c in codes))


def accounts(eng: Engine | None = None) -> pd.DataFrame:
    """Every account with its role, states, pseudonym and grant (for ``planner access --list``)."""
    eng = _engine(eng)
    with eng.connect() as conn:
        users = conn.execute(select(USERS).order_by(USERS.c.account)).mappings().all()
        states = conn.execute(select(USER_STATES)).mappings().all()
    by_account: dict[str, list[int]] = {}
    for row in states:
        by_account.setdefault(row["account"], []).append(int(row["state_code"]))
    return pd.DataFrame([{"account": u["account"], "role": u["role"],
                          "states": ",".join(map(str, sorted(by_account.get(u["account"], [])))),
                          "who": who_key(u["account"]), "granted_at": u["granted_at"],
                          "granted_by": u["granted_by"]} for u in users],
                        columns=["account", "role", "states", "who", "granted_at", "granted_by"])


# --- audit trail ---------------------------------------------------------------------------------

def _append(conn, who: str, action: str, workbook_hash: str | None = None,
            scenario: str | None = None, rows: int | None = None,
            detail: str | None = None) -> int:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    values = {"at": _now(), "who": who_key(who), "action": action,
              "workbook_hash": workbook_hash,
              "scenario": None if scenario is None else redact(str(scenario))[:300],
              "rows": None if rows is None else int(rows),
              "detail": None if detail is None else redact(str(detail))}
    return int(conn.execute(insert(AUDIT).values(**values)).inserted_primary_key[0])


def append_in(conn, who: str, action: str, workbook_hash: str | None = None,
              scenario: str | None = None, rows: int | None = None,
              detail: str | None = None) -> int:
    """Append one record inside the caller's transaction ``conn`` (so that a change and its
    record are stored together or not at all); its id."""
    return _append(conn, who, action, workbook_hash, scenario, rows, detail)


def record(who: str, action: str, workbook_hash: str | None = None,
           scenario: str | None = None, rows: int | None = None, detail: str | None = None,
           eng: Engine | None = None) -> int:
    """Append one record to the audit trail (its id); the only way in."""
    with _engine(eng).begin() as conn:
        return _append(conn, who, action, workbook_hash, scenario, rows, detail)


def read(eng: Engine | None = None, action: str | None = None,
         since: dt.datetime | None = None) -> pd.DataFrame:
    """The audit trail in order (oldest first), optionally one action and from ``since``."""
    query = select(AUDIT).order_by(AUDIT.c.id)
    if action is not None:
        query = query.where(AUDIT.c.action == action)
    if since is not None:
        query = query.where(AUDIT.c.at >= since)
    with _engine(eng).connect() as conn:
        rows = conn.execute(query).mappings().all()
    return pd.DataFrame([dict(r) for r in rows], columns=[c.name for c in AUDIT.columns])


def table(lang: str = "es", action: str | None = None, eng: Engine | None = None) -> pd.DataFrame:
    """The trail with its columns named in ``lang`` (fecha_utc, quien, accion, ...)."""
    trail = read(eng, action=action)
    return trail.rename(columns={col: t(f"audit_col_{col}", lang) for col in trail.columns})
