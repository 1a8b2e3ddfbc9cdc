"""Tab "Bitácora" (audit trail): who opened, imported, solved and exported what and when; shown
to ``nacional`` accounts of a server with sign-in (issue 25). Read only: nothing here changes a
record (the table is append-only, planner/store/access.py)."""

from __future__ import annotations

import streamlit as st

from planner.core.words import t
from planner.store import access
from planner.ui.pages.view import View

KEY = "audit_page"
SHOWN = 1_000  # the latest records on the page; the CSV has them all


def render(view: View) -> None:
    lang = view.lang
    trail = access.table(lang)
    st.dataframe(trail.iloc[::-1].head(SHOWN), hide_index=True, width="stretch")
    st.download_button(t("audit_download", lang), trail.to_csv(index=False).encode("utf-8-sig"),
                       file_name="bitacora.csv", mime="text/csv", on_click="ignore",
                       icon=":material/download:", key="audit_download")
