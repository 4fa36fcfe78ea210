"""The bookmark names `pst render` wraps around each entity of the document.

Word accepts bookmark names of at most 40 letters, digits and underscores, starting
with a letter; an id of pst also has `.` and `-`. The name is `pst_` and the id with
`_` as an escape (`_d` a dot, `_h` a hyphen, `_u` an underscore), so that it reads
back to the id: `A1.OG2` → `pst_A1_dOG2`. A slot inside the entity other than its
title or label (the third example of a general objective) follows as `_<index>`.
An id too long for 40 characters gets a name made from its hash, found back through
the ids of the project.
"""

from __future__ import annotations

import hashlib
import re

PREFIX = "pst_"
LIMIT = 40
_ESCAPES = {".": "_d", "-": "_h", "_": "_u"}
_UNESCAPES = {value[1]: key for key, value in _ESCAPES.items()}
_NAME = re.compile(r"pst_([A-Za-z0-9]+(?:_[dhu][A-Za-z0-9]*)*)(?:_(\d+))?")


def anchor_name(entity_id: str, slot: int | None = None) -> str:
    """The bookmark of an entity (`slot` None: its title or label; a number: that item of its examples)."""
    encoded = "".join(_ESCAPES.get(char, char) for char in entity_id)
    name = PREFIX + encoded + (f"_{slot}" if slot is not None else "")
    if len(name) <= LIMIT:
        return name
    digest = hashlib.sha1(entity_id.encode("utf-8")).hexdigest()[:16]
    return f"{PREFIX}x{digest}" + (f"_{slot}" if slot is not None else "")


def parse_anchor(name: str, ids: set[str] | frozenset[str] = frozenset()) -> tuple[str, int | None] | None:
    """(entity id, slot) of a bookmark name of pst, or None for any other bookmark.

    A hashed name is found back among `ids`, the ids of the project.
    """
    if name.startswith(PREFIX + "x") and len(name) >= len(PREFIX) + 17:
        digest, _, slot = name[len(PREFIX) + 1 :].partition("_")
        for entity_id in ids:
            if hashlib.sha1(entity_id.encode("utf-8")).hexdigest()[:16] == digest:
                return entity_id, int(slot) if slot.isdigit() else None
    match = _NAME.fullmatch(name)
    if match is None:
        return None
    encoded, slot = match.groups()
    entity_id = re.sub(r"_([dhu])", lambda m: _UNESCAPES[m.group(1)], encoded)
    return entity_id, int(slot) if slot is not None else None
