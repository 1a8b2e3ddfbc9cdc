"""The default scenarios: seed figures of the 2024 call, real Hidalgo data, reproducible build."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from planner.core import schema
from planner.data import build, rules
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
    """Total gap per category (blank required = target T)."""
    staff = book["plantilla"]
    required = staff["requeridos"].fillna(parameter(book, "meta_medicos_generales_por_centro"))
    return (required - staff["actuales"]).clip(lower=0).groupby(staff["categoria"]).sum()


# --- national workbook --------------------------------------------------------------------------

def test_national_seed_figures(national: dict[str, pd.DataFrame]) -> None:
    units, supply = national["unidades"], national["oferta"].set_index("categoria")["candidatos"]
    assert units["clave_entidad"].nunique() == 23
    assert units["entidad"].nunique() == 23
    is_general = supply.index == schema.GENERAL_CATEGORY
    assert supply[is_general].sum() == 5_850
    assert supply[~is_general].sum() == 4_010
    assert set(supply.index) == {c.name for c in schema.DEFAULT_CATEGORIES}
    eligible = units["elegible_bono"] == "sí"
    assert eligible.sum() == 282
    assert (units.loc[eligible, "tipo"] == schema.HOSPITAL).all()
    bonus = national["bonos"].set_index(["tipo", "zona"])["bono_mensual"]
    assert bonus[(schema.SPECIALTY, 2)] == 10_979
    assert bonus[(schema.SPECIALTY, 3)] == 10_000
    assert parameter(national, "meta_medicos_generales_por_centro") == 2
    # issue 13: the expected monthly bonus of the 2024 policy (planner/data/acceptance.py)
    assert parameter(national, "presupuesto_bono_mensual") == 21_500_000  # recomputed on the real units (21,409,808, rounded up)
    assert national["parametros"].set_index("parametro")["valor"]["modo_bono"] == "por_hospital"
    assert len(national["niveles_bono"]) == 10 and len(national["aceptacion"]) == 60


def test_national_units(national: dict[str, pd.DataFrame]) -> None:
    units = national["unidades"]
    counts = units["tipo"].value_counts()
    assert counts[schema.CENTRE] == rules.NATIONAL_CENTRES == 12_000
    assert counts[schema.HOSPITAL] == rules.NATIONAL_HOSPITALS == 700
    assert units["clues"].is_unique
    assert units["clues"].str.fullmatch(r"[A-Z]{2}SIM\d{6}").all()
    zone = units["clave_entidad"].map(lambda e: rules.zone_of(f"{e:02d}"))
    assert (units["zona"] == zone).all()
    assert units["latitud"].between(14, 33).all() and units["longitud"].between(-119, -86).all()
    # the eligible hospitals are the most marginalized ones (grades are cut points of the index)
    hosp = units[units["tipo"] == schema.HOSPITAL]
    grade = hosp["grado_marginacion"].map(schema.GRADES.index)
    eligible = hosp["elegible_bono"] == "sí"
    assert grade[eligible].min() >= grade[~eligible].max()


def test_national_gaps_exceed_supply(national: dict[str, pd.DataFrame]) -> None:
    staff = national["plantilla"]
    units = national["unidades"].set_index("clues")
    kind = staff["clues"].map(units["tipo"])
    centre_rows = staff[kind == schema.CENTRE]
    assert (centre_rows["categoria"] == schema.GENERAL_CATEGORY).all()
    assert centre_rows["requeridos"].isna().all()
    assert len(centre_rows) == 12_000
    assert 0.03 < (centre_rows["actuales"] == 0).mean() < 0.2  # realistic share with no GP
    g = gaps(national)
    assert g[schema.GENERAL_CATEGORY] > 1.2 * 5_850
    assert g.drop(schema.GENERAL_CATEGORY).sum() > 2 * 4_010


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


def test_hidalgo_supply_and_budget(hidalgo: dict[str, pd.DataFrame]) -> None:
    supply = hidalgo["oferta"].set_index("categoria")["candidatos"]
    specialists = supply.drop(schema.GENERAL_CATEGORY).sum()
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
