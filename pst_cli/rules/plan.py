"""The objectives tree: enjeux → axes → general objectives → operational objectives → actions.

These rules read the plan the way a CAF adviser or an evaluator does: every level of
the tree is filled in, every enjeu and axis comes from the diagnostic (pertinence),
and the number of enjeux stays readable.
"""

from __future__ import annotations

from collections.abc import Iterator

from pst_cli.findings import Finding
from pst_cli.project.aggregate import Project


def axis_without_general_objective(project: Project) -> Iterator[Finding]:
    """An axis has no general objective.

    FR : un axe stratégique se décline en objectifs généraux, eux-mêmes déclinés en
    objectifs opérationnels ; un axe vide ne dit pas ce que le projet veut obtenir.
    Ajoutez au moins un objectif général sous `general_objectives:` ou retirez l'axe.
    EN: an axis is broken down into general objectives; an empty axis does not say what
    the plan wants to achieve. Add a general objective under `general_objectives:` or
    remove the axis.
    """
    for axis in project.axes:
        if not axis.general_objectives:
            yield project.finding(axis,
                ("id",),
                message=project.say(
                    f"l'axe « {axis.id} » n'a aucun objectif général", f"axis '{axis.id}' has no general objective"
                ),
                hint=project.say(
                    "Ajoutez au moins un objectif général sous `general_objectives:`.",
                    "Add at least one general objective under `general_objectives:`.",
                ),
            )


def general_objective_without_operational(project: Project) -> Iterator[Finding]:
    """A general objective has no operational objective.

    FR : l'objectif général fixe une direction ; ce sont les objectifs opérationnels qui
    disent ce qui sera fait et mesuré. Sans eux, la chaîne objectif → action → indicateur
    est rompue. Ajoutez-en sous `operational_objectives:`.
    EN: a general objective sets a direction; operational objectives say what will be
    done and measured. Without them the objective → action → indicator chain is broken.
    Add some under `operational_objectives:`.
    """
    for _, general in project.general_objectives():
        if not general.operational_objectives:
            yield project.finding(general,
                ("id",),
                message=project.say(
                    f"l'objectif général « {general.id} » n'a aucun objectif opérationnel",
                    f"general objective '{general.id}' has no operational objective",
                ),
                hint=project.say(
                    "Déclinez-le en objectifs opérationnels sous `operational_objectives:`.",
                    "Break it down into operational objectives under `operational_objectives:`.",
                ),
            )


def objective_without_indicator(project: Project) -> Iterator[Finding]:
    """An operational objective has no résultat indicator.

    FR : chaque objectif opérationnel est suivi par au moins un indicateur de résultat
    (ce qui a changé pour les personnes), pas seulement par des indicateurs de
    réalisation (ce qui a été fait). C'est ce que la CAF et l'évaluateur regarderont à
    mi-parcours. Ajoutez un indicateur `type: resultat` sous `indicators:`.
    EN: every operational objective is followed by at least one result indicator (what
    changed for people), not only output indicators (what was done). Add an indicator
    with `type: resultat` under `indicators:`.
    """
    for _, _, objective in project.operational_objectives():
        if not any(indicator.type == "resultat" for indicator in objective.indicators):
            yield project.finding(objective,
                ("id",),
                message=project.say(
                    f"l'objectif opérationnel « {objective.id} » n'a aucun indicateur de résultat",
                    f"operational objective '{objective.id}' has no result indicator",
                ),
                hint=project.say(
                    "Ajoutez un indicateur `type: resultat` avec valeur de départ, cible, unité, source et fréquence.",
                    "Add an indicator with `type: resultat`, a baseline, a target, a unit, a source and a frequency.",
                ),
            )


def _challenge_traced(project: Project, challenge_ids: list[str]) -> bool:
    """Whether one of these enjeux names a finding (so what refers to it traces to the diagnostic)."""
    by_id = {challenge.id: challenge for challenge in project.challenges}
    return any(by_id[cid].findings for cid in challenge_ids if cid in by_id)


def challenge_without_finding(project: Project) -> Iterator[Finding]:
    """A retained enjeu does not name the diagnostic findings it comes from.

    FR : un enjeu est pertinent parce qu'il découle du diagnostic partagé. Citez sous
    `findings:` les constats d'où il vient ; s'il n'en a pas, c'est peut-être un constat
    qui manque au diagnostic… ou un enjeu à reconsidérer.
    EN: an enjeu is relevant because it comes from the shared diagnostic. List under
    `findings:` the findings it comes from; if there are none, a finding may be missing
    from the diagnostic, or the enjeu should be reconsidered.
    """
    for challenge in project.challenges:
        if challenge.status == "retenu" and not challenge.findings:
            yield project.finding(challenge,
                ("id",),
                message=project.say(
                    f"l'enjeu « {challenge.id} » ne renvoie à aucun constat du diagnostic",
                    f"enjeu '{challenge.id}' refers to no finding of the diagnostic",
                ),
                hint=project.say(
                    "Citez les constats dont il découle sous `findings:`.", "List the findings it comes from under `findings:`."
                ),
            )


def axis_without_finding(project: Project) -> Iterator[Finding]:
    """An axis traces to no finding of the diagnostic, directly or through its enjeux and objectives.

    FR : la pertinence d'un axe se démontre par le diagnostic. Un axe est relié au
    diagnostic s'il cite un constat (`findings:`), ou un enjeu qui cite un constat
    (`challenges:`), lui-même ou l'un de ses objectifs généraux. Ajoutez ce lien.
    EN: an axis shows its relevance through the diagnostic. It traces to it when it, or
    one of its general objectives, names a finding (`findings:`) or an enjeu that names
    a finding (`challenges:`). Add that link.
    """
    for axis in project.axes:
        carriers = [axis, *axis.general_objectives]
        if any(entity.findings or _challenge_traced(project, entity.challenges) for entity in carriers):
            continue
        yield project.finding(axis,
            ("id",),
            message=project.say(
                f"l'axe « {axis.id} » ne se rattache à aucun constat du diagnostic",
                f"axis '{axis.id}' traces to no finding of the diagnostic",
            ),
            hint=project.say(
                "Citez sous `findings:` les constats, ou sous `challenges:` les enjeux, auxquels il répond.",
                "Name under `findings:` the findings, or under `challenges:` the enjeux, it answers.",
            ),
        )


def challenge_not_addressed(project: Project) -> Iterator[Finding]:
    """A retained enjeu is taken up by no axis or general objective.

    FR : un enjeu retenu avec les habitants et les partenaires doit se retrouver dans le
    plan. Citez-le sous `challenges:` de l'axe ou de l'objectif général qui y répond, ou
    passez-le en `status: ecarte` en expliquant pourquoi.
    EN: an enjeu retained with residents and partners should appear in the plan. Name it
    under `challenges:` of the axis or general objective that answers it, or set
    `status: ecarte` and say why.
    """
    if not project.axes:
        return
    named = {cid for axis in project.axes for cid in axis.challenges}
    named |= {cid for _, general in project.general_objectives() for cid in general.challenges}
    for challenge in project.challenges:
        if challenge.status == "retenu" and challenge.id not in named:
            yield project.finding(challenge,
                ("id",),
                message=project.say(
                    f"l'enjeu retenu « {challenge.id} » n'est repris par aucun axe ni objectif",
                    f"retained enjeu '{challenge.id}' is taken up by no axis or objective",
                ),
                hint=project.say(
                    "Citez-le sous `challenges:` d'un axe ou d'un objectif général.",
                    "Name it under `challenges:` of an axis or general objective.",
                ),
            )


def too_many_challenges(project: Project) -> Iterator[Finding]:
    """More retained enjeux than the readable maximum (`checks.max_challenges`, 7 by default).

    FR : au-delà de six ou sept enjeux, un projet n'est plus lisible par les habitants
    ni pilotable par l'équipe. Regroupez les enjeux proches (`replaces:`), écartez-en
    (`status: ecarte`) ou, si votre démarche le justifie, relevez
    `checks.max_challenges` dans pst.yaml.
    EN: beyond six or seven enjeux a plan is neither readable by residents nor
    manageable by the team. Merge close ones (`replaces:`), set some aside
    (`status: ecarte`), or raise `checks.max_challenges` in pst.yaml.
    """
    limit = project.config.checks.max_challenges
    retained = [challenge for challenge in project.challenges if challenge.status == "retenu"]
    if len(retained) > limit:
        yield project.finding(retained[limit],
            ("id",),
            message=project.say(
                f"{len(retained)} enjeux retenus, au-delà des {limit} que le projet peut porter lisiblement",
                f"{len(retained)} retained enjeux, more than the {limit} a plan can readably carry",
            ),
            hint=project.say(
                "Regroupez ou écartez des enjeux, ou réglez `checks.max_challenges` dans pst.yaml.",
                "Merge or set aside some enjeux, or set `checks.max_challenges` in pst.yaml.",
            ),
        )


def operational_objective_without_action(project: Project) -> Iterator[Finding]:
    """Once action sheets exist, an operational objective is served by none of them.

    FR : un objectif opérationnel sans action restera lettre morte. La règle ne
    s'applique qu'une fois les premières fiches actions écrites ; citez l'objectif sous
    `objectives:` d'une fiche action.
    EN: an operational objective that no action serves will not happen. The rule applies
    once the first action sheets exist; name the objective under `objectives:` of an action.
    """
    if not project.actions:
        return
    served = {objective for action in project.actions for objective in action.objectives}
    for _, _, objective in project.operational_objectives():
        if objective.id not in served:
            yield project.finding(objective,
                ("id",),
                message=project.say(
                    f"aucune action ne sert l'objectif opérationnel « {objective.id} »",
                    f"no action serves operational objective '{objective.id}'",
                ),
                hint=project.say(
                    "Citez-le sous `objectives:` d'une fiche action, ou écrivez la fiche qui manque.",
                    "Name it under `objectives:` of an action sheet, or write the missing sheet.",
                ),
            )
