"""Action sheets (fiches actions): who carries them, what they serve, what they cost and
who pays, and whether a centre social reaches families, vulnerable publics and every age.

Publics are free text (`publics:`); they are matched on French keywords without accents.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pst_cli.findings import Finding
from pst_cli.i18n import t
from pst_cli.model.actions import Action
from pst_cli.project.aggregate import Project
from pst_cli.project.personal import plain_text

FAMILY = re.compile(r"famil|parent")
VULNERABLE = re.compile(
    r"precari|precaire|isole|vulnerab|fragil|handicap|minima|\brsa\b|monoparent|\bqpv\b|quartiers? prioritaires?|"
    r"allophone|demandeurs? d.emploi|sans emploi|chomeu|bas revenus|pauvre|exclu|migrant|refugie|sans domicile"
)
# Each age group (naming its message in the catalogue) and the words that reach it.
AGE_GROUPS = {
    "enfants": re.compile(r"enfan|petite enfance|bebe|tout-petits|\d+-\d+ ans"),
    "jeunes": re.compile(r"jeune|ado|etudiant"),
    "adultes": re.compile(r"adulte|parent|famil|tous publics|tout public"),
    "seniors": re.compile(r"senior|aine|personnes agees|retraite"),
}


def euros(amount: float) -> str:
    """An amount in whole euros with the language's thousands separator (« 12 500 »), for messages."""
    return f"{amount:,.0f}".replace(",", t("rules.actions/budget-exceeded.thousands-separator"))


def _publics(action: Action) -> str:
    return plain_text(" ; ".join(action.publics))


def without_referent(project: Project) -> Iterator[Finding]:
    """An action has no référent."""
    for action in project.actions:
        if not action.referent:
            yield project.finding(
                action,
                ("id",),
                message=t("rules.actions/without-referent.message", id=action.id),
                hint=t("rules.actions/without-referent.hint"),
            )


def without_objective(project: Project) -> Iterator[Finding]:
    """An action serves no operational objective."""
    for action in project.actions:
        if not action.objectives:
            yield project.finding(
                action,
                ("id",),
                message=t("rules.actions/without-objective.message", id=action.id),
                hint=t("rules.actions/without-objective.hint"),
            )


def budget_exceeded(project: Project) -> Iterator[Finding]:
    """The action costs add up to more than the project budget (`budget` in pst.yaml)."""
    budget = project.config.budget
    if budget is None:
        return
    total = sum(line.amount for action in project.actions if action.status != "abandonnee" for line in action.budget)
    if total > budget:
        yield project.finding(
            project.config,
            ("budget",),
            message=t("rules.actions/budget-exceeded.message", total=euros(total), budget=euros(budget)),
            hint=t("rules.actions/budget-exceeded.hint"),
        )


def cost_without_funder(project: Project) -> Iterator[Finding]:
    """A cost line of an action names no funder (a line whose funding is `a-rechercher` is a gap, reported apart)."""
    for action in project.actions:
        for line in action.budget:
            if not line.funder and line.status != "a-rechercher":
                yield project.finding(
                    line,
                    ("label",),
                    message=t("rules.actions/cost-without-funder.message", id=action.id, label=line.label),
                    hint=t("rules.actions/cost-without-funder.hint"),
                )


def funding_to_find(project: Project) -> Iterator[Finding]:
    """Funding is still to be found (`status: a-rechercher`) for a cost of an action or an income of the budget."""
    for action in project.actions:
        if action.status == "abandonnee":
            continue
        for line in action.budget:
            if line.status == "a-rechercher":
                yield project.finding(
                    line,
                    ("status",),
                    message=t("rules.actions/funding-to-find.message", id=action.id, label=line.label, amount=euros(line.amount)),
                    hint=t("rules.actions/funding-to-find.hint"),
                )
    budgets = [*(project.means.budget if project.means else []), *(project.family_project.budget if project.family_project else [])]
    for year in budgets:
        for line in year.income:
            if line.status == "a-rechercher":
                yield project.finding(
                    line,
                    ("status",),
                    message=t(
                        "rules.actions/funding-to-find.message.budget", year=year.year, label=line.label, amount=euros(line.forecast or 0)
                    ),
                    hint=t("rules.actions/funding-to-find.hint"),
                )


def no_family_action(project: Project) -> Iterator[Finding]:
    """A centre social plan has no family action."""
    if not project.actions:
        return
    if any(action.family or FAMILY.search(_publics(action)) for action in project.actions):
        return
    yield project.finding(
        project.config,
        ("kind",),
        message=t("rules.actions/no-family-action.message"),
        hint=t("rules.actions/no-family-action.hint"),
    )


def no_vulnerable_public_action(project: Project) -> Iterator[Finding]:
    """A centre social plan has no action aimed at vulnerable publics."""
    if not project.actions:
        return
    if any(VULNERABLE.search(_publics(action)) for action in project.actions):
        return
    yield project.finding(
        project.config,
        ("kind",),
        message=t("rules.actions/no-vulnerable-public-action.message"),
        hint=t("rules.actions/no-vulnerable-public-action.hint"),
    )


def ages_not_covered(project: Project) -> Iterator[Finding]:
    """A centre social plan reaches no children, young people, adults or seniors."""
    if not project.actions:
        return
    publics = " ; ".join(_publics(action) for action in project.actions)
    for group, pattern in AGE_GROUPS.items():
        if not pattern.search(publics):
            yield project.finding(
                project.config,
                ("kind",),
                message=t(f"rules.actions/ages-not-covered.message.{group}"),
                hint=t(f"rules.actions/ages-not-covered.hint.{group}"),
            )
