"""The personal-data guard (planner/core/privacy.py) on every writer: the result workbook, the
CLI's ``--json`` object and its text, error messages, the logs.

Values are generated in valid formats (CURP: 4 letters with a vowel second, a birth date, sex,
a state code, 3 inner consonants, a homonymy character and a check digit; RFC of a person and of
a company with a real date and a homoclave; e-mail; Mexican phone in the ways people write one)
and planted in the text cells of the tiny workbook of tests/builders.py (unit names); no output
may carry any of them, and each output must carry the redaction mark where they were (so a
writer that dropped the cells instead would not pass for one that guards them).
"""

from __future__ import annotations

import io
import json
import logging
import random
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from planner.core import privacy
from planner.core.errors import InputError
from planner.core.words import t
from planner.pipeline import load_scenario, solve_workbook
from planner.report.result_book import write_result_workbook
from tests.builders import base_tables, make_workbook

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
VOWELS = "AEIOU"
CONSONANTS = "BCDFGHJKLMNPQRSTVWXYZ"
STATES = ("AS", "BC", "CS", "CH", "DF", "HG", "MC", "OC", "VZ", "YN", "ZS", "NE")


def _date(rng: random.Random) -> str:
    return f"{rng.randrange(100):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"


def gen_curp(rng: random.Random) -> str:
    return (rng.choice(LETTERS) + rng.choice(VOWELS) + "".join(rng.choices(LETTERS, k=2))
            + _date(rng) + rng.choice("HM") + rng.choice(STATES)
            + "".join(rng.choices(CONSONANTS, k=3)) + rng.choice("0123456789AB")
            + str(rng.randrange(10)))


def gen_rfc(rng: random.Random, company: bool = False) -> str:
    head = "".join(rng.choices(LETTERS + "Ñ&" if company else LETTERS, k=3 if company else 4))
    return head + _date(rng) + "".join(rng.choices(LETTERS + "0123456789", k=3))


def gen_email(rng: random.Random) -> str:
    user = "".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(3, 9)))
    sep = rng.choice([".", "_", "", "+"])
    domain = rng.choice(["salud.gob.mx", "imssbienestar.gob.mx", "gmail.com", "hotmail.com"])
    return f"{user}{sep}{rng.randint(1, 99)}@{domain}"


def gen_phone(rng: random.Random) -> str:
    # the numbering plan: every area code begins with 2-9
    d = str(rng.randrange(2, 10)) + "".join(str(rng.randrange(10)) for _ in range(9))
    return rng.choice([
        d, f"{d[:2]} {d[2:6]} {d[6:]}", f"({d[:2]}) {d[2:6]}-{d[6:]}",
        f"{d[:3]}-{d[3:6]}-{d[6:]}", f"{d[:3]}.{d[3:6]}.{d[6:]}", f"+52 {d[:2]} {d[2:6]} {d[6:]}",
        f"+52 1 {d[:2]} {d[2:6]} {d[6:]}", f"52{d}"])


GENERATORS = {"curp": gen_curp, "rfc": gen_rfc, "email": gen_email, "phone": gen_phone}


def planted(seed: int = 25) -> dict[str, str]:
    rng = random.Random(seed)
    values = {kind: make(rng) for kind, make in GENERATORS.items()}
    values["rfc_company"] = gen_rfc(rng, company=True)
    return values


@pytest.mark.parametrize("kind", sorted(GENERATORS))
def test_every_generated_value_is_found_and_redacted(kind):
    rng = random.Random(kind)
    mark = t("priv_redacted")
    for _ in range(300):
        value = GENERATORS[kind](rng)
        text = f"Contacto: {value}, turno matutino"
        assert privacy.redact(text) == f"Contacto: {mark}, turno matutino", value
        assert [k for k, _ in privacy.find(value)] == [kind], value


def test_ten_digits_that_cannot_be_a_phone_stay():
    """No national number begins with 0 or 1 (01 was the long-distance prefix), so a count such
    as 1000000000 is left alone; the same digits after a 5 are a phone."""
    redact = privacy.redact
    assert redact("se pidieron 1000000000 sorteos") == "se pidieron 1000000000 sorteos"
    assert redact("0123456789") == "0123456789"
    assert redact("5000000000") == "[dato personal omitido]"


def test_the_mark_is_the_catalogue_entry():
    assert privacy.MARKS == {"es": t("priv_redacted", "es"), "en": t("priv_redacted", "en")}
    assert privacy.redact("a@b.mx", "en") == t("priv_redacted", "en")


@pytest.mark.parametrize("text", [
    "HGIMB000011", "CS0001", "SINT-000001", "10,979", "$10,979", "1,234,567,890", "2024-12-07",
    "07/12/2026 05:28", "Zona 2", "Hospital General de Zona No. 12", "13/Pachuca de Soto",
    "5e3c0123456789abcd0123456789ef0123456789abcdef0123456789abcdef01",  # a SHA-256
    "1234567890.5", "P10–P90: 3 a 5", "Ley General de Protección de Datos Personales"])
def test_planner_values_are_left_alone(text):
    assert privacy.redact(text) == text
    assert not privacy.has_personal_data(text)


def plant(path, sheet: str, cells: dict[tuple[int, str], object]):
    """Put raw values into a written workbook with openpyxl, as a planner typing them would
    (the project's own writers would already redact them)."""
    wb = load_workbook(path)
    ws = wb[sheet]
    header = {c.value: c.column for c in ws[1]}
    for (row, column), value in cells.items():
        ws.cell(row=row + 2, column=header[column], value=value)
    wb.save(path)
    return path


def _personal_workbook(tmp_path):
    values = planted()
    path = make_workbook(tmp_path / "con_datos.xlsx")
    plant(path, "unidades", {
        (0, "nombre"): f"Hospital Uno (dir. {values['email']})",
        (1, "nombre"): f"Hospital Dos tel. {values['phone']}",
        (2, "nombre"): f"Centro Uno {values['curp']}",
        (3, "nombre"): f"Centro Dos RFC {values['rfc']}",
        (4, "nombre"): f"Centro Tres {values['rfc_company']}"})
    return path, values


def test_the_input_writer_writes_what_it_is_given(tmp_path):
    """An input workbook (template, `make data`, these tests' builders) is written as given; the
    guard is for outputs (and the workbook's own check still refuses a CURP-shaped folio)."""
    values = planted(3)
    tables = base_tables()
    tables["unidades"].loc[0, "nombre"] = values["email"]
    path = make_workbook(tmp_path / "x.xlsx", tables)
    assert values["email"] in "\n".join(_all_cells(path))


def _all_cells(path) -> list[str]:
    wb = load_workbook(path)
    return [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if c.value is not None]


def test_result_workbook_never_carries_planted_personal_data(tmp_path):
    path, values = _personal_workbook(tmp_path)
    scenario, _ = load_scenario(path)
    assert any(values["email"] in n for n in scenario.units["name"])  # planted and read
    for lang in ("es", "en"):
        out = tmp_path / f"resultado_{lang}.xlsx"
        result = solve_workbook(path, out, lang=lang)
        assert result.solved
        cells = _all_cells(out)
        text = "\n".join(cells)
        for value in values.values():
            assert value not in text, value
        mark = t("priv_redacted")
        # the unit names are still written, with the mark in place of the value
        assert any(c == "Hospital Uno (dir. " + mark + ")" for c in cells)
        assert any(c == "Centro Uno " + mark for c in cells)
        # openpyxl's own cells (not only the bulk-written bodies) go through the guard too
        again = tmp_path / f"otra_{lang}.xlsx"
        result.scenario.units.loc[result.scenario.units.index[0], "name"] = values["phone"]
        write_result_workbook(result, again, lang)
        assert values["phone"] not in "\n".join(_all_cells(again))


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "planner", *args], capture_output=True,
                          text=True, timeout=300)


def test_cli_json_and_text_never_carry_planted_personal_data(tmp_path):
    path, values = _personal_workbook(tmp_path)
    proc = _cli("solve", str(path), "--json", "--out", str(tmp_path / "r.xlsx"))
    assert proc.returncode == 0, proc.stderr
    json.loads(proc.stdout)
    for value in values.values():
        assert value not in proc.stdout + proc.stderr
        assert value not in "\n".join(_all_cells(tmp_path / "r.xlsx"))
    # invalid input whose cells are personal data: the issues never echo them
    bad = make_workbook(tmp_path / "malo.xlsx")
    plant(bad, "unidades", {(0, "zona"): values["phone"], (1, "grado_marginacion"): values["email"]})
    plant(bad, "plantilla", {(0, "actuales"): values["curp"]})
    proc = _cli("solve", str(bad), "--json")
    assert proc.returncode == 2
    payload = json.loads(proc.stdout)
    assert payload["status"] == "invalid_input"
    shown = [i for i in payload["issues"] if i["value"] == t("priv_redacted")]
    assert len(shown) >= 3  # each bad cell is still named, its value replaced
    for value in values.values():
        assert value not in proc.stdout + proc.stderr
    proc = _cli("validate", str(bad))
    assert proc.returncode == 2
    assert "valor «" + t("priv_redacted") + "»" in proc.stdout
    for value in values.values():
        assert value not in proc.stdout + proc.stderr


def test_error_messages_never_echo_personal_data(tmp_path):
    values = planted(7)
    bad = make_workbook(tmp_path / "malo.xlsx")
    plant(bad, "unidades", {(0, "zona"): values["email"], (2, "grado_marginacion"): values["rfc"]})
    with pytest.raises(InputError) as caught:
        load_scenario(bad)
    exc = caught.value
    rendered = [exc.summary("es"), exc.summary("en"), str(exc),
                exc.table("es").to_csv(), exc.table("en").to_csv()]
    for text in rendered:
        for value in values.values():
            assert value not in text
    assert t("priv_redacted") in exc.summary("es")


def test_logs_never_carry_personal_data():
    values = planted(11)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        privacy.install_log_filter()
        log = logging.getLogger("planner.test_privacy")
        log.warning("upload from %s (%s)", values["email"], values["phone"])
        log.error("unit %(u)s", {"u": values["curp"]})
        try:
            raise ValueError(f"bad RFC {values['rfc']}")
        except ValueError:
            log.exception("failed for %s", values["rfc_company"])
    finally:
        root.removeHandler(handler)
    written = stream.getvalue()
    for value in values.values():
        assert value not in written, value
    assert written.count(t("priv_redacted")) == 5
    assert "ValueError: bad RFC " + t("priv_redacted") in written  # the traceback is kept
