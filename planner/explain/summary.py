"""The statements of a plan's summary (issue 21), in the order a planner asks: what the plan
achieves, what it costs, how it compares with 2024 at equal money, then the plan's own counts
(every offer accepted). The app's first screen, ``planner solve``'s report and the result
book's ``resumen`` all render these; none of them computes a figure of its own.

Built from a finished :class:`~planner.core.result.Result` (its indicators and, when the
scenario has acceptance data, its acceptance report); nothing is solved here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.core.schema import GENERAL, NURSING
from planner.explain.statement import Interval, Number, Section, Statement, Words

if TYPE_CHECKING:
    from planner.core.result import Result

DOC = "docs/MODELO.md"
PARTS = ("achieves", "costs", "compare", "plan", "nurses")


def report_of(result: Result | None):
    """The acceptance report (expected figures, simulation) of ``result``, or None."""
    report = getattr(result, "acceptance", None) if result is not None else None
    return report if getattr(report, "headline", None) is not None else None


def summary(result: Result, base: Result | None = None) -> tuple[Section, ...]:
    """The summary's sections; a what-if's ``base`` gives each comparable figure its
    baseline. Sections without statements are left out."""
    report = report_of(result)
    before = report_of(base)
    sections = []
    if report is not None:
        sections += [Section("achieves", tuple(achieves(result, report, before))),
                     Section("costs", tuple(costs(result, report, before))),
                     Section("compare", tuple(compare(report)))]
    sections.append(Section("plan", tuple(plan_counts(result, base))))
    sections.append(Section("nurses", tuple(nurse_counts(result))))
    return tuple(s for s in sections if s.statements)


def statements(result: Result, base: Result | None = None) -> list[Statement]:
    """Every statement of :func:`summary`, in order."""
    return [s for sec in summary(result, base) for s in sec.statements]


# --- the acceptance parts -----------------------------------------------------------------------

def _draws(report) -> Words:
    return Words("ex_over_draws", {"draws": Number(report.draws, "count")})


def _sim_interval(report, lo: float, hi: float, unit: str) -> Interval | None:
    return Interval(Number(lo, unit), Number(hi, unit), _draws(report)) if report.draws else None


def _curves_note(report) -> Words:
    return Words("ex_note_curves")


def achieves(result: Result, report, before) -> list[Statement]:
    """Expected weighted need (P10–P90 across curve sets when drawn), posts expected to be
    filled (P10–P90 of the acceptance draws, of the offers) and centres expected at target."""
    h = report.headline
    b = before.headline if before is not None else None
    need_interval = _curves_interval(h, "curves_need", "need")
    out = [Statement(
        "expected_need", "achieves", "fs_need", Number(h["expected_need"], "need"), "estimado",
        _curves_note(report), "up", interval=need_interval,
        context=Words("ex_ctx_need", {"hand": Number(h["hand_expected_need"], "need")}),
        help=Words("fs_need_help", {"doc": DOC}),
        baseline=None if b is None else float(b["expected_need"]))]
    lo = h.get("filled_p10", h["expected_filled"])
    hi = h.get("filled_p90", h["expected_filled"])
    offers = float(h["offers"])
    out.append(Statement(
        "expected_filled", "achieves", "fs_expected", Number(h["expected_filled"], "posts"),
        "estimado", _curves_note(report), "up", of=Number(offers, "posts"), of_what="n_offers",
        interval=_curves_interval(h, "curves_filled", "posts")
        or (_sim_interval(report, lo, hi, "posts") if "filled_p10" in h else None),
        help=Words("fs_expected_help", {"draws": Number(report.draws, "count"),
                                        "seed": report.seed, "doc": DOC}),
        baseline=None if b is None else float(b["expected_filled"])))
    sim = _national(report, "centres_at_target")
    if sim is not None and result.indicators is not None:
        ind = result.indicators.headline
        out.append(Statement(
            "expected_at_target", "achieves", "ex_at_target_expected",
            Number(sim["mean"], "count"), "estimado", _curves_note(report), "up",
            of=Number(ind["centres"], "count"), of_what="n_centres",
            interval=_sim_interval(report, sim["p10"], sim["p90"], "count"),
            context=Words("ex_ctx_at_target_expected",
                          {"all": Number(ind["centres_at_target_after"], "count")}),
            baseline=_baseline_national(before, "centres_at_target")))
    return out


def _curves_interval(h: dict, prefix: str, unit: str) -> Interval | None:
    """The P10–P90 across curve sets drawn from their standard errors and, inside each, the
    acceptance draws (issue 22 item 2): the honest interval when curves were drawn."""
    if "curve_sets" not in h:
        return None
    return Interval(Number(h[f"{prefix}_p10"], unit), Number(h[f"{prefix}_p90"], unit),
                    Words("ex_over_curves", {"sets": Number(h["curve_sets"], "count")}))


def _national(report, metric: str, plan: str = "plan") -> dict | None:
    nat = getattr(report, "national", None)
    if nat is None or not len(nat):
        return None
    rows = nat[(nat["metric"] == metric) & (nat["plan"] == plan)]
    return None if rows.empty else rows.iloc[0].to_dict()


def _baseline_national(before, metric: str) -> float | None:
    row = _national(before, metric) if before is not None else None
    return None if row is None else float(row["mean"])


def costs(result: Result, report, before) -> list[Statement]:
    """The expected bonus bill (of the budget; P10–P90 when simulated) and the probability
    that the bill exceeds the budget."""
    h, bill = report.headline, report.bill
    b = before.headline if before is not None else None
    budget = float(bill["budget"]) if bill else float(result.scenario.params.budget)
    paid = _national(report, "bonus_paid")
    out = [Statement(
        "expected_bonus", "costs", "fs_bill", Number(h["expected_bonus"], "mxn"), "estimado",
        _curves_note(report), "none", of=Number(budget, "mxn"), of_what="n_budget_month",
        interval=None if paid is None else _sim_interval(report, paid["p10"], paid["p90"], "mxn"),
        context=Words("ex_ctx_bill", {"all": Number(bill["all_accept"], "mxn")}) if bill else None,
        help=Words("fs_bill_help", {"doc": DOC}),
        baseline=None if b is None else float(b["expected_bonus"]))]
    if bill:
        was = before.bill if before is not None else None
        exact = bill["overrun_how"] == "exacta"
        out.append(Statement(
            "overrun_probability", "costs", "fs_overrun", Number(bill["overrun_p"], "prob"),
            "estimado", Words("ex_note_exact") if exact else _draws(report), "down",
            context=Words("ex_ctx_overrun", {"risk": Number(
                min(max(float(bill["budget_risk"]), 0.0), 1.0), "prob")}),
            help=Words("fs_overrun_help", {
                "how": Words("risk_how_exact") if exact else Words(
                    "risk_how_sim", {"draws": Number(bill["overrun_draws"], "count")}),
                "doc": DOC}),
            baseline=float(was["overrun_p"]) if was else None))
    return out


def compare(report) -> list[Statement]:
    """The plan against 2024 on weighted need (the plan's goal): at the 2024 policy's expected
    money when that re-solve ran (the same-budget figure in its context), else against the
    uniform 2024 bonus at the same budget. One card: the two answer the same question."""
    h = report.headline
    uniform_need = float(h["expected_need"]) - float(h["hand_expected_need"])
    gain = float(h["expected_filled"]) - float(h["hand_expected_filled"])
    budget = float(report.bill["budget"]) if report.bill else None
    fair = report.fair
    if fair and fair["expected"]["solved"]:
        e, g = fair["expected"], fair["guaranteed"]
        guaranteed = Words("fs_fair_guaranteed", {
            "money": Number(g["money"], "mxn"),
            "need": Number(g["gain_need"], "need", signed=True)}) if g["solved"] else ""
        spends = Words("fs_fair_underspends" if fair["hand_underspends"] else "fs_fair_spends",
                       {"hand": Number(fair["hand_expected_bonus"], "mxn"),
                        "budget": Number(fair["budget"], "mxn")})
        return [Statement(
            "gain_need_2024_same_money", "compare", "fs_fair",
            Number(e["gain_need"], "need", signed=True), "estimado", Words("ex_note_curves"),
            "up", against=Words("ex_against_fair", {"money": Number(e["money"], "mxn")}),
            context=Words("ex_ctx_fair", {
                "n": Number(e["gain_filled"], "posts", signed=True),
                "uniform": Number(uniform_need, "need", signed=True),
                "guaranteed": guaranteed, "spends": spends}),
            help=Words("fs_fair_help"))]
    glo, ghi = h.get("gain_p10", gain), h.get("gain_p90", gain)
    interval = None
    if "gain_p10" in h and report.draws:
        interval = Interval(Number(glo, "posts", signed=True), Number(ghi, "posts", signed=True),
                            _draws(report))
    return [Statement(
        "gain_need_uniform_2024", "compare", "fs_gain",
        Number(uniform_need, "need", signed=True), "estimado", Words("ex_note_curves"), "up",
        against=Words("ex_against_uniform", {"money": Number(budget or 0.0, "mxn")}),
        interval=interval,
        context=Words("ex_ctx_gain", {"n": Number(gain, "posts", signed=True)}),
        help=Words("fs_gain_help"))]


# --- the plan's own counts ----------------------------------------------------------------------

# key, label, unit, which way is better (the app's headline cards)
PLAN = (("at_target", "m_at_target", "count", "up"),
        ("no_doctor", "m_no_doctor", "count", "down"),
        ("spec_placed", "m_spec_placed", "count", "up"),
        ("filled", "m_filled", "count", "up"),
        ("bonus_month", "m_bonus_month", "mxn", "none"),
        ("bonus_year", "m_bonus_year", "mxn", "none"),
        ("unplaced", "m_unplaced", "count", "down"),
        ("objective", "m_objective", "need", "up"))


def plan_values(result: Result) -> dict[str, float]:
    """The plan's counts by :data:`PLAN` key, with their denominators."""
    h = result.indicators.headline
    by_cat = result.indicators.by_category
    gp_gap = int(by_cat.loc[by_cat["kind"] == GENERAL, "gap"].sum())
    return {"at_target": h["centres_at_target_after"], "no_doctor": h["centres_no_doctor_after"],
            "spec_placed": h["spec_placed"], "filled": h["gp_placed"] + h["spec_placed"],
            "bonus_month": h["bonus_month"], "bonus_year": h["bonus_year"],
            "unplaced": h["unplaced"], "objective": h["objective"],
            "centres": h["centres"], "vacancies": gp_gap + h["spec_gap"],
            "spec_gap": h["spec_gap"], "budget_month": h["budget_month"],
            "budget_year": 12 * h["budget_month"],
            "candidates": float(by_cat["candidates"].sum())}


def expected_money(result: Result) -> bool:
    """Whether the plan's bonus and objective are expectations (acceptance curves on and the
    budget on the expected basis), not the bill and need if every offer is accepted."""
    return report_of(result) is not None and \
        result.scenario.params.budget_basis == "esperado"


def plan_counts(result: Result, base: Result | None = None) -> list[Statement]:
    """The app's headline figures: counts of the plan if every offer is accepted (an
    assumption, said so), pesos and need as expected where the budget is on that basis."""
    if result.indicators is None:
        return []
    v = plan_values(result)
    h = result.indicators.headline
    b = plan_values(base) if base is not None and getattr(base, "solved", False) and \
        base.indicators is not None else None
    off = misleading(result, base)
    expected = expected_money(result)
    all_accept = Words("ex_note_all_accept")
    hand = getattr(result, "hand_indicators", None)
    of = {"at_target": ("centres", "n_centres"), "spec_placed": ("spec_gap", "n_vacancies"),
          "filled": ("vacancies", "n_vacancies"), "bonus_month": ("budget_month", "n_budget_month"),
          "bonus_year": ("budget_year", "n_budget_year"),
          "unplaced": ("candidates", "n_candidates")}
    context = {
        "at_target": Words("ex_ctx_target", {
            "target": int(result.scenario.params.target),
            "today": Number(h["centres_at_target_before"], "count")}),
        "no_doctor": Words("ex_ctx_today", {"today": Number(h["centres_no_doctor_before"],
                                                            "count")}),
        "spec_placed": Words("ex_ctx_spec", {"bonus": Number(h["spec_placed_bonus_units"],
                                                             "count")}),
        "objective": Words("ex_ctx_hand", {"hand": Number(hand.headline["objective"], "need")})
        if hand is not None else None,
    }
    helps = {
        "at_target": {"target": int(result.scenario.params.target),
                      "today": Number(h["centres_at_target_before"], "count"),
                      "total": Number(h["centres"], "count")},
        "no_doctor": {"today": Number(h["centres_no_doctor_before"], "count")},
        "spec_placed": {"total": Number(h["spec_candidates"], "count")},
        "filled": {"total": Number(v["vacancies"], "count"),
                   "share": Number(v["filled"] / v["vacancies"] if v["vacancies"] else 0, "share")},
        "bonus_month": {"budget": Number(v["budget_month"], "mxn"),
                        "share": Number(h["budget_used"], "share")},
        "bonus_year": {"budget": Number(12 * v["budget_month"], "mxn")},
    }
    out = []
    for key, label, unit, better in PLAN:
        money = key in ("bonus_month", "bonus_year", "objective")
        basis, note = ("estimado", Words("ex_note_curves")) if money and expected else \
            ("supuesto", all_accept)
        den = of.get(key)
        denom = None if den is None else Number(v[den[0]], "mxn" if unit == "mxn" else "count")
        out.append(Statement(
            key, "plan", label, Number(v[key], unit), basis, note, better, of=denom,
            of_what=None if den is None else den[1], context=context.get(key),
            help=Words(f"{label}_help", helps.get(key, {})),
            baseline=None if b is None or key in off else float(b[key])))
    return out


def nurse_counts(result: Result) -> list[Statement]:
    """Nurses placed (of the nursing vacancies) and centres at the nurse target (of every
    centre), if every offer is accepted; none without a nursing category."""
    if result.indicators is None or "nurse_placed" not in result.indicators.headline:
        return []
    h = result.indicators.headline
    note = Words("ex_note_all_accept")
    return [
        Statement("nurse_placed", "nurses", "sum_nurses_placed",
                  Number(h["nurse_placed"], "count"), "supuesto", note, "up",
                  of=Number(h["nurse_gap"], "count"), of_what="n_vacancies",
                  context=Words("ex_ctx_nurse_candidates",
                                {"n": Number(h["nurse_candidates"], "count")})),
        Statement("nurse_at_target", "nurses", "sum_centres_at_the_nurse_target",
                  Number(h["centres_nurse_target_after"], "count"), "supuesto", note, "up",
                  of=Number(h["centres"], "count"), of_what="n_centres",
                  context=Words("ex_ctx_target_nurses", {
                      "target": int(result.scenario.params.nurse_target),
                      "today": Number(h["centres_nurse_target_before"], "count")})),
    ]


def misleading(result: Result, base: Result | None) -> dict[str, str]:
    """Plan keys whose delta against ``base`` would mislead → why: other states (every count
    is over other units; pesos alone still compare), another target (it moves the goal
    "centres at target" counts against and the need the objective weighs), other weights or
    another nurse target (they re-weigh the need)."""
    if base is None or not getattr(base, "solved", False):
        return {}
    p, q = result.scenario.params, base.scenario.params
    out: dict[str, str] = {}
    if set(result.scenario.units["state_code"]) != set(base.scenario.units["state_code"]):
        for key, _, _, _ in PLAN:
            if key not in ("bonus_month", "bonus_year"):
                out[key] = "states"
    if int(p.target) != int(q.target):
        for key in ("at_target", "objective"):
            out.setdefault(key, "target")
    if (float(p.first_doctor_weight) != float(q.first_doctor_weight)
            or float(p.families_weight) != float(q.families_weight)):
        out.setdefault("objective", "weights")
    if int(p.nurse_target) != int(q.nurse_target) and (
            result.scenario.categories["kind"] == NURSING).any():
        out.setdefault("objective", "nurse_target")
    return out

