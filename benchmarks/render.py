"""Time `pst render` of each example, per format: median of 3 whole-process runs.

Run from the repository: `python benchmarks/render.py`. Each run is a fresh `pst`
process (start-up, loading, figures, Jinja, Pandoc/Typst), as a user lives it.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FORMATS = ("docx", "odt", "pdf", "html", "md", "docx,odt,pdf,html,md")
RUNS = 3


def once(project: Path, formats: str, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pst_cli.cli", "render", str(project), "--to", formats, "-o", str(out), "--quiet"],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    examples = [p for p in sorted((REPO / "examples").iterdir()) if (p / "pst.yaml").is_file()]
    print(f"{'exemple':<14}{'formats':<24}{'médiane (s)':>12}")
    for project in examples:
        for formats in FORMATS:
            with tempfile.TemporaryDirectory() as out:
                try:
                    times = [once(project, formats, Path(out)) for _ in range(RUNS)]
                except subprocess.CalledProcessError as error:
                    print(f"{project.name:<14}{formats:<24}{'échec':>12}  {error.stderr.decode()[:80]!r}")
                    break
            print(f"{project.name:<14}{formats:<24}{statistics.median(times):>12.2f}")


if __name__ == "__main__":
    main()
