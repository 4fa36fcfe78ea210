"""`evaluation/`: the dated values of the plan's indicators (suivi), and the evaluation of
the previous project that a renewal rests on."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, StrictBool, StrictFloat

from pst_cli.model.common import ActionRef, FindingRef, Id, IndicatorRef, ObjectiveRef, PstModel, Text, WorkshopRef
from pst_cli.model.frameworks import EvaluationCriterion
from pst_cli.model.workshops import Participants

Rating = Literal["satisfaisant", "partiel", "insuffisant", "non-evalue"]


class Measurement(PstModel):
    """Mesure datée d'un indicateur."""

    indicator: IndicatorRef = Field(description="Indicateur mesuré, par identifiant.")
    date: dt.date = Field(description="Date de la mesure.")
    value: StrictFloat = Field(description="Valeur mesurée.")
    source: str | None = Field(None, description="Origine de la mesure.")
    territory: Text | None = Field(
        None, description="Territoire mesuré, quand l'indicateur est suivi par territoire (un de ses `territories`)."
    )
    comment: str | None = Field(None, description="Commentaire.")
    illustrative: StrictBool = Field(False, description="Donnée d'illustration, à remplacer par une donnée réelle.")


class MeasurementsFile(PstModel):
    """`evaluation/measurements.yaml` : les mesures des indicateurs."""

    measurements: list[Measurement] = Field(default_factory=list, description="Mesures datées.")


class EvaluationQuestion(PstModel):
    """Question évaluative posée sur le projet précédent."""

    id: Id = Field(description="Identifiant de la question, ex. `Q1`.")
    question: Text = Field(description="La question, ex. « Le centre est-il identifié par les familles des quartiers ? ».")
    criteria: list[EvaluationCriterion] = Field(
        default_factory=list, description="Critères qu'elle examine : pertinence, coherence, efficacite, efficience, impact, durabilite."
    )
    sources: list[str] = Field(default_factory=list, description="Indicateurs, données ou témoignages mobilisés pour y répondre.")
    answer: str | None = Field(None, description="Réponse de l'évaluation (Markdown).")


class Judgement(PstModel):
    """Jugement porté sur un axe, un objectif ou une action du projet précédent, et la décision qui en découle."""

    subject: Text = Field(description="Ce qui est jugé : l'axe, l'objectif ou l'action du projet précédent, par son intitulé.")
    level: Literal["axe", "objectif", "action"] = Field("action", description="Niveau de ce qui est jugé : axe, objectif ou action.")
    ratings: dict[EvaluationCriterion, Rating] = Field(
        default_factory=dict, description="Appréciation par critère : satisfaisant, partiel, insuffisant, non-evalue."
    )
    judgement: str | None = Field(None, description="Ce qu'en dit l'évaluation.")
    decision: Literal["maintenu", "modifie", "abandonne"] = Field(description="Décision pour le nouveau projet : maintenu, modifie ou abandonne.")
    reason: str | None = Field(None, description="La raison de cette décision.")
    findings: list[FindingRef] = Field(default_factory=list, description="Constats du nouveau diagnostic qu'il a nourris, par identifiant.")
    objectives: list[ObjectiveRef] = Field(default_factory=list, description="Axes ou objectifs du nouveau projet qui en découlent.")
    actions: list[ActionRef] = Field(default_factory=list, description="Actions du nouveau projet qui en découlent.")


class PreviousEvaluation(PstModel):
    """`evaluation/previous.yaml` : l'évaluation du projet précédent, sur laquelle repose un renouvellement."""

    project: Text | None = Field(None, description="Intitulé du projet évalué (par défaut `previous_project` de `pst.yaml`).")
    method: str | None = Field(None, description="Comment l'évaluation a été menée (Markdown).")
    questions: list[EvaluationQuestion] = Field(default_factory=list, description="Questions évaluatives et leurs critères.")
    judgements: list[Judgement] = Field(default_factory=list, description="Jugement et décision pour chaque axe ou action du projet précédent.")
    participants: Participants = Field(
        default_factory=Participants, description="Qui a pris part à l'évaluation : acteurs et effectifs par catégorie (habitants comptés)."
    )
    workshops: list[WorkshopRef] = Field(default_factory=list, description="Temps de concertation de l'évaluation, par identifiant.")
    conclusions: str | None = Field(None, description="Ce que l'évaluation retient pour le nouveau projet (Markdown).")
    illustrative: StrictBool = Field(False, description="Donnée d'illustration, à remplacer par une donnée réelle.")
