"""The one catalogue of words (planner/core/words.py): every key in Spanish and English, with
the same named fields in both, and every key the code asks for exists."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from planner.core.words import LANGS, MESSAGES, PLURAL_FORMS, plural_form, t

ROOT = Path(__file__).resolve().parents[1]


def fields(text: str) -> set[str]:
    """The named fields of a format string ("{a} y {b:,}" -> {"a", "b"})."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_fields_parser():
    assert fields("Faltan {n} de {total:,} en «{sheet}».") == {"n", "total", "sheet"}
    assert fields("sin campos") == set()


def forms(entry: dict, lang: str) -> dict[str, str]:
    """The texts of an entry in ``lang``: {"": text}, or its plural forms."""
    text = entry[lang]
    return text if isinstance(text, dict) else {"": text}


def entry_fields(entry: dict, lang: str) -> set[str]:
    """The fields of an entry in ``lang`` (of every plural form together)."""
    return set().union(*(fields(text) for text in forms(entry, lang).values()))


def test_every_key_in_both_languages_with_the_same_fields():
    missing = [k for k, v in MESSAGES.items()
               if any(not v.get(lang) or not all(forms(v, lang).values()) for lang in LANGS)]
    assert not missing, f"keys without Spanish or English: {missing}"
    extra = [k for k, v in MESSAGES.items() if set(v) - {*LANGS, "count"}]
    assert not extra, f"keys with a language other than {LANGS}: {extra}"
    differ = {k: {lang: sorted(entry_fields(v, lang)) for lang in LANGS}
              for k, v in MESSAGES.items() if entry_fields(v, "es") != entry_fields(v, "en")}
    assert not differ, f"keys whose Spanish and English fields differ: {differ}"


def test_plural_entries_have_both_forms_with_the_same_fields():
    """An entry with plural forms (issue 21) names its count field, gives ``one`` and ``other``
    in both languages (and only CLDR categories), and every form has the same fields, the
    count among them; an entry without ``count`` has plain texts."""
    plural = {k: v for k, v in MESSAGES.items() if "count" in v}
    assert len(plural) >= 10
    for key, entry in MESSAGES.items():
        if key not in plural:
            assert all(isinstance(entry[lang], str) for lang in LANGS), key
            continue
        for lang in LANGS:
            texts = entry[lang]
            assert isinstance(texts, dict), (key, lang)
            assert {"one", "other"} <= set(texts) <= set(PLURAL_FORMS), (key, lang)
            want = fields(texts["other"])
            assert entry["count"] in want, (key, lang)
            assert all(fields(text) == want for text in texts.values()), (key, lang)


def test_plural_forms_follow_cldr_in_both_languages():
    """Babel's CLDR rules: 1 is ``one`` in Spanish and English, 0 and 2 ``other``; the count as
    printed decides, so ``"1.0"`` is ``other`` in English; a round million is Spanish
    ``many``, which falls back to ``other`` when an entry does not give it."""
    assert [plural_form(n, "es") for n in (0, 1, 2, "1", "1,000", "-1")] == [
        "other", "one", "other", "one", "other", "one"]
    assert [plural_form(n, "en") for n in (0, 1, 2, "1.0", "+1", "—", None)] == [
        "other", "one", "other", "other", "one", "other", "other"]
    assert plural_form(1_000_000, "es") == "many"
    assert t("n_states", "es", n=1) == "1 entidad"
    assert t("n_states", "es", n="32") == "32 entidades"
    assert t("n_states", "es", n="1,000,000") == "1,000,000 entidades"
    assert t("n_states", "en", n="1") == "1 state"
    assert t("n_states", "en", n="2") == "2 states"
    assert t("cand_blocking", "es", n="1") == (
        "La asignación óptima tiene 1 par bloqueante (un candidato y una plaza que se "
        "preferirían mutuamente a lo asignado).")
    assert t("cand_blocking", "en", n="3").startswith("The optimal assignment has 3 blocking "
                                                       "pairs")


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
