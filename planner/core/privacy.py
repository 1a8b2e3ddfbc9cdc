"""The one personal-data guard: values that look like a CURP, an RFC, an e-mail address or a
phone number are found and replaced before anything is written (issue 25).

Candidates' files are personal data under the Ley General de Protección de Datos Personales en
Posesión de Sujetos Obligados. The workbook already refuses CURP-shaped folios
(:mod:`planner.io.candidates`); this guard keeps the promise on every path out of the planner:
the result workbooks (:mod:`planner.io.xlsx`, every text cell), the CLI's output and its
``--json`` object (:mod:`planner.cli.common`), error messages (:mod:`planner.core.errors`, the
app's), the logs (:class:`RedactingFilter`) and the audit trail (:mod:`planner.store.access`).

What counts (upper or lower case):

* CURP: 4 letters, 6 digits (birth date), H/M/X, 2 letters (state), 3 consonants, 1 letter or
  digit, 1 digit — 18 characters, as the workbook's own check (planner/io/candidates.py);
* RFC of a person (4 letters) or a company (3 letters, Ñ and & included), a real date YYMMDD and a
  3-character homoclave — 13 or 12 characters;
* an e-mail address (``name@domain.tld``);
* a Mexican phone number: 10 digits (the first one 2-9, as every area code), written together or in groups (``55 1234 5678``,
  ``(55) 1234-5678``, ``555.123.4567``), optionally after ``+52`` / ``52`` (and the old mobile
  ``1``).

Each is matched as a whole token (no letter or digit touching it), so a CLUES code
(``HGIMB000011``), a folio (``SINT-000001``), a date, an amount (``10,979``) or a SHA-256 hash
stays as it is. Only text is looked at: numbers stay numbers.
"""

from __future__ import annotations

import logging
import re
import tomllib
from functools import lru_cache
from pathlib import Path

DEFAULT_LANG = "es"
# The mark is the catalogue's key «priv_redacted» (catalogue/access.toml), read here directly and
# not through planner.core.words: the workbook writers import this module, and one more floor
# under them would make the import chain longer than ARCHITECTURE.md allows (tests check that
# the two agree).
with (Path(__file__).with_name("catalogue") / "access.toml").open("rb") as _fh:
    MARKS: dict[str, str] = tomllib.load(_fh)["priv_redacted"]

_DATE = r"\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
CURP = re.compile(r"(?<![A-Z0-9Ñ])[A-Z][AEIOUX][A-Z]{2}\d{6}[HMX][A-Z]{2}[B-DF-HJ-NP-TV-Z]{3}"
                  r"[A-Z0-9]\d(?![A-Z0-9Ñ])", re.IGNORECASE)
RFC = re.compile(rf"(?<![A-Z0-9Ñ&])[A-ZÑ&]{{3,4}}{_DATE}[A-Z0-9]{{3}}(?![A-Z0-9Ñ&])",
                 re.IGNORECASE)
EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
                   r"(?![\w-])")
# groups of digits; the count is checked in _phone (10 national digits, with or without 52/521)
PHONE = re.compile(r"(?<![\w+.,])(?:\+?52[\s.-]?(?:1[\s.-]?)?)?(?:\(\d{2,3}\)|\d{2,3})[\s.-]?"
                   r"\d{3,4}[\s.-]?\d{4}(?![\w]|[.,]\d)")
_MAYBE = re.compile(r"[0-9@]")
KINDS = (("curp", CURP), ("rfc", RFC), ("email", EMAIL), ("phone", PHONE))


def _is_phone(match: str) -> bool:
    digits = re.sub(r"\D", "", match)
    if len(digits) == 10:  # national numbers: area codes begin with 2-9 (01 was long distance)
        return digits[0] not in "01"
    return (len(digits) == 12 and digits.startswith("52")) or (
        len(digits) == 13 and digits.startswith("521"))


def find(text: str) -> list[tuple[str, str]]:
    """Every (kind, value) in ``text`` that looks like personal data, in the order of KINDS."""
    found = []
    for kind, pattern in KINDS:
        for m in pattern.finditer(text):
            if kind != "phone" or _is_phone(m.group()):
                found.append((kind, m.group()))
    return found


def has_personal_data(text: str) -> bool:
    """True when ``text`` holds a value that looks like a CURP, RFC, e-mail or phone."""
    return bool(find(text))


@lru_cache(maxsize=65_536)
def _redact(text: str, lang: str) -> str:
    mark = MARKS.get(lang) or MARKS[DEFAULT_LANG]
    for kind, pattern in KINDS:
        if kind == "phone":
            text = pattern.sub(lambda m: mark if _is_phone(m.group()) else m.group(), text)
        else:
            text = pattern.sub(mark, text)
    return text


def redact(text: str, lang: str = DEFAULT_LANG) -> str:
    """``text`` with every personal-looking value replaced by «[dato personal omitido]»."""
    if len(text) < 6 or _MAYBE.search(text) is None:
        return text  # every kind needs a digit or an @: most labels are left at once
    return _redact(text, lang)


def redact_value(value: object, lang: str = DEFAULT_LANG) -> object:
    """``value`` with :func:`redact` applied to every text inside (dicts, lists, tuples);
    numbers, None and other values unchanged."""
    if isinstance(value, str):
        return redact(value, lang)
    if isinstance(value, dict):
        return {redact_value(k, lang): redact_value(v, lang) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(redact_value(v, lang) for v in value)
    return value


class RedactingFilter(logging.Filter):
    """A logging filter that writes each record's message (and its traceback text) redacted."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: leave it to the handler's own error path
            return True
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


_FILTER = RedactingFilter()


def install_log_filter() -> None:
    """Put :class:`RedactingFilter` on every handler of every logger configured so far (root,
    streamlit's, the planner's); called by the CLI and the app at start, safe to call again."""
    loggers = [logging.getLogger()] + [lg for lg in logging.root.manager.loggerDict.values()
                                       if isinstance(lg, logging.Logger)]
    handlers = [h for lg in loggers for h in lg.handlers]
    if logging.lastResort is not None:  # what a logger without handlers writes to
        handlers.append(logging.lastResort)
    for handler in handlers:
        if _FILTER not in handler.filters:
            handler.addFilter(_FILTER)
