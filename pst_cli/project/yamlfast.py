"""Parse YAML text into plain Python values while keeping the position of every node.

Checking must run at C speed, so this module composes with libyaml through PyYAML's
`CParser` (the round-trip loader of ruamel.yaml is fifteen times slower; it is kept
for the commands that write files back, see `benchmarks/`). Scalars are resolved with
the YAML 1.2 core schema on purpose: `yes`, `no`, `on`, `off` and `Oui` stay text, and
dates stay text until the schema turns them into real dates, so `2024-02-30` is an
error with a position instead of a silent string.
"""

from __future__ import annotations

import math
import re

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

MAX_DEPTH = 64


_STR = "tag:yaml.org,2002:str"


class CoreSchemaResolver(BaseResolver):
    """YAML 1.2 core schema: null, true/false, integers and floats; everything else is text."""

    yaml_implicit_resolvers: dict = {}

    # libyaml's composer calls these two for every node, for path resolvers, which pst
    # never uses: C functions that do nothing cost less than Python ones (3 % on L).
    descend_resolver = staticmethod(slice)
    ascend_resolver = staticmethod(tuple)

    def resolve(self, kind, value, implicit):  # noqa: ANN001 - PyYAML's signature
        """Resolve a node's tag; a lean version of PyYAML's, which also walks path resolvers we never use.

        Most scalars are text that cannot be anything else (quoted, or starting with a
        letter no other type starts with): they are answered without a regular expression.
        """
        if kind is ScalarNode:
            if implicit[0]:
                resolvers = self.yaml_implicit_resolvers.get(value[:1])
                if resolvers is not None:
                    for tag, regexp in resolvers:
                        if regexp.match(value):
                            return tag
            return _STR
        if kind is SequenceNode:
            return self.DEFAULT_SEQUENCE_TAG
        return self.DEFAULT_MAPPING_TAG


CoreSchemaResolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
CoreSchemaResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
CoreSchemaResolver.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)
CoreSchemaResolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?(?:\.inf|\.Inf|\.INF)|\.nan|\.NaN|\.NAN)$"
    ),
    list("-+.0123456789"),
)

if getattr(yaml, "__with_libyaml__", False):
    from yaml.cyaml import CParser


    class NodeLoader(CParser, CoreSchemaResolver):  # type: ignore[misc]
        """libyaml parser and composer, core-schema resolver, no constructor."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            CoreSchemaResolver.__init__(self)

else:  # pragma: no cover - PyYAML wheels ship libyaml on every platform we support
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class NodeLoader(Reader, Scanner, Parser, Composer, CoreSchemaResolver):  # type: ignore[no-redef]
        """Pure-Python fallback of the same loader."""

        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            CoreSchemaResolver.__init__(self)


class YamlProblem(Exception):
    """A problem found while reading YAML, with a 1-based position and a message code."""

    def __init__(self, code: str, line: int, col: int, **details: object) -> None:
        super().__init__(code)
        self.code = code
        self.line = line
        self.col = col
        self.details = details


def compose(text: str) -> Node | None:
    """Compose one YAML document into a node tree, refusing anchors and aliases."""
    if "&" in text or "*" in text:
        _refuse_anchors(text)
    loader = NodeLoader(text)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or ""
        if "\\t" in problem or "\t" in problem or "tab" in problem:
            raise YamlProblem("tab-indent", mark.line + 1, mark.column + 1) from None
        if "but found another document" in problem:
            raise YamlProblem("several-documents", mark.line + 1, mark.column + 1) from None
        raise YamlProblem(
            "syntax", mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, problem=problem
        ) from None
    except yaml.YAMLError as error:
        position = getattr(error, "position", 0) or 0
        line = text.count("\n", 0, position) + 1
        col = position - (text.rfind("\n", 0, position) + 1) + 1
        raise YamlProblem("syntax", line, col, problem=str(getattr(error, "reason", error))) from None
    finally:
        loader.dispose()


def _refuse_anchors(text: str) -> None:
    """Raise at the first anchor or alias: they make files hard to review and enable alias bombs."""
    try:
        for event in yaml.parse(text, Loader=NodeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                mark = event.start_mark
                raise YamlProblem("alias", mark.line + 1, mark.column + 1)
    except yaml.YAMLError:
        return  # the syntax error is reported, with its position, by the composer


_TAG = "tag:yaml.org,2002:"


def to_python(node: Node, depth: int = 0) -> object:
    """Build plain values (dict, list, str, int, float, bool, None) from a node tree.

    Refuses duplicate keys, keys that are not text, unknown tags and absurd nesting.
    Checking walks every node of every file: text scalars, most of them, are taken as
    they are, without a call.
    """
    kind = type(node)
    if kind is ScalarNode:
        # A double-quoted text may hold escaped control characters: `_scalar` refuses them.
        return node.value if node.tag == _STR and node.style != '"' else _scalar(node)
    if depth > MAX_DEPTH:
        raise YamlProblem("too-deep", node.start_mark.line + 1, node.start_mark.column + 1)
    if kind is SequenceNode:
        return [
            item.value if type(item) is ScalarNode and item.tag == _STR and item.style != '"' else to_python(item, depth + 1) for item in node.value
        ]
    if kind is MappingNode:
        result: dict = {}
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                raise YamlProblem("complex-key", key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            key = key_node.value
            if key in result:
                first = next(k for k, _ in node.value if k.value == key)
                raise YamlProblem(
                    "duplicate-key",
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                    key=key,
                    first_line=first.start_mark.line + 1,
                )
            if type(value_node) is ScalarNode and value_node.tag == _STR and value_node.style != '"':
                result[key] = value_node.value
            else:
                result[key] = to_python(value_node, depth + 1)
        return result
    raise YamlProblem("syntax", node.start_mark.line + 1, node.start_mark.column + 1, problem=str(node))


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _scalar(node: ScalarNode) -> object:
    tag, value = node.tag, node.value
    if tag == _STR:
        # libyaml refuses control characters written as such; only a double-quoted
        # escape (`"\0"`, `"\e"`) brings one in, and no program downstream wants it.
        if node.style == '"' and (control := _CONTROL.search(value)):
            raise YamlProblem("control-character", node.start_mark.line + 1, node.start_mark.column + 1, character=f"U+{ord(control.group()):04X}")
        return value
    if tag == _TAG + "int":
        try:
            return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
        except ValueError:
            return value
    if tag == _TAG + "float":
        lowered = value.lower()
        if lowered.endswith(".inf"):
            return -math.inf if lowered.startswith("-") else math.inf
        if lowered == ".nan":
            return math.nan
        return float(value)
    if tag == _TAG + "bool":
        return value.lower() == "true"
    if tag == _TAG + "null":
        return None
    raise YamlProblem("tag", node.start_mark.line + 1, node.start_mark.column + 1, tag=tag)


def locate(root: Node | None, loc: tuple) -> tuple[int, int, bool]:
    """Line and column (1-based) of the node at `loc`, a path of keys and indexes.

    Returns the deepest node found and whether the whole path was found. Pydantic's
    `[key]` part (an error about a mapping key itself) points at that key.
    """
    if root is None:
        return 1, 1, False
    node: Node = root
    mark = key_mark = node.start_mark
    for part in loc:
        if part == "[key]":
            return key_mark.line + 1, key_mark.column + 1, True
        if isinstance(node, MappingNode) and isinstance(part, str):
            pair = next(((key, value) for key, value in node.value if key.value == part), None)
            if pair is None:
                return mark.line + 1, mark.column + 1, False
            key_mark = pair[0].start_mark
            node = pair[1]
            mark = node.start_mark
            if isinstance(node, ScalarNode) and node.value == "" and node.tag.endswith("null"):
                mark = key_mark  # `key:` with nothing after it: point at the key
        elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            mark = node.start_mark
        else:
            return mark.line + 1, mark.column + 1, False
    return mark.line + 1, mark.column + 1, True


def locate_key(root: Node | None, loc: tuple) -> tuple[int, int]:
    """Line and column of the key that ends `loc` (for unknown keys), or of its value."""
    if root is None or not loc:
        return 1, 1
    parent_line, parent_col, found = locate(root, loc[:-1])
    node = _node_at(root, loc[:-1]) if found else None
    if isinstance(node, MappingNode):
        for key_node, _ in node.value:
            if key_node.value == loc[-1]:
                return key_node.start_mark.line + 1, key_node.start_mark.column + 1
    return parent_line, parent_col


def _node_at(root: Node, loc: tuple) -> Node | None:
    node = root
    for part in loc:
        if isinstance(node, MappingNode) and isinstance(part, str):
            node = next((value for key, value in node.value if key.value == part), None)
        elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
        else:
            return None
        if node is None:
            return None
    return node
