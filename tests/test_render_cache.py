"""What `pst render` keeps in `.pst/cache/`: reused when nothing changed, never when something did."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import run_pst

from pst_cli.render import cache

MEASUREMENT = "  - indicator: I-A1.OG1-1\n    date: 2025-12-31\n    value: 9\n"


@pytest.fixture
def project(meaux: Path) -> Path:
    """A copy of Meaux with an empty cache."""
    shutil.rmtree(meaux / ".pst" / "cache", ignore_errors=True)
    return meaux


def figures_cache(project: Path) -> dict[str, int]:
    """The drawn figures kept by the project: file name → time it was written."""
    return {path.name: path.stat().st_mtime_ns for path in (project / ".pst" / "cache" / "figures").iterdir()}


def render_md(project: Path, out: Path) -> str:
    run = run_pst("render", project, "--to", "md", "-o", out, "--quiet")
    assert run.code == 0, run.output
    return (out / "meaux.md").read_text(encoding="utf-8")


def test_changing_one_measurement_redraws_only_its_chart(project, tmp_path):
    render_md(project, tmp_path / "first")
    before = figures_cache(project)
    assert len([name for name in before if name.endswith(".svg")]) == 9, "nine figures kept (the vote chart among them), as SVG and PNG"
    measurements = project / "evaluation" / "measurements.yaml"
    text = measurements.read_text(encoding="utf-8")
    assert MEASUREMENT in text
    measurements.write_text(text.replace(MEASUREMENT, MEASUREMENT.replace("value: 9", "value: 13")), encoding="utf-8")

    document = render_md(project, tmp_path / "second")

    after = figures_cache(project)
    new = sorted(set(after) - set(before))
    assert len(new) == 2 and {Path(name).suffix for name in new} == {".svg", ".png"}, "one chart drawn again"
    assert all(after[name] == written for name, written in before.items()), "every other chart reused as it was"
    first, second = tmp_path / "first" / "figures", tmp_path / "second" / "figures"
    changed = sorted(path.name for path in second.iterdir() if path.read_bytes() != (first / path.name).read_bytes())
    assert changed == ["figure-progress-1.png"], "the chart of that indicator, and only it, changed"
    assert "Nombre d'animations de quartier réalisées (cible 20) : 31 décembre 2024 : 4; 31 décembre 2025 : 13" in document


def test_second_render_with_nothing_changed_gives_the_same_documents(project, tmp_path):
    first = render_md(project, tmp_path / "first")
    kept = list((project / ".pst" / "cache" / "documents").iterdir())
    assert len(kept) == 1, "the prepared document is kept"
    assert render_md(project, tmp_path / "second") == first
    for name in ("figure-stakeholders.png", "figure-progress-2.png"):
        assert (tmp_path / "second" / "figures" / name).read_bytes() == (tmp_path / "first" / "figures" / name).read_bytes()


def test_a_changed_chapter_or_option_is_in_the_next_render(project, tmp_path):
    render_md(project, tmp_path / "first")
    chapter = project / "sections" / "edito.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nUne phrase ajoutée après le premier rendu.\n", encoding="utf-8")
    assert "Une phrase ajoutée après le premier rendu." in render_md(project, tmp_path / "second")
    run = run_pst("render", project, "--to", "md", "--public", "-o", tmp_path / "public", "--quiet")
    assert run.code == 0, run.output
    assert "Une phrase ajoutée après le premier rendu." in (tmp_path / "public" / "meaux.md").read_text(encoding="utf-8")
    assert len(list((project / ".pst" / "cache" / "documents").iterdir())) == 3, "public and full versions are kept apart"


def test_a_cache_this_user_did_not_write_is_never_used(project, tmp_path, monkeypatch):
    """A project folder received with its `.pst/cache/`: entries named with another user's secret are ignored."""
    render_md(project, tmp_path / "first")
    for path in (project / ".pst" / "cache" / "figures").iterdir():
        path.write_bytes(b"not the figure")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-user"))
    monkeypatch.setattr(cache, "_SECRET", [])
    render_md(project, tmp_path / "second")
    drawn = (tmp_path / "second" / "figures" / "figure-timeline.png").read_bytes()
    assert drawn.startswith(b"\x89PNG") and drawn == (tmp_path / "first" / "figures" / "figure-timeline.png").read_bytes()


def test_a_project_where_no_cache_can_be_written_still_renders(project, tmp_path):
    """A folder pst cannot write in (here `.pst/cache` is a file, which even root cannot make a folder)."""
    (project / ".pst" / "cache").write_text("not a folder", encoding="utf-8")
    render_md(project, tmp_path / "out")
    assert (tmp_path / "out" / "figures" / "figure-timeline.png").is_file()
    assert (project / ".pst" / "cache").read_text(encoding="utf-8") == "not a folder"


def test_a_received_project_cannot_turn_the_cache_against_its_reader(project, tmp_path):
    """`.pst` linked to a folder elsewhere, a FIFO and a link to `/dev/zero` among the project's files:
    the render neither blocks nor writes outside the project."""
    import os

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(project / ".pst", ignore_errors=True)
    (project / ".pst").symlink_to(elsewhere, target_is_directory=True)
    (project / "notes").mkdir()
    os.mkfifo(project / "notes" / "pipe")
    (project / "notes" / "zero").symlink_to("/dev/zero")
    render_md(project, tmp_path / "out")
    render_md(project, tmp_path / "again")
    assert list(elsewhere.iterdir()) == []
