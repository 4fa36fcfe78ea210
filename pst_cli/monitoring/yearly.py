"""One year of the plan, as its yearly review reads it (`pst review --year Y`): pure computations.

A `Project`, a year and the day the review is made in; a `Year` out, plain data that
`render/review.py` lays out. What was expected of an indicator, and when, is decided by
`monitoring/expected.py` only (the same answer as `pst status` and `pst check`); the
progress towards a target by `progress.raw_progress`.

- An action is *planned* in the year when its dates cover a day of it, a milestone or a
  cost line falls in it, or its history changes then; its state at the end of the year
  is the last change of its history dated in or before the year (its `status` when it
  has no history: undated).
- An indicator's value of the year is its latest measurement dated in the year; the
  previous year's value likewise (the baseline when it is dated in that year); its step
  is the `steps` entry dated in the year.
- The budget of the year is `means.yaml`'s year (the family project's apart), forecast and
  actual, its income grouped by funder; the actions' cost lines of the year (dated, or an
  undated amount spread over the action's years) are the planned costs by funder.
"""

from __future__ import annotations

import datetime as dt
import typing
from dataclasses import dataclass, field

from pydantic import BaseModel

from pst_cli.errors import PstError
from pst_cli.model.actions import Action, StatusChange
from pst_cli.model.common import StakeholderCategory
from pst_cli.model.evaluation import Measurement
from pst_cli.model.governance import Body, Meeting
from pst_cli.model.means import BudgetYear
from pst_cli.model.plan import Indicator, Target
from pst_cli.model.review import YearReview
from pst_cli.model.workshops import Workshop
from pst_cli.monitoring import expected
from pst_cli.monitoring.progress import raw_progress
from pst_cli.project.aggregate import Project


def first_day(year: int) -> dt.date:
    return dt.date(year, 1, 1)


def last_day(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def review_day(year: int, today: dt.date | None = None) -> dt.date:
    """The day the review of `year` looks from: the first day after the year, or today while the year runs."""
    today = today or dt.date.today()
    return min(today, first_day(year + 1))


def check_year(project: Project, year: int, today: dt.date | None = None) -> None:
    """Refuse a year the plan does not cover, or one that has not begun (exit 2, French message and hint)."""
    today = today or dt.date.today()
    period = project.config.period
    last = period.end.year if period.end else today.year
    if not period.contains_year(year) or year > last:
        end = str(period.end.year) if period.end else "…"
        raise PstError.of("review.year-outside", year=year, start=period.start.year, end=end, first=period.start.year, last=last)
    if year > today.year:
        raise PstError.of("review.year-future", year=year, first=period.start.year, last=min(last, today.year))


# Actions ----------------------------------------------------------------------------


@dataclass
class ActionYear:
    """Une action dans l'année : prévue ou non, son état à la fin de l'année, ses changements datés."""

    action: Action
    planned: bool
    state: str
    """The status at the end of the year (or at the review day)."""
    dated: bool
    """The state comes from a dated change of the history (else from `status`, undated)."""
    changes: list[StatusChange]
    """Changes of the history dated in the year."""
    done: StatusChange | None
    """The change to `realisee` dated in the year, if there is one."""
    previous_state: str | None
    """The state at the end of the previous year, from the history (None when it says nothing then)."""


def _state_at(action: Action, day: dt.date) -> tuple[str | None, bool]:
    dated = [change for change in action.history if change.date <= day]
    return (dated[-1].status, True) if dated else (None, False)


def action_year(action: Action, year: int, at: dt.date) -> ActionYear:
    start, end = first_day(year), min(last_day(year), at)
    changes = [change for change in action.history if start <= change.date <= end]
    covers = (action.start is None or action.start <= last_day(year)) and (action.end is None or action.end >= start)
    dated_span = action.start is not None or action.end is not None
    planned = (
        (covers and dated_span)
        or any(m.date.year == year for m in action.milestones)
        or any(line.year == year for line in action.budget)
        or bool(changes)
    )
    state, from_history = _state_at(action, end)
    if state is None:
        state = action.status if not action.history else "prevue"
    previous, _ = _state_at(action, last_day(year - 1))
    done = next((change for change in reversed(changes) if change.status == "realisee"), None)
    return ActionYear(action, planned, state, from_history, changes, done, previous)


# Indicators ------------------------------------------------------------------------


@dataclass
class IndicatorYear:
    """Un indicateur dans l'année : sa valeur, celle de l'année précédente, son palier, ce qui manque."""

    indicator: Indicator
    carrier: BaseModel
    value: Measurement | None
    previous: float | None
    """The previous year's value (its latest measurement, or the baseline dated then)."""
    previous_date: dt.date | None
    step: Target | None
    """The intermediate target dated in the year."""
    points: list[tuple[dt.date, float]]
    """Baseline then measurements up to the end of the year, for the chart."""
    missing: list[expected.Due]
    """Measurements expected by the review day and absent (the same answer as `pst status --at`)."""
    next_due: expected.Due | None
    """The next measurement expected after the review day."""
    by_territory: list[Measurement] = field(default_factory=list)
    """The year's latest measurement of each territory, when the indicator is measured by territory."""

    @property
    def progress(self) -> float | None:
        """Progress from baseline to target of the year's value (unclamped), None when it cannot be said."""
        return raw_progress(self.indicator, self.value.value) if self.value else None

    @property
    def step_reached(self) -> bool | None:
        """Whether the year's value meets the year's step, in the indicator's direction."""
        if self.step is None or self.value is None:
            return None
        value, goal = self.value.value, self.step.value
        if self.indicator.direction == "decrease":
            return value <= goal
        if self.indicator.direction == "maintain":
            base = self.indicator.baseline.value if self.indicator.baseline else goal
            return abs(value - base) <= abs(base) * 0.05
        return value >= goal

    @property
    def trend(self) -> str | None:
        """`better`, `worse` or `same` from the previous year's value to this year's, in the desired direction."""
        if self.value is None or self.previous is None:
            return None
        delta = self.value.value - self.previous
        if delta == 0:
            return "same"
        if self.indicator.direction == "maintain":
            base = self.indicator.baseline.value if self.indicator.baseline else self.previous
            return "better" if abs(self.value.value - base) < abs(self.previous - base) else "worse"
        good = delta > 0 if self.indicator.direction == "increase" else delta < 0
        return "better" if good else "worse"


def _latest_in(measurements: list[Measurement], year: int) -> Measurement | None:
    found = [m for m in measurements if m.date.year == year]
    return found[-1] if found else None


def _next_due(indicator: Indicator, project: Project, year: int, at: dt.date) -> expected.Due | None:
    """The first value expected after the review day: its reference may be years before it, when the source publishes late."""
    first = year - (indicator.delay or 0) // 12 - 2
    coming = [due for later in range(first, year + 12) for due in expected.dues_in_year(indicator, project, later) if due.available >= at]
    return min(coming, key=lambda due: (due.available, due.reference), default=None)


def indicator_year(project: Project, carrier: BaseModel, indicator: Indicator, year: int, at: dt.date) -> IndicatorYear:
    mine = sorted((m for m in project.measurements if m.indicator == indicator.id), key=lambda m: m.date)
    up_to_end = [m for m in mine if m.date <= last_day(year)]
    value = _latest_in(up_to_end, year)
    before = _latest_in(mine, year - 1)
    previous, previous_date = (before.value, before.date) if before else (None, None)
    baseline = indicator.baseline
    if before is None and baseline is not None and baseline.date.year == year - 1:
        previous, previous_date = baseline.value, baseline.date
    step = next((s for s in indicator.steps if s.date.year == year), None)
    points = ([(baseline.date, baseline.value)] if baseline else []) + [(m.date, m.value) for m in up_to_end if m.territory is None]
    territories = []
    if indicator.territories:
        for territory in indicator.territories:
            latest = _latest_in([m for m in up_to_end if m.territory == territory], year)
            if latest:
                territories.append(latest)
    missing = expected.missing(indicator, [m for m in mine if m.date <= at], project, at)
    return IndicatorYear(indicator, carrier, value, previous, previous_date, step, points, missing, _next_due(indicator, project, year, at), territories)


# Participation, governance, budget -----------------------------------------------------


@dataclass
class Participation:
    """Les séances d'une année et leurs effectifs par catégorie."""

    workshops: list[Workshop]
    counts: dict[str, int]
    """Category → people counted over the year's sessions (every category, zero included)."""

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def residents(self) -> int:
        return self.counts.get("habitant", 0)


def participation(project: Project, year: int, at: dt.date) -> Participation:
    held = [w for w in project.workshops if w.date.year == year and w.date <= at]
    counts = {c: sum(w.participants.counts.get(c, 0) for w in held) for c in typing.get_args(StakeholderCategory)}
    return Participation(held, counts)


@dataclass
class Meetings:
    """Les réunions d'une instance tenues dans l'année."""

    body: Body
    meetings: list[Meeting]


def meetings(project: Project, year: int, at: dt.date) -> list[Meetings]:
    found = []
    for body in project.governance.bodies:
        held = sorted((m for m in body.meetings if m.date.year == year and m.date <= at), key=lambda m: m.date)
        if held:
            found.append(Meetings(body, held))
    return found


@dataclass
class FunderLine:
    """Ce qu'un financeur apporte dans l'année : prévu, réalisé, et l'année précédente."""

    funder: str | None
    forecast: float
    actual: float | None
    previous_actual: float | None


@dataclass
class Budget:
    """Le budget d'une année : charges et produits prévus et réalisés, produits par financeur, coûts des actions."""

    years: list[BudgetYear]
    previous: list[BudgetYear]
    funders: list[FunderLine]
    action_costs: dict[str | None, float]
    """Funder (None: not named) → the actions' planned costs of the year."""

    def total(self, lines: str, which: str, previous: bool = False) -> float | None:
        years = self.previous if previous else self.years
        values = [getattr(line, which) for budget in years for line in getattr(budget, lines)]
        known = [value for value in values if value is not None]
        return sum(known) if known else None


def _action_cost_of_year(action: Action, year: int) -> dict[str | None, float]:
    costs: dict[str | None, float] = {}
    span = None
    if action.start and action.end and action.end >= action.start:
        span = range(action.start.year, action.end.year + 1)
    for line in action.budget:
        if line.year is not None:
            share = line.amount if line.year == year else 0.0
        elif span is not None:
            share = line.amount / len(span) if year in span else 0.0
        else:
            share = 0.0
        if share:
            costs[line.funder] = costs.get(line.funder, 0.0) + share
    return costs


def budget(project: Project, year: int, budgets: list[BudgetYear]) -> Budget:
    """`budgets` (means.yaml's, or the family project's) for `year` and the year before, with the actions' costs of the year."""
    this = [b for b in budgets if b.year == year]
    before = [b for b in budgets if b.year == year - 1]
    order: list[str | None] = []
    sums: dict[str | None, list] = {}
    for budget_year, index in [(b, 0) for b in this] + [(b, 1) for b in before]:
        for line in budget_year.income:
            if line.funder not in sums:
                order.append(line.funder)
                sums[line.funder] = [0.0, None, None]
            entry = sums[line.funder]
            if index == 0:
                entry[0] += line.forecast or 0
                if line.actual is not None:
                    entry[1] = (entry[1] or 0) + line.actual
            elif line.actual is not None:
                entry[2] = (entry[2] or 0) + line.actual
    funders = [FunderLine(funder, *sums[funder]) for funder in order]
    costs: dict[str | None, float] = {}
    for action in project.actions:
        for funder, amount in _action_cost_of_year(action, year).items():
            costs[funder] = costs.get(funder, 0.0) + amount
    return Budget(this, before, funders, costs)


# The year --------------------------------------------------------------------------


@dataclass
class Year:
    """Tout ce que le bilan d'une année montre, calculé une fois."""

    year: int
    at: dt.date
    actions: list[ActionYear]
    indicators: list[IndicatorYear]
    participation: Participation
    previous_participation: Participation
    meetings: list[Meetings]
    milestones: list
    budget: Budget
    """`means.yaml`'s budget of the year."""
    family_budget: Budget | None
    """The family project's budget of the year (`plan/family.yaml`), when it has one."""
    review: YearReview | None
    previous_done: int
    """Actions whose history says they were done in the previous year."""

    @property
    def planned(self) -> list[ActionYear]:
        return [item for item in self.actions if item.planned]

    @property
    def done(self) -> list[ActionYear]:
        return [item for item in self.actions if item.done is not None]

    @property
    def late(self) -> list[IndicatorYear]:
        return [item for item in self.indicators if item.missing]


def year_of(project: Project, year: int, today: dt.date | None = None) -> Year:
    """The year `year` of `project`, seen from the review day (the first day after the year, or today)."""
    check_year(project, year, today)
    at = review_day(year, today)
    actions = [action_year(action, year, at) for action in project.actions]
    previous_done = sum(1 for a in project.actions if any(c.status == "realisee" and c.date.year == year - 1 for c in a.history))
    indicators = [indicator_year(project, carrier, indicator, year, at) for carrier, indicator in project.plan_indicators()]
    milestones = sorted((m for m in project.governance.milestones if m.date.year == year), key=lambda m: m.date)
    review = project.review_of(year)
    return Year(
        year, at, actions, indicators, participation(project, year, at), participation(project, year - 1, first_day(year)),
        meetings(project, year, at), milestones, budget(project, year, project.means.budget if project.means else []),
        budget(project, year, family) if (family := project.family_project.budget if project.family_project else []) else None, review, previous_done,
    )
