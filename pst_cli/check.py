"""`pst check` as a pure function: folder in, findings out."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path

from .findings import Finding, PstError
from .load import load_project
from .messages import message
from .project import Project


@dataclass
class CheckResult:
    """Findings of a check, sorted, with what a summary needs."""

    findings: list[Finding] = field(default_factory=list)
    language: str = "fr"
    files: int = 0
    project: Project | None = None

    def count(self, severity: str) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)


def require_project(root: Path) -> None:
    """Raise a user error when `root` holds no project."""
    if not (root / "pst.yaml").is_file():
        text, hint = message("no-project", "fr", folder=str(root))
        raise PstError(text, hint)


def _matches(rule_id: str, patterns: list[str]) -> bool:
    """A rule matches `family/name`, `family` or a glob such as `plan/*`."""
    return any(
        rule_id == pattern or rule_id.startswith(pattern.rstrip("/") + "/") or fnmatch.fnmatchcase(rule_id, pattern)
        for pattern in patterns
    )


def run_check(root: Path, select: list[str] | None = None, ignore: list[str] | None = None) -> CheckResult:
    """Load the project in `root`, run every enabled rule, and return the sorted findings."""
    from .checks import RULES

    require_project(root)
    loaded = load_project(root)
    result = CheckResult(findings=list(loaded.findings), language=loaded.language, files=loaded.files, project=loaded.project)
    project = loaded.project
    severities: dict[str, str] = {}
    ignored = list(ignore or [])
    if project is not None:
        severities = dict(project.config.checks.severity)
        ignored += project.config.checks.ignore
        for rule in RULES:
            if rule.check is None or _matches(rule.id, ignored) or (select and not _matches(rule.id, select)):
                continue
            if severities.get(rule.id) == "off":
                continue
            result.findings.extend(rule.check(project))
    kept = []
    for finding in result.findings:
        if _matches(finding.rule, ignored) and finding.severity != "error" or severities.get(finding.rule) == "off":
            continue
        override = severities.get(finding.rule)
        if override and finding.rule.split("/")[0] not in ("file", "yaml", "schema"):
            finding = Finding(**{**finding.as_dict(), "severity": override})
        kept.append(finding)
    result.findings = sorted(kept, key=Finding.sort_key)
    return result
