"""Ordinary text that once broke the PDF: residents' words render in every format.

Emoji, Chinese, Japanese and Korean, an `@handle`, prices written `$5 $`, two headings
with the same title and a link to a missing anchor each made Typst fail with an error
naming no file. A chapter (`fixtures/ordinary_text/section.md`) and a workshop's minutes
(`fixtures/ordinary_text/minutes.md`) holding all of them render to PDF and DOCX: the
words are in the files, and the PDF draws them with the fallback fonts (Noto Color Emoji,
Noto CJK; `pst_cli/render/fonts.py`, installed by `.ci/run`) rather than empty boxes.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES, FIXTURES, copy_project, run_pst, words

TEXTS = FIXTURES / "ordinary_text"
WORKSHOP = "2024-03-12-diagnostic-habitants"
SECTION_WORDS = ("🎉👍", "社区中心很好", "ありがとう", "감사합니다", "@centre_meaux", "$5 $ par personne")
MINUTES_WORDS = ("😀🙏", "我们需要更多活动", "@jeunes_meaux", "$5 $ par enfant")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    root = copy_project(EXAMPLES / "meaux", tmp_path_factory.mktemp("ordinary") / "meaux")
    shutil.copyfile(TEXTS / "section.md", root / "sections" / "edito.md")
    workshop = root / "workshops" / f"{WORKSHOP}.yaml"
    minutes = "".join(f"  {line}".rstrip() + "\n" for line in (TEXTS / "minutes.md").read_text(encoding="utf-8").splitlines())
    text = workshop.read_text(encoding="utf-8")
    assert "\nminutes: |\n" in text
    workshop.write_text(text.replace("\nminutes: |\n", "\nminutes: |\n" + minutes + "\n", 1), encoding="utf-8")

    document = run_pst("render", root, "--to", "pdf,docx", "--quiet")
    assert document.code == 0, document.output
    session = run_pst("minutes", WORKSHOP, root, "--to", "pdf,docx", "--out", root / "build")
    assert session.code == 0, session.output
    assert "Traceback" not in document.output + session.output
    return root / "build"


def pdf_text_and_fonts(path: Path) -> tuple[str, set[str]]:
    from pypdf import PdfReader

    reader = PdfReader(path)
    fonts: set[str] = set()
    for page in reader.pages:
        for font in (page.get("/Resources") or {}).get("/Font", {}).values():
            font = font.get_object()
            fonts.add(f"{font.get('/Subtype')} {font.get('/BaseFont', '')}")
    return words("\n".join(page.extract_text() for page in reader.pages)), fonts


def docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    return words(re.sub(r"<[^>]+>", "", re.sub(r"</w:p>", "\n", xml)))


@pytest.mark.parametrize(("name", "expected"), [("meaux", SECTION_WORDS), (f"compte-rendu-{WORKSHOP}", MINUTES_WORDS)], ids=["document", "minutes"])
def test_residents_words_are_drawn_in_the_pdf(rendered, name, expected):
    text, fonts = pdf_text_and_fonts(rendered / f"{name}.pdf")
    flat = " ".join(text.split())
    for word in expected:
        assert word in flat, word
    # Drawn with the fallbacks, not as empty boxes: a CJK font, and the colour emoji
    # (Typst draws them as Type 3 glyphs). Missing? install fonts-noto-cjk and fonts-noto-color-emoji.
    assert any("CJK" in font for font in fonts), fonts
    assert any(font.startswith("/Type3") for font in fonts), fonts


@pytest.mark.parametrize(("name", "expected"), [("meaux", SECTION_WORDS), (f"compte-rendu-{WORKSHOP}", MINUTES_WORDS)], ids=["document", "minutes"])
def test_residents_words_are_in_the_docx(rendered, name, expected):
    flat = " ".join(docx_text(rendered / f"{name}.docx").split())
    for word in expected:
        assert word in flat, word


def test_identical_headings_and_a_missing_anchor_render(rendered):
    """Two « Paroles d'habitants » keep both their titles; the link to nowhere is its text."""
    pdf, _ = pdf_text_and_fonts(rendered / "meaux.pdf")
    docx = docx_text(rendered / "meaux.docx")
    for text in (pdf, docx):
        assert len(re.findall(r"Paroles d.habitants", text)) >= 2
        assert "section annoncée" in text
    minutes, _ = pdf_text_and_fonts(rendered / f"compte-rendu-{WORKSHOP}.pdf")
    assert minutes.count("Verbatims") == 2
    with zipfile.ZipFile(rendered / "meaux.docx") as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    bookmarks = re.findall(r'<w:bookmarkStart[^>]*w:name="([^"]+)"', xml)
    assert len(bookmarks) == len(set(bookmarks))
