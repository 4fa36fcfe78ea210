"""`pst check` against its peers, measured in the same run, as ratios.

    python benchmarks/bench_peers.py [--runs 5] [--write]

On the synthetic S, M and L projects (see generate.py): the median whole-process time of
- `pst check` (schema, references and every coherence rule);
- `check-jsonschema` with pst's exported schemas (one process per kind of file, each given
  every file of its kind — the fewest processes it needs; their times are added);
- `yamllint` on the project folder (syntax and style only, no schema);
and `pst --help`. `--write` puts the table in benchmarks/README.md (PEERS block).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import PST, median_process, write_block  # noqa: E402
from generate import SIZES, generate  # noqa: E402


def tool(name: str) -> str:
    return shutil.which(name) or str(Path(sys.executable).parent / name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="update benchmarks/README.md")
    options = parser.parse_args()

    from pst_cli.model import kind_of

    schemas = Path(tempfile.mkdtemp()) / "schemas"
    subprocess.run([*PST, "schema", "--out", str(schemas)], capture_output=True, check=True)
    help_time = median_process([[*PST, "--help"]], options.runs)
    lines = [
        f"`pst --help`: **{help_time * 1000:.0f} ms** (median of {options.runs}; goal ≤ 80 ms).",
        "",
        "| project | files | KiB | pst check | check-jsonschema | yamllint | pst ÷ check-jsonschema | pst ÷ yamllint |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, scale in SIZES.items():
        root = HERE / "projects" / name
        if not (root / "pst.yaml").exists():
            generate(root, scale)
        files = sorted(root.rglob("*.yaml"))
        by_kind: dict[str, list[str]] = defaultdict(list)
        for path in files:
            by_kind[kind_of(path.relative_to(root).as_posix()).name].append(str(path))
        peer_runs = max(1, options.runs // 2) if name == "L" else options.runs
        check = median_process([[*PST, "check", str(root)]], options.runs)
        jsonschema = median_process(
            [[tool("check-jsonschema"), "--schemafile", str(schemas / f"{kind}.schema.json"), *paths] for kind, paths in by_kind.items()],
            peer_runs,
        )
        yamllint = median_process([[tool("yamllint"), "-d", "relaxed", str(root)]], peer_runs)
        kib = sum(path.stat().st_size for path in files) / 1024
        lines.append(
            f"| {name} | {len(files)} | {kib:.0f} | {check * 1000:.0f} ms | {jsonschema * 1000:.0f} ms | {yamllint * 1000:.0f} ms "
            f"| {check / jsonschema:.2f} | {check / yamllint:.2f} |"
        )
    table = "\n".join(lines)
    print(table)
    if options.write:
        write_block("PEERS", table)


if __name__ == "__main__":
    main()
