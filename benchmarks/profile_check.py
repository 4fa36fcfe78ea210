"""Where `pst check` spends its time beyond composing YAML: each stage of the loader and each rule, on one process.

    python benchmarks/profile_check.py [PROJECT] [--cprofile] [--write]

PROJECT defaults to the synthetic L (see generate.py). Every stage runs in this process,
one after the other, garbage collector off as in `load_project`: reading the files,
composing them with libyaml (pst's resolver), turning nodes into plain values,
validating with pydantic, assembling the `Project`, then each rule. The floor (libyaml
composing the same texts with PyYAML's own `CSafeLoader`) is timed beside. `--cprofile`
adds the functions that take the most time in a whole `pst check`. `--write` puts the
table in benchmarks/README.md (PROFILE block).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import os
import pstats
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import write_block  # noqa: E402
from generate import SIZES, generate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", nargs="?", type=Path)
    parser.add_argument("--cprofile", action="store_true")
    parser.add_argument("--write", action="store_true")
    options = parser.parse_args()
    root = options.project or HERE / "projects" / "L"
    if not (root / "pst.yaml").exists():
        generate(root, SIZES["L"])

    import yaml

    from pst_cli.i18n import activate
    from pst_cli.project import load, read, yamlfast
    from pst_cli.rules import RULES

    activate("fr")
    stages: list[tuple[str, float]] = []

    def timed(name, action):
        start = time.perf_counter()
        value = action()
        stages.append((name, time.perf_counter() - start))
        return value

    gc.disable()
    known, _ = timed("find the files", lambda: load.find_project_files(root))
    real_root = os.path.realpath(root)
    texts = timed("read and check the bytes", lambda: [read.read_text(root / relpath, relpath, real_root)[0] for relpath, _ in known])
    timed("floor: CSafeLoader compose", lambda: [yaml.compose(text, Loader=yaml.CSafeLoader) for text in texts])
    nodes = timed("compose (libyaml, pst's resolver)", lambda: [yamlfast.compose(text) for text in texts])
    data = timed("nodes → plain values", lambda: [yamlfast.to_python(node) for node in nodes])
    models = timed("validate (pydantic)", lambda: [kind.model.model_validate(values) for (_, kind), values in zip(known, data, strict=True)])
    loaded = [load.LoadedFile(relpath, kind.name, node, model, text) for (relpath, kind), node, model, text in zip(known, nodes, models, texts, strict=True)]
    project = timed("assemble the Project", lambda: load.assemble(root, loaded))
    rules = []
    for rule in RULES:
        if rule.check is not None and rule.applies_to(project.config.kind):
            start = time.perf_counter()
            list(rule.check(project))
            rules.append((rule.id, time.perf_counter() - start))
    stages.append(("every rule", sum(seconds for _, seconds in rules)))
    gc.enable()

    floor = dict(stages)["floor: CSafeLoader compose"]
    lines = [f"`{root.name}`: {len(known)} files, one process, garbage collector off.", "", "| stage | time | ÷ floor |", "|---|---:|---:|"]
    for name, seconds in stages:
        lines.append(f"| {name} | {seconds * 1000:.0f} ms | {seconds / floor:.2f} |")
    lines += ["", "| slowest rules | time |", "|---|---:|"]
    for rule_id, seconds in sorted(rules, key=lambda item: -item[1])[:5]:
        lines.append(f"| `{rule_id}` | {seconds * 1000:.0f} ms |")
    table = "\n".join(lines)
    print(table)
    if options.cprofile:
        from pst_cli.rules.runner import run_check

        profile = cProfile.Profile()
        profile.runcall(run_check, root)
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(15)
        print(out.getvalue())
    if options.write:
        write_block("PROFILE", table)


if __name__ == "__main__":
    main()
