"""An illustrative ``avance`` for phase 1 of a call, on whatever units a book has (issue 23).

Shape from the 2026 hiring pipeline, phase 1 (``shared/data/contratacion_2026``, file
``candidatos_por_unidad_puesto_estatus_20260822.csv``, rows with ``fase`` = 1; counts only):

* specialists: 264 candidates sent to the UAS stage, 144 accepted at UPE → 144 / 264 = 0.545;
* general doctors: 116 sent to UAS, 79 accepted at UPE → 79 / 116 = 0.681;
* nurses (``Enfermería``): 809 sent to UAS, 440 accepted at UPE → 440 / 809 = 0.544.

A post with a blank ``requeridos`` takes its category's centre target (general medicine:
``meta_medicos_generales_por_centro``; nursing: ``meta_enfermeras_por_centro``).

Which units: the book's units that are on the 2026 ``PHASE1_CLUES`` list
(``inputs/fuentes/contratacion_2026_listas_unidades.csv``, list ``fase_1``) when the book has
real CLUES; otherwise (synthetic units) one bonus-eligible hospital in :data:`HOSPITAL_SHARE`
and one centre in :data:`CENTRE_SHARE` per state, drawn with a fixed seed. At each such unit
every post with a vacancy gets one offer per vacancy (``supuesto``); accepted ~ Binomial(offers,
the rate above) (``estimado`` from the 2026 shape); every accepted doctor is hired
(``supuesto``) and :data:`RESIGN_RATE` of them resign (``supuesto``). Every row says so in its
``origen`` column (an extra column the reader ignores).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from planner.core import schema
from planner.core.text import normalize_key

LISTS = Path(__file__).resolve().parents[2] / "inputs" / "fuentes" / \
    "contratacion_2026_listas_unidades.csv"
ACCEPT_RATE = {schema.SPECIALTY: 144 / 264, schema.GENERAL: 79 / 116,  # UPE accepted / UAS sent
               schema.NURSING: 440 / 809}
RESIGN_RATE = 0.05  # supuesto
HOSPITAL_SHARE, CENTRE_SHARE = 0.15, 0.03
SEED = 2026
ORIGIN = ("ilustrativo: forma de la fase 1 de la contratación 2026 (aceptados/enviados por "
          "tipo); ofertas = vacantes y renuncias 5 % son supuestos")
LEEME = (
    "Hoja 'avance' ILUSTRATIVA (no es un dato): una fase 1 simulada con la forma de la fase 1 de "
    "la contratación 2026 de IMSS-Bienestar (especialistas 144 aceptados de 264 enviados, médicos "
    "generales 79 de 116; cxro-cc/contrataciones_fases, corte 2026-08-22), en las unidades de la "
    "lista de fase 1 cuando el libro las tiene, si no en una muestra fija de hospitales con bono "
    "y centros. Ofertas = vacantes y 5 % de renuncias son supuestos; la columna 'origen' lo dice "
    "en cada fila. 'planner status' y 'planner next' la usan; bórrela para planear sin avance.",
)


def phase_one_units(units: pd.DataFrame, lists: Path = LISTS) -> list[str]:
    """The CLUES that get phase-1 offers (see the module's docstring)."""
    clues = units["clues"].astype(str).str.upper()
    real: set[str] = set()
    if lists.is_file():
        table = pd.read_csv(lists, dtype=str)
        real = set(table.loc[table["lista"] == "fase_1", "clues"].str.upper())
    chosen = sorted(set(clues) & real)
    if chosen:
        return chosen
    rng = np.random.default_rng(SEED)
    kind = units["tipo"].map(normalize_key)
    eligible = units["elegible_bono"].map(lambda v: normalize_key(v) in schema.TRUE_WORDS)
    picks: list[str] = []
    for _, group in units.assign(_c=clues).groupby("clave_entidad", sort=True):
        for mask, share in (((kind[group.index] == normalize_key(schema.HOSPITAL))
                             & eligible[group.index], HOSPITAL_SHARE),
                            (kind[group.index] == normalize_key(schema.CENTRE), CENTRE_SHARE)):
            pool = sorted(group.loc[mask, "_c"])
            n = min(len(pool), max(1, round(share * len(pool)))) if pool else 0
            picks += list(rng.choice(pool, size=n, replace=False)) if n else []
    return sorted(picks)


def phase_one(tables: dict[str, pd.DataFrame], target: int = 2,
              nurse_target: int = 2) -> pd.DataFrame:
    """The ``avance`` table of an illustrative phase 1 for a book's ``unidades``/``plantilla``."""
    targets = {schema.GENERAL: target, schema.NURSING: nurse_target}
    units, staff = tables["unidades"], tables["plantilla"]
    chosen = set(phase_one_units(units))
    kinds = {normalize_key(c): k for c, k in zip(tables["categorias"]["categoria"],
                                                   tables["categorias"]["tipo"], strict=True)}
    rng = np.random.default_rng(SEED + 1)
    rows = []
    for clues, cat, req, cur in staff[["clues", "categoria", "requeridos",
                                       "actuales"]].itertuples(index=False):
        if str(clues).upper() not in chosen:
            continue
        kind = kinds.get(normalize_key(cat), schema.SPECIALTY)
        required = targets.get(kind, 0) if req is None or pd.isna(req) else int(req)
        vacancies = max(0, required - int(cur))
        if vacancies == 0:
            continue
        rate = ACCEPT_RATE[kind]
        accepted = int(rng.binomial(vacancies, rate))
        resigned = int(rng.binomial(accepted, RESIGN_RATE))
        rows.append((str(clues).upper(), cat, "1", vacancies, accepted, accepted, resigned,
                     ORIGIN))
    return pd.DataFrame(rows, columns=[c.name for c in schema.SHEET_BY_KEY["avance"].columns]
                        + ["origen"])


def with_phase_one(book):
    """``book`` (a :class:`planner.data.common.Book`) with the illustrative phase-1 ``avance``."""
    tables = dict(book.tables)
    params = tables["parametros"]

    def value(name: str) -> int:
        row = params["parametro"] == name
        return int(params.loc[row, "valor"].iloc[0]) if row.any() else 2

    tables["avance"] = phase_one(tables, value("meta_medicos_generales_por_centro"),
                                 value("meta_enfermeras_por_centro"))
    return replace(book, tables=tables, leeme=[*book.leeme, *LEEME])
