"""`governance.yaml`: steering bodies, référent, conventions and milestones."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, StrictBool

from pst_cli.model.common import BodyRef, Id, PstModel, StakeholderRef, Text


class Meeting(PstModel):
    """Réunion d'une instance."""

    date: dt.date = Field(description="Date de la réunion.")
    minutes: str | None = Field(None, description="Compte rendu ou chemin d'un fichier `.md` du projet.")
    decisions: list[str] = Field(default_factory=list, description="Décisions prises.")


class Body(PstModel):
    """Instance de gouvernance : conseil d'administration, COPIL, comité technique…"""

    id_kinds = ("body",)

    id: Id = Field(description="Identifiant de l'instance, ex. `copil`.")
    name: Text = Field(description="Nom de l'instance.")
    type: Literal[
        "conseil", "copil", "comite-technique", "comite-thematique", "conseil-citoyen", "conseil-de-maison", "conference", "autre"
    ] = Field(
        description="Type d'instance."
    )
    members: list[StakeholderRef] = Field(default_factory=list, description="Membres, par identifiant d'acteur.")
    missions: list[str] = Field(default_factory=list, description="Missions de l'instance.")
    frequency: str | None = Field(None, description="Rythme de réunion : `trimestrielle`, `annuelle`…")
    validates: StrictBool = Field(False, description="Cette instance valide le projet.")
    meetings: list[Meeting] = Field(default_factory=list, description="Réunions tenues.")


class Convention(PstModel):
    """Convention ou accord de partenariat."""

    id_kinds = ("convention",)

    id: Id = Field(description="Identifiant de la convention.")
    title: Text = Field(description="Intitulé.")
    parties: list[StakeholderRef] = Field(default_factory=list, description="Signataires, par identifiant d'acteur.")
    signed: dt.date | None = Field(None, description="Date de signature.")
    start: dt.date | None = Field(None, description="Début de validité.")
    end: dt.date | None = Field(None, description="Fin de validité.")


class GovernanceMilestone(PstModel):
    """Jalon du calendrier du projet."""

    id_kinds = ("milestone",)

    id: Id = Field(description="Identifiant du jalon.")
    date: dt.date = Field(description="Date du jalon.")
    label: Text = Field(description="Intitulé.")
    body: BodyRef | None = Field(None, description="Instance concernée, par identifiant.")


class GovernanceFile(PstModel):
    """`governance.yaml` : gouvernance et pilotage du projet."""

    referent: StakeholderRef | None = Field(None, description="Référent du projet, par identifiant d'acteur.")
    bodies: list[Body] = Field(default_factory=list, description="Instances de gouvernance.")
    conventions: list[Convention] = Field(default_factory=list, description="Conventions de partenariat.")
    milestones: list[GovernanceMilestone] = Field(default_factory=list, description="Jalons du calendrier.")
