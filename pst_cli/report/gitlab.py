"""Findings as a GitLab Code Quality report (JSON), shown in merge requests.

A fingerprint identifies a finding across pipelines so that GitLab can tell new
problems from old ones. It hashes the rule, the file, the entity concerned and the
message, never the line: adding a line at the top of a file must not make every
finding look new.
"""

from __future__ import annotations

import hashlib
import json
import re

from pst_cli.report.paths import display_path
from pst_cli.rules.runner import CheckResult

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}
# Positions quoted inside a message ("already used in x.yaml:12") move with the lines.
POSITION = re.compile(r":\d+(?::\d+)?")


def fingerprint(rule: str, path: str, entity: str, message: str, occurrence: int) -> str:
    """A stable hash of what a finding is about; `occurrence` separates identical findings."""
    key = "\x1f".join((rule, path, entity, POSITION.sub(":", message), str(occurrence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def render(result: CheckResult, folder: str, colour: bool = False) -> str:
    """The Code Quality report: a JSON array of issues."""
    seen: dict[tuple, int] = {}
    issues = []
    for finding in result.findings:
        path = display_path(folder, finding.path)
        key = (finding.rule, path, finding.entity, POSITION.sub(":", finding.message))
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        description = finding.message + (f" — {finding.hint}" if finding.hint else "")
        issues.append(
            {
                "description": description,
                "check_name": finding.rule,
                "fingerprint": fingerprint(finding.rule, path, finding.entity, finding.message, occurrence),
                "severity": SEVERITIES.get(finding.severity, "info"),
                "location": {"path": path, "lines": {"begin": max(finding.line, 1)}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2)
