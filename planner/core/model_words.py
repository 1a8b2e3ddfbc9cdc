"""The solver that really produced a plan, and the model's modes, in planner words.

``plan.solver`` records the *setting* a plan was solved under. Under ``"exact"`` only the count
model and the bonus levels of ``modo_bono = por_hospital`` go to the project's own exact paths
(models/exact.py, models/exact_levels.py; the latter writes ``"highs"`` in ``plan.solver`` when it
hands the program over); every other PuLP model built under that setting goes to HiGHS
(models/backend.make_solver): the ``optimo`` assignment of registered candidates, and the exact
path's whole-model fallback (its ``solver_status`` ends "(exact: HiGHS fallback)"). The ``estable``
assignment is deferred acceptance, no solver at all. The word is derived from ``plan.solver``
(and the plan's parameters), so a plan that already says ``"highs"`` reads HiGHS too.
"""

from __future__ import annotations

from planner.core.plan import Plan, Status
from planner.core.words import t

FALLBACK_MARK = "HiGHS fallback"  # models/solve._highs_fallback's solver_status suffix
KNOWN = ("exact", "highs", "cbc")


def solver_key(plan: Plan, params: object | None = None) -> str:
    """``exact``, ``highs``, ``cbc``, ``deferred`` (deferred acceptance), ``hand`` (the hand
    rule) or ``plan.solver`` itself when it is none of these.

    ``params`` (the plan's :class:`~planner.core.scenario.Params`, after the what-if) tells
    whether the exact setting handed the model to HiGHS.
    """
    solver = str(plan.solver)
    if solver.startswith("matching"):
        return "deferred"
    if solver == "regla_manual":
        return "hand"
    if solver != "exact":
        return solver
    handed = (FALLBACK_MARK in str(plan.solver_status)
              or getattr(params, "assignment_mode", "por_oferta") == "optimo")
    return "highs" if handed else "exact"


def solver_word(plan: Plan, params: object | None = None, lang: str = "es") -> str:
    """The solver of ``plan`` as a planner reads it ("optimizador exacto propio",
    "optimizador HiGHS", "optimizador CBC", "aceptación diferida (sin optimizador)")."""
    key = solver_key(plan, params)
    if key in (*KNOWN, "deferred", "hand"):
        return t(f"solver_word_{key}", lang)
    return t("solver_word_other", lang, name=key)


# field of Params/WhatIf -> the catalogue key of its option words ("{prefix}_{value}")
MODE_WORDS = {"bonus_mode": "wi_mode_bonus_mode", "budget_basis": "wi_mode_budget_basis",
              "assignment_mode": "candp_mode"}


def mode_word(field: str, value: str, lang: str = "es") -> str:
    """A mode's value as the planner reads it ("Elegido por hospital", "Óptimo (personas)")."""
    return t(f"{MODE_WORDS[field]}_{value}", lang)


def gap_words(plan: Plan, accepted: float, lang: str = "es") -> str:
    """For a ``feasible`` plan with a measured gap, the gap, which limit stopped the solver and
    what the gap means in the plan's own unit: at most ``lp_bound − objective`` points of weighted
    need below the best possible plan (" · brecha 0.0005%, dentro de la aceptada (0.0100%): a lo
    sumo 0.16 puntos …"); "" otherwise. ``accepted`` is the scenario's ``brecha_mip``."""
    if plan.status is not Status.FEASIBLE or plan.gap is None:
        return ""
    key = "status_gap_within" if plan.gap <= accepted * (1 + 1e-9) else "status_gap_time"
    if plan.lp_bound is not None and plan.objective is not None:
        points = max(0.0, float(plan.lp_bound) - float(plan.objective))
    else:  # a gap without its bound: the relative gap of the objective
        points = plan.gap * abs(float(plan.objective or 0.0))
    return t(key, lang, gap=f"{plan.gap:.4%}", accepted=f"{accepted:.4%}",
             points=f"{points:,.2f}")
