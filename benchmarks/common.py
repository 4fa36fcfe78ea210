"""Helpers shared by the benchmark scripts: whole-process medians, libyaml's floor, README tables."""

from __future__ import annotations

import compileall
import gc
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PST = [sys.executable, "-m", "pst_cli"]
"""pst as its console script runs it (`pst_cli.__main__`)."""

USER_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
"""The environment of a user: Python may write and read its compiled modules (`.pyc`)."""


def compile_sources() -> None:
    """Compile pst's modules as an installed package has them, so that start-up reads `.pyc` files."""
    compileall.compile_dir(HERE.parent / "pst_cli", quiet=1)


def run(command: list[str], env: dict | None = None) -> float:
    """Wall time of one process, started with the user's environment (or `env`)."""
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=False, env=env or USER_ENV)
    return time.perf_counter() - start


def build_of(revision: str) -> dict[str, str]:
    """The environment in which `python -m pst_cli.cli` is pst as of the Git `revision` (exported, compiled)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="pst-build-"))
    archive = subprocess.run(["git", "archive", revision], cwd=HERE.parent, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    compileall.compile_dir(folder / "pst_cli", quiet=1)
    # PYTHONSAFEPATH: `python -m` would otherwise put the current folder (this checkout) first.
    return {**USER_ENV, "PYTHONPATH": str(folder), "PYTHONSAFEPATH": "1"}


def median_process(commands: list[list[str]], runs: int) -> float:
    """Median wall time of running `commands` one after the other, each as a new process."""
    times = []
    for _ in range(runs):
        times.append(sum(run(command) for command in commands))
    return statistics.median(times)


def median_rounds(cases: dict[str, object], runs: int) -> dict[str, float]:
    """Run every case once per round, in turn (a busy machine slows them alike), `runs` rounds: name → median seconds.

    A case is a command (a list), or a function that does its run and returns its time.
    """
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, case in cases.items():
            times[name].append(case() if callable(case) else run(case))
    return {name: statistics.median(values) for name, values in times.items()}


def libyaml_floor(texts: list[str], runs: int) -> float:
    """Median time libyaml's C parser needs to compose `texts`, garbage collector off (its best case)."""
    import yaml

    times = []
    for _ in range(runs):
        gc.collect()
        gc.disable()
        start = time.perf_counter()
        for text in texts:
            yaml.compose(text, Loader=yaml.CSafeLoader)
        times.append(time.perf_counter() - start)
        gc.enable()
    return statistics.median(times)


def write_block(name: str, table: str) -> None:
    """Put `table` in benchmarks/README.md between `<!-- NAME:START -->` and `<!-- NAME:END -->`."""
    readme = HERE / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = f"<!-- {name}:START -->", f"<!-- {name}:END -->"
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    readme.write_text(f"{before}{start}\n{table}\n{end}{after}", encoding="utf-8")
