"""Golden LP file of the tiny base workbook: a change to any constraint shows as a readable diff.

Regenerate after an intended change with ``UPDATE_GOLDEN=1 pytest tests/test_golden_lp.py`` and
review the diff of ``tests/golden/tiny.lp`` in the commit.
"""

from __future__ import annotations

import os
from pathlib import Path

from models.allocation import build_allocation
from planner.pipeline import load_scenario
from tests.builders import make_workbook

GOLDEN = Path(__file__).parent / "golden" / "tiny.lp"


def test_tiny_lp_matches_golden(tmp_path):
    scenario, _ = load_scenario(make_workbook(tmp_path / "tiny.xlsx",
                                              presupuesto_bono_mensual=30_000))
    model = build_allocation(scenario)
    out = tmp_path / "tiny.lp"
    model.prob.writeLP(str(out))
    text = out.read_text()
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(text)
    assert text == GOLDEN.read_text()
