"""Which files of a folder are the project's YAML files: the walk `pst check` starts with.

Kept apart, with nothing but `os`, so that `pool` can list a large project's files and
start parsing them at the very start of the process, before the models are imported.
"""

from __future__ import annotations

import os

SKIPPED_FOLDERS = {"build", "templates", "node_modules", "venv", "__pycache__"}


def yaml_files(root: str | os.PathLike) -> list[str]:
    """The YAML files under `root`, as sorted paths relative to it (`/`-separated).

    Hidden names and the folders of `SKIPPED_FOLDERS` are left out. A folder named like a
    YAML file (`stakeholders.yaml/`) is listed, not entered: reading it reports it.
    """
    found: list[str] = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith(".") and d not in SKIPPED_FOLDERS)
        relfolder = os.path.relpath(folder, root)
        misnamed = [d for d in subfolders if d.lower().endswith((".yaml", ".yml"))]
        subfolders[:] = [d for d in subfolders if d not in misnamed]
        for name in sorted([*names, *misnamed]):
            if not name.lower().endswith((".yaml", ".yml")) or name.startswith("."):
                continue
            found.append(name if relfolder == "." else f"{relfolder}/{name}".replace(os.sep, "/"))
    return found
