"""Every word the app shows, in Spanish (es-MX, the default) and English.

Same shape as :mod:`planner.i18n` (keys, named fields), kept apart so the app's many labels do not
crowd the messages of validation and reports. Category and state names are data and stay as the
workbook writes them.
"""

from __future__ import annotations

from planner.i18n import DEFAULT_LANG

LANG_NAMES = {"es": "Español", "en": "English"}

LABELS: dict[str, dict[str, str]] = {
    # --- page and sidebar ---------------------------------------------------------------------
    "page_title": {"es": "Planeador de plantilla IMSS-Bienestar",
                   "en": "IMSS-Bienestar workforce planner"},
    "title": {"es": "Planeador de plantilla IMSS-Bienestar",
              "en": "IMSS-Bienestar workforce planner"},
    "subtitle": {"es": "¿Dónde conviene colocar a cada médico nuevo con los candidatos y el "
                       "presupuesto de bonos que hay, y qué cambia si cambian?",
                 "en": "Where should each new doctor go with the candidates and bonus budget we "
                       "have — and what changes if they change?"},
    "language": {"es": "Idioma / Language", "en": "Idioma / Language"},
    "data_header": {"es": "Datos", "en": "Data"},
    "using_default": {"es": "Escenario: **{name}** (escenario por omisión).",
                      "en": "Scenario: **{name}** (default scenario)."},
    "using_upload": {"es": "Escenario: **{name}** (libro subido).",
                     "en": "Scenario: **{name}** (uploaded workbook)."},
    "scenario_size": {"es": "{units} unidades ({centres} centros, {hospitals} hospitales) en "
                            "{states} entidades.",
                      "en": "{units} units ({centres} centres, {hospitals} hospitals) in "
                            "{states} states."},
    "upload": {"es": "Subir su propio libro (.xlsx)", "en": "Upload your own workbook (.xlsx)"},
    "upload_help": {"es": "Llene la plantilla vacía y súbala aquí; se revisa completa antes de "
                          "usarla y el archivo no se modifica. Quítela para volver al escenario "
                          "por omisión.",
                    "en": "Fill in the blank template and upload it here; it is checked in full "
                          "before use and the file is never modified. Remove it to go back to "
                          "the default scenario."},
    "template_download": {"es": "Descargar plantilla vacía", "en": "Download blank template"},
    "default_missing": {"es": "No se encontró el libro por omisión «{path}». Suba su propio libro "
                              "o genere los escenarios con `make data`.",
                        "en": "The default workbook «{path}» was not found. Upload your own "
                              "workbook or build the scenarios with `make data`."},
    "upload_invalid": {"es": "El libro «{name}» tiene {count} problema(s). Corríjalos y vuelva a "
                             "subirlo; mientras tanto se sigue usando el escenario anterior.",
                       "en": "Workbook «{name}» has {count} problem(s). Fix them and upload it "
                             "again; meanwhile the previous scenario stays in use."},
    "upload_unreadable": {"es": "No se pudo leer el libro «{name}» ({detail}). Se sigue usando "
                                "el escenario anterior.",
                          "en": "Workbook «{name}» could not be read ({detail}). The previous "
                                "scenario stays in use."},
    "default_invalid": {"es": "El libro por omisión «{name}» tiene {count} problema(s); "
                              "corríjalo o suba su propio libro.",
                        "en": "The default workbook «{name}» has {count} problem(s); fix it or "
                              "upload your own workbook."},
    "upload_ok": {"es": "Libro «{name}» validado: se usa como escenario.",
                  "en": "Workbook «{name}» validated: it is now the scenario."},
    "unexpected": {"es": "Ocurrió un error inesperado ({kind}): {detail}. El escenario anterior "
                         "sigue disponible.",
                   "en": "An unexpected error occurred ({kind}): {detail}. The previous "
                         "scenario is still available."},
    "loading": {"es": "Cargando y validando el libro…", "en": "Loading and validating…"},
    "baseline_solving": {"es": "Calculando el plan base…", "en": "Computing the baseline plan…"},
    # --- what-if form ---------------------------------------------------------------------------
    "form_header": {"es": "¿Qué pasa si…?", "en": "What if…?"},
    "budget": {"es": "Presupuesto mensual de bonos (MXN)", "en": "Monthly bonus budget (MXN)"},
    "bonus_zone": {"es": "Bono mensual de especialista, zona {zone} (MXN)",
                   "en": "Specialist monthly bonus, zone {zone} (MXN)"},
    "target": {"es": "Meta de médicos generales por centro", "en": "Target general doctors "
                                                                  "per centre"},
    "first_weight": {"es": "Peso del primer médico (P)", "en": "First-doctor weight (P)"},
    "first_weight_help": {"es": "Cuánto vale más dar el primer médico general a un centro que "
                                "hoy no tiene ninguno.",
                          "en": "Extra value of the first general doctor of a centre with "
                                "none."},
    "families_weight": {"es": "Peso de las familias (F)", "en": "Families weight (F)"},
    "families_weight_help": {"es": "El peso de un centro se multiplica por 1 + F × familias / "
                                   "6000.",
                             "en": "A centre's weight is multiplied by 1 + F × families / 6000."},
    "states": {"es": "Entidades incluidas", "en": "States included"},
    "time_limit": {"es": "Tiempo máximo de cálculo (s)", "en": "Solver time limit (s)"},
    "supply_header": {"es": "Candidatos por categoría", "en": "Candidates per category"},
    "solve": {"es": "Calcular escenario", "en": "Solve scenario"},
    "reset": {"es": "Volver al plan base", "en": "Back to the baseline plan"},
    "no_states": {"es": "Elija al menos una entidad.", "en": "Choose at least one state."},
    "busy": {"es": "Ya hay un cálculo en curso; espere a que termine.",
             "en": "A solve is already running; wait for it to finish."},
    "solving": {"es": "Optimizando el escenario…", "en": "Optimising the scenario…"},
    "solved_in": {"es": "Listo en {seconds} s.", "en": "Done in {seconds} s."},
    # --- status ---------------------------------------------------------------------------------
    "showing_baseline": {"es": "Se muestra el **plan base**: el escenario tal como viene en el "
                               "libro, sin cambios.",
                         "en": "Showing the **baseline plan**: the scenario as the workbook "
                               "has it."},
    "showing_whatif": {"es": "Se muestra el escenario con cambios: {changes}. Las flechas "
                             "comparan con el plan base.",
                       "en": "Showing the scenario with changes: {changes}. Arrows compare with "
                             "the baseline plan."},
    "status_line": {"es": "Estado: **{status}** · optimizador {solver} · {seconds} s · "
                          "{variables} variables",
                    "en": "Status: **{status}** · solver {solver} · {seconds} s · "
                          "{variables} variables"},
    "status_optimal": {"es": "óptimo", "en": "optimal"},
    "status_feasible": {"es": "factible (no probado óptimo: se alcanzó el tiempo máximo)",
                        "en": "feasible (not proven optimal: time limit reached)"},
    "status_infeasible": {"es": "infactible", "en": "infeasible"},
    "status_no_solution": {"es": "sin solución", "en": "no solution"},
    "no_plan": {"es": "El optimizador no encontró un plan ({status}). Pruebe con más tiempo de "
                      "cálculo o con reglas menos estrictas.",
                "en": "The solver found no plan ({status}). Try a longer time limit or "
                      "looser rules."},
    "rules_unmet": {"es": "Reglas que no se pudieron cumplir", "en": "Rules that could not be "
                                                                     "met"},
    # --- tabs -----------------------------------------------------------------------------------
    "tab_summary": {"es": "Resumen", "en": "Summary"},
    "tab_charts": {"es": "Mapa y gráficas", "en": "Map and charts"},
    "tab_units": {"es": "Unidades", "en": "Units"},
    "tab_scenarios": {"es": "Escenarios", "en": "Scenarios"},
    "tab_marginal": {"es": "Valores marginales", "en": "Marginal values"},
    # --- headline ------------------------------------------------------------------------------
    "m_at_target": {"es": "Centros en la meta", "en": "Centres at target"},
    "m_at_target_help": {"es": "Centros con al menos {target} médicos generales (o los "
                               "requeridos). Hoy: {today} de {total}.",
                         "en": "Centres with at least {target} general doctors (or those "
                               "required). Today: {today} of {total}."},
    "m_no_doctor": {"es": "Centros sin médico", "en": "Centres with no doctor"},
    "m_no_doctor_help": {"es": "Centros de salud sin ningún médico general. Hoy: {today}.",
                         "en": "Health centres with no general doctor. Today: {today}."},
    "m_spec_placed": {"es": "Especialistas asignados", "en": "Specialists placed"},
    "m_spec_placed_help": {"es": "De {total} candidatos especialistas.",
                           "en": "Of {total} specialist candidates."},
    "m_filled": {"es": "Vacantes cubiertas", "en": "Vacancies filled"},
    "m_filled_help": {"es": "Médicos generales y especialistas asignados, de {total} vacantes "
                            "({share}).",
                      "en": "General doctors and specialists placed, of {total} vacancies "
                            "({share})."},
    "m_bonus_month": {"es": "Bono mensual (MXN)", "en": "Monthly bonus (MXN)"},
    "m_bonus_month_help": {"es": "De un presupuesto de {budget} al mes ({share} usado).",
                           "en": "Of a budget of {budget} per month ({share} used)."},
    "m_bonus_year": {"es": "Bono anual (MXN)", "en": "Yearly bonus (MXN)"},
    "m_bonus_year_help": {"es": "Doce meses del bono mensual; presupuesto anual {budget}.",
                          "en": "Twelve months of the monthly bonus; yearly budget {budget}."},
    "m_unplaced": {"es": "Sin asignar", "en": "Unplaced"},
    "m_unplaced_help": {"es": "Candidatos sin asignar: los que no encontraron plaza en este "
                              "plan.",
                        "en": "Candidates left unplaced: those with no post in this plan."},
    "m_objective": {"es": "Necesidad cubierta", "en": "Need covered"},
    "m_objective_help": {"es": "Necesidad ponderada cubierta: el objetivo del modelo, suma de "
                               "los pesos de cada plaza cubierta (categoría × marginación × "
                               "familias, más el peso del primer médico).",
                         "en": "Weighted need covered: the model's objective, the sum of the "
                               "weights of the posts filled (category × marginalization × "
                               "families, plus the first-doctor weight)."},
    "budget_line": {"es": "Bono comprometido: **{month}** al mes (**{year}** al año) de un "
                          "presupuesto de **{budget}** al mes ({share}).",
                    "en": "Bonus committed: **{month}** per month (**{year}** per year) of a "
                          "budget of **{budget}** per month ({share})."},
    "download_result": {"es": "Descargar libro de resultados (.xlsx)",
                        "en": "Download result workbook (.xlsx)"},
    "prepare_result": {"es": "Preparar libro de resultados (.xlsx)",
                       "en": "Prepare result workbook (.xlsx)"},
    "preparing": {"es": "Preparando el libro de resultados (el mismo que escribe la línea de "
                        "comandos; confirma los valores marginales, puede tardar)…",
                  "en": "Preparing the result workbook (the same the command line writes; it "
                        "confirms the marginal values, may take a while)…"},
    # --- hand rule ------------------------------------------------------------------------------
    "hand_header": {"es": "Optimizador frente a la regla manual",
                    "en": "Optimiser versus the hand rule"},
    "hand_rule_is": {"es": "La regla manual asigna primero la plaza de mayor valor mientras haya "
                           "candidatos y presupuesto, como lo haría un planeador con una hoja de "
                           "cálculo.",
                     "en": "The hand rule places the most valuable post first while candidates "
                           "and budget last, as a planner would with a spreadsheet."},
    "hand_better": {"es": "Con los mismos candidatos y el mismo presupuesto, el optimizador "
                          "cubre **{gain}** puntos más de necesidad ponderada que la regla manual "
                          "(**{gain_pct}** más: {opt} frente a {hand}).",
                    "en": "With the same candidates and budget, the optimiser covers **{gain}** "
                          "more points of weighted need than the hand rule (**{gain_pct}** "
                          "more: {opt} versus {hand})."},
    "hand_same": {"es": "En este escenario la regla manual llega prácticamente al mismo "
                        "resultado que el optimizador ({opt} frente a {hand} puntos de necesidad "
                        "ponderada): el presupuesto y los candidatos no obligan a elegir.",
                  "en": "In this scenario the hand rule reaches practically the same result as "
                        "the optimiser ({opt} versus {hand} points of weighted need): budget and "
                        "candidates do not force hard choices."},
    "hand_diff_title": {"es": "Diferencias en los indicadores (optimizador − regla manual):",
                        "en": "Differences in the indicators (optimiser − hand rule):"},
    "hand_no_diff": {"es": "Los indicadores principales son iguales en ambos planes.",
                     "en": "The headline indicators are the same in both plans."},
    "unplaced_long": {"es": "Candidatos sin asignar", "en": "Candidates left unplaced"},
    "objective_long": {"es": "Necesidad ponderada cubierta", "en": "Weighted need covered"},
    "col_indicator": {"es": "Indicador", "en": "Indicator"},
    "col_today": {"es": "Hoy", "en": "Today"},
    "col_plan": {"es": "Plan optimizado", "en": "Optimised plan"},
    "col_hand": {"es": "Regla manual", "en": "Hand rule"},
    "col_advantage": {"es": "Diferencia (optimizador − regla)", "en": "Difference (optimiser − "
                                                                    "rule)"},
    # --- by specialty ---------------------------------------------------------------------------
    "by_specialty": {"es": "Especialistas por especialidad", "en": "Specialists by specialty"},
    # --- charts ---------------------------------------------------------------------------------
    "map_header": {"es": "Mapa por entidad", "en": "Map by state"},
    "map_metric": {"es": "Colorear por", "en": "Colour by"},
    "map_coverage": {"es": "Centros en la meta (después del plan)", "en": "Centres at target "
                                                                          "(after the plan)"},
    "map_spec_gap": {"es": "Brecha de especialistas restante", "en": "Specialist gap left"},
    "map_no_doctor": {"es": "Centros sin médico (después)", "en": "Centres with no doctor "
                                                                  "(after)"},
    "map_note": {"es": "En gris, entidades fuera del escenario. Pase el cursor sobre una "
                       "entidad para ver sus cifras.",
                 "en": "Grey: states outside the scenario. Hover over a state for its "
                       "figures."},
    "chart_state_header": {"es": "Por entidad: hoy y con el plan", "en": "By state: today and "
                                                                         "with the plan"},
    "chart_category_header": {"es": "Por categoría: brecha hoy y después del plan",
                              "en": "By category: gap today and after the plan"},
    "centres_at_target_axis": {"es": "Centros en la meta", "en": "Centres at target"},
    "spec_gap_axis": {"es": "Brecha de especialistas", "en": "Specialist gap"},
    "gap_axis": {"es": "Brecha (médicos)", "en": "Gap (doctors)"},
    "today": {"es": "Hoy", "en": "Today"},
    "with_plan": {"es": "Con el plan", "en": "With the plan"},
    "state": {"es": "Entidad", "en": "State"},
    "category": {"es": "Categoría", "en": "Category"},
    "series": {"es": "Momento", "en": "When"},
    "centres": {"es": "Centros", "en": "Centres"},
    "coverage": {"es": "En la meta (%)", "en": "At target (%)"},
    "at_target_before": {"es": "En la meta hoy", "en": "At target today"},
    "at_target_after": {"es": "En la meta después", "en": "At target after"},
    "no_doctor_after": {"es": "Sin médico después", "en": "No doctor after"},
    "spec_placed": {"es": "Especialistas asignados", "en": "Specialists placed"},
    "spec_gap_left": {"es": "Brecha de especialistas restante", "en": "Specialist gap left"},
    "gp_placed": {"es": "Médicos generales asignados", "en": "General doctors placed"},
    # --- units ----------------------------------------------------------------------------------
    "units_header": {"es": "Unidades", "en": "Units"},
    "f_state": {"es": "Entidad", "en": "State"},
    "f_kind": {"es": "Tipo", "en": "Type"},
    "f_grade": {"es": "Grado de marginación", "en": "Marginalization grade"},
    "all": {"es": "Todas", "en": "All"},
    "choose": {"es": "Elija…", "en": "Choose…"},
    "f_search": {"es": "Buscar por CLUES o nombre", "en": "Search by CLUES or name"},
    "f_only_placed": {"es": "Solo unidades que reciben médicos", "en": "Only units that receive "
                                                                       "doctors"},
    "units_count": {"es": "{shown} de {total} unidades.", "en": "{shown} of {total} units."},
    "assignments_header": {"es": "Asignaciones de las unidades mostradas",
                           "en": "Placements of the units shown"},
    # --- scenarios ------------------------------------------------------------------------------
    "save_header": {"es": "Guardar el escenario actual", "en": "Save the current scenario"},
    "save_name": {"es": "Nombre del escenario", "en": "Scenario name"},
    "save_button": {"es": "Guardar", "en": "Save"},
    "saved_ok": {"es": "Escenario «{name}» guardado.", "en": "Scenario «{name}» saved."},
    "save_empty_name": {"es": "Escriba un nombre para el escenario.",
                        "en": "Type a name for the scenario."},
    "saved_list": {"es": "Escenarios guardados", "en": "Saved scenarios"},
    "no_saved": {"es": "Aún no hay escenarios guardados. Calcule un escenario y guárdelo con un "
                       "nombre para compararlo.",
                 "en": "No saved scenarios yet. Solve a scenario and save it under a name to "
                       "compare it."},
    "baseline_name": {"es": "Plan base", "en": "Baseline plan"},
    "compare_header": {"es": "Comparar escenarios", "en": "Compare scenarios"},
    "compare_pick": {"es": "Escenarios a comparar (el primero es la referencia)",
                     "en": "Scenarios to compare (the first is the reference)"},
    "compare_need_two": {"es": "Elija dos o más escenarios.", "en": "Choose two or more "
                                                                  "scenarios."},
    "compare_states": {"es": "Diferencias por entidad frente a «{ref}»",
                       "en": "Differences by state against «{ref}»"},
    "compare_metric": {"es": "Indicador por entidad", "en": "Indicator by state"},
    "delta_vs": {"es": "Δ vs «{ref}»", "en": "Δ vs «{ref}»"},
    "download_header": {"es": "Descargar el libro de resultados de un escenario",
                        "en": "Download a scenario's result workbook"},
    "download_pick": {"es": "Escenario", "en": "Scenario"},
    "current_name": {"es": "Escenario actual", "en": "Current scenario"},
    "changes": {"es": "Cambios", "en": "Changes"},
    "no_changes": {"es": "sin cambios", "en": "no changes"},
    "saved_other_source": {"es": "(otro libro)", "en": "(other workbook)"},
    # --- marginal values ------------------------------------------------------------------------
    "marginal_header": {"es": "¿Qué valdría tener un poco más?", "en": "What would a little "
                                                                       "more be worth?"},
    "marginal_intro": {"es": "Valores marginales de la versión continua del modelo: cuánta "
                             "necesidad ponderada adicional se cubriría con una unidad más de "
                             "cada recurso. Son válidos para cambios pequeños; para cambios "
                             "grandes, calcule el escenario.",
                       "en": "Marginal values of the model's continuous version: how much extra "
                             "weighted need one more unit of each resource would cover. Valid "
                             "for small changes; for large ones, solve the scenario."},
    "marginal_none": {"es": "No hay valores marginales para este plan.",
                      "en": "There are no marginal values for this plan."},
    "confirm_marginal": {"es": "Confirmar con el modelo entero (re-optimiza; puede tardar)",
                         "en": "Confirm with the integer model (re-solves; may take a while)"},
    "confirming": {"es": "Re-optimizando con un candidato o un millón más…",
                   "en": "Re-solving with one more candidate or million…"},
    # --- what-if change names (for listing saved scenarios) -------------------------------------
    "c_budget": {"es": "presupuesto {value}", "en": "budget {value}"},
    "c_target": {"es": "meta {value} médicos por centro", "en": "target {value} doctors per "
                                                                "centre"},
    "c_first_doctor_weight": {"es": "peso primer médico {value}", "en": "first-doctor weight "
                                                                        "{value}"},
    "c_families_weight": {"es": "peso familias {value}", "en": "families weight {value}"},
    "c_time_limit": {"es": "tiempo máximo {value} s", "en": "time limit {value} s"},
    "c_bonus": {"es": "bono zona {zone} {value}", "en": "bonus zone {zone} {value}"},
    "c_supply": {"es": "{category}: {value} candidatos", "en": "{category}: {value} candidates"},
    "c_states": {"es": "{count} entidades", "en": "{count} states"},
    # --- table columns (internal column names, see planner/ui/tables.py) ------------------------
    "col_clues": {"es": "CLUES", "en": "CLUES"},
    "col_name": {"es": "Unidad", "en": "Unit"},
    "col_kind": {"es": "Tipo", "en": "Type"},
    "col_state": {"es": "Entidad", "en": "State"},
    "col_municipality": {"es": "Municipio", "en": "Municipality"},
    "col_zone": {"es": "Zona", "en": "Zone"},
    "col_grade": {"es": "Marginación", "en": "Marginalization"},
    "col_families": {"es": "Familias", "en": "Families"},
    "col_gp_before": {"es": "Méd. generales hoy", "en": "GPs today"},
    "col_gp_placed": {"es": "Méd. generales asignados", "en": "GPs placed"},
    "col_gp_after": {"es": "Méd. generales después", "en": "GPs after"},
    "col_spec_gap": {"es": "Brecha de especialistas", "en": "Specialist gap"},
    "col_spec_placed": {"es": "Especialistas asignados", "en": "Specialists placed"},
    "col_spec_after": {"es": "Especialistas después", "en": "Specialists after"},
    "col_bonus_month": {"es": "Bono mensual (MXN)", "en": "Monthly bonus (MXN)"},
    "col_at_target_after": {"es": "En la meta", "en": "At target"},
    "col_no_doctor_after": {"es": "Sin médico", "en": "No doctor"},
    "col_category": {"es": "Categoría", "en": "Category"},
    "col_candidates": {"es": "Candidatos", "en": "Candidates"},
    "col_current": {"es": "Actuales", "en": "Current"},
    "col_gap": {"es": "Brecha", "en": "Gap"},
    "col_placed": {"es": "Asignados", "en": "Placed"},
    "col_unplaced": {"es": "Sin asignar", "en": "Unplaced"},
    "col_gap_left": {"es": "Brecha restante", "en": "Gap left"},
    "col_before": {"es": "Antes", "en": "Before"},
    "col_after": {"es": "Después", "en": "After"},
    "col_required": {"es": "Requeridos", "en": "Required"},
    # --- words ----------------------------------------------------------------------------------
    "kind_hospital": {"es": "hospital", "en": "hospital"},
    "kind_centre": {"es": "centro de salud", "en": "health centre"},
}


def tr(key: str, lang: str = DEFAULT_LANG, **fields: object) -> str:
    """The label ``key`` in ``lang`` (Spanish when missing), formatted with ``fields``."""
    entry = LABELS[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**fields) if fields else text
