"""Layout that holds for big plans: no blank page, no heading alone at the foot of a page, no chart label over another.

Checked on a plan of 20 workshops, 12 milestones and 10 action sheets (`layout_project.py`)
and on both examples.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES, run_pst
from documents import pdf_pages, squash
from layout_project import big_project
from pypdf import PdfReader

PROJECTS = ["big", "meaux", "questembert"]


def _project(name: str, folder: Path) -> Path:
    return big_project(folder / "grand-plan") if name == "big" else EXAMPLES / name


@pytest.fixture(scope="module", params=PROJECTS)
def pdf(request, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp(f"layout-{request.param}")
    project = _project(request.param, out)
    result = run_pst("render", project, "--to", "pdf", "-o", out, "--quiet")
    assert result.code == 0, result.output
    return out / f"{project.name}.pdf"


def test_the_big_plan_is_as_big_as_it_says(tmp_path):
    from pst_cli.project.load import open_project

    project = open_project(big_project(tmp_path / "grand-plan"))
    assert (len(project.workshops), len(project.governance.milestones), len(project.actions)) == (20, 12, 10)


def test_no_page_is_blank(pdf):
    reader = PdfReader(pdf)
    blank = [number for number, (page, text) in enumerate(zip(reader.pages, pdf_pages(pdf), strict=True), start=1) if len(squash(text)) < 30 and not list(page.images)]
    assert blank == []


def _outline(reader: PdfReader) -> list[tuple[str, int]]:
    entries = []
    stack = list(reader.outline)
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack[:0] = item
        else:
            entries.append((item.title, reader.get_destination_page_number(item)))
    return entries


def test_no_heading_is_alone_at_the_foot_of_a_page(pdf):
    """After each heading, its page holds some of what the heading introduces: text, a table or a figure."""
    reader = PdfReader(pdf)
    pages = pdf_pages(pdf)
    lonely = []
    for title, number in _outline(reader):
        text = squash(pages[number])
        at = text.find(squash(title))
        assert at >= 0, f"the heading « {title} » is on the page its bookmark names"
        after = pages[number].split("\n")
        rest = text[at + len(squash(title)) :]
        # A figure is drawn in vectors (no image in the page): its caption shows it is there.
        figure = any(line.lstrip().startswith(("Fig.", "Figure")) for line in after)
        if len(rest) < 40 and not figure:
            lonely.append(f"page {number + 1}: « {title} »")
    assert lonely == []


def _overlaps(figure) -> list[str]:
    """Pairs of texts of a matplotlib figure whose boxes (as drawn) cross each other."""
    from matplotlib.text import Text

    renderer = figure.canvas.get_renderer()
    boxes = []
    for text in figure.findobj(Text):
        if text.get_visible() and text.get_text().strip():
            box = text.get_window_extent(renderer)
            if box.width and box.height:
                boxes.append((text.get_text().replace("\n", " ")[:40], box.expanded(0.98, 0.9)))
    found = []
    for index, (label, box) in enumerate(boxes):
        for other, other_box in boxes[index + 1 :]:
            if box.overlaps(other_box):
                found.append(f"« {label} » × « {other} »")
    return found


@pytest.mark.parametrize("name", PROJECTS)
def test_no_chart_label_overlaps_another(name, tmp_path, monkeypatch):
    """Every figure of the document, as matplotlib lays it out: no two texts' boxes cross."""
    from pst_cli.render import figures
    from pst_cli.render.document import render_document

    drawn: dict[str, list[str]] = {}
    save = figures._save

    def checked(plt, figure, path, tight=True):
        figure.canvas.draw()
        drawn[Path(path).name] = _overlaps(figure)
        save(plt, figure, path, tight)

    monkeypatch.setattr(figures, "_save", checked)
    render_document(_project(name, tmp_path), ["md"], tmp_path / "out")
    assert {"figure-participation.png", "figure-timeline.png"} <= set(drawn)
    assert {figure: pairs for figure, pairs in drawn.items() if pairs} == {}
