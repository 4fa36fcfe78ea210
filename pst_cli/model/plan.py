"""`plan/`: enjeux, axes → general objectives → operational objectives → indicators."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, StrictBool, StrictFloat, StrictInt

from pst_cli.model.common import ChallengeRef, FindingRef, Id, PstModel, StakeholderRef, Text
from pst_cli.model.frameworks import CnafMission

IndicatorType = Literal["contexte", "moyens", "realisation", "resultat", "impact"]
IndicatorKind = Literal["flux", "stock", "cumul"]
Breakdown = Literal["sexe", "age", "qpv", "quartier", "commune", "csp", "composition-familiale", "autre"]
Direction = Literal["increase", "decrease", "maintain"]
Frequency = Literal["mensuelle", "trimestrielle", "semestrielle", "annuelle", "biennale", "fin-de-projet", "ponctuelle"]


class Baseline(PstModel):
    """Valeur de départ d'un indicateur."""

    value: StrictFloat = Field(description="Valeur de référence.")
    date: dt.date = Field(description="Date de la valeur de référence.")
    source: str | None = Field(None, description="D'où vient la valeur (identifiant de source ou texte).")


class Target(PstModel):
    """Valeur visée d'un indicateur."""

    value: StrictFloat = Field(description="Valeur cible.")
    date: dt.date = Field(description="Date à laquelle la cible doit être atteinte.")


class Indicator(PstModel):
    """Indicateur de suivi ou d'évaluation."""

    id_kinds = ("indicator",)

    id: Id = Field(description="Identifiant de l'indicateur, ex. `I-A1-1`.")
    label: Text = Field(description="Intitulé de l'indicateur.")
    type: IndicatorType = Field("resultat", description="Type : contexte, moyens, réalisation, résultat ou impact.")
    definition: str | None = Field(None, description="Définition précise : ce qui est compté et comment.")
    unit: str | None = Field(None, description="Unité : `animations`, `personnes`, `%`…")
    direction: Direction = Field("increase", description="Sens souhaité : `increase` (hausse), `decrease` (baisse), `maintain`.")
    baseline: Baseline | None = Field(None, description="Valeur de départ, datée et sourcée.")
    target: Target | None = Field(None, description="Cible, datée.")
    steps: list[Target] = Field(default_factory=list, description="Cibles intermédiaires datées (paliers), ex. une par année.")
    source: str | None = Field(None, description="Source et mode de collecte de la mesure.")
    frequency: Frequency | None = Field(None, description="Fréquence de mesure.")
    delay: StrictInt | None = Field(
        None,
        ge=0,
        le=120,
        description="Délai de publication de la source, en mois : la valeur d'une date n'est connue que ce délai "
        "après elle (ex. `24` pour des données CNAF publiées deux ans plus tard). Sans délai, une mesure est attendue à sa date.",
    )
    territories: list[Text] = Field(
        default_factory=list,
        description="Territoires sur lesquels l'indicateur est mesuré séparément (communes d'une intercommunalité, "
        "quartiers) ; chaque mesure nomme alors son `territory`.",
    )
    owner: StakeholderRef | None = Field(None, description="Acteur responsable de la mesure, par identifiant.")
    kind: IndicatorKind | None = Field(
        None,
        description="Nature de la valeur : `flux` (compté sur chaque période), `stock` (un état à une date), "
        "`cumul` (un total depuis le début, qui ne peut pas baisser).",
    )
    method: str | None = Field(None, description="Méthode de calcul : numérateur, dénominateur, règles de comptage.")
    estimate: StrictBool = Field(False, description="Les valeurs sont des estimations (comptage approximatif), non des décomptes.")
    breakdowns: list[Breakdown] = Field(
        default_factory=list, description="Ventilations suivies : sexe, age, qpv, quartier, commune, csp, composition-familiale, autre."
    )
    scale: list[Text] = Field(
        default_factory=list,
        description="Indicateur qualitatif : les niveaux de l'échelle, du plus bas au plus haut ; les valeurs "
        "(départ, cible, mesures) sont alors le rang du niveau, de 1 au nombre de niveaux.",
    )


class OperationalObjective(PstModel):
    """Objectif opérationnel."""

    id_kinds = ("objective", "operational")

    id: Id = Field(description="Identifiant, ex. `A1.OG1.OO2`.")
    title: Text = Field(description="Intitulé de l'objectif opérationnel.")
    description: str | None = Field(None, description="Précisions.")
    priority: StrictInt | None = Field(None, ge=1, description="Rang de priorité (1 = le plus prioritaire).")
    missions: list[CnafMission] = Field(default_factory=list, description="Missions CNAF d'un centre social que l'objectif sert.")
    indicators: list[Indicator] = Field(default_factory=list, description="Indicateurs de résultat.")


class GeneralObjective(PstModel):
    """Objectif général."""

    id_kinds = ("objective",)

    id: Id = Field(description="Identifiant, ex. `A1.OG1`.")
    title: Text = Field(description="Intitulé de l'objectif général.")
    description: str | None = Field(None, description="Précisions.")
    findings: list[FindingRef] = Field(default_factory=list, description="Constats auxquels l'objectif répond.")
    challenges: list[ChallengeRef] = Field(default_factory=list, description="Enjeux auxquels l'objectif répond.")
    missions: list[CnafMission] = Field(default_factory=list, description="Missions CNAF d'un centre social que l'objectif sert.")
    operational_objectives: list[OperationalObjective] = Field(default_factory=list, description="Objectifs opérationnels.")
    indicators: list[Indicator] = Field(default_factory=list, description="Indicateurs d'impact de l'objectif général.")
    examples: list[str] = Field(default_factory=list, description="Exemples d'actions.")


class Axis(PstModel):
    """Axe stratégique : un fichier `plan/axes/*.yaml` par axe."""

    id_kinds = ("objective",)

    id: Id = Field(description="Identifiant de l'axe, ex. `A1`.")
    title: Text = Field(description="Intitulé de l'axe.")
    description: str | None = Field(None, description="Présentation de l'axe.")
    findings: list[FindingRef] = Field(default_factory=list, description="Constats auxquels l'axe répond.")
    challenges: list[ChallengeRef] = Field(default_factory=list, description="Enjeux auxquels l'axe répond.")
    general_objectives: list[GeneralObjective] = Field(default_factory=list, description="Objectifs généraux.")
    illustrative: StrictBool = Field(False, description="Donnée d'illustration, à remplacer par une donnée réelle.")


class Challenge(PstModel):
    """Enjeu."""

    id_kinds = ("challenge",)

    id: Id = Field(description="Identifiant de l'enjeu, ex. `E1`.")
    label: Text = Field(description="Formulation de l'enjeu.")
    description: str | None = Field(None, description="Précisions.")
    findings: list[FindingRef] = Field(default_factory=list, description="Constats dont l'enjeu découle.")
    priority: StrictInt | None = Field(None, ge=1, description="Rang de priorité (1 = le plus prioritaire).")
    status: Literal["retenu", "propose", "fusionne", "ecarte"] = Field(
        "retenu", description="`retenu` dans le projet, `propose`, `fusionne` dans un autre, `ecarte`."
    )
    replaces: list[ChallengeRef] = Field(default_factory=list, description="Enjeux antérieurs que celui-ci reformule ou regroupe.")
    illustrative: StrictBool = Field(False, description="Donnée d'illustration, à remplacer par une donnée réelle.")


class ChallengesFile(PstModel):
    """`plan/challenges.yaml` : les enjeux."""

    challenges: list[Challenge] = Field(default_factory=list, description="Les enjeux.")
