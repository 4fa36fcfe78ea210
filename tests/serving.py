"""`pst serve` as a real process, for the tests that need the server itself: HTTP, signals, a browser."""

from __future__ import annotations

import json
import queue
import re
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from conftest import process_environment

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]


@dataclass
class Server:
    """A running `pst serve`: its process, its address, and what it printed so far."""

    process: subprocess.Popen
    url: str
    lines: list[str] = field(default_factory=list)

    @property
    def port(self) -> int:
        return int(self.url.rstrip("/").rsplit(":", 1)[1])

    def state(self) -> dict:
        with urllib.request.urlopen(self.url + "state", timeout=10) as response:
            return json.load(response)

    def wait_for(self, ready, timeout: float = 120) -> dict:
        """Poll the state until `ready(state)`; the state it found."""
        deadline = time.monotonic() + timeout
        while True:
            state = self.state()
            if ready(state):
                return state
            assert time.monotonic() < deadline, f"the preview did not get there: {state}"
            time.sleep(0.05)

    def stop(self, timeout: float = 20) -> tuple[int, str, str]:
        """Ctrl-C, as a user types it; the exit code and everything the process printed."""
        import signal

        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout)
        self._reader.join(timeout)
        return code, "".join(self.lines), self.process.stderr.read()


@contextmanager
def serving(project: Path, env: dict | None = None, cwd: Path | None = None) -> Iterator[Server]:
    """`pst serve PROJECT --port 0` (a free port), run in `cwd`, until the block ends; the server once it listens."""
    process = subprocess.Popen(
        [sys.executable, "-m", "pst_cli.cli", "serve", str(project), "--port", "0"],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=process_environment(env),
    )
    printed: queue.Queue[str | None] = queue.Queue()
    server = Server(process, "")

    def read() -> None:
        for line in process.stdout:
            server.lines.append(line)
            printed.put(line)
        printed.put(None)

    server._reader = threading.Thread(target=read, daemon=True)
    server._reader.start()
    try:
        first = printed.get(timeout=60)
        found = re.search(r"http://127\.0\.0\.1:\d+/", first or "")
        assert found, f"pst serve did not start: {first!r} {process.stderr.read() if first is None else ''}"
        server.url = found.group()
        yield server
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
