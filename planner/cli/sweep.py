"""``planner sweep``: one plan per point (budgets or a grid), solved serially, on a local Dask
cluster or on an existing Dask scheduler, gathered in the sweep workbook."""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from planner import pipeline as run
from planner.cli import common as c
from planner.cli import option_checks as oc
from planner.cli.helptext import h
from planner.cli.params import declaration, help_of, parser_of
from planner.core.scenario import WhatIf
from planner.core.schema import BUDGET, MAX_SWEEP_POINTS
from planner.core.words import t
from planner.io import grid as grids
from planner.io.files import check_output_path
from planner.report import sweep_book as sw

_BUDGET = parser_of(declaration(BUDGET), maximum=oc.MAX_BUDGET)


@c.app.command(cls=c.Command, help=h("clih_sweep"))
def sweep(
    workbook: c.Workbook = None,
    budget_from: Annotated[Optional[float], typer.Option(
        "--budget-from", parser=_BUDGET,
        help=help_of(declaration(BUDGET), lead="clih_budget_from"))] = None,
    budget_to: Annotated[Optional[float], typer.Option(
        "--budget-to", parser=_BUDGET, help=h("clih_budget_to"))] = None,
    steps: Annotated[int, typer.Option(
        "--steps", parser=oc.STEPS,
        help=h("clih_steps"))] = 11,
    grid: Annotated[Optional[Path], typer.Option(
        "--grid", help=h("clih_grid", columns=", ".join(grids.SWEPT)))] = None,
    out: Annotated[Optional[Path], typer.Option(
        "--out", help=h("clih_sweep_out"))] = None,
    workers: Annotated[int, typer.Option(
        "--workers", parser=oc.WORKERS,
        help=h("clih_workers"))] = 2,
    serial: Annotated[bool, typer.Option("--serial", help=h("clih_serial"))] = False,
    scheduler: Annotated[Optional[str], typer.Option(
        "--scheduler", help=h("clih_scheduler"))] = None,
    solver: c.Solver = None,
    time_limit: Annotated[Optional[float], typer.Option(
        "--time-limit", parser=parser_of(declaration("limite_tiempo_s")),
        help=help_of(declaration("limite_tiempo_s"), lead="clih_time_per_point"))] = None,
    as_json: c.AsJson = False,
    lang: c.Lang = "es",
) -> None:
    """Solve one plan per point and gather them in the sweep workbook and its chart."""
    path = workbook or c.DEFAULT_WORKBOOK
    c.check_solver(solver, as_json, lang)
    if (budget_from is None) != (budget_to is None) or (budget_from is None and grid is None):
        c.fail_usage(t("sweep_no_points", lang), as_json)
    started = time.perf_counter()
    with c.guarded(as_json, lang):
        if out is None and not as_json:
            out = c.default_out(path, "barrido")
        protect = [p for p in (path, grid) if p is not None]
        if out is not None:
            check_output_path(out, protect=protect)
            check_output_path(sw.chart_path(out), protect=[*protect, out])  # never the book
        scenario, _ = run.load_scenario(path)
        points = grids.read_grid(grid, scenario) if grid is not None else [{}]
        n_budgets = steps if budget_from is not None else 1
        if len(points) * n_budgets > MAX_SWEEP_POINTS:  # bounds from planner/core/schema.py
            c.fail_usage(t("sweep_too_many_points", lang, points=f"{len(points) * n_budgets:,}",
                           grid=f"{len(points):,}", steps=f"{n_budgets:,}",
                           maximum=f"{MAX_SWEEP_POINTS:,}"), as_json)
        if budget_from is not None:
            if any(grids.BUDGET in p for p in points):
                c.fail_usage(t("grid_budget_twice", lang), as_json)
            budgets = grids.budget_points(budget_from, budget_to, steps)
            points = [{**p, grids.BUDGET: b} for p in points for b in budgets]
        base = WhatIf(time_limit=time_limit)
        settings = run.sweep_settings(scenario, solver, what_if=base)
        solve_started = time.perf_counter()
        with _sweep_progress(not as_json, lang, len(points)) as on_result:
            result = run.run_sweep(scenario, points, base, settings,
                                   workers=1 if serial else workers, scheduler=scheduler,
                                   on_result=on_result, lang=lang)
        solve_seconds = time.perf_counter() - solve_started
        write_started = time.perf_counter()
        written = (sw.write_sweep_workbook(result, scenario, out, lang, protect=protect,
                                           source=str(path)) if out is not None else (None, None))
        write_seconds = time.perf_counter() - write_started
    payload = sw.json_payload(result, time.perf_counter() - started, *written)
    payload["seconds_by_stage"] = {"solve": round(solve_seconds, 3),
                                   "write": round(write_seconds, 3)}
    if as_json:
        c.emit_json(payload)
    else:
        _print_sweep(result, payload, lang)
    raise typer.Exit({"optimal": c.EXIT_OK, "stable": c.EXIT_OK, "feasible": c.EXIT_OK,
                      "infeasible": c.EXIT_INFEASIBLE,
                      "no_solution": c.EXIT_NO_SOLUTION}.get(result.worst_status,
                                                             c.EXIT_INTERNAL))


class _sweep_progress:
    """A progress bar of the points solved, on stderr and only on an interactive terminal."""

    def __init__(self, enabled: bool, lang: str, total: int) -> None:
        self.enabled = enabled and c.err.is_terminal
        self.label = t("cli_sweep_progress", lang)
        self.total = total
        self.bar = None

    def __enter__(self):
        if self.enabled:
            import rich.progress as rp

            self.bar = rp.Progress(rp.SpinnerColumn(), rp.TextColumn(self.label),
                                   rp.BarColumn(), rp.MofNCompleteColumn(),
                                   rp.TimeElapsedColumn(), console=c.err, transient=True)
            self.bar.__enter__()
            self.task = self.bar.add_task(self.label, total=self.total)
        return self.update

    def update(self, done: int, total: int) -> None:
        if self.bar is not None:
            self.bar.update(self.task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


HEADS = ("point", "budget_month", "status", "objective", "centres_at_target",
         "centres_no_doctor", "spec_placed", "gp_placed", "bonus_month")
TEXT_COLUMNS = ("status",)  # left-aligned; every other column is a number, right-aligned


def sweep_cells(result, lang: str) -> tuple[list[str], list[list[str]]]:
    """The sweep table's headers and one row of whole cells per point."""
    from planner.report.sweep_book import STATUS_WORDS

    j = 0 if lang == "es" else 1
    rows = []
    for rec in result.table.to_dict("records"):
        cells = []
        for col in HEADS:
            v = rec.get(col)
            if col == "status":
                cells.append(STATUS_WORDS.get(v, (v, v))[j])
            elif v is None or (isinstance(v, float) and math.isnan(v)):
                cells.append("—")
            elif col in ("budget_month", "bonus_month"):
                cells.append(f"${v:,.0f}")
            elif col == "objective":
                cells.append(f"{v:,.2f}")
            else:
                cells.append(f"{v:,}")
        rows.append(cells)
    return [t(f"cli_sweep_col_{h}", lang) for h in HEADS], rows


def plain_table(heads: list[str], rows: list[list[str]]) -> list[str]:
    """A table as plain lines: a header line, then one line per row, every cell whole, columns
    two spaces apart (what a redirected or narrow output reads)."""
    widths = [max(len(x) for x in col) for col in zip(heads, *rows)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) if h in TEXT_COLUMNS else c.rjust(w)
                         for c, w, h in zip(cells, widths, HEADS)).rstrip()

    return [line(heads), *(line(r) for r in rows)]


def boxed_width(heads: list[str], rows: list[list[str]]) -> int:
    """Columns rich's boxed table needs to show every cell whole (one space of padding each
    side and one border between and around the columns)."""
    widths = [max(len(x) for x in col) for col in zip(heads, *rows)]
    return sum(widths) + 3 * len(widths) + 1


def _print_sweep(result, payload: dict, lang: str) -> None:
    """The sweep as a short table on stdout: rich's boxed table on a terminal wide enough for
    every cell, plain whole-cell lines otherwise (redirected, piped or narrow)."""
    heads, rows = sweep_cells(result, lang)
    if c.out.is_terminal and c.out.width >= boxed_width(heads, rows):
        from rich.table import Table

        table = Table()
        for col, head in zip(HEADS, heads):
            table.add_column(head, justify="left" if col in TEXT_COLUMNS else "right")
        for cells in rows:
            table.add_row(*cells)
        c.out.print(table)
    else:
        for text in plain_table(heads, rows):
            c.out.print(text, markup=False)
    mode = {"serial": t("cli_sweep_serial", lang),
            "local_cluster": t("cli_sweep_local", lang,
                               workers=c.plural(result.workers, "cli_processes", lang)),
            "scheduler": t("cli_sweep_cluster", lang,
                           workers=c.plural(result.workers, "cli_workers", lang))
            }.get(result.mode, result.mode)
    stages = payload["seconds_by_stage"]
    c.out.print(" · ".join([c.plural(len(result.table), "cli_points", lang), mode,
                            f"{t('cli_stage_solve', lang)} {stages['solve']:.1f} s",
                            f"{t('cli_stage_write', lang)} {stages['write']:.1f} s"]),
                markup=False)
    for rec in result.table.to_dict("records"):  # estable points: the rules not imposed
        if isinstance(rec.get("rule_shortfall"), str):
            c.out.print(f"{t('cli_warning', lang)}: " + t(
                "cli_sweep_unimposed", lang, point=rec["point"],
                shortfall=rec["rule_shortfall"]), markup=False)
    for key, word in (("output", "cli_sweep_workbook"), ("chart", "cli_sweep_chart")):
        if payload.get(key):
            c.out.print(t(word, lang, path=payload[key]), markup=False)
