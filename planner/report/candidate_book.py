"""Result-workbook sheets of a registered-candidate assignment (issue 14): ``candidatos`` (folios
only, never personal data), ``plazas_candidatos`` (each post), ``plazas_sin_candidatos`` (by state
and specialty) and ``resumen_candidatos``. Column names and post states are the catalogue's
``candh_*`` / ``cand_status_*`` words; the result book titles the sheets with accents and spaces
(``result_book.SHEET_TITLES``)."""

from __future__ import annotations

import pandas as pd
from openpyxl import Workbook

from planner.analysis.candidates import (
    POST_STATUS,
    candidate_report,
    post_report,
    summary_lines,
)
from planner.core.words import t
from planner.io.xlsx import INT, write_notes, write_table

SHEETS = ("candidatos", "plazas_candidatos", "plazas_sin_candidatos", "resumen_candidatos")

_FORMATS = {"score": "#,##0.0", "rank": INT, "gap": INT, "applicants": INT, "placed": INT,
            "posts_without": INT, "vacancies_without": INT, "posts": INT, "vacancies": INT}


def _labelled(df: pd.DataFrame, lang: str, posts: bool = False
              ) -> tuple[pd.DataFrame, dict[str, str]]:
    """``df`` with its columns named in ``lang`` (candh_*), post states in words, formats. In a
    table of posts (``posts``) the state is the post's, not a candidate's registration state
    (issue 22 item 7)."""
    out = df.copy()
    if "status" in out.columns:
        words = {s: t(f"cand_status_{s}", lang) for s in POST_STATUS}
        out["status"] = out["status"].map(words)
    names = {c: t(f"candh_{c}", lang) for c in out.columns}  # planner headers (issue 15)
    if posts and "state_code" in names:
        names["state_code"] = t("candh_post_state_code", lang)
    formats = {names[c]: f for c, f in _FORMATS.items() if c in names}
    return out.rename(columns=names), formats


def write_candidate_sheets(wb: Workbook, scenario, cres, lang: str = "es") -> None:
    """The four candidate sheets for ``cres`` (a :class:`models.matching.CandidateResult`)."""
    for title, df in (("candidatos", candidate_report(scenario, cres.chosen.people)),
                      ("plazas_candidatos", post_report(scenario, cres.chosen.posts)),
                      ("plazas_sin_candidatos", cres.unwanted)):
        out, fmts = _labelled(df, lang, posts=title != "candidatos")
        write_table(wb, title, out, fmts)
    write_notes(wb, "resumen_candidatos", t("cand_book_head", lang),
                [(line,) for line in summary_lines(cres, lang, scenario.categories["kind"])], widths=(120,))
