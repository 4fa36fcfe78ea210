"""Indicators and measurements: complete, dated inside the period, pointing the right way.

A plan is only evaluable if its indicators say where one starts (valeur de départ),
where one aims (cible), in which unit, measured from which source and how often.
"""

from __future__ import annotations

from collections.abc import Iterator

from pst_cli.findings import Finding
from pst_cli.i18n import t, tn
from pst_cli.model.plan import GeneralObjective
from pst_cli.project.aggregate import Project

REQUIRED_FIELDS = ("baseline", "target", "unit", "source", "frequency")
"""Fields a result indicator needs; each is named in messages by `rules.indicators/incomplete-result-indicator.field.<name>`."""


def incomplete_result_indicator(project: Project) -> Iterator[Finding]:
    """A result indicator lacks its baseline, target, unit, source or frequency."""
    for _, indicator in project.plan_indicators():
        if indicator.type != "resultat":
            continue
        missing = [name for name in REQUIRED_FIELDS if getattr(indicator, name) in (None, "")]
        if missing:
            fields = ", ".join(t(f"rules.indicators/incomplete-result-indicator.field.{name}") for name in missing)
            yield project.finding(
                indicator,
                ("id",),
                message=tn("rules.indicators/incomplete-result-indicator.message", len(missing), id=indicator.id, fields=fields),
                hint=t("rules.indicators/incomplete-result-indicator.hint"),
            )


def target_outside_period(project: Project) -> Iterator[Finding]:
    """An indicator's target date falls outside the project period."""
    period = project.config.period
    for _, indicator in project.plan_indicators():
        target = indicator.target
        if target and not period.start <= target.date <= period.end:
            yield project.finding(
                target,
                ("date",),
                message=t(
                    "rules.indicators/target-outside-period.message",
                    id=indicator.id,
                    date=target.date,
                    start=period.start,
                    end=period.end,
                ),
                hint=t("rules.indicators/target-outside-period.hint"),
            )


def baseline_after_target(project: Project) -> Iterator[Finding]:
    """An indicator's baseline is dated after its target."""
    for _, indicator in project.plan_indicators():
        if indicator.baseline and indicator.target and indicator.baseline.date > indicator.target.date:
            yield project.finding(
                indicator.baseline,
                ("date",),
                message=t(
                    "rules.indicators/baseline-after-target.message",
                    id=indicator.id,
                    baseline=indicator.baseline.date,
                    target=indicator.target.date,
                ),
                hint=t("rules.indicators/baseline-after-target.hint"),
            )


def direction_mismatch(project: Project) -> Iterator[Finding]:
    """A target contradicts the indicator's direction (below the baseline for `increase`, above for `decrease`)."""
    for _, indicator in project.plan_indicators():
        baseline, target = indicator.baseline, indicator.target
        if not baseline or not target:
            continue
        wrong = (indicator.direction == "increase" and target.value <= baseline.value) or (
            indicator.direction == "decrease" and target.value >= baseline.value
        )
        if wrong:
            yield project.finding(
                target,
                ("value",),
                message=t(
                    f"rules.indicators/direction-mismatch.message.{indicator.direction}",
                    id=indicator.id,
                    target=f"{target.value:g}",
                    baseline=f"{baseline.value:g}",
                ),
                hint=t("rules.indicators/direction-mismatch.hint"),
            )


def measurement_outside_period(project: Project) -> Iterator[Finding]:
    """A measurement is dated outside the project period."""
    period = project.config.period
    for measurement in project.measurements:
        if not period.start <= measurement.date <= period.end:
            yield project.finding(
                measurement,
                ("date",),
                message=t(
                    "rules.indicators/measurement-outside-period.message",
                    indicator=measurement.indicator,
                    date=measurement.date,
                    start=period.start,
                    end=period.end,
                ),
                hint=t("rules.indicators/measurement-outside-period.hint"),
            )


def impact_below_general_objective(project: Project) -> Iterator[Finding]:
    """An impact indicator is attached to an operational objective or an action."""
    for carrier, indicator in project.plan_indicators():
        if indicator.type == "impact" and not isinstance(carrier, GeneralObjective):
            yield project.finding(
                indicator,
                ("type",),
                message=t("rules.indicators/impact-below-general-objective.message", id=indicator.id, carrier=carrier.id),
                hint=t("rules.indicators/impact-below-general-objective.hint"),
            )


def action_without_output_indicator(project: Project) -> Iterator[Finding]:
    """An action has no output indicator."""
    for action in project.actions:
        if action.status == "abandonnee":
            continue
        if not any(indicator.type == "realisation" for indicator in action.indicators):
            yield project.finding(
                action,
                ("id",),
                message=t("rules.indicators/action-without-output-indicator.message", id=action.id),
                hint=t("rules.indicators/action-without-output-indicator.hint"),
            )
