"""The project file, `pst.yaml`: what the plan is, for whom, when, and how it is checked."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, StrictFloat, StrictInt

from pst_cli.model.common import Language, Period, PstModel, StakeholderRef, Text
from pst_cli.model.frameworks import ProjectKind, Theme

Method = Literal["copas", "questembert", "centre-social", "ctg", "departement", "minimal", "other"]
Chapter = Literal[
    "synthesis",
    "identity",
    "method",
    "evaluation-previous",
    "diagnostic",
    "challenges",
    "plan",
    "missions",
    "actions",
    "family",
    "means",
    "governance",
    "evaluation",
    "calendar",
    "appendices",
    "grid",
]
Severity = Literal["error", "warning", "info", "off"]


class Structure(PstModel):
    """Structure porteuse du projet."""

    name: Text = Field(description="Nom de la structure porteuse (centre social, CCAS, CIAS, ville, département…).")
    type: str | None = Field(None, description="Nature de la structure : association, CCAS, CIAS, commune, EPCI, département…")
    address: str | None = Field(None, description="Adresse du siège ou de l'équipement.")


class Territory(PstModel):
    """Territoire d'intervention."""

    name: Text = Field(description="Nom du territoire (commune, quartier, intercommunalité, département).")
    level: Literal["quartier", "iris", "qpv", "commune", "epci", "departement", "autre"] | None = Field(
        None, description="Échelle géographique du territoire."
    )
    codes: list[str] = Field(default_factory=list, description="Codes officiels (INSEE commune, QPV, EPCI).")
    description: str | None = Field(None, description="Quelques lignes de présentation du territoire.")


class Section(PstModel):
    """Chapitre rédigé librement en Markdown (`sections/*.md`) et placé dans le document."""

    file: str = Field(description="Chemin du fichier Markdown, relatif au projet, ex. `sections/edito.md`.")
    title: str | None = Field(None, description="Titre du chapitre ; par défaut le premier titre du fichier.")
    before: Chapter | None = Field(None, description="Chapitre du document avant lequel placer ce texte.")
    after: Chapter | None = Field(None, description="Chapitre du document après lequel placer ce texte.")


class ChecksConfig(PstModel):
    """Réglage des vérifications de `pst check`."""

    ignore: list[str] = Field(default_factory=list, description="Règles à ne pas appliquer, par identifiant (`plan/too-many-challenges`).")
    severity: dict[str, Severity] = Field(
        default_factory=dict, description="Gravité imposée à une règle : `error`, `warning`, `info` ou `off`."
    )
    max_challenges: StrictInt = Field(7, ge=1, description="Nombre maximal d'enjeux avant un avertissement de lisibilité.")
    max_data_age: StrictInt = Field(5, ge=0, description="Âge maximal (en années) d'une donnée de diagnostic avant qu'elle soit signalée.")
    director_level: StrictInt = Field(
        6, ge=3, le=8, description="Niveau de qualification attendu du directeur d'un centre social (CAF : niveau 6, ex-niveau II)."
    )
    director_fte: StrictFloat = Field(1.0, gt=0, description="Temps de travail attendu du directeur, en ETP (CAF : temps plein).")
    family_referent_level: StrictInt = Field(5, ge=3, le=8, description="Niveau de qualification attendu du référent famille (CAF : niveau 5).")
    family_referent_min_fte: StrictFloat = Field(0.5, gt=0, description="Temps de travail minimal du référent famille, en ETP (CAF : 0,5).")
    family_referent_max_fte: StrictFloat = Field(1.0, gt=0, description="Temps de travail maximal du référent famille, en ETP (CAF : 1).")


class Agrement(PstModel):
    """Agrément CAF d'un centre social ou d'un espace de vie sociale (1 à 4 ans)."""

    number: str | None = Field(None, description="Numéro de l'agrément en cours.")
    current_end: dt.date | None = Field(
        None, description="Fin de l'agrément en cours : la renseigner fait du projet un renouvellement."
    )
    requested_years: StrictInt | None = Field(None, ge=1, le=4, description="Durée d'agrément demandée, de 1 à 4 ans.")
    committee: dt.date | None = Field(None, description="Date de la commission de la CAF qui statue sur la demande.")


class ProjectFile(PstModel):
    """`pst.yaml` : l'identité du projet social."""

    title: Text = Field(description="Titre du document, tel qu'il figure sur la couverture.")
    subtitle: str | None = Field(None, description="Sous-titre facultatif.")
    kind: ProjectKind = Field(
        description="Nature du projet : `centre-social` et `evs` (agrément CAF), `pst` (projet social de territoire d'une ville), "
        "`abs` (analyse des besoins sociaux, un diagnostic), `ctg`, `contrat-de-ville`, `departemental` (sans terme)."
    )
    structure: Structure = Field(description="Structure porteuse.")
    co_holders: list[StakeholderRef] = Field(
        default_factory=list, description="Co-porteurs du projet (ville, CCAS, département…), par identifiant d'acteur."
    )
    territory: Territory = Field(description="Territoire d'intervention.")
    period: Period = Field(description="Période couverte par le projet.")
    language: Language | None = Field(None, description="Langue des messages et du document : `fr` (par défaut) ou `en`.")
    method: Method | None = Field(None, description="Méthode d'élaboration suivie (voir `pst init --method`).")
    summary: str | None = Field(None, description="Synthèse d'une page, en Markdown.")
    logo: str | None = Field(None, description="Image de couverture (chemin relatif au projet, PNG ou JPEG).")
    budget: StrictFloat | None = Field(None, ge=0, description="Budget total prévu pour la période, en euros.")
    adopted: dt.date | None = Field(
        None,
        description="Date d'adoption du projet par l'instance qui le valide (pour une ABS : sa présentation au conseil "
        "d'administration du CCAS ou du CIAS) ; à défaut, la date du dernier atelier de validation tenu.",
    )
    agrement: Agrement | None = Field(None, description="Agrément CAF (centre social, espace de vie sociale).")
    previous_project: Text | None = Field(
        None, description="Intitulé du projet précédent, s'il y en a eu un, ex. « Projet social 2021-2024 » : le projet est alors un renouvellement."
    )
    themes: list[Theme] = Field(default_factory=list, description="Champs thématiques couverts (CTG) : petite-enfance, parentalite…")
    sections: list[Section] = Field(default_factory=list, description="Chapitres rédigés en Markdown et leur place.")
    checks: ChecksConfig = Field(default_factory=ChecksConfig, description="Réglage des vérifications.")
