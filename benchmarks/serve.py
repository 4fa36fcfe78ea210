"""`pst serve`: how long from an edit of Meaux to the page showing it, in a real browser.

    python benchmarks/serve.py            # 10 edits on a copy of examples/meaux
    python benchmarks/serve.py --write    # and refresh the table in benchmarks/README.md

A real `pst serve` process serves a copy of Meaux; Debian's Chromium (Playwright,
`/usr/bin/chromium`) shows its page. Each edit renames an action (`title:` of
`plan/actions/01-animations-sorties-ecole.yaml`: its heading, the table of contents, the
plan's tables and the calendar change). Three times are taken from the moment before the
file is written:

- *event*: the server-sent event saying a new document is ready (read by this script);
- *HTML*: that document fetched from `/document`, the new title in it;
- *browser*: the new title in the text of the page's document frame (what a user sees;
  Playwright polls the page at every animation frame).

The edits are a second apart, so that each is measured alone. The goal is ≤ 500 ms
(the live-preview issue) for *browser*.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from common import write_block

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
ACTION = Path("plan/actions/01-animations-sorties-ecole.yaml")
TITLE = "title: Animations sorties d'école"
GOAL_MS = 500


class Events:
    """The event stream of the server, read in a thread: when each new document was announced, and when its HTML was there."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.documents: dict[int, tuple[float, float, str]] = {}
        """document number → (event time, HTML fetched time, HTML)."""
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        with urllib.request.urlopen(self.url + "events") as stream:
            for line in stream:
                if not line.startswith(b"data:"):
                    continue
                announced = time.perf_counter()
                state = json.loads(line[5:])
                if state["busy"] or state["document"] in self.documents:
                    continue
                with urllib.request.urlopen(self.url + "document") as response:
                    html = response.read().decode("utf-8")
                self.documents[state["document"]] = (announced, time.perf_counter(), html)

    def wait(self, number: int, timeout: float = 60) -> tuple[float, float, str]:
        deadline = time.monotonic() + timeout
        while number not in self.documents:
            if time.monotonic() > deadline:
                raise SystemExit(f"document {number} never came")
            time.sleep(0.002)
        return self.documents[number]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--write", action="store_true")
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    load_before = os.getloadavg()[0]

    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "meaux"
        shutil.copytree(REPO / "examples" / "meaux", project, ignore=shutil.ignore_patterns("build"))
        action = project / ACTION
        original = action.read_text(encoding="utf-8")
        assert TITLE in original
        server = subprocess.Popen([sys.executable, "-m", "pst_cli.cli", "serve", str(project), "--port", "0"], stdout=subprocess.PIPE, text=True)
        try:
            url = re.search(r"http://127\.0\.0\.1:\d+/", server.stdout.readline()).group()
            threading.Thread(target=lambda: server.stdout.read(), daemon=True).start()
            events = Events(url)
            first_started = time.perf_counter()
            events.wait(1, timeout=300)
            first = time.perf_counter() - first_started
            rows = []
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.goto(url)
                page.wait_for_function("() => document.body.dataset.document === '1'", timeout=60_000)
                for edit in range(1, options.edits + 1):
                    time.sleep(1.0)
                    marker = f"(édition {edit})"
                    started = time.perf_counter()
                    action.write_text(original.replace(TITLE, f"{TITLE} {marker}"), encoding="utf-8")
                    page.wait_for_function(
                        "marker => (document.getElementById('document')?.contentDocument?.body?.textContent ?? '').includes(marker)",
                        arg=marker,
                        polling="raf",
                        timeout=60_000,
                    )
                    shown = time.perf_counter()
                    announced, fetched, html = events.wait(edit + 1)
                    assert marker in html, f"document {edit + 1} does not have the edit"
                    rows.append(((announced - started) * 1000, (fetched - started) * 1000, (shown - started) * 1000))
                browser.close()
        finally:
            server.terminate()
            server.wait(20)
    lines = ["| edit | event | HTML | browser |", "|---:|---:|---:|---:|"]
    lines += [f"| {index} | {event:.0f} ms | {html:.0f} ms | {shown:.0f} ms |" for index, (event, html, shown) in enumerate(rows, 1)]
    medians = [statistics.median(column) for column in zip(*rows, strict=True)]
    lines.append(f"| **median** | **{medians[0]:.0f} ms** | **{medians[1]:.0f} ms** | **{medians[2]:.0f} ms** |")
    verdict = "within" if medians[2] <= GOAL_MS else "over"
    table = "\n".join(lines) + (
        f"\n\nMedian edit-to-visible in the browser: **{medians[2]:.0f} ms**, {medians[2] / GOAL_MS:.2f}× the goal of {GOAL_MS} ms ({verdict})."
        f" First render (figures drawn, every part converted): {first:.1f} s."
        f" Load average during the run: {load_before:.1f} → {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores."
    )
    print(table)
    if options.write:
        write_block("SERVE", table)


if __name__ == "__main__":
    main()
