"""Property-based fuzzing of input workbooks: every outcome is a correct plan or a clean refusal.

Valid workbooks from tests/builders.py are mutated the way planners and hostile uploads do it
(sheets and columns deleted or renamed, text, negatives, huge numbers, NaN, inf, dates,
booleans in number cells, duplicate keys, empty sheets, blank cells, unknown categories and
CLUES, odd unicode), written as real xlsx files and run through the pipeline. The property:
either ``InputError`` whose every issue names a sheet (and a column when it points at a row),
or a plan that passes the pandas-only invariant checker — never any other exception.

A second property mutates the sheet XML itself (references, tags, values) and runs in a child
process, because a regression there can abort the interpreter (calamine's dense grid).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from models.settings import SolverSettings
from planner.cli.main import json_payload
from planner.core.errors import InputError
from planner.pipeline import load_scenario, load_scenario_bytes, solve
from planner.report.result_book import write_result_workbook
from tests.builders import base_tables, make_workbook
from tests.invariants import check_invariants

TABLES = base_tables()
SHEET_NAMES = list(TABLES)
ROW_LEVEL = {"bad_cell_value"}  # calamine converts a row at a time: the cell is not known
# CI runs a fixed, bounded set of examples; PLANNER_FUZZ_EXAMPLES=2000 explores at random.
EXPLORE = int(os.environ.get("PLANNER_FUZZ_EXAMPLES", "0"))


def fuzz_settings(examples: int) -> settings:
    return settings(max_examples=EXPLORE or examples, deadline=None, derandomize=not EXPLORE,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])

# --- values planners (and attackers) put in cells ------------------------------------------------

ODD_TEXT = ["", " ", "\u200b", "\u00a0", "١٢٣", "𝟙𝟚", "ＭＥＤＩＣＩＮＡ ＧＥＮＥＲＡＬ", "Medicina  general",
            "medicina general ", "ANESTESIOLOGIA", "Anestesiología\u0301", "N/A", "#N/A", "-", "1,200",
            "$10,979", "1e3", "0x10", "∞", "NaN", "inf", "-0", "sí", "SI", "x", "no", "hospital",
            "centro de salud", "muy alto", "Zona III", "zona 2", "HOSP01", "hosp01 ", "CS0001",
            "=1+1", "'", "😷", "\u202eRTL", "a" * 300, "Ω≈ç√", "null", "None", "True"]
TEXT = st.one_of(
    st.sampled_from(ODD_TEXT),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=15),
)
NUMBERS = st.one_of(
    st.integers(-10**20, 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -1, 1, 2, 3, 0.5, 2.5, 1e300, -1e300, 2**63, 1e-300, 44_000_000]),
)
DATES = st.one_of(
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 1, 1)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
    st.times(),
    st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=400)),
)
VALUES = st.one_of(st.none(), TEXT, NUMBERS, st.booleans(), DATES)

# --- mutations of the tables -------------------------------------------------------------------

IDX = st.integers(0, 40)
NAME_VARIANTS = st.one_of(
    st.sampled_from(["upper", "title", "spaced", "accent", "underscore"]), TEXT)
MUTATION = st.one_of(
    st.tuples(st.just("drop_sheet"), IDX),
    st.tuples(st.just("rename_sheet"), IDX, NAME_VARIANTS),
    st.tuples(st.just("drop_col"), IDX, IDX),
    st.tuples(st.just("rename_col"), IDX, IDX, NAME_VARIANTS),
    st.tuples(st.just("set_cell"), IDX, IDX, IDX, VALUES),
    st.tuples(st.just("set_cell"), IDX, IDX, IDX, VALUES),  # the most common mutation
    st.tuples(st.just("dup_row"), IDX, IDX),
    st.tuples(st.just("empty_sheet"), IDX),
    st.tuples(st.just("blank_sheet"), IDX),
    st.tuples(st.just("blank_row"), IDX, IDX),
    st.tuples(st.just("shuffle_cols"), IDX, st.randoms(use_true_random=False)),
    st.tuples(st.just("extra_sheet"), TEXT),
    st.tuples(st.just("unknown_key"), IDX, IDX, TEXT),
)


def as_sheets(tables: dict[str, pd.DataFrame]) -> list[list]:
    """[name, headers, rows] per sheet, cells as plain Python objects."""
    out = []
    for name, df in tables.items():
        rows = [[None if (isinstance(v, float) and v != v) else v for v in r]
                for r in df.astype(object).itertuples(index=False, name=None)]
        out.append([name, list(df.columns), rows])
    return out


def variant(name: str, how: object) -> str:
    return {"upper": name.upper(), "title": f" {name.title()} ", "spaced": name.replace("_", " "),
            "accent": name.replace("a", "á", 1), "underscore": name.replace(" ", "_")
            }.get(how, how) if isinstance(how, str) else str(how)


def apply(sheets: list[list], mutation: tuple) -> None:
    """Apply one mutation in place; indices wrap around whatever is there."""
    kind, *args = mutation
    if not sheets and kind != "extra_sheet":
        return
    s = sheets[args[0] % len(sheets)] if args and isinstance(args[0], int) else None
    if kind == "drop_sheet":
        sheets.remove(s)
    elif kind == "rename_sheet":
        s[0] = variant(s[0], args[1])[:31] or "x"
    elif kind == "drop_col" and s[1]:
        j = args[1] % len(s[1])
        del s[1][j]
        for r in s[2]:
            if j < len(r):
                del r[j]
    elif kind == "rename_col" and s[1]:
        j = args[1] % len(s[1])
        s[1][j] = variant(str(s[1][j]), args[2])
    elif kind == "set_cell":
        i, j, value = args[1] % (len(s[2]) + 2), args[2] % (len(s[1]) + 2), args[3]
        while len(s[2]) <= i:
            s[2].append([None] * len(s[1]))
        row = s[2][i]
        row.extend([None] * (j + 1 - len(row)))
        row[j] = value
    elif kind == "dup_row" and s[2]:
        s[2].append(list(s[2][args[1] % len(s[2])]))
    elif kind == "empty_sheet":
        s[2] = []
    elif kind == "blank_sheet":
        s[1], s[2] = [], []
    elif kind == "blank_row":
        s[2].insert(args[1] % (len(s[2]) + 1), [None] * len(s[1]))
    elif kind == "shuffle_cols" and s[1]:
        order = list(range(len(s[1])))
        args[1].shuffle(order)
        s[1] = [s[1][j] for j in order]
        s[2] = [[r[j] if j < len(r) else None for j in order] for r in s[2]]
    elif kind == "extra_sheet":
        sheets.append([(str(args[0]) or "extra")[:31], ["a"], [[1]]])
    elif kind == "unknown_key" and s[2] and s[1]:
        s[2][args[1] % len(s[2])][0] = args[2]


def write(sheets: list[list], path: Path) -> Path:
    """A real xlsx written with openpyxl; duplicate or illegal sheet names made unique."""
    wb = Workbook(write_only=True)
    used: set[str] = set()
    for name, headers, rows in sheets:
        title = "".join(ch for ch in name if ch not in "[]:*?/\\").strip("'") or "hoja"
        title = title[:31]
        while title.lower() in used:
            title = (title[:28] + str(len(used)))[:31]
        used.add(title.lower())
        ws = wb.create_sheet(title)
        if headers or rows:
            ws.append(headers)
        for r in rows:
            ws.append(r)
    wb.save(path)
    return path


# --- the property ------------------------------------------------------------------------------

def check_outcome(path: Path, folder: Path) -> str:
    """Refused cleanly, or solved into a plan that keeps every invariant. Returns the outcome."""
    try:
        scenario, _ = load_scenario(path)
    except InputError as err:
        assert err.issues, "an InputError with no issue"
        for issue in err.issues:
            assert issue.sheet, f"issue without a sheet: {issue}"
            if issue.row is not None and issue.code not in ROW_LEVEL:
                assert issue.column, f"issue at a row without a column: {issue}"
            assert issue.text("es") and issue.text("en")
        assert len(err.table()) == len(err.issues) and err.summary()
        return "invalid:" + ",".join(sorted({i.code for i in err.issues}))
    result = solve(scenario, None, SolverSettings(time_limit=20))
    check_invariants(scenario, result)
    json.dumps(json_payload(result, 0.0, None), allow_nan=False)
    if result.solved:
        write_result_workbook(result, folder / "resultado.xlsx", protect=[path])
    return "solved:" + result.plan.status.value


@fuzz_settings(150)
@given(mutations=st.lists(MUTATION, min_size=1, max_size=4))
def test_mutated_workbooks_refuse_cleanly_or_plan_correctly(mutations):
    sheets = as_sheets(TABLES)
    for m in mutations:
        apply(sheets, m)
    with tempfile.TemporaryDirectory() as folder:
        path = write(sheets, Path(folder) / "mutado.xlsx")
        outcome = check_outcome(path, Path(folder))
    event(outcome.split(":")[0])
    for code in outcome.split(":", 1)[1].split(","):
        event(code)


# --- the sheet XML itself, in a child process --------------------------------------------------

XML_EDITS = st.lists(st.one_of(
    st.tuples(st.just("ref"), IDX, st.from_regex(r"[A-Za-z]{0,8}[0-9]{0,14}", fullmatch=True)),
    st.tuples(st.just("cut"), st.integers(0, 10**6), st.integers(0, 200)),
    st.tuples(st.just("dup"), st.integers(0, 10**6), st.integers(0, 400)),
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.sampled_from([
        "<", ">", "&", "&#1;", "&#0;", "<c>", "</row>", "<row>", "<v>1</v>", '<c r="A1">',
        "<is><t>x</t></is>", '<row r="1048576">', "<!--", "]]>", "\x00", "é", "<x:c>"])),
), min_size=1, max_size=5)


def mutate_xml(xml: bytes, edits: list) -> bytes:
    import re

    for kind, a, b in edits:
        if kind == "ref":
            refs = list(re.finditer(rb' r="[^"]*"', xml))
            if refs:
                m = refs[a % len(refs)]
                xml = xml[:m.start()] + b' r="' + b.encode() + b'"' + xml[m.end():]
        elif kind == "cut":
            at = a % (len(xml) + 1)
            xml = xml[:at] + xml[at + b:]
        elif kind == "dup":
            at = a % (len(xml) + 1)
            xml = xml[:at] + xml[at:at + b] * 2 + xml[at + b:]
        else:
            at = a % (len(xml) + 1)
            xml = xml[:at] + b.encode() + xml[at:]
    return xml


def rezip_member(src: bytes, name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, zipfile.ZipFile(out, "w",
                                                                  zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, data if info.filename == name else zin.read(info))
    return out.getvalue()


@fuzz_settings(120)
@given(part=st.sampled_from([2, 3, 4, 5]), edits=XML_EDITS)
def _xml_mutations_hold(part, edits):  # run by test_xml_mutations_in_a_child_process
    src = _BASE_BYTES[0]
    name = f"xl/worksheets/sheet{part}.xml"
    with zipfile.ZipFile(io.BytesIO(src)) as z:
        xml = z.read(name)
    data = rezip_member(src, name, mutate_xml(xml, edits))
    try:
        scenario = load_scenario_bytes(data, "mutado.xlsx")
    except InputError as err:
        assert all(i.text("es") for i in err.issues)
        assert all(i.sheet for i in err.issues if i.row is not None)
        return
    result = solve(scenario, None, SolverSettings(time_limit=20))
    check_invariants(scenario, result)


_BASE_BYTES: list[bytes] = []


def xml_fuzz_main() -> None:
    """Entry point of the child process: build the base workbook, run the XML property."""
    with tempfile.TemporaryDirectory() as folder:
        _BASE_BYTES.append(make_workbook(Path(folder) / "base.xlsx").read_bytes())
    _xml_mutations_hold()
    print("ok")


def test_xml_mutations_in_a_child_process():
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.run(
        [sys.executable, "-c", "from tests.test_fuzz import xml_fuzz_main; xml_fuzz_main()"],
        cwd=root, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0 and proc.stdout.strip().endswith("ok"), (
        f"exit {proc.returncode}\n{proc.stdout[-3000:]}\n{proc.stderr[-6000:]}")
