"""The HTML document, read by residents on a phone: checked in a real headless Chromium (Debian's `chromium`).

Playwright drives the browser installed by the system (`executable_path`); its own
browsers are never downloaded. `.ci/run` installs Chromium.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_pst
from layout_project import big_project

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium is not installed (apt-get install chromium)")

OVERFLOWING = """() => {
  // Every element whose box goes past the viewport's right edge, unless a scrolling ancestor
  // (a table that scrolls sideways) holds it inside the page.
  const width = document.documentElement.clientWidth;
  const inScroller = (element) => {
    for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
      const style = getComputedStyle(parent);
      if (["auto", "scroll", "hidden"].includes(style.overflowX) && parent.getBoundingClientRect().right <= width + 1) return true;
    }
    return false;
  };
  const out = [];
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if ((box.right > width + 1 || box.left < -1) && !inScroller(element)) {
      out.push(`${element.tagName.toLowerCase()}#${element.id} ${Math.round(box.left)}–${Math.round(box.right)}: ${(element.textContent || "").trim().slice(0, 60)}`);
    }
  }
  return {out, scrollWidth: document.documentElement.scrollWidth, width};
}"""

UNLINKED = """(ids) => {
  // Each mention of an entity's id in the text is a link to it, or the entity's own anchor.
  const wanted = new Map(ids.map(([kind, id]) => [id, `${kind}-${id}`]));
  const out = [];
  const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const word of node.textContent.split(/[\\s,;:()·—]+/)) {
      const anchor = wanted.get(word);
      if (!anchor) continue;
      const link = node.parentElement.closest("a");
      const own = node.parentElement.closest(`[id="${anchor}"]`);
      if (!(link && link.getAttribute("href") === `#${anchor}`) && !own) out.push(`${word} in « ${node.textContent.trim().slice(0, 50)} »`);
    }
  }
  return out;
}"""


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield chromium
        chromium.close()


@pytest.fixture(scope="module", params=["meaux", "questembert", "big"])
def html(request, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp(f"html-{request.param}")
    project = big_project(out / "grand-plan") if request.param == "big" else EXAMPLES / request.param
    result = run_pst("render", project, "--to", "html", "-o", out, "--quiet")
    assert result.code == 0, result.output
    return out / f"{project.name}.html"


def _open(browser, path: Path, width: int):
    page = browser.new_page(viewport={"width": width, "height": 844 if width < 600 else 800})
    page.goto(path.as_uri())
    return page


@pytest.mark.parametrize("width", [390, 1280])
def test_no_element_overflows_the_viewport(browser, html, width):
    page = _open(browser, html, width)
    found = page.evaluate(OVERFLOWING)
    page.close()
    assert found["out"] == []
    assert found["scrollWidth"] <= found["width"], "the page never scrolls sideways"


FIGURES = """() => [...document.querySelectorAll('main figure, body > figure')].map(figure => {
  const img = figure.querySelector('img');
  return {panels: img.classList.contains('panels'), caption: (figure.querySelector('figcaption') || {}).textContent || '',
          width: img.getBoundingClientRect().width,
          box: figure.getBoundingClientRect().right, scrolls: getComputedStyle(figure).overflowX === 'auto'};
})"""


def test_figures_scale_to_a_phone(browser, html):
    """A figure shrinks to the screen; one of nine charts keeps a readable size and scrolls inside its own box."""
    page = _open(browser, html, 390)
    figures = page.evaluate(FIGURES)
    page.close()
    single = [figure["width"] for figure in figures if not figure["panels"]]
    assert single and max(single) <= 390
    for figure in (figure for figure in figures if figure["panels"]):
        assert figure["width"] >= 600 and figure["scrolls"] and figure["box"] <= 390


@pytest.fixture(scope="module")
def review_html(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html-review")
    result = run_pst("review", EXAMPLES / "meaux", "--year", "2025", "--to", "html", "-o", out, "--quiet")
    assert result.code == 0, result.output
    return out / "bilan-2025.html"


@pytest.mark.parametrize("width", [390, 1280])
def test_the_reviews_charts_are_readable_on_a_phone_and_the_page_never_scrolls_sideways(browser, review_html, width):
    """The review's charts, nine to a figure: three to a row at least 200 px wide each, on a phone as on a wide screen."""
    page = _open(browser, review_html, width)
    found = page.evaluate(OVERFLOWING)
    figures = page.evaluate(FIGURES)
    page.close()
    assert found["out"] == [] and found["scrollWidth"] <= found["width"]
    panels = [figure for figure in figures if figure["caption"].startswith("Évolution des indicateurs")]
    assert len(panels) >= 4
    assert all(figure["width"] >= 600 and figure["box"] <= width for figure in panels)


def test_the_contents_stay_reachable(browser, html):
    """On a phone a button at the bottom of the screen goes back to the contents; on a wide screen they stay in view."""
    phone = _open(browser, html, 390)
    phone.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    button = phone.locator("a.to-toc")
    box = button.bounding_box()
    assert button.is_visible() and box["y"] + box["height"] <= 844 and box["x"] + box["width"] <= 390
    button.click()
    assert phone.evaluate("document.querySelector('#TOC').getBoundingClientRect().top") < 100
    phone.close()
    wide = _open(browser, html, 1280)
    wide.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    assert wide.locator("nav#TOC").is_visible()
    top = wide.evaluate("document.querySelector('nav#TOC').getBoundingClientRect().top")
    assert top == 0, "the contents stay at the top of a wide screen, wherever the reader is"
    wide.close()


def test_every_id_is_linked_to_its_entity(browser, html):
    """A finding (C1), an action (FA-01): every mention links to where it is presented, and every link lands."""
    from pst_cli.project.load import open_project

    root = html.parent / "grand-plan" if html.stem == "grand-plan" else EXAMPLES / html.stem
    project = open_project(root)
    ids = [("finding", f.id) for f in project.findings] + [("action", a.id) for a in project.actions]
    page = _open(browser, html, 1280)
    assert page.evaluate(UNLINKED, ids) == []
    dangling = page.evaluate("() => [...document.querySelectorAll('a[href^=\"#\"]')].map(a => a.getAttribute('href').slice(1)).filter(id => !document.getElementById(id))")
    page.close()
    assert dangling == []
