"""`plan/actions/*.yaml`: one action sheet (fiche action) per file."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, StrictBool, StrictFloat, StrictInt

from pst_cli.model.common import Id, OperationalRef, PstModel, StakeholderRef, Text
from pst_cli.model.frameworks import CnafMission, Theme
from pst_cli.model.plan import Indicator

FundingStatus = Literal["acquis", "demande", "a-rechercher"]
ActionStatus = Literal["prevue", "en-cours", "realisee", "abandonnee"]


class Partner(PstModel):
    """Partenaire d'une action et son rôle."""

    stakeholder: StakeholderRef = Field(description="Acteur partenaire, par identifiant.")
    role: str | None = Field(None, description="Son rôle dans l'action.")


class CostLine(PstModel):
    """Ligne de budget d'une action et son financement."""

    label: Text = Field(description="Poste de dépense.")
    amount: StrictFloat = Field(ge=0, description="Montant en euros.")
    funder: StakeholderRef | None = Field(
        None, description="Financeur, par identifiant d'acteur ; pour un financement `a-rechercher`, le financeur visé s'il est connu."
    )
    status: FundingStatus = Field("demande", description="Financement acquis, demandé ou à rechercher (`a-rechercher` : reste à trouver).")
    year: StrictInt | None = Field(
        None, ge=1900, le=2100, description="Année de la dépense ; sans année, le montant est réparti sur les années de l'action."
    )


class Milestone(PstModel):
    """Étape datée."""

    date: dt.date = Field(description="Date de l'étape.")
    label: Text = Field(description="Ce qui doit être fait à cette date.")


class StatusChange(PstModel):
    """Changement daté de l'état d'avancement d'une action."""

    date: dt.date = Field(description="Date du changement.")
    status: ActionStatus = Field(description="Nouvel état : prevue, en-cours, realisee ou abandonnee.")
    note: str | None = Field(None, description="Pourquoi l'état change (obligatoire en pratique quand il recule).")


class Action(PstModel):
    """Fiche action."""

    id_kinds = ("action",)

    id: Id = Field(description="Identifiant de l'action, ex. `FA-01`.")
    title: Text = Field(description="Intitulé de l'action.")
    objectives: list[OperationalRef] = Field(default_factory=list, description="Objectifs opérationnels servis, par identifiant.")
    context: str | None = Field(None, description="Contexte et constats à l'origine de l'action.")
    description: str | None = Field(None, description="Description de l'action.")
    publics: list[str] = Field(default_factory=list, description="Publics visés : enfants, jeunes, familles, seniors…")
    expected_participants: StrictInt | None = Field(None, ge=0, description="Nombre de participants attendus.")
    place: str | None = Field(None, description="Lieu.")
    lead: StakeholderRef | None = Field(None, description="Structure pilote, par identifiant d'acteur.")
    referent: StakeholderRef | None = Field(None, description="Référent de l'action, par identifiant d'acteur.")
    partners: list[Partner] = Field(default_factory=list, description="Partenaires et leur rôle.")
    staff_fte: StrictFloat | None = Field(None, ge=0, description="Moyens humains en équivalents temps plein.")
    means: str | None = Field(None, description="Moyens matériels.")
    budget: list[CostLine] = Field(default_factory=list, description="Budget et financements.")
    start: dt.date | None = Field(None, description="Date de début.")
    end: dt.date | None = Field(None, description="Date de fin.")
    milestones: list[Milestone] = Field(default_factory=list, description="Étapes.")
    status: ActionStatus = Field("prevue", description="État d'avancement.")
    history: list[StatusChange] = Field(
        default_factory=list, description="Historique daté de l'état d'avancement, du plus ancien au plus récent."
    )
    family: StrictBool = Field(False, description="Action du volet famille.")
    missions: list[CnafMission] = Field(default_factory=list, description="Missions CNAF d'un centre social que l'action sert.")
    themes: list[Theme] = Field(default_factory=list, description="Champs thématiques de l'action (CTG).")
    expected_results: list[str] = Field(default_factory=list, description="Résultats attendus.")
    indicators: list[Indicator] = Field(default_factory=list, description="Indicateurs de réalisation de l'action.")
    previous_evaluation: str | None = Field(None, description="Si l'action est reconduite : ce qu'a dit son évaluation.")
    illustrative: StrictBool = Field(False, description="Donnée d'illustration, à remplacer par une donnée réelle.")
