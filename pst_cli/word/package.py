"""Open a `.docx` safely: it must be what it claims to be before anything parses it.

A DOCX is a zip of XML parts. A file that is not a zip, a Word 97 document (`.doc`, an
OLE2 compound file), a password-protected DOCX (Office wraps the encrypted package in
an OLE2 file too), a zip without `word/document.xml` (a spreadsheet, an ODT) or a zip
that would inflate beyond the limits below is refused with one sentence saying what
it is and what to do, before Pandoc or an XML parser reads it.

The limits are on what the parts really inflate to, read through a capped stream, not
on the sizes the zip directory declares (which a forged file can understate): a
« zip bomb » stops at the limit, in bounded time and memory.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from pst_cli.errors import PstError

MAX_FILE_BYTES = 100 * 1024 * 1024
"""A DOCX file on disk, images included."""
MAX_TEXT_BYTES = 8 * 1024 * 1024
"""All the XML parts together, inflated. The DOCX of the Meaux plan (40 pages) has 1.4 MB; 8 MB is about 55,000
paragraphs, which Pandoc reads in about 20 s and 1 GB (`benchmarks/word.py`)."""
MAX_PARTS = 5_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAIN_PART = "word/document.xml"


class WordError(PstError):
    """The file named is not a Word document pst can read: nothing was written (exit 2)."""


def _ole_kind(path: Path) -> str:
    """`encrypted` for a password-protected Office file, `doc` for a Word 97 one (both OLE2 files)."""
    with path.open("rb") as handle:
        head = handle.read(1024 * 1024)
    # Directory entries hold stream names in UTF-16: an encrypted package has `EncryptionInfo`.
    if "EncryptionInfo".encode("utf-16-le") in head or "EncryptedPackage".encode("utf-16-le") in head:
        return "encrypted"
    return "doc"


def check_docx(path: Path) -> None:
    """Refuse, with the reason, a file that is not a readable DOCX within the limits."""
    if not path.is_file():
        raise WordError.of("word.not-found", path=path)
    size = path.stat().st_size
    if size == 0:
        raise WordError.of("word.empty-file", name=path.name)
    if size > MAX_FILE_BYTES:
        raise WordError.of("word.too-large", name=path.name, size=round(size / 1_048_576), limit=MAX_FILE_BYTES // 1_048_576)
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == OLE_MAGIC:
        raise WordError.of(f"word.{_ole_kind(path)}", name=path.name)
    if not head.startswith(b"PK"):
        raise WordError.of("word.not-a-docx", name=path.name)
    check_zip(path, MAIN_PART, lambda: WordError.of("word.not-a-word-document", name=path.name))


def check_zip(path: Path, main_part: str, not_this_kind) -> None:
    """Refuse a zip (DOCX, XLSX) without `main_part`, with too many parts, damaged, or whose XML inflates beyond the limits.

    `not_this_kind()` is the error for a zip that lacks `main_part`.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if len(names) > MAX_PARTS:
                raise WordError.of("word.too-many-parts", name=path.name, count=len(names))
            if main_part not in names:
                raise not_this_kind()
            budget = MAX_TEXT_BYTES
            for info in archive.infolist():
                if info.filename.endswith((".xml", ".rels")):
                    budget -= len(read_part(archive, info.filename, budget, path.name))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError, ValueError):
        raise WordError.of("word.damaged", name=path.name) from None


def read_part(archive: zipfile.ZipFile, name: str, limit: int, shown: str) -> bytes:
    """The inflated bytes of one part, refused beyond `limit` whatever the zip says."""
    with archive.open(name) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise WordError.of("word.too-much-text", name=shown, limit=MAX_TEXT_BYTES // 1_048_576)
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
        # No part of a Word document has a document type: entities are how XML bombs are built.
        raise WordError.of("word.damaged", name=shown)
    return data
