"""Numbers as Mexicans write them: comma thousands, point decimals, pesos as ``$44,025,790 MXN``.

es-MX and en-US share these separators, so one set of functions serves both languages. Python's
format mini-language does the grouping; no locale or extra dependency is needed.
"""

from __future__ import annotations

import math

DASH = "—"


def _missing(x: object) -> bool:
    if x is None:
        return True
    try:
        return math.isnan(float(x))
    except (TypeError, ValueError):
        return True


def integer(x: float | None) -> str:
    """``12345.4`` → ``'12,345'``; missing → ``'—'``."""
    return DASH if _missing(x) else f"{round(float(x)):,}"


def decimal(x: float | None, digits: int = 1) -> str:
    """``1234.56`` → ``'1,234.6'`` with ``digits`` decimals."""
    return DASH if _missing(x) else f"{float(x):,.{digits}f}"


def mxn(x: float | None, suffix: bool = True) -> str:
    """``44025790`` → ``'$44,025,790 MXN'`` (whole pesos); negative → ``'-$1,000 MXN'``."""
    if _missing(x):
        return DASH
    value = round(float(x))
    sign = "-" if value < 0 else ""
    return f"{sign}${abs(value):,}" + (" MXN" if suffix else "")


def millions(x: float | None, digits: int = 1) -> str:
    """Millions, number part only: ``44025790`` → ``'44.0'``."""
    return DASH if _missing(x) else f"{float(x) / 1e6:,.{digits}f}"


def percent(x: float | None, digits: int = 1) -> str:
    """A share: ``0.9073`` → ``'90.7%'``."""
    return DASH if _missing(x) else f"{100 * float(x):,.{digits}f}%"


def signed(x: float | None, kind: str = "int") -> str:
    """A difference with its sign, for metric deltas: ``'+1,234'``, ``'-$5,000 MXN'``, ``'+2.5%'``.

    ``kind`` is ``int``, ``dec``, ``mxn`` or ``pct`` (percentage points for shares). A difference
    that rounds to nothing is ``'0'``.
    """
    if _missing(x):
        return DASH
    value = float(x)
    digits = {"dec": 1, "pct": 3}.get(kind, 0)
    if round(value, digits) == 0:
        return "0"  # Streamlit shows the string "0" as a grey, arrowless delta
    if kind == "mxn":
        body = mxn(value)
        return body if body.startswith("-") else "+" + body
    if kind == "pct":
        text = f"{100 * value:+,.1f} pp"
    elif kind == "dec":
        text = f"{value:+,.1f}"
    else:
        text = f"{round(value):+,}"
    return text


def value(x: float | None, kind: str = "int") -> str:
    """Format ``x`` by ``kind`` (``int``, ``dec``, ``mxn``, ``pct``)."""
    return {"int": integer, "dec": decimal, "mxn": mxn, "pct": percent}[kind](x)


def compact(x: float | None, kind: str = "int") -> str:
    """Like :func:`value`, with pesos as ``$44,025,790`` (no suffix) to fit a metric card."""
    return mxn(x, suffix=False) if kind == "mxn" else value(x, kind)
