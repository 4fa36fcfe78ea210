"""Reading and writing files: the only way pst touches the disk, with one policy per kind of file.

Every command that writes (init, render, minutes, fmt, add, import, export, schema) fills
a temporary file beside its target, then moves it onto the target in one step
(`os.replace`): an interruption or a failure leaves the old file exactly as it was.
Outputs are never written through a symbolic link, the user's files only through one
that stays inside the project, and the commands that rewrite the user's files take the
project's lock (`project_lock`). Project files are read only inside the project, as
regular files of bounded size (`read_inside`). `docs/security.md` explains why.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from pst_cli.errors import PstError, Refused
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
    ones), and a symbolic link is followed so that the file it points to is updated: this
    is for files the user names (`pst init`, `-o FILE`). A project's own files go through
    `write_user_file`, outputs through `replace_output`. A failure to write becomes a user
    error naming the file.
    """
    target = Path(os.path.realpath(target)) if os.path.islink(target) else Path(target)
    _replace(target, write)


def _replace(target: Path, write: Callable[[str], None]) -> None:
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


# Write policies -------------------------------------------------------------------
#
# Two kinds of writes, two policies. *Outputs* (documents, figures, exports, schemas)
# are pst's own files: a project received from someone else may hold a committed symbolic
# link where an output goes (`build/meaux.md → ../../victim.txt`), so an output is never
# written through a link, nor anywhere but inside its output folder. *The user's own
# files* (`fmt`, `add`, `import`) may be links the user made on purpose, so a link is
# followed, but only to a file inside the project.


def _real_path(root: Path, real_root: str, relative: str) -> tuple[str, os.stat_result]:
    """The real path of `root/relative` and its `stat`: `os.path.realpath`, walking only `relative` when no part of it is a link.

    Loading a large project reads thousands of files: resolving the whole path of each
    (one `lstat` a folder, from `/`) cost a tenth of `pst check`. A link anywhere, or a
    `.`/`..` part, takes `realpath` itself.
    """
    parts = str(relative).replace(os.sep, "/").split("/")
    if "" not in parts and "." not in parts and ".." not in parts:
        current = real_root
        for part in parts:
            current = os.path.join(current, part)
            info = os.lstat(current)
            if stat.S_ISLNK(info.st_mode):
                break
        else:
            return current, info
    real = os.path.realpath(Path(root) / relative)
    return real, os.stat(real)


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _no_link_on_the_way(folder: Path, relative: str | Path) -> Path:
    current = Path(folder)
    for part in Path(relative).parts:
        current = current / part
        if os.path.islink(current):
            raise Refused.of("files.output-symlink", path=current)
    return current


def output_target(folder: Path, relative: str | Path) -> Path:
    """The place of output `relative` in `folder`, refused when a symbolic link lies on the way.

    Neither the file nor a folder between `folder` and the file may be a link, and the real
    place must stay inside the real `folder`. The final `os.replace` replaces a link that
    appears after this check instead of following it, so nothing is ever written through one.
    """
    target = _no_link_on_the_way(folder, relative)
    real_folder = os.path.realpath(folder)
    if not _inside(os.path.realpath(target.parent), real_folder):
        raise Refused.of("files.output-outside", path=target, folder=folder)
    if os.path.lexists(target) and not os.path.isfile(target):
        raise Refused.of("files.output-not-a-file", path=target)
    return target


def output_folder(folder: Path, project_root: Path | None = None) -> Path:
    """Create an output folder; inside the project (`build/`), it may not be a symbolic link leaving it."""
    if project_root is not None and _inside(os.path.abspath(folder), os.path.abspath(project_root)):
        relative = os.path.relpath(os.path.abspath(folder), os.path.abspath(project_root))
        if relative != ".":
            _no_link_on_the_way(project_root, relative)
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PstError.of("files.cannot-create-folder", folder=folder, reason=reason(error)) from None
    return Path(folder)


def replace_output(folder: Path, relative: str | Path, write: Callable[[str], None]) -> Path:
    """Write output `relative` of `folder` (see `output_target`) through a temporary file."""
    target = output_target(folder, relative)
    _replace(target, write)
    return target


def user_file(root: Path, target: Path) -> Path:
    """The file a write to the user's `target` goes to: a link is followed only to a file inside the project."""
    if not os.path.islink(target):
        return Path(target)
    real = os.path.realpath(target)
    if not _inside(real, os.path.realpath(root)):
        raise Refused.of("files.link-leaves-project", path=target, real=real)
    return Path(real)


def write_user_file(root: Path, target: Path, text: str) -> None:
    """Rewrite one of the user's files (see `user_file`) atomically, as UTF-8 with `\\n` line ends."""
    write_atomic(user_file(root, target), text)


LOCK_WAIT_SECONDS = 30
"""How long a writing command waits for another one working on the same project."""


@contextmanager
def project_lock(root: Path):
    """Serialise the commands that read, check and rewrite a project's files (`add`, `fmt`, `import`).

    Each holds an exclusive lock on `.pst/lock` from its first read to its last write, so
    two of them never both read the old file and each write their own version of it: the
    second waits, then reads what the first wrote. A command still waiting after
    `LOCK_WAIT_SECONDS` gives up, naming the lock.
    """
    import fcntl
    import time

    folder = Path(root) / ".pst"
    lock = folder / "lock"
    if os.path.islink(folder) or os.path.islink(lock):
        raise Refused.of("files.output-symlink", path=lock)
    try:
        folder.mkdir(exist_ok=True)
        descriptor = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o666 & ~_UMASK)
    except OSError as error:
        raise PstError.of("files.cannot-write", path=lock, reason=reason(error)) from None
    try:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise Refused.of("files.locked", path=lock, seconds=LOCK_WAIT_SECONDS) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(descriptor)


# Read policy -----------------------------------------------------------------------


class ReadRefused(Exception):
    """A project file that pst will not read: `code` (`outside-project`, `not-regular`, `too-large`, `unreadable`)."""

    def __init__(self, code: str, **values: object) -> None:
        super().__init__(code)
        self.code = code
        self.values = values


def read_inside(root: Path, relative: str, limit: int, real_root: str | None = None) -> bytes:
    """The bytes of project file `relative`, read only if it is a regular file inside the project of at most `limit` bytes.

    Its real path (links resolved) must stay inside the real project folder: a committed
    link to another client's files, to `/dev/zero` or to `/etc/passwd` is refused, and so
    is a FIFO or a device named like a project file (reading it would block or never end).
    The file is opened without blocking and read at most `limit + 1` bytes, so that a file
    that grows or changes kind after the checks still cannot hang pst or fill its memory.
    `real_root`, the real path of `root` when the caller reads many files, spares resolving it each time.
    """
    try:
        real_root = real_root or os.path.realpath(root)
        real, info = _real_path(root, real_root, relative)
        if not _inside(real, real_root):
            raise ReadRefused("outside-project", real=real)
        if not stat.S_ISREG(info.st_mode):
            raise ReadRefused("not-regular")
        if info.st_size > limit:
            raise ReadRefused("too-large", size=info.st_size, limit=limit)
        descriptor = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                raise ReadRefused("not-regular")
            chunks, remaining = [], limit + 1
            while remaining > 0:
                chunk = os.read(descriptor, min(remaining, 1 << 20))
                if not chunk:
                    break
                chunks.append(chunk)
                remaining -= len(chunk)
        finally:
            os.close(descriptor)
    except OSError as error:
        raise ReadRefused("unreadable", problem=reason(error)) from None
    data = b"".join(chunks)
    if len(data) > limit:
        raise ReadRefused("too-large", size=len(data), limit=limit)
    return data
