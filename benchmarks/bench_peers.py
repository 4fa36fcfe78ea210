"""`pst check` against its peers, measured in the same run, as ratios.

    python benchmarks/bench_peers.py [--runs 5] [--write]

On Meaux and the synthetic S, M and L projects (see generate.py), each round running
them in turn, the median whole-process time of
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

from bench_check import projects  # noqa: E402
from common import PST, compile_sources, median_process, median_rounds, run, write_block  # noqa: E402


def tool(name: str) -> str:
    return shutil.which(name) or str(Path(sys.executable).parent / name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="update benchmarks/README.md")
    options = parser.parse_args()

    from pst_cli.model import kind_of

    compile_sources()
    schemas = Path(tempfile.mkdtemp()) / "schemas"
    subprocess.run([*PST, "schema", "--out", str(schemas)], capture_output=True, check=True)
    help_time = median_process([[*PST, "--help"]], options.runs)
    lines = [
        f"`pst --help`: **{help_time * 1000:.0f} ms** (median of {options.runs}; goal ≤ 80 ms).",
        "",
        "| project | files | KiB | pst check | check-jsonschema | yamllint | check-jsonschema ÷ pst | yamllint ÷ pst |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, root in projects().items():
        files = sorted(root.rglob("*.yaml"))
        by_kind: dict[str, list[str]] = defaultdict(list)
        for path in files:
            by_kind[kind_of(path.relative_to(root).as_posix()).name].append(str(path))
        jsonschema = [[tool("check-jsonschema"), "--schemafile", str(schemas / f"{kind}.schema.json"), *paths] for kind, paths in by_kind.items()]
        times = median_rounds(
            {
                "pst": [*PST, "check", str(root)],
                "jsonschema": lambda commands=jsonschema: sum(run(command) for command in commands),
                "yamllint": [tool("yamllint"), "-d", "relaxed", str(root)],
            },
            max(1, options.runs // 2) if name == "L" else options.runs,
        )
        check, peer, lint = times["pst"], times["jsonschema"], times["yamllint"]
        kib = sum(path.stat().st_size for path in files) / 1024
        lines.append(
            f"| {name} | {len(files)} | {kib:.0f} | {check * 1000:.0f} ms | {peer * 1000:.0f} ms | {lint * 1000:.0f} ms "
            f"| **{peer / check:.1f}×** | {lint / check:.1f}× |"
        )
        print(lines[-1], flush=True)
    table = "\n".join(lines)
    print(table)
    if options.write:
        write_block("PEERS", table)


if __name__ == "__main__":
    main()
