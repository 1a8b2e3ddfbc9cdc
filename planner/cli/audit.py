"""``planner audit``: the audit trail (planner/store/access.py) exported to .csv or .xlsx."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from planner.cli import common as c
from planner.cli.helptext import h
from planner.core.words import t
from planner.io.files import atomic_write, check_output_path
from planner.store import access

FORMATS = ("csv", "xlsx")


@c.app.command(cls=c.Command, help=h("clih_audit"))
def audit(
    out: Annotated[Path, typer.Option("--out", help=h("audit_out_help"))],
    fmt: Annotated[Optional[str], typer.Option("--format", help=h("audit_format_help"))] = None,
    action: Annotated[Optional[str], typer.Option("--action", help=h("audit_action_help"))]
    = None,
    lang: c.Lang = "es",
) -> None:
    """Export the audit trail to .csv or .xlsx."""
    kind = (fmt or out.suffix.lstrip(".") or "csv").lower()
    if kind not in FORMATS:
        c.fail_usage(t("audit_bad_format", lang, fmt=kind), False)
    if action is not None and action not in access.ACTIONS:
        c.fail_usage(t("audit_action_help", lang), False)
    with c.guarded(False, lang):
        check_output_path(out)
        table = access.table(lang, action)
        if kind == "csv":
            atomic_write(out, lambda tmp: table.to_csv(tmp, index=False, encoding="utf-8-sig"))
        else:
            atomic_write(out, lambda tmp: _xlsx(table, tmp, lang))
    n = len(table)
    c.out.print(t(f"audit_written_{'one' if n == 1 else 'many'}", lang, n=f"{n:,}", path=out),
                markup=False)


def _xlsx(table, tmp: Path, lang: str) -> None:
    from openpyxl import Workbook

    from planner.io.xlsx import guard, redact_cells, write_table

    wb = guard(Workbook())
    wb.remove(wb.active)
    at = t("audit_col_at", lang)
    shown = table.copy()
    shown[at] = shown[at].astype(str)  # the UTC time as written, never an Excel serial
    write_table(wb, "bitacora" if lang == "es" else "audit", shown)
    redact_cells(wb)
    wb.save(tmp)
