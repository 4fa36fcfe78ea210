"""A public document (`pst render --public`): the project without the people it names.

A stakeholder with a personal name is a named person (the `personal/*` rules say so
too): a public document leaves out the stakeholder and everything written inside it —
its name, role, relations, group, personal data — and writes « une personne » where
another part of the plan names it. Its personal name is also taken out of every free
text, as e-mail addresses and phone numbers are (`View._masked`).
"""

from __future__ import annotations

import dataclasses

from pst_cli.project.aggregate import Project
from pst_cli.project.personal import named_people


def without_named_people(project: Project) -> tuple[Project, frozenset[str], tuple[str, ...]]:
    """The project as a public document shows it, the ids of the stakeholders left out, and their personal names."""
    people = named_people(project)
    if not people:
        return project, frozenset(), ()
    withheld = frozenset(person.id for person in people)
    inside = set()
    for person in people:
        relpath, loc = project.places[id(person)]
        inside |= {
            id(entity) for entity in project.entities if project.places[id(entity)][0] == relpath and project.places[id(entity)][1][: len(loc)] == loc
        }
    shown = dataclasses.replace(
        project,
        stakeholders=[s for s in project.stakeholders if s.id not in withheld],
        entities=[entity for entity in project.entities if id(entity) not in inside],
    )
    return shown, withheld, tuple(person.personal.name for person in people)
