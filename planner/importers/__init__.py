"""Importers for the files planners already have (issue 27 item 6, issue 23 item 1).

``planner import clues`` turns the official DGIS CLUES catalogue into a planner workbook
(:mod:`planner.importers.clues`); ``planner import candidatos`` writes a per-unit candidates
export of the 2026 hiring pipeline into a workbook's ``oferta`` sheet
(:mod:`planner.importers.candidatos`). Both read a file as a person sees it
(:mod:`planner.importers.table`), keep every row they leave out with the reason
(:class:`Skipped`), refuse a file that is not what they expect (:class:`InputError`, exit 2) and
write their workbook whole or not at all (:func:`planner.io.files.atomic_write`).
"""
