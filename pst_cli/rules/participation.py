"""Participation: who took part in the shared diagnostic and the choice of enjeux, what was
written down afterwards, and whether the vote counts are possible.

A category is present at a workshop when its count is above zero or when one of the
listed stakeholders belongs to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pst_cli.findings import Finding
from pst_cli.i18n import t, tn
from pst_cli.model.workshops import Workshop
from pst_cli.project.aggregate import Project

# The four groups whose voices make a diagnostic "shared", each with the stakeholder
# categories that count for it (the group names its message in the catalogue).
DIAGNOSTIC_GROUPS = {
    "elus": ("elu",),
    "habitants": ("habitant",),
    "techniciens": ("technicien",),
    "partenaires": ("partenaire-institutionnel", "partenaire-associatif", "financeur"),
}
# Phases in which enjeux are worked out and prioritised.
PRIORITISATION_PHASES = {"partage", "prospective", "convergence", "forum"}
# Participation levels that promise participants their contributions will be used.
LEVELS_NEEDING_MINUTES = {"concertation", "co-construction", "codecision"}


def categories_present(project: Project, workshop: Workshop) -> set[str]:
    """The stakeholder categories present at a workshop (counts above zero or listed stakeholders)."""
    present = {category for category, count in workshop.participants.counts.items() if count > 0}
    by_id = project.stakeholders_by_id
    present |= {by_id[sid].category for sid in workshop.participants.stakeholders if sid in by_id}
    return present


def category_missing_from_diagnostic(project: Project) -> Iterator[Finding]:
    """Elected members, residents, professionals or partners took part in no diagnostic workshop."""
    diagnostic = [workshop for workshop in project.workshops if workshop.phase == "diagnostic"]
    if not diagnostic:
        yield project.finding(
            project.config,
            message=t("rules.participation/category-missing-from-diagnostic.message.no-workshop"),
            hint=t("rules.participation/category-missing-from-diagnostic.hint.no-workshop"),
        )
        return
    present = set().union(*(categories_present(project, workshop) for workshop in diagnostic))
    for group, categories in DIAGNOSTIC_GROUPS.items():
        if not present.intersection(categories):
            yield project.finding(
                diagnostic[0],
                ("phase",),
                message=t(f"rules.participation/category-missing-from-diagnostic.message.{group}"),
                hint=t("rules.participation/category-missing-from-diagnostic.hint", categories=", ".join(categories)),
            )


def residents_missing_from_prioritisation(project: Project) -> Iterator[Finding]:
    """Residents took part in none of the workshops where enjeux were worked out or voted."""
    prioritising = [w for w in project.workshops if w.phase in PRIORITISATION_PHASES or w.votes]
    if not prioritising:
        return
    if any("habitant" in categories_present(project, workshop) for workshop in prioritising):
        return
    yield project.finding(
        prioritising[0],
        ("phase",),
        message=t("rules.participation/residents-missing-from-prioritisation.message"),
        hint=t("rules.participation/residents-missing-from-prioritisation.hint"),
    )


def minutes_missing(project: Project) -> Iterator[Finding]:
    """A past workshop at concertation level or above has no minutes."""
    today = dt.date.today()
    for workshop in project.workshops:
        if workshop.date < today and workshop.participation_level in LEVELS_NEEDING_MINUTES and not workshop.minutes:
            yield project.finding(
                workshop,
                ("participation_level",),
                message=t(
                    "rules.participation/minutes-missing.message",
                    id=workshop.id,
                    date=workshop.date,
                    level=workshop.participation_level,
                ),
                hint=t("rules.participation/minutes-missing.hint"),
            )


def minutes_without_follow_up(project: Project) -> Iterator[Finding]:
    """A past workshop at concertation level or above does not say what follow-up was given."""
    today = dt.date.today()
    for workshop in project.workshops:
        if (
            workshop.date < today
            and workshop.participation_level in LEVELS_NEEDING_MINUTES
            and workshop.minutes
            and not workshop.follow_up
        ):
            yield project.finding(
                workshop,
                ("minutes",),
                message=t("rules.participation/minutes-without-follow-up.message", id=workshop.id),
                hint=t("rules.participation/minutes-without-follow-up.hint"),
            )


def _headcount(workshop: Workshop) -> int:
    return sum(workshop.participants.counts.values())


def vote_exceeds_dots(project: Project) -> Iterator[Finding]:
    """A dot vote received more dots than the voters could cast (voters × dots per participant)."""
    for workshop in project.workshops:
        for vote in workshop.votes:
            voters = vote.voters if vote.voters is not None else _headcount(workshop) or None
            if voters is None or vote.dots_per_participant is None:
                continue
            cast = sum(option.tally or 0 for option in vote.options)
            possible = voters * vote.dots_per_participant
            if cast > possible:
                yield project.finding(
                    vote,
                    ("dots_per_participant",),
                    message=t(
                        "rules.participation/vote-exceeds-dots.message",
                        id=vote.id,
                        cast=tn("rules.participation/vote-exceeds-dots.cast", cast),
                        possible=tn("rules.participation/vote-exceeds-dots.possible", possible),
                        voters=tn("rules.participation/vote-exceeds-dots.voters", voters),
                        dots=vote.dots_per_participant,
                    ),
                    hint=t("rules.participation/vote-exceeds-dots.hint"),
                )


def voters_exceed_participants(project: Project) -> Iterator[Finding]:
    """A vote counts more voters than participants were counted at the workshop."""
    for workshop in project.workshops:
        counted = _headcount(workshop)
        if not workshop.participants.counts:
            continue
        for vote in workshop.votes:
            if vote.voters is not None and vote.voters > counted:
                yield project.finding(
                    vote,
                    ("voters",),
                    message=t(
                        "rules.participation/voters-exceed-participants.message",
                        id=vote.id,
                        voters=tn("rules.participation/voters-exceed-participants.voters", vote.voters),
                        counted=tn("rules.participation/voters-exceed-participants.counted", counted),
                    ),
                    hint=t("rules.participation/voters-exceed-participants.hint"),
                )


def no_feedback(project: Project) -> Iterator[Finding]:
    """The plan is adopted and no workshop records what was said back to its participants (`feedback`)."""
    adopted = project.adoption()
    if adopted is None or not project.workshops or any(workshop.feedback for workshop in project.workshops):
        return
    day, entity, inside = adopted
    yield project.finding(
        entity,
        inside,
        message=t("rules.participation/no-feedback.message", date=day),
        hint=t("rules.participation/no-feedback.hint"),
    )
