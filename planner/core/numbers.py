"""Numbers as planners type them: a cell's text → its value, or the reason it is refused.

A pure function, shared by the workbook validation and the sweep grid. The rule is never to guess:
a text is read only when every Mexican planner would read it the same way, otherwise it is
refused with a reason (a message key of :mod:`planner.core.words`) and the caller names sheet, row,
column and value.

Accepted (es-MX conventions)

* a dot is the decimal point: ``1.5``, ``.5``, ``0.25``; also ``1.234`` (one dot, three
  decimals) is 1.234, as in Mexico, although a European would mean 1234: it is the only
  separator reading that depends on the locale, and the es-MX one is the workbook's;
* a comma separates thousands, and only between groups of exactly three digits after a first group
  of one to three: ``1,234``, ``12,345,678.5``;
* spaces of any width (space, no-break, narrow no-break, thin, figure…) also separate thousands,
  with the same grouping: ``1 234 567``, ``44 025 790.00``;
* a leading ``+``; a minus typed as ``-``, ``−`` (U+2212), ``﹣`` or ``－``;
* full-width digits and signs (``１２３``), zero-width characters anywhere (invisible);
* pesos: ``$`` before the number (``$44,025,790.00``, ``-$5``, ``$-5``), ``MXN`` / ``MX$`` before or
  after it, ``pesos`` / ``M.N.`` after it;
* a power of ten written as Excel shows it: ``1E6``, ``2.5e-3``;
* percent, ``80%`` = 0.8 (Excel's own reading of a typed ``80%``), only where the column or
  parameter is a fraction (its declared maximum is at most 1: ``cobertura_minima_entidad``,
  ``brecha_mip``); elsewhere a percent is refused (a weight of ``150%`` is not obviously 1.5).

Refused, each with its own reason

* a decimal comma: ``2,5``, ``1,00``, ``0,75``, ``,5``, ``1,2345`` (``num_decimal_comma``);
* European grouping: ``15.000,00``, ``1.234.567``, ``1 234,5`` (``num_european``);
* thousands groups that are not of three digits: ``1,23,456``, ``12 34``, ``1,234,5``
  (``num_grouping``);
* a percent where the value is not a fraction (``num_percent``);
* another currency: ``US$``, ``USD``, ``€``, ``EUR`` (``num_currency``);
* a value too large to be a number (``1e400``) or ``inf`` / ``nan`` (``num_not_finite``);
* anything else: words, accounting parentheses, trailing signs, ``1_000``, superscripts
  (``not_number``).

Real numbers stored in the cell (not text) are taken as stored; booleans and dates are refused.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal

# one character → its ASCII reading (full-width forms, minus signs); spaces are handled apart
_TRANSLATE = {**{0xFF10 + i: str(i) for i in range(10)},
              0x2212: "-", 0xFE63: "-", 0xFF0D: "-", 0x2012: None, 0xFF0B: "+",
              0xFF0C: ",", 0xFF0E: ".", 0xFF04: "$", 0xFF05: "%", 0xFE69: "$", 0xFE6A: "%"}
_TRANSLATE.pop(0x2012)  # figure dash is a dash, not a minus: left to be refused

_CURRENCY_BEFORE = re.compile(r"^(?:MX\$|MXN\$?|\$)\s*", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(r"\s*(?:MXN|pesos?|M\.?\s?N\.?)$", re.IGNORECASE)
_FOREIGN = re.compile(r"US\$|USD|U\.S\.|€|EUR|£|¥|dólar|dolar|dollar", re.IGNORECASE)

_PLAIN = re.compile(r"^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$", re.ASCII)
_COMMA_GROUPS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d*)?$", re.ASCII)
_SPACE_GROUPS = re.compile(r"^\d{1,3}(?: \d{3})+(?:\.\d*)?$", re.ASCII)
_DIGITS_SEPS = re.compile(r"^[\d.,' ]+$", re.ASCII)


def parse_number(value: object, *, percent: bool = False) -> tuple[float | None, str | None]:
    """``(number, None)`` for a value a person reads as that number, else ``(None, reason)``.

    ``value`` is a cell as read (a str, int or float; None for an empty cell gives
    ``(None, None)``). ``percent`` allows ``80%`` = 0.8 (only for fraction columns).
    """
    if value is None:
        return None, None
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return None, "not_number"
    if isinstance(value, (int, float)) or type(value).__module__ == "numpy":
        try:
            x = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None, "not_number"
        if math.isnan(x):
            return None, None
        return (x, None) if math.isfinite(x) else (None, "num_not_finite")
    if not isinstance(value, str):
        return None, "not_number"  # dates, times, durations
    return parse_text(value, percent=percent)


def parse_text(text: str, *, percent: bool = False) -> tuple[float | None, str | None]:
    """The number a text cell holds (see the module's rules), or ``(None, reason)``."""
    s = _normalise(text)
    if not s:  # only invisible characters: not a blank a planner could see
        return (None, None) if not text else (None, "not_number")
    if _FOREIGN.search(s):
        return None, "num_currency"
    s, sign, signed = _take_sign(s)
    s, had_currency = _strip_currency(s)
    if s[:1] in ("+", "-"):  # $-5: the sign after the peso sign
        if signed:
            return None, "not_number"  # two signs
        s, sign, _ = _take_sign(s)
    is_percent = s.endswith("%")
    if is_percent:
        if had_currency:
            return None, "not_number"
        s = s[:-1].rstrip()
        if not percent:
            return None, "num_percent"
    if s.lower() in ("inf", "infinity", "nan", "infinito"):
        return None, "num_not_finite"
    number, reason = _unsigned(s)
    if reason:
        return None, reason
    assert number is not None
    if is_percent:  # correctly rounded: "12.3%" is the double nearest 0.123
        number = float(Decimal(s.replace(",", "").replace(" ", "")) / 100)
    x = sign * number
    if not math.isfinite(x):
        return None, "num_not_finite"
    return (x if x != 0 else 0.0), None


def _normalise(text: str) -> str:
    """Spaces of every width → one plain space, invisible characters dropped, full-width → ASCII."""
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat == "Zs" or ch in "\t\n\r":
            out.append(" ")
        elif cat == "Cf" or cat == "Cc":
            continue  # zero-width spaces, BOM, soft hyphen, control characters: invisible
        else:
            out.append(ch)
    s = "".join(out).translate(_TRANSLATE).strip()
    return re.sub(r" +", " ", s)


def _take_sign(s: str) -> tuple[str, float, bool]:
    """The text without a leading sign, the sign, and whether there was one."""
    if s[:1] in ("+", "-"):
        return s[1:].lstrip(), (-1.0 if s[0] == "-" else 1.0), True
    return s, 1.0, False


def _strip_currency(s: str) -> tuple[str, bool]:
    before = _CURRENCY_BEFORE.match(s)
    if before:
        s = s[before.end():]
    after = _CURRENCY_AFTER.search(s)
    if after and after.start() > 0:
        s = s[:after.start()]
    found = bool(before) or bool(after and after.start() > 0)
    if found and ("$" in s or _CURRENCY_AFTER.search(s)):
        return "\x00", True  # two currency marks: refused by the digit rules
    return s.strip(), found


def _unsigned(s: str) -> tuple[float | None, str | None]:
    """A number without sign, currency or percent."""
    if _PLAIN.match(s):
        return float(s), None
    if _COMMA_GROUPS.match(s) or _SPACE_GROUPS.match(s):
        return float(s.replace(",", "").replace(" ", "")), None
    if not _DIGITS_SEPS.match(s) or not any(c.isdigit() for c in s):
        return None, "not_number"
    return None, _why_not(s)


def _why_not(s: str) -> str:
    """The reason a text of digits and separators is refused."""
    if "'" in s:
        return "not_number"
    last_comma, last_dot = s.rfind(","), s.rfind(".")
    if last_comma > last_dot and ("." in s or " " in s):
        return "num_european"  # 15.000,00 · 1 234,5: a decimal comma after thousands marks
    if s.count(".") > 1 and "," not in s:
        return "num_european"  # 1.234.567
    if "," in s and last_dot == -1 and " " not in s and s.count(",") == 1:
        tail = s[last_comma + 1:]
        head = s[:last_comma]
        if len(tail) != 3 and tail.isdigit() and (head == "" or head.isdigit()):
            return "num_decimal_comma"  # 2,5 · 1,00 · 0,75 · 1,2345
    return "num_grouping"
