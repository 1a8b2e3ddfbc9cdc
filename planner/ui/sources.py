"""Where the app's workbooks come from and go to: the default scenario, uploads, the blank template
and result workbooks as bytes — through the same pipeline functions as the CLI.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from planner.core.errors import InputError
from planner.core.result import Result
from planner.core.scenario import Scenario
from planner.pipeline import confirm_marginals, load_scenario_bytes
from planner.report.result_book import write_result_workbook
from planner.ui.names import (  # noqa: F401 (sources.XLSX_MIME, sources.digest, …)
    DEFAULT_WORKBOOK,
    ENV_WORKBOOK,
    ROOT,
    TEMPLATE,
    XLSX_MIME,
    default_workbook,
    digest,
    result_file_name,
    result_file_name_confirmed,
)


def file_key(path: Path) -> str:
    """A cache key that changes when the file at ``path`` changes (path, size, mtime)."""
    st = path.stat()
    return f"{path.resolve()}:{st.st_size}:{st.st_mtime_ns}"


@dataclass(frozen=True)
class Upload:
    """The outcome of an upload: a scenario, or its problems, or an unexpected error."""

    name: str
    key: str
    scenario: Scenario | None = None
    problems: InputError | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.scenario is not None

    def issues(self, lang: str = "es") -> pd.DataFrame | None:
        """The problems as the table (hoja, fila, columna, valor, problema) in ``lang``."""
        return None if self.problems is None else self.problems.table(lang)


def read_upload(data: bytes, name: str) -> Upload:
    """Validate an uploaded workbook; never raises.

    Validation problems are kept as the ``InputError`` (every issue, shown as a table in either
    language); anything else as a one-line message.
    """
    key = "upload:" + digest(data)
    try:
        scenario = load_scenario_bytes(data, name)
    except InputError as exc:
        return Upload(name, key, problems=exc)
    except Exception as exc:  # a reader bug must not show a traceback to a planner
        return Upload(name, key, error=f"{type(exc).__name__}: {exc}")
    return Upload(name, key, scenario=scenario)


def result_workbook_bytes(result: Result, lang: str = "es", confirm: bool = False,
                          progress: Callable[[int, int], None] | None = None) -> bytes:
    """The result workbook the CLI writes, as bytes (written to a temporary file, then read).

    ``confirm`` checks each marginal value with integer re-solves (``--confirm-marginals``);
    ``progress(done, total)`` follows them (:func:`planner.pipeline.confirm_marginals`).
    """
    with tempfile.TemporaryDirectory(prefix="planner-app-") as tmp:
        path = Path(tmp) / "resultado.xlsx"
        if confirm:
            result = confirm_marginals(result, progress=progress)
        write_result_workbook(result, path, lang=lang, confirm_marginals=confirm)
        return path.read_bytes()


def template_bytes() -> bytes | None:
    """The blank template's bytes, or None when the file is missing."""
    return TEMPLATE.read_bytes() if TEMPLATE.is_file() else None
