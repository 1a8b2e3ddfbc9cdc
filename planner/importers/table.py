"""A CSV or xlsx file read as a person sees it: headers matched to the columns an importer
expects (case, accents, spaces and underscores ignored; declared aliases), every cell as text,
and every row keeping the row number a spreadsheet shows for it."""

from __future__ import annotations

import csv
import io
import itertools
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from planner.core.errors import InputError, Issue
from planner.core.text import normalize_key

SOURCE = "import"  # InputError's source: the head says «El archivo importado tiene …»
HEADER_SEARCH_ROWS = 10
SEPARATORS = (",", ";", "\t", "|")
MAX_MB = 200  # a national DGIS catalogue is ~30 MB as xlsx


@dataclass(frozen=True)
class Wanted:
    """A column an importer reads: its name in the official file, its aliases, required or not."""

    name: str
    required: bool = True
    aliases: tuple[str, ...] = ()

    def keys(self) -> set[str]:
        return {normalize_key(n) for n in (self.name, *self.aliases)}


@dataclass(frozen=True)
class Skipped:
    """A row left out (``skip``) or read with a caveat (``note``), and why, with its place."""

    code: str
    place: str
    row: int | None
    column: str | None = None
    value: object = None
    params: dict = field(default_factory=dict)
    kind: str = "skip"

    def issue(self) -> Issue:
        return Issue(self.code, sheet=self.place, row=self.row, column=self.column,
                     value=self.value, params=self.params)


@dataclass(frozen=True)
class Table:
    """The cells of a file (text, stripped; None when blank) by wanted column name; index = the
    row number a spreadsheet shows; ``place`` names the file (and its sheet)."""

    place: str
    frame: pd.DataFrame
    headers: dict[str, str]  # wanted name -> header as written
    header_row: int
    notes: tuple[Skipped, ...] = ()


def read_table(path: str | Path, wanted: tuple[Wanted, ...], what: str) -> Table:
    """Read ``path`` (.csv or .xlsx) and map its header to ``wanted``.

    Raises
    ------
    InputError
        The file is missing, unreadable, of another kind, has no header row naming the wanted
        columns, lacks a required column (``what`` says what the file should be) or has no rows.
    """
    p = Path(path)
    if not p.is_file():
        code = "input_not_file" if p.exists() else "file_missing"
        raise InputError([Issue(code, params={"path": str(path)})], source=SOURCE)
    size = p.stat().st_size
    if size > MAX_MB * 2**20:
        raise InputError([Issue("too_big", params={"size": round(size / 2**20, 1),
                                                   "limit": MAX_MB})], source=SOURCE)
    data = p.read_bytes()
    notes: list[Skipped] = []
    if data[:2] == b"PK":
        place, rows = _xlsx_rows(data, p.name, wanted)
    elif p.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        raise InputError([Issue("imp_not_table", params={"path": p.name, "what": what})],
                         source=SOURCE)
    else:
        place = p.name
        rows, encoding = _csv_rows(data, p.name, what)
        if encoding != "utf-8":
            notes.append(Skipped("imp_note_encoding", place, None, kind="note",
                                 params={"encoding": encoding}))
    return _table(place, rows, wanted, what, tuple(notes))


def _csv_rows(data: bytes, name: str, what: str) -> tuple[list[tuple[int, list]], str]:
    """(line number, fields) of every line of a CSV; the encoding it was read with."""
    if b"\x00" in data[:4096]:
        raise InputError([Issue("imp_not_table", params={"path": name, "what": what})],
                         source=SOURCE)
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:  # a CSV saved by Excel in Spanish Windows
        text, encoding = data.decode("cp1252", errors="replace"), "Windows-1252"
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return [], encoding
    counts = {s: lines[first].count(s) for s in SEPARATORS}
    sep = max(SEPARATORS, key=lambda s: counts[s])
    reader = csv.reader(io.StringIO("\n".join(lines[first:])), delimiter=sep)
    out = []
    start = 1
    for fields in reader:
        out.append((first + start, fields))
        start = reader.line_num + 1
    return out, encoding


def _xlsx_rows(data: bytes, name: str, wanted: tuple[Wanted, ...]
               ) -> tuple[str, list[tuple[int, list]]]:
    """The rows of the sheet whose header names most wanted columns (the first sheet on a tie)."""
    import python_calamine

    from planner.io.guards import check_sheet_part, check_xlsx_bytes

    package = check_xlsx_bytes(data)  # size, macros, zip bombs, XML attacks: as for a workbook
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        best: tuple[int, str] | None = None
        for sheet_name in book.sheet_names:  # the header's sheet, from each one's first rows
            check_sheet_part(sheet_name, package)
            top = list(itertools.islice(book.get_sheet_by_name(sheet_name).iter_rows(),
                                        HEADER_SEARCH_ROWS))
            hits = max((_hits(r, wanted) for r in top), default=0)
            if best is None or hits > best[0]:
                best = (hits, sheet_name)
        rows = book.get_sheet_by_name(best[1]).to_python(skip_empty_area=False) if best else []
    except InputError:
        raise
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # calamine errors and pyo3 panics
        raise InputError([Issue("unreadable", params={"detail": str(exc)[:200]})],
                         source=SOURCE) from None
    if best is None:
        return name, []
    return f"{name} › {best[1]}", [(i + 1, list(r)) for i, r in enumerate(rows)]


def _hits(row: list, wanted: tuple[Wanted, ...]) -> int:
    keys = {normalize_key(v) for v in row if isinstance(v, str)}
    return sum(1 for w in wanted if w.keys() & keys)


def _table(place: str, rows: list[tuple[int, list]], wanted: tuple[Wanted, ...], what: str,
           notes: tuple[Skipped, ...]) -> Table:
    candidates = [(n, r) for n, r in rows[:HEADER_SEARCH_ROWS]]
    header_at = max(range(len(candidates)), key=lambda i: _hits(candidates[i][1], wanted),
                    default=None)
    if header_at is None or _hits(candidates[header_at][1], wanted) == 0:
        raise InputError([Issue("imp_no_header", sheet=place,
                                params={"what": what, "last": HEADER_SEARCH_ROWS,
                                        "columns": ", ".join(w.name for w in wanted
                                                             if w.required)})], source=SOURCE)
    header_row, header = candidates[header_at]
    written = {}
    for j, h in enumerate(header):
        if isinstance(h, str) and h.strip():
            written.setdefault(normalize_key(h), (j, h.strip()))
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    for w in wanted:
        found = [written[k] for k in w.keys() if k in written]
        if found:
            columns[w.name], headers[w.name] = found[0]
    missing = [w.name for w in wanted if w.required and w.name not in columns]
    if missing:
        found = ", ".join(h for _, h in written.values()) or "ninguna"
        raise InputError([Issue("imp_missing_columns", sheet=place, row=header_row,
                                params={"what": what, "missing": ", ".join(missing),
                                        "found": found})], source=SOURCE)
    body = []
    index = []
    for number, r in rows[header_at + 1:]:
        cells = [_text(r[j]) if j < len(r) else None for j in columns.values()]
        if all(c is None for c in cells) and all(_text(v) is None for v in r):
            continue
        body.append(cells)
        index.append(number)
    if not body:
        raise InputError([Issue("imp_no_rows", sheet=place, params={"what": what})],
                         source=SOURCE)
    frame = pd.DataFrame(body, columns=list(columns), index=pd.Index(index, name="fila"),
                         dtype=object)
    return Table(place, frame, headers, header_row, notes)


def number(text: str | None) -> float | None:
    """The number a cell's text is to a person (planner.core.numbers' rules: ``1,234`` is
    1234, a decimal comma is refused), or None."""
    from planner.core.numbers import parse_number

    return parse_number(text)[0]


def whole(text: str | None) -> int | None:
    """A whole number ≥ 0 as a person reads the cell (``12``, ``1,234``), or None."""
    x = number(text)
    return int(x) if x is not None and x >= 0 and float(x).is_integer() else None


def _text(value: object) -> str | None:
    """A cell as the text a person sees: 4.0 from Excel is «4»; blanks are None."""
    if value is None:
        return None
    if isinstance(value, float):
        if value != value:
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value).strip()
    return text or None
