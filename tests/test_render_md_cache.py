"""The `.md` output's Pandoc pass, kept with the prepared document: a second render starts no Pandoc, and stays as inert."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import EXAMPLES, copy_project, run_pst

from pst_cli.render import engine

PAYLOADS = Path(__file__).parent / "fixtures" / "hostile_outputs"


def render_md(project: Path, out: Path) -> str:
    run = run_pst("render", project, "--to", "md", "-o", out, "--quiet")
    assert run.code == 0, run.output
    return (out / "meaux.md").read_text(encoding="utf-8")


def pandoc_calls(monkeypatch) -> list[str]:
    calls = []
    run_pandoc = engine.run_pandoc

    def counted(text, to, outputfile, args):
        calls.append(to)
        return run_pandoc(text, to, outputfile, args)

    monkeypatch.setattr(engine, "run_pandoc", counted)
    return calls


def test_a_second_markdown_render_starts_no_pandoc_and_gives_the_same_file(tmp_path, monkeypatch):
    project = copy_project(EXAMPLES / "meaux", tmp_path / "meaux")
    shutil.rmtree(project / ".pst" / "cache", ignore_errors=True)
    calls = pandoc_calls(monkeypatch)
    first = render_md(project, tmp_path / "first")
    assert len(calls) == 1, "the first render writes the Markdown with Pandoc"
    assert render_md(project, tmp_path / "second") == first
    assert len(calls) == 1, "the second takes what the first kept"
    chapter = project / "sections" / "edito.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nUne phrase ajoutée.\n", encoding="utf-8")
    assert "Une phrase ajoutée." in render_md(project, tmp_path / "third")
    assert len(calls) == 2, "a changed chapter: Pandoc again"


def test_another_pandoc_writes_the_markdown_again(tmp_path, monkeypatch):
    project = copy_project(EXAMPLES / "meaux", tmp_path / "meaux")
    shutil.rmtree(project / ".pst" / "cache", ignore_errors=True)
    first = render_md(project, tmp_path / "first")
    calls = pandoc_calls(monkeypatch)
    identity = engine._pandoc_identity()
    monkeypatch.setattr(engine, "_pandoc_identity", lambda: [identity[0], identity[1] + 1, identity[2]])
    assert render_md(project, tmp_path / "second") == first
    assert calls == ["markdown-raw_html-raw_attribute-raw_tex-smart"]


def test_a_docx_render_then_markdown_keeps_the_markdown_for_the_next(tmp_path, monkeypatch):
    """The Markdown's pass written after the document was prepared (a render to DOCX first) is kept too."""
    project = copy_project(EXAMPLES / "meaux", tmp_path / "meaux")
    shutil.rmtree(project / ".pst" / "cache", ignore_errors=True)
    assert run_pst("render", project, "--to", "html", "-o", tmp_path / "html", "--quiet").code == 0
    calls = pandoc_calls(monkeypatch)
    first = render_md(project, tmp_path / "first")
    assert render_md(project, tmp_path / "second") == first
    assert len(calls) == 1


def test_a_hostile_chapter_is_as_inert_in_the_kept_markdown(tmp_path):
    """Raw markup in a chapter: the second render (from the cache) writes exactly the first's inert file."""
    project = copy_project(EXAMPLES / "meaux", tmp_path / "meaux")
    shutil.rmtree(project / ".pst" / "cache", ignore_errors=True)
    shutil.copyfile(PAYLOADS / "section.md", project / "sections" / "edito.md")
    first = render_md(project, tmp_path / "first")
    second = render_md(project, tmp_path / "second")
    assert second == first
    assert "`<b>brut</b>`\\{=html}" in second and "```{=" not in second
