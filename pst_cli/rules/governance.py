"""Governance: a named steering body that meets, and a body that validates the plan.

When `governance.yaml` does not exist yet, the findings point at pst.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator

from pst_cli.findings import Finding
from pst_cli.i18n import t
from pst_cli.project.aggregate import Project

STEERING_TYPES = {"copil", "conseil"}


def no_steering_body(project: Project) -> Iterator[Finding]:
    """No steering body (COPIL or board) is declared in governance.yaml."""
    if not any(body.type in STEERING_TYPES for body in project.governance.bodies):
        yield project.finding(
            project.governance,
            message=t("rules.governance/no-steering-body.message"),
            hint=t("rules.governance/no-steering-body.hint"),
        )


def no_validating_body(project: Project) -> Iterator[Finding]:
    """No body is marked as the one that validates the plan."""
    if not any(body.validates for body in project.governance.bodies):
        yield project.finding(
            project.governance,
            message=t("rules.governance/no-validating-body.message"),
            hint=t("rules.governance/no-validating-body.hint"),
        )


def body_incomplete(project: Project) -> Iterator[Finding]:
    """A governance body has no members or no meeting frequency."""
    for body in project.governance.bodies:
        missing = [name for name, value in (("members", body.members), ("frequency", body.frequency)) if not value]
        if missing:
            variant = "-".join(missing)  # members, frequency or members-frequency
            yield project.finding(
                body,
                ("id",),
                message=t(f"rules.governance/body-incomplete.message.{variant}", id=body.id),
                hint=t(f"rules.governance/body-incomplete.hint.{variant}"),
            )
