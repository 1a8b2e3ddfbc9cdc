"""Hidalgo's real ratios, the yardstick the national synthesis scales to the 23 states.

Grades with few Hidalgo units are pooled (``rules.CENTRE_GRADE_GROUP``,
``rules.HOSPITAL_GRADE_GROUP``) so every ratio rests on several real units.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.core import schema
from planner.data import rules
from planner.data.hidalgo import hidalgo_centres, hidalgo_hospitals, household_size
from planner.data.sources import Sources


@dataclass(frozen=True)
class HidalgoRatios:
    """Real Hidalgo figures by marginalization group, used to synthesise the other states."""

    centres_per_person: pd.Series  # by centre grade group
    hospitals_per_person: pd.Series  # by hospital grade group
    gp_per_centre: dict[str, np.ndarray]  # occupied GP posts of each real centre, by group
    uninsured_share: pd.Series  # uninsured / total catchment population, by centre group
    hospital_staff: dict[str, pd.DataFrame]  # real occupied specialist posts, by norm class
    household_size: float
    # occupied contact-nurse posts of each real centre, by group (SINERHIAS)
    nurse_per_centre: dict[str, np.ndarray]


def _population_by_group(src: Sources, groups: dict[str, str]) -> pd.Series:
    """Hidalgo's 2020 population by grade group of its municipalities."""
    mun = src.municipalities[src.municipalities["cve_ent"] == rules.HIDALGO]
    return mun.groupby(mun["gm_2020"].map(groups))["pob_tot"].sum()


def _staff_templates(hospitals: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Occupied trunk posts (one column per trunk specialty) and 'otros' of each real hospital."""
    cols = {f"plazas_ocupadas_{stem}": cat for stem, cat in rules.SINERHIAS_TRUNK.items()}
    out = {}
    for norm_class in ("general", "comunitario"):
        real = hospitals[hospitals["clase"] == norm_class]
        out[norm_class] = (real[["clues", *cols, "otros"]].rename(columns=cols)
                           .sort_values("clues").reset_index(drop=True))
    return out


def hidalgo_ratios(src: Sources) -> HidalgoRatios:
    """Every ratio the national synthesis needs, computed from the real Hidalgo files."""
    centres, hospitals = hidalgo_centres(src), hidalgo_hospitals(src)
    c_group = centres["grado"].map(rules.CENTRE_GRADE_GROUP)
    centre_rate = centres.groupby(c_group).size() / _population_by_group(
        src, rules.CENTRE_GRADE_GROUP)
    care = hospitals[hospitals["clase"].notna()]
    h_group = care["grado"].map(rules.HOSPITAL_GRADE_GROUP)
    hospital_rate = care.groupby(h_group).size() / _population_by_group(
        src, rules.HOSPITAL_GRADE_GROUP)
    known = centres.dropna(subset=["gp"])
    gp = {g: np.sort(known.loc[known["grado"].map(rules.CENTRE_GRADE_GROUP) == g, "gp"]
                     .to_numpy(dtype=int))
          for g in sorted(set(rules.CENTRE_GRADE_GROUP.values()))}
    with_nurses = centres.dropna(subset=["enfermeras"])
    nurses = {g: np.sort(with_nurses.loc[with_nurses["grado"].map(rules.CENTRE_GRADE_GROUP) == g,
                                         "enfermeras"].to_numpy(dtype=int))
              for g in sorted(set(rules.CENTRE_GRADE_GROUP.values()))}
    catch = centres.dropna(subset=["poblacion_responsabilidad"])
    sums = catch.groupby(catch["grado"].map(rules.CENTRE_GRADE_GROUP))[
        ["poblacion_resp_no_derechohabiente", "poblacion_responsabilidad"]].sum()
    uninsured = sums["poblacion_resp_no_derechohabiente"] / sums["poblacion_responsabilidad"]
    return HidalgoRatios(centre_rate, hospital_rate, gp, uninsured, _staff_templates(hospitals),
                         household_size(src.localities), nurses)


def describe(r: HidalgoRatios) -> list[str]:
    """The ratios in Spanish, for the LEEME sheet."""
    groups = sorted(r.centres_per_person.index, key=_group_order)
    lines = ["Razones reales de Hidalgo usadas (por grado de marginación del municipio):"]
    lines.append("• Centros de salud por 100 mil habitantes: " + "; ".join(
        f"{g} {r.centres_per_person[g] * 1e5:.1f}" for g in groups) + ".")
    lines.append("• Hospitales generales y comunitarios por millón de habitantes: " + "; ".join(
        f"{g} {r.hospitals_per_person[g] * 1e6:.2f}"
        for g in sorted(r.hospitals_per_person.index, key=_group_order)) + ".")
    lines.append("• Centros con 0 / 1 / 2 o más médicos generales: " + "; ".join(
        f"{g} {np.mean(r.gp_per_centre[g] == 0):.0%} / {np.mean(r.gp_per_centre[g] == 1):.0%}"
        f" / {np.mean(r.gp_per_centre[g] >= 2):.0%}" for g in groups) + ".")
    if r.nurse_per_centre:
        lines.append("• Centros con 0 / 1 / 2 o más enfermeras de contacto: " + "; ".join(
            f"{g} {np.mean(r.nurse_per_centre[g] == 0):.0%} / "
            f"{np.mean(r.nurse_per_centre[g] == 1):.0%} / "
            f"{np.mean(r.nurse_per_centre[g] >= 2):.0%}" for g in groups) + ".")
    lines.append("• Población sin derechohabiencia en el área de los centros: " + "; ".join(
        f"{g} {r.uninsured_share[g]:.0%}" for g in groups) + ".")
    return lines


def _group_order(group: str) -> int:
    """Order of a grade group, from 'muy bajo' to 'muy alto'."""
    first = next(g for g in reversed(schema.GRADES) if group.startswith(g))
    return schema.GRADES.index(first)
