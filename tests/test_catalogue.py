"""The language catalogue: every key in every language, the same placeholders, compiled files up to date."""

from __future__ import annotations

import gettext
import re
import string
import sys
import typing
from pathlib import Path

import pytest

from pst_cli import i18n
from pst_cli.model.common import StakeholderCategory
from pst_cli.model.project import ProjectKind
from pst_cli.rules import RULES

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))
import catalogue  # noqa: E402 - the compiler of tools/catalogue.py


def messages(language: str, domain: str = "pst") -> dict:
    """The compiled messages of a language, as the program reads them."""
    table = gettext.translation(domain, i18n.LOCALE_DIR, languages=[language])._catalog
    return {key: value for key, value in table.items() if key != ""}


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_exists_in_every_language_with_the_same_placeholders():
    french, english = messages("fr"), messages("en")
    names = {language: {key[0] if isinstance(key, tuple) else key for key in table} for language, table in (("fr", french), ("en", english))}
    assert sorted(names["fr"] - names["en"]) == [], "keys only in French"
    assert sorted(names["en"] - names["fr"]) == [], "keys only in English"
    english_forms = {key[0] if isinstance(key, tuple) else key: text for key, text in english.items()}
    for key, text in french.items():
        name = key[0] if isinstance(key, tuple) else key
        assert fields(text) == fields(english_forms[name]), f"{name}: placeholders differ between fr and en"
    for name in {key[0] for key in french if isinstance(key, tuple)}:
        assert (name, 2) in french and (name, 1) in english, f"{name}: plural forms missing (French has 3, English 2)"


def test_no_placeholder_text_is_left_to_translate():
    for language in i18n.LANGUAGES:
        for key, text in messages(language).items():
            assert not text.startswith("TODO"), f"{language}: {key} is not written yet"
            assert text, f"{language}: {key} is empty"


def test_the_compiled_catalogues_are_up_to_date():
    """The .mo files are committed: recompiling the .po sources must give the same messages."""
    for path, data in catalogue.compiled().items():
        assert path.exists(), f"{path} is missing: run python tools/catalogue.py"
        fresh = gettext.GNUTranslations(__import__("io").BytesIO(data))._catalog
        committed = gettext.GNUTranslations(path.open("rb"))._catalog
        assert fresh == committed, f"{path.relative_to(REPO)} is stale: run python tools/catalogue.py"


def test_french_plurals_follow_cldr():
    i18n.activate("fr")
    assert [i18n.tn("report.errors", n) for n in (0, 1, 2)] == ["0 erreur", "1 erreur", "2 erreurs"]
    i18n.activate("en")
    assert [i18n.tn("report.errors", n) for n in (0, 1, 2)] == ["0 errors", "1 error", "2 errors"]
    i18n.activate("fr")


LOOKUP = re.compile(r"""\b(?:t|tn|has|\w+\.of)\(\s*["']([a-z][\w./-]*)["']""")
HELP = re.compile(r"""help=["'](cli\.[\w.-]+)["']""")


def test_every_key_the_code_names_is_in_the_catalogue():
    known = {key if isinstance(key, str) else key[0] for key in messages("fr")}
    missing = []
    for path in (REPO / "pst_cli").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for match in [*LOOKUP.finditer(text), *HELP.finditer(text)]:
            key = match.group(1)
            if key not in known:
                missing.append(f"{path.relative_to(REPO)}: {key}")
    assert missing == []


@pytest.mark.parametrize("family", ["summary", "doc"])
def test_every_rule_is_documented(family):
    known = messages("fr")
    assert [rule.id for rule in RULES if f"rules.{rule.id}.{family}" not in known] == []


def test_every_code_of_the_format_has_a_label():
    known = messages("fr")
    codes = [f"value.{code}" for code in typing.get_args(ProjectKind)]
    codes += [f"category.{code}" for code in typing.get_args(StakeholderCategory)]
    assert [code for code in codes if code not in known] == []


def test_only_the_catalogue_words_messages():
    """No module but the catalogue picks between a French and an English wording."""
    offenders = [
        str(path.relative_to(REPO))
        for path in (REPO / "pst_cli").rglob("*.py")
        if "say(" in path.read_text(encoding="utf-8") and path.parent.name != "i18n"
    ]
    assert offenders == []


def test_french_messages_follow_french_typography():
    """A narrow no-break space before « : ; ! ? » and inside guillemets, never a plain space."""
    wrong = re.compile(r"[ \u00a0][:;!?](?=\s|$)|« | »")
    offenders = [key for key, text in messages("fr").items() if isinstance(text, str) and wrong.search(text)]
    offenders += [key for key, text in messages("fr", "click").items() if wrong.search(text)]
    assert offenders == []
