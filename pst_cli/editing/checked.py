"""Write edits to a project only when the project they make is no worse: the last step of every edit.

The edited files are first written into a temporary copy of the project, which is
checked like `pst check` does; an edit that brings a new error (an unknown referent, an
empty label…) is refused with those errors, and nothing is written. Nor is a file
rewritten if one of its comments would be lost. Then each file is replaced in one
step, and a link is followed only to a file inside the project (`files.write_user_file`). `pst add`, `pst import plan` and `pst import comments
--apply` all end here.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from pst_cli.errors import Refused
from pst_cli.files import user_file, write_atomic, write_user_file
from pst_cli.findings import Finding
from pst_cli.project.roundtrip import lost_comment, read


def errors_of(root: Path) -> list[Finding]:
    """The findings at error level of the project in `root`."""
    from pst_cli.rules.runner import run_check

    return [finding for finding in run_check(root).findings if finding.severity == "error"]


def _key(finding: Finding) -> tuple[str, str, str]:
    return finding.rule, finding.path, finding.message


def write_checked(root: Path, texts: dict[str, str | None], messages: str, keep_comments: bool = True) -> None:
    """Write `texts` (path in the project → new text, None to remove the file) if the result has no new error.

    `messages` is the catalogue prefix of the refusals (`add` → `add.would-break`,
    `add.would-lose-comment`). With `keep_comments` False, comments may go (they
    belonged to entities the user asked to remove).
    """
    before = {_key(finding) for finding in errors_of(root)}
    with tempfile.TemporaryDirectory(prefix="pst-edit-") as temporary:
        copy = Path(temporary) / "project"
        # Links are copied as links: a link to `..` would otherwise be copied for ever.
        shutil.copytree(root, copy, symlinks=True, ignore=shutil.ignore_patterns(".git", "build"))
        _put(copy, texts, _write_in_copy)
        new = [finding for finding in errors_of(copy) if _key(finding) not in before]
    if new:
        lines = "\n".join(f"  {f.path}:{f.line}:{f.col}: {f.message}" for f in new[:5])
        raise Refused.of(f"{messages}.would-break", findings=lines)
    for relpath, text in texts.items():
        destination = user_file(root, root / relpath)
        if keep_comments and text is not None and destination.is_file():
            lost = lost_comment(read(destination), text)
            if lost is not None:
                raise Refused.of(f"{messages}.would-lose-comment", comment=lost[1], path=relpath, line=lost[0])
    _put(root, texts, lambda destination, text: write_user_file(root, destination, text))


def _write_in_copy(destination: Path, text: str) -> None:
    """Write in the copy a file that may be a link copied as a link: the link goes, never followed
    (it may point back into the user's project, which must stay untouched until the check passes)."""
    destination.unlink(missing_ok=True)
    write_atomic(destination, text)


def _put(root: Path, texts: dict[str, str | None], write) -> None:
    """Write each text in `root` with `write(path, text)` (None removes the file), each file replaced in one step."""
    for relpath, text in texts.items():
        destination = root / relpath
        if text is None:
            destination.unlink(missing_ok=True)
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        write(destination, text)
