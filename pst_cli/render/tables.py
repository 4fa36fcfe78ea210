"""Pandoc grid tables: the only Markdown table that holds lists and paragraphs in a cell.

Cells are Pandoc Markdown already escaped by the view model. Pandoc reads each
column's relative width from its dashes; `grid_table` sets those widths from the
widths asked for and from the content: a column is never narrower than its longest
word as the reader sees it (a link's target or an anchor does not count), so that no
word is broken across lines in Word or the PDF. The Markdown lines may be far wider
than the page: only their ratio matters to Pandoc.
"""

from __future__ import annotations

import math
import re
import textwrap

_BLOCK_START = re.compile(r"^([-+:=>]|\d+[.)])(\s|$)")
_LINK_TARGET = re.compile(r"\]\(#[^)\s]*\)|\]\{#[^}\s]*\}")
_MARKUP = re.compile(r"[*\[\]\\]")

CHAR = 1.15
"""Width of an average character of a table, in the units of `widths` (a column of width 10 holds
about 8 letters of a word and the cell's padding), measured for 9–10 pt text on A4."""
PADDING = 3
"""Room a cell's padding takes, in the same units."""


def _visible_words(cell: str) -> list[str]:
    """The words of a cell as the reader sees them: without link targets, anchors, emphasis or escapes."""
    return _MARKUP.sub("", _LINK_TARGET.sub("", cell)).split()


def _wrap(cell: str, width: int) -> list[str]:
    """The lines of one cell, wrapped to `width` without turning a wrapped word into Markdown."""
    lines: list[str] = []
    for paragraph in cell.split("\n\n") if cell else []:
        if lines:
            lines.append("")
        for source in paragraph.split("\n"):
            bullet = source.startswith("- ")
            wrapped = textwrap.wrap(
                source[2:] if bullet else source,
                width=max(8, width - (2 if bullet else 0)),
                break_long_words=False,
                break_on_hyphens=False,
            ) or [""]
            for index, line in enumerate(wrapped):
                if index and _BLOCK_START.match(line):
                    # A continuation line that starts like a list item must stay text.
                    line = "\\" + line if not line[0].isdigit() else re.sub(r"^(\d+)([.)])", r"\1\\\2", line)
                lines.append(("- " if index == 0 else "  ") + line if bullet else line)
    return lines


def column_widths(header: list[str] | None, rows: list[list[str]], widths: list[int]) -> list[int]:
    """The widths asked for, each widened to hold its longest visible word, the others narrowed to make room.

    The total stays that of `widths` (the page) unless the words alone need more.
    """
    columns = list(zip(*([header] if header else []), *rows, strict=True)) if (header or rows) else [[] for _ in widths]
    needed = []
    for index, cells in enumerate(columns):
        words = [len(word) + (2 if cell.lstrip().startswith("- ") or "\n- " in cell else 0) for cell in cells for word in _visible_words(cell)]
        header_word = max((len(word) for word in _visible_words(header[index])), default=0) * 1.1 if header else 0
        needed.append(math.ceil(max([0, header_word, *words]) * CHAR) + PADDING)
    total = sum(widths)
    sizes = [float(width) for width in widths]
    for _ in range(len(sizes)):
        short = [i for i, size in enumerate(sizes) if size < needed[i]]
        if not short:
            break
        for i in short:
            sizes[i] = needed[i]
        spare = [i for i in range(len(sizes)) if i not in short and sizes[i] > needed[i]]
        excess = sum(sizes) - total
        room = sum(sizes[i] - needed[i] for i in spare)
        if excess <= 0 or not room:
            break
        for i in spare:
            sizes[i] -= excess * (sizes[i] - needed[i]) / room
    return [max(1, round(size)) for size in sizes]


def grid_table(header: list[str] | None, rows: list[list[str]], widths: list[int]) -> str:
    """A Pandoc grid table; `widths` are the share of the page each column asks for (their ratio is kept).

    Every column is scaled by the same factor until its longest Markdown token (a link
    with its target) fits on one line, so the ratio Pandoc reads is the one computed by
    `column_widths`.
    """
    ratios = column_widths(header, rows, widths)
    cells = ([header] if header else []) + rows
    longest = [max([1, *(len(token) + 2 for row in cells for token in row[index].split())]) for index in range(len(ratios))]
    scale = max(1.0, *(length / ratio for length, ratio in zip(longest, ratios, strict=True)))
    sizes = [math.ceil(ratio * scale) for ratio in ratios]
    wrapped_header = [_wrap(cell, width) for cell, width in zip(header, sizes, strict=True)] if header else None
    wrapped_rows = [[_wrap(cell, width) for cell, width in zip(row, sizes, strict=True)] for row in rows]
    for row in ([wrapped_header] if wrapped_header else []) + wrapped_rows:
        for index, cell in enumerate(row):  # an escaped list marker can add a character
            sizes[index] = max([sizes[index], *(len(line) for line in cell)])

    def rule(char: str) -> str:
        return "+" + "+".join(char * (size + 2) for size in sizes) + "+"

    def lines_of(row: list[list[str]]) -> list[str]:
        height = max(1, *(len(cell) for cell in row))
        return [
            "| " + " | ".join((cell[i] if i < len(cell) else "").ljust(size) for cell, size in zip(row, sizes, strict=True)) + " |"
            for i in range(height)
        ]

    out = [rule("-")]
    if wrapped_header:
        out += lines_of(wrapped_header)
        out.append(rule("="))
    for row in wrapped_rows:
        out += lines_of(row)
        out.append(rule("-"))
    return "\n".join(out)
