"""What changed in the plan during one year, from Git (`pst review --year Y`, « évolutions du plan »).

The commits of the year that touched the project's folder, and the plan compared entity
by entity (`diff.compare`) between the last commit before the year and the last commit
of the year. Everything comes back as plain text in the command's language, so that the
document (`render/review.py`, a sibling layer) only lays it out. A project outside Git
gives None: the review then says that its changes cannot be dated, and nothing else.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pst_cli.errors import PstError
from pst_cli.history.diff import _lines, compare, kind_name, show, summary
from pst_cli.project.load import load_project


@dataclass
class Commit:
    """Un commit de l'année qui touche le projet."""

    date: dt.date
    sha: str
    subject: str


@dataclass
class YearChanges:
    """Les évolutions du plan dans l'année : commits, et changements entité par entité entre le début et la fin."""

    commits: list[Commit] = field(default_factory=list)
    start: str | None = None
    """Short id of the last commit before the year (None: the project did not exist in Git yet)."""
    end: str | None = None
    summary: str = ""
    changes: list[dict] = field(default_factory=list)
    """{"entity": « Indicateur I-A1-1 », "label": …, "facts": [« cible 20 → 30 »]} in reading order."""
    first_commit: dt.date | None = None
    """Date of the project's first commit, when it is after the year's start."""


def _git(args: list[str], cwd: Path) -> str | None:
    try:
        process = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, text=True)
    except FileNotFoundError:
        return None
    return process.stdout if process.returncode == 0 else None


def revision(project_dir: Path) -> str:
    """What the review's history depends on: the commit checked out (`none` outside Git), for the render cache."""
    head = _git(["rev-parse", "HEAD"], project_dir) if project_dir.is_dir() else None
    return (head or "none").strip()


def _commit_before(root: Path, prefix: str, day: dt.date) -> str | None:
    found = _git(["log", "-1", "--format=%H", f"--before={day.isoformat()}T00:00:00", "HEAD", "--", prefix or "."], root)
    return found.strip() or None if found else None


def year_changes(project_dir: Path, year: int) -> YearChanges | None:
    """The plan's changes during `year` (None when the project is not in a Git repository)."""
    from pst_cli.history.git import locate_project, materialise

    try:
        root, prefix = locate_project(project_dir)
    except PstError:
        return None
    if _git(["rev-parse", "--verify", "--quiet", "HEAD"], root) is None:
        return YearChanges()
    since, until = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    log = _git(["log", "--format=%H%x1f%cs%x1f%s", f"--since={since.isoformat()}T00:00:00", f"--until={until.isoformat()}T00:00:00", "HEAD", "--", prefix or "."], root) or ""
    commits = []
    for line in log.splitlines():
        sha, day, subject = (line.split("\x1f") + ["", ""])[:3]
        commits.append(Commit(dt.date.fromisoformat(day), sha[:9], show(subject, 100)))
    commits.sort(key=lambda commit: commit.date)
    result = YearChanges(commits)
    first = _git(["log", "--reverse", "--format=%cs", "HEAD", "--", prefix or "."], root)
    first_day = dt.date.fromisoformat(first.split()[0]) if first and first.split() else None
    if first_day and first_day >= since:
        result.first_commit = first_day
    start, end = _commit_before(root, prefix, since), _commit_before(root, prefix, until)
    result.start, result.end = (start[:9] if start else None), (end[:9] if end else None)
    if not start or not end or start == end:
        return result
    with tempfile.TemporaryDirectory(prefix="pst-review-") as temporary:
        projects = []
        for name, commit in (("old", start), ("new", end)):
            folder = Path(temporary) / name
            materialise(root, commit, prefix, folder)
            loaded = load_project(folder) if (folder / "pst.yaml").is_file() else None
            if loaded is None or loaded.project is None:
                return result
            projects.append(loaded.project)
    changes = compare(*projects)
    result.summary = summary(changes)
    result.changes = [{"entity": f"{kind_name(c.kind)} {c.id}", "label": c.label, "facts": _lines(c)} for c in changes]
    return result
