"""Read the files of a project as they were at a Git revision, for `pst diff`.

Two Git processes per revision, whatever the number of files: `git ls-tree` lists the
blobs under the project's folder, one `git cat-file --batch` streams their contents.
Only YAML files are materialised: they are all the loader reads.
"""

from __future__ import annotations

import subprocess
from pathlib import Path, PurePosixPath

from pst_cli.errors import PstError


def _git(args: list[str], cwd: Path, data: bytes | None = None) -> bytes:
    try:
        process = subprocess.run(["git", *args], cwd=cwd, input=data, capture_output=True, check=False)
    except FileNotFoundError:
        raise PstError.of("git.missing") from None
    if process.returncode != 0:
        raise PstError(process.stderr.decode("utf-8", "replace").strip() or f"git {args[0]}")
    return process.stdout


def locate_project(project_dir: Path) -> tuple[Path, str]:
    """The repository's root and the project's folder inside it (`""` at the root, else `sub/dir/`)."""
    if not project_dir.is_dir():
        raise PstError.of("git.folder-not-found", path=project_dir)
    try:
        top = _git(["rev-parse", "--show-toplevel"], project_dir).decode("utf-8").strip()
    except PstError:
        raise PstError.of("git.not-a-repository", path=project_dir) from None
    root = Path(top).resolve()
    relative = project_dir.resolve().relative_to(root).as_posix()
    return root, "" if relative == "." else relative + "/"


def resolve(root: Path, revision: str) -> str:
    """The commit id a revision name points to; a user error (exit 2) when it names none."""
    if revision.startswith("-"):
        raise PstError.of("git.unknown-revision", revision=revision)
    try:
        return _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"], root).decode().strip()
    except PstError:
        raise PstError.of("git.unknown-revision", revision=revision) from None


def merge_base(root: Path, base: str, tip: str) -> str:
    """The commit where `tip` left `base` (what a pull request from `tip` into `base` is compared with)."""
    first, second = resolve(root, base), resolve(root, tip)
    return _git(["merge-base", first, second], root).decode().strip()


def materialise(root: Path, commit: str, prefix: str, destination: Path) -> int:
    """Write the YAML files of `prefix` at `commit` under `destination`; return how many."""
    listing = _git(["ls-tree", "-r", "-z", "--full-tree", commit, "--", prefix or "."], root)
    wanted: list[tuple[str, str]] = []
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, name = entry.partition(b"\t")
        mode, kind, sha = meta.decode().split()
        path = name.decode("utf-8", "surrogateescape")
        # Symbolic links (120000) and submodules are not files of the project.
        if kind != "blob" or mode == "120000" or not path.startswith(prefix) or not path.endswith((".yaml", ".yml")):
            continue
        relative = PurePosixPath(path[len(prefix):])
        if ".." in relative.parts:
            continue
        wanted.append((str(relative), sha))
    if not wanted:
        return 0
    stream = _git(["cat-file", "--batch"], root, "".join(f"{sha}\n" for _, sha in wanted).encode())
    offset = 0
    for relative, _ in wanted:
        header_end = stream.index(b"\n", offset)
        header = stream[offset:header_end].split()
        size = int(header[2])
        start = header_end + 1
        target = destination / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(stream[start : start + size])
        offset = start + size + 1  # the blob is followed by a newline
    return len(wanted)
