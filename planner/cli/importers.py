"""``planner import clues | candidatos``: the files planners already have, into a workbook
(issue 27 item 6; issue 23 item 1). The work is :mod:`planner.importers`; this module reads the
options, prints what was kept and what was left out (every row in the output's ``importacion``
sheet) and exits 2 on a file that is not what the command expects."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from planner.cli import common as c
from planner.core.words import t

imp = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None, cls=c.Group,
                  help="Importa los archivos que ya tiene: el catálogo CLUES de la DGIS y los "
                       "candidatos por unidad.")
c.app.add_typer(imp, name="import")

Source = Annotated[Path, typer.Argument(help="Archivo a importar (.xlsx o .csv).")]
Out = Annotated[Path, typer.Option("--out", help="Libro a crear (.xlsx); no debe existir.")]


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


@imp.command("clues", cls=c.Command)
def clues(
    file: Source,
    out: Out,
    institucion: Annotated[Optional[str], typer.Option(
        "--institucion", help="Institución (NOMBRE DE LA INSTITUCION); por omisión "
                              "IMSS-Bienestar.")] = None,
    entidad: Annotated[Optional[list[str]], typer.Option(
        "--entidad", metavar="ENTIDAD", help="Entidad (nombre o clave INEGI); repita la opción para varias. Por "
                          "omisión, todas.")] = None,
    plantilla: Annotated[Optional[Path], typer.Option(
        "--plantilla", help="Archivo de personal por unidad (columnas de SINERHIAS: clues, "
                            "plazas_total_*, plazas_ocupadas_*), .csv o .xlsx.")] = None,
    lang: c.Lang = "es",
) -> None:
    """Crea un libro del planeador con las unidades en operación del catálogo CLUES."""
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


@imp.command("candidatos", cls=c.Command)
def candidatos(
    file: Source,
    book: Annotated[Path, typer.Option("--book", help="Libro del planeador al que se agregan "
                                                      "los candidatos (no se modifica).")],
    out: Out,
    etapa: Annotated[str, typer.Option("--etapa", help="Etapa que se cuenta (UAS o UPE).")]
    = "UAS",
    estatus: Annotated[Optional[list[str]], typer.Option(
        "--estatus", metavar="ESTATUS", help="Estatus que se cuentan; repita la opción para varios. Por omisión "
                          "Aprobado.")] = None,
    fase: Annotated[Optional[list[str]], typer.Option(
        "--fase", metavar="FASE", help="Fases que se cuentan; repita la opción para varias. Por omisión, "
                       "todas.")] = None,
    lang: c.Lang = "es",
) -> None:
    """Escribe en la hoja «oferta» los candidatos por categoría y entidad de una exportación
    de candidatos por unidad, puesto y estatus."""
    from planner.importers.candidatos import DEFAULT_STATUS, import_candidatos, write_into
    from planner.importers.report import skipped_table

    _refuse_existing(out, lang)
    with c.guarded(False, lang):
        imported = import_candidatos(file, book, etapa, estatus or DEFAULT_STATUS, fase or ())
        write_into(book, out, imported, skipped_table(imported.skipped, lang),
                   protect=[file, book])
    _report(imported, out, "imp_cand_written", lang)
