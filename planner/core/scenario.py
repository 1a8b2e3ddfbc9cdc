"""The validated scenario (frozen, typed tables) and what-if overrides applied as a pure function."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from planner.core.schema import BUDGET, CENTRE, CENTRE_TARGETS, GENERAL, PARAMETERS


@dataclass(frozen=True)
class Params:
    """Scenario parameters of DESIGN §2 and §2b (names in English, sheet names in comments)."""

    budget: float  # presupuesto_bono_mensual, MXN per month
    target: int = 2  # meta_medicos_generales_por_centro
    nurse_target: int = 2  # meta_enfermeras_por_centro
    first_doctor_weight: float = 3.0  # peso_primer_medico
    families_weight: float = 1.0  # peso_familias
    time_limit: float = 60.0  # limite_tiempo_s
    mip_gap: float = 0.0  # brecha_mip
    equity_floor: float = 0.0  # cobertura_minima_entidad
    one_doctor_per_centre: bool = False  # minimo_un_medico_por_centro
    bonus_mode: str = "fijo"  # modo_bono: fijo | por_hospital
    budget_basis: str = "esperado"  # presupuesto_bono_base: esperado | garantizado
    budget_risk: float = 0.10  # riesgo_presupuesto: P(bonus paid > budget) allowed
    assignment_mode: str = "por_oferta"  # modo_asignacion: por_oferta | optimo | estable
    redirect_acceptance: float = 0.5  # aceptacion_redireccion (supuesto)
    redirect_km: float = 0.0  # distancia_redireccion_km (0 = same state)


# sheet name -> field, read from the schema's declarations; the budget first (the result book's
# parameter rows begin with it), then in the order of schema.PARAMETERS
PARAM_NAMES = {p.name: p.field for p in sorted(PARAMETERS, key=lambda p: p.name != BUDGET)}


@dataclass(frozen=True)
class Scenario:
    """Everything the model needs, validated.

    units
        index ``clues``; columns ``name, kind, state_code, state, municipality, locality, zone,
        grade, bonus_eligible, families, lat, lon``.
    staffing
        index ``(clues, category)``; columns ``required`` (float, NaN = target for a centre's
        general medicine) and ``current`` (int).
    categories
        index ``category``; columns ``kind, trunk, weight, requires`` (requires may be None).
    supply
        columns ``category, state_code, candidates``; ``state_code`` 0 is the national pool.
    bonuses
        index ``(kind, zone)``; column ``bonus`` (MXN per doctor per month).
    grade_weights
        index ``grade``; the weight of each marginalization grade.
    candidates
        the optional ``candidatos`` sheet (None when absent): columns ``folio, category,
        state_code, score, row`` and ``option_1..option_5``, each option resolved to a tuple of
        CLUES (empty tuple for a blank option); see :mod:`planner.io.candidates`.
    """

    params: Params
    units: pd.DataFrame
    staffing: pd.DataFrame
    categories: pd.DataFrame
    supply: pd.DataFrame
    bonuses: pd.DataFrame
    grade_weights: pd.Series
    name: str = "escenario"
    notes: tuple = field(default_factory=tuple)  # core.words.Phrase each (issue 26: shown)
    # Optional acceptance data (planner/io/acceptance.py); None = every offer accepted.
    acceptance: pd.DataFrame | None = None  # kind, zone (0 = any), grade ('' = any), bonus, p
    bonus_levels: pd.DataFrame | None = None  # kind, zone, bonus: levels for por_hospital
    candidates: pd.DataFrame | None = None
    # The optional ``avance`` sheet (planner/io/avance.py): clues, category, phase, offers,
    # accepted, hired, resigned, row; None when absent.
    progress: pd.DataFrame | None = None

    @property
    def general_category(self) -> str:
        """The one category of type medicina general."""
        return str(self.categories.index[self.categories["kind"] == GENERAL][0])

    def centre_targets(self) -> pd.Series:
        """The centre target of each category (NaN for a category without one, a specialty).

        Read from schema.CENTRE_TARGETS (category type -> its field in Params): general
        medicine has T, nursing the nurse target.
        """
        targets = {kind: float(getattr(self.params, f)) for kind, f in CENTRE_TARGETS.items()}
        return self.categories["kind"].map(targets).astype(float)

    def has_centre_target(self) -> np.ndarray:
        """Per category (sheet order): True when its type has a centre target."""
        return self.categories["kind"].isin(tuple(CENTRE_TARGETS)).to_numpy(dtype=bool)

    def supply_by_category(self) -> pd.Series:
        """Total candidates per category (national plus every state pool), every category."""
        total = self.supply.groupby("category")["candidates"].sum()
        return total.reindex(self.categories.index, fill_value=0).astype(int)

    def required(self) -> pd.Series:
        """Required headcount per (clues, category), blanks resolved to the category's centre
        target (validation allows a blank only where there is one)."""
        req = self.staffing["required"].copy()
        targets = self.centre_targets().dropna()
        if targets.nunique() <= 1:  # one target value (no nurses, or T = nurse target): as before
            return req.fillna(float(self.params.target) if targets.empty
                              else float(targets.iloc[0])).astype(int)
        index = self.staffing.index
        at = self.centre_targets().reindex(index.levels[1]).to_numpy(dtype=float)[index.codes[1]]
        return req.fillna(pd.Series(at, index=req.index)).astype(int)

    def gaps(self) -> pd.Series:
        """g[u,k] = max(0, required − current) per (clues, category)."""
        return (self.required() - self.staffing["current"]).clip(lower=0).astype(int)

    def centres(self) -> pd.DataFrame:
        return self.units[self.units["kind"] == CENTRE]

    def bonus_per_row(self) -> np.ndarray:
        """Monthly bonus (MXN) one doctor placed at each staffing row costs the budget.

        The bonus of the category's kind in the unit's zone; 0 when the unit is not
        bonus-eligible or no bonus applies. The one place this is computed (the model's pairs
        and the indicators both read it).
        """
        # Looked up once per unit and per category (the index's levels), then taken per row by
        # the level codes: the same values as a per-row reindex, without hashing 20 000 strings.
        index = self.staffing.index
        if len(index) == 0:
            return np.zeros(0)
        u_codes, c_codes = index.codes[0], index.codes[1]
        at = self.units.index.get_indexer(index.levels[0])  # -1: a level no row uses any more
        known = at >= 0
        zone = self.units["zone"].to_numpy()[np.maximum(at, 0)]
        eligible = known & self.units["bonus_eligible"].to_numpy(dtype=bool)[np.maximum(at, 0)]
        zones, zone_code = np.unique(zone, return_inverse=True)
        kinds = self.categories["kind"].reindex(index.levels[1]).to_numpy()
        kind_zone = pd.MultiIndex.from_arrays([np.repeat(kinds, len(zones)),
                                               np.tile(zones, len(kinds))])
        table = (self.bonuses["bonus"].reindex(kind_zone).fillna(0.0).to_numpy(dtype=float)
                 .reshape(len(kinds), len(zones)))
        bonus = table[c_codes, zone_code[u_codes]]
        eligible = eligible[u_codes]
        return np.where(eligible, bonus, 0.0)


@dataclass(frozen=True)
class WhatIf:
    """Changes a planner tries on a scenario; ``None`` keeps the scenario's value."""

    budget: float | None = None
    target: int | None = None
    nurse_target: int | None = None
    first_doctor_weight: float | None = None
    families_weight: float | None = None
    time_limit: float | None = None
    mip_gap: float | None = None
    equity_floor: float | None = None
    one_doctor_per_centre: bool | None = None
    bonus_mode: str | None = None
    budget_basis: str | None = None
    budget_risk: float | None = None
    assignment_mode: str | None = None
    redirect_acceptance: float | None = None
    redirect_km: float | None = None
    bonus: dict[tuple[str, int], float] = field(default_factory=dict)  # (kind, zone) -> MXN
    supply: dict[str, int] = field(default_factory=dict)  # category -> total candidates
    states: tuple[int, ...] | None = None  # state codes kept; None keeps all

    def is_empty(self) -> bool:
        return self == WhatIf()


def apply_overrides(scenario: Scenario, what_if: WhatIf | None) -> Scenario:
    """A new scenario with the what-if changes applied; the input scenario is unchanged."""
    if what_if is None or what_if.is_empty():
        return scenario
    changes = {name: getattr(what_if, name) for name in PARAM_NAMES.values()
               if getattr(what_if, name) is not None}
    params = replace(scenario.params, **changes)
    units, staffing, supply = scenario.units, scenario.staffing, scenario.supply
    if what_if.states is not None:
        keep = set(int(s) for s in what_if.states)
        units = units[units["state_code"].isin(keep)]
        staffing = staffing[staffing.index.get_level_values("clues").isin(units.index)]
        supply = supply[(supply["state_code"] == 0) | supply["state_code"].isin(keep)]
    if what_if.supply:
        supply = _override_supply(supply, what_if.supply)
    bonuses = scenario.bonuses
    if what_if.bonus:
        bonuses = bonuses.copy()
        for key, value in what_if.bonus.items():
            bonuses.loc[key, "bonus"] = float(value)
    return replace(scenario, params=params, units=units, staffing=staffing, supply=supply,
                   bonuses=bonuses)


def _override_supply(supply: pd.DataFrame, totals: dict[str, int]) -> pd.DataFrame:
    """Set each category's total candidates: state pools are kept, the national pool absorbs it.

    When the new total is below the state pools, the pools are scaled down proportionally
    (rounded down) and the national pool is emptied.
    """
    out = supply.copy()
    for category, total in totals.items():
        total = max(0, int(total))
        mine = out["category"] == category
        pools = mine & (out["state_code"] != 0)
        pooled = int(out.loc[pools, "candidates"].sum())
        if pooled > total and pooled > 0:
            out.loc[pools, "candidates"] = (out.loc[pools, "candidates"] * total // pooled)
            pooled = int(out.loc[pools, "candidates"].sum())
        national = mine & (out["state_code"] == 0)
        if national.any():
            out.loc[national, "candidates"] = 0
            out.loc[out.index[national][0], "candidates"] = total - pooled
        else:
            row = pd.DataFrame([{"category": category, "state_code": 0,
                                 "candidates": total - pooled}])
            out = pd.concat([out, row], ignore_index=True)
    out["candidates"] = out["candidates"].astype(int)
    return out
