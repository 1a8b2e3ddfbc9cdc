"""``python -m planner``: the batch command line, the same commands as ``planner``.

It imports the command modules itself (not ``planner.cli.main``) so that the import chain stays
at nine modules (tests/test_architecture.py); tests/test_cli_modules.py checks that both entry
points list the same commands.
"""

from planner.cli import access, audit, importers, serve, solve, sweep, template, validate  # noqa: F401  (each registers itself)
from planner.cli.common import run

run()
