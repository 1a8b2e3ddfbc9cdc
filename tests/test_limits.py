"""Limits and hints that name the real cause (issue 16): the row limit counts data rows, not
the header, and says the sheet is big rather than blaming stray cells; a shared-string index
past the table is reported at its cell, in Spanish."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from planner.core.errors import InputError
from planner.io import guards
from planner.pipeline import load_scenario, load_scenario_bytes
from tests.builders import base_tables, make_workbook, write_raw


def issues_of(data: bytes) -> list:
    with pytest.raises(InputError) as info:
        load_scenario_bytes(data, "libro.xlsx")
    return info.value.issues


def test_header_plus_exactly_max_rows_is_accepted(tmp_path, monkeypatch):
    """'parametros', the longest sheet, has a header and 15 data rows (12, the two
    redirection parameters of issue 23, riesgo_presupuesto of issue 22): with a limit of 15 data rows it is read (the header
    used to count as a fifteenth row)."""
    monkeypatch.setattr(guards, "MAX_ROWS", 15)
    scenario, _ = load_scenario(make_workbook(tmp_path / "libro.xlsx"))
    assert len(scenario.staffing) == 7 and scenario.params.budget == 1_000_000


def test_big_sheet_is_called_big_not_stray_cells(tmp_path, monkeypatch):
    monkeypatch.setattr(guards, "MAX_ROWS", 14)
    data = make_workbook(tmp_path / "libro.xlsx").read_bytes()
    assert [i.text() for i in issues_of(data)] == [
        "hoja «parametros»: La hoja tiene 15 filas de datos sin contar el encabezado (filas 2 a "
        "16); el máximo es 14. Divida el escenario en libros más pequeños (por ejemplo, por "
        "entidad)."]


SST = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" '
       b'uniqueCount="3"><si><t>uno</t></si><si><t>dos</t></si><si><t>tres</t></si></sst>')


def _with_cell(data: bytes, part: str, xml: bytes, sst: bool = False) -> bytes:
    """``xml`` appended to the sheet data of ``part``; with ``sst``, a shared-string table of
    three strings is added to the package (content type and relationship included)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == part:
                body = body.replace(b"</sheetData>", xml + b"</sheetData>")
            if sst and info.filename == "[Content_Types].xml":
                body = body.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" '
                                    b'ContentType="application/vnd.openxmlformats-officedocument'
                                    b'.spreadsheetml.sharedStrings+xml"/></Types>')
            if sst and info.filename == "xl/_rels/workbook.xml.rels":
                body = body.replace(b"</Relationships>", b'<Relationship Id="rIdSst" Type="http://'
                                    b'schemas.openxmlformats.org/officeDocument/2006/relationships'
                                    b'/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
            dst.writestr(info, body)
        if sst:
            dst.writestr("xl/sharedStrings.xml", SST)
    return out.getvalue()


def _sheet_part(data: bytes, sheet: str) -> str:
    """The worksheet part of ``sheet`` (through workbook.xml and its relationships)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        book = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet[^>]*name="{sheet}"[^>]*r:id="([^"]+)"', book).group(1)
    target = re.search(rf'<Relationship[^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels)
    if target is None:
        target = re.search(rf'<Relationship[^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels)
    return "xl/" + target.group(1).lstrip("/").removeprefix("xl/")


@pytest.mark.parametrize("count", [0, 3])
def test_shared_string_index_past_the_table_names_the_cell(tmp_path, count):
    """A cell (C20 of 'plantilla') of type shared string whose index does not exist, in a
    package without a shared-string table or with one of three strings (index 2 is fine)."""
    path = write_raw(tmp_path / "libro.xlsx", base_tables())
    data = path.read_bytes()
    bad = _with_cell(data, _sheet_part(data, "plantilla"),
                     b'<row r="20"><c r="B20" t="s"><v>2</v></c><c r="C20" t="s"><v>4321</v></c>'
                     b'</row>' if count else b'<row r="20"><c r="C20" t="s"><v>4321</v></c></row>',
                     sst=bool(count))
    issues = [i for i in issues_of(bad) if i.sheet == "plantilla"]
    assert [i.text() for i in issues] == [
        f"hoja «plantilla», fila 20, columna «C»: La celda C20 apunta al texto compartido número "
        f"4321, que no existe (el libro guarda {count}); el archivo está dañado: ábralo en Excel "
        f"o LibreOffice, corrija esa celda y guárdelo de nuevo."]
