"""CLI options of scenario parameters, read from their declaration in the schema (bounds, kind,
help): one ``Param`` in :data:`planner.core.schema.PARAMETERS` gives its option's parser and help,
so a bound changed there changes the option too."""

from __future__ import annotations

import typer

from planner.cli import option_checks as oc
from planner.core.schema import CHOICES, PARAMETERS, Param, canonical_choice

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


def help_of(decl: Param, extra: str = "") -> str:
    """The option's help: the parameter's own description, its workbook name, its range."""
    text = decl.description.rstrip()
    if decl.kind in ("int", "number") and (decl.minimum is not None or decl.maximum is not None):
        lo = "" if decl.minimum is None else oc._fmt(decl.minimum)
        hi = "" if decl.maximum is None else oc._fmt(decl.maximum)
        text += f" Rango: {lo}–{hi}." if hi else f" Mínimo: {lo}."
    return f"{text}{extra} (parámetro «{decl.name}»)"


def param_option(name: str, *flags: str, maximum: float | None = None, extra: str = ""):
    """``typer.Option`` for parameter ``name`` of the schema."""
    decl = declaration(name)
    if decl.kind == "bool":
        return typer.Option(*flags, help=help_of(decl, extra))
    return typer.Option(*flags, parser=parser_of(decl, maximum), help=help_of(decl, extra))
