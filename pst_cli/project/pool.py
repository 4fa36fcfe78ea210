"""A large project read and parsed on every core, from the very start of `pst check`.

Composing YAML is most of what checking costs, and one process does it on one core. From
`PARALLEL_FILES` files on, other processes (forked: one a core, this one included) read
and parse too, and send back each file's text and plain values — not its node tree, which
is composed again from the text only for a file that has something to report.

The work is shared out as it goes: the files, biggest first, are cut into chunks whose
numbers wait in a pipe, and every process, this one included, takes the next number when
it is free. A process busy elsewhere (this one validating, or still importing) simply
takes fewer. For `pst check DIR`, `pst_cli.__main__` starts the processes (`start_early`)
before anything else is imported — pydantic, the models and the rules take a fifth of a
second to import, time in which the others already parse; `parse_all` then takes them up.

The result never depends on how the work went. A file in which a process found a problem,
a chunk it could not send, a process that died: whatever did not come back is read and
parsed here again, so every finding is made in this process, in the project's language,
exactly as one process alone would make it.

Only `os` and `marshal` are imported before the processes start; they import the reader
(`read`, which needs no models) themselves.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Iterator

from pst_cli.project.walk import yaml_files

PARALLEL_FILES = 400
"""From this many files on, the files are read and parsed by several processes (one a core)."""
MAX_PROCESSES = 4
CHUNK_BYTES = 64 * 1024
CHUNK_FILES = 32
"""A chunk stops at this many bytes or files: small enough that the processes finish together."""

_early: Pool | None = None


def start_early(folder: str) -> None:
    """Start parsing the project in `folder` now, when it is large, for the `parse_all` to come."""
    global _early
    if _early is not None or _processes() < 2 or not os.path.isfile(os.path.join(folder, "pst.yaml")):
        return
    relpaths = yaml_files(folder)
    if len(relpaths) >= PARALLEL_FILES:
        import atexit

        _early = Pool(folder, relpaths)
        atexit.register(close_early)


def close_early() -> None:
    """Stop the work `start_early` started if nothing took it up (the command stopped before reading the project)."""
    global _early
    if _early is not None:
        _early.close()
        _early = None


def parse_all(root: str | os.PathLike, relpaths: list[str]) -> Iterator[tuple[str, tuple[str | None, object, object, object]]]:
    """(relpath, `read.read_and_parse` of it) of every file of `relpaths`, in no set order.

    The node tree is None for a file parsed by another process (`LoadedFile.tree` composes
    it again when needed).
    """
    global _early
    pool = None
    if _early is not None and _early.serves(root):
        pool, _early = _early, None
    elif len(relpaths) >= PARALLEL_FILES and _processes() >= 2:
        pool = Pool(root, relpaths)
    if pool is None:
        from pst_cli.project.read import read_and_parse

        real_root = os.path.realpath(root)
        for relpath in relpaths:
            yield relpath, read_and_parse(root, relpath, real_root)
        return
    try:
        yield from pool.results(root, relpaths)
    finally:
        pool.close()


def _processes() -> int:
    """How many processes may parse at once: the cores this process may use, up to `MAX_PROCESSES`."""
    if not hasattr(os, "fork") or sys.platform == "win32":
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return min(cores, MAX_PROCESSES)


class Pool:
    """The processes parsing the files `relpaths` of `root`, and what joins them to this one.

    Each process writes its results into a file of its own, in memory, which never makes it
    wait, and says where each chunk's results lie by a 24-byte notice on one pipe (a write
    of less than 4 KiB to a pipe is whole). This one reads the notices when it is free to:
    no thread, and no process ever waits for another.
    """

    def __init__(self, root: str | os.PathLike, relpaths: list[str]) -> None:
        self.root = root
        self.real_root = os.path.realpath(root)
        self.relpaths = relpaths
        self.owner = os.getpid()
        self.chunks = _chunks(root, relpaths)
        self.children: list[int] = []
        self.outputs: list[int] = []
        self.queue, writing = os.pipe()
        try:
            # A pipe holds 64 KiB: 16 384 chunk numbers, far more than a project has.
            _write_all(writing, b"".join(number.to_bytes(4, "little") for number in range(len(self.chunks))))
        finally:
            os.close(writing)  # once the numbers are taken, a read gives end of file
        self.notices, writing = os.pipe()
        try:
            for number in range(_processes() - 1):
                self.outputs.append(_memory_file())
                pid = os.fork()
                if pid == 0:
                    _work(self, number, writing)
                self.children.append(pid)
        finally:
            os.close(writing)  # once every process has ended, reading the notices gives end of file

    def serves(self, root: str | os.PathLike) -> bool:
        """Whether this pool parses the project in `root`, for this process."""
        return self.owner == os.getpid() and os.path.realpath(root) == self.real_root

    def results(self, root: os.PathLike, wanted: list[str]) -> Iterator[tuple[str, tuple[str | None, object, object, object]]]:
        """Every file of `wanted` (in `root`, the pool's folder), parsed by whichever process took it, or here when none could."""
        from pst_cli.project.read import read_and_parse

        wanted_set = set(wanted)
        done: set[str] = set()

        def received(notices: bytes) -> Iterator[tuple[str, tuple]]:
            for start in range(0, len(notices) - 23, 24):
                process, offset, size = (int.from_bytes(notices[at : at + 8], "little") for at in range(start, start + 24, 8))
                try:
                    parsed = marshal.loads(os.pread(self.outputs[process], size, offset))
                except (OSError, EOFError, ValueError, TypeError, IndexError):
                    continue  # those files are parsed here, at the end
                for index, text, data in parsed:
                    relpath = self.relpaths[index]
                    if text is not None and relpath in wanted_set and relpath not in done:
                        done.add(relpath)
                        yield relpath, (text, None, data, None)

        os.set_blocking(self.notices, False)
        while True:
            try:  # what the others have sent first: validating it keeps this process busy
                yield from received(os.read(self.notices, 24 * 1024))
            except BlockingIOError:
                pass
            number = _take(self.queue)
            if number is None:
                break
            for index in self.chunks[number]:
                relpath = self.relpaths[index]
                if relpath in wanted_set and relpath not in done:
                    done.add(relpath)
                    yield relpath, read_and_parse(root, relpath, self.real_root)
        os.set_blocking(self.notices, True)
        while notices := os.read(self.notices, 24 * 1024):
            yield from received(notices)
        for relpath in wanted:  # what no process sent back: a problem to report, or a process lost
            if relpath not in done:
                done.add(relpath)
                yield relpath, read_and_parse(root, relpath, self.real_root)

    def close(self) -> None:
        """Stop and reap the other processes (they have ended unless this one was interrupted), and free their files."""
        if self.owner != os.getpid():
            return
        children, self.children = self.children, []
        for pid in children:
            try:
                os.kill(pid, 9)
            except OSError:
                pass
            try:
                os.waitpid(pid, 0)
            except OSError:
                pass
        for fd in [*self.outputs, self.queue, self.notices]:
            if fd >= 0:
                os.close(fd)
        self.outputs, self.queue, self.notices = [], -1, -1


def _memory_file() -> int:
    """A descriptor of an anonymous file (in memory, on Linux) for one process's results."""
    if hasattr(os, "memfd_create"):
        return os.memfd_create("pst-parse", os.MFD_CLOEXEC)
    import tempfile

    with tempfile.TemporaryFile() as stream:  # removed at once; the descriptor stays valid
        return os.dup(stream.fileno())


def _chunks(root: str | os.PathLike, relpaths: list[str]) -> list[list[int]]:
    """The indexes of `relpaths` cut into chunks, biggest files first, so that no process ends long after the others."""
    sizes = []
    for index, relpath in enumerate(relpaths):
        try:
            size = os.stat(os.path.join(root, relpath)).st_size
        except OSError:
            size = 0
        sizes.append((size, index))
    sizes.sort(key=lambda pair: -pair[0])
    chunks: list[list[int]] = []
    chunk: list[int] = []
    filled = 0
    for size, index in sizes:
        chunk.append(index)
        filled += size
        if filled >= CHUNK_BYTES or len(chunk) >= CHUNK_FILES:
            chunks.append(chunk)
            chunk, filled = [], 0
    if chunk:
        chunks.append(chunk)
    return chunks


def _take(queue: int) -> int | None:
    """The next chunk number, or None when every chunk is taken (the pipe's reads of 4 bytes are whole)."""
    data = os.read(queue, 4)
    return int.from_bytes(data, "little") if len(data) == 4 else None


def _work(pool: Pool, number: int, notices: int) -> None:
    """In forked process `number`: parse chunks until none is left, write each one's (index, text, values), then end."""
    code = 1
    try:
        import gc

        gc.disable()  # the node trees are dropped at once; nothing here lives long
        from pathlib import Path

        from pst_cli.project.read import read_and_parse

        root = Path(pool.root)
        output = pool.outputs[number]
        offset = 0
        while (chunk := _take(pool.queue)) is not None:
            results = []
            for index in pool.chunks[chunk]:
                text, _, data, problem = read_and_parse(root, pool.relpaths[index], pool.real_root)
                # A problem is left to the main process, which reports it in the project's language.
                results.append((index, text, data) if problem is None else (index, None, None))
            try:
                payload = marshal.dumps(results)
            except ValueError:  # a value marshal cannot carry: the main process parses these files again
                continue
            _write_all(output, payload)
            os.write(notices, b"".join(value.to_bytes(8, "little") for value in (number, offset, len(payload))))
            offset += len(payload)
        code = 0
    except BaseException:  # noqa: BLE001 - whatever happens here, the main process parses what did not come back
        pass
    finally:
        os._exit(code)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
