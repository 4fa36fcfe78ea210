"""Why `pst check` parses with libyaml: its time against libyaml alone and ruamel.yaml's round trip.

    python benchmarks/bench_check.py [--runs 5] [--write]

For S (a town), M (×10) and L (×100): the median time of the whole `pst check` process,
the median time libyaml's C parser alone needs to compose every file (in-process, no
Python start-up: the floor), their ratio (goal ≤ 2 on L), and ruamel.yaml's round-trip
loader on the same files. `--write` puts the table in benchmarks/README.md (CHECK block).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import PST, libyaml_floor, median_process, write_block  # noqa: E402
from generate import SIZES, generate  # noqa: E402


def ruamel_round_trip(texts: list[str], runs: int) -> float:
    from ruamel.yaml import YAML

    loader = YAML(typ="rt")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for text in texts:
            loader.load(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="update benchmarks/README.md")
    options = parser.parse_args()

    lines = [
        "| project | files | KiB | `pst check` (whole process) | libyaml compose alone | pst ÷ libyaml | ruamel.yaml round-trip load |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, scale in SIZES.items():
        root = HERE / "projects" / name
        if not (root / "pst.yaml").exists():
            generate(root, scale)
        texts = [path.read_text(encoding="utf-8") for path in sorted(root.rglob("*.yaml"))]
        kib = sum(len(text.encode()) for text in texts) / 1024
        check = median_process([[*PST, "check", str(root)]], options.runs)
        floor = libyaml_floor(texts, options.runs)
        ruamel = ruamel_round_trip(texts, 1 if name == "L" else options.runs)
        lines.append(
            f"| {name} | {len(texts)} | {kib:.0f} | {check * 1000:.0f} ms | {floor * 1000:.0f} ms | {check / floor:.2f} "
            f"| {ruamel * 1000:.0f} ms ({ruamel / floor:.0f}× libyaml) |"
        )
    table = "\n".join(lines)
    print(table)
    if options.write:
        write_block("CHECK", table)


if __name__ == "__main__":
    main()
