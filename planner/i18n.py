"""Every sentence a planner reads, in Spanish (es-MX, the default) and English.

Messages are looked up by key and formatted with named fields, so an issue or a report can be
rendered in either language from the same data.
"""

from __future__ import annotations

LANGS = ("es", "en")
DEFAULT_LANG = "es"

MESSAGES: dict[str, dict[str, str]] = {
    # --- reading the file -------------------------------------------------------------------
    "file_missing": {"es": "No se encontró el archivo «{path}».",
                     "en": "File «{path}» was not found."},
    "not_xlsx": {"es": "El archivo no es un libro de Excel .xlsx (se esperaba un archivo .xlsx "
                       "guardado desde Excel o LibreOffice; {detail}).",
                 "en": "The file is not an .xlsx Excel workbook ({detail})."},
    "macro_file": {"es": "El archivo contiene macros (.xlsm); guárdelo como «Libro de Excel "
                         "(.xlsx)» sin macros.",
                   "en": "The file contains macros (.xlsm); save it as a plain .xlsx workbook."},
    "too_big": {"es": "El archivo es demasiado grande ({size} MB; máximo {limit} MB).",
                "en": "The file is too large ({size} MB; at most {limit} MB)."},
    "zip_bomb": {"es": "El archivo se expande a un tamaño desmedido ({detail}); no se abre por "
                       "seguridad.",
                 "en": "The file expands to an excessive size ({detail}); refused for safety."},
    "xml_attack": {"es": "El archivo contiene XML no permitido (entidades o DTD); no se abre por "
                         "seguridad.",
                   "en": "The file contains forbidden XML (entities or DTD); refused."},
    "unreadable": {"es": "No se pudo leer el libro: {detail}.",
                   "en": "The workbook could not be read: {detail}."},
    "sheet_too_large": {"es": "La hoja tiene {rows} filas con datos (máximo {limit}); revise si hay "
                              "celdas escritas muy abajo de la tabla.",
                        "en": "The sheet has {rows} rows with data (at most {limit}); look for "
                              "stray cells far below the table."},
    "cell_error": {"es": "La celda muestra un error de fórmula; corrija la fórmula o escriba el "
                         "valor (se leería como vacía).",
                   "en": "The cell shows a formula error; fix the formula or type the value (it "
                         "would read as empty)."},
    "formula_no_value": {"es": "La celda tiene una fórmula guardada sin su resultado; abra el "
                               "libro en Excel o LibreOffice y guárdelo para que se calcule, o "
                               "escriba el valor (se leería como vacía).",
                         "en": "The cell holds a formula saved without its result; open and save "
                               "the workbook in Excel or LibreOffice, or type the value (it "
                               "would read as empty)."},
    "bad_cell_value": {"es": "Una celda de esta fila no se puede leer ({detail}); suele ser una "
                             "fecha, hora o duración fuera de rango: revise el formato de sus "
                             "celdas.",
                       "en": "A cell in this row cannot be read ({detail}); usually a date, "
                             "time or duration out of range: check its cells' format."},
    "sheet_far_cell": {"es": "Hay una celda con datos en {cell}, muy lejos de la tabla: la hoja "
                             "ocuparía {rows} filas por {cols} columnas (máximo {max_rows} filas "
                             "y {max_cells} celdas). Borre esa celda y las filas o columnas "
                             "sobrantes, y vuelva a guardar el libro.",
                       "en": "There is a cell with data at {cell}, far from the table: the sheet "
                             "would span {rows} rows by {cols} columns (at most {max_rows} rows "
                             "and {max_cells} cells). Delete it and the extra rows or columns, "
                             "then save the workbook again."},
    # --- sheets and columns -----------------------------------------------------------------
    "missing_sheet": {"es": "Falta la hoja «{sheet}» (hojas encontradas: {found}).",
                      "en": "Sheet «{sheet}» is missing (sheets found: {found})."},
    "duplicate_sheet": {"es": "Hay dos hojas que se leen como «{sheet}»: {found}.",
                        "en": "Two sheets read as «{sheet}»: {found}."},
    "missing_column": {"es": "Falta la columna «{column}» (columnas encontradas: {found}).",
                       "en": "Column «{column}» is missing (columns found: {found})."},
    "duplicate_column": {"es": "La columna «{column}» aparece dos veces.",
                         "en": "Column «{column}» appears twice."},
    "empty_sheet": {"es": "La hoja no tiene filas de datos; se esperaba al menos una.",
                    "en": "The sheet has no data rows; at least one was expected."},
    # --- cells ------------------------------------------------------------------------------
    "blank": {"es": "Celda vacía; se esperaba {expected}.",
              "en": "Empty cell; expected {expected}."},
    "not_number": {"es": "Se esperaba un número.", "en": "A number was expected."},
    "not_integer": {"es": "Se esperaba un número entero.", "en": "A whole number was expected."},
    "below_min": {"es": "El valor debe ser al menos {minimum}.",
                  "en": "The value must be at least {minimum}."},
    "above_max": {"es": "El valor debe ser como máximo {maximum}.",
                  "en": "The value must be at most {maximum}."},
    "bad_choice": {"es": "Valor no permitido; se esperaba uno de: {allowed}.",
                   "en": "Value not allowed; expected one of: {allowed}."},
    "bad_bool": {"es": "Se esperaba sí o no.", "en": "Yes or no was expected."},
    "duplicate": {"es": "Valor repetido de {key} (ya aparece en la fila {first}).",
                  "en": "Repeated {key} (already in row {first})."},
    # --- references between sheets ----------------------------------------------------------
    "unknown_unit": {"es": "La CLUES no existe en la hoja «unidades».",
                     "en": "This CLUES is not in sheet «unidades»."},
    "unknown_category": {"es": "La categoría no existe en la hoja «categorias».",
                         "en": "This category is not in sheet «categorias»."},
    "required_blank": {"es": "«requeridos» solo puede quedar en blanco para Medicina general en "
                             "un centro de salud (ahí vale la meta de médicos por centro).",
                       "en": "«requeridos» may be blank only for a centre's general medicine."},
    "general_count": {"es": "Debe haber exactamente una categoría de tipo «medicina general»; "
                            "hay {count}.",
                      "en": "Exactly one category must be of type general medicine; found "
                            "{count}."},
    "requires_self": {"es": "Una categoría no puede requerirse a sí misma.",
                      "en": "A category cannot require itself."},
    "requires_unknown": {"es": "La categoría requerida no existe en la hoja «categorias».",
                         "en": "The required category is not in sheet «categorias»."},
    "requires_chain": {"es": "La categoría requerida también requiere otra; solo se admite un "
                             "nivel (A requiere B, y B no requiere nada).",
                       "en": "The required category requires another one; only one level is "
                             "allowed."},
    "requires_general": {"es": "La categoría de medicina general no puede requerir otra: los "
                               "centros de salud no tienen especialistas, así que ningún centro "
                               "podría recibir médicos generales.",
                         "en": "The general-medicine category cannot require another one: "
                               "centres have no specialists, so no centre could receive general "
                               "doctors."},
    "grade_missing": {"es": "Falta el peso del grado «{grade}», que usan {count} unidades.",
                      "en": "Grade «{grade}» has no weight but {count} units use it."},
    "pool_state_unknown": {"es": "Ninguna unidad pertenece a la entidad {state}; estos candidatos "
                                 "no tendrían a dónde ir.",
                           "en": "No unit belongs to state {state}; these candidates could not "
                                 "be placed."},
    "state_name_mismatch": {"es": "La clave de entidad {code} aparece con otro nombre («{other}», "
                                  "fila {first}).",
                            "en": "State code {code} appears with another name («{other}», row "
                                  "{first})."},
    "unknown_param": {"es": "Parámetro desconocido; los parámetros válidos son: {allowed}.",
                      "en": "Unknown parameter; valid parameters are: {allowed}."},
    "param_missing": {"es": "Falta el parámetro obligatorio «{param}».",
                      "en": "Required parameter «{param}» is missing."},
    "no_solution_hint": {"es": "El optimizador no encontró ningún plan en {seconds} s. Suba el "
                               "límite de tiempo (--time-limit o el parámetro limite_tiempo_s) o "
                               "acepte una brecha mayor (brecha_mip).",
                         "en": "The solver found no plan within {seconds} s. Raise the time limit "
                               "(--time-limit or limite_tiempo_s) or accept a larger gap "
                               "(brecha_mip)."},
    # --- outputs ----------------------------------------------------------------------------
    "output_is_input": {"es": "El archivo de resultados no puede ser el mismo libro de entrada "
                              "({path}); elija otro nombre.",
                        "en": "The result file cannot be the input workbook ({path})."},
    "output_folder_missing": {"es": "La carpeta de salida no existe: {path}.",
                              "en": "The output folder does not exist: {path}."},
    "output_is_folder": {"es": "La salida «{path}» es una carpeta; indique un nombre de archivo "
                               ".xlsx dentro de ella.",
                         "en": "The output «{path}» is a folder; give an .xlsx file name in it."},
    "output_not_writable": {"es": "No se puede escribir en la carpeta de salida: {path}.",
                            "en": "The output folder is not writable: {path}."},
    # --- sweeps (planner/sweep.py) ------------------------------------------------------------
    "grid_unknown_column": {"es": "Columna desconocida en la rejilla del barrido; las columnas "
                                  "válidas son: {allowed} (con una categoría existente).",
                            "en": "Unknown column in the sweep grid; valid columns are: "
                                  "{allowed} (with an existing category)."},
    "grid_budget_twice": {"es": "La rejilla ya trae la columna «presupuesto_bono_mensual»; no "
                                "use además --budget-from/--budget-to.",
                          "en": "The grid already has column «presupuesto_bono_mensual»; do not "
                                "also use --budget-from/--budget-to."},
    "sweep_no_points": {"es": "Indique los puntos del barrido: --budget-from, --budget-to y "
                              "--steps, o --grid ARCHIVO.",
                        "en": "Give the sweep's points: --budget-from, --budget-to and --steps, "
                              "or --grid FILE."},
    # --- marginal values (planner/sensitivity.py) --------------------------------------------
    "mv_resource_supply": {"es": "candidatos: {category}", "en": "candidates: {category}"},
    "mv_resource_budget": {"es": "presupuesto mensual de bonos",
                           "en": "monthly bonus budget"},
    "mv_step_supply": {"es": "+1 candidato", "en": "+1 candidate"},
    "mv_step_budget": {"es": "+1 millón MXN al mes", "en": "+1 million MXN per month"},
    "mv_subject_supply": {"es": "Un candidato más de {category}",
                          "en": "One more {category} candidate"},
    "mv_subject_budget": {"es": "Un millón de pesos más al mes",
                          "en": "One more million pesos per month"},
    "mv_gain": {"es": "{subject} aumentaría la necesidad cubierta en {lp}",
                "en": "{subject} would raise the weighted need covered by {lp}"},
    "mv_confirmed": {"es": " (confirmado: +{gain}).", "en": " (confirmed: +{gain})."},
    "mv_differs": {"es": " según la relajación lineal; el plan entero re-optimizado gana "
                         "+{gain}.",
                   "en": " according to the LP relaxation; the re-optimised integer plan gains "
                         "+{gain}."},
    "mv_uncertain": {"es": " (la re-optimización no llegó al óptimo probado; cifra aproximada)",
                     "en": " (the re-optimisation did not prove optimality; approximate)"},
    "mv_failed": {"es": " según la relajación lineal (la re-optimización no encontró plan).",
                  "en": " according to the LP relaxation (the re-optimisation found no plan)."},
    "mv_unchecked": {"es": " según la relajación lineal (sin confirmar con el modelo entero).",
                     "en": " according to the LP relaxation (not checked with the integer "
                           "model)."},
    "mv_rate_supply": {"es": " La tasa de la relajación solo vale para los primeros {valid} "
                             "candidatos adicionales.",
                       "en": " The relaxation's rate holds only for the first {valid} extra "
                             "candidates."},
    "mv_rate_budget": {"es": " La relajación da {rate} por peso, tasa que solo vale para los "
                             "primeros {valid} adicionales; el millón completo se mide con la "
                             "re-optimización.",
                       "en": " The relaxation gives {rate} per peso, a rate that holds only for "
                             "the first {valid} extra; the full million is measured by "
                             "re-optimising."},
    "mv_rate_budget_unknown": {"es": " La relajación da {rate} por peso; este solver no informa "
                                     "hasta dónde vale esa tasa, que suele agotarse mucho antes "
                                     "del millón.",
                               "en": " The relaxation gives {rate} per peso; this solver does not "
                                     "report how far that rate holds, usually far short of a "
                                     "million."},
    "mv_zero_proven": {"es": "{subject} no aumentaría la necesidad cubierta (demostrado: el "
                             "plan ya alcanza la cota de la relajación y este recurso no la "
                             "limita).",
                       "en": "{subject} would not raise the weighted need covered (proven: the "
                             "plan already reaches the relaxation's bound and this resource does "
                             "not limit it)."},
    "mv_zero_slack": {"es": "{subject} no aumentaría la necesidad cubierta según la relajación "
                            "lineal: el plan deja sin usar {slack} de {available}.",
                      "en": "{subject} would not raise the weighted need covered according to "
                            "the LP relaxation: the plan leaves {slack} of {available} unused."},
    "mv_zero": {"es": "{subject} no aumentaría la necesidad cubierta según la relajación lineal.",
                "en": "{subject} would not raise the weighted need covered according to the LP "
                      "relaxation."},
    "mv_zero_but_integer": {"es": "La relajación lineal no ve ganancia, pero con el modelo "
                                  "entero re-optimizado {subject_lower} gana +{gain}.",
                            "en": "The LP relaxation sees no gain, but with the re-optimised "
                                  "integer model {subject_lower} gains +{gain}."},
    "mv_note": {"es": "Valores marginales de la relajación lineal (LP): cuánta necesidad "
                      "ponderada adicional se cubriría con un candidato más de cada categoría o "
                      "con un millón de pesos más al mes de presupuesto de bonos. El valor dual "
                      "del presupuesto es por peso y solo vale dentro de su rango "
                      "(tasa_valida_hasta); por eso cada valor se confirma re-optimizando el "
                      "modelo entero con el recurso adicional (ganancia_plan_entero), hasta "
                      "{max_resolves} re-optimizaciones, las de mayor valor primero.",
                "en": "Marginal values of the LP relaxation: weighted need gained per extra "
                      "candidate of each category and per extra million pesos per month of bonus "
                      "budget. The budget's dual is per peso and holds only within its range "
                      "(rate_valid_up_to); each value is therefore checked by re-optimising the "
                      "integer model with the extra resource (integer_gain), up to "
                      "{max_resolves} re-optimisations, highest value first."},
    "mv_none": {"es": "No hay valores marginales: el plan no tiene solución o no se resolvió la "
                      "relajación lineal.",
                "en": "No marginal values: the plan has no solution or the LP relaxation was "
                      "not solved."},
    # --- rules of DESIGN §2b: explained infeasibility (planner/indicators.rule_messages) ------
    "unmet_one_doctor": {"es": "Faltan {shortfall} médicos generales para que cada centro de "
                               "salud tenga uno: {where}.",
                         "en": "{shortfall} general doctors are missing for every health centre "
                               "to have one: {where}."},
    "unmet_equity_floor": {"es": "Faltan {shortfall} médicos de {category} para el piso de "
                                 "equidad (cada entidad recibe al menos el {alpha} de su parte "
                                 "proporcional): {where}.",
                           "en": "{shortfall} {category} doctors are missing for the equity "
                                 "floor (each state gets at least {alpha} of its proportional "
                                 "share): {where}."},
    "unmet_one_doctor_1": {"es": "Falta 1 médico general para que cada centro de salud tenga "
                                 "uno: {where}.",
                           "en": "1 general doctor is missing for every health centre to have "
                                 "one: {where}."},
    "unmet_equity_floor_1": {"es": "Falta 1 médico de {category} para el piso de equidad (cada "
                                   "entidad recibe al menos el {alpha} de su parte "
                                   "proporcional): {where}.",
                             "en": "1 {category} doctor is missing for the equity floor (each "
                                   "state gets at least {alpha} of its proportional "
                                   "share): {where}."},
    "unmet_rule": {"es": "Faltan {shortfall} médicos de {category}: {where}.",
                   "en": "{shortfall} {category} doctors are missing: {where}."},
    "and_more_states": {"es": " y {n} entidades más", "en": " and {n} more states"},
    "unmet_no_vacancy": {"es": "{n} centro(s) sin vacante de {category} en «plantilla» "
                               "(«requeridos» 0 o sin fila) no pueden recibir médico: corrija la "
                               "plantilla o desactive minimo_un_medico_por_centro.",
                         "en": "{n} centre(s) with no {category} vacancy in «plantilla» "
                               "(«requeridos» 0 or no row) cannot receive a doctor: fix the "
                               "staffing or switch off minimo_un_medico_por_centro."},
    "unmet_limits": {"es": "Faltan en total: {total}. Qué lo impide: {parts}.",
                     "en": "Missing in all: {total}. What stands in the way: {parts}."},
    "if_more_candidates": {"es": "con candidatos sin límite faltarían {n}",
                           "en": "with unlimited candidates {n} would be missing"},
    "if_more_budget": {"es": "con presupuesto de bonos sin límite faltarían {n}",
                       "en": "with an unlimited bonus budget {n} would be missing"},
    "if_national_pools": {"es": "si todos los candidatos fueran de la bolsa nacional faltarían "
                                "{n}",
                          "en": "if every candidate were in the national pool {n} would be "
                                "missing"},
    "if_no_links": {"es": "sin la regla de especialidades ligadas faltarían {n}",
                    "en": "without the linked-specialty rule {n} would be missing"},
    "infeasible_head": {"es": "El escenario es infactible: las reglas duras no se pueden cumplir "
                              "con los candidatos y el presupuesto disponibles.",
                        "en": "The scenario is infeasible: the hard rules cannot be met with the "
                              "candidates and budget available."},
    "infeasible_unexplained": {"es": "No se pudo calcular qué reglas fallan dentro del límite de "
                                     "tiempo.",
                               "en": "Which rules fail could not be computed within the time "
                                     "limit."},
    "infeasible_no_workbook": {"es": "No se escribe libro de resultados de un escenario "
                                     "infactible; ajuste las reglas (cobertura_minima_entidad, "
                                     "minimo_un_medico_por_centro), los candidatos o el "
                                     "presupuesto y vuelva a resolver.",
                               "en": "No result workbook is written for an infeasible scenario; "
                                     "adjust the rules, the candidates or the budget and solve "
                                     "again."},
    # --- registered candidates (sheet «candidatos», issue 14) --------------------------------
    "cand_curp": {"es": "La columna tiene {n} valor(es) con forma de CURP: los datos personales "
                        "(CURP, nombres) no deben estar en el archivo. Use un folio anónimo y "
                        "guarde la relación folio–persona fuera del libro.",
                  "en": "The column has {n} CURP-like value(s): personal data (CURP, names) must "
                        "not be in the file. Use an anonymous folio and keep the folio–person "
                        "key outside the workbook."},
    "cand_option_unknown": {"es": "La opción no es una CLUES de «unidades», ni un municipio "
                                  "escrito «clave_entidad/municipio» (p. ej. 13/Pachuca de "
                                  "Soto), ni una entidad (clave o nombre) con unidades.",
                            "en": "The option is not a CLUES in «unidades», a municipality "
                                  "written «state_code/municipality» (e.g. 13/Pachuca de Soto) "
                                  "or a state (code or name) with units."},
    "cand_option_no_post": {"es": "Ninguna unidad de esta opción tiene vacantes de {category} "
                                  "en «plantilla»: el candidato no podría ocuparla.",
                            "en": "No unit of this option has a {category} vacancy in "
                                  "«plantilla»: the candidate could not take it."},
    "cand_state_unknown": {"es": "Ninguna unidad pertenece a la entidad {state}.",
                           "en": "No unit belongs to state {state}."},
    "cand_mode_without_list": {"es": "modo_asignacion es «{mode}» pero el libro no tiene "
                                     "candidatos registrados: llene la hoja «candidatos» o use "
                                     "por_oferta.",
                               "en": "modo_asignacion is «{mode}» but the workbook has no "
                                     "registered candidates: fill the «candidatos» sheet or use "
                                     "por_oferta."},
    "cand_head": {"es": "Asignación de candidatos registrados (modo {mode}): {placed} de {total} "
                        "colocados; {first} en su primera opción.",
                  "en": "Registered-candidate assignment ({mode} mode): {placed} of {total} "
                        "placed; {first} in their first choice."},
    "cand_price": {"es": "Precio de la estabilidad: la asignación estable cubre {stable} de "
                         "necesidad ponderada frente a {optimal} de la óptima ({lost}, "
                         "{pct} menos).",
                   "en": "Price of stability: the stable assignment covers {stable} weighted "
                         "need against {optimal} for the optimal one ({lost}, {pct} less)."},
    "cand_blocking": {"es": "La asignación óptima tiene {n} pares bloqueantes (candidato y plaza "
                            "que se preferirían mutuamente a lo asignado).",
                      "en": "The optimal assignment has {n} blocking pairs (a candidate and a "
                            "post who would both rather have each other)."},
    "cand_unwanted": {"es": "{posts} plazas ({vacancies} vacantes) no las eligió ningún "
                            "candidato registrado; la mayor cifra: {where}.",
                      "en": "{posts} posts ({vacancies} vacancies) were chosen by no registered "
                            "candidate; the largest figure: {where}."},
    # --- expected values --------------------------------------------------------------------
    "exp_text": {"es": "un texto", "en": "a text"},
    "exp_int": {"es": "un número entero", "en": "a whole number"},
    "exp_number": {"es": "un número", "en": "a number"},
    "exp_bool": {"es": "sí o no", "en": "yes or no"},
    "exp_choice": {"es": "uno de: {allowed}", "en": "one of: {allowed}"},
}


def t(message: str, lang: str = DEFAULT_LANG, **fields: object) -> str:
    """The message with key ``message`` in ``lang``, formatted with ``fields``."""
    entry = MESSAGES[message]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**fields) if fields else text
