"""Change values in a YAML file and nothing else: the smallest edit, or the round trip of `pst add`.

A value that replaces an existing scalar (a label, a target, an owner) is written in
place of that scalar's own characters, in the quoting the user chose (plain, `'…'` or
`"…"`): every other byte of the file, comments and layout included, stays as it was,
and `git diff` shows that value alone. The edited text is read back and must give the
old values with exactly the new ones in place; when it does not (a new key, a value
that a scalar's place cannot hold), the file goes through ruamel.yaml's round trip
instead, comments and key order kept, as `pst add` writes (`project.roundtrip`).
"""

from __future__ import annotations

import datetime as dt
import json
import re

from pydantic import BaseModel

from pst_cli.project.roundtrip import dump_text, insert_key, load_text, plain
from pst_cli.project.yamlfast import YamlProblem, _node_at, compose, to_python

Loc = tuple
"""A path of keys and indexes inside a file: `("general_objectives", 0, "title")`."""
DELETE = object()
"""The value of an edit that removes the key (or the item of a list) at its path."""
_PLAIN_SAFE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#:]*$")
_RESERVED = re.compile(r"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9][0-9._:eExXoOa-fA-F+-]*|\.inf|\.nan|[-+]?\.[0-9].*)$")


def _python(value: object) -> object:
    """A value as the loader reads it back from text (dates stay text until the schema)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _scalar_text(value: object, old: str) -> str | None:
    """The characters that write `value` where the scalar `old` (its characters in the file) was, or None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, dt.date)):
        return str(plain(value)) if not isinstance(value, dt.date) else value.isoformat()
    text = str(value)
    if "\n" in text or not text:
        return None
    if old.startswith('"'):
        return json.dumps(text, ensure_ascii=False)
    if old.startswith("'"):
        return "'" + text.replace("'", "''") + "'"
    if _PLAIN_SAFE.match(text) and not _RESERVED.match(text) and not text.endswith(" ") and " #" not in text:
        return text
    return json.dumps(text, ensure_ascii=False) if "'" in text else "'" + text + "'"


def _set(data: object, loc: Loc, value: object) -> None:
    for part in loc[:-1]:
        data = data[part]
    data[loc[-1]] = value


def set_scalars(text: str, edits: list[tuple[Loc, object]]) -> str | None:
    """`text` with each existing scalar at `loc` replaced by its new value, every other byte kept; None if that cannot be done."""
    try:
        root = compose(text)
    except YamlProblem:
        return None
    if root is None:
        return None
    spans = []
    for loc, value in edits:
        node = _node_at(root, loc)
        if value is DELETE or node is None or not hasattr(node, "style") or node.tag.endswith(("map", "seq")):
            return None
        start, end = node.start_mark.index, node.end_mark.index
        if node.style in ("|", ">"):
            return None
        written = _scalar_text(value, text[start:end])
        if written is None:
            return None
        spans.append((start, end, written))
    spans.sort()
    if any(a[1] > b[0] for a, b in zip(spans, spans[1:], strict=False)):
        return None
    out, position = [], 0
    for start, end, written in spans:
        out += [text[position:start], written]
        position = end
    out.append(text[position:])
    edited = "".join(out)
    expected = to_python(root)
    for loc, value in edits:
        _set(expected, loc, _python(value))
    try:
        again = compose(edited)
    except YamlProblem:
        return None
    return edited if again is not None and to_python(again) == expected else None


def set_in_tree(tree: object, loc: Loc, value: object, model: type[BaseModel] | None = None) -> None:
    """Set the value at `loc` in a ruamel.yaml round-trip tree, in the quoting the old value had; a new key goes at its schema place."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import ScalarString

    parent = tree
    for part in loc[:-1]:
        parent = parent[part]
    key = loc[-1]
    if value is DELETE:
        del parent[key]
        return
    old = parent[key] if (isinstance(parent, dict) and key in parent) or (isinstance(parent, list) and isinstance(key, int) and key < len(parent)) else None
    if isinstance(old, ScalarString) and isinstance(value, str) and "\n" not in value:
        value = type(old)(value)
    if isinstance(old, CommentedSeq) and isinstance(value, list):
        old[:] = [plain(item) for item in value]  # the list keeps its style (`[a, b]` or a block) and its comments
        return
    value = plain(value)
    if isinstance(parent, CommentedMap) and key not in parent and model is not None:
        insert_key(parent, model, key, value)
    else:
        parent[key] = value


def edit_text(text: str, edits: list[tuple[Loc, object]], models: dict[Loc, type[BaseModel]] | None = None) -> str:
    """The file with `edits` made: in place when possible (`set_scalars`), else through the round trip.

    `models` gives, for the mapping that receives a new key, its model (so that the key
    takes its place in the schema's order).
    """
    edited = set_scalars(text, edits)
    if edited is not None:
        return edited
    tree = load_text(text)
    for loc, value in edits:
        set_in_tree(tree, loc, value, (models or {}).get(loc[:-1]))
    return dump_text(tree)
