"""A DOCX as Pandoc's document model (its JSON AST), and the words of its nodes.

Pandoc's DOCX reader runs with `--sandbox` (it reads nothing but the file) and a cap
on its memory, after `package.check_docx` has bounded what it will read.
"""

from __future__ import annotations

import json
from pathlib import Path

from pst_cli.word.package import WordError, check_docx

PANDOC_MEMORY = "1500m"
"""Pandoc's heap cap: beyond what the largest document `package` accepts needs, and no more."""
MARKDOWN = "markdown-smart-raw_html-raw_attribute-native_divs-native_spans-bracketed_spans-link_attributes-header_attributes"
"""Pandoc Markdown as a free chapter of a project is written: no raw markup, no attributes."""


def read_ast(path: Path) -> dict:
    """The Pandoc AST of the DOCX at `path` (`{"blocks": [...], "meta": {...}}`), refused if unreadable."""
    import pypandoc

    check_docx(path)
    try:
        text = pypandoc.convert_file(str(path), "json", format="docx", extra_args=["--sandbox", "+RTS", f"-M{PANDOC_MEMORY}", "-RTS"])
    except (RuntimeError, OSError) as error:
        detail = str(error).strip().splitlines()[-1] if str(error).strip() else type(error).__name__
        raise WordError.of("word.pandoc-failed", name=path.name, detail=detail[:300]) from None
    return json.loads(text)


def to_markdown(fragments: list[list], api_version: list) -> list[str]:
    """Pandoc Markdown of each list of blocks, in one run of Pandoc (one run costs ~0.1 s)."""
    import pypandoc

    if not fragments:
        return []
    marker = "PSTFRAGMENTBOUNDARY"
    blocks: list = []
    for index, fragment in enumerate(fragments):
        if index:
            blocks.append({"t": "Para", "c": [{"t": "Str", "c": marker}]})
        blocks.extend(fragment)
    document = json.dumps({"pandoc-api-version": api_version, "meta": {}, "blocks": blocks})
    written = pypandoc.convert_text(document, MARKDOWN, format="json", extra_args=["--sandbox", "--wrap=none"])
    parts = written.replace("\r\n", "\n").split(f"\n{marker}\n")
    if len(parts) != len(fragments):  # the marker was in the text itself: convert one by one
        return [pypandoc.convert_text(json.dumps({"pandoc-api-version": api_version, "meta": {}, "blocks": f}), MARKDOWN, format="json",
                                      extra_args=["--sandbox", "--wrap=none"]) for f in fragments]
    return [part.strip("\n") for part in parts]


def text(node: object) -> str:
    """The words of an AST node (inlines, blocks, a cell), spaces and line breaks as single spaces."""
    parts: list[str] = []
    _collect(node, parts)
    return " ".join("".join(parts).split())


_STYLED = {"Emph", "Strong", "Underline", "Strikeout", "SmallCaps", "Superscript", "Subscript"}
_SKIPPED = {"Image", "Note", "RawInline", "RawBlock"}


def _collect(node: object, parts: list[str]) -> None:
    if isinstance(node, list):
        for item in node:
            _collect(item, parts)
        return
    if not isinstance(node, dict):
        return
    kind = node.get("t")
    content = node.get("c")
    if kind == "Str":
        parts.append(content)
    elif kind in ("Space", "SoftBreak", "LineBreak"):
        parts.append(" ")
    elif kind in ("Para", "Plain"):
        _collect(content, parts)
        parts.append(" ")
    elif kind == "Header":
        _collect(content[2], parts)
        parts.append(" ")
    elif kind in ("Code", "Math"):
        parts.append(content[1])
    elif kind in _SKIPPED:
        return
    elif kind in _STYLED:
        _collect(content, parts)
    elif kind in ("Span", "Link", "Quoted", "Cite"):
        _collect(content[1], parts)
    elif isinstance(content, list):
        _collect(content, parts)


def images(node: object) -> int:
    """How many images a node holds (they are not carried into a project: the report counts them)."""
    if isinstance(node, list):
        return sum(images(item) for item in node)
    if isinstance(node, dict):
        return (1 if node.get("t") == "Image" else 0) + images(node.get("c"))
    return 0


def without_images(node: object) -> object:
    """A copy of the node with its images (and figures) left out."""
    if isinstance(node, list):
        return [without_images(item) for item in node if not (isinstance(item, dict) and item.get("t") in ("Image", "Figure"))]
    if isinstance(node, dict) and "c" in node:
        return {**node, "c": without_images(node["c"])}
    return node
