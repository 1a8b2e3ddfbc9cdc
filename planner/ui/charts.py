"""Altair charts of a result: before/after by state and by category, the states map, comparisons.

Every chart carries its data inline (no URL), so it draws with no internet connection, in the app
and when rendered to PNG with vl-convert.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from planner.core.words import t
from planner.ui import geo

GREEN = "#235B4E"  # IMSS-Bienestar green
GREY = "#A7A9AC"
GOLD = "#BC955C"
GUINDA = "#9F2241"
OUTSIDE = "#E4E4E4"  # states outside the scenario

MAP_DATASET = "states"
# map metric -> (by_state column, label key, colour scheme, legend number format)
MAP_METRICS: dict[str, tuple[str, str, str, str]] = {
    "coverage": ("coverage_after", "map_coverage", "greens", ".0%"),
    "spec_gap": ("spec_gap_left", "map_spec_gap", "oranges", ",.0f"),
    "no_doctor": ("no_doctor_after", "map_no_doctor", "reds", ",.0f"),
    # only with a nursing category (columns of indicators.by_state)
    "nurse_placed": ("nurse_placed", "map_nurse_placed", "blues", ",.0f"),
    "nurse_gap": ("nurse_gap", "map_nurse_gap", "oranges", ",.0f"),
    # only with a registered-candidate assignment (planner.ui.candidate_views.with_unwanted)
    "unwanted": ("vacancies_without", "map_unwanted", "purples", ",.0f"),
}


def _long(df: pd.DataFrame, key: str, before: str, after: str, lang: str) -> pd.DataFrame:
    """Two rows per ``key``: today's value and the value with the plan."""
    today, plan = t("today", lang), t("with_plan", lang)
    out = pd.concat([
        pd.DataFrame({"key": df[key], "series": today, "value": df[before]}),
        pd.DataFrame({"key": df[key], "series": plan, "value": df[after]}),
    ], ignore_index=True)
    out["order"] = (out["series"] == plan).astype(int)
    return out


def before_after_bars(df: pd.DataFrame, key: str, before: str, after: str, axis: str,
                      key_title: str, lang: str = "es") -> alt.Chart:
    """Horizontal paired bars, today (grey) and with the plan (green), one pair per ``key``."""
    data = _long(df, key, before, after, lang)
    sort = df.sort_values(after, ascending=False)[key].tolist()
    today, plan = t("today", lang), t("with_plan", lang)
    return alt.Chart(data).mark_bar().encode(
        y=alt.Y("key:N", sort=sort, title=key_title,
                axis=alt.Axis(labelLimit=220, labelOverlap=False)),
        x=alt.X("value:Q", title=axis, axis=alt.Axis(format=",d")),
        yOffset=alt.YOffset("series:N", sort=[today, plan]),
        color=alt.Color("series:N", scale=alt.Scale(domain=[today, plan], range=[GREY, GREEN]),
                        legend=alt.Legend(title=None, orient="top")),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("key:N", title=key_title),
                 alt.Tooltip("series:N", title=t("chart_series", lang)),
                 alt.Tooltip("value:Q", title=axis, format=",.0f")],
    ).properties(height=alt.Step(9))


def state_at_target_chart(by_state: pd.DataFrame, lang: str = "es") -> alt.Chart:
    """Centres at target per state, today and with the plan."""
    return before_after_bars(by_state, "state", "at_target_before", "at_target_after",
                             t("centres_at_target_axis", lang), t("state", lang), lang)


def state_nurse_target_chart(by_state: pd.DataFrame, lang: str = "es") -> alt.Chart:
    """Centres at the nurse target per state, today and with the plan."""
    return before_after_bars(by_state, "state", "nurse_at_target_before", "nurse_at_target_after",
                             t("centres_at_nurse_target_axis", lang), t("state", lang), lang)


def state_spec_gap_chart(by_state: pd.DataFrame, lang: str = "es") -> alt.Chart:
    """Specialist gap per state, today and after the plan."""
    return before_after_bars(by_state, "state", "spec_gap", "spec_gap_left",
                             t("spec_gap_axis", lang), t("state", lang), lang)


def category_gap_chart(by_category: pd.DataFrame, lang: str = "es") -> alt.Chart:
    """Gap per category (specialties and general medicine), today and after the plan."""
    return before_after_bars(by_category, "category", "gap", "gap_left", t("gap_axis", lang),
                             t("category", lang), lang)


def map_rows(by_state: pd.DataFrame) -> dict[int, dict]:
    """Per state code, the figures the map colours and shows in tooltips."""
    rows = {}
    for rec in by_state.itertuples(index=False):
        cov = rec.coverage_after
        rows[int(rec.state_code)] = {
            "state": str(rec.state), "centres": int(rec.centres),
            "at_target_before": int(rec.at_target_before),
            "at_target_after": int(rec.at_target_after),
            "coverage_after": None if pd.isna(cov) else float(cov),
            "no_doctor_after": int(rec.no_doctor_after),
            "spec_placed": int(rec.spec_placed), "spec_gap_left": int(rec.spec_gap_left),
        }
        if hasattr(rec, "vacancies_without"):
            rows[int(rec.state_code)]["vacancies_without"] = int(rec.vacancies_without)
        if hasattr(rec, "nurse_placed"):
            rows[int(rec.state_code)].update(nurse_placed=int(rec.nurse_placed),
                                             nurse_gap=int(rec.nurse_gap))
    return rows


def states_map(by_state: pd.DataFrame, metric: str = "coverage", lang: str = "es",
               collection: dict | None = None, width: int = 720, height: int = 470) -> dict:
    """Vega-Lite spec of a choropleth of the states coloured by ``metric`` (a key of
    :data:`MAP_METRICS`), with the GeoJSON features inline as the dataset ``states``.

    States outside the scenario are drawn in light grey; tooltips give each state's figures.
    ``collection`` defaults to the project's GeoJSON, rewound for d3. The features are added to
    the spec after Altair has built it (Altair would walk every coordinate to validate them).
    """
    column, label, scheme, number = MAP_METRICS[metric]
    shapes = geo.with_values(collection or geo.load_states(), map_rows(by_state))
    p = "properties."
    tooltip = [
        alt.Tooltip(p + "nom_ent:N", title=t("state", lang)),
        alt.Tooltip(p + "centres:Q", title=t("centres", lang), format=",d"),
        alt.Tooltip(p + "at_target_before:Q", title=t("at_target_before", lang), format=",d"),
        alt.Tooltip(p + "at_target_after:Q", title=t("at_target_after", lang), format=",d"),
        alt.Tooltip(p + "coverage_after:Q", title=t("coverage", lang), format=".1%"),
        alt.Tooltip(p + "no_doctor_after:Q", title=t("no_doctor_after", lang), format=",d"),
        alt.Tooltip(p + "spec_placed:Q", title=t("spec_placed", lang), format=",d"),
        alt.Tooltip(p + "spec_gap_left:Q", title=t("spec_gap_left", lang), format=",d"),
    ]
    if "nurse_placed" in by_state.columns:
        tooltip += [alt.Tooltip(p + "nurse_gap:Q", title=t("map_nurse_gap", lang), format=",d"),
                    alt.Tooltip(p + "nurse_placed:Q", title=t("map_nurse_placed", lang),
                                format=",d")]
    if "vacancies_without" in by_state.columns:
        tooltip.append(alt.Tooltip(p + "vacancies_without:Q", title=t("map_unwanted", lang),
                                   format=",d"))
    scale = alt.Scale(scheme=scheme, zero=metric != "coverage", nice=True)
    outline = alt.Chart().mark_geoshape(fill=OUTSIDE, stroke="white", strokeWidth=0.6)
    filled = alt.Chart().mark_geoshape(stroke="white", strokeWidth=0.6).encode(
        color=alt.Color(p + column + ":Q", scale=scale,
                        # below the map, never over it (phones: the map is narrow)
                        legend=alt.Legend(title=t(label, lang), format=number,
                                          orient="bottom", direction="horizontal",
                                          titleLimit=260, gradientLength=220)),
        tooltip=tooltip,
    ).transform_filter(f"datum.{p}in_scenario")
    chart = alt.layer(outline, filled, data=alt.NamedData(name=MAP_DATASET)).project(
        type="mercator").properties(width=width, height=height)
    spec = chart.to_dict()
    spec["datasets"] = {MAP_DATASET: shapes["features"]}
    return spec


def compare_states_chart(table: pd.DataFrame, names: list[str], metric_label: str,
                         lang: str = "es") -> alt.Chart:
    """Per state, the difference of each later scenario from the first (bars, one colour each)."""
    deltas = [f"Δ {n}" for n in names[1:]]
    data = table.melt(id_vars="state", value_vars=deltas, var_name="scenario", value_name="delta")
    data["scenario"] = data["scenario"].str.slice(2)
    palette = [GREEN, GOLD, GUINDA, GREY, "#4C78A8", "#F58518"]
    return alt.Chart(data).mark_bar().encode(
        y=alt.Y("state:N", title=t("state", lang), sort="ascending",
                axis=alt.Axis(labelLimit=220, labelOverlap=False)),
        x=alt.X("delta:Q", title=f"{metric_label} — {t('delta_vs', lang, ref=names[0])}",
                axis=alt.Axis(format=",d", tickMinStep=1)),  # whole ticks: no "0 0 0 1 1"
        yOffset=alt.YOffset("scenario:N"),
        color=alt.Color("scenario:N", scale=alt.Scale(range=palette),
                        legend=alt.Legend(title=None, orient="top")),
        tooltip=[alt.Tooltip("state:N", title=t("state", lang)),
                 alt.Tooltip("scenario:N", title=t("download_pick", lang)),
                 alt.Tooltip("delta:Q", title="Δ", format="+,d")],
    ).properties(height=alt.Step(max(16, 9 * len(deltas))))


def advantage_chart(table: pd.DataFrame, axis: str, lang: str = "es",
                    number: str = ",.1f") -> alt.Chart:
    """Per state, the optimiser's advantage over the hand rule (``advantage`` column): green bars
    where it favours the optimiser, maroon where it favours the hand rule, a line at zero."""
    data = table.copy()
    plan, hand = t("adv_for_plan", lang), t("adv_for_hand", lang)
    data["side"] = [plan if v >= 0 else hand for v in data["advantage"]]
    order = data.sort_values("advantage", ascending=False, kind="stable")["state"].tolist()
    bars = alt.Chart(data).mark_bar().encode(
        y=alt.Y("state:N", sort=order, title=t("state", lang),
                axis=alt.Axis(labelLimit=220, labelOverlap=False)),
        x=alt.X("advantage:Q", title=axis, axis=alt.Axis(format=",.0f")),
        color=alt.Color("side:N", scale=alt.Scale(domain=[plan, hand], range=[GREEN, GUINDA]),
                        legend=alt.Legend(title=None, orient="top")),
        tooltip=[alt.Tooltip("state:N", title=t("state", lang)),
                 alt.Tooltip("plan:Q", title=t("col_plan_short", lang), format=number),
                 alt.Tooltip("hand:Q", title=t("col_hand_short", lang), format=number),
                 alt.Tooltip("advantage:Q", title=axis, format="+" + number)],
    )
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color=GREY).encode(x="x:Q")
    return (bars + zero).properties(height=alt.Step(20))


def units_map(points: pd.DataFrame, lang: str = "es", width: int = 720,
              height: int = 470) -> dict:
    """Vega-Lite spec: the states' outlines and one point per unit of ``points`` (``clues,
    name, kind, state, lat, lon``), hospitals and centres in two colours; tooltips name it."""
    outline = alt.Chart(alt.NamedData(name=MAP_DATASET)).mark_geoshape(
        fill=OUTSIDE, stroke="white", strokeWidth=0.6)
    dots = alt.Chart(points).mark_circle(size=28, opacity=0.8).encode(
        longitude="lon:Q", latitude="lat:Q",
        color=alt.Color("kind:N", scale=alt.Scale(range=[GUINDA, GREEN]),
                        legend=alt.Legend(title=None, orient="bottom")),
        tooltip=[alt.Tooltip("clues:N", title="CLUES"),
                 alt.Tooltip("name:N", title=t("book_col_name", lang)),
                 alt.Tooltip("state:N", title=t("state", lang))])
    chart = alt.layer(outline, dots).project(type="mercator").properties(width=width,
                                                                          height=height)
    spec = chart.to_dict()
    spec.setdefault("datasets", {})[MAP_DATASET] = geo.load_states()["features"]
    return spec
