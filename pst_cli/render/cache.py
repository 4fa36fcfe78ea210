"""What `pst render` keeps between runs, in `.pst/cache/` of the project, and how it is named.

Two kinds of entries, both named by a hash of everything they were made from:
- `figures/NAME.svg|png`: a drawn figure, named from its chart data (`figures.py`);
- `documents/NAME/`: a prepared document — the Markdown of each target, the figures and
  the options of each format — named from every file of the project, the language,
  `--public`, pst's own code and templates, and the libraries that shape the text. A
  second render with nothing changed starts Pandoc and Typst at once from it, without
  loading the project again.

A name changes when anything it was made from changes, so an entry is never stale. The
names are keyed hashes (HMAC) with a secret of this user's (`~/.cache/pst/secret`): a
project folder received from someone else may hold a `.pst/cache/`, but never an entry
this user's pst would take for its own. Without a place for the secret, nothing is cached.
"""

from __future__ import annotations

import hashlib
import hmac
import importlib.util
import json
import os
import secrets
import shutil
import stat
from pathlib import Path

from pst_cli import __version__
from pst_cli.errors import PstError
from pst_cli.resources import templates_dir

CACHE = Path(".pst") / "cache"
SKIPPED = {".git", ".pst", "build", "node_modules", "venv", ".venv", "__pycache__"}
LIBRARIES = ("babel", "jinja2", "pydantic", "pydantic_core", "yaml", "typst", "pypandoc")
"""Libraries whose version can change the words or the drawing of a document."""

_SECRET: list[bytes | None] = []


def user_folder() -> Path:
    """pst's folder in this user's cache (`$XDG_CACHE_HOME/pst`, else `~/.cache/pst`): only this user writes there."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pst"


def jinja_folder(*settings: object) -> Path | None:
    """Where Jinja keeps the templates it compiled with `settings` (this user's cache: compiled code is never read from a project).

    Jinja names a compiled template by its name and source; the folder is named by pst's
    version and the environment's settings, which change the code too.
    """
    label = hashlib.sha256(json.dumps([__version__, *settings], default=str).encode()).hexdigest()[:16]
    path = user_folder() / "jinja" / label
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path


def _secret() -> bytes | None:
    """This user's cache secret, made on first use; None when it can be neither read nor made."""
    if not _SECRET:
        home = user_folder()
        path = home / "secret"
        value = None
        try:
            value = path.read_bytes()
        except OSError:
            try:
                home.mkdir(parents=True, exist_ok=True)
                descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(descriptor, "wb") as file:
                    file.write(secrets.token_bytes(32))
                value = path.read_bytes()
            except OSError:
                try:  # made at the same moment by another pst
                    value = path.read_bytes()
                except OSError:
                    value = None
        _SECRET.append(value if value and len(value) >= 16 else None)
    return _SECRET[0]


def name(*parts: object) -> str | None:
    """The cache name of what was made from `parts` (JSON values), or None when nothing may be cached."""
    secret = _secret()
    if secret is None:
        return None
    payload = json.dumps([__version__, *parts], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hmac.new(secret, payload.encode("utf-8"), hashlib.sha256).hexdigest()[:40]


def folder(root: Path, kind: str) -> Path | None:
    """`.pst/cache/KIND/` of the project, made if needed; None when it cannot be written (a read-only project).

    None too when a link stands on the way: a project received from someone else may hold
    `.pst` or `.pst/cache` as a link to a folder elsewhere, where pst would then write.
    """
    path = root / CACHE / kind
    steps = [root / ".pst", root / CACHE, path]
    try:
        for step in steps:
            if step.is_symlink():
                return None
            step.mkdir(exist_ok=True)
        if not path.resolve().is_relative_to(root.resolve()):
            return None
    except OSError:
        return None
    return path if os.access(path, os.W_OK) else None


def project_inputs(root: Path, skip: Path | None = None) -> list:
    """Every file of the project, by path and a hash of its bytes (`.git`, `.pst`, `build` and `skip` left out)."""
    files = []
    skip = skip.resolve() if skip else None
    for here, folders, names in os.walk(root):
        folders[:] = sorted(d for d in folders if d not in SKIPPED and (skip is None or Path(here, d).resolve() != skip))
        for file in sorted(names):
            files.append([os.path.relpath(os.path.join(here, file), root), _digest(os.path.join(here, file))])
    return files


def _digest(path: str) -> str:
    """A hash of a regular file's bytes; a link by where it points (never followed: it may lead to
    `/dev/zero` or outside the project), anything else (a FIFO would block) by its kind."""
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            return "link:" + os.readlink(path)
        if not stat.S_ISREG(info.st_mode):
            return f"special:{stat.S_IFMT(info.st_mode)}"
        with open(path, "rb") as stream:
            return hashlib.file_digest(stream, "blake2b").hexdigest()[:32]
    except OSError:
        return "unreadable"


_CODE: list[list] = []


def code_inputs() -> list:
    """pst's modules, catalogues and shipped templates, and the libraries that shape a document, by size and time.

    A file's modification time changes whenever it is installed, upgraded or checked out
    anew, which is when its contents can change.
    """
    if not _CODE:
        entries = []
        for top in (Path(__file__).resolve().parent.parent, templates_dir()):
            for here, folders, names in os.walk(top):
                folders[:] = sorted(d for d in folders if d not in ("__pycache__", "init"))
                for file in sorted(names):
                    if not file.endswith(".pyc"):
                        info = os.stat(os.path.join(here, file))
                        entries.append([os.path.join(here, file), info.st_size, info.st_mtime_ns])
        for library in LIBRARIES:
            spec = importlib.util.find_spec(library)
            origin = spec.origin if spec and spec.origin else ""
            info = os.stat(origin) if origin else None
            entries.append([library, origin, info.st_size if info else 0, info.st_mtime_ns if info else 0])
        _CODE.append(entries)
    return _CODE[0]


KEPT_DOCUMENTS = 4
"""Prepared documents kept per project (the public and full versions, a language or two); the oldest go."""


def keep_entry(source: Path, folder: Path, key: str) -> None:
    """Copy the work folder `source` as the entry `key` of `folder`, which appears whole or not at all."""
    temporary = folder / f".{key}.{secrets.token_hex(6)}.tmp"
    try:
        shutil.copytree(source, temporary / "work")
        os.replace(temporary / "work" / "recipe.json", temporary / "recipe.json")
        os.replace(temporary, folder / key)
    except OSError:
        return
    finally:  # an interruption too leaves no half-copied entry
        shutil.rmtree(temporary, ignore_errors=True)
    entries = sorted((entry for entry in folder.iterdir() if not entry.name.startswith(".")), key=_age, reverse=True)
    for old in entries[KEPT_DOCUMENTS:]:
        shutil.rmtree(old, ignore_errors=True)


def _age(entry: Path) -> float:
    try:
        return entry.stat().st_mtime
    except OSError:
        return 0.0


def ignore_errors(action) -> None:
    """Run `action`; a cache that cannot be written is no error (the next render does the work again)."""
    try:
        action()
    except (OSError, PstError):
        pass
