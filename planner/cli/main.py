"""The batch command line: ``planner solve | validate | template | sweep | import`` (DESIGN §5).

One module per command (``planner/cli/{solve,validate,template,sweep}.py``), each registering
itself on the one command group of :mod:`planner.cli.common`, which also holds the shared
options and the one ladder from exceptions to exit codes: 0 solved, 2 invalid input,
3 infeasible, 4 no solution (time limit or solver failure), 1 internal error. Options that set a
scenario parameter read their bounds and help from the schema (:mod:`planner.cli.params`).
"""

from __future__ import annotations

from planner.cli import (  # noqa: A004,F401  (each registers itself)
    access,
    audit,
    calibrate,
    importers,
    next,
    serve,
    solve,
    status,
    sweep,
    template,
    validate,
)
from planner.cli.common import EXIT_INTERNAL, EXIT_INVALID, EXIT_OK, app, exit_code, run
from planner.cli.solve import json_payload

COMMANDS = (solve, validate, template, sweep, serve, access, audit, status, next, calibrate)
GROUPS = {"import": importers}  # a command group: ``planner import clues | candidatos``
__all__ = ["app", "main", "json_payload", "exit_code", "EXIT_OK", "EXIT_INVALID",
           "EXIT_INTERNAL", "COMMANDS", "GROUPS"]


def main() -> None:
    """Console-script entry point (``planner``)."""
    run()
