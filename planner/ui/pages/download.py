"""The two result-workbook download buttons (plain and with marginal values confirmed)."""

from __future__ import annotations

import streamlit as st

from planner.core.result import Result
from planner.core.words import t
from planner.ui.names import XLSX_MIME, result_file_name, result_file_name_confirmed
from planner.ui.pages.view import View

MAX_BOOKS = 6  # result workbooks kept in the session for repeated downloads


def download_result(view: View, result: Result, token: str, workbook: str, label: str,
                    key: str) -> None:
    """One click downloads the result workbook the CLI writes; a second button, the same with
    its marginal values confirmed by integer re-solves (slower, so only on explicit request).

    Each workbook is built when its button is clicked (Streamlit runs the builder then, off the
    script) and kept in the session for a repeated click.
    """
    lang = view.lang
    books = st.session_state.setdefault("books", {})

    def builder(confirm: bool):
        def build() -> bytes:
            k = (token, lang, confirm)
            if k not in books:
                while len(books) >= MAX_BOOKS:
                    books.pop(next(iter(books)))
                books[k] = view.workbook_bytes(result, lang, confirm)
            return books[k]
        return build

    name = result_file_name(workbook, label)
    row = st.container(horizontal=True, vertical_alignment="center")
    row.download_button(t("download_result", lang), builder(False), file_name=name,
                        mime=XLSX_MIME, key=f"download:{key}", on_click="ignore",
                        icon=":material/download:", type="primary",
                        help=t("download_help", lang))
    row.download_button(t("download_confirmed", lang), builder(True),
                        file_name=result_file_name_confirmed(name),
                        mime=XLSX_MIME, key=f"download_confirmed:{key}",
                        on_click="ignore", icon=":material/fact_check:",
                        help=t("download_confirmed_help", lang))
