"""The default scenarios: seed figures of the 2024 call, real Hidalgo data, reproducible build."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from planner.core import schema
from planner.data import acceptance, build, rules
from planner.data.allocate import allocate_exact, largest_remainder
from planner.data.geo import inside
from planner.data.sources import CENTRES_FILE, FUENTES

INPUTS = Path(__file__).resolve().parents[1] / "inputs"
NATIONAL = INPUTS / "nacional_2024.xlsx"
HIDALGO = INPUTS / "hidalgo_2025.xlsx"


def read(path: Path, header: int | None = 0) -> dict[str, pd.DataFrame]:
    """Every sheet of a workbook, as planners' tools read it."""
    return pd.read_excel(path, sheet_name=None, engine="calamine", header=header)


@pytest.fixture(scope="module")
def national() -> dict[str, pd.DataFrame]:
    return read(NATIONAL)


@pytest.fixture(scope="module")
def hidalgo() -> dict[str, pd.DataFrame]:
    return read(HIDALGO)


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    build(out)
    return out


def parameter(book: dict[str, pd.DataFrame], name: str) -> float:
    """The value of one parameter of the 'parametros' sheet, as a number."""
    p = book["parametros"].set_index("parametro")["valor"]
    return float(p[name])


def gaps(book: dict[str, pd.DataFrame]) -> pd.Series:
    """Total gap per category (blank required = target T, or the nurse target for nurses)."""
    staff = book["plantilla"]
    target = np.where(staff["categoria"] == schema.NURSING_CATEGORY,
                      parameter(book, "meta_enfermeras_por_centro") if
                      "meta_enfermeras_por_centro" in set(book["parametros"]["parametro"])
                      else np.nan,
                      parameter(book, "meta_medicos_generales_por_centro"))
    required = staff["requeridos"].fillna(pd.Series(target, index=staff.index))
    return (required - staff["actuales"]).clip(lower=0).groupby(staff["categoria"]).sum()


# --- national workbook --------------------------------------------------------------------------

def test_national_seed_figures(national: dict[str, pd.DataFrame]) -> None:
    units, supply = national["unidades"], national["oferta"].set_index("categoria")["candidatos"]
    assert units["clave_entidad"].nunique() == 23
    assert units["entidad"].nunique() == 23
    kind = national["categorias"].set_index("categoria")["tipo"].reindex(supply.index)
    assert supply[kind == schema.GENERAL].sum() == 5_850
    assert supply[kind == schema.SPECIALTY].sum() == 4_010
    assert set(supply.index) == {c.name for c in schema.DEFAULT_CATEGORIES} | {
        schema.NURSING_CATEGORY}
    eligible = units["elegible_bono"] == "sí"
    assert eligible.sum() == 282
    assert (units.loc[eligible, "tipo"] == schema.HOSPITAL).all()
    bonus = national["bonos"].set_index(["tipo", "zona"])["bono_mensual"]
    assert bonus[(schema.SPECIALTY, 2)] == 10_979
    assert bonus[(schema.SPECIALTY, 3)] == 10_000
    assert parameter(national, "meta_medicos_generales_por_centro") == 2
    # issue 13: the expected monthly bonus of the 2024 policy (planner/data/acceptance.py),
    # recomputed on the real units with the fitted curves (issue 22), rounded up to 100,000
    budget = acceptance.BUDGET_EXPECTED_2024
    assert budget == math.ceil(acceptance.HAND_EXPECTED_2024 / 100_000) * 100_000
    assert parameter(national, "presupuesto_bono_mensual") == budget
    assert national["parametros"].set_index("parametro")["valor"]["modo_bono"] == "por_hospital"
    assert len(national["niveles_bono"]) == 10 and len(national["aceptacion"]) == 60


SHARED_UNIT_FILES = {  # file in inputs/fuentes -> its CLUES column (read here, not by the builder)
    "hospitales_imb_actividad_20260821.csv": "clues", "clues_imb_pl_vz_hg_pahtli.csv": "clues",
    "clues_imb_slp_pahtli_202608.csv": "clues", "cdmx_clues_imb_alcaldia.csv": "clues",
    "primer_nivel_imb_consultorios_202608.csv": "clues",
    "candidatos_por_unidad_y_fase_20260822.csv": "clues", "clues_horarios_imb_202501.csv": "clues",
}


def test_national_units(national: dict[str, pd.DataFrame]) -> None:
    """Issue 27: every hospital is one of the 591 real ones (5 left out: 3 outside the 23
    states, 2 Yucatán and Guanajuato HRAES... counted from the file here; 1 not a hospital),
    ≥ 8,000 real CLUES, synthetic centres only as SIM codes, zones by state."""
    units = national["unidades"]
    assert units["clues"].is_unique
    hosp = units[units["tipo"] == schema.HOSPITAL]
    listed = pd.read_csv(FUENTES / "hospitales_imb_actividad_20260821.csv", dtype=str)
    states = {f"{e:02d}" for e in units["clave_entidad"].unique()}
    kept = listed[listed["cve_ent"].isin(states) & (listed["clues"] != "MCIMB010236")]
    assert sorted(hosp["clues"]) == sorted(kept["clues"]) and len(hosp) == 586
    assert (hosp["origen"] == "real").all() and len(hosp) >= 500
    real_codes = set().union(*(set(pd.read_csv(FUENTES / f, dtype=str)[c])
                               for f, c in SHARED_UNIT_FILES.items()))
    real = units["origen"] == "real"
    assert units.loc[real, "clues"].isin(real_codes).all()
    assert real.sum() >= 8_000 and real.sum() == 9_439
    assert units.loc[~real, "clues"].str.fullmatch(r"[A-Z]{2}SIM\d{6}").all()
    assert (units.loc[~real, "tipo"] == schema.CENTRE).all()
    centres = units[units["tipo"] == schema.CENTRE]
    assert len(centres) >= rules.NATIONAL_CENTRES  # synthetic ones only fill states' shortfalls
    zone = units["clave_entidad"].map(lambda e: rules.zone_of(f"{e:02d}"))
    assert (units["zona"] == zone).all()
    assert units["latitud"].between(14, 33).all() and units["longitud"].between(-119, -86).all()
    basis = units["base_marginacion"]
    assert basis.str.fullmatch(r"clave INEGI|entidad|nombre \(\d{2,3}\)").all()
    assert (units.loc[basis == "entidad", "municipio"].isna()).all()
    keys = pd.read_excel(NATIONAL, sheet_name="unidades", engine="calamine",
                         dtype={"clave_municipio": str})["clave_municipio"]  # text, as written
    assert keys[basis != "entidad"].str.fullmatch(r"\d{5}").all()


def test_national_bonus_hospitals_by_the_written_rule(national: dict[str, pd.DataFrame]) -> None:
    """The 282: real general or community hospitals, most marginalized grade first."""
    units = national["unidades"]
    hosp = units[units["tipo"] == schema.HOSPITAL]
    eligible = hosp["elegible_bono"] == "sí"
    assert eligible.sum() == 282 and (hosp.loc[eligible, "origen"] == "real").all()
    pool = hosp["tipologia"].str.contains("general|comunitari|municipal|Integral", case=False) \
        & (hosp["base_tipologia"] != "desconocida") \
        & ~hosp["tipologia"].str.contains("alta especialidad|otro", case=False)
    assert pool[eligible].all()
    grade = hosp["grado_marginacion"].map(schema.GRADES.index)
    assert grade[eligible].min() >= grade[pool & ~eligible].max()


def test_national_need_from_activity(national: dict[str, pd.DataFrame]) -> None:
    """factor_actividad = MIN(2; MAX(0.5; egresos / class median)) and requeridos =
    MAX(actuales; REDONDEAR(norm × factor)) as the LEEME says, redone here from the book."""
    units = national["unidades"].set_index("clues")
    hosp = units[units["tipo"] == schema.HOSPITAL]
    f = hosp["factor_actividad"]
    assert f.between(0.5, 2).all()
    assert ((hosp["egresos"] > 0) | (f == 1)).all()
    assert (f.round(2) == f).all() and f.nunique() > 100
    staff = national["plantilla"]
    sp = staff[staff["clues"].isin(hosp.index)].copy()
    sp["f"] = sp["clues"].map(f)
    # the norm is the required of a hospital whose factor is 1 and whose current is below it
    base = sp[(sp["f"] == 1) & (sp["requeridos"] > sp["actuales"])]
    norm_of = base.groupby("categoria")["requeridos"].max()  # general norm tops every class
    assert norm_of["Anestesiología"] == 10 and norm_of["Psiquiatría"] == 5
    up = sp[sp["f"] == 2]
    assert (up["requeridos"] >= np.minimum(up["actuales"], 0) + 2).all()
    period = " ".join(str(x) for x in national["LEEME"].fillna("").to_numpy().ravel())
    assert "PERIODO QUE CUBREN NO ESTÁ INDICADO" in period
    assert "REDONDEAR(norma de su clase × factor_actividad; 0)" in period


def test_national_candidates_follow_the_2026_counts(national: dict[str, pd.DataFrame]) -> None:
    """Where a real unit has 2026 UAS candidates of a category and a post of it, exactly that many
    synthetic candidates list its CLUES; counted here from the raw file, for general doctors
    (position «Medicina General») and nurses (every position of the file's «Enfermería»
    category: the planner's one nursing category). 15,674 doctors and 7,056 nurses (the 2026
    pipeline's nursing candidates, the nurse supply of 'oferta'), nurses after every doctor."""
    cand = national["candidatos"]
    assert cand["folio"].str.fullmatch(r"SINT-\d{6}").all() and len(cand) == 15_674 + 7_056
    nurse = cand["categoria"] == schema.NURSING_CATEGORY
    assert int(nurse.sum()) == 7_056 and not nurse.iloc[:15_674].any()
    supply = national["oferta"].set_index("categoria")["candidatos"]
    assert int(supply[schema.NURSING_CATEGORY]) == 7_056
    long = cand.melt(id_vars=["folio", "categoria"], value_vars=[f"opcion_{j}" for j in
                                                                 range(1, 6)])
    listed = long.dropna(subset=["value"]).groupby(["value", "categoria"]).size()
    raw = pd.read_csv(FUENTES / "candidatos_por_unidad_puesto_estatus_20260822.csv",
                      dtype={"clues": str})
    raw = raw[raw["etapa"] == "UAS"]
    staff = national["plantilla"]
    req = staff["requeridos"].fillna(2)
    for category, rows, at_least in (
            (schema.GENERAL_CATEGORY, raw["puesto"] == "Medicina General", 100),
            (schema.NURSING_CATEGORY, raw["categoria"] == "Enfermería", 20)):
        real = raw[rows].groupby("clues")["n"].sum()
        open_posts = set(staff.loc[(staff["categoria"] == category)
                                   & (req > staff["actuales"]), "clues"])
        checked = 0
        for clues, n in real.items():
            if clues in open_posts:
                assert listed.get((clues, category), 0) == n, (category, clues)
                checked += 1
        assert checked >= at_least, category


def test_national_gaps_exceed_supply(national: dict[str, pd.DataFrame]) -> None:
    staff = national["plantilla"]
    units = national["unidades"].set_index("clues")
    kind = staff["clues"].map(units["tipo"])
    centre_rows = staff[(kind == schema.CENTRE)
                        & (staff["categoria"] != schema.NURSING_CATEGORY)]
    assert (centre_rows["categoria"] == schema.GENERAL_CATEGORY).all()
    assert centre_rows["requeridos"].isna().all()
    assert len(centre_rows) == (units["tipo"] == schema.CENTRE).sum() == 12_552
    assert 0.03 < (centre_rows["actuales"] == 0).mean() < 0.2  # realistic share with no GP
    g = gaps(national)
    assert g[schema.GENERAL_CATEGORY] > 1.2 * 5_850
    assert g.drop([schema.GENERAL_CATEGORY, schema.NURSING_CATEGORY]).sum() > 2 * 4_010


def test_national_nurses(national: dict[str, pd.DataFrame]) -> None:
    """Issue 27 item 4: one 'Enfermería general' row per centre (none at hospitals), required
    blank (the nurse target, 2), nurse posts at ≥ 1,000 centres; the supply is the 2026
    pipeline's UAS nursing candidates, summed here from the shared file; no nurse bonus."""
    staff = national["plantilla"]
    units = national["unidades"].set_index("clues")
    cats = national["categorias"].set_index("categoria")
    assert cats.at[schema.NURSING_CATEGORY, "tipo"] == schema.NURSING
    assert parameter(national, "meta_enfermeras_por_centro") == 2
    nurse = staff[staff["categoria"] == schema.NURSING_CATEGORY]
    assert (nurse["clues"].map(units["tipo"]) == schema.CENTRE).all()
    assert nurse["clues"].is_unique and len(nurse) == (units["tipo"] == schema.CENTRE).sum()
    assert nurse["requeridos"].isna().all()
    gap = (2 - nurse["actuales"]).clip(lower=0)
    assert (gap > 0).sum() >= 1_000
    assert 0 < (nurse["actuales"] == 0).mean() < 0.1  # Hidalgo: 15 of 510 centres with none
    pipeline = pd.read_csv(FUENTES / "candidatos_por_unidad_y_fase_20260822.csv")
    supply = national["oferta"].set_index("categoria")["candidatos"]
    assert supply[schema.NURSING_CATEGORY] == pipeline["uas_enfermeria"].sum() > 7_000
    assert schema.NURSING not in set(national["bonos"]["tipo"])
    assert schema.NURSING not in set(national["niveles_bono"]["tipo"])
    leeme = " ".join(str(v) for v in national["LEEME"].to_numpy().ravel())
    assert "CIFRA DE 2026" in leeme


# --- Hidalgo workbook ---------------------------------------------------------------------------

def test_hidalgo_real_units(hidalgo: dict[str, pd.DataFrame]) -> None:
    source = pd.read_csv(FUENTES / CENTRES_FILE, dtype={"clues": str})
    centres_src = source[source["clave_tipologia"].isin(rules.CENTRE_TYPOLOGIES)]
    units = hidalgo["unidades"]
    centres = units[units["tipo"] == schema.CENTRE]
    assert sorted(centres["clues"]) == sorted(centres_src["clues"])
    assert len(centres) == 484
    hospitals = units[units["tipo"] == schema.HOSPITAL]
    assert len(hospitals) == 18 and hospitals["clues"].str.startswith("HGSSA").all()
    assert (units["clave_entidad"] == 13).all() and units["clues"].is_unique
    # real coordinates of every centre
    merged = centres.merge(centres_src, on="clues", suffixes=("", "_src"))
    assert np.allclose(merged["latitud"], merged["latitud_src"], atol=1e-6)


def test_hidalgo_real_gp_posts(hidalgo: dict[str, pd.DataFrame]) -> None:
    source = pd.read_csv(FUENTES / CENTRES_FILE, dtype={"clues": str}).set_index("clues")
    staff = hidalgo["plantilla"]
    gp = staff[staff["categoria"] == schema.GENERAL_CATEGORY].set_index("clues")
    real = source.loc[gp.index, "plazas_ocupadas_medicos_generales"]
    known = real.notna()
    assert (gp.loc[known, "actuales"] == real[known]).all()
    assert gp["requeridos"].isna().all()
    assert gp.loc[known, "actuales"].sum() == 1_056  # occupied GP posts of the 483 known centres


def test_hidalgo_real_nurse_posts(hidalgo: dict[str, pd.DataFrame]) -> None:
    """Issue 27 item 4: each centre's contact nurses as SINERHIAS counts them (0 where the
    centre has no record), required blank; supply = Hidalgo's 2026 UAS nursing candidates."""
    source = pd.read_csv(FUENTES / CENTRES_FILE, dtype={"clues": str}).set_index("clues")
    staff = hidalgo["plantilla"]
    nurse = staff[staff["categoria"] == schema.NURSING_CATEGORY].set_index("clues")
    assert len(nurse) == 484 and nurse["requeridos"].isna().all()
    real = source.loc[nurse.index, "plazas_ocupadas_enfermeras_contacto"]
    assert (nurse["actuales"] == real.fillna(0)).all()
    pipeline = pd.read_csv(FUENTES / "candidatos_por_unidad_y_fase_20260822.csv",
                           dtype={"cve_ent": str})
    expected = pipeline.loc[pipeline["cve_ent"].str.zfill(2) == "13", "uas_enfermeria"].sum()
    supply = hidalgo["oferta"].set_index("categoria")["candidatos"]
    assert supply[schema.NURSING_CATEGORY] == expected == 188
    assert ((2 - nurse["actuales"]).clip(lower=0) > 0).sum() == 82


def test_hidalgo_supply_and_budget(hidalgo: dict[str, pd.DataFrame]) -> None:
    supply = hidalgo["oferta"].set_index("categoria")["candidatos"]
    specialists = supply.drop([schema.GENERAL_CATEGORY, schema.NURSING_CATEGORY]).sum()
    assert parameter(hidalgo, "presupuesto_bono_mensual") == specialists * 10_979
    assert (hidalgo["unidades"]["zona"] == rules.HIDALGO_ZONE).all()
    g = gaps(hidalgo)
    assert g[schema.GENERAL_CATEGORY] > supply[schema.GENERAL_CATEGORY]


# --- reproducible build ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["hidalgo_2025.xlsx", "nacional_2024.xlsx"])
def test_build_reproduces_committed_workbooks(rebuilt: Path, name: str) -> None:
    committed, fresh = read(INPUTS / name, header=None), read(rebuilt / name, header=None)
    assert list(committed) == list(fresh)
    for sheet in committed:
        pd.testing.assert_frame_equal(committed[sheet], fresh[sheet], obj=f"{name}:{sheet}")


@pytest.mark.parametrize("name", ["hidalgo_2025.xlsx", "nacional_2024.xlsx",
                                  "plantilla_vacia.xlsx"])
def test_build_is_byte_identical_and_includes_the_template(rebuilt: Path, name: str) -> None:
    """``make data`` rebuilds the template too, and the same sources give the same bytes (fixed
    document dates and zip entry dates), so a rebuild with nothing changed leaves git clean."""
    assert (rebuilt / name).read_bytes() == (INPUTS / name).read_bytes()


# --- helpers ----------------------------------------------------------------------------------

def test_allocate_exact_total_and_minimum() -> None:
    rng = np.random.default_rng(0)
    w = np.array([0.1, 5.0, 20.0, 0.0, 3.3])
    counts = allocate_exact(w, 40, 1, rng)
    assert counts.sum() == 40 and counts.min() >= 1
    assert list(largest_remainder(10, np.array([1.0, 1.0, 1.0]))) == [4, 3, 3]


def test_inside_square() -> None:
    ring = np.array([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]], dtype=float)
    assert list(inside(ring, np.array([0.5, 1.5]), np.array([0.5, 0.5]))) == [True, False]
