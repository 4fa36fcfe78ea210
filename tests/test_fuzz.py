"""Property-based fuzzing: random edits of the example trees never crash pst.

The only accepted outcomes of `pst check`, `pst render --to md`, `pst fmt --check` and
`pst diff` on an edited example are success or positioned user errors. The run is
bounded for CI (about a minute); set `PST_FUZZ_EXAMPLES=2000` for a longer one (see
benchmarks/README.md).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from conftest import EXAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.slow

EXAMPLE_ROOTS = sorted(path for path in EXAMPLES.iterdir() if (path / "pst.yaml").exists())
SCALE = int(os.environ.get("PST_FUZZ_EXAMPLES", "0"))
VALUES = ["123", "-1", "1.5", "true", "false", "~", "[]", "{}", "''", "2024-02-30", "2030-01-01", "x" * 300, "[a, b]", "{a: 1}", "é€«»", "'{{ 7*7 }}'", "\"<script>alert(1)</script>\""]
KEYS = ["id", "title", "name", "label", "date", "value", "category", "indicators", "unknown_key", "titel", "owner", "to"]


def project_files(root: Path) -> list[str]:
    return sorted(
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file() and path.suffix in (".yaml", ".md") and not path.relative_to(root).as_posix().startswith((".", "build"))
    )


@st.composite
def edits(draw):
    """A list of line edits: (file index, operation, line index, payload)."""
    count = draw(st.integers(min_value=1, max_value=3))
    return [
        (
            draw(st.integers(min_value=0, max_value=10_000)),
            draw(st.sampled_from(["drop", "duplicate", "rename", "retype", "indent", "duplicate-item", "truncate"])),
            draw(st.integers(min_value=0, max_value=10_000)),
            draw(st.sampled_from(VALUES + KEYS)),
        )
        for _ in range(count)
    ]


def apply(root: Path, changes) -> None:
    files = project_files(root)
    for file_index, operation, line_index, payload in changes:
        path = root / files[file_index % len(files)]
        lines = path.read_text(encoding="utf-8").split("\n")
        index = line_index % len(lines)
        line = lines[index]
        if operation == "drop":
            del lines[index]
        elif operation == "duplicate":
            lines.insert(index, line)
        elif operation == "rename" and ":" in line:
            key, rest = line.split(":", 1)
            indent = key[: len(key) - len(key.lstrip())]
            lines[index] = f"{indent}{payload if payload in KEYS else key.strip() + 'x'}:{rest}"
        elif operation == "retype" and ":" in line:
            key = line.split(":", 1)[0]
            lines[index] = f"{key}: {payload}"
        elif operation == "indent":
            lines[index] = " " + line
        elif operation == "duplicate-item" and line.lstrip().startswith("- "):
            depth = len(line) - len(line.lstrip())
            end = index + 1
            while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > depth):
                end += 1
            lines[index:index] = lines[index:end]
        elif operation == "truncate":
            lines = lines[:index]
        path.write_text("\n".join(lines), encoding="utf-8")


def assert_positioned(findings) -> None:
    for finding in findings:
        assert finding.line >= 1 and finding.col >= 1, finding
        assert finding.message and finding.rule, finding


def edited_copy(example: Path, changes) -> Path:
    work = Path(tempfile.mkdtemp(prefix="pst-fuzz-"))
    root = work / example.name
    shutil.copytree(example, root, ignore=shutil.ignore_patterns("build"))
    apply(root, changes)
    return root


@settings(max_examples=SCALE or 1000, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(example=st.sampled_from(EXAMPLE_ROOTS), changes=edits())
def test_check_never_crashes(example, changes):
    from pst_cli.rules.runner import run_check

    root = edited_copy(example, changes)
    try:
        result = run_check(root)
        assert_positioned(result.findings)
    finally:
        shutil.rmtree(root.parent)


@settings(max_examples=SCALE // 10 or 15, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(example=st.sampled_from(EXAMPLE_ROOTS), changes=edits())
def test_render_markdown_never_crashes(example, changes):
    from pst_cli.errors import ProjectInvalid, PstError
    from pst_cli.project.load import open_project
    from pst_cli.render.document import MAIN_DOCUMENT
    from pst_cli.render.engine import produce

    root = edited_copy(example, changes)
    try:
        produce(MAIN_DOCUMENT, open_project(root), ["md"], root / "build")
        assert (root / "build").is_dir()
    except ProjectInvalid as refused:
        assert refused.findings
        assert_positioned(refused.findings)
    except PstError as error:
        assert error.message
    finally:
        shutil.rmtree(root.parent)


@settings(max_examples=SCALE // 4 or 120, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(example=st.sampled_from(EXAMPLE_ROOTS), changes=edits())
def test_fmt_check_never_crashes(example, changes):
    from pst_cli.editing.fmt import format_project

    root = edited_copy(example, changes)
    try:
        before = {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}
        result = format_project(root, check=True)
        assert_positioned(result.problems)
        assert before == {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}, "--check wrote a file"
    finally:
        shutil.rmtree(root.parent)


_REPOSITORIES: dict[Path, Path] = {}


def repository_of(example: Path) -> Path:
    """A Git repository holding the example at HEAD, made once per test run."""
    import subprocess

    if example not in _REPOSITORIES:
        root = Path(tempfile.mkdtemp(prefix="pst-fuzz-git-")) / example.name
        shutil.copytree(example, root, ignore=shutil.ignore_patterns("build"))
        git = ["git", "-c", "user.name=pst", "-c", "user.email=pst@localhost", "-c", "commit.gpgsign=false"]
        subprocess.run([*git, "init", "-q"], cwd=root, check=True)
        subprocess.run([*git, "add", "-A"], cwd=root, check=True)
        subprocess.run([*git, "commit", "-qm", "example"], cwd=root, check=True)
        _REPOSITORIES[example] = root
    return _REPOSITORIES[example]


@settings(max_examples=SCALE // 4 or 120, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(example=st.sampled_from(EXAMPLE_ROOTS), changes=edits())
def test_diff_never_crashes(example, changes):
    import subprocess

    from pst_cli.history.diff import diff_revisions, render_json, render_markdown, render_text

    root = repository_of(example)
    subprocess.run(["git", "checkout", "-q", "--", "."], cwd=root, check=True)
    subprocess.run(["git", "clean", "-qfd"], cwd=root, check=True)
    apply(root, changes)
    result = diff_revisions(root, "HEAD")
    if result.unloadable:
        assert_positioned(result.unloadable.findings)
    for render in (render_text, render_markdown, render_json):
        assert isinstance(render(result), str)
