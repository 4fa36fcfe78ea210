"""`pst minutes`: the compte rendu of a workshop, rendered with real Pandoc and real Typst."""

from __future__ import annotations

import re
import zipfile

import pytest
from conftest import EXAMPLES, copy_project, run_pst, write_tree
from pypdf import PdfReader

from pst_cli.project.load import load_project

QUESTEMBERT = EXAMPLES / "questembert"


def _docx_text(path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def _pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _sessions() -> list[str]:
    """The Questembert sessions, by file name (an invalid example fails the tests, it never skips them)."""
    return sorted(path.stem for path in (QUESTEMBERT / "workshops").glob("*.yaml"))


def test_questembert_has_its_six_sessions():
    assert len(_sessions()) >= 6


@pytest.mark.parametrize("workshop", _sessions())
def test_each_questembert_session_renders_to_docx_and_pdf(tmp_path, workshop):
    project = load_project(QUESTEMBERT).project
    session = next(w for w in project.workshops if w.id == workshop)
    run = run_pst("minutes", workshop, QUESTEMBERT, "--to", "docx,pdf", "--out", tmp_path)
    assert run.code == 0, run.output
    docx = tmp_path / f"compte-rendu-{workshop}.docx"
    pdf = tmp_path / f"compte-rendu-{workshop}.pdf"
    assert "Compte rendu" in _docx_text(docx) or "Objectifs de la séance" in _docx_text(docx)
    text = _pdf_text(pdf)
    assert "Suite donnée" in text and "Participants" in text
    assert str(session.date.year) in text
    if session.votes:
        assert "Votes" in text
        with zipfile.ZipFile(docx) as archive:
            assert any(name.startswith("word/media/") for name in archive.namelist()), "graphique du vote absent"


def test_minutes_markdown_has_the_vote_table_and_chart(meaux, tmp_path):
    run = run_pst("minutes", "2024-06-18-forum-enjeux", meaux, "--to", "md", "--out", tmp_path)
    assert run.code == 0, run.output
    # The .md output writes typographic apostrophes (’); the phrases below are typed with plain ones.
    text = (tmp_path / "compte-rendu-2024-06-18-forum-enjeux.md").read_text(encoding="utf-8").replace("\u2019", "'")
    assert "**Date**\u202f: 18\u00a0juin\u00a02024" in text
    # A table row however Pandoc's Markdown writer lays it out (pipe, grid or multiline table).
    assert re.search(r"^[ |]*1[ |]+Rompre l'isolement et renforcer le lien social", text, re.MULTILINE)
    assert re.search(r"^[ |]*\*\*Total\*\*[ |]+\*\*52\*\*", text, re.MULTILINE)
    assert "](figures/2024-06-18-forum-enjeux-vote-1.png)" in text
    assert (tmp_path / "figures" / "2024-06-18-forum-enjeux-vote-1.png").read_bytes().startswith(b"\x89PNG")
    assert "# Points de désaccord" in text and "# Suite donnée" in text


def test_workshop_text_is_printed_never_executed(meaux, tmp_path):
    write_tree(meaux, {"workshops/2024-05-02-piege.yaml": (
        "id: W-piege\ntitle: \"Atelier {{ 7*7 }}\"\nphase: diagnostic\ndate: 2024-05-02\n"
        "outputs:\n  - \"<script>alert(1)</script> et {% include 'x' %}\"\n"
    )})
    run = run_pst("minutes", "W-piege", meaux, "--to", "md,docx", "--out", tmp_path)
    assert run.code == 0, run.output
    text = (tmp_path / "compte-rendu-W-piege.md").read_text(encoding="utf-8")
    assert "49" not in text
    docx = _docx_text(tmp_path / "compte-rendu-W-piege.docx")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in docx and "{% include" in docx


def test_unknown_workshop_or_format_is_a_user_error(tmp_path):
    project = copy_project(EXAMPLES / "meaux", tmp_path / "m")
    run = run_pst("minutes", "forum-enjeu", project)
    assert run.code == 2 and "aucun atelier" in run.err
    run = run_pst("minutes", "2024-06-18-forum-enjeux", project, "--to", "pptx")
    assert run.code == 2 and "format inconnu : pptx" in run.err
    assert "Traceback" not in run.output
