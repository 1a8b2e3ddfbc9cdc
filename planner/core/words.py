"""Every sentence and label a planner reads, in Spanish (es-MX, the default) and English.

The one catalogue of the app, the CLI, the workbooks, the guards and validation. The words
themselves live in `planner/core/catalogue/*.toml`, one file per domain (input, outputs, app,
candidates, ...), each key a table with `es` and `en`; this module loads them once into
``MESSAGES``. Messages are looked up by key and formatted with named fields, so an issue or a
report can be rendered in either language from the same data; every key has both languages with
the same fields and no key is in two files (tests/test_words.py). Category and state names are
data and stay as the workbook writes them. A new domain is a new `.toml` file in that folder.

Plural forms (issue 21: never «en 1 entidades»): an entry that prints a count with a noun names
that field in ``count`` and gives each language as a table of CLDR plural forms, every form
with the same fields::

    [n_states]
    count = "n"
    es = {one = "{n} entidad", other = "{n} entidades"}
    en = {one = "{n} state", other = "{n} states"}

:func:`t` picks the form by the count's value with Babel's CLDR rules for the language
(:func:`plural_form`; a form a language does not give falls back to ``other``, e.g. Spanish
``many`` for a round million). The count may be a number or the text already formatted for the
reader (``"1,234"``, ``"+1"``, ``"1.0"``), so the form always agrees with what is printed. A
sentence with several counts takes each as a :class:`Phrase` of its own plural entry.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from babel import Locale

LANGS = ("es", "en")
DEFAULT_LANG = "es"
LANG_NAMES = {"es": "Español", "en": "English"}

CATALOGUE = Path(__file__).with_name("catalogue")
# CLDR plural categories; an entry with ``count`` gives at least ``one`` and ``other``
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")
_NUMBER = re.compile(r"[+\-−]?\$?(\d[\d,]*(?:\.\d+)?)")


def _load(folder: Path) -> dict[str, dict[str, str]]:
    """Every key of every ``*.toml`` catalogue in ``folder``; a key in two files is an error."""
    messages: dict[str, dict[str, str]] = {}
    where: dict[str, str] = {}
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as handle:
            for key, entry in tomllib.load(handle).items():
                if key in messages:
                    raise ValueError(f"catalogue key {key!r} is in {where[key]} and {path.name}")
                messages[key], where[key] = entry, path.name
    return messages


MESSAGES: dict[str, dict] = _load(CATALOGUE)


def t(message: str, lang: str = DEFAULT_LANG, **fields: object) -> str:
    """The message with key ``message`` in ``lang``, formatted with ``fields``.

    A field that is a :class:`Phrase` is rendered in ``lang`` too. An entry with plural forms
    takes the form of its ``count`` field's value (:func:`plural_form`).
    """
    entry = MESSAGES[message]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    if isinstance(text, dict):  # plural forms, chosen by the entry's count field
        if not entry.get(lang):
            lang = DEFAULT_LANG
        count = fields.get(entry["count"])
        text = text.get(plural_form(count, lang)) or text["other"]
    if not fields:
        return text
    return text.format(**{k: v.text(lang) if isinstance(v, Phrase) else v
                          for k, v in fields.items()})


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def _quantity(count: object) -> Decimal | None:
    """The number a count field stands for: a number, or its text as printed (``"1,234"``,
    ``"-$1,000 MXN"``, ``"+2.5"``); None when it is no number (``"—"``)."""
    if isinstance(count, bool) or count is None:
        return None
    if isinstance(count, int | Decimal):
        return abs(Decimal(count))
    if isinstance(count, float):
        return None if count != count else abs(Decimal(repr(count)))
    match = _NUMBER.search(str(count))
    if match is None:
        return None
    try:
        return Decimal(match.group(1).replace(",", ""))
    except InvalidOperation:
        return None


def plural_form(count: object, lang: str = DEFAULT_LANG) -> str:
    """The CLDR plural category of ``count`` in ``lang`` (Babel's rules): ``1`` → ``one``,
    ``"1.0"`` in English → ``other`` (it shows a decimal), ``0`` in both → ``other``; a count
    that is no number → ``other``. Usable by every face (app, CLI, workbook)."""
    quantity = _quantity(count)
    if quantity is None:
        return "other"
    return _locale(lang if lang in LANGS else DEFAULT_LANG).plural_form(quantity)


def pair(key: str) -> tuple[str, str]:
    """(Spanish, English) of ``key``: for tables indexed by language (0 = es, 1 = en)."""
    return t(key, "es"), t(key, "en")


@dataclass(frozen=True)
class Phrase:
    """A catalogue sentence kept unformatted until the reader's language is known.

    Used as a field of another message (the ``{detail}`` of a refused file), so the detail is
    Spanish under Spanish and English under English.
    """

    key: str
    fields: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str = DEFAULT_LANG) -> str:
        return t(self.key, lang, **dict(self.fields))

    def __str__(self) -> str:
        return self.text(DEFAULT_LANG)


def phrase(key: str, **fields: object) -> Phrase:
    """A :class:`Phrase` of ``key`` with ``fields``."""
    if key not in MESSAGES:
        raise KeyError(key)
    return Phrase(key, tuple(fields.items()))
