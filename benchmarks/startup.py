"""Start-up, side by side: `pst --help` and `pst check` against `python -c pass`, and against another build of pst.

    python benchmarks/startup.py                          # this checkout only
    python benchmarks/startup.py --against OTHER/python   # and another virtual environment's pst, run in turn
    python benchmarks/startup.py --write                  # refresh the table in benchmarks/README.md

Each round runs every command once, in turn, so that a busy machine slows them alike;
the table gives the median of the rounds.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import write_block

REPO = Path(__file__).resolve().parent.parent


def commands(python: str) -> dict[str, list[str]]:
    return {
        "pst --help": [python, "-m", "pst_cli.cli", "--help"],
        "pst check --help": [python, "-m", "pst_cli.cli", "check", "--help"],
        "pst check examples/meaux": [python, "-m", "pst_cli.cli", "check", str(REPO / "examples" / "meaux")],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--against", help="the python of another virtual environment with pst installed")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--write", action="store_true")
    options = parser.parse_args()
    builds = {"this": sys.executable}
    if options.against:
        builds["other"] = options.against
    floor = [sys.executable, "-c", "pass"]
    times: dict[tuple[str, str], list[float]] = {}
    for _ in range(options.runs):
        for build, python in builds.items():
            for name, command in [("python -c pass", floor), *commands(python).items()]:
                start = time.perf_counter()
                subprocess.run(command, capture_output=True, check=False)
                times.setdefault((build, name), []).append(time.perf_counter() - start)
    medians = {key: statistics.median(values) * 1000 for key, values in times.items()}
    header = "| command | this build | ÷ `python -c pass` |" + (" other build | this ÷ other |" if options.against else "")
    lines = [header, "|---|---:|---:|" + ("---:|---:|" if options.against else "")]
    for name in ["python -c pass", *commands(sys.executable)]:
        row = f"| `{name}` | {medians['this', name]:.0f} ms | {medians['this', name] / medians['this', 'python -c pass']:.2f} |"
        if options.against:
            row += f" {medians['other', name]:.0f} ms | {medians['this', name] / medians['other', name]:.2f} |"
        lines.append(row)
    table = "\n".join(lines) + f"\n\nMedians of {options.runs} rounds, each command once per round, in turn."
    print(table)
    if options.write:
        write_block("STARTUP", table)


if __name__ == "__main__":
    main()
