"""Where the shipped templates live, in a wheel install as in an editable one."""

from __future__ import annotations

from pathlib import Path


def templates_dir() -> Path:
    """The shipped `templates/` folder.

    A wheel carries it inside the package (`pst_cli/templates`); an editable install or
    a source checkout uses the repository's top-level `templates/`.
    """
    packaged = Path(__file__).resolve().parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "templates"
