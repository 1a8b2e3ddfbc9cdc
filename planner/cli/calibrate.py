"""``planner calibrate``: the specialists' acceptance curves fitted to the 2026 candidates per
hospital (issue 22), their held-out check and the plot; the same fit ``make data`` writes into
the national default's ``aceptacion`` sheet (:mod:`planner.data.calibration`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from planner.cli import common as c
from planner.cli.helptext import h
from planner.core.words import t
from planner.data import calibration
from planner.data.sources import FUENTES
from planner.io.files import atomic_write, check_output_path

DEFAULT_PLOT = Path(__file__).resolve().parents[2] / "docs" / "calibracion_aceptacion.png"


@c.app.command(cls=c.Command, help=h("clih_calibrate"))
def calibrate(
    candidatos: Annotated[Optional[Path], typer.Option(
        "--candidatos", help=h("clih_calibrate_candidatos"))] = None,
    fuentes: Annotated[Path, typer.Option(
        "--fuentes", help=h("clih_calibrate_fuentes"))] = FUENTES,
    plot: Annotated[Path, typer.Option(
        "--plot", help=h("clih_calibrate_plot"))] = DEFAULT_PLOT,
    out: Annotated[Optional[Path], typer.Option(
        "--out", help=h("clih_calibrate_out"))] = None,
    as_json: c.AsJson = False,
    lang: c.Lang = "es",
) -> None:
    """Fit the specialists' acceptance curves to the 2026 candidates per hospital."""
    with c.guarded(as_json, lang):
        inputs = [p for p in (candidatos,) if p is not None]
        for target in (plot, out):  # refused before any work: nothing is written
            if target is not None:
                check_output_path(target, protect=inputs)
        cal = calibration.calibrate_sources(fuentes, candidatos)
        png = calibration.plot_png(cal, lang)
        if out is not None:
            atomic_write(out, lambda tmp: calibration.write_book(cal, tmp, lang), protect=inputs)
        atomic_write(plot, lambda tmp: tmp.write_bytes(png), protect=inputs)
    tot = cal.table[cal.table["tipo"] == "total"].iloc[0]
    if as_json:
        c.emit_json(payload(cal, plot, out))
        raise typer.Exit(c.EXIT_OK)
    c.out.print(t("cli_calib_fit", lang, matched=cal.n_matched, hospitals=cal.n_hospitals,
                  alpha=f"{cal.alpha:.2f}"), markup=False)
    c.out.print(t("cli_calib_holdout", lang, n=int(tot["hospitales"]), seed=calibration.SEED,
                  nb=f"{tot['mae_nb']:.2f}", poisson=f"{tot['mae_poisson']:.2f}",
                  base=f"{tot['mae_base']:.2f}",
                  cover_nb=f"{100 * tot['cobertura_nb']:.0f}",
                  cover_poisson=f"{100 * tot['cobertura_poisson']:.0f}"), markup=False)
    for r in cal.table[cal.table["tipo"] != "total"].itertuples():
        c.out.print(t("cli_calib_type", lang, type=t(f"calib_type_{r.tipo}", lang),
                      n=r.hospitales, nb=f"{r.mae_nb:.2f}", poisson=f"{r.mae_poisson:.2f}",
                      base=f"{r.mae_base:.2f}"), markup=False)
    for g in calibration.schema.GRADES:
        c.out.print(t("cli_calib_curve", lang, grade=g,
                      p0=f"{cal.probability(g, 0):.2f}",
                      p1=f"{cal.probability(g, 10_979):.2f}"), markup=False)
    c.out.print(t("cli_calib_basis", lang, slope=f"{cal.slope_per_1000:.4f}"), markup=False)
    c.out.print(t("cli_calib_written", lang, path=plot), markup=False)
    if out is not None:
        c.out.print(t("cli_calib_written", lang, path=out), markup=False)
    raise typer.Exit(c.EXIT_OK)


def payload(cal: calibration.Calibration, plot: Path, out: Path | None) -> dict:
    """The ``--json`` object: the fit, the held-out table, the curves and what was written."""
    from planner.data import acceptance

    return {
        "status": "ok", "hospitals": cal.n_hospitals, "matched": cal.n_matched,
        "no_discharges": cal.n_no_discharges, "alpha": round(cal.alpha, 4),
        "holdout": [{k: (round(v, 4) if isinstance(v, float) else v) for k, v in r.items()}
                    for r in cal.table.to_dict("records")],
        "grade_log_odds": {g: {"coef": round(float(r.coef), 4),
                               "se": round(float(r.error_estandar), 4)}
                           for g, r in cal.grade_effect.iterrows()},
        "intercept": round(cal.intercept, 4), "slope_per_1000": round(cal.slope_per_1000, 4),
        "slope_basis": "supuesto",
        "curves": calibration.curves(cal, acceptance.POINTS_MXN).to_dict("records"),
        "plot": str(plot), "out": None if out is None else str(out),
    }
