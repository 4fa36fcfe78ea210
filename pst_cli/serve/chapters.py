"""Pandoc for the preview, one chapter at a time: an edit converts again only the chapters it changed.

Pandoc is most of a refresh (about 0.4 s for the whole of Meaux, more on a busy machine),
and an edit changes one or two sections. `ChapterCache` cuts the document's Markdown at
its headings of levels 1 and 2 (a chapter, an action, an axis), converts each part to an
HTML fragment (numbered from where the part starts, `--number-offset`), keeps the
fragments by a hash of their text, nests them as Pandoc does (`--section-divs`), and puts
them inside the page Pandoc makes of the headings alone (title block, table of contents,
style sheet, metadata). The result is the page `pst render --to html` makes, its figures
linked rather than embedded.

What a chapter cannot know about the others is checked, not assumed: the identifiers of
the sections come from the page of all the headings (Pandoc's `-1`, `-2` suffixes are
document-wide), and the section numbers of the fragments must be the page's. A document
whose chapters depend on each other in a way this cannot see (footnotes, link
references, example lists, headings the cut did not find) is converted whole, as before.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pst_cli.render.engine import run_pandoc

HEADING = re.compile(r"#{1,6}(?:[ \t]|$)")
FENCE = re.compile(r"(`{3,}|~{3,})")
UNNUMBERED = re.compile(r"\{[^}]*(?:\.unnumbered|(?<![\w-])-(?![\w-]))[^}]*\}\s*$")
WHOLE_DOCUMENT = re.compile(r"\[\^|\^\[|^ {0,3}\[[^\]]+\]:|\(@|^=+\s*$", re.MULTILINE)
"""What ties a part to another one: footnotes, link references, example lists, setext headings."""
SECTION = re.compile(r'<section id="([^"]*)"([^>]*)>')
STRUCTURE = re.compile(r'<section id="[^"]*"[^>]*>|</section>')
FRAGMENT_ARGS = ("--number-sections", "--section-divs")
"""The options of the page that change the fragments; the others (table of contents, metadata, style) are the page's."""


@dataclass(frozen=True)
class Part:
    """A part of the document: its Markdown, its heading lines, its `--number-offset`, and the level of its first heading (0: none)."""

    text: str
    headings: tuple[str, ...]
    offset: str
    level: int


class ChapterCache:
    """`convert(markdown, args, work)` for `engine.html_preview`, keeping the fragments of its last documents."""

    def __init__(self, keep: int = 1000, workers: int = 2) -> None:
        self.keep = keep
        self.workers = workers
        self.conversions = 0
        """How many times Pandoc really ran (the other fragments came from memory)."""
        self._kept: OrderedDict[str, str] = OrderedDict()

    def __call__(self, markdown: str, args: list[str], work: Path) -> str:
        parts = split_parts(markdown)
        if parts is None:
            return self._pandoc(markdown, args)
        fragment_args = [arg for arg in args if arg in FRAGMENT_ARGS]
        headings = "\n\n".join(line for part in parts for line in part.headings)
        jobs = {"page": (headings, args, [_stable(arg) for arg in args])}
        for index, part in enumerate(parts):
            options = [*fragment_args, f"--number-offset={part.offset}"]
            jobs[index] = (part.text, options, options)
        keys = {name: _key(text, stable) for name, (text, _, stable) in jobs.items()}
        missing = list(dict.fromkeys(name for name in jobs if keys[name] not in self._kept))
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            for name, html in zip(missing, pool.map(lambda name: self._pandoc(*jobs[name][:2]), missing), strict=True):
                self._kept[keys[name]] = html
        for key in keys.values():
            self._kept.move_to_end(key)
        while len(self._kept) > self.keep:
            self._kept.popitem(last=False)
        page = assemble(self._kept[keys["page"]], [(part.level, self._kept[keys[index]]) for index, part in enumerate(parts)])
        return page if page is not None else self._pandoc(markdown, args)

    def _pandoc(self, markdown: str, args: list[str]) -> str:
        self.conversions += 1
        with tempfile.TemporaryDirectory(prefix="pst-preview-") as folder:
            output = Path(folder) / "out.html"
            run_pandoc(markdown, "html5", str(output), args)
            return output.read_text(encoding="utf-8")


def split_parts(markdown: str) -> list[Part] | None:
    """The parts of `markdown`, cut before its headings of levels 1 and 2; None: convert it whole."""
    if WHOLE_DOCUMENT.search(markdown):
        return None
    lines = markdown.splitlines(keepends=True)
    headings = _headings(lines)
    if headings is None:
        return None
    # An unnumbered heading whose subsections are numbered goes on counting the section before: no cut before it.
    cuts = [level <= 2 and (numbered or not any(number for _, _, number in _below(headings, position))) for position, (_, level, numbered) in enumerate(headings)]
    first = next((position for position, (_, level, _) in enumerate(headings) if level == 1), None)
    if first is not None and any(numbered for _, _, numbered in headings[:first]):
        cuts[first] = False  # numbered sections before any chapter: Pandoc numbers them as the document's (0.1), not alone
    # Sections are cut only inside a chapter that is cut whole: before the first chapter, or
    # beside a chapter kept in the one before it, Pandoc's nesting and numbering are the whole document's.
    chapter_ok = False
    for position, (_, level, _) in enumerate(headings):
        if level == 1:
            region = [cut for (_, other, _), cut in zip(headings[position + 1 :], cuts[position + 1 :], strict=True) if other == 1]
            following = region[: region.index(True)] if True in region else region
            chapter_ok = cuts[position] and not following
        elif level == 2 and not chapter_ok:
            cuts[position] = False
    starts: list[tuple[int, int]] = [(0, 0)]
    for (index, level, _), cut in zip(headings, cuts, strict=True):
        if cut and index == 0:
            starts[0] = (0, level)
        elif cut:
            starts.append((index, level))
    parts = []
    ends = [index for index, _ in starts[1:]] + [len(lines)]
    for (begin, level), end in zip(starts, ends, strict=True):
        before = [(found_level, numbered) for index, found_level, numbered in headings if index < begin and numbered]
        chapters = sum(1 for found_level, _ in before if found_level == 1)
        last_chapter = max((position for position, (found_level, _) in enumerate(before) if found_level == 1), default=-1)
        sections = sum(1 for found_level, _ in before[last_chapter + 1 :] if found_level == 2)
        offset = str(chapters) if level < 2 else f"{chapters},{sections}"
        part_headings = tuple(lines[index].rstrip("\n") for index, _, _ in headings if begin <= index < end)
        parts.append(Part("".join(lines[begin:end]), part_headings, offset, level))
    return [part for part in parts if part.text]


def _headings(lines: list[str]) -> list[tuple[int, int, bool]] | None:
    """(line index, level, numbered) of each ATX heading outside fenced code; None if a fence is left open."""
    found = []
    fence = None
    previous_blank = True
    for index, line in enumerate(lines):
        stripped = line.rstrip("\n")
        indent = len(stripped) - len(stripped.lstrip(" "))
        opening = FENCE.match(stripped.lstrip(" ")) if indent < 4 else None
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence) and not stripped.strip().strip(fence[0]):
                fence = None
        elif opening:
            fence = opening.group(1)
        elif previous_blank and HEADING.match(stripped):
            found.append((index, len(stripped) - len(stripped.lstrip("#")), not UNNUMBERED.search(stripped)))
        previous_blank = not stripped.strip()
    return None if fence else found


def _below(headings: list[tuple[int, int, bool]], position: int) -> list[tuple[int, int, bool]]:
    """The headings under the one at `position`: those after it, up to the next of its level or above."""
    level = headings[position][1]
    below = []
    for heading in headings[position + 1 :]:
        if heading[1] <= level:
            break
        below.append(heading)
    return below


def assemble(page: str, fragments: list[tuple[int, str]]) -> str | None:
    """The page of the headings with its sections replaced by the fragments, nested; None when they do not match."""
    pieces = []
    open_chapter = False
    for level, html in fragments:
        if level == 1 and open_chapter:
            pieces.append("</section>\n")
        if level == 1:
            # The chapter's sections that follow go inside it, as Pandoc nests them.
            if not html.endswith("</section>\n"):
                return None
            html = html[: -len("</section>\n")]
        open_chapter = open_chapter or level == 1
        pieces.append(html)
    if open_chapter:
        pieces.append("</section>\n")
    body = "".join(pieces)
    nav_end = page.find("</nav>")
    start = page.find("<section ", nav_end if nav_end >= 0 else 0)
    end = page.rfind("</body>")
    if start < 0 or end < start or _structure(page[start:end]) != _structure(body):
        return None
    wanted = SECTION.findall(page)
    names = iter([identifier for identifier, _ in wanted])
    # The identifiers of the whole document (document-wide `-1` suffixes), where the table of contents points.
    body = SECTION.sub(lambda match: f'<section id="{next(names)}"{match.group(2)}>', body)
    return page[:start] + body + page[end:]


def _structure(html: str) -> list[str]:
    """The sections of `html` as they open and close, numbers and classes, without their identifiers."""
    return [SECTION.sub(r"<section\2>", token) for token in STRUCTURE.findall(html)]


def _stable(arg: str) -> str:
    """An option as a cache key: a file it includes by its content, not by its (temporary) name."""
    if arg.startswith("--include-in-header="):
        return "--include-in-header:" + hashlib.sha256(Path(arg.split("=", 1)[1]).read_bytes()).hexdigest()
    return arg


def _key(text: str, args: list[str]) -> str:
    return hashlib.sha256("\0".join([text, *args]).encode("utf-8")).hexdigest()
