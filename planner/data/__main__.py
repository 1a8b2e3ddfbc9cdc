"""Command line of the default-scenario builder: ``python -m planner.data build [--out DIR]``."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

from planner.data.build import INPUTS, build
from planner.data.sources import FUENTES


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the arguments, build the workbooks and print where they went."""
    parser = argparse.ArgumentParser(
        prog="python -m planner.data",
        description="Construye los libros de entrada por omisión (Hidalgo real y nacional 2024) "
                    "a partir de los datos públicos de inputs/fuentes.")
    sub = parser.add_subparsers(dest="command", required=True)
    cmd = sub.add_parser("build", help="escribe hidalgo_2025.xlsx, nacional_2024.xlsx y "
                                       "plantilla_vacia.xlsx")
    cmd.add_argument("--out", default=str(INPUTS), help="carpeta de salida (por omisión inputs/)")
    cmd.add_argument("--fuentes", default=str(FUENTES), help="carpeta de datos fuente")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    for path in build(args.out, args.fuentes):
        print(f"escrito: {path}")
    print(f"listo en {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
