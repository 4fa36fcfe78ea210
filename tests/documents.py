"""Reading rendered documents back as a reader sees them: the text of each format, and a form to compare it in."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def docx_text(path: Path) -> str:
    """The text of a Word document's body, headers and footers, a line per paragraph (python-docx would read the same)."""
    lines = []
    with zipfile.ZipFile(path) as archive:
        parts = ["word/document.xml"] + sorted(name for name in archive.namelist() if re.match(r"word/(header|footer)\d*\.xml$", name))
        for part in parts:
            root = ElementTree.fromstring(archive.read(part))
            for paragraph in root.iter(f"{W}p"):
                lines.append("".join(node.text or "" if node.tag == f"{W}t" else "\t" for node in paragraph.iter() if node.tag in (f"{W}t", f"{W}tab")))
    return "\n".join(lines)


def odt_text(path: Path) -> str:
    """The text of an OpenDocument file's body, a line per paragraph or heading."""
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("content.xml"))
    return "\n".join("".join(node.itertext()) for node in root.iter() if node.tag in (f"{TEXT}p", f"{TEXT}h"))


def pdf_pages(path: Path) -> list[str]:
    """The text of each page of a PDF, without the running header and the page number of the pages after the cover."""
    from pypdf import PdfReader

    pages = [page.extract_text() for page in PdfReader(path).pages]
    return pages[:1] + [_body(text) for text in pages[1:]]


def _body(page: str) -> str:
    lines = page.split("\n")
    if lines and re.fullmatch(r"\d+ / \d+", lines[-1].strip()):
        lines = lines[:-1]
    return "\n".join(lines[1:])  # the header: title, territory and years


def pdf_text(path: Path) -> str:
    return "\n".join(pdf_pages(path))


class _Visible(HTMLParser):
    """The text a browser shows: everything outside `<style>`, `<script>` and `<head>`."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "head"):
            self.hidden += 1
        elif tag in ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "div", "br", "tr", "figcaption", "dt", "dd"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("style", "script", "head"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def html_text(path: Path) -> str:
    parser = _Visible()
    parser.feed(path.read_text(encoding="utf-8"))
    return "".join(parser.parts)


READERS = {"docx": docx_text, "odt": odt_text, "pdf": pdf_text, "html": html_text, "md": lambda path: path.read_text(encoding="utf-8")}


def document_texts(base: Path, formats: str) -> dict[str, str]:
    """The text of `base.<format>` for each of the comma-separated `formats`."""
    return {name: READERS[name](base.with_name(f"{base.name}.{name}")) for name in formats.split(",")}


def squash(text: str) -> str:
    """Letters and digits only, lower case, compatibility forms folded: what is left of a text whatever the
    layout did to it (line ends, hyphenation, typographic spaces and quotes, ligatures, Markdown marks)."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return "".join(char for char in folded if char.isalnum())
