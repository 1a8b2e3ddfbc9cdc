"""Pieces shared by both default scenarios: the result container, sheet tables, Spanish numbers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from planner.core import schema
from planner.data import rules
from planner.io.template import parameters_table, reference_tables

UNIT_COLUMNS = [c.name for c in next(s for s in schema.SHEETS if s.name == "unidades").columns]
STAFF_COLUMNS = ["clues", "categoria", "requeridos", "actuales"]
CATEGORY_ORDER = {c.name: i for i, c in
                  enumerate(schema.DEFAULT_CATEGORIES + schema.NURSING_CATEGORIES)}


@dataclass(frozen=True)
class Book:
    """A generated input workbook: file name, sheet tables and the LEEME lines."""

    filename: str
    tables: Mapping[str, pd.DataFrame]
    leeme: Sequence[str]


def mxn(value: float) -> str:
    """A peso amount as planners write it: '$44,025,790'."""
    return f"${value:,.0f}"


def num(value: float) -> str:
    """An integer with thousands separators: '12,000'."""
    return f"{value:,.0f}"


def yes_no(flag: bool) -> str:
    """The workbook's spelling of a boolean."""
    return "sí" if flag else "no"


def sort_staffing(df: pd.DataFrame) -> pd.DataFrame:
    """Plantilla rows by CLUES, then categories in the reference order (Medicina general first)."""
    order = df["categoria"].map(CATEGORY_ORDER)
    df = df.assign(_o=order).sort_values(["clues", "_o"], kind="stable").drop(columns="_o")
    df = df[STAFF_COLUMNS].reset_index(drop=True)
    df["requeridos"] = df["requeridos"].astype("Int64")
    df["actuales"] = df["actuales"].astype("int64")
    return df


def reference_sheets(categories: Sequence[str]) -> dict[str, pd.DataFrame]:
    """categorias (only ``categories``), bonos and prioridades as in the template."""
    ref = reference_tables(nurses=True)
    cats = ref["categorias"]
    ref["categorias"] = cats[cats["categoria"].isin(categories)].reset_index(drop=True)
    return ref


def supply_table(supply: Mapping[str, int]) -> pd.DataFrame:
    """oferta: candidates per category, in the reference category order."""
    rows = sorted(supply.items(), key=lambda kv: CATEGORY_ORDER[kv[0]])
    return pd.DataFrame(rows, columns=["categoria", "candidatos"])


def parameters(budget: float) -> pd.DataFrame:
    """parametros: the budget and the target of the call, every other parameter by default."""
    return parameters_table({"presupuesto_bono_mensual": budget,
                             "meta_medicos_generales_por_centro": rules.TARGET_GPS_PER_CENTRE,
                             "meta_enfermeras_por_centro": rules.TARGET_NURSES_PER_CENTRE})


def units_frame(rows: list[dict]) -> pd.DataFrame:
    """unidades in the schema's column order, sorted by state, municipality, type and CLUES."""
    df = pd.DataFrame(rows)
    df = df.sort_values(["clave_entidad", "_cve_mun", "_tipo_orden", "clues"], kind="stable")
    df = df[[c for c in UNIT_COLUMNS if c in df]].reset_index(drop=True)  # optional ones if given
    df["familias"] = df["familias"].astype("Int64")
    return df
