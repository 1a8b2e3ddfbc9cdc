"""The one catalogue of words (planner/core/words.py): every key in Spanish and English, with
the same named fields in both, and every key the code asks for exists."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from planner.core.words import LANGS, MESSAGES, t

ROOT = Path(__file__).resolve().parents[1]


def fields(text: str) -> set[str]:
    """The named fields of a format string ("{a} y {b:,}" -> {"a", "b"})."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_fields_parser():
    assert fields("Faltan {n} de {total:,} en «{sheet}».") == {"n", "total", "sheet"}
    assert fields("sin campos") == set()


def test_every_key_in_both_languages_with_the_same_fields():
    missing = [k for k, v in MESSAGES.items() if any(not v.get(lang) for lang in LANGS)]
    assert not missing, f"keys without Spanish or English: {missing}"
    extra = [k for k, v in MESSAGES.items() if set(v) - set(LANGS)]
    assert not extra, f"keys with a language other than {LANGS}: {extra}"
    differ = {k: {lang: sorted(fields(v[lang])) for lang in LANGS} for k, v in MESSAGES.items()
              if fields(v["es"]) != fields(v["en"])}
    assert not differ, f"keys whose Spanish and English fields differ: {differ}"


def test_lookup_and_fallback():
    assert t("file_missing", "es", path="a.xlsx") == "No se encontró el archivo «a.xlsx»."
    assert t("file_missing", "en", path="a.xlsx") == "File «a.xlsx» was not found."
    assert t("file_missing", "fr", path="a.xlsx") == "No se encontró el archivo «a.xlsx»."
    with pytest.raises(KeyError):
        t("no_such_key")


def _literal_keys() -> set[tuple[str, str]]:
    """(file, key) for every ``t("key", …)`` call with a literal key in the project's code."""
    found = set()
    paths = [ROOT / "app.py", *(ROOT / "planner").rglob("*.py"), *(ROOT / "models").rglob("*.py")]
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "t" and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                found.add((str(path.relative_to(ROOT)), node.args[0].value))
    return found


def test_every_literal_key_exists():
    keys = _literal_keys()
    assert len(keys) > 100  # the app, CLI and reports all look words up here
    unknown = sorted(f"{f}: {k}" for f, k in keys if k not in MESSAGES)
    assert not unknown, "keys asked for but not in the catalogue:\n" + "\n".join(unknown)


def test_a_key_in_two_catalogue_files_is_refused(tmp_path):
    """Two domain files that both define a key would make one silently win: loading refuses."""
    from planner.core.words import _load
    (tmp_path / "a.toml").write_text('[k]\nes = "uno"\nen = "one"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('[k]\nes = "dos"\nen = "two"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="'k' is in a.toml and b.toml"):
        _load(tmp_path)
