"""Pandoc for the preview, one chapter at a time: an edit converts again only the chapters it changed.

Pandoc is most of a refresh (about 0.4 s for the whole of Meaux, more on a busy machine),
and an edit changes one or two chapters. `ChapterCache` cuts the document's Markdown at
its top-level headings, converts each chapter to an HTML fragment (numbered from where the
chapter starts, `--number-offset`), keeps the fragments by a hash of their text, and puts
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
import itertools
import re
import tempfile
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pst_cli.render.engine import run_pandoc

HEADING = re.compile(r"#{1,6}(?:[ \t]|$)")
FENCE = re.compile(r"(`{3,}|~{3,})")
UNNUMBERED = re.compile(r"\{[^}]*(?:\.unnumbered|(?<![\w-])-(?![\w-]))[^}]*\}\s*$")
WHOLE_DOCUMENT = re.compile(r"\[\^|^ {0,3}\[[^\]]+\]:|\(@|^=+\s*$", re.MULTILINE)
"""What ties a chapter to another one: footnotes, link references, example lists, setext headings."""
SECTION = re.compile(r'<section id="([^"]*)"([^>]*)>')
FRAGMENT_ARGS = ("--number-sections", "--section-divs")
"""The options of the page that change the fragments; the others (table of contents, metadata, style) are the page's."""


class ChapterCache:
    """`convert(markdown, args, work)` for `engine.html_preview`, keeping the fragments of its last documents."""

    def __init__(self, keep: int = 400, workers: int = 2) -> None:
        self.keep = keep
        self.workers = workers
        self.conversions = 0
        """How many times Pandoc really ran (the other fragments came from memory)."""
        self._kept: OrderedDict[str, str] = OrderedDict()

    def __call__(self, markdown: str, args: list[str], work: Path) -> str:
        chapters = split_chapters(markdown)
        if chapters is None:
            return self._pandoc(markdown, args)
        page_args = [_stable(arg) for arg in args]
        fragment_args = [arg for arg in args if arg in FRAGMENT_ARGS]
        headings = "\n\n".join(line for _, lines, _ in chapters for line in lines)
        jobs = {"page": (headings, args, page_args)}
        for index, (text, _, offset) in enumerate(chapters):
            options = [*fragment_args, f"--number-offset={offset}"]
            jobs[index] = (text, options, options)
        keys = {name: _key(text, stable) for name, (text, _, stable) in jobs.items()}
        missing = [name for name in jobs if keys[name] not in self._kept]
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            for name, html in zip(missing, pool.map(lambda name: self._pandoc(*jobs[name][:2]), missing), strict=True):
                self._kept[keys[name]] = html
        for key in keys.values():
            self._kept.move_to_end(key)
        while len(self._kept) > self.keep:
            self._kept.popitem(last=False)
        page = assemble(self._kept[keys["page"]], [self._kept[keys[index]] for index in range(len(chapters))])
        return page if page is not None else self._pandoc(markdown, args)

    def _pandoc(self, markdown: str, args: list[str]) -> str:
        self.conversions += 1
        with tempfile.TemporaryDirectory(prefix="pst-preview-") as folder:
            output = Path(folder) / "out.html"
            run_pandoc(markdown, "html5", str(output), args)
            return output.read_text(encoding="utf-8")


def split_chapters(markdown: str) -> list[tuple[str, list[str], int]] | None:
    """The chapters of `markdown`: (text, its heading lines, numbered top-level headings before it); None: convert it whole."""
    if WHOLE_DOCUMENT.search(markdown):
        return None
    lines = markdown.splitlines(keepends=True)
    headings = _headings(lines)
    if headings is None:
        return None
    starts = [0]
    for position, (index, top, numbered) in enumerate(headings):
        # An unnumbered chapter whose sections are numbered goes on counting the chapter before: it stays with it.
        following = [number for _, _, number in headings[position + 1 : position + 1 + _until_next_top(headings, position)]]
        if top and index > 0 and (numbered or not any(following)):
            starts.append(index)
    starts.append(len(lines))
    chapters = []
    for begin, end in itertools.pairwise(starts):
        if begin == end:
            continue
        offset = sum(1 for index, top, numbered in headings if top and numbered and index < begin)
        chapter_headings = [lines[index].rstrip("\n") for index, _, _ in headings if begin <= index < end]
        chapters.append(("".join(lines[begin:end]), chapter_headings, offset))
    return chapters


def _headings(lines: list[str]) -> list[tuple[int, bool, bool]] | None:
    """(line index, top-level, numbered) of each ATX heading outside fenced code; None if a fence is left open."""
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
            found.append((index, stripped.startswith("# ") or stripped == "#", not UNNUMBERED.search(stripped)))
        previous_blank = not stripped.strip()
    return None if fence else found


def _until_next_top(headings: list[tuple[int, bool, bool]], position: int) -> int:
    """How many headings follow the one at `position` before the next top-level one."""
    count = 0
    for _, top, _ in headings[position + 1:]:
        if top:
            break
        count += 1
    return count


def assemble(page: str, fragments: list[str]) -> str | None:
    """The page of the headings with its sections replaced by the fragments; None when they do not match."""
    body = "".join(fragments)
    wanted = SECTION.findall(page)
    found = SECTION.findall(body)
    if [attributes for _, attributes in wanted] != [attributes for _, attributes in found]:
        return None
    nav_end = page.find("</nav>")
    start = page.find("<section ", nav_end if nav_end >= 0 else 0)
    end = page.rfind("</body>")
    if start < 0 or end < start:
        return None
    names = iter([identifier for identifier, _ in wanted])
    # The identifiers of the whole document (document-wide `-1` suffixes), where the table of contents points.
    body = SECTION.sub(lambda match: f'<section id="{next(names)}"{match.group(2)}>', body)
    return page[:start] + body + page[end:]


def _stable(arg: str) -> str:
    """An option as a cache key: a file it includes by its content, not by its (temporary) name."""
    if arg.startswith("--include-in-header="):
        return "--include-in-header:" + hashlib.sha256(Path(arg.split("=", 1)[1]).read_bytes()).hexdigest()
    return arg


def _key(text: str, args: list[str]) -> str:
    return hashlib.sha256("\0".join([text, *args]).encode("utf-8")).hexdigest()
