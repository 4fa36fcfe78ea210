"""Compile the language catalogues: `pst_cli/i18n/<language>/*.po` → `locale/<language>/LC_MESSAGES/*.mo`.

    python tools/catalogue.py           # write the .mo files
    python tools/catalogue.py --check   # exit 1 when a .mo file is stale (the tests do this)

Every `.po` of a language but `click.po` goes into one `pst.mo`; `click.po` (Click's and
Typer's own messages, English ids) becomes `click.mo`. Babel writes the plural rule of
each language from CLDR, so `Plural-Forms` is never typed by hand.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "pst_cli" / "i18n"
LANGUAGES = ("fr", "en")


def catalogue(language: str, files: list[Path]) -> Catalog:
    """One catalogue holding the messages of `files`; a key written twice is an error."""
    # Fixed dates: the same sources always give the same bytes.
    stamp = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    merged = Catalog(locale=language, domain="pst", project="pst", fuzzy=False, creation_date=stamp, revision_date=stamp)
    for path in files:
        with path.open("rb") as handle:
            part = read_po(handle, locale=language)
        for message in part:
            if not message.id:
                continue
            if message.id in merged:
                raise SystemExit(f"{path}: the key {message.id!r} is already defined in another file of {language}/")
            merged[message.id] = message
    return merged


def compiled() -> dict[Path, bytes]:
    """The bytes of every .mo file, by path."""
    out: dict[Path, bytes] = {}
    for language in LANGUAGES:
        sources = sorted((I18N / language).glob("*.po"))
        groups = {"pst": [p for p in sources if p.name != "click.po"], "click": [p for p in sources if p.name == "click.po"]}
        for domain, files in groups.items():
            if not files:
                continue
            buffer = io.BytesIO()
            write_mo(buffer, catalogue(language, files), use_fuzzy=False)
            out[I18N / "locale" / language / "LC_MESSAGES" / f"{domain}.mo"] = buffer.getvalue()
    return out


def main(argv: list[str]) -> int:
    stale = []
    for path, data in compiled().items():
        if path.exists() and path.read_bytes() == data:
            continue
        stale.append(path)
        if "--check" not in argv:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    if "--check" in argv and stale:
        print("stale: " + ", ".join(str(p.relative_to(ROOT)) for p in stale) + " — run python tools/catalogue.py")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
