"""The what-if form's values: defaults read from a scenario, and the ``WhatIf`` they amount to."""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.core.scenario import Scenario, WhatIf
from planner.core.schema import (
    ASSIGNMENT_MODES,
    BONUS_MODES,
    BUDGET_BASES,
    PARAMETER_BY_FIELD,
    SHEET_BY_KEY,
    SPECIALTY,
    ZONES,
)

# The bonuses the form offers: specialists' monthly bonus in each economic zone.
BONUS_KEYS: tuple[tuple[str, int], ...] = tuple((SPECIALTY, z) for z in ZONES)
ALPHA_STEP = 0.01  # the equity-floor slider moves by whole percents
APP_TIME_LIMIT_MAX = 600  # the app is interactive: at most 10 min per solve (the workbook: 3600)


def bounds(field: str) -> tuple[float | None, float | None]:
    """(minimum, maximum) of a form field, as schema.PARAMETERS declares the parameter (by its
    Params/WhatIf field); ``bonus`` reads the bonos sheet's bono_mensual column. The time
    limit is further capped at :data:`APP_TIME_LIMIT_MAX`."""
    if field == "bonus":
        column = SHEET_BY_KEY["bonos"].column("bono_mensual")
        return column.minimum, column.maximum
    p = PARAMETER_BY_FIELD[field]
    if field == "time_limit":
        return p.minimum, min(p.maximum, APP_TIME_LIMIT_MAX)
    return p.minimum, p.maximum


class FormError(ValueError):
    """A form value the app must refuse (message key of planner/core/words.py)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class FormValues:
    """Everything the what-if form asks; the defaults are the scenario's own values."""

    budget: float
    target: int
    first_doctor_weight: float
    families_weight: float
    time_limit: float
    bonus: dict[tuple[str, int], float] = field(default_factory=dict)
    supply: dict[str, int] = field(default_factory=dict)
    states: tuple[int, ...] = ()
    equity_floor: float = 0.0  # α ∈ [0, 1], cobertura_minima_entidad
    one_doctor_per_centre: bool = False  # minimo_un_medico_por_centro
    bonus_mode: str = "fijo"  # modo_bono: fijo | por_hospital
    budget_basis: str = "esperado"  # presupuesto_bono_base: esperado | garantizado
    assignment_mode: str = "por_oferta"  # modo_asignacion: por_oferta | optimo | estable
    nurse_target: int = 2  # meta_enfermeras_por_centro (asked only when there are nurses)


def form_defaults(scenario: Scenario) -> FormValues:
    """The form filled with ``scenario`` as it is (every state included)."""
    p = scenario.params
    bonus = {key: _bonus(scenario, key) for key in BONUS_KEYS}
    supply = {str(k): int(v) for k, v in scenario.supply_by_category().items()}
    return FormValues(budget=float(p.budget), target=int(p.target),
                      first_doctor_weight=float(p.first_doctor_weight),
                      families_weight=float(p.families_weight), time_limit=float(p.time_limit),
                      bonus=bonus, supply=supply, states=tuple(state_names(scenario)),
                      equity_floor=float(p.equity_floor),
                      one_doctor_per_centre=bool(p.one_doctor_per_centre),
                      bonus_mode=p.bonus_mode, budget_basis=p.budget_basis,
                      assignment_mode=p.assignment_mode, nurse_target=int(p.nurse_target))


# The model's modes the form offers (issue 15): parameter field -> its choices, in the order shown
MODES: dict[str, tuple[str, ...]] = {"bonus_mode": BONUS_MODES, "budget_basis": BUDGET_BASES,
                                     "assignment_mode": ASSIGNMENT_MODES}


def mode_block(scenario: Scenario, field: str) -> str | None:
    """Why the form cannot change mode ``field`` on ``scenario`` (a words.py key), or None when
    it can: the bonus chosen per hospital needs bonus levels (``niveles_bono``), the budget basis
    needs acceptance curves (``aceptacion``: without them every offer is accepted and both bases
    are the same), an assignment other than by supply needs the ``candidatos`` list. A workbook
    that already sets a mode keeps it changeable (back to the default)."""
    if field == "bonus_mode":
        ok = scenario.bonus_levels is not None or scenario.params.bonus_mode != "fijo"
        return None if ok else "wi_mode_no_levels"
    if field == "budget_basis":
        ok = scenario.acceptance is not None or scenario.params.budget_basis != "esperado"
        return None if ok else "wi_mode_no_acceptance"
    if field == "assignment_mode":
        listed = scenario.candidates is not None and not scenario.candidates.empty
        return None if listed else "wi_mode_no_list"
    raise KeyError(field)


def state_names(scenario: Scenario) -> dict[int, str]:
    """State code → name of the states in ``scenario``, by code."""
    pairs = scenario.units[["state_code", "state"]].drop_duplicates("state_code")
    return {int(c): str(n) for c, n in sorted(zip(pairs["state_code"], pairs["state"],
                                                          strict=True))}


def _bonus(scenario: Scenario, key: tuple[str, int]) -> float:
    try:
        return float(scenario.bonuses.loc[key, "bonus"])
    except KeyError:
        return 0.0


def build_what_if(scenario: Scenario, values: FormValues) -> WhatIf:
    """The ``WhatIf`` holding only what differs from ``scenario``; empty when nothing changed.

    Raises
    ------
    FormError
        ``no_states`` when no state is selected.
    """
    if not values.states:
        raise FormError("no_states")
    base = form_defaults(scenario)

    def changed(name: str) -> float | None:
        new, old = getattr(values, name), getattr(base, name)
        return None if new == old else new

    bonus = {k: float(v) for k, v in values.bonus.items() if float(v) != base.bonus.get(k)}
    supply = {k: int(v) for k, v in values.supply.items() if int(v) != base.supply.get(k)}
    states = None if set(values.states) == set(base.states) else tuple(sorted(values.states))
    target = changed("target")
    nurse_target = changed("nurse_target")
    # the form shows α in whole percent: a workbook α of 0.333 shown as 33 % is not a change
    alpha = min(1.0, max(0.0, float(values.equity_floor)))
    alpha = None if abs(alpha - base.equity_floor) < ALPHA_STEP / 2 else alpha
    minimum = changed("one_doctor_per_centre")
    modes = {name: changed(name) for name in MODES}
    return WhatIf(**modes, budget=changed("budget"), target=None if target is None else int(target),
                  nurse_target=None if nurse_target is None else int(nurse_target),
                  first_doctor_weight=changed("first_doctor_weight"),
                  families_weight=changed("families_weight"),
                  time_limit=changed("time_limit"), bonus=bonus, supply=supply, states=states,
                  equity_floor=alpha,
                  one_doctor_per_centre=None if minimum is None else bool(minimum))


def what_if_key(what_if: WhatIf | None) -> str:
    """A stable text key of a what-if (WhatIf holds dicts, so it cannot key a dict itself)."""
    w = what_if or WhatIf()
    parts = [f"{n}={getattr(w, n)!r}" for n in ("budget", "target", "nurse_target",
                                                 "first_doctor_weight",
                                                 "families_weight", "time_limit", "mip_gap",
                                                 "equity_floor", "one_doctor_per_centre",
                                                 "states", *MODES)]
    parts.append("bonus=" + repr(sorted(w.bonus.items())))
    parts.append("supply=" + repr(sorted(w.supply.items())))
    return ";".join(parts)

