"""Stage report: writers that turn a finished result into workbooks, charts and JSON."""
