"""`pst` as its own process: what the in-process runs of the other tests cannot show.

Every other test calls the entry point inside pytest (`run_pst`); these start a process,
as a shell or CI does, so that import-time code and the runner itself stay checked.
"""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import FIXTURES, process_environment, run_pst, run_pst_process

HEAVY = ["pydantic", "rich", "jinja2", "ruamel", "yaml", "matplotlib", "pypandoc", "typst", "openpyxl"]


def test_help_imports_no_heavy_library():
    """`pst --help` stays instant: the heavy libraries are imported by the commands that use them, Typer not at all."""
    process = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "pst_cli.cli", "--help"], env=process_environment(), capture_output=True, text=True
    )
    assert process.returncode == 0, process.stderr
    assert "check" in process.stdout and "render" in process.stdout
    imported = {match.group(1).split(".")[0] for match in re.finditer(r"^import time:.*\|\s*(\S+)$", process.stderr, re.MULTILINE)}
    assert "pst_cli" in imported, "no import was traced"
    assert not imported & {*HEAVY, "typer", "click"}  # the stored screen (pst_cli/startup.py)


def test_a_process_and_an_in_process_run_see_the_same():
    """The in-process runner gives the exit code and output a separate process gives."""
    for args in [
        ("check", FIXTURES / "unknown_stakeholder"),
        ("check", FIXTURES / "unknown_stakeholder", "--format", "json"),
        ("check", FIXTURES / "no_project"),
        ("rules", "plan/too-many"),
    ]:
        assert run_pst(*args) == run_pst_process(*args), args
