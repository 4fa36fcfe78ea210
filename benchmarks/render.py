"""`pst render` of each example, per format: median of whole-process runs.

    python benchmarks/render.py [--runs 3] [--write]

Each run is a fresh `pst` process (start-up, loading, figures, Jinja, Pandoc or Typst),
as a user lives it. The last column renders all five formats in one command (they are
produced in parallel). `--write` puts the table in benchmarks/README.md (RENDER block).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import PST, median_process, write_block  # noqa: E402

FORMATS = ("docx", "odt", "pdf", "html", "md", "docx,odt,pdf,html,md")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="update benchmarks/README.md")
    options = parser.parse_args()

    examples = [path for path in sorted((HERE.parent / "examples").iterdir()) if (path / "pst.yaml").is_file()]
    lines = ["| example | " + " | ".join(FORMATS[:-1]) + " | all five |", "|---|" + "---:|" * len(FORMATS)]
    for project in examples:
        cells = []
        for formats in FORMATS:
            with tempfile.TemporaryDirectory() as out:
                command = [*PST, "render", str(project), "--to", formats, "-o", out, "--quiet"]
                cells.append(f"{median_process([command], options.runs):.2f} s")
        lines.append(f"| {project.name} | " + " | ".join(cells) + " |")
    table = "\n".join(lines)
    print(table)
    if options.write:
        write_block("RENDER", table)


if __name__ == "__main__":
    main()
