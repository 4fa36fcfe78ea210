"""Shared test helpers: run the real `pst` command, build small projects from dicts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = REPO.parent / "shared"


@dataclass
class Run:
    """What a `pst` process did: exit code and both output streams."""

    code: int
    out: str
    err: str

    @property
    def output(self) -> str:
        return self.out + self.err


def run_pst(*args: str | Path, cwd: Path | None = None, env: dict | None = None, stdin: str | None = None) -> Run:
    """Run `pst ARGS` as a user would (a separate process, no terminal) and capture everything."""
    environment = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    environment.pop("GITHUB_ACTIONS", None)
    environment.update(env or {})
    process = subprocess.run(
        [sys.executable, "-m", "pst_cli.cli", *map(str, args)],
        cwd=cwd,
        env=environment,
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        timeout=300,
    )
    return Run(process.returncode, process.stdout, process.stderr)


def copy_project(source: Path, destination: Path) -> Path:
    """Copy a project folder (an example or a fixture) to a temporary place and return it."""
    shutil.copytree(source, destination, ignore=shutil.ignore_patterns("build"))
    return destination


@pytest.fixture
def meaux(tmp_path: Path) -> Path:
    """A fresh copy of the Meaux example, safe to modify."""
    return copy_project(EXAMPLES / "meaux", tmp_path / "meaux")


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Create `files` (relative path → text or bytes) under `root`."""
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root
