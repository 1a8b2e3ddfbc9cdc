"""The result workbook's ``robustez`` sheet (issue 22, item 4), when ``--robust`` ran: the summary
per plan, then each plan under each curve set with its regret, and the assumption in words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl import Workbook

from planner.analysis.robustness import (
    PLANS,
    RobustReport,
    SensitivityReport,
    assumption_word,
    sensitivity_sentences,
    sentences,
)
from planner.core.words import t
from planner.io.xlsx import DEC, INT, MXN, write_table

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


SENS = {"assumption": None, "side": None, "factor": DEC, "need_plan": DEC, "bill_plan": MXN,
        "need_replanned": DEC, "bill_replanned": MXN, "gain": DEC, "offers_moved": INT,
        "hospitals_rebonused": INT}


def decision_sheet(wb: Workbook, result: Result, lang: str = "es") -> None:
    """``que_cambia``: each assumption at each end of its range, the plan as it is and replanned
    (largest swing first), then the sentences. Nothing without a sensitivity report."""
    rep = result.curve_sensitivity
    if not isinstance(rep, SensitivityReport):
        return
    table = rep.table.copy()
    table["assumption"] = [assumption_word(k if not g else f"{k}:{g}", lang)
                           for k, g in zip(table["assumption"], table["grade"], strict=True)]
    order = {assumption_word(label, lang): i for i, label in enumerate(rep.order)}
    table = table.sort_values("assumption", key=lambda c: c.map(order), kind="stable")
    table["side"] = table["side"].map(lambda s: t(f"sens_side_{s}", lang))
    heads = {c: t(f"sens_col_{c}", lang) for c in SENS}
    ws = write_table(wb, "que_cambia", table[list(SENS)].rename(columns=heads),
                     {heads[c]: f for c, f in SENS.items() if f}, widths={heads["assumption"]: 60})
    ws.append([])
    p = result.scenario.params
    budget = p.budget if p.budget_basis == "esperado" else None
    for line in sensitivity_sentences(rep, lang, budget):
        ws.append([line])


def call_sheet(wb: Workbook, result: Result, lang: str = "es") -> None:
    """``convocatoria``: each policy's figures over the draws of a phased call, the posts filled
    by the end of each phase, and the sentences (nothing without ``--fases``)."""
    from planner.analysis.multiphase import CallSimulation
    from planner.analysis.multiphase import sentences as call_sentences

    cs = result.call
    if not isinstance(cs, CallSimulation):
        return
    table = cs.table.copy()
    table["policy"] = table["policy"].map(lambda p: t(f"mp_policy_{p}", lang))
    table["metric"] = table["metric"].map(lambda m: t(f"mp_metric_{m}", lang))
    cols = ("policy", "metric", "mean", "p10", "p50", "p90")
    heads = {c: t(f"mp_col_{c}", lang) for c in cols}
    ws = write_table(wb, "convocatoria", table[list(cols)].rename(columns=heads),
                     {heads[c]: DEC for c in ("mean", "p10", "p50", "p90")},
                     widths={heads["policy"]: 50})
    ws.append([])
    for line in call_sentences(cs, lang):
        ws.append([line])


__all__ = ["call_sheet", "decision_sheet", "robustez_sheets"]
