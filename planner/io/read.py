"""Reading an input workbook: xlsx → one raw table per declared sheet, nothing else.

Headers are normalised (case, accents, spaces/underscores), strings trimmed, empty rows dropped,
and every row keeps its Excel row number as the table index, so validation can point at cells.
The file is opened read-only; ``LEEME`` and any sheet not declared in the schema are never parsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import python_calamine

from planner.core import schema
from planner.core.errors import InputError, Issue
from planner.core.text import normalize_key

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # illegal in xlsx XML


@dataclass(frozen=True)
class RawSheet:
    """One sheet as found: cells as objects, columns by normalised header, index = Excel row."""

    name: str
    frame: pd.DataFrame
    headers: dict[str, str] = field(default_factory=dict)  # normalised -> as written
    header_row: int = 1


@dataclass(frozen=True)
class RawWorkbook:
    """The declared sheets found in a workbook, keyed by their schema name."""

    path: str
    sheets: dict[str, RawSheet]
    sheet_names: tuple[str, ...]
    issues: tuple[Issue, ...] = ()


def read_workbook(path: str | Path) -> RawWorkbook:
    """Read the declared sheets of the workbook at ``path``.

    Raises
    ------
    InputError
        When the file is missing, is not an xlsx workbook, or cannot be read at all.
    """
    from planner.io.guards import MAX_FILE_MB

    p = Path(path)
    if not p.is_file():
        code = "input_not_file" if p.exists() else "file_missing"  # a folder, a device, a FIFO
        raise InputError([Issue(code, params={"path": str(path)})])
    limit = MAX_FILE_MB * 1024 * 1024
    try:
        size = p.stat().st_size
        if size > limit:  # refused by its size on disk, before reading a byte
            raise InputError([Issue("too_big", params={"size": round(size / 2**20, 1),
                                                       "limit": MAX_FILE_MB})])
        with p.open("rb") as fh:  # never more than the limit in memory, even if it grew
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError([Issue("unreadable", params={"detail": _short(exc)})]) from None
    return read_workbook_bytes(data, name=str(path))


def read_workbook_bytes(data: bytes, name: str = "libro.xlsx") -> RawWorkbook:
    """Read a workbook held in memory (an upload); same rules as :func:`read_workbook`."""
    from planner.io.guards import check_sheet_part, check_xlsx_bytes

    package = check_xlsx_bytes(data)  # size, type, macros, zip bomb, XML attacks
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(_BytesReader(data))
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # calamine errors, and pyo3 panics (not an Exception)
        raise InputError([Issue("unreadable", params={"detail": _short(exc)})]) from None
    names = tuple(book.sheet_names)
    issues: list[Issue] = []
    by_key: dict[str, list[str]] = {}
    for n in names:
        by_key.setdefault(normalize_key(n), []).append(n)
    sheets: dict[str, RawSheet] = {}
    for decl in schema.SHEETS:
        found = by_key.get(normalize_key(decl.name), [])
        if len(found) > 1:
            issues.append(Issue("duplicate_sheet", sheet=decl.name,
                                params={"sheet": decl.name, "found": ", ".join(found)}))
        if not found:
            continue
        try:
            extent = check_sheet_part(found[0], package)  # before calamine's dense grid
            sheet = book.get_sheet_by_name(found[0])
            required = tuple(c.name for c in decl.columns if c.required)
            sheets[decl.name], row_issues = _raw_sheet(found[0], sheet, extent.hidden,
                                                       required)
            issues.extend(row_issues)
        except InputError as err:
            issues.extend(err.issues)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # calamine errors, and pyo3 panics (not an Exception)
            issues.append(_sheet_error(found[0], exc, package))
    return RawWorkbook(path=name, sheets=sheets, sheet_names=names, issues=tuple(issues))



def _sheet_error(name: str, exc: BaseException, package: object) -> Issue:
    """The issue for a sheet calamine could not read: the cell when it is a shared-string index
    past the table (calamine's message names no cell), else its message."""
    from planner.io.guards import shared_string_issue

    if "shared string" in str(exc).lower():
        try:
            issue = shared_string_issue(name, package)
        except InputError:
            issue = None
        if issue is not None:
            return issue
    return Issue("unreadable", sheet=name, params={"detail": _short(exc)})


def _raw_sheet(name: str, sheet: python_calamine.CalamineSheet,
               hidden: list[tuple[int, int, str]] = (),
               required: tuple[str, ...] = ()) -> tuple[RawSheet, list[Issue]]:
    """Cells of one sheet as a DataFrame of objects indexed by Excel row number, and the cells
    that could not be read: unconvertible rows, and ``hidden`` formula errors or formulas
    without a saved value (calamine reads those as blanks) in the columns read.

    The header is the row, among Excel rows 1–:data:`HEADER_SEARCH_ROWS`, holding the most
    ``required`` columns (the first such row): title rows or a merged group row above it are
    skipped. Without ``required``, the first non-empty row."""
    from planner.io.guards import check_sheet_extent

    check_sheet_extent(name, sheet)
    start_row = sheet.start[0] if sheet.start else 0
    rows, row_issues = _sheet_rows(name, sheet, start_row)
    header_idx = _header_index(name, rows, start_row, required)
    if header_idx is None:
        return RawSheet(name, pd.DataFrame(), {}, start_row + 1), row_issues
    header = rows[header_idx]
    first = start_row + header_idx + 2
    # Drop empty rows before building the frame (calamine gives "" for an empty cell): a stray
    # cell far below the table then costs one row, not a frame of blank rows.
    body = [(first + i, r) for i, r in enumerate(rows[header_idx + 1:]) if r.count("") < len(r)]
    frame = pd.DataFrame([r for _, r in body], index=pd.Index([n for n, _ in body], name="fila"),
                         dtype=object)
    if frame.shape[1] < len(header):
        frame = frame.reindex(columns=range(len(header)))
    headers: dict[str, str] = {}
    keep: list[int] = []
    names: list[str] = []
    dup_issues: list[Issue] = []
    for j, h in enumerate(header):
        if _empty(h):
            continue
        key = normalize_key(h)
        if key in headers:
            dup_issues.append(Issue("duplicate_column", sheet=name, row=start_row + header_idx + 1,
                                    column=str(h).strip(), params={"column": str(h).strip()}))
            continue
        headers[key] = str(h).strip()
        keep.append(j)
        names.append(key)
    if dup_issues:
        raise InputError(dup_issues)
    row_issues += _hidden_issues(name, hidden, header, keep, start_row + header_idx + 1,
                                 sheet.start[1] if sheet.start else 0)
    frame = frame.iloc[:, keep]
    frame.columns = names
    frame = frame.map(_clean)
    frame = frame.dropna(how="all")
    return RawSheet(name, frame, headers, start_row + header_idx + 1), row_issues


HEADER_SEARCH_ROWS = 10  # Excel rows searched for the header (title rows above it)


def _header_index(name: str, rows: list[list], start_row: int,
                  required: tuple[str, ...]) -> int | None:
    """Index in ``rows`` of the header row (see :func:`_raw_sheet`), None for an empty sheet.

    Raises
    ------
    InputError
        ``header_not_found`` when no row within the first rows names any required column.
    """
    first = next((i for i, r in enumerate(rows) if any(not _empty(v) for v in r)), None)
    if first is None or not required:
        return first
    wanted = {normalize_key(c) for c in required}
    best, best_hits = None, 0
    for i in range(first, min(len(rows), HEADER_SEARCH_ROWS - start_row)):
        hits = len(wanted & {normalize_key(v) for v in rows[i] if isinstance(v, str)})
        if hits > best_hits:
            best, best_hits = i, hits
        if hits == len(wanted):
            break
    if best is None:
        raise InputError([Issue("header_not_found", sheet=name,
                                params={"last": HEADER_SEARCH_ROWS,
                                        "columns": ", ".join(required)})])
    return best


def _hidden_issues(name: str, hidden: list[tuple[int, int, str]], header: list, keep: list[int],
                   header_row: int, start_col: int) -> list[Issue]:
    """One issue per formula error or unsaved formula below the header, in a column read."""
    from planner.io.guards import FORMULA_WITHOUT_VALUE

    kept = set(keep)
    issues = []
    for row, col, text in hidden:
        j = col - 1 - start_col
        if row > header_row and j in kept:
            blank = text == FORMULA_WITHOUT_VALUE
            issues.append(Issue("formula_no_value" if blank else "cell_error", sheet=name,
                                row=row, column=str(header[j]).strip(),
                                value=None if blank else text))
    return issues


def _sheet_rows(name: str, sheet: python_calamine.CalamineSheet,
                start_row: int) -> tuple[list[list], list[Issue]]:
    """The rows of the used range, from its first cell (``sheet.start``), and unreadable rows.

    ``to_python()`` starts at the used range, so ``rows[i]`` is Excel row ``start_row + i + 1``
    (with ``skip_empty_area=False`` it would pad from A1 and shift every row number). One cell
    python-calamine cannot convert (a duration beyond Python's range) fails the whole call;
    the rows are then read one by one and each failing row becomes an issue at its row.
    """
    try:
        return sheet.to_python(), []
    except (OverflowError, ValueError):
        pass
    rows: list[list] = []
    issues: list[Issue] = []
    it = sheet.iter_rows()  # pads from row 1, so index i is Excel row i + 1
    for i in range(start_row + (sheet.height or 0)):
        try:
            row = next(it)
        except StopIteration:
            break
        except (OverflowError, ValueError) as exc:
            row = []
            issues.append(Issue("bad_cell_value", sheet=name, row=i + 1,
                                params={"detail": _short(exc)}))
        if i >= start_row:
            rows.append(row)
    return rows, issues


def _clean(value: object) -> object:
    """Trim strings and drop control characters; empty strings and NaN become None.

    Control characters (``&#1;`` in the XML, pasted from other systems) are invisible to a
    planner, and no xlsx writer accepts them: kept, they would break the result workbook.
    """
    if isinstance(value, str):
        value = _CONTROL_CHARS.sub("", value).strip()
        return value or None
    if isinstance(value, float) and value != value:
        return None
    return value


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, float) and value != value)


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


class _BytesReader:
    """A minimal binary file object over bytes for calamine's ``from_filelike``."""

    def __init__(self, data: bytes) -> None:
        import io

        self._buf = io.BytesIO(data)

    def read(self, size: int = -1) -> bytes:
        return self._buf.read(size)

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._buf.seek(offset, whence)

    def tell(self) -> int:
        return self._buf.tell()


def raw_from_tables(tables: dict[str, pd.DataFrame], name: str = "siguiente fase"):
    """The sheets of :func:`planner.io.avance.next_phase_tables` as a :class:`RawWorkbook`, the
    form :func:`planner.validate.validate` reads, without writing and re-reading the workbook
    (the same scenario as reading it back: tests/test_phases.py checks it)."""
    sheets = {}
    for sheet, df in tables.items():
        frame = df.copy()
        frame.columns = [normalize_key(c) for c in df.columns]
        frame.index = frame.index + 2  # Excel rows: the header is row 1
        frame = frame.astype(object).where(frame.notna(), None)
        sheets[sheet] = RawSheet(sheet, frame, {normalize_key(c): c for c in df.columns})
    return RawWorkbook(name, sheets, tuple(sheets))
