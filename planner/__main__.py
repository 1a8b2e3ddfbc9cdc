"""``python -m planner``: the batch command line."""

from planner.cli.main import main

main()
