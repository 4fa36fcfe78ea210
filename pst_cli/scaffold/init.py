"""`pst init`: a new project folder from one of the shipped method skeletons (squelettes).

A skeleton is a folder `templates/init/<method>/` of YAML and Markdown files rendered
with a sandboxed Jinja environment. `templates/init/_common/` holds the files every
method shares (a method's file with the same path wins) and `templates/init/_ci/<ci>/`
the continuous-integration file. Each method folder has a `_method.yaml` manifest: the
kinds of project it serves (`kinds`, the first by default; `--kind` picks another), its
default wording and its schedule (the phases of the elaboration, in weeks after
`--start`), from which the workshop files get their dates. The plan's own period is
another thing: it starts on `--period-start`, else on the first day of the month after
the phase the manifest names in `plan_starts_after` (the CAF's decision, the signature),
else on `--start`; it lasts `--years`, within what the kind allows
(`model/frameworks.py`), and a departmental PST has no end. A template that renders to
nothing is not written: a file only some kinds have.

What the user typed (title, structure, territory) is data, never template code: it
enters YAML files only through the `yaml_str` filter (a double-quoted YAML scalar) and
Markdown through the `md` filter.

The project is built in a hidden temporary folder beside the target, Git included,
then moved into place with a single rename: an interrupted init leaves no half project,
and a folder that already holds something is never touched.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pst_cli import __version__
from pst_cli.errors import PstError
from pst_cli.i18n import t, tn
from pst_cli.model import kind_of
from pst_cli.model.frameworks import KINDS
from pst_cli.resources import templates_dir
from pst_cli.scaffold.schemas import write_schemas

CI_CHOICES = ("github", "gitlab", "none")
PST_REPOSITORY = "https://github.com/pst-cli/pst"
"""Where the `pst-check` pre-commit hook is published (the repository's `.pre-commit-hooks.yaml`)."""
SCHEMA_FOLDER = ".pst/schemas"

# Characters a YAML double-quoted scalar must not hold raw: C0/C1 controls and DEL (not
# printable in YAML), the Unicode line separators (YAML would fold them into spaces),
# lone surrogates, the byte-order mark and the non-characters U+FFFE/U+FFFF.
_YAML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")


@dataclass
class InitOptions:
    """What `pst init` was asked for; `None` values take the method's defaults."""

    directory: Path
    method: str
    title: str | None = None
    structure: str | None = None
    territory: str | None = None
    start: dt.date | None = None
    """First day of the elaboration: the workshops are scheduled from it."""
    years: int = 4
    language: str = "fr"
    git: bool = True
    ci: str = "github"
    kind: str | None = None
    """The kind of project, among those the method serves; None: the method's first."""
    period_start: dt.date | None = None
    """First day of the plan's period; None: after the phase `plan_starts_after`, else `start`."""


@dataclass
class InitResult:
    """What `pst init` made: the folder, the files written and whether Git committed them."""

    directory: Path
    files: list[str] = field(default_factory=list)
    committed: bool = False
    git_missing: bool = False


@dataclass(frozen=True)
class Method:
    """One method skeleton: its folder and its manifest (`_method.yaml`)."""

    name: str
    folder: Path
    manifest: dict

    def label(self, language: str) -> str:
        return self.manifest.get(f"label_{language}") or self.manifest.get("label_fr", self.name)

    def default(self, key: str, language: str) -> str:
        defaults = self.manifest.get("defaults", {})
        return defaults.get(f"{key}_{language}") or defaults.get(f"{key}_fr", "")

    @property
    def kinds(self) -> list[str]:
        """The kinds of project the method serves, its default first (every kind when it says `all`)."""
        kinds = self.manifest.get("kinds") or [self.manifest.get("kind", "pst")]
        return list(KINDS) if kinds == ["all"] else kinds


def init_root() -> Path:
    return templates_dir() / "init"


def available_methods() -> list[str]:
    """Names of the shipped method skeletons, in alphabetical order."""
    return sorted(p.name for p in init_root().iterdir() if p.is_dir() and not p.name.startswith("_"))


def load_method(name: str) -> Method:
    """The skeleton of method `name`, or a user error listing the known methods."""
    names = available_methods()
    if name not in names:
        raise PstError.of("init.unknown-method", name=name, methods=", ".join(names))
    folder = init_root() / name
    manifest = yaml.safe_load((folder / "_method.yaml").read_text(encoding="utf-8")) or {}
    return Method(name, folder, manifest)


def parse_start(text: str | None, option: str = "--start") -> dt.date | None:
    """The date of `--start` or `--period-start` (AAAA-MM-JJ); None when not given."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise PstError.of("init.invalid-start", value=text, option=option) from None


def first_day_of_next_month(today: dt.date) -> dt.date:
    """Default `--start`: the first day of the month after `today`."""
    return dt.date(today.year + today.month // 12, today.month % 12 + 1, 1)


def add_years(day: dt.date, years: int) -> dt.date:
    """`day` moved by whole years (29 February becomes 28 February when needed)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def working_day(day: dt.date) -> dt.date:
    """`day`, or the Monday after it when it falls on a weekend: meetings are on weekdays."""
    return day + dt.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def schedule_dates(schedule: dict[str, float], start: dt.date) -> dict[str, dt.date]:
    """Date of each phase of a method: `start` plus its offset in weeks, moved to a weekday."""
    return {key: working_day(start + dt.timedelta(weeks=float(weeks))) for key, weeks in schedule.items()}


def yaml_str(value: object) -> str:
    """`value` as a double-quoted YAML scalar that reads back exactly as the same text.

    JSON string syntax is a subset of YAML's double-quoted style; the characters YAML
    would not keep as they are (controls, line separators) are escaped as `\\uXXXX`.
    """
    text = json.dumps(str(value), ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def markdown_text(value: object) -> str:
    """`value` as literal Markdown text: every character Markdown could interpret is escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


def each_year(first: dt.date, end: dt.date) -> list[dt.date]:
    """`first` and its anniversaries up to `end`, each on a weekday (yearly meetings)."""
    dates, years = [], 0
    while (day := add_years(first, years)) <= end:
        dates.append(working_day(day))
        years += 1
    return dates


def modeline(relpath: str, kind_name: str) -> str:
    """The yaml-language-server comment that points an editor at the file's JSON Schema."""
    depth = relpath.count("/")
    return f"# yaml-language-server: $schema={'../' * depth}{SCHEMA_FOLDER}/{kind_name}.schema.json\n"


def skeleton_files(method: Method, ci: str) -> dict[str, Path]:
    """Template path (relative, still with Jinja in it) → source file, method files overriding common ones."""
    layers = [init_root() / "_common", method.folder]
    if ci != "none":
        layers.insert(1, init_root() / "_ci" / ci)
    files: dict[str, Path] = {}
    for layer in layers:
        for path in sorted(layer.rglob("*")):
            relative = path.relative_to(layer).as_posix()
            if path.is_file() and not path.name.startswith("_") and "__pycache__" not in relative:
                files[relative] = path
    # A chapter is written only when the method places it in the document (manifest `sections`).
    placed = {f"sections/{section['file']}" for section in method.manifest.get("sections", [])}
    return {relative: path for relative, path in files.items() if not relative.startswith("sections/") or relative in placed}


def render_skeleton(method: Method, context: dict, ci: str) -> dict[str, str]:
    """Project path → text of every file of the new project (schemas aside)."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    environment = SandboxedEnvironment(
        undefined=StrictUndefined, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True, autoescape=False
    )
    environment.filters["yaml_str"] = yaml_str
    environment.filters["md"] = markdown_text
    environment.globals["each_year"] = each_year
    environment.globals["add_years"] = add_years
    rendered: dict[str, str] = {}
    for template_path, source in skeleton_files(method, ci).items():
        relpath = environment.from_string(template_path).render(context)
        parts = relpath.split("/")
        if relpath.startswith("/") or ".." in parts or "" in parts:
            raise ValueError(f"skeleton path {template_path!r} renders outside the project: {relpath!r}")
        text = environment.from_string(source.read_text(encoding="utf-8")).render(context)
        if not text.strip():
            continue  # a file this kind of project does not have
        kind = kind_of(relpath)
        if kind and not text.startswith("# yaml-language-server:"):
            text = modeline(relpath, kind.name) + text
        rendered[relpath] = text
    return rendered


def plan_period(options: InitOptions, method: Method, kind: str, start: dt.date, dates: dict[str, dt.date]) -> tuple[dt.date, dt.date | None]:
    """First and last day of the plan: after its elaboration, for `--years`, inside its kind's bounds."""
    after = method.manifest.get("plan_starts_after")
    if options.period_start:
        first = options.period_start
    elif after in dates:
        first = first_day_of_next_month(dates[after])
    else:
        first = start
    facts = KINDS[kind]
    if facts.open_ended:
        return first, None
    # A plan that starts in January covers whole calendar years (« 2026-2029 »).
    end = dt.date(first.year + options.years - 1, 12, 31) if first.month == 1 else add_years(first, options.years) - dt.timedelta(days=1)
    if facts.bounds:
        end = min(end, facts.bounds[1])
    return first, end


def build_context(options: InitOptions, method: Method) -> dict:
    """The variables the skeleton templates see: the user's values, dates and defaults."""
    language = options.language
    kind = options.kind or method.kinds[0]
    start = options.start or first_day_of_next_month(dt.date.today())
    dates = schedule_dates(method.manifest.get("schedule", {}), start)
    period_start, end = plan_period(options, method, kind, start, dates)
    # How far yearly meetings are scheduled: the end, or `--years` ahead for a plan without one.
    horizon = end or add_years(period_start, options.years) - dt.timedelta(days=1)
    years_text = f"{period_start.year}-{end.year}" if end else f"{period_start.year}"
    title = options.title or f"{method.default('title', language)} {years_text}"
    return {
        "title": title,
        "structure": options.structure or method.default("structure", language),
        "territory": options.territory or method.default("territory", language),
        "structure_type": method.manifest.get("structure_type"),
        "kind": kind,
        "method": method.name,
        "method_label": method.label(language),
        "language": language,
        "today": dt.date.today(),
        "start": period_start,
        "elaboration_start": start,
        "end": end,
        "horizon": horizon,
        "years": options.years,
        "dates": dates,
        "sections": method.manifest.get("sections", []),
        "ci": options.ci,
        "git": options.git,
        "pst_version": __version__,
        "pst_repository": PST_REPOSITORY,
        "schema_folder": SCHEMA_FOLDER,
    }


def check_target(directory: Path) -> None:
    """Refuse a target that exists and is not an empty folder: init never overwrites."""
    if not directory.exists():
        if not directory.parent.is_dir():
            raise PstError.of("init.no-parent", path=directory.parent)
        return
    if not directory.is_dir():
        raise PstError.of("init.not-a-folder", path=directory)
    if any(directory.iterdir()):
        raise PstError.of("init.not-empty", path=directory, name=directory.name)


def init_project(options: InitOptions) -> InitResult:
    """Create the project described by `options`; raises `PstError` for user mistakes."""
    if options.ci not in CI_CHOICES:
        raise PstError.of("init.unknown-ci", ci=options.ci)
    method = load_method(options.method)
    kind = options.kind or method.kinds[0]
    if kind not in method.kinds:
        raise PstError.of("init.unknown-kind", kind=kind, method=method.name, kinds=", ".join(method.kinds))
    max_years = KINDS[kind].max_years or method.manifest.get("max_years")
    if max_years and options.years > max_years:
        raise PstError(
            tn("init.too-many-years", max_years, method=kind, years=options.years),
            t("init.too-many-years.hint", count=max_years),
        )
    directory = options.directory.absolute()
    check_target(directory)
    context = build_context(options, method)
    files = render_skeleton(method, context, options.ci)

    with built_beside(directory, "pst-init") as building:
        for relpath, text in sorted(files.items()):
            target = building / relpath
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
        written = sorted(files) + [p.relative_to(building).as_posix() for p in write_schemas(building / SCHEMA_FOLDER)]
        result = InitResult(directory, written)
        if options.git:
            result.committed = git_first_commit(building, context["title"])
            result.git_missing = not result.committed
    return result


@contextmanager
def built_beside(directory: Path, purpose: str) -> Iterator[Path]:
    """A hidden folder beside `directory` to build a project in, moved onto `directory` in one step once built.

    On any failure or interruption the half-built folder is removed and `directory` is
    left as it was; a folder filled meanwhile is not replaced.
    """
    building = Path(tempfile.mkdtemp(prefix=f".{directory.name}.{purpose}-", dir=directory.parent))
    try:
        yield building
        check_target(directory)  # the folder may have been filled meanwhile
        if directory.exists():
            directory.rmdir()
        os.replace(building, directory)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise


def git_first_commit(folder: Path, title: str) -> bool:
    """`git init` and a first commit of everything in `folder`; False when Git is not installed.

    When Git knows no author yet (a fresh machine, a CI runner), the commit is signed
    `pst <pst@localhost>` for this command only, never written to the user's config.
    """
    git = shutil.which("git")
    if git is None:
        return False
    # A hook or a parent repository may have exported these; they would redirect every command.
    environment = {k: v for k, v in os.environ.items() if k not in {"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"}}

    def run(*args: str, check: bool = True, settings: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
        try:
            return subprocess.run(
                [git, *settings, *args], cwd=folder, env=environment, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=check
            )
        except subprocess.CalledProcessError as error:
            problem = error.stderr.strip() or error.stdout.strip()
            raise PstError.of("init.git-failed", command=args[0], problem=problem) from None

    run("init", "-q")
    run("add", "-A")
    identity: list[str] = []
    if run("config", "user.name", check=False).returncode != 0:
        identity += ["-c", "user.name=pst"]
    if run("config", "user.email", check=False).returncode != 0:
        identity += ["-c", "user.email=pst@localhost"]
    run("commit", "-q", "-m", t("init.commit-message", title=title), settings=tuple(identity))
    return True
