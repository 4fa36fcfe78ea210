"""Personal data (données personnelles) in a project: what an e-mail address, a phone number
or a sensitive word looks like, and the free texts where they must not appear.

The rules of `personal/` look for them, `actions/` matches publics with the same
accent-free text, and the view hides addresses and numbers in public documents.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterator

from pydantic import BaseModel

from pst_cli.project.aggregate import Project

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# French numbers: 0X XX XX XX XX or +33 X XX XX XX XX, with spaces, dots or dashes.
PHONE = re.compile(r"(?<![\d+])(?:\+33[\s.-]?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)")
# A cheap first pass over a whole file: a phone number starts with 0 or +33 then a digit
# and pairs of digits (PHONE then decides, field by field).
PHONE_START = re.compile(r"(?:\+33[\s.-]?|0)[1-9](?:[\s.-]?\d{2}){4}")
# Words that reveal health, origin, religion, opinions, union membership, sexual life
# or convictions (article 9 and 10 of the RGPD), matched without accents.
SENSITIVE = re.compile(
    r"\b(?:etat de sante|problemes? de sante|sante mentale|maladie|malade|handicap\w*|diabet\w*|cancer|"
    r"depression|psychiatr\w*|addiction|toxicoman\w*|grossesse|enceinte|"
    r"religion|religieu\w*|musulman\w*|chretien\w*|catholique|juif|juive|protestant\w*|"
    r"origine ethnique|origines? etrangeres?|ethnie|ethnique|racial\w*|sans[- ]papiers|titre de sejour|"
    r"opinions? politiques?|parti politique|syndique\w*|appartenance syndicale|"
    r"orientation sexuelle|homosexuel\w*|casier judiciaire|condamnation)\b"
)
# Fields that are not free text: an address on the web (where an "@" is not an e-mail
# address), and the `personal:` block, the one place contact details belong.
NOT_FREE_TEXT = {"url", "personal"}


def plain_text(text: str) -> str:
    """Lower-case text without accents, so `Santé` and `sante` match alike."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def may_hold_contact(text: str) -> bool:
    """Whether `text` (a whole file) may hold an e-mail address or a phone number at all."""
    return ("@" in text and EMAIL.search(text) is not None) or (_ten_digits_in_a_row(text) and PHONE_START.search(text) is not None)


# A phone number is ten digits (eleven with +33) with nothing but separators between them.
# In the UTF-8 bytes, with every digit written 0, the ASCII separators taken out and every
# other byte of a character beyond ASCII written 0 too (it may be a digit or a space of
# another script), a number becomes ten 0s in a row: a search of bytes, several times
# faster than PHONE_START, rules out the files without one.
_DIGITS = bytes(0x30 if 0x30 <= byte <= 0x39 or byte >= 0x80 else ord("x") for byte in range(256))
_SEPARATORS = bytes(byte for byte in range(128) if re.match(r"[\s.-]", chr(byte)))


def _ten_digits_in_a_row(text: str) -> bool:
    return b"0" * 10 in text.encode("utf-8", "surrogatepass").translate(_DIGITS, _SEPARATORS)


def free_texts(project: Project, files: Collection[str] | None = None) -> Iterator[tuple[BaseModel, tuple, str]]:
    """Every text field of the project outside `personal:` blocks: (model holding it, key path, text).

    Walks `project.entities`, so nested models come as entities of their own; `files`
    keeps only the entities of those files.
    """
    if files is not None and not files:
        return
    for entity in project.entities:
        relpath, loc = project.places[id(entity)]
        if files is not None and relpath not in files:
            continue
        if not NOT_FREE_TEXT.intersection(loc):
            yield from _own_texts(entity)


def _own_texts(entity: BaseModel) -> Iterator[tuple[BaseModel, tuple, str]]:
    """The text fields of `entity` itself (the models inside it are entities of their own)."""
    for name, value in entity.__dict__.items():  # much faster than iterating the pydantic model
        if name in NOT_FREE_TEXT:
            continue
        if isinstance(value, str):
            yield entity, (name,), value
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, str):
                    yield entity, (name, index), item
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, str):
                    yield entity, (name, key), item


def named_people(project: Project) -> list:
    """The stakeholders a personal name identifies as people (what the `personal/*` rules call a named person)."""
    return [stakeholder for stakeholder in project.stakeholders if stakeholder.personal and stakeholder.personal.name]
