"""The structure's means (`means.yaml`): the people the CAF names (a director, a référent
famille), whether the actions fit in each year's budget, and whether the plan says how
the centre opens, welcomes and charges (criteria 5, 6 and 8 of the CAF agrément).

Thresholds are those of the CAF texts and can be changed in `pst.yaml`
(`checks.director_level`, `checks.director_fte`, `checks.family_referent_level`,
`checks.family_referent_min_fte`, `checks.family_referent_max_fte`).
"""

from __future__ import annotations

from collections.abc import Iterator

from pst_cli.findings import Finding
from pst_cli.i18n import t
from pst_cli.model.actions import Action
from pst_cli.model.means import StaffMember
from pst_cli.project.aggregate import Project
from pst_cli.rules.actions import euros


def _holders(project: Project, role: str) -> list[StaffMember]:
    return [member for member in (project.means.staff if project.means else []) if member.role == role]


def _anchor(project: Project):
    """Where a finding about missing means points: `means.yaml`, else `pst.yaml`'s `kind`."""
    return (project.means, ()) if project.means is not None else (project.config, ("kind",))


def _fte(value: float) -> str:
    return f"{value:g}".replace(".", t("rules.means.decimal-separator"))


def _check_post(project: Project, role: str, level: int, min_fte: float, max_fte: float | None) -> Iterator[Finding]:
    rule = f"rules.means/{role if role == 'family-referent' else 'director'}"
    holders = _holders(project, "referent-famille" if role == "family-referent" else "direction")
    if not holders:
        entity, inside = _anchor(project)
        yield project.finding(entity, inside, message=t(f"{rule}.message.missing"), hint=t(f"{rule}.hint.missing"))
        return
    for member in holders:
        if member.qualification_level is None:
            yield project.finding(
                member, ("function",), message=t(f"{rule}.message.level-unknown", id=member.id), hint=t(f"{rule}.hint.level", level=level)
            )
        elif member.qualification_level < level:
            yield project.finding(
                member,
                ("qualification_level",),
                message=t(f"{rule}.message.level", id=member.id, found=member.qualification_level, level=level),
                hint=t(f"{rule}.hint.level", level=level),
            )
        if member.fte is None:
            yield project.finding(member, ("function",), message=t(f"{rule}.message.fte-unknown", id=member.id), hint=t(f"{rule}.hint.fte"))
        elif member.fte < min_fte or (max_fte is not None and member.fte > max_fte):
            yield project.finding(
                member,
                ("fte",),
                message=t(f"{rule}.message.fte", id=member.id, found=_fte(member.fte), low=_fte(min_fte), high=_fte(max_fte or min_fte)),
                hint=t(f"{rule}.hint.fte"),
            )


def director(project: Project) -> Iterator[Finding]:
    """A centre social has no director in `means.yaml`, or one below the CAF's qualification level (6) or working time (full time)."""
    checks = project.config.checks
    yield from _check_post(project, "director", checks.director_level, checks.director_fte, None)


def family_referent(project: Project) -> Iterator[Finding]:
    """A centre social has no référent famille, or one below level 5 or outside 0.5–1 FTE."""
    checks = project.config.checks
    yield from _check_post(
        project, "family-referent", checks.family_referent_level, checks.family_referent_min_fte, checks.family_referent_max_fte
    )


def action_costs_by_year(project: Project) -> dict[int, float]:
    """What the actions cost each year: a line with a `year` counts in that year; a line without
    one is spread evenly over the calendar years of its action (its dates, else the period)."""
    period = project.config.period
    costs: dict[int, float] = {}
    for action in project.actions:
        if action.status == "abandonnee":
            continue
        years = _years_of(action, period.start, period.end)
        for line in action.budget:
            if line.year is not None:
                costs[line.year] = costs.get(line.year, 0.0) + line.amount
            elif years:
                for year in years:
                    costs[year] = costs.get(year, 0.0) + line.amount / len(years)
    return costs


def _years_of(action: Action, start, end) -> list[int]:
    first = (action.start or start).year
    last = (action.end or end or action.start or start).year
    return list(range(first, max(first, last) + 1))


def feasibility(project: Project) -> Iterator[Finding]:
    """In a year of the budget (`means.yaml`), the actions cost more than the structure's forecast expenses,
    or the actions cost something in a year of the period that has no budget."""
    if project.means is None or not project.means.budget:
        return
    budgets = {year.year: year for year in project.means.budget}
    for year, cost in sorted(action_costs_by_year(project).items()):
        budget = budgets.get(year)
        if budget is None:
            if project.config.period.contains_year(year):
                yield project.finding(
                    project.means,
                    ("budget",),
                    message=t("rules.means/feasibility.message.no-budget", year=year, cost=euros(cost)),
                    hint=t("rules.means/feasibility.hint.no-budget", year=year),
                )
            continue
        expenses = budget.total("expenses")
        if round(cost) > round(expenses):
            yield project.finding(
                budget,
                ("year",),
                message=t("rules.means/feasibility.message", year=year, cost=euros(cost), expenses=euros(expenses)),
                hint=t("rules.means/feasibility.hint"),
            )


def access_not_described(project: Project) -> Iterator[Finding]:
    """`means.yaml` does not say when the centre opens, whether it is accessible, what it charges or how it welcomes people."""
    entity, inside = _anchor(project)
    means = project.means
    missing = [
        part
        for part, present in (
            ("opening", means and means.opening and means.opening.hours),
            ("accessibility", means and means.accessibility),
            ("pricing", means and means.pricing),
            ("reception", means and means.reception),
        )
        if not present
    ]
    for part in missing:
        yield project.finding(
            entity,
            inside,
            message=t(f"rules.means/access-not-described.message.{part}"),
            hint=t(f"rules.means/access-not-described.hint.{part}"),
        )
