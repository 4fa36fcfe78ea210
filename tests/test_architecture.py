"""The layers of the code, as `docs/architecture.md` draws them, guarded by import-linter."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """import-linter on the package found in `root`, with the contracts of `root/pyproject.toml` (a tool, run as one)."""
    environment = {**os.environ, "PYTHONPATH": str(root)}
    command = [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())", "--no-cache"]
    return subprocess.run(command, cwd=root, env=environment, capture_output=True, text=True, timeout=300)


def test_the_layers_hold():
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_an_import_from_a_layer_above_breaks_the_contract(tmp_path):
    shutil.copytree(REPO / "pst_cli", tmp_path / "pst_cli", ignore=shutil.ignore_patterns("__pycache__", "locale"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "pst_cli" / "model" / "shortcut.py").write_text('"""A model reaching up to the rules."""\n\nfrom pst_cli.rules.runner import run_check  # noqa: F401\n')
    result = lint_imports(tmp_path)
    assert result.returncode == 1
    assert "pst_cli.model.shortcut -> pst_cli.rules.runner" in result.stdout
