"""Importers for the files planners already have: ``planner import clues | candidatos``."""
