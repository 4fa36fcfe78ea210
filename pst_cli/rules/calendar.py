"""The calendar: the project's length for its kind (`model/frameworks.py`), the order of the
steps of its construction, the dates of its actions, and the dates its framework sets:
the agrément to renew, the ABS after the municipal elections, the contrat de ville's
mid-term review, the yearly review of a plan without an end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pst_cli.findings import Finding
from pst_cli.i18n import t, tn
from pst_cli.model.common import Period
from pst_cli.model.frameworks import CONTRAT_DE_VILLE_MID_TERM, KINDS, abs_years
from pst_cli.project.aggregate import Project

BOUNDED_KINDS = frozenset(name for name, facts in KINDS.items() if facts.max_years or facts.bounds)
"""Kinds whose framework limits the period: centre social and EVS (4 years), CTG (5), contrat de ville (2024–2030)."""
# Order of the construction steps: diagnostic, then enjeux worked out, then validation.
PHASE_RANK = {"diagnostic": 1, "partage": 2, "prospective": 2, "convergence": 2, "forum": 2, "validation": 3}
# Each step by its rank, as named in messages (`rules.calendar/phase-order.step.<name>`).
STEPS = {1: "diagnostic", 2: "enjeux", 3: "validation"}


def outside_key(key: str, period: Period) -> str:
    """The message `key` about a date outside the period, or its `.open` variant for a period without an end."""
    return f"{key}.open" if period.open_ended else key


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def duration(project: Project) -> Iterator[Finding]:
    """The project period is longer than its kind allows, or outside the dates its framework sets."""
    config = project.config
    period = config.period
    facts = project.facts
    if facts.max_years and period.end is not None:
        years = facts.max_years
        latest_end = add_years(period.start, years) - dt.timedelta(days=1)
        if period.end > latest_end:
            yield project.finding(
                period,
                ("end",),
                message=tn("rules.calendar/duration.message", years, kind=config.kind, latest=latest_end, end=period.end),
                hint=t("rules.calendar/duration.hint"),
            )
    if facts.bounds:
        first, last = facts.bounds
        if period.start < first or period.last_day > last:
            yield project.finding(
                period,
                ("start",) if period.start < first or period.end is None else ("end",),
                message=t(
                    "rules.calendar/duration.message.contrat-de-ville",
                    first=first,
                    last=last,
                    start=period.start,
                    end=period.end or "…",
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
            if day is not None and not period.contains(day):
                yield project.finding(
                    entity,
                    inside,
                    message=t(
                        outside_key("rules.calendar/action-outside-period.message", period),
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


def period_without_end(project: Project) -> Iterator[Finding]:
    """The period has no end, though the project's kind is limited in time (only a departmental PST may leave it open)."""
    period = project.config.period
    if period.end is None:
        yield project.finding(
            period,
            ("start",),
            message=t("rules.calendar/period-without-end.message", kind=project.config.kind),
            hint=t("rules.calendar/period-without-end.hint"),
        )


def no_yearly_review(project: Project) -> Iterator[Finding]:
    """A plan without an end has no yearly review date (`period.review`) in its place."""
    period = project.config.period
    if period.end is None and period.review is None:
        yield project.finding(
            period,
            ("start",),
            message=t("rules.calendar/no-yearly-review.message"),
            hint=t("rules.calendar/no-yearly-review.hint"),
        )


def agrement_mismatch(project: Project) -> Iterator[Finding]:
    """The agrément asked for does not match the period: another length, or a gap or an overlap with the current agrément."""
    agrement = project.config.agrement
    period = project.config.period
    if agrement is None:
        return
    years = period.years()
    if agrement.requested_years and years is not None and round(years) != agrement.requested_years:
        yield project.finding(
            agrement,
            ("requested_years",),
            message=tn("rules.calendar/agrement-mismatch.message.years", agrement.requested_years, start=period.start, end=period.end),
            hint=t("rules.calendar/agrement-mismatch.hint.years"),
        )
    if agrement.current_end:
        expected = agrement.current_end + dt.timedelta(days=1)
        if period.start != expected:
            variant = "gap" if period.start > expected else "overlap"
            yield project.finding(
                agrement,
                ("current_end",),
                message=t(f"rules.calendar/agrement-mismatch.message.{variant}", end=agrement.current_end, start=period.start),
                hint=t("rules.calendar/agrement-mismatch.hint.dates", expected=expected),
            )


def abs_year(project: Project) -> Iterator[Finding]:
    """An ABS is not presented in a year that follows municipal elections (2015, 2021, 2027, 2033)."""
    adopted = project.adoption(dt.date.max)
    day, entity, inside = adopted or (project.config.period.start, project.config.period, ("start",))
    due = abs_years()
    if day.year in due:
        return
    expected = min((year for year in due if year > day.year), default=due[-1])
    yield project.finding(
        entity,
        inside,
        message=t("rules.calendar/abs-year.message", year=day.year, elections=expected - 1, expected=expected),
        hint=t("rules.calendar/abs-year.hint", years=", ".join(str(year) for year in due)),
    )


def mid_term_review(project: Project) -> Iterator[Finding]:
    """A contrat de ville has no mid-term review in 2027 among its milestones."""
    milestones = project.governance.milestones
    if any(m.kind == "evaluation-mi-parcours" and m.date.year == CONTRAT_DE_VILLE_MID_TERM for m in milestones):
        return
    misplaced = next((m for m in milestones if m.kind == "evaluation-mi-parcours"), None)
    yield project.finding(
        misplaced or project.governance,
        ("date",) if misplaced else (),
        message=t("rules.calendar/mid-term-review.message" + (".year" if misplaced else ""), year=CONTRAT_DE_VILLE_MID_TERM),
        hint=t("rules.calendar/mid-term-review.hint", year=CONTRAT_DE_VILLE_MID_TERM),
    )
