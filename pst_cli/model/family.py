"""`plan/family.yaml`: the family project (projet famille) of a centre social.

The CAF funds it with the « animation collective familles » (ACF) service payment: a
project of its own inside the projet social, led by a référent famille, with its aims,
the actions it gathers (action sheets of `plan/actions/`) and its budget. The CNAF
circular of 18 December 2025 makes a « volet familles » compulsory in every centre
from 2027.
"""

from __future__ import annotations

from pydantic import Field, StrictBool

from pst_cli.model.common import ActionRef, FindingRef, PstModel, StakeholderRef, Text
from pst_cli.model.means import BudgetYear


class FamilyProject(PstModel):
    """`plan/family.yaml` : le projet famille (ACF) du centre social."""

    title: Text | None = Field(None, description="Intitulé du projet famille.")
    referent: StakeholderRef | None = Field(None, description="Référent famille qui le conduit, par identifiant d'acteur.")
    context: str | None = Field(None, description="Ce que le diagnostic dit des familles (Markdown).")
    findings: list[FindingRef] = Field(default_factory=list, description="Constats du diagnostic auxquels il répond.")
    aims: list[Text] = Field(default_factory=list, description="Finalités et objectifs du projet famille.")
    actions: list[ActionRef] = Field(default_factory=list, description="Fiches actions qu'il rassemble, par identifiant.")
    budget: list[BudgetYear] = Field(default_factory=list, description="Budget du projet famille par année (dont la prestation ACF).")
    evaluation: str | None = Field(None, description="Comment le projet famille sera évalué (Markdown).")
    illustrative: StrictBool = Field(False, description="Donnée d'illustration, à remplacer par une donnée réelle.")
