"""Keep `pst --help` as Typer prints it, in each language: `pst_cli/i18n/<language>/help.txt`.

    python tools/help_text.py           # write the screens
    python tools/help_text.py --check   # exit 1 when a stored screen differs from Typer's (the tests do this)

`pst --help` prints the stored screen without importing Typer (`pst_cli/startup.py`).
Run this after changing a command, its help or the catalogue (`tools/catalogue.py`).
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pst_cli.i18n import LANGUAGES  # noqa: E402
from pst_cli.startup import HELP_WIDTH, help_file  # noqa: E402


def typer_help(language: str) -> str:
    """The root help screen as Typer prints it in `language`, at Click's full width."""
    from pst_cli import cli

    out = io.StringIO()
    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(HELP_WIDTH)
    try:
        with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
            cli.main(["--lang", language, "--help"])
    finally:
        if previous is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = previous
    return out.getvalue()


def main() -> None:
    check = "--check" in sys.argv[1:]
    stale = []
    for language in LANGUAGES:
        text = typer_help(language)
        path = Path(help_file(language))
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path.relative_to(ROOT))
        if not check:
            path.write_text(text, encoding="utf-8", newline="")
    if check and stale:
        sys.exit(f"stale: {', '.join(map(str, stale))} (python tools/help_text.py)")
    for path in [] if check else stale:
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
