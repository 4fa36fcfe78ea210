"""`pst --help` and `pst --version` without Typer (the root help screen, stored, printed in a few milliseconds), and the folder of `pst check`, known before any import.

Importing Typer (and Click, and pydantic, which Typer 0.29 uses to convert parameters)
costs four to six times Python's own start-up, for a screen that never changes between
two releases. `tools/help_text.py` asks Typer for that screen in each language and keeps
it in `pst_cli/i18n/<language>/help.txt`; `tests/test_startup.py` fails as soon as the
stored screen differs from Typer's, so it cannot drift. Anything else — another option,
a terminal narrower than Click's 80 columns, shell completion, a language pst does not
speak, a stored screen missing — goes to `pst_cli.cli` as before.
"""

from __future__ import annotations

import os
import sys

LANGUAGES = ("fr", "en")
DEFAULT = "fr"
"""`pst_cli.i18n`'s, repeated to spare its imports (a test keeps them equal)."""

HELP_WIDTH = 80
"""Click wraps help at min(terminal columns, 80) − 2: from 80 columns on, the screen is the same."""


def quit_before_work(signum, frame) -> None:
    """Until a command runs, nothing is being written: an interruption simply ends the process."""
    os._exit(128 + signum)


def serve(argv: list[str]) -> None:
    """Print the stored answer to `argv` and exit 0 when there is one; otherwise return, and the real command line runs."""
    text = answer(argv)
    if text is None:
        return
    sys.stdout.write(text)
    sys.stdout.flush()
    sys.exit(0)


def answer(argv: list[str]) -> str | None:
    """What `pst ARGV` prints, when it is the version or the root help screen at full width; None for anything else."""
    if "_PST_COMPLETE" in os.environ:  # cli.COMPLETE_VAR: shell completion needs Click
        return None
    if argv == ["--version"]:
        from pst_cli import __version__

        return f"pst {__version__}\n"
    if argv == ["--help"]:
        language = _language()
    elif len(argv) == 3 and argv[0] == "--lang" and argv[2] == "--help":
        language = argv[1]
    elif len(argv) == 2 and argv[0].startswith("--lang=") and argv[1] == "--help":
        language = argv[0].split("=", 1)[1]
    else:
        return None
    if language not in LANGUAGES or _columns() < HELP_WIDTH:
        return None
    try:
        with open(help_file(language), encoding="utf-8", newline="") as stream:
            return stream.read()
    except OSError:
        return None


CHECK_OPTIONS_WITH_VALUE = ("--format", "-f", "--select", "--ignore")
"""`pst check`'s options that take the next argument as their value (`cli.check`)."""


def check_folder(argv: list[str]) -> str | None:
    """The folder `pst ARGV` checks, when ARGV is `[--lang L] check [OPTIONS] [DIR]`; None for anything else.

    A guess made without Click, so that a large project starts being parsed before Click,
    pydantic and the rules are imported (`project.pool.start_early`). A wrong guess costs
    nothing but that head start: the loader takes up the early work only for the folder
    it is actually given.
    """
    arguments = list(argv)
    if arguments[:1] == ["--lang"]:
        arguments = arguments[2:]
    elif arguments[:1] and arguments[0].startswith("--lang="):
        arguments = arguments[1:]
    if arguments[:1] != ["check"]:
        return None
    folder = None
    rest = iter(arguments[1:])
    for argument in rest:
        if argument in ("--help", "--"):
            return None
        if argument in CHECK_OPTIONS_WITH_VALUE:
            next(rest, None)
        elif not argument.startswith("-"):
            if folder is not None:
                return None
            folder = argument
    return folder or "."


def help_file(language: str) -> str:
    """Where the root help screen of `language` is kept."""
    return os.path.join(os.path.dirname(__file__), "i18n", language, "help.txt")


def _language() -> str | None:
    """The language `cli._language_of_arguments` gives `pst --help`: the `pst.yaml` of `.`, else PST_LANG, else French."""
    if os.path.isfile("pst.yaml"):  # read_language returns None otherwise; spares pathlib and YAML
        from pathlib import Path

        from pst_cli.project.language import read_language

        found = read_language(Path("."))
        if found:
            return found
    chosen = os.environ.get("PST_LANG")
    return chosen if chosen in LANGUAGES else DEFAULT


def _columns() -> int:
    """The terminal's width as Click reads it (`shutil.get_terminal_size`, without importing shutil)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
        columns = columns or 80
    return columns
