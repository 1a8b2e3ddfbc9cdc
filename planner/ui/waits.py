"""Waits said in words (issue 15): one way to say how long something takes, for every page."""

from __future__ import annotations

import math

from planner.core.words import t


def duration_words(seconds: float, lang: str = "es") -> str:
    """A wait as a planner says it: «menos de un segundo», «unos 3 segundos», «unos 25
    segundos», «alrededor de un minuto», «unos 4 minutos»."""
    s = max(0.0, float(seconds))
    if s < 1.0:
        return t("wait_under_a_second", lang)
    if s < 10.0:
        return t("wait_seconds", lang, n=max(2, math.ceil(s)))
    if s < 45.0:
        return t("wait_seconds", lang, n=int(5 * math.ceil(s / 5)))
    if s < 90.0:
        return t("wait_a_minute", lang)
    return t("wait_minutes", lang, n=round(s / 60))
