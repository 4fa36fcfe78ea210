"""Indicators and measurements: complete, dated inside the period, pointing the right way,
and of the right type.

A plan is only evaluable if its indicators say where one starts (valeur de départ),
where one aims (cible), in which unit, measured from which source and how often. A
count of activities done is an output (réalisation), not a result (résultat); a
running total (`kind: cumul`) never goes down; a qualitative indicator's values are
ranks on its scale.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pst_cli.findings import Finding
from pst_cli.i18n import t, tn
from pst_cli.model.plan import GeneralObjective, Indicator
from pst_cli.monitoring.expected import window
from pst_cli.project.aggregate import Project
from pst_cli.project.personal import plain_text
from pst_cli.rules.calendar import outside_key

# « Nombre de <activités> réalisé(e)s / organisé(e)s / proposé(e)s… », matched without accents:
# the first noun counted is an activity and a participle says it was done.
ACTIVITY_COUNT = re.compile(
    r"^\s*(?:nombre|nb)\s+d(?:e|es|u|')\s*(?:temps\s+d.|actions?\s+«?\s*)?"
    r"(?:animations?|actions?|activites?|ateliers?|seances?|sessions?|temps|rencontres?|reunions?|projets?|services?|"
    r"manifestations?|evenements?|fetes?|sorties?|sejours?|permanences?|instances?|formations?|journees?|"
    r"collectifs?|comites?|groupes?|interventions?|visites?|stages?|evenements?)\b"
    r".*\b(?:realise|organise|propose|cree|mene|tenu|anime|mis en place|mise en place|programme|conduit)e?s?\b"
    r"|^\s*number\s+of\s+(?:activities|actions|events|sessions|workshops|meetings|projects|services|outings|trips)\b"
    r".*\b(?:held|organi[sz]ed|run|delivered|offered|created|carried out)\b"
)

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
        for target in [*([indicator.target] if indicator.target else []), *indicator.steps]:
            if not period.contains(target.date):
                yield project.finding(
                    target,
                    ("date",),
                    message=t(
                        outside_key("rules.indicators/target-outside-period.message", period),
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
    """A measurement is dated outside the reference dates its indicator may carry (`monitoring.expected.window`):
    before the period (or before the baseline, when the baseline predates the period) or after its end."""
    period = project.config.period
    indicators = {indicator.id: indicator for _, indicator in project.plan_indicators()}
    windows: dict[str, tuple] = {}  # an indicator has many measurements, and one window
    for measurement in project.measurements:
        bounds = windows.get(measurement.indicator)
        if bounds is None:
            indicator = indicators.get(measurement.indicator)
            bounds = windows[measurement.indicator] = window(indicator, project) if indicator else (period.start, period.last_day)
        start, end = bounds
        if not start <= measurement.date <= end:
            yield project.finding(
                measurement,
                ("date",),
                message=t(
                    outside_key("rules.indicators/measurement-outside-period.message", period),
                    indicator=measurement.indicator,
                    date=measurement.date,
                    start=start,
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


def output_typed_as_result(project: Project) -> Iterator[Finding]:
    """A count of activities done (« Nombre d'animations réalisées ») is typed `resultat`: it is an output indicator."""
    for _, indicator in project.plan_indicators():
        if indicator.type == "resultat" and ACTIVITY_COUNT.search(plain_text(indicator.label)):
            yield project.finding(
                indicator,
                ("type",) if "type" in indicator.model_fields_set else ("label",),
                message=t("rules.indicators/output-typed-as-result.message", id=indicator.id, label=indicator.label),
                hint=t("rules.indicators/output-typed-as-result.hint"),
            )


def baseline_after_start(project: Project) -> Iterator[Finding]:
    """An indicator's baseline is dated after the start of the project: it does not describe the situation the plan starts from."""
    start = project.config.period.start
    for _, indicator in project.plan_indicators():
        if indicator.baseline and indicator.baseline.date > start:
            yield project.finding(
                indicator.baseline,
                ("date",),
                message=t("rules.indicators/baseline-after-start.message", id=indicator.id, date=indicator.baseline.date, start=start),
                hint=t("rules.indicators/baseline-after-start.hint"),
            )


def cumulative_decreases(project: Project) -> Iterator[Finding]:
    """A cumulative indicator (`kind: cumul`) has a measurement below an earlier value."""
    cumulative = {indicator.id: indicator for _, indicator in project.plan_indicators() if indicator.kind == "cumul"}
    if not cumulative:
        return
    by_indicator: dict[str, list] = {}
    for measurement in sorted(project.measurements, key=lambda m: m.date):
        if measurement.indicator in cumulative:
            by_indicator.setdefault(measurement.indicator, []).append(measurement)
    for indicator_id, measurements in by_indicator.items():
        baseline = cumulative[indicator_id].baseline
        highest = (baseline.value, baseline.date) if baseline else None
        for measurement in measurements:
            if highest is not None and measurement.value < highest[0]:
                yield project.finding(
                    measurement,
                    ("value",),
                    message=t(
                        "rules.indicators/cumulative-decreases.message",
                        id=indicator_id,
                        value=f"{measurement.value:g}",
                        date=measurement.date,
                        earlier=f"{highest[0]:g}",
                        earlier_date=highest[1],
                    ),
                    hint=t("rules.indicators/cumulative-decreases.hint"),
                )
            elif highest is None or measurement.value >= highest[0]:
                highest = (measurement.value, measurement.date)


def _ranked(indicator: Indicator, value: float) -> bool:
    return value == int(value) and 1 <= value <= len(indicator.scale)


def off_scale(project: Project) -> Iterator[Finding]:
    """A value of a qualitative indicator (one with a `scale`) is not the rank of one of its levels."""
    qualitative = {indicator.id: indicator for _, indicator in project.plan_indicators() if indicator.scale}
    valued = []
    for indicator in qualitative.values():
        valued += [(indicator, entity) for entity in (indicator.baseline, indicator.target, *indicator.steps) if entity is not None]
    valued += [(qualitative[m.indicator], m) for m in project.measurements if m.indicator in qualitative]
    for indicator, entity in valued:
        if not _ranked(indicator, entity.value):
            yield project.finding(
                entity,
                ("value",),
                message=tn("rules.indicators/off-scale.message", len(indicator.scale), id=indicator.id, value=f"{entity.value:g}"),
                hint=t("rules.indicators/off-scale.hint", levels=" < ".join(f"{rank} {level}" for rank, level in enumerate(indicator.scale, 1))),
            )
