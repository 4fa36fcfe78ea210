"""Writing files without ever leaving one half-written: the only way pst writes.

Every command that writes (init, render, minutes, fmt, add, import, export, schema) fills
a temporary file beside its target, then moves it onto the target in one step
(`os.replace`): an interruption or a failure leaves the old file exactly as it was.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

from pst_cli.errors import PstError
from pst_cli.i18n import has, t

_UMASK = os.umask(0o022)
os.umask(_UMASK)


def reason(error: OSError) -> str:
    """What went wrong, in plain words (`files.reason.EACCES`…; the system's words when we have no better ones)."""
    key = f"files.reason.{errno.errorcode.get(error.errno or 0, '')}"
    return t(key) if has(key) else error.strerror or str(error)


def replace_file(target: Path, write: Callable[[str], None]) -> None:
    """Let `write` fill a temporary file beside `target`, then move it onto `target` in one step.

    The new file keeps the permissions of the one it replaces (a new one gets the usual
    ones), and a symbolic link is followed so that the file it points to is updated. A
    failure to write becomes a user error naming the file.
    """
    target = Path(os.path.realpath(target)) if os.path.islink(target) else Path(target)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mode = 0o666 & ~_UMASK
    # The name is chosen before the file exists, so that an interruption at any moment
    # (even inside the creation) leaves nothing behind: `finally` always knows what to remove.
    temporary = str(target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        write(temporary)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as error:
        raise PstError.of("files.cannot-write", path=target, reason=reason(error)) from None
    finally:
        if os.path.lexists(temporary):
            os.unlink(temporary)


def write_atomic(target: Path, text: str) -> None:
    """Write UTF-8 text with `\\n` line ends to `target`, atomically (see `replace_file`)."""
    replace_file(target, lambda temporary: Path(temporary).write_text(text, encoding="utf-8", newline="\n"))


def write_bytes_atomic(target: Path, data: bytes) -> None:
    """Write bytes to `target`, atomically (see `replace_file`)."""
    replace_file(target, lambda temporary: Path(temporary).write_bytes(data))
