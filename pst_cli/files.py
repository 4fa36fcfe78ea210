"""Writing files without ever leaving one half-written: the only way pst writes.

Every command that writes (init, render, minutes, fmt, add, import, export, schema) fills
a temporary file beside its target, then moves it onto the target in one step
(`os.replace`): an interruption or a failure leaves the old file exactly as it was.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from pst_cli.errors import PstError

_UMASK = os.umask(0o022)
os.umask(_UMASK)

_REASONS_FR = {
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.EROFS: "le disque est en lecture seule",
    errno.ENOSPC: "le disque est plein",
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EISDIR: "c'est un dossier",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.EEXIST: "le fichier existe déjà",
}


def reason(error: OSError) -> str:
    """What went wrong, in plain French (the system's words when we have no better ones)."""
    return _REASONS_FR.get(error.errno, error.strerror or str(error))


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
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        os.close(handle)
        write(temporary)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as error:
        raise PstError(
            f"impossible d'écrire « {target} » : {reason(error)}",
            "Vérifiez que le dossier existe et que vous avez le droit d'y écrire ; rien n'a été modifié.",
        ) from None
    finally:
        if temporary and os.path.exists(temporary):
            os.unlink(temporary)


def write_atomic(target: Path, text: str) -> None:
    """Write UTF-8 text with `\\n` line ends to `target`, atomically (see `replace_file`)."""
    replace_file(target, lambda temporary: Path(temporary).write_text(text, encoding="utf-8", newline="\n"))


def write_bytes_atomic(target: Path, data: bytes) -> None:
    """Write bytes to `target`, atomically (see `replace_file`)."""
    replace_file(target, lambda temporary: Path(temporary).write_bytes(data))
