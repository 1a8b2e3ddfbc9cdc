"""``planner import clues | candidatos`` (issue 27 item 6, issue 23 item 1) on files in the
official layouts, built from the shared real files by ``tests/data/make_importer_samples.py``:

* ``clues_dgis_muestra.csv``: 35 rows in the DGIS CLUES column layout — 12 Hidalgo rows of the
  real 2025-01 extract (10 health centres, a mobile unit, a UNEME), 17 Veracruz/Hidalgo units
  from pahtli (7 hospitals, 10 centres), 6 Oaxaca IMSS rows (another institution, 2 not
  operating);
* ``personal_muestra.csv``: SINERHIAS 2024-07-01 posts of the Hidalgo units (one row still under
  its old SSA code, two of units that are not imported);
* ``candidatos_muestra.csv``: the 2026 pipeline export rows of the Veracruz units (+ 2 units not
  in the sample).

Hostile variants (missing columns, other institutions, non-operating units, duplicate CLUES,
accents and case in headers and values, an xlsx with a title row) are made from them here.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from planner.cli.main import app
from planner.pipeline import load_scenario, solve

DATA = Path(__file__).resolve().parent / "data"
CLUES = DATA / "clues_dgis_muestra.csv"
STAFF = DATA / "personal_muestra.csv"
CAND = DATA / "candidatos_muestra.csv"
IMM = Path(__file__).resolve().parents[1] / "inputs" / "fuentes" / "IMM_2020_municipios.csv"
RUNNER = CliRunner()
# every IMSS-Bienestar CLUES of the sample but the mobile unit and the UNEME (rows 12, 13)
EXPECTED = {
    "HGIMB000011", "HGIMB000023", "HGIMB000035", "HGIMB000040", "HGIMB000052", "HGIMB000064",
    "HGIMB000076", "HGIMB000093", "HGIMB000105", "HGIMB000110", "HGIMB000151",
    "VZIMB000230", "VZIMB000790", "VZIMB000826", "VZIMB000983", "VZIMB001000", "VZIMB001881",
    "VZIMB000085", "VZIMB000090", "VZIMB000102", "VZIMB000114", "VZIMB000131", "VZIMB000184",
    "VZIMB000201", "VZIMB000242", "VZIMB000266", "VZIMB000295"}
HOSPITALS = {"HGIMB000151", "VZIMB000230", "VZIMB000790", "VZIMB000826", "VZIMB000983",
             "VZIMB001000", "VZIMB001881"}
HEAD1 = "El archivo importado tiene 1 problema:\n  - "


def run(*args: str):
    return RUNNER.invoke(app, [str(a) for a in args])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sheet(path: Path, name: str) -> pd.DataFrame:
    return pd.read_excel(path, sheet_name=name, engine="calamine", dtype=object)


def sample() -> pd.DataFrame:
    return pd.read_csv(CLUES, dtype=str, keep_default_na=False)


def imported(tmp_path: Path, source: Path = CLUES, *extra: str, name: str = "libro.xlsx"
             ) -> Path:
    out = tmp_path / name
    res = run("import", "clues", source, "--out", out, *extra)
    assert res.exit_code == 0, res.output
    return out


# --- import clues -------------------------------------------------------------------------------

def test_clues_sample_units_grades_and_report(tmp_path):
    """The 27 IMSS-Bienestar units that are hospitals or health centres, no other; the grade
    of each from CONAPO's file read here on its own (key = state + the 3-digit municipality);
    every row left out listed with its row and reason; the input untouched."""
    before = digest(CLUES)
    out = imported(tmp_path)
    assert digest(CLUES) == before
    units = sheet(out, "unidades")
    assert set(units["clues"]) == EXPECTED
    assert set(units.loc[units["tipo"] == "hospital", "clues"]) == HOSPITALS
    imm = pd.read_csv(IMM, dtype=str).set_index("CVE_MUN")
    src = sample().set_index("CLUES")
    for r in units.itertuples():
        key = f"{int(r.clave_entidad):02d}" + src.at[r.clues, "CLAVE DEL MUNICIPIO"]
        assert r.clave_municipio == key and r.base_marginacion == "clave INEGI"
        assert r.grado_marginacion == imm.at[key, "GM_2020"].lower()
        assert r.origen == "real" and r.elegible_bono == "no"
    report = sheet(out, "importacion")
    left = report[report["tipo"] == "omitida"]
    assert sorted(left["fila"]) == [12, 13, 31, 32, 33, 34, 35, 36]  # CSV lines (header 1)
    assert set(left.loc[left["fila"] >= 31, "motivo"]) == {
        "Es de otra institución (se importa IMSS-Bienestar)."}
    assert load_scenario(out)[0].units.shape[0] == 27  # planner validate accepts it


def test_clues_staff_file_and_assumed_rows(tmp_path):
    """Hidalgo's centres and Actopan's hospital take SINERHIAS's posts (checked against the
    file); the Veracruz centres get the labelled assumption (0 current GPs, target T); the
    staff rows of units not imported are left out with the reason."""
    out = imported(tmp_path, CLUES, "--plantilla", STAFF)
    staff = sheet(out, "plantilla")
    rh = pd.read_csv(STAFF, dtype=str).set_index("clues")
    gp = staff[staff["categoria"] == "Medicina general"].set_index("clues")
    for clues in ("HGIMB000011", "HGIMB000035", "HGIMB000064"):
        assert gp.at[clues, "actuales"] == int(rh.at[clues, "plazas_ocupadas_medicos_generales"])
        assert pd.isna(gp.at[clues, "requeridos"])
    actopan = staff[staff["clues"] == "HGIMB000151"].set_index("categoria")
    assert actopan.at["Anestesiología", "requeridos"] == int(
        rh.at["HGIMB000151", "plazas_total_anestesiologo"])
    assert actopan.at["Medicina general", "actuales"] == 27
    veracruz = staff[staff["clues"].str.startswith("VZ")]
    assert len(veracruz) == 10 and set(veracruz["actuales"]) == {0}
    assert set(veracruz["base_actuales"]) == {
        "supuesto: sin archivo de personal, 0 médicos generales actuales"}
    report = sheet(out, "importacion")
    unknown = report[report["archivo"] == STAFF.name]
    assert list(unknown["valor"]) == ["HGIMB005022", "HGIMB005063", "HGSSA000511"]
    load_scenario(out)


def test_clues_headers_and_values_in_other_case_and_accents(tmp_path):
    """Headers written with accents, lower case and underscores, values in lower case with
    accents: the same units and grades as the official spelling."""
    df = sample()
    df.columns = ["clues", "Nombre de la Institución", "Entidad", "municipio",
                  "clave_del_municipio", "Nombre de la Localidad", "Nombre Tipo Establecimiento",
                  "Nombre de Tipología", "clave de tipologia", "Nombre de la Unidad",
                  "Estatus de Operación", "Nivel Atención", "Latitud", "Longitud"]
    for col in ("Nombre de la Institución", "Estatus de Operación", "Nombre de Tipología",
                "Entidad"):
        df[col] = df[col].str.lower()
    df["Estatus de Operación"] = df["Estatus de Operación"].str.replace("operacion", "operación")
    df["clues"] = df["clues"].str.lower()
    variant = tmp_path / "variante.csv"
    df.to_csv(variant, index=False, sep=";")
    a = sheet(imported(tmp_path, CLUES, name="a.xlsx"), "unidades")
    b = sheet(imported(tmp_path, variant, name="b.xlsx"), "unidades")
    cols = ["clues", "tipo", "clave_entidad", "clave_municipio", "grado_marginacion"]
    pd.testing.assert_frame_equal(a[cols], b[cols])


def test_clues_xlsx_with_title_row_names_excel_rows(tmp_path):
    """An xlsx with a title row above the header: the same units; rows named as Excel shows
    them (one below the CSV's line numbers)."""
    book = tmp_path / "ESTABLECIMIENTO_SALUD_202601.xlsx"
    with pd.ExcelWriter(book, engine="openpyxl") as w:
        pd.DataFrame([["Catálogo CLUES, corte enero 2026"]]).to_excel(
            w, sheet_name="CLUES_202601", index=False, header=False)
        sample().to_excel(w, sheet_name="CLUES_202601", index=False, startrow=1)
    out = imported(tmp_path, book)
    assert set(sheet(out, "unidades")["clues"]) == EXPECTED
    report = sheet(out, "importacion")
    assert sorted(report.loc[report["tipo"] == "omitida", "fila"])[:2] == [13, 14]
    assert set(report["archivo"]) == {f"{book.name} › CLUES_202601"}


def test_clues_duplicates_and_non_operating(tmp_path):
    """A row repeated as it is: imported once (the repeat reported); a CLUES twice with
    different names: neither imported; a unit FUERA DE OPERACION: left out at its cell."""
    df = sample()
    same = df[df["CLUES"] == "VZIMB000090"]
    other = df[df["CLUES"] == "VZIMB000102"].assign(**{"NOMBRE DE LA UNIDAD": "OTRO NOMBRE"})
    df.loc[df["CLUES"] == "VZIMB000114", "ESTATUS DE OPERACION"] = "FUERA DE OPERACION"
    df = pd.concat([df, same, other])
    path = tmp_path / "dup.csv"
    df.to_csv(path, index=False)
    out = imported(tmp_path, path)
    units = set(sheet(out, "unidades")["clues"])
    assert units == EXPECTED - {"VZIMB000102", "VZIMB000114"}
    report = sheet(out, "importacion").set_index("fila")
    assert report.at[37, "motivo"] == "CLUES repetida, fila igual a la fila 21: se importa una vez."
    assert report.at[38, "motivo"] == ("CLUES repetida con datos distintos (filas 22, 38): "
                                       "ninguna se importa; corrija el archivo.")
    assert report.at[23, "columna"] == "ESTATUS DE OPERACION"
    assert report.at[23, "motivo"] == ("No está en operación (se importan las unidades EN "
                                       "OPERACION).")


def test_clues_missing_columns_refused_exactly(tmp_path):
    df = sample().drop(columns=["NOMBRE DE LA UNIDAD", "ESTATUS DE OPERACION"])
    path = tmp_path / "incompleto.csv"
    df.to_csv(path, index=False)
    out = tmp_path / "x.xlsx"
    res = run("import", "clues", path, "--out", out)
    assert res.exit_code == 2 and not out.exists()
    assert res.stderr == HEAD1 + (
        "hoja «incompleto.csv», fila 1: Faltan columnas para el catálogo CLUES de la DGIS "
        "(ESTABLECIMIENTO_SALUD): NOMBRE DE LA UNIDAD, ESTATUS DE OPERACION. Columnas "
        f"encontradas: {', '.join(df.columns)}. ¿Es el archivo correcto?\n")
    assert "Traceback" not in res.output


def test_clues_other_institution_and_state_filters(tmp_path):
    """--institucion IMSS: its operating rows are family-medicine units and its hospital is
    closed, so nothing is kept: refused naming the institutions found. --entidad keeps one
    state; an unknown state is refused."""
    res = run("import", "clues", CLUES, "--out", tmp_path / "x.xlsx", "--institucion",
              "Instituto Mexicano del Seguro Social")
    assert res.exit_code == 2 and not (tmp_path / "x.xlsx").exists()
    assert res.stderr == HEAD1 + (
        "hoja «clues_dgis_muestra.csv»: Ninguna de las 35 filas queda: ninguna unidad en "
        "operación, de la institución «Instituto Mexicano del Seguro Social» y de las "
        "entidades pedidas es un hospital o un centro de salud. Instituciones del archivo: "
        "SERVICIOS DE SALUD IMSS BIENESTAR (29); INSTITUTO MEXICANO DEL SEGURO SOCIAL (6). "
        "Use --institucion con uno de esos nombres.\n")
    out = imported(tmp_path, CLUES, "--entidad", "hidalgo")
    assert set(sheet(out, "unidades")["clues"]) == {c for c in EXPECTED if c.startswith("HG")}
    res = run("import", "clues", CLUES, "--out", tmp_path / "y.xlsx", "--entidad", "Narnia")
    assert res.exit_code == 2
    assert res.stderr.startswith(HEAD1 + "--entidad «Narnia» no es una entidad: escriba su "
                                         "nombre o su clave INEGI (Aguascalientes,")


def test_clues_municipality_by_name_when_no_key(tmp_path):
    """Without CLAVE DEL MUNICIPIO the municipality comes from its name (CONAPO's, without
    accents or case: «nombre (100)»); the key found is the same as the file's."""
    df = sample()
    keys = dict(zip(df["CLUES"], df["CLAVE DEL MUNICIPIO"], strict=True))
    path = tmp_path / "sin_clave.csv"
    df.drop(columns=["CLAVE DEL MUNICIPIO"]).to_csv(path, index=False)
    units = sheet(imported(tmp_path, path), "unidades")
    assert set(units["base_marginacion"]) == {"nombre (100)"}
    assert all(r.clave_municipio[2:] == keys[r.clues] for r in units.itertuples())


def test_clues_refuses_existing_output_and_non_table(tmp_path):
    out = tmp_path / "ya.xlsx"
    out.write_bytes(b"no tocar")
    res = run("import", "clues", CLUES, "--out", out)
    assert res.exit_code == 2 and out.read_bytes() == b"no tocar"
    assert res.stderr == (f"El libro «{out}» ya existe; elija otro nombre con --out (nada se "
                          "sobrescribe).\n")
    junk = tmp_path / "catalogo.xlsx"
    junk.write_bytes(b"%PDF-1.4 no es un libro")
    res = run("import", "clues", junk, "--out", tmp_path / "z.xlsx")
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert res.stderr == HEAD1 + ("«catalogo.xlsx» no es un archivo .csv ni .xlsx; se esperaba "
                                  "el catálogo CLUES de la DGIS (ESTABLECIMIENTO_SALUD).\n")


def test_clues_nothing_written_when_the_book_fails_its_check(tmp_path, monkeypatch):
    """The written book is validated before it takes its name: a failing check leaves no file
    (and no temporary file)."""
    from planner.core.errors import InputError, Issue
    from planner.importers import report

    def refuse(path):
        raise InputError([Issue("empty_sheet", sheet="plantilla")])

    monkeypatch.setattr(report, "check_book", refuse)
    res = run("import", "clues", CLUES, "--out", tmp_path / "x.xlsx")
    assert res.exit_code == 2
    assert list(tmp_path.iterdir()) == []


# --- import candidatos --------------------------------------------------------------------------

def counted_by_hand(units: set[str]) -> dict[tuple[str, int], int]:
    """UAS/Aprobado candidates per (category, state) of the sample export, by the positions'
    names written out here (not the importer's table)."""
    names = {"Medicina General": "Medicina general", "Anestesiologia": "Anestesiología",
             "Cirugia General": "Cirugía general",
             "Ginecologia y Obstetricia": "Ginecología y obstetricia",
             "Traumatologia y Ortopedia": "Traumatología y ortopedia"}
    c = pd.read_csv(CAND, dtype={"n": int})
    c = c[(c["etapa"] == "UAS") & (c["estatus"] == "Aprobado") & c["clues"].isin(units)
          & c["puesto"].isin(names)]
    state = {"HG": 13, "VZ": 30}
    out: dict[tuple[str, int], int] = {}
    for r in c.itertuples():
        key = (names[r.puesto], state[r.clues[:2]])
        out[key] = out.get(key, 0) + r.n
    return out


def test_candidatos_into_oferta_validates_and_solves(tmp_path):
    """The export's approved UAS candidates, counted by hand per category and state, are the
    new 'oferta'; the book is not modified; the result validates and solves.

    Hand-worked plan: Veracruz has 1 approved GP (VZIMB000826) and 10 centres with 0 GPs
    (assumed), each with a target of 2, so 1 GP is placed; 2 anaesthetists were approved at
    VZIMB000826, whose staff row (written here) has 3 posts and 1 filled: both are placed; its
    2 surgery posts are full, so the 1 surgeon is not. Nothing else has a post: 1 GP and 2
    specialists in all."""
    staff = tmp_path / "personal.csv"
    rh = pd.read_csv(STAFF, dtype=str)
    extra = {c: "0" for c in rh.columns if c.startswith("plazas_")}
    extra.update(clues="VZIMB000826", nombre_unidad="HOSPITAL REGIONAL DE COATZACOALCOS",
                 plazas_total_anestesiologo="3", plazas_ocupadas_anestesiologo="1",
                 plazas_total_cirujano="2", plazas_ocupadas_cirujano="2")
    pd.concat([rh, pd.DataFrame([extra])]).to_csv(staff, index=False)
    book = imported(tmp_path, CLUES, "--plantilla", staff)
    before = digest(book)
    out = tmp_path / "con_oferta.xlsx"
    res = run("import", "candidatos", CAND, "--book", book, "--out", out)
    assert res.exit_code == 0, res.output
    assert digest(book) == before
    oferta = sheet(out, "oferta")
    got = {(r.categoria, int(r.clave_entidad)): int(r.candidatos)
           for r in oferta.itertuples() if int(r.candidatos)}
    assert got == counted_by_hand(EXPECTED)
    assert len(oferta) == 16 * 2  # every category × the 2 states of the book
    scenario, _ = load_scenario(out)
    result = solve(scenario)
    placed = result.plan.placements
    assert result.plan.status.value == "optimal"
    by_cat = placed.groupby("category")["placed"].sum()
    assert by_cat.get("Medicina general", 0) == 1
    assert by_cat.get("Anestesiología", 0) == 2
    assert by_cat.drop(["Medicina general", "Anestesiología"], errors="ignore").sum() == 0
    assert "LEEME" in pd.ExcelFile(out, engine="calamine").sheet_names


def test_candidatos_rows_left_out_with_place(tmp_path):
    """A count that is not a number, a unit not in the book, other stages and statuses,
    positions without a category: each at its row and column; --estatus widens the count."""
    book = imported(tmp_path)
    c = pd.read_csv(CAND, dtype=str)
    c.loc[3, "n"] = "dos"  # line 5 of the file: the GP of VZIMB000826
    c.loc[4, "n"] = "2,5"  # line 6: a decimal comma is not a count
    c.loc[1, "n"] = "1,000"  # line 3: one thousand (VZIMB000826's UAS Anestesiologia, Aprobado)
    path = tmp_path / "cand.csv"
    c.to_csv(path, index=False)
    out = tmp_path / "o.xlsx"
    res = run("import", "candidatos", path, "--book", book, "--out", out)
    assert res.exit_code == 0, res.output
    report = sheet(out, "importacion").set_index("fila")
    assert report.at[5, "columna"] == "n" and report.at[5, "valor"] == "dos"
    assert report.at[5, "motivo"] == "«n» no es un número entero de candidatos (0 o más)."
    assert report.at[6, "valor"] == "2,5" and report.at[6, "columna"] == "n"
    outside = report[report["motivo"] == "La CLUES no es una unidad del libro (hoja «unidades»)."]
    assert set(outside["valor"]) <= set(c["clues"]) - EXPECTED and len(outside) > 0
    oferta = sheet(out, "oferta")
    assert int(oferta.loc[oferta["categoria"] == "Medicina general", "candidatos"].sum()) == 0
    assert int(oferta.loc[oferta["categoria"] == "Anestesiología", "candidatos"].sum()) == 1001
    wide = tmp_path / "w.xlsx"
    res = run("import", "candidatos", CAND, "--book", book, "--out", wide,
              "--estatus", "aprobado", "--estatus", "Pendiente")
    assert res.exit_code == 0, res.output
    n = pd.read_csv(CAND, dtype={"n": int})
    gp = n[(n["etapa"] == "UAS") & n["estatus"].isin(["Aprobado", "Pendiente"])
           & (n["puesto"] == "Medicina General") & n["clues"].isin(EXPECTED)]["n"].sum()
    o = sheet(wide, "oferta")
    assert int(o.loc[o["categoria"] == "Medicina general", "candidatos"].sum()) == gp


def test_candidatos_refuses_a_file_of_another_kind(tmp_path):
    book = imported(tmp_path)
    before = digest(book)
    res = run("import", "candidatos", CLUES, "--book", book, "--out", tmp_path / "o.xlsx")
    assert res.exit_code == 2 and not (tmp_path / "o.xlsx").exists()
    assert digest(book) == before
    assert res.stderr.startswith(HEAD1 + (
        "hoja «clues_dgis_muestra.csv», fila 1: Faltan columnas para una exportación de "
        "candidatos por unidad, puesto y estatus: etapa, puesto, estatus, n. Columnas "
        "encontradas: CLUES, NOMBRE DE LA INSTITUCION,"))
    res = run("import", "candidatos", CAND, "--book", book, "--out", tmp_path / "o.xlsx",
              "--etapa", "XYZ", "--lang", "en")
    assert res.exit_code == 2
    assert res.stderr == ("The imported file has 1 problem:\n  - sheet «candidatos_muestra.csv»: "
                          "None of the 49 rows counts: none is of stage XYZ with status "
                          "Aprobado, of a position of the book's categories and of a unit of "
                          "the book (see the reasons above).\n")


@pytest.mark.parametrize("missing", ["unidades", "plantilla"])
def test_candidatos_needs_a_valid_book(tmp_path, missing):
    """The book is validated first: an invalid one is refused with its own problems."""
    from planner.io.template import write_input_workbook

    book = imported(tmp_path)
    tables = pd.read_excel(book, sheet_name=None, engine="calamine")
    tables.pop(missing)
    broken = write_input_workbook(tmp_path / "roto.xlsx", tables)
    res = run("import", "candidatos", CAND, "--book", broken, "--out", tmp_path / "o.xlsx")
    assert res.exit_code == 2 and not (tmp_path / "o.xlsx").exists()
    assert f"«{missing}»" in res.stderr


def test_output_into_a_closed_pipe_leaves_no_traceback(tmp_path):
    """``planner import clues … | head -0``: the pipe's reader is gone before anything is
    printed; rich then raises SystemExit, which the command group's ``except`` clauses must let
    through (one of them named ``click.Abort``, absent from typer 0.29's click: an
    AttributeError and a traceback on stderr before the fix)."""
    import os
    import subprocess
    import sys

    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody reads: the first write is a broken pipe
    try:
        proc = subprocess.run([sys.executable, "-m", "planner", "import", "clues", str(CLUES),
                               "--out", str(tmp_path / "x.xlsx")], stdout=write_end,
                              stderr=subprocess.PIPE, cwd=tmp_path, timeout=120)
    finally:
        os.close(write_end)
    err = proc.stderr.decode()
    assert "Traceback" not in err and "AttributeError" not in err, err
    assert (tmp_path / "x.xlsx").is_file()


def test_clues_bad_cells_left_out_or_noted(tmp_path):
    """A malformed CLUES and an unknown state: left out at their cells. A municipality key of
    another state: noted, the municipality found by its name instead. Coordinates outside
    Mexico: noted and left blank. CLAVE DE LA ENTIDAD, when the file has it, names the state."""
    df = sample()
    df["CLAVE DE LA ENTIDAD"] = df["CLUES"].str[:2].map({"HG": "13", "VZ": "30", "OC": "20"})
    i = {c: k for k, c in enumerate(df["CLUES"])}
    df.loc[i["HGIMB000023"], "CLUES"] = "HG-IMB-23"  # line 3
    df.loc[i["VZIMB000090"], ["ENTIDAD", "CLAVE DE LA ENTIDAD"]] = ["ATLANTIDA", ""]  # line 21
    df.loc[i["VZIMB000102"], "CLAVE DE LA ENTIDAD"] = "veracruz"  # line 22: a name is fine
    df.loc[i["VZIMB000131"], "CLAVE DEL MUNICIPIO"] = "13004"  # line 24: Hidalgo's key
    df.loc[i["VZIMB000184"], ["LATITUD", "LONGITUD"]] = ["0", "0"]  # line 25
    path = tmp_path / "celdas.csv"
    df.to_csv(path, index=False)
    out = imported(tmp_path, path)
    units = sheet(out, "unidades").set_index("clues")
    assert set(units.index) == EXPECTED - {"HGIMB000023", "VZIMB000090"}
    report = sheet(out, "importacion").set_index("fila")
    assert report.at[3, "motivo"] == "La CLUES no tiene la forma de 5 letras y 6 dígitos."
    assert report.at[21, "motivo"] == ("La entidad no es una de las 32 (nombre CONAPO o clave "
                                       "INEGI).")
    assert report.at[24, "tipo"] == "aviso" and report.at[24, "columna"] == "CLAVE DEL MUNICIPIO"
    assert units.at["VZIMB000131", "clave_municipio"] == "30004"  # ACTOPAN, Veracruz, by name
    assert units.at["VZIMB000131", "base_marginacion"] == "nombre (100)"
    assert report.at[25, "motivo"] == ("Coordenadas vacías, no numéricas o fuera de México: se "
                                       "dejan en blanco.")
    assert pd.isna(units.at["VZIMB000184", "latitud"])
    assert units.at["VZIMB000102", "clave_entidad"] == 30


def test_candidatos_headers_in_other_case_and_phase_filter(tmp_path):
    """Headers in upper case with accents; --fase counts only that phase (by hand: phase 6's
    approved UAS obstetricians at VZIMB000790)."""
    book = imported(tmp_path)
    c = pd.read_csv(CAND, dtype=str)
    c.columns = ["FASE", "CLUES", "ETAPA", "CATEGORÍA", "PUESTO", "ESTATUS", "N"]
    path = tmp_path / "mayus.csv"
    c.to_csv(path, index=False)
    out = tmp_path / "o.xlsx"
    res = run("import", "candidatos", path, "--book", book, "--out", out, "--fase", "6")
    assert res.exit_code == 0, res.output
    oferta = sheet(out, "oferta")
    got = {r.categoria: int(r.candidatos) for r in oferta.itertuples() if int(r.candidatos)}
    n = pd.read_csv(CAND, dtype={"n": int, "fase": str})
    want = n[(n["fase"] == "6") & (n["etapa"] == "UAS") & (n["estatus"] == "Aprobado")
             & (n["puesto"] == "Ginecologia y Obstetricia")]["n"].sum()
    assert got == {"Ginecología y obstetricia": want} and want == 2


def test_clues_csv_saved_by_excel_in_windows_1252(tmp_path):
    """A CSV saved by Excel in Spanish Windows (not UTF-8): read as Windows-1252, accents as
    written, and a note that says so."""
    path = tmp_path / "ansi.csv"
    path.write_bytes(CLUES.read_text(encoding="utf-8").encode("cp1252"))
    out = imported(tmp_path, path)
    units = sheet(out, "unidades").set_index("clues")
    assert set(units.index) == EXPECTED
    assert units.at["HGIMB000011", "tipologia"] == "URBANO DE 03 NÚCLEOS BÁSICOS"
    report = sheet(out, "importacion")
    assert "El archivo no es UTF-8; se leyó como Windows-1252 (revise acentos y eñes)." in set(
        report["motivo"])
