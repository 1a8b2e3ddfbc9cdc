"""The result workbook of DESIGN §4, formatted for people and written whole or not at all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font

from models import rules
from planner.analysis import rule_check
from planner.analysis.indicators import compare_by_state, rule_messages
from planner.core.model_words import MODE_WORDS, mode_word, solver_word
from planner.core.result import Result
from planner.core.scenario import PARAM_NAMES
from planner.core.words import MESSAGES, pair, t
from planner.explain import render as statement_render
from planner.explain.summary import summary
from planner.io.fast_xlsx import StreamedWorkbook
from planner.io.files import atomic_write
from planner.io.xlsx import DEC, INT, MXN, PCT, TITLE_FONT, guard, redact_cells, write_table
from planner.report import acceptance_book, robust_book
from planner.report.candidate_book import write_candidate_sheets

# Sheets are written under internal names and titled for planners (with accents) at the end.
SHEET_TITLES: dict[str, str] = {
    "resumen": "resumen", "por_entidad": "por entidad", "por_categoria": "por categoría",
    "asignaciones": "asignaciones", "unidades": "unidades", "sensibilidad": "sensibilidad",
    "parametros": "parámetros", "diagnostico": "diagnóstico",
    "bolsas_estatales": "bolsas estatales", "especialidades_ligadas": "especialidades ligadas",
    "piso_equidad": "piso de equidad", "simulacion": "simulación",
    "simulacion_nacional": "simulación nacional",
    "simulacion_entidades": "simulación por entidad", "candidatos": "candidatos",
    "plazas_candidatos": "plazas y candidatos", "plazas_sin_candidatos": "plazas sin candidatos",
    "resumen_candidatos": "resumen de candidatos", "robustez": "robustez",
    "robustez_juegos": "robustez por juego", "que_cambia": "qué cambia la decisión",
    "convocatoria": "convocatoria por fases"}
SHEETS = tuple(SHEET_TITLES[s] for s in (
    "resumen", "por_entidad", "por_categoria", "asignaciones", "unidades", "sensibilidad",
    "parametros", "diagnostico"))
# Written after 'unidades' only when the rule of DESIGN §2b they describe is on.
RULE_SHEETS = tuple(SHEET_TITLES[s] for s in (
    "bolsas_estatales", "especialidades_ligadas", "piso_equidad"))

# internal column -> number format; the (es, en) headers are the catalogue's bookh_* keys
_COLUMN_FORMATS: dict[str, str | None] = {
    "clues": None,
    "name": None,
    "kind": None,
    "state_code": None,
    "state": None,
    "municipality": None,
    "zone": None,
    "grade": None,
    "bonus_eligible": None,
    "families": INT,
    "category": None,
    "required": INT,
    "before": INT,
    "placed": INT,
    "after": INT,
    "bonus_month": MXN,
    "gp_required": INT,
    "gp_before": INT,
    "gp_placed": INT,
    "gp_after": INT,
    "spec_required": INT,
    "spec_before": INT,
    "spec_gap": INT,
    "spec_placed": INT,
    "spec_after": INT,
    "spec_gap_left": INT,
    "at_target_before": None,
    "at_target_after": None,
    "no_doctor_before": None,
    "no_doctor_after": None,
    "nurse_required": INT,
    "nurse_before": INT,
    "nurse_gap": INT,
    "nurse_placed": INT,
    "nurse_expected": DEC,
    "nurse_after": INT,
    "nurse_at_target_before": None,
    "nurse_at_target_after": None,
    "no_nurse_before": None,
    "no_nurse_after": None,
    "centres": INT,
    "hospitals": INT,
    "coverage_after": PCT,
    "candidates": INT,
    "gap": INT,
    "current": INT,
    "unplaced": INT,
    "gap_left": INT,
    "need_covered": DEC,
    "at_target_hand": INT,
    "at_target_diff": INT,
    "no_doctor_hand": INT,
    "no_doctor_diff": INT,
    "spec_placed_hand": INT,
    "spec_placed_diff": INT,
    "need_covered_hand": DEC,
    "need_covered_diff": DEC,
    "pool_candidates": INT,
    "pool_placed": INT,
    "national_received": INT,
    "pool_idle": INT,
    "pool": INT,
    "from_pool": INT,
    "from_national": INT,
    "idle": INT,
    "spec_held_back": INT,
    "requires": None,
    "held_back": INT,
    "reason": None,
    "floor": INT,
    "met": None,
    "floors_unmet": INT,
}
COLUMNS: dict[str, tuple[str, str, str | None]] = {
    c: (*pair(f"bookh_{c}"), fmt) for c, fmt in _COLUMN_FORMATS.items()}

# The workbook class the result book is built in: table bodies rendered in bulk on save
# (planner/io/fast_xlsx.py); openpyxl's plain Workbook gives the same workbook, cell by cell.
BOOK: type[Workbook] = StreamedWorkbook

REASON_WORDS = {k: pair(f"reason_{k}") for k in ("not_placed", "no_vacancy")}

KIND_WORDS = {k: pair("kind_word_" + k.replace(" ", "_"))
              for k in ("hospital", "centro de salud", "especialidad", "medicina general")}
KIND_WORDS["enfermería"] = pair("kind_word_nursing")


def _labels(df: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, dict[str, str]]:
    """Rename internal columns to the report language; return number formats by new name."""
    j = 0 if lang == "es" else 1
    renamed = {c: COLUMNS[c][j] for c in df.columns if c in COLUMNS}
    formats = {COLUMNS[c][j]: COLUMNS[c][2] for c in df.columns if c in COLUMNS and COLUMNS[c][2]}
    out = df.rename(columns=renamed)
    for c in out.columns:
        if out[c].dtype == bool:
            out[c] = out[c].map({True: "sí" if lang == "es" else "yes",
                                 False: "no"})
    kind_col = COLUMNS["kind"][j]
    if kind_col in out.columns and lang != "es":
        out[kind_col] = out[kind_col].map(lambda k: KIND_WORDS.get(k, (k, k))[1])
    return out, formats


# Which way the optimiser's advantage points on each summary row: +1 more is better, -1 less is
# better; rows not listed are no advantage: counts of units, bonus spent, budget, budget used,
# and the counts of people placed (and the gaps they leave), where fewer is not worse: the plan
# aims at weighted need and may place fewer doctors where they weigh more (issue 21: «Ventaja
# del optimizador −884» on specialists placed read as a loss).
ADVANTAGE_SIGN: dict[str, int] = {
    "centres_at_target_after": 1, "centres_no_doctor_after": -1,
    "objective": 1, "floors_unmet": -1, "spec_held_back": -1,
    "centres_nurse_target_after": 1, "centres_no_nurse_after": -1}


def advantage(key: str, plan: object, hand: object) -> float | int | None:
    """The optimiser's gain over the hand rule on one summary row, signed so that positive is
    better for the planner; None where a difference is no advantage (money spent, budget, unit
    counts) or a figure is missing. Never -0."""
    sign = ADVANTAGE_SIGN.get(key)
    if sign is None or not isinstance(plan, (int, float)) or not isinstance(hand, (int, float)):
        return None
    gain = sign * (plan - hand)
    if isinstance(gain, float):
        gain = round(gain, 6) + 0.0  # -1e-12 and -0.0 print as 0.00
    return gain


def summary_rows(result: Result, lang: str = "es") -> list[tuple[str, object, object, object,
                                                                str | None]]:
    """(indicator, before, plan, hand rule, format) rows of the headline summary."""
    return [r[:5] for r in _summary_rows(result, lang)]


def _summary_rows(result: Result, lang: str = "es") -> list[tuple]:
    """(indicator, before, plan, hand rule, format, headline key) rows."""
    h = result.indicators.headline
    m = result.hand_indicators.headline if result.hand_indicators else {}

    def row(label: str, before: object, key: str,
            fmt: str | None = INT) -> tuple[str, object, object, object, str | None, str]:
        return (t(label, lang), before, h.get(key), m.get(key), fmt, key)

    return [
        row("sum_health_centres", h["centres"], "centres"),
        row("sum_centres_at_the_gp_target",
            h["centres_at_target_before"], "centres_at_target_after"),
        row("sum_centres_with_no_gp", h["centres_no_doctor_before"],
            "centres_no_doctor_after"),
        row("sum_general_doctors_placed", 0, "gp_placed"),
        row("sum_hospitals", h["hospitals"], "hospitals"),
        row("sum_specialist_vacancies_left", h["spec_gap"],
            "spec_gap_left"),
        row("sum_specialists_placed", 0, "spec_placed"),
        row("sum_of_them_in_bonus_eligible_hospitals", 0,
            "spec_placed_bonus_units"),
    ] + _nurse_summary_rows(h, row) + [
        row("sum_candidates_left_unplaced",
            h["gp_candidates"] + h["spec_candidates"] + h.get("nurse_candidates", 0),
            "unplaced"),
        row("sum_monthly_bonus_committed_mxn", 0, "bonus_month",
            MXN),
        row("sum_yearly_bonus_committed_mxn", 0, "bonus_year", MXN),
        row("sum_monthly_bonus_budget_mxn",
            h["budget_month"], "budget_month", MXN),
        row("sum_budget_used", 0.0, "budget_used", PCT),
        row("sum_weighted_need_covered_objective", 0.0,
            "objective", DEC),
    ] + _rule_summary_rows(h, row)


def _nurse_summary_rows(h: dict, row) -> list[tuple]:
    """Summary rows of the nursing categories (none when the workbook has no nurses)."""
    if "nurse_placed" not in h:
        return []
    return [
        row("sum_centres_at_the_nurse_target", h["centres_nurse_target_before"],
            "centres_nurse_target_after"),
        row("sum_centres_with_no_nurse", h["centres_no_nurse_before"], "centres_no_nurse_after"),
        row("sum_nurse_vacancies", h["nurse_gap"], "nurse_gap_left"),
        row("sum_nurses_placed", 0, "nurse_placed"),
        row("sum_nurses_expected", 0.0, "nurse_expected", DEC),
    ]


def _rule_summary_rows(h: dict, row) -> list[tuple[str, object, object, object, str | None]]:
    """Summary rows of the active rules of DESIGN §2b (none when every rule is off)."""
    rows = []
    if "pool_candidates" in h:
        rows.append(row("sum_candidates_registered_in_a_state",
                        h["pool_candidates"], "pool_candidates"))
        rows.append(row("sum_registered_candidates_left_idle",
                        h["pool_candidates"], "pool_idle"))
        rows.append(row("sum_national_candidates_received_in_pooled_c", 0,
                        "national_received"))
    if "spec_held_back" in h:
        rows.append(row("sum_vacancies_held_back_by_linked_specialtie", None, "spec_held_back"))
    if "floors_unmet" in h:
        rows.append(row("sum_equity_floors_not_met_state_category", None, "floors_unmet"))
    return rows


def write_result_workbook(result: Result, path: str | Path, lang: str = "es",
                          protect: Iterable[str | Path] = (),
                          confirm_marginals: bool = False) -> Path:
    """Write the formatted result workbook to ``path`` atomically; never over ``protect``.

    With ``confirm_marginals`` the ``sensibilidad`` sheet shows the integer re-solves ``result``
    carries (:func:`planner.pipeline.confirm_marginals`, which the chain runs before writing:
    on the national scenario about 20 s); otherwise the sheet gives the LP values, their
    validity ranges and marks them «sin confirmar». Nothing is solved here.
    """
    if not result.solved or result.indicators is None:
        raise ValueError("no plan to write: the solve produced no solution")

    def write(tmp: Path) -> None:
        wb = guard(BOOK())  # issue 25: no personal-looking value leaves in the workbook
        wb.remove(wb.active)
        _resumen(wb, result, lang)
        acceptance_book.append_resumen(wb["resumen"], result, lang)
        ind = result.indicators
        for title, df in (("por_entidad", by_state_table(result)),
                          ("por_categoria", ind.by_category), ("asignaciones", ind.assignments)):
            out, fmts = _labels(df, lang)
            write_table(wb, title, out, fmts)
        units = ind.units.reset_index().drop(columns=["lat", "lon"])
        out, fmts = _labels(units, lang)
        write_table(wb, "unidades", out, fmts)
        _rule_sheets(wb, result, lang)
        acceptance_book.simulacion_sheet(wb, result, lang)
        robust_book.robustez_sheets(wb, result, lang)
        robust_book.decision_sheet(wb, result, lang)
        robust_book.call_sheet(wb, result, lang)
        if result.candidates is not None:  # issue 14: folios only, never personal data
            write_candidate_sheets(wb, result.scenario, result.candidates, lang)
        _sensibilidad(wb, result, lang, confirm_marginals)
        _parametros(wb, result, lang)
        _diagnostico(wb, result, lang)
        for ws in wb.worksheets:
            ws.title = SHEET_TITLES.get(ws.title, ws.title)
        redact_cells(wb)  # issue 25: no personal-looking value leaves in the workbook
        wb.save(tmp)

    return atomic_write(path, write, protect=protect)


def _resumen(wb: Workbook, result: Result, lang: str) -> None:
    ws = wb.create_sheet("resumen")
    ws.append([t("book_title", lang)])
    ws["A1"].font = TITLE_FONT
    ws.append([t("book_scenario", lang) + Path(result.scenario.name).name])
    status = result.plan.status.value
    ws.append([t("book_status", lang) + _status_word(status, lang) +
               (t("book_status_gap", lang, gap=f"{result.plan.gap:.4%}")
                if result.plan.gap is not None else "")])
    ws.append([t("book_generated", lang) +
               dt.datetime.now().strftime("%Y-%m-%d %H:%M")])
    ws.append([])
    header = [t(k, lang) for k in ("book_head_indicator", "book_head_before", "book_head_plan",
                                   "book_head_hand", "book_head_advantage")]
    ws.append(header)
    hr = ws.max_row
    for cell in ws[hr]:
        cell.font = Font(bold=True)
    for label, before, after, hand, fmt, key in _summary_rows(result, lang):
        ws.append([label, before, after, hand, advantage(key, after, hand)])
        for cell in ws[ws.max_row][1:]:
            if fmt:
                cell.number_format = fmt
    _statements(ws, result, lang)
    ws.append([])
    ws.append([t("book_hand_rule_note", lang)])
    ws.append([t("book_advantage_note", lang)])
    ws.append([])
    ws.append([t("book_rules_head", lang) + active_rules_text(result, lang)])
    for line in rule_check.warnings(result.scenario, result.plan, lang):  # estable mode
        ws.append(["  " + line])
    ws.append([t("book_whatif_head", lang)])
    ws[f"A{ws.max_row}"].font = Font(bold=True)
    for line in what_if_lines(result, lang) or [t("book_whatif_none", lang)]:
        ws.append(["  " + line])
    ws.column_dimensions["A"].width = 48
    for col in "BCDEF":
        ws.column_dimensions[col].width = 22
    ws.column_dimensions["G"].width = 120
    ws.freeze_panes = f"A{hr + 1}"
    # Printed or saved as PDF to forward: one page wide, landscape.
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0


def _statements(ws, result: Result, lang: str) -> None:
    """The summary's statements (planner.explain.summary), as the app's cards and the CLI's
    report show them: figure, value, basis, P10–P90, denominator and what it counts."""
    ws.append([])
    ws.append([t("ex_section", lang)])
    ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
    ws.append([t(k, lang) for k in statement_render.BOOK_HEADERS])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for section in summary(result):
        ws.append([t(f"ex_part_{section.part}", lang)])
        ws.cell(row=ws.max_row, column=1).font = Font(italic=True)
        for s in section.statements:
            values, number_format = statement_render.row(s, lang)
            ws.append(values)
            r = ws.max_row
            for col in (2, 4, 5):
                ws.cell(row=r, column=col).number_format = number_format
            of_unit = s.of.unit if s.of is not None else s.value.unit
            ws.cell(row=r, column=6).number_format = statement_render.BOOK_FORMATS[of_unit]


def active_rules_text(result: Result, lang: str) -> str:
    """The rules of DESIGN §2b switched on, in planner words ("ninguna" when none is)."""
    floor = f"{result.scenario.params.equity_floor:.0%}"
    on = [t(f"rule_word_{k}", lang, floor=floor) if k == "equity_floor" else t(f"rule_word_{k}", lang)
          for k, v in rules.active_rules(result.scenario).items() if v]
    return ", ".join(on) or t("diag_none", lang)


def _value_text(value: object, lang: str) -> str:
    if isinstance(value, bool):
        return ("sí" if value else "no") if lang == "es" else ("yes" if value else "no")
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, (int, float)):
        return f"{value:,}"
    return "—" if value is None else str(value)


def what_if_lines(result: Result, lang: str) -> list[str]:
    """One line per what-if change tried on the workbook: parameter, its value there → now."""
    w, base = result.what_if, result.base_params
    if w is None or base is None:
        return []
    lines = []
    for name, attr in PARAM_NAMES.items():
        after = getattr(w, attr, None)
        before = getattr(base, attr, None)
        if after is None or after == before:
            continue
        if attr in MODE_WORDS:  # a mode: its words, as the app's form shows it
            before, after = mode_word(attr, before, lang), mode_word(attr, after, lang)
        lines.append(t("book_whatif_change", lang, name=name, before=_value_text(before, lang),
                       after=_value_text(after, lang)))
    for (kind, zone), value in sorted(getattr(w, "bonus", {}).items()):
        lines.append(t("book_whatif_bonus", lang, kind=kind, zone=zone,
                       after="$" + _value_text(value, lang)))
    for category, value in sorted(getattr(w, "supply", {}).items()):
        lines.append(t("book_whatif_supply", lang, category=category,
                       after=_value_text(value, lang)))
    if getattr(w, "states", None) is not None:
        lines.append(t("book_whatif_states", lang,
                       states=", ".join(str(s) for s in w.states)))
    return lines


def _status_word(status: str, lang: str) -> str:
    key = f"status_word_{status}"
    return t(key, lang) if key in MESSAGES else status


def _sensibilidad(wb: Workbook, result: Result, lang: str, confirm: bool) -> None:
    """Marginal values in planner terms, with the integer re-solves ``result`` carries if asked."""
    from planner.analysis.marginals import write_sensitivity_sheet

    write_sensitivity_sheet(wb, result, lang, confirm=confirm)


def _parametros(wb: Workbook, result: Result, lang: str) -> None:
    from planner.core.schema import PARAMETERS

    p = result.scenario.params
    described = {d.name: (d.description if lang == "es" else d.description_en)
                 for d in PARAMETERS}
    rows = []
    for name, attr in PARAM_NAMES.items():
        value = getattr(p, attr)
        if isinstance(value, bool):
            value = _value_text(value, lang)
        rows.append((name, value, described.get(name, "")))
    df = pd.DataFrame(rows, columns=[t("bookh_param", lang), t("bookh_value", lang),
                                     t("bookh_description", lang)])
    write_table(wb, "parametros", df, widths={t("bookh_description", lang): 90})


def _diagnostico(wb: Workbook, result: Result, lang: str) -> None:
    plan = result.plan
    rows = [
        (t("diagh_solver", lang), solver_word(plan, result.scenario.params, lang)),
        (t("diagh_status", lang), _status_word(plan.status.value, lang)),
        (t("diagh_solver_status", lang), plan.solver_status),
        (t("diagh_objective", lang), plan.objective),
        (t("diagh_lp_bound", lang), plan.lp_bound),
        (t("diagh_relative_gap", lang), plan.gap),
        (t("diagh_hand_rule_objective", lang),
         result.hand.objective if result.hand else None),
        (t("diagh_variables", lang), plan.n_variables),
        (t("diagh_constraints", lang), plan.n_constraints),
        (t("diagh_time_limit_s", lang), result.settings.time_limit),
        (t("diagh_mip_gap_requested", lang), result.settings.mip_gap),
    ]
    rows += [(t("diagh_seconds_of", lang, step=stage_word(k, lang)), round(v, 4))
             for k, v in result.timings.items()]
    rows += _rule_diagnostics(result, lang)
    from planner.validate import scenario_warnings  # the one list of warnings (issue 26)

    rows += [(t("cli_warning", lang), w.text(lang)) for w in scenario_warnings(result.scenario)]
    df = pd.DataFrame(rows, columns=[t("diagh_item", lang), t("diagh_value", lang)])
    write_table(wb, "diagnostico", df, widths={t("diagh_item", lang): 48,
                                               t("diagh_value", lang): 60})


def stage_word(stage: str, lang: str) -> str:
    """A timing's stage in planner words (its key when the catalogue has none)."""
    key = f"stage_{stage}"
    return t(key, lang) if key in MESSAGES else stage


def _rule_diagnostics(result: Result, lang: str) -> list[tuple[str, object]]:
    """The rules of DESIGN §2b as solved: which were on, whether they hold, what failed."""
    active = rules.active_rules(result.scenario)
    rows: list[tuple[str, object]] = [(t("diagh_active_rules", lang),
                                       active_rules_text(result, lang))]
    unimposed = rule_check.warnings(result.scenario, result.plan, lang)  # estable: not imposed
    if result.plan.status.has_solution and (active["equity_floor"]
                                            or active["one_doctor_per_centre"]):
        rows.append((t("diagh_hard_rules", lang),
                     " ".join(unimposed) if unimposed else t("diag_all_met", lang)))
    for line in rule_messages(result.plan.rules, lang, result.scenario.params.equity_floor):
        rows.append((t("diagh_unmet_rule", lang), line))
    return rows


def by_state_table(result: Result) -> pd.DataFrame:
    """``por_entidad``: the plan's figures per state and, beside them, the hand rule's and the
    optimiser's advantage (centres at target, centres with no doctor, specialists placed,
    weighted need covered)."""
    by_state = result.indicators.by_state
    if result.hand_indicators is None:
        return by_state
    cmp = compare_by_state(result.indicators, result.hand_indicators)
    cmp = cmp[cmp["state_code"] != 0]
    extra = [c for c in cmp.columns if c.endswith(("_hand", "_diff"))]
    cmp = cmp.copy()
    for c in extra:  # float noise (-1e-13) and -0.0 would print as -0.00
        if c.endswith("_diff") and pd.api.types.is_float_dtype(cmp[c]):
            cmp[c] = cmp[c].round(6) + 0.0
    return by_state.merge(cmp[["state_code", *extra]], on="state_code", how="left")


def _rule_sheets(wb: Workbook, result: Result, lang: str) -> None:
    """One sheet per active rule of DESIGN §2b: state pools, linked specialties, equity floor."""
    ind = result.indicators
    j = 0 if lang == "es" else 1
    active = rules.active_rules(result.scenario)
    if active["state_pools"]:
        out, fmts = _labels(ind.pools, lang)
        write_table(wb, "bolsas_estatales", out, fmts)
    if active["linked_specialties"]:
        linked = ind.linked.assign(
            reason=ind.linked["reason"].map(lambda r: REASON_WORDS.get(r, (r, r))[j]))
        out, fmts = _labels(linked, lang)
        write_table(wb, "especialidades_ligadas", out, fmts)
    if active["equity_floor"]:
        out, fmts = _labels(ind.floors, lang)
        write_table(wb, "piso_equidad", out, fmts)
