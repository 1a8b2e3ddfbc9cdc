"""``python -m planner``: the batch command line, the same commands as ``planner``.

It imports the command modules itself (not ``planner.cli.main``) so that the import chain stays
at nine modules (tests/test_architecture.py); tests/test_cli_modules.py checks that both entry
points list the same commands.
"""

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
from planner.cli.common import run

run()
