"""Findings as GitHub Actions workflow commands, so that pull requests show them on the lines.

One line per finding: `::error file=…,line=…,col=…,title=RULE::message`. GitHub reads
`%`, carriage returns and newlines as escapes in the message, and also `:` and `,` in
the properties, so user text is escaped before it is written.
"""

from __future__ import annotations

from pst_cli.report.paths import display_path
from pst_cli.rules.runner import CheckResult

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape the message part of a workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (file, title) of a workflow command."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: CheckResult, folder: str, colour: bool = False) -> str:
    """One workflow command per finding; info findings become notices."""
    lines = []
    for finding in result.findings:
        command = COMMANDS.get(finding.severity, "notice")
        properties = ",".join(
            (
                f"file={escape_property(display_path(folder, finding.path))}",
                f"line={finding.line}",
                f"col={finding.col}",
                f"title={escape_property(finding.rule)}",
            )
        )
        text = finding.message + (f"\n→ {finding.hint}" if finding.hint else "")
        lines.append(f"::{command} {properties}::{escape_data(text)}")
    return "\n".join(lines)
