"""Findings as a JSON list, for scripts and other tools."""

from __future__ import annotations

import json

from pst_cli.report.paths import display_path
from pst_cli.rules.runner import CheckResult


def render(result: CheckResult, folder: str, colour: bool = False) -> str:
    """A JSON array of findings: rule, severity, path, line, col, message, hint, entity."""
    rows = [{**finding.as_dict(), "path": display_path(folder, finding.path)} for finding in result.findings]
    return json.dumps(rows, ensure_ascii=False, indent=2)
