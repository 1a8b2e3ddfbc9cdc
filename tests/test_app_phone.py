"""What the phone-width fixes of issue 15 hold in AppTest (the browser test,
tests/test_browser.py::test_phone_width_whole_app, measures them in Chromium at 390 × 844).

The comparison's tables hold formatted numbers as right-aligned text; the data grid sized their
columns from the first rows only and, on a phone where the table does not stretch, cut
"$1,000,000 MXN" to "00,000 MXN". Each value column now carries a width for its longest cell.
"""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from planner.core.words import t as tr
from planner.ui import compare_views, phone
from tests.builders import make_workbook
from tests.test_app import start_app, widget


def _save(at: AppTest, budget: int, name: str) -> None:
    widget(at.number_input, tr("budget")).set_value(budget)
    widget(at.button, tr("solve")).click().run()
    at.text_input(key="save_name").set_value(name)
    widget(at.button, tr("save_button")).click().run()
    assert not at.exception, at.exception


def _widths(frame) -> dict[str, int]:
    """Column name → the pixel width the page set for it (none: left out)."""
    config = json.loads(frame.proto.columns or "{}")
    out = {}
    for key, c in config.items():
        name = c.get("label") or key.removeprefix("col:")
        if isinstance(c.get("width"), int):
            out[name] = c["width"]
    return out


def test_compare_columns_fit_their_longest_value(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = start_app(make_workbook(tmp_path / "tiny.xlsx"), monkeypatch)
    _save(at, 25_000, "bajo")
    _save(at, 40_000, "medio")
    at.multiselect(key="compare").set_value(["\x00base", "bajo", "medio"]).run()
    heads = next(d for d in at.dataframe if tr("col_indicator") in d.value.columns
                 and "bajo" in d.value.columns)
    widths = _widths(heads)
    for column in heads.value.columns[1:]:
        longest = max(len(str(v)) for v in [column, *heads.value[column]])
        # at least 7 px a character: "$52,937 MXN" (11) needs 77 px and more
        assert widths.get(column, 0) >= 7 * longest, (column, widths)
    assert "$1,000,000 MXN" in heads.value["Plan base"].tolist() or \
        "$52,937 MXN" in heads.value["Plan base"].tolist()


def test_fit_widths_reads_header_and_cells() -> None:
    import pandas as pd
    table = pd.DataFrame({"a": ["1", "$1,000,000 MXN"], "Δ bajo": ["0", "1"]})
    w = compare_views.fit_widths(table, ["a", "Δ bajo"])
    assert w == {"a": 14 * 8 + 28, "Δ bajo": 6 * 8 + 28}


def test_phone_css_only_below_the_phone_breakpoint() -> None:
    css = phone.phone_css()
    assert css.startswith("<style>@media (max-width: 640px) {") and css.endswith("}</style>")
    assert 'section[data-testid="stSidebar"][data-collapsed="false"]' in css


def test_the_form_closes_itself_only_on_a_phone() -> None:
    script = phone.close_form_script()
    assert script.startswith("<script>if (window.innerWidth <= 640) {")
    assert '[data-testid="stSidebarCollapseButton"] button' in script
