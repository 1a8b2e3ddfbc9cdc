"""The command line in one voice (issue 21, the CLI's defects).

- every help page (the group's, every command's, the import subcommands') is wholly in the
  language asked for, with ``--lang`` before or after the command, Spanish without it;
- ``planner --lang en solve …`` runs in English (it said «Unknown option: --lang»);
- the sweep's table is plain whole cells, one line per point, when stdout is not a terminal or the
  terminal is narrower than the boxed table; boxed on a wide terminal;
- the sweep's chart is ``<book stem>.png``;
- ``--json`` codes are English identifiers (``"solver": "matching"``), sentences in ``--lang``;
- ``solve`` says which rules were active (the app's words) and ``--json`` lists them;
- the result book without ``--simulate`` says it has no «simulación nacional» and how to get it.
"""

from __future__ import annotations

import ast
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from planner.cli import common as c
from planner.cli import sweep as sweep_cli
from planner.cli.main import app
from planner.core.words import MESSAGES
from planner.report.sweep_book import chart_path
from tests.builders import MG, make_workbook

RUNNER = CliRunner()
ROOT = Path(__file__).resolve().parents[1]

PAGES = (["solve"], ["sweep"], ["validate"], ["template"], ["next"], ["status"], ["serve"],
         ["access"], ["audit"], ["import"], ["import", "clues"], ["import", "candidatos"], [])
# Whole words that only one of the two languages uses in a help page; identifiers (workbook
# sheet and parameter names in «…», choice values like por_oferta) are data, not words.
SPANISH = {"de", "del", "el", "la", "los", "las", "un", "una", "por", "para", "con", "sin",
           "que", "libro", "Uso", "Opciones", "Comandos", "Argumentos", "Muestra",
           "omisión", "obligatorio", "ruta", "texto", "entero", "número", "parámetro", "Rango"}
ENGLISH = {"the", "of", "and", "to", "with", "without", "by", "default", "Usage", "Options",
           "Commands", "Arguments", "Show", "message", "required", "workbook", "path", "float",
           "int", "str", "parameter", "Range", "file"}
# Identifiers a help page quotes as they are typed (choice values, columns, folders, codes).
IDENTIFIERS = re.compile(r"«[^»]*»|--[\w-]+|\b[\w./:*-]*[_/:][\w./:*<>-]*|NOMBRE DE LA INSTITUCION|"
                         r"nacional \| estatal \| consulta|\bAprobado\b|\bplanner\b")


def words_of(page: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]+", IDENTIFIERS.sub(" ", page)))


def page(args: list[str]) -> str:
    res = RUNNER.invoke(app, args, terminal_width=100)
    assert res.exit_code == 0, res.output
    return res.stdout


@pytest.mark.parametrize("command", PAGES, ids=lambda p: " ".join(p) or "planner")
def test_every_help_page_in_one_language(command):
    """English with ``--lang en`` after the command, before it, or as ``--lang=en``; Spanish
    without it and with ``--lang es``: no word of the other language on the page."""
    english = [page([*command, "--help", "--lang", "en"]),
               page(["--lang", "en", *command, "--help"]),
               page(["--lang=en", *command, "--help"]), page([*command, "--help", "--lang", "EN"])]
    spanish = [page([*command, "--help"]), page(["--lang", "es", *command, "--help"])]
    # the position does not matter (but for --lang's own default, which a --lang before the
    # command sets for the command)
    same = {re.sub(r"(default|omisión): e[sn]]", "", p) for p in english}
    assert len(same) == 1 and len({re.sub(r"(default|omisión): e[sn]]", "", p)
                                   for p in spanish}) == 1
    for text in english:
        assert text.startswith("Usage: ") and "Show this message and exit." in text
        assert not words_of(text) & SPANISH, (command, sorted(words_of(text) & SPANISH))
    for text in spanish:
        assert text.startswith("Uso: ") and "Muestra esta ayuda y termina." in text
        assert not words_of(text) & ENGLISH, (command, sorted(words_of(text) & ENGLISH))


def test_the_issue_commands_in_english_from_the_console():
    """The two commands of the issue, as a planner types them (a real process, real argv)."""
    for args in (["solve", "--help", "--lang", "en"], ["--lang", "en", "solve", "--help"]):
        proc = subprocess.run([sys.executable, "-m", "planner", *args], capture_output=True,
                              text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        text = " ".join(proc.stdout.split())
        assert "Solve a scenario and write the result workbook." in text
        assert ("--budget <float> Monthly bonus budget, MXN (B). Range: 0–1,000,000,000,000. "
                "(parameter «presupuesto_bono_mensual»)") in text
        assert ("--time-limit <float> Solver time limit, seconds. Range: 1–3,600. (parameter "
                "«limite_tiempo_s»)") in text
        assert "Resuelve" not in text and "parámetro" not in text


def test_spanish_help_exact_words():
    text = " ".join(page(["sweep", "--help"]).split())
    assert text.startswith("Uso: root sweep [OPCIONES] [libro]")
    assert ("--budget-from <número> Primer presupuesto del barrido. Presupuesto mensual para "
            "bonos de especialistas, en MXN (B). Rango: 0–1,000,000,000,000. (parámetro "
            "«presupuesto_bono_mensual»)") in text
    assert "--time-limit <número> Límite de tiempo por punto." in text
    assert "[por omisión: 11]" in text


def test_every_help_key_exists():
    """Every ``h("key")`` of the command line is a catalogue key (tests/test_words.py checks
    ``t("key")`` calls; the help pages use ``h``)."""
    keys = set()
    for path in (ROOT / "planner" / "cli").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "h" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                keys.add(node.args[0].value)
    assert len(keys) > 50
    assert not sorted(k for k in keys if k not in MESSAGES)


# --- --lang before the command ------------------------------------------------------------------

def test_lang_before_the_command_runs_in_english(tmp_path):
    path = make_workbook(tmp_path / "caso.xlsx")
    res = RUNNER.invoke(app, ["--lang", "en", "solve", str(path), "--out",
                              str(tmp_path / "r.xlsx")])
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("Status: optimal  ·  solver exact (the project's own)  ·  reading")
    assert "Result workbook:" in res.stdout and res.stderr == ""
    # one given after the command wins
    res = RUNNER.invoke(app, ["--lang", "en", "solve", str(path), "--lang", "es", "--out",
                              str(tmp_path / "s.xlsx")])
    assert res.stdout.startswith("Estado: óptimo")
    res = RUNNER.invoke(app, ["--lang", "en", "validate", str(path)])
    assert res.exit_code == 0 and res.stdout.startswith("The workbook is valid: ")
    # a subgroup: before the group, between the group and its command, after the command
    missing = str(tmp_path / "no.csv")
    for args in (["--lang", "en", "import", "clues"], ["import", "--lang", "en", "clues"],
                 ["import", "clues", "--lang", "en"]):
        res = RUNNER.invoke(app, [*args, missing, "--out", str(tmp_path / "i.xlsx")])
        assert res.exit_code == 2
        assert res.output.splitlines()[1] == f"  - File «{missing}» was not found."


# --- the sweep's table -----------------------------------------------------------------------

SWEEP_ES = [
    "#  presupuesto  estado  objetivo  en meta  sin médico  especialistas  MG  bono/mes",
    "1           $0  óptimo     17.00        3           0              0   3        $0",
    "2      $20,000  óptimo     27.00        3           0              2   3   $20,000",
    "3      $40,000  óptimo     41.00        3           0              3   3   $32,937",
]


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    return make_workbook(tmp_path_factory.mktemp("voice") / "caso.xlsx",
                         presupuesto_bono_mensual=25_000)


def _sweep(book: Path, out: Path, *extra: str, columns: str = "60") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "planner", "sweep", str(book), "--budget-from",
                           "0", "--budget-to", "40000", "--steps", "3", "--serial", "--out",
                           str(out), *extra], capture_output=True, text=True, timeout=600,
                          env=dict(os.environ, COLUMNS=columns))


def test_sweep_table_plain_when_redirected(book, tmp_path):
    """stdout a pipe (and a 60-column COLUMNS): a header and one line per point, every cell
    whole ($20,000, not «$20,0…»), the status on its point's line. The figures are the
    library's sweep of this book (tests/test_sweep.py checks --json against run_sweep): at
    $0 only the 3 GPs place (objective 17); $20,000 buys 2 specialists, $40,000 a third
    for $32,937 of bonus."""
    out = tmp_path / "frontera.xlsx"
    proc = _sweep(book, out)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[:4] == SWEEP_ES
    assert "…" not in proc.stdout and "│" not in proc.stdout and "┃" not in proc.stdout
    assert lines[4].startswith("3 puntos · en serie · optimización ")
    assert lines[5:] == [f"Libro del barrido: {out}", f"Gráfica de la frontera: {out.with_suffix('.png')}"]


def test_sweep_table_boxed_on_a_wide_terminal_plain_on_a_narrow_one(book, monkeypatch):
    from planner import pipeline as run

    scenario, _ = run.load_scenario(book)
    result = run.run_sweep(scenario, [{"presupuesto_bono_mensual": b} for b in (0, 20_000, 40_000)],
                           workers=1)
    payload = {"seconds_by_stage": {"solve": 1.0, "write": 2.0}}
    heads, rows = sweep_cli.sweep_cells(result, "es")
    assert sweep_cli.boxed_width(heads, rows) == 94  # 66 of cells + 3 × 9 + 1 of borders

    def shown(width: int) -> str:
        buffer = io.StringIO()
        console = c.GuardedConsole(file=buffer, force_terminal=True, width=width,
                                   highlight=False, soft_wrap=True, color_system=None)
        monkeypatch.setattr(c, "out", console)
        sweep_cli._print_sweep(result, payload, "es")
        return buffer.getvalue()

    wide = shown(94)
    assert "┃" in wide and "$32,937" in wide and "…" not in wide
    narrow = shown(93)
    assert narrow.splitlines()[:4] == SWEEP_ES


# --- the chart's name -------------------------------------------------------------------------

def test_chart_is_named_after_the_book(book, tmp_path):
    assert chart_path("resultados/frontera.xlsx") == Path("resultados/frontera.png")
    assert chart_path(tmp_path / "barrido_20261207.xlsx") == tmp_path / "barrido_20261207.png"
    out = tmp_path / "frontera.xlsx"
    proc = _sweep(book, out, "--json")
    payload = json.loads(proc.stdout)
    assert payload["chart"] == str(tmp_path / "frontera.png")
    assert (tmp_path / "frontera.png").read_bytes().startswith(b"\x89PNG")
    assert not (tmp_path / "frontera_frontera.png").exists()


# --- JSON codes ------------------------------------------------------------------------------

def _candidates_book(tmp_path: Path) -> Path:
    """tests/test_matching.py's hand case: A (90) lists CS0002 then CS0001, B (80) CS0002."""
    from tests.test_matching import with_candidates

    return make_workbook(tmp_path / "cand.xlsx", with_candidates(
        [("A", MG, 7, ["CS0002", "CS0001"], 90), ("B", MG, 20, ["CS0002"], 80)]))


def test_json_codes_are_english_identifiers(tmp_path):
    """estable: deferred acceptance keeps A at CS0002 (coverage 2, test_matching's hand case);
    its JSON says ``"solver": "matching"`` and an English status; optimo's status names its two
    stages in English; the human report keeps the Spanish words."""
    path = _candidates_book(tmp_path)
    res = RUNNER.invoke(app, ["solve", str(path), "--json", "--modo-asignacion", "estable"])
    payload = json.loads(res.stdout)
    assert (payload["status"], payload["solver"], payload["solver_used"]) == \
        ("stable", "matching", "deferred")
    assert payload["solver_status"] == "candidate-optimal stable matching"
    assert payload["objective"] == pytest.approx(2)
    res = RUNNER.invoke(app, ["solve", str(path), "--json", "--modo-asignacion", "optimo"])
    payload = json.loads(res.stdout)
    assert payload["objective"] == pytest.approx(14)
    assert payload["solver_status"] == "Optimal (2 stages: integral LP, optimal face, integral LP)"
    for value in (payload["solver"], payload["solver_status"], payload["solver_used"]):
        assert not set(re.findall(r"[^\W\d_]+", value)) & SPANISH, value
    res = RUNNER.invoke(app, ["solve", str(path), "--modo-asignacion", "estable", "--out",
                              str(tmp_path / "r.xlsx")])
    assert "optimizador ninguno (aceptación diferida)" in res.stdout.splitlines()[0]


def test_json_sentences_follow_lang(tmp_path):
    from tests.test_acceptance import bonus_choice_book

    path = bonus_choice_book(tmp_path)
    payload = json.loads(RUNNER.invoke(app, ["solve", str(path), "--json", "--lang", "en"]).stdout)
    assert payload["acceptance"]["sentences"][0] == \
        "Posts expected to be filled: 1.8 of 3 offers; expected bonus $32,000 a month."


# --- the rules that were active ----------------------------------------------------------------

def test_active_rules_line_and_json(tmp_path):
    """``--equity-floor 0.8 --one-doctor-per-centre``: the report's second line names them in
    the app's words (rules_in_plan) and the result book's (rule_word_*); --json lists their
    codes. Without them the book switches none on."""
    path = make_workbook(tmp_path / "caso.xlsx")
    rules = ["--equity-floor", "0.8", "--one-doctor-per-centre"]
    res = RUNNER.invoke(app, ["solve", str(path), *rules, "--out", str(tmp_path / "a.xlsx")])
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines()[1] == ("Reglas activas en este plan: piso de equidad (80%), "
                                          "mínimo un médico general por centro.")
    res = RUNNER.invoke(app, ["--lang", "en", "solve", str(path), *rules, "--out",
                              str(tmp_path / "b.xlsx")])
    assert res.stdout.splitlines()[1] == ("Rules on in this plan: equity floor (80%), at least "
                                          "one general doctor per centre.")
    payload = json.loads(RUNNER.invoke(app, ["solve", str(path), *rules, "--json"]).stdout)
    assert payload["rules_active"] == ["equity_floor", "one_doctor_per_centre"]
    res = RUNNER.invoke(app, ["solve", str(path), "--out", str(tmp_path / "c.xlsx")])
    assert res.stdout.splitlines()[1] == "Reglas activas en este plan: ninguna."
    assert json.loads(RUNNER.invoke(app, ["solve", str(path), "--json"]).stdout)[
        "rules_active"] == []


# --- the result book's simulation --------------------------------------------------------------

def test_book_without_simulation_says_so(tmp_path):
    """The app simulates 1,000 draws with seed 0 (planner/ui/first_screen.py) and its book has
    «simulación nacional»; the CLI simulates only with --simulate, and says so."""
    from planner.ui.first_screen import DRAWS, SEED
    from tests.test_acceptance import bonus_choice_book

    assert (DRAWS, SEED) == (1000, 0)
    path = bonus_choice_book(tmp_path)
    out = tmp_path / "r.xlsx"
    res = RUNNER.invoke(app, ["solve", str(path), "--out", str(out)])
    assert ("El libro no trae la hoja «simulación nacional»: sin --simulate nada se simula; la "
            "app simula 1,000 veces con semilla 0. Para el mismo libro que la app: --simulate "
            "1000 --seed 0.") in res.stdout.splitlines()
    assert "simulación nacional" not in load_workbook(out, read_only=True).sheetnames
    out = tmp_path / "s.xlsx"
    res = RUNNER.invoke(app, ["solve", str(path), "--simulate", "50", "--out", str(out)])
    assert "El libro no trae" not in res.stdout
    assert "simulación nacional" in load_workbook(out, read_only=True).sheetnames
