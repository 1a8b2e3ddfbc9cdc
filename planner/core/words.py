"""Every sentence and label a planner reads, in Spanish (es-MX, the default) and English.

The one catalogue of the app, the CLI, the workbooks, the guards and validation. Messages are
looked up by key and formatted with named fields, so an issue or a report can be rendered in
either language from the same data; every key has both languages with the same fields
(tests/test_words.py). Category and state names are data and stay as the workbook writes them.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGS = ("es", "en")
DEFAULT_LANG = "es"
LANG_NAMES = {"es": "Español", "en": "English"}

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
    "sheet_too_large": {"es": "La hoja tiene {rows} filas de datos sin contar el encabezado (filas "
                              "{first} a {last}); el máximo es {limit}. Divida el escenario en "
                              "libros más pequeños (por ejemplo, por entidad).",
                        "en": "The sheet has {rows} data rows besides the header (rows {first} "
                              "to {last}); at most {limit}. Split the scenario into smaller "
                              "workbooks (for example by state)."},
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
    "grid_extra_fields": {
        "es": "La fila tiene {found} valores separados por «{sep}», pero el encabezado tiene "
              "{columns}. Si escribió un decimal con coma (2,5), en un archivo separado por "
              "comas eso parte la celda en dos: separe las columnas con «;» o ponga el valor "
              "entre comillas (\"2,5\"); el planeador lee los decimales con punto (2.5).",
        "en": "The row has {found} values separated by «{sep}», but the header has {columns}. "
              "If you typed a decimal comma (2,5), in a comma-separated file it splits the cell "
              "in two: separate the columns with «;» or put the value in quotes (\"2,5\"); the "
              "planner reads decimals with a point (2.5)."},
    "grid_n_columns_one": {"es": "{n} columna", "en": "{n} column"},
    "grid_n_columns_many": {"es": "{n} columnas", "en": "{n} columns"},
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
    # --- acceptance (issue 13) -----------------------------------------------------------
    "bad_param_choice": {"es": "Valor no permitido; se esperaba uno de: {allowed}.",
                         "en": "Value not allowed; expected one of: {allowed}."},
    "bonus_levels_missing": {"es": "modo_bono = por_hospital necesita niveles de bono: llene la "
                                   "hoja «niveles_bono» (tipo, zona, bono_mensual) o use "
                                   "modo_bono = fijo.",
                             "en": "modo_bono = por_hospital needs bonus levels: fill the "
                                   "«niveles_bono» sheet (tipo, zona, bono_mensual) or use "
                                   "modo_bono = fijo."},
    "acceptance_falls": {"es": "Aviso, hoja «aceptacion», fila {row}: la probabilidad baja de "
                               "{p_low} (bono {low}) a {p} (bono {bonus}) aunque el bono sube; "
                               "revise la curva.",
                         "en": "Warning, sheet «aceptacion», row {row}: the probability falls "
                               "from {p_low} (bonus {low}) to {p} (bonus {bonus}) as the bonus "
                               "rises; check the curve."},
    "acc_gain": {"es": "Con el mismo presupuesto, el bono diferenciado llena {n} plazas más "
                       "(P10–P90: {lo} a {hi}) que el bono uniforme de 2024 y cubre {need} "
                       "más necesidad ponderada esperada ({pct} %).",
                 "en": "With the same budget, the differentiated bonus fills {n} more posts "
                       "(P10–P90: {lo} to {hi}) than the uniform 2024 bonus and covers {need} "
                       "more expected weighted need ({pct} %)."},
    "acc_loss": {"es": "Con el mismo presupuesto, el bono diferenciado llena {n} plazas menos "
                       "(P10–P90 de la diferencia: {lo} a {hi}) que el bono uniforme de 2024, "
                       "pero cubre {need} más necesidad ponderada esperada ({pct} %): lleva "
                       "médicos a donde más pesan.",
                 "en": "With the same budget, the differentiated bonus fills {n} fewer posts "
                       "(P10–P90 of the difference: {lo} to {hi}) than the uniform 2024 bonus, "
                       "but covers {need} more expected weighted need ({pct} %): doctors go "
                       "where they weigh most."},
    "acc_muy_alto": {"es": "Especialistas que se espera lleguen a hospitales de marginación muy "
                           "alta: {plan} con el bono diferenciado, {hand} con el uniforme de 2024.",
                     "en": "Specialists expected at very-high-marginalization hospitals: {plan} "
                           "with the differentiated bonus, {hand} with the uniform 2024 bonus."},
    "acc_gain_state": {"es": "{state}: {n} plazas frente al bono uniforme 2024 (P10–P90: {lo} a "
                             "{hi}).",
                       "en": "{state}: {n} posts against the uniform 2024 bonus (P10–P90: {lo} "
                             "to {hi})."},
    "acc_expected": {"es": "Plazas que se espera llenar: {mean} (P10–P90: {lo} a {hi}) de "
                           "{offers} ofertas; bono esperado {bonus} al mes.",
                     "en": "Posts expected to be filled: {mean} (P10–P90: {lo} to {hi}) of "
                           "{offers} offers; expected bonus {bonus} a month."},
    # the same sentences when nothing was simulated (no --simulate): no P10–P90 to give
    "acc_gain_point": {"es": "Con el mismo presupuesto, el bono diferenciado llena {n} plazas más "
                             "que el bono uniforme de 2024 y cubre {need} más necesidad ponderada "
                             "esperada ({pct} %).",
                       "en": "With the same budget, the differentiated bonus fills {n} more posts "
                             "than the uniform 2024 bonus and covers {need} more expected "
                             "weighted need ({pct} %)."},
    "acc_loss_point": {"es": "Con el mismo presupuesto, el bono diferenciado llena {n} plazas "
                             "menos que el bono uniforme de 2024, pero cubre {need} más necesidad "
                             "ponderada esperada ({pct} %): lleva médicos a donde más pesan.",
                       "en": "With the same budget, the differentiated bonus fills {n} fewer "
                             "posts than the uniform 2024 bonus, but covers {need} more expected "
                             "weighted need ({pct} %): doctors go where they weigh most."},
    "acc_gain_state_point": {"es": "{state}: {n} plazas frente al bono uniforme 2024.",
                             "en": "{state}: {n} posts against the uniform 2024 bonus."},
    "acc_expected_point": {"es": "Plazas que se espera llenar: {mean} de {offers} ofertas; bono "
                                 "esperado {bonus} al mes.",
                           "en": "Posts expected to be filled: {mean} of {offers} offers; "
                                 "expected bonus {bonus} a month."},
    "acc_synthetic": {"es": "Probabilidades de aceptación: supuestos calibrados con cifras "
                            "públicas (ver LEEME y docs/MODELO.md), no datos observados por "
                            "unidad.",
                      "en": "Acceptance probabilities: assumptions calibrated on public "
                            "figures (see LEEME and docs/MODELO.md), not observed per unit."},
    # --- first screen and what-if form (helper "front": issues 13 and 15) ----------------------
    "fs_heading": {"es": "Plazas que se espera llenar", "en": "Posts expected to be filled"},
    "fs_expected": {"es": "Plazas que se espera llenar", "en": "Posts expected to be filled"},
    "fs_expected_ctx": {"es": "P10–P90: {lo} a {hi} · de {offers} ofertas ({share})",
                        "en": "P10–P90: {lo} to {hi} · of {offers} offers ({share})"},
    "fs_expected_help": {"es": "Estimación del modelo: cada oferta se acepta con una "
                               "probabilidad supuesta (curvas calibradas con cifras públicas, "
                               "ver {doc}). Intervalo de {draws} simulaciones, semilla {seed}.",
                         "en": "Model estimate: each offer is accepted with an assumed "
                               "probability (curves calibrated on public figures, see {doc}). "
                               "Interval from {draws} simulations, seed {seed}."},
    "fs_gain": {"es": "Frente al bono uniforme 2024", "en": "Against the uniform 2024 bonus"},
    "fs_gain_ctx": {"es": "plazas llenas, mismo presupuesto · P10–P90: {lo} a {hi} · "
                          "necesidad ponderada {need}",
                    "en": "filled posts, same budget · P10–P90: {lo} to {hi} · weighted "
                          "need {need}"},
    "fs_gain_help": {"es": "Diferencia entre el bono diferenciado de este plan y el bono "
                           "uniforme por zona de 2024 en todos los hospitales elegibles, con el "
                           "mismo presupuesto: plazas que se espera llenar y necesidad ponderada "
                           "esperada.",
                     "en": "Difference between this plan's differentiated bonus and the 2024 "
                           "uniform zone bonus at every eligible hospital, at the same budget: "
                           "posts expected to be filled and expected weighted need."},
    "fs_estimate_note": {"es": "Son **estimaciones del modelo** a partir de curvas de aceptación "
                               "supuestas, no datos observados: la hoja LEEME del libro y "
                               "{doc} dicen qué es dato y qué es supuesto.",
                         "en": "These are **model estimates** from assumed acceptance curves, "
                               "not observed data: the workbook's LEEME sheet and {doc} say "
                               "what is data and what is assumption."},
    "fs_calibration": {"es": "Cómo se calibraron las curvas ({doc})",
                       "en": "How the curves were calibrated ({doc})"},
    "fs_states_header": {"es": "Por entidad: plazas que se espera llenar (P10–P90) y "
                               "probabilidad de llegar a la meta",
                         "en": "By state: posts expected to be filled (P10–P90) and the "
                               "probability of reaching the target"},
    "fs_chart_axis": {"es": "Plazas llenas (P10–P90)", "en": "Filled posts (P10–P90)"},
    "fs_col_offers": {"es": "Ofertas", "en": "Offers"},
    "fs_col_expected": {"es": "Llenas esperadas", "en": "Expected filled"},
    "fs_col_p10": {"es": "P10", "en": "P10"},
    "fs_col_p90": {"es": "P90", "en": "P90"},
    "fs_col_hand": {"es": "Bono uniforme 2024", "en": "Uniform 2024 bonus"},
    "fs_col_gain": {"es": "Diferencia", "en": "Difference"},
    "fs_col_target": {"es": "Meta (esperado 2024)", "en": "Target (2024 expected)"},
    "fs_states_note": {"es": "Barra: de P10 a P90 de las plazas llenas con este plan; raya: la "
                             "mediana; punto gris: lo que llena en promedio el bono uniforme "
                             "2024. La meta de cada entidad es ese promedio del bono 2024 "
                             "(redondeado hacia arriba); la probabilidad es la de llenar al "
                             "menos eso.",
                       "en": "Bar: P10 to P90 of the posts filled with this plan; tick: the "
                             "median; grey dot: what the uniform 2024 bonus fills on average. "
                             "Each state's target is that 2024 average (rounded up); the "
                             "probability is that of filling at least that."},
    "fs_col_p_target": {"es": "Prob. de llegar a la meta", "en": "Prob. of reaching the target"},
    "fs_col_hand_p_target": {"es": "Prob. con bono 2024", "en": "Prob. with 2024 bonus"},
    "fs_not_comparable_target": {"es": "No comparable con el plan base: la meta cambió de {old} "
                                       "a {new} médicos por centro.",
                                 "en": "Not comparable with the baseline: the target changed "
                                       "from {old} to {new} doctors per centre."},
    "fs_not_comparable_states": {"es": "No comparable con el plan base: este escenario cubre "
                                       "{n} de sus {total} entidades.",
                                 "en": "Not comparable with the baseline: this scenario covers "
                                       "{n} of its {total} states."},
    "fs_not_comparable_weights": {"es": "No comparable con el plan base: cambiaron los pesos de "
                                        "la necesidad.",
                                  "en": "Not comparable with the baseline: the need's weights "
                                        "changed."},
    "fs_ctx_of": {"es": "de {total} ({share})", "en": "of {total} ({share})"},
    "fs_ctx_target": {"es": "meta {target} médicos", "en": "target {target} doctors"},
    "fs_ctx_today": {"es": "hoy {today}", "en": "today {today}"},
    "fs_ctx_spec": {"es": "de {gap} vacantes ({share}) · {bonus} en hospitales con bono",
                    "en": "of {gap} vacancies ({share}) · {bonus} at bonus hospitals"},
    "fs_ctx_of_vacancies": {"es": "de {total} vacantes ({share})",
                            "en": "of {total} vacancies ({share})"},
    "fs_ctx_budget": {"es": "de {budget} ({share})", "en": "of {budget} ({share})"},
    "fs_ctx_candidates": {"es": "de {total} candidatos ({share})",
                          "en": "of {total} candidates ({share})"},
    "fs_ctx_hand": {"es": "regla manual {hand} ({share})", "en": "hand rule {hand} ({share})"},
    "fs_split": {"es": "De los **{total}** especialistas asignados, **{bonus_units}** van a "
                       "hospitales con bono y **{elsewhere}** a otros hospitales; bono pagado "
                       "**{paid}** al mes.",
                 "en": "Of the **{total}** specialists placed, **{bonus_units}** go to "
                       "bonus hospitals and **{elsewhere}** elsewhere; bonus paid **{paid}** "
                       "a month."},
    "fs_split_delta": {"es": "De los **{total}** especialistas asignados, **{bonus_units}** van "
                             "a hospitales con bono ({d_bonus} frente al plan base) y "
                             "**{elsewhere}** a otros hospitales ({d_else}); bono pagado "
                             "**{paid}** al mes ({d_paid}).",
                       "en": "Of the **{total}** specialists placed, **{bonus_units}** go to "
                             "bonus hospitals ({d_bonus} against the baseline) and "
                             "**{elsewhere}** elsewhere ({d_else}); bonus paid **{paid}** a "
                             "month ({d_paid})."},
    "fs_wait_other_model": {
        "es": "Optimizando el escenario… Este cálculo resuelve otro modelo que el plan base "
              "({mode}), así que puede tardar varias veces los {seconds} s del plan base. El "
              "optimizador se detiene a más tardar a los {limit} s (límite de tiempo); los "
              "indicadores y la simulación se suman a eso.",
        "en": "Optimising the scenario… This run solves another model than the baseline's "
              "({mode}), so it may take several times the baseline's {seconds} s. The optimiser "
              "stops at {limit} s at most (time limit); indicators and the simulation come on "
              "top."},
    "fs_wait": {"es": "Optimizando el escenario… El plan base tardó unos {seconds} s; este "
                      "cálculo suele tardar algo parecido. El optimizador se detiene a más "
                      "tardar a los {limit} s (límite de tiempo); los indicadores y la "
                      "simulación se suman a eso, y tardan más si el equipo está ocupado.",
                "en": "Optimising the scenario… The baseline took about {seconds} s; this run "
                      "usually takes about as long. The optimiser stops at {limit} s at most "
                      "(time limit); indicators and the simulation come on top, and take "
                      "longer on a busy machine."},
    "fs_done": {"es": "Listo en {seconds} s.", "en": "Done in {seconds} s."},
    "fs_no_plan_in": {"es": "Sin plan tras {seconds} s: vea la causa abajo.",
                      "en": "No plan after {seconds} s: see the cause below."},
    "fs_baseline_wait": {"es": "Calculando el plan base: validar el libro, optimizar y simular "
                               "1,000 veces la aceptación de las ofertas. En el escenario "
                               "nacional toma unos 15 a 40 segundos la primera vez; después "
                               "queda guardado en disco y abre en segundos.",
                         "en": "Computing the baseline plan: validating the workbook, "
                               "optimising and simulating offer acceptance 1,000 times. On the "
                               "national scenario it takes about 15 to 40 seconds the first "
                               "time; after that it is kept on disk and opens in seconds."},
    "fs_cause": {"es": "Hay {have} candidatos de {category}; la regla «{rule}» necesita al "
                       "menos {need} y se alcanzan {reached}: faltan {short}.",
                 "en": "There are {have} {category} candidates; the rule «{rule}» needs at "
                       "least {need} and {reached} are reached: {short} missing."},
    "fs_try_head": {"es": "**Qué ayudaría:**", "en": "**What would help:**"},
    "fs_try_candidates": {"es": "Más candidatos ({what}): seguirían faltando {left}.",
                          "en": "More candidates ({what}): {left} would still be missing."},
    "fs_try_candidates_all": {"es": "Más candidatos: {what}.",
                              "en": "More candidates: {what}."},
    "fs_try_candidates_cat": {"es": "{category} a {n}", "en": "{category} to {n}"},
    "fs_try_budget": {"es": "Más presupuesto de bonos: seguirían faltando {left}.",
                      "en": "More bonus budget: {left} would still be missing."},
    "fs_try_budget_all": {"es": "Más presupuesto de bonos: bastaría para cumplir las reglas.",
                          "en": "More bonus budget: it would be enough to meet the rules."},
    "fs_try_pools": {"es": "Bolsas de candidatos nacionales en lugar de por entidad: seguirían "
                           "faltando {left}.",
                     "en": "National candidate pools instead of per state: {left} would still "
                           "be missing."},
    "fs_try_pools_all": {"es": "Bolsas de candidatos nacionales en lugar de por entidad: "
                               "bastaría para cumplir las reglas.",
                         "en": "National candidate pools instead of per state: enough to meet "
                               "the rules."},
    "fs_try_links": {"es": "Sin especialidades vinculadas: seguirían faltando {left}.",
                     "en": "Without linked specialties: {left} would still be missing."},
    "fs_try_links_all": {"es": "Sin especialidades vinculadas: bastaría para cumplir las reglas.",
                         "en": "Without linked specialties: enough to meet the rules."},
    "fs_try_one_doctor": {"es": "Quitar «al menos un médico general por centro».",
                          "en": "Switch off «at least one general doctor per centre»."},
    "fs_try_floor": {"es": "Bajar la cobertura mínima por entidad.",
                     "en": "Lower the minimum coverage per state."},
    "fs_try_rules": {"es": "Relajar las reglas duras activas.",
                     "en": "Relax the hard rules that are on."},
    "fs_try_save": {"es": "Puede guardar este escenario en «Escenarios» para compararlo; el plan "
                          "base sigue disponible con «Volver al plan base».",
                    "en": "You can save this scenario under «Scenarios» to compare it; the "
                          "baseline stays available with «Back to the baseline plan»."},
    "fs_money_echo": {"es": "{value} al mes", "en": "{value} a month"},
    # --- end of first screen (helper "front") ----------------------------------------------------
    "sim_heading": {"es": "Plazas que se espera llenar (aceptación de ofertas)",
        "en": "Posts expected to be filled (offer acceptance)"},
    "sim_draws": {"es": "Intervalos P10–P90 de {draws} simulaciones (semilla {seed}).",
        "en": "P10–P90 intervals from {draws} simulations (seed {seed})."},
    "sim_col_state_code": {"es": "clave_entidad", "en": "state_code"},
    "sim_col_state": {"es": "entidad", "en": "state"},
    "sim_col_offers": {"es": "ofertas del plan", "en": "plan offers"},
    "sim_col_expected": {"es": "plazas llenas esperadas", "en": "expected posts filled"},
    "sim_col_p10": {"es": "P10", "en": "P10"},
    "sim_col_p50": {"es": "P50", "en": "P50"},
    "sim_col_p90": {"es": "P90", "en": "P90"},
    "sim_col_target": {"es": "meta (esperado 2024, redondeado arriba)",
        "en": "target (2024 expected, rounded up)"},
    "sim_col_p_target": {"es": "probabilidad de llegar a la meta",
        "en": "probability of reaching the target"},
    "sim_col_offers_hand": {"es": "ofertas política 2024", "en": "2024 policy offers"},
    "sim_col_expected_hand": {"es": "llenas esperadas política 2024",
        "en": "2024 policy expected filled"},
    "sim_col_hand_p10": {"es": "P10 política 2024", "en": "2024 policy P10"},
    "sim_col_hand_p90": {"es": "P90 política 2024", "en": "2024 policy P90"},
    "sim_col_hand_p_target": {"es": "prob. meta política 2024",
        "en": "2024 policy prob. of target"},
    "sim_col_gain_p10": {"es": "diferencia P10", "en": "difference P10"},
    "sim_col_gain_p90": {"es": "diferencia P90", "en": "difference P90"},
    "sim_col_centres_p50": {"es": "centros en meta (P50)", "en": "centres at target (P50)"},
    "sim_col_bonus_p50": {"es": "bono pagado al mes (P50)", "en": "bonus paid a month (P50)"},
    "sim_col_plan": {"es": "plan", "en": "plan"},
    "sim_col_metric": {"es": "indicador", "en": "indicator"},
    "sim_col_mean": {"es": "media", "en": "mean"},
    "sim_col_sd": {"es": "desviación estándar", "en": "standard deviation"},
    "sim_col_note": {"es": "por entidad", "en": "by state"},
    "sim_metric_filled": {"es": "plazas llenas", "en": "posts filled"},
    "sim_metric_spec_bonus": {"es": "especialistas en hospitales con bono",
        "en": "specialists at bonus hospitals"},
    "sim_metric_centres": {"es": "centros en la meta", "en": "centres at target"},
    "sim_metric_bonus": {"es": "bono pagado al mes (MXN)", "en": "bonus paid a month (MXN)"},
    "sim_plan_plan": {"es": "plan optimizado", "en": "optimised plan"},
    "sim_plan_politica_2024": {"es": "política 2024 (bono uniforme)",
        "en": "2024 policy (uniform bonus)"},
    # --- expected values --------------------------------------------------------------------
    "exp_text": {"es": "un texto", "en": "a text"},
    "exp_int": {"es": "un número entero", "en": "a whole number"},
    "exp_number": {"es": "un número", "en": "a number"},
    "exp_bool": {"es": "sí o no", "en": "yes or no"},
    "exp_choice": {"es": "uno de: {allowed}", "en": "one of: {allowed}"},
    # --- details of a refused file (the {detail} of not_xlsx, unreadable, zip_bomb) --------------
    "detail_empty": {"es": "el archivo está vacío", "en": "the file is empty"},
    "detail_old_xls": {"es": "parece un .xls antiguo o un libro protegido con contraseña: quite la "
                             "contraseña y guárdelo como .xlsx",
                       "en": "it looks like an old .xls or a password-protected workbook: remove "
                             "the password and save it as .xlsx"},
    "detail_pdf": {"es": "es un PDF", "en": "it is a PDF"},
    "detail_empty_zip": {"es": "es un archivo ZIP vacío", "en": "it is an empty ZIP file"},
    "detail_html": {"es": "es una página HTML (algunos sistemas la exportan con extensión .xls): "
                          "ábrala en Excel y guárdela como .xlsx",
                    "en": "it is an HTML page (some systems export it with an .xls extension): "
                          "open it in Excel and save it as .xlsx"},
    "detail_xml": {"es": "es un archivo XML, no un libro .xlsx",
                   "en": "it is an XML file, not an .xlsx workbook"},
    "detail_text": {"es": "es un archivo de texto (¿CSV?): ábralo en Excel y guárdelo como .xlsx",
                    "en": "it is a text file (a CSV?): open it in Excel and save it as .xlsx"},
    "detail_not_zip": {"es": "el contenido no es un archivo ZIP de Office",
                       "en": "the content is not an Office ZIP file"},
    "detail_xlsb": {"es": "es un libro binario de Excel (.xlsb): guárdelo como .xlsx",
                    "en": "it is a binary Excel workbook (.xlsb): save it as .xlsx"},
    "detail_word": {"es": "es un documento de Word", "en": "it is a Word document"},
    "detail_powerpoint": {"es": "es una presentación de PowerPoint",
                          "en": "it is a PowerPoint presentation"},
    "detail_ods": {"es": "es una hoja de cálculo OpenDocument (.ods): guárdela como .xlsx",
                   "en": "it is an OpenDocument spreadsheet (.ods): save it as .xlsx"},
    "detail_zip_not_office": {"es": "es un archivo ZIP, pero no un libro de Office",
                              "en": "it is a ZIP file, but not an Office workbook"},
    "detail_office_not_excel": {"es": "es un archivo de Office, pero no un libro de Excel",
                                "en": "it is an Office file, but not an Excel workbook"},
    "detail_missing_part": {"es": "falta la parte «{part}» del libro",
                            "en": "the workbook's part «{part}» is missing"},
    "detail_truncated": {"es": "el archivo está dañado o incompleto (¿se cortó la descarga?)",
                         "en": "the file is damaged or incomplete (was the download cut short?)"},
    "detail_damaged": {"es": "el archivo está dañado o incompleto",
                       "en": "the file is damaged or incomplete"},
    "detail_part_size": {"es": "la parte «{part}» ocupa {size} MB",
                         "en": "the part «{part}» takes {size} MB"},
    "detail_members": {"es": "contiene {count:,} partes", "en": "it holds {count:,} parts"},
    "detail_password": {"es": "el libro está protegido con contraseña; quítela y vuelva a "
                              "guardarlo",
                        "en": "the workbook is password-protected; remove the password and save "
                              "it again"},
    "detail_compression": {"es": "la parte «{part}» usa un método de compresión no admitido",
                           "en": "the part «{part}» uses an unsupported compression method"},
    "detail_ratio": {"es": "la parte «{part}» se expande {ratio:,.0f} veces (máximo {limit})",
                     "en": "the part «{part}» expands {ratio:,.0f} times (at most {limit})"},
    "detail_total": {"es": "se expande a {size} MB (máximo {limit} MB)",
                     "en": "it expands to {size} MB (at most {limit} MB)"},
    "detail_bad_xml": {"es": "la parte «{part}» no es XML válido ({error})",
                       "en": "the part «{part}» is not valid XML ({error})"},
    "detail_larger": {"es": "la parte «{part}» es mayor de lo que declara",
                      "en": "the part «{part}» is larger than it declares"},
    "detail_part_damaged": {"es": "la parte «{part}» está dañada",
                            "en": "the part «{part}» is damaged"},
    "detail_sheet_xml": {"es": "la hoja no es XML válido ({error})",
                         "en": "the sheet is not valid XML ({error})"},
    "detail_encoding": {"es": "una hoja tiene una codificación de texto no admitida",
                        "en": "a sheet uses an unsupported text encoding"},
    # --- result workbook: column names (book_col_*) -------------------------------------------
    "book_col_clues": {"es": "CLUES", "en": "CLUES"},
    "book_col_name": {"es": "unidad", "en": "unit"},
    "book_col_kind": {"es": "tipo", "en": "type"},
    "book_col_state_code": {"es": "clave_entidad", "en": "state_code"},
    "book_col_state": {"es": "entidad", "en": "state"},
    "book_col_municipality": {"es": "municipio", "en": "municipality"},
    "book_col_zone": {"es": "zona", "en": "zone"},
    "book_col_grade": {"es": "grado_marginacion", "en": "marginalization"},
    "book_col_bonus_eligible": {"es": "elegible_bono", "en": "bonus_eligible"},
    "book_col_families": {"es": "familias", "en": "families"},
    "book_col_category": {"es": "categoria", "en": "category"},
    "book_col_required": {"es": "requeridos", "en": "required"},
    "book_col_before": {"es": "antes", "en": "before"},
    "book_col_placed": {"es": "asignados", "en": "placed"},
    "book_col_after": {"es": "despues", "en": "after"},
    "book_col_bonus_month": {"es": "bono_mensual_mxn", "en": "bonus_month_mxn"},
    "book_col_gp_required": {"es": "mg_requeridos", "en": "gp_required"},
    "book_col_gp_before": {"es": "mg_antes", "en": "gp_before"},
    "book_col_gp_placed": {"es": "mg_asignados", "en": "gp_placed"},
    "book_col_gp_after": {"es": "mg_despues", "en": "gp_after"},
    "book_col_spec_required": {"es": "esp_requeridos", "en": "spec_required"},
    "book_col_spec_before": {"es": "esp_antes", "en": "spec_before"},
    "book_col_spec_gap": {"es": "esp_brecha", "en": "spec_gap"},
    "book_col_spec_placed": {"es": "esp_asignados", "en": "spec_placed"},
    "book_col_spec_after": {"es": "esp_despues", "en": "spec_after"},
    "book_col_spec_gap_left": {"es": "esp_brecha_restante", "en": "spec_gap_left"},
    "book_col_at_target_before": {"es": "en_meta_antes", "en": "at_target_before"},
    "book_col_at_target_after": {"es": "en_meta_despues", "en": "at_target_after"},
    "book_col_no_doctor_before": {"es": "sin_medico_antes", "en": "no_doctor_before"},
    "book_col_no_doctor_after": {"es": "sin_medico_despues", "en": "no_doctor_after"},
    "book_col_centres": {"es": "centros", "en": "centres"},
    "book_col_hospitals": {"es": "hospitales", "en": "hospitals"},
    "book_col_coverage_after": {"es": "cobertura_meta_despues", "en": "coverage_after"},
    "book_col_candidates": {"es": "candidatos", "en": "candidates"},
    "book_col_gap": {"es": "brecha", "en": "gap"},
    "book_col_current": {"es": "actuales", "en": "current"},
    "book_col_unplaced": {"es": "candidatos_sin_asignar", "en": "unplaced"},
    "book_col_gap_left": {"es": "brecha_restante", "en": "gap_left"},
    "book_col_need_covered": {"es": "necesidad_cubierta", "en": "need_covered"},
    "book_col_at_target_hand": {"es": "en_meta_regla_manual", "en": "at_target_hand_rule"},
    "book_col_at_target_diff": {"es": "ventaja_en_meta", "en": "advantage_at_target"},
    "book_col_no_doctor_hand": {"es": "sin_medico_regla_manual", "en": "no_doctor_hand_rule"},
    "book_col_no_doctor_diff": {"es": "diferencia_sin_medico", "en": "difference_no_doctor"},
    "book_col_spec_placed_hand": {"es": "esp_asignados_regla_manual",
                                  "en": "spec_placed_hand_rule"},
    "book_col_spec_placed_diff": {"es": "ventaja_esp_asignados", "en": "advantage_spec_placed"},
    "book_col_need_covered_hand": {"es": "necesidad_cubierta_regla_manual",
                                   "en": "need_covered_hand_rule"},
    "book_col_need_covered_diff": {"es": "ventaja_necesidad_cubierta",
                                   "en": "advantage_need_covered"},
    "book_col_pool_candidates": {"es": "candidatos_registrados", "en": "registered_candidates"},
    "book_col_pool_placed": {"es": "registrados_asignados", "en": "registered_placed"},
    "book_col_national_received": {"es": "nacionales_recibidos", "en": "national_received"},
    "book_col_pool_idle": {"es": "registrados_sin_asignar", "en": "registered_idle"},
    "book_col_pool": {"es": "candidatos_registrados", "en": "registered_candidates"},
    "book_col_from_pool": {"es": "registrados_asignados", "en": "registered_placed"},
    "book_col_from_national": {"es": "nacionales_recibidos", "en": "national_received"},
    "book_col_idle": {"es": "registrados_sin_asignar", "en": "registered_idle"},
    "book_col_spec_held_back": {"es": "vacantes_detenidas_por_ligadas", "en": "held_back_by_links"},
    "book_col_requires": {"es": "requiere", "en": "requires"},
    "book_col_held_back": {"es": "vacantes_detenidas", "en": "vacancies_held_back"},
    "book_col_reason": {"es": "motivo", "en": "reason"},
    "book_col_floor": {"es": "piso", "en": "floor"},
    "book_col_met": {"es": "cumplido", "en": "met"},
    "book_col_floors_unmet": {"es": "pisos_no_cumplidos", "en": "floors_unmet"},
    # --- result workbook: reasons and kinds ---------------------------------------------------
    "reason_not_placed": {"es": "la unidad no tiene ni recibe la especialidad requerida",
                          "en": "the unit neither has nor receives the required specialty"},
    "reason_no_vacancy": {"es": "la unidad no tiene la especialidad requerida ni vacante de ella",
                          "en": "the unit has neither the required specialty nor a vacancy for it"},
    "kind_word_hospital": {"es": "hospital", "en": "hospital"},
    "kind_word_centro_de_salud": {"es": "centro de salud", "en": "health centre"},
    "kind_word_especialidad": {"es": "especialidad", "en": "specialty"},
    "kind_word_medicina_general": {"es": "medicina general", "en": "general medicine"},
    # --- plan status, in every report (status_word_*) -----------------------------------------
    "status_word_optimal": {"es": "óptimo", "en": "optimal"},
    "status_word_feasible": {"es": "factible (no probado óptimo)",
                             "en": "feasible (not proven optimal)"},
    "status_word_stable": {"es": "emparejamiento estable (no maximiza la necesidad cubierta)",
                           "en": "stable matching (does not maximise need covered)"},
    "status_word_infeasible": {"es": "infactible", "en": "infeasible"},
    "status_word_no_solution": {"es": "sin solución", "en": "no solution"},
    "status_word_error": {"es": "error", "en": "error"},
    # --- sweep: column names (sweep_col_*) ----------------------------------------------------
    "sweep_col_point": {"es": "punto", "en": "point"},
    "sweep_col_status": {"es": "estado", "en": "status"},
    "sweep_col_objective": {"es": "objetivo", "en": "objective"},
    "sweep_col_centres_at_target": {"es": "centros_en_meta", "en": "centres_at_target"},
    "sweep_col_centres": {"es": "centros", "en": "centres"},
    "sweep_col_centres_no_doctor": {"es": "centros_sin_medico", "en": "centres_without_doctor"},
    "sweep_col_spec_placed": {"es": "especialistas_asignados", "en": "specialists_placed"},
    "sweep_col_gp_placed": {"es": "medicos_generales_asignados", "en": "gps_placed"},
    "sweep_col_bonus_month": {"es": "bono_mensual_mxn", "en": "bonus_month_mxn"},
    "sweep_col_budget_month": {"es": "presupuesto_mensual_mxn", "en": "budget_month_mxn"},
    "sweep_col_budget_used": {"es": "uso_presupuesto", "en": "budget_used"},
    "sweep_col_hand_objective": {"es": "objetivo_regla_manual", "en": "hand_rule_objective"},
    "sweep_col_gap": {"es": "brecha_mip", "en": "mip_gap"},
    "sweep_col_seconds": {"es": "segundos", "en": "seconds"},
    "sweep_col_message": {"es": "mensaje", "en": "message"},
    "sweep_col_rules_not_imposed": {"es": "reglas_no_impuestas_modo_estable",
                                    "en": "rules_not_imposed_stable_mode"},
    "sweep_col_rule_shortfall": {"es": "deficit_frente_a_esas_reglas",
                                 "en": "shortfall_against_those_rules"},
    "cli_sweep_unimposed": {"es": "punto {point}, modo estable: reglas del libro que no impone "
                                  "(revisadas sobre su plan): {shortfall}.",
                            "en": "point {point}, stable mode: workbook rules it does not impose "
                                  "(checked on its plan): {shortfall}."},
    "sweep_rule_met": {"es": "{rule}: se cumple", "en": "{rule}: holds"},
    "sweep_rule_short_links": {"es": "{rule}: {doctors} en {units} sin la que requieren",
                               "en": "{rule}: {doctors} at {units} without the one they require"},
    "sweep_rule_short_floor": {"es": "{rule}: déficit de {doctors} en {cells}",
                               "en": "{rule}: short by {doctors} in {cells}"},
    "sweep_rule_short_one_doctor": {"es": "{rule}: {centres} sin médico general",
                                    "en": "{rule}: {centres} without a general doctor"},
    "sweep_n_centres_one": {"es": "{n} centro", "en": "{n} centre"},
    "sweep_n_centres_many": {"es": "{n} centros", "en": "{n} centres"},
    "sweep_n_cells_one": {"es": "{n} combinación de entidad y categoría",
                          "en": "{n} state–category pair"},
    "sweep_n_cells_many": {"es": "{n} combinaciones de entidad y categoría",
                           "en": "{n} state–category pairs"},
    # --- marginal values: column names and checks ---------------------------------------------
    "mv_col_resource": {"es": "recurso", "en": "resource"},
    "mv_col_category": {"es": "categoria", "en": "category"},
    "mv_col_available": {"es": "disponible", "en": "available"},
    "mv_col_used": {"es": "usado_en_el_plan", "en": "used_by_plan"},
    "mv_col_step": {"es": "paso", "en": "step"},
    "mv_col_dual": {"es": "valor_dual_por_unidad", "en": "dual_per_unit"},
    "mv_col_lp_value": {"es": "ganancia_relajacion", "en": "lp_gain"},
    "mv_col_valid_up": {"es": "tasa_valida_hasta", "en": "rate_valid_up_to"},
    "mv_col_rate_holds": {"es": "tasa_vale_todo_el_paso", "en": "rate_holds_for_step"},
    "mv_col_lp_step_gain": {"es": "ganancia_relajacion_paso_completo", "en": "lp_gain_full_step"},
    "mv_col_integer_gain": {"es": "ganancia_plan_entero", "en": "integer_gain"},
    "mv_col_check": {"es": "verificacion", "en": "check"},
    "mv_col_differs": {"es": "difiere", "en": "differs"},
    "mv_col_sentence": {"es": "explicacion", "en": "explanation"},
    "mv_check_confirmed": {"es": "confirmado", "en": "confirmed"},
    "mv_check_differs": {"es": "difiere", "en": "differs"},
    "mv_check_proven_zero": {"es": "cero demostrado", "en": "zero, proven"},
    "mv_check_not_checked": {"es": "sin confirmar", "en": "not checked"},
    "mv_check_uncertain": {"es": "re-solución no óptima", "en": "re-solve not optimal"},
    "mv_check_failed": {"es": "re-solución sin solución", "en": "re-solve found no plan"},
    # --- one more doctor of each default category (noun_<category key>) -----------------------
    "noun_medicina_general": {"es": "Un médico general más", "en": "One more general doctor"},
    "noun_cirugia_general": {"es": "Un cirujano general más", "en": "One more general surgeon"},
    "noun_anestesiologia": {"es": "Un anestesiólogo más", "en": "One more anaesthetist"},
    "noun_medicina_interna": {"es": "Un internista más", "en": "One more internist"},
    "noun_pediatria": {"es": "Un pediatra más", "en": "One more paediatrician"},
    "noun_ginecologia_y_obstetricia": {"es": "Un ginecoobstetra más",
                                       "en": "One more obstetrician"},
    "noun_urgencias": {"es": "Un urgenciólogo más", "en": "One more emergency physician"},
    "noun_neonatologia": {"es": "Un neonatólogo más", "en": "One more neonatologist"},
    "noun_traumatologia_y_ortopedia": {"es": "Un traumatólogo más",
                                       "en": "One more orthopaedic surgeon"},
    "noun_psiquiatria": {"es": "Un psiquiatra más", "en": "One more psychiatrist"},
    "noun_medicina_critica": {"es": "Un intensivista más", "en": "One more intensivist"},
    "noun_imagenologia": {"es": "Un radiólogo más", "en": "One more radiologist"},
    "noun_dermatologia": {"es": "Un dermatólogo más", "en": "One more dermatologist"},
    "noun_oftalmologia": {"es": "Un oftalmólogo más", "en": "One more ophthalmologist"},
    "noun_cardiologia": {"es": "Un cardiólogo más", "en": "One more cardiologist"},
    "noun_anatomia_patologica": {"es": "Un patólogo más", "en": "One more pathologist"},
    # --- sweep book and frontier chart -------------------------------------------------------
    "sweep_current": {"es": "actual", "en": "current"},
    "sweep_axis_budget": {"es": "Presupuesto mensual de bonos (millones de MXN)",
                          "en": "Monthly bonus budget (million MXN)"},
    "sweep_panel_objective": {"es": "Necesidad ponderada cubierta", "en": "Weighted need covered"},
    "sweep_panel_at_target": {"es": "Centros en la meta de MG", "en": "Centres at GP target"},
    "sweep_panel_spec_placed": {"es": "Especialistas asignados", "en": "Specialists placed"},
    "sweep_frontier_title": {"es": "Frontera presupuesto–cobertura",
                             "en": "Budget–coverage frontier"},
    "sweep_frontier_note": {"es": "Necesidad ponderada cubierta, centros en la meta de médicos "
                                  "generales y especialistas asignados según el presupuesto "
                                  "mensual de bonos; una línea por combinación de los demás "
                                  "parámetros.",
                            "en": "Weighted need covered, centres at the GP target and "
                                  "specialists placed against the monthly bonus budget; one line "
                                  "per combination of the other parameters."},
    "sweep_no_frontier": {"es": "El presupuesto no varía entre los puntos; no hay frontera que "
                                "dibujar.",
                          "en": "The budget does not vary across points; no frontier to draw."},
    "sweep_note_points": {"es": "puntos", "en": "points"},
    "sweep_note_execution": {"es": "ejecucion", "en": "execution"},
    "sweep_note_seconds": {"es": "segundos", "en": "seconds"},
    "sweep_note_workbook": {"es": "libro", "en": "workbook"},
    "sweep_base_title": {"es": "Escenario base del barrido", "en": "Base scenario of the sweep"},
    # --- small words in tables ----------------------------------------------------------------
    "word_yes": {"es": "sí", "en": "yes"},
    "word_no": {"es": "no", "en": "no"},
    "word_unknown": {"es": "sin dato", "en": "unknown"},
    # --- result workbook: summary, title rows, diagnostics ------------------------------------
    "sum_health_centres": {"es": "Centros de salud", "en": "Health centres"},
    "sum_centres_at_the_gp_target": {"es": "Centros en la meta de médicos generales",
                                     "en": "Centres at the GP target"},
    "sum_centres_with_no_gp": {"es": "Centros sin médico general", "en": "Centres with no GP"},
    "sum_general_doctors_placed": {"es": "Médicos generales asignados",
                                   "en": "General doctors placed"},
    "sum_hospitals": {"es": "Hospitales", "en": "Hospitals"},
    "sum_specialist_vacancies_left": {"es": "Vacantes de especialistas sin cubrir",
                                      "en": "Specialist vacancies left"},
    "sum_specialists_placed": {"es": "Especialistas asignados", "en": "Specialists placed"},
    "sum_of_them_in_bonus_eligible_hospitals": {"es": "… de ellos en hospitales con bono",
                                                "en": "… of them in bonus-eligible hospitals"},
    "sum_candidates_left_unplaced": {"es": "Candidatos sin asignar",
                                     "en": "Candidates left unplaced"},
    "sum_monthly_bonus_committed_mxn": {"es": "Bono mensual comprometido (MXN)",
                                        "en": "Monthly bonus committed (MXN)"},
    "sum_yearly_bonus_committed_mxn": {"es": "Bono anual comprometido (MXN)",
                                       "en": "Yearly bonus committed (MXN)"},
    "sum_monthly_bonus_budget_mxn": {"es": "Presupuesto mensual de bonos (MXN)",
                                     "en": "Monthly bonus budget (MXN)"},
    "sum_budget_used": {"es": "Uso del presupuesto", "en": "Budget used"},
    "sum_weighted_need_covered_objective": {"es": "Necesidad ponderada cubierta (objetivo)",
                                            "en": "Weighted need covered (objective)"},
    "sum_candidates_registered_in_a_state": {"es": "Candidatos registrados en una entidad",
                                             "en": "Candidates registered in a state"},
    "sum_registered_candidates_left_idle": {"es": "Candidatos registrados sin asignar",
                                            "en": "Registered candidates left idle"},
    "sum_national_candidates_received_in_pooled_c": {"es": "Candidatos nacionales recibidos por entidades con bolsa",
                                                     "en": "National candidates received in pooled categories"},
    "sum_vacancies_held_back_by_linked_specialtie": {"es": "Vacantes detenidas por especialidades ligadas",
                                                     "en": "Vacancies held back by linked specialties"},
    "sum_equity_floors_not_met_state_category": {"es": "Pisos de equidad no cumplidos (entidad × categoría)",
                                                 "en": "Equity floors not met (state × category)"},
    "book_title": {"es": "Plan de asignación de médicos — IMSS-Bienestar",
                   "en": "Doctor placement plan — IMSS-Bienestar"},
    "book_scenario": {"es": "Escenario: ", "en": "Scenario: "},
    "book_status": {"es": "Estado: ", "en": "Status: "},
    "book_status_gap": {"es": " (brecha {gap})", "en": " (gap {gap})"},
    "book_generated": {"es": "Generado: ", "en": "Generated: "},
    "book_hand_rule_note": {"es": "La regla manual asigna primero la plaza de mayor valor mientras haya candidatos y presupuesto; la ventaja es lo que gana el optimizador sobre ella.",
                            "en": "The hand rule places the most valuable post first while candidates and budget last; the advantage is what the optimiser gains over it."},
    "book_head_indicator": {"es": "Indicador", "en": "Indicator"},
    "book_head_before": {"es": "Antes", "en": "Before"},
    "book_head_plan": {"es": "Plan optimizado", "en": "Optimised plan"},
    "book_head_hand": {"es": "Regla manual", "en": "Hand rule"},
    "book_head_advantage": {"es": "Ventaja del optimizador", "en": "Optimiser advantage"},
    "diag_none": {"es": "ninguna", "en": "none"},
    "diag_status": {"es": "estado", "en": "status"},
    "diag_solver_status": {"es": "estado_del_solver", "en": "solver_status"},
    "diag_objective": {"es": "objetivo", "en": "objective"},
    "diag_lp_bound": {"es": "cota_lp", "en": "lp_bound"},
    "diag_relative_gap": {"es": "brecha_relativa", "en": "relative_gap"},
    "diag_hand_rule_objective": {"es": "objetivo_regla_manual", "en": "hand_rule_objective"},
    "diag_constraints": {"es": "restricciones", "en": "constraints"},
    "diag_time_limit_s": {"es": "limite_tiempo_s", "en": "time_limit_s"},
    "diag_mip_gap_requested": {"es": "brecha_mip_pedida", "en": "mip_gap_requested"},
    "diag_item": {"es": "dato", "en": "item"},
    "diag_value": {"es": "valor", "en": "value"},
    "diag_active_rules": {"es": "reglas_activas", "en": "active_rules"},
    "diag_hard_rules": {"es": "reglas_duras", "en": "hard_rules"},
    "diag_unmet_rule": {"es": "regla_no_cumplida", "en": "unmet_rule"},
    "diag_seconds_of": {"es": "segundos_{step}", "en": "seconds_{step}"},
    "diag_all_met": {"es": "todas se cumplen", "en": "all met"},
    # === the app: page, sidebar, tabs, tables ===========================================
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
    "input_head_workbook_one": {"es": "El libro tiene 1 problema:",
                                "en": "The workbook has 1 problem:"},
    "input_head_workbook_many": {"es": "El libro tiene {n} problemas:",
                                 "en": "The workbook has {n} problems:"},
    "input_head_grid_one": {"es": "El archivo del barrido tiene 1 problema:",
                            "en": "The sweep grid file has 1 problem:"},
    "input_head_grid_many": {"es": "El archivo del barrido tiene {n} problemas:",
                             "en": "The sweep grid file has {n} problems:"},
    "input_more": {"es": "  … y {n} más.", "en": "  … and {n} more."},
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
    "rules_header": {"es": "Reglas", "en": "Rules"},
    "equity_floor": {"es": "Cobertura mínima por entidad (piso de equidad)",
                     "en": "Minimum coverage per state (equity floor)"},
    "equity_floor_help": {"es": "Cada entidad recibe al menos este porcentaje de su parte "
                                "proporcional de cada categoría (su brecha entre la brecha "
                                "nacional, por los médicos que se pueden colocar). 0 % = sin "
                                "piso. En el libro: cobertura_minima_entidad.",
                          "en": "Each state receives at least this share of its proportional "
                                "part of each category (its gap over the national gap, times "
                                "the doctors that can be placed). 0 % = no floor. In the "
                                "workbook: cobertura_minima_entidad."},
    "one_doctor": {"es": "Al menos un médico general por centro (obligatorio)",
                   "en": "At least one general doctor per centre (mandatory)"},
    "one_doctor_help": {"es": "Regla dura: ningún centro de salud queda sin médico general. Si "
                              "no alcanzan los candidatos o el presupuesto, el escenario es "
                              "infactible y se explica qué falta y dónde. En el libro: "
                              "minimo_un_medico_por_centro.",
                        "en": "Hard rule: no health centre is left without a general doctor. "
                              "If candidates or budget do not suffice, the scenario is "
                              "infeasible and what is missing, and where, is explained. In the "
                              "workbook: minimo_un_medico_por_centro."},
    "rule_on": {"es": "activa", "en": "on"},
    "rule_off": {"es": "inactiva", "en": "off"},
    "rule_state_pools": {"es": "Bolsas estatales de candidatos", "en": "State candidate pools"},
    "rule_linked_specialties": {"es": "Especialidades ligadas", "en": "Linked specialties"},
    "rule_equity_floor": {"es": "Piso de equidad por entidad", "en": "Equity floor per state"},
    "rule_one_doctor_per_centre": {"es": "Mínimo un médico general por centro",
                                   "en": "At least one general doctor per centre"},
    "pools_on": {"es": "{n} candidatos registrados para una entidad ({states} entidades, "
                       "categorías: {categories}); solo pueden ir a su entidad.",
                 "en": "{n} candidates registered for a state ({states} states, categories: "
                       "{categories}); they can only go to their state."},
    "pools_off": {"es": "Todos los candidatos son de la bolsa nacional. Se activa llenando "
                        "«clave_entidad» en la hoja «oferta».",
                  "en": "Every candidate is in the national pool. Switched on by filling "
                        "«clave_entidad» in the «oferta» sheet."},
    "links_on": {"es": "{links}: una unidad recibe la especialidad solo si tiene, o recibe, la "
                       "que requiere.",
                 "en": "{links}: a unit receives the specialty only if it has, or receives, "
                       "the one it requires."},
    "links_off": {"es": "Ninguna especialidad requiere otra. Se activa llenando «requiere» en "
                        "la hoja «categorias».",
                  "en": "No specialty requires another. Switched on by filling «requiere» in "
                        "the «categorias» sheet."},
    "link_pair": {"es": "{category} requiere {requires}", "en": "{category} requires {requires}"},
    "floor_on": {"es": "Cada entidad recibe al menos el {alpha} de su parte proporcional de "
                       "cada categoría.",
                 "en": "Each state receives at least {alpha} of its proportional share of "
                       "each category."},
    "floor_off": {"es": "Sin piso: los médicos van donde más necesidad cubren, sin cuota por "
                        "entidad.",
                  "en": "No floor: doctors go where they cover most need, with no quota per "
                        "state."},
    "minimum_on": {"es": "Ningún centro puede quedar sin médico general ({n} centros no tienen "
                         "ninguno hoy).",
                   "en": "No centre may be left without a general doctor ({n} centres have "
                         "none today)."},
    "minimum_off": {"es": "Los centros sin médico tienen prioridad por el peso del primer "
                          "médico, pero no es obligatorio cubrirlos todos.",
                    "en": "Centres with no doctor get priority through the first-doctor weight, "
                          "but covering all of them is not mandatory."},
    "rules_in_plan": {"es": "Reglas activas en este plan: {rules}.",
                      "en": "Rules on in this plan: {rules}."},
    "rules_from_data": {"es": "Reglas que vienen del libro (no se cambian aquí): bolsas "
                              "estatales de candidatos: **{pools}**; especialidades ligadas: "
                              "**{links}**. Detalle en la pestaña «Reglas».",
                        "en": "Rules from the workbook (not changed here): state candidate "
                              "pools: **{pools}**; linked specialties: **{links}**. Details in "
                              "the «Rules» tab."},
    "yes": {"es": "sí", "en": "yes"},
    "no": {"es": "no", "en": "no"},
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
    "showing_whatif_no_plan": {"es": "Escenario con cambios: {changes}.",
                               "en": "Scenario with changes: {changes}."},
    "status_line": {"es": "Estado: **{status}** · optimizador {solver} · {seconds} s · "
                          "{variables} variables",
                    "en": "Status: **{status}** · solver {solver} · {seconds} s · "
                          "{variables} variables"},
    "status_gap_within": {"es": " · brecha {gap}, dentro de la aceptada ({accepted})",
                          "en": " · gap {gap}, within the accepted {accepted}"},
    "status_gap_time": {"es": " · brecha {gap}, mayor que la aceptada ({accepted}): se detuvo "
                              "en el tiempo máximo",
                        "en": " · gap {gap}, above the accepted {accepted}: stopped at the time "
                              "limit"},
    "solver_word_exact": {"es": "exacto propio", "en": "own exact path"},
    "solver_word_highs": {"es": "HiGHS", "en": "HiGHS"},
    "solver_word_cbc": {"es": "CBC", "en": "CBC"},
    "solver_word_deferred": {"es": "ninguno (aceptación diferida)",
                             "en": "none (deferred acceptance)"},
    "solver_word_hand": {"es": "ninguno (regla manual)", "en": "none (hand rule)"},
    "solver_word_other": {"es": "{name}", "en": "{name}"},
    "status_optimal": {"es": "óptimo", "en": "optimal"},
    "status_feasible": {"es": "factible (no probado óptimo: se detuvo en la brecha aceptada o en "
                              "el tiempo máximo)",
                        "en": "feasible (not proven optimal: stopped at the accepted gap or the "
                              "time limit)"},
    "status_stable": {"es": "emparejamiento estable (el mejor estable para los candidatos; no "
                            "es el plan de mayor necesidad cubierta: ese es «óptimo»)",
                      "en": "stable matching (the best stable one for the candidates; not the "
                            "plan with the most need covered: that is «optimal»)"},
    "status_infeasible": {"es": "infactible", "en": "infeasible"},
    "status_no_solution": {"es": "sin solución", "en": "no solution"},
    "no_plan": {"es": "El optimizador no encontró un plan ({status}). Pruebe con más tiempo de "
                      "cálculo o con reglas menos estrictas.",
                "en": "The solver found no plan ({status}). Try a longer time limit or "
                      "looser rules."},
    "rules_unmet": {"es": "Dónde faltan médicos para cumplir las reglas",
                    "en": "Where doctors are missing to meet the rules"},
    "infeasible_try": {"es": "**Qué puede hacer:** bajar la cobertura mínima por entidad, "
                             "quitar «al menos un médico general por centro», aumentar los "
                             "candidatos o el presupuesto de bonos (según lo que indica el "
                             "último renglón), y volver a calcular. El plan base sigue "
                             "disponible con «Volver al plan base».",
                       "en": "**What you can do:** lower the minimum coverage per state, switch "
                             "off «at least one general doctor per centre», add candidates or "
                             "bonus budget (as the last line says), and solve again. The "
                             "baseline plan is still there with «Back to the baseline plan»."},
    "infeasible_hand": {"es": "Como referencia, la regla manual (que se detiene cuando se "
                              "acaban candidatos o presupuesto) dejaría {no_doctor} centro(s) "
                              "sin médico general.",
                        "en": "For reference, the hand rule (which stops when candidates or "
                              "budget run out) would leave {no_doctor} centre(s) with no general "
                              "doctor."},
    # --- tabs -----------------------------------------------------------------------------------
    "tab_summary": {"es": "Resumen", "en": "Summary"},
    "tab_charts": {"es": "Mapa y gráficas", "en": "Map and charts"},
    "tab_units": {"es": "Unidades", "en": "Units"},
    "tab_scenarios": {"es": "Escenarios", "en": "Scenarios"},
    "tab_marginal": {"es": "Valores marginales", "en": "Marginal values"},
    "tab_rules": {"es": "Reglas", "en": "Rules"},
    "tab_frontier": {"es": "Frontera presupuesto–cobertura", "en": "Budget–coverage frontier"},
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
    "download_help": {"es": "El mismo libro que escribe la línea de comandos: resumen, por "
                            "entidad, por categoría, asignaciones por CLUES, unidades, valores "
                            "marginales (sin confirmar), parámetros y diagnóstico. Se arma al "
                            "hacer clic (unos segundos en el escenario nacional).",
                      "en": "The same workbook the command line writes: summary, by state, by "
                            "category, placements by CLUES, units, marginal values "
                            "(unconfirmed), parameters and diagnostics. Built on click (a few "
                            "seconds on the national scenario)."},
    "download_confirmed": {"es": "Descargar con valores marginales confirmados (más lento)",
                           "en": "Download with confirmed marginal values (slower)"},
    "download_confirmed_help": {"es": "Igual, pero cada valor marginal se comprueba "
                                      "re-optimizando el modelo entero con un candidato o un "
                                      "millón más: tarda más (abajo, cuánto con este plan).",
                                "en": "The same, but each marginal value is checked by "
                                      "re-solving the integer model with one more candidate or "
                                      "million: takes longer (below, how long for this plan)."},
    "wait_under_a_second": {"es": "menos de un segundo", "en": "under a second"},
    "wait_seconds": {"es": "unos {n} segundos", "en": "about {n} seconds"},
    "wait_a_minute": {"es": "alrededor de un minuto", "en": "about a minute"},
    "wait_minutes": {"es": "unos {n} minutos", "en": "about {n} minutes"},
    "download_wait": {"es": "Se arma al hacer clic: {wait} con este escenario (estimado por el "
                            "tamaño de sus tablas).",
                      "en": "Built on click: {wait} for this scenario (estimated from the size "
                            "of its tables)."},
    "download_wait_measured": {"es": "Se arma al hacer clic: {wait} con este escenario (lo que "
                                     "tardó la última vez).",
                               "en": "Built on click: {wait} for this scenario (what it took "
                                     "last time)."},
    "download_confirmed_wait": {"es": "{n} re-optimizaciones del modelo entero de {each} cada "
                                      "una (lo que tardó este plan): {wait} en total.",
                                "en": "{n} re-solves of the integer model, {each} each (what "
                                      "this plan took): {wait} in all."},
    "download_confirmed_wait_one": {"es": "1 re-optimización del modelo entero de {each} (lo "
                                          "que tardó este plan): {wait} en total.",
                                    "en": "1 re-solve of the integer model, {each} (what this "
                                          "plan took): {wait} in all."},
    "download_confirmed_wait_none": {"es": "Ningún valor marginal de este plan necesita "
                                           "re-optimizar: {wait}.",
                                     "en": "No marginal value of this plan needs a re-solve: "
                                           "{wait}."},
    "download_prepare": {"es": "Preparar libro con valores marginales confirmados",
                         "en": "Prepare the workbook with confirmed marginal values"},
    "download_preparing": {"es": "Confirmando valores marginales: {done} de {total} "
                                 "re-optimizaciones…",
                           "en": "Confirming marginal values: {done} of {total} re-solves…"},
    "download_writing": {"es": "Escribiendo el libro de resultados…",
                         "en": "Writing the result workbook…"},
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
    "hand_same": {"es": "En este escenario **optimizar no cubre más necesidad que la regla "
                        "manual**: ambos llegan a {opt} puntos de necesidad ponderada (regla "
                        "manual: {hand}). Aquí tomar primero la plaza más valiosa ya da el "
                        "óptimo. La ventaja suele aparecer cuando el presupuesto obliga a elegir "
                        "entre plazas de distinto costo o cuando hay reglas (bolsas estatales, "
                        "especialidades ligadas, piso de equidad, mínimo por centro); pruébelo "
                        "en «¿Qué pasa si…?».",
                  "en": "In this scenario **optimising covers no more need than the hand "
                        "rule**: both reach {opt} points of weighted need (hand rule: {hand}). "
                        "Here taking the most valuable post first is already optimal. The "
                        "advantage tends to appear when the budget forces a choice between "
                        "posts of different cost or when rules are on (state pools, linked "
                        "specialties, equity floor, minimum per centre); try it in «What "
                        "if…?»."},
    "adv_header": {"es": "Ventaja del optimizador por entidad", "en": "Optimiser advantage by "
                                                                      "state"},
    "adv_metric": {"es": "Indicador", "en": "Indicator"},
    "adv_need": {"es": "Necesidad ponderada cubierta", "en": "Weighted need covered"},
    "adv_at_target": {"es": "Centros en la meta", "en": "Centres at target"},
    "adv_no_doctor": {"es": "Centros sin médico (menos es mejor)",
                      "en": "Centres with no doctor (fewer is better)"},
    "adv_spec_placed": {"es": "Especialistas asignados", "en": "Specialists placed"},
    "adv_axis": {"es": "Optimizador − regla manual", "en": "Optimiser − hand rule"},
    "adv_axis_fewer": {"es": "Centros sin médico evitados (regla manual − optimizador)",
                       "en": "Centres with no doctor avoided (hand rule − optimiser)"},
    "adv_for_plan": {"es": "A favor del optimizador", "en": "In the optimiser's favour"},
    "adv_for_hand": {"es": "A favor de la regla manual", "en": "In the hand rule's favour"},
    "adv_caption": {"es": "Barras verdes: el optimizador cubre más en esa entidad; guindas: la "
                          "regla manual cubre más ahí, pero menos en total. El total nacional "
                          "es {total}.",
                    "en": "Green bars: the optimiser covers more in that state; maroon: the "
                          "hand rule covers more there, but less in total. The national total "
                          "is {total}."},
    "adv_tie_expander": {"es": "Mismo total, otro reparto: ver las diferencias por entidad",
                         "en": "Same total, another split: see the differences by state"},
    "adv_tie_caption": {"es": "Ambos planes cubren la misma necesidad total; aquí colocan plazas "
                              "de igual valor en entidades distintas. Las diferencias se "
                              "compensan entre entidades: no son una ventaja de ninguno.",
                        "en": "Both plans cover the same total need; here they put posts of "
                              "equal value in different states. The differences offset each "
                              "other across states: they are no one's advantage."},
    "adv_all_equal": {"es": "Ambos planes coinciden en cada entidad.",
                      "en": "Both plans agree in every state."},
    "adv_table": {"es": "Por entidad: optimizador, regla manual y diferencia",
                  "en": "By state: optimiser, hand rule and difference"},
    "col_plan_short": {"es": "Optimizador", "en": "Optimiser"},
    "col_hand_short": {"es": "Regla manual", "en": "Hand rule"},
    "col_diff_short": {"es": "Diferencia", "en": "Difference"},
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
    "units_compact": {"es": "Vista compacta: fijar solo la CLUES",
                      "en": "Compact view: pin only the CLUES"},
    "units_compact_help": {
        "es": "En una pantalla angosta, la CLUES y el nombre fijos dejan poco espacio para las "
              "cifras. Esta vista fija solo la CLUES; el nombre se desplaza con lo demás. En un "
              "teléfono empieza activada.",
        "en": "On a narrow screen, CLUES and name pinned leave little room for the figures. This "
              "view pins only the CLUES; the name scrolls with the rest. On a phone it starts "
              "switched on."},
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
    # --- rules tab -------------------------------------------------------------------------------
    "rules_intro": {"es": "Reglas que un reparto a mano no puede seguir bien. Dos se activan "
                          "desde el libro; las otras dos, desde «¿Qué pasa si…?».",
                    "en": "Rules a hand split cannot follow well. Two are switched on in the "
                          "workbook; the other two in «What if…?»."},
    "rules_none": {"es": "En este plan no hay reglas activas.", "en": "No rule is on in this "
                                                                    "plan."},
    "pools_header": {"es": "Bolsas estatales: uso por entidad", "en": "State pools: use by "
                                                                    "state"},
    "pools_caption": {"es": "Registrados asignados: candidatos de la bolsa de la entidad que "
                            "obtuvieron plaza; nacionales recibidos: los que llegaron de la bolsa "
                            "nacional; sin asignar: registrados que se quedan sin plaza (no "
                            "pueden ir a otra entidad).",
                      "en": "Registered placed: candidates of the state's pool who got a post; "
                            "national received: those from the national pool; idle: registered "
                            "candidates left without a post (they cannot go to another state)."},
    "pools_summary": {"es": "{placed} de {pool} candidatos registrados obtienen plaza en su "
                            "entidad; {idle} quedan sin asignar; las entidades con bolsa reciben "
                            "además {national} candidatos nacionales.",
                      "en": "{placed} of {pool} registered candidates get a post in their "
                            "state; {idle} are left idle; pooled states also receive {national} "
                            "national candidates."},
    "linked_header": {"es": "Especialidades ligadas: vacantes detenidas", "en": "Linked "
                                                                              "specialties: "
                                                                              "vacancies held "
                                                                              "back"},
    "linked_summary": {"es": "{n} vacantes de especialistas quedan sin cubrir porque la unidad "
                             "no tiene ni recibe la especialidad que requieren.",
                       "en": "{n} specialist vacancies stay empty because the unit neither has "
                             "nor receives the specialty they require."},
    "linked_none": {"es": "Ninguna vacante queda detenida: donde hacía falta, el plan coloca "
                          "también la especialidad requerida.",
                    "en": "No vacancy is held back: where needed, the plan also places the "
                          "required specialty."},
    "floors_header": {"es": "Piso de equidad por entidad y categoría",
                      "en": "Equity floor by state and category"},
    "floors_summary": {"es": "{met} de {total} pisos (entidad × categoría) se cumplen.",
                       "en": "{met} of {total} floors (state × category) are met."},
    "floors_none": {"es": "Con este porcentaje ningún piso llega a un médico entero (el piso se "
                          "redondea hacia abajo).",
                    "en": "At this share no floor reaches a whole doctor (floors are rounded "
                          "down)."},
    "col_rule": {"es": "Regla", "en": "Rule"},
    "col_reached": {"es": "Alcanzados", "en": "Reached"},
    "col_shortfall": {"es": "Faltan", "en": "Missing"},
    "col_no_vacancy": {"es": "Centros sin vacante", "en": "Centres with no vacancy"},
    "col_clues_missing": {"es": "CLUES sin cubrir", "en": "CLUES not covered"},
    "col_rule_required": {"es": "Exige la regla", "en": "Rule requires"},
    "col_pool": {"es": "Candidatos registrados", "en": "Registered candidates"},
    "col_from_pool": {"es": "Registrados asignados", "en": "Registered placed"},
    "col_from_national": {"es": "Nacionales recibidos", "en": "National received"},
    "col_idle": {"es": "Registrados sin asignar", "en": "Registered idle"},
    "col_requires": {"es": "Requiere", "en": "Requires"},
    "col_held_back": {"es": "Vacantes detenidas", "en": "Vacancies held back"},
    "col_reason": {"es": "Motivo", "en": "Reason"},
    "col_floor": {"es": "Piso", "en": "Floor"},
    "col_met": {"es": "Cumplido", "en": "Met"},
    # --- frontier tab ---------------------------------------------------------------------------
    "frontier_intro": {"es": "¿Cuánta necesidad se cubre con cada presupuesto mensual de bonos? "
                             "Se optimiza el escenario actual con {n} presupuestos, de $0 al "
                             "doble del actual ({budget}); lo demás queda como está. En el "
                             "escenario nacional tarda de 10 a 30 segundos.",
                       "en": "How much need does each monthly bonus budget cover? The current "
                             "scenario is optimised with {n} budgets, from $0 to twice the "
                             "current one ({budget}); everything else stays as it is. On the "
                             "national scenario it takes 10 to 30 seconds."},
    "frontier_compute": {"es": "Calcular la frontera", "en": "Compute the frontier"},
    "frontier_start": {"es": "Calculando la frontera presupuesto–cobertura…",
                       "en": "Computing the budget–coverage frontier…"},
    "frontier_running": {"es": "Calculando la frontera: {done} de {total} presupuestos…",
                         "en": "Computing the frontier: {done} of {total} budgets…"},
    "frontier_done": {"es": "Frontera lista: {n} presupuestos en {seconds} s.",
                      "en": "Frontier ready: {n} budgets in {seconds} s."},
    "frontier_for": {"es": "Frontera del escenario: {changes}.", "en": "Frontier of the "
                                                                       "scenario: {changes}."},
    "frontier_current": {"es": "El punto guinda es el presupuesto actual.",
                         "en": "The maroon point is the current budget."},
    "frontier_flat": {"es": "**Por encima de {spend} mensuales, más presupuesto ya no cubre "
                            "más necesidad**: con esa cantidad se coloca todo lo que los "
                            "candidatos permiten (el punto de quiebre está entre {below} y "
                            "{spend}).",
                      "en": "**Above {spend} a month, more budget covers no more need**: that "
                            "amount places everything the candidates allow (the break point "
                            "lies between {below} and {spend})."},
    "frontier_flat_from_zero": {"es": "**El presupuesto de bonos no cambia la necesidad "
                                      "cubierta**: aun con $0 se coloca todo lo que los "
                                      "candidatos permiten.",
                                "en": "**The bonus budget does not change the need covered**: "
                                      "even with $0 everything the candidates allow is placed."},
    "frontier_rising": {"es": "**Hasta {top} mensuales (el mayor presupuesto calculado), cada "
                              "peso más sigue cubriendo necesidad**: la curva no se ha aplanado.",
                        "en": "**Up to {top} a month (the largest budget computed), every extra "
                              "peso still covers need**: the curve has not flattened."},
    "frontier_current_above": {"es": "El presupuesto actual ({current}) está por encima de ese "
                                     "punto: unos {spare} al mes no cubren necesidad adicional.",
                               "en": "The current budget ({current}) is above that point: about "
                                     "{spare} a month cover no additional need."},
    "frontier_current_below": {"es": "Con el presupuesto actual ({current}) se cubre el {share} "
                                     "de la necesidad que cubre el mayor presupuesto calculado; "
                                     "hasta el siguiente punto, cada millón adicional al mes "
                                     "cubre unos {per_million} puntos más.",
                               "en": "The current budget ({current}) covers {share} of the need "
                                     "the largest budget computed covers; up to the next point, "
                                     "each extra million a month covers about {per_million} "
                                     "more points."},
    "frontier_infeasible": {"es": "Con {n} de los presupuestos (hasta {up_to}) las reglas no se "
                                  "pueden cumplir: esos puntos no aparecen en la curva.",
                            "en": "With {n} of the budgets (up to {up_to}) the rules cannot be "
                                  "met: those points are not on the curve."},
    "frontier_none": {"es": "Ningún presupuesto dio un plan; vea la tabla.",
                      "en": "No budget gave a plan; see the table."},
    "frontier_table": {"es": "Los puntos de la curva", "en": "The points of the curve"},
    "frontier_recompute": {"es": "Calcular de nuevo", "en": "Compute again"},
    "col_budget_month": {"es": "Presupuesto mensual (MXN)", "en": "Monthly budget (MXN)"},
    "col_status": {"es": "Estado", "en": "Status"},
    "col_objective": {"es": "Necesidad cubierta", "en": "Need covered"},
    "col_hand_objective": {"es": "Necesidad cubierta (regla manual)",
                           "en": "Need covered (hand rule)"},
    "col_centres_at_target": {"es": "Centros en la meta", "en": "Centres at target"},
    "col_centres_no_doctor": {"es": "Centros sin médico", "en": "Centres with no doctor"},
    "col_bonus_spent": {"es": "Bono usado (MXN)", "en": "Bonus used (MXN)"},
    "col_budget_used": {"es": "Uso del presupuesto", "en": "Budget used"},
    "col_is_current": {"es": "Actual", "en": "Current"},
    "col_message": {"es": "Por qué no hay plan", "en": "Why there is no plan"},
    "col_rule_shortfall": {"es": "Reglas que el modo estable no impone, y su déficit",
                           "en": "Rules the stable mode does not impose, and the shortfall"},
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
    "c_equity_floor": {"es": "cobertura mínima por entidad {value}",
                       "en": "minimum coverage per state {value}"},
    "c_one_doctor_on": {"es": "al menos un médico general por centro",
                        "en": "at least one general doctor per centre"},
    "c_one_doctor_off": {"es": "sin mínimo de un médico por centro",
                         "en": "no minimum of one doctor per centre"},
    "c_bonus_mode": {"es": "bono de especialistas: {value}", "en": "specialists' bonus: {value}"},
    "c_budget_basis": {"es": "presupuesto contado: {value}", "en": "budget counted: {value}"},
    "c_assignment_mode": {"es": "asignación: {value}", "en": "assignment: {value}"},
    # --- the what-if form's model modes (issue 15) ----------------------------------------------
    "wi_modes_header": {"es": "Modelo: bono, presupuesto y asignación",
                        "en": "Model: bonus, budget and assignment"},
    "wi_mode_bonus_mode": {"es": "Bono de especialistas", "en": "Specialists' bonus"},
    "wi_mode_bonus_mode_fijo": {"es": "Fijo (hoja «bonos»)", "en": "Fixed («bonos» sheet)"},
    "wi_mode_bonus_mode_por_hospital": {"es": "Elegido por hospital",
                                        "en": "Chosen per hospital"},
    "wi_mode_bonus_mode_help": {
        "es": "Fijo: cada hospital elegible paga el bono de su zona en la hoja «bonos». Elegido "
              "por hospital: el modelo escoge para cada hospital elegible uno de los niveles de "
              "la hoja «niveles_bono», el que cubre más necesidad contando quién acepta.",
        "en": "Fixed: every eligible hospital pays its zone's bonus from the «bonos» sheet. "
              "Chosen per hospital: the model picks one level of the «niveles_bono» sheet for "
              "each eligible hospital, the one covering the most need given who accepts."},
    "wi_mode_budget_basis": {"es": "Cómo cuenta el presupuesto", "en": "How the budget counts"},
    "wi_mode_budget_basis_esperado": {"es": "Esperado (bono × probabilidad de aceptar)",
                                      "en": "Expected (bonus × acceptance probability)"},
    "wi_mode_budget_basis_garantizado": {"es": "Garantizado (como si todos aceptaran)",
                                         "en": "Guaranteed (as if everyone accepted)"},
    "wi_mode_budget_basis_help": {
        "es": "Esperado: cada oferta cuenta su bono por la probabilidad de que se acepte, así "
              "caben más ofertas. Garantizado: cada oferta cuenta el bono completo, así el "
              "presupuesto alcanza aunque todos acepten.",
        "en": "Expected: each offer counts its bonus times the probability it is accepted, so "
              "more offers fit. Guaranteed: each offer counts the full bonus, so the budget holds "
              "even if everyone accepts."},
    "wi_mode_assignment_mode": {"es": "Asignación de los candidatos",
                                "en": "Assignment of the candidates"},
    "wi_mode_no_levels": {"es": "El bono elegido por hospital necesita la hoja «niveles_bono» "
                                "(los niveles de bono posibles); este libro no la tiene.",
                          "en": "A bonus chosen per hospital needs the «niveles_bono» sheet (the "
                                "possible bonus levels); this workbook has none."},
    "wi_mode_no_acceptance": {"es": "La base del presupuesto solo cambia algo con la hoja "
                                    "«aceptacion» (probabilidad de aceptar según el bono); sin "
                                    "ella toda oferta se acepta y las dos bases dan lo mismo.",
                              "en": "The budget basis only matters with the «aceptacion» sheet "
                                    "(probability of accepting by bonus); without it every offer "
                                    "is accepted and both bases are the same."},
    "wi_mode_no_list": {"es": "Óptimo y Estable asignan a las personas de la hoja «candidatos»; "
                              "este libro no la tiene, así que solo se asigna por oferta.",
                        "en": "Optimal and Stable assign the people of the «candidatos» sheet; "
                              "this workbook has none, so only assignment by supply is possible."},
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
    # --- issue 16 robustness: input, numbers typed as text, output files, CLI usage --------
    "input_not_file": {"es": "«{path}» no es un archivo sino una carpeta, un dispositivo o una "
                             "tubería; indique el libro .xlsx.",
                       "en": "«{path}» is not a file but a folder, a device or a pipe; give the "
                             ".xlsx workbook."},
    "bad_shared_string": {"es": "La celda {cell} apunta al texto compartido número {index}, que no "
                                "existe (el libro guarda {count}); el archivo está dañado: ábralo "
                                "en Excel o LibreOffice, corrija esa celda y guárdelo de nuevo.",
                          "en": "Cell {cell} points to shared string number {index}, which does "
                                "not exist (the workbook holds {count}); the file is damaged: "
                                "open it in Excel or LibreOffice, fix that cell and save it "
                                "again."},
    "header_not_found": {"es": "No se encontró el encabezado en las filas 1–{last} (se buscan "
                               "las columnas: {columns}).",
                         "en": "The header was not found in rows 1–{last} (looking for the "
                               "columns: {columns})."},
    "num_decimal_comma": {"es": "Se esperaba un número con punto decimal: la coma solo separa "
                                "miles en grupos de tres cifras (1,234). Escriba por ejemplo "
                                "2.5 en lugar de 2,5.",
                          "en": "A number with a decimal point was expected: a comma only "
                                "separates thousands in groups of three digits (1,234). Write "
                                "e.g. 2.5 instead of 2,5."},
    "num_european": {"es": "El número parece escrito con separadores europeos (punto o espacio "
                           "para miles y coma decimal); escríbalo con punto decimal y sin "
                           "separadores, por ejemplo 15000.00.",
                     "en": "The number looks European-formatted (dot or space for thousands, "
                           "decimal comma); write it with a decimal point and no separators, "
                           "e.g. 15000.00."},
    "num_grouping": {"es": "Separadores de miles mal agrupados: van cada tres cifras (1,234,567 "
                           "o 1 234 567); escriba el número sin separadores.",
                     "en": "Thousands separators misplaced: they go every three digits "
                           "(1,234,567 or 1 234 567); write the number without separators."},
    "num_percent": {"es": "Aquí no se admite porcentaje (solo en valores entre 0 y 1, donde "
                          "80% se lee 0.8); escriba el número sin el signo %.",
                    "en": "A percentage is not accepted here (only for values between 0 and 1, "
                          "where 80% reads as 0.8); write the number without %."},
    "num_currency": {"es": "Solo se admiten pesos ($, MXN, pesos); convierta el importe a pesos.",
                     "en": "Only pesos are accepted ($, MXN, pesos); convert the amount to "
                           "pesos."},
    "num_not_finite": {"es": "El número no es finito o es demasiado grande.",
                       "en": "The number is not finite or is too large."},
    "output_is_link": {"es": "La salida «{path}» es un enlace simbólico; no se reemplaza. "
                             "Indique la ruta de un archivo normal o un nombre nuevo.",
                       "en": "The output «{path}» is a symbolic link; it is not replaced. Give "
                             "a regular file's path or a new name."},
    "output_not_regular": {"es": "La salida «{path}» no es un archivo normal (es un dispositivo, "
                                 "una tubería o un socket); indique un nombre de archivo .xlsx.",
                           "en": "The output «{path}» is not a regular file (a device, pipe or "
                                 "socket); give an .xlsx file name."},
    "output_disk_full": {"es": "No hay espacio suficiente en el disco (o se agotó la cuota) para "
                               "escribir en {path}; no se escribió nada y el archivo anterior, "
                               "si lo había, sigue intacto. Libere espacio o elija otra carpeta.",
                         "en": "Not enough disk space (or quota exceeded) to write in {path}; "
                               "nothing was written and any previous file is intact. Free some "
                               "space or choose another folder."},
    "usage_bad_value": {"es": "Valor no válido para {option}: «{value}». {problem}",
                        "en": "Invalid value for {option}: «{value}». {problem}"},
    "usage_no_such_option": {"es": "Opción desconocida: {option}.",
                             "en": "Unknown option: {option}."},
    "usage_needs_value": {"es": "La opción {option} necesita un valor.",
                          "en": "Option {option} needs a value."},
    "usage_missing": {"es": "Falta {param}.", "en": "{param} is missing."},
    "usage_no_such_command": {"es": "No existe el comando «{command}» (comandos: solve, "
                                    "validate, template, sweep).",
                              "en": "No such command «{command}» (commands: solve, validate, "
                                    "template, sweep)."},
    "usage_extra_args": {"es": "Sobran argumentos: {args}.", "en": "Unexpected arguments: {args}."},
    "usage_error": {"es": "Uso incorrecto del comando: {detail}",
                    "en": "Wrong command usage: {detail}"},
    "usage_help": {"es": "Vea las opciones con --help.", "en": "See the options with --help."},
    "usage_aborted": {"es": "Cancelado.", "en": "Aborted."},
    "opt_bad_choice": {"es": "Se esperaba uno de: {allowed}.",
                       "en": "Expected one of: {allowed}."},
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
    # result workbook, candidate sheets: column names (cand_col_*), post states, title
    "cand_book_head": {"es": "Asignación de candidatos registrados",
                       "en": "Registered-candidate assignment"},
    "cand_col_folio": {"es": "folio", "en": "folio"},
    "cand_col_category": {"es": "categoria", "en": "category"},
    "cand_col_state_code": {"es": "clave_entidad", "en": "state_code"},
    "cand_col_score": {"es": "puntaje", "en": "score"},
    "cand_col_clues": {"es": "clues", "en": "clues"},
    "cand_col_name": {"es": "unidad", "en": "unit"},
    "cand_col_post_state": {"es": "entidad_plaza", "en": "post_state"},
    "cand_col_municipality": {"es": "municipio", "en": "municipality"},
    "cand_col_rank": {"es": "opcion", "en": "choice"},
    "cand_col_state": {"es": "entidad", "en": "state"},
    "cand_col_gap": {"es": "vacantes", "en": "vacancies"},
    "cand_col_applicants": {"es": "candidatos_que_la_eligieron", "en": "candidates_who_chose_it"},
    "cand_col_placed": {"es": "asignados", "en": "placed"},
    "cand_col_status": {"es": "estado", "en": "status"},
    "cand_col_posts_without": {"es": "plazas_sin_candidatos", "en": "posts_without_candidates"},
    "cand_col_vacancies_without": {"es": "vacantes_sin_candidatos",
                                   "en": "vacancies_without_candidates"},
    "cand_col_posts": {"es": "plazas", "en": "posts"},
    "cand_col_vacancies": {"es": "vacantes", "en": "vacancies"},
    "cand_status_filled": {"es": "cubierta", "en": "filled"},
    "cand_status_partial": {"es": "cubierta en parte", "en": "partly filled"},
    "cand_status_no_applicants": {"es": "sin candidatos", "en": "no candidates"},
    "cand_status_lost": {"es": "perdida ante otra plaza", "en": "lost to another post"},
    "cand_bad_mode": {"es": "--modo-asignacion debe ser uno de: {allowed}",
                      "en": "--modo-asignacion must be one of: {allowed}"},
    # --- end of registered candidates (issue 14) ----------------------------------------------
    # --- rest (issue 15): result workbook headers, sheets, resumen, diagnostico, CLI -----------
    "bookh_clues": {"es": "CLUES", "en": "CLUES"},
    "bookh_name": {"es": "Unidad", "en": "Unit"},
    "bookh_kind": {"es": "Tipo", "en": "Type"},
    "bookh_state_code": {"es": "Clave de entidad", "en": "State code"},
    "bookh_state": {"es": "Entidad", "en": "State"},
    "bookh_municipality": {"es": "Municipio", "en": "Municipality"},
    "bookh_zone": {"es": "Zona", "en": "Zone"},
    "bookh_grade": {"es": "Grado de marginación", "en": "Marginalization grade"},
    "bookh_bonus_eligible": {"es": "Elegible para bono", "en": "Bonus-eligible"},
    "bookh_families": {"es": "Familias", "en": "Families"},
    "bookh_category": {"es": "Categoría", "en": "Category"},
    "bookh_required": {"es": "Requeridos", "en": "Required"},
    "bookh_before": {"es": "Antes", "en": "Before"},
    "bookh_placed": {"es": "Asignados", "en": "Placed"},
    "bookh_after": {"es": "Después", "en": "After"},
    "bookh_bonus_month": {"es": "Bono mensual (MXN)", "en": "Monthly bonus (MXN)"},
    "bookh_gp_required": {"es": "Médicos generales requeridos", "en": "General doctors required"},
    "bookh_gp_before": {"es": "Médicos generales antes", "en": "General doctors before"},
    "bookh_gp_placed": {"es": "Médicos generales asignados", "en": "General doctors placed"},
    "bookh_gp_after": {"es": "Médicos generales después", "en": "General doctors after"},
    "bookh_spec_required": {"es": "Especialistas requeridos", "en": "Specialists required"},
    "bookh_spec_before": {"es": "Especialistas antes", "en": "Specialists before"},
    "bookh_spec_gap": {"es": "Vacantes de especialistas", "en": "Specialist vacancies"},
    "bookh_spec_placed": {"es": "Especialistas asignados", "en": "Specialists placed"},
    "bookh_spec_after": {"es": "Especialistas después", "en": "Specialists after"},
    "bookh_spec_gap_left": {"es": "Vacantes de especialistas sin cubrir",
                            "en": "Specialist vacancies left"},
    "bookh_at_target_before": {"es": "En la meta antes", "en": "At target before"},
    "bookh_at_target_after": {"es": "En la meta después", "en": "At target after"},
    "bookh_no_doctor_before": {"es": "Sin médico antes", "en": "No doctor before"},
    "bookh_no_doctor_after": {"es": "Sin médico después", "en": "No doctor after"},
    "bookh_centres": {"es": "Centros de salud", "en": "Health centres"},
    "bookh_hospitals": {"es": "Hospitales", "en": "Hospitals"},
    "bookh_coverage_after": {"es": "Centros en la meta después (%)",
                             "en": "Centres at target after (%)"},
    "bookh_candidates": {"es": "Candidatos", "en": "Candidates"},
    "bookh_gap": {"es": "Vacantes", "en": "Vacancies"},
    "bookh_current": {"es": "Actuales", "en": "Current"},
    "bookh_unplaced": {"es": "Candidatos sin asignar", "en": "Candidates left unplaced"},
    "bookh_gap_left": {"es": "Vacantes sin cubrir", "en": "Vacancies left"},
    "bookh_need_covered": {"es": "Necesidad ponderada cubierta", "en": "Weighted need covered"},
    "bookh_at_target_hand": {"es": "En la meta con la regla manual",
                             "en": "At target under the hand rule"},
    "bookh_at_target_diff": {"es": "Ventaja: centros en la meta",
                             "en": "Advantage: centres at target"},
    "bookh_no_doctor_hand": {"es": "Sin médico con la regla manual",
                             "en": "No doctor under the hand rule"},
    "bookh_no_doctor_diff": {"es": "Sin médico: plan menos regla manual",
                             "en": "No doctor: plan minus hand rule"},
    "bookh_spec_placed_hand": {"es": "Especialistas asignados con la regla manual",
                               "en": "Specialists placed under the hand rule"},
    "bookh_spec_placed_diff": {"es": "Ventaja: especialistas asignados",
                               "en": "Advantage: specialists placed"},
    "bookh_need_covered_hand": {"es": "Necesidad cubierta con la regla manual",
                                "en": "Need covered under the hand rule"},
    "bookh_need_covered_diff": {"es": "Ventaja: necesidad cubierta",
                                "en": "Advantage: need covered"},
    "bookh_pool_candidates": {"es": "Candidatos registrados", "en": "Registered candidates"},
    "bookh_pool_placed": {"es": "Registrados asignados", "en": "Registered placed"},
    "bookh_national_received": {"es": "Candidatos nacionales recibidos",
                                "en": "National candidates received"},
    "bookh_pool_idle": {"es": "Registrados sin asignar", "en": "Registered left idle"},
    "bookh_pool": {"es": "Candidatos registrados", "en": "Registered candidates"},
    "bookh_from_pool": {"es": "Registrados asignados", "en": "Registered placed"},
    "bookh_from_national": {"es": "Candidatos nacionales recibidos",
                            "en": "National candidates received"},
    "bookh_idle": {"es": "Registrados sin asignar", "en": "Registered left idle"},
    "bookh_spec_held_back": {"es": "Vacantes detenidas por especialidades ligadas",
                             "en": "Vacancies held back by linked specialties"},
    "bookh_requires": {"es": "Requiere", "en": "Requires"},
    "bookh_held_back": {"es": "Vacantes detenidas", "en": "Vacancies held back"},
    "bookh_reason": {"es": "Motivo", "en": "Reason"},
    "bookh_floor": {"es": "Piso", "en": "Floor"},
    "bookh_met": {"es": "Cumplido", "en": "Met"},
    "bookh_floors_unmet": {"es": "Pisos no cumplidos", "en": "Floors not met"},
    "bookh_param": {"es": "Parámetro", "en": "Parameter"},
    "bookh_param_name": {"es": "Nombre en el libro", "en": "Name in the workbook"},
    "bookh_value": {"es": "Valor", "en": "Value"},
    "bookh_description": {"es": "Qué es", "en": "What it is"},
    "book_whatif_head": {"es": "Cambios probados sobre el libro (qué pasa si)",
                         "en": "What-if changes tried on the workbook"},
    "book_whatif_none": {"es": "Ninguno: el escenario tal como viene en el libro.",
                         "en": "None: the scenario as the workbook gives it."},
    "book_whatif_change": {"es": "{name}: {before} → {after}",
                           "en": "{name}: {before} → {after}"},
    "book_whatif_states": {"es": "Solo las entidades {states}", "en": "Only states {states}"},
    "book_whatif_supply": {"es": "Candidatos de {category}: {after}",
                           "en": "Candidates of {category}: {after}"},
    "book_whatif_bonus": {"es": "Bono de {kind} en zona {zone}: {after}",
                          "en": "Bonus of {kind} in zone {zone}: {after}"},
    "book_rules_head": {"es": "Reglas activas: ", "en": "Active rules: "},
    "book_no_advantage": {"es": "—", "en": "—"},
    "book_advantage_note": {"es": "La ventaja del optimizador se da donde más es mejor (o menos, como centros sin médico o candidatos sin asignar), con el signo de lo que gana; el gasto en bonos y el presupuesto no son ventaja y se dejan en blanco.",
                            "en": "The optimiser's advantage is given where more is better (or less, as centres with no doctor or candidates left unplaced), signed by what it gains; bonus spending and the budget are no advantage and are left blank."},
    "rule_word_state_pools": {"es": "bolsas estatales de candidatos", "en": "state candidate pools"},
    "rule_word_linked_specialties": {"es": "especialidades ligadas", "en": "linked specialties"},
    "rule_word_equity_floor": {"es": "piso de equidad ({floor})", "en": "equity floor ({floor})"},
    "rule_word_one_doctor_per_centre": {"es": "mínimo un médico general por centro",
                                        "en": "at least one general doctor per centre"},
    "diagh_solver": {"es": "Optimizador (solver)", "en": "Solver"},
    "diagh_status": {"es": "Estado del plan", "en": "Plan status"},
    "diagh_solver_status": {"es": "Estado informado por el optimizador",
                            "en": "Status reported by the solver"},
    "diagh_objective": {"es": "Necesidad ponderada cubierta (objetivo)",
                        "en": "Weighted need covered (objective)"},
    "diagh_lp_bound": {"es": "Cota superior del objetivo (relajación lineal)",
                       "en": "Upper bound of the objective (linear relaxation)"},
    "diagh_relative_gap": {"es": "Brecha relativa frente a la cota",
                           "en": "Relative gap to the bound"},
    "diagh_hand_rule_objective": {"es": "Objetivo de la regla manual",
                                  "en": "Hand rule objective"},
    "diagh_variables": {"es": "Variables del modelo", "en": "Model variables"},
    "diagh_constraints": {"es": "Restricciones del modelo", "en": "Model constraints"},
    "diagh_time_limit_s": {"es": "Límite de tiempo (s)", "en": "Time limit (s)"},
    "diagh_mip_gap_requested": {"es": "Brecha pedida", "en": "Gap requested"},
    "diagh_item": {"es": "Dato", "en": "Item"},
    "diagh_value": {"es": "Valor", "en": "Value"},
    "diagh_active_rules": {"es": "Reglas activas", "en": "Active rules"},
    "diagh_hard_rules": {"es": "Reglas duras", "en": "Hard rules"},
    "diagh_unmet_rule": {"es": "Regla no cumplida", "en": "Rule not met"},
    "diagh_seconds_of": {"es": "Tiempo de {step} (s)", "en": "Time of {step} (s)"},
    "stage_read": {"es": "lectura", "en": "reading"},
    "stage_validate": {"es": "validación", "en": "validation"},
    "stage_solve": {"es": "optimización", "en": "solve"},
    "stage_relax": {"es": "relajación lineal", "en": "linear relaxation"},
    "stage_explain": {"es": "explicación de reglas", "en": "rule explanation"},
    "stage_indicators": {"es": "indicadores", "en": "indicators"},
    "stage_simulate": {"es": "simulación", "en": "simulation"},
    "stage_write": {"es": "escritura del libro", "en": "writing"},
    "stage_hand": {"es": "regla manual", "en": "hand rule"},
    "stage_build": {"es": "construcción del modelo", "en": "model building"},
    "stage_expand": {"es": "expansión", "en": "expansion"},
    "stage_extract": {"es": "lectura de la solución", "en": "solution extraction"},
    "stage_start": {"es": "solución inicial", "en": "starting solution"},
    "stage_solve_rank": {"es": "optimización por preferencia", "en": "preference solve"},
    "cli_unexpected": {"es": "Error inesperado ({kind}): {detail}",
                       "en": "Unexpected error ({kind}): {detail}"},
    "cli_stage_read": {"es": "lectura y validación", "en": "reading and validation"},
    "cli_stage_solve": {"es": "optimización", "en": "solve"},
    "cli_stage_indicators": {"es": "indicadores", "en": "indicators"},
    "cli_stage_simulate": {"es": "simulación", "en": "simulation"},
    "cli_stage_write": {"es": "escritura", "en": "writing"},
    "cli_step_read": {"es": "Leyendo el libro…", "en": "Reading the workbook…"},
    "cli_step_validate": {"es": "Validando…", "en": "Validating…"},
    "cli_step_solve": {"es": "Optimizando…", "en": "Optimising…"},
    "cli_step_indicators": {"es": "Calculando indicadores…", "en": "Computing indicators…"},
    "cli_step_write": {"es": "Escribiendo el libro de resultados…",
                       "en": "Writing the result workbook…"},
    "cli_status_line": {"es": "Estado: {status}  ·  optimizador {solver}  ·  {stages}",
                        "en": "Status: {status}  ·  solver {solver}  ·  {stages}"},
    "cli_line_at_target": {"es": "Centros en la meta", "en": "Centres at target"},
    "cli_line_no_doctor": {"es": "Centros sin médico", "en": "Centres with no doctor"},
    "cli_line_gp_placed": {"es": "Médicos generales asignados", "en": "General doctors placed"},
    "cli_line_spec_placed": {"es": "Especialistas asignados", "en": "Specialists placed"},
    "cli_line_bonus": {"es": "Bono mensual", "en": "Monthly bonus"},
    "cli_line_objective": {"es": "Objetivo (necesidad ponderada)", "en": "Objective"},
    "cli_of": {"es": "de", "en": "of"},
    "cli_gap": {"es": "brecha", "en": "gap"},
    "cli_hand_rule": {"es": "regla manual", "en": "hand rule"},
    "cli_result_workbook": {"es": "Libro de resultados: {path}", "en": "Result workbook: {path}"},
    "cli_valid": {"es": "El libro es válido: {units}, {rows}.",
                  "en": "The workbook is valid: {units}, {rows}."},
    "cli_units_one": {"es": "{n} unidad", "en": "{n} unit"},
    "cli_units_many": {"es": "{n} unidades", "en": "{n} units"},
    "cli_rows_one": {"es": "{n} fila de plantilla", "en": "{n} staffing row"},
    "cli_rows_many": {"es": "{n} filas de plantilla", "en": "{n} staffing rows"},
    "cli_points_one": {"es": "{n} punto", "en": "{n} point"},
    "cli_points_many": {"es": "{n} puntos", "en": "{n} points"},
    "cli_processes_one": {"es": "{n} proceso", "en": "{n} process"},
    "cli_processes_many": {"es": "{n} procesos", "en": "{n} processes"},
    "cli_workers_one": {"es": "{n} trabajador", "en": "{n} worker"},
    "cli_workers_many": {"es": "{n} trabajadores", "en": "{n} workers"},
    "cli_warning": {"es": "Aviso", "en": "Warning"},
    "cli_template_exists": {"es": "Ya existe «{path}»; no se sobrescribe. Elija otro nombre.",
                            "en": "«{path}» already exists; not overwritten. Choose another name."},
    "cli_template_written": {"es": "Plantilla creada: {path}", "en": "Template written: {path}"},
    "cli_sweep_progress": {"es": "Resolviendo puntos del barrido", "en": "Solving sweep points"},
    "cli_sweep_col_point": {"es": "#", "en": "#"},
    "cli_sweep_col_budget_month": {"es": "presupuesto", "en": "budget"},
    "cli_sweep_col_status": {"es": "estado", "en": "status"},
    "cli_sweep_col_objective": {"es": "objetivo", "en": "objective"},
    "cli_sweep_col_centres_at_target": {"es": "en meta", "en": "at target"},
    "cli_sweep_col_centres_no_doctor": {"es": "sin médico", "en": "no doctor"},
    "cli_sweep_col_spec_placed": {"es": "especialistas", "en": "specialists"},
    "cli_sweep_col_gp_placed": {"es": "MG", "en": "GPs"},
    "cli_sweep_col_bonus_month": {"es": "bono/mes", "en": "bonus/month"},
    "cli_sweep_serial": {"es": "en serie", "en": "serial"},
    "cli_sweep_local": {"es": "en paralelo: Dask local, {workers}",
                        "en": "parallel: local Dask, {workers}"},
    "cli_sweep_cluster": {"es": "en el clúster Dask, {workers}", "en": "on the Dask cluster, {workers}"},
    "cli_sweep_workbook": {"es": "Libro del barrido: {path}", "en": "Sweep workbook: {path}"},
    "cli_sweep_chart": {"es": "Gráfica de la frontera: {path}", "en": "Frontier chart: {path}"},
    "cluster_workers_cannot_import": {
        "es": "Los trabajadores del clúster Dask en {address} no pueden importar «{module}»: "
              "instale el proyecto en su entorno («pip install -e <carpeta del proyecto>» o "
              "PYTHONPATH con la carpeta) y vuelva a iniciar «dask worker».",
        "en": "The workers of the Dask cluster at {address} cannot import «{module}»: install "
              "the project in their environment («pip install -e <project folder>» or "
              "PYTHONPATH with the folder), then restart «dask worker»."},
    "cluster_scheduler_cannot_import": {
        "es": "El planificador de Dask en {address} no puede leer las tareas del barrido: le "
              "falta el proyecto (no puede importar «{module}»). Dask reciente abre el grafo de "
              "tareas en el planificador, así que el planificador, no solo los trabajadores, "
              "necesita el proyecto instalado: en su entorno, «pip install -e <carpeta del "
              "proyecto>» (o PYTHONPATH con la carpeta) y vuelva a iniciar «dask scheduler».",
        "en": "The Dask scheduler at {address} cannot read the sweep's tasks: it lacks the "
              "project (it cannot import «{module}»). Recent Dask opens the task graph on the "
              "scheduler, so the scheduler, not only the workers, needs the project installed: in "
              "its environment, «pip install -e <project folder>» (or PYTHONPATH with the "
              "folder), then restart «dask scheduler»."},
    "warn_budget_zero": {
        "es": "El presupuesto mensual de bonos ({param}) es 0: ningún especialista irá a un hospital con "
              "bono (hay vacantes de especialistas en hospitales elegibles). Escriba el "
              "presupuesto mensual de bonos, en MXN.",
        "en": "The monthly bonus budget ({param}) is 0: no specialist will go to a bonus-eligible "
              "hospital (they have specialist vacancies). Enter the monthly bonus budget, MXN."},
    "warn_stable_rules": {
        "es": "El modo de asignación ({param}) es «estable»: la aceptación diferida no impone "
              "{rules}, que este libro activa. El plan estable se revisará contra esas reglas al "
              "resolver y dirá cuánto le falta; para imponerlas, use «optimo».",
        "en": "The assignment mode ({param}) is «estable»: deferred acceptance does not impose "
              "{rules}, which this workbook switches on. The stable plan will be checked against "
              "those rules when solved and say how far it falls short; to impose them, use "
              "«optimo»."},
    "word_list_1": {"es": "«{a}»", "en": "«{a}»"},
    "word_list_2": {"es": "«{a}» ni «{b}»", "en": "«{a}» or «{b}»"},
    "word_list_3": {"es": "«{a}», «{b}» ni «{c}»", "en": "«{a}», «{b}» or «{c}»"},
    "candh_folio": {"es": "Folio", "en": "Folio"},
    "candh_category": {"es": "Categoría", "en": "Category"},
    "candh_state_code": {"es": "Clave de entidad de registro", "en": "Registration state code"},
    "candh_score": {"es": "Puntaje", "en": "Score"},
    "candh_clues": {"es": "CLUES", "en": "CLUES"},
    "candh_name": {"es": "Unidad", "en": "Unit"},
    "candh_post_state": {"es": "Entidad de la plaza", "en": "Post state"},
    "candh_municipality": {"es": "Municipio", "en": "Municipality"},
    "candh_rank": {"es": "Opción", "en": "Choice"},
    "candh_state": {"es": "Entidad", "en": "State"},
    "candh_gap": {"es": "Vacantes", "en": "Vacancies"},
    "candh_applicants": {"es": "Candidatos que la eligieron", "en": "Candidates who chose it"},
    "candh_placed": {"es": "Asignados", "en": "Placed"},
    "candh_status": {"es": "Estado", "en": "Status"},
    "candh_posts_without": {"es": "Plazas sin candidatos", "en": "Posts without candidates"},
    "candh_vacancies_without": {"es": "Vacantes sin candidatos", "en": "Vacancies without candidates"},
    "candh_posts": {"es": "Plazas", "en": "Posts"},
    "candh_vacancies": {"es": "Vacantes", "en": "Vacancies"},
    # --- end of rest (issue 15) -----------------------------------------------------------------
    # --- helper "pages" (phase 2): the candidates tab and the other pages ----------------------
    "tab_candidates": {"es": "Candidatos", "en": "Candidates"},
    "candp_header": {"es": "Candidatos registrados: quién va a qué plaza",
                     "en": "Registered candidates: who goes to which post"},
    "candp_no_list": {"es": "Este libro no tiene candidatos registrados (hoja «candidatos»). "
                            "Llénela en la plantilla para asignar personas a plazas según las "
                            "opciones que eligieron.",
                      "en": "This workbook has no registered candidates («candidatos» sheet). "
                            "Fill it in the template to assign people to posts by the options "
                            "they chose."},
    "candp_synthetic": {"es": "Lista SINTÉTICA de {n} candidatos (folios SINT-…): no son personas "
                              "reales; sirve para probar la herramienta. Suba su propio libro con "
                              "la lista de registro para resultados reales.",
                        "en": "SYNTHETIC list of {n} candidates (folios SINT-…): not real people; "
                              "it is there to try the tool. Upload your own workbook with the "
                              "registration list for real results."},
    "candp_mode": {"es": "Cómo se asignan los médicos", "en": "How doctors are assigned"},
    "candp_mode_help": {"es": "Por oferta: cuenta candidatos por categoría (sin ver quién eligió "
                              "qué). Óptimo: coloca a cada candidato solo en una plaza que eligió, "
                              "cubriendo la mayor necesidad. Estable: la regla de las residencias "
                              "(cada candidato obtiene la mejor opción que su puntaje le permite).",
                        "en": "By supply: counts candidates per category (not who chose what). "
                              "Optimal: places each candidate only in a post they chose, covering "
                              "the most need. Stable: the residency-match rule (each candidate gets "
                              "the best option their score allows)."},
    "candp_mode_por_oferta": {"es": "Por oferta (conteos)", "en": "By supply (counts)"},
    "candp_mode_optimo": {"es": "Óptimo (personas)", "en": "Optimal (people)"},
    "candp_mode_estable": {"es": "Estable (como residencias)", "en": "Stable (residency match)"},
    "candp_por_oferta_shown": {"es": "El plan mostrado asigna a las personas registradas "
                                     "(«{mode}»). El plan que solo cuenta candidatos por "
                                     "categoría se calcula desde el formulario: «{header}» → "
                                     "«{field}»: «{por_oferta}», y «{solve}».",
                               "en": "The plan shown assigns the registered people («{mode}»). "
                                     "The plan that only counts candidates per category is "
                                     "solved from the form: «{header}» → «{field}»: "
                                     "«{por_oferta}», then «{solve}»."},
    "candp_por_oferta": {"es": "El plan mostrado cuenta candidatos por categoría y no mira qué "
                               "plazas eligió cada persona. Elija «Óptimo» o «Estable» para "
                               "asignar a los candidatos registrados y ver qué plazas nadie eligió.",
                         "en": "The plan shown counts candidates per category and does not look "
                               "at which posts each person chose. Choose «Optimal» or «Stable» to "
                               "assign the registered candidates and see which posts nobody "
                               "chose."},
    "candp_wait": {"es": "Se calcula solo la asignación elegida: {wait} con esta lista de {n} "
                         "candidatos ({how}). El precio de la estabilidad se mide después, con "
                         "otro botón.",
                   "en": "Only the chosen assignment is computed: {wait} for this list of {n} "
                         "candidates ({how}). The price of stability is measured afterwards, "
                         "with another button."},
    "candp_wait_range": {"es": "de {low} (si el presupuesto alcanza) a {high} (si no alcanza "
                               "para todas las plazas elegidas)",
                         "en": "from {low} (if the budget reaches) to {high} (if it does not "
                               "reach every chosen post)"},
    "candp_wait_estimated": {"es": "estimado por su tamaño", "en": "estimated from its size"},
    "candp_wait_measured": {"es": "lo que tardó la última asignación",
                            "en": "what the last assignment took"},
    "candp_compare": {"es": "Comparar con la asignación «{other}»: precio de la estabilidad",
                      "en": "Compare with the «{other}» assignment: price of stability"},
    "candp_compare_wait": {"es": "Calcula también la asignación «{other}» para medir cuánta "
                                 "necesidad cuesta la estabilidad y cuántos pares bloquean: "
                                 "{wait} (estimado por el tamaño de la lista; más si la "
                                 "máquina está ocupada).",
                           "en": "Also computes the «{other}» assignment to measure how much "
                                 "need stability costs and how many pairs block: {wait} "
                                 "(estimated from the list's size; longer on a busy machine)."},
    "candp_compare_known": {"es": "La asignación «{other}» ya se calculó en esta sesión: la "
                                  "comparación solo cuenta los pares bloqueantes (unos segundos).",
                            "en": "The «{other}» assignment was already computed in this session: "
                                  "the comparison only counts the blocking pairs (a few seconds)."},
    "candp_comparing": {"es": "Calculando la asignación «{other}»…",
                        "en": "Computing the «{other}» assignment…"},
    "candp_run": {"es": "Asignar candidatos: {mode}", "en": "Assign candidates: {mode}"},
    "candp_running": {"es": "Asignando candidatos registrados a plazas…",
                      "en": "Assigning registered candidates to posts…"},
    "candp_failed": {"es": "No se obtuvo una asignación de candidatos: vea el estado arriba.",
                     "en": "No candidate assignment was found: see the status above."},
    "candp_only_here": {"es": "Esta asignación se muestra solo en esta pestaña; las demás siguen "
                              "mostrando el plan por oferta.",
                        "en": "This assignment is shown in this tab only; the other tabs still "
                              "show the plan by supply."},
    "candp_placed": {"es": "Candidatos colocados", "en": "Candidates placed"},
    "candp_placed_help": {"es": "De {total} registrados, cada uno solo en una plaza que eligió.",
                          "en": "Of {total} registered, each only in a post they chose."},
    "candp_of": {"es": "de {total} registrados ({pct})", "en": "of {total} registered ({pct})"},
    "candp_filled": {"es": "Plazas ocupadas", "en": "Posts filled"},
    "candp_filled_note": {"es": "de {posts} plazas; {partial} solo en parte",
                          "en": "of {posts} posts; {partial} only partly"},
    "candp_no_applicants": {"es": "Plazas sin candidatos", "en": "Posts without applicants"},
    "candp_no_applicants_note": {"es": "ningún registrado las eligió",
                                 "en": "no registered candidate chose them"},
    "candp_lost": {"es": "Plazas perdidas ante otra", "en": "Posts lost to another"},
    "candp_lost_note": {"es": "quienes las eligieron fueron a otra plaza",
                        "en": "those who chose them went to another post"},
    "candp_price": {"es": "Precio de la estabilidad: la asignación estable cubre {stable} puntos "
                          "de necesidad y la óptima {optimal}; respetar las preferencias cuesta "
                          "{lost} puntos ({pct}).",
                    "en": "Price of stability: the stable assignment covers {stable} need points "
                          "and the optimal one {optimal}; respecting preferences costs {lost} "
                          "points ({pct})."},
    "candp_price_none": {"es": "La asignación estable cubre lo mismo que la óptima ({covered} "
                               "puntos de necesidad): la estabilidad no cuesta nada aquí.",
                         "en": "The stable assignment covers as much as the optimal one "
                               "({covered} need points): stability costs nothing here."},
    "candp_price_unknown": {"es": "No se pudo medir el precio de la estabilidad: una de las dos "
                                  "asignaciones no tiene solución.",
                            "en": "The price of stability could not be measured: one of the two "
                                  "assignments has no solution."},
    "candp_blocking": {"es": "En la asignación óptima hay {n} pares candidato–plaza que se "
                             "preferirían mutuamente a lo asignado (pares bloqueantes): esas "
                             "personas podrían reclamar.",
                       "en": "In the optimal assignment {n} candidate–post pairs would both "
                             "rather have each other than what they got (blocking pairs): those "
                             "people could complain."},
    "candp_blocking_none": {"es": "La asignación óptima no tiene pares bloqueantes: nadie preferiría "
                                  "una plaza que también lo preferiría a él.",
                            "en": "The optimal assignment has no blocking pairs: nobody would "
                                  "rather have a post that would also rather have them."},
    "candp_unwanted_header": {"es": "Plazas que nadie eligió, por entidad y especialidad",
                              "en": "Posts nobody chose, by state and specialty"},
    "candp_unwanted_intro": {"es": "Dónde subir el bono o reabrir la convocatoria: vacantes que "
                                   "ningún candidato registrado puso entre sus opciones.",
                             "en": "Where to raise the bonus or reopen the call: vacancies no "
                                   "registered candidate listed among their options."},
    "candp_unwanted_none": {"es": "Todas las plazas con vacantes fueron elegidas por al menos un "
                                  "candidato.",
                            "en": "Every post with vacancies was chosen by at least one "
                                  "candidate."},
    "map_unwanted": {"es": "Vacantes sin candidatos", "en": "Vacancies without candidates"},
    "candp_blocking_one": {"es": "En la asignación óptima hay 1 par candidato–plaza que se "
                                 "preferirían mutuamente a lo asignado (un par bloqueante): esa "
                                 "persona podría reclamar.",
                           "en": "In the optimal assignment 1 candidate–post pair would both "
                                 "rather have each other than what they got (a blocking pair): "
                                 "that person could complain."},
    "candp_col_folio": {"es": "Folio", "en": "Folio"},
    "candp_col_category": {"es": "Categoría", "en": "Category"},
    "candp_col_specialty": {"es": "Especialidad", "en": "Specialty"},
    "candp_col_rank": {"es": "Opción asignada", "en": "Option given"},
    "candp_col_clues": {"es": "CLUES", "en": "CLUES"},
    "candp_col_name": {"es": "Unidad", "en": "Unit"},
    "candp_col_post_state": {"es": "Entidad de la plaza", "en": "State of the post"},
    "candp_col_municipality": {"es": "Municipio", "en": "Municipality"},
    "candp_col_state": {"es": "Entidad", "en": "State"},
    "candp_col_posts_without": {"es": "Plazas sin candidatos", "en": "Posts without candidates"},
    "candp_col_vacancies_without": {"es": "Vacantes sin candidatos",
                                    "en": "Vacancies without candidates"},
    "candp_col_posts": {"es": "Plazas con vacantes", "en": "Posts with vacancies"},
    "candp_col_vacancies": {"es": "Vacantes", "en": "Vacancies"},
    "candp_no_hand": {"es": "Con candidatos registrados no se compara con la regla manual: esa "
                            "regla reparte conteos por categoría y no sabe qué plazas eligió cada "
                            "persona. Vea la pestaña «Candidatos».",
                      "en": "With registered candidates there is no comparison with the hand "
                            "rule: that rule shares out counts per category and does not know "
                            "which posts each person chose. See the «Candidates» tab."},
    "mvp_confirmed": {"es": "{subject}: +{gain} puntos de necesidad cubierta (confirmado "
                            "calculando de nuevo el plan completo).",
                      "en": "{subject}: +{gain} need points covered (confirmed by solving the "
                            "whole plan again)."},
    "mvp_uncertain": {"es": "El nuevo cálculo no terminó de probar el óptimo: cifra aproximada.",
                      "en": "The new solve did not finish proving the optimum: an approximate "
                            "figure."},
    "mvp_estimate_off": {"es": "La estimación rápida (+{estimate}) no se sostiene para un paso "
                               "entero; vale la cifra confirmada.",
                         "en": "The quick estimate (+{estimate}) does not hold for a whole step; "
                               "the confirmed figure is the one to use."},
    "mvp_estimate": {"es": "{subject}: alrededor de +{estimate} puntos de necesidad cubierta "
                           "(estimación rápida, sin confirmar).",
                     "en": "{subject}: about +{estimate} need points covered (quick estimate, "
                           "not confirmed)."},
    "mvp_not_one_candidate": {"es": "Esta estimación no se sostiene ni para un candidato entero.",
                              "en": "This estimate does not hold even for one whole candidate."},
    "mvp_not_at_all": {"es": "Esta estimación no se sostiene para el paso completo.",
                       "en": "This estimate does not hold for the whole step."},
    "mvp_holds_part": {"es": "Esta estimación solo se sostiene para los primeros {part} de "
                             "{step}.",
                       "en": "This estimate holds only for the first {part} of {step}."},
    "mvp_holds_unknown": {"es": "No se sabe hasta dónde se sostiene esta estimación.",
                          "en": "How far this estimate holds is not known."},
    "mvp_press_confirm": {"es": "Pulse «Confirmar» para calcularlo con el plan completo.",
                          "en": "Press «Confirm» to compute it with the whole plan."},
    "mvp_failed": {"es": "{subject}: la estimación rápida da +{estimate} puntos, pero el nuevo "
                         "cálculo no encontró plan: no la use.",
                   "en": "{subject}: the quick estimate gives +{estimate} points, but the new "
                         "solve found no plan: do not rely on it."},
    "mvp_zero_proven": {"es": "{subject} no cubriría más necesidad (demostrado).",
                        "en": "{subject} would not cover more need (proven)."},
    "mvp_zero_slack": {"es": "{subject} no cubriría más necesidad: el plan ya deja sin usar "
                             "{slack} de {available}.",
                       "en": "{subject} would not cover more need: the plan already leaves "
                             "{slack} of {available} unused."},
    "mvp_zero": {"es": "{subject} no cubriría más necesidad, según la estimación rápida.",
                 "en": "{subject} would not cover more need, by the quick estimate."},
    "mvp_col_resource": {"es": "Recurso", "en": "Resource"},
    "mvp_col_available": {"es": "Disponible", "en": "Available"},
    "mvp_col_used": {"es": "Usado en el plan", "en": "Used by the plan"},
    "mvp_col_estimate": {"es": "Estimación rápida (puntos)", "en": "Quick estimate (points)"},
    "mvp_col_confirmed": {"es": "Ganancia confirmada (puntos)", "en": "Confirmed gain (points)"},
    "mvp_col_check": {"es": "Verificación", "en": "Check"},
    "mvp_check_confirmed": {"es": "confirmada", "en": "confirmed"},
    "mvp_check_differs": {"es": "confirmada, distinta de la estimación",
                          "en": "confirmed, differs from the estimate"},
    "mvp_check_proven_zero": {"es": "cero demostrado", "en": "zero, proven"},
    "mvp_check_not_checked": {"es": "sin confirmar", "en": "not confirmed"},
    "mvp_check_uncertain": {"es": "aproximada", "en": "approximate"},
    "mvp_check_failed": {"es": "el nuevo cálculo no dio plan", "en": "the new solve found no plan"},
    "mvp_intro": {"es": "¿Qué se ganaría con un candidato más de cada categoría o con un millón "
                        "de pesos más al mes? Primero lo confirmado; las estimaciones rápidas "
                        "valen para cambios pequeños y pueden no sostenerse para un paso entero.",
                  "en": "What would one more candidate of each category, or one more million "
                        "pesos a month, gain? Confirmed figures first; quick estimates hold for "
                        "small changes and may not hold for a whole step."},
    "sw_upload_button": {"es": "Elegir archivo", "en": "Choose file"},
    "sw_upload_note": {"es": "Arrastre aquí un libro .xlsx (hasta {mb} MB)",
                       "en": "Drop an .xlsx workbook here (up to {mb} MB)"},
    "sw_where_sheet": {"es": "hoja «{sheet}»", "en": "sheet «{sheet}»"},
    "sw_where_row": {"es": "fila {row}", "en": "row {row}"},
    "sw_where_column": {"es": "columna «{column}»", "en": "column «{column}»"},
    "sw_where_value": {"es": "valor «{value}»", "en": "value «{value}»"},
    "sw_more_problems": {"es": "… y {n} problemas más en la tabla de abajo.",
                         "en": "… and {n} more problems in the table below."},
    "sw_problem_table": {"es": "Todos los problemas, en tabla", "en": "Every problem, as a table"},
    "cmpv_supply": {"es": "Candidatos de {category}", "en": "{category} candidates"},
    "cmpv_input": {"es": "Dato que cambia", "en": "Input that changes"},
    "cmpv_inputs_header": {"es": "Qué cambia entre los escenarios", "en": "What differs between "
                                                                         "the scenarios"},
    "cmpv_inputs_same": {"es": "Los escenarios elegidos tienen los mismos datos.",
                         "en": "The chosen scenarios have the same inputs."},
    "cmpv_results_header": {"es": "Resultados", "en": "Results"},
    "cmpv_delta_note": {"es": "Δ = diferencia frente a «{ref}».",
                        "en": "Δ = difference from «{ref}»."},
    "cmpv_no_move": {"es": "Este indicador no cambia en ninguna entidad entre los escenarios "
                           "elegidos. Elija otro indicador arriba.",
                     "en": "This indicator does not change in any state between the chosen "
                           "scenarios. Choose another indicator above."},
    "fwp_intro": {"es": "¿Cuánta necesidad se cubre con cada presupuesto mensual de bonos? Se "
                        "optimiza el escenario actual con {n} presupuestos, de $0 al doble del "
                        "actual ({budget}); lo demás queda como está. Cada presupuesto es un plan "
                        "completo: con este escenario, unos {low} a {high} segundos en total.",
                  "en": "How much need does each monthly bonus budget cover? The current scenario "
                        "is optimised with {n} budgets, from $0 to twice the current one "
                        "({budget}); everything else stays as it is. Each budget is a whole plan: "
                        "with this scenario, about {low} to {high} seconds in all."},
    "fwp_running": {"es": "Calculando la frontera: {done} de {total} presupuestos; faltan unos "
                          "{left} s.",
                    "en": "Computing the frontier: {done} of {total} budgets; about {left} s "
                          "left."},
    "fwp_first": {"es": "Calculando la frontera: primer presupuesto de {total} (unos {each} s "
                        "cada uno)…",
                  "en": "Computing the frontier: first budget of {total} (about {each} s "
                        "each)…"},
    "map_note_touch": {"es": "En gris, entidades fuera del escenario. Toque o señale una entidad "
                             "para ver sus cifras; las gráficas de abajo las dan por entidad.",
                       "en": "Grey: states outside the scenario. Tap or point at a state for its "
                             "figures; the charts below give them by state."},
    "chart_series": {"es": "Momento", "en": "When"},
    "sw_upload_invalid_one": {"es": "El libro «{name}» tiene un problema. Corríjalo y vuelva a "
                                    "subirlo; mientras tanto se sigue usando el escenario "
                                    "anterior.",
                              "en": "Workbook «{name}» has one problem. Fix it and upload it "
                                    "again; meanwhile the previous scenario stays in use."},
    "sw_upload_invalid_many": {"es": "El libro «{name}» tiene {count} problemas. Corríjalos y "
                                     "vuelva a subirlo; mientras tanto se sigue usando el "
                                     "escenario anterior.",
                               "en": "Workbook «{name}» has {count} problems. Fix them and "
                                     "upload it again; meanwhile the previous scenario stays in "
                                     "use."},
    "sw_stop": {"es": "Detener", "en": "Stop"},
    "candp_people_header": {"es": "Cada candidato: plaza y número de opción",
                            "en": "Each candidate: post and option number"},
    "candp_folio_search": {"es": "Buscar folio", "en": "Search folio"},
    "candp_people_count": {"es": "{shown} de {total} candidatos (se muestran hasta 5,000; la lista "
                                 "completa está en el libro de resultados, hoja «candidatos»). En "
                                 "blanco: no colocado.",
                           "en": "{shown} of {total} candidates (up to 5,000 shown; the full list "
                                 "is in the result workbook, sheet «candidatos»). Blank: not "
                                 "placed."},
    # --- estable mode: §B rules not imposed, checked on the stable plan (analysis/rule_check) -
    "stable_unimposed": {
        "es": "Modo estable: la regla «{rule}» no se impone (la aceptación diferida no admite "
              "mínimos, pisos ni ligas entre plazas); en este plan estable {how}.",
        "en": "Stable mode: the rule «{rule}» is not imposed (deferred acceptance admits no "
              "minimums, floors or links between posts); in this stable plan {how}."},
    "stable_met_one_doctor_per_centre": {
        "es": "se cumple de todos modos: ningún centro queda sin médico general",
        "en": "it holds anyway: no centre is left without a general doctor"},
    "stable_met_equity_floor": {
        "es": "se cumple de todos modos: toda entidad alcanza su piso en cada categoría",
        "en": "it holds anyway: every state reaches its floor in every category"},
    "stable_met_linked_specialties": {
        "es": "se cumple de todos modos: ninguna especialidad ligada queda sin la que requiere",
        "en": "it holds anyway: no linked specialty is left without the one it requires"},
    "stable_short_one_doctor": {
        "es": "{centres} sin médico general (la entidad con más: {state}, {n})",
        "en": "{centres} without a general doctor (the state with most: {state}, {n})"},
    "stable_short_floor": {
        "es": "{cells} por debajo de su piso, con un déficit de {doctors} (el mayor: {state} · "
              "{category}, {placed} de {floor})",
        "en": "{cells} below the floor, short by {doctors} (the largest: {state} · "
              "{category}, {placed} of {floor})"},
    "stable_short_links": {
        "es": "hay {doctors} en {units} sin la especialidad que requieren (p. ej. {category} "
              "sin {requires} en {clues})",
        "en": "{doctors} at {units} without the specialty they require (e.g. "
              "{category} without {requires} at {clues})"},
    "stable_n_centres_one": {"es": "queda {n} centro", "en": "{n} centre is left"},
    "stable_n_centres_many": {"es": "quedan {n} centros", "en": "{n} centres are left"},
    "stable_n_cells_one": {"es": "{n} combinación de entidad y categoría queda",
                           "en": "{n} state–category pair is"},
    "stable_n_cells_many": {"es": "{n} combinaciones de entidad y categoría quedan",
                            "en": "{n} state–category pairs are"},
    "stable_n_doctors_one": {"es": "{n} médico", "en": "{n} doctor"},
    "stable_n_doctors_many": {"es": "{n} médicos", "en": "{n} doctors"},
    "stable_n_doctors_placed_one": {"es": "{n} médico colocado", "en": "{n} doctor is placed"},
    "stable_n_doctors_placed_many": {"es": "{n} médicos colocados",
                                     "en": "{n} doctors are placed"},
    "stable_n_units_one": {"es": "{n} unidad", "en": "{n} unit"},
    "stable_n_units_many": {"es": "{n} unidades", "en": "{n} units"},
    "stable_rules_not_imposed": {
        "es": "Reglas del libro que el emparejamiento estable no impone (se revisan sobre el "
              "plan): {rules}.",
        "en": "Workbook rules the stable matching does not impose (checked on the plan): "
              "{rules}."},
}


def t(message: str, lang: str = DEFAULT_LANG, **fields: object) -> str:
    """The message with key ``message`` in ``lang``, formatted with ``fields``.

    A field that is a :class:`Phrase` is rendered in ``lang`` too.
    """
    entry = MESSAGES[message]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    if not fields:
        return text
    return text.format(**{k: v.text(lang) if isinstance(v, Phrase) else v
                          for k, v in fields.items()})


def pair(key: str) -> tuple[str, str]:
    """(Spanish, English) of ``key``: for tables indexed by language (0 = es, 1 = en)."""
    return t(key, "es"), t(key, "en")


@dataclass(frozen=True)
class Phrase:
    """A catalogue sentence kept unformatted until the reader's language is known.

    Used as a field of another message (the ``{detail}`` of a refused file), so the detail is
    Spanish under Spanish and English under English.
    """

    key: str
    fields: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str = DEFAULT_LANG) -> str:
        return t(self.key, lang, **dict(self.fields))

    def __str__(self) -> str:
        return self.text(DEFAULT_LANG)


def phrase(key: str, **fields: object) -> Phrase:
    """A :class:`Phrase` of ``key`` with ``fields``."""
    if key not in MESSAGES:
        raise KeyError(key)
    return Phrase(key, tuple(fields.items()))
