"""The result workbook of DESIGN §4, formatted for people and written whole or not at all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font

from models import rules
from planner.files import atomic_write
from planner.indicators import compare_by_state, rule_messages
from planner.result import Result
from planner.scenario import PARAM_NAMES
from planner.xlsx import DEC, INT, MXN, PCT, TITLE_FONT, write_table

SHEETS = ("resumen", "por_entidad", "por_categoria", "asignaciones", "unidades", "sensibilidad",
          "parametros", "diagnostico")
# Written after 'unidades' only when the rule of DESIGN §2b they describe is on.
RULE_SHEETS = ("bolsas_estatales", "especialidades_ligadas", "piso_equidad")

# internal column -> (es, en, number format)
COLUMNS: dict[str, tuple[str, str, str | None]] = {
    "clues": ("CLUES", "CLUES", None),
    "name": ("unidad", "unit", None),
    "kind": ("tipo", "type", None),
    "state_code": ("clave_entidad", "state_code", None),
    "state": ("entidad", "state", None),
    "municipality": ("municipio", "municipality", None),
    "zone": ("zona", "zone", None),
    "grade": ("grado_marginacion", "marginalization", None),
    "bonus_eligible": ("elegible_bono", "bonus_eligible", None),
    "families": ("familias", "families", INT),
    "category": ("categoria", "category", None),
    "required": ("requeridos", "required", INT),
    "before": ("antes", "before", INT),
    "placed": ("asignados", "placed", INT),
    "after": ("despues", "after", INT),
    "bonus_month": ("bono_mensual_mxn", "bonus_month_mxn", MXN),
    "gp_required": ("mg_requeridos", "gp_required", INT),
    "gp_before": ("mg_antes", "gp_before", INT),
    "gp_placed": ("mg_asignados", "gp_placed", INT),
    "gp_after": ("mg_despues", "gp_after", INT),
    "spec_required": ("esp_requeridos", "spec_required", INT),
    "spec_before": ("esp_antes", "spec_before", INT),
    "spec_gap": ("esp_brecha", "spec_gap", INT),
    "spec_placed": ("esp_asignados", "spec_placed", INT),
    "spec_after": ("esp_despues", "spec_after", INT),
    "spec_gap_left": ("esp_brecha_restante", "spec_gap_left", INT),
    "at_target_before": ("en_meta_antes", "at_target_before", None),
    "at_target_after": ("en_meta_despues", "at_target_after", None),
    "no_doctor_before": ("sin_medico_antes", "no_doctor_before", None),
    "no_doctor_after": ("sin_medico_despues", "no_doctor_after", None),
    "centres": ("centros", "centres", INT),
    "hospitals": ("hospitales", "hospitals", INT),
    "coverage_after": ("cobertura_meta_despues", "coverage_after", PCT),
    "candidates": ("candidatos", "candidates", INT),
    "gap": ("brecha", "gap", INT),
    "current": ("actuales", "current", INT),
    "unplaced": ("candidatos_sin_asignar", "unplaced", INT),
    "gap_left": ("brecha_restante", "gap_left", INT),
    # weighted need and the comparison with the hand rule (por_entidad)
    "need_covered": ("necesidad_cubierta", "need_covered", DEC),
    "at_target_hand": ("en_meta_regla_manual", "at_target_hand_rule", INT),
    "at_target_diff": ("ventaja_en_meta", "advantage_at_target", INT),
    "no_doctor_hand": ("sin_medico_regla_manual", "no_doctor_hand_rule", INT),
    "no_doctor_diff": ("diferencia_sin_medico", "difference_no_doctor", INT),
    "spec_placed_hand": ("esp_asignados_regla_manual", "spec_placed_hand_rule", INT),
    "spec_placed_diff": ("ventaja_esp_asignados", "advantage_spec_placed", INT),
    "need_covered_hand": ("necesidad_cubierta_regla_manual", "need_covered_hand_rule", DEC),
    "need_covered_diff": ("ventaja_necesidad_cubierta", "advantage_need_covered", DEC),
    # rules of DESIGN §2b
    "pool_candidates": ("candidatos_registrados", "registered_candidates", INT),
    "pool_placed": ("registrados_asignados", "registered_placed", INT),
    "national_received": ("nacionales_recibidos", "national_received", INT),
    "pool_idle": ("registrados_sin_asignar", "registered_idle", INT),
    "pool": ("candidatos_registrados", "registered_candidates", INT),
    "from_pool": ("registrados_asignados", "registered_placed", INT),
    "from_national": ("nacionales_recibidos", "national_received", INT),
    "idle": ("registrados_sin_asignar", "registered_idle", INT),
    "spec_held_back": ("vacantes_detenidas_por_ligadas", "held_back_by_links", INT),
    "requires": ("requiere", "requires", None),
    "held_back": ("vacantes_detenidas", "vacancies_held_back", INT),
    "reason": ("motivo", "reason", None),
    "floor": ("piso", "floor", INT),
    "met": ("cumplido", "met", None),
    "floors_unmet": ("pisos_no_cumplidos", "floors_unmet", INT),
}

REASON_WORDS = {"not_placed": ("la unidad no tiene ni recibe la especialidad requerida",
                               "the unit neither has nor receives the required specialty"),
                "no_vacancy": ("la unidad no tiene la especialidad requerida ni vacante de ella",
                               "the unit has neither the required specialty nor a vacancy for it")}

KIND_WORDS = {"hospital": ("hospital", "hospital"), "centro de salud": ("centro de salud",
                                                                        "health centre"),
              "especialidad": ("especialidad", "specialty"),
              "medicina general": ("medicina general", "general medicine")}


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


def summary_rows(result: Result, lang: str = "es") -> list[tuple[str, object, object, object,
                                                                str | None]]:
    """(indicator, before, plan, hand rule, format) rows of the headline summary."""
    h = result.indicators.headline
    m = result.hand_indicators.headline if result.hand_indicators else {}
    es = lang == "es"

    def row(es_label: str, en_label: str, before: object, key: str,
            fmt: str | None = INT) -> tuple[str, object, object, object, str | None]:
        return (es_label if es else en_label, before, h.get(key), m.get(key), fmt)

    return [
        row("Centros de salud", "Health centres", h["centres"], "centres"),
        row("Centros en la meta de médicos generales", "Centres at the GP target",
            h["centres_at_target_before"], "centres_at_target_after"),
        row("Centros sin médico general", "Centres with no GP", h["centres_no_doctor_before"],
            "centres_no_doctor_after"),
        row("Médicos generales asignados", "General doctors placed", 0, "gp_placed"),
        row("Hospitales", "Hospitals", h["hospitals"], "hospitals"),
        row("Vacantes de especialistas sin cubrir", "Specialist vacancies left", h["spec_gap"],
            "spec_gap_left"),
        row("Especialistas asignados", "Specialists placed", 0, "spec_placed"),
        row("… de ellos en hospitales con bono", "… of them in bonus-eligible hospitals", 0,
            "spec_placed_bonus_units"),
        row("Candidatos sin asignar", "Candidates left unplaced",
            h["gp_candidates"] + h["spec_candidates"], "unplaced"),
        row("Bono mensual comprometido (MXN)", "Monthly bonus committed (MXN)", 0, "bonus_month",
            MXN),
        row("Bono anual comprometido (MXN)", "Yearly bonus committed (MXN)", 0, "bonus_year", MXN),
        row("Presupuesto mensual de bonos (MXN)", "Monthly bonus budget (MXN)",
            h["budget_month"], "budget_month", MXN),
        row("Uso del presupuesto", "Budget used", 0.0, "budget_used", PCT),
        row("Necesidad ponderada cubierta (objetivo)", "Weighted need covered (objective)", 0.0,
            "objective", DEC),
    ] + _rule_summary_rows(h, row)


def _rule_summary_rows(h: dict, row) -> list[tuple[str, object, object, object, str | None]]:
    """Summary rows of the active rules of DESIGN §2b (none when every rule is off)."""
    rows = []
    if "pool_candidates" in h:
        rows.append(row("Candidatos registrados en una entidad", "Candidates registered in a state",
                        h["pool_candidates"], "pool_candidates"))
        rows.append(row("Candidatos registrados sin asignar", "Registered candidates left idle",
                        h["pool_candidates"], "pool_idle"))
        rows.append(row("Candidatos nacionales recibidos por entidades con bolsa",
                        "National candidates received in pooled categories", 0,
                        "national_received"))
    if "spec_held_back" in h:
        rows.append(row("Vacantes detenidas por especialidades ligadas",
                        "Vacancies held back by linked specialties", None, "spec_held_back"))
    if "floors_unmet" in h:
        rows.append(row("Pisos de equidad no cumplidos (entidad × categoría)",
                        "Equity floors not met (state × category)", None, "floors_unmet"))
    return rows


def write_result_workbook(result: Result, path: str | Path, lang: str = "es",
                          protect: Iterable[str | Path] = (),
                          confirm_marginals: bool = False) -> Path:
    """Write the formatted result workbook to ``path`` atomically; never over ``protect``.

    With ``confirm_marginals`` each marginal value of the ``sensibilidad`` sheet is checked by
    re-solving the integer model with one more candidate or million pesos (capped re-solves: on
    the national scenario this adds about 20 s); otherwise the sheet gives the LP values, their
    validity ranges and marks them «sin confirmar».
    """
    if not result.solved or result.indicators is None:
        raise ValueError("no plan to write: the solve produced no solution")

    def write(tmp: Path) -> None:
        wb = Workbook()
        wb.remove(wb.active)
        _resumen(wb, result, lang)
        ind = result.indicators
        for title, df in (("por_entidad", by_state_table(result)),
                          ("por_categoria", ind.by_category), ("asignaciones", ind.assignments)):
            out, fmts = _labels(df, lang)
            write_table(wb, title, out, fmts)
        units = ind.units.reset_index().drop(columns=["lat", "lon"])
        out, fmts = _labels(units, lang)
        write_table(wb, "unidades", out, fmts)
        _rule_sheets(wb, result, lang)
        if result.candidates is not None:  # issue 14: folios only, never personal data
            from planner.candidates import write_candidate_sheets

            write_candidate_sheets(wb, result.scenario, result.candidates, lang)
        _sensibilidad(wb, result, lang, confirm_marginals)
        _parametros(wb, result, lang)
        _diagnostico(wb, result, lang)
        wb.save(tmp)

    return atomic_write(path, write, protect=protect)


def _resumen(wb: Workbook, result: Result, lang: str) -> None:
    es = lang == "es"
    ws = wb.create_sheet("resumen")
    ws.append(["Plan de asignación de médicos — IMSS-Bienestar" if es else
               "Doctor placement plan — IMSS-Bienestar"])
    ws["A1"].font = TITLE_FONT
    ws.append([("Escenario: " if es else "Scenario: ") + Path(result.scenario.name).name])
    status = result.plan.status.value
    ws.append([("Estado: " if es else "Status: ") + _status_word(status, lang) +
               (f" (brecha {result.plan.gap:.4%})" if result.plan.gap is not None else "")])
    ws.append([("Generado: " if es else "Generated: ") +
               dt.datetime.now().strftime("%Y-%m-%d %H:%M")])
    ws.append([])
    header = (["Indicador", "Antes", "Plan optimizado", "Regla manual", "Ventaja del optimizador"]
              if es else ["Indicator", "Before", "Optimised plan", "Hand rule",
                          "Optimiser advantage"])
    ws.append(header)
    hr = ws.max_row
    for cell in ws[hr]:
        cell.font = Font(bold=True)
    for label, before, after, hand, fmt in summary_rows(result, lang):
        adv = (after - hand) if isinstance(after, (int, float)) and isinstance(
            hand, (int, float)) else None
        ws.append([label, before, after, hand, adv])
        for cell in ws[ws.max_row][1:]:
            if fmt:
                cell.number_format = fmt
    ws.append([])
    ws.append(["La regla manual asigna primero la plaza de mayor valor mientras haya candidatos "
               "y presupuesto; la ventaja es lo que gana el optimizador sobre ella." if es else
               "The hand rule places the most valuable post first while candidates and budget "
               "last; the advantage is what the optimiser gains over it."])
    ws.column_dimensions["A"].width = 48
    for col in "BCDE":
        ws.column_dimensions[col].width = 22
    ws.freeze_panes = f"A{hr + 1}"
    # Printed or saved as PDF to forward: one page wide, landscape.
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0


def _status_word(status: str, lang: str) -> str:
    words = {"optimal": ("óptimo", "optimal"), "feasible": ("factible (no probado óptimo)",
                                                          "feasible (not proven optimal)"),
             "infeasible": ("infactible", "infeasible"),
             "no_solution": ("sin solución", "no solution")}
    return words.get(status, (status, status))[0 if lang == "es" else 1]


def _sensibilidad(wb: Workbook, result: Result, lang: str, confirm: bool) -> None:
    """Marginal values in planner terms, confirmed with the integer model when asked (capped)."""
    from planner.sensitivity import write_sensitivity_sheet

    write_sensitivity_sheet(wb, result, lang, confirm=confirm)


def _parametros(wb: Workbook, result: Result, lang: str) -> None:
    p = result.scenario.params
    rows = [{"parametro": name, "valor": getattr(p, attr)} for name, attr in PARAM_NAMES.items()]
    for rec in rows:
        if isinstance(rec["valor"], bool):
            rec["valor"] = "sí" if rec["valor"] else "no"
    write_table(wb, "parametros", pd.DataFrame(rows))


def _diagnostico(wb: Workbook, result: Result, lang: str) -> None:
    plan = result.plan
    es = lang == "es"
    rows = [
        ("solver", plan.solver),
        ("estado" if es else "status", plan.status.value),
        ("estado_del_solver" if es else "solver_status", plan.solver_status),
        ("objetivo" if es else "objective", plan.objective),
        ("cota_lp" if es else "lp_bound", plan.lp_bound),
        ("brecha_relativa" if es else "relative_gap", plan.gap),
        ("objetivo_regla_manual" if es else "hand_rule_objective",
         result.hand.objective if result.hand else None),
        ("variables", plan.n_variables),
        ("restricciones" if es else "constraints", plan.n_constraints),
        ("limite_tiempo_s" if es else "time_limit_s", result.settings.time_limit),
        ("brecha_mip_pedida" if es else "mip_gap_requested", result.settings.mip_gap),
    ]
    rows += [(f"segundos_{k}" if es else f"seconds_{k}", round(v, 4))
             for k, v in result.timings.items()]
    rows += _rule_diagnostics(result, lang)
    df = pd.DataFrame(rows, columns=["dato" if es else "item", "valor" if es else "value"])
    write_table(wb, "diagnostico", df)


def _rule_diagnostics(result: Result, lang: str) -> list[tuple[str, object]]:
    """The rules of DESIGN §2b as solved: which were on, whether they hold, what failed."""
    es = lang == "es"
    active = rules.active_rules(result.scenario)
    words = {"state_pools": ("bolsas estatales de candidatos", "state candidate pools"),
             "linked_specialties": ("especialidades ligadas", "linked specialties"),
             "equity_floor": (f"piso de equidad ({result.scenario.params.equity_floor:.0%})",
                              f"equity floor ({result.scenario.params.equity_floor:.0%})"),
             "one_doctor_per_centre": ("mínimo un médico general por centro",
                                       "at least one general doctor per centre")}
    on = [words[k][0 if es else 1] for k, v in active.items() if v]
    rows: list[tuple[str, object]] = [("reglas_activas" if es else "active_rules",
                                       ", ".join(on) or ("ninguna" if es else "none"))]
    if result.plan.status.has_solution and (active["equity_floor"]
                                            or active["one_doctor_per_centre"]):
        rows.append(("reglas_duras" if es else "hard_rules",
                     "todas se cumplen" if es else "all met"))
    for line in rule_messages(result.plan.rules, lang, result.scenario.params.equity_floor):
        rows.append(("regla_no_cumplida" if es else "unmet_rule", line))
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
