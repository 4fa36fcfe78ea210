"""Building blocks shared by every file of a project.

Each model forbids unknown keys (`extra="forbid"`), so a typo such as `titel:`
is reported instead of silently ignored. Every field carries a description:
it becomes the hover help of editors through the exported JSON Schema.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal

# pst's models use no pydantic plugin, and none installed beside pst should see a project's data:
# pydantic would otherwise scan every installed package's entry points when it builds the first model.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from pydantic import BaseModel, ConfigDict, Field, StringConstraints  # noqa: E402

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=64),
    Field(description="Identifiant court et stable (lettres, chiffres, `.`, `_`, `-`), ex. `A1.OG2`, `caf77`."),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]


@dataclass(frozen=True)
class Ref:
    """Marks a field that names another entity by its id: `Annotated[Id, Ref("stakeholder")]`.

    The reference rules read these marks from the models, so a new field that names an
    entity is checked for dangling ids with no edit anywhere else.
    """

    kind: str
    """The kind of id it names: a kind some model declares in `id_kinds`, or a union of `REF_UNIONS`."""


REF_UNIONS = {"votable": ("objective", "challenge")}
"""Reference kinds that accept the ids of several kinds (a vote option names an enjeu or an objective)."""

StakeholderRef = Annotated[Id, Ref("stakeholder")]
SourceRef = Annotated[Id, Ref("source")]
DataRef = Annotated[Id, Ref("data")]
FindingRef = Annotated[Id, Ref("finding")]
WorkshopRef = Annotated[Id, Ref("workshop")]
ChallengeRef = Annotated[Id, Ref("challenge")]
OperationalRef = Annotated[Id, Ref("operational")]
IndicatorRef = Annotated[Id, Ref("indicator")]
ActionRef = Annotated[Id, Ref("action")]
ObjectiveRef = Annotated[Id, Ref("objective")]
BodyRef = Annotated[Id, Ref("body")]
StaffRef = Annotated[Id, Ref("staff")]
VotableRef = Annotated[Id, Ref("votable")]
Language = Literal["fr", "en"]

StakeholderCategory = Literal[
    "elu",
    "technicien",
    "habitant",
    "benevole",
    "partenaire-institutionnel",
    "partenaire-associatif",
    "financeur",
]
"""Catégories d'acteurs : élu, technicien/salarié, habitant/usager, bénévole/administrateur,
partenaire institutionnel, partenaire associatif, financeur."""


class PstModel(BaseModel):
    """Base of every model: unknown keys are errors, strings are trimmed, `.nan`/`.inf` refused.

    Numbers are `StrictInt`/`StrictFloat` in the models: `true` or `"5"` is not a number,
    exactly as the exported JSON Schema says.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False, defer_build=True)

    id_kinds: ClassVar[tuple[str, ...]] = ()
    """The kinds of id an entity of this model declares with its `id` (none for plain blocks)."""


class Period(PstModel):
    """Période couverte par le projet."""

    start: dt.date = Field(description="Premier jour de la période (AAAA-MM-JJ).")
    end: dt.date | None = Field(
        None,
        description="Dernier jour de la période (AAAA-MM-JJ) ; obligatoire sauf pour un projet `departemental`, "
        "qui n'est pas limité dans le temps.",
    )
    review: dt.date | None = Field(
        None,
        description="Date de la revue annuelle (la première) : elle revient chaque année ; "
        "elle tient lieu de fin pour un projet sans terme.",
    )

    @property
    def open_ended(self) -> bool:
        """True when the period has no end (a departmental PST, "not limited in time")."""
        return self.end is None

    @property
    def last_day(self) -> dt.date:
        """The period's last day; the far future for an open-ended period."""
        return self.end or dt.date.max

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.last_day

    def contains_year(self, year: int) -> bool:
        """Whether the period covers at least one day of `year`."""
        return self.start.year <= year <= self.last_day.year

    def horizon(self, at: dt.date) -> dt.date:
        """How far the period can be followed at `at`: its end, or for an open period 31 December of `at`'s year."""
        return self.end or dt.date(max(at.year, self.start.year), 12, 31)

    def calendar_years(self, at: dt.date) -> range:
        """The calendar years the period covers (up to `at`'s year for an open period)."""
        return range(self.start.year, self.horizon(at).year + 1)

    def years(self) -> float | None:
        """Length of the period in years (365.25 days each); None when it has no end."""
        if self.end is None:
            return None
        return ((self.end - self.start).days + 1) / 365.25


class Personal(PstModel):
    """Données personnelles d'une personne : omises de tout document public (`pst render --public`)."""

    name: str | None = Field(None, description="Nom et prénom de la personne.")
    email: str | None = Field(None, description="Adresse électronique.")
    phone: str | None = Field(None, description="Numéro de téléphone.")
    retention_until: dt.date | None = Field(
        None, description="Date jusqu'à laquelle ces données peuvent être conservées (RGPD)."
    )
