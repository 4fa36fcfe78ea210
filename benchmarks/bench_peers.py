"""`pst check` against its peers, measured in the same run, as ratios.

    python benchmarks/bench_peers.py [--runs 5] [--write]

On the synthetic S, M and L projects (see generate.py): the median whole-process time of
- `pst check` (schema, references and every coherence rule);
- `check-jsonschema` with pst's exported schemas (one process per kind of file, each given
  every file of its kind — the fewest processes it needs; their times are added);
- `yamllint` on the project folder (syntax and style only, no schema);
- libyaml alone composing every file (in-process, garbage collector off): the floor.
`--write` puts the table in benchmarks/README.md between the PEERS markers.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import SIZES, generate  # noqa: E402


def tool(name: str) -> str:
    return shutil.which(name) or str(Path(sys.executable).parent / name)


def timed(commands: list[list[str]]) -> float:
    start = time.perf_counter()
    for command in commands:
        subprocess.run(command, capture_output=True, check=False)
    return time.perf_counter() - start


def median(commands: list[list[str]], runs: int) -> float:
    return statistics.median(timed(commands) for _ in range(runs))


def libyaml_floor(files: list[Path], runs: int) -> float:
    import yaml

    texts = [path.read_text(encoding="utf-8") for path in files]
    times = []
    for _ in range(runs):
        gc.disable()
        start = time.perf_counter()
        for text in texts:
            yaml.compose(text, Loader=yaml.CSafeLoader)
        times.append(time.perf_counter() - start)
        gc.enable()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="update benchmarks/README.md")
    options = parser.parse_args()

    from pst_cli.model import kind_of

    projects = HERE / "projects"
    schemas = Path(tempfile.mkdtemp()) / "schemas"
    subprocess.run([sys.executable, "-m", "pst_cli.cli", "schema", "--out", str(schemas)], capture_output=True, check=True)
    pst = [sys.executable, "-m", "pst_cli.cli"]
    rows = []
    help_time = median([[*pst, "--help"]], options.runs)
    for name, scale in SIZES.items():
        root = projects / name
        if not (root / "pst.yaml").exists():
            generate(root, scale)
        files = sorted(root.rglob("*.yaml"))
        by_kind: dict[str, list[str]] = defaultdict(list)
        for path in files:
            by_kind[kind_of(path.relative_to(root).as_posix()).name].append(str(path))
        jsonschema_commands = [
            [tool("check-jsonschema"), "--schemafile", str(schemas / f"{kind}.schema.json"), *paths] for kind, paths in by_kind.items()
        ]
        check = median([[*pst, "check", str(root)]], options.runs)
        peer_jsonschema = median(jsonschema_commands, max(1, options.runs // 2) if name == "L" else options.runs)
        peer_yamllint = median([[tool("yamllint"), "-d", "relaxed", str(root)]], max(1, options.runs // 2) if name == "L" else options.runs)
        floor = libyaml_floor(files, options.runs)
        rows.append((name, len(files), sum(p.stat().st_size for p in files) / 1024, check, peer_jsonschema, peer_yamllint, floor))

    lines = [
        f"`pst --help`: **{help_time * 1000:.0f} ms** (median of {options.runs}; goal ≤ 80 ms).",
        "",
        "| project | files | KiB | pst check | check-jsonschema | yamllint | pst ÷ check-jsonschema | pst ÷ yamllint | libyaml alone | pst ÷ libyaml |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, count, kib, check, peer_jsonschema, peer_yamllint, floor in rows:
        lines.append(
            f"| {name} | {count} | {kib:.0f} | {check * 1000:.0f} ms | {peer_jsonschema * 1000:.0f} ms | {peer_yamllint * 1000:.0f} ms "
            f"| {check / peer_jsonschema:.2f} | {check / peer_yamllint:.2f} | {floor * 1000:.0f} ms | {check / floor:.2f} |"
        )
    table = "\n".join(lines)
    print(table)
    if options.write:
        readme = HERE / "README.md"
        text = readme.read_text(encoding="utf-8")
        start, end = "<!-- PEERS:START -->", "<!-- PEERS:END -->"
        before, rest = text.split(start, 1)
        _, after = rest.split(end, 1)
        readme.write_text(f"{before}{start}\n{table}\n{end}{after}", encoding="utf-8")


if __name__ == "__main__":
    main()
