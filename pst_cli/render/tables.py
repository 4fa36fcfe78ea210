"""Pandoc grid tables: the only Markdown table that holds lists and paragraphs in a cell.

Cells are Pandoc Markdown already escaped by the view model. Column widths in the
output follow the `widths` given (Pandoc reads relative widths from the dashes).
"""

from __future__ import annotations

import math
import re
import textwrap

_BLOCK_START = re.compile(r"^([-+:=>]|\d+[.)])(\s|$)")


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


def grid_table(header: list[str] | None, rows: list[list[str]], widths: list[int]) -> str:
    """A Pandoc grid table; `widths` are the characters of each column (their ratio is kept).

    A wrapped line can be longer than its column (a very long word, the bookmark of an
    entity); every column then grows in proportion, so that the table stays well formed
    and the widths Pandoc reads from the dashes keep their ratio.
    """
    wrapped_header = [_wrap(cell, width) for cell, width in zip(header, widths, strict=True)] if header else None
    wrapped_rows = [[_wrap(cell, width) for cell, width in zip(row, widths, strict=True)] for row in rows]
    needed = list(widths)
    for row in ([wrapped_header] if wrapped_header else []) + wrapped_rows:
        for index, cell in enumerate(row):
            needed[index] = max([needed[index], *(len(line) for line in cell)])
    factor = max(need / width for need, width in zip(needed, widths, strict=True))
    sizes = [max(need, math.ceil(width * factor)) for need, width in zip(needed, widths, strict=True)]

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
