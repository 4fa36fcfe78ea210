"""`governance.yaml`: steering bodies, référents, conventions and their commitments, milestones,
and the other plans of the territory this one articulates with."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, StrictBool, StrictFloat

from pst_cli.model.common import BodyRef, Id, PstModel, StakeholderRef, Text
from pst_cli.model.frameworks import Theme


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


class Commitment(PstModel):
    """Engagement d'un signataire dans une convention."""

    party: StakeholderRef = Field(description="Signataire qui s'engage, par identifiant d'acteur.")
    text: Text = Field(description="Ce à quoi il s'engage.")
    amount: StrictFloat | None = Field(None, ge=0, description="Montant engagé, en euros, s'il y en a un.")
    themes: list[Theme] = Field(default_factory=list, description="Champs thématiques concernés (CTG).")


class Convention(PstModel):
    """Convention ou accord de partenariat."""

    id_kinds = ("convention",)

    id: Id = Field(description="Identifiant de la convention.")
    title: Text = Field(description="Intitulé.")
    kind: Literal["partenariat", "ctg", "contrat-de-ville", "cof", "financement", "autre"] | None = Field(
        None,
        description="Nature : `partenariat` (convention qui lance un projet départemental), `ctg`, `contrat-de-ville`, "
        "`cof` (convention d'objectifs et de financement CAF), `financement`, `autre`.",
    )
    parties: list[StakeholderRef] = Field(default_factory=list, description="Signataires, par identifiant d'acteur.")
    signed: dt.date | None = Field(None, description="Date de signature.")
    start: dt.date | None = Field(None, description="Début de validité.")
    end: dt.date | None = Field(None, description="Fin de validité.")
    content: str | None = Field(None, description="Contenu de la convention : objet, objectifs communs, durée (Markdown).")
    commitments: list[Commitment] = Field(default_factory=list, description="Engagements de chaque signataire.")


class InstitutionReferent(PstModel):
    """Référent d'une institution partenaire du projet."""

    institution: StakeholderRef = Field(description="Institution représentée, par identifiant d'acteur.")
    referent: StakeholderRef = Field(description="Son référent, par identifiant d'acteur (une fonction, pas un nom).")
    missions: list[Text] = Field(default_factory=list, description="Missions du référent.")


class LinkedPlan(PstModel):
    """Démarche du territoire avec laquelle le projet s'articule (CLS, CTG, ABS…)."""

    kind: Literal["cls", "cucs", "contrat-de-ville", "ctg", "abs", "pedt", "cti", "autre"] = Field(
        description="Nature : `cls` (contrat local de santé), `cucs`, `contrat-de-ville`, `ctg`, `abs`, `pedt` "
        "(projet éducatif de territoire), `cti` (convention territoriale d'insertion), `autre`."
    )
    title: Text = Field(description="Intitulé de la démarche.")
    holder: StakeholderRef | None = Field(None, description="Qui la porte, par identifiant d'acteur.")
    start: dt.date | None = Field(None, description="Début.")
    end: dt.date | None = Field(None, description="Fin.")
    articulation: str | None = Field(None, description="Comment le projet s'y articule : actions communes, instances partagées…")


class GovernanceMilestone(PstModel):
    """Jalon du calendrier du projet."""

    id_kinds = ("milestone",)

    id: Id = Field(description="Identifiant du jalon.")
    date: dt.date = Field(description="Date du jalon.")
    label: Text = Field(description="Intitulé.")
    body: BodyRef | None = Field(None, description="Instance concernée, par identifiant.")
    kind: Literal[
        "evaluation-mi-parcours", "evaluation-finale", "revue-annuelle", "rapport-annuel", "depot", "commission", "signature", "autre"
    ] | None = Field(
        None,
        description="Nature du jalon : `evaluation-mi-parcours`, `evaluation-finale`, `revue-annuelle`, `rapport-annuel`, "
        "`depot` (dépôt du dossier), `commission` (décision du financeur), `signature`, `autre`.",
    )


class GovernanceFile(PstModel):
    """`governance.yaml` : gouvernance et pilotage du projet."""

    referent: StakeholderRef | None = Field(None, description="Référent du projet, par identifiant d'acteur.")
    referents: list[InstitutionReferent] = Field(
        default_factory=list, description="Un référent par institution partenaire (projet départemental), avec ses missions."
    )
    bodies: list[Body] = Field(default_factory=list, description="Instances de gouvernance.")
    conventions: list[Convention] = Field(default_factory=list, description="Conventions de partenariat.")
    milestones: list[GovernanceMilestone] = Field(default_factory=list, description="Jalons du calendrier.")
    linked_plans: list[LinkedPlan] = Field(
        default_factory=list, description="Démarches du territoire avec lesquelles le projet s'articule (CLS, CUCS, CTG, ABS…)."
    )
