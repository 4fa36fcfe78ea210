"""Conformity grids in `pst check` (`grid/…`) and the core of `pst grid`.

`grid/absent` and `grid/partial` report the criteria of the project's grids (the default
grid of its kind, and its own `grids/*.yaml`) that are not satisfied, so that CI catches
them; `grid/unknown-rule` a project grid naming a rule that does not exist. The grids
themselves are data (`templates/grids/`), evaluated by `pst_cli/grids/evaluate.py` with the
findings of the rules each criterion names, which this module runs.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from pathlib import Path

from pst_cli.findings import Finding
from pst_cli.grids import available, default_id, pick
from pst_cli.grids.evaluate import GridResult, evaluate
from pst_cli.i18n import t
from pst_cli.project.aggregate import Project


def rule_findings(project: Project) -> Callable[[str], list[Finding]]:
    """`rule id → its findings on project`, each rule run at most once; a rule that does not apply
    to the project's kind, is switched off or ignored in `pst.yaml`, or is a grid rule, finds nothing."""
    from pst_cli.rules import RULES_BY_ID
    from pst_cli.rules.runner import _matches, stamp

    checks = project.config.checks
    cache: dict[str, list[Finding]] = {}

    def findings_of(rule_id: str) -> list[Finding]:
        if rule_id not in cache:
            rule = RULES_BY_ID.get(rule_id)
            skipped = (
                rule is None
                or rule.check is None
                or rule_id.startswith("grid/")
                or not rule.applies_to(project.config.kind)
                or checks.severity.get(rule_id) == "off"
                or _matches(rule_id, checks.ignore)
            )
            cache[rule_id] = [] if skipped else [stamp(f, rule.id, rule.severity) for f in rule.check(project)]
        return cache[rule_id]

    return findings_of


def run_grid(root: Path, grid_id: str | None = None) -> GridResult:
    """`pst grid`: open the project (refused with its findings when invalid) and answer its grid."""
    from pst_cli.project.load import open_project

    project = open_project(root)
    grid, origin = pick(project, grid_id)
    return evaluate(project, grid, rule_findings(project), origin)


_RULE_OF = {"absent": "absent", "partiel": "partial"}
_LAST: list = [None, []]
"""The project last evaluated and its answers: `grid/absent` and `grid/partial` read the same ones."""


def _results(project: Project) -> list[GridResult]:
    """The answers to the grids `pst check` reads: the default grid of the kind, then the project's own."""
    if _LAST[0] is not project:
        _LAST[0], _LAST[1] = project, list(_evaluate_all(project))
    return _LAST[1]


def _evaluate_all(project: Project) -> Iterator[GridResult]:
    grids = available(project)
    wanted = [grid_id for grid_id, (_, origin) in grids.items() if origin]
    default = default_id(project)
    if default and default not in wanted:
        wanted.insert(0, default)
    findings_of = rule_findings(project)
    for grid_id in wanted:
        grid, origin = grids[grid_id]
        yield evaluate(project, grid, findings_of, origin)


def _unmet(project: Project, status: str) -> Iterator[Finding]:
    for result in _results(project):
        for answer in result.criteria:
            if answer.status != status:
                continue
            criterion = answer.criterion
            entity, inside = (criterion, ()) if result.origin else (project.config, ("kind",))
            missing = answer.missing
            if missing:
                hint = t("rules.grid.hint.fill", path=missing[0].path, file=missing[0].file)
            elif answer.against:
                first = answer.against[0]
                hint = t("rules.grid.hint.finding", rule=first.rule, place=f"{first.path}:{first.line}")
            else:
                hint = ""
            yield project.finding(
                entity,
                inside,
                message=t(f"rules.grid/{_RULE_OF[status]}.message", grid=result.grid.id, id=criterion.id, label=criterion.label),
                hint=hint,
            )


def absent(project: Project) -> Iterator[Finding]:
    """A criterion of the project's grid finds none of its evidence in the project."""
    yield from _unmet(project, "absent")


def partial(project: Project) -> Iterator[Finding]:
    """A criterion of the project's grid finds part of its evidence, or findings count against it."""
    yield from _unmet(project, "partiel")


def unknown_rule(project: Project) -> Iterator[Finding]:
    """A project grid names a rule that does not exist: its findings would never count."""
    from pst_cli.rules import RULES_BY_ID

    known = list(RULES_BY_ID)
    for grid in project.grids:
        for criterion in grid.criteria:
            for index, rule_id in enumerate(criterion.rules):
                if rule_id in RULES_BY_ID:
                    continue
                close = difflib.get_close_matches(rule_id, known, n=1, cutoff=0.5)
                hint = t("common.did-you-mean", name=close[0]) if close else t("check.see-rules")
                yield project.finding(criterion, ("rules", index), message=t("rules.grid/unknown-rule.message", rule=rule_id), hint=hint)
