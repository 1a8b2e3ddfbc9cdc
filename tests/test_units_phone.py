"""The units table on a phone: CLUES and name pinned left ~90 px of a 390 px screen for the
figures. Streamlit sizes columns on the server, which never sees the screen, so a toggle
"vista compacta" pins only CLUES; it starts on when the browser says it is a phone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner.core.words import t as tr
from planner.ui.tables import header, is_phone, unit_column_layout
from tests.builders import make_workbook
from tests.test_app import start_app, widget

IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
          "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")
ANDROID_PHONE = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like "
                 "Gecko) Chrome/126.0.0.0 Mobile Safari/537.36")
ANDROID_TABLET = ("Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like "
                  "Gecko) Chrome/126.0.0.0 Safari/537.36")
DESKTOP = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
           "HeadlessChrome/126.0.0.0 Safari/537.36")


def test_phone_user_agents() -> None:
    assert is_phone(IPHONE) and is_phone(ANDROID_PHONE)
    assert not is_phone(ANDROID_TABLET) and not is_phone(DESKTOP)
    assert not is_phone(None) and not is_phone("")


def test_layouts() -> None:
    assert unit_column_layout(False) == {"clues": (True, None), "name": (True, "medium")}
    assert unit_column_layout(True) == {"clues": (True, None), "name": (False, "medium")}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_workbook(tmp_path_factory.mktemp("units") / "tiny.xlsx")


def _pinned(at: AppTest) -> dict[str, bool]:
    table = next(d for d in at.dataframe if header("clues", "es") in d.value.columns)
    config = json.loads(table.proto.columns)
    return {c: bool(config.get(header(c, "es"), {}).get("pinned"))
            for c in ("clues", "name", "gp_placed")}


def test_compact_view_pins_only_clues(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = start_app(tiny, monkeypatch)
    toggle = widget(at.toggle, tr("units_compact"))
    assert toggle.value is False  # no phone User-Agent under AppTest: both pinned, as before
    assert _pinned(at) == {"clues": True, "name": True, "gp_placed": False}
    toggle.set_value(True).run()
    assert not at.exception
    assert _pinned(at) == {"clues": True, "name": False, "gp_placed": False}
