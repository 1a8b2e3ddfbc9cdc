"""Help pages in the planner's language, decided when the page is drawn (issue 21).

Typer and click take a command's and an option's help as a plain string when the command
module is imported, long before ``--lang`` is read. So every help text is declared with
:func:`h` (a catalogue key) or :func:`lazy` (a function of the language, for a help built from
the schema): both return the Spanish text, which is what click stores, and remember how to say
it in any language. When a help page is drawn (:func:`localise`, called by the command classes
of :mod:`planner.cli.common`), each help and metavar is replaced by its text in the language of
the command line: ``--lang en`` or ``--lang=en`` anywhere among the arguments, Spanish
otherwise. The arguments are the ones the command group was called with (:func:`remember`), so
``CliRunner`` and the console script read the same language.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable, Sequence

from planner.core.words import DEFAULT_LANG, LANGS, t

# Spanish text (as click stores it: inspect.cleandoc) -> the text in a language
_SAY: dict[str, Callable[[str], str]] = {}
_ARGV: list[str] | None = None  # the arguments of the running command line


def lazy(say: Callable[[str], str]) -> str:
    """Register a help text given as a function of the language; returns its Spanish text."""
    es = inspect.cleandoc(say("es"))
    known = _SAY.get(es)
    if known is not None and known("en") != say("en"):
        raise ValueError(f"two help texts share the Spanish {es!r} but not the English")
    _SAY[es] = say
    return es


def h(key: str, **fields: object) -> str:
    """The help text of catalogue key ``key`` (with ``fields``), in the language of the page."""
    return lazy(lambda lang: t(key, lang, **fields))


def resolve(text: str | None, lang: str) -> str | None:
    """``text`` (a help registered by :func:`h` or :func:`lazy`) in ``lang``; any other text
    unchanged."""
    if not text:
        return text
    say = _SAY.get(text) or _SAY.get(inspect.cleandoc(text))
    return say(lang) if say is not None else text


def remember(argv: Sequence[str]) -> None:
    """Keep the arguments of the command line being run (the command group's ``main``)."""
    global _ARGV
    _ARGV = list(argv)


def lang_of(argv: Sequence[str]) -> str:
    """The language asked for by ``--lang X`` or ``--lang=X`` anywhere in ``argv``."""
    for i, a in enumerate(argv):
        value = (argv[i + 1] if a == "--lang" and i + 1 < len(argv) else
                 a.split("=", 1)[1] if a.startswith("--lang=") else None)
        if value is not None and value.strip().lower() in LANGS:  # as the option's parser reads it
            return value.strip().lower()
    return DEFAULT_LANG


def page_lang() -> str:
    """The language of the help page being drawn."""
    return lang_of(sys.argv[1:] if _ARGV is None else _ARGV)


# Click's and typer's own words in its help pages, in Spanish; every other word of a help page
# is the catalogue's. Type labels (``<path>``) are swapped before click aligns its columns.
HELP_WORDS_ES = (("Usage:", "Uso:"), ("Options:", "Opciones:"), ("Arguments:", "Argumentos:"),
                 ("Commands:", "Comandos:"), ("Show this message and exit.",
                                              "Muestra esta ayuda y termina."),
                 ("[default:", "[por omisión:"), ("[required]", "[obligatorio]"),  # a wrap may follow ":"
                 ("[OPTIONS]", "[OPCIONES]"), ("COMMAND [ARGS]...", "COMANDO [ARGUMENTOS]..."),
                 ("[x>=", "[x≥"))
TYPE_WORDS_ES = {"path": "ruta", "float": "número", "int": "entero", "str": "texto",
                 "list[str]": "lista[texto]", "list[path]": "lista[ruta]"}


def help_in(text: str, lang: str) -> str:
    """A help page with click's own words in ``lang`` (English is click's)."""
    if lang != "es":
        return text
    for en, es in HELP_WORDS_ES:
        text = text.replace(en, es)
    return text


def _type_label(param: object, lang: str) -> None:
    """The parameter's type label (``<path>``) in ``lang``."""
    method = type(param).__dict__.get("display_type") or getattr(type(param), "display_type", None)
    if method is None:
        return
    if lang != "es":
        vars(param).pop("display_type", None)
        return

    def display_type(ctx, _method=method, _param=param):
        label = _method(_param, ctx)
        inner = label[1:-1] if label.startswith("<") and label.endswith(">") else None
        return f"<{TYPE_WORDS_ES[inner]}>" if inner in TYPE_WORDS_ES else label

    param.display_type = display_type


def _swap(obj: object, attr: str, lang: str) -> None:
    """Set ``obj.attr`` to its text in ``lang``, from the text it was declared with."""
    source = f"_declared_{attr}"
    if not hasattr(obj, source):
        setattr(obj, source, getattr(obj, attr, None))
    declared = getattr(obj, source)
    if declared is not None:
        setattr(obj, attr, resolve(declared, lang))


def localise(command: object, lang: str) -> None:
    """``command``'s help, its parameters' help and metavars, and its subcommands' help (the
    list a group's page shows) in ``lang``."""
    _swap(command, "help", lang)
    for param in getattr(command, "params", ()):
        _swap(param, "help", lang)
        _swap(param, "metavar", lang)
        _type_label(param, lang)
    for sub in getattr(command, "commands", {}).values():
        _swap(sub, "help", lang)
