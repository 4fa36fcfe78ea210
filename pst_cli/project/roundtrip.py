"""Comment-preserving YAML edits (ruamel.yaml round-trip), shared by `pst fmt` and `pst add`.

The loader reads files with libyaml for speed; files that are written back go through
ruamel.yaml's round-trip mode instead, which keeps comments, blank lines, quotes and
flow lists (`[C1, C2]`) exactly as the user wrote them. Every writer uses the one
`yaml_instance()` so that a file edited by `pst add` is already in the layout of `pst fmt`.
"""

from __future__ import annotations

import io
import typing
from pathlib import Path

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

from pst_cli.model import FileKind

# Wide enough that no sentence of a plan is ever re-wrapped onto several lines.
WIDTH = 4096


class _Constructor(RoundTripConstructor):
    """ruamel.yaml's round-trip constructor, but an impossible date (`2024-02-30`) is a
    positioned YAML error instead of a Python `ValueError`."""

    def construct_yaml_timestamp(self, node, values=None):  # noqa: ANN001 - ruamel's signature
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            raise ConstructorError(None, None, f"date impossible : {node.value}", node.start_mark) from None


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


def yaml_instance() -> YAML:
    """The house layout: mappings at +2, sequence dashes at +2 under their key, quotes kept."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = WIDTH
    yaml.preserve_quotes = True
    yaml.allow_duplicate_keys = False
    return yaml


def load_text(text: str) -> object:
    """The round-trip tree of a YAML text (a BOM, if any, is dropped)."""
    return yaml_instance().load(text.removeprefix("\ufeff"))


def dump_text(tree: object) -> str:
    """The text of a round-trip tree, `\\n` line ends, ending with exactly one newline."""
    stream = io.StringIO()
    yaml_instance().dump(tree, stream)
    return reindent_comments(stream.getvalue().rstrip("\n") + "\n")


def reindent_comments(text: str) -> str:
    """Indent each full-line comment like the line it introduces.

    ruamel.yaml keeps a comment at the column where it was typed; once keys and lists
    are re-indented, a comment would drift away from what it describes. Lines inside
    multi-line scalars (`|`, `>`, quoted text) are text, not comments, and stay as they are.
    """
    lines = text.split("\n")
    inside_scalars = _scalar_lines(text)
    if inside_scalars is None:
        return text
    indent = 0
    for number in range(len(lines) - 1, -1, -1):
        line = lines[number]
        stripped = line.lstrip(" ")
        if not stripped or number in inside_scalars:
            continue
        if stripped.startswith("#"):
            lines[number] = " " * indent + stripped
        else:
            indent = len(line) - len(stripped)
    return "\n".join(lines)


def _scalar_lines(text: str) -> set[int] | None:
    """0-based numbers of the lines that continue a multi-line scalar (None if the text is not YAML)."""
    import yaml

    lines: set[int] = set()
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            if node.end_mark.line > node.start_mark.line:
                lines.update(range(node.start_mark.line + 1, node.end_mark.line + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in node.value for item in pair)
    return lines


def comments(text: str) -> list[tuple[int, str]]:
    """Every comment of a YAML text: (1-based line, text of the comment).

    A `#` starts a comment at the start of a line or after a space, outside quotes and
    outside multi-line scalars — the rule of YAML itself.
    """
    inside_scalars = _scalar_lines(text) or set()
    found = []
    for number, line in enumerate(text.split("\n")):
        if number in inside_scalars or "#" not in line:
            continue
        quote = ""
        for index, char in enumerate(line):
            if quote:
                if char == quote:
                    quote = ""
            elif char in "\"'" and (index == 0 or line[index - 1] in " \t[{,:-"):
                quote = char
            elif char == "#" and (index == 0 or line[index - 1] in " \t"):
                found.append((number + 1, line[index:].strip()))
                break
    return found


def lost_comment(before: str, after: str) -> tuple[int, str] | None:
    """The first comment of `before` that `after` no longer has, with its line; None if all are kept."""
    from collections import Counter

    remaining = Counter(comment for _, comment in comments(after))
    for line, comment in comments(before):
        if remaining[comment] == 0:
            return line, comment
        remaining[comment] -= 1
    return None


def modeline(kind: FileKind, relpath: str) -> str:
    """The `# yaml-language-server` line that points an editor at the kind's JSON Schema."""
    depth = relpath.count("/")
    return f"# yaml-language-server: $schema={'../' * depth}.pst/schemas/{kind.name}.schema.json\n"


# Key order ------------------------------------------------------------------------


def _model_in(annotation: object) -> type[BaseModel] | None:
    """The pydantic model inside an annotation (`X | None`, `list[X]`, `Annotated[X, …]`)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


def _is_list(annotation: object) -> bool:
    origin = typing.get_origin(annotation)
    if origin is list:
        return True
    return any(_is_list(argument) for argument in typing.get_args(annotation) if typing.get_origin(argument) is not None)


def order_keys(node: object, model: type[BaseModel]) -> None:
    """Reorder the keys of `node` (and of the models inside it) in the schema's field order.

    Keys the schema does not know (typos reported by `pst check`) keep their relative
    order after the known ones. Comments belong to their key in ruamel.yaml's tree, so
    they travel with it.
    """
    if not isinstance(node, CommentedMap):
        return
    fields = model.model_fields
    wanted = [key for key in fields if key in node] + [key for key in node if key not in fields]
    if list(node.keys()) != wanted:
        old_last = next(reversed(node))
        for key in wanted:
            node.move_to_end(key)
        _move_trailing_lines(node, old_last, wanted[-1])
    for key, value in node.items():
        info = fields.get(key)
        if info is None:
            continue
        inner = _model_in(info.annotation)
        if inner is None:
            continue
        if isinstance(value, CommentedSeq) and _is_list(info.annotation):
            for item in value:
                order_keys(item, inner)
        else:
            order_keys(value, inner)


def end_comment_slot(node: object, key: object) -> tuple[list, int] | None:
    """Where ruamel.yaml keeps the comment that ends the value of `node[key]`: (slot list, index).

    A scalar's comment sits on its key (`ca.items[key][2]` in a mapping, `[0]` in a
    sequence); a block mapping or sequence ends with its own last entry.
    """
    value = node[key]
    if isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not value.fa.flow_style():
        last = next(reversed(value)) if isinstance(value, CommentedMap) else len(value) - 1
        return end_comment_slot(value, last)
    slots = node.ca.items.setdefault(key, [None, None, None, None])
    return slots, (2 if isinstance(node, CommentedMap) else 0)


def _move_trailing_lines(node: CommentedMap, old_last: object, new_last: object) -> None:
    """Keep blank lines and comments that closed the mapping at its end after reordering.

    ruamel.yaml stores the blank line and the comments between two list items on the
    last value of the first item; without this, they would travel with that key into
    the middle of the item.
    """
    if old_last == new_last:
        return
    source = end_comment_slot(node, old_last)
    target = end_comment_slot(node, new_last)
    if source is None or target is None or source[0][source[1]] is None:
        return
    token = source[0][source[1]]
    end_of_line, _, rest = token.value.partition("\n")
    if not rest:
        return
    token.value = end_of_line + "\n"
    if not end_of_line:
        source[0][source[1]] = None
    existing = target[0][target[1]]
    if existing is None:
        target[0][target[1]] = CommentToken("\n" + rest, CommentMark(0), None)
    else:
        existing.value = existing.value.rstrip("\n") + "\n" + rest if existing.value.strip() else existing.value + rest


# Building new entries -------------------------------------------------------------


def plain(value: object) -> object:
    """A value ready to be written: whole floats as integers (`80`, not `80.0`)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def new_mapping(model: type[BaseModel], values: dict) -> CommentedMap:
    """A mapping of `values` in the model's field order, leaving out empty values."""
    mapping = CommentedMap()
    for key in model.model_fields:
        value = values.get(key)
        if value is None or value == [] or value == {}:
            continue
        inner = _model_in(model.model_fields[key].annotation)
        if isinstance(value, dict) and inner is not None:
            value = new_mapping(inner, value)
        elif isinstance(value, list):
            value = CommentedSeq(plain(item) for item in value)
        mapping[key] = plain(value)
    return mapping


def insert_key(mapping: CommentedMap, model: type[BaseModel], key: str, value: object) -> None:
    """Set `mapping[key]`, placing a new key where the schema's field order puts it."""
    if key in mapping:
        mapping[key] = value
        return
    order = list(model.model_fields)
    rank = order.index(key) if key in order else len(order)
    position = len(mapping)
    for index, existing in enumerate(mapping):
        if existing in order and order.index(existing) > rank:
            position = index
            break
    mapping.insert(position, key, value)


def read(path: Path) -> str:
    """The text of a file as the round-trip tools see it: no BOM, `\\n` line ends."""
    return path.read_bytes().decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
