"""The marginal-values tab in planner words (issue 15), shaped without Streamlit.

It reads :func:`planner.analysis.marginals.marginal_values` (English columns, raw numbers) and
says, per resource, what is confirmed first (the whole plan re-solved with one more candidate or
one more million), then the quick estimate, and plainly when that estimate does not hold. No
"dual", no "relajación lineal", no "primeros 0 candidatos": a rate that does not hold for a whole
step is said to hold only for part of it (or not for one whole candidate).
"""

from __future__ import annotations

import math

import pandas as pd

from planner.analysis import marginals
from planner.core import fmt
from planner.core.words import t

# table shown: internal column -> catalogue key of its planner header
TABLE_COLUMNS = {"resource": "mvp_col_resource", "available": "mvp_col_available",
                 "used": "mvp_col_used", "lp_value": "mvp_col_estimate",
                 "integer_gain": "mvp_col_confirmed", "check": "mvp_col_check"}
CHECKED = ("confirmed", "differs", "uncertain")


def _subject(row: dict, lang: str) -> str:
    return marginals._subject(row, lang)  # noqa: SLF001 (the catalogue's nouns per category)


def _amount(row: dict, value: float) -> str:
    if row["kind"] == "budget":
        return fmt.mxn(value)
    return fmt.integer(value) if float(value).is_integer() else fmt.decimal(value, 2)


def _points(x: float) -> str:
    return fmt.decimal(x, 1) if abs(x) >= 0.05 or x == 0 else f"{x:.2g}"


def sentence(row: dict, lang: str = "es") -> str:
    """One plain sentence for one resource (a row of ``marginal_values``)."""
    subject = _subject(row, lang)
    gain, check, est = row["integer_gain"], row["check"], row["lp_value"]
    has_gain = gain is not None and not (isinstance(gain, float) and math.isnan(gain))
    if check in CHECKED and has_gain:
        text = t("mvp_confirmed", lang, subject=subject, gain=_points(gain))
        if check == "uncertain":
            text += " " + t("mvp_uncertain", lang)
        if check in ("differs", "uncertain") and row["dual"] > 0:
            text += " " + t("mvp_estimate_off", lang, estimate=_points(est))
        return text
    if row["dual"] == 0.0:
        if check == "proven_zero":
            return t("mvp_zero_proven", lang, subject=subject)
        if row.get("slack", 0) and row["slack"] > 0:
            return t("mvp_zero_slack", lang, subject=subject,
                     slack=_amount(row, row["slack"]), available=_amount(row, row["available"]))
        return t("mvp_zero", lang, subject=subject)
    if check == "failed":
        return t("mvp_failed", lang, subject=subject, estimate=_points(est))
    text = t("mvp_estimate", lang, subject=subject, estimate=_points(est))
    if row["rate_holds"] is False:
        room = row["valid_up"] - row["available"]
        step = 1.0 if row["kind"] == "supply" else marginals.MILLION
        if row["kind"] == "supply" and room < 1.0 - 1e-9:
            text += " " + t("mvp_not_one_candidate", lang)
        elif room <= 1e-9:
            text += " " + t("mvp_not_at_all", lang)
        else:
            text += " " + t("mvp_holds_part", lang, part=_amount(row, room),
                            step=_amount(row, step))
    elif row["rate_holds"] is None:
        text += " " + t("mvp_holds_unknown", lang)
    return text + " " + t("mvp_press_confirm", lang)


def _records(values: pd.DataFrame) -> list[dict]:
    """Rows of ``marginal_values`` with ``kind`` (its ``step`` column: supply or budget) and the
    ``slack`` the plan leaves."""
    rows = values.to_dict("records")
    for r in rows:
        r.setdefault("kind", r["step"])
        r.setdefault("slack", float(r["available"]) - float(r["used"])
                     if not pd.isna(r["used"]) else 0.0)
    return rows


def lines(values: pd.DataFrame, lang: str = "es") -> list[str]:
    """The sentences, confirmed values first, then estimates, then resources worth nothing more."""
    rows = _records(values)

    def order(r: dict) -> tuple:
        has_gain = r["check"] in CHECKED and not pd.isna(r["integer_gain"])
        worth = r["integer_gain"] if has_gain else r["lp_value"]
        return (0 if has_gain else 1 if r["dual"] > 0 else 2, -float(worth or 0))

    return [sentence(r, lang) for r in sorted(rows, key=order)]


def table(values: pd.DataFrame, lang: str = "es") -> pd.DataFrame:
    """Resource, available, used, quick estimate, confirmed gain and check, planner headers;
    numbers as text formatted for reading (pesos with $ and commas, counts with commas)."""
    out = pd.DataFrame()
    out["resource"] = values["resource"]
    recs = _records(values)
    out["available"] = [_amount(r, r["available"]) for r in recs]
    out["used"] = ["" if pd.isna(r["used"]) else _amount(r, r["used"]) for r in recs]
    out["lp_value"] = [_points(r["lp_value"]) for r in recs]
    out["integer_gain"] = ["" if pd.isna(r["integer_gain"]) else _points(r["integer_gain"])
                           for r in recs]
    out["check"] = [t(f"mvp_check_{r['check']}", lang) for r in recs]
    return out.rename(columns={c: t(k, lang) for c, k in TABLE_COLUMNS.items()})
