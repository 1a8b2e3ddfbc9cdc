"""One renderer per face for :class:`~planner.explain.statement.Statement` (issue 21): the app's
card, the CLI's line, the result book's row and the JSON field. Every number a face shows goes
through :func:`number`, so a figure is written the same everywhere.
"""

from __future__ import annotations

from planner.core import fmt
from planner.core.words import t
from planner.explain.statement import Interval, Number, Statement, Words

# the result book's number format per unit
BOOK_FORMATS = {"count": "#,##0", "posts": "#,##0.0", "need": "#,##0.0", "mxn": '"$"#,##0',
                "share": "0.0%", "prob": "0.0%"}


def number(n: Number) -> str:
    """``n`` as every face writes it: counts whole, posts whole from 10 up (one decimal below),
    need one decimal, pesos whole with ``$``, shares and probabilities as percents; a signed
    difference with its sign, and ``0`` when it rounds to nothing."""
    x = float(n.value)
    text = _magnitude(abs(x) if n.signed else x, n.unit)
    if not n.signed:
        return text
    if text.strip("$%0.,") == "":
        return "0"
    return ("+" if x > 0 else "-") + text


def _magnitude(x: float, unit: str) -> str:
    if unit == "count":
        return fmt.integer(x)
    if unit == "posts":
        return fmt.decimal(x) if abs(x) < 10 and abs(x - round(x)) > 0.05 else fmt.integer(x)
    if unit == "need":
        return fmt.decimal(x)
    if unit == "mxn":
        return fmt.mxn(x, suffix=False)
    if unit == "prob":  # one decimal; '0%' only when exactly 0
        return "0%" if x == 0 else fmt.percent(x, 1)
    return fmt.percent(x, 1)


def words(w: Words | None, lang: str) -> str:
    """A catalogue entry with its numbers written by :func:`number`."""
    if w is None:
        return ""
    fields = {k: (number(v) if isinstance(v, Number) else
                  words(v, lang) if isinstance(v, Words) else v) for k, v in w.fields.items()}
    return t(w.key, lang, **fields)


def interval_text(i: Interval | None, lang: str) -> str:
    if i is None:
        return ""
    return t("ex_interval", lang, lo=number(i.lo), hi=number(i.hi), over=words(i.over, lang))


def basis_text(s: Statement, lang: str) -> str:
    """«estimado (P10–P90: 9,414 a 9,525, 1,000 simulaciones de aceptación)», «supuesto: si se
    acepta cada oferta», «dato: …»."""
    note = words(s.basis_note, lang)
    head = t(f"ex_basis_{s.basis}", lang, note=note)
    return head + (" (" + interval_text(s.interval, lang) + ")" if s.interval else "")


def of_text(s: Statement, lang: str) -> str:
    """«de 12,259 ofertas (77.2%)»: the value's denominator and its share, written with it."""
    if s.of is None:
        return ""
    whole = float(s.of.value)
    share = number(Number(float(s.value.value) / whole if whole else 0.0, "share"))
    return t("ex_of", lang, what=t(s.of_what, lang, n=number(s.of)), share=share)


def against_text(s: Statement, lang: str) -> str:
    """«frente a …; más es mejor»: what a comparison compares with and which way is good."""
    if s.against is None:
        return ""
    return t("ex_against", lang, what=words(s.against, lang)) + "; " + t(
        f"ex_better_{s.better}", lang)


def caption(s: Statement, lang: str) -> str:
    """What the figure counts and on what basis, in one line: the comparison, the
    denominator, the basis (with its interval) and the statement's own context."""
    parts = [against_text(s, lang), of_text(s, lang), basis_text(s, lang), words(s.context, lang)]
    return " · ".join(p for p in parts if p)


def delta_text(s: Statement) -> str | None:
    d = s.delta
    return None if d is None else number(Number(d, s.value.unit, signed=True))


def card(s: Statement, lang: str = "es") -> dict:
    """The app's metric card: label, value, delta (None: no comparison) and Streamlit's
    delta_color (``normal`` when up is better, ``inverse`` when down is, ``off`` otherwise),
    help, and the caption below it."""
    return {"key": s.key, "label": t(s.label, lang), "value": number(s.value),
            "delta": delta_text(s),
            "delta_color": {"up": "normal", "down": "inverse"}.get(s.better, "off"),
            "help": words(s.help, lang) or None, "context": caption(s, lang),
            "basis": s.basis}


def line(s: Statement, lang: str = "es") -> str:
    """The CLI's report line: «Plazas que se espera llenar: 9,467 (de 12,259 ofertas · …)»."""
    d = delta_text(s)
    value = number(s.value) + (f" ({t('ex_change', lang, delta=d)})" if d else "")
    return f"{t(s.label, lang)}: {value} — {caption(s, lang)}"


BOOK_HEADERS = ("ex_col_figure", "ex_col_value", "ex_col_basis", "ex_col_p10", "ex_col_p90",
                "ex_col_of", "ex_col_says")


def row(s: Statement, lang: str = "es") -> tuple[list[object], str]:
    """The result book's row (:data:`BOOK_HEADERS`) and its value's number format: the value
    as a number, its basis word, the interval's ends, the denominator and the caption."""
    lo = hi = None
    if s.interval is not None:
        lo, hi = float(s.interval.lo.value), float(s.interval.hi.value)
    of = None if s.of is None else float(s.of.value)
    return ([t(s.label, lang), float(s.value.value), t(f"ex_word_{s.basis}", lang), lo, hi, of,
             caption(s, lang)], BOOK_FORMATS[s.value.unit])


def payload(s: Statement) -> dict:
    """The JSON field: English codes, numbers as numbers."""
    out: dict = {"part": s.part, "value": _num(s.value.value), "unit": s.value.unit,
                 "basis": s.basis, "better": s.better}
    if s.of is not None:
        out["of"] = _num(s.of.value)
        out["of_what"] = s.of_what
    if s.interval is not None:
        out["p10"], out["p90"] = _num(s.interval.lo.value), _num(s.interval.hi.value)
    if s.baseline is not None:
        out["baseline"] = _num(s.baseline)
    return out


def _num(x: float) -> float | int:
    x = float(x)
    return int(x) if x.is_integer() else round(x, 4)
