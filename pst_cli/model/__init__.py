"""The file format of a project: one pydantic model per kind of file.

`FILE_KINDS` is the single table that says which file of a project holds what;
the loader, `pst schema` and the documentation all read it.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from pst_cli.model.actions import Action
from pst_cli.model.diagnostic import ContextIndicatorsFile, FindingsFile, SourcesFile
from pst_cli.model.evaluation import MeasurementsFile, PreviousEvaluation
from pst_cli.model.family import FamilyProject
from pst_cli.model.governance import GovernanceFile
from pst_cli.model.grid import Grid
from pst_cli.model.means import MeansFile
from pst_cli.model.plan import Axis, ChallengesFile
from pst_cli.model.project import ProjectFile
from pst_cli.model.review import YearReview
from pst_cli.model.stakeholders import StakeholdersFile
from pst_cli.model.workshops import Workshop


@dataclass(frozen=True)
class FileKind:
    """One kind of project file: where it lives, what it holds, how it is named in schemas."""

    name: str
    pattern: str
    model: type[BaseModel]
    single: bool
    """True when the folder holds one file per entity (workshops, axes, actions)."""


FILE_KINDS: tuple[FileKind, ...] = (
    FileKind("project", "pst.yaml", ProjectFile, False),
    FileKind("stakeholders", "stakeholders.yaml", StakeholdersFile, False),
    FileKind("sources", "diagnostic/sources.yaml", SourcesFile, False),
    FileKind("context-indicators", "diagnostic/indicators.yaml", ContextIndicatorsFile, False),
    FileKind("findings", "diagnostic/findings.yaml", FindingsFile, False),
    FileKind("workshop", "workshops/*.yaml", Workshop, True),
    FileKind("challenges", "plan/challenges.yaml", ChallengesFile, False),
    FileKind("axis", "plan/axes/*.yaml", Axis, True),
    FileKind("action", "plan/actions/*.yaml", Action, True),
    FileKind("family-project", "plan/family.yaml", FamilyProject, False),
    FileKind("governance", "governance.yaml", GovernanceFile, False),
    FileKind("means", "means.yaml", MeansFile, False),
    FileKind("measurements", "evaluation/measurements.yaml", MeasurementsFile, False),
    FileKind("previous-evaluation", "evaluation/previous.yaml", PreviousEvaluation, False),
    FileKind("grid", "grids/*.yaml", Grid, True),
    FileKind("review", "evaluation/reviews/*.yaml", YearReview, True),
)

KIND_BY_NAME = {kind.name: kind for kind in FILE_KINDS}


def kind_of(relpath: str) -> FileKind | None:
    """The kind of a project file from its path relative to the project folder, if it has one."""
    from fnmatch import fnmatchcase

    for kind in FILE_KINDS:
        if fnmatchcase(relpath, kind.pattern) and relpath.count("/") == kind.pattern.count("/"):
            return kind
    return None
