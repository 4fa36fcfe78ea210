"""Action sheets (fiches actions): who carries them, what they serve, what they cost and
who pays, and whether a centre social reaches families, vulnerable publics and every age.

Publics are free text (`publics:`); they are matched on French keywords without accents.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pst_cli.findings import Finding
from pst_cli.model.actions import Action
from pst_cli.project.aggregate import Project
from pst_cli.rules.personal import plain_text

FAMILY = re.compile(r"famil|parent")
VULNERABLE = re.compile(
    r"precari|precaire|isole|vulnerab|fragil|handicap|minima|\brsa\b|monoparent|\bqpv\b|quartiers? prioritaires?|"
    r"allophone|demandeurs? d.emploi|sans emploi|chomeu|bas revenus|pauvre|exclu|migrant|refugie|sans domicile"
)
AGE_GROUPS = {
    "enfants": (re.compile(r"enfan|petite enfance|bebe|tout-petits|\d+-\d+ ans"), ("enfants", "children")),
    "jeunes": (re.compile(r"jeune|ado|etudiant"), ("jeunes", "young people")),
    "adultes": (re.compile(r"adulte|parent|famil|tous publics|tout public"), ("adultes", "adults")),
    "seniors": (re.compile(r"senior|aine|personnes agees|retraite"), ("seniors", "seniors")),
}


def _publics(action: Action) -> str:
    return plain_text(" ; ".join(action.publics))


def without_referent(project: Project) -> Iterator[Finding]:
    """An action has no référent.

    FR : une action sans référent nommé (par sa fonction) n'a personne pour la faire
    avancer ni en rendre compte au comité de pilotage. Indiquez `referent:` (identifiant
    d'un acteur).
    EN: an action without a référent has nobody to move it forward and report on it.
    Set `referent:` (a stakeholder id).
    """
    for action in project.actions:
        if not action.referent:
            yield project.finding(action,
                ("id",),
                message=project.say(f"l'action « {action.id} » n'a pas de référent", f"action '{action.id}' has no référent"),
                hint=project.say("Ajoutez `referent:` avec l'identifiant d'un acteur.", "Add `referent:` with a stakeholder id."),
            )


def without_objective(project: Project) -> Iterator[Finding]:
    """An action serves no operational objective.

    FR : chaque action sert au moins un objectif opérationnel : c'est ce qui la relie
    aux enjeux et au diagnostic. Citez-le sous `objectives:`, ou demandez-vous si
    l'action a sa place dans ce projet.
    EN: every action serves at least one operational objective, which links it to the
    enjeux and the diagnostic. Name it under `objectives:`.
    """
    for action in project.actions:
        if not action.objectives:
            yield project.finding(action,
                ("id",),
                message=project.say(
                    f"l'action « {action.id} » ne sert aucun objectif opérationnel", f"action '{action.id}' serves no operational objective"
                ),
                hint=project.say(
                    "Citez sous `objectives:` les objectifs opérationnels qu'elle sert.",
                    "Name under `objectives:` the operational objectives it serves.",
                ),
            )


def budget_exceeded(project: Project) -> Iterator[Finding]:
    """The action costs add up to more than the project budget (`budget` in pst.yaml).

    FR : la somme des lignes de budget des fiches actions dépasse le budget prévu du
    projet : l'une ou l'autre est à revoir avant de présenter le plan aux financeurs.
    La règle ne s'applique que si `budget:` est renseigné dans pst.yaml.
    EN: the action sheets' cost lines add up to more than the planned budget; revise one
    or the other before presenting the plan to funders. Applies when pst.yaml has `budget:`.
    """
    budget = project.config.budget
    if budget is None:
        return
    total = sum(line.amount for action in project.actions if action.status != "abandonnee" for line in action.budget)
    if total > budget:
        total_fr, budget_fr = (f"{amount:,.0f}".replace(",", "\u202f") for amount in (total, budget))
        yield project.finding(project.config,
            ("budget",),
            message=project.say(
                f"les actions coûtent {total_fr} €, au-delà du budget du projet ({budget_fr} €)",
                f"actions cost €{total:,.0f}, more than the project budget (€{budget:,.0f})",
            ),
            hint=project.say("Revoyez les coûts des actions ou le budget.", "Revise the action costs or the budget."),
        )


def cost_without_funder(project: Project) -> Iterator[Finding]:
    """A cost line of an action names no funder.

    FR : chaque dépense a un financeur (acquis, demandé ou à rechercher) ; c'est ce que
    le plan de financement présente aux partenaires. Indiquez `funder:` (identifiant
    d'un acteur, la structure elle-même pour l'autofinancement).
    EN: every cost has a funder (secured, requested or to be found). Set `funder:` (a
    stakeholder id, the carrying structure itself for self-funding).
    """
    for action in project.actions:
        for line in action.budget:
            if not line.funder:
                yield project.finding(line,
                    ("label",),
                    message=project.say(
                        f"action « {action.id} » : la dépense « {line.label} » n'a pas de financeur",
                        f"action '{action.id}': cost '{line.label}' has no funder",
                    ),
                    hint=project.say("Ajoutez `funder:` (identifiant d'acteur).", "Add `funder:` (a stakeholder id)."),
                )


def no_family_action(project: Project) -> Iterator[Finding]:
    """A centre social plan has no family action.

    FR : le volet famille (animation collective familles) devient obligatoire pour les
    centres sociaux à partir de 2027. Marquez `family: true` les actions qui en
    relèvent, ou ajoutez-en une. La règle s'applique aux projets `kind: centre-social`
    une fois des fiches actions écrites.
    EN: the family strand becomes mandatory for centres sociaux from 2027. Mark family
    actions `family: true`, or add one. Applies to `kind: centre-social` once actions exist.
    """
    if project.config.kind != "centre-social" or not project.actions:
        return
    if any(action.family or FAMILY.search(_publics(action)) for action in project.actions):
        return
    yield project.finding(project.config,
        ("kind",),
        message=project.say("aucune action du volet famille", "no action in the family strand"),
        hint=project.say(
            "Marquez `family: true` les actions destinées aux familles, ou ajoutez-en une.",
            "Mark family actions `family: true`, or add one.",
        ),
    )


def no_vulnerable_public_action(project: Project) -> Iterator[Finding]:
    """A centre social plan has no action aimed at vulnerable publics.

    FR : l'agrément d'un centre social suppose une attention aux publics fragiles
    (personnes isolées, familles monoparentales, ménages précaires, habitants des
    quartiers prioritaires, personnes handicapées…). Nommez-les dans `publics:` des
    actions qui les visent.
    EN: a centre social's approval expects attention to vulnerable publics (isolated
    people, single parents, low-income households, priority neighbourhoods, disabled
    people…). Name them in `publics:` of the actions aimed at them.
    """
    if project.config.kind != "centre-social" or not project.actions:
        return
    if any(VULNERABLE.search(_publics(action)) for action in project.actions):
        return
    yield project.finding(project.config,
        ("kind",),
        message=project.say("aucune action ne vise un public fragile", "no action is aimed at a vulnerable public"),
        hint=project.say(
            "Nommez dans `publics:` les publics fragiles visés (personnes isolées, familles monoparentales…).",
            "Name in `publics:` the vulnerable publics reached (isolated people, single parents…).",
        ),
    )


def ages_not_covered(project: Project) -> Iterator[Finding]:
    """A centre social plan reaches no children, young people, adults or seniors.

    FR : un centre social s'adresse à tous les âges. La règle cherche dans `publics:`
    des actions les enfants, les jeunes, les adultes (ou familles) et les seniors, et
    signale la tranche absente.
    EN: a centre social serves every age. The rule looks in the actions' `publics:` for
    children, young people, adults (or families) and seniors, and names the missing group.
    """
    if project.config.kind != "centre-social" or not project.actions:
        return
    publics = " ; ".join(_publics(action) for action in project.actions)
    for pattern, (name_fr, name_en) in AGE_GROUPS.values():
        if not pattern.search(publics):
            yield project.finding(project.config,
                ("kind",),
                message=project.say(f"aucune action ne vise les {name_fr}", f"no action is aimed at {name_en}"),
                hint=project.say(
                    f"Nommez les {name_fr} dans `publics:` des actions qui les concernent.",
                    f"Name {name_en} in `publics:` of the actions that concern them.",
                ),
            )
