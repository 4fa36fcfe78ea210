"""Which measurement of an indicator is due when: the one computation `pst status`, `pst check`,
`pst review` and the tracking spreadsheet share, so that they never contradict each other.

A measurement's `date` is its **reference date**: the day its value describes (« au
31/12/2025 »), not the day it was entered or published.

- **Reference dates.** Values are expected at reference dates stepping from the anchor — the
  baseline date, or the project start when there is no baseline — by the indicator's
  frequency (`FREQUENCY_MONTHS`: annual = 12 months…). Only the reference dates inside the
  project period are expected: a baseline of 31/12/2022 for a plan of 2024–2027 expects
  31/12/2024 … 31/12/2027, not 31/12/2023. `fin-de-projet` expects one value, at the target
  date (else the end of the period); `ponctuelle`, or no frequency, none.
- **Availability.** A value is *available* `delay` months after its reference date (`delay`:
  24 for CNAF data, published two years later; none = available at once). A value is late
  only once available, and only from the day after: a value whose availability date is `at`
  or later is not late at `at`.
- **Window.** A measurement may carry any reference date from the baseline date (when it
  predates the period: the values between the baseline and the start are the trend the plan
  starts from) to the end of the period (no end for a departmental PST without one). Outside
  it, `pst check` warns (`indicators/measurement-outside-period`).
- **Territories.** An indicator with `territories` expects one value per territory at each
  reference date (`Due.territory`); a measurement counts for the territory it names.
- **Which measurement fills a due value.** A due value of reference date r is filled by a
  measurement (of its territory) dated in its period: after the previous reference date (the
  anchor for the first) and up to r. For `fin-de-projet`, the period is the twelve months
  before r (a mid-plan value is not the final one).
- **Nature of the value.** `flux` (counted over each period) and `stock` (a state at a date),
  like an indicator without `kind`: each period needs its own value; a later value does not
  tell what was counted, or what the state was, earlier. `cumul` (a total since the start):
  a later value fills every earlier missing period, since the total includes them — the
  person following the plan has nothing left to collect for those periods, and asking for
  a past running total that a later one supersedes would be a false « en retard ».
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from pst_cli.model.evaluation import Measurement
from pst_cli.model.plan import Indicator
from pst_cli.project.aggregate import Project

FREQUENCY_MONTHS = {"mensuelle": 1, "trimestrielle": 3, "semestrielle": 6, "annuelle": 12, "biennale": 24}
"""Months between two expected measurements; `fin-de-projet` expects one at the end, `ponctuelle` none."""

FINAL_PERIOD_MONTHS = 12
"""A `fin-de-projet` value is filled by a measurement of the twelve months up to its reference date."""


@dataclass(frozen=True)
class Due:
    """A value of an indicator the plan expects."""

    reference: dt.date
    """The date the value describes (the measurement's `date`)."""
    available: dt.date
    """`reference` + the indicator's `delay` months: when the value can be known."""
    territory: str | None = None
    """The territory measured, for an indicator with `territories`."""


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by `months` (negative: back); the last day of a month stays the last day (31/12 → 31/12)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    at_month_end = day.day == calendar.monthrange(day.year, day.month)[1]
    return dt.date(year, month, last if at_month_end else min(day.day, last))


def anchor(indicator: Indicator, project: Project) -> dt.date:
    """The date the reference dates step from: the baseline's, else the project start."""
    return indicator.baseline.date if indicator.baseline else project.config.period.start


def window(indicator: Indicator, project: Project) -> tuple[dt.date, dt.date]:
    """Reference dates a measurement of `indicator` may carry without a warning (both ends included).

    From the baseline date when it predates the period (else the period start) to the period
    end (`date.max` for a period without an end).
    """
    period = project.config.period
    start = min(indicator.baseline.date, period.start) if indicator.baseline else period.start
    return start, period.last_day


def _references(indicator: Indicator, project: Project, until: dt.date) -> list[dt.date]:
    """The expected reference dates up to `until` (included), in order."""
    period = project.config.period
    last = min(until, period.last_day)
    if indicator.frequency == "fin-de-projet":
        final = indicator.target.date if indicator.target else period.end
        return [final] if final is not None and period.contains(final) and final <= last else []
    months = FREQUENCY_MONTHS.get(indicator.frequency or "")
    if months is None:
        return []
    start, dates, step = anchor(indicator, project), [], 1
    while (reference := add_months(start, months * step)) <= last:
        if reference >= period.start:
            dates.append(reference)
        step += 1
    return dates


def _dues(indicator: Indicator, references: Iterable[dt.date]) -> list[Due]:
    delay = indicator.delay or 0
    territories = indicator.territories or [None]
    return [Due(reference, add_months(reference, delay), territory) for reference in references for territory in territories]


def expected(indicator: Indicator, project: Project, at: dt.date) -> list[Due]:
    """Every due value of `indicator` whose availability date is strictly before `at`, by reference date then territory."""
    dues = _dues(indicator, _references(indicator, project, at))
    return [due for due in dues if due.available < at]


def next_due(indicator: Indicator, project: Project, at: dt.date) -> Due | None:
    """The first due value not yet available at `at` (available on `at` or later), for « prochaine mesure »."""
    # Up to the end of the period (a final value may be years away); for a period without an end,
    # far enough for the longest step and the delay.
    horizon = project.config.period.end or add_months(at, (indicator.delay or 0) + FREQUENCY_MONTHS["biennale"] + 1)
    for due in _dues(indicator, _references(indicator, project, horizon)):
        if due.available >= at:
            return due
    return None


def _period_start(indicator: Indicator, project: Project, reference: dt.date) -> dt.date:
    """The day after which a measurement fills the value of `reference` (that day excluded): the previous reference date."""
    months = FINAL_PERIOD_MONTHS if indicator.frequency == "fin-de-projet" else FREQUENCY_MONTHS[indicator.frequency or ""]
    return max(anchor(indicator, project), add_months(reference, -months))


def missing(indicator: Indicator, measurements: Iterable[Measurement], project: Project, at: dt.date) -> list[Due]:
    """The expected values (`expected`) with no measurement of `indicator` (and of their territory) in their period.

    `measurements` may hold other indicators' measurements: they are ignored. For a `cumul`
    indicator a later measurement (dated before `at`) also fills the earlier periods.
    """
    dues = expected(indicator, project, at)
    own = [m for m in measurements if m.indicator == indicator.id and m.date <= at]

    def matches(measurement: Measurement, due: Due) -> bool:
        return not indicator.territories or measurement.territory == due.territory

    late = []
    for due in dues:
        start = _period_start(indicator, project, due.reference)
        filled = any(
            matches(m, due) and (start < m.date <= due.reference or (indicator.kind == "cumul" and m.date > due.reference))
            for m in own
        )
        if not filled:
            late.append(due)
    return late


def dues_in_year(indicator: Indicator, project: Project, year: int) -> list[Due]:
    """Every due value whose reference date falls in `year` (available or not yet), for the review and the spreadsheet."""
    return [due for due in _dues(indicator, _references(indicator, project, dt.date(year, 12, 31))) if due.reference.year == year]
