"""The shared diagnostic: every figure is sourced, dated and placed; findings rest on evidence.

A data point takes its year and geographic level from itself or, failing that, from
its source (`diagnostic/sources.yaml`), since a whole INSEE census table shares one
millésime and one level.
"""

from __future__ import annotations

from collections.abc import Iterator

from pst_cli.findings import Finding
from pst_cli.i18n import t, tn
from pst_cli.model.diagnostic import ContextIndicator, Source
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
