"""Governance: a named steering body that meets, a body that validates the plan, a body
where residents sit; and what each framework adds — the convention and each signatory's
commitments (CTG, contrat de ville, departmental PST), the departmental PST's référents,
yearly conférence sociale locale and links with the other plans of the territory, the
contrat de ville's conseil citoyen.

When `governance.yaml` does not exist yet, the findings point at pst.yaml.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pst_cli.findings import Finding
from pst_cli.i18n import t
from pst_cli.model.governance import Convention
from pst_cli.project.aggregate import Project

STEERING_TYPES = {"copil", "conseil"}
RESIDENTS = {"habitant", "benevole"}
"""Categories of members that bring residents' voices into a body: residents, volunteers and board members."""
CONVENTION_KIND = {"ctg": "ctg", "contrat-de-ville": "contrat-de-ville", "departemental": "partenariat"}
"""The kind of convention each contractual framework is launched by."""


def no_steering_body(project: Project) -> Iterator[Finding]:
    """No steering body (COPIL or board; for a departmental PST, its yearly conference) is declared in governance.yaml."""
    steering = STEERING_TYPES | ({"conference"} if project.config.kind == "departemental" else set())
    if not any(body.type in steering for body in project.governance.bodies):
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


def no_resident_body(project: Project) -> Iterator[Finding]:
    """No governance body counts residents or volunteers among its members (from the members' categories)."""
    bodies = project.governance.bodies
    if not bodies or any(project.categories(body.members) & RESIDENTS for body in bodies):
        return
    yield project.finding(
        project.governance,
        ("bodies",),
        message=t("rules.governance/no-resident-body.message"),
        hint=t("rules.governance/no-resident-body.hint"),
    )


def framework_convention(project: Project) -> Iterator[Finding]:
    """A CTG, contrat de ville or departmental PST has no convention of its kind signed by two parties at least."""
    wanted = CONVENTION_KIND[project.config.kind]
    found = framework_conventions(project)
    if any(len(convention.parties) >= 2 for convention in found):
        return
    entity, inside = (found[0], ("parties",)) if found else (project.governance, ("conventions",))
    yield project.finding(
        entity,
        inside,
        message=t(f"rules.governance/framework-convention.message.{project.config.kind}", kind=wanted),
        hint=t("rules.governance/framework-convention.hint", kind=wanted),
    )


def framework_conventions(project: Project) -> list[Convention]:
    """The conventions of the project's framework (a departmental PST's partnership convention may leave `kind` out)."""
    wanted = CONVENTION_KIND.get(project.config.kind)
    return [c for c in project.governance.conventions if c.kind == wanted or (c.kind is None and wanted == "partenariat")]


def party_without_commitment(project: Project) -> Iterator[Finding]:
    """A signatory of the framework's convention commits to nothing (`commitments`)."""
    for convention in framework_conventions(project):
        committed = {commitment.party for commitment in convention.commitments}
        for index, party in enumerate(convention.parties):
            if party not in committed:
                yield project.finding(
                    convention,
                    ("parties", index),
                    message=t("rules.governance/party-without-commitment.message", party=party, id=convention.id),
                    hint=t("rules.governance/party-without-commitment.hint", party=party),
                )


def yearly_conference(project: Project) -> Iterator[Finding]:
    """A year of a departmental PST has no conférence sociale locale, or the conference does not invite residents."""
    conferences = [body for body in project.governance.bodies if body.type == "conference"]
    if not conferences:
        yield project.finding(
            project.governance,
            ("bodies",),
            message=t("rules.governance/yearly-conference.message.none"),
            hint=t("rules.governance/yearly-conference.hint"),
        )
        return
    held = {meeting.date.year for body in conferences for meeting in body.meetings}
    for year in project.config.period.calendar_years(dt.date.today()):
        if year not in held:
            yield project.finding(
                conferences[0],
                ("meetings",) if conferences[0].meetings else ("id",),
                message=t("rules.governance/yearly-conference.message", year=year, id=conferences[0].id),
                hint=t("rules.governance/yearly-conference.hint"),
            )
    for body in conferences:
        if "habitant" not in project.categories(body.members):
            yield project.finding(
                body,
                ("members",) if body.members else ("id",),
                message=t("rules.governance/yearly-conference.message.residents", id=body.id),
                hint=t("rules.governance/yearly-conference.hint.residents"),
            )


def referent_per_institution(project: Project) -> Iterator[Finding]:
    """A co-porteur of a departmental PST (`co_holders` in pst.yaml) has no référent (`referents` in governance.yaml)."""
    named = {referent.institution for referent in project.governance.referents}
    for index, holder in enumerate(project.config.co_holders):
        if holder not in named:
            yield project.finding(
                project.config,
                ("co_holders", index),
                message=t("rules.governance/referent-per-institution.message", institution=holder),
                hint=t("rules.governance/referent-per-institution.hint", institution=holder),
            )
    if not project.config.co_holders:
        yield project.finding(
            project.config,
            ("structure",),
            message=t("rules.governance/referent-per-institution.message.no-holders"),
            hint=t("rules.governance/referent-per-institution.hint.no-holders"),
        )


def no_linked_plan(project: Project) -> Iterator[Finding]:
    """A departmental PST names none of the plans it articulates with (CLS, CUCS, CTG, ABS…)."""
    if not project.governance.linked_plans:
        yield project.finding(
            project.governance,
            message=t("rules.governance/no-linked-plan.message"),
            hint=t("rules.governance/no-linked-plan.hint"),
        )


def no_citizen_council(project: Project) -> Iterator[Finding]:
    """A contrat de ville has no conseil citoyen among its bodies (the compulsory citizen-participation strand)."""
    if not any(body.type == "conseil-citoyen" for body in project.governance.bodies):
        yield project.finding(
            project.governance,
            ("bodies",),
            message=t("rules.governance/no-citizen-council.message"),
            hint=t("rules.governance/no-citizen-council.hint"),
        )
