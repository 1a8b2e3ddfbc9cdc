"""Names and keys of the app's files: the workbook MIME type, download file names, upload digests.

Kept apart from ``planner.ui.sources`` (which reaches the pipeline) so that pages can name a
download without a long import chain; ``sources`` re-exports them.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from planner.core.text import slug

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_WORKBOOK = ROOT / "inputs" / "nacional_2024.xlsx"
TEMPLATE = ROOT / "inputs" / "plantilla_vacia.xlsx"
ENV_WORKBOOK = "PLANNER_DEFAULT_WORKBOOK"


def default_workbook() -> Path:
    """The workbook the app opens on: ``$PLANNER_DEFAULT_WORKBOOK`` or the national 2024 one."""
    env = os.environ.get(ENV_WORKBOOK, "").strip()
    return Path(env).expanduser() if env else DEFAULT_WORKBOOK

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def digest(data: bytes) -> str:
    """Short content hash of an upload (its cache key)."""
    return hashlib.sha256(data).hexdigest()[:16]


def result_file_name_confirmed(name: str) -> str:
    """The confirmed workbook's file name beside the plain one: ``…_confirmado.xlsx``."""
    return name[:-len(".xlsx")] + "_confirmado.xlsx" if name.endswith(".xlsx") else name


def result_file_name(scenario_name: str, label: str) -> str:
    """``nacional_2024_resultado_presupuesto-bajo.xlsx`` from the workbook and scenario names."""
    stem = Path(scenario_name).stem or "escenario"
    return f"{slug(stem)}_resultado_{slug(label).replace('_', '-')}.xlsx"
