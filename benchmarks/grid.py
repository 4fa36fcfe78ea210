"""`pst grid` against `pst check` on the same project, side by side (the issue's bar: grid ≤ check + 20 %).

    python benchmarks/grid.py                 # Meaux, 15 rounds
    python benchmarks/grid.py --project DIR   # another project
    python benchmarks/grid.py --write         # refresh the table in benchmarks/README.md

Each round runs both commands once, in turn, as new processes, so that a busy machine slows
them alike; the table gives the medians and their ratio.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import time
from pathlib import Path

from common import PST, write_block

REPO = Path(__file__).resolve().parent.parent
LIMIT = 1.20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--project", default=str(REPO / "examples" / "meaux"))
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--write", action="store_true")
    options = parser.parse_args()
    commands = {
        "pst check": [*PST, "check", options.project],
        "pst grid": [*PST, "grid", options.project],
        "pst check --ignore grid": [*PST, "check", "--ignore", "grid", options.project],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(options.runs):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=False)
            times[name].append(time.perf_counter() - start)
    check, grid, without = (statistics.median(times[name]) * 1000 for name in commands)
    ratio = grid / check
    name = Path(options.project).name
    table = "\n".join(
        [
            "| project | `pst check` | `pst grid` | grid ÷ check | bar | `pst check --ignore grid` | check ÷ check without grids |",
            "|---|---:|---:|---:|---:|---:|---:|",
            f"| {name} | {check:.0f} ms | {grid:.0f} ms | {ratio:.2f} | ≤ {LIMIT:.2f} {'✓' if ratio <= LIMIT else '✗'} "
            f"| {without:.0f} ms | {check / without:.2f} |",
        ]
    )
    print(table)
    print(f"median of {options.runs} rounds")
    if options.write:
        write_block("GRID", table)


if __name__ == "__main__":
    main()
