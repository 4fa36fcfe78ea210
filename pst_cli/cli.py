"""The `pst` command line: parse arguments, call the core, map results to exit codes.

This is the only module that knows about Typer, exit codes and the terminal. Heavy
libraries (pydantic, rich, jinja2, pypandoc…) are imported inside the commands so that
`pst --help` stays instant.
"""

from __future__ import annotations

import os
import signal
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated


def _quit_before_work(signum, frame) -> None:
    """Until a command runs, nothing is being written: an interruption simply ends the process."""
    os._exit(128 + signum)


if __name__ in ("__main__", "pst_cli.cli") and not os.environ.get("PYTEST_CURRENT_TEST"):
    signal.signal(signal.SIGINT, _quit_before_work)
    signal.signal(signal.SIGTERM, _quit_before_work)

import typer  # noqa: E402 - after the signal handlers, so Ctrl-C during start-up stays quiet

COMMAND_ORDER = (
    "init", "check", "rules", "render", "diff", "fmt", "add",
    "votes", "minutes", "status", "export", "import", "schema",
)


class _Commands(typer.core.TyperGroup):
    """Lists the commands in the order of a project's life, not in the order they are defined."""

    def list_commands(self, ctx):
        names = super().list_commands(ctx)
        return sorted(names, key=lambda name: COMMAND_ORDER.index(name) if name in COMMAND_ORDER else len(COMMAND_ORDER))


app = typer.Typer(
    cls=_Commands,
    name="pst",
    help="Projet social de territoire : vérifier, rendre et suivre un projet écrit en YAML et Markdown.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

ProjectDir = Annotated[Path, typer.Argument(help="Dossier du projet (celui qui contient pst.yaml).")]


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, soft_wrap=True, highlight=False)


def _report(error: Exception) -> None:
    """Print a user error (`PstError`) as one line plus its hint, on standard error."""
    from rich.markup import escape

    console = _console(stderr=True)
    console.print(f"[bold red]pst :[/bold red] {escape(getattr(error, 'message', str(error)))}")
    hint = getattr(error, "hint", "")
    if hint:
        console.print(f"  [green]→[/green] {escape(hint)}")


def fail(error: Exception) -> None:
    """Print a user error (`PstError`) as one line plus its hint, and exit with its code."""
    _report(error)
    raise typer.Exit(getattr(error, "exit_code", 2))


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    gitlab = "gitlab"


@app.command()
def check(
    directory: ProjectDir = Path("."),
    format: Annotated[
        CheckFormat | None,
        typer.Option("--format", "-f", help="Format du rapport : text, json, github, sarif, gitlab."),
    ] = None,
    select: Annotated[list[str], typer.Option("--select", help="N'appliquer que ces règles (id ou famille).")] = [],
    ignore: Annotated[list[str], typer.Option("--ignore", help="Ne pas appliquer ces règles (id ou famille).")] = [],
    strict: Annotated[bool, typer.Option("--strict", help="Les avertissements font aussi échouer.")] = False,
) -> None:
    """Vérifie les fichiers du projet : format, références et cohérence du plan."""
    from pst_cli.rules.runner import run_check
    from pst_cli.findings import PstError

    try:
        result = run_check(directory, select=select, ignore=ignore)
    except PstError as error:
        fail(error)
    chosen = format or (CheckFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else CheckFormat.text)
    folder = str(directory)
    if chosen is CheckFormat.text:
        from pst_cli.report.text import render_text

        render_text(result, folder, _console())
    elif chosen is CheckFormat.json:
        from pst_cli.report.json import render_json

        sys.stdout.write(render_json(result, folder) + "\n")
    else:
        from importlib import import_module

        module = import_module(f".report.{chosen.value}", __package__)
        sys.stdout.write(module.render(result, folder) + "\n")
    failing = result.count("error") + (result.count("warning") if strict else 0)
    raise typer.Exit(1 if failing else 0)


@app.command()
def schema(
    out: Annotated[Path, typer.Option("--out", "-o", help="Dossier où écrire les schémas JSON.")] = Path(".pst/schemas"),
) -> None:
    """Écrit le schéma JSON de chaque type de fichier, pour les éditeurs et les autres outils."""
    from pst_cli.findings import PstError
    from pst_cli.scaffold.schemas import write_schemas

    try:
        written = write_schemas(out)
    except PstError as error:
        fail(error)
    for path in written:
        typer.echo(str(path))


class InitMethod(str, Enum):
    copas = "copas"
    questembert = "questembert"
    centre_social = "centre-social"
    departement = "departement"
    minimal = "minimal"


class InitCi(str, Enum):
    github = "github"
    gitlab = "gitlab"
    none = "none"


class InitLanguage(str, Enum):
    fr = "fr"
    en = "en"


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="Dossier à créer pour le nouveau projet (absent ou vide).")],
    method: Annotated[
        InitMethod | None,
        typer.Option("--method", "-m", help="Méthode d'élaboration : copas, questembert, centre-social, departement, minimal."),
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="Titre du projet.")] = None,
    structure: Annotated[str | None, typer.Option("--structure", help="Structure porteuse.")] = None,
    territory: Annotated[str | None, typer.Option("--territory", help="Territoire d'intervention.")] = None,
    start: Annotated[
        str | None, typer.Option("--start", help="Début de la démarche et du projet (AAAA-MM-JJ) ; par défaut le 1er du mois prochain.")
    ] = None,
    years: Annotated[int, typer.Option("--years", min=1, max=10, help="Durée du projet en années.")] = 4,
    language: Annotated[InitLanguage, typer.Option("--language", help="Langue du projet : fr ou en.")] = InitLanguage.fr,
    git: Annotated[bool, typer.Option("--git/--no-git", help="Créer un dépôt Git et un premier commit.")] = True,
    ci: Annotated[InitCi, typer.Option("--ci", help="Intégration continue : github, gitlab ou none.")] = InitCi.github,
) -> None:
    """Crée un nouveau projet à partir d'une méthode, prêt pour Git, l'intégration continue et les éditeurs."""
    import datetime as dt

    import click

    from pst_cli.findings import PstError, say
    from pst_cli.scaffold.init import InitOptions, available_methods, init_project, load_method

    lang = language.value
    interactive = sys.stdin.isatty()
    try:
        if method is None:
            if not interactive:
                raise PstError(
                    say(lang, "indiquez la méthode du projet", "give the project's method"),
                    say(lang, f"Par exemple : pst init {directory} --method copas ({', '.join(available_methods())}).",
                        f"For example: pst init {directory} --method copas ({', '.join(available_methods())})."),
                )
            method = InitMethod(typer.prompt(say(lang, "Méthode", "Method"), default="minimal", type=click.Choice(available_methods())))
        try:
            start_date = dt.date.fromisoformat(start) if start else None
        except ValueError:
            raise PstError(
                say(lang, f"date de début invalide : « {start} »", f"invalid start date: '{start}'"),
                say(lang, "Écrivez-la AAAA-MM-JJ, par exemple 2025-01-01.", "Write it YYYY-MM-DD, for example 2025-01-01."),
            ) from None
        if interactive:
            defaults = load_method(method.value, lang)
            title = title or typer.prompt(say(lang, "Titre du projet", "Project title"), default=defaults.default("title", lang))
            structure = structure or typer.prompt(say(lang, "Structure porteuse", "Lead organisation"), default=defaults.default("structure", lang))
            territory = territory or typer.prompt(say(lang, "Territoire", "Territory"), default=defaults.default("territory", lang))
        options = InitOptions(directory, method.value, title, structure, territory, start_date, years, lang, git, ci.value)
        result = init_project(options)
    except PstError as error:
        fail(error)
    typer.echo(say(lang, f"Projet créé dans {result.directory} ({len(result.files)} fichiers).", f"Project created in {result.directory} ({len(result.files)} files)."))
    if result.committed:
        typer.echo(say(lang, "Dépôt Git initialisé avec un premier commit.", "Git repository initialised with a first commit."))
    elif result.git_missing:
        typer.echo(say(lang, "Git n'est pas installé : aucun dépôt créé.", "Git is not installed: no repository created."))
    typer.echo(say(lang, f"Pour commencer : cd {directory} && pst check", f"Next: cd {directory} && pst check"))


@app.command()
def rules(
    rule: Annotated[str | None, typer.Argument(help="Identifiant d'une règle (`plan/objective-without-indicator`) ou d'une famille (`plan`).")] = None,
    markdown: Annotated[bool, typer.Option("--markdown", help="Toute la documentation en Markdown (docs/rules.md).")] = False,
) -> None:
    """Liste les règles de `pst check` (identifiant, gravité, résumé) ou explique l'une d'elles."""
    from pst_cli.findings import PstError
    from pst_cli.rules.docs import find_rules, rule_table, rule_text, rules_markdown

    if markdown:
        sys.stdout.write(rules_markdown())
        return
    if rule is None:
        typer.echo(rule_table())
        return
    try:
        found = find_rules(rule)
    except PstError as error:
        fail(error)
    typer.echo("\n".join(rule_text(item) for item in found), nl=False)


@app.command()
def render(
    directory: ProjectDir = Path("."),
    to: Annotated[str, typer.Option("--to", "-t", help="Formats séparés par des virgules : docx, odt, pdf, html, md.")] = "docx,pdf",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Dossier des documents (par défaut DIR/build).")] = None,
    public: Annotated[bool, typer.Option("--public", help="Document à publier : sans noms, téléphones ni courriels.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="N'affiche que les erreurs (pour la CI).")] = False,
) -> None:
    """Produit le document du projet (Word, OpenDocument, PDF accessible, HTML, Markdown)."""
    from pst_cli.rules.runner import CheckResult
    from pst_cli.findings import PstError
    from pst_cli.render.pipeline import ProjectNotRenderable, parse_formats, render_project
    from pst_cli.report.text import render_text

    try:
        formats = parse_formats(to)
    except PstError as error:
        fail(error)
    console = _console(stderr=True)
    try:
        if quiet:
            result = render_project(directory, formats, out, public)
        else:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console, transient=False) as bar:
                tasks = {name: bar.add_task(f"{name.upper():5} en attente", total=1) for name in formats}

                def progress(name: str, state: str) -> None:
                    done = state == "done"
                    bar.update(tasks[name], description=f"{name.upper():5} {'écrit' if done else 'en cours…'}", completed=1 if done else 0)

                result = render_project(directory, formats, out, public, progress)
    except ProjectNotRenderable as refused:
        render_text(CheckResult(findings=refused.findings, language=refused.language, files=refused.files), str(directory), _console())
        raise typer.Exit(1) from None
    except PstError as error:
        fail(error)
    if not quiet:
        for path in result.written:
            typer.echo(str(path))


def _valid_project(directory: Path):
    """The validated project in `directory`; otherwise print its errors and exit 2."""
    from pst_cli.rules.runner import require_project
    from pst_cli.findings import PstError, say
    from pst_cli.project.load import load_project

    try:
        require_project(directory)
    except PstError as error:
        fail(error)
    loaded = load_project(directory)
    if loaded.project is None:
        errors = [finding for finding in loaded.findings if finding.severity == "error"]
        console = _console(stderr=True)
        for finding in errors[:10]:
            console.print(f"{directory / finding.path}:{finding.line}:{finding.col}: {finding.message}", markup=False)
        lang = loaded.language
        fail(PstError(
            say(lang, f"le projet ne peut pas être lu ({len(errors)} erreur(s))", f"the project cannot be read ({len(errors)} error(s))"),
            say(lang, f"Corrigez d'abord ce que signale `pst check {directory}`.", f"First fix what `pst check {directory}` reports."),
        ))
    return loaded.project


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def votes(
    directory: ProjectDir = Path("."),
    workshop: Annotated[str | None, typer.Argument(help="Atelier : identifiant ou nom de fichier (par défaut : tous).")] = None,
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Format : text ou json.")] = OutputFormat.text,
) -> None:
    """Classe les options de chaque vote des ateliers (gommettes, multicritère)."""
    import json

    from pst_cli.findings import PstError
    from pst_cli.monitoring.votes import find_workshop, print_rankings, rank_workshops

    project = _valid_project(directory)
    chosen = project.workshops
    if workshop:
        found = find_workshop(project, workshop)
        if found is None:
            import difflib

            close = difflib.get_close_matches(workshop, [w.id for w in project.workshops], n=1, cutoff=0.5)
            fail(PstError(
                project.say(f"aucun atelier « {workshop} »", f"no workshop '{workshop}'"),
                project.say(f"Vouliez-vous dire « {close[0]} » ?", f"Did you mean '{close[0]}'?") if close
                else project.say("Indiquez l'identifiant d'un atelier de workshops/.", "Name the id of a workshop of workshops/."),
            ))
        chosen = [found]
    rankings = rank_workshops(chosen)
    if format is OutputFormat.json:
        sys.stdout.write(json.dumps([r.as_dict() for r in rankings], ensure_ascii=False, indent=2) + "\n")
        return
    if not rankings:
        typer.echo(project.say("Aucun vote dans ces ateliers.", "No vote in these workshops."))
        return
    print_rankings(rankings, _console(), project.language)


@app.command()
def status(
    directory: ProjectDir = Path("."),
    at: Annotated[str | None, typer.Option("--at", help="Date de l'état (AAAA-MM-JJ) ; par défaut aujourd'hui.")] = None,
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Format : text ou json.")] = OutputFormat.text,
) -> None:
    """Montre l'avancement : indicateurs face à leur cible, mesures en retard, participation."""
    import datetime as dt
    import json

    from pst_cli.findings import PstError
    from pst_cli.monitoring.progress import print_status, project_status

    project = _valid_project(directory)
    try:
        day = dt.date.fromisoformat(at) if at else dt.date.today()
    except ValueError:
        fail(PstError(
            project.say(f"date invalide : « {at} »", f"invalid date: '{at}'"),
            project.say("Écrivez-la AAAA-MM-JJ, par exemple 2026-12-31.", "Write it YYYY-MM-DD, for example 2026-12-31."),
        ))
    result = project_status(project, day)
    if format is OutputFormat.json:
        sys.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    print_status(result, project, _console())


class ExportFormat(str, Enum):
    xlsx = "xlsx"
    csv = "csv"


class ExportWhat(str, Enum):
    measurements = "measurements"
    indicators = "indicators"
    actions = "actions"
    stakeholders = "stakeholders"


@app.command()
def export(
    directory: ProjectDir = Path("."),
    to: Annotated[ExportFormat, typer.Option("--to", help="Format : xlsx ou csv.")] = ExportFormat.xlsx,
    what: Annotated[
        ExportWhat, typer.Option("--what", help="Contenu : measurements (tableau de suivi), indicators, actions, stakeholders.")
    ] = ExportWhat.measurements,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Fichier à écrire ; par défaut build/<contenu>.<format>.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Remplacer le fichier s'il existe déjà.")] = False,
) -> None:
    """Écrit un tableur : le tableau de suivi des indicateurs, ou la liste des indicateurs, actions, acteurs."""
    from pst_cli.findings import PstError
    from pst_cli.monitoring.spreadsheet import build_table, write_table

    project = _valid_project(directory)
    names = {"measurements": "suivi", "indicators": "indicateurs", "actions": "actions", "stakeholders": "acteurs"}
    target = output or directory / "build" / f"{names[what.value]}.{to.value}"
    if output is not None and target.suffix.lower() != f".{to.value}":
        target = target.with_name(target.name + f".{to.value}") if not target.suffix else target.with_suffix(f".{to.value}")
    if target.exists() and not force:
        fail(PstError(
            project.say(f"le fichier {target} existe déjà", f"file {target} already exists"),
            project.say("Ajoutez --force pour le remplacer, ou choisissez un autre nom avec -o.", "Add --force to replace it, or pick another name with -o."),
        ))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_table(build_table(project, what.value), target)
    except OSError as error:
        fail(PstError(project.say(f"impossible d'écrire {target} : {error.strerror}", f"cannot write {target}: {error.strerror}")))
    typer.echo(str(target))


import_app = typer.Typer(help="Importe des données depuis un tableur.", no_args_is_help=True)
app.add_typer(import_app, name="import")


@import_app.command("measurements")
def import_measurements(
    file: Annotated[Path, typer.Argument(help="Tableau de suivi à lire (.xlsx ou .csv, celui de `pst export`).")],
    directory: Annotated[Path, typer.Option("--project", "-p", "-C", help="Dossier du projet (celui qui contient pst.yaml).")] = Path("."),
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Dire ce qui changerait, sans rien écrire.")] = False,
) -> None:
    """Lit les mesures d'un tableau de suivi et les ajoute à evaluation/measurements.yaml (tout ou rien)."""
    from pst_cli.findings import PstError
    from pst_cli.monitoring.spreadsheet import apply_import, plan_import

    project = _valid_project(directory)
    say = project.say
    try:
        plan = plan_import(project, file)
    except PstError as error:
        fail(error)
    if plan.problems:
        console = _console(stderr=True)
        for problem in plan.problems:
            console.print(f"{problem.cell}: {problem.message}", markup=False)
        console.print(say(
            f"{len(plan.problems)} problème(s) : rien n'a été importé. Corrigez le tableau puis relancez.",
            f"{len(plan.problems)} problem(s): nothing was imported. Fix the spreadsheet and run again.",
        ), markup=False)
        raise typer.Exit(1)
    for change in plan.changed:
        typer.echo(say(f"modifiée : {change.indicator} au {change.date} : {change.old:g} → {change.value:g}",
                       f"changed: {change.indicator} on {change.date}: {change.old:g} → {change.value:g}"))
    for change in plan.added:
        typer.echo(say(f"ajoutée : {change.indicator} au {change.date} : {change.value:g}", f"added: {change.indicator} on {change.date}: {change.value:g}"))
    summary = say(
        f"{len(plan.added)} mesure(s) ajoutée(s), {len(plan.changed)} modifiée(s), {plan.unchanged} inchangée(s)",
        f"{len(plan.added)} measurement(s) added, {len(plan.changed)} changed, {plan.unchanged} unchanged",
    )
    if dry_run:
        typer.echo(summary + say(" — essai : rien n'a été écrit.", " — dry run: nothing written."))
        return
    written = apply_import(project, plan)
    typer.echo(summary + (f" — {written}" if written else say(" — aucun fichier modifié.", " — no file changed.")))


class DiffFormat(str, Enum):
    text = "text"
    md = "md"
    json = "json"


@app.command()
def diff(
    revision: Annotated[str, typer.Argument(help="Révision de départ : commit, branche ou étiquette (HEAD~1, main…).")],
    revision2: Annotated[str | None, typer.Argument(help="Révision d'arrivée ; par défaut la copie de travail.")] = None,
    project: Annotated[Path, typer.Option("--project", "-p", "-C", help="Dossier du projet dans le dépôt (celui qui contient pst.yaml).")] = Path("."),
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help="Format : text, md (commentaire de pull request) ou json.")] = DiffFormat.text,
) -> None:
    """Ce qui a changé dans le projet entre deux révisions Git, entité par entité."""
    from pst_cli.history.diff import diff_revisions, render_json, render_markdown, render_text
    from pst_cli.findings import PstError

    try:
        result = diff_revisions(project, revision, revision2)
    except PstError as error:
        fail(error)
    renderer = {DiffFormat.text: render_text, DiffFormat.md: render_markdown, DiffFormat.json: render_json}[format]
    output = renderer(result)
    sys.stdout.write(output if output.endswith("\n") else output + "\n")
    raise typer.Exit(1 if result.unloadable else 0)


@app.command()
def fmt(
    directory: ProjectDir = Path("."),
    check: Annotated[bool, typer.Option("--check", help="Ne rien écrire : lister les fichiers à remettre en forme (code 1 s'il y en a).")] = False,
) -> None:
    """Met les fichiers YAML du projet en forme, sans perdre commentaires ni lignes vides."""
    from pst_cli.rules.runner import require_project
    from pst_cli.findings import PstError, say
    from pst_cli.editing.fmt import format_project

    try:
        require_project(directory)
    except PstError as error:
        fail(error)
    result = format_project(directory, check=check)
    language = result.language
    for problem in result.problems:
        typer.echo(f"{directory / problem.path}:{problem.line}:{problem.col}: {problem.message}", err=True)
        if problem.hint:
            typer.echo(f"  → {problem.hint}", err=True)
    for relpath in result.changed:
        typer.echo(say(language, "à remettre en forme : ", "would reformat: ") + str(directory / relpath) if check
                   else say(language, "remis en forme : ", "reformatted: ") + str(directory / relpath))
    if not result.changed and not result.problems:
        typer.echo(say(language, f"{result.files} fichiers déjà en forme.", f"{result.files} files already formatted."))
    raise typer.Exit(1 if result.problems or (check and result.changed) else 0)


class AddKind(str, Enum):
    stakeholder = "stakeholder"
    workshop = "workshop"
    challenge = "challenge"
    axis = "axis"
    objective = "objective"
    indicator = "indicator"
    action = "action"
    measurement = "measurement"


def _opt(help_text: str):
    return typer.Option(help=help_text, show_default=False)


@app.command()
def add(
    kind: Annotated[AddKind, typer.Argument(help="Ce qu'on ajoute : stakeholder, workshop, challenge, axis, objective, indicator, action, measurement.")],
    project: Annotated[Path, typer.Option("--project", "-p", "-C", help="Dossier du projet (celui qui contient pst.yaml).")] = Path("."),
    parent: Annotated[str | None, _opt("objective : axe (A1) ou objectif général (A1.OG2) ; indicator : objectif ou action.")] = None,
    title: Annotated[str | None, _opt("Intitulé (workshop, axis, objective, action).")] = None,
    label: Annotated[str | None, _opt("Intitulé (challenge, indicator).")] = None,
    name: Annotated[str | None, _opt("Nom de l'acteur (stakeholder).")] = None,
    category: Annotated[str | None, _opt("Catégorie de l'acteur : elu, technicien, habitant…")] = None,
    id: Annotated[str | None, _opt("Identifiant de l'acteur (par défaut tiré du nom).")] = None,
    organisation: Annotated[str | None, _opt("Organisation de l'acteur.")] = None,
    role: Annotated[str | None, _opt("Rôle de l'acteur.")] = None,
    description: Annotated[str | None, _opt("Description.")] = None,
    date: Annotated[str | None, _opt("Date AAAA-MM-JJ (workshop, measurement).")] = None,
    phase: Annotated[str | None, _opt("Étape de la démarche (workshop).")] = None,
    place: Annotated[str | None, _opt("Lieu (workshop).")] = None,
    format: Annotated[str | None, typer.Option("--format", help="Format de la séance (workshop).", show_default=False)] = None,
    participation_level: Annotated[str | None, _opt("Niveau de participation (workshop).")] = None,
    findings: Annotated[list[str] | None, _opt("Constat lié (challenge), répétable ou séparé par des virgules.")] = None,
    priority: Annotated[str | None, _opt("Rang de priorité (challenge).")] = None,
    type: Annotated[str | None, typer.Option("--type", help="Type d'indicateur : realisation, resultat, impact…", show_default=False)] = None,
    definition: Annotated[str | None, _opt("Définition de l'indicateur.")] = None,
    unit: Annotated[str | None, _opt("Unité de l'indicateur.")] = None,
    direction: Annotated[str | None, _opt("Sens souhaité : increase, decrease, maintain.")] = None,
    baseline: Annotated[str | None, _opt("Valeur de départ de l'indicateur.")] = None,
    baseline_date: Annotated[str | None, _opt("Date de la valeur de départ.")] = None,
    target: Annotated[str | None, _opt("Cible de l'indicateur.")] = None,
    target_date: Annotated[str | None, _opt("Date de la cible (par défaut la fin du projet).")] = None,
    source: Annotated[str | None, _opt("Source (indicator, measurement).")] = None,
    frequency: Annotated[str | None, _opt("Fréquence de mesure (indicator).")] = None,
    owner: Annotated[str | None, _opt("Responsable de la mesure, identifiant d'acteur (indicator).")] = None,
    objective: Annotated[list[str] | None, _opt("Objectif opérationnel servi (action), répétable.")] = None,
    public: Annotated[list[str] | None, _opt("Public visé (action), répétable.")] = None,
    lead: Annotated[str | None, _opt("Structure pilote, identifiant d'acteur (action).")] = None,
    referent: Annotated[str | None, _opt("Référent, identifiant d'acteur (action).")] = None,
    start: Annotated[str | None, _opt("Date de début (action).")] = None,
    end: Annotated[str | None, _opt("Date de fin (action).")] = None,
    indicator: Annotated[str | None, _opt("Indicateur mesuré (measurement).")] = None,
    value: Annotated[str | None, _opt("Valeur mesurée (measurement).")] = None,
    comment: Annotated[str | None, _opt("Commentaire (measurement).")] = None,
) -> None:
    """Ajoute un acteur, un atelier, un enjeu, un axe, un objectif, un indicateur, une action ou une mesure."""
    from pst_cli.editing.add import add_entity
    from pst_cli.findings import PstError, say
    from pst_cli.project.load import project_language

    given = {
        "parent": parent, "title": title, "label": label, "name": name, "category": category, "id": id,
        "organisation": organisation, "role": role, "description": description, "date": date, "phase": phase,
        "place": place, "format": format, "participation_level": participation_level, "findings": findings,
        "priority": priority, "type": type, "definition": definition, "unit": unit, "direction": direction,
        "baseline": baseline, "baseline_date": baseline_date, "target": target, "target_date": target_date,
        "source": source, "frequency": frequency, "owner": owner, "objectives": objective, "publics": public,
        "lead": lead, "referent": referent, "start": start, "end": end, "indicator": indicator, "value": value,
        "comment": comment,
    }
    ask = (lambda question: typer.prompt(question, default="", show_default=False)) if sys.stdin.isatty() else None
    try:
        addition = add_entity(project, kind.value, given, ask)
    except PstError as error:
        fail(error)
    language = project_language(project)
    verb = say(language, "créé", "created") if addition.created else say(language, "modifié", "updated")
    typer.echo(say(language, f"{addition.id} ajouté ({project / addition.path} {verb}).", f"{addition.id} added ({project / addition.path} {verb})."))


@app.command()
def minutes(
    workshop: Annotated[str, typer.Argument(help="Atelier : identifiant ou nom de fichier de workshops/.")],
    directory: Annotated[Path, typer.Option("--project", "-p", "-C", help="Dossier du projet (celui qui contient pst.yaml).")] = Path("."),
    to: Annotated[str, typer.Option("--to", "-t", help="Formats séparés par des virgules : docx, odt, pdf, md.")] = "docx,pdf",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Dossier des comptes rendus (par défaut DIR/build).")] = None,
) -> None:
    """Produit le compte rendu d'un atelier : objectifs, participants, productions, votes et suite donnée."""
    import difflib

    from pst_cli.findings import PstError

    project = _valid_project(directory)
    try:
        from pst_cli.render.minutes import parse_minutes_formats, render_minutes
        from pst_cli.monitoring.votes import find_workshop

        formats = parse_minutes_formats(to, project.language)
        found = find_workshop(project, workshop)
        if found is None:
            close = difflib.get_close_matches(workshop, [w.id for w in project.workshops], n=1, cutoff=0.5)
            raise PstError(
                project.say(f"aucun atelier « {workshop} »", f"no workshop '{workshop}'"),
                project.say(f"Vouliez-vous dire « {close[0]} » ?", f"Did you mean '{close[0]}'?") if close
                else project.say("Indiquez l'identifiant d'un atelier de workshops/.", "Name the id of a workshop of workshops/."),
            )
        written = render_minutes(project, found, formats, out or directory / "build")
    except PstError as error:
        fail(error)
    for path in written:
        typer.echo(str(path))


def _interrupt(signum, frame) -> None:
    """SIGTERM (a cancelled CI job, `kill`) unwinds like Ctrl-C, so temporary files are removed."""
    raise KeyboardInterrupt


def main() -> None:
    """Entry point of the `pst` console script.

    An interruption (Ctrl-C, SIGTERM) stops the command with a non-zero code and one
    line ("Aborted!" from Click once a command runs), after temporary files are cleaned
    up: every write goes through a temporary file, so the files that were already there
    are left exactly as they were.
    """
    from pst_cli.findings import PstError

    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("pst : interrompu ; les fichiers existants n'ont pas été modifiés.\n")
        sys.exit(130)
    except PstError as error:  # a user error no command caught itself
        _report(error)
        sys.exit(error.exit_code)
    except OSError as error:  # the machine refused: a read-only disk, a full disk, a missing folder…
        from pst_cli.files import reason

        where = f" « {error.filename} »" if error.filename else ""
        _report(PstError(f"opération impossible sur{where} : {reason(error)}", "Vérifiez le chemin et vos droits sur ce dossier."))
        sys.exit(2)


if __name__ == "__main__":
    main()
