"""`pst serve` in a real browser: Debian's Chromium, driven by Playwright (never `playwright install`).

The test starts `pst serve` on a free port, opens the page and sees the document; edits a
YAML file and waits for the new words; breaks the YAML and sees the error in the panel
with its `file:line:col`, the last good document kept and marked stale; mends it and sees
the panel clear. A screenshot is taken at each step, into the test's folder, or into
`PST_SERVE_SCREENSHOTS` when set (`docs/img/serve-*.png` is made that way:
`PST_SERVE_SCREENSHOTS=docs/img python -m pytest tests/test_serve_browser.py -n 0`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_project, run_pst, words
from serving import CHROMIUM, CHROMIUM_ARGS, serving

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is needed (apt-get install chromium, as .ci/run does)")

WAIT_MS = 60_000
FIRST_RENDER_MS = 180_000
"""The first render draws every figure: on two busy cores, it can take a while."""
FRAME_TEXT = "(document.getElementById('document')?.contentDocument?.body?.textContent ?? '')"
"""The text of the document in the page's frame ('' while the frame is between two documents)."""


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield launched
        finally:
            launched.close()


def test_the_page_follows_the_edits_and_the_errors(tmp_path, browser):
    shots = Path(os.environ.get("PST_SERVE_SCREENSHOTS") or tmp_path)
    project = copy_project(FIXTURES / "serve_small", tmp_path / "tilleuls")
    action = project / "plan" / "actions" / "fa-01-permanence.yaml"
    with serving(Path("tilleuls"), cwd=tmp_path) as server:
        page = browser.new_page(viewport={"width": 1100, "height": 640})
        page.goto(server.url)

        # 1. The document, and a clean panel.
        page.wait_for_function(f"() => {FRAME_TEXT}.includes('Permanence à la sortie de l')", timeout=FIRST_RENDER_MS)
        page.wait_for_selector("#clean:not([hidden])", timeout=WAIT_MS)
        assert "Projet social des Tilleuls" in page.frame_locator("#document").locator("h1.title").inner_text()
        assert page.locator("#ribbon").is_hidden()
        page.screenshot(path=shots / "serve-1-document.png")

        # 2. A label edited in YAML: the document shows it, no reload of the page.
        page.evaluate("window.pstNotReloaded = true")
        edit(action, "title: Permanence à", "title: Accueil à")
        page.wait_for_function(f"() => {FRAME_TEXT}.includes('Accueil à la sortie de l')", timeout=WAIT_MS)
        assert page.evaluate("window.pstNotReloaded") is True
        page.frame_locator("#document").locator("section h2", has_text="Accueil à la sortie de l").evaluate("heading => heading.scrollIntoView()")
        page.screenshot(path=shots / "serve-2-edited.png")

        # 3. A YAML error: in the panel with its position; the last good document kept, marked stale.
        edit(action, "title: Accueil à", "title: [Accueil à")
        page.wait_for_selector(".finding.error", timeout=WAIT_MS)
        page.wait_for_selector("#document-frame.stale", timeout=WAIT_MS)
        where = page.locator(".finding.error .where").first.inner_text()
        assert where == "tilleuls/plan/actions/fa-01-permanence.yaml:3:11", where  # where libyaml finds the sequence left open
        assert f"{where}: erreur" in words(run_pst("check", "tilleuls", cwd=tmp_path).out)  # as `pst check` says it
        assert "[yaml/syntax]" in page.locator(".finding.error").first.inner_text()
        assert "périmé" in words(page.locator("#ribbon").inner_text())
        assert "Le projet ne se charge pas" in page.locator("#problem").inner_text()
        assert "Accueil à la sortie de l" in page.evaluate(FRAME_TEXT)  # still the last good document
        page.screenshot(path=shots / "serve-3-error.png")

        # 4. Mended: the panel clears, the document is current again.
        edit(action, "title: [Accueil à", "title: Accueil à")
        page.wait_for_selector("#clean:not([hidden])", timeout=WAIT_MS)
        page.wait_for_selector("#document-frame:not(.stale)", timeout=WAIT_MS)
        assert page.locator(".finding").count() == 0 and page.locator("#ribbon").is_hidden() and page.locator("#problem").is_hidden()
        page.screenshot(path=shots / "serve-4-fixed.png")

        # 5. A finding about an entity links to it in the document.
        edit(action, "referent: structure\n", "")
        page.wait_for_selector(".finding.warning a.where", timeout=WAIT_MS)
        page.locator(".finding.warning a.where").first.click()
        assert page.frame_locator("#document").locator("[data-pst-shown]").count() == 1
        assert page.evaluate("window.pstNotReloaded") is True
        code, _, err = server.stop()
    assert code == 0 and "Traceback" not in err


def test_the_document_comes_even_when_the_frame_loads_before_the_script(tmp_path, browser):
    """On a busy machine the page's deferred script can run after its frame has loaded (the « rendering » page)."""
    import time

    project = copy_project(FIXTURES / "serve_small", tmp_path / "tilleuls")
    with serving(project) as server:
        page = browser.new_page()
        page.route("**/assets/serve.js", lambda route: (time.sleep(2), route.continue_()))
        page.goto(server.url, wait_until="commit")
        page.wait_for_function(f"() => {FRAME_TEXT}.includes('Permanence à la sortie de l')", timeout=FIRST_RENDER_MS)
        assert page.locator("#clean").is_visible()
