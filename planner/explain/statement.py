"""A figure a planner reads, typed once (issue 21): its value and unit, what it counts (its
denominator), its basis (``dato`` with its source, ``estimado`` with its interval, ``supuesto``
with the assumption named), which way is better, and its baseline in a what-if.

A statement holds numbers, never text: the faces (:mod:`planner.explain.render`) turn it into a
card, a report line, a workbook row or a JSON field, so the app, the CLI and the result book
cannot disagree on a figure or on how it is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Basis = Literal["dato", "estimado", "supuesto"]
Better = Literal["up", "down", "none"]
BASES: tuple[str, ...] = ("dato", "estimado", "supuesto")
BETTER: tuple[str, ...] = ("up", "down", "none")

# how a unit is written: "count" whole, "posts" whole from 10 up (one decimal below: an
# expectation of 1.8 posts), "need" one decimal, "mxn" whole pesos, "share" and "prob" percents
UNITS: tuple[str, ...] = ("count", "posts", "need", "mxn", "share", "prob")


@dataclass(frozen=True)
class Number:
    """A value with its unit; ``signed`` for a difference (written with its sign)."""

    value: float
    unit: str
    signed: bool = False

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unknown unit {self.unit!r}")


@dataclass(frozen=True)
class Words:
    """A catalogue key with its fields (numbers stay :class:`Number` until a face writes them)."""

    key: str
    fields: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Interval:
    """A P10–P90 interval and what it spans (``Words``: draws of acceptance, curve sets…)."""

    lo: Number
    hi: Number
    over: Words


@dataclass(frozen=True)
class Statement:
    """One figure of a plan, as every face shows it.

    ``key`` is the stable English code (the JSON field); ``label`` the catalogue key of its
    name. ``of`` is the denominator the value counts against (``of_what`` names it, a plural
    catalogue entry such as ``n_offers``); every face writes the two together. ``basis`` says
    how it is known and ``basis_note`` from what (the source, the fit, the assumption);
    an ``estimado`` carries its ``interval`` when the run simulated one. ``against`` names what
    a comparison compares with (its value is a signed difference and ``better`` says which way
    is good). ``baseline`` is the same figure in the baseline plan of a what-if (None: no
    comparison, or one that would mislead).
    """

    key: str
    part: str
    label: str
    value: Number
    basis: Basis
    basis_note: Words
    better: Better = "none"
    of: Number | None = None
    of_what: str | None = None
    interval: Interval | None = None
    against: Words | None = None
    context: Words | None = None
    help: Words | None = None
    baseline: float | None = None

    def __post_init__(self) -> None:
        if self.basis not in BASES:
            raise ValueError(f"unknown basis {self.basis!r}")
        if self.better not in BETTER:
            raise ValueError(f"unknown direction {self.better!r}")
        if (self.of is None) != (self.of_what is None):
            raise ValueError(f"{self.key}: a denominator needs its name and a name its value")
        if self.against is not None and (not self.value.signed or self.better == "none"):
            raise ValueError(f"{self.key}: a comparison is a signed difference with a direction")

    @property
    def delta(self) -> float | None:
        return None if self.baseline is None else float(self.value.value) - float(self.baseline)


@dataclass(frozen=True)
class Section:
    """The statements of one part of the summary, in the order a planner reads them."""

    part: str
    statements: tuple[Statement, ...]
