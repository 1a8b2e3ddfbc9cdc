"""Default scenarios built from real public data: Hidalgo (real) and the national 2024 call.

``python -m planner.data build`` reads the raw files copied into ``inputs/fuentes`` and writes
``inputs/hidalgo_2025.xlsx`` and ``inputs/nacional_2024.xlsx``; the same files and seed always give
the same workbooks. The assumptions live in :mod:`planner.data.rules`.
"""

from planner.data.build import books, build

__all__ = ["books", "build"]
