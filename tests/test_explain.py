"""The statement layer (issue 21, planner/explain/): every figure of a plan's summary is one
typed statement, and the app's card, the CLI's line, the result book's row and the JSON field
are rendered from it. The properties below are checked over every statement the national
default and the test workbooks produce, in both languages.

Hand-worked figures (tests/test_acceptance.bonus_choice_book, worked out there): 1.8 posts
expected of 3 offers (60.0 %), expected weighted need 15.6 against 10.8 with the uniform 2024
bonus, so +4.8 at the same budget; at 2024's expected money ($13,000) the plan is the policy's
own: 0. The tiny workbook (tests/builders) has 3 centres.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from planner.cli.main import app as cli
from planner.core.words import t
from planner.explain import render
from planner.explain.statement import BASES, Number, Statement, Words
from planner.explain.summary import statements, summary
from planner.pipeline import fair_comparison, load_scenario, solve, solve_workbook
from planner.ui.first_screen import with_acceptance
from tests.builders import make_workbook
from tests.test_acceptance import bonus_choice_book

ROOT = Path(__file__).resolve().parents[1]
NATIONAL = ROOT / "inputs" / "nacional_2024.xlsx"
HIDALGO = ROOT / "inputs" / "hidalgo_2025.xlsx"


def _result(path: Path, draws: int = 200):
    result = solve(load_scenario(path)[0])
    return with_acceptance(result, draws=draws, fair=fair_comparison)


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp = tmp_path_factory.mktemp("explain")
    return {"tiny": _result(make_workbook(tmp / "tiny.xlsx")),
            "bonus": _result(bonus_choice_book(tmp)),
            "hidalgo": _result(HIDALGO),
            "national": _result(NATIONAL)}


def _all(results: dict) -> list[tuple[str, Statement]]:
    return [(name, s) for name, r in results.items() for s in statements(r)]


def _number_in(text: str, n: Number) -> bool:
    return render.number(n) in text


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_statement_says_what_it_counts_and_on_what_basis(results, lang) -> None:
    """Each face shows the value; a denominator always appears with its count (card, CLI
    line and book row); the basis is named, an estimate's interval is ordered and written."""
    seen = 0
    for name, s in _all(results):
        seen += 1
        c, line = render.card(s, lang), render.line(s, lang)
        row, _ = render.row(s, lang)
        value = render.number(s.value)
        assert c["value"] == value and f": {value}" in line, (name, s.key)
        assert row[1] == pytest.approx(float(s.value.value)), (name, s.key)
        assert s.basis in BASES
        basis = render.basis_text(s, lang)
        assert basis and basis in c["context"] and basis in line and basis in row[6]
        assert row[2] == t(f"ex_word_{s.basis}", lang)
        if s.of is not None:
            of = render.of_text(s, lang)
            assert _number_in(of, s.of), (name, s.key)
            for face in (c["context"], line, row[6]):
                assert of in face, (name, s.key)
            assert row[5] == pytest.approx(float(s.of.value))
        if s.interval is not None:
            assert s.basis == "estimado", (name, s.key)  # only an estimate has an interval
            assert float(s.interval.lo.value) <= float(s.interval.hi.value), (name, s.key)
            assert _number_in(basis, s.interval.lo) and _number_in(basis, s.interval.hi)
            assert row[3] <= row[4]
    assert seen > 40


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_comparison_says_against_what_and_which_way_is_better(results, lang) -> None:
    comparisons = [(n, s) for n, s in _all(results) if s.against is not None]
    assert {n for n, _ in comparisons} >= {"bonus", "national"}
    for name, s in comparisons:
        assert s.value.signed and s.better in ("up", "down")
        text = render.caption(s, lang)
        assert t(f"ex_better_{s.better}", lang) in text
        assert render.words(s.against, lang) in text
        v = render.number(s.value)
        assert v == "0" or v[0] in "+-", (name, v)


def test_english_captions_carry_no_spanish_basis_words(results) -> None:
    for name, s in _all(results):
        text = render.caption(s, "en")
        for word in ("supuesto", "estimado", "si se acepta", " de ", "ofertas"):
            assert word not in text, (name, s.key, word, text)


def test_deltas_only_in_a_what_if_and_written_as_their_figure(results, tmp_path) -> None:
    """In a what-if each comparable figure carries its change, written in its own unit
    («-$19,000» beside «$13,000», never «-$19,000 MXN»); without a baseline there is none."""
    assert all(s.delta is None for _, s in _all(results))
    base = results["bonus"]
    low = with_acceptance(solve(base.scenario, _budget(base, 13_000)), draws=200,
                          fair=fair_comparison)
    changed = {s.key: s for s in statements(low, base)}
    bill = changed["expected_bonus"]
    assert bill.delta is not None and bill.delta < 0
    d = render.card(bill)["delta"]
    assert d.startswith("-$") and "MXN" not in d
    assert render.card(changed["overrun_probability"])["delta_color"] == "inverse"


def _budget(result, money):
    from planner.core.scenario import WhatIf

    return WhatIf(budget=money)


def test_the_hand_worked_book(results) -> None:
    """1.8 of 3 offers (60.0 %), need 15.6, one comparison card: 0 at 2024's money with +4.8
    at the same budget in its caption (module docstring)."""
    by_key = {s.key: s for s in statements(results["bonus"])}
    filled = by_key["expected_filled"]
    assert render.number(filled.value) == "1.8"
    assert render.of_text(filled, "es") == "de 3 ofertas (60.0%)"
    assert render.number(by_key["expected_need"].value) == "15.6"
    fair = by_key["gain_need_2024_same_money"]
    assert render.number(fair.value) == "0"
    assert "con el mismo presupuesto: +4.8" in render.caption(fair, "es")
    assert "gain_need_uniform_2024" not in by_key
    tiny = {s.key: s for s in statements(results["tiny"])}
    assert render.of_text(tiny["at_target"], "en").startswith("of 3 centres (")
    assert [sec.part for sec in summary(results["tiny"])] == ["plan"]


def test_plural_forms_of_denominators() -> None:
    s = Statement("x", "plan", "m_at_target", Number(1, "count"), "supuesto",
                  Words("ex_note_all_accept"), "up", of=Number(1, "count"), of_what="n_centres")
    assert render.of_text(s, "es") == "de 1 centro (100.0%)"
    assert render.of_text(s, "en") == "of 1 centre (100.0%)"


def test_statement_rules_are_enforced() -> None:
    note = Words("ex_note_all_accept")
    with pytest.raises(ValueError):
        Statement("x", "plan", "m_at_target", Number(1, "count"), "guess", note)
    with pytest.raises(ValueError):  # a denominator without its name
        Statement("x", "plan", "m_at_target", Number(1, "count"), "dato", note,
                  of=Number(2, "count"))
    with pytest.raises(ValueError):  # a comparison without a sign or a direction
        Statement("x", "compare", "fs_fair", Number(1, "need"), "estimado", note, "up",
                  against=Words("ex_against_fair", {"money": Number(1, "mxn")}))


def test_cli_book_and_json_read_the_same_statements(tmp_path) -> None:
    """`planner solve` prints every statement's line, its --json carries each as a field, and
    the result book's «resumen» has each row: the same values on the three faces."""
    book = bonus_choice_book(tmp_path)
    out = tmp_path / "r.xlsx"
    res = CliRunner().invoke(cli, ["solve", str(book), "--out", str(out)])
    assert res.exit_code == 0, res.output
    js = CliRunner().invoke(cli, ["solve", str(book), "--json"])
    payload = json.loads(js.stdout)["statements"]
    expected = statements(solve_workbook(book))  # the CLI's own chain, no simulation asked
    assert {s.part for s in expected} >= {"achieves", "costs", "compare", "plan"}
    rows = {r[0]: r for r in load_workbook(out)["resumen"].iter_rows(values_only=True)}
    for s in expected:
        assert render.line(s, "es") in res.stdout, s.key
        assert payload[s.key]["value"] == pytest.approx(float(s.value.value), abs=1e-4)
        assert payload[s.key]["basis"] == s.basis
        label = t(s.label, "es")
        assert label in rows and rows[label][1] == pytest.approx(float(s.value.value))
    assert re.search(r"supuesto: si se acepta cada oferta del plan", res.stdout)
