"""`diagnostic/*.yaml`: sources, context data and findings of the shared diagnostic."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, StrictBool, StrictFloat, StrictInt

from pst_cli.model.common import DataRef, Id, PstModel, SourceRef, Text, WorkshopRef
from pst_cli.model.frameworks import StatisticSeries

GeoLevel = Literal["iris", "qpv", "quartier", "commune", "epci", "departement", "region", "france", "autre"]


class Source(PstModel):
    """Source de données : producteur, millésime, échelle."""

    id_kinds = ("source",)

    id: Id = Field(description="Identifiant de la source, ex. `insee-rp-2021`.")
    producer: Text = Field(description="Producteur : INSEE, CAF, Filosofi, ville, observatoire…")
    title: Text = Field(description="Intitulé de la source ou de l'étude.")
    year: StrictInt | None = Field(None, ge=1900, le=2100, description="Millésime des données.")
    level: GeoLevel | None = Field(None, description="Échelle géographique la plus fine de la source.")
    kind: Literal["statistique", "etude", "enquete", "entretien", "atelier", "administrative", "autre"] = Field(
        "statistique", description="Nature de la source (données « froides » ou « chaudes »)."
    )
    series: StatisticSeries | None = Field(
        None,
        description="Série statistique, pour les règles propres à son producteur : `insee-rp` (recensement), "
        "`filosofi`, `caf`, `france-travail`, `autre`.",
    )
    url: str | None = Field(None, description="Adresse web de la source.")
    file: str | None = Field(None, description="Fichier de la source dans le projet (chemin relatif).")
    limits: str | None = Field(None, description="Limites d'usage : échantillon, secret statistique, ancienneté…")
    illustrative: StrictBool = Field(False, description="Donnée d'illustration, à remplacer par une donnée réelle.")


class SourcesFile(PstModel):
    """`diagnostic/sources.yaml` : les sources du diagnostic."""

    sources: list[Source] = Field(default_factory=list, description="Les sources du diagnostic.")


class Comparison(PstModel):
    """Valeur de comparaison d'une donnée sur un autre territoire."""

    territory: Text = Field(description="Territoire de comparaison : département, France… (le même territoire pour une évolution).")
    value: StrictFloat = Field(description="Valeur sur ce territoire.")
    year: StrictInt | None = Field(
        None, ge=1900, le=2100, description="Année de la valeur comparée, si elle diffère de celle de la donnée (évolution dans le temps)."
    )


class ContextIndicator(PstModel):
    """Donnée de contexte du diagnostic (indicateur de contexte)."""

    id_kinds = ("data",)

    id: Id = Field(description="Identifiant de la donnée, ex. `D-pauvrete`.")
    label: Text = Field(description="Intitulé de la donnée.")
    value: StrictFloat | None = Field(None, description="Valeur ; vide si couverte par le secret statistique.")
    unit: str | None = Field(None, description="Unité : `%`, `habitants`, `€`…")
    year: StrictInt | None = Field(None, ge=1900, le=2100, description="Année de la donnée (millésime).")
    territory: str | None = Field(None, description="Territoire auquel se rapporte la valeur.")
    level: GeoLevel | None = Field(None, description="Échelle géographique de la valeur.")
    source: SourceRef | None = Field(None, description="Identifiant de la source (`diagnostic/sources.yaml`).")
    comparisons: list[Comparison] = Field(default_factory=list, description="Valeurs de comparaison.")
    secret: StrictBool = Field(False, description="Valeur couverte par le secret statistique (Filosofi : nd, ns, so, s).")
    not_summable: StrictBool = Field(False, description="Valeur qui ne s'additionne pas entre territoires (taux, médiane).")
    rounded_to: StrictInt | None = Field(
        None, ge=2, description="Arrondi appliqué par le producteur, ex. `5` pour les effectifs des CAF : la valeur ne s'additionne pas."
    )
    estimate: StrictBool = Field(False, description="Valeur estimée, non comptée.")
    sum_of: list[DataRef] = Field(
        default_factory=list, description="Données dont cette valeur est la somme (par identifiant), ex. le total de plusieurs quartiers."
    )
    illustrative: StrictBool = Field(False, description="Donnée d'illustration, à remplacer par une donnée réelle.")


class ContextIndicatorsFile(PstModel):
    """`diagnostic/indicators.yaml` : les données de contexte."""

    indicators: list[ContextIndicator] = Field(default_factory=list, description="Les données de contexte.")


class Evidence(PstModel):
    """Ce qui étaye un constat."""

    data: list[DataRef] = Field(default_factory=list, description="Données de contexte (`diagnostic/indicators.yaml`).")
    workshops: list[WorkshopRef] = Field(default_factory=list, description="Ateliers où le constat a été exprimé.")
    sources: list[SourceRef] = Field(default_factory=list, description="Sources (études, entretiens).")


class Finding(PstModel):
    """Constat ou besoin issu du diagnostic."""

    id_kinds = ("finding",)

    id: Id = Field(description="Identifiant du constat, ex. `C1`.")
    statement: Text = Field(description="Le constat, en une ou deux phrases.")
    type: Literal["besoin", "ressource", "manque", "force", "faiblesse", "opportunite", "menace"] = Field(
        "besoin", description="Nature du constat."
    )
    theme: str | None = Field(None, description="Thème : famille, jeunesse, emploi, santé, logement…")
    evidence: Evidence = Field(default_factory=Evidence, description="Ce qui étaye le constat.")
    publics: list[str] = Field(default_factory=list, description="Publics concernés.")
    illustrative: StrictBool = Field(False, description="Donnée d'illustration, à remplacer par une donnée réelle.")


class FindingsFile(PstModel):
    """`diagnostic/findings.yaml` : les constats du diagnostic."""

    findings: list[Finding] = Field(default_factory=list, description="Les constats et besoins.")
