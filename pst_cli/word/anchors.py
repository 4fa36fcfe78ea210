"""The one name of each entity in the documents pst writes: `<kind>-<id>`.

`pst render` gives each entity one anchor, `objective-A1.OG2`, `indicator-I-A1.OG1-1`,
`action-FA-01` (the kind is one of the model's `id_kinds`): the HTML id, the Typst
label, the DOCX and ODT bookmark all carry that name, and every mention of the entity
links to it (`render/view.py`, `templates/document/anchors.lua`). Where the entity has
a title or a label, the anchor is around it (or around the heading that holds it).
`pst import comments` reads the same names back from the bookmarks of a reviewed DOCX.

An item of a list inside an entity that a reviewer may change on its own (an example
of a general objective) has a name of its own: `example-<n>-<id>`, `n` counted from 1.

Word keeps bookmark names of at most 40 characters: Pandoc writes a longer name as
`X` and 39 hexadecimal digits of its SHA-1 (`docx_bookmark`), found back from the
names of the project.
"""

from __future__ import annotations

import hashlib

EXAMPLE = "example"
"""The kind of the anchor around one example of a general objective."""
WORD_LIMIT = 40


def anchor_name(kind: str, entity_id: str, item: int | None = None) -> str:
    """The anchor of an entity of `kind` (`item` None), or of its example `item` (0-based)."""
    if item is None:
        return f"{kind}-{entity_id}"
    return f"{EXAMPLE}-{item + 1}-{entity_id}"


def docx_bookmark(name: str) -> str:
    """The bookmark Pandoc writes in a DOCX for the anchor `name` (Word's limit is 40 characters)."""
    if len(name) <= WORD_LIMIT:
        return name
    return "X" + hashlib.sha1(name.encode("utf-8")).hexdigest()[1:WORD_LIMIT]

