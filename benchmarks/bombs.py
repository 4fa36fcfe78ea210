"""Hostile projects: wall time and peak memory of `pst` on each bomb, against the untouched example.

    python benchmarks/bombs.py [--runs 3] [--only NAME] [--write]

Each case is a copy of `examples/meaux` with one hostile file planted (the cases of
`tests/test_hostile_*.py`), then one `pst` command run as a fresh process, `--runs`
times. Wall time and peak resident memory are medians over the runs; the memory is that
of the largest process of the run (pst itself, Pandoc or Typst), read with
`getrusage(RUSAGE_CHILDREN)` in a fresh wrapper process per run. Each round also runs the
same command on the example as shipped, in turn, so that the ratio holds on a busy
machine. The goal of issue 19:
under 5 s and under 500 MB each, refused or bounded. `--write` puts the table in
benchmarks/README.md (BOMBS block).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import PST, write_block  # noqa: E402

MEAUX = HERE.parent / "examples" / "meaux"
TIME_GOAL = 5.0
MEMORY_GOAL_MB = 500

_WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
print(json.dumps([done.returncode, wall, peak, done.stderr.decode("utf-8", "replace")[-400:]]))
"""


def _once(command: list[str]) -> tuple[int, float, float, str]:
    out = subprocess.run([sys.executable, "-c", _WRAPPER, *command], capture_output=True, text=True, check=True).stdout
    code, wall, peak, err = json.loads(out)
    return code, wall, peak / 1024, err


def measure(command: list[str], floor: list[str], runs: int) -> tuple[int, float, float, float, str]:
    """(exit code, median seconds, median peak MB, median seconds of `floor`, last stderr) of `command`.

    Each round runs `command` then `floor` (the same command on the example as shipped),
    each in a fresh wrapper, so that both see the same load on the machine.
    """
    results, floors = [], []
    for _ in range(runs):
        results.append(_once(command))
        floors.append(_once(floor)[1])
    codes = {code for code, *_ in results}
    code = codes.pop() if len(codes) == 1 else -1
    return code, statistics.median(r[1] for r in results), statistics.median(r[2] for r in results), statistics.median(floors), results[-1][3]


# The cases ---------------------------------------------------------------------------------


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _png_header(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 1000)) + chunk(b"IEND", b"")


def _export(root: Path, work: Path) -> Path:
    sheet = work / "suivi.xlsx"
    subprocess.run([*PST, "export", str(root), "--to", "xlsx", "-o", str(sheet)], check=True, capture_output=True)
    return sheet


def _rewrite(sheet: Path, member: str, change: Callable[[bytes], bytes]) -> None:
    with zipfile.ZipFile(sheet) as archive:
        items = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(sheet, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in items:
            archive.writestr(info.filename, change(data) if info.filename == member else data)


def brackets(root: Path, work: Path) -> list[str]:
    (root / "sections" / "edito.md").write_text("Crochets : " + "[a " * 24 + "\n", encoding="utf-8")
    return ["render", str(root), "--to", "html,pdf", "--quiet"]


def _notes(count: int) -> str:
    return "".join(f"Note[^{n}].\n" for n in range(count)) + "\n" + "".join(f"[^{n}]: n\n" for n in range(count))


def footnotes_allowed(root: Path, work: Path) -> list[str]:
    (root / "sections" / "edito.md").write_text(_notes(1_000), encoding="utf-8")
    return ["render", str(root), "--to", "html,pdf", "--quiet"]


def footnotes(root: Path, work: Path) -> list[str]:
    (root / "sections" / "edito.md").write_text(_notes(30_000), encoding="utf-8")
    return ["render", str(root), "--to", "html,pdf", "--quiet"]


def reference_links(root: Path, work: Path) -> list[str]:
    count = 20_000
    body = "".join(f"[l{n}] " for n in range(count)) + "\n\n" + "".join(f"[l{n}]: https://e.org/{n}\n" for n in range(count))
    (root / "sections" / "edito.md").write_text(body, encoding="utf-8")
    return ["render", str(root), "--to", "html,pdf", "--quiet"]


def fifo_yaml(root: Path, work: Path) -> list[str]:
    os.mkfifo(root / "workshops" / "2030-01-01-tuyau.yaml")
    return ["check", str(root)]


def fifo_section(root: Path, work: Path) -> list[str]:
    (root / "sections" / "edito.md").unlink()
    os.mkfifo(root / "sections" / "edito.md")
    return ["render", str(root), "--to", "html,pdf", "--quiet"]


def dev_zero_yaml(root: Path, work: Path) -> list[str]:
    (root / "governance.yaml").unlink()
    os.symlink("/dev/zero", root / "governance.yaml")
    return ["check", str(root)]


def dev_zero_section(root: Path, work: Path) -> list[str]:
    (root / "sections" / "edito.md").unlink()
    os.symlink("/dev/zero", root / "sections" / "edito.md")
    return ["render", str(root), "--to", "html,pdf", "--quiet"]


def dev_zero_path(root: Path, work: Path) -> list[str]:
    pst_yaml = root / "pst.yaml"
    pst_yaml.write_text(pst_yaml.read_text(encoding="utf-8").replace("file: sections/edito.md", "file: /dev/zero", 1), encoding="utf-8")
    return ["render", str(root), "--to", "html,pdf", "--quiet"]


def dev_zero_logo(root: Path, work: Path) -> list[str]:
    _append(root / "pst.yaml", "logo: ../../../../../../dev/zero\n")
    return ["render", str(root), "--to", "html,pdf", "--quiet"]


def png_bomb(root: Path, work: Path) -> list[str]:
    (root / "images").mkdir()
    (root / "images" / "logo.png").write_bytes(_png_header(80_000, 80_000))
    _append(root / "pst.yaml", "logo: images/logo.png\n")
    return ["render", str(root), "--to", "html,pdf", "--quiet"]


def xlsx_dimension(root: Path, work: Path) -> list[str]:
    sheet = _export(root, work)
    _rewrite(sheet, "xl/worksheets/sheet1.xml", lambda data: data.replace(b'<dimension ref="A1:', b'<dimension ref="A1:XFD1048576"/><x a="', 1))
    return ["import", "measurements", str(sheet), str(root), "--dry-run"]


def xlsx_zip_bomb(root: Path, work: Path) -> list[str]:
    """A sheet of 2 million empty rows: 60 KB packed, 200 MB unpacked."""
    sheet = _export(root, work)
    rows = b"".join(b'<row r="%d"/>' % n for n in range(100, 2_000_100))
    _rewrite(sheet, "xl/worksheets/sheet1.xml", lambda data: data.replace(b"</sheetData>", rows + b"</sheetData>", 1))
    return ["import", "measurements", str(sheet), str(root)]


def xlsx_large(root: Path, work: Path) -> list[str]:
    sheet = work / "enorme.xlsx"
    with zipfile.ZipFile(sheet, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("padding.bin", os.urandom(15 * 1024 * 1024))
    return ["import", "measurements", str(sheet), str(root)]


def xlsx_dtd(root: Path, work: Path) -> list[str]:
    sheet = _export(root, work)
    laughs = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    _rewrite(sheet, "xl/worksheets/sheet1.xml", lambda data: laughs + data.split(b"?>", 1)[-1].replace(b"<v>", b"<v>&lol2;", 1))
    return ["import", "measurements", str(sheet), str(root)]


def yaml_aliases(root: Path, work: Path) -> list[str]:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"] + [f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 9)}]" for n in range(8)]
    (root / "plan" / "challenges.yaml").write_text("\n".join(lines) + "\nchallenges: *i\n", encoding="utf-8")
    return ["check", str(root)]


def yaml_deep(root: Path, work: Path) -> list[str]:
    _append(root / "plan" / "challenges.yaml", "extra: " + "[" * 100_000 + "]" * 100_000 + "\n")
    return ["check", str(root)]


def yaml_unknown_keys(root: Path, work: Path) -> list[str]:
    _append(root / "pst.yaml", "".join(f"cle{i}: {i}\n" for i in range(100_000)))
    return ["check", str(root)]


def yaml_too_large(root: Path, work: Path) -> list[str]:
    _append(root / "stakeholders.yaml", "#" * 79 + "\n" * 1 + ("# " + "x" * 77 + "\n") * 80_000)
    return ["check", str(root)]


def template_multiplication(root: Path, work: Path) -> list[str]:
    (root / "templates" / "chapters").mkdir(parents=True)
    (root / "templates" / "chapters" / "synthesis.md.j2").write_text("# Synthèse\n\n{{ 'x' * 10**10 }}\n", encoding="utf-8")
    return ["render", str(root), "--to", "md", "--quiet"]


CASES: list[tuple[str, str, Callable[[Path, Path], list[str]]]] = [
    ("brackets-24", "24 unmatched `[` in a chapter", brackets),
    ("footnotes-1000", "1 000 footnotes in a chapter (the most accepted)", footnotes_allowed),
    ("footnotes-30000", "30 000 footnotes in a chapter", footnotes),
    ("reference-links-20000", "20 000 reference links in a chapter", reference_links),
    ("fifo-yaml", "a FIFO named like a workshop file", fifo_yaml),
    ("fifo-section", "a chapter that is a FIFO", fifo_section),
    ("dev-zero-yaml", "`governance.yaml` → `/dev/zero` (symlink)", dev_zero_yaml),
    ("dev-zero-section", "a chapter → `/dev/zero` (symlink)", dev_zero_section),
    ("dev-zero-path", "`file: /dev/zero` as a chapter (path)", dev_zero_path),
    ("dev-zero-logo", "`logo: ../../…/dev/zero` (path)", dev_zero_logo),
    ("png-bomb", "a logo of 80 000 × 80 000 pixels", png_bomb),
    ("xlsx-dimension", "a workbook declaring `A1:XFD1048576`", xlsx_dimension),
    ("xlsx-zip-bomb", "a workbook unpacking to 200 MB (2 million rows)", xlsx_zip_bomb),
    ("xlsx-15mb", "a 15 MB workbook", xlsx_large),
    ("xlsx-dtd", "a workbook with a DTD (billion laughs)", xlsx_dtd),
    ("yaml-aliases", "YAML alias bomb (9⁹ nodes)", yaml_aliases),
    ("yaml-deep", "100 000 nested `[` in a YAML file", yaml_deep),
    ("yaml-unknown-keys", "100 000 unknown keys in `pst.yaml` (1.3 MB)", yaml_unknown_keys),
    ("yaml-too-large", "a 6.5 MB YAML file", yaml_too_large),
    ("template-multiplication", "`{{ 'x' * 10**10 }}` in a template", template_multiplication),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", action="append", help="run only this case (repeatable)")
    parser.add_argument("--write", action="store_true", help="update benchmarks/README.md")
    options = parser.parse_args()

    lines = [
        "| case | command | exit | wall time | untouched example | ÷ untouched | peak memory | within 5 s and 500 MB |",
        "|---|---|---:|---:|---:|---:|---:|:---:|",
    ]
    for name, label, prepare in CASES:
        if options.only and name not in options.only:
            continue
        with tempfile.TemporaryDirectory() as temporary:
            work = Path(temporary)
            root, pristine = work / "meaux", work / "pristine" / "meaux"
            for copy in (root, pristine):
                shutil.copytree(MEAUX, copy, ignore=shutil.ignore_patterns("build", ".pst"))
            args = prepare(root, work)
            if args[0] == "import":
                (work / "pristine" / "sheet").mkdir()
                floor = ["import", "measurements", str(_export(pristine, work / "pristine" / "sheet")), str(pristine), "--dry-run"]
            else:
                floor = [arg.replace(str(root), str(pristine)) for arg in args]
            code, seconds, megabytes, floor_seconds, err = measure([*PST, *args], [*PST, *floor], options.runs)
        within = "yes" if seconds < TIME_GOAL and megabytes < MEMORY_GOAL_MB else "**no**"
        lines.append(
            f"| {name}: {label} | `pst {' '.join('DIR' if a == str(root) else 'FILE' if a.startswith(str(work)) else a for a in args)}` | {code} "
            f"| {seconds:.2f} s | {floor_seconds:.2f} s | {seconds / floor_seconds:.2f} | {megabytes:.0f} MB | {within} |"
        )
        print(lines[-1], flush=True)
        if "Traceback" in err:
            print(f"  traceback in {name}:\n{err}", file=sys.stderr)
    table = "\n".join(lines) + (
        f"\n\nMedians of {options.runs} fresh processes; peak memory is that of the largest process of a run (pst, Pandoc or Typst);"
        " `untouched example` is the same command on the example as shipped, run in turn"
        " (for an import: the shipped table, `--dry-run`)."
    )
    print()
    print(table)
    if options.write:
        write_block("BOMBS", table)


if __name__ == "__main__":
    main()
