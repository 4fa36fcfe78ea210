"""The objectives tree: enjeux → axes → general objectives → operational objectives → actions.

These rules read the plan the way a CAF adviser or an evaluator does: every level of
the tree is filled in, every enjeu and axis comes from the diagnostic (pertinence),
and the number of enjeux stays readable.
"""

from __future__ import annotations

from collections.abc import Iterator

from pst_cli.findings import Finding
from pst_cli.i18n import t, tn
from pst_cli.model.frameworks import MISSIONS_BY_KIND
from pst_cli.model.plan import Challenge
from pst_cli.project.aggregate import Project


def axis_without_general_objective(project: Project) -> Iterator[Finding]:
    """An axis has no general objective."""
    for axis in project.axes:
        if not axis.general_objectives:
            yield project.finding(
                axis,
                ("id",),
                message=t("rules.plan/axis-without-general-objective.message", id=axis.id),
                hint=t("rules.plan/axis-without-general-objective.hint"),
            )


def general_objective_without_operational(project: Project) -> Iterator[Finding]:
    """A general objective has no operational objective."""
    for _, general in project.general_objectives():
        if not general.operational_objectives:
            yield project.finding(
                general,
                ("id",),
                message=t("rules.plan/general-objective-without-operational.message", id=general.id),
                hint=t("rules.plan/general-objective-without-operational.hint"),
            )


def objective_without_indicator(project: Project) -> Iterator[Finding]:
    """An operational objective has no result indicator."""
    for _, _, objective in project.operational_objectives():
        if not any(indicator.type == "resultat" for indicator in objective.indicators):
            yield project.finding(
                objective,
                ("id",),
                message=t("rules.plan/objective-without-indicator.message", id=objective.id),
                hint=t("rules.plan/objective-without-indicator.hint"),
            )


def _challenge_traced(by_id: dict[str, Challenge], challenge_ids: list[str]) -> bool:
    """Whether one of these enjeux (`by_id`: the project's, by id) names a finding (so what refers to it traces to the diagnostic)."""
    return any(by_id[cid].findings for cid in challenge_ids if cid in by_id)


def challenge_without_finding(project: Project) -> Iterator[Finding]:
    """A retained enjeu does not name the diagnostic findings it comes from."""
    for challenge in project.challenges:
        if challenge.status == "retenu" and not challenge.findings:
            yield project.finding(
                challenge,
                ("id",),
                message=t("rules.plan/challenge-without-finding.message", id=challenge.id),
                hint=t("rules.plan/challenge-without-finding.hint"),
            )


def axis_without_finding(project: Project) -> Iterator[Finding]:
    """An axis traces to no finding of the diagnostic, directly or through its enjeux and objectives."""
    by_id = {challenge.id: challenge for challenge in project.challenges}
    for axis in project.axes:
        carriers = [axis, *axis.general_objectives]
        if any(entity.findings or _challenge_traced(by_id, entity.challenges) for entity in carriers):
            continue
        yield project.finding(
            axis,
            ("id",),
            message=t("rules.plan/axis-without-finding.message", id=axis.id),
            hint=t("rules.plan/axis-without-finding.hint"),
        )


def challenge_not_addressed(project: Project) -> Iterator[Finding]:
    """A retained enjeu is taken up by no axis or general objective."""
    if not project.axes:
        return
    named = {cid for axis in project.axes for cid in axis.challenges}
    named |= {cid for _, general in project.general_objectives() for cid in general.challenges}
    for challenge in project.challenges:
        if challenge.status == "retenu" and challenge.id not in named:
            yield project.finding(
                challenge,
                ("id",),
                message=t("rules.plan/challenge-not-addressed.message", id=challenge.id),
                hint=t("rules.plan/challenge-not-addressed.hint"),
            )


def too_many_challenges(project: Project) -> Iterator[Finding]:
    """More retained enjeux than the readable maximum (`checks.max_challenges`)."""
    limit = project.config.checks.max_challenges
    retained = [challenge for challenge in project.challenges if challenge.status == "retenu"]
    if len(retained) > limit:
        yield project.finding(
            retained[limit],
            ("id",),
            message=tn("rules.plan/too-many-challenges.message", len(retained), limit=limit),
            hint=t("rules.plan/too-many-challenges.hint"),
        )


def operational_objective_without_action(project: Project) -> Iterator[Finding]:
    """Once action sheets exist, an operational objective is served by none of them."""
    if not project.actions:
        return
    served = {objective for action in project.actions for objective in action.objectives}
    for _, _, objective in project.operational_objectives():
        if objective.id not in served:
            yield project.finding(
                objective,
                ("id",),
                message=t("rules.plan/operational-objective-without-action.message", id=objective.id),
                hint=t("rules.plan/operational-objective-without-action.hint"),
            )


def cnaf_mission_not_covered(project: Project) -> Iterator[Finding]:
    """Once objectives or actions are tagged with CNAF missions, a mission the CAF expects is served by none of them."""
    covered = project.mission_coverage()
    if not covered:
        return
    for mission in MISSIONS_BY_KIND.get(project.config.kind, ()):
        if mission not in covered:
            yield project.finding(
                project.config,
                ("kind",),
                message=t("rules.plan/cnaf-mission-not-covered.message", mission=t(f"value.{mission}")),
                hint=t("rules.plan/cnaf-mission-not-covered.hint", mission=mission),
            )


def theme_without_action(project: Project) -> Iterator[Finding]:
    """A thematic field of a CTG (`themes` in pst.yaml) is taken up by no action (`themes` of the action sheets)."""
    tagged = {theme for action in project.actions for theme in action.themes}
    for index, theme in enumerate(project.config.themes):
        if theme not in tagged:
            yield project.finding(
                project.config,
                ("themes", index),
                message=t("rules.plan/theme-without-action.message", theme=t(f"value.{theme}")),
                hint=t("rules.plan/theme-without-action.hint", theme=theme),
            )
