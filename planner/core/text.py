"""Text normalisation shared by reading, validation and matching of names."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[\s_\-]+")


def strip_accents(text: str) -> str:
    """Remove diacritics: 'Marginación' -> 'Marginacion'."""
    if text.isascii():  # nothing to remove (and most keys are ASCII: CLUES, numbers)
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize_key(text: object) -> str:
    """The matching key of a header or a value: no accents, lower case, spaces as underscores.

    ``' Grado Marginación '`` and ``'grado_marginacion'`` share the key ``grado_marginacion``.
    """
    if text is None:
        return ""
    s = strip_accents(str(text)).strip().casefold()
    return _SPACES.sub("_", s).strip("_")


def slug(text: str) -> str:
    """An ASCII identifier for solver names: 'Ginecología y obstetricia' -> 'ginecologia_y_obstetricia'."""
    key = normalize_key(text)
    return re.sub(r"[^a-z0-9_]", "", key) or "x"
