"""French (and English) typography and formats for the rendered document.

Everything the reader sees goes through here: dates (« 12 mars 2024 »), numbers
(« 1 234,5 »), the narrow no-break spaces French puts before `: ; ! ?` and inside
« guillemets », and the escaping that keeps a user's text plain text once it is
inside Pandoc Markdown.
"""

from __future__ import annotations

import datetime as dt
import re

NNBSP = "\u202f"
"""Espace fine insécable : avant `: ; ! ?`, dans les guillemets, entre les milliers."""
NBSP = "\u00a0"
"""Espace insécable : entre un nombre et son unité."""

MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
}

_SPACE_BEFORE = re.compile(r"[ \u00a0\u202f]+([;!?»]|:(?=\s|$))")
_AFTER_OPENING = re.compile(r"«[ \u00a0\u202f]*")
_GLUED_CLOSING = re.compile(r"(?<=[^\s\u00a0\u202f])»")


def french_spaces(text: str) -> str:
    """Put the no-break spaces of French typography where the author typed a space.

    Only spaces the author wrote are replaced (a URL's `https://` has none before its
    colon, so it is left alone); « guillemets » always get their inner spaces.
    """
    text = _SPACE_BEFORE.sub(NNBSP + r"\1", text)
    text = _AFTER_OPENING.sub("«" + NNBSP, text)
    return _GLUED_CLOSING.sub(NNBSP + "»", text)


def typography(text: str, language: str) -> str:
    """The typography of `language` applied to a text (French spaces; English unchanged)."""
    return french_spaces(text) if language == "fr" else text


def format_date(value: dt.date | None, language: str) -> str:
    """« 12 mars 2024 », « 1er mars 2024 » / "12 March 2024"."""
    if value is None:
        return ""
    month = MONTHS.get(language, MONTHS["fr"])[value.month - 1]
    if language == "en":
        return f"{value.day}{NBSP}{month}{NBSP}{value.year}"
    day = "1er" if value.day == 1 else str(value.day)
    # No-break spaces: a date never splits across two lines.
    return f"{day}{NBSP}{month}{NBSP}{value.year}"


def format_month(value: dt.date, language: str) -> str:
    """« mars 2024 » / "March 2024"."""
    return f"{MONTHS.get(language, MONTHS['fr'])[value.month - 1]} {value.year}"


def format_number(value: float | int | None, language: str, decimals: int | None = None) -> str:
    """« 1 234,5 » (fine space between thousands, decimal comma) / "1,234.5".

    Whole values print without decimals; otherwise at most `decimals` (default 2)
    significant decimals, trailing zeros removed.
    """
    if value is None:
        return ""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    text = f"{value:,.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    if language == "en":
        return text
    return text.replace(",", NNBSP).replace(".", ",")


def format_amount(value: float | None, language: str) -> str:
    """« 12 500 € » / "€12,500"."""
    if value is None:
        return ""
    number = format_number(value, language)
    return f"€{number}" if language == "en" else f"{number}{NBSP}€"


# French words that end in -s in the singular too.
_INVARIABLE = {"temps", "fois", "mois", "repas", "cours", "parcours", "accès", "succès", "prix", "avis", "corps", "dispositifs"}


def singular(unit: str, language: str) -> str:
    """« participations » → « participation », « temps d'échange » unchanged: the unit of 0 or 1 thing."""
    if language != "fr":
        return unit
    def one(word: str) -> str:
        if "'" in word or word.lower() in _INVARIABLE or len(word) <= 3:
            return word
        if word.endswith("aux"):
            return word[:-3] + "al"  # généraux → général
        return word[:-1] if word.endswith("s") else word

    return " ".join(one(word) for word in unit.split(" "))


def count(value: int, noun: str, language: str) -> str:
    """« 1 atelier », « 3 ateliers », « 0 atelier » (French puts 0 and 1 in the singular)."""
    text = format_number(value, language)
    if language == "fr":
        return f"{text}{NBSP}{singular(noun, language) if abs(value) < 2 else noun}"
    return f"{text}{NBSP}{noun if value != 1 else noun.removesuffix('s')}"


def with_unit(value: float | None, unit: str | None, language: str) -> str:
    """« 38,6 % », « 20 animations », « 1 animation »."""
    if value is None:
        return ""
    number = format_number(value, language)
    if not unit:
        return number
    if unit != "%" and language == "fr" and abs(value) < 2:
        unit = singular(unit, language)
    return f"{number}{NNBSP if unit == '%' and language == 'fr' else ('' if unit == '%' else NBSP)}{unit}"


# Pandoc Markdown -----------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~^$@&])")
_MD_LINE_START = re.compile(r"^(\s*)([-+:=]|\d+[.)])(?=\s|$)", re.MULTILINE)
_HEADING = re.compile(r"^(#{1,6})(?=\s)", re.MULTILINE)
_FENCE = re.compile(r"^(```|~~~)")


def plain(text: object, language: str) -> str:
    """A user's plain text (a title, a label) as Pandoc Markdown that prints it verbatim.

    Markdown, HTML and template syntax have no effect: `*`, `<script>`, `{{ 7*7 }}`
    print as typed. Line breaks become spaces (a label is one paragraph).
    """
    if text is None:
        return ""
    flat = " ".join(str(text).split())
    escaped = _MD_SPECIAL.sub(r"\\\1", typography(flat, language))
    return _MD_LINE_START.sub(_escape_line_start, escaped)


def _escape_line_start(match) -> str:
    """`- x` → `\\- x`, `1. x` → `1\\. x`: what Pandoc needs to read a list marker as text."""
    marker = match.group(2)
    if marker[0].isdigit():
        return match.group(1) + marker[:-1] + "\\" + marker[-1]
    return match.group(1) + "\\" + marker


def markdown(text: str | None, language: str, depth: int = 0) -> str:
    """A user's Markdown text (summary, minutes, a chapter) placed under a heading of level `depth`.

    Its headings move so that the highest becomes level `depth + 1`: the document's
    outline never skips a level (PDF/UA requires it). Raw HTML and raw blocks are
    disabled when Pandoc reads the document, so the text keeps its Markdown
    formatting and nothing else.
    """
    if not text:
        return ""
    source = text.strip("\n").splitlines()
    levels = []
    fenced = False
    for line in source:
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and (heading := _HEADING.match(line)):
            levels.append(len(heading.group(1)))
    shift = depth + 1 - min(levels) if levels and depth else 0
    lines = []
    fenced = False
    for line in source:
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            line = typography(line, language)
            if shift:
                line = _HEADING.sub(lambda m: "#" * max(1, min(6, len(m.group(1)) + shift)), line)
        lines.append(line)
    return "\n".join(lines)


def attribute(text: str) -> str:
    """A value for a Pandoc attribute (`{alt="…"}`), quotes and backslashes escaped."""
    return " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"')
