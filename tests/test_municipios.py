"""The unit-name → municipality matcher (planner/data/municipios.py) on 64 hand-checked pairs.

``tests/data/municipios_verificados.csv``: real unit names of Hidalgo, Puebla, Veracruz and San
Luis Potosí with the INEGI municipality key their source file gives (``clave_inegi``), and,
checked by hand, which municipality the name itself names (``municipio_nombrado``, blank when
the name names none, e.g. a locality "Agua del Cuervo"; ``nombra``: propio = its own
municipality, otro = another municipality's name, as "Tierra Blanca", a locality of Tuxpan).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from planner.data.municipios import MunicipalityMatcher, normalise, words
from planner.data.sources import FUENTES, load_municipalities

PAIRS = Path(__file__).parent / "data" / "municipios_verificados.csv"


@pytest.fixture(scope="module")
def matcher() -> MunicipalityMatcher:
    return MunicipalityMatcher(load_municipalities(FUENTES))


@pytest.fixture(scope="module")
def pairs(matcher: MunicipalityMatcher) -> pd.DataFrame:
    df = pd.read_csv(PAIRS, dtype=str, keep_default_na=False)
    got = [matcher.match(r.nombre_unidad, r.cve_ent) for r in df.itertuples()]
    return df.assign(got=[g.cve_mun if g else "" for g in got])


def test_sample_is_large_and_real(pairs: pd.DataFrame) -> None:
    assert len(pairs) >= 50
    assert pairs["clues"].str.fullmatch(r"(HG|PL|VZ|SP)IMB\d{6}").all()
    assert set(pairs["nombra"]) == {"propio", "otro", "ninguno"}


def test_every_match_is_the_municipality_the_name_names(pairs: pd.DataFrame) -> None:
    matched = pairs[pairs["got"] != ""]
    assert (matched["got"] == matched["municipio_nombrado"]).all(), matched
    # a name that names no municipality is never matched
    assert (pairs.loc[pairs["nombra"] == "ninguno", "got"] == "").all()


def test_recall_and_agreement_with_the_inegi_key(pairs: pd.DataFrame) -> None:
    own = pairs[pairs["nombra"] == "propio"]
    assert (own["got"] == own["clave_inegi"]).mean() >= 0.9  # 33 of 35
    matched = pairs[pairs["got"] != ""]
    # the ones that disagree with the key are localities named like another municipality
    wrong = matched[matched["got"] != matched["clave_inegi"]]
    assert (wrong["nombra"] == "otro").all()


def test_reduction_and_ties(matcher: MunicipalityMatcher) -> None:
    assert normalise("Zimapán, Hgo.") == "ZIMAPAN HGO"
    assert words("HOSPITAL GENERAL DE ENSENADA") == ["ENSENADA"]
    assert matcher.match("HOSPITAL GENERAL DE ENSENADA", "02").cve_mun == "02001"
    # the state's name at the end is not the place; the alias before " de " is
    assert matcher.match("HOSPITAL GENERAL PEROTE VERACRUZ", "30").nom_mun == "Perote"
    assert matcher.match("HOSPITAL GENERAL PACHUCA", "13").nom_mun == "Pachuca de Soto"
    # words after the municipality's name: a locality named after it ("Guadalupe Sarabia")
    assert matcher.match("Centro de Salud Guadalupe Sarabia", "21") is None
    assert matcher.match("Sta. Tlaxco", "21") is None  # after a saint's word: a locality
    assert matcher.match("HOSPITAL MATERNO INFANTIL", "13") is None
