"""Checks on an uploaded file before any parsing: is it a plain xlsx, and is it safe to open."""

from __future__ import annotations

from planner.errors import InputError, Issue

XLSX_MAGIC = b"PK\x03\x04"
MAX_FILE_MB = 50
MAX_ROWS = 200_000


def check_xlsx_bytes(data: bytes) -> None:
    """Refuse content that is not an xlsx workbook (by its bytes, not its name)."""
    if len(data) > MAX_FILE_MB * 1024 * 1024:
        raise InputError([Issue("too_big", params={"size": round(len(data) / 2**20, 1),
                                                   "limit": MAX_FILE_MB})])
    if not data.startswith(XLSX_MAGIC):
        detail = "el contenido no es un archivo ZIP de Office"
        if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            detail = "parece un .xls antiguo: guárdelo como .xlsx"
        elif data[:5] == b"%PDF-":
            detail = "es un PDF"
        raise InputError([Issue("not_xlsx", params={"detail": detail})])


def check_sheet_extent(name: str, sheet: object) -> None:
    """Refuse a sheet whose used range is absurdly tall (a stray cell far below the data)."""
    height = getattr(sheet, "height", 0) or 0
    if height > MAX_ROWS:
        raise InputError([Issue("sheet_too_large", sheet=name,
                                params={"rows": height, "limit": MAX_ROWS})])
