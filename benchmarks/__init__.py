"""Benchmarks: the planner's pipeline against a hand-built highspy floor and a naive PuLP script.

``python -m benchmarks.run`` writes the tables of ``benchmarks/README.md``.
"""
