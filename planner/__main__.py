"""``python -m planner``: the batch command line."""

from planner.cli import main

main()
