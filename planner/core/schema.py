"""Declarations of the input workbook: every sheet, column, parameter and allowed value, once.

The template, the ``LEEME`` sheet and the validation messages are all generated from these
declarations (DESIGN §3). Column names are the Spanish names planners write; matching ignores
case, accents, surrounding spaces and spaces versus underscores.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from planner.core.text import normalize_key

Kind = Literal["text", "int", "number", "bool", "choice"]


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its Spanish name, type, bounds and meaning."""

    name: str
    kind: Kind
    description: str
    description_en: str
    required: bool = True  # the column must be present in the sheet
    blank_ok: bool = False  # a cell may be left empty
    minimum: float | None = None
    maximum: float | None = None
    choices: str | None = None  # name of a CHOICES table, for kind == "choice"
    example: object = None


@dataclass(frozen=True)
class Sheet:
    """One sheet of the input workbook."""

    name: str
    description: str
    description_en: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()  # columns whose combination must be unique
    optional: bool = False  # the workbook may leave the sheet out (absent or empty = not used)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


@dataclass(frozen=True)
class Param:
    """One scenario parameter of the ``parametros`` sheet."""

    name: str
    kind: Kind
    default: object
    description: str
    description_en: str
    minimum: float | None = None
    maximum: float | None = None
    required: bool = False
    choices: str | None = None  # name of a CHOICES table, for kind == "choice"
    field: str = ""  # its name in Params and WhatIf (planner/core/scenario.py)


# Allowed values: canonical value -> accepted spellings (matched by normalize_key).
CHOICES: dict[str, dict[str, tuple[str, ...]]] = {
    "tipo_unidad": {
        "hospital": ("hospital", "hospital general", "hospital comunitario", "hg", "hc"),
        "centro de salud": ("centro de salud", "centro", "cs", "centro de salud rural",
                            "centro de salud urbano", "unidad de consulta externa"),
    },
    "tipo_categoria": {
        "especialidad": ("especialidad", "especialista", "specialty"),
        "medicina general": ("medicina general", "medico general", "general"),
        "enfermería": ("enfermería", "enfermeria", "enfermera", "enfermero", "nursing"),
    },
    "grado_marginacion": {
        "muy bajo": ("muy bajo",),
        "bajo": ("bajo",),
        "medio": ("medio",),
        "alto": ("alto",),
        "muy alto": ("muy alto",),
    },
    "zona": {
        "2": ("2", "ii", "zona 2", "zona ii", "2.0"),
        "3": ("3", "iii", "zona 3", "zona iii", "3.0"),
    },
    "modo_bono": {
        "fijo": ("fijo", "fixed"),
        "por_hospital": ("por hospital", "por_hospital", "per hospital", "per_hospital"),
    },
    "base_presupuesto": {
        "esperado": ("esperado", "expected"),
        "garantizado": ("garantizado", "guaranteed"),
    },
    "modo_asignacion": {
        "por_oferta": ("por_oferta", "por oferta", "oferta"),
        "optimo": ("optimo", "óptimo"),
        "estable": ("estable",),
    },
    "base_curva": {
        "estimado": ("estimado", "estimada", "estimated", "fitted"),
        "supuesto": ("supuesto", "supuesta", "assumed", "assumption"),
        "dato": ("dato", "observado", "data", "observed"),
    },
    "fase": {
        "1": ("1", "fase 1", "1.0"), "2": ("2", "fase 2", "2.0"), "3": ("3", "fase 3", "3.0"),
        "3b": ("3b", "3 b", "fase 3b", "brecha", "fase brecha"), "4": ("4", "fase 4", "4.0"),
        "5": ("5", "fase 5", "5.0"), "6": ("6", "fase 6", "6.0"),
        "especial": ("especial", "fase especial"),
    },
}
# The phases of a call, in order (the 2026 hiring: shared/data/contratacion_2026/SOURCE.md).
PHASES: tuple[str, ...] = ("1", "2", "3", "3b", "4", "5", "6", "especial")
BONUS_MODES = ("fijo", "por_hospital")
CURVE_BASES: tuple[str, ...] = ("estimado", "supuesto", "dato")
BUDGET_BASES = ("esperado", "garantizado")
ASSIGNMENT_MODES: tuple[str, ...] = ("por_oferta", "optimo", "estable")
CANDIDATE_OPTIONS: tuple[str, ...] = tuple(f"opcion_{i}" for i in range(1, 6))

GRADES: tuple[str, ...] = ("muy bajo", "bajo", "medio", "alto", "muy alto")
ZONES: tuple[int, ...] = (2, 3)
HOSPITAL, CENTRE = "hospital", "centro de salud"
SPECIALTY, GENERAL, NURSING = "especialidad", "medicina general", "enfermería"
GENERAL_CATEGORY = "Medicina general"
NURSING_CATEGORY = "Enfermería general"
# The one place that says which category types have a per-centre target: category type -> the
# field of Params holding it. A centre's blank 'requeridos' for a category of such a type means
# that target, and the first worker of that category at a centre with none today earns the
# first-worker weight P (peso_primer_medico). Specialties have no centre target.
CENTRE_TARGETS: dict[str, str] = {GENERAL: "target", NURSING: "nurse_target"}
BUDGET = "presupuesto_bono_mensual"  # the parameter a budget sweep varies

TRUE_WORDS = frozenset({"si", "yes", "1", "x", "true", "verdadero", "s", "y"})
FALSE_WORDS = frozenset({"no", "0", "", "false", "falso", "n"})


def canonical_choice(table: str, value: object) -> str | None:
    """The canonical spelling of ``value`` in a choice table, or None when it is not allowed."""
    key = normalize_key(value)
    for canonical, spellings in CHOICES[table].items():
        if key in {normalize_key(s) for s in spellings}:
            return canonical
    return None


PARAMETERS: tuple[Param, ...] = (
    Param("meta_medicos_generales_por_centro", "int", 2,
          "Meta de médicos generales por centro de salud (T). Un centro sin 'requeridos' de "
          "Medicina general requiere esta cifra.",
          "Target general doctors per health centre (T).", minimum=0, maximum=50,
          field="target"),
    Param("presupuesto_bono_mensual", "number", None,
          "Presupuesto mensual para bonos de especialistas, en MXN (B).",
          "Monthly bonus budget, MXN (B).", minimum=0, maximum=1e12, required=True,
          field="budget"),
    Param("peso_primer_medico", "number", 3,
          "Peso extra (P) por dar el primer médico general a un centro que hoy no tiene (y la "
          "primera enfermera a un centro sin enfermeras).",
          "Extra weight (P) for the first general doctor of a centre that has none (and the "
          "first nurse of a centre with no nurse).", minimum=0,
          maximum=1000, field="first_doctor_weight"),
    Param("peso_familias", "number", 1,
          "Peso (F) de las familias atendidas: el peso de un centro se multiplica por "
          "1 + F × familias / 6000.",
          "Families weight (F): a centre's weight is multiplied by 1 + F × families / 6000.",
          minimum=0, maximum=1000,
          field="families_weight"),
    Param("limite_tiempo_s", "number", 60,
          "Tiempo máximo de cálculo del optimizador, en segundos.",
          "Solver time limit, seconds.", minimum=1, maximum=3600,
          field="time_limit"),
    Param("brecha_mip", "number", 0.0,
          "Brecha de optimalidad aceptada (0 = solución óptima exacta; 0.01 = a 1 % del óptimo).",
          "Accepted relative MIP gap (0 = exact optimum).", minimum=0, maximum=0.5,
          field="mip_gap"),
    Param("cobertura_minima_entidad", "number", 0.0,
          "Piso de equidad (α entre 0 y 1): cada entidad recibe al menos α veces su parte "
          "proporcional de cada categoría.",
          "Equity floor α in [0, 1]: each state gets at least α times its proportional share.",
          minimum=0, maximum=1,
          field="equity_floor"),
    Param("minimo_un_medico_por_centro", "bool", False,
          "Regla dura (sí/no): todo centro de salud termina con al menos un médico general.",
          "Hard rule (yes/no): every centre ends with at least one general doctor.",
          field="one_doctor_per_centre"),
    Param("modo_bono", "choice", "fijo",
          "Bono: 'fijo' (el de la hoja 'bonos' en cada hospital elegible) o 'por_hospital' (el "
          "modelo elige un nivel de 'niveles_bono' por hospital elegible y tipo de categoría).",
          "Bonus: 'fijo' (the 'bonos' sheet at every eligible hospital) or 'por_hospital' (the "
          "model picks one 'niveles_bono' level per eligible hospital and category type).",
          choices="modo_bono", field="bonus_mode"),
    Param("presupuesto_bono_base", "choice", "esperado",
          "Cómo cuenta el presupuesto: 'esperado' (bono × probabilidad de aceptación) o "
          "'garantizado' (como si toda oferta se aceptara).",
          "Budget basis: 'esperado' (bonus × acceptance probability) or 'garantizado' (as if "
          "every offer were accepted).", choices="base_presupuesto",
          field="budget_basis"),
    Param("riesgo_presupuesto", "number", 0.10,
          "Probabilidad máxima de que el bono pagado supere el presupuesto (ε entre 0 y 1), "
          "cuando la base es 'esperado': el modelo deja un margen probado (desigualdades de "
          "Cantelli y Bernstein). 0 = nunca (como 'garantizado'); 1 = sin garantía (solo el "
          "bono esperado ≤ presupuesto).",
          "Largest probability that the bonus paid exceeds the budget (ε in [0, 1]) under the "
          "'esperado' basis: the model keeps a proven margin (Cantelli and Bernstein "
          "inequalities). 0 = never (as 'garantizado'); 1 = no guarantee (expected bill ≤ "
          "budget only).", minimum=0, maximum=1,
          field="budget_risk"),
    Param("modo_asignacion", "choice", "por_oferta",
          "Cómo se asigna: por_oferta (conteos por categoría de la hoja 'oferta'), optimo "
          "(cada candidato de la hoja 'candidatos' a lo más una vez y solo a una plaza que "
          "eligió, máxima necesidad cubierta) o estable (aceptación diferida, como el "
          "internado: nadie prefiere una plaza que lo hubiera aceptado).",
          "How to assign: por_oferta (category counts), optimo (listed candidates, most need "
          "covered) or estable (deferred acceptance, residency-match rule).",
          choices="modo_asignacion", field="assignment_mode"),
    Param("meta_enfermeras_por_centro", "int", 2,
          "Meta de enfermeras por centro de salud. Un centro sin 'requeridos' de una categoría "
          "de tipo enfermería requiere esta cifra (solo cuenta si hay categorías de enfermería).",
          "Target nurses per health centre (used only when a category of type nursing exists).",
          minimum=0, maximum=50, field="nurse_target"),
    Param("aceptacion_redireccion", "number", 0.5,
          "Supuesto: probabilidad de que un candidato aprobado que espera en una unidad sin "
          "plaza libre de su categoría acepte la plaza de otra unidad que se le ofrece "
          "(planner next, redirección; menor que la de una plaza que eligió).",
          "Assumption: probability that an approved candidate waiting at a unit with no free "
          "post accepts a post offered elsewhere (planner next, redirection).",
          minimum=0, maximum=1, field="redirect_acceptance"),
    Param("distancia_redireccion_km", "number", 0,
          "Distancia máxima en km (en línea recta) de una plaza ofrecida por redirección, donde "
          "ambas unidades tienen coordenadas; 0 = cualquier unidad de la misma entidad.",
          "Largest great-circle distance (km) of a redirected offer where both units have "
          "coordinates; 0 = any unit of the same state.", minimum=0, maximum=5000,
          field="redirect_km"),
)
# Every numeric parameter has both bounds (issue 26: no unbounded value). The budget's maximum is
# a thousand times the national scenario's whole bonus bill; the weights' 1000 is far beyond any
# planner's use (the national default is 3 and 1) and keeps the objective's coefficients within
# the solvers' numerical range.


@dataclass(frozen=True)
class Limit:
    """A numeric command-line option of its own (not a workbook parameter): its bounds and why."""

    flag: str
    kind: Kind
    minimum: float
    maximum: float
    reason: str


# Monte Carlo (planner/analysis/simulate.py) keeps, per draw, each metric per state and
# nationally for the plan and its reference, and the gain per state and nationally; the uniforms
# themselves are drawn in chunks of bounded size. Those kept values take draws × outcomes × 8
# bytes, held within SIMULATION_MEMORY_BYTES (quantiles sort a copy: half of it).
SIMULATION_MEMORY_BYTES = 1 << 30  # 1 GiB
MAX_STATES = 32
SIMULATION_OUTCOMES_PER_DRAW = 2 * 4 * (MAX_STATES + 1) + (MAX_STATES + 1)  # 297
MAX_DRAWS = SIMULATION_MEMORY_BYTES // 2 // (SIMULATION_OUTCOMES_PER_DRAW * 8)  # 225,955

LIMITS: dict[str, Limit] = {limit.flag: limit for limit in (
    Limit("--simulate", "int", 0, MAX_DRAWS,
          f"draws × {SIMULATION_OUTCOMES_PER_DRAW} outcomes × 8 bytes within "
          f"{SIMULATION_MEMORY_BYTES // 2**20} MiB (half for the quantiles' copy)"),
    Limit("--fases", "int", 0, 6, "phases of a simulated call (issue 23: R ≤ 6, the first six of "
          "the 2026 hiring's phases give the arrivals)"),
    Limit("--robust", "int", 0, 200,
          "curve sets of the robust plan: each is one dense row over every pair (200 sets "
          "nationally: 4.4 M nonzeros)"),
    Limit("--curve-draws", "int", 0, 200,
          "sets of acceptance curves drawn from their standard errors (issue 22 item 2); "
          "each set is a probability per offer of the plan and of the 2024 policy"),
    Limit("--seed", "int", 0, 2**32 - 1,
          "numpy's conventional 32-bit seed; every larger seed is shown exactly in Excel too"),
    Limit("--steps", "int", 1, 1000, "budgets of one sweep"),
    Limit("--workers", "int", 1, 256, "local Dask processes"),
    Limit("--port", "int", 1, 65_535, "a TCP port of `planner serve`"),
    Limit("sweep_points", "int", 1, 10_000,
          "points of one sweep (grid rows × budgets): about a second each, hours in all"),
)}
MAX_SWEEP_POINTS = int(LIMITS["sweep_points"].maximum)

PARAMETER_BY_KEY = {normalize_key(p.name): p for p in PARAMETERS}
PARAMETER_BY_FIELD = {p.field: p for p in PARAMETERS}


SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "parametros",
        "Parámetros del escenario: una fila por parámetro.",
        "Scenario parameters, one row each.",
        (
            Column("parametro", "text", "Nombre del parámetro (ver lista en LEEME).",
                   "Parameter name.", example="presupuesto_bono_mensual"),
            Column("valor", "text", "Valor del parámetro.", "Value.", blank_ok=True,
                   example=44_000_000),
            Column("descripcion", "text", "Descripción libre; no se lee.", "Free text; not read.",
                   required=False, blank_ok=True),
        ),
        key=("parametro",),
    ),
    Sheet(
        "unidades",
        "Unidades médicas: hospitales y centros de salud, una fila por CLUES.",
        "Medical units: hospitals and health centres, one row per CLUES.",
        (
            Column("clues", "text", "Clave CLUES de la unidad (única).", "CLUES code (unique).",
                   example="HGIMB000011"),
            Column("nombre", "text", "Nombre de la unidad.", "Unit name.", blank_ok=True,
                   example="ACATLÁN"),
            Column("tipo", "choice", "hospital | centro de salud.", "hospital | health centre.",
                   choices="tipo_unidad", example="centro de salud"),
            Column("clave_entidad", "int", "Clave INEGI de la entidad (1–32).",
                   "INEGI state code (1–32).", minimum=1, maximum=32, example=13),
            Column("entidad", "text", "Nombre de la entidad.", "State name.", example="Hidalgo"),
            Column("municipio", "text", "Municipio.", "Municipality.", blank_ok=True,
                   example="Acatlán"),
            Column("localidad", "text", "Localidad.", "Locality.", blank_ok=True,
                   required=False, example="Acatlán"),
            Column("zona", "choice", "Zona económica del bono: 2 o 3.", "Economic zone: 2 or 3.",
                   choices="zona", example=2),
            Column("grado_marginacion", "choice",
                   "Grado de marginación: muy bajo, bajo, medio, alto, muy alto.",
                   "Marginalization grade.", choices="grado_marginacion", example="alto"),
            Column("elegible_bono", "bool", "¿Sus especialistas reciben bono? (sí/no).",
                   "Bonus-eligible (yes/no).", blank_ok=True, example="sí"),
            Column("familias", "number", "Familias atendidas (centros de salud).",
                   "Families served (health centres).", blank_ok=True, minimum=0,
                   maximum=1_000_000, example=2400),
            Column("latitud", "number", "Latitud (opcional).", "Latitude (optional).",
                   required=False, blank_ok=True, minimum=14, maximum=33, example=20.14),
            Column("longitud", "number", "Longitud (opcional).", "Longitude (optional).",
                   required=False, blank_ok=True, minimum=-119, maximum=-86, example=-98.44),
            # issue 27: what is real in a row and on what basis (optional, read as text/number)
            Column("origen", "text", "Opcional: real (la CLUES existe en un archivo público) o "
                   "sintético.", "Optional: real (the CLUES is in a public file) or synthetic.",
                   required=False, blank_ok=True, example="real"),
            Column("fuente", "text", "Opcional: archivo del que sale la unidad.",
                   "Optional: file the unit comes from.", required=False, blank_ok=True,
                   example="clues_imb_pl_vz_hg_pahtli.csv"),
            Column("tipologia", "text", "Opcional: tipología de la unidad.",
                   "Optional: unit typology.", required=False, blank_ok=True,
                   example="Urbano de 03 Núcleos Básicos"),
            Column("base_tipologia", "text",
                   "Opcional: de dónde sale la tipología (tipología oficial, nombre, desconocida).",
                   "Optional: basis of the typology (official, name, unknown).",
                   required=False, blank_ok=True, example="tipología oficial"),
            Column("clave_municipio", "text", "Opcional: clave INEGI del municipio (5 dígitos).",
                   "Optional: INEGI municipality key (5 digits).", required=False,
                   blank_ok=True, example="13001"),
            Column("base_marginacion", "text",
                   "Opcional: de dónde sale el municipio y su grado: clave INEGI, nombre (score "
                   "de la coincidencia, 0–100) o entidad (grado del estado).",
                   "Optional: basis of the municipality and its grade: INEGI key, name (match "
                   "score) or state (the state's grade).", required=False, blank_ok=True,
                   example="clave INEGI"),
            Column("base_coordenadas", "text", "Opcional: dato o sintética.",
                   "Optional: data or synthetic.", required=False, blank_ok=True,
                   example="dato"),
            Column("egresos", "number", "Opcional: egresos hospitalarios (periodo no indicado).",
                   "Optional: hospital discharges (period not stated).", required=False,
                   blank_ok=True, minimum=0, example=None),
            Column("cirugias", "number", "Opcional: procedimientos quirúrgicos (periodo no "
                   "indicado).", "Optional: surgical procedures (period not stated).",
                   required=False, blank_ok=True, minimum=0, example=None),
            Column("consultas", "number", "Opcional: consultas (periodo no indicado).",
                   "Optional: consultations (period not stated).", required=False,
                   blank_ok=True, minimum=0, example=None),
            Column("factor_actividad", "number",
                   "Opcional: egresos ÷ mediana de su clase, entre 0.5 y 2 (LEEME).",
                   "Optional: discharges ÷ class median, between 0.5 and 2.",
                   required=False, blank_ok=True, minimum=0, example=None),
        ),
        key=("clues",),
    ),
    Sheet(
        "plantilla",
        "Plantilla por unidad y categoría: médicos requeridos y actuales.",
        "Staffing per unit and category: required and current doctors.",
        (
            Column("clues", "text", "CLUES de la unidad (debe existir en 'unidades').",
                   "Unit CLUES (must exist in 'unidades').", example="HGIMB000011"),
            Column("categoria", "text", "Categoría (debe existir en 'categorias').",
                   "Category (must exist in 'categorias').", example="Medicina general"),
            Column("requeridos", "int",
                   "Personas requeridas. En blanco solo en centros de salud para Medicina general "
                   "(entonces vale la meta T) o para enfermería (la meta de enfermeras).",
                   "Required staff; blank only at a centre for general medicine (then T) or "
                   "nursing (then the nurse target).",
                   blank_ok=True, minimum=0, maximum=10_000, example=None),
            Column("actuales", "int", "Médicos con los que cuenta hoy.", "Current doctors.",
                   minimum=0, maximum=10_000, example=1),
        ),
        key=("clues", "categoria"),
    ),
    Sheet(
        "categorias",
        "Categorías: cada especialidad y Medicina general, con su peso.",
        "Categories: each specialty and general medicine, with its weight.",
        (
            Column("categoria", "text", "Nombre de la categoría.", "Category name.",
                   example="Anestesiología"),
            Column("tipo", "choice", "especialidad | medicina general | enfermería.",
                   "specialty | general medicine | nursing.", choices="tipo_categoria",
                   example="especialidad"),
            Column("troncal", "bool", "¿Especialidad troncal? (sí/no).", "Trunk specialty?",
                   blank_ok=True, example="sí"),
            Column("peso", "number", "Peso de la categoría en el objetivo.", "Objective weight.",
                   minimum=0, maximum=1000, example=3),
            Column("requiere", "text",
                   "Opcional: otra categoría que la unidad debe tener o recibir antes "
                   "(p. ej. Cirugía general requiere Anestesiología).",
                   "Optional: a category the unit must have or receive first.",
                   required=False, blank_ok=True, example=None),
        ),
        key=("categoria",),
    ),
    Sheet(
        "oferta",
        "Candidatos disponibles por categoría (y, opcionalmente, registrados en una entidad).",
        "Candidates available per category (optionally registered in one state).",
        (
            Column("categoria", "text", "Categoría (debe existir en 'categorias').",
                   "Category.", example="Anestesiología"),
            Column("candidatos", "int", "Candidatos disponibles.", "Candidates available.",
                   minimum=0, maximum=1_000_000, example=520),
            Column("clave_entidad", "int",
                   "Opcional: entidad en la que están registrados; en blanco = bolsa nacional.",
                   "Optional: state the pool is registered in; blank = national pool.",
                   required=False, blank_ok=True, minimum=1, maximum=32, example=None),
        ),
        key=("categoria", "clave_entidad"),
    ),
    Sheet(
        "bonos",
        "Bono mensual por tipo de categoría y zona económica (MXN por médico al mes).",
        "Monthly bonus per category type and economic zone (MXN per doctor per month).",
        (
            Column("tipo", "choice", "especialidad | medicina general | enfermería.",
                   "specialty | general medicine | nursing.", choices="tipo_categoria",
                   example="especialidad"),
            Column("zona", "choice", "Zona económica: 2 o 3.", "Economic zone.", choices="zona",
                   example=2),
            Column("bono_mensual", "number", "Bono mensual en MXN.", "Monthly bonus, MXN.",
                   minimum=0, maximum=1_000_000, example=10_979),
        ),
        key=("tipo", "zona"),
    ),
    Sheet(
        "prioridades",
        "Peso de cada grado de marginación en el objetivo.",
        "Objective weight of each marginalization grade.",
        (
            Column("grado_marginacion", "choice", "Grado de marginación.", "Grade.",
                   choices="grado_marginacion", example="muy alto"),
            Column("peso", "number", "Peso del grado.", "Weight.", minimum=0, maximum=1000,
                   example=3),
        ),
        key=("grado_marginacion",),
    ),
    Sheet(
        "aceptacion",
        "Opcional: probabilidad de que una oferta se acepte, por tipo, zona, grado de "
        "marginación y bono (puntos de una curva; entre puntos se interpola en línea recta). "
        "Vacía = toda oferta se acepta (probabilidad 1).",
        "Optional: probability that an offer is accepted, by type, zone, grade and bonus "
        "(points of a curve, linear between points). Empty = every offer accepted (p = 1).",
        (
            Column("tipo", "choice", "especialidad | medicina general | enfermería.",
                   "specialty | general medicine | nursing.", choices="tipo_categoria",
                   example="especialidad"),
            Column("zona", "choice", "Zona económica (2 o 3); en blanco = ambas.",
                   "Economic zone; blank = both.", choices="zona", blank_ok=True,
                   required=False, example=None),
            Column("grado_marginacion", "choice", "Grado de marginación; en blanco = todos.",
                   "Marginalization grade; blank = all.", choices="grado_marginacion",
                   blank_ok=True, example="muy alto"),
            Column("bono_mensual", "number", "Bono mensual ofrecido, MXN.",
                   "Monthly bonus offered, MXN.", minimum=0, maximum=1_000_000, example=10_979),
            Column("probabilidad", "number", "Probabilidad de que la oferta se acepte (0 a 1).",
                   "Probability that the offer is accepted (0 to 1).", minimum=0, maximum=1,
                   example=0.4),
            Column("error_estandar", "number",
                   "Opcional: error estándar de la probabilidad (curvas estimadas; 0 a 1).",
                   "Optional: standard error of the probability (fitted curves; 0 to 1).",
                   required=False, blank_ok=True, minimum=0, maximum=1, example=None),
            Column("base", "choice",
                   "Opcional: de dónde sale la probabilidad: estimado (ajuste a datos), "
                   "supuesto o dato (observado).",
                   "Optional: where the probability comes from: estimado (fitted), supuesto "
                   "(assumed) or dato (observed).", choices="base_curva", required=False,
                   blank_ok=True, example=None),
            Column("fuente", "text", "Opcional: datos y ajuste de una curva estimada, o la "
                   "fuente de un dato.", "Optional: data and fit of a fitted curve, or the "
                   "source of a datum.", required=False, blank_ok=True, example=None),
        ),
        key=("tipo", "zona", "grado_marginacion", "bono_mensual"),
        optional=True,
    ),
    Sheet(
        "niveles_bono",
        "Opcional: niveles de bono mensual que el modelo puede elegir por hospital (modo_bono = "
        "por_hospital), por tipo de categoría y zona.",
        "Optional: monthly bonus levels the model may pick per hospital (modo_bono = "
        "por_hospital), per category type and zone.",
        (
            Column("tipo", "choice", "especialidad | medicina general | enfermería.",
                   "specialty | general medicine | nursing.", choices="tipo_categoria",
                   example="especialidad"),
            Column("zona", "choice", "Zona económica: 2 o 3.", "Economic zone.", choices="zona",
                   example=2),
            Column("bono_mensual", "number", "Un nivel de bono mensual, MXN.",
                   "One monthly bonus level, MXN.", minimum=0, maximum=1_000_000, example=15_000),
        ),
        key=("tipo", "zona", "bono_mensual"),
        optional=True,
    ),
    Sheet(
        "candidatos",
        "Opcional: candidatos registrados y sus opciones, una fila por folio (sin CURP ni "
        "nombres). Se usa con modo_asignacion optimo o estable.",
        "Optional: registered candidates and their choices, one row per folio (no CURP or "
        "names). Used with modo_asignacion optimo or estable.",
        (
            Column("folio", "text", "Folio anónimo del registro (único; nunca CURP ni nombre).",
                   "Anonymous registration folio (unique; never a CURP or name).",
                   example="R-000001"),
            Column("categoria", "text", "Categoría (debe existir en 'categorias').", "Category.",
                   example="Anestesiología"),
            Column("clave_entidad", "int", "Clave INEGI de la entidad donde se registró.",
                   "INEGI code of the state of registration.", minimum=1, maximum=32,
                   example=13),
            *(Column(name,
                     "text", f"Opción {i} en orden de preferencia: una CLUES, un municipio "
                     "escrito «clave_entidad/municipio» (p. ej. 13/Pachuca de Soto) o una "
                     "entidad completa (su clave o su nombre)." + (" En blanco si no hay más."
                                                                  if i > 1 else ""),
                     f"Choice {i}: a CLUES, a municipality as «state_code/municipality» or a "
                     "whole state (code or name).", required=i == 1, blank_ok=i > 1,
                     example="HGIMB000011" if i == 1 else None)
              for i, name in enumerate(CANDIDATE_OPTIONS, start=1)),
            Column("puntaje", "number", "Opcional: puntaje del candidato; a mayor puntaje, "
                   "mayor prioridad en el modo estable.",
                   "Optional: score; a higher score has priority in the stable mode.",
                   required=False, blank_ok=True, minimum=0, example=None),
        ),
        key=("folio",),
        optional=True,
    ),
    Sheet(
        "avance",
        "Opcional: avance de la convocatoria, una fila por unidad, categoría y fase: ofertas "
        "hechas, candidatos aceptados, contratados y renuncias. Con ella, 'planner status' "
        "compara lo cubierto con lo planeado y 'planner next' planea la fase siguiente. "
        "Escriba las fases en orden (1, 2, 3, 3b, 4, 5, 6, especial).",
        "Optional: progress of the call, one row per unit, category and phase: offers made, "
        "candidates accepted, hired and resigned. 'planner status' compares it with the plan "
        "and 'planner next' plans the next phase. Phases in order (1, 2, 3, 3b, 4, 5, 6, "
        "especial).",
        (
            Column("clues", "text", "CLUES de la unidad (debe existir en 'unidades').",
                   "Unit CLUES (must exist in 'unidades').", example="HGIMB000011"),
            Column("categoria", "text", "Categoría (debe existir en 'categorias').",
                   "Category.", example="Anestesiología"),
            Column("fase", "choice", "Fase de la convocatoria: 1, 2, 3, 3b, 4, 5, 6 o especial.",
                   "Phase of the call: 1, 2, 3, 3b, 4, 5, 6 or especial.", choices="fase",
                   example="1"),
            Column("ofertas", "int", "Ofertas hechas en la fase (en blanco = no se registró).",
                   "Offers made in the phase (blank = not recorded).", blank_ok=True,
                   minimum=0, maximum=100_000, example=3),
            Column("aceptados", "int", "Candidatos aprobados que aceptaron la oferta (en blanco "
                   "= no se registró).", "Approved candidates who accepted (blank = not "
                   "recorded).", blank_ok=True, minimum=0, maximum=100_000, example=2),
            Column("contratados", "int", "Médicos contratados en la fase.",
                   "Doctors hired in the phase.", minimum=0, maximum=100_000, example=2),
            Column("renuncias", "int", "Contratados que renunciaron (su plaza vuelve a quedar "
                   "vacante).", "Hired doctors who resigned (their post is vacant again).",
                   blank_ok=True, minimum=0, maximum=100_000, example=0),
        ),
        key=("clues", "categoria", "fase"),
        optional=True,
    ),
)
SHEET_BY_KEY = {normalize_key(s.name): s for s in SHEETS}
LEEME = "LEEME"

# Reference values of the 2024 call, used by the template and the default scenarios.
BONUS_2024 = {(SPECIALTY, 2): 10_979.0, (SPECIALTY, 3): 10_000.0}
DEFAULT_GRADE_WEIGHTS = {"muy bajo": 1.0, "bajo": 1.25, "medio": 1.5, "alto": 2.0, "muy alto": 3.0}
TRUNK_SPECIALTIES = (
    "Cirugía general", "Anestesiología", "Medicina interna", "Pediatría",
    "Ginecología y obstetricia", "Urgencias",
)
OTHER_SPECIALTIES = (
    "Neonatología", "Traumatología y ortopedia", "Psiquiatría", "Medicina crítica",
    "Imagenología", "Dermatología", "Oftalmología", "Cardiología", "Anatomía patológica",
)


@dataclass(frozen=True)
class CategorySpec:
    """A default category row for templates and generated scenarios."""

    name: str
    kind: str
    trunk: bool
    weight: float
    requires: str | None = None


DEFAULT_CATEGORIES: tuple[CategorySpec, ...] = (
    CategorySpec(GENERAL_CATEGORY, GENERAL, False, 1.0),
    *(CategorySpec(n, SPECIALTY, True, 3.0) for n in TRUNK_SPECIALTIES),
    *(CategorySpec(n, SPECIALTY, False, 2.0) for n in OTHER_SPECIALTIES),
)
# Nursing categories the blank template offers (scenario builders add them where they have
# nurse posts).
NURSING_CATEGORIES: tuple[CategorySpec, ...] = (
    CategorySpec(NURSING_CATEGORY, NURSING, False, 1.0),
)


def sheet_names() -> list[str]:
    """The parsed sheets, in workbook order."""
    return [s.name for s in SHEETS]


def leeme_reference(lang: str = "es") -> list[tuple[str, str, str]]:
    """(sheet, column, meaning) for every declared column and parameter, for LEEME sheets."""
    rows: list[tuple[str, str, str]] = []
    for sheet in SHEETS:
        rows.append((sheet.name, "", sheet.description if lang == "es" else sheet.description_en))
        for col in sheet.columns:
            text = col.description if lang == "es" else col.description_en
            if not col.required:
                text += " (columna opcional)" if lang == "es" else " (optional column)"
            rows.append((sheet.name, col.name, text))
    for p in PARAMETERS:
        text = p.description if lang == "es" else p.description_en
        default = "obligatorio" if p.required else f"por omisión {p.default}"
        rows.append(("parametros", p.name, f"{text} ({default})"))
    return rows
