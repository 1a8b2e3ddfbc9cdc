"""Command-line option values checked before anything runs, with Spanish messages (issue 16).

Every numeric option goes through :class:`Number` (typer's ``parser=``), which reads a value as a planner types it
(``--budget 1,000,000`` or ``$800,000``, via :mod:`planner.core.numbers`) and refuses non-finite,
out-of-range and ambiguous values (``inf``, ``1e400``, ``nan``, ``-5``, ``2,5``). Options that
set a workbook parameter get their parser from its declaration (:mod:`planner.cli.params`).

:class:`CliGroup` is the command group's class: it turns every usage error of click (a bad
value, an unknown option, a missing value) into one Spanish (or English) message on stderr, or
exactly one JSON object on stdout when ``--json`` is among the arguments, and exit code 2.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperGroup

try:  # typer 0.2x carries its own copy of click; its exceptions are the ones raised
    from typer._click import exceptions as _cx
except ImportError:  # pragma: no cover - a typer that uses the click package
    from click import exceptions as _cx

from planner.cli.helptext import lang_of, remember
from planner.core.numbers import parse_number
from planner.core.privacy import has_personal_data, redact
from planner.core.schema import LIMITS, PARAMETER_BY_FIELD
from planner.core.words import LANGS, t

# typer 0.29's click has no Abort: an absent name in an ``except`` clause is an AttributeError
# raised while another exception (rich's SystemExit on a closed pipe) is being matched
_ABORT = getattr(_cx, "Abort", ())

EXIT_INVALID = 2
MAX_BUDGET = PARAMETER_BY_FIELD["budget"].maximum  # bounds live in planner/core/schema.py
MAX_STEPS = int(LIMITS["--steps"].maximum)
MAX_WORKERS = int(LIMITS["--workers"].maximum)


class OptionValueError(_cx.BadParameter):
    """A refused option value; rendered in the caller's language by :class:`CliGroup` (click
    attaches the option it belongs to)."""

    def __init__(self, code: str, value: object, **params: object) -> None:
        super().__init__(t(code, **params))
        self.code = code
        self.value = value
        self.params = params


class Number:
    """A number option (typer's ``parser=``): planner-typed text, finite, within
    ``[minimum, maximum]``."""

    def __init__(self, minimum: float | None = None, maximum: float | None = None,
                 integer: bool = False, percent: bool = False) -> None:
        self.minimum, self.maximum = minimum, maximum
        self.integer, self.percent = integer, percent

    def __call__(self, value: Any) -> float | int | None:
        if value is None:
            return None
        x, why = parse_number(value, percent=self.percent)
        if x is None:
            raise OptionValueError(why or "not_number", value)
        if self.integer and not x.is_integer():
            raise OptionValueError("not_integer", value)
        if self.minimum is not None and x < self.minimum:
            raise OptionValueError("below_min", _grouped(value), minimum=_fmt(self.minimum))
        if self.maximum is not None and x > self.maximum:
            raise OptionValueError("above_max", _grouped(value), maximum=_fmt(self.maximum))
        return int(x) if self.integer else x


class Language:
    """``es`` or ``en`` (typer's ``parser=``)."""

    def __call__(self, value: Any) -> str:
        key = str(value).strip().lower()
        if key not in LANGS:
            raise OptionValueError("opt_bad_choice", value, allowed=", ".join(LANGS))
        return key


def _grouped(value: Any) -> Any:
    """The value as typed, except a plain run of digits that the personal-data guard would take
    for a phone number (planner.core.privacy): that one is echoed with thousands commas
    («4294967296» → «4,294,967,296»), as the planner writes numbers, rather than blanked."""
    text = str(value).strip()
    if re.fullmatch(r"[+-]?\d+", text) and has_personal_data(text):
        return f"{int(text):,}"
    return value


def _fmt(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,}"


# Options that set a scenario parameter are built from its schema declaration
# (planner/cli/params.py); these are the options of their own.
def limited(flag: str) -> Number:
    """The parser of an option of its own, with its bounds from :data:`planner.core.schema.LIMITS`."""
    limit = LIMITS[flag]
    return Number(limit.minimum, limit.maximum, integer=limit.kind == "int")


STEPS = limited("--steps")
WORKERS = limited("--workers")
PORT = limited("--port")
SIMULATE = limited("--simulate")
ROBUST = limited("--robust")
PHASES = limited("--fases")
CURVE_DRAWS = limited("--curve-draws")
SEED = limited("--seed")
LANGUAGE = Language()


def check_choice(value: str | None, allowed: Sequence[str], option: str,
                 lang: str = "es") -> str | None:
    """The message for a value not among ``allowed`` (None when fine or not given)."""
    if value is None or value in allowed:
        return None
    return t("usage_bad_value", lang, option=option, value=value,
             problem=t("opt_bad_choice", lang, allowed=", ".join(allowed)))


# --- usage errors -----------------------------------------------------------------------------

_arg_lang = lang_of  # the language asked for anywhere on the command line


def usage_message(exc: Exception, lang: str = "es") -> str:
    """A click usage error in planner words."""
    if isinstance(exc, OptionValueError):
        return t("usage_bad_value", lang, option=_hint(exc), value=exc.value,
                 problem=t(exc.code, lang, **exc.params))
    if isinstance(exc, _cx.NoSuchOption):
        return t("usage_no_such_option", lang, option=exc.option_name)
    if isinstance(exc, _cx.BadOptionUsage):
        return t("usage_needs_value", lang, option=exc.option_name)
    if isinstance(exc, _cx.MissingParameter):
        return t("usage_missing", lang, param=_hint(exc))
    if isinstance(exc, _cx.BadParameter):
        return t("usage_bad_value", lang, option=_hint(exc), value="",
                 problem=exc.format_message())
    text = exc.format_message()
    m = re.match(r"No such command '([^']+)'", text)
    if m:
        return t("usage_no_such_command", lang, command=m.group(1))
    m = re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.+)\)", text)
    if m:
        return t("usage_extra_args", lang, args=m.group(1))
    return t("usage_error", lang, detail=text)


def _hint(exc: Exception) -> str:
    param = getattr(exc, "param", None)
    if param is not None and getattr(param, "opts", None):
        return max(param.opts, key=len)
    hint = getattr(exc, "param_hint", None)
    return hint if isinstance(hint, str) else "?"


class CliGroup(TyperGroup):
    """The command group: usage errors in Spanish, one JSON object under ``--json``, exit 2."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             **extra: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        remember(argv)  # the help pages' language (planner/cli/helptext.py)
        try:
            code = super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
        except _cx.NoArgsIsHelpError as exc:
            exc.show()
            code = exc.exit_code
        except _cx.ClickException as exc:
            lang = _arg_lang(argv)
            message = redact(usage_message(exc, lang), lang)
            if "--json" in argv:
                print(json.dumps({"status": "invalid_input", "message": message},
                                 ensure_ascii=False))
            else:
                hint = t("usage_help", lang)
                typer.echo(f"{message}\n{hint}", err=True)
            code = EXIT_INVALID
        except _ABORT:
            typer.echo(t("usage_aborted", _arg_lang(argv)), err=True)
            code = 1
        code = code if isinstance(code, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code
