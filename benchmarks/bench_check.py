"""Median whole-process times of `pst check` on the synthetic projects, and what parsing alone costs.

    python benchmarks/bench_check.py [--runs 5]

Prints, for S (a town), M (×10) and L (×100): the median time of the whole `pst check`
process, the median time libyaml's C parser alone needs to compose every file of the
project (in-process, no Python start-up), their ratio (goal: ≤ 2 on L), and ruamel.yaml's
round-trip loader on the same files (the reason checking does not use it). Also the
median time of `pst --help`.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import SIZES, generate  # noqa: E402


def whole_process(args: list[str], runs: int) -> float:
    """Median wall time of running `pst ARGS` as a new process."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pst_cli.cli", *args], capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def in_process(function, runs: int) -> float:
    """Median time of `function()`, with the garbage collector off (the parser's best case)."""
    times = []
    for _ in range(runs):
        gc.collect()
        gc.disable()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
        gc.enable()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-ruamel", action="store_true", help="skip the slow ruamel.yaml measurement on L")
    options = parser.parse_args()

    import yaml
    from ruamel.yaml import YAML

    projects = HERE / "projects"
    for name, scale in SIZES.items():
        if not (projects / name / "pst.yaml").exists():
            generate(projects / name, scale)

    print(f"pst --help: {whole_process(['--help'], options.runs) * 1000:.0f} ms (median of {options.runs})")
    print()
    print("| project | files | KiB | pst check (process) | libyaml compose alone | ratio | ruamel round-trip load |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in SIZES:
        root = projects / name
        files = sorted(root.rglob("*.yaml"))
        texts = [path.read_text(encoding="utf-8") for path in files]
        kib = sum(len(text.encode()) for text in texts) / 1024
        check = whole_process(["check", str(root)], options.runs)
        libyaml = in_process(lambda texts=texts: [yaml.compose(text, Loader=yaml.CSafeLoader) for text in texts], options.runs)
        if options.no_ruamel and name == "L":
            ruamel_text = "—"
        else:
            round_trip = YAML(typ="rt")
            ruamel = in_process(lambda texts=texts, loader=round_trip: [loader.load(text) for text in texts], 1 if name == "L" else options.runs)
            ruamel_text = f"{ruamel * 1000:.0f} ms ({ruamel / libyaml:.0f}× libyaml)"
        print(
            f"| {name} | {len(files)} | {kib:.0f} | {check * 1000:.0f} ms | {libyaml * 1000:.0f} ms "
            f"| {check / libyaml:.2f} | {ruamel_text} |"
        )


if __name__ == "__main__":
    main()
