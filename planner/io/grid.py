"""Sweep grids: the points of a sweep read from a CSV or xlsx grid, or a range of budgets.

A sweep is a list of *points*, each a mapping from grid column (``presupuesto_bono_mensual``,
``bono_zona_2``, ``candidatos:Anestesiología``, …) to a value; every point becomes a
:class:`~planner.core.scenario.WhatIf` on the same validated scenario (solved by
:func:`planner.pipeline.run_sweep`).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from planner.core import schema
from planner.core.errors import InputError, Issue
from planner.core.scenario import Scenario, WhatIf
from planner.core.schema import BUDGET, SPECIALTY
from planner.core.text import normalize_key
from planner.core.words import phrase
from planner.validate import parse_param_value

SUPPLY_PREFIX = "candidatos:"

# The columns a grid may vary, in the order the "allowed" message lists them. Parameters take
# their WhatIf field, kind and bounds from schema.PARAMETERS; the bonuses (a sheet, not a
# parameter) take the bounds of the bonos sheet's bono_mensual column.
SWEPT = (BUDGET, "bono_zona_2", "bono_zona_3", "meta_medicos_generales_por_centro",
         "cobertura_minima_entidad", "minimo_un_medico_por_centro", "peso_primer_medico",
         "peso_familias")


def _swept(column: str) -> tuple[str, str, float | None, float | None]:
    if column.startswith("bono_zona_"):
        bonus = schema.SHEET_BY_KEY["bonos"].column("bono_mensual")
        return f"bonus:{column.rpartition('_')[2]}", bonus.kind, bonus.minimum, bonus.maximum
    p = schema.PARAMETER_BY_KEY[column]
    return p.field, p.kind, p.minimum, p.maximum


# Grid column -> (WhatIf field or special, kind, minimum, maximum).
GRID_PARAMS: dict[str, tuple[str, str, float | None, float | None]] = {
    c: _swept(c) for c in SWEPT}

Point = dict[str, object]


def budget_points(start: float, stop: float, steps: int) -> list[float]:
    """``steps`` evenly spaced monthly budgets from ``start`` to ``stop`` (both included)."""
    if steps < 1:
        raise ValueError("steps must be at least 1")
    if steps == 1:
        return [float(start)]
    return [round(float(b), 2) for b in np.linspace(float(start), float(stop), int(steps))]


def grid_column(name: object, scenario: Scenario) -> str | None:
    """The canonical grid column for a header, or None when it is not a sweep parameter.

    ``candidatos:<categoria>`` is matched to a category of the scenario ignoring case, accents
    and spaces; the canonical form carries the category as the scenario spells it.
    """
    text = str(name).strip()
    head, sep, tail = text.partition(":")
    if sep and normalize_key(head) == normalize_key(SUPPLY_PREFIX[:-1]):
        want = normalize_key(tail)
        for category in scenario.categories.index:
            if normalize_key(category) == want:
                return SUPPLY_PREFIX + str(category)
        return None
    key = normalize_key(text)
    return key if key in GRID_PARAMS else None


def point_what_if(point: Mapping[str, object], base: WhatIf | None = None) -> WhatIf:
    """The what-if of one point, on top of ``base`` (the point's values win)."""
    base = base or WhatIf()
    changes: dict[str, object] = {}
    bonus = dict(base.bonus)
    supply = dict(base.supply)
    for column, value in point.items():
        if column.startswith(SUPPLY_PREFIX):
            supply[column[len(SUPPLY_PREFIX):]] = int(value)
            continue
        target = GRID_PARAMS[column][0]
        if target.startswith("bonus:"):
            bonus[(SPECIALTY, int(target.split(":")[1]))] = float(value)
        else:
            changes[target] = value
    return replace(base, bonus=bonus, supply=supply, **changes)


def read_grid(path: str | Path, scenario: Scenario) -> list[Point]:
    """Points of a grid file: a CSV, or an xlsx whose sheet ``barrido`` (else the first) holds
    one column per parameter and one row per combination.

    Raises
    ------
    InputError
        With every problem at once (unknown column or category, a value that is not a number,
        out of range, not sí/no), each with the file's row and column.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError([Issue("file_missing", params={"path": str(path)})], source="grid")
    if p.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        sheet, frame = _read_grid_xlsx(p.read_bytes())
    else:
        sheet, frame = p.name, _read_grid_csv(p)
    return parse_grid(frame, scenario, sheet)


def parse_grid(frame: pd.DataFrame, scenario: Scenario, sheet: str = "barrido") -> list[Point]:
    """Points from a table of raw cells (index = the file's row numbers, headers as written)."""
    issues: list[Issue] = []
    columns: dict[str, str] = {}
    for header in frame.columns:
        canonical = grid_column(header, scenario)
        if canonical is None:
            issues.append(Issue("grid_unknown_column", sheet=sheet, column=str(header),
                                params={"allowed": ", ".join([*GRID_PARAMS,
                                                              "candidatos:<categoria>"])}))
        elif canonical in columns.values():
            issues.append(Issue("duplicate_column", sheet=sheet, column=str(header),
                                params={"column": str(header)}))
        else:
            columns[header] = canonical
    points: list[Point] = []
    for row_number, row in frame.iterrows():
        point: Point = {}
        for header, canonical in columns.items():
            value, issue = _grid_value(canonical, row[header])
            if issue is not None:
                issues.append(replace(issue, sheet=sheet, row=int(row_number),
                                      column=str(header), value=row[header]))
            elif value is not None:
                point[canonical] = value
        points.append(point)
    if not points and not issues:
        issues.append(Issue("empty_sheet", sheet=sheet))
    if issues:
        raise InputError(issues, source="grid")
    return points


def _grid_value(column: str, raw: object) -> tuple[object, Issue | None]:
    """A cell of the grid as a typed value (None = keep the scenario's), or the issue.

    Parsed as the workbook's ``parametros`` sheet parses a value (planner.validate), with the
    bounds the schema declares for that parameter.
    """
    if raw is None or (isinstance(raw, float) and math.isnan(raw)) or str(raw).strip() == "":
        return None, None
    decl = _declaration(column)
    value, code = parse_param_value(decl, raw)
    if code is None:
        return value, None
    params = ({"minimum": decl.minimum} if code == "below_min" else
              {"maximum": decl.maximum} if code == "above_max" else {})
    return None, Issue(code, params=params)


def _declaration(column: str) -> schema.Param:
    """The kind and bounds of a grid column: the schema's parameter, else GRID_PARAMS."""
    if column.startswith(SUPPLY_PREFIX):
        return schema.Param(column, "int", None, "", "", minimum=0, maximum=1_000_000)
    decl = schema.PARAMETER_BY_KEY.get(normalize_key(column))
    if decl is not None:
        return decl
    _, kind, lo, hi = GRID_PARAMS[column]
    return schema.Param(column, kind, None, "", "", minimum=lo, maximum=hi)


# Column separators a grid CSV may use, in the order a tie is broken (Excel in Spanish exports
# ";", since its decimal separator may be the comma).
SEPARATORS = (";", "\t", ",", "|")


def _separator(header: str) -> str:
    """The separator of a CSV grid, read from its header line alone (a header holds names, never
    decimals): the candidate that occurs most often outside quotes; "," when the header is a
    single column."""
    counts = dict.fromkeys(SEPARATORS, 0)
    quoted = False
    for ch in header:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(SEPARATORS, key=lambda c: counts[c])  # max keeps the first of equal counts
    return best if counts[best] else ","


def _read_grid_csv(path: Path) -> pd.DataFrame:
    """The cells of a CSV grid as text, indexed by the file's line numbers.

    The separator comes from the header line. A data row with more non-blank values than the
    header has columns is refused, naming the row: in a comma-separated file an unquoted
    Spanish decimal (2,5) splits one cell in two, and guessing which two belong together would
    be a silent mis-read.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError([Issue("unreadable", params={"detail": str(exc)[:200]})], source="grid") from None
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return pd.DataFrame()
    sep = _separator(lines[first])
    reader = csv.reader(io.StringIO("\n".join(lines[first:])), delimiter=sep)
    header: list[str] | None = None
    body: list[list[str]] = []
    numbers: list[int] = []
    issues: list[Issue] = []
    for fields in reader:
        line = first + reader.line_num  # 1-based line of the row's last physical line
        if header is None:
            header = [f.strip() for f in fields]
            continue
        if not any(f.strip() for f in fields):
            continue
        extra = fields[len(header):]
        if any(f.strip() for f in extra):
            issues.append(Issue(
                "grid_extra_fields", sheet=path.name, row=line, value=sep.join(fields),
                params={"found": len(fields), "sep": sep.replace("\t", "TAB"),
                        "columns": phrase("grid_n_columns_one" if len(header) == 1
                                          else "grid_n_columns_many", n=len(header))}))
            continue
        body.append([*fields[:len(header)], *[""] * (len(header) - len(fields))])
        numbers.append(line)
    if issues:
        raise InputError(issues, source="grid")
    frame = pd.DataFrame(body, columns=range(len(header)), index=pd.Index(numbers, dtype=int),
                         dtype=object)
    keep = [j for j, h in enumerate(header)  # a trailing separator leaves a blank, empty column
            if h or frame[j].map(lambda v: str(v).strip() != "").any()]
    frame = frame[keep]
    frame.columns = [header[j] for j in keep]
    return frame


def _read_grid_xlsx(data: bytes) -> tuple[str, pd.DataFrame]:
    import python_calamine

    from planner.io.guards import check_sheet_part, check_xlsx_bytes

    package = check_xlsx_bytes(data)
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    names = list(book.sheet_names)
    wanted = next((n for n in names if normalize_key(n) in ("barrido", "grid", "rejilla")),
                  names[0] if names else None)
    if wanted is None:
        raise InputError([Issue("empty_sheet", sheet="barrido")], source="grid")
    check_sheet_part(wanted, package)
    rows = book.get_sheet_by_name(wanted).to_python(skip_empty_area=False)
    first = next((i for i, r in enumerate(rows) if any(str(v).strip() for v in r)), None)
    if first is None:
        raise InputError([Issue("empty_sheet", sheet=wanted)], source="grid")
    header = [str(h).strip() for h in rows[first]]
    keep = [j for j, h in enumerate(header) if h]
    body = [[r[j] if j < len(r) else None for j in keep] for r in rows[first + 1:]]
    frame = pd.DataFrame(body, columns=[header[j] for j in keep], dtype=object,
                         index=pd.RangeIndex(first + 2, first + 2 + len(body)))
    blank = frame.map(lambda v: v is None or str(v).strip() == "").all(axis=1)
    return wanted, frame[~blank]
