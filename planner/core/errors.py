"""Input problems as data: each issue names sheet, Excel row, column, value found and the rule."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from planner.core.privacy import redact, redact_value
from planner.core.words import DEFAULT_LANG, t

ISSUE_COLUMNS = {
    "es": ("hoja", "fila", "columna", "valor", "problema"),
    "en": ("sheet", "row", "column", "value", "problem"),
}


@dataclass(frozen=True)
class Issue:
    """One problem in the input workbook; ``row`` is the Excel row number (1-based)."""

    code: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: object = None
    params: dict[str, object] = field(default_factory=dict)

    def message(self, lang: str = DEFAULT_LANG) -> str:
        """The problem in planner words (personal-looking values in it replaced)."""
        return redact(t(self.code, lang, **redact_value(self.params, lang)), lang)

    def where(self, lang: str = DEFAULT_LANG) -> str:
        """'hoja «plantilla», fila 12, columna «actuales»' — as precise as the issue allows."""
        es = lang == "es"
        parts = []
        if self.sheet:
            parts.append(f"{'hoja' if es else 'sheet'} «{self.sheet}»")
        if self.row is not None:
            parts.append(f"{'fila' if es else 'row'} {self.row}")
            if self.sheet == "parametros" and self.params.get("param"):  # name the parameter
                parts.append(f"{'parámetro' if es else 'parameter'} «{self.params['param']}»")
        if self.column:
            parts.append(f"{'columna' if es else 'column'} «{self.column}»")
        return ", ".join(parts)

    def text(self, lang: str = DEFAULT_LANG) -> str:
        """One line: where, value found, problem.

        ``hoja «plantilla», fila 3, columna «actuales», valor «dos»: Se esperaba un número.``
        """
        parts = [self.where(lang)] if self.where(lang) else []
        if not _blank(self.value):
            parts.append(f"{'valor' if lang == 'es' else 'value'} «{show_value(self.value)}»")
        head = ", ".join(parts)
        return f"{head}: {self.message(lang)}" if head else self.message(lang)


def show_value(value: object) -> str:
    """A cell value as the planner typed it: 4.0 read back from Excel shows as 4; a value that
    looks like personal data (a CURP, RFC, e-mail or phone) is never echoed."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return redact(str(value))


def _blank(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


class InputError(Exception):
    """The workbook cannot be used as it is; holds every issue found."""

    def __init__(self, issues: list[Issue], source: str = "workbook") -> None:
        self.issues = list(issues)
        self.source = source  # "workbook", or "grid" (a sweep grid, .csv or .xlsx)
        super().__init__(self.summary())

    def summary(self, lang: str = DEFAULT_LANG, limit: int = 20) -> str:
        n = len(self.issues)
        head = t(f"input_head_{self.source}_{'one' if n == 1 else 'many'}", lang, n=n)
        lines = [head] + [f"  - {i.text(lang)}" for i in self.issues[:limit]]
        if len(self.issues) > limit:
            lines.append(t("input_more", lang, n=len(self.issues) - limit))
        return "\n".join(lines)

    def table(self, lang: str = DEFAULT_LANG) -> pd.DataFrame:
        """The issues as a table (hoja, fila, columna, valor, problema)."""
        cols = ISSUE_COLUMNS.get(lang, ISSUE_COLUMNS["es"])
        rows = [(i.sheet or "", i.row, i.column or "", "" if _blank(i.value) else show_value(i.value),
                 i.message(lang)) for i in self.issues]
        df = pd.DataFrame(rows, columns=list(cols))
        df[cols[1]] = df[cols[1]].astype("Int64")
        return df


class ClusterError(Exception):
    """A Dask cluster that cannot run the planner's tasks, with the reason in planner words
    (``code`` a catalogue key, ``params`` its fields): e.g. a scheduler that cannot import the
    project, which recent Dask needs to read the task graph (issue 15)."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(t(code, **params))
