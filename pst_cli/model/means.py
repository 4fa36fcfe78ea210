"""`means.yaml`: what the structure has to carry the plan — staff, volunteers, opening,
accessibility, pricing, reception, premises and the budget of each year.

These are the facts behind criteria 5 (feasibility), 6 (accessibility and reception) and
8 (the director's qualification and working time) of a centre social's CAF agrément.
They live in a file of their own rather than in `governance.yaml`: the budget changes
every year and is reviewed by other people (the treasurer, the CAF adviser) than the
governance, and a pull request on the budget should touch the budget only.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StrictBool, StrictFloat, StrictInt, WithJsonSchema

from pst_cli.i18n import t
from pst_cli.model.actions import FundingStatus
from pst_cli.model.common import Id, PstModel, StaffRef, StakeholderRef, Text

StaffRole = Literal["direction", "referent-famille", "accueil", "animation", "coordination", "administration", "entretien", "autre"]
Day = Literal["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
IncomeType = Literal[
    "prestation-agc",
    "prestation-acf",
    "prestation-autre",
    "subvention",
    "participation-usagers",
    "fonds-propres",
    "valorisation",
    "autre",
]
"""Types de recettes : prestations de service CAF « animation globale et coordination » (AGC) et
« animation collective familles » (ACF), autre prestation, subvention, participation des usagers,
fonds propres, valorisation (bénévolat, mise à disposition), autre."""

_TIME = re.compile(r"^(\d{1,2})\s*[:h]\s*(\d{2})?$")


def time_of_day(value: str) -> str:
    """`09:00`, `9:00`, `9h`, `9 h 30` → `09:00`, `09:30`; anything else is refused with the catalogue's words."""
    match = _TIME.match(value.strip())
    hours, minutes = (int(match.group(1)), int(match.group(2) or 0)) if match else (99, 99)
    if hours > 23 or minutes > 59:
        from pydantic_core import PydanticCustomError

        raise PydanticCustomError("time_of_day", t("load.time-of-day"))
    return f"{hours:02d}:{minutes:02d}"


TimeOfDay = Annotated[
    str,
    AfterValidator(time_of_day),
    WithJsonSchema({"type": "string", "pattern": r"^([01]?\d|2[0-3])\s*[:h]\s*([0-5]\d)?$"}),
    Field(description="Heure au format HH:MM, ex. `09:00` (ou `9h`, `9h30`)."),
]


class StaffMember(PstModel):
    """Poste salarié (ou mis à disposition) de la structure."""

    id_kinds = ("staff",)

    id: Id = Field(description="Identifiant du poste, ex. `direction`, `referent-famille`, `accueil-1`.")
    function: Text = Field(description="Intitulé de la fonction : directeur, référente famille, chargée d'accueil…")
    role: StaffRole = Field(
        "autre",
        description="Rôle que vérifient les règles de la CAF : `direction`, `referent-famille` ; sinon `accueil`, "
        "`animation`, `coordination`, `administration`, `entretien`, `autre`.",
    )
    fte: StrictFloat | None = Field(None, ge=0, description="Temps de travail en équivalents temps plein (ETP), ex. `1` ou `0.8`.")
    qualification_level: StrictInt | None = Field(
        None, ge=3, le=8, description="Niveau de qualification du cadre national des certifications, de 3 (CAP) à 8 (doctorat)."
    )
    qualification: str | None = Field(None, description="Diplôme ou certification, ex. DESJEPS, DEIS, CESF.")
    funder: StakeholderRef | None = Field(None, description="Qui finance le poste, par identifiant d'acteur.")
    stakeholder: StakeholderRef | None = Field(None, description="L'acteur de `stakeholders.yaml` qui tient ce poste, s'il y en a un.")
    caf_approved: StrictBool | None = Field(None, description="Recrutement validé par la CAF (référent famille).")
    illustrative: StrictBool = Field(False, description="Donnée d'illustration, à remplacer par une donnée réelle.")


class Volunteers(PstModel):
    """Bénévoles de la structure, en nombre."""

    activities: StrictInt | None = Field(None, ge=0, description="Bénévoles d'activités (animation, accompagnement scolaire…).")
    governance: StrictInt | None = Field(None, ge=0, description="Bénévoles de gouvernance (conseil d'administration, conseil de maison…).")
    note: str | None = Field(None, description="Précisions : heures de bénévolat, formation des bénévoles…")


class OpeningSlot(PstModel):
    """Plage d'ouverture au public."""

    days: list[Day] = Field(min_length=1, description="Jours concernés : lundi, mardi… dimanche.")
    opens: TimeOfDay = Field(description="Heure d'ouverture, ex. `09:00`.")
    closes: TimeOfDay = Field(description="Heure de fermeture, ex. `12:30`.")
    note: str | None = Field(None, description="Précision : période scolaire, vacances, sur rendez-vous…")


class Opening(PstModel):
    """Jours et heures d'ouverture."""

    hours: list[OpeningSlot] = Field(default_factory=list, description="Plages d'ouverture au public.")
    closures: str | None = Field(None, description="Fermetures annuelles.")


class Accessibility(PstModel):
    """Accessibilité de l'équipement."""

    reduced_mobility: StrictBool | None = Field(None, description="L'équipement est accessible aux personnes à mobilité réduite.")
    details: str | None = Field(None, description="Précisions : transports, signalétique, accueil en langue étrangère…")


class Pricing(PstModel):
    """Politique tarifaire."""

    policies: list[Literal["gratuite", "quotient-familial", "adhesion", "forfait", "participation-libre", "autre"]] = Field(
        default_factory=list, description="Modes de tarification : gratuite, quotient-familial, adhesion, forfait, participation-libre, autre."
    )
    details: str | None = Field(None, description="Précisions : montant de l'adhésion, grille du quotient familial…")


class Reception(PstModel):
    """Fonction d'accueil : comment l'accueil et l'écoute des habitants sont organisés au quotidien."""

    organisation: Text = Field(description="Organisation de l'accueil (Markdown) : qui accueille, quand, comment l'orientation se fait.")
    staff: list[StaffRef] = Field(default_factory=list, description="Postes qui assurent l'accueil, par identifiant.")


class ExpenseLine(PstModel):
    """Charge du budget d'une année."""

    label: Text = Field(description="Poste de charge.")
    category: Literal["personnel", "activites", "fonctionnement", "locaux", "valorisation", "autre"] | None = Field(
        None, description="Nature : personnel, activites, fonctionnement, locaux, valorisation, autre."
    )
    forecast: StrictFloat | None = Field(None, ge=0, description="Montant prévu, en euros.")
    actual: StrictFloat | None = Field(None, ge=0, description="Montant réalisé, en euros.")


class IncomeLine(PstModel):
    """Produit du budget d'une année, par financeur."""

    label: Text = Field(description="Intitulé du produit.")
    type: IncomeType | None = Field(
        None,
        description="Type : `prestation-agc`, `prestation-acf` (prestations de service CAF), `prestation-autre`, `subvention`, "
        "`participation-usagers`, `fonds-propres`, `valorisation`, `autre`.",
    )
    funder: StakeholderRef | None = Field(None, description="Financeur, par identifiant d'acteur.")
    forecast: StrictFloat | None = Field(None, ge=0, description="Montant prévu, en euros.")
    actual: StrictFloat | None = Field(None, ge=0, description="Montant réalisé, en euros.")
    status: FundingStatus = Field("demande", description="Financement acquis, demandé ou à rechercher.")


class BudgetYear(PstModel):
    """Budget d'une année : charges et produits, prévus et réalisés."""

    year: StrictInt = Field(ge=1900, le=2100, description="Année du budget.")
    expenses: list[ExpenseLine] = Field(default_factory=list, description="Charges.")
    income: list[IncomeLine] = Field(default_factory=list, description="Produits, par financeur.")
    comment: str | None = Field(None, description="Commentaire.")
    illustrative: StrictBool = Field(False, description="Donnée d'illustration, à remplacer par une donnée réelle.")

    def total(self, lines: str, which: str = "forecast") -> float:
        """Sum of `forecast` (or `actual`) of the `expenses` (or `income`) lines."""
        return sum(getattr(line, which) or 0 for line in getattr(self, lines))


class MeansFile(PstModel):
    """`means.yaml` : les moyens de la structure (personnel, ouverture, accueil, budget par année)."""

    staff: list[StaffMember] = Field(default_factory=list, description="Postes salariés : fonction, ETP, qualification, financeur.")
    volunteers: Volunteers | None = Field(None, description="Bénévoles d'activités et de gouvernance.")
    opening: Opening | None = Field(None, description="Jours et heures d'ouverture.")
    accessibility: Accessibility | None = Field(None, description="Accessibilité (personnes à mobilité réduite).")
    pricing: Pricing | None = Field(None, description="Politique tarifaire (quotient familial…).")
    reception: Reception | None = Field(None, description="Organisation de la fonction d'accueil.")
    premises: str | None = Field(None, description="Locaux et équipements (Markdown).")
    budget: list[BudgetYear] = Field(default_factory=list, description="Budget de chaque année, prévu et réalisé.")
