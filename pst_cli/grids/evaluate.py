"""Answering a grid: for each criterion, the evidence found in the project (with file and
line), what is missing and where to write it, the findings that count against it, and the
status that follows.

How a status is computed (the same for every grid; `docs/grids.md` says it in French):
- *absent*: the criterion names evidence and none of it is in the project;
- *satisfait*: all its evidence (`satisfied_by: all`, the default) or one of it (`any`) is
  there, and none of its rules has a finding;
- *partiel*: anything in between — some evidence only, or evidence with findings against it.
A criterion that names rules only is *satisfait* without their findings, else *partiel*.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pydantic import BaseModel

from pst_cli.findings import Finding
from pst_cli.model.grid import ROOTS, Grid, GridCriterion, Status, segments
from pst_cli.project.aggregate import Project

SHOWN_PER_PATH = 3
"""Places listed for one path; the others are counted."""


@dataclass(frozen=True)
class Place:
    """Where a piece of evidence was written."""

    file: str
    line: int
    col: int


@dataclass
class Evidence:
    """One path of a criterion and what it found."""

    path: str
    places: list[Place] = field(default_factory=list)
    count: int = 0

    @property
    def found(self) -> bool:
        return self.count > 0

    @property
    def file(self) -> str:
        """The file to fill when the path finds nothing."""
        return ROOTS[segments(self.path)[0][0]][1]


@dataclass
class CriterionResult:
    criterion: GridCriterion
    status: Status
    evidence: list[Evidence]
    against: list[Finding]

    @property
    def found(self) -> list[Evidence]:
        return [item for item in self.evidence if item.found]

    @property
    def missing(self) -> list[Evidence]:
        return [item for item in self.evidence if not item.found]


@dataclass
class GridResult:
    grid: Grid
    origin: str | None
    """The project file that defines the grid, None for a shipped grid."""
    criteria: list[CriterionResult]

    def count(self, status: str) -> int:
        return sum(1 for result in self.criteria if result.status == status)


def _roots(project: Project, root: str) -> list[BaseModel]:
    single = {
        "project": project.config,
        "family": project.family_project,
        "governance": project.governance if "governance.yaml" in project.files else None,
        "means": project.means,
        "previous": project.previous_evaluation,
    }
    if root in single:
        return [single[root]] if single[root] is not None else []
    lists = {
        "stakeholders": project.stakeholders,
        "sources": project.sources,
        "indicators": project.context_indicators,
        "findings": project.findings,
        "workshops": project.workshops,
        "challenges": project.challenges,
        "axes": project.axes,
        "actions": project.actions,
        "measurements": project.measurements,
    }
    return list(lists[root])


def _present(value: object) -> bool:
    return value is not None and value != "" and value != [] and value != {}


def _matches(item: object, name: str, wanted: tuple[str, ...]) -> bool:
    value = getattr(item, name, None)
    if not wanted:
        return _present(value) and value is not False
    if isinstance(value, list):
        return any(str(v) in wanted for v in value)
    if isinstance(value, bool):
        return str(value).lower() in wanted
    return value is not None and str(value) in wanted


def resolve(project: Project, path: str) -> list[tuple[BaseModel, tuple]]:
    """Every filled value `path` names in the project, as (entity, key path inside it) for `Project.where`."""
    parts = segments(path)
    root, root_field, root_values = parts[0]
    current = [(entity, entity, ()) for entity in _roots(project, root) if not root_field or _matches(entity, root_field, root_values)]
    for name, field_name, wanted in parts[1:]:
        following = []
        for value, owner, inside in current:
            if not isinstance(value, BaseModel):
                continue
            child = getattr(value, name, None)
            items = list(enumerate(child)) if isinstance(child, list) else [(None, child)]
            for index, item in items:
                if not _present(item) or (field_name and not _matches(item, field_name, wanted)):
                    continue
                if isinstance(item, BaseModel) and id(item) in project.places:
                    following.append((item, item, ()))
                else:
                    following.append((item, owner, (*inside, name) if index is None else (*inside, name, index)))
        current = following
    return [(owner, inside) for _, owner, inside in current]


def evaluate(project: Project, grid: Grid, findings_of: Callable[[str], list[Finding]], origin: str | None = None) -> GridResult:
    """The answer of `project` to every criterion of `grid`; `findings_of(rule_id)` gives a rule's findings."""
    results = []
    for criterion in grid.criteria:
        evidence = []
        for path in criterion.evidence:
            hits = resolve(project, path)
            places: list[Place] = []
            for owner, inside in hits:
                place = Place(*project.where(owner, *inside))
                if all(place.line != seen.line or place.file != seen.file for seen in places):
                    places.append(place)
                if len(places) == SHOWN_PER_PATH:
                    break
            evidence.append(Evidence(path, places, len(hits)))
        against = [finding for rule_id in criterion.rules for finding in findings_of(rule_id)]
        results.append(CriterionResult(criterion, status_of(criterion, evidence, against), evidence, against))
    return GridResult(grid, origin, results)


def status_of(criterion: GridCriterion, evidence: list[Evidence], against: list[Finding]) -> Status:
    """The status of one criterion from its evidence and the findings against it (module docstring)."""
    if not evidence:
        return "partiel" if against else "satisfait"
    found = [item for item in evidence if item.found]
    if not found:
        return "absent"
    enough = len(found) == len(evidence) if criterion.satisfied_by == "all" else True
    return "satisfait" if enough and not against else "partiel"
