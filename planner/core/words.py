"""Every sentence and label a planner reads, in Spanish (es-MX, the default) and English.

The one catalogue of the app, the CLI, the workbooks, the guards and validation. The words
themselves live in `planner/core/catalogue/*.toml`, one file per domain (input, outputs, app,
candidates, ...), each key a table with `es` and `en`; this module loads them once into
``MESSAGES``. Messages are looked up by key and formatted with named fields, so an issue or a
report can be rendered in either language from the same data; every key has both languages with
the same fields and no key is in two files (tests/test_words.py). Category and state names are
data and stay as the workbook writes them. A new domain is a new `.toml` file in that folder.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

LANGS = ("es", "en")
DEFAULT_LANG = "es"
LANG_NAMES = {"es": "Español", "en": "English"}

CATALOGUE = Path(__file__).with_name("catalogue")


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


MESSAGES: dict[str, dict[str, str]] = _load(CATALOGUE)

def t(message: str, lang: str = DEFAULT_LANG, **fields: object) -> str:
    """The message with key ``message`` in ``lang``, formatted with ``fields``.

    A field that is a :class:`Phrase` is rendered in ``lang`` too.
    """
    entry = MESSAGES[message]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    if not fields:
        return text
    return text.format(**{k: v.text(lang) if isinstance(v, Phrase) else v
                          for k, v in fields.items()})


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
