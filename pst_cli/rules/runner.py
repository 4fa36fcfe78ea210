"""The rule runner: `pst check` as a pure function, project folder in, sorted findings out.

Rules yield findings that say where and what; the runner stamps each one with its
rule's id and severity (from the registry, the one place they are written), then
applies the project's configuration (`checks:` in `pst.yaml`) and `--select`/`--ignore`.
"""

from __future__ import annotations

import dataclasses
import fnmatch
from dataclasses import dataclass, field
from pathlib import Path

from pst_cli.errors import PstError
from pst_cli.findings import Finding
from pst_cli.i18n import t
from pst_cli.project.aggregate import Project
from pst_cli.project.load import load_project, require_project

LOADER_FAMILIES = ("file", "yaml", "schema")
"""Problems found while reading: always errors, whatever the configuration says."""


@dataclass
class CheckResult:
    """Findings of a check, sorted, with what a summary needs."""

    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    project: Project | None = None

    def count(self, severity: str) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)

    def exit_code(self, strict: bool = False) -> int:
        """1 when a finding is an error (or a warning, with `--strict`), else 0."""
        return 1 if self.count("error") or (strict and self.count("warning")) else 0


def _matches(rule_id: str, patterns: list[str]) -> bool:
    """A rule matches `family/name`, `family` or a glob such as `plan/*`."""
    return any(
        rule_id == pattern or rule_id.startswith(pattern.rstrip("/") + "/") or fnmatch.fnmatchcase(rule_id, pattern)
        for pattern in patterns
    )


def unknown_pattern(pattern: str, rule_ids: list[str]) -> str | None:
    """None when `pattern` names a rule, a family or a glob that matches; else the closest rule id."""
    if any(_matches(rule_id, [pattern]) for rule_id in rule_ids):
        return None
    import difflib

    families = sorted({rule_id.split("/")[0] for rule_id in rule_ids})
    close = difflib.get_close_matches(pattern, rule_ids + families, n=1, cutoff=0.5)
    return close[0] if close else ""


def _check_patterns(patterns: list[str], option: str, rule_ids: list[str]) -> None:
    """Refuse a mistyped rule in --select/--ignore: a typo must not turn a CI check green."""
    for pattern in patterns:
        close = unknown_pattern(pattern, rule_ids)
        if close is not None:
            hint = t("common.did-you-mean", name=close) if close else t("check.see-rules")
            raise PstError(t("check.unknown-rule-option", option=option, pattern=pattern), hint)


def _config_findings(project: Project, rule_ids: list[str]) -> list[Finding]:
    """Rules named in pst.yaml's `checks:` that do not exist (a typo would silently do nothing)."""
    config = project.config.checks
    named = [(("checks", "ignore", index), pattern) for index, pattern in enumerate(config.ignore)]
    named += [(("checks", "severity", rule_id, "[key]"), rule_id) for rule_id in config.severity]
    findings = []
    for inside, pattern in named:
        close = unknown_pattern(pattern, rule_ids)
        if close is None:
            continue
        hint = t("common.did-you-mean", name=close) if close else t("check.see-rules")
        findings.append(project.finding(project.config, inside, message=t("check.unknown-rule", pattern=pattern), hint=hint))
    return findings


def run_check(root: Path, select: list[str] | None = None, ignore: list[str] | None = None) -> CheckResult:
    """Load the project in `root`, run every enabled rule, and return the sorted findings."""
    from pst_cli.rules import RULES

    rule_ids = [rule.id for rule in RULES]
    _check_patterns(select or [], "--select", rule_ids)
    _check_patterns(ignore or [], "--ignore", rule_ids)
    require_project(root)
    loaded = load_project(root)
    if loaded.project is None:
        findings = _configured(loaded.findings, list(ignore or []), {})
    else:
        findings = check_project(loaded.project, loaded.findings, select, ignore)
    return CheckResult(findings=findings, files=loaded.files, project=loaded.project)


def check_project(
    project: Project, found: list[Finding] = (), select: list[str] | None = None, ignore: list[str] | None = None
) -> list[Finding]:
    """Every enabled rule run on a loaded `project`, with the findings `found` while loading it, as `pst check` reports them."""
    from pst_cli.rules import RULES, RULES_BY_ID

    rule_ids = [rule.id for rule in RULES]
    findings = list(found)
    unknown = RULES_BY_ID["config/unknown-rule"]
    findings += [stamp(finding, unknown.id, unknown.severity) for finding in _config_findings(project, rule_ids)]
    severities = dict(project.config.checks.severity)
    ignored = list(ignore or []) + project.config.checks.ignore
    for rule in RULES:
        if rule.check is None or _matches(rule.id, ignored) or (select and not _matches(rule.id, select)):
            continue
        if not rule.applies_to(project.config.kind):
            continue
        if severities.get(rule.id) == "off":
            continue
        findings += [stamp(finding, rule.id, rule.severity) for finding in rule.check(project)]
    return _configured(findings, ignored, severities)


def _configured(findings: list[Finding], ignored: list[str], severities: dict[str, str]) -> list[Finding]:
    """The findings a configuration keeps, with the severities it sets, sorted; errors of reading are never ignored."""
    kept = []
    for finding in findings:
        if _matches(finding.rule, ignored) and finding.severity != "error" or severities.get(finding.rule) == "off":
            continue
        override = severities.get(finding.rule)
        if override and finding.rule.split("/")[0] not in LOADER_FAMILIES:
            finding = dataclasses.replace(finding, severity=override)
        kept.append(finding)
    return sorted(kept, key=Finding.sort_key)


def stamp(finding: Finding, rule_id: str, severity: str) -> Finding:
    """The finding of a rule, with the rule's id and default severity."""
    return dataclasses.replace(finding, rule=rule_id, severity=severity)

