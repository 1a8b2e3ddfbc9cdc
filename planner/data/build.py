"""Build the default input workbooks from the raw files in ``inputs/fuentes``."""

from __future__ import annotations

from pathlib import Path

from planner.data.avance import with_phase_one
from planner.data.common import Book
from planner.data.hidalgo import build_hidalgo
from planner.data.nacional import build_nacional
from planner.data.sources import FUENTES, load_sources
from planner.io.template import write_input_workbook, write_template

INPUTS = FUENTES.parent
TEMPLATE = "plantilla_vacia.xlsx"


def books(fuentes: str | Path = FUENTES) -> list[Book]:
    """Both default scenarios (Hidalgo real, national synthetic), as tables and LEEME lines."""
    src = load_sources(fuentes)
    return [build_hidalgo(src, fuentes), with_phase_one(build_nacional(src, fuentes))]


def build(out_dir: str | Path = INPUTS, fuentes: str | Path = FUENTES) -> list[Path]:
    """Write ``hidalgo_2025.xlsx``, ``nacional_2024.xlsx`` and the blank template
    ``plantilla_vacia.xlsx`` into ``out_dir``; return their paths. The same sources give the same
    bytes (fixed document and zip entry dates)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [write_input_workbook(out_dir / b.filename, b.tables, b.leeme)
             for b in books(fuentes)]
    return [*paths, write_template(out_dir / TEMPLATE)]
