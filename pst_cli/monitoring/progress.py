"""Where the plan stands (état d'avancement): progress of indicators, late measurements, participation.

Pure functions: a `Project` and a date in, a `Status` out; `pst status` prints it.

Progress of an indicator, from its baseline b, its target t and its latest value v:

- `increase` (hausse souhaitée): (v − b) / (t − b);
- `decrease` (baisse souhaitée): (b − v) / (b − t);
- `maintain` (maintien): 100 % while v stays within `MAINTAIN_TOLERANCE` (5 %) of the
  baseline; beyond it, a regression.

When the target equals the baseline, the indicator is read as `maintain`. The raw
progress is kept (a negative value is a regression, above 100 % the target is
exceeded); what is shown and rolled up is clamped to 0–100 %.

Roll-up: an operational objective's progress is the mean of its indicators' progress;
a general objective's is the mean of its children (its operational objectives and its
own impact indicators), each counting the same; an axis's is the mean of its general
objectives. Indicators without a measurement (or without baseline and target) are left
out of the means and counted as « non mesuré ». Action indicators (réalisation) are
listed apart and not rolled up: an action may serve several objectives.
"""

from __future__ import annotations

import datetime as dt
import typing
from dataclasses import dataclass, field

from pydantic import BaseModel

from pst_cli.i18n import t
from pst_cli.model.common import StakeholderCategory
from pst_cli.model.evaluation import Measurement
from pst_cli.model.plan import Indicator
from pst_cli.monitoring.expected import Due, missing, next_due
from pst_cli.project.aggregate import Project

MAINTAIN_TOLERANCE = 0.05
"""Relative gap to the level to keep within which a `maintain` indicator is on target."""

def raw_progress(indicator: Indicator, value: float) -> float | None:
    """Progress of `value` from baseline to target, unclamped; None when it cannot be computed.

    A `maintain` indicator (or one whose target equals its baseline) is at 1 while `value`
    stays within the tolerance of the baseline; beyond it the progress is negative, by the
    relative gap in excess of the tolerance: a drift is a regression.
    """
    baseline = indicator.baseline
    if baseline is None:
        return None
    base = baseline.value
    if indicator.direction == "maintain" or (indicator.target is not None and indicator.target.value == base):
        tolerance = abs(base) * MAINTAIN_TOLERANCE
        excess = abs(value - base) - tolerance
        if excess <= 0:
            return 1.0
        return -excess / abs(base) if base else -1.0
    if indicator.target is None:
        return None
    target = indicator.target.value
    if indicator.direction == "decrease":
        return (base - value) / (base - target)
    return (value - base) / (target - base)


def clamp(progress: float) -> float:
    return max(0.0, min(1.0, progress))


@dataclass
class IndicatorStatus:
    """État d'un indicateur : dernière mesure, progression, mesures attendues qui manquent."""

    indicator: Indicator
    carrier: str
    """Id of the objective or action that carries the indicator."""
    measurements: list[Measurement] = field(default_factory=list)
    missing: list[Due] = field(default_factory=list)
    """Expected values with no measurement (`monitoring.expected.missing`): late."""
    next: Due | None = None
    """The next value expected, not yet available (`monitoring.expected.next_due`)."""

    @property
    def late_dates(self) -> list[dt.date]:
        """The reference dates of the late values, once each (several territories share a date)."""
        return sorted({due.reference for due in self.missing})

    @property
    def latest(self) -> Measurement | None:
        return self.measurements[-1] if self.measurements else None

    @property
    def raw(self) -> float | None:
        return raw_progress(self.indicator, self.latest.value) if self.latest else None

    @property
    def progress(self) -> float | None:
        """Progress shown and rolled up, clamped to 0–1; None when not measured."""
        return None if self.raw is None else clamp(self.raw)

    @property
    def regression(self) -> bool:
        """The latest value is further from the target than the baseline was."""
        return self.raw is not None and self.raw < 0

    def as_dict(self) -> dict:
        ind = self.indicator
        latest = self.latest
        return {
            "id": ind.id,
            "label": ind.label,
            "carrier": self.carrier,
            "type": ind.type,
            "unit": ind.unit,
            "direction": ind.direction,
            "frequency": ind.frequency,
            "baseline": {"value": ind.baseline.value, "date": ind.baseline.date.isoformat()} if ind.baseline else None,
            "target": {"value": ind.target.value, "date": ind.target.date.isoformat()} if ind.target else None,
            "latest": {"value": latest.value, "date": latest.date.isoformat()} if latest else None,
            "measurements": len(self.measurements),
            "progress": self.progress,
            "raw_progress": self.raw,
            "regression": self.regression,
            "late": [day.isoformat() for day in self.late_dates],
            "late_values": [
                {"date": due.reference.isoformat(), "available": due.available.isoformat(), "territory": due.territory}
                for due in self.missing
            ],
            "next": {"date": self.next.reference.isoformat(), "available": self.next.available.isoformat()} if self.next else None,
        }


@dataclass
class Rollup:
    """Progression d'un objectif ou d'un axe : moyenne de ses enfants mesurés."""

    id: str
    title: str
    level: str
    """`axis`, `general` or `operational`."""
    progress: float | None
    measured: int
    """Indicators under this node that have a progress."""
    unmeasured: int
    """Indicators under this node left out (« non mesuré »)."""
    children: list[Rollup] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "level": self.level,
            "progress": self.progress,
            "measured": self.measured,
            "unmeasured": self.unmeasured,
            "children": [child.as_dict() for child in self.children],
        }


@dataclass
class CategoryParticipation:
    """Participation d'une catégorie d'acteurs aux ateliers."""

    category: str
    label: str
    people: int
    """Sum of the counts of this category over the workshops."""
    workshops: int
    """Workshops where this category was counted or one of its stakeholders was present."""


@dataclass
class Status:
    """L'état d'avancement du projet à une date."""

    at: dt.date
    indicators: list[IndicatorStatus]
    axes: list[Rollup]
    participation: list[CategoryParticipation]
    workshops: int

    @property
    def late(self) -> list[IndicatorStatus]:
        return [item for item in self.indicators if item.missing]

    def as_dict(self) -> dict:
        return {
            "at": self.at.isoformat(),
            "indicators": [item.as_dict() for item in self.indicators],
            "late": [item.indicator.id for item in self.late],
            "axes": [axis.as_dict() for axis in self.axes],
            "participation": {
                "workshops": self.workshops,
                "categories": [
                    {"category": c.category, "label": c.label, "people": c.people, "workshops": c.workshops}
                    for c in self.participation
                ],
            },
        }


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _carrier_id(carrier: BaseModel) -> str:
    return str(getattr(carrier, "id", ""))


def indicator_status(project: Project, indicator: Indicator, carrier: str, at: dt.date) -> IndicatorStatus:
    """Measurements of `indicator` up to `at`, in date order, the values late and the next one expected."""
    values = sorted((m for m in project.measurements if m.indicator == indicator.id and m.date <= at), key=lambda m: m.date)
    return IndicatorStatus(indicator, carrier, values, missing(indicator, values, project, at), next_due(indicator, project, at))


def _node(id_: str, title: str, level: str, children: list[Rollup], own: list[IndicatorStatus]) -> Rollup:
    """A roll-up node: children nodes and the node's own indicators count the same."""
    parts = [child.progress for child in children if child.progress is not None]
    parts += [item.progress for item in own if item.progress is not None]
    measured = sum(child.measured for child in children) + sum(1 for item in own if item.progress is not None)
    unmeasured = sum(child.unmeasured for child in children) + sum(1 for item in own if item.progress is None)
    return Rollup(id_, title, level, _mean(parts), measured, unmeasured, children)


def participation(project: Project, at: dt.date) -> tuple[list[CategoryParticipation], int]:
    """People counted per stakeholder category over the workshops held up to `at`."""
    categories = {stakeholder.id: stakeholder.category for stakeholder in project.stakeholders}
    held = [workshop for workshop in project.workshops if workshop.date <= at]
    rows = []
    for category in typing.get_args(StakeholderCategory):
        people = sum(workshop.participants.counts.get(category, 0) for workshop in held)
        attended = sum(
            1
            for workshop in held
            if workshop.participants.counts.get(category, 0) > 0
            or any(categories.get(sid) == category for sid in workshop.participants.stakeholders)
        )
        rows.append(CategoryParticipation(category, t(f"category.{category}"), people, attended))
    return rows, len(held)


def project_status(project: Project, at: dt.date) -> Status:
    """Progress, late measurements and participation of `project` as of `at`."""
    statuses: dict[int, IndicatorStatus] = {}
    ordered: list[IndicatorStatus] = []
    for carrier, indicator in project.plan_indicators():
        item = indicator_status(project, indicator, _carrier_id(carrier), at)
        statuses[id(indicator)] = item
        ordered.append(item)
    axes = []
    for axis in project.axes:
        generals = []
        for general in axis.general_objectives:
            operationals = [
                _node(oo.id, oo.title, "operational", [], [statuses[id(i)] for i in oo.indicators])
                for oo in general.operational_objectives
            ]
            generals.append(_node(general.id, general.title, "general", operationals, [statuses[id(i)] for i in general.indicators]))
        axes.append(_node(axis.id, axis.title, "axis", generals, []))
    rows, held = participation(project, at)
    return Status(at, ordered, axes, rows, held)


def parse_day(text: str | None) -> dt.date:
    """The date of `--at` (AAAA-MM-JJ), today when none is given."""
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        from pst_cli.errors import PstError

        raise PstError.of("status.invalid-date", value=text) from None
