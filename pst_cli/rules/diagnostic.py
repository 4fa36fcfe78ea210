"""The shared diagnostic: every figure is sourced, dated and placed; findings rest on evidence;
and the producers' own rules hold (census figures compared five years apart at least,
values that do not add up, millésimes older than the latest release).

A data point takes its year and geographic level from itself or, failing that, from
its source (`diagnostic/sources.yaml`), since a whole INSEE census table shares one
millésime and one level. Its series (`insee-rp`, `filosofi`, `caf`…) is its source's.
"""

from __future__ import annotations

from collections.abc import Iterator

from pst_cli.findings import Finding
from pst_cli.i18n import t, tn
from pst_cli.model.diagnostic import ContextIndicator, Source
from pst_cli.model.frameworks import CENSUS_MIN_GAP, NOT_SUMMABLE_SERIES, RELEASES_CHECKED, latest_release
from pst_cli.project.aggregate import Project


def _source_of(project: Project, point: ContextIndicator) -> Source | None:
    return project.sources_by_id.get(point.source) if point.source else None


def data_without_source(project: Project) -> Iterator[Finding]:
    """A context data point names no source."""
    for point in project.context_indicators:
        if not point.source:
            yield project.finding(
                point,
                ("id",),
                message=t("rules.diagnostic/data-without-source.message", id=point.id),
                hint=t("rules.diagnostic/data-without-source.hint"),
            )


def data_without_year(project: Project) -> Iterator[Finding]:
    """A context data point has no year, neither its own nor its source's."""
    for point in project.context_indicators:
        source = _source_of(project, point)
        if point.year is None and (source is None or source.year is None):
            yield project.finding(
                point,
                ("id",),
                message=t("rules.diagnostic/data-without-year.message", id=point.id),
                hint=t("rules.diagnostic/data-without-year.hint"),
            )


def data_without_level(project: Project) -> Iterator[Finding]:
    """A context data point has no geographic level, neither its own nor its source's."""
    for point in project.context_indicators:
        source = _source_of(project, point)
        if point.level is None and (source is None or source.level is None):
            yield project.finding(
                point,
                ("id",),
                message=t("rules.diagnostic/data-without-level.message", id=point.id),
                hint=t("rules.diagnostic/data-without-level.hint"),
            )


def old_data(project: Project) -> Iterator[Finding]:
    """A data point or source is older than `checks.max_data_age` years at the start of the project."""
    limit = project.config.checks.max_data_age
    start_year = project.config.period.start.year
    for entity in [*project.sources, *project.context_indicators]:
        if entity.year is not None and start_year - entity.year > limit:
            yield project.finding(
                entity,
                ("year",),
                message=tn(
                    "rules.diagnostic/old-data.message", start_year - entity.year, id=entity.id, year=entity.year, limit=limit
                ),
                hint=t("rules.diagnostic/old-data.hint"),
            )


def finding_without_evidence(project: Project) -> Iterator[Finding]:
    """A finding of the diagnostic rests on no data, workshop or source."""
    for finding in project.findings:
        evidence = finding.evidence
        if not (evidence.data or evidence.workshops or evidence.sources):
            yield project.finding(
                finding,
                ("id",),
                message=t("rules.diagnostic/finding-without-evidence.message", id=finding.id),
                hint=t("rules.diagnostic/finding-without-evidence.hint"),
            )


def _series(project: Project, point: ContextIndicator) -> str | None:
    source = _source_of(project, point)
    return source.series if source else None


def _year(project: Project, point: ContextIndicator) -> int | None:
    source = _source_of(project, point)
    return point.year if point.year is not None else source.year if source else None


def census_too_close(project: Project) -> Iterator[Finding]:
    """A census (INSEE RP) value is compared with another year less than five years apart."""
    for point in project.context_indicators:
        year = _year(project, point)
        if _series(project, point) != "insee-rp" or year is None:
            continue
        for comparison in point.comparisons:
            if comparison.year is not None and comparison.year != year and abs(comparison.year - year) < CENSUS_MIN_GAP:
                yield project.finding(
                    comparison,
                    ("year",),
                    message=t("rules.diagnostic/census-too-close.message", id=point.id, year=year, other=comparison.year),
                    hint=t("rules.diagnostic/census-too-close.hint", gap=CENSUS_MIN_GAP),
                )


def not_summable(project: Project, point: ContextIndicator) -> str | None:
    """Why `point` does not add up (the catalogue's word for it), or None when it does."""
    if point.secret:
        return "secret"
    if point.rounded_to:
        return "rounded"
    if point.not_summable:
        return "not-summable"
    if _series(project, point) in NOT_SUMMABLE_SERIES:
        return "series"
    return None


def sum_of_non_summable(project: Project) -> Iterator[Finding]:
    """A value is declared the sum (`sum_of`) of values that do not add up: secret, rounded (CAF), rates or medians (Filosofi)."""
    by_id = {point.id: point for point in project.context_indicators}
    for point in project.context_indicators:
        for index, part_id in enumerate(point.sum_of):
            part = by_id.get(part_id)
            reason = not_summable(project, part) if part else None
            if reason:
                yield project.finding(
                    point,
                    ("sum_of", index),
                    message=t("rules.diagnostic/sum-of-non-summable.message", id=point.id, part=part_id, reason=t(f"rules.diagnostic/sum-of-non-summable.reason.{reason}")),
                    hint=t("rules.diagnostic/sum-of-non-summable.hint"),
                )


def outdated_release(project: Project) -> Iterator[Finding]:
    """A source of a known series (INSEE RP, Filosofi, CAF) is older than the latest millésime published when the project started."""
    start = project.config.period.start
    for source in project.sources:
        if not source.series or source.year is None:
            continue
        latest = latest_release(source.series, min(start, RELEASES_CHECKED))
        if latest is not None and source.year < latest:
            yield project.finding(
                source,
                ("year",),
                message=t("rules.diagnostic/outdated-release.message", id=source.id, year=source.year, latest=latest),
                hint=t("rules.diagnostic/outdated-release.hint", checked=RELEASES_CHECKED),
            )
