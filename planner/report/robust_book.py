"""The result workbook's ``robustez`` sheet (issue 22, item 4), when ``--robust`` ran: the summary
per plan, then each plan under each curve set with its regret, and the assumption in words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl import Workbook

from planner.analysis.robustness import PLANS, RobustReport, sentences
from planner.core.words import t
from planner.io.xlsx import DEC, MXN, write_table

if TYPE_CHECKING:
    from planner.core.result import Result

SUMMARY = {"worst": DEC, "p10": DEC, "mean": DEC, "central": DEC, "max_regret": DEC,
           "bill_central": MXN, "bill_max": MXN}
TABLE = {"set": None, "level": DEC, "slope": DEC, "plan": None, "need": DEC, "bill": MXN,
         "regret": DEC}


def robustez_sheets(wb: Workbook, result: Result, lang: str = "es") -> None:
    """``robustez``: one row per plan (worst case, P10, mean, with the workbook's curves, largest
    regret, expected bills) and the sentences below; ``robustez_juegos``: each plan under each
    curve set with its regret. Nothing without a robust report."""
    rep = result.robust
    if not isinstance(rep, RobustReport):
        return
    summary = rep.summary.reindex([p for p in PLANS if p in rep.summary.index])
    head = {c: t(f"rob_col_{c}", lang) for c in SUMMARY}
    front = summary.rename(columns=head)
    front.insert(0, t("rob_col_plan", lang), [t(f"rob_plan_{p}", lang) for p in summary.index])
    ws = write_table(wb, "robustez", front.reset_index(drop=True),
                     {head[c]: f for c, f in SUMMARY.items()})
    ws.append([])
    for line in sentences(rep, lang):
        ws.append([line])
    table = rep.table.copy()
    table["set"] = table["set"] + 1  # sets numbered from 1, the workbook's curves first
    table["plan"] = table["plan"].map(lambda p: t(f"rob_plan_{p}", lang))
    heads = {c: t(f"rob_col_{c}", lang) for c in TABLE}
    write_table(wb, "robustez_juegos", table[list(TABLE)].rename(columns=heads),
                {heads[c]: f for c, f in TABLE.items() if f})


__all__ = ["robustez_sheets"]
