"""Issue 26 item 4: every numeric flag and parameter has both bounds, declared once in
planner/core/schema.py (PARAMETERS and LIMITS); a value past them is refused before anything
runs, exit 2, with a message that names the flag and the largest value allowed.

--simulate's maximum comes from memory: the simulation keeps, per draw, 4 metrics per state
and nationally for the plan and its reference and the gain: 2 × 4 × 33 + 33 = 297 values of 8
bytes; within 1 GiB, half of it left for the quantiles' sorted copy, that is
2^29 // (297 × 8) = 225,955 draws. Before issue 26 ``--simulate 1000000000`` grew past 4 GB.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tracemalloc
import typing

import pytest

from planner.core.schema import LIMITS, MAX_DRAWS, PARAMETERS


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "planner", *map(str, args)],
                          capture_output=True, text=True, timeout=300)


def test_the_largest_draw_count_is_derived_from_memory():
    assert MAX_DRAWS == (1 << 29) // (297 * 8) == 225_955
    assert LIMITS["--simulate"].maximum == MAX_DRAWS


@pytest.mark.parametrize("command, flag, value, largest", [
    ("solve", "--simulate", 1_000_000_000, "225,955"),
    ("solve", "--seed", 2**32, "4,294,967,295"),
    ("solve", "--budget", 2e12, "1,000,000,000,000"),
    ("solve", "--target", 51, "50"),
    ("solve", "--time-limit", 3601, "3,600"),
    ("solve", "--equity-floor", 2, "1"),
    ("sweep", "--steps", 1001, "1,000"),
    ("sweep", "--workers", 257, "256"),
    ("sweep", "--budget-to", 2e12, "1,000,000,000,000"),
    ("sweep", "--time-limit", 3601, "3,600"),
])
def test_a_value_past_its_bound_is_refused_naming_the_flag_and_the_largest(command, flag,
                                                                          value, largest):
    run = _cli(command, flag, value, "--json")
    assert run.returncode == 2, (run.stdout, run.stderr[-2000:])
    answer = json.loads(run.stdout)
    assert answer["status"] == "invalid_input"
    # 4294967296 has the shape of a phone number (ten digits, first 2-9): it is echoed grouped
    # rather than blanked by the personal-data guard; 1000000000 cannot be a phone (first digit 1)
    shown = "4,294,967,296" if value == 2**32 else value
    assert answer["message"] == (f"Valor no válido para {flag}: «{shown}». "
                                 f"El valor debe ser como máximo {largest}.")


def test_every_numeric_option_has_a_bounded_parser():
    """Structural: each int/float option of every command parses through option_checks.Number
    with a minimum and a maximum (no plain ``int`` option that takes any size)."""
    import planner.cli.main  # noqa: F401  (registers the commands)
    from planner.cli import common as c
    from planner.cli.option_checks import Number

    seen, unbounded = [], []
    for cmd in c.app.registered_commands:
        for name, hint in typing.get_type_hints(cmd.callback, include_extras=True).items():
            if typing.get_origin(hint) is not typing.Annotated:
                continue
            base, info, *_ = typing.get_args(hint)
            if {int, float} & {base, *typing.get_args(base)}:
                seen.append(name)
                parser = getattr(info, "parser", None)
                if not (isinstance(parser, Number) and parser.minimum is not None
                        and parser.maximum is not None):
                    unbounded.append(f"{cmd.callback.__name__} {name}")
    assert {"simulate", "seed", "steps", "workers", "budget", "time_limit"} <= set(seen)
    assert not unbounded


def test_every_numeric_parameter_has_both_bounds():
    loose = [p.name for p in PARAMETERS if p.kind in ("int", "number")
             and (p.minimum is None or p.maximum is None)]
    assert not loose


def test_a_workbook_weight_past_its_bound_names_the_parameter(tmp_path):
    from tests.builders import base_tables, make_workbook, set_param

    tables = base_tables()
    set_param(tables, "peso_primer_medico", 5000)
    path = make_workbook(tmp_path / "peso.xlsx", tables)
    run = _cli("validate", path, "--json")
    assert run.returncode == 2, run.stdout
    text = run.stdout
    assert "peso_primer_medico" in text and "1,000" in text, text


def test_a_sweep_of_too_many_points_is_refused(tmp_path):
    """11 grid rows × 1,000 budgets = 11,000 points > 10,000."""
    from tests.builders import base_tables, make_workbook

    path = make_workbook(tmp_path / "base.xlsx", base_tables())
    grid = tmp_path / "rejilla.csv"
    grid.write_text("meta_medicos_generales_por_centro\n" + "".join(f"{i}\n" for i in range(11)),
                    encoding="utf-8")
    out = tmp_path / "barrido.xlsx"
    run = _cli("sweep", path, "--grid", grid, "--budget-from", 0, "--budget-to", 1000,
               "--steps", 1000, "--out", out, "--json")
    assert run.returncode == 2, (run.stdout, run.stderr[-2000:])
    assert json.loads(run.stdout)["message"] == (
        "El barrido tiene 11,000 puntos (11 de --grid × 1,000 de --steps); el máximo es 10,000 "
        "(cada punto es una resolución, de un segundo o más). Divida la rejilla o reduzca "
        "--steps.")
    assert not out.exists()


def test_the_simulation_keeps_per_state_values_not_per_pair(tmp_path):
    """Bounded memory: 20,000 draws of a plan keep (draws × states) per metric, whatever the
    number of placement pairs; the peak stays within the uniforms' chunk plus what is kept
    (4 metrics × draws × states × 8 bytes, ×3 for the quantiles' copies)."""
    from planner.analysis import simulate as sim
    from planner.pipeline import load_scenario, solve
    from tests.builders import base_tables, make_workbook

    scenario = load_scenario(make_workbook(tmp_path / "b.xlsx", base_tables()))[0]
    placements = solve(scenario).plan.placements
    draws = 20_000
    tracemalloc.start()
    result = sim.simulate(scenario, placements, draws=draws, seed=1)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    states = len(result.states)
    assert result.state_filled.shape == (draws, states)
    assert result.national.loc[result.national["metric"] == "filled", "mean"].iloc[0] >= 0
    assert peak <= sim.CHUNK_CELLS * 8 * 3 + 3 * 4 * draws * (states + 1) * 8 + (8 << 20), peak
