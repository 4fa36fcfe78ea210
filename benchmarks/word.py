"""Word and spreadsheets: `pst import docx`, `pst import comments`, the plan round trip, against what they cannot avoid.

    python benchmarks/word.py [--runs 5] [--write]

Whole processes, as a user lives them, on the Meaux example:
- `pst import docx` of the DOCX `pst render` writes, against Pandoc reading that DOCX to
  its AST alone (the floor: pst recognises the plan in that AST);
- `pst import comments` of that DOCX with three comments and a tracked change;
- `pst export --what plan` then `pst import plan` of the unchanged workbook (writes
  nothing), and of a workbook with one label and one target changed (writes one file),
  against `pst check` (the loading and checking every import does at least once);
- a document at the size limit (`word.package.MAX_TEXT_BYTES`), once: time and peak memory.

`--write` puts the table in benchmarks/README.md (WORD block).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from common import PST, median_process, write_block  # noqa: E402

MEAUX = HERE.parent / "examples" / "meaux"


def pandoc_floor(docx: Path) -> list[str]:
    import pypandoc

    return [pypandoc.get_pandoc_path(), "--sandbox", "-f", "docx", "-t", "json", "-o", "/dev/null", str(docx)]


def at_the_limit(source: Path, target: Path) -> int:
    """A copy of `source` with paragraphs added until its XML is just under the limit; its size in bytes."""
    from pst_cli.word.package import MAX_TEXT_BYTES

    with zipfile.ZipFile(source) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    others = sum(len(data) for name, data in parts.items() if name.endswith((".xml", ".rels")) and name != "word/document.xml")
    document = parts["word/document.xml"].decode("utf-8")
    paragraph = ("<w:p><w:r><w:t>Un paragraphe ordinaire du diagnostic, qui décrit le quartier et ses habitants, "
                 "sans rien de particulier.</w:t></w:r></w:p>")
    room = MAX_TEXT_BYTES - others - len(document.encode("utf-8")) - 4096
    end = document.rfind("<w:sectPr")
    filled = document[:end] + paragraph * (room // len(paragraph.encode("utf-8"))) + document[end:]
    parts["word/document.xml"] = filled.encode("utf-8")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return len(parts["word/document.xml"])


def once_with_memory(command: list[str]) -> tuple[float, float, int]:
    """(seconds, peak MB of the process and its children, exit code) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    code = subprocess.run(command, capture_output=True, check=False).returncode
    seconds = time.perf_counter() - start
    peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
    return seconds, peak, code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="update benchmarks/README.md")
    options = parser.parse_args()
    from openpyxl import load_workbook
    from word_docs import Edit, Note, reviewed

    from pst_cli.word.anchors import anchor_name

    with tempfile.TemporaryDirectory() as work_name:
        work = Path(work_name)
        project = work / "meaux"
        shutil.copytree(MEAUX, project, ignore=shutil.ignore_patterns("build"))
        subprocess.run([*PST, "render", str(project), "--to", "docx", "-o", str(work), "--quiet"], check=True)
        docx = work / "meaux.docx"
        review = reviewed(docx, work / "relu.docx",
                          [Note("A", "2025-03-12T09:00:00Z", "Préciser", bookmark=anchor_name("objective", "A1.OG1.OO1")),
                           Note("B", "2025-03-12T09:00:00Z", "Qui ?", bookmark=anchor_name("indicator", "I-A2.OG1-2")),
                           Note("A", "2025-03-12T09:00:00Z", "Trop long", on_text="que se construisent les solidarités du quotidien")],
                          [Edit(anchor_name("indicator", "I-A1.OG1-1"), "de quartier", "de rue", "A", "2025-03-12T10:00:00Z")])
        plan = work / "plan.xlsx"
        subprocess.run([*PST, "export", str(project), "--what", "plan", "-o", str(plan)], check=True, capture_output=True)
        book = load_workbook(plan)
        book["Axes et objectifs"]["D3"] = "Développer des actions hors les murs, dans chaque quartier"
        book["Indicateurs"]["I2"] = 25
        edited = work / "plan-modifie.xlsx"
        book.save(edited)

        def import_docx() -> list[list[str]]:
            target = work / "importe"
            shutil.rmtree(target, ignore_errors=True)
            return [[*PST, "import", "docx", str(docx), str(target)]]

        rows = []
        floor = median_process([pandoc_floor(docx)], options.runs)
        times = []
        for _ in range(options.runs):
            times.append(median_process(import_docx(), 1))
        imported = sorted(times)[len(times) // 2]
        rows.append(("`pst import docx` Meaux DOCX (1.4 MB of XML)", imported, "Pandoc DOCX → AST alone", floor))
        check = median_process([[*PST, "check", str(project)]], options.runs)
        comments = median_process([[*PST, "import", "comments", str(review), str(project)]], options.runs)
        rows.append(("`pst import comments` (3 comments, 1 change)", comments, "`pst check`", check))
        unchanged = median_process([[*PST, "export", str(project), "--what", "plan", "-o", str(work / "again.xlsx"), "--force"],
                                    [*PST, "import", "plan", str(plan), str(project)]], options.runs)
        rows.append(("`pst export --what plan` + `pst import plan` (unchanged)", unchanged, "`pst check` ×2", 2 * check))
        pristine = work / "pristine"
        shutil.copytree(project, pristine)
        times = []
        for _ in range(options.runs):
            shutil.rmtree(project)
            shutil.copytree(pristine, project)
            times.append(median_process([[*PST, "import", "plan", str(edited), str(project)]], 1))
        one_edit = sorted(times)[len(times) // 2]
        rows.append(("`pst import plan` (1 label, 1 target: writes 1 file)", one_edit, "`pst check`", check))
        big = work / "enorme.docx"
        size = at_the_limit(docx, big)
        seconds, peak, code = once_with_memory([*PST, "import", "docx", str(big), str(work / "enorme")])
        refused, _, refused_code = once_with_memory([*PST, "import", "docx", str(HERE.parent / "tests/fixtures/word/plan-tilleuls.docx"),
                                                    str(project)])

    lines = ["| operation | pst | against | time | ratio |", "|---|---:|---|---:|---:|"]
    for name, value, against, reference in rows:
        lines.append(f"| {name} | {value:.2f} s | {against} | {reference:.2f} s | {value / reference:.1f} |")
    lines.append("")
    lines.append(f"A DOCX at the limit ({size / 1_048_576:.1f} MB of XML, exit {code}): {seconds:.0f} s, peak {peak:.0f} MB "
                 f"(pst and Pandoc). Beyond it, refused while inflating, before Pandoc starts. A refusal (a folder that is "
                 f"not empty, exit {refused_code}): {refused:.2f} s.")
    lines.append("")
    lines.append(f"Medians of {options.runs} runs, each a new process, on 2 cores shared with other work.")
    table = "\n".join(lines)
    print(table)
    if options.write:
        write_block("WORD", table)


if __name__ == "__main__":
    main()
