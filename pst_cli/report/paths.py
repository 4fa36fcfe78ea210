"""How a report names a project file: from the folder the user named."""

from __future__ import annotations

import os


def display_path(folder: str, relpath: str) -> str:
    """The path of a project file as the user named its folder (`examples/meaux/pst.yaml`)."""
    if folder in ("", "."):
        return relpath
    return os.path.normpath(os.path.join(folder, relpath)).replace(os.sep, "/")
