"""Face: the command-line interface (`planner` and `python -m planner`)."""
