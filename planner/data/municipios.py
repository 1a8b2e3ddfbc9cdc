"""A unit's municipality from its name: the CONAPO municipality names of its state, matched with
rapidfuzz (issue 27).

A unit's name ("HOSPITAL GENERAL DE ENSENADA", "C.S. RURAL SAN JUAN TEPA") is reduced to its
words without accents or punctuation and without the words that name a kind of unit ("hospital",
"centro", "salud", "rural", …). Each municipality of the state (CONAPO 2020, same reduction) is
compared with every stretch of the same number of consecutive words of the name
(``rapidfuzz.fuzz.ratio``, 0–100): the municipality's score is its best stretch. The match is the
municipality with the highest score if it reaches ``THRESHOLD`` and no other municipality has the
same score (a tie is no match); longer municipality names win ties against their own substrings
("San Juan Bautista Tuxtepec" over "San Juan" would need both to score the same).

The threshold is justified on the hand-checked pairs of ``tests/data/municipios_verificados.csv``
(names and INEGI keys from the Hidalgo, Puebla, Veracruz and San Luis Potosí files):
``tests/test_municipios.py``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

# Accepted score: at 90 one letter in ten may differ ("Tlapa" / "Tlapa de Comonfort" does not
# pass: different length; "Zimapan" / "Zimapán" does, 100 after accents are stripped).
THRESHOLD = 95.0

# Words that name a kind of unit, a title or a filler, never a municipality on their own.
GENERIC = frozenset("""
    HOSPITAL GENERAL COMUNITARIO COMUNITARIA INTEGRAL BASICO BASICA CENTRO CENTROS SALUD CS C S
    H HG HC HBC HI HGZ RURAL URBANO URBANA NUCLEO NUCLEOS BASICOS DE DEL LA LAS LOS EL Y EN CON
    SERVICIOS AMPLIADOS CESSA CAAPS IMSS BIENESTAR IMB SSA MATERNO INFANTIL MUJER NINO NINA
    MUNICIPAL REGIONAL ALTA ESPECIALIDAD ESPECIALIDADES CLINICA UNIDAD MEDICA MEDICO DR DRA LIC
    TIPO T I II III IV 0 01 02 03 04 05 06 07 08 09 10 12 Y MAS BICENTENARIO CIVIL MIXTO
    ATENCION PRIMARIA AVANZADOS HOSPITALIZACION COMUNIDAD DE LA PSIQUIATRICO
""".split())


# A stretch right after one of these words is part of a locality's name ("San Andrés
# Tianguistengo" is a locality of Actopan, not the municipality Tianguistengo).
LOCALITY_LEAD = frozenset("SAN SANTA SANTO STA STO SN MA MARIA JESUS SANTIAGO COL COLONIA "
                          "EJIDO BARRIO RANCHO ISLA".split())


def _may_name_place(w: list[str], start: int, n: int) -> bool:
    """Whether words ``w[start:start+n]`` may be the municipality: the whole name, or its last
    words after a word that does not begin a locality's name."""
    if start == 0 and n >= len(w):
        return True
    if start + n < len(w):  # words after the stretch: a locality named after the municipality
        return False
    return w[start - 1] not in LOCALITY_LEAD


def normalise(text: object) -> str:
    """Upper case, accents stripped (ñ → N), punctuation as spaces, single spaces."""
    if not isinstance(text, str):
        return ""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(re.sub(r"[^A-Za-z0-9]+", " ", plain).upper().split())


def words(text: object) -> list[str]:
    """The words of a name that may name a place (generic unit words dropped)."""
    return [w for w in normalise(text).split() if w not in GENERIC]


@dataclass(frozen=True)
class Match:
    """A municipality found for a name: INEGI key, CONAPO name and score (0–100)."""

    cve_mun: str
    nom_mun: str
    score: float


class MunicipalityMatcher:
    """Municipality by name within a state, against CONAPO 2020's names."""

    def __init__(self, municipalities: pd.DataFrame, threshold: float = THRESHOLD) -> None:
        """``municipalities``: columns ``cve_ent, cve_mun, nom_mun`` (text keys)."""
        self.threshold = threshold
        self._by_state: dict[str, tuple[list[str], list[str], list[str], np.ndarray]] = {}
        self._state_word: dict[str, str] = {}
        for cve_ent, g in municipalities.sort_values("cve_mun").groupby("cve_ent"):
            keys, names = list(g["cve_mun"]), list(g["nom_mun"])
            reduced = [" ".join(words(n)) or normalise(n) for n in names]
            # "Pachuca de Soto" is also written "Pachuca": the words before " de ", when no
            # other municipality of the state is called so
            short = [re.split(r" DEL? ", normalise(n))[0] for n in names]
            for k, n, full, alias in zip(list(keys), list(names), list(reduced), short,
                                         strict=True):
                if alias != full and len(alias) >= 4 and short.count(alias) == 1 \
                        and alias not in reduced:
                    keys.append(k)
                    names.append(n)
                    reduced.append(alias)
            self._by_state[str(cve_ent)] = (keys, names, reduced,
                                            np.array([len(r.split()) for r in reduced]))
            if "nom_ent" in g:
                self._state_word[str(cve_ent)] = re.split(r" DEL? ", normalise(g["nom_ent"].iloc[0]))[0]

    def scores(self, name: object, cve_ent: str) -> pd.Series:
        """Every municipality's score for ``name`` (index: INEGI key), best stretch of words."""
        keys, _, reduced, n_words = self._by_state[cve_ent]
        w = words(name)
        state = self._state_word.get(cve_ent, "").split()
        if state and len(w) > len(state) and w[-len(state):] == state:
            w = w[: -len(state)]  # "HOSPITAL GENERAL PEROTE VERACRUZ": the state, not a place
        best = np.zeros(len(keys))
        if not w:
            return pd.Series(best, index=keys).groupby(level=0, sort=False).max()
        for n in np.unique(n_words):
            pick = np.flatnonzero(n_words == n)
            starts = [i for i in range(max(1, len(w) - n + 1)) if _may_name_place(w, i, n)]
            if not starts:
                continue
            stretches = [" ".join(w[i:i + n]) for i in starts]
            grid = process.cdist(stretches, [reduced[i] for i in pick], scorer=fuzz.ratio)
            best[pick] = grid.max(axis=0)
        return pd.Series(best, index=keys).groupby(level=0, sort=False).max()

    def match(self, name: object, cve_ent: str) -> Match | None:
        """The municipality ``name`` names, or None (below the threshold, or a tie)."""
        if cve_ent not in self._by_state:
            return None
        s = self.scores(name, cve_ent)
        top = float(s.max()) if len(s) else 0.0
        if top < self.threshold:
            return None
        at = np.flatnonzero(s.to_numpy() == top)
        keys, names, reduced, n_words = self._by_state[cve_ent]
        if len(at) > 1:  # the longest name wins when it contains the others; else no match
            longest = at[np.argmax(n_words[at])]
            if not all(reduced[i] in reduced[longest] for i in at) or \
                    (n_words[at] == n_words[longest]).sum() > 1:
                return None
            at = np.array([longest])
        i = int(at[0])
        return Match(keys[i], names[i], round(top, 1))
