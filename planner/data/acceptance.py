"""Default acceptance curves and bonus levels of the national scenario (issue 13): ASSUMPTIONS
calibrated on public figures, written into the workbook's ``aceptacion`` and ``niveles_bono``.

Specialists: a logistic curve in the monthly bonus b (MXN), one intercept per marginalization
grade and one slope for all,  p(b) = 1 / (1 + exp(−(a_g + β·b/1000))),  with
a_g = logit(p_g(0)). Written into the sheet as points at ``POINTS_MXN`` (the planner reads
straight lines between them). General doctors: a flat probability per grade (no bonus).

Anchors (data → assumption):
* 2022 national call: 6,963 of 14,323 posts drew an applicant (48.6 %); IMSS-Bienestar's 1,765
  posts, in marginalized areas, 28.9 % → p(0) ≈ 0.45–0.60 in low/medium grades, ≈ 0.25–0.30 in
  high/very high grades (an applicant is an upper bound on an acceptance).
* April 2024 call, with the 10,979/10,000 MXN bonus at 282 hospitals in high/very high
  marginalization: 2,706 specialists registered for 4,010 posts (0.67 per post, an upper bound
  on the fill rate); Nayarit 82 for 130 (0.63); Puebla (Feb 2024) 158 hired for 273 posts (0.58);
  the issue's Puebla figure of ~600 of ~2,000 filled with 170 resignations (0.30 net) →
  p(10,979) ≈ 0.40 at very high grade, hence β = (logit 0.40 − logit 0.25) / 10.979.
* General doctors: 12,968 registered for ~6,000 posts (2.2 per post) → high acceptance, lower in
  marginalized centres (no public figure by grade: assumption).
"""

from __future__ import annotations

import math

import pandas as pd

from planner.core import schema

# The monthly budget of the national default: what the 2024 policy (uniform 10,979/10,000 MXN
# at every eligible hospital, most valuable placement first) is expected to pay on this scenario
# under its curves (the fitted ones since issue 22) when the budget does not bind — it runs out
# of offers first: HAND_EXPECTED_2024 MXN, the ``hand_expected_bonus`` of a solve with a budget
# it cannot reach (e.g. 60,000,000, riesgo_presupuesto 0.10; benchmarks/acceptance.py prints
# it) — rounded up to the next 100,000 (tests/test_data_build.py checks both). Both plans are
# compared within it ("con el mismo presupuesto"); with riesgo_presupuesto = 0.10 each plans
# with a tightened expected budget below it (docs/MODELO.md §7). The call's own figure,
# 4,010 × 10,979 = 44,025,790 MXN, pays every offer in full: the optimiser would then spend
# twice what the 2024 policy can, which is not a comparison at equal budget.
HAND_EXPECTED_2024 = 22_076_874
BUDGET_EXPECTED_2024 = 22_100_000
# por_hospital, expected budget; gap 0.01 %: the LP-rounding incumbent is returned when it is
# within it of the LP bound (status 'feasible' with its gap; models/acceptance.py).
PARAMETERS = {"modo_bono": "por_hospital", "presupuesto_bono_base": "esperado",
              "brecha_mip": 0.0001}
SPEC_P0 = {"muy bajo": 0.60, "bajo": 0.55, "medio": 0.45, "alto": 0.30, "muy alto": 0.25}
SPEC_P_2024_MUY_ALTO = 0.40  # at the Zona 2 bonus, 10,979 MXN
GP_P = {"muy bajo": 0.90, "bajo": 0.88, "medio": 0.85, "alto": 0.80, "muy alto": 0.75}
POINTS_MXN = (0, 2_500, 5_000, 7_500, 10_000, 10_979, 12_500, 15_000, 17_500, 20_000, 25_000)
ASSUMED_SPECIALISTS = ("supuesto: curva logística por grado anclada en cifras de prensa 2022/2024 "
                       "(LEEME)")
ASSUMED_GPS = ("supuesto: 12,968 médicos generales registrados para ~6,000 plazas (2024); sin "
               "cifra por grado")
LEVELS_MXN = {2: (0, 5_000, 10_979, 15_000, 20_000), 3: (0, 5_000, 10_000, 15_000, 20_000)}


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


SLOPE_PER_1000 = (_logit(SPEC_P_2024_MUY_ALTO) - _logit(SPEC_P0["muy alto"])) / 10.979


def specialist_probability(grade: str, bonus: float) -> float:
    """The assumed logistic acceptance of a specialist offer at ``bonus`` MXN a month."""
    a = _logit(SPEC_P0[grade])
    return 1.0 / (1.0 + math.exp(-(a + SLOPE_PER_1000 * bonus / 1000.0)))


def acceptance_table(fitted: pd.DataFrame | None = None) -> pd.DataFrame:
    """The ``aceptacion`` sheet: specialist curve points per grade, flat general-doctor rows.

    ``fitted`` (issue 22, :func:`planner.data.calibration.sheet_rows`): the specialists'
    points fitted to the 2026 candidates, with their standard errors, ``base = estimado`` and
    the data and fit in ``fuente``; without it they are the assumed curves above
    (``supuesto``). General doctors are always ``supuesto``."""
    rows = []
    if fitted is not None:
        rows.extend(fitted.to_dict("records"))
    else:
        for g in schema.GRADES:
            for b in POINTS_MXN:
                rows.append({"tipo": schema.SPECIALTY, "zona": None, "grado_marginacion": g,
                             "bono_mensual": b,
                             "probabilidad": round(specialist_probability(g, b), 4),
                             "error_estandar": None, "base": "supuesto",
                             "fuente": ASSUMED_SPECIALISTS})
    for g in schema.GRADES:
        rows.append({"tipo": schema.GENERAL, "zona": None, "grado_marginacion": g,
                     "bono_mensual": 0, "probabilidad": GP_P[g], "error_estandar": None,
                     "base": "supuesto", "fuente": ASSUMED_GPS})
    return pd.DataFrame(rows)


def levels_table() -> pd.DataFrame:
    """The ``niveles_bono`` sheet: five specialist levels per zone (0 to 20,000 MXN)."""
    return pd.DataFrame([{"tipo": schema.SPECIALTY, "zona": z, "bono_mensual": b}
                         for z, levels in LEVELS_MXN.items() for b in levels])


def leeme_lines() -> list[str]:
    """What is data and what is assumption in the acceptance defaults (for LEEME)."""
    return [
        "",
        "ACEPTACIÓN DE OFERTAS Y BONO POR HOSPITAL",
        "• Hoja 'aceptacion': probabilidad de que un especialista acepte la oferta según el "
        "grado de marginación y el bono mensual, curva logística p(b) = 1/(1+exp(−(a_g + "
        f"{SLOPE_PER_1000:.4f}·b/1000))). Las columnas 'base', 'error_estandar' y 'fuente' "
        "dicen de dónde sale cada punto: los de especialistas son ESTIMADOS (ver CALIBRACIÓN "
        "abajo); los de médicos generales, SUPUESTOS: "
        + ", ".join(f"{g} {GP_P[g]:.2f}" for g in schema.GRADES) + " (sin bono).",
        "• DATOS (prensa, ../shared/data/convocatorias_prensa): 2022, 48.6 % de 14,323 plazas "
        "con al menos un postulante y 28.9 % de las 1,765 de IMSS-Bienestar; 2024, 2,706 "
        "especialistas registrados para 4,010 plazas (0.67 por plaza), Nayarit 82 para 130, "
        "Puebla 158 contratados para 273 (feb. 2024); 12,968 médicos generales registrados "
        "para ~6,000 plazas.",
        "• SUPUESTO: la forma logística, la misma pendiente del bono en todos los grados "
        f"({SLOPE_PER_1000:.4f} por 1,000 MXN: de 0.25 sin bono a 0.40 con 10,979 en grado muy "
        "alto, Puebla 2024; ningún dato por unidad la identifica) y las probabilidades de "
        "médicos generales. Cámbielas en la hoja 'aceptacion'.",
        "• Las 4,010 y 5,850 plazas son las ofertas disponibles; la aceptación las convierte en "
        "plazas que se espera llenar (los 2,706 registrados son un punto de calibración, no la "
        "oferta).",
        "• Hoja 'niveles_bono': el modelo elige por hospital elegible uno de 0, 5,000, "
        "10,979/10,000, 15,000 o 20,000 MXN (modo_bono = por_hospital). El presupuesto cuenta "
        "el bono esperado (presupuesto_bono_base = esperado): bono × probabilidad de aceptar.",
        "• La regla manual de comparación es la política 2024: bono uniforme por zona "
        "(hoja 'bonos') en todo hospital elegible, la plaza más valiosa primero.",
        f"• Presupuesto mensual = {BUDGET_EXPECTED_2024:,} MXN: lo que se espera que pague la "
        f"política 2024 en este escenario con estas curvas ({HAND_EXPECTED_2024:,} MXN), "
        "redondeado hacia arriba a la centena de millar; así "
        "ambos planes se comparan con el mismo presupuesto. La cifra de la convocatoria "
        "(4,010 × 10,979 = 44,025,790 MXN) paga toda oferta completa, aceptada o no.",
        "• brecha_mip = 0.0001: el plan por hospital se da por bueno a 0.01 % del óptimo (el "
        "resumen muestra la brecha medida); póngala en 0 para exigir el óptimo probado "
        "(tarda minutos en este escenario).",
    ]
