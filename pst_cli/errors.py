"""The one hierarchy of user errors: what stops a command, with the exit code it gives.

A `PstError` carries a message and a hint in the user's language; the single handler of
`cli.main()` prints them as one line each and exits with the class's code, never with a
traceback. Anything else that escapes a command is a bug in pst and keeps its traceback.

Exit codes: 1 when the project has findings at error level (or a refusal that names
them), 2 when the command could not run at all (bad arguments, no project, a disk that
refuses a write).
"""

from __future__ import annotations

from collections.abc import Sequence

from pst_cli.findings import Finding
from pst_cli.i18n import has, t


class PstError(Exception):
    """A user error: printed as one line plus a hint; the command could not run (exit 2)."""

    exit_code = 2

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    @classmethod
    def of(cls, key: str, **values: object) -> PstError:
        """The error whose message is `key` in the catalogue, and whose hint is `key.hint` when there is one."""
        return cls(t(key, **values), t(key + ".hint", **values) if has(key + ".hint") else "")


class ProjectInvalid(PstError):
    """The project has errors (or a file it names is refused): the findings say where (exit 1)."""

    exit_code = 1

    def __init__(self, findings: Sequence[Finding], folder: str = "", files: int = 0, message: str = "", hint: str = "") -> None:
        super().__init__(message, hint)
        self.findings = list(findings)
        self.folder = folder
        """The project folder as the user named it: findings are printed as `folder/file:line:col`."""
        self.files = files


class Refused(PstError):
    """The command would make the project wrong, or read a broken input: nothing was written (exit 1)."""

    exit_code = 1


class RenderError(PstError):
    """Pandoc, Typst or a template failed: nothing was written for that document (exit 1)."""

    exit_code = 1
