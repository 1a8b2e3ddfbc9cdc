"""Command-line option values (issue 16): every bad value is refused before any work, with a
Spanish message, exit 2, and exactly one JSON object on stdout under ``--json``; click's own
usage errors too."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from planner.cli.main import app
from tests.builders import make_workbook

RUNNER = CliRunner()


def one_json(stdout: str) -> dict:
    lines = [line for line in stdout.splitlines() if line.strip()]
    assert len(lines) == 1, stdout
    return json.loads(lines[0])


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    return make_workbook(tmp_path_factory.mktemp("opciones") / "caso.xlsx")


REFUSED = [
    (["solve", "--budget", "inf"],
     "Valor no válido para --budget: «inf». El número no es finito o es demasiado grande."),
    (["solve", "--budget", "1e400"],
     "Valor no válido para --budget: «1e400». El número no es finito o es demasiado grande."),
    (["solve", "--budget", "nan"],
     "Valor no válido para --budget: «nan». El número no es finito o es demasiado grande."),
    (["solve", "--budget", "-5"], "Valor no válido para --budget: «-5». El valor debe ser al "
                                  "menos 0."),
    (["solve", "--budget", "2e12"], "Valor no válido para --budget: «2e12». El valor debe ser "
                                    "como máximo 1,000,000,000,000."),
    (["solve", "--budget", "15.000,00"],
     "Valor no válido para --budget: «15.000,00». El número parece escrito con separadores "
     "europeos (punto o espacio para miles y coma decimal); escríbalo con punto decimal y sin "
     "separadores, por ejemplo 15000.00."),
    (["solve", "--time-limit", "0.2"], "Valor no válido para --time-limit: «0.2». El valor debe "
                                       "ser al menos 1."),
    (["solve", "--time-limit", "7200"], "Valor no válido para --time-limit: «7200». El valor "
                                        "debe ser como máximo 3,600."),
    (["solve", "--target", "1.5"], "Valor no válido para --target: «1.5». Se esperaba un número "
                                   "entero."),
    (["solve", "--target", "51"], "Valor no válido para --target: «51». El valor debe ser como "
                                  "máximo 50."),
    (["solve", "--equity-floor", "1.5"], "Valor no válido para --equity-floor: «1.5». El valor "
                                         "debe ser como máximo 1."),
    (["solve", "--equity-floor", "dos"], "Valor no válido para --equity-floor: «dos». Se "
                                         "esperaba un número."),
    (["solve", "--solver", "gurobi"], "Valor no válido para --solver: «gurobi». Se esperaba uno "
                                      "de: exact, highs, cbc."),
    (["solve", "--lang", "fr"], "Valor no válido para --lang: «fr». Se esperaba uno de: es, en."),
    (["sweep", "--steps", "0"], "Valor no válido para --steps: «0». El valor debe ser al menos "
                                "1."),
    (["sweep", "--workers", "-1"], "Valor no válido para --workers: «-1». El valor debe ser al "
                                   "menos 1."),
    (["sweep", "--budget-to", "inf"], "Valor no válido para --budget-to: «inf». El número no es "
                                      "finito o es demasiado grande."),
    (["solve", "--presupuesto", "5"], "Opción desconocida: --presupuesto."),
    (["solve", "--budget"], "La opción --budget necesita un valor."),
    (["resolver"], "No existe el comando «resolver» (comandos: solve, validate, template, "
                   "sweep)."),
    (["solve", "a.xlsx", "b.xlsx"], "Sobran argumentos: b.xlsx."),
]


@pytest.mark.parametrize("args,message", REFUSED, ids=[" ".join(a) for a, _ in REFUSED])
def test_bad_option_plain(args, message):
    res = RUNNER.invoke(app, args)
    assert res.exit_code == 2
    assert res.stdout == ""
    assert res.stderr.splitlines()[0] == message
    assert "Traceback" not in res.stderr and "Usage:" not in res.stderr


@pytest.mark.parametrize("args,message", REFUSED, ids=[" ".join(a) for a, _ in REFUSED])
def test_bad_option_json(args, message):
    """``--json`` anywhere on the line (before a missing value it is itself the value)."""
    argv = args[:1] + ["--json"] + args[1:]
    res = RUNNER.invoke(app, argv)
    assert res.exit_code == 2
    assert one_json(res.stdout) == {"status": "invalid_input", "message": message}
    assert "Traceback" not in res.stderr and "Usage:" not in res.stderr


def test_english_messages():
    res = RUNNER.invoke(app, ["solve", "--time-limit", "0.2", "--lang", "en"])
    assert res.exit_code == 2
    assert res.stderr == ("Invalid value for --time-limit: «0.2». The value must be at least 1."
                          "\nSee the options with --help.\n")


def test_planner_typed_budget_is_read_exactly(case):
    """``--budget '$5,000'`` is 5000 pesos: the bonus budget shown is exactly that."""
    res = RUNNER.invoke(app, ["solve", str(case), "--budget", "$5,000", "--json"])
    assert res.exit_code == 0, res.output
    payload = one_json(res.stdout)
    assert payload["indicators"]["budget_month"] == 5000


def test_help_still_works():
    res = RUNNER.invoke(app, ["solve", "--help"])
    assert res.exit_code == 0 and "--budget" in res.stdout
