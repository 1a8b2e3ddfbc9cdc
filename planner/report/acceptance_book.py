"""Result-workbook parts of issue 13: expected figures on ``resumen`` and the ``simulacion`` sheet."""

from __future__ import annotations

import pandas as pd
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from planner.analysis.expected import AcceptanceReport, sentences, state_sentences
from planner.core.result import Result
from planner.core.words import t
from planner.io.acceptance import basis_sentences
from planner.io.xlsx import DEC, INT, MXN, PCT, TITLE_FONT, write_table

# column -> (message key of its header, number format)
STATE_COLUMNS = {
    "state_code": ("bookh_state_code", INT), "state": ("bookh_state", None),
    "offers": ("sim_col_offers", INT), "expected_filled": ("sim_col_expected", DEC),
    "filled_p10": ("sim_col_p10", INT), "filled_p50": ("sim_col_p50", INT),
    "filled_p90": ("sim_col_p90", INT), "target": ("sim_col_target", INT),
    "p_target": ("sim_col_p_target", PCT),
    "offers_hand": ("sim_col_offers_hand", INT),
    "expected_filled_hand": ("sim_col_expected_hand", DEC),
    "hand_filled_p10": ("sim_col_hand_p10", INT), "hand_filled_p90": ("sim_col_hand_p90", INT),
    "hand_p_target": ("sim_col_hand_p_target", PCT),
    "gain_p10": ("sim_col_gain_p10", INT), "gain_p90": ("sim_col_gain_p90", INT),
    "centres_at_target_p50": ("sim_col_centres_p50", INT),
    "bonus_paid_p50": ("sim_col_bonus_p50", MXN),
}
NATIONAL_METRICS = {"filled": "sim_metric_filled", "spec_bonus_units": "sim_metric_spec_bonus",
                    "centres_at_target": "sim_metric_centres", "bonus_paid": "sim_metric_bonus"}


def append_resumen(ws: Worksheet, result: Result, lang: str = "es") -> None:
    """The expected figures and the comparison with the 2024 policy, below the summary."""
    report = result.acceptance
    if not isinstance(report, AcceptanceReport):
        return
    ws.append([])
    ws.append([t("sim_heading", lang)])
    ws.cell(row=ws.max_row, column=1).font = TITLE_FONT
    for line in sentences(report, lang):
        ws.append([line])
    if report.draws:
        ws.append([t("sim_draws", lang, draws=f"{report.draws:,}", seed=report.seed)])
    for line in basis_sentences(result.scenario.acceptance, lang):  # issue 22: each curve's basis
        ws.append([line])


def simulacion_sheet(wb: Workbook, result: Result, lang: str = "es") -> None:
    """Per state: offers, expected and simulated posts filled for the plan and the 2024 policy,
    the probability of reaching the target and the gain's interval; the national table below
    the notes sheet when a simulation ran."""
    report = result.acceptance
    if not isinstance(report, AcceptanceReport):
        return
    df = report.by_state[[c for c in STATE_COLUMNS if c in report.by_state]]
    headers = {c: t(STATE_COLUMNS[c][0], lang) for c in df.columns}
    fmts = {headers[c]: STATE_COLUMNS[c][1] for c in df.columns if STATE_COLUMNS[c][1]}
    write_table(wb, "simulacion", df.rename(columns=headers), fmts)
    if len(report.national):
        nat = report.national.copy()
        nat["metric"] = nat["metric"].map(lambda m: t(NATIONAL_METRICS[m], lang))
        nat["plan"] = nat["plan"].map(lambda p: t(f"sim_plan_{p}", lang))
        cols = {"plan": t("sim_col_plan", lang), "metric": t("sim_col_metric", lang),
                "expected": t("sim_col_expected", lang), "mean": t("sim_col_mean", lang),
                "sd": t("sim_col_sd", lang), "p10": t("sim_col_p10", lang),
                "p50": t("sim_col_p50", lang), "p90": t("sim_col_p90", lang)}
        nat = nat[list(cols)].rename(columns=cols)
        write_table(wb, "simulacion_nacional", nat,
                    {cols[c]: DEC for c in ("expected", "mean", "sd", "p10", "p50", "p90")})
    lines = pd.DataFrame({t("sim_col_note", lang): state_sentences(report, lang)})
    write_table(wb, "simulacion_entidades", lines, widths={t("sim_col_note", lang): 90})
