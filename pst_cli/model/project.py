"""The project file, `pst.yaml`: what the plan is, for whom, when, and how it is checked."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, StrictFloat, StrictInt

from pst_cli.model.common import Id, Language, Period, PstModel, Text

ProjectKind = Literal["centre-social", "pst", "abs", "ctg", "contrat-de-ville", "departemental"]
Method = Literal["copas", "questembert", "centre-social", "departement", "minimal", "other"]
Chapter = Literal[
    "synthesis",
    "identity",
    "method",
    "evaluation-previous",
    "diagnostic",
    "challenges",
    "plan",
    "actions",
    "means",
    "governance",
    "evaluation",
    "calendar",
    "appendices",
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


class ProjectFile(PstModel):
    """`pst.yaml` : l'identité du projet social."""

    title: Text = Field(description="Titre du document, tel qu'il figure sur la couverture.")
    subtitle: str | None = Field(None, description="Sous-titre facultatif.")
    kind: ProjectKind = Field(
        description="Nature du projet : `centre-social` (agrément CAF), `pst`, `abs`, `ctg`, `contrat-de-ville`, `departemental`."
    )
    structure: Structure = Field(description="Structure porteuse.")
    territory: Territory = Field(description="Territoire d'intervention.")
    period: Period = Field(description="Période couverte par le projet.")
    language: Language | None = Field(None, description="Langue des messages et du document : `fr` (par défaut) ou `en`.")
    method: Method | None = Field(None, description="Méthode d'élaboration suivie (voir `pst init --method`).")
    summary: str | None = Field(None, description="Synthèse d'une page, en Markdown.")
    logo: str | None = Field(None, description="Image de couverture (chemin relatif au projet, PNG ou JPEG).")
    budget: StrictFloat | None = Field(None, ge=0, description="Budget total prévu pour la période, en euros.")
    previous_project: Id | None = Field(None, description="Identifiant ou millésime du projet précédent, s'il y en a eu un.")
    sections: list[Section] = Field(default_factory=list, description="Chapitres rédigés en Markdown et leur place.")
    checks: ChecksConfig = Field(default_factory=ChecksConfig, description="Réglage des vérifications.")
