"""`evaluation/reviews/<year>.yaml`: what only people can write in the yearly review.

`pst review --year Y` computes most of the review from the project (actions, indicators,
workshops, budget, meetings, Git history). What is left is the year's own words: its
highlights, its perspectives, the opinions of the conseils citoyens that a contrat de
ville's yearly report must attach (décret 2015-1118), and the follow-up given to them.
One file per year, so that the review of a year is one small pull request.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, StrictBool, StrictInt

from pst_cli.model.common import ActionRef, BodyRef, IndicatorRef, PstModel, Text


class ReviewOpinion(PstModel):
    """Avis d'une instance (conseil citoyen, conseil municipal, signataire) sur le projet de bilan ou de rapport."""

    body: BodyRef = Field(description="Instance qui donne son avis (un conseil citoyen de `governance.yaml`), par identifiant.")
    date: dt.date | None = Field(None, description="Date de l'avis.")
    verdict: Literal["favorable", "reserve", "defavorable", "repute-favorable"] | None = Field(
        None,
        description="Sens de l'avis : `favorable`, `reserve` (avec réserves), `defavorable`, `repute-favorable` "
        "(pas de réponse dans le délai d'un mois).",
    )
    text: str | None = Field(None, description="Texte de l'avis, ou son résumé (Markdown).")
    attachment: str | None = Field(None, description="Document de l'avis joint en annexe (nom ou chemin du fichier transmis).")


class ReviewNote(PstModel):
    """Commentaire de l'année sur une action ou un indicateur."""

    action: ActionRef | None = Field(None, description="Action commentée, par identifiant.")
    indicator: IndicatorRef | None = Field(None, description="Indicateur commenté, par identifiant.")
    text: Text = Field(description="Ce qu'il faut retenir de l'année pour cette action ou cet indicateur.")


class YearReview(PstModel):
    """`evaluation/reviews/<année>.yaml` : le texte propre au bilan d'une année (faits marquants, avis, perspectives)."""

    year: StrictInt = Field(ge=1900, le=2100, description="Année dont le fichier fait le bilan (celle du nom du fichier).")
    highlights: str | None = Field(None, description="Faits marquants de l'année (Markdown).")
    perspectives: str | None = Field(None, description="Perspectives pour l'année suivante et améliorations nécessaires (Markdown).")
    presented: dt.date | None = Field(
        None, description="Date à laquelle le bilan est présenté à l'instance qui le reçoit (conseil, COPIL, conseil communautaire)."
    )
    presented_to: BodyRef | None = Field(None, description="Instance à laquelle il est présenté, par identifiant.")
    opinions: list[ReviewOpinion] = Field(
        default_factory=list, description="Avis des conseils citoyens (contrat de ville : joints au rapport) et des autres instances."
    )
    follow_up: str | None = Field(None, description="Suites réservées aux avis et observations reçus (Markdown).")
    notes: list[ReviewNote] = Field(default_factory=list, description="Commentaires de l'année sur des actions ou des indicateurs.")
    illustrative: StrictBool = Field(False, description="Donnée d'illustration, à remplacer par une donnée réelle.")
