"""The language catalogue: every word pst prints or writes, looked up by key.

One place per language: the gettext catalogues `pst_cli/i18n/<language>/*.po`, whose
message ids are keys (`load.too-large`, `rules.plan/axis-without-finding.message`).
They are compiled into `locale/<language>/LC_MESSAGES/pst.mo` by `tools/catalogue.py`
(Babel, which also writes each language's plural rule from CLDR); at run time only the
standard library's `gettext` reads them, so start-up stays fast.

The language is resolved once per command (`pst.yaml`'s `language:`, else `--lang` or
`PST_LANG`, else French) and activated here. Click's and Typer's own messages (usage
errors, `--help`) have a French catalogue too, `click.po`, in their gettext domain.

Placeholders are `str.format` fields, filled with values that are never evaluated.
"""

from __future__ import annotations

import os
from pathlib import Path

LANGUAGES = ("fr", "en")
DEFAULT = "fr"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_active = DEFAULT
_catalogues: dict[str, object] = {}


def _catalogue(language: str):
    found = _catalogues.get(language)
    if found is None:
        import gettext

        found = gettext.translation("pst", LOCALE_DIR, languages=[language])
        _catalogues[language] = found
    return found


def activate(language: str | None) -> str:
    """Make `language` the language of every message from now on (French when unknown)."""
    global _active
    _active = language if language in LANGUAGES else DEFAULT
    import gettext

    # Click and Typer translate through the standard library's default domain, chosen by
    # LANGUAGE: pst's French catalogue of their messages answers there.
    gettext.bindtextdomain("click", str(LOCALE_DIR))
    gettext.textdomain("click")
    os.environ["LANGUAGE"] = _active
    return _active


def active() -> str:
    """The language of the current command."""
    return _active


def t(key: str, /, **values: object) -> str:
    """The message `key` in the active language, its placeholders filled with `values`."""
    text = _catalogue(_active).gettext(key)
    return text.format(**values)


def tn(key: str, count: int, /, **values: object) -> str:
    """The message `key` in the plural form CLDR gives `count` in the active language."""
    text = _catalogue(_active).ngettext(key, key, count)
    return text.format(count=count, **values)


def has(key: str) -> bool:
    """Whether the catalogue of the active language holds `key`."""
    return key in _catalogue(_active)._catalog  # noqa: SLF001 - gettext's own table of messages


def section(prefix: str) -> dict[str, str]:
    """Every message whose key starts with `prefix.`, by the rest of its key (labels of a document)."""
    start = prefix + "."
    return {
        key[len(start):]: text
        for key, text in _catalogue(_active)._catalog.items()  # noqa: SLF001
        if isinstance(key, str) and key.startswith(start)
    }
