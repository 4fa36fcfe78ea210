"""The calendar: the project's length for its kind, the order of the steps of its
construction, and the dates of its actions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pst_cli.findings import Finding
from pst_cli.i18n import t, tn
from pst_cli.project.aggregate import Project

# Longest period allowed per kind of project, in years (agrément CAF, CTG).
MAX_YEARS = {"centre-social": 4, "ctg": 5}
# The contrats de ville of the current generation run inside these bounds.
CONTRAT_DE_VILLE = (dt.date(2024, 1, 1), dt.date(2030, 12, 31))
# Order of the construction steps: diagnostic, then enjeux worked out, then validation.
PHASE_RANK = {"diagnostic": 1, "partage": 2, "prospective": 2, "convergence": 2, "forum": 2, "validation": 3}
# Each step by its rank, as named in messages (`rules.calendar/phase-order.step.<name>`).
STEPS = {1: "diagnostic", 2: "enjeux", 3: "validation"}


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def duration(project: Project) -> Iterator[Finding]:
    """The project period is longer than its kind allows."""
    config = project.config
    period = config.period
    if config.kind in MAX_YEARS:
        years = MAX_YEARS[config.kind]
        latest_end = add_years(period.start, years) - dt.timedelta(days=1)
        if period.end > latest_end:
            yield project.finding(
                period,
                ("end",),
                message=tn("rules.calendar/duration.message", years, kind=config.kind, latest=latest_end, end=period.end),
                hint=t("rules.calendar/duration.hint"),
            )
    elif config.kind == "contrat-de-ville":
        first, last = CONTRAT_DE_VILLE
        if period.start < first or period.end > last:
            yield project.finding(
                period,
                ("start",) if period.start < first else ("end",),
                message=t(
                    "rules.calendar/duration.message.contrat-de-ville",
                    first=first,
                    last=last,
                    start=period.start,
                    end=period.end,
                ),
                hint=t("rules.calendar/duration.hint.contrat-de-ville"),
            )


def phase_order(project: Project) -> Iterator[Finding]:
    """The construction steps are out of order: enjeux worked out before any diagnostic, or validation before them."""
    ranked = [(PHASE_RANK[w.phase], w) for w in project.workshops if w.phase in PHASE_RANK]
    # The latest workshop of the steps before each step (the first one listed, on equal dates).
    latest_before: dict[int, object] = {}
    best = None
    for rank in sorted({rank for rank, _ in ranked}):
        latest_before[rank] = best
        for index, (other_rank, other) in enumerate(ranked):
            if other_rank == rank and (best is None or (other.date, -index) > (best[1].date, -best[0])):
                best = (index, other)
    for rank, workshop in ranked:
        found = latest_before[rank]
        if found is None or found[1].date <= workshop.date:
            continue
        latest = found[1]
        yield project.finding(
            workshop,
            ("date",),
            message=t(
                "rules.calendar/phase-order.message",
                step=t(f"rules.calendar/phase-order.step.{STEPS[rank]}"),
                date=workshop.date,
                before=t(f"rules.calendar/phase-order.step.{STEPS[PHASE_RANK[latest.phase]]}"),
                other=latest.id,
                other_date=latest.date,
            ),
            hint=t("rules.calendar/phase-order.hint"),
        )


def action_outside_period(project: Project) -> Iterator[Finding]:
    """An action starts, ends or has a milestone outside the project period."""
    period = project.config.period
    for action in project.actions:
        dated = [(action, ("start",), action.start), (action, ("end",), action.end)]
        dated += [(milestone, ("date",), milestone.date) for milestone in action.milestones]
        for entity, inside, day in dated:
            if day is not None and not period.start <= day <= period.end:
                yield project.finding(
                    entity,
                    inside,
                    message=t(
                        "rules.calendar/action-outside-period.message",
                        id=action.id,
                        date=day,
                        start=period.start,
                        end=period.end,
                    ),
                    hint=t("rules.calendar/action-outside-period.hint"),
                )


def action_end_before_start(project: Project) -> Iterator[Finding]:
    """An action ends before it starts."""
    for action in project.actions:
        if action.start and action.end and action.end < action.start:
            yield project.finding(
                action,
                ("end",),
                message=t("rules.calendar/action-end-before-start.message", id=action.id, end=action.end, start=action.start),
                hint=t("rules.calendar/action-end-before-start.hint"),
            )
