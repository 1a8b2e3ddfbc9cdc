"""``planner validate``: every problem of an input workbook, by sheet, row and column. The
report is the command's result, so it goes to stdout (``planner validate x > informe.txt``)."""

from __future__ import annotations

import typer

from planner.cli import common as c
from planner.cli.helptext import h
from planner.core.words import t
from planner.pipeline import load_scenario
from planner.validate import nurse_posts, real_shares, scenario_warnings


@c.app.command(cls=c.Command, help=h("clih_validate"))
def validate(
    workbook: c.Workbook = None,
    as_json: c.AsJson = False,
    lang: c.Lang = "es",
) -> None:
    """List every problem of an input workbook (its report is the result: stdout)."""
    path = workbook or c.DEFAULT_WORKBOOK
    with c.guarded(as_json, lang, problems_are_results=True):
        scenario, _ = load_scenario(path)
    warnings = [w.text(lang) for w in scenario_warnings(scenario)]
    shares = real_shares(scenario.units, lang)
    nurses = nurse_posts(scenario, lang)
    n_units, n_rows = len(scenario.units), len(scenario.staffing)
    if as_json:
        c.emit_json({"status": "valid", "units": n_units, "staffing_rows": n_rows,
                     "issues": [], "warnings": warnings, "real_units": shares["counts"],
                     **({"nurses": nurses["counts"]} if nurses["counts"] else {})})
    else:
        c.out.print(t("cli_valid", lang, units=c.plural(n_units, "cli_units", lang),
                      rows=c.plural(n_rows, "cli_rows", lang)), markup=False)
        for line in shares["lines"] + nurses["lines"]:
            c.out.print(line, markup=False)
        for line in warnings:
            c.out.print(f"  {t('cli_warning', lang)}: {line}", markup=False)
    raise typer.Exit(c.EXIT_OK)
