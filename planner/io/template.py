"""Input workbooks written from the schema: the blank template and any generated scenario."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pandas as pd
from openpyxl.worksheet.datavalidation import DataValidation

from planner.core import schema
from planner.io.fast_xlsx import StreamedWorkbook as Workbook
from planner.io.files import atomic_write
from planner.io.xlsx import write_notes, write_table

FIXED_DATE = dt.datetime(2024, 4, 11)  # the 2024 call
_CHOICE_LISTS = {
    "tipo_unidad": "hospital,centro de salud",
    "tipo_categoria": "especialidad,medicina general,enfermería",
    "grado_marginacion": "muy bajo,bajo,medio,alto,muy alto",
    "zona": "2,3",
    "fase": "1,2,3,3b,4,5,6,especial",
    "base_curva": "estimado,supuesto,dato",
}


def parameters_table(values: Mapping[str, object] | None = None) -> pd.DataFrame:
    """The ``parametros`` sheet: every declared parameter with its value and description."""
    values = dict(values or {})
    rows = []
    for p in schema.PARAMETERS:
        value = values.get(p.name, p.default)
        if p.kind == "bool":
            value = "sí" if value else "no"
        rows.append({"parametro": p.name, "valor": value, "descripcion": p.description})
    return pd.DataFrame(rows)


def reference_tables(nurses: bool = False) -> dict[str, pd.DataFrame]:
    """Reference sheets pre-filled with the 2024 call: categories, bonuses and grade weights.

    With ``nurses`` the categories include schema.NURSING_CATEGORIES (the blank template does).
    """
    specs = schema.DEFAULT_CATEGORIES + (schema.NURSING_CATEGORIES if nurses else ())
    categorias = pd.DataFrame(
        [{"categoria": c.name, "tipo": c.kind, "troncal": "sí" if c.trunk else "no",
          "peso": c.weight, "requiere": c.requires} for c in specs])
    bonos = pd.DataFrame([{"tipo": t, "zona": z, "bono_mensual": b}
                          for (t, z), b in schema.BONUS_2024.items()])
    prioridades = pd.DataFrame([{"grado_marginacion": g, "peso": w}
                                for g, w in schema.DEFAULT_GRADE_WEIGHTS.items()])
    return {"categorias": categorias, "bonos": bonos, "prioridades": prioridades}


def write_input_workbook(path: str | Path, tables: Mapping[str, pd.DataFrame],
                         leeme: Sequence[str] = (), title: str = "Planeador de plantilla "
                         "IMSS-Bienestar", extra_sheets: Mapping[str, pd.DataFrame] | None = None,
                         protect: Sequence[str | Path] = (),
                         check: Callable[[Path], None] | None = None,
                         streamed: bool = False) -> Path:
    """Write an input workbook: LEEME (``leeme`` lines, then the column reference) and every sheet.

    Missing sheets are written empty with their headers (optional ones are left out); columns
    follow the schema's order.
    Choice columns get drop-down lists so planners pick valid values. ``extra_sheets`` (not
    read by the planner, e.g. an importer's report) follow; ``protect`` are inputs never
    written; ``check(tmp)`` runs on the finished file before it replaces ``path`` (an exception
    leaves ``path`` as it was); ``streamed`` writes the table bodies in bulk
    (:class:`planner.io.fast_xlsx.StreamedWorkbook`: the same cells, several times faster).
    """

    def write(tmp: Path) -> None:
        from planner.io.fast_xlsx import StreamedWorkbook

        wb = StreamedWorkbook() if streamed else Workbook()
        wb.remove(wb.active)
        notes = [(line,) for line in leeme]
        notes += [("",), ("Referencia de hojas y columnas",)]
        ref = [(s, c, d) for s, c, d in schema.leeme_reference("es")]
        write_notes(wb, schema.LEEME, title, notes + ref)
        for sheet in schema.SHEETS:
            df = tables.get(sheet.name)
            cols = [c.name for c in sheet.columns]
            if df is None and sheet.optional:
                continue  # optional sheets only when given (the blank template gives them)
            if df is None:
                df = pd.DataFrame(columns=cols)
            extra = [c for c in df.columns if c not in cols]
            df = df.reindex(columns=[c for c in cols if c in df.columns or
                                     sheet.column(c).required] + extra)
            widths = {"descripcion": 90} if sheet.name == "parametros" else None
            ws = write_table(wb, sheet.name, df, widths=widths)
            last = max(len(df) + 500, 1000)
            for j, name in enumerate(df.columns, start=1):
                col = next((c for c in sheet.columns if c.name == name), None)
                if col is None or col.kind != "choice":
                    continue
                dv = DataValidation(type="list", formula1=f'"{_CHOICE_LISTS[col.choices]}"',
                                    allow_blank=True, showErrorMessage=False)
                letter = ws.cell(row=1, column=j).column_letter
                dv.add(f"{letter}2:{letter}{last}")
                ws.add_data_validation(dv)
        for name, df in (extra_sheets or {}).items():
            write_table(wb, name, df)
        # Fixed document dates: the same tables give the same bytes, so rebuilds don't churn git.
        wb.properties.created = wb.properties.modified = FIXED_DATE
        wb.save(tmp)
        fixed_zip_dates(tmp)
        if check is not None:
            check(tmp)

    return atomic_write(path, write, protect)


ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry


def fixed_zip_dates(path: str | Path) -> None:
    """Rewrite the .xlsx (a zip) at ``path`` with every entry dated :data:`ZIP_DATE`, in the same
    order, and the document's modified date :data:`FIXED_DATE` (openpyxl writes the time of
    saving), so the same tables give the same bytes whenever they are written (``make data``)."""
    import io
    import re
    import zipfile

    with zipfile.ZipFile(path) as src:
        entries = [(info, src.read(info)) for info in src.infolist()]
    stamp = FIXED_DATE.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    entries = [(info, re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                             rb"\g<1>" + stamp + rb"\g<2>", data)  # openpyxl stamps "now"
                if info.filename == "docProps/core.xml" else data) for info, data in entries]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, data)
    Path(path).write_bytes(buf.getvalue())


TEMPLATE_LEEME = (
    "Plantilla vacía del planeador de plantilla de IMSS-Bienestar.",
    "1. Llene 'unidades' (una fila por CLUES), 'plantilla' (requeridos y actuales por unidad y "
    "categoría) y 'oferta' (candidatos por categoría).",
    "2. Escriba en 'parametros' el presupuesto_bono_mensual (obligatorio, en MXN): la plantilla "
    "trae 0 y con 0 ningún especialista va a un hospital con bono ('planner validate' lo avisa). "
    "Revise la meta de médicos por centro, 'categorias', 'bonos' y 'prioridades': vienen con los "
    "valores de la convocatoria 2024.",
    "3. Opcional, durante la convocatoria: en 'avance' anote por unidad, categoría y fase las "
    "ofertas, los aceptados, los contratados y las renuncias (fases en orden: 1, 2, 3, 3b, 4, 5, "
    "6, especial). 'planner status ARCHIVO.xlsx' compara lo cubierto con lo planeado y "
    "'planner next ARCHIVO.xlsx --out siguiente.xlsx' planea la fase siguiente con las vacantes "
    "y el presupuesto que quedan.",
    "4. Valide con:  planner validate ARCHIVO.xlsx   y resuelva con:  planner solve ARCHIVO.xlsx",
    "Los nombres de hojas y columnas no distinguen mayúsculas, acentos ni espacios/guiones bajos; "
    "el orden de las columnas es libre y las hojas o columnas extra se ignoran.",
)


def write_template(path: str | Path) -> Path:
    """The blank template: reference sheets pre-filled, unit sheets with headers only."""
    tables = {"parametros": parameters_table({"presupuesto_bono_mensual": 0}),
              **reference_tables(nurses=True),
              **{s.name: pd.DataFrame(columns=[c.name for c in s.columns])
                 for s in schema.SHEETS if s.optional}}
    return write_input_workbook(path, tables, TEMPLATE_LEEME)
