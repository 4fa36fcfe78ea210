"""Pandoc and Typst as child processes with bounded time and memory, stopped with the command.

A project received in a pull request is untrusted input, and both converters have inputs
that take minutes or gigabytes (Pandoc's parser on 50 000 footnotes, Typst on a loop in
a template). Each therefore runs in a child process of its own:

- Pandoc with its Haskell heap capped (`+RTS -M…`) and a wall-clock timeout;
- Typst (the `typst` package) in a child Python process with its address space capped
  (`RLIMIT_AS`), a timeout, and its proxy variables pointing at a closed port of this
  machine, so that a template importing a package (`#import "@preview/…"`) fails at once
  instead of reaching the network: the package offers no switch to turn downloads off.

Every child is registered while it runs; `stop_all()` (called when the command is
interrupted, by SIGTERM or Ctrl-C) kills them, so a cancelled CI job ends within a
second instead of waiting for a compiler that ignores signals.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from pst_cli.errors import RenderError
from pst_cli.i18n import t

PANDOC_TIMEOUT = 120
"""Seconds one Pandoc run may take (a town's document takes about 0.3 s)."""
PANDOC_HEAP = "1024m"
"""Pandoc's largest heap (`+RTS -M1024m`): a town's document needs about 150 MB."""
TYPST_TIMEOUT = 120
"""Seconds one Typst compilation may take (a town's document takes about 1 s)."""
TYPST_MEMORY = 3 * 1024**3
"""Typst's largest address space, in bytes (3 GiB; a town's document uses about 300 MB of memory)."""
CLOSED_PROXY = "http://127.0.0.1:9"
"""Where Typst's downloads are sent: the discard port of this machine, where nothing listens."""

_children: set[subprocess.Popen] = set()
_lock = threading.Lock()
_stopping = threading.Event()


def stop_all() -> None:
    """Kill every converter still running (the command was interrupted); new ones refuse to start."""
    with _lock:
        _stopping.set()
        for child in list(_children):
            try:
                child.kill()
            except OSError:
                pass


def reset() -> None:
    """Allow children again (a new command in the same process, as in the tests)."""
    _stopping.clear()


def _run(command: list[str], *, stdin: bytes, timeout: float, env: dict | None = None) -> tuple[int, bytes, bytes]:
    """Run `command`, registered so that `stop_all` can kill it; (exit code, stdout, stderr), or raise TimeoutExpired."""
    # Started and registered under the lock that `stop_all` takes: a child is either refused
    # or seen and killed by it, never started just after it looked.
    with _lock:
        if _stopping.is_set():
            raise KeyboardInterrupt
        child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        _children.add(child)
    try:
        out, err = child.communicate(stdin, timeout=timeout)
    except BaseException:
        child.kill()
        child.communicate()
        raise
    finally:
        with _lock:
            _children.discard(child)
    if _stopping.is_set():
        raise KeyboardInterrupt
    return child.returncode, out, err


def _last_line(err: bytes) -> str:
    lines = [line for line in err.decode("utf-8", "replace").splitlines() if line.strip() and not line.startswith("[WARNING]")]
    return " ".join(lines[-1].split())[:300] if lines else ""


_PANDOC: list[str] = []


def pandoc_path() -> str:
    """The Pandoc of the pypandoc-binary wheel (or `PYPANDOC_PANDOC`), found without importing pypandoc
    (whose import and checks start Pandoc three times more and import `urllib`)."""
    if not _PANDOC:
        import importlib.util

        chosen = os.environ.get("PYPANDOC_PANDOC")
        spec = None if chosen else importlib.util.find_spec("pypandoc")
        for folder in (spec.submodule_search_locations or []) if spec else []:
            bundled = Path(folder) / "files" / ("pandoc.exe" if os.name == "nt" else "pandoc")
            if bundled.is_file():
                chosen = str(bundled)
                break
        if not chosen:
            import pypandoc

            chosen = pypandoc.get_pandoc_path()
        _PANDOC.append(chosen)
    return _PANDOC[0]


def pandoc(text: str, reader: str, to: str, outputfile: str | None, args: list[str]) -> str:
    """Run Pandoc sandboxed on `text`; the output is written to `outputfile`, or returned when it is None
    (with an `outputfile`, what the filters wrote on the standard error is returned)."""
    command = [pandoc_path(), "+RTS", f"-M{PANDOC_HEAP}", "-RTS", "--sandbox", "--quiet", "-f", reader, "-t", to, *args]
    if outputfile is not None:
        command += ["-o", outputfile]
    try:
        code, out, err = _run(command, stdin=text.encode("utf-8"), timeout=PANDOC_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise RenderError(t("render.pandoc-timeout", format=to, seconds=PANDOC_TIMEOUT), t("render.too-long.hint")) from None
    except OSError as error:
        raise RenderError(t("render.pandoc-failed", format=to, detail=str(error)), t("render.not-written")) from None
    if code == 251 or b"Heap exhausted" in err:
        raise RenderError(t("render.pandoc-memory", format=to, limit=PANDOC_HEAP.replace("m", " Mo")), t("render.too-long.hint"))
    if code != 0:
        raise RenderError(t("render.pandoc-failed", format=to, detail=_last_line(err) or f"code {code}"), t("render.not-written"))
    return (out if outputfile is None else err).decode("utf-8", "replace")


_TYPST_CHILD = """
import json, resource, sys
options = json.loads(sys.stdin.read())
limit = options.pop("memory")
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
import typst
try:
    typst.compile(options.pop("source"), **options)
except Exception as error:
    sys.stderr.write(" ".join(str(error).split())[:2000])
    sys.exit(3)
"""


def typst_compile(source: Path, outputfile: str, root: Path, **options: object) -> None:
    """Compile `source` to a PDF in a child process: no network, bounded time and memory, killed on interruption."""
    import json

    environment = {key: value for key, value in os.environ.items() if "proxy" not in key.lower()}
    environment.update({name: CLOSED_PROXY for name in ("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "https_proxy", "http_proxy", "all_proxy")})
    request = json.dumps({"source": str(source), "output": outputfile, "root": str(root), "memory": TYPST_MEMORY, **options})
    try:
        code, _, err = _run([sys.executable, "-I", "-c", _TYPST_CHILD], stdin=request.encode("utf-8"), timeout=TYPST_TIMEOUT, env=environment)
    except subprocess.TimeoutExpired:
        raise RenderError(t("render.typst-timeout", seconds=TYPST_TIMEOUT), t("render.too-long.hint")) from None
    if code == 3:
        raise RenderError(t("render.typst-failed", detail=err.decode("utf-8", "replace")[:500]), t("render.pdf-not-written"))
    if code != 0:
        # Killed by the memory limit (Rust aborts when an allocation fails) or by a signal.
        raise RenderError(t("render.typst-memory", limit=TYPST_MEMORY // 1024**3), t("render.too-long.hint"))
