"""The `pst` command line: parse the arguments, call one core function, print what it returns.

This is the only module that knows about Typer, exit codes and the terminal's streams.
Each command returns its exit code; a user error is a `PstError` (`errors.py`), printed
by the one handler in `main()`. Heavy libraries are imported inside the commands, so
that `pst --help` stays instant.

Conventions every command follows:
- the project folder is the last operand, `DIR`, and defaults to the current folder
  (`pst check`, `pst minutes WORKSHOP DIR`, `pst import measurements FILE DIR`);
- the language of messages is resolved once: `pst.yaml`'s `language:`, else `--lang`
  or `PST_LANG`, else French (`language_for`);
- help texts are catalogue keys, turned into words of that language just before Click
  reads them (`localise`).
"""

from __future__ import annotations

import sys

if __name__ == "__main__":  # `python -m pst_cli.cli --help` answers without Typer too (`startup.py`)
    from pst_cli.startup import serve

    serve(sys.argv[1:])

import contextlib  # noqa: E402
import os  # noqa: E402
import signal  # noqa: E402
from enum import Enum  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Annotated  # noqa: E402

from pst_cli.startup import quit_before_work  # noqa: E402

if __name__ in ("__main__", "pst_cli.cli") and not os.environ.get("PYTEST_CURRENT_TEST"):
    signal.signal(signal.SIGINT, quit_before_work)
    signal.signal(signal.SIGTERM, quit_before_work)

import typer  # noqa: E402 - after the signal handlers, so Ctrl-C during start-up stays quiet

from pst_cli import __version__  # noqa: E402
from pst_cli.i18n import LANGUAGES, activate, has, t, tn  # noqa: E402

COMMAND_ORDER = (
    "init", "check", "rules", "render", "serve", "diff", "fmt", "add",
    "votes", "minutes", "status", "review", "export", "import", "schema", "completion",
)


class _Localised:
    """Click's own words in help screens (the usage prefix, the help option) in the language of the command."""

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), t("click.usage") + " ")

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = t("click.help-option")
            _as_typed(option)
        return option


class _Command(_Localised, typer.core.TyperCommand):
    """A command of pst."""


class _Commands(_Localised, typer.core.TyperGroup):
    """Lists the commands in the order of a project's life; builds a command only when it is used.

    Typer turns a function into a command by reading its signature, which costs a few
    milliseconds a command: `pst --help` lists the commands from their help texts alone,
    and `pst check` builds `check` only.
    """

    lazy: dict[str, tuple[str, object]]
    """name → (help key, function that builds the command)."""

    def list_commands(self, ctx):
        names = [*self.commands, *getattr(self, "lazy", {})]
        return sorted(names, key=lambda name: COMMAND_ORDER.index(name) if name in COMMAND_ORDER else len(COMMAND_ORDER))

    def get_command(self, ctx, name):
        lazy = getattr(self, "lazy", {})
        if name in lazy:
            command = lazy.pop(name)[1]()
            localise(command)
            for param in command.params:
                _as_typed(param)
            self.commands[name] = command
        return self.commands.get(name)

    def format_commands(self, ctx, formatter) -> None:
        rows = []
        limit = formatter.width - 6 - max(len(name) for name in self.list_commands(ctx))
        for name in self.list_commands(ctx):
            if name in getattr(self, "lazy", {}):
                text = t(self.lazy[name][0])
                rows.append((name, text if len(text) <= limit else text[: max(limit - 3, 10)].rsplit(" ", 1)[0] + "..."))
            else:
                rows.append((name, self.commands[name].get_short_help_str(limit)))
        with formatter.section(t("click.commands")):
            formatter.write_dl(rows)


def _typer(**settings) -> typer.Typer:
    return typer.Typer(cls=_Commands, no_args_is_help=True, add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False, **settings)


app = _typer(name="pst", help="cli.help")
import_app = _typer(help="cli.import.help")
app.add_typer(import_app, name="import")

ProjectDir = Annotated[Path, typer.Argument(metavar="DIR", help="cli.dir", show_default=False)]
_lang_option: str | None = None


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"pst {__version__}")
        raise typer.Exit(0)


@app.callback()
def _options(
    lang: Annotated[str | None, typer.Option("--lang", envvar="PST_LANG", metavar="fr|en", help="cli.lang", show_default=False)] = None,
    version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True, help="cli.version")] = False,
) -> None:
    global _lang_option
    _lang_option = lang


def language_for(directory: Path | None) -> str:
    """Resolve and activate the language of this command: the project's, else --lang/PST_LANG, else French."""
    from pst_cli.project.language import read_language

    chosen = (read_language(directory) if directory is not None else None) or _lang_option or os.environ.get("PST_LANG")
    return activate(chosen)


def _console(stderr: bool = False):
    from pst_cli.terminal.console import console

    return console(stderr=stderr)


def _print(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


# Checking -------------------------------------------------------------------------


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    gitlab = "gitlab"


@app.command(cls=_Command, help="cli.check.help")
def check(
    directory: ProjectDir = Path("."),
    format: Annotated[CheckFormat | None, typer.Option("--format", "-f", help="cli.check.format", show_default=False)] = None,
    select: Annotated[list[str], typer.Option("--select", help="cli.check.select", show_default=False)] = [],
    ignore: Annotated[list[str], typer.Option("--ignore", help="cli.check.ignore", show_default=False)] = [],
    strict: Annotated[bool, typer.Option("--strict", help="cli.check.strict")] = False,
) -> int:
    from pst_cli.report import FORMATTERS, colour_for
    from pst_cli.rules.runner import run_check

    language_for(directory)
    result = run_check(directory, select=select, ignore=ignore)
    chosen = format or (CheckFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else CheckFormat.text)
    _print(FORMATTERS[chosen.value](result, str(directory), colour_for(sys.stdout)))
    return result.exit_code(strict)


class GridFormat(str, Enum):
    text = "text"
    json = "json"
    md = "md"


@app.command(cls=_Command, help="cli.grid.help")
def grid(
    directory: ProjectDir = Path("."),
    grid_id: Annotated[str | None, typer.Option("--grid", "-g", help="cli.grid.grid", show_default=False)] = None,
    format: Annotated[GridFormat, typer.Option("--format", "-f", help="cli.grid.format")] = GridFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="cli.grid.strict")] = False,
) -> int:
    from pst_cli.report.grid import render
    from pst_cli.rules.grid import run_grid

    language_for(directory)
    result = run_grid(directory, grid_id)
    _print(render(result, format.value))
    return 1 if strict and result.count("absent") else 0


@app.command(cls=_Command, help="cli.rules.help")
def rules(
    rule: Annotated[str | None, typer.Argument(help="cli.rules.rule", show_default=False)] = None,
    markdown: Annotated[bool, typer.Option("--markdown", help="cli.rules.markdown")] = False,
) -> int:
    from pst_cli.rules.docs import find_rules, rule_table, rule_text, rules_markdown

    language_for(None)
    if markdown:
        _print(rules_markdown())
    elif rule is None:
        _print(rule_table())
    else:
        _print("\n".join(rule_text(item) for item in find_rules(rule)))
    return 0


@app.command(cls=_Command, help="cli.schema.help")
def schema(
    out: Annotated[Path, typer.Option("--out", "-o", help="cli.schema.out")] = Path(".pst/schemas"),
) -> int:
    from pst_cli.scaffold.schemas import write_schemas

    language_for(None)
    for path in write_schemas(out):
        _print(str(path))
    return 0


# Creating a project ---------------------------------------------------------------


class InitCi(str, Enum):
    github = "github"
    gitlab = "gitlab"
    none = "none"


@app.command(cls=_Command, help="cli.init.help")
def init(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="cli.init.dir", show_default=False)],
    method: Annotated[str | None, typer.Option("--method", "-m", help="cli.init.method", show_default=False)] = None,
    title: Annotated[str | None, typer.Option("--title", help="cli.init.title", show_default=False)] = None,
    structure: Annotated[str | None, typer.Option("--structure", help="cli.init.structure", show_default=False)] = None,
    territory: Annotated[str | None, typer.Option("--territory", help="cli.init.territory", show_default=False)] = None,
    start: Annotated[str | None, typer.Option("--start", help="cli.init.start", show_default=False)] = None,
    period_start: Annotated[str | None, typer.Option("--period-start", help="cli.init.period-start", show_default=False)] = None,
    years: Annotated[int, typer.Option("--years", min=1, max=10, help="cli.init.years")] = 4,
    kind: Annotated[str | None, typer.Option("--kind", "-k", help="cli.init.kind", show_default=False)] = None,
    language: Annotated[str | None, typer.Option("--language", help="cli.init.language", show_default=False)] = None,
    git: Annotated[bool, typer.Option("--git/--no-git", help="cli.init.git")] = True,
    ci: Annotated[InitCi, typer.Option("--ci", help="cli.init.ci")] = InitCi.github,
) -> int:
    from pst_cli.scaffold.init import InitOptions, available_methods, init_project, load_method, parse_start

    lang = activate(language) if language in LANGUAGES else language_for(None)
    if language is not None and language not in LANGUAGES:
        raise _usage("cli.init.unknown-language", value=language, choices=", ".join(LANGUAGES))
    start_date = parse_start(start)
    period_start_date = parse_start(period_start, "--period-start")
    interactive = sys.stdin.isatty()
    if method is None:
        if not interactive:
            raise _usage("cli.init.method-missing", directory=directory, methods=", ".join(available_methods()))
        methods = available_methods()
        method = typer.prompt(t("cli.init.ask-method", methods=", ".join(methods)), default="minimal")
        while method not in methods:
            _print(t("cli.init.unknown-method", value=method, methods=", ".join(methods)))
            method = typer.prompt(t("cli.init.ask-method", methods=", ".join(methods)), default="minimal")
    if interactive:
        defaults = load_method(method)
        title = title or typer.prompt(t("cli.init.ask-title"), default=defaults.default("title", lang))
        structure = structure or typer.prompt(t("cli.init.ask-structure"), default=defaults.default("structure", lang))
        territory = territory or typer.prompt(t("cli.init.ask-territory"), default=defaults.default("territory", lang))
    options = InitOptions(directory, method, title, structure, territory, start_date, years, lang, git, ci.value, kind, period_start_date)
    result = init_project(options)
    _print(t("cli.init.created", directory=result.directory, files=len(result.files)))
    if result.committed:
        _print(t("cli.init.committed"))
    elif result.git_missing:
        _print(t("cli.init.no-git"))
    _print(t("cli.init.next", directory=directory))
    return 0


# Documents ------------------------------------------------------------------------


@app.command(cls=_Command, help="cli.render.help")
def render(
    directory: ProjectDir = Path("."),
    to: Annotated[str, typer.Option("--to", "-t", help="cli.render.to")] = "docx,pdf",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="cli.render.out", show_default=False)] = None,
    public: Annotated[bool, typer.Option("--public", help="cli.render.public")] = False,
    draft: Annotated[bool, typer.Option("--draft", help="cli.render.draft")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="cli.render.quiet")] = False,
    grid_id: Annotated[str | None, typer.Option("--grid", "-g", help="cli.render.grid", show_default=False)] = None,
) -> int:
    from pst_cli.render.document import FORMATS, STEPS, render_document
    from pst_cli.render.engine import parse_formats

    language_for(directory)
    formats = parse_formats(to, FORMATS)
    if quiet:
        written = render_document(directory, formats, out, public=public, draft=draft, grid=grid_id)
    else:
        from pst_cli.terminal.progress import progress_bar

        with progress_bar([*STEPS, *formats], _console(stderr=True)) as progress:
            written = render_document(directory, formats, out, public=public, draft=draft, grid=grid_id, progress=progress)
        for path in written:
            _print(str(path))
    return 0


@app.command(cls=_Command, help="cli.minutes.help")
def minutes(
    workshop: Annotated[str, typer.Argument(help="cli.workshop", show_default=False)],
    directory: ProjectDir = Path("."),
    to: Annotated[str, typer.Option("--to", "-t", help="cli.minutes.to")] = "docx,pdf",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="cli.minutes.out", show_default=False)] = None,
) -> int:
    from pst_cli.project.load import open_project
    from pst_cli.render.engine import parse_formats, produce
    from pst_cli.render.minutes import minutes_of

    language_for(directory)
    project = open_project(directory)
    document = minutes_of(project.workshop(workshop))
    for path in produce(document, project, parse_formats(to, document.formats), out):
        _print(str(path))
    return 0


@app.command(cls=_Command, help="cli.review.help")
def review(
    directory: ProjectDir = Path("."),
    year: Annotated[int, typer.Option("--year", "-y", metavar="YYYY", help="cli.review.year", show_default=False)] = ...,
    to: Annotated[str, typer.Option("--to", "-t", help="cli.review.to")] = "docx,pdf",
    out: Annotated[Path | None, typer.Option("--output", "--out", "-o", help="cli.review.output", show_default=False)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="cli.review.quiet")] = False,
) -> int:
    from pst_cli.history.year import revision, year_changes
    from pst_cli.render.engine import parse_formats
    from pst_cli.render.review import FORMATS, STEPS, render_review

    language_for(directory)
    formats = parse_formats(to, FORMATS)
    options = {"changes": lambda: year_changes(directory, year), "revision": revision(directory)}
    if quiet:
        written = render_review(directory, year, formats, out, **options)
    else:
        from pst_cli.terminal.progress import progress_bar

        with progress_bar([*STEPS, *formats], _console(stderr=True)) as progress:
            written = render_review(directory, year, formats, out, progress=progress, **options)
    for path in written:
        _print(str(path))
    return 0


@app.command(cls=_Command, help="cli.serve.help")
def serve(
    directory: ProjectDir = Path("."),
    port: Annotated[int, typer.Option("--port", "-p", min=0, max=65535, help="cli.serve.port")] = 8000,
    open_browser: Annotated[bool, typer.Option("--open", help="cli.serve.open")] = False,
) -> int:
    from pst_cli.serve.server import serve as serve_preview

    language_for(directory)
    return serve_preview(directory, port, open_browser, _print)


# Monitoring -----------------------------------------------------------------------


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


@app.command(cls=_Command, help="cli.votes.help")
def votes(
    directory: ProjectDir = Path("."),
    workshop: Annotated[str | None, typer.Option("--workshop", "-w", help="cli.votes.workshop", show_default=False)] = None,
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="cli.format")] = OutputFormat.text,
) -> int:
    import json

    from pst_cli.monitoring.votes import rank_workshops
    from pst_cli.project.load import open_project

    language_for(directory)
    project = open_project(directory)
    rankings = rank_workshops([project.workshop(workshop)] if workshop else project.workshops)
    if format is OutputFormat.json:
        _print(json.dumps([r.as_dict() for r in rankings], ensure_ascii=False, indent=2))
    elif not rankings:
        _print(t("cli.votes.none"))
    else:
        from pst_cli.terminal.votes import print_rankings

        print_rankings(rankings, _console())
    return 0


class StatusFormat(str, Enum):
    text = "text"
    json = "json"
    md = "md"


@app.command(cls=_Command, help="cli.status.help")
def status(
    directory: ProjectDir = Path("."),
    at: Annotated[str | None, typer.Option("--at", help="cli.status.at", show_default=False)] = None,
    format: Annotated[StatusFormat, typer.Option("--format", "-f", help="cli.status.format")] = StatusFormat.text,
) -> int:
    import json

    from pst_cli.monitoring.progress import parse_day, project_status
    from pst_cli.project.load import open_project

    language_for(directory)
    project = open_project(directory)
    result = project_status(project, parse_day(at))
    if format is StatusFormat.json:
        _print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    elif format is StatusFormat.md:
        from pst_cli.terminal.status import status_markdown

        _print(status_markdown(result, project))
    else:
        from pst_cli.terminal.status import print_status

        print_status(result, project, _console())
    return 0


class ExportFormat(str, Enum):
    xlsx = "xlsx"
    csv = "csv"


class ExportWhat(str, Enum):
    measurements = "measurements"
    indicators = "indicators"
    actions = "actions"
    stakeholders = "stakeholders"
    plan = "plan"


@app.command(cls=_Command, help="cli.export.help")
def export(
    directory: ProjectDir = Path("."),
    to: Annotated[ExportFormat, typer.Option("--to", help="cli.export.to")] = ExportFormat.xlsx,
    what: Annotated[ExportWhat, typer.Option("--what", help="cli.export.what")] = ExportWhat.measurements,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="cli.export.output", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="cli.export.force")] = False,
) -> int:
    from pst_cli.monitoring.spreadsheet import export_table
    from pst_cli.project.load import open_project

    language_for(directory)
    if what is ExportWhat.plan:
        from pst_cli.editing.workbook import export_plan

        _print(str(export_plan(open_project(directory), to.value, output, force)))
        return 0
    _print(str(export_table(open_project(directory), what.value, to.value, output, force)))
    return 0


def _cell_problems(problems: list, refused: str) -> int:
    """Print the cells a spreadsheet import refuses (`Suivi!C7: …`) and the count; the exit code."""
    for problem in problems:
        sys.stderr.write(f"{problem.cell}: {problem.message}\n")
    sys.stderr.write(tn(refused, len(problems)) + "\n")
    return 1


@import_app.command("measurements", cls=_Command, help="cli.import.measurements.help")
def import_measurements(
    file: Annotated[Path, typer.Argument(help="cli.import.measurements.file", show_default=False)],
    directory: ProjectDir = Path("."),
    dry_run: Annotated[bool, typer.Option("--dry-run", help="cli.import.dry-run")] = False,
) -> int:
    from pst_cli.monitoring.spreadsheet import apply_import, plan_import
    from pst_cli.project.load import open_project

    language_for(directory)
    project = open_project(directory)
    plan = plan_import(project, file)
    if plan.problems:
        return _cell_problems(plan.problems, "cli.import.refused")
    for change in plan.changed:
        _print(t("cli.import.changed", indicator=change.shown, date=change.date, old=f"{change.old:g}", value=f"{change.value:g}"))
    for change in plan.added:
        _print(t("cli.import.added", indicator=change.shown, date=change.date, value=f"{change.value:g}"))
    summary = t("cli.import.summary", added=len(plan.added), changed=len(plan.changed), unchanged=plan.unchanged)
    if dry_run:
        _print(summary + t("cli.import.dry-run-done"))
        return 0
    written = apply_import(project, plan)
    _print(summary + (f" — {written}" if written else t("cli.import.nothing-written")))
    return 0


@import_app.command("docx", cls=_Command, help="cli.import.docx.help")
def import_docx(
    file: Annotated[Path, typer.Argument(help="cli.import.docx.file", show_default=False)],
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="cli.import.docx.dir", show_default=False)],
) -> int:
    from pst_cli.scaffold.word_import import import_docx as create
    from pst_cli.scaffold.word_import import place_text

    language_for(None)
    result = create(file, directory)
    _print(t("cli.import.docx.report", name=file.name))
    for line in result.lines:
        _print(t("cli.import.docx.line", place=place_text(line.place), message=line.message))
    if result.to_check:
        _print(t("cli.import.docx.to-check"))
        for key in result.to_check:
            _print("  " + t(f"word.import.check.{key}"))
    warnings, infos = tn("report.warnings", result.warnings), tn("report.infos", result.infos)
    _print(t("cli.import.docx.created", directory=directory, files=len(result.files), warnings=warnings, infos=infos))
    _print(t("cli.import.docx.next", directory=directory))
    return 0


@import_app.command("plan", cls=_Command, help="cli.import.plan.help")
def import_plan(
    file: Annotated[Path, typer.Argument(help="cli.import.plan.file", show_default=False)],
    directory: ProjectDir = Path("."),
    allow_delete: Annotated[bool, typer.Option("--allow-delete", help="cli.import.plan.allow-delete")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="cli.import.dry-run")] = False,
) -> int:
    from pst_cli.editing.workbook import apply_plan, read_plan, shown
    from pst_cli.files import project_lock
    from pst_cli.project.load import open_project

    language_for(directory)
    # The project's lock from the first read to the last write (`files.project_lock`).
    with contextlib.nullcontext() if dry_run else project_lock(directory):
        project = open_project(directory)
        plan = read_plan(project, file)
        if plan.problems:
            return _cell_problems(plan.problems, "plan-sheet.refused")
        for edit in plan.edits:
            _print(t("cli.import.plan.edit", cell=edit.cell, id=edit.entity, field=edit.field, old=shown(edit.old), new=shown(edit.new)))
        written = [] if dry_run else apply_plan(directory, project, plan, allow_delete)
    for addition in plan.additions:
        if addition.id:
            _print(t("cli.import.plan.added", cell=addition.cell, id=addition.id, label=addition.label))
        else:
            _print(t("cli.import.plan.to-add", cell=addition.cell, label=addition.label))
    for deletion in plan.deletions:
        _print(t("cli.import.plan.deleted", id=deletion.entity, label=deletion.label))
    summary = t("cli.import.plan.summary", edits=len(plan.edits), added=len(plan.additions), deleted=len(plan.deletions), unchanged=plan.unchanged)
    if dry_run:
        _print(summary + t("cli.import.dry-run-done"))
    else:
        _print(summary + (" — " + t("cli.import.plan.written", files=", ".join(written)) if written else t("cli.import.nothing-written")))
    return 0


class ReviewFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


@import_app.command("comments", cls=_Command, help="cli.import.comments.help")
def import_comments(
    file: Annotated[Path, typer.Argument(help="cli.import.comments.file", show_default=False)],
    directory: ProjectDir = Path("."),
    apply: Annotated[bool, typer.Option("--apply", help="cli.import.comments.apply")] = False,
    format: Annotated[ReviewFormat | None, typer.Option("--format", "-f", help="cli.import.comments.format", show_default=False)] = None,
) -> int:
    from pst_cli.editing.comments import apply_changes, collect
    from pst_cli.files import project_lock
    from pst_cli.project.load import open_project
    from pst_cli.report import FORMATTERS, colour_for
    from pst_cli.report.review import findings, render_json, render_text

    language_for(directory)
    with project_lock(directory) if apply else contextlib.nullcontext():
        result = collect(file, open_project(directory))
        if apply:
            apply_changes(directory, result)
    chosen = format or (ReviewFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else ReviewFormat.text)
    if chosen is ReviewFormat.text:
        _print(render_text(result, str(directory), colour_for(sys.stdout), apply))
    elif chosen is ReviewFormat.json:
        _print(render_json(result, str(directory)))
    else:
        _print(FORMATTERS[chosen.value](findings(result), str(directory), False))
    return 0


# Reviewing and editing ------------------------------------------------------------


class DiffFormat(str, Enum):
    text = "text"
    md = "md"
    json = "json"


@app.command(cls=_Command, help="cli.diff.help")
def diff(
    revisions: Annotated[str, typer.Argument(help="cli.diff.revisions", show_default=False)],
    directory: ProjectDir = Path("."),
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help="cli.diff.format")] = DiffFormat.text,
) -> int:
    from pst_cli.history.diff import RENDERERS, diff_revisions

    language_for(directory)
    result = diff_revisions(directory, revisions)
    _print(RENDERERS[format.value](result))
    return 1 if result.unloadable else 0


@app.command(cls=_Command, help="cli.fmt.help")
def fmt(
    directory: ProjectDir = Path("."),
    check: Annotated[bool, typer.Option("--check", help="cli.fmt.check")] = False,
) -> int:
    from pst_cli.editing.fmt import format_project
    from pst_cli.project.load import require_project

    language_for(directory)
    require_project(directory)
    result = format_project(directory, check=check)
    for problem in result.problems:
        sys.stderr.write(f"{directory / problem.path}:{problem.line}:{problem.col}: {problem.message}\n")
        if problem.hint:
            sys.stderr.write(f"  → {problem.hint}\n")
    for relpath in result.changed:
        _print(t("cli.fmt.would-reformat" if check else "cli.fmt.reformatted", path=directory / relpath))
    if not result.changed and not result.problems:
        _print(t("cli.fmt.already", files=result.files))
    return 1 if result.problems or (check and result.changed) else 0


class AddKind(str, Enum):
    stakeholder = "stakeholder"
    workshop = "workshop"
    challenge = "challenge"
    axis = "axis"
    objective = "objective"
    indicator = "indicator"
    action = "action"
    measurement = "measurement"
    staff = "staff"
    expense = "expense"
    income = "income"
    judgement = "judgement"
    status = "status"


def _opt(key: str, *names: str):
    return typer.Option(*names, help=key, show_default=False)


@app.command(cls=_Command, help="cli.add.help")
def add(
    kind: Annotated[AddKind, typer.Argument(help="cli.add.kind", show_default=False)],
    operands: Annotated[list[str] | None, typer.Argument(metavar="[ACTION STATUS] DIR", help="cli.add.operands", show_default=False)] = None,
    parent: Annotated[str | None, _opt("cli.add.parent")] = None,
    title: Annotated[str | None, _opt("cli.add.title")] = None,
    label: Annotated[str | None, _opt("cli.add.label")] = None,
    name: Annotated[str | None, _opt("cli.add.name")] = None,
    category: Annotated[str | None, _opt("cli.add.category")] = None,
    id: Annotated[str | None, _opt("cli.add.id")] = None,
    organisation: Annotated[str | None, _opt("cli.add.organisation")] = None,
    role: Annotated[str | None, _opt("cli.add.role")] = None,
    description: Annotated[str | None, _opt("cli.add.description")] = None,
    date: Annotated[str | None, _opt("cli.add.date")] = None,
    phase: Annotated[str | None, _opt("cli.add.phase")] = None,
    place: Annotated[str | None, _opt("cli.add.place")] = None,
    format: Annotated[str | None, _opt("cli.add.format", "--format")] = None,
    participation_level: Annotated[str | None, _opt("cli.add.participation-level")] = None,
    findings: Annotated[list[str] | None, _opt("cli.add.findings")] = None,
    priority: Annotated[str | None, _opt("cli.add.priority")] = None,
    type: Annotated[str | None, _opt("cli.add.type", "--type")] = None,
    definition: Annotated[str | None, _opt("cli.add.definition")] = None,
    unit: Annotated[str | None, _opt("cli.add.unit")] = None,
    direction: Annotated[str | None, _opt("cli.add.direction")] = None,
    baseline: Annotated[str | None, _opt("cli.add.baseline")] = None,
    baseline_date: Annotated[str | None, _opt("cli.add.baseline-date")] = None,
    target: Annotated[str | None, _opt("cli.add.target")] = None,
    target_date: Annotated[str | None, _opt("cli.add.target-date")] = None,
    source: Annotated[str | None, _opt("cli.add.source")] = None,
    frequency: Annotated[str | None, _opt("cli.add.frequency")] = None,
    owner: Annotated[str | None, _opt("cli.add.owner")] = None,
    objective: Annotated[list[str] | None, _opt("cli.add.objective")] = None,
    public: Annotated[list[str] | None, _opt("cli.add.public")] = None,
    lead: Annotated[str | None, _opt("cli.add.lead")] = None,
    referent: Annotated[str | None, _opt("cli.add.referent")] = None,
    start: Annotated[str | None, _opt("cli.add.start")] = None,
    end: Annotated[str | None, _opt("cli.add.end")] = None,
    indicator: Annotated[str | None, _opt("cli.add.indicator")] = None,
    value: Annotated[str | None, _opt("cli.add.value")] = None,
    comment: Annotated[str | None, _opt("cli.add.comment")] = None,
    function: Annotated[str | None, _opt("cli.add.function")] = None,
    fte: Annotated[str | None, _opt("cli.add.fte")] = None,
    qualification_level: Annotated[str | None, _opt("cli.add.qualification-level")] = None,
    qualification: Annotated[str | None, _opt("cli.add.qualification")] = None,
    funder: Annotated[str | None, _opt("cli.add.funder")] = None,
    year: Annotated[str | None, _opt("cli.add.year")] = None,
    amount: Annotated[str | None, _opt("cli.add.amount")] = None,
    status: Annotated[str | None, _opt("cli.add.status")] = None,
    subject: Annotated[str | None, _opt("cli.add.subject")] = None,
    decision: Annotated[str | None, _opt("cli.add.decision")] = None,
    level: Annotated[str | None, _opt("cli.add.level")] = None,
    reason: Annotated[str | None, _opt("cli.add.reason")] = None,
    note: Annotated[str | None, _opt("cli.add.note")] = None,
) -> int:
    from pst_cli.editing.add import add_entity

    operands = list(operands or [])
    wanted = 3 if kind is AddKind.status else 1  # `pst add status ACTION STATUS DIR`, `pst add KIND DIR`
    directory = Path(operands[wanted - 1]) if len(operands) == wanted else Path(".")
    language_for(directory)
    if len(operands) > wanted or (kind is AddKind.status and len(operands) < 2):
        raise _usage("cycle.add.operands" if kind is AddKind.status else "cycle.add.operands.other", kind=kind.value, given=" ".join(operands))
    given = {
        "parent": parent, "title": title, "label": label, "name": name, "category": category, "id": id,
        "organisation": organisation, "role": role, "description": description, "date": date, "phase": phase,
        "place": place, "format": format, "participation_level": participation_level, "findings": findings,
        "priority": priority, "type": type, "definition": definition, "unit": unit, "direction": direction,
        "baseline": baseline, "baseline_date": baseline_date, "target": target, "target_date": target_date,
        "source": source, "frequency": frequency, "owner": owner, "objectives": objective, "publics": public,
        "lead": lead, "referent": referent, "start": start, "end": end, "indicator": indicator, "value": value,
        "comment": comment, "function": function, "fte": fte, "qualification_level": qualification_level,
        "qualification": qualification, "funder": funder, "year": year, "amount": amount, "status": status,
        "subject": subject, "decision": decision, "level": level, "reason": reason, "note": note,
    }
    if kind is AddKind.status:
        return _add_status(directory, operands[0], operands[1], given)
    ask = (lambda question: typer.prompt(question, default="", show_default=False)) if sys.stdin.isatty() else None
    addition = add_entity(directory, kind.value, given, ask)
    _print(t("cli.add.created" if addition.created else "cli.add.updated", id=addition.id, path=directory / addition.path))
    return 0


def _add_status(directory: Path, action: str, status: str, given: dict) -> int:
    from pst_cli.editing.status import add_status

    foreign = [name for name, value in given.items() if value not in (None, [], ()) and name not in ("date", "note")]
    if foreign:
        raise _usage("cycle.add-status.foreign-options", options=", ".join("--" + name.replace("_", "-") for name in foreign))
    addition = add_status(directory, action, status, given["date"], given["note"])
    _print(t("cycle.add-status.done", id=addition.id, status=t(f"value.{status}").lower(), path=directory / addition.path))
    return 0


COMPLETE_VAR = "_PST_COMPLETE"
"""The variable a shell sets when it asks `pst` for completions (Typer's protocol)."""


class Shell(str, Enum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


@app.command(cls=_Command, help="cli.completion.help")
def completion(shell: Annotated[Shell, typer.Argument(help="cli.completion.shell", show_default=False)]) -> int:
    from typer.completion import get_completion_script

    language_for(None)
    _print(get_completion_script(prog_name="pst", complete_var=COMPLETE_VAR, shell=shell.value))
    return 0


# Running ---------------------------------------------------------------------------


def _usage(key: str, **values: object):
    from pst_cli.errors import PstError

    return PstError.of(key, **values)


def root_command():
    """The `pst` group with its options, its commands to be built when they are used (see `_Commands`)."""
    from functools import partial

    from typer.main import get_command_from_info, get_group_from_info

    bare = _typer(name="pst", help="cli.help")
    bare.registered_callback = app.registered_callback
    root = typer.main.get_command(bare)
    root.lazy = {}
    for info in app.registered_commands:
        name = info.name or info.callback.__name__.replace("_", "-")
        root.lazy[name] = (info.help, partial(get_command_from_info, info, pretty_exceptions_short=True, rich_markup_mode=None))
    for info in app.registered_groups:
        build = partial(get_group_from_info, info, pretty_exceptions_short=True, rich_markup_mode=None, suggest_commands=True)
        root.lazy[info.name] = (info.typer_instance.info.help, build)
    for param in root.params:
        _as_typed(param)
    localise(root)
    return root


try:  # Typer 0.29's conversion of parameters
    from typer._coercion import PassThroughRuntimeParam

    class _AsPath(PassThroughRuntimeParam):
        def _coerce_value(self, value, param, ctx):
            return Path(value) if isinstance(value, str) else value

except ImportError:  # pragma: no cover - another Typer
    PassThroughRuntimeParam = _AsPath = None

_PLAIN_PATH = {"exists": False, "file_okay": True, "dir_okay": True, "writable": False, "readable": True, "resolve_path": False, "allow_dash": False, "path_type": None}


def _as_typed(param) -> None:
    """Read a text, a flag or a folder as typed, without pydantic.

    Typer reads every parameter through a pydantic TypeAdapter, built when it is read:
    for `--lang` and `--help`, read before any command runs, that imported pydantic
    (80 ms) into `pst rules`, `pst completion`, `pst check --help`, and into a second
    `pst render`, which loads no model when nothing changed. Text, flags and plain paths
    need no validation; choices and numbers stay Typer's. With a Typer that reads
    parameters otherwise, nothing is changed.
    """
    descriptor = getattr(param, "type_descriptor", None)
    if PassThroughRuntimeParam is None or descriptor is None or getattr(param, "_runtime_param", False) is not None:
        return
    info = descriptor.parameter_info
    if descriptor.annotation in (str, bool) and info.parser is None:
        param._runtime_param = PassThroughRuntimeParam(parameter_info=info, annotation=descriptor.annotation)
    elif descriptor.annotation is Path and all(getattr(info, name, default) == default for name, default in _PLAIN_PATH.items()):
        param._runtime_param = _AsPath(parameter_info=info, annotation=Path)


def localise(command) -> None:
    """Turn the catalogue keys used as help texts into words of the active language."""
    if command.help and has(command.help):
        command.help = t(command.help)
    for param in command.params:
        help_text = getattr(param, "help", None)
        if help_text and has(help_text):
            param.help = t(help_text)
    for sub in getattr(command, "commands", {}).values():
        localise(sub)


def _language_of_arguments(argv: list[str]) -> str | None:
    """Before Click parses anything (its usage errors need a language): --lang, or the pst.yaml of an operand or of `.`."""
    from pst_cli.project.language import read_language

    for index, argument in enumerate(argv):
        if argument == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if argument.startswith("--lang="):
            return argument.split("=", 1)[1]
    for argument in [*reversed([a for a in argv if not a.startswith("-")]), "."]:
        found = read_language(Path(argument))
        if found:
            return found
    return os.environ.get("PST_LANG")


def _report(error) -> None:
    """Print a user error: its findings (when the project was refused), then one line and its hint."""
    from pst_cli.report.text import paint
    from pst_cli.report.text import render as render_text

    colour = sys.stderr.isatty() and not os.environ.get("NO_COLOR")
    if getattr(error, "findings", None):
        from pst_cli.rules.runner import CheckResult

        result = CheckResult(findings=error.findings, files=error.files)
        sys.stderr.write(render_text(result, error.folder, colour) + "\n")
    if error.message:
        sys.stderr.write(f"{paint(t('cli.prefix'), 'bold red', colour)} {error.message}\n")
    if error.hint:
        sys.stderr.write(f"  {paint('→', 'green', colour)} {error.hint}\n")


_INVALID = r"Invalid value for (?P<name>'[^:]+'|[^:]+): (?:Value error, )?"

try:  # Typer carries its own copy of Click since 0.26
    from typer._click.exceptions import ClickException as USAGE_ERRORS  # noqa: N811
    from typer._click.exceptions import NoArgsIsHelpError
    from typer.exceptions import Abort
except ImportError:  # pragma: no cover - older Typer on Click
    from click.exceptions import Abort, NoArgsIsHelpError
    from click.exceptions import ClickException as USAGE_ERRORS  # noqa: N811

USAGE_MESSAGES = (
    (r"No such option: (?P<name>\S+)(?: Did you mean (?P<close>\S+)\?)?.*", "click.no-such-option"),
    (r"No such command '(?P<name>[^']*)'\.(?: Did you mean (?P<close>.+)\?)?", "click.no-such-command"),
    (r"Missing (?:argument|parameter|option) '?(?P<name>[^'.]+)'?\.?.*", "click.missing"),
    (r"Missing command\.", "click.missing-command"),
    (r"Option '(?P<name>[^']+)' requires an argument\.", "click.requires-argument"),
    (r"Option '(?P<name>[^']+)' does not take a value\.", "click.takes-no-value"),
    (r"Got unexpected extra argument(?:s|\(s\))? \((?P<value>.*)\)", "click.extra-arguments"),
    (rf"{_INVALID}'(?P<value>.*)' is not one of (?P<choices>.*)\.", "click.not-one-of"),
    (rf"{_INVALID}Input should be (?:less|greater) than(?: or equal to)? (?P<limit>\S+)", "click.out-of-range"),
    (rf"{_INVALID}'?(?P<value>.*?)'? is not a valid (?P<kind>[a-z ]+)\.?", "click.not-valid"),
    (rf"{_INVALID}(?P<detail>.*)", "click.invalid-value"),
)
"""Click's usage errors, matched on its English words, and the catalogue key that says them in the user's language."""


def _report_usage(error) -> None:
    """A usage error in the language of the command: the usage line, what is wrong, where to find help."""
    import re

    if isinstance(error, NoArgsIsHelpError):
        sys.stdout.write(error.ctx.get_help() + "\n")
        return
    message = error.format_message()
    for pattern, key in USAGE_MESSAGES:
        found = re.fullmatch(pattern, message, re.DOTALL)
        if found:
            values = {name: value or "" for name, value in found.groupdict().items()}
            message = t(key, **values) + (" " + t("common.did-you-mean", name=values["close"]) if values.get("close") else "")
            break
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        sys.stderr.write(ctx.get_usage() + "\n")
    sys.stderr.write(f"{t('cli.prefix')} {message}\n")
    if ctx is not None:
        sys.stderr.write(f"  → {t('click.try-help', command=ctx.command_path)}\n")


_interrupted = False


def _interrupt(signum, frame) -> None:
    """SIGTERM (a cancelled CI job, `kill`) unwinds like Ctrl-C, so temporary files are removed."""
    global _interrupted
    _interrupted = True
    raise KeyboardInterrupt


def _unraisable(unraisable) -> None:
    """An interruption that landed where Python cannot raise it (a callback of the garbage collector
    or of the import system) is not a bug to print: the command ends as interrupted once it returns."""
    if not issubclass(unraisable.exc_type, KeyboardInterrupt):
        sys.__unraisablehook__(unraisable)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `pst` console script: run one command and exit with its code.

    An interruption (Ctrl-C, SIGTERM) stops the command with code 130 and one line, after
    temporary files are cleaned up: every write goes through a temporary file, so the
    files that were already there are left exactly as they were.
    """
    from pst_cli.errors import PstError
    from pst_cli.i18n import active

    global _interrupted
    _interrupted = False
    arguments = sys.argv[1:] if argv is None else list(argv)
    previous = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM), sys.unraisablehook, active()
    try:
        try:
            # Installed inside the `try`: an interruption the very moment after is caught like any other.
            signal.signal(signal.SIGINT, _interrupt)
            signal.signal(signal.SIGTERM, _interrupt)
            sys.unraisablehook = _unraisable
            activate(_language_of_arguments(arguments))
            command = root_command()
            if COMPLETE_VAR in os.environ:
                from typer.completion import completion_init

                completion_init()
            code = command.main(args=arguments, prog_name="pst", standalone_mode=False)
        except USAGE_ERRORS as error:
            _report_usage(error)
            code = error.exit_code
        except (KeyboardInterrupt, Abort):
            code = 130
        except PstError as error:
            _report(error)
            code = error.exit_code
        except OSError as error:  # the machine refused: a read-only disk, a full disk, a missing folder…
            from pst_cli.files import reason

            where = t("cli.os-error.where", name=error.filename) if error.filename else ""
            _report(PstError(t("cli.os-error", where=where, reason=reason(error)), t("cli.os-error.hint")))
            code = 2
        finally:
            signal.signal(signal.SIGINT, previous[0])
            signal.signal(signal.SIGTERM, previous[1])
            sys.unraisablehook = previous[2]
    except KeyboardInterrupt:  # landed once the command had ended: while it reported, or while the handlers were put back
        code = 130
        signal.signal(signal.SIGINT, previous[0])
        signal.signal(signal.SIGTERM, previous[1])
        sys.unraisablehook = previous[2]
    if _interrupted or code == 130:
        sys.stderr.write(f"{t('cli.prefix')} {t('cli.interrupted')}\n")
        code = 130
    activate(previous[3])
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
