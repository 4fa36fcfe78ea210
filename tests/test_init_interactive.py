"""`pst init` at a terminal asks for what it needs: tested through a real pseudo-terminal (the terminal is the point)."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path


class Terminal:
    """A `pst` process attached to a pseudo-terminal, answered prompt by prompt."""

    def __init__(self, *args: str, cwd: Path) -> None:
        self.master, slave = pty.openpty()
        environment = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "PST_LANG": ""}
        environment.pop("PYTEST_CURRENT_TEST", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pst_cli.cli", *args], stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=environment, close_fds=True
        )
        os.close(slave)
        self.seen = ""

    def expect(self, words: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while words not in self.seen:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"never saw {words!r}; the terminal showed:\n{self.seen}"
            ready, _, _ = select.select([self.master], [], [], remaining)
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:  # the process ended and closed the terminal
                    chunk = b""
                if not chunk:
                    assert words in self.seen, f"the process ended before {words!r}:\n{self.seen}"
                self.seen += chunk.decode("utf-8", "replace")

    def answer(self, text: str) -> None:
        os.write(self.master, text.encode("utf-8") + b"\r")

    def finish(self, timeout: float = 120) -> int:
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if ready:
                try:
                    self.seen += os.read(self.master, 4096).decode("utf-8", "replace")
                except OSError:
                    break
        code = self.process.wait(timeout=max(1, deadline - time.monotonic()))
        os.close(self.master)
        return code


def test_init_asks_method_title_structure_and_territory(tmp_path):
    terminal = Terminal("init", "nouveau", "--no-git", cwd=tmp_path)
    terminal.expect("Méthode")
    assert "minimal" in terminal.seen  # the choices are offered
    terminal.answer("questembert")
    terminal.expect("Titre du projet")
    terminal.answer("Projet social de Saint-Test")
    terminal.expect("Structure porteuse")
    terminal.answer("CCAS de Saint-Test")
    terminal.expect("Territoire")
    terminal.answer("Saint-Test")
    code = terminal.finish()
    assert code == 0, terminal.seen
    assert "Traceback" not in terminal.seen
    assert "Projet créé dans" in terminal.seen
    config = (tmp_path / "nouveau" / "pst.yaml").read_text(encoding="utf-8")
    assert "Projet social de Saint-Test" in config and "CCAS de Saint-Test" in config and "method: questembert" in config


def test_a_method_that_does_not_exist_is_asked_again(tmp_path):
    terminal = Terminal("init", "autre", "--no-git", cwd=tmp_path)
    terminal.expect("Méthode")
    terminal.answer("inexistante")
    terminal.expect("Méthode", timeout=30)
    assert "Traceback" not in terminal.seen
    terminal.answer("minimal")
    for prompt in ("Titre du projet", "Structure porteuse", "Territoire"):
        terminal.expect(prompt)
        terminal.answer("")  # the default offered
    assert terminal.finish() == 0, terminal.seen
    assert (tmp_path / "autre" / "pst.yaml").is_file()
