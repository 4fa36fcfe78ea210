"""Write `tests/fixtures/word/plan-tilleuls.docx` again from its HTML source, with LibreOffice.

    python tests/tools/word_fixture.py

The DOCX is committed: the tests do not need LibreOffice. It is the document « made by
other means » that `pst import docx` must read (see tests/fixtures/word/README.md).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FOLDER = Path(__file__).resolve().parent.parent / "fixtures" / "word"


def main() -> int:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        print("LibreOffice (soffice) is needed: apt-get install libreoffice-writer-nogui", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [office, "--headless", "--infilter=HTML (StarWriter)", "--convert-to", "docx:MS Word 2007 XML", "--outdir", out,
             str(FOLDER / "plan-tilleuls.html")],
            check=True, capture_output=True,
        )
        shutil.copyfile(Path(out) / "plan-tilleuls.docx", FOLDER / "plan-tilleuls.docx")
    print(FOLDER / "plan-tilleuls.docx")
    return 0


if __name__ == "__main__":
    sys.exit(main())
