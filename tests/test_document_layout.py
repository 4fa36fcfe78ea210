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


# The figures drawn by Typst are read back from their SVG: every glyph is a `<use>` of a
# symbol (its outline) inside nested transformed groups, the glyphs of one line of text
# being the `<use>` children of one group. A glyph's ink box is its outline's bounds
# through those transforms; two lines of text overlap when glyphs of each do.

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"
TOLERANCE = 0.3
"""Points two glyph boxes may share (accents and descenders of a label's lines touching) before they overlap."""

Box = tuple[float, float, float, float]


def _matrix(transform: str | None) -> tuple[float, ...]:
    import re

    if not transform:
        return (1, 0, 0, 1, 0, 0)
    kind, numbers = re.fullmatch(r"\s*(\w+)\(([^)]*)\)\s*", transform).groups()
    values = [float(v) for v in re.split(r"[\s,]+", numbers.strip())]
    if kind == "translate":
        return (1, 0, 0, 1, values[0], values[1] if len(values) > 1 else 0)
    assert kind == "matrix", f"a transform this test does not read: {transform}"
    return tuple(values)


def _then(outer: tuple[float, ...], inner: tuple[float, ...]) -> tuple[float, ...]:
    a, b, c, d, e, f = outer
    a2, b2, c2, d2, e2, f2 = inner
    return (a * a2 + c * b2, b * a2 + d * b2, a * c2 + c * d2, b * c2 + d * d2, a * e2 + c * f2 + e, b * e2 + d * f2 + f)


def _through(matrix: tuple[float, ...], box: Box) -> Box:
    a, b, c, d, e, f = matrix
    corners = [(a * x + c * y + e, b * x + d * y + f) for x in (box[0], box[2]) for y in (box[1], box[3])]
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    return (min(xs), min(ys), max(xs), max(ys))


def svg_text_lines(svg: Path) -> tuple[Box, list[list[Box]]]:
    """The page of a Typst SVG and, for each line of text drawn in it, the ink boxes of its glyphs (in points)."""
    import xml.etree.ElementTree as ET

    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.svgLib.path import parse_path

    root = ET.parse(svg).getroot()
    outlines: dict[str, Box] = {}
    for symbol in root.iter(f"{SVG}symbol"):
        pen = BoundsPen(None)
        for path in symbol.iter(f"{SVG}path"):
            parse_path(path.get("d"), pen)
        if pen.bounds:
            outlines[symbol.get("id")] = pen.bounds
    page = tuple(float(v) for v in root.get("viewBox").split())
    lines: list[list[Box]] = []

    def walk(element, matrix) -> None:
        glyphs = []
        for child in element:
            if child.tag == f"{SVG}defs":
                continue
            inner = _then(matrix, _matrix(child.get("transform")))
            if child.tag == f"{SVG}use":
                outline = outlines.get(child.get(XLINK).lstrip("#"))
                if outline:
                    x, y = float(child.get("x", 0)), float(child.get("y", 0))
                    glyphs.append(_through(inner, (outline[0] + x, outline[1] + y, outline[2] + x, outline[3] + y)))
            else:
                walk(child, inner)
        if glyphs:
            lines.append(glyphs)

    walk(root, (1, 0, 0, 1, 0, 0))
    return (page[0], page[1], page[0] + page[2], page[1] + page[3]), lines


def text_overlaps(svg: Path) -> list[str]:
    """Where two lines of text of a drawn figure overlap, or a glyph falls off its page."""
    page, lines = svg_text_lines(svg)
    assert lines, f"{svg.name}: no text found in the SVG (has Typst's SVG changed?)"
    found = []
    for index, glyphs in enumerate(lines):
        off = [g for g in glyphs if g[0] < page[0] - TOLERANCE or g[1] < page[1] - TOLERANCE or g[2] > page[2] + TOLERANCE or g[3] > page[3] + TOLERANCE]
        if off:
            found.append(f"text at ({glyphs[0][0]:.0f}, {glyphs[0][1]:.0f}) pt runs off the page")
        for other in lines[index + 1 :]:
            if any(
                min(g[2], h[2]) - max(g[0], h[0]) > TOLERANCE and min(g[3], h[3]) - max(g[1], h[1]) > TOLERANCE
                for g in glyphs
                for h in other
            ):
                found.append(f"text at ({glyphs[0][0]:.0f}, {glyphs[0][1]:.0f}) × text at ({other[0][0]:.0f}, {other[0][1]:.0f}) pt")
    return found


def test_the_overlap_check_sees_texts_drawn_over_each_other(tmp_path):
    """The check itself: two labels placed on one spot are seen, two labels a line apart are not."""
    import typst

    source = tmp_path / "labels.typ"
    source.write_text(
        '#set page(width: 6cm, height: 3cm, margin: 4pt)\n'
        '#place(dx: 0pt, dy: 0pt)[9 janvier 2024]\n#place(dx: 30pt, dy: 2pt)[26 janvier 2024]\n'
        '#place(dx: 0pt, dy: 40pt)[Atelier 1 \\ Atelier 2]\n',
        encoding="utf-8",
    )
    (tmp_path / "labels.svg").write_bytes(typst.compile(str(source), format="svg"))
    assert len(text_overlaps(tmp_path / "labels.svg")) == 1


@pytest.mark.parametrize("name", PROJECTS)
def test_no_chart_label_overlaps_another(name, tmp_path, monkeypatch):
    """Every figure of the document as Typst draws it, and every vote chart as matplotlib does: no two texts cross."""
    from pst_cli.monitoring.votes import rank_workshops
    from pst_cli.project.load import open_project
    from pst_cli.render import figures

    project = open_project(_project(name, tmp_path))
    charts = figures.plan_charts(project)
    assert {"participation", "timeline"} <= {chart.name for chart in charts}
    figures.draw_charts(charts, tmp_path, project.language)
    drawn = {f"{chart.file}.svg": text_overlaps(tmp_path / f"{chart.file}.svg") for chart in charts}

    save = figures._save

    def checked(plt, figure, path, tight=True):
        figure.canvas.draw()
        drawn[Path(path).name] = _overlaps(figure)
        save(plt, figure, path, tight)

    monkeypatch.setattr(figures, "_save", checked)
    for number, ranking in enumerate(rank_workshops(project.workshops)):
        if any(option.value is not None for option in ranking.options):
            figures.vote_chart(ranking, tmp_path / f"vote-{number}.png", project.language)
    assert {figure: pairs for figure, pairs in drawn.items() if pairs} == {}



def test_a_big_plan_has_a_bar_a_line_and_an_event_a_line(tmp_path):
    """20 workshops: bars named on their left, first on top; 32 dates: a line each in date order, labels toward the middle."""
    from pst_cli.project.load import open_project
    from pst_cli.render import figures

    project = open_project(big_project(tmp_path / "grand-plan"))
    charts = {chart.name: chart.data for chart in figures.plan_charts(project)}
    bars = charts["participation"]["bars"]
    assert charts["participation"]["kind"] == "participation-lines"
    assert [" ".join(bar["name"].split()) for bar in bars[:1]] == ["9 janvier 2024 · Atelier 1 : accès aux droits dans les communes…"]
    lines = charts["timeline"]["lines"]
    assert charts["timeline"]["kind"] == "timeline-lines" and len(lines) == 32
    assert [line["x"] for line in lines] == sorted(line["x"] for line in lines)
    assert {line["side"] for line in lines[:16]} == {1} and {line["side"] for line in lines[-6:]} == {-1}
