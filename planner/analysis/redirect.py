"""Redirect waiting candidates (issue 23): approved candidates at a unit whose posts of their
category are all filled are offered a free post elsewhere, as an assignment problem.

Waiting at a post (unit u, category k) = accepted − hired − posts still empty there, when
positive (``dato`` of ``avance``: those who accepted but have no post left at their unit).
Free posts = posts still empty after the call so far, each slot at most one offer; a candidate
gets at most one offer, of their own category, at a unit of their own state or, when
``max_km`` is given and both units have coordinates, within ``max_km`` kilometres (great-circle
distance). Offers maximise the weighted need of the posts offered (the model's weights,
:func:`models.allocation.placement_pairs`) by :func:`scipy.optimize.linear_sum_assignment`
per category and area. A redirected offer is accepted with probability
the ``parametros`` sheet's ``aceptacion_redireccion`` (default
:data:`REDIRECT_ACCEPTANCE`, ``supuesto``: lower than an offer at the unit one chose), so the
posts redirection fills — that the next call would otherwise have to buy — are
``offers × acceptance`` (``estimado``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

REDIRECT_ACCEPTANCE = 0.5  # supuesto: probability a redirected offer is accepted
EARTH_KM = 6371.0


@dataclass(frozen=True)
class Redirection:
    offers: pd.DataFrame  # candidate, category, from_clues, to_clues, weight
    waiting: int
    acceptance: float

    @property
    def expected_filled(self) -> float:
        return float(len(self.offers) * self.acceptance)


def _km(lat1, lon1, lat2, lon2) -> np.ndarray:
    p1, p2 = np.radians(lat1)[:, None], np.radians(lat2)[None, :]
    dl = np.radians(lon2)[None, :] - np.radians(lon1)[:, None]
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def assign(candidates: pd.DataFrame, slots: pd.DataFrame, max_km: float | None = None
           ) -> pd.DataFrame:
    """Offers maximising the total weight of the posts offered.

    ``candidates``: ``candidate, category, state_code, clues, lat, lon`` (one row a person);
    ``slots``: ``clues, category, state_code, lat, lon, weight`` (one row a free post). A pair
    is allowed for the same category and, without ``max_km``, the same state; with ``max_km``,
    within that distance where both have coordinates (else the same state).
    Returns ``candidate, category, from_clues, to_clues, weight``.
    """
    out = []
    by_cat = slots.groupby("category", sort=True)
    for cat, cands in candidates.groupby("category", sort=True):
        if cat not in by_cat.groups:
            continue
        posts = by_cat.get_group(cat)
        groups = [(cands, posts)] if max_km is not None else [
            (c, posts[posts["state_code"] == s]) for s, c in cands.groupby("state_code")]
        for c, p in groups:
            if c.empty or p.empty:
                continue
            allowed = (c["state_code"].to_numpy()[:, None] == p["state_code"].to_numpy()[None, :])
            if max_km is not None:
                lat1, lon1 = c["lat"].to_numpy(float), c["lon"].to_numpy(float)
                lat2, lon2 = p["lat"].to_numpy(float), p["lon"].to_numpy(float)
                has = np.isfinite(lat1)[:, None] & np.isfinite(lat2)[None, :] \
                    & np.isfinite(lon1)[:, None] & np.isfinite(lon2)[None, :]
                near = _km(np.nan_to_num(lat1), np.nan_to_num(lon1), np.nan_to_num(lat2),
                           np.nan_to_num(lon2)) <= max_km
                allowed = np.where(has, near, allowed)
            weight = p["weight"].to_numpy(float)
            if max_km is None:  # every candidate here may take every post: the best slots
                take = np.argsort(-weight, kind="stable")[:len(c)]
                rows, cols = np.arange(len(take)), take
            else:
                gain = np.where(allowed, weight[None, :], 0.0)
                rows, cols = linear_sum_assignment(gain, maximize=True)
                keep = allowed[rows, cols]
                rows, cols = rows[keep], cols[keep]
            out.append(pd.DataFrame({
                "candidate": c["candidate"].to_numpy()[rows], "category": cat,
                "from_clues": c["clues"].to_numpy()[rows], "to_clues": p["clues"].to_numpy()[cols],
                "weight": weight[cols]}))
    if not out:
        return pd.DataFrame(columns=["candidate", "category", "from_clues", "to_clues", "weight"])
    return pd.concat(out, ignore_index=True)


def redirect(scenario, acceptance: float | None = None,
             max_km: float | None = None) -> Redirection:
    """The redirection offers after the scenario's ``avance`` (see the module's docstring).
    ``acceptance`` and ``max_km`` default to the ``parametros`` sheet's
    ``aceptacion_redireccion`` and ``distancia_redireccion_km`` (0 = same state only)."""
    if acceptance is None:
        acceptance = float(scenario.params.redirect_acceptance)
    if max_km is None and scenario.params.redirect_km > 0:
        max_km = float(scenario.params.redirect_km)
    from models.allocation import placement_pairs
    from planner.analysis.phases import post_progress

    posts = post_progress(scenario)
    waiting = (posts["accepted"] - posts["hired"] - posts["empty"].clip(lower=0)).clip(lower=0)
    waiting = waiting[waiting > 0].astype(int)
    units = scenario.units
    weights = placement_pairs(scenario).set_index(["clues", "category"])["weight"]
    free = posts["empty"][posts["empty"] > 0].astype(int)
    if waiting.empty or free.empty:
        return Redirection(assign(pd.DataFrame(columns=["category"]),
                                  pd.DataFrame(columns=["category"])), int(waiting.sum()),
                           acceptance)

    def expand(counts: pd.Series) -> pd.DataFrame:
        idx = counts.index.repeat(counts.to_numpy())
        clues = idx.get_level_values("clues")
        return pd.DataFrame({"clues": np.asarray(clues),
                             "category": np.asarray(idx.get_level_values("category")),
                             "state_code": units["state_code"].reindex(clues).to_numpy(),
                             "lat": units["lat"].reindex(clues).to_numpy(float),
                             "lon": units["lon"].reindex(clues).to_numpy(float),
                             "_key": list(idx)})

    cands = expand(waiting)
    cands["candidate"] = np.arange(len(cands))
    slots = expand(free)
    slots["weight"] = weights.reindex(slots["_key"]).fillna(0.0).to_numpy()
    return Redirection(assign(cands, slots, max_km), int(waiting.sum()), acceptance)


def redirection_payload(r: Redirection) -> dict:
    """The redirection as plain numbers (``planner next --json``)."""
    return {"waiting": r.waiting, "offers": len(r.offers), "acceptance": r.acceptance,
            "expected_filled": round(r.expected_filled, 2),
            "by_category": {str(k): int(v) for k, v in
                            r.offers.groupby("category").size().items()} if len(r.offers) else {}}
