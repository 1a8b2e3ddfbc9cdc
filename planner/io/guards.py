"""Checks on an uploaded file before any parsing: is it a plain xlsx, and is it safe to open.

Everything here works from the bytes and the zip directory, never from the file name, and runs
before python-calamine sees the file. Why each check exists (measured with python-calamine 0.9):

- calamine builds a *dense* grid over the bounding box of the cells that hold a value, 32 bytes
  a cell, ignoring ``<dimension>``. One value at ``XFD1048576`` asks for 550 GB and the Rust
  allocator *aborts the whole process* (SIGABRT, no Python exception); one value at
  ``Z1048576`` costs 0.9 GB and ~4 s. So each sheet we parse is measured from its XML first.
- calamine trusts the zip stream, not the declared sizes, so a member whose header lies about
  its size is decompressed here with a cap before calamine may read it.
- calamine's XML parser does not expand DTD entities (it fails with "unrecognized entity"), but
  a part declaring a DTD is never legitimate in an xlsx, so it is refused with its own message.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from io import BytesIO
from xml.parsers import expat

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from planner.core.errors import InputError, Issue
from planner.core.words import Phrase, phrase

XLSX_MAGIC = b"PK\x03\x04"
MAX_FILE_MB = 50  # the upload itself
MAX_UNCOMPRESSED_MB = 100  # all members together (the national workbook: 12 MB)
MAX_RATIO = 200  # per member; real sheets compress ~10:1, deflate bombs ~1000:1
RATIO_FLOOR = 1 << 20  # small members may compress well without harm
MAX_MEMBERS = 10_000
MAX_ROWS = 200_000  # rows calamine would materialise for one sheet
MAX_CELLS = 4_000_000  # cells of that dense grid (128 MB in calamine)
SMALL_PART_LIMIT = 8 << 20  # [Content_Types].xml, workbook.xml and its rels are parsed whole

_IN_CHUNK = 1 << 16
_OUT_CHUNK = 1 << 20
_FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY")
_FORBIDDEN_ALL = tuple(n.decode().encode(enc) for n in _FORBIDDEN
                       for enc in ("utf-8", "utf-16-le", "utf-16-be"))
_MACRO_TYPES = ("macroenabled", "vbaproject", "macrosheet")
_WORKBOOK_TYPES = ("spreadsheetml.sheet.main+xml", "spreadsheetml.template.main+xml")
_OTHER_OFFICE = {  # content-type marker -> catalogue key of the detail
    "sheet.binary": "detail_xlsb",
    "wordprocessingml": "detail_word",
    "presentationml": "detail_powerpoint",
}


# --- the file as a whole -----------------------------------------------------------------------

def check_xlsx_bytes(data: bytes) -> Package:
    """Refuse anything but a plain, safe xlsx workbook; return its checked package.

    Checks, in order: size, magic bytes, the zip directory (member count, declared sizes and
    compression ratios), the content types (macros, other Office files), then every member is
    decompressed with a cap (real size must match the declared one, CRC must match) and every
    XML part is refused if it declares a DTD or an entity.

    Raises
    ------
    InputError
        With one issue: ``too_big``, ``not_xlsx``, ``macro_file``, ``zip_bomb``, ``xml_attack``
        or ``unreadable``.
    """
    if len(data) > MAX_FILE_MB * 1024 * 1024:
        _refuse("too_big", size=round(len(data) / 2**20, 1), limit=MAX_FILE_MB)
    if not data.startswith(XLSX_MAGIC):
        _refuse("not_xlsx", detail=describe_content(data))
    try:
        zf = zipfile.ZipFile(BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError,
            NotImplementedError, struct.error):
        _refuse("unreadable", detail=phrase("detail_truncated"))
    package = Package(data, zf, {i.filename: i for i in infos})
    _check_directory(package)
    _check_content_types(package)
    _check_members(package)
    _map_sheets(package)
    return package


def describe_content(data: bytes) -> Phrase:
    """What the bytes look like, in planner words, for the ``not_xlsx`` message."""
    head = data[:512]
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not data:
        return phrase("detail_empty")
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return phrase("detail_old_xls")
    if head.startswith(b"%PDF-"):
        return phrase("detail_pdf")
    if head.startswith(b"PK\x05\x06"):
        return phrase("detail_empty_zip")
    if text.startswith((b"<!doctype html", b"<html", b"<table")) or b"<html" in text[:200]:
        return phrase("detail_html")
    if text.startswith(b"<?xml") or text.startswith(b"<"):
        return phrase("detail_xml")
    if _looks_like_text(head):
        return phrase("detail_text")
    return phrase("detail_not_zip")


def _looks_like_text(head: bytes) -> bool:
    try:
        s = head.decode("utf-8")
    except UnicodeDecodeError:
        try:
            s = head.decode("latin-1")
        except UnicodeDecodeError:  # pragma: no cover - latin-1 decodes any byte
            return False
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in s)
    return printable >= 0.95 * max(len(s), 1)


def _refuse(code: str, **params: object) -> None:
    raise InputError([Issue(code, params=params)])


# --- the zip package ---------------------------------------------------------------------------

@dataclass
class Package:
    """A checked xlsx package: the zip, its members, and the XML part of each sheet by name."""

    data: bytes
    zf: zipfile.ZipFile
    members: dict[str, zipfile.ZipInfo]
    content_types: dict[str, str] = field(default_factory=dict)  # part name -> content type
    workbook_part: str = ""
    sheet_parts: dict[str, str] = field(default_factory=dict)  # sheet name -> member

    def read(self, name: str, limit: int | None = None) -> bytes:
        """The decompressed member ``name`` (its size was checked; ``limit`` caps it again)."""
        info = self.members[name]
        if limit is not None and info.file_size > limit:
            _refuse("zip_bomb", detail=phrase("detail_part_size", part=name,
                                              size=_mb(info.file_size)))
        return b"".join(_inflate(self.data, info))

    def worksheet_parts(self) -> list[str]:
        """Every member that is a worksheet by content type or by its usual folder."""
        return [n for n in self.members
                if self.content_types.get(n, "").endswith("worksheet+xml")
                or n.lower().startswith("xl/worksheets/") and n.lower().endswith(".xml")]


def _check_directory(pkg: Package) -> None:
    """Member count, encryption, compression method, total declared size and ratios."""
    infos = list(pkg.members.values())
    if len(infos) > MAX_MEMBERS:
        _refuse("zip_bomb", detail=phrase("detail_members", count=len(infos)))
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            _refuse("unreadable", detail=phrase("detail_password"))
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            _refuse("unreadable", detail=phrase("detail_compression", part=info.filename))
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            _refuse("zip_bomb", detail=phrase("detail_ratio", part=info.filename, ratio=ratio,
                                              limit=MAX_RATIO))
    if total > MAX_UNCOMPRESSED_MB * 2**20:
        _refuse("zip_bomb", detail=phrase("detail_total", size=_mb(total),
                                          limit=MAX_UNCOMPRESSED_MB))


def _check_content_types(pkg: Package) -> None:
    """An xlsx (or xltx) workbook part is declared, and nothing declares macros."""
    names_lower = {n.lower(): n for n in pkg.members}
    if "mimetype" in names_lower and b"opendocument" in pkg.read(names_lower["mimetype"],
                                                                  limit=4096):
        _refuse("not_xlsx", detail=phrase("detail_ods"))
    if "[content_types].xml" not in names_lower:
        _refuse("not_xlsx", detail=phrase("detail_zip_not_office"))
    ct_name = names_lower["[content_types].xml"]
    root = _parse_xml(pkg, ct_name)
    types: dict[str, str] = {}
    defaults: dict[str, str] = {}
    for el in root.iter():
        local = _local(el.tag)
        if local == "Override":
            types[el.get("PartName", "").lstrip("/")] = el.get("ContentType", "")
        elif local == "Default":
            defaults[el.get("Extension", "").lower()] = el.get("ContentType", "")
    pkg.content_types = types
    all_types = [t.lower() for t in (*types.values(), *defaults.values())]
    mains = [p for p, t in types.items() if t.lower().endswith(_WORKBOOK_TYPES)]
    for marker, detail in _OTHER_OFFICE.items():
        if not mains and any(marker in t for t in all_types):
            _refuse("not_xlsx", detail=phrase(detail))
    if (any(m in t for t in all_types for m in _MACRO_TYPES)
            or any(n.endswith("vbaproject.bin") for n in names_lower)):
        _refuse("macro_file")
    if not mains:
        _refuse("not_xlsx", detail=phrase("detail_office_not_excel"))
    pkg.workbook_part = _find_member(pkg, mains[0]) or ""
    if not pkg.workbook_part:
        _refuse("unreadable", detail=phrase("detail_missing_part", part=mains[0]))


def _check_members(pkg: Package) -> None:
    """Decompress every member with a cap: real size and CRC must match, XML has no DTD."""
    for info in pkg.members.values():
        scan = _XmlPrologScan()
        for chunk in _inflate(pkg.data, info):
            scan.feed(chunk)


def _map_sheets(pkg: Package) -> None:
    """Sheet name → worksheet member, from the workbook part and its relationships."""
    root = _parse_xml(pkg, pkg.workbook_part)
    folder, base = posixpath.split(pkg.workbook_part)
    rels_name = _find_member(pkg, posixpath.join(folder, "_rels", base + ".rels"))
    targets: dict[str, str] = {}
    if rels_name:
        for el in _parse_xml(pkg, rels_name).iter():
            if _local(el.tag) == "Relationship" and el.get("TargetMode") != "External":
                target = el.get("Target", "")
                path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                    posixpath.join(folder, target))
                targets[el.get("Id", "")] = path
    for el in root.iter():
        if _local(el.tag) != "sheet":
            continue
        rid = next((v for k, v in el.attrib.items() if _local(k) == "id"), "")
        member = _find_member(pkg, targets.get(rid, ""))
        if member:
            pkg.sheet_parts[el.get("name", "")] = member


def _find_member(pkg: Package, name: str) -> str | None:
    if not name:
        return None
    if name in pkg.members:
        return name
    lower = name.lower()
    return next((n for n in pkg.members if n.lower() == lower), None)


def _parse_xml(pkg: Package, name: str):
    """Parse a small XML part with defusedxml (no DTD, no entities, no external references)."""
    raw = pkg.read(name, limit=SMALL_PART_LIMIT)
    try:
        return SafeET.fromstring(raw, forbid_dtd=True)
    except DefusedXmlException:
        _refuse("xml_attack")
    except SafeET.ParseError as exc:
        _refuse("unreadable", detail=phrase("detail_bad_xml", part=name, error=str(exc)))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _mb(n: int) -> str:
    return f"{n / 2**20:,.1f}"


def _inflate(data: bytes, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The member's bytes in chunks, never more than its declared size, CRC checked.

    Reads the raw stream after the local header, as calamine's zip reader does, so a header that
    lies about the uncompressed size is caught here instead of in calamine.
    """
    start = _data_offset(data, info)
    raw = memoryview(data)[start:start + info.compress_size]
    if len(raw) != info.compress_size:
        _refuse("unreadable", detail=phrase("detail_truncated"))
    produced, crc = 0, 0
    if info.compress_type == zipfile.ZIP_STORED:
        chunks: Iterator[bytes] = (bytes(raw[i:i + _OUT_CHUNK])
                                   for i in range(0, len(raw), _OUT_CHUNK))
    else:
        chunks = _deflate_chunks(raw, info)
    for chunk in chunks:
        produced += len(chunk)
        if produced > info.file_size:
            _refuse("zip_bomb", detail=phrase("detail_larger", part=info.filename))
        crc = zlib.crc32(chunk, crc)
        yield chunk
    if produced != info.file_size or crc != info.CRC:
        _refuse("unreadable", detail=phrase("detail_part_damaged", part=info.filename))


def _deflate_chunks(raw: memoryview, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """Inflate ``raw`` in bounded pieces, stopping one byte past the declared size."""
    d = zlib.decompressobj(-15)
    left = info.file_size + 1  # one byte more than declared is enough to catch a lie
    try:
        for i in range(0, len(raw), _IN_CHUNK):
            buf = raw[i:i + _IN_CHUNK]
            while buf and not d.eof:
                out = d.decompress(buf, _OUT_CHUNK)
                buf = d.unconsumed_tail
                if out:
                    left -= len(out)
                    yield out
                    if left <= 0:
                        return
            if d.eof:
                return
        tail = d.flush()
        if tail:
            yield tail
    except zlib.error:
        _refuse("unreadable", detail=phrase("detail_part_damaged", part=info.filename))


def _data_offset(data: bytes, info: zipfile.ZipInfo) -> int:
    """Offset of a member's compressed bytes: after its local header, name and extra field."""
    at = info.header_offset
    head = data[at:at + 30]
    if len(head) < 30 or not head.startswith(XLSX_MAGIC):
        _refuse("unreadable", detail=phrase("detail_damaged"))
    name_len, extra_len = struct.unpack("<HH", head[26:30])
    return at + 30 + name_len + extra_len


class _XmlPrologScan:
    """Finds a DTD or entity declaration anywhere in a member, across chunk boundaries."""

    def __init__(self) -> None:
        self.tail = b""

    def feed(self, chunk: bytes) -> None:
        window = self.tail + chunk
        if any(n in window for n in _FORBIDDEN_ALL):
            _refuse("xml_attack")
        self.tail = window[-24:]


# --- one sheet ---------------------------------------------------------------------------------

def check_sheet_part(name: str, package: Package) -> SheetExtent:
    """Refuse a sheet whose cells with values would make calamine build a huge grid.

    A stray value far below or to the right of the table (``A1048576``, ``XFD5``) is reported
    with its cell reference; rows and cells that only carry formatting are ignored, as calamine
    ignores them. The sheet's XML is measured with regular expressions (~0.16 s for the national
    ``unidades`` sheet, 7.8 MB); only when that conservative bound exceeds the limits, or some
    cell has no plain ``r`` reference, is the sheet parsed exactly, cell by cell.

    Raises
    ------
    InputError
        ``sheet_too_large`` (too many rows with data) or ``sheet_far_cell`` (a far value),
        naming the sheet, and the far cell's row and column.
    """
    try:
        worst = _measure(name, package)
    except InputError as err:  # a broken sheet: say which one
        raise InputError([replace(i, sheet=i.sheet or name) for i in err.issues]) from None
    if worst.rows > MAX_ROWS:
        raise InputError([Issue("sheet_too_large", sheet=name,
                                params={"rows": f"{worst.rows:,}", "limit": f"{MAX_ROWS:,}"})])
    if _over(worst):
        col, row = _split_ref(worst.far_cell)
        raise InputError([Issue("sheet_far_cell", sheet=name, row=row, column=col,
                                params={"cell": worst.far_cell, "rows": f"{worst.height:,}",
                                        "cols": f"{worst.width:,}",
                                        "max_rows": f"{MAX_ROWS:,}",
                                        "max_cells": f"{MAX_CELLS:,}"})])
    return worst


def _measure(name: str, package: Package) -> SheetExtent:
    """The extent of sheet ``name`` (of every worksheet part when its part is not mapped)."""
    member = package.sheet_parts.get(name)
    parts = [member] if member else package.worksheet_parts()
    worst = SheetExtent()
    for part in parts:
        xml = _as_utf8(package.read(part))
        extent = _fast_extent(xml)
        if extent is None or _over(extent):
            extent = _exact_extent(xml)
        if _over(extent) or extent.cells > worst.cells:
            worst = extent
        if _over(worst):
            break
        if member:
            worst.hidden = hidden_values(xml)
    return worst


_ERROR_CELL = re.compile(rb"<c\s[^>]*?\bt=\"e\"[^>]*>")
_FORMULA = re.compile(rb"<f[\s/>]")
_REF_ATTR = re.compile(rb"\sr=\"([A-Za-z]{1,3})([0-9]{1,7})\"")
_VALUE = re.compile(rb"<v>([^<]*)</v>")
FORMULA_WITHOUT_VALUE = "="


def hidden_values(xml: bytes) -> list[tuple[int, int, str]]:
    """Cells that calamine turns into blanks: formula errors and formulas with no saved value.

    Each is (row, col, text), 1-based, where text is the error (``#N/A``) or
    :data:`FORMULA_WITHOUT_VALUE`. A blank would silently become "no", 0 or the target; the
    planner is told instead. Only cells with a plain ``r`` reference are found.
    """
    found: list[tuple[int, int, str]] = []
    if b't="e"' in xml:
        for m in _ERROR_CELL.finditer(xml):
            ref = _REF_ATTR.search(m.group(0))
            end = xml.find(b"</c>", m.end())
            value = _VALUE.search(xml, m.end(), end) if end != -1 else None
            if ref:
                found.append(_cell(ref, value.group(1).decode(errors="replace") if value
                                   else "#¿?"))
    f = _FORMULA.search(xml)
    while f:
        cell_at = xml.rfind(b"<c ", 0, f.start())
        end = xml.find(b"</c>", f.start())
        if cell_at != -1 and end != -1 and xml.find(b"</c>", cell_at) == end:
            ref = _REF_ATTR.search(xml, cell_at, xml.find(b">", cell_at) + 1)
            value = _VALUE.search(xml, f.start(), end)
            typed = xml[cell_at:xml.find(b">", cell_at)]
            text_result = b't="str"' in typed or b"<is>" in xml[f.start():end]  # "" is a value
            if ref and b't="e"' not in typed and not text_result and (
                    value is None or not value.group(1).strip()):
                found.append(_cell(ref, FORMULA_WITHOUT_VALUE))
        f = _FORMULA.search(xml, end if end != -1 else f.end())
        if end == -1:
            break
    return found


def _cell(ref: re.Match, text: str) -> tuple[int, int, str]:
    return int(ref.group(2)), column_number(ref.group(1).decode()), text


def check_sheet_extent(name: str, sheet: object) -> None:
    """After loading: refuse a sheet calamine reports as absurdly tall (second line of defence)."""
    height = getattr(sheet, "height", 0) or 0
    if height > MAX_ROWS:
        raise InputError([Issue("sheet_too_large", sheet=name,
                                params={"rows": f"{height:,}", "limit": f"{MAX_ROWS:,}"})])


@dataclass
class SheetExtent:
    """The bounding box of a sheet's cells with a value (1-based, inclusive), as calamine
    would allocate it, and the cells that stretch it the most."""

    first_row: int = 0
    last_row: int = 0
    first_col: int = 0
    last_col: int = 0
    rows: int = 0  # rows holding at least one value (an upper bound on the fast path)
    lowest: tuple[int, int] = (0, 0)  # (row, col) of a cell on the last row
    rightmost: tuple[int, int] = (0, 0)  # (row, col) of a cell on the last column
    # (row, col, text) of cells calamine reads as blank although they are not: a formula
    # error (#N/A, #¡REF!…) or a formula saved without its computed value
    hidden: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def height(self) -> int:
        return 0 if not self.last_row else self.last_row - self.first_row + 1

    @property
    def width(self) -> int:
        return 0 if not self.last_col else self.last_col - self.first_col + 1

    @property
    def cells(self) -> int:
        return self.height * self.width

    @property
    def far_cell(self) -> str:
        """The A1 reference to show: the lowest cell when too tall, else the rightmost."""
        row, col = self.lowest if self.height > MAX_ROWS else self.rightmost
        return f"{column_letter(col)}{row}" if row else ""


def _over(extent: SheetExtent) -> bool:
    return extent.height > MAX_ROWS or extent.cells > MAX_CELLS or extent.rows > MAX_ROWS


_PREFIXED = re.compile(rb"<[^\s<>/:!?\"'=]+:(?:c|row)[\s/>]")
# Every <c> and <row> tag, with its r="…" when it has one; the whitespace before r= keeps the
# match inside the tag (a decoy r="…" in text after ">" is not taken for the tag's own).
_CELL_REF = re.compile(rb"<c(?=[\s/>])(?:\s+(?:[^>\s]+\s+)*?r=\"([A-Za-z]{1,3})([0-9]{1,7})\")?")
_ROW_REF = re.compile(rb"<row(?=[\s/>])(?:\s+(?:[^>\s]+\s+)*?r=\"([0-9]{1,7})\")?")
# single-quoted values (could hide a decoy r="…") and r attributes spaced around "="
_ODD_ATTR = (re.compile(rb"=\s*'"), re.compile(rb"r\s+="), re.compile(rb"r=\s"))
_HUGE = 10**12


def _fast_extent(xml: bytes) -> SheetExtent | None:
    """A bound on the extent from every cell and row reference (formatting-only ones included).

    None when it cannot be trusted and the exact scan must decide: prefixed element names,
    single-quoted or spaced attributes, a cell or row without a plain ``r="A1"``, or more ``r``
    attributes than cells and rows (calamine reads the *last* of two ``r`` in one tag).
    """
    if _PREFIXED.search(xml) or any(odd.search(xml) for odd in _ODD_ATTR):
        return None
    cells = _CELL_REF.findall(xml)  # (letters, digits) per cell tag; (b"", b"") without r
    rows = _ROW_REF.findall(xml)  # digits per row tag; b"" without r
    n_r = sum(xml.count(ws + b'r="') for ws in (b" ", b"\t", b"\n", b"\r"))
    if (b"", b"") in cells or b"" in rows or n_r != len(cells) + len(rows):
        return None
    if not cells:
        return SheetExtent()
    cols = {c: column_number(c.decode()) for c in {c for c, _ in cells}}
    last_row = max(max(map(int, [d for _, d in cells])), max(map(int, rows), default=0))
    far_letter = max(cols, key=cols.__getitem__)
    far_row = int(next(d for c, d in cells if c == far_letter))
    return SheetExtent(first_row=1, last_row=last_row, first_col=1, last_col=cols[far_letter],
                       rows=len(rows), lowest=(last_row, 1), rightmost=(far_row, cols[far_letter]))


def _exact_extent(xml: bytes) -> SheetExtent:
    """The extent of the cells holding a value, position by position as calamine reads them."""
    scan = _CellScan()
    parser = expat.ParserCreate()
    parser.StartElementHandler = scan.start
    parser.StartDoctypeDeclHandler = _xml_attack
    parser.EntityDeclHandler = _xml_attack
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(xml, True)
    except expat.ExpatError as exc:
        _refuse("unreadable", detail=phrase("detail_sheet_xml", error=str(exc)))
    return scan.extent()


def _xml_attack(*_: object) -> None:
    _refuse("xml_attack")


def _as_utf8(xml: bytes) -> bytes:
    """Sheet XML as UTF-8 (a UTF-16 part would hide its tags from the byte patterns)."""
    if xml[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in xml[:64]:
        try:
            return xml.decode("utf-16").encode("utf-8").replace(
                b'encoding="UTF-16"', b'encoding="UTF-8"').replace(
                b'encoding="utf-16"', b'encoding="utf-8"')
        except UnicodeError:
            _refuse("unreadable", detail=phrase("detail_encoding"))
    return xml


class _CellScan:
    """Expat handler mirroring calamine's cell positions (``r`` attributes, else by order)."""

    def __init__(self) -> None:
        self.row = 0
        self.col = 1
        self.cell: tuple[int, int] | None = None
        self.ext = SheetExtent(first_row=1 << 62, first_col=1 << 62)
        self.rows: set[int] = set()

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        local = tag.rsplit(":", 1)[-1]
        if local == "row":
            r = _parse_ref(attrs.get("r", ""), need_col=False)
            self.row = r[0] if r else self.row + 1
            self.col = 1
        elif local == "c":
            pos = _parse_ref(attrs.get("r", ""))
            self.cell = pos if pos else (max(self.row, 1), self.col)
            self.col = self.cell[1] + 1
        elif local in ("v", "is") and self.cell is not None:
            self._value(*self.cell)
            self.cell = None

    def _value(self, r: int, c: int) -> None:
        e = self.ext
        self.rows.add(r)
        if r > e.last_row:
            e.last_row, e.lowest = r, (r, c)
        if c > e.last_col:
            e.last_col, e.rightmost = c, (r, c)
        e.first_row, e.first_col = min(e.first_row, r), min(e.first_col, c)

    def extent(self) -> SheetExtent:
        if not self.rows:
            return SheetExtent()
        self.ext.rows = len(self.rows)
        return self.ext


def _parse_ref(ref: str, need_col: bool = True) -> tuple[int, int] | None:
    """(row, col), 1-based, of an A1 reference, any case and any length, as calamine reads it."""
    m = re.fullmatch(r"([A-Za-z]*)([0-9]+)", ref)
    if not m or (need_col and not m.group(1)):
        return None
    digits = m.group(2).lstrip("0") or "0"
    row = int(digits) if len(digits) <= 12 else _HUGE
    return row, column_number(m.group(1))


def _split_ref(ref: str) -> tuple[str | None, int | None]:
    m = re.fullmatch(r"([A-Z]+)([0-9]+)", ref)
    return (m.group(1), int(m.group(2))) if m else (None, None)


def column_number(letters: str) -> int:
    """'A' → 1, 'Z' → 26, 'AA' → 27, 'XFD' → 16384 (lower case too)."""
    if len(letters) > 6:
        return _HUGE  # far beyond XFD; also keeps a hostile megabyte of letters cheap
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def column_letter(n: int) -> str:
    """1 → 'A', 27 → 'AA', 16384 → 'XFD'."""
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out
