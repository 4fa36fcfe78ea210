"""`workshops/*.yaml`: one file per concertation time (atelier, forum, réunion)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StrictBool, StrictFloat, StrictInt

from pst_cli.model.common import Id, PstModel, StakeholderCategory, StakeholderRef, Text, VotableRef

Phase = Literal[
    "lancement",
    "diagnostic",
    "partage",
    "prospective",
    "thematique",
    "convergence",
    "forum",
    "restructuration",
    "validation",
    "formalisation",
    "presentation",
    "suivi",
    "evaluation",
    "formation",
]
ParticipationLevel = Literal["information", "consultation", "concertation", "co-construction", "codecision"]


class Participants(PstModel):
    """Qui était là : des acteurs par identifiant et des effectifs par catégorie."""

    stakeholders: list[StakeholderRef] = Field(default_factory=list, description="Acteurs présents, par identifiant.")
    counts: dict[StakeholderCategory, Annotated[StrictInt, Field(ge=0)]] = Field(
        default_factory=dict, description="Nombre de participants par catégorie (habitants : toujours en nombre)."
    )


class VoteOption(PstModel):
    """Une option soumise au vote et ce qu'elle a reçu."""

    label: Text = Field(description="Intitulé de l'option.")
    ref: VotableRef | None = Field(None, description="Entité correspondante (enjeu, objectif), par identifiant.")
    tally: StrictInt | None = Field(None, ge=0, description="Gommettes ou voix reçues (vote par gommettes).")
    scores: dict[str, StrictFloat] = Field(default_factory=dict, description="Note par critère (vote multicritère).")


class Criterion(PstModel):
    """Critère de priorisation d'un vote multicritère."""

    id: Id = Field(description="Identifiant du critère.")
    label: Text = Field(description="Intitulé du critère.")
    weight: StrictFloat = Field(1.0, gt=0, description="Poids du critère.")


class Vote(PstModel):
    """Vote pendant l'atelier : gommettes ou priorisation multicritère (agrégats seulement)."""

    id: Id = Field(description="Identifiant du vote.")
    question: Text = Field(description="Ce sur quoi on a voté.")
    method: Literal["gommettes", "multicritere", "main-levee"] = Field("gommettes", description="Mode de vote.")
    voters: StrictInt | None = Field(None, ge=0, description="Nombre de votants.")
    dots_per_participant: StrictInt | None = Field(None, ge=1, description="Gommettes par participant.")
    criteria: list[Criterion] = Field(default_factory=list, description="Critères (vote multicritère).")
    options: list[VoteOption] = Field(default_factory=list, description="Options soumises au vote.")


class Feedback(PstModel):
    """Retour fait aux participants : ce qui leur a été dit de leurs contributions."""

    date: dt.date = Field(description="Date du retour.")
    means: Text = Field(description="Moyen du retour : réunion publique, courrier, affichage, journal de quartier…")
    decisions: list[Text] = Field(default_factory=list, description="Ce qui a été décidé à partir de leurs contributions.")


class Workshop(PstModel):
    """Temps de concertation : atelier, réunion, forum, comité."""

    id_kinds = ("workshop",)

    id: Id = Field(description="Identifiant de l'atelier, ex. `W1` ou `2024-03-12-forum`.")
    title: Text = Field(description="Intitulé de la séance.")
    phase: Phase = Field(description="Étape de la démarche.")
    date: dt.date = Field(description="Date de la séance (AAAA-MM-JJ).")
    place: str | None = Field(None, description="Lieu.")
    format: str | None = Field(None, description="Format : world café, forum ouvert, fresque, jeu des « et si »…")
    participation_level: ParticipationLevel = Field(
        "consultation", description="Niveau de participation (information → codécision)."
    )
    facilitator: StakeholderRef | None = Field(None, description="Acteur qui anime, par identifiant.")
    organisers: list[StakeholderRef] = Field(
        default_factory=list, description="Organismes qui organisent la séance (une formation : CNFPT, mission départementale…)."
    )
    objectives: list[str] = Field(default_factory=list, description="Objectifs de la séance.")
    questions: list[str] = Field(default_factory=list, description="Questions posées aux participants.")
    participants: Participants = Field(default_factory=Participants, description="Participants.")
    outputs: list[str] = Field(default_factory=list, description="Productions de la séance.")
    votes: list[Vote] = Field(default_factory=list, description="Votes.")
    agreements: list[str] = Field(default_factory=list, description="Points d'accord.")
    disagreements: list[str] = Field(default_factory=list, description="Points de désaccord.")
    follow_up: str | None = Field(None, description="Suite donnée aux contributions.")
    feedback: Feedback | None = Field(None, description="Retour fait aux participants après la séance : date, moyen, décisions.")
    minutes: str | None = Field(None, description="Compte rendu (Markdown) ou chemin d'un fichier `.md` du projet.")
    photo_consent: StrictBool | None = Field(None, description="Consentement recueilli pour les photos.")
    illustrative: StrictBool = Field(False, description="Donnée d'illustration, à remplacer par une donnée réelle.")
