"""`stakeholders.yaml`: the actors of the territory (acteurs) and their relations."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, StrictBool, StrictInt

from pst_cli.model.common import Id, Personal, PstModel, StakeholderCategory, StakeholderRef, Text


class Relation(PstModel):
    """Lien entre deux acteurs, pour la cartographie des acteurs."""

    to: StakeholderRef = Field(description="Identifiant de l'acteur lié.")
    kind: Literal["partenariat", "financement", "convention", "tutelle", "reseau", "orientation", "autre"] = Field(
        "partenariat", description="Nature du lien."
    )
    note: str | None = Field(None, description="Précision sur le lien.")


class Group(PstModel):
    """Groupe d'habitants décrit de façon agrégée (jamais nominative)."""

    count: StrictInt = Field(ge=0, description="Nombre de personnes du groupe.")
    neighbourhood: str | None = Field(None, description="Quartier ou commune de résidence.")
    age_band: str | None = Field(None, description="Tranche d'âge, ex. `25-59 ans`.")


class Stakeholder(PstModel):
    """Acteur : une institution, une association, un service, un élu par sa fonction, un groupe d'habitants."""

    id_kinds = ("stakeholder",)

    id: Id = Field(description="Identifiant de l'acteur, ex. `caf77`, `maire`.")
    name: Text = Field(description="Nom de l'organisation ou intitulé de la fonction (pas le nom d'une personne).")
    category: StakeholderCategory = Field(description="Catégorie de l'acteur.")
    organisation: str | None = Field(None, description="Organisation de rattachement.")
    role: str | None = Field(None, description="Rôle dans le projet.")
    influence: StrictInt | None = Field(None, ge=1, le=5, description="Influence sur le projet, de 1 (faible) à 5 (forte).")
    interest: StrictInt | None = Field(None, ge=1, le=5, description="Intérêt pour le projet, de 1 (faible) à 5 (fort).")
    relations: list[Relation] = Field(default_factory=list, description="Liens avec d'autres acteurs.")
    group: Group | None = Field(None, description="Pour un groupe d'habitants : sa description agrégée.")
    personal: Personal | None = Field(None, description="Données personnelles du contact, omises des documents publics.")
    illustrative: StrictBool = Field(False, description="Donnée d'illustration, à remplacer par une donnée réelle.")


class StakeholdersFile(PstModel):
    """`stakeholders.yaml` : la liste des acteurs."""

    stakeholders: list[Stakeholder] = Field(default_factory=list, description="Les acteurs du projet.")
