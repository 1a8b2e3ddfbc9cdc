"""What an importer left out, as a table (the output workbook's ``importacion`` sheet) and as
summary lines; and the check that the workbook it wrote is a valid planner input."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from planner.core.errors import show_value
from planner.core.words import t
from planner.importers.table import Skipped

SHEET = "importacion"
COLUMNS = {"es": ("archivo", "fila", "columna", "valor", "tipo", "motivo"),
           "en": ("file", "row", "column", "value", "kind", "reason")}


def skipped_table(skipped: Sequence[Skipped], lang: str = "es") -> pd.DataFrame:
    """One row per row left out or read with a caveat: file, row, column, value, kind, reason."""
    cols = COLUMNS.get(lang, COLUMNS["es"])
    rows = [(s.place, s.row, s.column or "", "" if s.value is None else show_value(s.value),
             t(f"imp_kind_{s.kind}", lang), t(s.code, lang, **s.params)) for s in skipped]
    df = pd.DataFrame(rows, columns=list(cols))
    df[cols[1]] = df[cols[1]].astype("Int64")
    return df


def reason_lines(skipped: Sequence[Skipped], lang: str = "es", limit: int = 20) -> list[str]:
    """Counts by reason, then the first ``limit`` rows with their place."""
    lines = []
    for kind in ("skip", "note"):
        mine = [s for s in skipped if s.kind == kind]
        if not mine:
            continue
        lines.append(t(f"imp_head_{kind}", lang, n=f"{len(mine):,}"))
        by_code = Counter(s.code for s in mine)
        for code, n in by_code.most_common():
            example = next(s for s in mine if s.code == code)
            lines.append(f"  {n:>7,} × {t(code, lang, **example.params)}")
        for s in mine[:limit]:
            lines.append(f"    - {s.issue().text(lang)}")
        if len(mine) > limit:
            lines.append(t("imp_more_in_sheet", lang, n=f"{len(mine) - limit:,}", sheet=SHEET))
    return lines


def check_book(path: Path) -> None:
    """InputError unless the workbook at ``path`` validates (as ``planner validate`` would)."""
    from planner.io.read import read_workbook
    from planner.validate import validate

    validate(read_workbook(path))
