"""Findings for a person in a terminal: grouped by file, coloured, then a summary."""

from __future__ import annotations

from itertools import groupby

from pst_cli.rules.runner import CheckResult
from pst_cli.findings import say
from pst_cli.report import display_path

LABELS = {
    "fr": {"error": "erreur", "warning": "avertissement", "info": "info"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def plural(count: int, singular: str, language: str) -> str:
    """`3 erreurs`, `1 avertissement`, `0 error`…"""
    if count > 1 or (count == 0 and language == "en"):
        return f"{count} {singular}s"
    return f"{count} {singular}"


def summary(result: CheckResult) -> str:
    lang = result.language
    labels = LABELS.get(lang, LABELS["fr"])
    parts = [plural(result.count(severity), labels[severity], lang) for severity in ("error", "warning", "info")]
    files = plural(result.files, say(lang, "fichier", "file"), lang)
    return say(lang, f"{', '.join(parts)} — {files} vérifiés", f"{', '.join(parts)} — {files} checked")


def render_text(result: CheckResult, folder: str, console) -> None:
    """Print findings grouped by file with rich markup escaped, then one summary line."""
    from rich.markup import escape

    labels = LABELS.get(result.language, LABELS["fr"])
    for relpath, findings in groupby(result.findings, key=lambda finding: finding.path):
        path = display_path(folder, relpath)
        console.print(f"[bold]{escape(path)}[/bold]")
        for finding in findings:
            style = STYLES.get(finding.severity, "")
            console.print(
                f"  {escape(path)}:{finding.line}:{finding.col}: [{style}]{labels.get(finding.severity, finding.severity)}[/{style}]"
                f" {escape(finding.message)} [dim]\\[{finding.rule}][/dim]"
            )
            if finding.hint:
                console.print(f"      [green]→[/green] {escape(finding.hint)}")
    errors = result.count("error")
    mark = "[bold red]✗[/bold red]" if errors else "[bold green]✓[/bold green]"
    console.print(f"{mark} {escape(summary(result))}")
