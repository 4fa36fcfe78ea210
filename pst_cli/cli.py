"""The `pst` command line: parse arguments, call the core, map results to exit codes.

This is the only module that knows about Typer, exit codes and the terminal. Heavy
libraries (pydantic, rich, jinja2, pypandoc…) are imported inside the commands so that
`pst --help` stays instant.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

app = typer.Typer(
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


def fail(error: Exception) -> None:
    """Print a user error (`PstError`) as one line plus its hint, and exit with its code."""
    console = _console(stderr=True)
    from rich.markup import escape

    console.print(f"[bold red]pst :[/bold red] {escape(getattr(error, 'message', str(error)))}")
    hint = getattr(error, "hint", "")
    if hint:
        console.print(f"  [green]→[/green] {escape(hint)}")
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
        Optional[CheckFormat],
        typer.Option("--format", "-f", help="Format du rapport : text, json, github, sarif, gitlab."),
    ] = None,
    select: Annotated[list[str], typer.Option("--select", help="N'appliquer que ces règles (id ou famille).")] = [],
    ignore: Annotated[list[str], typer.Option("--ignore", help="Ne pas appliquer ces règles (id ou famille).")] = [],
    strict: Annotated[bool, typer.Option("--strict", help="Les avertissements font aussi échouer.")] = False,
) -> None:
    """Vérifie les fichiers du projet : format, références et cohérence du plan."""
    from .check import run_check
    from .findings import PstError

    try:
        result = run_check(directory, select=select, ignore=ignore)
    except PstError as error:
        fail(error)
    chosen = format or (CheckFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else CheckFormat.text)
    folder = str(directory)
    if chosen is CheckFormat.text:
        from .report.text import render_text

        render_text(result, folder, _console())
    elif chosen is CheckFormat.json:
        from .report.json import render_json

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
    from .findings import PstError
    from .schema import write_schemas

    try:
        written = write_schemas(out)
    except PstError as error:
        fail(error)
    for path in written:
        typer.echo(str(path))


def main() -> None:
    """Entry point of the `pst` console script."""
    app()


if __name__ == "__main__":
    main()
