"""French (and English) typography and formats for the rendered document.

Everything the reader sees goes through here: dates (« 12 mars 2024 »), numbers
(« 1 234,5 ») and amounts from the language's CLDR rules (Babel), the narrow no-break
spaces French puts before `: ; ! ?` and inside « guillemets », and the escaping that
keeps a user's text plain text once it is inside Pandoc Markdown.

Babel is imported inside the functions that format: `pst check` and `pst --help` never
load it.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import re

NNBSP = "\u202f"
"""Espace fine insécable : avant `: ; ! ?`, dans les guillemets, entre les milliers."""
NBSP = "\u00a0"
"""Espace insécable : entre un nombre et son unité."""

LOCALES = {"fr": "fr_FR", "en": "en_GB"}
"""The CLDR locale of each language: British English, like the document's language tag (en-GB)."""

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


@functools.cache
def _locale(language: str):
    from babel import Locale

    return Locale.parse(LOCALES.get(language, LOCALES["fr"]))


@functools.cache
def _pattern(decimals: int):
    """Grouped thousands and at most `decimals` decimals, trailing zeros dropped: `#,##0.##`."""
    from babel.numbers import parse_pattern

    return parse_pattern("#,##0" + ("." + "#" * decimals if decimals > 0 else ""))


@functools.cache
def _amount_pattern(language: str):
    """The language's currency pattern (`#,##0.00 ¤`, `¤#,##0.00`) for euros, decimals as `format_number` writes them."""
    from babel.numbers import get_currency_symbol, parse_pattern

    locale = _locale(language)
    # The symbol goes in as a literal: Babel would otherwise look the currency's name up on every call.
    euro = "'" + get_currency_symbol("EUR", locale) + "'"
    return parse_pattern(locale.currency_formats["standard"].pattern.replace("0.00", "0.##").replace("¤", euro))


def format_date(value: dt.date | None, language: str) -> str:
    """« 12 mars 2024 », « 1er mars 2024 » / "12 March 2024": the language's long date."""
    if value is None:
        return ""
    from babel.dates import format_date as long_date

    text = long_date(value, "long", locale=_locale(language))
    if language == "fr" and value.day == 1:
        # French writes the first of the month as an ordinal; CLDR's pattern has no such day.
        text = re.sub(r"^1(?=\s)", "1er", text)
    # No-break spaces: a date never splits across two lines.
    return text.replace(" ", NBSP)


def format_time(value: str | None, language: str) -> str:
    """« 9 h », « 13 h 30 » / "9:00", "13:30": an hour of the day (`HH:MM`, as `means.yaml` stores it).

    French writes the hour with « h » between no-break spaces (Lexique de l'Imprimerie
    nationale) and no minutes on the hour; English writes `H:MM`."""
    if not value:
        return ""
    hours, minutes = (int(part) for part in value.split(":"))
    if language == "fr":
        return f"{hours}{NBSP}h" + (f"{NBSP}{minutes:02d}" if minutes else "")
    return f"{hours}:{minutes:02d}"


def format_number(value: float | int | None, language: str, decimals: int | None = None) -> str:
    """« 1 234,5 » (narrow no-break space between thousands, decimal comma) / "1,234.5".

    Whole values print without decimals; others with at most `decimals` (default 2)
    decimals, trailing zeros dropped. Halves round up, on the value as written
    (1,005 → 1,01), not on its binary approximation.
    """
    if value is None:
        return ""
    with decimal.localcontext(rounding=decimal.ROUND_HALF_UP):
        return _pattern(2 if decimals is None else decimals).apply(value, _locale(language))


def format_amount(value: float | None, language: str) -> str:
    """« 12 500 € » / "€12,500": euros placed as the language places a currency, decimals as `format_number`."""
    if value is None:
        return ""
    with decimal.localcontext(rounding=decimal.ROUND_HALF_UP):
        return _amount_pattern(language).apply(value, _locale(language))


def with_unit(value: float | None, unit: str | None, language: str) -> str:
    """« 38,6 % », « 20 animations », « 1 animation »: a value and the unit the user typed for it.

    The unit is the user's own words, typed in the plural as most values are, and is
    printed as typed (`%` and `€` placed as the language places them), with one rule:
    French puts 0 and 1 in the singular, so below 2 the nouns that open the unit lose
    their plural `s` (« 1 session de formation », « 0 action et service », « 1 personne
    âgée »). The complement after the first preposition stays as typed, and so does a
    word that ends in -s in the singular too (« temps d'échange ») or in -x (« 1 bureaux »
    rather than a wrong guess). English units are printed as typed. pst's own nouns never
    come here: their counts are catalogue entries with their plural forms (`tn`).
    """
    if value is None:
        return ""
    number = format_number(value, language)
    if not unit:
        return number
    if unit == "%":
        return f"{number}{NNBSP if language == 'fr' else ''}%"
    if unit == "€":
        return format_amount(value, language)
    if language == "fr" and abs(value) < 2:
        unit = _french_unit_of_one(unit)
    return f"{number}{NBSP}{unit}"


# Prepositions that open the complement of a unit (« sessions *de* formation », « mises *en* réseau »).
_COMPLEMENT = {"de", "du", "des", "en", "à", "au", "aux", "pour", "par", "avec", "sur", "sous", "dans", "chez", "entre"}
# Nouns a unit may open with that end in -s in the singular too.
_SINGULAR_IN_S = {"temps", "fois", "mois", "cours", "parcours", "concours", "secours", "repas", "accès", "succès", "progrès", "avis", "corps"}


def _french_unit_of_one(unit: str) -> str:
    """« sessions de formation » → « session de formation »: the unit as French writes it after 0 or 1."""
    words = unit.split(" ")
    for index, word in enumerate(words):
        lower = word.lower()
        if lower in _COMPLEMENT or "'" in word or "’" in word:
            break
        if lower not in _SINGULAR_IN_S and len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            words[index] = word[:-1]
    return " ".join(words)


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
    """A value for a Pandoc attribute (`{alt="…"}`), quotes and backslashes escaped.

    `<` and `>` become `‹ ›`: Pandoc escapes an attribute in each format it writes, but a
    Markdown viewer that reads the `.md` output as CommonMark sees the attribute as text,
    where `<script>` would be raw HTML to it.
    """
    flat = " ".join(text.split()).replace("<", "‹").replace(">", "›")
    return flat.replace("\\", "\\\\").replace('"', '\\"')


_RAW_ATTRIBUTE = re.compile(r"(?<=[^\s`])`\{=")


def inert_markdown(text: str) -> str:
    """The `.md` output as Pandoc wrote it, with the one construct its writer leaves open:
    `` `code`{=html} `` would be raw HTML again to a reader with `raw_attribute`, so its
    brace is escaped (`` `code`\\{=html} `` reads back as the same text)."""
    return _RAW_ATTRIBUTE.sub("`\\\\{=", text)


_CSS_IMPORT = re.compile(r"@import[^;]*;?", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*['\"]?+(?!data:image/)[^)]*\)", re.IGNORECASE)
_CSS_ACTIVE = re.compile(r"expression\s*\(|javascript:|behavior\s*:|-moz-binding", re.IGNORECASE)


def inert_css(css: str) -> str:
    """A project's `templates/style.css` made unable to act or to fetch: it restyles the HTML, nothing more.

    The style sheet is placed inside `<style>` in a self-contained page, so `<` is escaped
    (`\\3c`, the same character to CSS) and can never close that element; `@import` and
    `url(…)` other than inline images are dropped (the page would load them from the
    network when opened), and so are the old active forms (`expression()`, `behavior:`).
    """
    css = css.replace("<", "\\3c ")
    css = _CSS_IMPORT.sub("", css)
    css = _CSS_URL.sub("none", css)
    return _CSS_ACTIVE.sub("invalid", css)
