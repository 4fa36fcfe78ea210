"""`pst check` against libyaml composing the same files (its floor), side by side, and ruamel.yaml's round trip.

    python benchmarks/bench_check.py [--runs 5] [--ruamel] [--against main] [--write]

For Meaux and the synthetic S (a town), M (×10) and L (×100): each round runs, in turn,
the whole `pst check` process and libyaml's C parser composing every file of the project
in this process (no Python start-up, garbage collector off: its best case, the floor).
The table gives medians, their ratio (goal on L: ≤ 1.3), and the processor time of
`pst check` (all its processes) against the floor's. `--ruamel` adds ruamel.yaml's
round-trip loader on the same files, once; `--against REVISION` pst as of that Git
revision, in the same rounds. `--write` puts the table in
benchmarks/README.md (CHECK block).
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import PST, build_of, compile_sources, median_rounds, run, write_block  # noqa: E402
from generate import SIZES, generate  # noqa: E402


def projects() -> dict[str, Path]:
    found = {"meaux": HERE.parent / "examples" / "meaux"}
    for name, scale in SIZES.items():
        root = HERE / "projects" / name
        if not (root / "pst.yaml").exists():
            generate(root, scale)
        found[name] = root
    return found


def compose_all(texts: list[str]):
    import yaml

    def go() -> float:
        gc.collect()
        gc.disable()
        start = time.perf_counter()
        for text in texts:
            yaml.compose(text, Loader=yaml.CSafeLoader)
        elapsed = time.perf_counter() - start
        gc.enable()
        return elapsed

    return go


class Timed:
    """A command whose wall time is returned and whose processor time (children included) is kept."""

    def __init__(self, command: list[str], env: dict | None = None) -> None:
        self.command = command
        self.env = env
        self.cpu: list[float] = []

    def __call__(self) -> float:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        elapsed = run(self.command, self.env)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        return elapsed


def ruamel_round_trip(texts: list[str]) -> float:
    from ruamel.yaml import YAML

    loader = YAML(typ="rt")
    start = time.perf_counter()
    for text in texts:
        loader.load(text)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--ruamel", action="store_true", help="also time ruamel.yaml's round-trip loader (slow on L)")
    parser.add_argument("--against", metavar="REVISION", help="also time pst as of this Git revision")
    parser.add_argument("--write", action="store_true", help="update benchmarks/README.md")
    options = parser.parse_args()
    compile_sources()
    other = build_of(options.against) if options.against else None
    lines = [
        "| project | files | KiB | `pst check` (whole process) | libyaml compose alone (floor) | **pst ÷ floor** | pst processor time | ÷ floor |"
        + (f" {options.against} | ÷ floor |" if other else "")
        + (" ruamel.yaml round-trip load |" if options.ruamel else ""),
        "|---|---:|---:|---:|---:|---:|---:|---:|" + ("---:|---:|" if other else "") + ("---:|" if options.ruamel else ""),
    ]
    for name, root in projects().items():
        texts = [path.read_text(encoding="utf-8") for path in sorted(root.rglob("*.yaml"))]
        kib = sum(len(text.encode()) for text in texts) / 1024
        check = Timed([*PST, "check", str(root)])
        cases = {"check": check, "floor": compose_all(texts)}
        if other:
            cases["other"] = Timed([*PST, "check", str(root)], other)
        times = median_rounds(cases, options.runs)
        cpu = statistics.median(check.cpu)
        row = (
            f"| {name} | {len(texts)} | {kib:.0f} | {times['check'] * 1000:.0f} ms | {times['floor'] * 1000:.0f} ms "
            f"| **{times['check'] / times['floor']:.2f}** | {cpu * 1000:.0f} ms | {cpu / times['floor']:.2f} |"
        )
        if other:
            row += f" {times['other'] * 1000:.0f} ms | {times['other'] / times['floor']:.2f} |"
        if options.ruamel:
            ruamel = ruamel_round_trip(texts)
            row += f" {ruamel * 1000:.0f} ms ({ruamel / times['floor']:.0f}× libyaml) |"
        lines.append(row)
        print(row, flush=True)
    table = "\n".join(lines) + f"\n\nMedians of {options.runs} rounds; in each round `pst check` and the floor run in turn."
    print(table)
    if options.write:
        write_block("CHECK", table)


if __name__ == "__main__":
    main()
