"""Helpers shared by the benchmark scripts: whole-process medians, libyaml's floor, README tables."""

from __future__ import annotations

import gc
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PST = [sys.executable, "-m", "pst_cli.cli"]


def median_process(commands: list[list[str]], runs: int) -> float:
    """Median wall time of running `commands` one after the other, each as a new process."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for command in commands:
            subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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
