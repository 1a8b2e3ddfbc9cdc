"""On-screen headings and words of the app's tables, read from the catalogue alone.

``header`` gives ``col_<name>`` when the app has its own label, else the result workbook's
``book_col_<name>`` (the same words ``planner.report.result_book.COLUMNS`` holds). Reading the
catalogue rather than the writer keeps the pages' import chains short (ARCHITECTURE.md).
"""

from __future__ import annotations

import pandas as pd

from planner.core.words import MESSAGES, pair, t


def header(column: str, lang: str) -> str:
    """A column's heading on screen (``col_<name>`` label; else the result workbook's name,
    ``book_col_<name>`` or its header ``bookh_<name>``; the raw name only when none exists)."""
    if f"col_{column}" in MESSAGES:
        return t(f"col_{column}", lang)
    for key in (f"book_col_{column}", f"bookh_{column}"):
        if key in MESSAGES:
            return pair(key)[0 if lang == "es" else 1]
    return column


def kind_word(kind: str, lang: str) -> str:
    """A unit or category type in the report language (``centro de salud`` → ``health centre``)."""
    key = "kind_word_" + kind.replace(" ", "_")
    return pair(key)[0 if lang == "es" else 1] if key in MESSAGES else kind


def reason_word(reason: str, lang: str) -> str:
    """Why a linked specialty's vacancy was held back, in the report language."""
    key = f"reason_{reason}"
    return pair(key)[0 if lang == "es" else 1] if key in MESSAGES else reason


def labelled(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``df`` with on-screen headings; booleans as sí/no (yes/no); unit kinds translated."""
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == bool:
            out[c] = out[c].map({True: "sí" if lang == "es" else "yes", False: "no"})
    if "kind" in out.columns and lang != "es":
        out["kind"] = out["kind"].map(lambda k: kind_word(k, lang))
    return out.rename(columns={c: header(c, lang) for c in out.columns})
