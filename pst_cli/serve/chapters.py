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
document-wide), and the section numbers of the fragments must be the page's. The links to
an entity of another part are kept as in the whole document: `anchors.lua` is given the
anchors of every part (`-V pst-anchors=…`) and says those its part defines; a part first
converted with the last document's anchors is converted again if they changed (an edit of
a text does not change them; the first render converts every part twice). A document
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
        self._kept: OrderedDict[str, tuple[str, list[tuple[str, str]] | None]] = OrderedDict()
        self._defined: OrderedDict[str, list[tuple[str, str]] | None] = OrderedDict()
        """The anchors each part defines, whatever anchors it was given."""
        self._anchors = ""
        """The anchors of the last document."""

    def __call__(self, markdown: str, args: list[str], work: Path) -> str:
        parts = split_parts(markdown)
        if parts is None:
            return self._pandoc(markdown, args)[0]
        # The filters change the fragments too; `anchors.lua` is given the anchors of the whole document.
        fragment_args = [arg for arg in args if arg in FRAGMENT_ARGS or arg.startswith("--lua-filter=")]
        headings = "\n\n".join(line for part in parts for line in part.headings)
        page = self._convert({"page": (headings, args, "")})["page"]
        jobs = [(part.text, [*fragment_args, f"--number-offset={part.offset}"]) for part in parts]
        # First the parts never seen, given the anchors of the last document (an edit seldom changes them) …
        self._convert({index: (text, options, self._anchors) for index, (text, options) in enumerate(jobs) if _key(text, options) not in self._defined})
        anchors = document_anchors(page[1], [self._defined[_key(text, options)] for text, options in jobs])
        if anchors is None:
            return self._pandoc(markdown, args)[0]
        # … then again the parts that were given other anchors than the document's.
        self._anchors = anchors
        fragments = self._convert({index: (text, options, anchors) for index, (text, options) in enumerate(jobs)})
        for kept in (self._kept, self._defined):
            while len(kept) > self.keep:
                kept.popitem(last=False)
        assembled = assemble(page[0], [(part.level, fragments[index][0]) for index, part in enumerate(parts)])
        return assembled if assembled is not None else self._pandoc(markdown, args)[0]

    def _convert(self, jobs: dict) -> dict:
        """Each job's (HTML, anchors it defines) from memory or from Pandoc, two at a time.

        A job is (Markdown, Pandoc options, the document's anchors given to `anchors.lua`).
        """
        keys = {name: _key(text, [*options, f"pst-anchors={anchors}"]) for name, (text, options, anchors) in jobs.items()}
        missing = list(dict.fromkeys(name for name in jobs if keys[name] not in self._kept))
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            converted = pool.map(lambda name: self._pandoc(jobs[name][0], [*jobs[name][1], "-V", f"pst-anchors={jobs[name][2]}"]), missing)
            for name, done in zip(missing, converted, strict=True):
                self._kept[keys[name]] = done
        for name, (text, options, _) in jobs.items():
            self._kept.move_to_end(keys[name])
            self._defined[_key(text, options)] = self._kept[keys[name]][1]
            self._defined.move_to_end(_key(text, options))
        return {name: self._kept[key] for name, key in keys.items()}

    def _pandoc(self, markdown: str, args: list[str]) -> tuple[str, list[tuple[str, str]] | None]:
        """The HTML of `markdown`, and the (element, id) of the anchors `anchors.lua` says it defines (None: no such filter)."""
        self.conversions += 1
        with tempfile.TemporaryDirectory(prefix="pst-preview-") as folder:
            output = Path(folder) / "out.html"
            lines = run_pandoc(markdown, "html5", str(output), args).splitlines()
            html = output.read_text(encoding="utf-8")
        if "pst-anchors" not in lines:
            return html, None
        return html, [tuple(line.split(" ", 2)[1:]) for line in lines if line.startswith("pst-anchor ") and line.count(" ") == 2]


def document_anchors(page: list[tuple[str, str]] | None, parts: list[list[tuple[str, str]] | None]) -> str | None:
    """The anchors of the whole document, as `anchors.lua` takes them; None when parts define the same one.

    The headings' from the page of all the headings (document-wide identifiers), the
    others from the parts. No filter said anything: no anchors ("").
    """
    if page is None and all(part is None for part in parts):
        return ""
    found = {identifier for tag, identifier in page or [] if tag == "Header"}
    for part in parts:
        for tag, identifier in part or []:
            if tag == "Header":
                continue
            if identifier in found:
                return None  # an anchor written twice keeps its first place: the whole document decides
            found.add(identifier)
    return " ".join(sorted(found))


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
    # Up to the last section's end: the template may close more after the body (`</main>`).
    end = page.rfind("</section>\n") + len("</section>\n")
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
    for option in ("--include-in-header=", "--lua-filter="):
        if arg.startswith(option):
            return option + hashlib.sha256(Path(arg.split("=", 1)[1]).read_bytes()).hexdigest()
    return arg


def _key(text: str, args: list[str]) -> str:
    return hashlib.sha256("\0".join([text, *map(_stable, args)]).encode("utf-8")).hexdigest()
