"""The floor: the same model built straight from the workbook with numpy and highspy, no PuLP.

What the fastest honest script a specialist would write costs, stage by stage: calamine reads
the sheets, numpy arrays hold the data (no per-cell checks, no error reports), one ``passModel``
hands the model to HiGHS, the LP relaxation (for the duals) and then the MIP are solved with the
pipeline's options (``mip_rel_gap`` explicit, same time limit and threads), indicators are numpy
sums and the result workbook is written with openpyxl's write-only mode, plain values only.

Its objective is an independent check of the pipeline's: the two must agree.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

import highspy
import numpy as np
import python_calamine
from openpyxl import Workbook

from planner.core.text import normalize_key

GRADES = ("muy bajo", "bajo", "medio", "alto", "muy alto")


@dataclass
class Data:
    """The workbook as arrays: units, staffing rows (by unit and category index), reference data."""

    clues: list[str]
    text: dict[str, list[object]]  # unit columns only reported: nombre, entidad, municipio, tipo
    state: np.ndarray
    zone: np.ndarray
    grade: np.ndarray  # index into GRADES
    eligible: np.ndarray
    families: np.ndarray
    is_centre: np.ndarray
    categories: list[str]
    cat_weight: np.ndarray
    cat_general: np.ndarray
    supply: np.ndarray  # per category, every pool summed
    bonus: np.ndarray  # [is_general, zone] -> MXN
    grade_weight: np.ndarray
    s_unit: np.ndarray
    s_cat: np.ndarray
    s_required: np.ndarray  # NaN = target
    s_current: np.ndarray
    params: dict[str, float]


def read(path: str | Path) -> dict[str, list[list[object]]]:
    """The declared sheets as rows of Python values (calamine)."""
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    wanted = {"parametros", "unidades", "plantilla", "categorias", "oferta", "bonos",
              "prioridades"}
    return {normalize_key(n): book.get_sheet_by_name(n).to_python()
            for n in book.sheet_names if normalize_key(n) in wanted}


def _columns(rows: list[list[object]]) -> dict[str, list[object]]:
    header = [normalize_key(h) for h in rows[0]]
    body = [r for r in rows[1:] if any(v not in ("", None) for v in r)]
    return {h: [r[j] if j < len(r) else "" for r in body] for j, h in enumerate(header) if h}


def _yes(values: list[object]) -> np.ndarray:
    return np.array([normalize_key(v) in ("si", "yes", "1", "x", "true") for v in values])


def _num(values: list[object], blank: float = np.nan) -> np.ndarray:
    return np.array([blank if v in ("", None) else float(v) for v in values], dtype=float)


def parse(sheets: dict[str, list[list[object]]]) -> Data:
    """Arrays from the raw sheets, trusting the workbook (the pipeline validates; the floor not)."""
    p = _columns(sheets["parametros"])
    params = {normalize_key(k): float(v) for k, v in zip(p["parametro"], p["valor"], strict=True)
              if isinstance(v, (int, float))}
    u = _columns(sheets["unidades"])
    clues = [str(c).strip().upper() for c in u["clues"]]
    index = {c: i for i, c in enumerate(clues)}
    grade_of = {g: i for i, g in enumerate(GRADES)}
    c = _columns(sheets["categorias"])
    categories = [str(x).strip() for x in c["categoria"]]
    cat_index = {normalize_key(k): i for i, k in enumerate(categories)}
    cat_general = np.array([normalize_key(t) == "medicina_general" for t in c["tipo"]])
    o = _columns(sheets["oferta"])
    supply = np.zeros(len(categories))
    np.add.at(supply, [cat_index[normalize_key(k)] for k in o["categoria"]],
              _num(o["candidatos"], 0.0))
    b = _columns(sheets["bonos"])
    bonus = np.zeros((2, 4))
    for t, z, v in zip(b["tipo"], b["zona"], b["bono_mensual"], strict=True):
        bonus[int(normalize_key(t) == "medicina_general"), int(float(z))] = float(v)
    pr = _columns(sheets["prioridades"])
    grade_weight = np.zeros(len(GRADES))
    for g, w in zip(pr["grado_marginacion"], pr["peso"], strict=True):
        grade_weight[grade_of[str(g).strip().lower()]] = float(w)
    s = _columns(sheets["plantilla"])
    return Data(
        clues=clues, text={k: u[k] for k in ("nombre", "entidad", "municipio", "tipo",
                                             "grado_marginacion", "elegible_bono")},
        state=_num(u["clave_entidad"]).astype(int),
        zone=_num(u["zona"]).astype(int),
        grade=np.array([grade_of[str(g).strip().lower()] for g in u["grado_marginacion"]]),
        eligible=_yes(u["elegible_bono"]), families=_num(u["familias"], 0.0),
        is_centre=np.array([normalize_key(t).startswith("centro") for t in u["tipo"]]),
        categories=categories, cat_weight=_num(c["peso"]), cat_general=cat_general,
        supply=supply, bonus=bonus, grade_weight=grade_weight,
        s_unit=np.array([index[str(x).strip().upper()] for x in s["clues"]]),
        s_cat=np.array([cat_index[normalize_key(k)] for k in s["categoria"]]),
        s_required=_num(s["requeridos"]), s_current=_num(s["actuales"], 0.0),
        params=params)


@dataclass
class Model:
    """The pairs with a gap (as arrays, in the pipeline's order) and the model's arrays."""

    rows: np.ndarray  # staffing row of each x
    gap: np.ndarray
    weight: np.ndarray
    cost: np.ndarray
    first: np.ndarray  # index into x of each z
    arrays: tuple  # passModel's arguments but the integrality
    options: dict[str, object]
    n_rows: int


def build(d: Data, threads: int | None = None) -> Model:
    """x in (state, clues, category) order, then z; rows: first-doctor links, supply, budget."""
    target = d.params.get("meta_medicos_generales_por_centro", 2.0)
    required = np.where(np.isnan(d.s_required), target, d.s_required)
    gap_all = np.maximum(required - d.s_current, 0).astype(int)
    keep = np.flatnonzero(gap_all > 0)
    unit, cat = d.s_unit[keep], d.s_cat[keep]
    clues_rank = np.argsort(np.argsort(np.array(d.clues)))
    order = np.lexsort((cat, clues_rank[unit], d.state[unit]))
    keep, unit, cat = keep[order], unit[order], cat[order]
    gap = gap_all[keep]
    fam_w = d.params.get("peso_familias", 1.0)
    families = np.where(d.is_centre[unit], d.families[unit], 0.0)
    weight = d.cat_weight[cat] * d.grade_weight[d.grade[unit]] * (1 + fam_w * families / 6000)
    cost = np.where(d.eligible[unit], d.bonus[d.cat_general[cat].astype(int), d.zone[unit]], 0.0)
    first = np.flatnonzero(d.is_centre[unit] & d.cat_general[cat] & (d.s_current[keep] == 0))
    nx, nz, nk = len(keep), len(first), len(d.categories)
    # Column-wise matrix. Row ids: links 0..nz-1, supply nz..nz+nk-1, budget nz+nk.
    link_of_x = np.full(nx, -1)
    link_of_x[first] = np.arange(nz)
    paid = cost > 0
    per_col = 1 + (link_of_x >= 0) + paid
    start = np.zeros(nx + nz + 1, dtype=np.int32)
    start[1:nx + 1] = np.cumsum(per_col)
    start[nx + 1:] = start[nx] + np.arange(1, nz + 1)
    index = np.empty(start[-1], dtype=np.int32)
    value = np.empty(start[-1])
    pos = start[:nx].copy()
    has_link = link_of_x >= 0
    index[pos[has_link]] = link_of_x[has_link]
    value[pos[has_link]] = -1.0
    pos += has_link
    index[pos] = nz + cat
    value[pos] = 1.0
    pos += 1
    index[pos[paid]] = nz + nk
    value[pos[paid]] = cost[paid]
    index[start[nx:-1]] = np.arange(nz)
    value[start[nx:-1]] = 1.0
    p_w = d.params.get("peso_primer_medico", 3.0)
    col_cost = -np.concatenate([weight, p_w * weight[first]])  # HiGHS minimises
    lower = np.zeros(nx + nz)
    upper = np.concatenate([gap, np.ones(nz)]).astype(float)
    budget = d.params["presupuesto_bono_mensual"]
    has_budget = bool(paid.any())
    n_rows = nz + nk + int(has_budget)
    row_lower = np.full(n_rows, -highspy.kHighsInf)
    row_upper = np.concatenate([np.zeros(nz), d.supply, [budget] if has_budget else []])
    options = {"output_flag": False, "mip_rel_gap": float(d.params.get("brecha_mip", 0.0)),
               "time_limit": float(d.params.get("limite_tiempo_s", 60.0))}
    if threads:
        options["threads"] = int(threads)
    arrays = (nx + nz, n_rows, int(start[-1]), 1, 1, 0.0, col_cost, lower, upper, row_lower,
              row_upper, start[:-1], index, value)
    return Model(keep, gap, weight, cost, first, arrays, options, n_rows)


def highs(m: Model, integer: bool) -> highspy.Highs:
    """A HiGHS object holding the model (as an LP, or with every column integer)."""
    with _quiet():
        h = highspy.Highs()
    for key, value in m.options.items():
        h.setOptionValue(key, value)
    n = m.arrays[0]
    h.passModel(*m.arrays, np.full(n, int(integer), dtype=np.int32))
    return h


@dataclass
class Solution:
    placed: np.ndarray
    objective: float
    lp_bound: float
    duals: np.ndarray
    status: str


def solve(m: Model) -> Solution:
    """LP relaxation (bound, duals), then the MIP, each passed to a fresh HiGHS as the
    pipeline does (the MIP after an LP on the same object was slower, benchmarks/README.md)."""
    h = highs(m, integer=False)
    h.run()
    lp = h.getInfo().objective_function_value
    duals = -np.asarray(h.getSolution().row_dual)
    h = highs(m, integer=True)
    h.run()
    status = h.modelStatusToString(h.getModelStatus())
    values = np.asarray(h.getSolution().col_value)
    return Solution(np.rint(values[: len(m.gap)]).astype(int),
                    -h.getInfo().objective_function_value, -lp, duals, status)


def indicators(d: Data, m: Model, s: Solution) -> dict[str, np.ndarray | float]:
    """Per-unit before/after, per-state and per-category sums, headline figures."""
    target = d.params.get("meta_medicos_generales_por_centro", 2.0)
    placed_row = np.zeros(len(d.s_unit), dtype=int)
    placed_row[m.rows] = s.placed
    n = len(d.clues)
    gp = d.cat_general[d.s_cat]
    req = np.where(np.isnan(d.s_required), target, d.s_required)
    gp_before = np.bincount(d.s_unit[gp], d.s_current[gp], n)
    gp_after = gp_before + np.bincount(d.s_unit[gp], placed_row[gp], n)
    gp_req = np.bincount(d.s_unit[gp], req[gp], n)
    need = np.where(gp_req > 0, gp_req, target)
    sp_before = np.bincount(d.s_unit[~gp], d.s_current[~gp], n)
    sp_after = sp_before + np.bincount(d.s_unit[~gp], placed_row[~gp], n)
    sp_required = np.bincount(d.s_unit[~gp], req[~gp], n)
    sp_gap = np.bincount(d.s_unit[~gp], np.maximum(req[~gp] - d.s_current[~gp], 0), n)
    bonus = np.bincount(d.s_unit[m.rows], s.placed * m.cost, n)
    at_before = d.is_centre & (gp_before >= need)
    at_after = d.is_centre & (gp_after >= need)
    states, state_idx = np.unique(d.state, return_inverse=True)
    by_state = np.stack([np.bincount(state_idx, x, len(states)) for x in (
        d.is_centre, at_before, at_after, gp_after - gp_before, sp_after - sp_before, bonus)],
        axis=1)
    by_cat = np.bincount(d.s_cat, placed_row, len(d.categories))
    return {"gp_required": gp_req, "sp_required": sp_required, "sp_gap": sp_gap,
            "gp_before": gp_before, "gp_after": gp_after, "sp_before": sp_before,
            "sp_after": sp_after, "bonus": bonus, "at_before": at_before, "at_after": at_after,
            "states": states, "by_state": by_state, "by_category": by_cat,
            "bonus_month": float(bonus.sum()), "placed_row": placed_row}


def write(path: str | Path, d: Data, m: Model, s: Solution, ind: dict) -> None:
    """The result's tables (summary, per state, per category, assignments, units, marginal
    values) with openpyxl's write-only mode, values only."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("resumen")
    ws.append(["objetivo", s.objective])
    ws.append(["cota_lp", s.lp_bound])
    ws.append(["bono_mensual", ind["bonus_month"]])
    ws = wb.create_sheet("por_entidad")
    ws.append(["clave_entidad", "centros", "en_meta_antes", "en_meta_despues", "mg_asignados",
               "esp_asignados", "bono_mensual"])
    for code, row in zip(ind["states"].tolist(), ind["by_state"].tolist(), strict=True):
        ws.append([code, *row])
    ws = wb.create_sheet("por_categoria")
    ws.append(["categoria", "candidatos", "asignados"])
    for k, c, p in zip(d.categories, d.supply.tolist(), ind["by_category"].tolist(), strict=True):
        ws.append([k, c, p])
    # The same cells as the pipeline's two big sheets: 11 columns of assignments, 24 of units.
    ws = wb.create_sheet("asignaciones")
    ws.append(["clues", "unidad", "entidad", "municipio", "tipo", "categoria", "requeridos",
               "antes", "asignados", "despues", "bono_mensual_mxn"])
    placed = ind["placed_row"]
    name, state, mun, kind = (d.text[k] for k in ("nombre", "entidad", "municipio", "tipo"))
    target = d.params.get("meta_medicos_generales_por_centro", 2.0)
    req = np.where(np.isnan(d.s_required), target, d.s_required)
    cost = np.zeros(len(placed))
    cost[m.rows] = m.cost
    for r in np.flatnonzero(placed > 0).tolist():
        u, before, p = d.s_unit[r], int(d.s_current[r]), int(placed[r])
        ws.append([d.clues[u], name[u], state[u], mun[u], kind[u], d.categories[d.s_cat[r]],
                   int(req[r]), before, p, before + p, p * float(cost[r])])
    ws = wb.create_sheet("unidades")
    ws.append(["clues", "unidad", "tipo", "clave_entidad", "entidad", "municipio", "zona",
               "grado_marginacion", "elegible_bono", "familias", "mg_requeridos", "mg_antes",
               "mg_asignados", "mg_despues", "esp_requeridos", "esp_antes", "esp_brecha",
               "esp_asignados", "esp_despues", "bono_mensual_mxn", "en_meta_antes",
               "en_meta_despues", "sin_medico_antes", "sin_medico_despues"])
    gp_placed = ind["gp_after"] - ind["gp_before"]
    sp_placed = ind["sp_after"] - ind["sp_before"]
    cols = [name, kind, d.state.tolist(), state, mun, d.zone.tolist(),
            d.text["grado_marginacion"], d.text["elegible_bono"], d.families.tolist(),
            ind["gp_required"].tolist(), ind["gp_before"].tolist(), gp_placed.tolist(),
            ind["gp_after"].tolist(), ind["sp_required"].tolist(), ind["sp_before"].tolist(),
            ind["sp_gap"].tolist(), sp_placed.tolist(), ind["sp_after"].tolist(),
            ind["bonus"].tolist(), ind["at_before"].tolist(), ind["at_after"].tolist(),
            (d.is_centre & (ind["gp_before"] == 0)).tolist(),
            (d.is_centre & (ind["gp_after"] == 0)).tolist()]
    for row in zip(d.clues, *cols, strict=True):
        ws.append(list(row))
    ws = wb.create_sheet("sensibilidad")
    nz, nk = len(m.first), len(d.categories)
    for k, v in zip([*d.categories, "presupuesto"], s.duals[nz:nz + nk + 1].tolist(),
                    strict=False):
        ws.append([k, v])
    wb.save(path)


class _quiet:
    """Silence file descriptor 1 while HiGHS prints its banner."""

    def __enter__(self) -> None:
        import sys

        sys.stdout.flush()
        self.saved = os.dup(1)
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)

    def __exit__(self, *exc: object) -> None:
        os.dup2(self.saved, 1)
        os.close(self.saved)


def run(path: str | Path, out: str | Path | None = None,
        threads: int | None = None) -> tuple[dict[str, float], Solution]:
    """Every stage of the floor on the workbook at ``path``; (seconds per stage, solution)."""
    t: dict[str, float] = {}
    t0 = time.perf_counter()
    sheets = read(path)
    t["read"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    d = parse(sheets)
    t["validate"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    m = build(d, threads)
    t["build"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    s = solve(m)
    t["solve"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    ind = indicators(d, m, s)
    t["indicators"] = time.perf_counter() - t0
    if out is not None:
        t0 = time.perf_counter()
        write(out, d, m, s, ind)
        t["write"] = time.perf_counter() - t0
    return t, s
