"""Recognise a plan in a Word document's AST: what `pst import docx` can structure, and the rest.

The document is read top to bottom, block by block (Pandoc's AST, `word.pandoc`):

- a heading or a paragraph « Axe 1 », « AXE I — … » opens an axis; the table after it
  is read as the plans lay their axes out: general objectives, operational objectives,
  result indicators and examples, each cell starting with its label (the Meaux plan,
  three objectives a row, and pst's own document), or labels in the first row or the
  first column; merged cells, soft line breaks and « - » typed as bullets are read as
  a person reads them;
- a list under a heading or a line « Enjeux » gives the enjeux;
- a table with a « Source » column and a column of figures gives diagnostic data;
- a heading followed by a two-column table whose first column names fields (objectifs,
  public, pilote, référent, partenaires, calendrier…) is an action sheet;
- a heading « Synthèse » gives the project's summary.

Everything else stays as written, chapter by chapter (a chapter is what follows a
heading of the highest level), to become `sections/*.md`. Every piece remembers where
it was (paragraph and table numbers), so that the report can say what went where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pst_cli.scaffold.word_tables import (
    ACTION_HEADING,
    AXIS_HEADING,
    CHALLENGES_HEADING,
    FIELD_LABELS,
    SUMMARY_HEADING,
    DraftGeneral,
    action_fields,
    clean_heading,
    fold,
    item_text,
    items_of,
    lines_of,
    read_axis_table,
    read_budget_table,
    read_data_table,
    read_identity_table,
    read_indicator_table,
    read_sources_table,
    sentence_case,
)
from pst_cli.word.pandoc import images, text

# Places --------------------------------------------------------------------------


@dataclass
class Place:
    """Where a piece was in the document: paragraphs `first`–`last` (outside tables) and tables."""

    first: int = 0
    last: int = 0
    tables: list[int] = field(default_factory=list)
    block: int = 10**9
    """Index of the first block of the piece in the document: the order of the report."""

    def extend(self, other: Place) -> None:
        self.block = min(self.block, other.block)
        if other.first and (not self.first or other.first < self.first):
            self.first = other.first
        self.last = max(self.last, other.last)
        self.tables += [number for number in other.tables if number not in self.tables]


# What the document holds ------------------------------------------------------------


@dataclass
class DraftAxis:
    title: str
    place: Place
    description: list[str] = field(default_factory=list)
    generals: list[DraftGeneral] = field(default_factory=list)
    recased: bool = False
    """The title was written in capitals and was put in sentence case."""


@dataclass
class DraftChallenge:
    label: str
    description: str = ""


@dataclass
class DraftAction:
    title: str
    place: Place
    fields: dict[str, str] = field(default_factory=dict)
    """Field name (`objectives`, `publics`, `lead`…) → text of its cell."""
    lists: dict[str, list[str]] = field(default_factory=dict)
    """Field name (`expected_results`, `indicators`) → items."""
    extra: list = field(default_factory=list)
    """Blocks of the sheet pst has no field for: kept in the description."""
    unknown: list[tuple[str, str]] = field(default_factory=list)
    """Rows of the table with a label pst does not know: (label, text), kept in the description."""
    family: bool = False
    budget: list[tuple[str, float, str | None, str | None]] = field(default_factory=list)
    """(line, amount, funder, status) of the budget table."""


@dataclass
class Section:
    """A chapter kept as written: its heading and blocks."""

    title: str
    blocks: list
    place: Place
    images: int = 0


@dataclass
class Piece:
    """One recognised part of the document, in document order."""

    kind: str
    """`axis`, `challenges`, `data`, `sources`, `indicators`, `identity`, `summary`, `action` or `section`."""
    place: Place
    item: object


@dataclass
class Draft:
    """Everything recognised in a document, in order, and what was left out."""

    title: str = ""
    subtitle: str = ""
    pieces: list[Piece] = field(default_factory=list)
    summary: list = field(default_factory=list)
    dropped: list[tuple[Place, str]] = field(default_factory=list)
    """(where, why): what was not carried into the project at all (images, empty headings…)."""

    def items(self, kind: str) -> list:
        return [piece.item for piece in self.pieces if piece.kind == kind]


# The walk -------------------------------------------------------------------------------


def paragraphs_in(block: dict) -> int:
    """How many paragraphs of the document a block is (list items one each; tables apart)."""
    kind = block.get("t")
    if kind in ("Para", "Plain", "Header", "CodeBlock", "LineBlock", "Figure"):
        return 1
    if kind == "BulletList":
        return sum(paragraphs_in(inner) for item in block["c"] for inner in item)
    if kind == "OrderedList":
        return sum(paragraphs_in(inner) for item in block["c"][1] for inner in item)
    if kind in ("BlockQuote",):
        return sum(paragraphs_in(inner) for inner in block["c"])
    if kind == "Div":
        return sum(paragraphs_in(inner) for inner in block["c"][1])
    return 0


def recognise(ast: dict) -> Draft:
    """What the document holds, piece by piece, in its order."""
    return _Walk(ast).run()


class _Walk:
    def __init__(self, ast: dict) -> None:
        self.blocks = ast.get("blocks", [])
        self.meta = ast.get("meta", {})
        self.draft = Draft(title=text(self.meta.get("title", {}).get("c", [])), subtitle=text(self.meta.get("subtitle", {}).get("c", [])))
        self.places: list[Place] = []
        paragraph = table = 0
        for block in self.blocks:
            count = paragraphs_in(block)
            if block.get("t") == "Table":
                table += 1
                self.places.append(Place(0, 0, [table]))
            else:
                self.places.append(Place(paragraph + 1, paragraph + count) if count else Place(paragraph, paragraph))
            paragraph += count
            self.places[-1].block = len(self.places) - 1
        self.chapter_level = min((block["c"][0] for block in self.blocks if block.get("t") == "Header"), default=1)
        self.section: Section | None = None
        self.mode: str | None = None
        self.axis: DraftAxis | None = None
        self.axis_level = self.chapter_level + 1

    # pieces ---------------------------------------------------------------------------

    def place_of(self, index: int) -> Place:
        """A new place that starts as the one of block `index`."""
        place = self.places[index]
        return Place(place.first, place.last, list(place.tables), place.block)

    def add(self, kind: str, place: Place, item: object) -> None:
        self.draft.pieces.append(Piece(kind, place, item))

    def keep(self, index: int) -> None:
        """Keep block `index` as written, in the current chapter."""
        block = self.blocks[index]
        place = self.places[index]
        if self.section is None:
            self.section = Section("", [], Place(place.first, place.last, list(place.tables), place.block))
            self.add("section", self.section.place, self.section)
        self.section.blocks.append(block)
        self.section.place.extend(place)
        self.section.images += images(block)

    def open_section(self, index: int, title: str) -> None:
        self.section = Section(title, [], self.place_of(index))
        self.add("section", self.section.place, self.section)

    # the walk -------------------------------------------------------------------------

    def run(self) -> Draft:
        index = self.own_opening()
        while index < len(self.blocks):
            index = self.step(index)
        for piece in self.draft.pieces:
            if piece.kind == "section" and piece.item.images:
                self.draft.dropped.append((piece.place, f"images:{piece.item.images}"))
        if not self.draft.title:
            heading = next((block for block in self.blocks if block.get("t") == "Header"), None)
            self.draft.title = clean_heading(text(heading["c"][2])) if heading else ""
        return self.draft

    def step(self, index: int) -> int:
        block = self.blocks[index]
        kind = block.get("t")
        if kind == "Header":
            return self.heading(index)
        if kind in ("Para", "Plain"):
            return self.paragraph(index)
        if kind in ("BulletList", "OrderedList") and self.mode == "challenges":
            return self.challenges(index)
        if kind == "Table":
            return self.table(index)
        if self.mode == "summary":
            self.draft.summary.append(block)
            return index + 1
        self.keep(index)
        return index + 1

    def own_opening(self) -> int:
        """Where the walk starts: after the cover lines and the contents `pst render` writes in a DOCX
        (recognised by the style of their heading, `PstTocHeading`), which the project does not keep."""
        contents = next((index for index, block in enumerate(self.blocks) if block.get("t") == "Header"), None)
        if contents is None or "PstTocHeading" not in self.blocks[contents]["c"][1][1]:
            return 0
        end = contents + 1
        while end < len(self.blocks) and _is_contents_entry(self.blocks[end]):
            end += 1
        for first, last, what in ((0, contents, "cover"), (contents, end, "contents")):
            if first < last:
                joined = self.place_of(first)
                for index in range(first + 1, last):
                    joined.extend(self.places[index])
                self.draft.dropped.append((joined, what))
        return end

    def heading(self, index: int) -> int:
        level, _, inlines = self.blocks[index]["c"]
        words = clean_heading(text(inlines))
        folded = fold(words)
        self.mode = None
        if self.axis is not None and level <= self.axis_level:
            self.axis = None
        axis = AXIS_HEADING.match(folded)
        if axis:
            title = words[axis.start("title"):].strip(" :—–-")
            return self.open_axis(index, title, level)
        if CHALLENGES_HEADING.match(folded):
            self.mode = "challenges"
            self.open_section(index, words)
            return index + 1
        if SUMMARY_HEADING.match(folded) and not self.draft.summary:
            self.mode = "summary"
            self.section = None
            self.add("summary", self.place_of(index), None)
            return index + 1
        sheet = self.action_table_after(index)
        if sheet is not None:
            return self.action(index, sheet, level)
        if level <= self.chapter_level or self.section is None:
            self.open_section(index, words)
        else:
            self.keep(index)
        return index + 1

    def paragraph(self, index: int) -> int:
        block = self.blocks[index]
        words = text(block["c"])
        folded = fold(words)
        if len(words) < 200:
            axis = AXIS_HEADING.match(folded)
            if axis and len(words) < 200 and (axis.group("title") or self.next_is_table_or_title(index)):
                return self.open_axis(index, words[axis.start("title"):].strip(" :—–-"), self.chapter_level + 1)
            if CHALLENGES_HEADING.match(folded) and self.next_is_list(index):
                self.mode = "challenges"
                self.keep(index)
                return index + 1
            if self.axis is not None and not self.axis.title and self.next_is_table(index):
                self.set_axis_title(words, self.places[index])
                return index + 1
        if self.axis is not None and not self.axis.generals and words and self.mode is None:
            self.axis.description.append(words)
            self.axis.place.extend(self.places[index])
            return index + 1
        if self.mode == "summary":
            self.draft.summary.append(block)
            return index + 1
        self.keep(index)
        return index + 1

    def next_is_table(self, index: int) -> bool:
        return index + 1 < len(self.blocks) and self.blocks[index + 1].get("t") == "Table"

    def next_is_list(self, index: int) -> bool:
        return index + 1 < len(self.blocks) and self.blocks[index + 1].get("t") in ("BulletList", "OrderedList")

    def next_is_table_or_title(self, index: int) -> bool:
        following = [block.get("t") for block in self.blocks[index + 1 : index + 3]]
        return following[:1] == ["Table"] or following == ["Para", "Table"]

    # axes -----------------------------------------------------------------------------

    def open_axis(self, index: int, title: str, level: int) -> int:
        self.axis = DraftAxis("", self.place_of(index))
        self.axis_level = level
        self.section = None
        if title:
            self.set_axis_title(title, self.places[index])
        self.add("axis", self.axis.place, self.axis)
        return index + 1

    def set_axis_title(self, title: str, place: Place) -> None:
        self.axis.title, self.axis.recased = sentence_case(" ".join(title.split()).rstrip(" .:"))
        self.axis.place.extend(place)

    def table(self, index: int) -> int:
        table = self.blocks[index]
        place = self.places[index]
        axes = read_axis_table(table)
        if axes is not None:
            for number, (title, generals, notes) in enumerate(axes):
                if self.axis is None or (number and title) or (title and self.axis.generals):
                    self.open_axis(index, title or "", self.chapter_level + 1)
                elif title and not self.axis.title:
                    self.set_axis_title(title, place)
                self.axis.place.extend(place)
                self.axis.generals += generals
                self.axis.description += notes
            return index + 1
        indicators = read_indicator_table(table)
        if indicators is not None:
            self.add("indicators", Place(place.first, place.last, list(place.tables), place.block), indicators)
            return index + 1
        identity = read_identity_table(table)
        if identity is not None and not self.draft.items("identity"):
            self.add("identity", Place(place.first, place.last, list(place.tables), place.block), identity)
            return index + 1
        sources = read_sources_table(table)
        if sources is not None:
            self.add("sources", Place(place.first, place.last, list(place.tables), place.block), sources)
            return index + 1
        data = read_data_table(table)
        if data is not None:
            self.add("data", Place(place.first, place.last, list(place.tables), place.block), data)
            return index + 1
        if self.mode == "summary":
            self.draft.summary.append(table)
            return index + 1
        self.keep(index)
        return index + 1

    # enjeux ---------------------------------------------------------------------------

    def challenges(self, index: int) -> int:
        """The enjeux of the list at `index`, and of the lists that continue it; the index after them.

        Word ends a numbered list at a paragraph of another list: pst's enjeux are each
        followed by a one-item list of their findings, after which the numbered list goes on.
        """
        found = []
        place = self.place_of(index)
        position = index
        while position < len(self.blocks) and self.blocks[position].get("t") in ("BulletList", "OrderedList"):
            block = self.blocks[position]
            items = block["c"] if block["t"] == "BulletList" else block["c"][1]
            if position > index and all(_FINDINGS_LINE.match(fold(text(item))) for item in items):
                place.extend(self.places[position])
                position += 1
                continue
            if position > index and block["t"] != "OrderedList":
                break
            for item in items:
                challenge = _challenge(item)
                if challenge is not None:
                    found.append(challenge)
            if position > index:
                place.extend(self.places[position])
            position += 1
        self.add("challenges", place, found)
        self.mode = None
        return position

    # actions --------------------------------------------------------------------------

    def action_table_after(self, index: int):
        """The fields of the action sheet that starts with the heading at `index`, if one does."""
        for ahead in range(index + 1, min(index + 4, len(self.blocks))):
            kind = self.blocks[ahead].get("t")
            if kind == "Table":
                fields = action_fields(self.blocks[ahead])
                return (ahead, fields) if fields is not None else None
            if kind != "Para" or len(text(self.blocks[ahead]["c"])) > 200:
                return None
        return None

    def action(self, index: int, sheet, level: int) -> int:
        table_index, (fields, lists, unknown) = sheet
        words = clean_heading(text(self.blocks[index]["c"][2]))
        match = ACTION_HEADING.match(words)
        title = (match.group("title").strip() if match and match.group("title").strip() else words).strip(" :—–-")
        place = self.place_of(index)
        action = DraftAction(title, place, fields, lists, unknown=unknown)
        self.add("action", place, action)
        self.section = None
        between = list(range(index + 1, table_index))
        position = table_index + 1
        place.extend(self.places[table_index])
        for ahead in between:
            if _FAMILY.match(fold(text(self.blocks[ahead]["c"])).strip(" .")):
                action.family = True
            else:
                action.extra.append(self.blocks[ahead])
        while position < len(self.blocks):
            block = self.blocks[position]
            if block.get("t") == "Header" and block["c"][0] <= level:
                break
            place.extend(self.places[position])
            position = self.sheet_block(action, position)
        return position

    def sheet_block(self, action: DraftAction, position: int) -> int:
        """Read one block after an action sheet's table: a labelled paragraph, a labelled list, a budget, or extra text."""
        block = self.blocks[position]
        if block.get("t") == "Table":
            budget = read_budget_table(block)
            if budget is not None:
                action.budget += budget
                return position + 1
        if block.get("t") in ("Para", "Plain"):
            inlines = block["c"]
            lead = inlines[0] if inlines else None
            if lead and lead.get("t") == "Strong":
                label = fold(text(lead["c"])).rstrip(" .:")
                name = next((name for name, pattern in FIELD_LABELS.items() if pattern.match(label)), None)
                rest = text(inlines[1:]).lstrip(" .:")
                if name in ("context", "description") and rest:
                    action.fields[name] = (action.fields.get(name, "") + "\n\n" + rest).strip()
                    return position + 1
                if name in ("expected_results", "indicators", "schedule") and not rest and position + 1 < len(self.blocks) \
                        and self.blocks[position + 1].get("t") in ("BulletList", "OrderedList"):
                    items = items_of(lines_of([self.blocks[position + 1]]))
                    if name == "schedule":
                        action.lists.setdefault("milestones", []).extend(items)
                    else:
                        action.lists.setdefault(name, []).extend(items)
                    place = self.places[position + 1]
                    action.place.extend(place)
                    return position + 2
        action.extra.append(block)
        return position + 1


_FAMILY = re.compile(r"^(?:action (?:du volet|du projet) famille|family action|volet famille)$")
def _is_contents_entry(block: dict) -> bool:
    """A line of a table of contents: a paragraph that is one link inside the document (and its page number)."""
    if block.get("t") not in ("Para", "Plain"):
        return False
    links = [inline for inline in block["c"] if inline.get("t") == "Link"]
    return len(links) == 1 and links[0]["c"][2][0].startswith("#")


_FINDINGS_LINE = re.compile(r"^\s*(?:constats|findings)\b")
_FINDINGS_SUFFIX = re.compile(r"^\s*[—–-]\s*(?:constats|findings)\b.*$")


def _challenge(item: list) -> DraftChallenge | None:
    """An enjeu from a list item: its bold lead (pst's own layout) or its first paragraph."""
    if not item:
        return None
    first = item[0]
    if first.get("t") not in ("Para", "Plain"):
        words = text(item)
        return DraftChallenge(item_text(words)) if words else None
    inlines = list(first["c"])
    while inlines and (inlines[0].get("t") == "Space" or inlines[0].get("t") == "Span" and not text(inlines[0]["c"][1])):
        inlines.pop(0)  # the bookmark of pst's anchor, read as an empty span
    rest_blocks = item[1:]
    if inlines and inlines[0].get("t") == "Strong":
        label = text(inlines[0]["c"])
        rest = text(inlines[1:])
        description = "" if not rest or _FINDINGS_SUFFIX.match(fold(rest)) else rest.lstrip(" —–-:")
    else:
        label = text(inlines)
        description = ""
    details = [text(block) for block in rest_blocks if text(block)]
    description = "\n\n".join(part for part in [description, *details] if part)
    label = item_text(label)
    return DraftChallenge(label, description) if label else None
