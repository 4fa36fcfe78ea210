"""`pst import comments FILE.docx [DIR]`: reviewers' comments and tracked changes, back at `file:line`.

A colleague comments and tracks changes in the DOCX that `pst render` wrote, in Word
or LibreOffice. `pst render` wraps the title or label of each entity in its anchor,
which the DOCX holds as a bookmark (`word.anchors`: `objective-A1.OG2`, the same name
as the HTML id and the target of every link to the entity); the bookmark open where a
comment or a change starts says which entity it touches, and the project says where
that entity is written. A comment outside every bookmark (on a written chapter, a table of pst) is
found back by its passage when that text is written once in the project; else it is
given with its paragraph in the document.

`--apply` carries a tracked change of a title or a label into the YAML file: the text
of the bookmark before the changes must still be the project's value (otherwise the
file changed since the document was written, and the change is listed, not applied);
the value is written in place of the old one (`yamledit`), checked like `pst add`
checks, and nothing else of the file moves. What the document adds around a label
inside its bookmark (« (commune) », the illustration mark) and the reviewer left as it
was is not part of the value. Anything ambiguous is listed with its
reason, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from pst_cli.editing.checked import write_checked
from pst_cli.editing.yamledit import edit_text
from pst_cli.findings import Finding
from pst_cli.i18n import t
from pst_cli.project.aggregate import Project
from pst_cli.project.roundtrip import read
from pst_cli.word.anchors import EXAMPLE, anchor_name, docx_bookmark
from pst_cli.word.review import Change, Comment, Marked, Review, read_review

LABEL_FIELDS = ("title", "label", "name", "statement")
"""The field a bookmark of pst marks, in the first model that has it."""
MAX_LABEL = 20_000
MAX_AROUND = 1_000
"""Longest bookmark text in which what the document wrote around a label is looked for."""


@dataclass
class ReviewItem:
    """One comment or one tracked change, placed in the project."""

    kind: str
    """`comment`, `insertion`, `deletion` or `modification`."""
    author: str
    date: str
    text: str = ""
    passage: str = ""
    old: str = ""
    new: str = ""
    path: str = ""
    """The project file, or the document itself when the item could not be placed."""
    line: int = 0
    col: int = 0
    entity: str = ""
    placed: bool = False
    change: dict | None = None
    """For a change that `--apply` can carry: {relpath, loc, old, new}."""
    reason: str = ""
    """Why a change cannot be applied."""

    def as_finding(self, message: str) -> Finding:
        return Finding(f"review/{self.kind}", "info", self.path, self.line, self.col, message, self.reason, self.entity)


@dataclass
class ReviewResult:
    items: list[ReviewItem] = field(default_factory=list)
    document: str = ""
    applied: list[ReviewItem] = field(default_factory=list)


def canonical(value: str) -> str:
    """A text as a reader compares it: typographic spaces, apostrophes, quotes and dashes as typed on a keyboard."""
    value = value.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    value = value.replace("\u2026", "...").replace("\u2014", "---").replace("\u2013", "--")
    value = re.sub(r"[\s\u00a0\u202f]+", " ", value)
    value = re.sub(r"«\s*", "«", value)
    value = re.sub(r"\s*»", "»", value)
    value = re.sub(r"\s+([;:!?])", r"\1", value)
    return value.strip()


def flat(value: str) -> str:
    """A text with typographic spaces, apostrophes and quotes as typed on a keyboard, one character for one."""
    return value.translate(_FLAT)


_FLAT = str.maketrans({"\u202f": " ", "\u00a0": " ", "\t": " ", "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def written_like(new: str, old: str) -> str:
    """The reviewer's text in the project's way of writing: plain spaces, and the apostrophes and dashes the old value used."""
    value = " ".join(new.replace("\u202f", " ").replace("\u00a0", " ").split())
    if "\u2019" not in old:
        value = value.replace("\u2019", "'")
    if "\u201c" not in old and "\u201d" not in old:
        value = value.replace("\u201c", '"').replace("\u201d", '"')
    if "..." in old:
        value = value.replace("\u2026", "...")
    if "---" in old:
        value = value.replace("\u2014", "---")
    return value


def _label_field(entity: BaseModel) -> str | None:
    return next((name for name in LABEL_FIELDS if name in type(entity).model_fields), None)


class _Places:
    """Bookmarks and passages of the document → entities and positions of the project."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.names: dict[str, list[tuple[BaseModel, tuple]]] = {}
        """DOCX bookmark → the entities it can name, each with the key path of its marked text."""
        for entity in project.entities:
            entity_id = getattr(entity, "id", None)
            if not isinstance(entity_id, str):
                continue
            label = _label_field(entity)
            for kind in type(entity).id_kinds:
                if label is not None:
                    self.names.setdefault(docx_bookmark(anchor_name(kind, entity_id)), []).append((entity, (label,)))
                if kind == "objective":
                    for item in range(len(getattr(entity, "examples", None) or [])):
                        self.names.setdefault(docx_bookmark(anchor_name(kind, entity_id, item)), []).append((entity, ("examples", item)))
        self.kinds = {kind for entity in project.entities for kind in type(entity).id_kinds} | {EXAMPLE}
        self._texts: list[tuple[str, list[str]]] | None = None

    def __contains__(self, name: object) -> bool:
        """Whether `name` is, or looks like, the anchor of an entity (one the project may no longer have)."""
        return name in self.names or (isinstance(name, str) and name.partition("-")[0] in self.kinds and "-" in name)

    def resolve(self, name: str, marked: Marked | None) -> tuple[BaseModel, tuple] | str:
        """(entity, key path of the marked text inside it), or the reason it cannot be told."""
        candidates = list({id(entity): (entity, inside) for entity, inside in self.names.get(name, [])}.values())
        if not candidates:
            entity_id = name.partition("-")[2]
            return t("review.reason.unknown-id", id=entity_id.partition("-")[2] if name.startswith(EXAMPLE + "-") else entity_id)
        entity_id = candidates[0][0].id
        if len(candidates) > 1 and marked is not None:
            same = [c for c in candidates if canonical(str(self.value(*c))) == canonical(marked.before)]
            candidates = same or candidates
        if len(candidates) > 1:
            return t("review.reason.same-id", id=entity_id)
        return candidates[0]

    @staticmethod
    def value(entity: BaseModel, inside: tuple) -> object:
        value = getattr(entity, inside[0])
        return value[inside[1]] if len(inside) > 1 else value

    def where(self, entity: BaseModel, inside: tuple, passage: str = "") -> tuple[str, int, int]:
        """File, line and column of the marked value; the column of the passage when the line holds it."""
        relpath, line, col = self.project.where(entity, *inside)
        lines = self.lines(relpath)
        if passage and 0 < line <= len(lines):
            found = flat(lines[line - 1]).find(flat(" ".join(passage.split())))
            if found >= 0:
                col = found + 1
        return relpath, line, col

    def lines(self, relpath: str) -> list[str]:
        loaded = self.project.files.get(relpath)
        if loaded is not None and loaded.text:
            return loaded.text.split("\n")
        path = self.project.project_file(relpath)
        return path.read_text(encoding="utf-8").split("\n") if path else []

    def search(self, passage: str) -> tuple[str, int, int] | None:
        """The one place of the project where `passage` is written, or None (nowhere, or several places)."""
        wanted = canonical(passage)
        if len(wanted) < 8:
            return None
        if self._texts is None:
            relpaths = list(self.project.files)
            relpaths += [section.file for section in self.project.config.sections if self.project.project_file(section.file)]
            self._texts = [(relpath, self.lines(relpath)) for relpath in relpaths]
        wanted = flat(" ".join(passage.split()))
        found = []
        for relpath, lines in self._texts:
            for number, line in enumerate(lines, start=1):
                position = flat(line).find(wanted)
                if position >= 0:
                    found.append((relpath, number, position + 1))
        return found[0] if len(found) == 1 else None


def _day(date: str) -> str:
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", date or "")
    return t("review.date", day=match.group(3), month=match.group(2)) if match else ""


def collect(document: Path, project: Project) -> ReviewResult:
    """Every comment and tracked change of `document`, placed in `project`."""
    places = _Places(project)
    review = read_review(document, places)
    result = ReviewResult(document=str(document))
    for comment in review.comments:
        result.items.append(_comment_item(comment, review, places, document))
    result.items += _change_items(review, places, document)
    result.items.sort(key=lambda item: (not item.placed, item.path, item.line, item.col))
    return result


def _comment_item(comment: Comment, review: Review, places: _Places, document: Path) -> ReviewItem:
    item = ReviewItem("comment", comment.author, comment.date, text=comment.text, passage=comment.passage)
    for name in reversed(comment.anchors):
        resolved = places.resolve(name, review.marked.get(name))
        if isinstance(resolved, tuple):
            entity, inside = resolved
            item.path, item.line, item.col = places.where(entity, inside, comment.passage)
            item.entity, item.placed = entity.id, True
            return item
    if not _place_by_text(item, places, comment.passage, document, comment.paragraph):
        item.reason = t("review.reason.not-placed")
    return item


def _place_by_text(item: ReviewItem, places: _Places, passage: str, document: Path, paragraph: int) -> bool:
    """Place `item` where `passage` is found in the project, else at its paragraph of the document."""
    found = places.search(passage) if passage else None
    if found:
        item.path, item.line, item.col = found
        item.placed = True
        return True
    item.path, item.line, item.col = document.name, paragraph, 1
    return False


def _change_items(review: Review, places: _Places, document: Path) -> list[ReviewItem]:
    """One item per bookmark whose text changed (applicable or not), and one per change outside them."""
    items = []
    seen: dict[str, ReviewItem] = {}
    for change in review.changes:
        name = change.anchors[-1] if change.anchors else None
        if name is not None and name in seen:
            continue
        if name is None or name not in review.marked:
            items.append(_loose_change(change, places, document))
            continue
        marked = review.marked[name]
        item = ReviewItem(_kind(marked.before, marked.after), change.author, change.date, old=marked.before, new=marked.after)
        seen[name] = item
        items.append(item)
        resolved = places.resolve(name, marked)
        if isinstance(resolved, str):
            item.path, item.line, item.col, item.reason = document.name, change.paragraph, 1, resolved
            continue
        entity, inside = resolved
        item.path, item.line, item.col = places.where(entity, inside)
        item.entity, item.placed = entity.id, True
        current = places.value(entity, inside)
        before, after = _label_part(marked.before, marked.after, str(current))
        new = written_like(after, str(current))
        relpath, loc = places.project.places[id(entity)]
        if not isinstance(current, str):
            item.reason = t("review.reason.not-text")
        elif canonical(after) == canonical(current):
            item.reason = t("review.reason.same")
        elif canonical(before) != canonical(current):
            item.reason = t("review.reason.text-changed", value=current)
        elif not new:
            item.reason = t("review.reason.empty")
        elif len(new) > MAX_LABEL:
            item.reason = t("review.reason.too-long", limit=MAX_LABEL)
        elif new == current:
            item.reason = t("review.reason.same")
        else:
            item.change = {"relpath": relpath, "loc": (*loc, *inside), "old": current, "new": new}
    return items


def _label_part(before: str, after: str, current: str) -> tuple[str, str]:
    """The label inside a bookmark's text, before and after the changes.

    What the document writes around a label inside its bookmark (« (commune) », the
    illustration mark) is taken off when the reviewer left it as it was; the whole
    texts are kept when the label is not found that way.
    """
    wanted = canonical(current)
    if canonical(before) == wanted or len(before) > MAX_AROUND:
        return before, after
    same_start = 0
    while same_start < min(len(before), len(after)) and before[same_start] == after[same_start]:
        same_start += 1
    same_end = 0
    while same_end < min(len(before), len(after)) - same_start and before[-1 - same_end] == after[-1 - same_end]:
        same_end += 1
    starts = [0] + [i + 1 for i in range(same_start) if before[i].isspace()]
    ends = [len(before)] + [i for i in range(len(before) - same_end, len(before)) if before[i].isspace()]
    for begin in starts:
        for end in ends:
            if begin < end and canonical(before[begin:end]) == wanted:
                return before[begin:end], after[begin : len(after) - (len(before) - end)]
    return before, after


def _kind(before: str, after: str) -> str:
    if canonical(after).startswith(canonical(before)) or canonical(before) in canonical(after):
        return "insertion"
    if canonical(after) in canonical(before):
        return "deletion"
    return "modification"


def _loose_change(change: Change, places: _Places, document: Path) -> ReviewItem:
    kind = "modification" if change.deleted and change.inserted else "insertion" if change.inserted else "deletion"
    item = ReviewItem(kind, change.author, change.date, old=change.deleted, new=change.inserted)
    _place_by_text(item, places, change.deleted, document, change.paragraph)
    item.reason = t("review.reason.outside-labels")
    return item


def message(item: ReviewItem) -> str:
    """`Marie Dupont (12/03) : « Préciser la cible »` — what a review line says after its position."""
    who = item.author or t("review.anonymous")
    day = _day(item.date)
    who = f"{who} ({day})" if day else who
    if item.kind == "comment":
        return t("review.line.comment", who=who, text=item.text)
    return t("review.line.change", who=who, old=" ".join(item.old.split()), new=" ".join(item.new.split()))


def apply_changes(root: Path, result: ReviewResult) -> list[ReviewItem]:
    """Write every applicable change into its file (in place, checked like `pst add`); the items applied."""
    by_file: dict[str, list[ReviewItem]] = {}
    for item in result.items:
        if item.change is not None:
            by_file.setdefault(item.change["relpath"], []).append(item)
    texts = {}
    for relpath, items in by_file.items():
        original = read(root / relpath)
        texts[relpath] = edit_text(original, [(tuple(item.change["loc"]), item.change["new"]) for item in items])
    if texts:
        write_checked(root, texts, "review")
    applied = [item for items in by_file.values() for item in items]
    result.applied = applied
    return applied
