"""``planner template``: the blank input workbook, generated from the schema."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planner.cli import common as c
from planner.cli.helptext import h
from planner.core.words import t
from planner.io.template import write_template


@c.app.command(cls=c.Command, help=h("clih_template"))
def template(
    out: Annotated[Path, typer.Argument(help=h("clih_template_out"), metavar=h("clih_arg_out"))],
    lang: c.Lang = "es",
) -> None:
    """Write the blank input workbook."""
    if out.exists():
        c.err.print(t("cli_template_exists", lang, path=out), markup=False)
        raise typer.Exit(c.EXIT_INVALID)
    with c.guarded(False, lang):
        write_template(out)
    c.out.print(t("cli_template_written", lang, path=out), markup=False)
