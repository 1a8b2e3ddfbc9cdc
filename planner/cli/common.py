"""What every command shares, declared once: the command group, the two consoles (results on
stdout, errors and progress on stderr), the shared options, the exit codes and the one ladder
from exceptions to exit codes (DESIGN §5: 0 solved, 2 invalid input, 3 infeasible, 4 no
solution, 1 internal error)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from typer.core import TyperCommand

from models.settings import SOLVERS
from planner.cli import helptext
from planner.cli import option_checks as oc
from planner.cli.helptext import h
from planner.core.errors import ClusterError, InputError, Issue, show_value
from planner.core.plan import Status
from planner.core.privacy import install_log_filter, redact, redact_value
from planner.core.words import t
from planner.io.files import OutputError

DEFAULT_WORKBOOK = Path(__file__).resolve().parents[2] / "inputs" / "nacional_2024.xlsx"
EXIT_OK, EXIT_INTERNAL, EXIT_INVALID, EXIT_INFEASIBLE, EXIT_NO_SOLUTION = 0, 1, 2, 3, 4

help_in = helptext.help_in  # click's own words of a help page in the chosen language


class Group(oc.CliGroup):
    """The command group: planner usage errors (:class:`~planner.cli.option_checks.CliGroup`)
    and its help page in the chosen language."""

    def get_help(self, ctx) -> str:
        lang = helptext.page_lang()
        helptext.localise(self, lang)
        return help_in(super().get_help(ctx), lang)


class Command(TyperCommand):
    """A command whose help page is in the chosen language."""

    def get_help(self, ctx) -> str:
        lang = helptext.page_lang()
        helptext.localise(self, lang)
        return help_in(super().get_help(ctx), lang)


app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  cls=Group, help=h("clih_app"))


class GuardedConsole(Console):
    """A rich console whose text goes through the personal-data guard (planner/core/privacy.py)."""

    def print(self, *objects, **kwargs) -> None:
        super().print(*(redact(o) if isinstance(o, str) else o for o in objects), **kwargs)


def emit_json(payload: dict) -> None:
    """The one ``--json`` object on stdout, personal-looking values replaced."""
    print(json.dumps(redact_value(payload), ensure_ascii=False))


out = GuardedConsole(highlight=False, soft_wrap=True)  # results a planner reads or redirects
err = GuardedConsole(stderr=True, highlight=False, soft_wrap=True)  # errors and progress

# --- shared options, declared once --------------------------------------------------------------
Lang = Annotated[str, typer.Option("--lang", parser=oc.LANGUAGE, help=h("clih_lang"))]
AsJson = Annotated[bool, typer.Option("--json", help=h("clih_json"))]
Workbook = Annotated[Optional[Path], typer.Argument(help=h("clih_workbook"),
                                                    metavar=h("clih_arg_workbook"))]
Solver = Annotated[Optional[str], typer.Option(
    "--solver", help=h("clih_solver", solvers=" | ".join(SOLVERS)))]


@app.callback()
def group_lang(ctx: typer.Context, lang: Lang = "es") -> None:
    """``planner --lang en solve …``: the language given before the command is every
    command's default (click's ``default_map``); one given after the command wins."""
    ctx.default_map = {**(ctx.default_map or {}), **_lang_defaults(ctx.command, lang)}


def _lang_defaults(group, lang: str) -> dict:
    """``{command: {"lang": lang}}`` for every command of ``group``, nested for a subgroup
    (which has a ``--lang`` of its own: ``planner import --lang en clues``)."""
    return {name: {"lang": lang, **(_lang_defaults(cmd, lang)
                                    if getattr(cmd, "commands", None) else {})}
            for name, cmd in group.commands.items()}


def check_solver(solver: str | None, as_json: bool, lang: str) -> None:
    problem = oc.check_choice(solver, SOLVERS, "--solver", lang)
    if problem:
        fail_usage(problem, as_json)


def exit_code(status: Status) -> int:
    """Exit code of a solve outcome (DESIGN §5)."""
    return {Status.OPTIMAL: EXIT_OK, Status.FEASIBLE: EXIT_OK, Status.STABLE: EXIT_OK,
            Status.INFEASIBLE: EXIT_INFEASIBLE,
            Status.NO_SOLUTION: EXIT_NO_SOLUTION}[status]


# --- the one ladder from exceptions to exit codes -----------------------------------------------

@contextlib.contextmanager
def guarded(as_json: bool, lang: str, problems_are_results: bool = False) -> Iterator[None]:
    """Run a command's work: invalid input (or an output that cannot be written) → exit 2 with
    every problem listed; anything else → exit 1 with one message, never a traceback.

    ``problems_are_results``: the command's result *is* the list of problems (``validate``), so
    it goes to stdout; otherwise problems are errors and go to stderr.
    """
    try:
        yield
    except typer.Exit:
        raise
    except InputError as exc:
        report_invalid(exc, as_json, lang, problems_are_results)
        raise typer.Exit(EXIT_INVALID) from None
    except OutputError as exc:
        report_invalid(InputError([Issue(exc.code, params=exc.params)]), as_json, lang)
        raise typer.Exit(EXIT_INVALID) from None
    except Exception as exc:  # a solver crash, a cluster that cannot start, a bug
        report_error(exc, as_json, lang)
        raise typer.Exit(EXIT_INTERNAL) from None


def report_invalid(exc: InputError, as_json: bool, lang: str,
                   to_stdout: bool = False) -> None:
    if as_json:
        issues = [{"sheet": i.sheet, "row": i.row, "column": i.column,
                   "value": None if i.value is None else show_value(i.value),
                   "message": i.message(lang)}
                  | ({"parameter": i.params["param"]}  # the parameter the planner typed
                     if i.sheet == "parametros" and i.params.get("param") else {})
                  for i in exc.issues]
        emit_json({"status": "invalid_input", "issues": issues})
    else:
        (out if to_stdout else err).print(exc.summary(lang, limit=50), markup=False)


def report_error(exc: Exception, as_json: bool, lang: str) -> None:
    if isinstance(exc, ClusterError):  # a planner-worded failure of the Dask cluster
        msg = t(exc.code, lang, **exc.params)
    else:
        msg = t("cli_unexpected", lang, kind=type(exc).__name__, detail=exc)
    if as_json:
        emit_json({"status": "error", "message": msg})
    else:
        err.print(msg, markup=False)


def fail_usage(message: str, as_json: bool) -> None:
    if as_json:
        emit_json({"status": "invalid_input", "message": message})
    else:
        err.print(message, markup=False)
    raise typer.Exit(EXIT_INVALID)


def default_out(path: Path, what: str = "resultado") -> Path:
    """``resultados/<libro>_<what>_<fecha-hora>.xlsx``; OutputError when the folder cannot be
    made (a read-only or full working folder)."""
    from planner.io.files import output_error

    folder = Path("resultados")
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise output_error(exc, folder.absolute() / "x") from None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return folder / f"{path.stem}_{what}_{stamp}.xlsx"


def plural(n: int, key: str, lang: str) -> str:
    """``n`` and its word in singular or plural (``1 punto``, ``3 puntos``; never ``punto(s)``)."""
    return t(f"{key}_{'one' if n == 1 else 'many'}", lang, n=f"{n:,}")


# Every key of ``seconds_by_stage`` and the report line it adds to (a key missing here would be
# time the planner never sees: tests/test_no_silent_skips.py checks every key a run gives).
STAGE_GROUPS = {"read": "read", "validate": "read", "build": "solve", "relax": "solve",
                "start": "solve", "solve": "solve", "solve_rank": "solve", "extract": "solve",
                "expand": "solve", "explain": "solve", "pairs": "solve", "compare": "solve",
                "dive": "solve", "dive_lp": "solve",
                "indicators": "indicators", "candidate_report": "indicators",
                "simulate": "simulate", "write": "write"}


def stage_seconds(timings: dict[str, float], lang: str) -> str:
    """Seconds by stage, e.g. ``lectura 0.4 s · optimización 2.9 s · escritura del libro 17 s``."""
    groups = STAGE_GROUPS
    totals: dict[str, float] = {}
    for key, seconds in timings.items():
        group = groups.get(key)
        if group is not None:
            totals[group] = totals.get(group, 0.0) + seconds
    order = ("read", "solve", "indicators", "simulate", "write")
    return " · ".join(f"{t('cli_stage_' + g, lang)} {totals[g]:.1f} s" for g in order
                      if g in totals)


def run() -> None:
    """Run the command group (the commands registered themselves on :data:`app`)."""
    import sys

    install_log_filter()
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
