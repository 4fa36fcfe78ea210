"""Word documents built for the tests: what a reviewer's Word leaves in a DOCX, written as Word writes it.

python-docx cannot write comments or tracked changes, so the OOXML parts are written
here: `w:commentRangeStart`/`w:commentRangeEnd` and a `w:commentReference` run around
the commented passage, the comment itself in `word/comments.xml`, and a tracked change
as `w:del` (`w:delText`) followed by `w:ins`, with author and date.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"


@dataclass
class Note:
    """A comment on the text of a pst bookmark (`bookmark`) or on a run holding `text`."""

    author: str
    date: str
    text: str
    bookmark: str | None = None
    on_text: str | None = None


@dataclass
class Edit:
    """A tracked change inside a pst bookmark: `old` (a part of its text) replaced by `new`."""

    bookmark: str
    old: str
    new: str
    author: str
    date: str


def _bookmark_span(document: str, name: str) -> tuple[int, int]:
    """Where the runs inside bookmark `name` start and end in document.xml."""
    start = re.search(rf'<w:bookmarkStart w:id="(\d+)" w:name="{re.escape(name)}" ?/>', document)
    assert start, f"no bookmark {name} in the document"
    end = re.search(rf'<w:bookmarkEnd w:id="{start.group(1)}" ?/>', document[start.end():])
    return start.end(), start.end() + end.start()


def _comment(document: str, number: int, note: Note) -> str:
    opening = f'<w:commentRangeStart w:id="{number}"/>'
    closing = f'<w:commentRangeEnd w:id="{number}"/><w:r><w:commentReference w:id="{number}"/></w:r>'
    if note.bookmark:
        start, end = _bookmark_span(document, note.bookmark)
    else:
        found = document.find(escape(note.on_text))
        assert found >= 0, f"no run holds {note.on_text!r}"
        start = document.rfind("<w:r>", 0, found)
        end = document.find("</w:r>", found) + len("</w:r>")
    return document[:start] + opening + document[start:end] + closing + document[end:]


def _change(document: str, number: int, edit: Edit) -> str:
    start, end = _bookmark_span(document, edit.bookmark)
    inside = document[start:end]
    words = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", inside))
    position = words.find(escape(edit.old))
    assert position >= 0, f"{edit.old!r} is not in {words!r}"
    before, after = words[:position], words[position + len(escape(edit.old)):]
    who = f'w:author="{escape(edit.author)}" w:date="{edit.date}"'
    runs = (
        f'<w:r><w:t xml:space="preserve">{before}</w:t></w:r>'
        f'<w:del w:id="{900 + number}" {who}><w:r><w:delText xml:space="preserve">{escape(edit.old)}</w:delText></w:r></w:del>'
        f'<w:ins w:id="{950 + number}" {who}><w:r><w:t xml:space="preserve">{escape(edit.new)}</w:t></w:r></w:ins>'
        f'<w:r><w:t xml:space="preserve">{after}</w:t></w:r>'
    )
    return document[:start] + runs + document[end:]


def reviewed(source: Path, target: Path, notes: list[Note] = (), edits: list[Edit] = ()) -> Path:
    """A copy of the DOCX `source` with reviewers' comments and tracked changes, at `target`."""
    with zipfile.ZipFile(source) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    document = parts["word/document.xml"].decode("utf-8")
    for number, note in enumerate(notes):
        document = _comment(document, number, note)
    for number, edit in enumerate(edits):
        document = _change(document, number, edit)
    parts["word/document.xml"] = document.encode("utf-8")
    comments = "".join(
        f'<w:comment w:id="{number}" w:author="{escape(note.author)}" w:date="{note.date}" w:initials="XX">'
        f'<w:p><w:r><w:t xml:space="preserve">{escape(note.text)}</w:t></w:r></w:p></w:comment>'
        for number, note in enumerate(notes)
    )
    parts["word/comments.xml"] = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="{W}">{comments}</w:comments>'.encode()
    types = parts["[Content_Types].xml"].decode()
    if "/word/comments.xml" not in types:
        types = types.replace("</Types>", f'<Override PartName="/word/comments.xml" ContentType="{_COMMENTS_TYPE}"/></Types>')
    parts["[Content_Types].xml"] = types.encode()
    relations = parts["word/_rels/document.xml.rels"].decode()
    if "comments.xml" not in relations:
        relations = relations.replace("</Relationships>", f'<Relationship Id="rIdPstComments" Type="{_COMMENTS_REL}" Target="comments.xml"/></Relationships>')
    parts["word/_rels/document.xml.rels"] = relations.encode()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return target
