"""Marginal values in planner terms: what one more candidate or one more million pesos buys.

The LP relaxation gives a marginal value (dual) for each category's supply row and for the
monthly bonus budget (``Plan.marginal``). Here they become weighted need covered per extra
candidate of each category and per extra million MXN per month, with the right-hand-side range
over which the relaxation's rate holds, and — when asked — the integer model re-solved with the
extra candidate or million so the planner sees the real integer gain next to the LP value (the
re-solves run in :func:`planner.pipeline.confirm_marginals`; this module never solves).

Two facts make the comparison honest. The LP value is concave in each right-hand side, and any
optimal dual ``π`` is a supergradient: ``LP(b + Δ) ≤ LP(b) + π·Δ``. Hence

* the integer gain of a step Δ is at most ``π·Δ + (LP bound − integer objective)``, so with a
  plan at the LP bound a zero dual *proves* that the step gains nothing (no re-solve needed);
* the rate ``π`` is exact only inside the ranging interval (``valid_up``); a budget dual is a
  rate per peso and a million pesos usually leaves that interval — then only the re-solve tells.
"""

from __future__ import annotations

import math

import pandas as pd
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from planner.core.plan import Plan, Status
from planner.core.result import Result
from planner.core.scenario import WhatIf
from planner.core.text import normalize_key
from planner.core.words import pair, t
from planner.io.xlsx import DEC, INT, write_table

MILLION = 1_000_000.0
MAX_RESOLVES = 8  # integer re-solves per table (the budget's included), highest LP values first
MAX_SECONDS = 60.0  # stop confirming once the re-solves have taken this long
REL_TOL = 0.05  # LP value and integer gain 'differ materially' beyond 5 % ...
ABS_TOL = 1e-6  # ... and beyond this absolute amount

# Internal columns of :func:`marginal_values`, in order; labels: the mv_col_* keys.
COLUMNS: dict[str, tuple[str, str]] = {k: pair(f"mv_col_{k}") for k in (
    "resource", "category", "available", "used", "step", "dual", "lp_value", "valid_up", "rate_holds", "lp_step_gain", "integer_gain", "check", "differs", "sentence")}

SHEET_FORMATS = {"available": INT, "used": INT, "dual": "#,##0.000######", "lp_value": DEC,
                 "valid_up": "#,##0.##", "lp_step_gain": DEC, "integer_gain": DEC}

CHECK_WORDS = {k: pair(f"mv_check_{k}") for k in (
    "confirmed", "differs", "proven_zero", "not_checked", "uncertain", "failed")}

# One more doctor of each default category, as a planner says it (noun_* keys).
DOCTOR_NOUNS: dict[str, tuple[str, str]] = {
    normalize_key(k): pair("noun_" + normalize_key(k)) for k in (
        "Medicina general",
        "Cirugía general",
        "Anestesiología",
        "Medicina interna",
        "Pediatría",
        "Ginecología y obstetricia",
        "Urgencias",
        "Neonatología",
        "Traumatología y ortopedia",
        "Psiquiatría",
        "Medicina crítica",
        "Imagenología",
        "Dermatología",
        "Oftalmología",
        "Cardiología",
        "Anatomía patológica",
    )}


def marginal_values(result: Result, confirm: bool = True, lang: str = "es") -> pd.DataFrame:
    """Marginal values of ``result`` in planner terms, one row per supply row and the budget.

    Parameters
    ----------
    result
        A solved scenario whose plan carries the LP relaxation's marginal values.
    confirm
        Show the integer re-solves ``result`` carries (``Result.marginals``, filled by
        :func:`planner.pipeline.confirm_marginals`: +1 candidate of each category with a
        non-zero LP value, or whose LP and integer use of candidates disagree, and +1 million
        MXN per month, highest LP value first). Nothing is solved here.
    lang
        Language of the ``resource`` and ``sentence`` columns (``es`` or ``en``).

    Returns
    -------
    pandas.DataFrame
        Columns of :data:`COLUMNS` (English names): ``dual`` is the LP value per candidate or
        per peso; ``lp_value`` the LP value of one step (1 candidate, or 1 million MXN/month at
        the per-peso rate); ``valid_up`` the right-hand side up to which that rate holds;
        ``lp_step_gain`` the LP's own gain for the whole step; ``integer_gain`` the integer
        plan's gain (NaN when not re-solved); ``check`` one of :data:`CHECK_WORDS`;
        ``differs`` whether relaxation and integer plan disagree materially. Empty when the
        plan has no marginal values (no solution, or the relaxation was not solved).
    """
    rows = lp_rows(result)
    if not rows:
        return pd.DataFrame(columns=list(COLUMNS))
    if confirm and result.marginals is not None:
        rows = [dict(r) for r in result.marginals]
    for row in rows:
        row["sentence"] = _sentence(row, lang)
        row["resource"] = _resource(row, lang)
    return pd.DataFrame(rows)[list(COLUMNS)]


def lp_rows(result: Result) -> list[dict]:
    """The marginal-value rows of the LP relaxation, before any integer re-solve."""
    plan = result.plan
    marginal = plan.marginal
    if marginal is None or marginal.empty or not plan.status.has_solution:
        return []
    at_bound = (plan.lp_bound is not None and plan.objective is not None
                and plan.objective >= plan.lp_bound - 1e-6 * max(1.0, abs(plan.lp_bound)))
    min_cost = _cheapest_bonus(plan.placements)
    return [_row(rec, at_bound, min_cost) for rec in marginal.to_dict("records")]


def marginal_table(result: Result, confirm: bool = True, lang: str = "es") -> pd.DataFrame:
    """:func:`marginal_values` for people: columns and words in ``lang``, one sentence per row.

    This is the table of the result workbook's ``sensibilidad`` sheet and of the app.
    """
    df = marginal_values(result, confirm, lang)
    j = 0 if lang == "es" else 1
    out = df.copy()
    out["step"] = [_step_words(k, lang) for k in df["step"]]
    out["check"] = [CHECK_WORDS[c][j] for c in df["check"]]
    words = {True: t("word_yes", lang), False: t("word_no", lang), None: t("word_unknown", lang)}
    for col in ("rate_holds", "differs"):
        out[col] = [words[None if v is None else bool(v)] for v in df[col]]
    out["valid_up"] = out["valid_up"].astype(float).replace([math.inf, -math.inf], math.nan)
    return out.rename(columns={k: v[j] for k, v in COLUMNS.items()})


def write_sensitivity_sheet(wb: Workbook, result: Result, lang: str = "es",
                            confirm: bool = True) -> Worksheet:
    """The result workbook's ``sensibilidad`` sheet: :func:`marginal_table` and a note.

    A blank ``tasa_valida_hasta`` means the rate holds for any increase (a zero value).
    """
    table = marginal_table(result, confirm=confirm, lang=lang)
    j = 0 if lang == "es" else 1
    formats = {COLUMNS[k][j]: f for k, f in SHEET_FORMATS.items()}
    widths = {COLUMNS["sentence"][j]: 100, COLUMNS["resource"][j]: 36}
    ws = write_table(wb, "sensibilidad", table, formats, widths, wrap=[COLUMNS["sentence"][j]])
    ws.append([])
    ws.append([t("mv_note", lang, max_resolves=MAX_RESOLVES) if len(table)
               else t("mv_none", lang)])
    return ws


# --- rows -------------------------------------------------------------------------------------

def _row(rec: dict, at_bound: bool, min_cost: float) -> dict:
    """One marginal-value row before any re-solve."""
    kind = str(rec["kind"])
    step = 1.0 if kind == "supply" else MILLION
    dual = float(rec["value"])
    rhs = float(rec["rhs"])
    used = float(rec.get("used", math.nan))
    valid_up = float(rec.get("valid_up", math.nan))
    # Does the LP rate hold for the whole step? None when the solver gave no ranging.
    rate_holds = (True if dual == 0.0 else None if math.isnan(valid_up)
                  else bool(valid_up >= rhs + step - 1e-9))
    slack = rhs - used
    # Slack the integer plan leaves: a whole candidate, or enough budget for one more bonus.
    leaves_slack = slack >= (1.0 - 1e-9 if kind == "supply" else max(min_cost, 1.0))
    row = {
        "kind": kind, "category": str(rec["key"]) if kind == "supply" else None,
        "available": rhs, "used": used, "step": kind, "dual": dual, "lp_value": dual * step,
        "valid_up": valid_up, "rate_holds": rate_holds,
        "lp_step_gain": dual * step if rate_holds else math.nan,
        "integer_gain": math.nan, "check": "not_checked",
        # Before a re-solve: the LP prices a resource the integer plan leaves over.
        "differs": bool(dual > 0.0 and leaves_slack), "slack": slack,
    }
    if dual == 0.0 and at_bound:
        row.update(integer_gain=0.0, lp_step_gain=0.0, check="proven_zero")
    return row


def _cheapest_bonus(placements: pd.DataFrame) -> float:
    """The smallest positive monthly bonus of any placement (the price of one more doctor)."""
    if "cost" not in placements or placements.empty:
        return 0.0
    cost = placements["cost"][placements["cost"] > 0]
    return float(cost.min()) if len(cost) else 0.0


def confirmation_steps(result: Result, rows: list[dict]) -> list[tuple[dict, WhatIf | None,
                                                                          bool]]:
    """The rows worth re-solving, in order: (row, what-if one step up, re-solve the LP too).

    The budget first (one re-solve answers 'one more million'), then by LP value; the what-if
    is None for a category the scenario has no supply row for (nothing to re-solve). The LP is
    re-solved too only where ranging does not already give the step's LP gain.
    """
    todo = [r for r in rows if r["check"] == "not_checked" and (r["dual"] > 0 or r["differs"])]
    todo.sort(key=lambda r: (r["kind"] != "budget", -r["lp_value"]))
    scenario = result.scenario
    supply = scenario.supply_by_category()
    steps: list[tuple[dict, WhatIf | None, bool]] = []
    for row in todo:
        if row["kind"] == "budget":
            what_if = WhatIf(budget=float(scenario.params.budget) + MILLION)
        elif row["category"] in supply.index:
            what_if = WhatIf(supply={row["category"]: int(supply[row["category"]]) + 1})
        else:
            what_if = None
        steps.append((row, what_if, row["rate_holds"] is not True))
    return steps


def record_confirmation(row: dict, plan: Plan, again: Plan, with_lp: bool) -> None:
    """Write the integer re-solve ``again`` (one step up from ``plan``) into ``row``."""
    if not again.status.has_solution or again.objective is None:
        row["check"] = "failed"
        return
    row["integer_gain"] = float(again.objective) - float(plan.objective)
    if with_lp and again.lp_bound is not None and plan.lp_bound is not None:
        row["lp_step_gain"] = float(again.lp_bound) - float(plan.lp_bound)
        # Measured: ranging of a degenerate LP can understate how far the rate holds.
        row["rate_holds"] = abs(row["lp_step_gain"] - row["lp_value"]) <= 1e-6 * max(
            1.0, abs(row["lp_value"]))
    exact = again.status is Status.OPTIMAL and plan.status is Status.OPTIMAL
    row["differs"] = _differ(row["lp_value"], row["integer_gain"])
    row["check"] = ("uncertain" if not exact else
                    "differs" if row["differs"] else "confirmed")


def _differ(lp_value: float, gain: float) -> bool:
    """Whether an LP value and an integer gain disagree materially."""
    return abs(gain - lp_value) > REL_TOL * max(abs(lp_value), abs(gain)) + ABS_TOL


# --- words ------------------------------------------------------------------------------------

def _subject(row: dict, lang: str) -> str:
    j = 0 if lang == "es" else 1
    if row["kind"] == "budget":
        return t("mv_subject_budget", lang)
    noun = DOCTOR_NOUNS.get(normalize_key(row["category"]))
    return noun[j] if noun else t("mv_subject_supply", lang, category=row["category"])


def _resource(row: dict, lang: str) -> str:
    if row["kind"] == "budget":
        return t("mv_resource_budget", lang)
    return t("mv_resource_supply", lang, category=row["category"])


def _step_words(kind: str, lang: str) -> str:
    return t("mv_step_budget" if kind == "budget" else "mv_step_supply", lang)


def _sentence(row: dict, lang: str) -> str:
    """One sentence: the LP value, how far its rate holds, and the integer check."""
    subject = _subject(row, lang)
    gain = row["integer_gain"]
    check = row["check"]
    if row["dual"] == 0.0:
        if check == "proven_zero":
            return t("mv_zero_proven", lang, subject=subject)
        if not math.isnan(gain) and gain > ABS_TOL:
            lower = subject[0].lower() + subject[1:]
            return t("mv_zero_but_integer", lang, subject_lower=lower, gain=_fmt(gain))
        if row["slack"] > 0:
            return t("mv_zero_slack", lang, subject=subject,
                     slack=_amount(row, row["slack"]), available=_amount(row, row["available"]))
        return t("mv_zero", lang, subject=subject)
    text = t("mv_gain", lang, subject=subject, lp=_fmt(row["lp_value"]))
    if check == "confirmed":
        text += t("mv_confirmed", lang, gain=_fmt(gain))
    elif check in ("differs", "uncertain"):
        text += t("mv_differs", lang, gain=_fmt(gain))
        if check == "uncertain":
            text += t("mv_uncertain", lang)
    elif check == "failed":
        text += t("mv_failed", lang)
    else:
        text += t("mv_unchecked", lang)
    holds = row["rate_holds"]
    if holds is None and row["kind"] == "budget":
        text += t("mv_rate_budget_unknown", lang, rate=f"{row['dual']:.6g}")
    elif holds is False and row["kind"] == "budget":
        text += t("mv_rate_budget", lang, rate=f"{row['dual']:.6g}",
                  valid=_amount(row, row["valid_up"] - row["available"]))
    elif holds is False:
        text += t("mv_rate_supply", lang, valid=_amount(row, row["valid_up"] - row["available"]))
    return text


def _amount(row: dict, value: float) -> str:
    """An amount of the row's resource: pesos or candidates."""
    if row["kind"] == "budget":
        return f"${value:,.0f}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _fmt(x: float) -> str:
    return f"{x:,.1f}" if abs(x) >= 0.05 or x == 0 else f"{x:,.3g}"
