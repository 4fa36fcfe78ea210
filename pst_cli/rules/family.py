"""The family project (projet famille, ACF) of a centre social, `plan/family.yaml`."""

from __future__ import annotations

from collections.abc import Iterator

from pst_cli.findings import Finding
from pst_cli.i18n import t
from pst_cli.project.aggregate import Project


def no_family_project(project: Project) -> Iterator[Finding]:
    """A centre social has no family project (`plan/family.yaml` with its aims or its actions)."""
    family = project.family_project
    if family is not None and (family.aims or family.actions):
        return
    entity, inside = (family, ()) if family is not None else (project.config, ("kind",))
    yield project.finding(entity, inside, message=t("rules.family/no-family-project.message"), hint=t("rules.family/no-family-project.hint"))
