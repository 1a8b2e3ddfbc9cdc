"""Seeded national-like input workbooks at scale ``k`` (k = 1: the size of the 2024 call).

At ``k = 1``: 700 hospitals (282 bonus-eligible), 12,000 health centres in the 23
IMSS-Bienestar states, the 15 specialties plus Medicina general, 4,010 specialist and 5,850
general-doctor candidates, and a monthly bonus budget that binds (40 % of what the 4,010
specialists would cost in Zona 2). Every count scales with ``k``; fractional scales give tiny
instances for tests. Nothing here reads ``inputs/``: the workbooks are synthetic and stand alone.

    python -m benchmarks.generate OUT.xlsx --scale 2 --seed 7
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from planner.core import schema
from planner.io.template import parameters_table, reference_tables, write_input_workbook

DEFAULT_SEED = 20240411
HOSPITALS, ELIGIBLE, CENTRES = 700, 282, 12_000
SPECIALISTS, GENERAL_DOCTORS = 4_010, 5_850
BUDGET_SHARE = 0.40  # the budget pays 40 % of 4,010 Zona 2 bonuses: it binds
GENERAL_HOSPITAL_SHARE = 0.30

# The 23 IMSS-Bienestar states (INEGI code -> name); Zona 3: northern border and tourist states.
STATES: dict[int, str] = {
    2: "Baja California", 3: "Baja California Sur", 4: "Campeche", 6: "Colima", 7: "Chiapas",
    9: "Ciudad de México", 10: "Durango", 12: "Guerrero", 13: "Hidalgo", 16: "Michoacán",
    17: "Morelos", 18: "Nayarit", 20: "Oaxaca", 21: "Puebla", 23: "Quintana Roo",
    24: "San Luis Potosí", 25: "Sinaloa", 26: "Sonora", 27: "Tabasco", 28: "Tamaulipas",
    29: "Tlaxcala", 30: "Veracruz", 32: "Zacatecas",
}
ZONE_3 = frozenset({2, 3, 23, 26})

# Candidates per specialty at k = 1 (sums to 4,010; trunk specialties first).
SPECIALIST_SUPPLY: dict[str, int] = {
    "Anestesiología": 560, "Ginecología y obstetricia": 520, "Pediatría": 480,
    "Cirugía general": 450, "Medicina interna": 420, "Urgencias": 380, "Neonatología": 180,
    "Traumatología y ortopedia": 170, "Imagenología": 160, "Medicina crítica": 150,
    "Anatomía patológica": 130, "Cardiología": 120, "Psiquiatría": 110, "Oftalmología": 110,
    "Dermatología": 70,
}

# Required specialists per hospital class (a 24/7 post needs 5 doctors).
NORM: dict[str, dict[str, int]] = {
    "comunitario": {k: 5 for k in schema.TRUNK_SPECIALTIES},
    "general": {**{k: 10 for k in schema.TRUNK_SPECIALTIES}, "Neonatología": 5,
                "Medicina crítica": 5, "Traumatología y ortopedia": 5, "Imagenología": 2,
                "Psiquiatría": 1, "Dermatología": 1, "Oftalmología": 1, "Cardiología": 1,
                "Anatomía patológica": 1},
}
GRADE_SHARE = {"muy bajo": 0.10, "bajo": 0.15, "medio": 0.20, "alto": 0.30, "muy alto": 0.25}
CURRENT_GPS = {0: 0.25, 1: 0.45, 2: 0.25, 3: 0.05}  # general doctors a centre has today


def counts(scale: float) -> dict[str, int]:
    """Units and candidates at ``scale`` (at least one of each)."""
    def n(base: int) -> int:
        return max(1, int(round(base * scale)))

    return {"hospitals": n(HOSPITALS), "eligible": n(ELIGIBLE), "centres": n(CENTRES),
            "specialists": sum(n(v) for v in SPECIALIST_SUPPLY.values()),
            "general_doctors": n(GENERAL_DOCTORS)}


def budget(scale: float) -> float:
    """The monthly bonus budget at ``scale``: binding by construction."""
    bonus = schema.BONUS_2024[(schema.SPECIALTY, 2)]
    return float(round(BUDGET_SHARE * SPECIALISTS * scale * bonus))


def tables(scale: float = 1.0, seed: int = DEFAULT_SEED) -> dict[str, pd.DataFrame]:
    """The sheets of a national-like workbook at ``scale``; the same tables for the same seed."""
    rng = np.random.default_rng([seed, int(round(scale * 1000))])
    c = counts(scale)
    units, general = _units(rng, c)
    staff = _staffing(rng, units, general)
    supply = [(schema.GENERAL_CATEGORY, c["general_doctors"])]
    supply += [(k, max(1, int(round(v * scale)))) for k, v in SPECIALIST_SUPPLY.items()]
    ref = reference_tables()
    params = parameters_table({"presupuesto_bono_mensual": budget(scale),
                               "meta_medicos_generales_por_centro": 2,
                               "limite_tiempo_s": 60, "brecha_mip": 0})
    return {"parametros": params, "unidades": units, "plantilla": staff,
            "categorias": ref["categorias"], "oferta": pd.DataFrame(
                supply, columns=["categoria", "candidatos"]),
            "bonos": ref["bonos"], "prioridades": ref["prioridades"]}


def _units(rng: np.random.Generator, c: dict[str, int]) -> tuple[pd.DataFrame, np.ndarray]:
    """unidades (hospitals then centres, states drawn by a seeded population share) and the
    mask of general hospitals (the others are community hospitals)."""
    codes = np.array(sorted(STATES))
    share = rng.dirichlet(np.full(len(codes), 3.0))
    n_h, n_c = c["hospitals"], c["centres"]
    state = np.concatenate([rng.choice(codes, n_h, p=share), rng.choice(codes, n_c, p=share)])
    n = n_h + n_c
    is_h = np.arange(n) < n_h
    grades = list(GRADE_SHARE)
    grade = rng.choice(grades, n, p=list(GRADE_SHARE.values()))
    # The eligible hospitals are the most marginalized ones (highest grade, ties at random).
    rank = np.lexsort((rng.random(n_h), -np.array([grades.index(g) for g in grade[:n_h]])))
    eligible = np.zeros(n, dtype=bool)
    eligible[rank[: c["eligible"]]] = True
    families = np.where(is_h, np.nan, np.clip(rng.lognormal(7.6, 0.6, n), 150, 6000).round())
    municipality = rng.integers(1, 120, n)
    seq = np.zeros(n, dtype=int)
    for code in codes:  # CLUES numbered within each state, hospitals first
        mine = np.flatnonzero(state == code)
        seq[mine] = np.arange(1, len(mine) + 1)
    prefix = np.where(is_h, "HG", "CS")
    clues = [f"{p}{s:02d}SIM{q:06d}" for p, s, q in zip(prefix, state, seq, strict=True)]
    kind = np.where(is_h, schema.HOSPITAL, schema.CENTRE)
    names = [f"{'Hospital' if h else 'Centro de Salud'} {STATES[s]} {q:04d}"
             for h, s, q in zip(is_h, state, seq, strict=True)]
    units = pd.DataFrame({
        "clues": clues, "nombre": names, "tipo": kind, "clave_entidad": state,
        "entidad": [STATES[s] for s in state],
        "municipio": [f"Municipio {s:02d}-{m:03d}" for s, m in zip(state, municipality, strict=True)],
        "localidad": None,
        "zona": np.where(np.isin(state, list(ZONE_3)), 3, 2),
        "grado_marginacion": grade,
        "elegible_bono": np.where(eligible, "sí", "no"),
        "familias": pd.array(families, dtype="Int64"),
        "latitud": rng.uniform(15.0, 32.0, n).round(5),
        "longitud": rng.uniform(-117.0, -87.0, n).round(5),
    })
    return units, is_h & (rng.random(n) < GENERAL_HOSPITAL_SHARE)


def _staffing(rng: np.random.Generator, units: pd.DataFrame,
              general_hospital: np.ndarray) -> pd.DataFrame:
    """plantilla: specialist rows of each hospital by its class, one general-medicine row per
    centre with ``requeridos`` blank (the target T applies)."""
    is_h = (units["tipo"] == schema.HOSPITAL).to_numpy()
    frames = []
    for klass, general in (("comunitario", False), ("general", True)):
        mine = units[is_h & (general_hospital == general)]
        norm = NORM[klass]
        cats = np.tile(list(norm), len(mine))
        required = np.tile(list(norm.values()), len(mine))
        p = np.repeat(rng.uniform(0.15, 0.85, len(mine)), len(norm))
        frames.append(pd.DataFrame({
            "clues": np.repeat(mine["clues"].to_numpy(), len(norm)), "categoria": cats,
            "requeridos": pd.array(required, dtype="Int64"),
            "actuales": rng.binomial(required, p)}))
    centres = units[~is_h]
    current = rng.choice(list(CURRENT_GPS), len(centres), p=list(CURRENT_GPS.values()))
    frames.append(pd.DataFrame({"clues": centres["clues"].to_numpy(),
                                "categoria": schema.GENERAL_CATEGORY,
                                "requeridos": pd.array([None] * len(centres), dtype="Int64"),
                                "actuales": current}))
    return pd.concat(frames, ignore_index=True)


def write(path: str | Path, scale: float = 1.0, seed: int = DEFAULT_SEED) -> Path:
    """Write the workbook at ``scale`` to ``path`` with the project's template writer."""
    c = counts(scale)
    leeme = [
        f"Escenario sintético de benchmark, escala k = {scale:g} (semilla {seed}).",
        f"{c['hospitals']:,} hospitales ({c['eligible']:,} con bono), {c['centres']:,} centros "
        f"de salud, {c['specialists']:,} especialistas y {c['general_doctors']:,} médicos "
        "generales candidatos.",
        f"Presupuesto mensual de bonos {budget(scale):,.0f} MXN: alcanza para el "
        f"{BUDGET_SHARE:.0%} de los especialistas en Zona 2 (restricción activa).",
    ]
    return write_input_workbook(path, tables(scale, seed), leeme,
                                title="Benchmark del planeador IMSS-Bienestar")


def cached(scale: float, seed: int = DEFAULT_SEED,
           folder: str | Path = Path(__file__).parent / ".cache") -> Path:
    """The workbook at ``scale`` in ``folder``, generated once (benchmarks reuse it)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"nacional_k{scale:g}_s{seed}.xlsx"
    if not path.exists():
        write(path, scale, seed)
    return path


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = ap.parse_args(argv)
    write(args.out, args.scale, args.seed)
    print(args.out)


if __name__ == "__main__":
    main()
