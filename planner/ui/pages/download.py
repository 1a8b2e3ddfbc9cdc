"""The two result-workbook downloads (plain, and with marginal values confirmed), each with its
wait said in words before the click (planner/ui/download_views.py)."""

from __future__ import annotations

import time

import streamlit as st

from planner.core.privacy import redact
from planner.core.result import Result
from planner.core.words import t
from planner.ui import download_views as dv
from planner.ui.names import XLSX_MIME, result_file_name, result_file_name_confirmed
from planner.ui.pages.view import View

MAX_BOOKS = 6  # result workbooks kept in the session for repeated downloads


def download_result(view: View, result: Result, token: str, workbook: str, label: str,
                    key: str) -> None:
    """One click downloads the result workbook the CLI writes; beside it, the same with its
    marginal values confirmed by integer re-solves: slower, so prepared on an explicit click
    with a progress bar over the re-solves, then offered for download.

    The plain workbook is built when its button is clicked (Streamlit runs the builder then, off
    the script) and kept in the session for a repeated click; its build time is remembered per
    scenario, so the next estimate is the measured one. Under each button, the wait in words.
    """
    lang = view.lang
    if not view.can_download:  # a read-only account: no workbook is built or offered
        st.caption(t("acc_read_only", lang))
        return
    state = st.session_state
    books = state.setdefault("books", {})
    writes = state.setdefault("write_seconds", {})  # scenario key -> seconds of a plain build

    def keep(k: tuple, data: bytes) -> None:
        while len(books) >= MAX_BOOKS:
            books.pop(next(iter(books)))
        books[k] = data

    def build() -> bytes:
        k = (token, lang, False)
        if k not in books:
            started = time.perf_counter()
            keep(k, view.workbook_bytes(result, lang, False))
            writes[view.key] = time.perf_counter() - started
        if view.on_export is not None:  # every download is in the audit trail
            view.on_export(result, label)
        return books[k]

    name = result_file_name(workbook, label)
    plain, confirmed = st.columns(2, vertical_alignment="top")
    plain.download_button(t("download_result", lang), build, file_name=name,
                          mime=XLSX_MIME, key=f"download:{key}", on_click="ignore",
                          icon=":material/download:", type="primary",
                          help=t("download_help", lang))
    plain.caption(dv.plain_caption(result, lang, writes.get(view.key)))
    ck = (token, lang, True)
    if ck in books:
        def confirmed_bytes() -> bytes:
            if view.on_export is not None:  # recorded when the planner downloads it
                view.on_export(result, label)
            return books[ck]

        confirmed.download_button(t("download_confirmed", lang), confirmed_bytes,
                                  file_name=result_file_name_confirmed(name),
                                  mime=XLSX_MIME, key=f"download_confirmed:{key}",
                                  on_click="ignore", icon=":material/fact_check:",
                                  help=t("download_confirmed_help", lang))
        return
    clicked = confirmed.button(t("download_prepare", lang), key=f"prepare_confirmed:{key}",
                               icon=":material/fact_check:",
                               help=t("download_confirmed_help", lang))
    confirmed.caption(dv.confirmed_caption(result, lang, writes.get(view.key)))
    if not clicked:
        return
    if state.get("solving"):  # one solve at a time per session, as the what-if form
        confirmed.warning(t("busy", lang))
        return
    state["solving"] = True
    try:
        bar = confirmed.progress(0.0, text=t("download_preparing", lang, done=0, total="…"))

        def progress(done: int, total: int) -> None:
            bar.progress(done / total if total else 1.0,
                         text=t("download_preparing", lang, done=done, total=total)
                         if done < total else t("download_writing", lang))

        keep(ck, view.workbook_bytes(result, lang, True, progress=progress))
    except Exception as exc:  # a solver failure is reported, never as a traceback
        confirmed.error(t("unexpected", lang, kind=type(exc).__name__, detail=redact(str(exc), lang)))
        return
    finally:
        state["solving"] = False
    st.rerun()
