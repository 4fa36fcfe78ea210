"""`pst render` against bare Pandoc and Typst on the same Markdown, side by side, per format.

    python benchmarks/render.py [--example meaux] [--runs 5] [--against main] [--write]

The floor of a format is what Pandoc and Typst alone take for it: the very commands pst
runs (same Markdown, options and filters, the figures already drawn), started from files
(`benchmarks/.floor/`, captured from a render in this process). PDF's floor is Pandoc to
Typst source, then Typst in a process of its own. Markdown needs no conversion: its
floor is Pandoc reading and writing the same Markdown.

For each format, every round runs in turn: the floor, `pst render` with an empty figure
cache (a first render), and `pst render` again with nothing changed (a second render).
Then all five formats at once against the floors run one after the other and run in
parallel. `--against REVISION` adds pst as of that Git revision to every round (its own
render, which kept nothing before this work). Whole processes, median of the rounds;
`--write` puts the table in benchmarks/README.md (RENDER block).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import PST, USER_ENV, build_of, compile_sources, median_rounds, write_block  # noqa: E402

FORMATS = ("docx", "odt", "pdf", "html", "md")
FLOOR = HERE / ".floor"


def capture_floors(project: Path) -> dict[str, list[list[str]]]:
    """Render `project` in this process, keeping what Pandoc and Typst were given: format → the commands of its floor."""
    from pst_cli.i18n import activate
    from pst_cli.project.language import read_language
    from pst_cli.project.load import open_project
    from pst_cli.render import engine, sandbox
    from pst_cli.render.document import MAIN_DOCUMENT

    shutil.rmtree(FLOOR, ignore_errors=True)
    FLOOR.mkdir()
    activate(read_language(project))
    calls: dict[str, list] = {}
    run_pandoc, compile_pdf = engine.run_pandoc, engine.compile_pdf

    def keep_work(work: Path, name: str) -> Path:
        copy = FLOOR / name / "work"
        shutil.copytree(work, copy, dirs_exist_ok=True)
        return copy

    def pandoc(text: str, to: str, outputfile: str | None, args: list[str]) -> str:
        if outputfile is None:  # the .md output's writer: its floor is the `md` command below
            return run_pandoc(text, to, outputfile, args)
        name = {"html5": "html", "typst": "pdf"}.get(to, to)
        work = Path(outputfile).parent if to == "typst" else Path(next(a for a in args if a.startswith("--resource-path=")).split("=", 1)[1])
        copy = keep_work(work, name)
        (FLOOR / name / "input.md").write_text(text, encoding="utf-8")
        output = copy / Path(outputfile).name if to == "typst" else FLOOR / name / f"out.{name}"
        command = [sandbox.pandoc_path(), f"--from={engine.READER}", f"--to={to}", f"--output={output}", "--sandbox",
                   f"--lua-filter={engine.shipped_dir() / 'sanitise.lua'}", *[a.replace(str(work), str(copy)) for a in args],
                   str(FLOOR / name / "input.md")]
        calls.setdefault(name, []).append(command)
        return run_pandoc(text, to, outputfile, args)

    def typst(source: Path, outputfile: str, work: Path) -> None:
        copy = FLOOR / "pdf" / "work"
        options = {"output": str(FLOOR / "pdf" / "out.pdf"), "root": str(copy), "font_paths": [], "ignore_system_fonts": True, "pdf_standards": engine.PDF_STANDARDS}
        script = f"import typst; typst.compile({str(copy / source.name)!r}, **{options!r})"
        calls.setdefault("pdf", []).append([sys.executable, "-c", script])
        compile_pdf(source, outputfile, work)

    engine.run_pandoc, engine.compile_pdf = pandoc, typst
    try:
        with tempfile.TemporaryDirectory() as out:
            engine.produce(MAIN_DOCUMENT, open_project(project), list(FORMATS), Path(out))
    finally:
        engine.run_pandoc, engine.compile_pdf = run_pandoc, compile_pdf
    (FLOOR / "md").mkdir()
    shutil.copyfile(FLOOR / "docx" / "input.md", FLOOR / "md" / "input.md")
    calls["md"] = [[sandbox.pandoc_path(), f"--from={engine.READER}", "--to=markdown", f"--output={FLOOR / 'md' / 'out.md'}", str(FLOOR / "md" / "input.md")]]
    return calls


def sequence(commands: list[list[str]]):
    def go() -> float:
        start = time.perf_counter()
        for command in commands:
            subprocess.run(command, capture_output=True, check=True, env=USER_ENV)
        return time.perf_counter() - start

    return go


def in_parallel(groups: list[list[list[str]]]):
    """All the groups at once, each one's commands in order; the wall time until the last ends."""

    def go() -> float:
        start = time.perf_counter()
        shells = [subprocess.Popen(["sh", "-c", " && ".join(subprocess.list2cmdline(c) for c in group)], env=USER_ENV,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for group in groups]
        for shell in shells:
            shell.wait()
        return time.perf_counter() - start

    return go


def render(project: Path, formats: str, out: Path, cold: bool, env: dict | None = None):
    command = [*PST, "render", str(project), "--to", formats, "-o", str(out), "--quiet"]

    def go() -> float:
        if cold:
            shutil.rmtree(project / ".pst" / "cache", ignore_errors=True)
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, check=False, env=env or USER_ENV)
        elapsed = time.perf_counter() - start
        if done.returncode:
            raise SystemExit(done.stderr.decode())
        return elapsed

    return go


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--example", default="meaux")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--against", metavar="REVISION", help="also time pst as of this Git revision")
    parser.add_argument("--write", action="store_true", help="update benchmarks/README.md")
    options = parser.parse_args()
    compile_sources()
    other = build_of(options.against) if options.against else None
    extra = f" {options.against} | ÷ floor |" if other else ""
    source = HERE.parent / "examples" / options.example
    with tempfile.TemporaryDirectory() as scratch:
        # A copy, so that emptying its cache leaves the example's alone.
        project = shutil.copytree(source, Path(scratch) / options.example, ignore=shutil.ignore_patterns("build", "cache"))
        floors = capture_floors(project)
        out = Path(scratch) / "out"
        lines = [
            f"`pst render examples/{options.example}`, median of {options.runs} rounds (each round runs a row's commands in turn):",
            "",
            "| format | floor: Pandoc / Typst alone | pst, first render (empty cache) | ÷ floor | pst, second render (nothing changed) | ÷ floor | second ÷ first |" + extra,
            "|---|---:|---:|---:|---:|---:|---:|" + ("---:|---:|" if other else ""),
        ]
        for name in FORMATS:
            cases = {"floor": sequence(floors[name]), "first": render(project, name, out, True), "second": render(project, name, out, False)}
            if other:
                cases["other"] = render(project, name, out, False, other)
            times = median_rounds(cases, options.runs)
            label = f"`--to {name}`" + (" (floor: Pandoc Markdown → Markdown)" if name == "md" else "")
            lines.append(
                f"| {label} | {times['floor']:.2f} s | {times['first']:.2f} s | **{times['first'] / times['floor']:.2f}** "
                f"| {times['second']:.2f} s | **{times['second'] / times['floor']:.2f}** | {times['second'] / times['first']:.2f} |"
                + (f" {times['other']:.2f} s | {times['other'] / times['floor']:.2f} |" if other else "")
            )
            print(lines[-1], flush=True)
        every = ",".join(FORMATS)
        cases = {
            "sequential": sequence([command for name in FORMATS for command in floors[name]]),
            "parallel": in_parallel([floors[name] for name in FORMATS]),
            "first": render(project, every, out, True),
            "second": render(project, every, out, False),
        }
        if other:
            cases["other"] = render(project, every, out, False, other)
        times = median_rounds(cases, options.runs)
        lines += [
            "",
            "| all five formats | floors one after the other | floors in parallel | pst, first render | ÷ parallel floors | pst, second render | ÷ parallel floors |"
            + (f" {options.against} | ÷ parallel floors |" if other else ""),
            "|---|---:|---:|---:|---:|---:|---:|" + ("---:|---:|" if other else ""),
            f"| `--to {every}` | {times['sequential']:.2f} s | {times['parallel']:.2f} s | {times['first']:.2f} s "
            f"| **{times['first'] / times['parallel']:.2f}** | {times['second']:.2f} s | **{times['second'] / times['parallel']:.2f}** |"
            + (f" {times['other']:.2f} s | {times['other'] / times['parallel']:.2f} |" if other else ""),
        ]
    table = "\n".join(lines)
    print(table)
    if options.write:
        write_block("RENDER", table)


if __name__ == "__main__":
    main()
