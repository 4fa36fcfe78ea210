"""Word and OpenDocument, first class: what the files say, and what LibreOffice shows of them.

The files are read back (their XML), then opened by LibreOffice (Debian's
`libreoffice-writer-nogui`, installed by `.ci/run`) and printed to PDF, as a reader opening
them would see them: a cover without a page number, a table of contents with its entries
and page numbers, tables whose words are never broken across lines.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import EXAMPLES, run_pst
from documents import docx_text, odt_text
from layout_project import big_project
from pypdf import PdfReader

SOFFICE = shutil.which("soffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"


@pytest.fixture(scope="module", params=["meaux", "big"])
def office(request, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp(f"office-{request.param}")
    project = big_project(out / "grand-plan") if request.param == "big" else EXAMPLES / request.param
    result = run_pst("render", project, "--to", "docx,odt", "-o", out, "--quiet")
    assert result.code == 0, result.output
    return {"docx": out / f"{project.name}.docx", "odt": out / f"{project.name}.odt", "project": project}


def _xml(path: Path, member: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(member).decode("utf-8")


def libreoffice_pdf(document: Path) -> Path:
    """`document` printed to PDF by LibreOffice (once), in a profile of its own (tests run in parallel)."""
    out = document.parent / f"lo-{document.suffix[1:]}"
    if (out / f"{document.stem}.pdf").is_file():
        return out / f"{document.stem}.pdf"
    profile = document.parent / f"lo-profile-{document.suffix[1:]}"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(document)],
        check=True, capture_output=True, timeout=240,
    )
    return out / f"{document.stem}.pdf"


def test_docx_cover_has_territory_and_period(office):
    text = docx_text(office["docx"])
    cover = text.split("Sommaire")[0]
    assert "Territoire" in cover and "Période" in cover
    assert ("Meaux" if office["project"].name == "meaux" else "Val de Loire") in cover


def test_docx_cover_has_no_page_number(office):
    section = ElementTree.fromstring(_xml(office["docx"], "word/document.xml")).find(f"{W}body/{W}sectPr")
    assert section.find(f"{W}titlePg") is not None, "the first page has a footer of its own"
    first = next(ref.get(f"{R}id") for ref in section.findall(f"{W}footerReference") if ref.get(f"{W}type") == "first")
    relations = ElementTree.fromstring(_xml(office["docx"], "word/_rels/document.xml.rels"))
    footer = next(rel.get("Target") for rel in relations if rel.get("Id") == first)
    assert "PAGE" not in _xml(office["docx"], f"word/{footer}")


def test_docx_contents_are_written_entries_linked_to_the_headings(office):
    body = _xml(office["docx"], "word/document.xml")
    assert "TOC \\" not in body and "updateFields" not in _xml(office["docx"], "word/settings.xml"), "no field Word must update"
    anchors = re.findall(r'<w:pStyle w:val="PstToc[12]" />.*?<w:hyperlink w:anchor="([^"]+)"', body)
    bookmarks = set(re.findall(r'<w:bookmarkStart w:id="\d+" w:name="([^"]+)"', body))
    assert len(anchors) > 10
    assert [anchor for anchor in anchors if anchor not in bookmarks] == []


def test_docx_headings_are_numbered_and_table_headers_repeat(office):
    text = docx_text(office["docx"])
    assert re.search(r"^1 Identité du projet$", text, re.M)
    assert re.search(r"^\d+\.1 ", text, re.M), "second-level headings are numbered 1.1, 2.1…"
    body = ElementTree.fromstring(_xml(office["docx"], "word/document.xml"))
    indicators = next(table for table in body.iter(f"{W}tbl") if "Fréquence" in "".join(table.find(f"{W}tr").itertext()))
    assert indicators.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None, "the header row of a long table repeats on every page"
    assert body.find(f".//{W}tblStyle").get(f"{W}val") == "Table", "tables take the styled table of reference.docx"


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_lists_in_a_cell_have_the_french_space_before_each_semicolon(office, kind):
    """A list whose items hold commas (an action's partners and their roles, the objectives it serves, the
    evidence of a finding) is split by « ; » with the narrow no-break space before it, never a bare « ; »."""
    text = (docx_text if kind == "docx" else odt_text)(office[kind])
    bare = [text[max(0, found.start() - 30) : found.end()] for found in re.finditer(r"(?<![\u202f\u00a0]);(?=\s|$)", text)]
    assert bare == []
    if office["project"].name == "meaux":
        assert "l’espace public.)\u202f; Bénévoles du centre social (Encadrement" in text


def test_odt_has_a_cover_contents_numbers_chapters_and_borders(office):
    content = _xml(office["odt"], "content.xml")
    styles = ElementTree.fromstring(_xml(office["odt"], "styles.xml"))
    named = {style.get(f"{STYLE}name"): style for style in styles.iter(f"{STYLE}style")}
    masters = {page.get(f"{STYLE}name"): page for page in styles.iter(f"{STYLE}master-page")}
    assert named["Title"].get(f"{STYLE}master-page-name") == "PstCover" and masters["PstCover"].find(f"{STYLE}footer") is None, "the cover has a page without footer"
    assert named["Heading_20_1"].find(f"{STYLE}paragraph-properties").get(f"{FO}break-before") == "page", "each chapter starts a page"
    cells = {style.get(f"{STYLE}name"): style for style in ElementTree.fromstring(content).iter(f"{STYLE}style")}
    assert cells["TableRowCell"].find(f"{STYLE}table-cell-properties").get(f"{FO}border").startswith("0.5pt solid"), "tables have borders"
    assert content.count('text:style-name="PstToc1"') > 5 and "text:bookmark-ref" in content
    text = odt_text(office["odt"])
    assert "Territoire" in text.split("Sommaire")[0]
    assert re.search(r"^1 Identité du projet$", text, re.M)


@needs_libreoffice
@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_libreoffice_shows_the_cover_and_the_contents(office, kind):
    reader = PdfReader(libreoffice_pdf(office[kind]))
    cover = reader.pages[0].extract_text()
    assert "Territoire" in cover and "Période" in cover
    assert not re.search(r"(^|\n)\s*\d+(\s*/\s*\d+)?\s*$", cover), "no page number on the cover"
    contents = reader.pages[1].extract_text()
    assert contents.lstrip().startswith("Sommaire")
    entries = [line for line in contents.splitlines() if re.search(r"\.{3,}\s*\d+\s*$", line)]
    assert len(entries) > 10, "the entries are there, each with its page number"
    assert "Error" not in contents and "Erreur" not in contents, "every page reference finds its heading"


@needs_libreoffice
@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_libreoffice_breaks_no_word_in_a_table(office, kind):
    """Each word of the tables appears whole on a line of the printed document (a compound word may break at its hyphen)."""
    printed = "\n".join(page.extract_text() for page in PdfReader(libreoffice_pdf(office[kind])).pages)
    tokens = {token.strip(".,;:()«»!?’'\"–—") for line in printed.splitlines() for part in line.split() for token in part.split("-")}
    cells = _table_words(office[kind], kind)
    assert len(cells) > 50
    broken = sorted({word for word in cells if word not in tokens})
    assert broken == []


def _table_words(path: Path, kind: str) -> set[str]:
    """The words of the tables' cells, as parts between hyphens, of six letters or more."""
    if kind == "docx":
        xml = _xml(path, "word/document.xml")
        cells = re.findall(r"<w:tc>.*?</w:tc>", xml, re.S)
        text = " ".join(" ".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", cell)) for cell in cells)
    else:
        xml = _xml(path, "content.xml")
        cells = re.findall(r"<table:table-cell.*?</table:table-cell>", xml, re.S)
        text = " ".join(re.sub(r"<[^>]+>", " ", cell) for cell in cells)
    text = text.replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", '"')
    return {part.strip(".,;:()«»!?’'\"–—") for word in text.split() for part in word.split("-") if len(part.strip(".,;:()«»!?’'\"–—")) >= 6 and part.isalpha()}
