"""Start-up, side by side: pst's commands against `python -c pass`, another build of pst, and what each imports.

    python benchmarks/startup.py                          # this checkout only
    python benchmarks/startup.py --against main           # and pst as of another Git revision, run in turn
    python benchmarks/startup.py --write                  # refresh the tables in benchmarks/README.md

Each round runs every command once, in turn, so that a busy machine slows them alike;
the table gives the median of the rounds. Modules are compiled first (`.pyc`), and
Python may read them, as in an installed pst. The second table comes from
`python -X importtime`: the time spent importing, and which heavy libraries each
command loads.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import USER_ENV, build_of, compile_sources, write_block

REPO = Path(__file__).resolve().parent.parent
LIBRARIES = ("typer", "pydantic", "yaml", "jinja2", "babel", "rich", "matplotlib", "typst", "pypandoc")


def commands(project: Path) -> dict[str, list[str]]:
    pst = [sys.executable, "-m", "pst_cli.cli"]
    return {
        "pst --help": [*pst, "--help"],
        "pst check --help": [*pst, "check", "--help"],
        "pst rules": [*pst, "rules"],
        "pst check examples/meaux": [*pst, "check", str(project)],
        "pst render examples/meaux --to md (second render)": [*pst, "render", str(project), "--to", "md", "-o", str(project / "build"), "--quiet"],
    }


def imports(command: list[str], env: dict) -> tuple[float, set[str]]:
    """Milliseconds spent importing (top-level imports, cumulative) and the top-level packages loaded."""
    done = subprocess.run([command[0], "-X", "importtime", *command[1:]], capture_output=True, text=True, env=env)
    total, packages = 0.0, set()
    for line in done.stderr.splitlines():
        found = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if found:
            packages.add(found.group(4).split(".")[0])
            if not found.group(3).strip(" ") and len(found.group(3)) == 1:
                total += int(found.group(2)) / 1000
    return total, packages


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--against", metavar="REVISION", help="also time pst as of this Git revision")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--write", action="store_true")
    options = parser.parse_args()
    compile_sources()
    builds = {"this": USER_ENV}
    if options.against:
        builds["other"] = build_of(options.against)
    floor = [sys.executable, "-c", "pass"]
    with tempfile.TemporaryDirectory() as scratch:
        project = Path(shutil.copytree(REPO / "examples" / "meaux", Path(scratch) / "meaux", ignore=shutil.ignore_patterns("build", "cache")))
        for env in builds.values():  # the second render's cache, for each build
            subprocess.run(commands(project)["pst render examples/meaux --to md (second render)"], capture_output=True, env=env)
        times: dict[tuple[str, str], list[float]] = {}
        for _ in range(options.runs):
            for build, env in builds.items():
                for name, command in [("python -c pass", floor), *commands(project).items()]:
                    start = time.perf_counter()
                    subprocess.run(command, capture_output=True, check=False, env=env)
                    times.setdefault((build, name), []).append(time.perf_counter() - start)
        medians = {key: statistics.median(values) * 1000 for key, values in times.items()}
        header = "| command | this build | ÷ `python -c pass` |" + (f" {options.against} | ÷ `python -c pass` | this ÷ {options.against} |" if options.against else "")
        lines = [header, "|---|---:|---:|" + ("---:|---:|---:|" if options.against else "")]
        for name in ["python -c pass", *commands(project)]:
            row = f"| `{name}` | {medians['this', name]:.0f} ms | {medians['this', name] / medians['this', 'python -c pass']:.2f} |"
            if options.against:
                other = medians["other", name]
                row += f" {other:.0f} ms | {other / medians['other', 'python -c pass']:.2f} | {medians['this', name] / other:.2f} |"
            lines.append(row)
        table = "\n".join(lines) + f"\n\nMedians of {options.runs} rounds, each command once per round, in turn."
        rows = ["| command | time importing | " + " | ".join(LIBRARIES) + " |", "|---|---:|" + ":---:|" * len(LIBRARIES)]
        for name, command in commands(project).items():
            for build, env in builds.items():
                total, packages = imports(command, env)
                label = f"`{name}`" + (f" ({options.against})" if build == "other" else "")
                rows.append(f"| {label} | {total:.0f} ms | " + " | ".join("✓" if library in packages else "·" for library in LIBRARIES) + " |")
    importing = "\n".join(rows) + "\n\n`python -X importtime`, one run each: ✓ the command imports the library, · it does not."
    print(table, importing, sep="\n\n")
    if options.write:
        write_block("STARTUP", table)
        write_block("IMPORTS", importing)


if __name__ == "__main__":
    main()
