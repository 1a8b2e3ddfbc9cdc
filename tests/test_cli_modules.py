"""The command line as modules (issue 11) and as a planner meets it (issue 15).

- one module per command, each on the one command group; both entry points list the same
  commands; the exception → exit-code ladder is written once (``planner/cli/common.py``);
- options that set a scenario parameter take their bounds and help from the schema;
- click's own help words in Spanish; results on stdout, errors on stderr; seconds by stage;
  plurals without "(s)"; a warning for a budget of 0; ``parametros`` problems name the
  parameter.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.cli.main import COMMANDS, GROUPS, app
from planner.cli.params import declaration
from planner.core.errors import InputError, Issue
from planner.core.schema import PARAMETERS
from tests.builders import make_workbook

RUNNER = CliRunner()
CLI = Path(__file__).resolve().parents[1] / "planner" / "cli"


def test_one_module_per_command():
    names = sorted(m.__name__.rsplit(".", 1)[1] for m in COMMANDS)
    assert names == ["access", "audit", "calibrate", "next", "serve", "solve", "status", "sweep",
                     "template", "validate"]
    for module in COMMANDS:
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        commands = [f.name for f in tree.body if isinstance(f, ast.FunctionDef)
                    and any("command" in ast.unparse(d) for d in f.decorator_list)]
        assert commands == [module.__name__.rsplit(".", 1)[1]], module.__name__
    res = RUNNER.invoke(app, ["--help"])
    for name in names:
        assert f"  {name} " in res.stdout
    # a command group (``planner import clues | candidatos``): one module, its subcommands
    for name, module in GROUPS.items():
        assert f"  {name} " in res.stdout
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        subs = [f.name for f in tree.body if isinstance(f, ast.FunctionDef)
                and any("command" in ast.unparse(d) for d in f.decorator_list)]
        assert subs == ["clues", "candidatos"], module.__name__


def test_python_m_planner_lists_the_same_commands():
    proc = subprocess.run([sys.executable, "-m", "planner", "--help"], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    listed = {line.split()[0] for line in proc.stdout.split("Comandos:")[1].splitlines()
              if line.strip()}
    assert listed == {"access", "audit", "calibrate", "next", "serve", "solve", "status", "sweep",
                      "template",
                      "validate", "import"}


def test_exit_code_ladder_written_once():
    """Only common.py catches InputError / OutputError / Exception to choose an exit code."""
    where = {}
    for path in sorted(CLI.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        caught = {ast.unparse(h.type) for h in ast.walk(tree)
                  if isinstance(h, ast.ExceptHandler) and h.type is not None}
        hits = caught & {"InputError", "OutputError", "Exception"}
        if hits:
            where[path.name] = hits
    assert where == {"common.py": {"InputError", "OutputError", "Exception"}}


@pytest.mark.parametrize("command, option, name", [
    ("solve", "--budget", "presupuesto_bono_mensual"),
    ("solve", "--target", "meta_medicos_generales_por_centro"),
    ("solve", "--time-limit", "limite_tiempo_s"),
    ("solve", "--equity-floor", "cobertura_minima_entidad"),
    ("solve", "--one-doctor-per-centre", "minimo_un_medico_por_centro"),
    ("sweep", "--time-limit", "limite_tiempo_s"),
])
def test_parameter_options_read_the_schema(command, option, name):
    decl = declaration(name)
    res = RUNNER.invoke(app, [command, "--help"], terminal_width=1000)
    text = " ".join(res.stdout.split())
    assert f"(parámetro «{name}»)" in text
    assert " ".join(decl.description.split()) in text
    if decl.maximum is not None:
        assert f"–{decl.maximum:,.0f}" in text or f"–{decl.maximum:g}" in text


def test_parameter_bounds_follow_the_schema(monkeypatch):
    """A bound changed in the schema changes the option: the parser is built from it."""
    from dataclasses import replace

    from planner.cli.option_checks import OptionValueError
    from planner.cli.params import parser_of

    decl = declaration("meta_medicos_generales_por_centro")
    assert parser_of(decl)(50) == 50
    with pytest.raises(OptionValueError) as caught:
        parser_of(decl)(51)
    assert caught.value.code == "above_max" and caught.value.params == {"maximum": "50"}
    assert parser_of(replace(decl, maximum=5))(5) == 5
    with pytest.raises(OptionValueError):
        parser_of(replace(decl, maximum=5))(6)
    assert all(p.field for p in PARAMETERS)


def test_help_in_spanish_and_english():
    es = RUNNER.invoke(app, ["solve", "--help"]).stdout
    assert es.startswith("Uso: ") and "Opciones:" in es
    assert "Muestra esta ayuda y termina." in es and "Show this message" not in es
    # a default the help wraps after «[default:» (sweep's --workers) is in Spanish too
    sweep = subprocess.run([sys.executable, "-m", "planner", "sweep", "--help"],
                           capture_output=True, text=True, timeout=120,
                           env=dict(os.environ, COLUMNS="80")).stdout
    assert "[por omisión:" in sweep and "default" not in sweep
    en = subprocess.run([sys.executable, "-m", "planner", "template", "--lang", "en", "--help"],
                        capture_output=True, text=True, timeout=120).stdout
    assert en.startswith("Usage: ") and "Show this message and exit." in en


def test_results_stdout_stages_labelled(tmp_path):
    path = make_workbook(tmp_path / "caso.xlsx")
    out = tmp_path / "r.xlsx"
    res = RUNNER.invoke(app, ["solve", str(path), "--out", str(out)])
    assert res.exit_code == 0, res.output
    first = res.stdout.splitlines()[0]
    assert first.startswith("Estado: óptimo")
    for stage in ("lectura y validación", "optimización", "escritura"):
        assert f"{stage} " in first and " s" in first
    assert "Libro de resultados:" in res.stdout and res.stderr == ""
    res = RUNNER.invoke(app, ["solve", str(path), "--json", "--out", str(tmp_path / "j.xlsx")])
    stages = json.loads(res.stdout)["seconds_by_stage"]
    assert {"read", "validate", "indicators", "write"} <= set(stages)


def test_json_without_out_writes_nothing(tmp_path, monkeypatch):
    path = make_workbook(tmp_path / "caso.xlsx")
    work = tmp_path / "trabajo"
    work.mkdir()
    monkeypatch.chdir(work)
    res = RUNNER.invoke(app, ["solve", str(path), "--json"])
    assert res.exit_code == 0 and json.loads(res.stdout)["output"] is None
    assert list(work.iterdir()) == []
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "`--json` sin `--out` no escribe ningún libro" in readme


def test_plurals_without_parentheses():
    one = InputError([Issue("not_xlsx", params={"detail": "x"})])
    assert one.summary("es").startswith("El libro tiene 1 problema:")
    two = InputError([Issue("not_xlsx", params={"detail": "x"})] * 2)
    assert two.summary("en").startswith("The workbook has 2 problems:")
    from planner.cli.common import plural

    assert plural(1, "cli_points", "es") == "1 punto"
    assert plural(1_200, "cli_units", "es") == "1,200 unidades"


def test_budget_zero_warns_and_parameter_is_named(tmp_path):
    path = make_workbook(tmp_path / "cero.xlsx", presupuesto_bono_mensual=0)
    res = RUNNER.invoke(app, ["validate", str(path)])
    assert res.exit_code == 0
    assert ("Aviso: hoja «parametros», columna «valor», valor «0»: El presupuesto mensual de "
            "bonos (presupuesto_bono_mensual) es 0: ningún especialista irá a un hospital con "
            "bono") in " ".join(res.stdout.split())
    payload = json.loads(RUNNER.invoke(app, ["validate", str(path), "--json"]).stdout)
    assert len(payload["warnings"]) == 1
    # solve says it too, unless --budget gives one
    solved = json.loads(RUNNER.invoke(app, ["solve", str(path), "--json"]).stdout)
    assert solved["warnings"] == payload["warnings"]
    assert solved["placed"].get("Anestesiología", 0) == 0  # no specialist without a budget
    solved = json.loads(RUNNER.invoke(app, ["solve", str(path), "--json", "--budget",
                                            "30000"]).stdout)
    assert solved["warnings"] == []
    from openpyxl import load_workbook

    from planner.io.template import write_template

    book = load_workbook(write_template(tmp_path / "p.xlsx"), read_only=True)
    leeme = [r[0] for r in book["LEEME"].iter_rows(values_only=True) if r and r[0]]
    book.close()  # a read-only book holds its file open until closed (a ResourceWarning)
    assert any("presupuesto_bono_mensual (obligatorio" in str(line) for line in leeme)
    bad = make_workbook(tmp_path / "menos.xlsx", presupuesto_bono_mensual=-5)
    res = RUNNER.invoke(app, ["validate", str(bad)])
    assert res.exit_code == 2
    assert "parámetro «presupuesto_bono_mensual»" in res.stdout
