"""Governance: a named steering body that meets, and a body that validates the plan.

When `governance.yaml` does not exist yet, the findings point at pst.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator

from pst_cli.findings import Finding
from pst_cli.project.aggregate import Project

STEERING_TYPES = {"copil", "conseil"}


def no_steering_body(project: Project) -> Iterator[Finding]:
    """No steering body (COPIL or board) is declared in governance.yaml.

    FR : le pilotage du projet est confié à une instance nommée (comité de pilotage,
    conseil d'administration) qui suit sa mise en œuvre et son évaluation. Déclarez-la
    sous `bodies:` avec `type: copil` (ou `conseil`), ses membres et son rythme.
    EN: a named body (steering committee, board) steers the plan and follows its
    evaluation. Declare it under `bodies:` with `type: copil` (or `conseil`), its members
    and frequency.
    """
    if not any(body.type in STEERING_TYPES for body in project.governance.bodies):
        yield project.finding(project.governance,
            message=project.say(
                "aucune instance de pilotage (COPIL ou conseil) n'est déclarée",
                "no steering body (COPIL or board) is declared",
            ),
            hint=project.say(
                "Ajoutez dans governance.yaml une instance `type: copil` avec `members:` et `frequency:`.",
                "Add to governance.yaml a `type: copil` body with `members:` and `frequency:`.",
            ),
        )


def no_validating_body(project: Project) -> Iterator[Finding]:
    """No body is marked as the one that validates the plan.

    FR : le projet est validé par une instance (conseil d'administration, conseil
    municipal, COPIL) avant d'être transmis à la CAF ou aux partenaires. Marquez-la
    `validates: true` dans governance.yaml.
    EN: the plan is validated by a body before it goes to the CAF or the partners. Mark
    it `validates: true` in governance.yaml.
    """
    if not any(body.validates for body in project.governance.bodies):
        yield project.finding(project.governance,
            message=project.say("aucune instance ne valide le projet", "no body validates the plan"),
            hint=project.say(
                "Ajoutez `validates: true` à l'instance qui valide le projet.",
                "Add `validates: true` to the body that validates the plan.",
            ),
        )


def body_incomplete(project: Project) -> Iterator[Finding]:
    """A governance body has no members or no meeting frequency.

    FR : une instance sans membres ni rythme de réunion n'existe que sur le papier.
    Listez ses membres (`members:`, identifiants d'acteurs) et son rythme (`frequency:`).
    EN: a body with no members or meeting frequency exists only on paper. List its
    members (`members:`, stakeholder ids) and its `frequency:`.
    """
    for body in project.governance.bodies:
        missing = [name for name, value in (("members", body.members), ("frequency", body.frequency)) if not value]
        if missing:
            yield project.finding(body,
                ("id",),
                message=project.say(
                    f"l'instance « {body.id} » n'a pas de {' ni de '.join('membres' if m == 'members' else 'rythme de réunion' for m in missing)}",
                    f"body '{body.id}' has no {' and no '.join('members' if m == 'members' else 'meeting frequency' for m in missing)}",
                ),
                hint=project.say(
                    f"Ajoutez {', '.join(f'`{m}:`' for m in missing)}.", f"Add {', '.join(f'`{m}:`' for m in missing)}."
                ),
            )
