"""A SINERHIAS-style staff file (posts by unit: ``plazas_total_*`` authorised, ``plazas_ocupadas_*``
occupied; the columns of ``recursos_humanos/sinerhias_*.csv``) → ``plantilla`` rows for the
imported units.

Per unit of the file whose CLUES is an imported unit (the current CLUES: SINERHIAS cuts list
the old SSA codes, which must be replaced first):

* a health centre: Medicina general with ``requeridos`` blank (the target T applies) and
  ``actuales`` = its occupied general-practitioner posts;
* a hospital: Medicina general and each trunk specialty the file gives, with ``requeridos`` =
  its authorised posts (``plazas_total_*``) and ``actuales`` = its occupied ones; a category
  whose two figures are both 0 gets no row.

Every row says so in its ``base_actuales`` column. Rows of other units, repeated units and
cells that are not whole numbers ≥ 0 are left out with their reason.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from planner.core import schema
from planner.importers.table import Skipped, Wanted, read_table, whole

WHAT = "un archivo de personal por unidad (columnas de SINERHIAS: plazas_total_*, plazas_ocupadas_*)"
SPECIALTY_COLUMNS = {"medicos_generales": schema.GENERAL_CATEGORY, "pediatra": "Pediatría",
                     "ginecoobstetra": "Ginecología y obstetricia",
                     "cirujano": "Cirugía general", "internista": "Medicina interna",
                     "anestesiologo": "Anestesiología", "urgenciologo": "Urgencias"}
COLUMNS = (Wanted("clues"), Wanted("plazas_ocupadas_medicos_generales"),
           *(Wanted(f"plazas_{k}_{s}", required=False) for s in SPECIALTY_COLUMNS
             for k in ("total", "ocupadas") if (k, s) != ("ocupadas", "medicos_generales")))


def staff_rows(path: str | Path, units: pd.DataFrame) -> tuple[pd.DataFrame, set[str],
                                                               list[Skipped]]:
    """(plantilla rows, CLUES they cover, rows left out) for ``units`` (``clues``, ``tipo``)."""
    table = read_table(path, COLUMNS, WHAT)
    kinds = dict(zip(units["clues"], units["tipo"], strict=True))
    skipped: list[Skipped] = list(table.notes)
    col = table.headers
    basis = f"dato: {Path(path).name} (plazas ocupadas; requeridos = plazas autorizadas en hospitales)"
    f = table.frame
    seen: dict[str, int] = {}
    rows: list[dict] = []
    for row, r in f.iterrows():
        row = int(row)
        clues = (r["clues"] or "").upper()
        if clues not in kinds:
            skipped.append(Skipped("imp_staff_unknown_unit", table.place, row, col["clues"],
                                   r["clues"]))
            continue
        if clues in seen:
            skipped.append(Skipped("imp_staff_repeated", table.place, row, col["clues"], clues,
                                   {"first": seen[clues]}))
            continue
        bad = next((c for c in f.columns if c != "clues" and r[c] is not None
                    and whole(r[c]) is None), None)
        if bad is not None:
            skipped.append(Skipped("imp_staff_bad_number", table.place, row, col[bad], r[bad]))
            continue
        seen[clues] = row
        if kinds[clues] == schema.CENTRE:
            rows.append({"clues": clues, "categoria": schema.GENERAL_CATEGORY,
                         "requeridos": None,
                         "actuales": whole(r["plazas_ocupadas_medicos_generales"]) or 0,
                         "base_actuales": basis})
            continue
        for key, category in SPECIALTY_COLUMNS.items():
            total, busy = r.get(f"plazas_total_{key}"), r.get(f"plazas_ocupadas_{key}")
            if total is None or busy is None or (whole(total) == 0 and whole(busy) == 0):
                continue
            rows.append({"clues": clues, "categoria": category, "requeridos": whole(total),
                         "actuales": whole(busy), "base_actuales": basis})
    return pd.DataFrame(rows, columns=["clues", "categoria", "requeridos", "actuales",
                                       "base_actuales"]), set(seen), skipped
