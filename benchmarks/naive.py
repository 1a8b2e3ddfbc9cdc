"""The naive path: what a typical analyst writes first, kept as the reference for "slow".

``pandas.read_excel`` (openpyxl engine), row loops with ``iterrows``, PuLP with ``prob += ...``
in loops and the built-in ``sum()``, the CBC bundled with PuLP, ``DataFrame.to_excel`` for the
result. The same model as DESIGN §2 (same objective value); only the way it is written differs.
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import pulp

from planner.core.text import normalize_key


def _sheet(book: dict[str, pd.DataFrame], name: str) -> pd.DataFrame:
    df = next(v for k, v in book.items() if normalize_key(k) == name)
    df.columns = [normalize_key(c) for c in df.columns]
    return df


def run(path: str | Path, out: str | Path | None = None, solver: str = "cbc",
        time_limit: float | None = None) -> tuple[dict[str, float], float | None, str]:
    """Read, build, solve and write the naive way; (seconds per stage, objective, status)."""
    t: dict[str, float] = {}
    t0 = time.perf_counter()
    book = pd.read_excel(path, sheet_name=None)
    t["read"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    params = {}
    for _, r in _sheet(book, "parametros").iterrows():
        params[normalize_key(r["parametro"])] = r["valor"]
    target = float(params.get("meta_medicos_generales_por_centro", 2))
    units = {}
    for _, r in _sheet(book, "unidades").iterrows():
        units[str(r["clues"]).strip().upper()] = r
    cats = {}
    for _, r in _sheet(book, "categorias").iterrows():
        cats[str(r["categoria"]).strip()] = r
    supply = {}
    for _, r in _sheet(book, "oferta").iterrows():
        supply[r["categoria"]] = supply.get(r["categoria"], 0) + int(r["candidatos"])
    bonus = {}
    for _, r in _sheet(book, "bonos").iterrows():
        bonus[(normalize_key(r["tipo"]), int(r["zona"]))] = float(r["bono_mensual"])
    grade_w = {}
    for _, r in _sheet(book, "prioridades").iterrows():
        grade_w[str(r["grado_marginacion"]).strip().lower()] = float(r["peso"])
    staff = _sheet(book, "plantilla")
    t["validate"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    prob = pulp.LpProblem("naive", pulp.LpMaximize)
    x, w, cost, first, rows = {}, {}, {}, {}, {}
    for i, r in staff.iterrows():
        u = units[str(r["clues"]).strip().upper()]
        k = str(r["categoria"]).strip()
        req = target if pd.isna(r["requeridos"]) else float(r["requeridos"])
        gap = int(max(0, req - r["actuales"]))
        if gap <= 0:
            continue
        is_centre = normalize_key(u["tipo"]).startswith("centro")
        fam = float(u["familias"]) if is_centre and not pd.isna(u["familias"]) else 0.0
        w[i] = (float(cats[k]["peso"]) * grade_w[str(u["grado_marginacion"]).strip().lower()]
                * (1 + float(params.get("peso_familias", 1)) * fam / 6000))
        eligible = normalize_key(u["elegible_bono"]) in ("si", "yes", "1", "x")
        cost[i] = bonus.get((normalize_key(cats[k]["tipo"]), int(u["zona"])), 0.0) if eligible \
            else 0.0
        x[i] = pulp.LpVariable(f"x_{i}", 0, gap, cat="Integer")
        rows[i] = (r["clues"], k, int(r["actuales"]))
        if is_centre and normalize_key(cats[k]["tipo"]) == "medicina_general" \
                and r["actuales"] == 0:
            first[i] = pulp.LpVariable(f"z_{i}", 0, 1, cat="Integer")
    p = float(params.get("peso_primer_medico", 3))
    prob += sum(w[i] * x[i] for i in x) + sum(p * w[i] * first[i] for i in first)
    for i in first:
        prob += first[i] <= x[i]
    for k in cats:
        prob += sum(x[i] for i in x if rows[i][1] == k) <= supply.get(k, 0)
    prob += sum(cost[i] * x[i] for i in x) <= float(params["presupuesto_bono_mensual"])
    t["build"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    limit = time_limit or float(params.get("limite_tiempo_s", 60))
    gap = float(params.get("brecha_mip", 0.0))
    if solver == "cbc":
        s = pulp.PULP_CBC_CMD(msg=False, timeLimit=limit, gapRel=gap)
    else:
        s = pulp.HiGHS(msg=False, timeLimit=limit, gapRel=gap)
    prob.solve(s)
    t["solve"] = time.perf_counter() - t0
    objective = pulp.value(prob.objective)
    status = {pulp.LpSolutionOptimal: "optimal", pulp.LpSolutionIntegerFeasible: "feasible"}.get(
        prob.sol_status, "no_solution")

    t0 = time.perf_counter()
    result = pd.DataFrame([(*rows[i], int(round(x[i].varValue or 0))) for i in x],
                          columns=["clues", "categoria", "actuales", "asignados"])
    result["despues"] = result["actuales"] + result["asignados"]
    t["indicators"] = time.perf_counter() - t0
    if out is not None:
        t0 = time.perf_counter()
        with pd.ExcelWriter(out) as xw:
            result[result["asignados"] > 0].to_excel(xw, sheet_name="asignaciones", index=False)
            result.to_excel(xw, sheet_name="pares", index=False)
        t["write"] = time.perf_counter() - t0
    return t, None if objective is None else float(objective), status
