"""The comments and tracked changes of a DOCX, and the bookmarks of pst around them.

Pandoc's reader keeps comments and tracked changes (`--track-changes=all`) but drops
bookmarks, which are how `pst render` marks each entity; so this module reads the
document's XML itself, once `package.check_docx` has bounded it: `word/document.xml`
in document order (paragraphs, runs, `w:ins`, `w:del`, comment ranges, bookmarks) and
`word/comments.xml` (author, date, text of each comment).

What comes out knows nothing of projects: each comment and each tracked change, with
the names of the bookmarks open where it starts (innermost last) among those the caller
asks for (the anchors of a project's entities, `word.anchors`) and, for each of those
bookmarks, its text before and after the changes.
"""

from __future__ import annotations

import zipfile
from collections.abc import Container
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from pst_cli.word.package import MAIN_PART, MAX_TEXT_BYTES, WordError, check_docx, read_part

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class Marked:
    """The text inside one pst bookmark: as rendered (`before`) and with the tracked changes applied (`after`)."""

    name: str
    before: str = ""
    after: str = ""
    changed: bool = False


@dataclass
class Comment:
    """A reviewer's comment and the passage it is attached to."""

    id: str
    author: str
    date: str
    text: str
    passage: str = ""
    paragraph: int = 0
    anchors: list[str] = field(default_factory=list)
    """The pst bookmarks open where the comment starts, innermost last (or, if none, the first one inside it)."""


@dataclass
class Change:
    """A run of tracked changes by one author inside one paragraph: what was deleted and inserted."""

    author: str
    date: str
    deleted: str = ""
    inserted: str = ""
    paragraph: int = 0
    anchors: list[str] = field(default_factory=list)


@dataclass
class Review:
    """Everything reviewers left in a document."""

    comments: list[Comment] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    marked: dict[str, Marked] = field(default_factory=dict)
    """Bookmark name → its text, for every pst bookmark of the document."""


def read_review(path: Path, anchors: Container[str]) -> Review:
    """The comments and tracked changes of the DOCX at `path`, with the bookmarks named in `anchors` around them."""
    check_docx(path)
    try:
        with zipfile.ZipFile(path) as archive:
            document = read_part(archive, MAIN_PART, MAX_TEXT_BYTES, path.name)
            names = set(archive.namelist())
            comments = read_part(archive, "word/comments.xml", MAX_TEXT_BYTES, path.name) if "word/comments.xml" in names else b""
        body = ElementTree.fromstring(document)
        notes = ElementTree.fromstring(comments) if comments else None
    except (zipfile.BadZipFile, ElementTree.ParseError, KeyError, OSError):
        raise WordError.of("word.damaged", name=path.name) from None
    walk = _Walk(anchors)
    try:
        walk.element(body)
    except RecursionError:  # tables nested hundreds deep: no document of a person is built so
        raise WordError.of("word.damaged", name=path.name) from None
    walk.close_paragraph()
    texts = {}
    if notes is not None:
        for note in notes.iter(f"{W}comment"):
            words = " ".join(" ".join(node.text or "" for node in paragraph.iter(f"{W}t")) for paragraph in note.iter(f"{W}p"))
            texts[note.get(f"{W}id")] = (note.get(f"{W}author") or "", note.get(f"{W}date") or "", " ".join(words.split()))
    review = Review(marked=walk.marked, changes=walk.changes)
    for comment_id, found in walk.comments.items():
        author, date, words = texts.get(comment_id, ("", "", ""))
        review.comments.append(Comment(comment_id, author, date, words, " ".join(found["passage"].split()), found["paragraph"],
                                       found["anchors"] or found["inside"][:1]))
    return review


class _Walk:
    """One pass over `document.xml` in document order."""

    def __init__(self, anchors: Container[str]) -> None:
        self.wanted = anchors
        self.open_marks: dict[str, str] = {}
        """Bookmark id → name, for the pst bookmarks open at this point (in the order they opened)."""
        self.marked: dict[str, Marked] = {}
        self.comments: dict[str, dict] = {}
        self.open_comments: list[str] = []
        self.changes: list[Change] = []
        self.current: Change | None = None
        self.paragraph = 0

    def anchors(self) -> list[str]:
        return list(self.open_marks.values())

    def element(self, node, state: str = "") -> None:
        tag = node.tag
        if tag == f"{W}p":
            self.paragraph += 1
            for child in node:
                self.element(child, state)
            self.close_paragraph()
            return
        if tag == f"{W}bookmarkStart":
            name = node.get(f"{W}name") or ""
            if name in self.wanted:
                self.open_marks[node.get(f"{W}id") or name] = name
                self.marked.setdefault(name, Marked(name))
                for found in self.comments.values():
                    if found["open"]:
                        found["inside"].append(name)
            return
        if tag == f"{W}bookmarkEnd":
            self.open_marks.pop(node.get(f"{W}id") or "", None)
            return
        if tag == f"{W}commentRangeStart":
            comment_id = node.get(f"{W}id") or ""
            self.comments[comment_id] = {"passage": "", "paragraph": self.paragraph, "anchors": self.anchors(),
                                         "inside": [], "open": True}
            return
        if tag == f"{W}commentRangeEnd":
            found = self.comments.get(node.get(f"{W}id") or "")
            if found:
                found["open"] = False
            return
        if tag in (f"{W}ins", f"{W}moveTo"):
            self.start_change(node)
            for child in node:
                self.element(child, "ins")
            return
        if tag in (f"{W}del", f"{W}moveFrom"):
            self.start_change(node)
            for child in node:
                self.element(child, "del")
            return
        if tag in (f"{W}t", f"{W}delText", f"{W}instrText"):
            if tag != f"{W}instrText":
                self.add_text(node.text or "", state)
            return
        if tag in (f"{W}tab", f"{W}br", f"{W}cr"):
            self.add_text(" ", state)
            return
        if tag in (f"{W}rPrChange", f"{W}pPrChange", f"{W}sectPrChange", f"{W}tblPrChange", f"{W}trPrChange", f"{W}tcPrChange"):
            return  # formatting changes: the text is the same
        for child in node:
            self.element(child, state)

    def start_change(self, node) -> None:
        author, date = node.get(f"{W}author") or "", node.get(f"{W}date") or ""
        anchors = self.anchors()
        current = self.current
        if current is None or current.author != author or current.anchors != anchors:
            self.current = Change(author, date, paragraph=self.paragraph, anchors=anchors)
            self.changes.append(self.current)

    def add_text(self, value: str, state: str) -> None:
        if not value:
            return
        for name in self.open_marks.values():
            mark = self.marked[name]
            if state != "ins":
                mark.before += value
            if state != "del":
                mark.after += value
            if state:
                mark.changed = True
        for found in self.comments.values():
            if found["open"] and state != "del":
                found["passage"] += value
        if state == "ins" and self.current is not None:
            self.current.inserted += value
        elif state == "del" and self.current is not None:
            self.current.deleted += value
        elif not state and value.strip():
            # Plain text between two changes separates them.
            self.current = None

    def close_paragraph(self) -> None:
        self.current = None
