"""Issue 23: the state of a call (the ``avance`` sheet), ``planner status`` and ``planner next``.

The two-phase book, worked by hand (tests/builders.base_tables, budget 32,000 MXN):

Phase 1 vacancies (required − current): HOSP01 Anestesiología 2, HOSP01 Cirugía 1,
HOSP02 Anestesiología 1, HOSP02 Cirugía 2 − 1 = 1, CS0001 MG 2 − 0 = 2, CS0002 MG 2 − 1 = 1,
CS0003 MG 2 − 2 = 0: 8 in all.

Phase 1 ``avance``: HOSP01 Anestesiología hired 1; HOSP02 Cirugía hired 1 and resigned 1
(its post is vacant again); CS0001 MG hired 1. Filled = 2, so 6 vacancies remain:
HOSP01 Anes 1, HOSP01 Cir 1, HOSP02 Anes 1, HOSP02 Cir 1, CS0001 MG 1, CS0002 MG 1.
Committed bonus = 1 specialist at HOSP01 (Zona 2) × 10,979 = 10,979 (the resigned one commits
nothing; general doctors have no bonus in this book). Remaining budget = 32,000 − 10,979 =
21,021.

Phase 2's optimum, with weights category × grade (HOSP01 muy alto ×3, HOSP02 alto ×2,
CS0001 ×3, CS0002 ×2): specialists HOSP01 Anes 9 (10,979), HOSP01 Cir 6 (10,979),
HOSP02 Anes 6 (10,000), HOSP02 Cir 4 (10,000). Two at HOSP01 cost 21,958 > 21,021, three cost
at least 30,979; the best pair is HOSP01 Anes + HOSP02 Anes = 15 for 20,979. General doctors are
free and plentiful: CS0001 3 + CS0002 2 = 5 (CS0001 has a doctor now, so no first-doctor
bonus). Optimum = 20.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from planner.analysis.phases import call_state, remaining
from planner.cli.main import app
from planner.core.errors import InputError
from planner.pipeline import load_scenario, next_phase
from tests.builders import ANES, CIR, MG, base_tables, make_workbook

AVANCE_COLS = ["clues", "categoria", "fase", "ofertas", "aceptados", "contratados", "renuncias"]


def two_phase_tables(rows=None) -> dict[str, pd.DataFrame]:
    tables = base_tables()
    p = tables["parametros"]
    p.loc[p["parametro"] == "presupuesto_bono_mensual", "valor"] = 32_000
    rows = rows if rows is not None else [
        ("HOSP01", ANES, "1", 2, 1, 1, 0),
        ("HOSP02", CIR, "1", 1, 1, 1, 1),
        ("CS0001", MG, "1", 3, 2, 1, None),
    ]
    tables["avance"] = pd.DataFrame(rows, columns=AVANCE_COLS)
    return tables


@pytest.fixture
def book(tmp_path):
    return make_workbook(tmp_path / "fase1.xlsx", two_phase_tables())


def test_call_state_by_hand(book):
    scenario, _ = load_scenario(book)
    state = call_state(scenario)
    assert int(state.posts["vacancies"].sum()) == 8
    assert int(state.posts["filled"].sum()) == 2
    assert int(state.posts["empty"].sum()) == 6
    assert state.committed == 10_979
    assert state.left == 21_021
    assert state.phases == ("1",)
    current, left = remaining(scenario)
    assert current[("HOSP01", ANES)] == 1 and current[("HOSP02", CIR)] == 1
    assert current[("CS0001", MG)] == 1 and left == 21_021
    chiapas = state.by_state[(state.by_state["state_code"] == 7)
                             & (state.by_state["category"] == ANES)].iloc[0]
    assert (chiapas["vacancies"], chiapas["filled"], chiapas["empty"]) == (2, 1, 1)


def test_next_phase_by_hand_and_the_loop_closes(book, tmp_path):
    out = tmp_path / "fase2.xlsx"
    before = book.read_bytes()
    state, following, result = next_phase(book, out)
    assert book.read_bytes() == before  # the input is only read
    assert int(following.gaps().sum()) == 6
    assert following.params.budget == pytest.approx(21_021)
    assert result.plan.status.value == "optimal"
    assert result.plan.objective == pytest.approx(20.0)
    placed = result.plan.placements.set_index(["clues", "category"])["placed"]
    assert placed[("HOSP01", ANES)] == 1 and placed[("HOSP02", ANES)] == 1
    assert placed[("HOSP01", CIR)] == 0 and placed[("HOSP02", CIR)] == 0
    # the output is a valid input for the phase after, with an empty avance
    again, _ = load_scenario(out)
    assert again.progress is not None and again.progress.empty
    assert int(again.gaps().sum()) == 6
    # the plan was solved on the tables in memory: the same scenario as reading ``out`` back
    assert again.staffing.equals(following.staffing) and again.params == following.params


def _issues(tmp_path, rows):
    path = make_workbook(tmp_path / "malo.xlsx", two_phase_tables(rows))
    with pytest.raises(InputError) as exc:
        load_scenario(path)
    return [i.text("es") for i in exc.value.issues]


def test_bad_avance_named_by_sheet_row_column(tmp_path):
    texts = _issues(tmp_path, [
        ("HOSP01", ANES, "1", 5, 4, 3, 0),         # row 2: 3 hired, 2 vacancies
        ("HOSP01", CIR, "1", 1, 1, -1, 0),        # row 3: negative
        ("NOEXISTE", MG, "1", 1, 1, 1, 0),        # row 4: unknown unit
        ("CS0001", "Pediatría", "1", 1, 1, 1, 0),  # row 5: unknown category
        ("HOSP02", ANES, "2", 1, 1, 1, 0),        # row 6
        ("HOSP02", CIR, "1", 1, 1, 1, 0),         # row 7: phase 1 after phase 2
        ("CS0002", MG, "2", 1, 2, 1, 0),          # row 8: accepted > offers
    ])
    assert ("hoja «avance», fila 2, columna «contratados», valor «3»: Los contratados de "
            "Anestesiología en esta unidad (netos de renuncias, hasta esta fase: 3) superan sus "
            "vacantes (2 según «plantilla»).") in texts
    assert any(x.startswith("hoja «avance», fila 3, columna «contratados», valor «-1»")
               for x in texts)
    assert ("hoja «avance», fila 4, columna «clues», valor «NOEXISTE»: La unidad no existe en "
            "la hoja «unidades».") in texts
    assert ("hoja «avance», fila 5, columna «categoria», valor «Pediatría»: La categoría no "
            "existe en la hoja «categorias».") in texts
    assert ("hoja «avance», fila 7, columna «fase», valor «1»: Las fases van en orden (1, 2, 3, "
            "3b, 4, 5, 6, especial): la fase 1 aparece después de la fase 2 (fila 6). Ordene las "
            "filas por fase.") in texts
    assert ("hoja «avance», fila 8, columna «aceptados», valor «2»: Hay más aceptados (2) que "
            "ofertas (1).") in texts
    assert len(texts) == 6


def test_cli_status_and_next(book, tmp_path):
    runner = CliRunner()
    res = runner.invoke(app, ["status", str(book), "--json"])
    assert res.exit_code == 0, res.output
    payload = json.loads(res.stdout)
    assert (payload["vacancies"], payload["filled"], payload["empty"]) == (8, 2, 6)
    assert payload["committed"] == 10_979 and payload["left"] == 21_021
    assert payload["planned"] > 0
    out = tmp_path / "sig.xlsx"
    res = runner.invoke(app, ["next", str(book), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "Libro de la fase 2 escrito" in res.stdout and "21,021" in res.stdout
    assert "plazas asignadas (0 de enfermería)" in res.stdout  # a book without nurses
    assert out.is_file()


def test_cli_next_bad_avance_exit_2_nothing_written(tmp_path):
    path = make_workbook(tmp_path / "malo.xlsx",
                         two_phase_tables([("HOSP01", ANES, "1", 1, 1, 9, 0)]))
    out = tmp_path / "sig.xlsx"
    res = CliRunner().invoke(app, ["next", str(path), "--out", str(out)])
    assert res.exit_code == 2
    assert "hoja «avance», fila 2, columna «contratados»" in res.stderr
    assert not out.exists()


def test_app_progress_tab_shows_the_hand_worked_state(book, monkeypatch):
    from tests.test_app import metrics, start_app

    at = start_app(book, monkeypatch)
    shown = metrics(at)
    assert shown["Cubiertas"][0] == "2" and shown["Siguen vacías"][0] == "6"
    assert shown["Comprometido (MXN al mes)"][0] == "$10,979"
    assert shown["Restante (MXN al mes)"][0] == "$21,021"
    assert any("Fases registradas: 1." in c.value for c in at.caption)


def test_redirection_three_by_three_by_hand():
    """Three waiting candidates (category X) and three free posts on the equator
    (1° of longitude = 111.19 km), distance bound 60 km:

    ======  ======  ===============================
    who     lon     posts within 60 km
    ======  ======  ===============================
    A       0.0     P1 (0.5°, 55.6 km), P3 (0.1°, 11.1 km)
    B       0.0     P1, P3
    C       1.0     P1 (55.6 km), P2 (1.4°, 44.5 km)
    ======  ======  ===============================

    Weights P1 5, P2 3, P3 1. Greedy by weight (C takes P1) leaves one of A, B with only P3 and
    P2 empty: 5 + 1 = 6 with two offers. The optimum gives C P2 and A, B P1 and P3:
    5 + 3 + 1 = 9, three offers. C is in another state than P2, which the distance allows.
    """
    from planner.analysis.redirect import assign

    cands = pd.DataFrame({"candidate": ["A", "B", "C"], "category": "X",
                          "state_code": [1, 1, 2], "clues": ["UA", "UA", "UC"],
                          "lat": 0.0, "lon": [0.0, 0.0, 1.0]})
    slots = pd.DataFrame({"clues": ["P1", "P2", "P3"], "category": "X", "state_code": 1,
                          "lat": 0.0, "lon": [0.5, 1.4, 0.1], "weight": [5.0, 3.0, 1.0]})
    offers = assign(cands, slots, max_km=60)
    assert offers["weight"].sum() == 9 and len(offers) == 3
    to = dict(zip(offers["candidate"], offers["to_clues"], strict=True))
    assert to["C"] == "P2" and {to["A"], to["B"]} == {"P1", "P3"}
    # without coordinates' bound: same state only, C (state 2) gets nothing
    same_state = assign(cands, slots)
    assert set(same_state["candidate"]) == {"A", "B"}
    assert set(same_state["to_clues"]) == {"P1", "P2"}  # the two heaviest posts of state 1
    # 20 km: C reaches nothing, A and B only P3: one offer
    assert len(assign(cands, slots, max_km=20)) == 1


def test_redirection_in_planner_next(tmp_path):
    """CS0003 (Oaxaca, MG) has no vacancy (2 of 2) but 2 approved accepted, not hired: both wait.
    The free MG posts of Oaxaca: CS0002 (1 of 2); CS0001 is in Chiapas. One offer; at
    aceptacion_redireccion 0.4 it fills 0.4 posts the next call would otherwise buy."""
    from planner.analysis.redirect import redirect

    tables = two_phase_tables([("CS0003", MG, "1", 2, 2, 0, 0)])
    p = tables["parametros"]
    p.loc[p["parametro"] == "aceptacion_redireccion", "valor"] = 0.4
    path = make_workbook(tmp_path / "espera.xlsx", tables)
    scenario, _ = load_scenario(path)
    r = redirect(scenario)
    assert r.waiting == 2 and r.acceptance == 0.4
    assert list(r.offers["to_clues"]) == ["CS0002"] and r.expected_filled == pytest.approx(0.4)
    res = CliRunner().invoke(app, ["next", str(path), "--out", str(tmp_path / "f2.xlsx"),
                                   "--json"])
    payload = json.loads(res.stdout)
    assert payload["redirection"] == {"waiting": 2, "offers": 1, "acceptance": 0.4,
                                      "expected_filled": 0.4, "by_category": {MG: 1}}
