"""`pst serve`: uvicorn on 127.0.0.1, watchfiles on the project, a refresh at every change, Ctrl-C to stop.

One task waits for changes of the project's files (watchfiles: the system's notifications,
grouped over a few milliseconds, an editor's save counting once); another refreshes the
preview in a worker thread, once more after a refresh if files changed meanwhile, never
two at a time. Each refresh is published to the open pages (server-sent events).

Ctrl-C (or SIGTERM) ends the server as its normal end: the event streams are closed, the
refresh under way finishes, the watcher stops, the temporary files are removed, and the
command returns 0. A second Ctrl-C stops without waiting.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import signal
import socket
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import uvicorn
from watchfiles import DefaultFilter, awatch

from pst_cli.errors import PstError
from pst_cli.i18n import t
from pst_cli.project.load import require_project
from pst_cli.serve.app import Updates, create_app
from pst_cli.serve.preview import Preview

HOST = "127.0.0.1"
"""The only address the preview listens on: nobody else on the network can read the project."""
STEP_MS = 30
"""A change is acted on once the files have been quiet this long (an editor writes, then renames)."""
DEBOUNCE_MS = 300
"""…or after this long, for files that keep changing."""
IGNORED_FOLDERS = (*DefaultFilter.ignore_dirs, "build", ".pst", "venv")
"""Changes there are not the project's: outputs, caches, tools."""


class _Server(uvicorn.Server):
    """uvicorn, whose Ctrl-C also ends the event streams and the watcher, and is not raised again once stopped."""

    def __init__(self, config: uvicorn.Config, stop: Callable[[], None]) -> None:
        super().__init__(config)
        self._stop = stop

    @contextlib.contextmanager
    def capture_signals(self):
        previous = {sig: signal.signal(sig, self.handle_exit) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def handle_exit(self, sig, frame) -> None:
        self._stop()
        super().handle_exit(sig, frame)


def listen(port: int) -> socket.socket:
    """A socket listening on 127.0.0.1:`port` (0: a free port chosen by the system)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
        sock.listen(64)
    except OSError as error:
        sock.close()
        if error.errno == errno.EADDRINUSE:
            raise PstError.of("serve.port-in-use", port=port) from None
        raise PstError.of("serve.cannot-listen", port=port, reason=error.strerror or str(error)) from None
    sock.setblocking(False)
    return sock


def serve(directory: Path, port: int, open_browser: bool, echo: Callable[[str], None]) -> int:
    """Serve the live preview of the project in `directory` until Ctrl-C; `echo` prints a line for the user."""
    require_project(directory)
    sock = listen(port)
    url = f"http://{HOST}:{sock.getsockname()[1]}/"
    preview = Preview(directory, str(directory))
    updates = Updates()
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pst-refresh")
    stopping = asyncio.Event()
    loop_holder: list[asyncio.AbstractEventLoop] = []

    def stop() -> None:
        """From the signal handler: wake everything that waits, in the event loop's own time."""
        if loop_holder:
            loop_holder[0].call_soon_threadsafe(_stop_now)

    def _stop_now() -> None:
        stopping.set()
        updates.close()

    @contextlib.asynccontextmanager
    async def lifespan(app):
        loop = asyncio.get_running_loop()
        loop_holder.append(loop)
        keeper = asyncio.create_task(_keep_fresh(preview, updates, stopping, pool, echo))
        echo(t("serve.listening", folder=directory, url=url))
        if open_browser:
            import webbrowser

            loop.run_in_executor(None, webbrowser.open, url)
        try:
            yield
        finally:
            _stop_now()
            await keeper

    config = uvicorn.Config(create_app(preview, updates, lifespan), log_config=None, log_level="warning", access_log=False, timeout_graceful_shutdown=3)
    try:
        _Server(config, stop).run(sockets=[sock])
    finally:
        pool.shutdown(wait=True)
        sock.close()
    echo(t("serve.stopped"))
    return 0


async def _keep_fresh(preview: Preview, updates: Updates, stopping: asyncio.Event, pool: ThreadPoolExecutor, echo: Callable[[str], None]) -> None:
    """Refresh the preview now, then after every change of the project's files, until `stopping`."""
    loop = asyncio.get_running_loop()
    wanted = asyncio.Event()
    wanted.set()

    async def refresher() -> None:
        while True:
            await wanted.wait()
            if stopping.is_set():
                return
            wanted.clear()
            preview.begin()
            updates.publish()
            await loop.run_in_executor(pool, preview.refresh)
            updates.publish()
            echo(preview.terminal_line())

    task = asyncio.create_task(refresher())
    try:
        watch_filter = DefaultFilter(ignore_dirs=IGNORED_FOLDERS)
        async for _ in awatch(preview.root, watch_filter=watch_filter, stop_event=stopping, step=STEP_MS, debounce=DEBOUNCE_MS):
            wanted.set()
    finally:
        wanted.set()
        await task
