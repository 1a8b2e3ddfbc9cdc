"""``planner import clues | candidatos``: the files planners already have, into a workbook
(issue 27 item 6; issue 23 item 1). The work is :mod:`planner.importers`; this module reads the
options, prints what was kept and what was left out (every row in the output's ``importacion``
sheet) and exits 2 on a file that is not what the command expects."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from planner.cli import common as c
from planner.cli.helptext import h
from planner.core.words import t

imp = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None, cls=c.Group,
                  help=h("clih_import"))
imp.callback()(c.group_lang)  # ``planner import --lang en clues …`` too
c.app.add_typer(imp, name="import")

Source = Annotated[Path, typer.Argument(help=h("clih_import_source"), metavar=h("clih_arg_file"))]
Out = Annotated[Path, typer.Option("--out", help=h("clih_import_out"))]


def _refuse_existing(out: Path, lang: str) -> None:
    if out.exists():
        c.err.print(t("imp_out_exists", lang, path=out), markup=False)
        raise typer.Exit(c.EXIT_INVALID)


def _report(imported, out: Path, key: str, lang: str) -> None:
    from planner.importers.report import reason_lines

    c.out.print(t(key, lang, path=out, **{k: f"{v:,}" for k, v in imported.counts.items()}),
                markup=False)
    for line in reason_lines(imported.skipped, lang):
        c.out.print(line, markup=False)


@imp.command("clues", cls=c.Command, help=h("clih_import_clues"))
def clues(
    file: Source,
    out: Out,
    institucion: Annotated[Optional[str], typer.Option(
        "--institucion", help=h("clih_institution"))] = None,
    entidad: Annotated[Optional[list[str]], typer.Option(
        "--entidad", metavar=h("clih_meta_state"), help=h("clih_state"))] = None,
    plantilla: Annotated[Optional[Path], typer.Option(
        "--plantilla", help=h("clih_staffing"))] = None,
    lang: c.Lang = "es",
) -> None:
    """A planner workbook of the CLUES catalogue's operating units."""
    from planner.importers.clues import import_clues
    from planner.importers.report import SHEET, check_book, skipped_table
    from planner.io.template import write_input_workbook

    _refuse_existing(out, lang)
    with c.guarded(False, lang):
        imported = import_clues(file, institucion, entidad or (), plantilla)
        write_input_workbook(out, imported.tables, imported.leeme,
                             extra_sheets={SHEET: skipped_table(imported.skipped, lang)},
                             protect=[file, *([plantilla] if plantilla else [])],
                             check=check_book, streamed=True)
    _report(imported, out, "imp_clues_written", lang)


@imp.command("candidatos", cls=c.Command, help=h("clih_import_candidatos"))
def candidatos(
    file: Source,
    book: Annotated[Path, typer.Option("--book", help=h("clih_book"))],
    out: Out,
    etapa: Annotated[str, typer.Option("--etapa", help=h("clih_stage"))]
    = "UAS",
    estatus: Annotated[Optional[list[str]], typer.Option(
        "--estatus", metavar=h("clih_meta_status"), help=h("clih_status_filter"))] = None,
    fase: Annotated[Optional[list[str]], typer.Option(
        "--fase", metavar=h("clih_meta_phase"), help=h("clih_phase"))] = None,
    lang: c.Lang = "es",
) -> None:
    """The ``oferta`` sheet of a planner workbook from a candidates export."""
    from planner.importers.candidatos import DEFAULT_STATUS, import_candidatos, write_into
    from planner.importers.report import skipped_table

    _refuse_existing(out, lang)
    with c.guarded(False, lang):
        imported = import_candidatos(file, book, etapa, estatus or DEFAULT_STATUS, fase or ())
        write_into(book, out, imported, skipped_table(imported.skipped, lang),
                   protect=[file, book])
    _report(imported, out, "imp_cand_written", lang)
