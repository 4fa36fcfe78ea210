"""`pst render` refuses a project `pst check` refuses, renders a marked draft on request, and says what it is doing."""

from __future__ import annotations

from conftest import FIXTURES, copy_project, run_pst
from documents import document_texts
from pypdf import PdfReader

DANGLING = FIXTURES / "render_dangling"


def test_dangling_references_stop_the_render_with_their_positions(tmp_path):
    result = run_pst("render", DANGLING, "--to", "md,html", "-o", tmp_path / "out", "--quiet")
    assert result.code == 1
    assert "plan/actions/fa-01.yaml:3:26: erreur objectif opérationnel inconnu : « A1.OG1.OO7 »" in result.err
    assert "plan/actions/fa-01.yaml:4:11: erreur acteur inconnu : « animatrice-enfance »" in result.err
    assert "Vouliez-vous dire « A1.OG1.OO1 » ?" in result.err, "the same hints as pst check"
    assert "--draft" in result.err, "the way out is named"
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_draft_renders_anyway_and_says_so_in_every_format(tmp_path):
    result = run_pst("render", DANGLING, "--to", "docx,odt,pdf,html,md", "-o", tmp_path, "--quiet", "--draft")
    assert result.code == 0, result.output
    for name, text in document_texts(tmp_path / "render_dangling", "docx,odt,pdf,html,md").items():
        assert "Brouillon" in text or "BROUILLON" in text, name
    first = PdfReader(tmp_path / "render_dangling.pdf").pages[-1].extract_text()
    assert "BROUILLON" in first, "the PDF carries the mark on every page, not only the cover"


def test_warnings_do_not_stop_the_render(tmp_path):
    project = copy_project(DANGLING, tmp_path / "projet")
    action = project / "plan" / "actions" / "fa-01.yaml"
    action.write_text("id: FA-01\ntitle: Café des aidants\nobjectives: [A1.OG1.OO1]\n", encoding="utf-8")
    result = run_pst("render", project, "--to", "md", "--quiet")
    assert result.code == 0, result.output
    assert "BROUILLON" not in (project / "build" / "projet.md").read_text(encoding="utf-8")


def test_each_step_is_reported_as_it_happens(tmp_path):
    """Loading, checking, figures, then each format: a start and an end each, in that order."""
    from pst_cli.render.document import render_document

    seen: list[tuple[str, str]] = []
    render_document(FIXTURES / "render_injection", ["md", "html"], tmp_path, progress=lambda step, state: seen.append((step, state)))
    assert seen[:6] == [("load", "start"), ("load", "done"), ("check", "start"), ("check", "done"), ("figures", "start"), ("figures", "done")]
    assert sorted(seen[6:]) == [("html", "done"), ("html", "start"), ("md", "done"), ("md", "start")]


def test_the_terminal_shows_every_step(tmp_path):
    result = run_pst("render", FIXTURES / "render_injection", "--to", "md", "-o", tmp_path)
    assert result.code == 0, result.output
    steps = [line.split()[1:3] for line in result.err.splitlines() if line.strip()]
    assert [" ".join(words) for words in steps][:4] == ["Lecture du", "Vérification fait", "Figures et", "MD écrit"]
