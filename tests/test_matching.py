"""Registered candidates: the ``candidatos`` sheet, the optimo and estable assignments, reports.

The base scenario (tests/builders.py) has, with families 0 (factor 1):

    post              weight                      bonus/month
    HOSP01 Anest. ×2  3 (category) × 3 (muy alto) = 9   10,979 (zone 2)
    HOSP01 Cirugía ×1 2 × 3 = 6                          10,979
    HOSP02 Anest. ×1  3 × 2 (alto) = 6                   10,000 (zone 3)
    HOSP02 Cirugía ×1 2 × 2 = 4                          10,000
    CS0001 MG ×2      1 × 3 = 3, and no GP today: the first doctor adds P·w = 3·3 = 9
    CS0002 MG ×1      1 × 2 = 2
    CS0003 MG         no gap (2 of 2)
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from models.allocation import placement_pairs
from models.matching import assign_candidates
from models.settings import SolverSettings
from planner.core.errors import InputError
from planner.core.scenario import WhatIf
from planner.core.text import normalize_key
from planner.pipeline import load_scenario, solve
from tests.builders import ANES, MG, base_tables, make_workbook, set_param

COLUMNS = ["folio", "categoria", "clave_entidad", "opcion_1", "opcion_2", "opcion_3",
           "opcion_4", "opcion_5", "puntaje"]


def with_candidates(rows: list[tuple], **params) -> dict[str, pd.DataFrame]:
    """Base tables plus a ``candidatos`` sheet; rows are (folio, categoria, entidad, [options],
    puntaje)."""
    tables = base_tables()
    recs = []
    for folio, cat, state, options, score in rows:
        opts = list(options) + [None] * (5 - len(options))
        recs.append([folio, cat, state, *opts, score])
    tables["candidatos"] = pd.DataFrame(recs, columns=COLUMNS)
    for name, value in params.items():
        set_param(tables, name, value)
    return tables


def load(tmp_path, tables, name="libro.xlsx"):
    scenario, _ = load_scenario(make_workbook(tmp_path / name, tables))
    return scenario


def placed_at(assignment) -> dict[str, tuple[str | None, object]]:
    """folio -> (clues or None, rank)."""
    p = assignment.people
    return {f: (c if isinstance(c, str) else None, (None if pd.isna(r) else int(r)))
            for f, c, r in zip(p["folio"], p["clues"], p["rank"], strict=True)}


# --- optimo and estable differ ------------------------------------------------------------------

def test_optimo_and_estable_differ_on_a_hand_case(tmp_path):
    """Two GPs; A (score 90) lists 1) CS0002 2) CS0001, B (80) lists only CS0002 (gap 1).

    estable: both propose to CS0002, which keeps A (higher score); B has nothing else: out.
      coverage = w(CS0002) = 2.
    optimo: A to CS0001 (3 + first doctor 9 = 12), B to CS0002 (2): coverage 14.
    Price of stability 14 − 2 = 12. In optimo, A and CS0002 block: A prefers it (rank 1 over
    2) and CS0002 holds B, whom it ranks below A: 1 blocking pair.
    """
    sc = load(tmp_path, with_candidates([("A", MG, 7, ["CS0002", "CS0001"], 90),
                                         ("B", MG, 20, ["CS0002"], 80)],
                                        modo_asignacion="estable"))
    res = assign_candidates(sc, SolverSettings())
    assert res.mode == "estable"
    assert placed_at(res.estable) == {"A": ("CS0002", 1), "B": (None, None)}
    assert placed_at(res.optimo) == {"A": ("CS0001", 2), "B": ("CS0002", 1)}
    assert res.estable.coverage == pytest.approx(2)
    assert res.optimo.coverage == pytest.approx(14)
    assert res.optimo.plan.status.value == "optimal"
    assert res.price_of_stability == pytest.approx(12)
    assert res.optimo.blocking_pairs == 1
    assert res.estable.blocking_pairs == 0


def test_stable_matching_against_a_hand_worked_one(tmp_path):
    """Anaesthetists P 90, Q 80, R 70, S 60; P lists HOSP02 then HOSP01, Q HOSP02, R HOSP01,
    S HOSP02 then HOSP01. Budget 20,979 = one zone-2 bonus + one zone-3 bonus.

    Capacities (module rule): HOSP01 Anest. (weight 9) first: min(gap 2, 3 listers) wanted,
    20,979 // 10,979 = 1 opened, 10,000 left; HOSP02 Anest. (6): 1 opened. Deferred acceptance:
    HOSP02 gets P, Q, S and keeps P; HOSP01 gets R, then S, keeps R (70 > 60). Q and S out.
    coverage 9 + 6 = 15; bonus 20,979, within the budget.
    optimo: HOSP01 twice would cost 21,958 > 20,979, so coverage 15 too, with both placed in
    their first option (rank sum 2: R at HOSP01, and P or Q at HOSP02).
    """
    sc = load(tmp_path, with_candidates([
        ("P", ANES, 7, ["HOSP02", "HOSP01"], 90), ("Q", ANES, 20, ["HOSP02"], 80),
        ("R", ANES, 7, ["HOSP01"], 70), ("S", ANES, 20, ["HOSP02", "HOSP01"], 60)],
        modo_asignacion="estable", presupuesto_bono_mensual=20_979))
    res = assign_candidates(sc, SolverSettings())
    assert placed_at(res.estable) == {"P": ("HOSP02", 1), "Q": (None, None),
                                      "R": ("HOSP01", 1), "S": (None, None)}
    assert res.estable.coverage == pytest.approx(15)
    caps = res.estable.posts.set_index(["clues", "category"])["capacity"]
    assert caps[("HOSP01", ANES)] == 1 and caps[("HOSP02", ANES)] == 1
    assert res.optimo.coverage == pytest.approx(15)
    opt = placed_at(res.optimo)
    assert opt["R"] == ("HOSP01", 1)
    assert sum(r for _, r in opt.values() if r) == 2
    assert res.price_of_stability == pytest.approx(0)


def test_optimo_prefers_the_better_rank_at_equal_coverage(tmp_path):
    """HOSP02 made 'muy alto': an anaesthetist is worth 9 at either hospital. X lists 1) HOSP02
    2) HOSP01: coverage 9 either way, so the second stage must keep rank 1 (HOSP02)."""
    tables = with_candidates([("X", ANES, 20, ["HOSP02", "HOSP01"], 50)],
                             modo_asignacion="optimo")
    tables["unidades"].loc[tables["unidades"]["clues"] == "HOSP02", "grado_marginacion"] = \
        "muy alto"
    sc = load(tmp_path, tables)
    for solver in ("highs", "cbc"):
        res = assign_candidates(sc, SolverSettings(solver=solver))
        assert placed_at(res.optimo) == {"X": ("HOSP02", 1)}
        assert res.optimo.coverage == pytest.approx(9)


def test_municipality_and_state_options(tmp_path):
    """'20/Juchitán' covers HOSP02, CS0002, CS0003; 'Chiapas' covers HOSP01 and CS0001.
    G1 (GP) lists the municipality: the only GP post there is CS0002 (CS0003 is full).
    G2 (GP) lists the state of Chiapas: CS0001 (12 with the first doctor)."""
    sc = load(tmp_path, with_candidates([("G1", MG, 20, ["20/Juchitán"], 70),
                                         ("G2", MG, 7, ["Chiapas"], 60)],
                                        modo_asignacion="optimo"))
    res = assign_candidates(sc, SolverSettings())
    assert placed_at(res.optimo) == {"G1": ("CS0002", 1), "G2": ("CS0001", 1)}
    assert res.optimo.coverage == pytest.approx(14)


# --- invariants, checked with pandas alone ---------------------------------------------------

def _random_list(scenario, n: int, seed: int) -> pd.DataFrame:
    """Random candidates whose options hold a post of their category (CLUES, municipality or
    state, 1-5 options)."""
    rng = np.random.default_rng(seed)
    gaps = (scenario.required() - scenario.staffing["current"]).clip(lower=0)
    posts = gaps[gaps > 0].reset_index()
    units = scenario.units
    posts["state"] = posts["clues"].map(units["state_code"])
    posts["mun"] = posts["clues"].map(units["municipality"])
    cats = posts["category"].unique()
    rows = []
    for i in range(n):
        cat = cats[rng.integers(len(cats))]
        mine = posts[posts["category"] == cat]
        opts = []
        for _ in range(int(rng.integers(1, 6))):
            p = mine.iloc[int(rng.integers(len(mine)))]
            form = rng.random()
            opt = (p["clues"] if form < 0.6 else f"{int(p['state'])}/{p['mun']}" if form < 0.9
                   else str(int(p["state"])))
            if opt not in opts:
                opts.append(opt)
        rows.append([f"F{i:04d}", cat, int(mine["state"].iloc[0]),
                     *(opts + [None] * (5 - len(opts))), float(rng.integers(0, 100))])
    return pd.DataFrame(rows, columns=COLUMNS)


def _covers(units: pd.DataFrame, option: str) -> set[str]:
    """The CLUES an option covers, re-derived without planner.io.candidates."""
    if option in units.index:
        return {option}
    if "/" in option:
        s, m = option.split("/", 1)
        hit = (units["state_code"] == int(s)) & (units["municipality"].map(normalize_key)
                                                 == normalize_key(m))
        return set(units.index[hit])
    return set(units.index[units["state_code"] == int(option)])


def check_assignment(scenario, listed: pd.DataFrame, a, budget: float) -> None:
    """Nobody outside their options or twice; ranks right; capacity and budget hold."""
    units = scenario.units
    people = a.people.set_index("folio")
    assert people.index.is_unique and set(people.index) == set(listed["folio"])
    gaps = (scenario.required() - scenario.staffing["current"]).clip(lower=0)
    placed = people[people["clues"].notna()]
    for folio, row in placed.iterrows():
        cand = listed.set_index("folio").loc[folio]
        options = [o for o in cand[[f"opcion_{j}" for j in range(1, 6)]] if isinstance(o, str)]
        inside = [j for j, o in enumerate(options, start=1) if row["clues"] in _covers(units, o)]
        assert inside, f"{folio} placed outside their options"
        assert int(row["rank"]) == inside[0], f"{folio} rank {row['rank']} != {inside[0]}"
        assert row["category"] == cand["categoria"]
    count = placed.groupby(["clues", "category"]).size()
    assert (count <= gaps.reindex(count.index)).all(), "more placed than the gap"
    bonus = scenario.bonuses["bonus"]
    kind = placed["category"].map(scenario.categories["kind"])
    zone = placed["clues"].map(units["zone"])
    eligible = placed["clues"].map(units["bonus_eligible"])
    cost = [bonus.get((k, z), 0.0) if e else 0.0 for k, z, e in zip(kind, zone, eligible,
                                                                     strict=True)]
    assert sum(cost) <= budget + 1e-6, "budget exceeded"
    pl = a.plan.placements
    by_pair = pl[pl["placed"] > 0].set_index(["clues", "category"])["placed"]
    assert by_pair.sort_index().equals(count.sort_index().astype(by_pair.dtype)), \
        "plan placements disagree with the people placed"


def check_no_blocking_pair(scenario, listed: pd.DataFrame, a) -> None:
    """No candidate c and post p in an option c ranks strictly above their own, with p either
    holding someone of lower score or (bonus-free) with a vacancy left."""
    units = scenario.units
    gaps = (scenario.required() - scenario.staffing["current"]).clip(lower=0)
    people = a.people.set_index("folio")
    placed = people[people["clues"].notna()]
    holders = placed.groupby(["clues", "category"])["score"].min()
    count = placed.groupby(["clues", "category"]).size()
    eligible = units["bonus_eligible"]
    for _, cand in listed.iterrows():
        me = people.loc[cand["folio"]]
        mine = int(me["rank"]) if not pd.isna(me["rank"]) else 6
        for j in range(1, mine):
            o = cand[f"opcion_{j}"]
            if not isinstance(o, str):
                continue
            for clues in _covers(units, o):
                key = (clues, cand["categoria"])
                if gaps.get(key, 0) <= 0:
                    continue
                room = count.get(key, 0) < gaps[key] and not eligible[clues]
                lower = key in holders.index and holders[key] < cand["puntaje"]
                assert not (room or lower), f"{cand['folio']} and {key} block"


@pytest.mark.parametrize("budget", [30_000, 1_000_000])
def test_invariants_on_random_lists(tmp_path, budget):
    """Hidalgo's real units with 150 random candidates, tight and loose budgets."""
    from pathlib import Path

    base, _ = load_scenario(Path(__file__).parent.parent / "inputs" / "hidalgo_2025.xlsx")
    listed = _random_list(base, 150, seed=budget)
    from planner.io.read import read_workbook
    from planner.validate import validate

    src = read_workbook(Path(__file__).parent.parent / "inputs" / "hidalgo_2025.xlsx")
    tables = {name: _sheet_frame(src, name) for name in src.sheets}
    tables["candidatos"] = listed
    set_param(tables, "presupuesto_bono_mensual", budget)
    set_param(tables, "modo_asignacion", "optimo")
    from planner.io.template import write_input_workbook

    path = write_input_workbook(tmp_path / "h.xlsx", tables, ["prueba"])
    sc = validate(read_workbook(path))
    res = assign_candidates(sc, SolverSettings())
    for a in (res.optimo, res.estable):
        check_assignment(sc, listed, a, budget)
    check_no_blocking_pair(sc, listed, res.estable)
    assert res.optimo.plan.status.value == "optimal"
    assert res.optimo.coverage >= res.estable.coverage - 1e-6  # estable is feasible for optimo
    # CBC keeps coverage with an explicit row; HiGHS restricts to the LP's optimal face when
    # the relaxation is integral: both must reach the same coverage and the same rank sum.
    cbc = assign_candidates(sc, SolverSettings(solver="cbc")).optimo
    assert cbc.coverage == pytest.approx(res.optimo.coverage, abs=1e-6)
    assert int(cbc.people["rank"].sum()) == int(res.optimo.people["rank"].sum())


def _sheet_frame(raw, name: str) -> pd.DataFrame:
    sheet = raw.sheets[name]
    frame = sheet.frame.rename(columns=sheet.headers)
    return frame.reset_index(drop=True)


# --- validation of the sheet ---------------------------------------------------------------

def problems(tmp_path, tables) -> list[str]:
    with pytest.raises(InputError) as info:
        load_scenario(make_workbook(tmp_path / "libro.xlsx", tables))
    return [i.text() for i in info.value.issues]


def test_unknown_clues_in_an_option(tmp_path):
    tables = with_candidates([("A", MG, 7, ["CS0001", "CS9999"], 90)])
    assert problems(tmp_path, tables) == [
        "hoja «candidatos», fila 2, columna «opcion_2», valor «CS9999»: La opción no es una "
        "CLUES de «unidades», ni un municipio escrito «clave_entidad/municipio» (p. ej. "
        "13/Pachuca de Soto), ni una entidad (clave o nombre) con unidades."]


def test_duplicate_folio(tmp_path):
    tables = with_candidates([("A-1", MG, 7, ["CS0001"], 90), ("A-1", MG, 7, ["CS0002"], 80)])
    assert problems(tmp_path, tables) == [
        "hoja «candidatos», fila 3, columna «folio», valor «A-1»: Valor repetido de folio (ya "
        "aparece en la fila 2)."]


def test_curp_looking_values_are_refused_without_echoing_them(tmp_path):
    tables = with_candidates([("GOMC800101HDFRRL09", MG, 7, ["CS0001"], 90),
                              ("B", MG, 7, ["CS0002"], 80)])
    tables["candidatos"]["nota"] = ["x", "pemj920315mchrrn02"]  # an extra column, lower case
    texts = problems(tmp_path, tables)
    assert texts == [
        "hoja «candidatos», fila 2, columna «folio»: La columna tiene 1 valor(es) con forma de "
        "CURP: los datos personales (CURP, nombres) no deben estar en el archivo. Use un folio "
        "anónimo y guarde la relación folio–persona fuera del libro.",
        "hoja «candidatos», fila 3, columna «nota»: La columna tiene 1 valor(es) con forma de "
        "CURP: los datos personales (CURP, nombres) no deben estar en el archivo. Use un folio "
        "anónimo y guarde la relación folio–persona fuera del libro."]
    assert not any("GOMC" in t or "PEMJ" in t.upper() for t in texts)


def test_unknown_category_and_option_without_post(tmp_path):
    """CS0003 has no GP vacancy (2 of 2); 'Cardiología' is not a category."""
    tables = with_candidates([("A", "Cardiología", 7, ["HOSP01"], 90),
                              ("B", MG, 20, ["CS0003"], 80)])
    assert problems(tmp_path, tables) == [
        "hoja «candidatos», fila 2, columna «categoria», valor «Cardiología»: La categoría no "
        "existe en la hoja «categorias».",
        "hoja «candidatos», fila 3, columna «opcion_1», valor «CS0003»: Ninguna unidad de esta "
        "opción tiene vacantes de Medicina general en «plantilla»: el candidato no podría "
        "ocuparla."]


def test_mode_without_a_list(tmp_path):
    tables = base_tables()
    set_param(tables, "modo_asignacion", "estable")
    assert problems(tmp_path, tables) == [
        "hoja «parametros», columna «modo_asignacion», valor «estable»: modo_asignacion es "
        "«estable» pero el libro no tiene candidatos registrados: llene la hoja «candidatos» o "
        "use por_oferta."]


def test_bad_mode_value(tmp_path):
    tables = base_tables()
    set_param(tables, "modo_asignacion", "aleatorio")
    assert problems(tmp_path, tables) == [
        "hoja «parametros», fila 13, parámetro «modo_asignacion», columna «valor», valor "
        "«aleatorio»: Valor no permitido; se "
        "esperaba uno de: por_oferta, optimo, estable."]


# --- pipeline, CLI, result workbook ----------------------------------------------------------

def test_pipeline_cli_json_and_workbook(tmp_path):
    """The hand case of the first test through the CLI: --modo-asignacion overrides por_oferta."""
    path = make_workbook(tmp_path / "caso.xlsx", with_candidates(
        [("A", MG, 7, ["CS0002", "CS0001"], 90), ("B", MG, 20, ["CS0002"], 80)]))
    sc, _ = load_scenario(path)
    assert sc.params.assignment_mode == "por_oferta"
    lib = solve(sc, WhatIf(assignment_mode="optimo"))
    assert lib.plan.objective == pytest.approx(14)
    assert lib.indicators.headline["gp_candidates"] == 2  # counted from the list
    out = tmp_path / "res.xlsx"
    proc = subprocess.run([sys.executable, "-m", "planner", "solve", str(path), "--json",
                           "--modo-asignacion", "optimo", "--comparar-modos", "--out", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    payload = json.loads(proc.stdout)
    cand = payload["candidates"]
    assert payload["objective"] == pytest.approx(14)
    assert cand["mode"] == "optimo" and cand["registered"] == 2
    assert cand["optimo"]["placed"] == 2 and cand["optimo"]["by_rank"] == {"1": 1, "2": 1}
    assert cand["estable"]["coverage"] == pytest.approx(2)
    assert cand["price_of_stability"] == pytest.approx(12)
    assert cand["optimo"]["blocking_pairs"] == 1
    # Anaesthesia at HOSP01 (2), HOSP02 (1) and both surgeries: nobody listed them.
    assert cand["posts_without_candidates"] == 4
    assert cand["vacancies_without_candidates"] == 5
    wb = load_workbook(out, read_only=True)
    assert {"candidatos", "plazas y candidatos", "plazas sin candidatos"} <= set(wb.sheetnames)
    rows = list(wb["candidatos"].values)
    assert rows[0][:2] == ("Folio", "Categoría")
    assert {r[0] for r in rows[1:]} == {"A", "B"}
    assert {(r[0], r[4], r[8]) for r in rows[1:]} == {("A", "CS0001", 2), ("B", "CS0002", 1)}
    wb.close()


def test_candidate_sheets_are_labelled_from_the_catalogue(tmp_path):
    """The hand case of the first test in the English book: column names and post states are the
    catalogue's candh_* / cand_status_* words. Posts with a gap: CS0001 and CS0002 (GP gaps of
    2 and 1 under the target of 2; optimo places A at CS0001 and B at CS0002: partly filled and
    filled), Anaesthesia at HOSP01 (2) and HOSP02 (1) and both surgeries,
    which nobody listed."""
    from planner.report.result_book import write_result_workbook

    path = make_workbook(tmp_path / "caso.xlsx", with_candidates(
        [("A", MG, 7, ["CS0002", "CS0001"], 90), ("B", MG, 20, ["CS0002"], 80)]))
    sc, _ = load_scenario(path)
    lib = solve(sc, WhatIf(assignment_mode="optimo"))
    out = write_result_workbook(lib, tmp_path / "res_en.xlsx", lang="en")
    wb = load_workbook(out, read_only=True)
    head = next(wb["candidatos"].values)
    assert head == ("Folio", "Category", "Registration state code", "Score", "CLUES", "Unit",
                    "Post state", "Municipality", "Choice")
    posts = list(wb["plazas y candidatos"].values)
    assert posts[0][-4:] == ("Vacancies", "Candidates who chose it", "Placed", "Status")
    # a post's state is the post's, not a registration state (issue 22 item 7)
    assert "Registration state code" not in posts[0]
    assert "Registration state code" not in next(wb["plazas sin candidatos"].values)
    status = {(r[0], r[5]): r[-1] for r in posts[1:]}
    gp = {r[0]: (r[6], r[8]) for r in posts[1:] if r[5] == MG}  # clues -> (vacancies, placed)
    assert gp["CS0001"][1] == gp["CS0002"][1] == 1  # A and B, one each
    assert gp["CS0001"][0] == 2 and gp["CS0002"][0] == 1  # GP target 2; 0 and 1 in post
    assert status[("CS0001", MG)] == "partly filled" and status[("CS0002", MG)] == "filled"
    assert sum(v == "no candidates" for v in status.values()) == 4
    assert next(wb["plazas sin candidatos"].values)[3:5] == ("Posts without candidates",
                                                              "Vacancies without candidates")
    assert next(wb["resumen de candidatos"].values)[0] == "Registered-candidate assignment"
    wb.close()


def test_bad_mode_flag_is_a_usage_error(tmp_path):
    path = make_workbook(tmp_path / "caso.xlsx")
    proc = subprocess.run([sys.executable, "-m", "planner", "solve", str(path), "--json",
                           "--modo-asignacion", "azar"], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 2
    assert "--modo-asignacion debe ser uno de: por_oferta, optimo, estable" in proc.stdout


def test_national_list_is_synthetic_and_valid():
    """The bundled national workbook: 2,706 + 12,968 doctors and 7,056 nurses registered, every
    option resolves, default mode stays por_oferta, LEEME says synthetic."""
    from pathlib import Path

    path = Path(__file__).parent.parent / "inputs" / "nacional_2024.xlsx"
    sc, _ = load_scenario(path)
    assert sc.params.assignment_mode == "por_oferta"
    cats = sc.candidates["category"]
    nurses = cats == "Enfermería general"
    assert int((cats == MG).sum()) == 12_968 and int((~nurses & (cats != MG)).sum()) == 2_706
    assert int(nurses.sum()) == 7_056
    assert sc.candidates["folio"].str.startswith("SINT-").all()
    leeme = " ".join(str(c) for row in load_workbook(path, read_only=True)["LEEME"].values
                     for c in row if c)
    assert "LISTA SINTÉTICA" in leeme
    pairs = placement_pairs(replace(sc))
    assert len(pairs)
