"""The preview's state, in this process: the document kept and marked stale, the findings as the page shows them, figures reused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES, _reset_matplotlib, copy_project, run_pst, words

from pst_cli.i18n import activate
from pst_cli.serve.preview import Preview


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(FIXTURES / "serve_small", tmp_path / "tilleuls")


@pytest.fixture
def preview(project):
    activate("fr")
    yield Preview(project, str(project))
    _reset_matplotlib()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_yaml_error_keeps_the_last_good_document_marked_stale(project, preview):
    first = preview.refresh()
    assert (first.document, first.stale, first.findings) == (1, False, ())
    good = preview.rendered.html
    assert "Permanence à la sortie de l" in good

    action = project / "plan" / "actions" / "fa-01-permanence.yaml"
    edit(action, "title: Permanence", "title: [Permanence")
    broken = preview.refresh()
    assert broken.stale and broken.document == 1
    assert preview.rendered.html == good
    state = preview.as_json()
    assert state["stale"] and "Document périmé" in words(state["status"]) and state["problem"]["message"] == "le projet ne se charge pas"
    # Grouped and positioned as `pst check` prints them.
    check = run_pst("check", project)
    [group] = state["groups"]
    assert group["path"] == f"{project}/plan/actions/fa-01-permanence.yaml"
    [finding] = group["findings"]
    assert finding["severity"] == "error" and finding["rule"] == "yaml/syntax"
    assert f"{finding['where']}: erreur {words(finding['message'])} [yaml/syntax]" in check.out

    edit(action, "title: [Permanence", "title: Permanence")
    fixed = preview.refresh()
    assert (fixed.document, fixed.stale, fixed.findings) == (2, False, ())
    assert preview.as_json()["clean"]


def test_a_finding_names_its_entity_and_the_words_that_find_it_in_the_document(project, preview):
    edit(project / "plan" / "actions" / "fa-01-permanence.yaml", "referent: structure\n", "")
    preview.refresh()
    [finding] = [f for group in preview.as_json()["groups"] for f in group["findings"]]
    assert finding["rule"] == "actions/without-referent"
    assert finding["entity"] == "FA-01" and finding["text"] == "Permanence à la sortie de l'école"
    assert not preview.state.stale  # a project with errors still loads: its document is shown


def test_a_template_error_is_said_and_the_document_kept(project, preview):
    preview.refresh()
    (project / "templates").mkdir()
    (project / "templates" / "document.md.j2").write_text("{% if %}\n", encoding="utf-8")
    state = preview.refresh()
    assert state.stale and "document.md.j2" in state.problem[0]


def test_the_document_links_its_figures_and_embeds_none(preview):
    preview.refresh()
    html = preview.rendered.html
    names = set(re.findall(r'src="(figure-[0-9a-f]{32}\.png)"', html))
    assert len(names) >= 3 and "data:image" not in html
    assert all(preview.figure(name).startswith(b"\x89PNG") for name in names)
    assert preview.figure("figure-unknown.png") is None


def test_figures_are_drawn_again_only_when_what_they_draw_changed(project, preview):
    def kept() -> set[str]:
        """The drawn figures the project's cache holds (one is added each time a figure is drawn)."""
        return {path.name for path in (project / ".pst" / "cache" / "figures").iterdir()}

    preview.refresh()
    drawn, first = set(preview.rendered.figures), kept()
    edit(project / "plan" / "actions" / "fa-01-permanence.yaml", "title: Permanence à", "title: Accueil à")
    preview.refresh()
    assert "Accueil à la sortie de l" in preview.rendered.html
    assert kept() == first and set(preview.rendered.figures) == drawn

    edit(project / "evaluation" / "measurements.yaml", "value: 22", "value: 37")
    preview.refresh()
    assert len(kept() - first) == 2, "one chart drawn again, as SVG and PNG"
    assert set(preview.rendered.figures) != drawn
    assert "37" in preview.rendered.html  # the chart's text alternative gives the new value
