"""Loaders of the raw public files copied into ``inputs/fuentes`` (see its SOURCE.md).

Each loader reads one file with explicit types (INEGI keys stay text with their leading zeros)
and returns it sorted, so every later step is deterministic.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

FUENTES = Path(__file__).resolve().parents[2] / "inputs" / "fuentes"

CENTRES_FILE = "escenario_hidalgo_primer_nivel_imss_bienestar.csv"
HOSPITALS_FILE = "sinerhias_hidalgo_hospitales_20240701.csv"
MUNICIPALITIES_FILE = "IMM_2020_municipios.csv"
LOCALITIES_FILE = "hidalgo_localidades_inegi.csv"
STATES_GEO_FILE = "mexico_estados.geojson"

_KEYS = {"cve_ent": str, "cve_mun": str, "cve_loc": str, "clues": str, "clues_ssa_anterior": str}


@dataclass(frozen=True)
class Sources:
    """The raw tables the builder needs, already typed and sorted."""

    centres: pd.DataFrame  # Hidalgo IMSS-Bienestar outpatient units (CLUES 2025-01 + joins)
    hospitals: pd.DataFrame  # Hidalgo SINERHIAS hospitalisation units (2024-07-01)
    municipalities: pd.DataFrame  # CONAPO IMM 2020, every municipality
    localities: pd.DataFrame  # INEGI AGEEML localities of Hidalgo (census 2020 figures)
    states_geo: dict  # GeoJSON FeatureCollection of the 32 states


def _read_csv(folder: Path, name: str, sort_by: list[str]) -> pd.DataFrame:
    """Read a source CSV keeping INEGI keys and CLUES as text; sort by ``sort_by``."""
    df = pd.read_csv(folder / name, dtype=_KEYS)
    return df.sort_values(sort_by, kind="stable").reset_index(drop=True)


def load_municipalities(folder: Path) -> pd.DataFrame:
    """CONAPO municipalities with lower-case columns, grade lower-cased to the schema's grades."""
    df = pd.read_csv(folder / MUNICIPALITIES_FILE,
                     dtype={"CVE_ENT": str, "CVE_MUN": str, "estado_imss_bienestar": str})
    df.columns = [c.lower() for c in df.columns]
    df["gm_2020"] = df["gm_2020"].str.strip().str.lower()
    df["estado_imss_bienestar"] = df["estado_imss_bienestar"].str.strip().str.lower() == "true"
    return df.sort_values("cve_mun", kind="stable").reset_index(drop=True)


def load_localities(folder: Path) -> pd.DataFrame:
    """Hidalgo localities; census counts as numbers (blank where INEGI reserves them)."""
    df = _read_csv(folder, LOCALITIES_FILE, ["cve_loc"])
    for col in ("pob_total", "viviendas_habitadas"):
        df[col] = pd.to_numeric(df[col], errors="coerce")
    return df


def load_sources(folder: str | Path = FUENTES) -> Sources:
    """Every raw table, read from ``folder`` (by default the project's ``inputs/fuentes``)."""
    folder = Path(folder)
    with open(folder / STATES_GEO_FILE, encoding="utf-8") as fh:
        geo = json.load(fh)
    return Sources(
        centres=_read_csv(folder, CENTRES_FILE, ["clues"]),
        hospitals=_read_csv(folder, HOSPITALS_FILE, ["clues"]),
        municipalities=load_municipalities(folder),
        localities=load_localities(folder),
        states_geo=geo,
    )
