"""The shared diagnostic: every figure is sourced, dated and placed; findings rest on evidence.

A data point takes its year and geographic level from itself or, failing that, from
its source (`diagnostic/sources.yaml`), since a whole INSEE census table shares one
millésime and one level.
"""

from __future__ import annotations

from collections.abc import Iterator

from pst_cli.findings import Finding
from pst_cli.model.diagnostic import ContextIndicator, Source
from pst_cli.project.aggregate import Project


def _source_of(project: Project, point: ContextIndicator) -> Source | None:
    return project.sources_by_id.get(point.source) if point.source else None


def data_without_source(project: Project) -> Iterator[Finding]:
    """A context data point names no source.

    FR : un chiffre sans source ne peut être ni vérifié ni mis à jour, et un financeur
    le contestera. Indiquez `source:` (identifiant d'une source de
    `diagnostic/sources.yaml` : producteur, intitulé, millésime).
    EN: a figure without a source can be neither checked nor updated. Set `source:` to
    the id of a source in `diagnostic/sources.yaml`.
    """
    for point in project.context_indicators:
        if not point.source:
            yield project.finding(point,
                ("id",),
                message=project.say(f"la donnée « {point.id} » n'a pas de source", f"data point '{point.id}' has no source"),
                hint=project.say(
                    "Ajoutez `source:` avec l'identifiant d'une source de diagnostic/sources.yaml.",
                    "Add `source:` with the id of a source in diagnostic/sources.yaml.",
                ),
            )


def data_without_year(project: Project) -> Iterator[Finding]:
    """A context data point has no year, neither its own nor its source's.

    FR : une donnée sans millésime ne peut pas être comparée ni jugée récente. Indiquez
    `year:` sur la donnée ou sur sa source.
    EN: a figure without a year can be neither compared nor judged recent. Set `year:`
    on the data point or on its source.
    """
    for point in project.context_indicators:
        source = _source_of(project, point)
        if point.year is None and (source is None or source.year is None):
            yield project.finding(point,
                ("id",),
                message=project.say(f"la donnée « {point.id} » n'a pas d'année", f"data point '{point.id}' has no year"),
                hint=project.say("Ajoutez `year:` (millésime) à la donnée ou à sa source.", "Add `year:` to the data point or its source."),
            )


def data_without_level(project: Project) -> Iterator[Finding]:
    """A context data point has no geographic level, neither its own nor its source's.

    FR : un taux à la commune et un taux au quartier prioritaire ne se comparent pas.
    Indiquez `level:` (iris, qpv, quartier, commune, epci, departement…) sur la donnée
    ou sur sa source.
    EN: a rate for a town and one for a priority neighbourhood do not compare. Set
    `level:` on the data point or on its source.
    """
    for point in project.context_indicators:
        source = _source_of(project, point)
        if point.level is None and (source is None or source.level is None):
            yield project.finding(point,
                ("id",),
                message=project.say(
                    f"la donnée « {point.id} » n'a pas d'échelle géographique", f"data point '{point.id}' has no geographic level"
                ),
                hint=project.say("Ajoutez `level:` à la donnée ou à sa source.", "Add `level:` to the data point or its source."),
            )


def old_data(project: Project) -> Iterator[Finding]:
    """A data point or source is older than `checks.max_data_age` years (5 by default) at the start of the project.

    FR : un diagnostic s'appuie sur les derniers millésimes disponibles ; une donnée trop
    ancienne décrit un territoire qui a changé. Mettez-la à jour, ou dites dans
    `limits:` de la source pourquoi elle reste la meilleure disponible. Le seuil se règle
    par `checks.max_data_age` dans pst.yaml ; l'âge est compté depuis le début du projet.
    EN: a diagnostic uses the latest available data; old figures describe a territory
    that has changed. Update them, or say in the source's `limits:` why they remain the
    best available. The threshold is `checks.max_data_age` in pst.yaml, counted from the
    start of the project.
    """
    limit = project.config.checks.max_data_age
    start_year = project.config.period.start.year
    for entity in [*project.sources, *project.context_indicators]:
        if entity.year is not None and start_year - entity.year > limit:
            age = start_year - entity.year
            yield project.finding(entity,
                ("year",),
                message=project.say(
                    f"« {entity.id} » date de {entity.year}, {age} ans avant le début du projet (au-delà de {limit})",
                    f"'{entity.id}' dates from {entity.year}, {age} years before the project starts (more than {limit})",
                ),
                hint=project.say(
                    "Utilisez un millésime plus récent, ou réglez `checks.max_data_age` dans pst.yaml.",
                    "Use more recent data, or set `checks.max_data_age` in pst.yaml.",
                ),
            )


def finding_without_evidence(project: Project) -> Iterator[Finding]:
    """A finding of the diagnostic rests on no data, workshop or source.

    FR : un constat partagé s'appuie sur des données « froides » (chiffres) ou
    « chaudes » (paroles d'habitants et de partenaires). Citez sous `evidence:` les
    données, ateliers ou sources qui l'étayent.
    EN: a shared finding rests on "cold" data (figures) or "warm" data (what residents and
    partners said). List under `evidence:` the data, workshops or sources behind it.
    """
    for finding in project.findings:
        evidence = finding.evidence
        if not (evidence.data or evidence.workshops or evidence.sources):
            yield project.finding(finding,
                ("id",),
                message=project.say(
                    f"le constat « {finding.id} » ne cite aucune donnée, aucun atelier ni aucune source",
                    f"finding '{finding.id}' cites no data, workshop or source",
                ),
                hint=project.say(
                    "Ajoutez `evidence:` avec `data:`, `workshops:` ou `sources:`.",
                    "Add `evidence:` with `data:`, `workshops:` or `sources:`.",
                ),
            )
