"""``planner import candidatos``: a per-unit candidates export of the hiring pipeline (the form
of ``contratacion_2026/candidatos_por_unidad_puesto_estatus_*.csv``: ``fase, clues, etapa,
categoria, puesto, estatus, n``) → the workbook's ``oferta`` sheet.

A row counts when its ``n`` is a whole number ≥ 0, its CLUES is one of the workbook's units,
its stage (``etapa``, default UAS), phase (``fase``, default every phase) and status
(``estatus``, default Aprobado) are the ones asked for and its position (``puesto``) names one
of the workbook's categories (the 2026 position names of
:data:`planner.data.candidatos.PUESTO_CATEGORY`, the general-nursing positions, or the
category's own name); the first of these that fails is the reason it is left out. ``oferta``
is then rewritten whole: one row per category of the workbook and state of its units, ``candidatos`` = the counted candidates of that category at that state's
units (a state pool: they may be placed anywhere in their state), and a ``base`` column saying
where the figure comes from. Every other sheet of the workbook is kept as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from planner.core.errors import InputError, Issue
from planner.core.text import normalize_key
from planner.data.candidatos import PUESTO_CATEGORY
from planner.data.municipios import normalise
from planner.importers.clues import Imported
from planner.importers.table import SOURCE, Skipped, Wanted, read_table, whole

WHAT = "una exportación de candidatos por unidad, puesto y estatus"
COLUMNS = (
    Wanted("fase", required=False),
    Wanted("clues"),
    Wanted("etapa"),
    Wanted("categoria", required=False),
    Wanted("puesto"),
    Wanted("estatus"),
    Wanted("n", aliases=("candidatos", "total")),
)
NURSING_CATEGORY = "Enfermería general"
NURSING_POSTS = frozenset({"ENFERMERA DE ATENCION CLINICA", "ENFERMERO EN ATENCION CLINICA",
                           "ENFERMERA GENERAL", "ENFERMERO GENERAL", "LICENCIADA EN ENFERMERIA"})
DEFAULT_STAGE, DEFAULT_STATUS = "UAS", ("Aprobado",)


def category_of(puesto: str | None, categories: Sequence[str]) -> str | None:
    """The workbook's category a position names, or None."""
    p = normalise(puesto)
    by_key = {normalise(c): c for c in categories}
    if p in by_key:
        return by_key[p]
    named = PUESTO_CATEGORY.get(p) or (NURSING_CATEGORY if p in NURSING_POSTS else None)
    return by_key.get(normalise(named)) if named else None


def import_candidatos(path: str | Path, book: str | Path, stage: str = DEFAULT_STAGE,
                      statuses: Sequence[str] = DEFAULT_STATUS,
                      phases: Sequence[str] = ()) -> Imported:
    """The ``oferta`` table counted from the export at ``path`` for the workbook ``book``."""
    from planner.io.read import read_workbook
    from planner.validate import validate

    scenario = validate(read_workbook(book))  # the book must be valid before it is changed
    table = read_table(path, COLUMNS, WHAT)
    units = scenario.units
    categories = list(scenario.categories.index)
    skipped: list[Skipped] = list(table.notes)
    col = table.headers
    want_stage = normalise(stage)
    want_status = {normalise(s) for s in statuses}
    want_phase = {normalize_key(p) for p in phases}

    def skip(code: str, row: int, column: str, value=None, **params) -> None:
        skipped.append(Skipped(code, table.place, row, col.get(column, column), value, params))

    f = table.frame.reindex(columns=[w.name for w in COLUMNS])
    records = {int(i): {k: None if isinstance(v, float) else v for k, v in r.items()}
               for i, r in f.to_dict("index").items()}  # a column the file leaves out: blank
    counted: dict[tuple[str, int], int] = {}
    total = 0
    for row, r in records.items():
        n = whole(r["n"])
        if n is None:
            skip("imp_cand_bad_n", row, "n", r["n"])
            continue
        clues = (r["clues"] or "").upper()
        if clues not in units.index:
            skip("imp_cand_unit_not_in_book", row, "clues", r["clues"])
            continue
        if normalise(r["etapa"]) != want_stage:
            skip("imp_cand_other_stage", row, "etapa", r["etapa"], wanted=stage)
            continue
        if want_phase and normalize_key(r["fase"]) not in want_phase:
            skip("imp_cand_other_phase", row, "fase", r["fase"],
                 wanted=", ".join(phases))
            continue
        if normalise(r["estatus"]) not in want_status:
            skip("imp_cand_other_status", row, "estatus", r["estatus"],
                 wanted=", ".join(statuses))
            continue
        category = category_of(r["puesto"], categories)
        if category is None:
            skip("imp_cand_no_category", row, "puesto", r["puesto"])
            continue
        key = (category, int(units.at[clues, "state_code"]))
        counted[key] = counted.get(key, 0) + n
        total += n
    if not counted:
        raise InputError([Issue("imp_cand_nothing", sheet=table.place, params={
            "rows": len(f), "stage": stage, "statuses": ", ".join(statuses)})], source=SOURCE)
    phase_words = ", ".join(phases) if phases else "todas"
    base = (f"dato: {Path(path).name}, etapa {stage}, estatus {', '.join(statuses)}, "
            f"fases {phase_words} (planner import candidatos)")
    states = sorted(set(int(s) for s in units["state_code"]))
    oferta = pd.DataFrame([{"categoria": c, "candidatos": counted.get((c, s), 0),
                            "clave_entidad": s, "base": base}
                           for c in categories for s in states])
    counts = {"rows": len(f), "candidates": total, "pools": len(oferta),
              "skipped": sum(s.kind == "skip" for s in skipped),
              "notes": sum(s.kind == "note" for s in skipped)}
    leeme = [f"Hoja 'oferta' importada de {Path(path).name} (planner import candidatos): "
             f"{total:,} candidatos de la etapa {stage} con estatus {', '.join(statuses)}, "
             f"fases {phase_words}, contados por categoría y entidad de la unidad a la que se "
             f"postularon (una bolsa por entidad); {counts['skipped']:,} filas omitidas, cada "
             "una con su motivo en la hoja 'importacion'. La hoja 'oferta' anterior se "
             "reemplazó."]
    return Imported(tables={"oferta": oferta}, leeme=leeme, skipped=skipped, counts=counts)


def write_into(book: str | Path, out: str | Path, imported: Imported, report: pd.DataFrame,
               protect: Sequence[str | Path]) -> Path:
    """``book`` with its ``oferta`` sheet replaced, ``report`` as its ``importacion`` sheet and
    the LEEME lines appended, written to ``out`` whole or not at all (checked valid first)."""
    from openpyxl import load_workbook

    from planner.core import schema
    from planner.importers.report import SHEET, check_book
    from planner.io.files import atomic_write
    from planner.io.xlsx import write_table

    def write(tmp: Path) -> None:
        wb = load_workbook(book)
        names = {normalize_key(n): n for n in wb.sheetnames}
        for name, df in (("oferta", imported.tables["oferta"]), (SHEET, report)):
            old = names.get(normalize_key(name))
            index = wb.sheetnames.index(old) if old else len(wb.sheetnames)
            if old:
                del wb[old]
            ws = write_table(wb, name, df)
            wb.move_sheet(ws, index - wb.sheetnames.index(name))
        leeme = names.get(normalize_key(schema.LEEME))
        if leeme:
            ws = wb[leeme]
            ws.append([])
            for line in imported.leeme:
                ws.append([line])
        wb.save(tmp)
        check_book(tmp)

    return atomic_write(out, write, protect)
