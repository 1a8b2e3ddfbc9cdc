"""CLI options of scenario parameters, read from their declaration in the schema (bounds, kind,
help): one ``Param`` in :data:`planner.core.schema.PARAMETERS` gives its option's parser and help,
so a bound changed there changes the option too."""

from __future__ import annotations

import typer

from planner.cli import option_checks as oc
from planner.cli.helptext import lazy
from planner.core.schema import CHOICES, PARAMETERS, Param, canonical_choice
from planner.core.words import t

_BY_NAME = {p.name: p for p in PARAMETERS}


def declaration(name: str) -> Param:
    return _BY_NAME[name]


class Choice:
    """A choice parameter's option (typer's ``parser=``): any spelling the workbook accepts."""

    def __init__(self, table: str) -> None:
        self.table = table

    def __call__(self, value: object) -> str | None:
        if value is None:
            return None
        canonical = canonical_choice(self.table, value)
        if canonical is None:
            raise oc.OptionValueError("opt_bad_choice", value,
                                      allowed=", ".join(CHOICES[self.table]))
        return canonical


def parser_of(decl: Param, maximum: float | None = None):
    """The option parser of a parameter: its kind and bounds from the schema (``maximum`` only
    where the schema has none, e.g. the budget's sanity cap)."""
    if decl.kind == "choice":
        return Choice(decl.choices or decl.name)
    hi = decl.maximum if decl.maximum is not None else maximum
    return oc.Number(decl.minimum, hi, integer=decl.kind == "int",
                     percent=decl.minimum == 0 and decl.maximum == 1)


def help_text(decl: Param, lang: str = "es", lead: str | None = None) -> str:
    """The option's help in ``lang``: the parameter's own description (``description`` or
    ``description_en``), its range and its workbook name; ``lead`` (a catalogue key) first."""
    text = (decl.description if lang == "es" else decl.description_en).rstrip()
    if decl.kind in ("int", "number") and (decl.minimum is not None or decl.maximum is not None):
        lo = "" if decl.minimum is None else oc._fmt(decl.minimum)
        hi = "" if decl.maximum is None else oc._fmt(decl.maximum)
        text += " " + (t("clih_range", lang, lo=lo, hi=hi) if hi else
                       t("clih_minimum", lang, lo=lo))
    if lead is not None:
        text = f"{t(lead, lang)} {text}"
    return f"{text} {t('clih_parameter', lang, name=decl.name)}"


def help_of(decl: Param, lead: str | None = None) -> str:
    """The option's help, drawn in the help page's language (planner/cli/helptext.py)."""
    return lazy(lambda lang: help_text(decl, lang, lead))


def param_option(name: str, *flags: str, maximum: float | None = None):
    """``typer.Option`` for parameter ``name`` of the schema."""
    decl = declaration(name)
    if decl.kind == "bool":
        return typer.Option(*flags, help=help_of(decl))
    return typer.Option(*flags, parser=parser_of(decl, maximum), help=help_of(decl))
