"""Personal data (RGPD): contact details only in `personal:` blocks, each with a retention
date; no sensitive data about a named person; residents described as groups.

Messages never repeat the personal data they found: check reports end up in CI logs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import BaseModel

from pst_cli.findings import Finding
from pst_cli.i18n import t
from pst_cli.model.stakeholders import Stakeholder
from pst_cli.project.aggregate import Project
from pst_cli.project.personal import EMAIL, PHONE, SENSITIVE, free_texts, may_hold_contact, named_people, plain_text


def _contact_kind(text: str) -> str | None:
    """`email` or `phone` when `text` holds an e-mail address or a phone number."""
    if EMAIL.search(text):
        return "email"
    if PHONE.search(text):
        return "phone"
    return None


def contact_in_free_text(project: Project) -> Iterator[Finding]:
    """An e-mail address or a phone number appears in a free text field or a Markdown section."""
    # One search over each file's text rules out the files with no address or number at all.
    suspect = {path for path, loaded in project.files.items() if may_hold_contact(loaded.text)}
    for holder, inside, text in free_texts(project, suspect):
        kind = _contact_kind(text)
        if kind:
            yield project.finding(
                holder,
                inside,
                message=t(f"rules.personal/contact-in-free-text.message.{kind}"),
                hint=t("rules.personal/contact-in-free-text.hint"),
            )
    for section in project.config.sections:
        path = project.project_file(section.file)
        if path is None:
            continue
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(lines, start=1):
            kind = _contact_kind(line)
            if kind:
                yield Finding(
                    "",
                    "",
                    section.file,
                    number,
                    1,
                    t(f"rules.personal/contact-in-free-text.message.section.{kind}"),
                    t("rules.personal/contact-in-free-text.hint.section"),
                    section.file,
                )


def _named_owner(project: Project, holder: BaseModel, named: dict[tuple[str, tuple], Stakeholder]) -> Stakeholder | None:
    """The named stakeholder that `holder` is, or is written inside (by their places in the files)."""
    relpath, loc = project.places[id(holder)]
    for end in range(len(loc), 0, -1):
        owner = named.get((relpath, loc[:end]))
        if owner is not None:
            return owner
    return None


def sensitive_data_about_named_person(project: Project) -> Iterator[Finding]:
    """A stakeholder with a personal name is described with sensitive words (health, origin, religion, opinions…)."""
    named = {project.places[id(s)]: s for s in named_people(project)}
    if not named:
        return
    for holder, inside, text in free_texts(project, {relpath for relpath, _ in named}):
        stakeholder = _named_owner(project, holder, named)
        if stakeholder is not None and SENSITIVE.search(plain_text(text)):
            yield project.finding(
                holder,
                inside,
                message=t("rules.personal/sensitive-data-about-named-person.message", id=stakeholder.id),
                hint=t("rules.personal/sensitive-data-about-named-person.hint"),
            )


def _has_personal_data(stakeholder: Stakeholder) -> bool:
    personal = stakeholder.personal
    return bool(personal and (personal.name or personal.email or personal.phone))


def no_retention_date(project: Project) -> Iterator[Finding]:
    """A `personal:` block has no retention date (`retention_until`)."""
    for stakeholder in project.stakeholders:
        if _has_personal_data(stakeholder) and stakeholder.personal.retention_until is None:
            yield project.finding(
                stakeholder.personal,
                message=t("rules.personal/no-retention-date.message", id=stakeholder.id),
                hint=t("rules.personal/no-retention-date.hint"),
            )


def retention_expired(project: Project) -> Iterator[Finding]:
    """Personal data is kept past its retention date."""
    today = dt.date.today()
    for stakeholder in project.stakeholders:
        personal = stakeholder.personal
        if _has_personal_data(stakeholder) and personal.retention_until and personal.retention_until < today:
            yield project.finding(
                personal,
                ("retention_until",),
                message=t("rules.personal/retention-expired.message", id=stakeholder.id, date=personal.retention_until),
                hint=t("rules.personal/retention-expired.hint"),
            )


def named_resident(project: Project) -> Iterator[Finding]:
    """A resident stakeholder carries a personal name instead of being an aggregated group."""
    for stakeholder in project.stakeholders:
        if stakeholder.category == "habitant" and stakeholder.personal and stakeholder.personal.name:
            yield project.finding(
                stakeholder.personal,
                ("name",),
                message=t("rules.personal/named-resident.message", id=stakeholder.id),
                hint=t("rules.personal/named-resident.hint"),
            )
