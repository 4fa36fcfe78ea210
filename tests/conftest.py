"""Shared test helpers: run the `pst` command, build small projects from dicts."""

from __future__ import annotations

import gc
import gettext
import io
import os
import shutil
import signal
import subprocess
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DATA = Path(__file__).resolve().parent / "data"


@dataclass
class Run:
    """What a `pst` run did: exit code and both output streams.

    `out` and `err` have French typography's no-break spaces as plain spaces, so that a test
    reads the words a user reads (`« titel »`); `raw_out`/`raw_err` are the bytes as written.
    """

    code: int
    raw_out: str
    raw_err: str

    @property
    def out(self) -> str:
        return words(self.raw_out)

    @property
    def err(self) -> str:
        return words(self.raw_err)

    @property
    def output(self) -> str:
        return self.out + self.err


def environment(env: dict | None = None) -> dict[str, str]:
    """The environment of a `pst` run: this one, a wide terminal without colours, never GitHub Actions."""
    variables = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    variables.pop("GITHUB_ACTIONS", None)
    variables.update(env or {})
    return variables


def run_pst(*args: str | Path, cwd: Path | None = None, env: dict | None = None, stdin: str | None = None) -> Run:
    """Run `pst ARGS` as a user would (no terminal) and capture everything, inside this process.

    Starting a Python process costs about a second, hundreds of times over; calling the
    entry point costs nothing. Everything a process would keep to itself — environment,
    working folder, standard streams, signal handlers, `sys.argv` and the other global
    state `main()` touches — is set up as `pst` would find it and put back afterwards.
    """
    stdout = _stream(b"")
    stderr = _stream(b"", errors="backslashreplace")
    with _isolated(environment(env), cwd):
        sys.stdin = _stream((stdin or "").encode("utf-8"))
        sys.stdout, sys.stderr = stdout, stderr
        sys.argv = ["pst", *map(str, args)]
        code = _call_main()
    return Run(code, _read(stdout), _read(stderr))


def run_pst_process(*args: str | Path, cwd: Path | None = None, env: dict | None = None, stdin: str | None = None) -> Run:
    """Run `pst ARGS` in a separate process: for what only a process shows (signals, start-up, imports)."""
    process = subprocess.run(
        [sys.executable, "-m", "pst_cli", *map(str, args)],
        cwd=cwd,
        env=process_environment(env),
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        timeout=300,
    )
    return Run(process.returncode, process.stdout, process.stderr)


def process_environment(env: dict | None = None) -> dict[str, str]:
    """The environment of a `pst` process, which starts as a user's would: not inside a test."""
    variables = environment(env)
    # pst_cli.cli installs its start-up signal handlers only outside pytest.
    variables.pop("PYTEST_CURRENT_TEST", None)
    return variables


def _stream(data: bytes, errors: str = "strict") -> io.TextIOWrapper:
    """A standard stream held in memory, with the `.buffer` of a real one, and no terminal."""
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors=errors, write_through=True)


def _read(stream: io.TextIOWrapper) -> str:
    """What was written, decoded as `subprocess.run(text=True)` decodes a process's output."""
    stream.flush()
    return io.TextIOWrapper(io.BytesIO(stream.buffer.getvalue()), encoding="utf-8").read()


def _call_main() -> int:
    """`pst_cli.cli.main()` and the exit code the process would have had."""
    from pst_cli import cli

    try:
        cli.main()
    except SystemExit as exit:
        if exit.code is None or isinstance(exit.code, int):
            return exit.code or 0
        print(exit.code, file=sys.stderr)
        return 1
    except Exception:
        traceback.print_exc()  # what Python prints before it ends a process on an uncaught exception
        return 1
    return 0


@contextmanager
def _isolated(variables: dict[str, str], cwd: Path | None) -> Iterator[None]:
    """Run with `variables` as the environment and `cwd` as working folder; restore the process afterwards."""
    saved_environ = dict(os.environ)
    saved_cwd = os.getcwd()
    saved_argv, saved_streams = sys.argv, (sys.stdin, sys.stdout, sys.stderr)
    saved_handlers = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    saved_excepthook = sys.excepthook  # Typer installs its own on every call
    saved_domain = gettext.textdomain()  # Click translates its messages through gettext's default domain
    os.environ.clear()
    os.environ.update(variables)
    try:
        if cwd is not None:
            os.chdir(cwd)
        yield
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        sys.argv = saved_argv
        sys.excepthook = saved_excepthook
        gettext.textdomain(saved_domain)
        for signum, handler in saved_handlers.items():
            signal.signal(signum, handler)
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_environ)
        # load_project freezes every live object, as a short process needs no cycle collection;
        # here that would keep the cyclic garbage of every run for the whole session.
        gc.unfreeze()
        _reset_matplotlib()


def _reset_matplotlib() -> None:
    """Close the figures and undo the style a run set (figures.py sets rcParams), as a new process would have them."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")
        sys.modules["matplotlib"].rc_file_defaults()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Slow tests first: the parallel workers (pytest-xdist) take them on early and finish together."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


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


def words(text: str) -> str:
    """`text` with French typography's no-break spaces as plain spaces: tests compare words, not spacing.

    (Typography has its own tests: `test_catalogue.test_french_messages_follow_french_typography`.)
    """
    return text.replace("\u202f", " ").replace("\u00a0", " ")
