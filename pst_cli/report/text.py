"""Findings for a person at a terminal: grouped by file, coloured when it is a terminal, then a summary.

Plain text, not rich markup: a path such as `x.yaml:100:15:` or a label holding `[b]` or
`:smile:` prints exactly as typed. Control characters from a project's text (terminal
escape sequences) are shown as `\\x1b`, never sent to the terminal.
"""

from __future__ import annotations

import re
from itertools import groupby

from pst_cli.i18n import t, tn
from pst_cli.report.paths import display_path
from pst_cli.rules.runner import CheckResult

STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_CODES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def paint(text: str, style: str, colour: bool) -> str:
    """`text` in `style` (`bold red`, `dim`…) when colours are on; as it is otherwise."""
    if not colour or not style:
        return text
    codes = ";".join(_CODES[word] for word in style.split())
    return f"\x1b[{codes}m{text}\x1b[0m"


def printable(text: str) -> str:
    """A project's text made safe for a terminal: control characters written as `\\x1b`."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def summary(result: CheckResult) -> str:
    """`2 erreurs, 1 avertissement, 0 info — 19 fichiers vérifiés`."""
    return t(
        "report.summary",
        errors=tn("report.errors", result.count("error")),
        warnings=tn("report.warnings", result.count("warning")),
        infos=tn("report.infos", result.count("info")),
        files=tn("report.files", result.files),
    )


def render(result: CheckResult, folder: str, colour: bool = False, summary_line: bool = True) -> str:
    """Findings grouped by file, each `path:line:col: severity message [rule]` and its hint; then the summary."""
    lines = []
    for relpath, findings in groupby(result.findings, key=lambda finding: finding.path):
        path = printable(display_path(folder, relpath))
        lines.append(paint(path, "bold", colour))
        for finding in findings:
            severity = paint(t(f"report.severity.{finding.severity}"), STYLES.get(finding.severity, ""), colour)
            rule = paint(f"[{finding.rule}]", "dim", colour)
            lines.append(f"  {path}:{finding.line}:{finding.col}: {severity} {printable(finding.message)} {rule}")
            if finding.hint:
                lines.append(f"      {paint('→', 'green', colour)} {printable(finding.hint)}")
    if summary_line:
        mark = paint("✗", "bold red", colour) if result.count("error") else paint("✓", "bold green", colour)
        lines.append(f"{mark} {summary(result)}")
    return "\n".join(lines)
