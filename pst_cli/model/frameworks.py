"""What each kind of plan answers to: the facts of the official frameworks, in one place.

A *projet social* is judged against its framework: the CAF agrément of a centre social
or an espace de vie sociale (circular 2012-013), the ABS of a CCAS (article R123-1 of the
CASF, décret 2016-824), the CTG signed with the CAF, the contrat de ville « Engagements
Quartiers 2030 », the departmental PST (Seine-Saint-Denis, seed 004). The rules, `pst
init`, the document and the conformity grid read those facts here, never from copies:

- `KINDS`: per kind of project, how long it may last, whether its period may stay open,
  whether it has an action plan at all (an ABS is a diagnostic), whether the CAF grants
  it an agrément;
- the tables the rules compare dates with: municipal election years, the contrat de
  ville's generation and mid-term review, the producers' releases of statistics;
- the code lists of the format that come from those texts: the CNAF missions of a
  centre social, the thematic fields of a CTG, the evaluation criteria.

Figures that are local habits rather than texts (the director's level, the référent
famille's working time) are defaults of `checks:` in `pst.yaml` (`model/project.py`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal, get_args

ProjectKind = Literal["centre-social", "evs", "pst", "abs", "ctg", "contrat-de-ville", "departemental"]
"""Nature du projet : projet social d'un centre social ou d'un espace de vie sociale (agrément
CAF), projet social de territoire d'une ville, ABS d'un CCAS/CIAS, CTG, contrat de ville,
projet social de territoire départemental."""


@dataclass(frozen=True)
class KindFacts:
    """What the framework of one kind of project says about its length and its content."""

    name: str
    min_years: int | None = None
    max_years: int | None = None
    """Bounds of the period's length in years (CAF agrément 1–4, CTG 1–5)."""
    bounds: tuple[dt.date, dt.date] | None = None
    """Dates the period must fall inside (the contrats de ville of 2024–2030)."""
    open_ended: bool = False
    """`period.end` may be left out: the plan is not limited in time and has a yearly review instead."""
    action_plan: bool = True
    """False for a diagnostic only (ABS): rules about objectives, indicators and actions do not apply."""
    agrement: bool = False
    """The CAF grants an agrément (centre social, EVS): renewal, `agrement:` block, CNAF missions."""


CONTRAT_DE_VILLE_PERIOD = (dt.date(2024, 1, 1), dt.date(2030, 12, 31))
CONTRAT_DE_VILLE_MID_TERM = 2027
"""Year of the mid-term review of the contrats de ville 2024–2030."""

KINDS: dict[str, KindFacts] = {
    "centre-social": KindFacts("centre-social", min_years=1, max_years=4, agrement=True),
    "evs": KindFacts("evs", min_years=1, max_years=4, agrement=True),
    "pst": KindFacts("pst"),
    "abs": KindFacts("abs", action_plan=False),
    "ctg": KindFacts("ctg", min_years=1, max_years=5),
    "contrat-de-ville": KindFacts("contrat-de-ville", bounds=CONTRAT_DE_VILLE_PERIOD),
    "departemental": KindFacts("departemental", open_ended=True),
}
assert set(KINDS) == set(get_args(ProjectKind))

ALL_KINDS = frozenset(KINDS)
ACTION_PLAN_KINDS = frozenset(name for name, facts in KINDS.items() if facts.action_plan)
"""Every kind with an action plan: all but the ABS."""
AGREMENT_KINDS = frozenset(name for name, facts in KINDS.items() if facts.agrement)
"""Centre social and EVS, whose project the CAF approves."""
CLOSED_KINDS = frozenset(name for name, facts in KINDS.items() if not facts.open_ended)
"""Kinds whose period must have an end."""

MUNICIPAL_ELECTIONS = (2014, 2020, 2026, 2032)
"""Years of the general renewals of the municipal councils. An ABS is presented to the CCAS or
CIAS board in the calendar year that follows one (R123-1 CASF): 2015, 2021, 2027, 2033."""


def abs_years() -> tuple[int, ...]:
    """The years in which an ABS is due: the year after each municipal election."""
    return tuple(year + 1 for year in MUNICIPAL_ELECTIONS)


# The CNAF missions of a centre social (circular 2012-013): two general missions, shared
# with the EVS, and five complementary ones for centres sociaux only.
CnafMission = Literal[
    "lieu-de-proximite",
    "projets-habitants",
    "accueil-ecoute",
    "familles-publics-fragiles",
    "actions-adaptees",
    "participation-benevolat",
    "concertation-acteurs",
]
"""Missions CNAF : `lieu-de-proximite` (lieu de proximité à vocation globale, familiale et
intergénérationnelle, ouvert à tous), `projets-habitants` (lieu d'animation où les habitants
portent leurs projets) ; pour les centres sociaux : `accueil-ecoute`, `familles-publics-fragiles`,
`actions-adaptees`, `participation-benevolat`, `concertation-acteurs`."""
GENERAL_MISSIONS = ("lieu-de-proximite", "projets-habitants")
COMPLEMENTARY_MISSIONS = ("accueil-ecoute", "familles-publics-fragiles", "actions-adaptees", "participation-benevolat", "concertation-acteurs")
MISSIONS_BY_KIND = {"centre-social": GENERAL_MISSIONS + COMPLEMENTARY_MISSIONS, "evs": GENERAL_MISSIONS}
"""The missions the CAF expects each agréé kind to cover."""

Theme = Literal[
    "petite-enfance",
    "enfance-jeunesse",
    "parentalite",
    "acces-aux-droits",
    "animation-vie-sociale",
    "logement",
    "handicap",
    "inclusion-numerique",
    "autre",
]
"""Champs thématiques d'une CTG : petite enfance, enfance-jeunesse, parentalité, accès aux droits,
animation de la vie sociale, logement, handicap, inclusion numérique, autre."""

EvaluationCriterion = Literal["pertinence", "coherence", "efficacite", "efficience", "impact", "durabilite"]
"""Critères d'évaluation : pertinence, cohérence, efficacité, efficience, impact, durabilité."""

# QPV codes. The 2024 geography (décret 2023-1314) numbers its quartiers « QN » + the
# department on three characters + a two-digit order + a letter (N new, M modified, I
# unchanged…); the 2015 geography used « QP » + department + three digits.
QPV_2024 = re.compile(r"^QN(?:\d{3}|02[AB])\d{2}[A-Z]$")
QPV_2015 = re.compile(r"^QP(?:\d{3}|02[AB])\d{3}$")

StatisticSeries = Literal["insee-rp", "filosofi", "caf", "france-travail", "autre"]
"""Séries statistiques dont pst connaît les règles : recensement de la population (INSEE RP),
revenus localisés (Filosofi), données des CAF, demandeurs d'emploi (France Travail)."""

CENSUS_MIN_GAP = 5
"""INSEE: two census (RP) values are compared at least five years apart (rolling collection)."""
NOT_SUMMABLE_SERIES = frozenset({"filosofi", "caf"})
"""Series whose values do not add up across territories: Filosofi (medians, secret), CAF (rounded to 5)."""

RELEASES_CHECKED = dt.date(2026, 11, 1)
"""When the table of releases below was last checked."""
RELEASES: dict[str, tuple[tuple[int, dt.date], ...]] = {
    # (millésime, first published): the census year N comes out at the end of June N+3.
    "insee-rp": ((2019, dt.date(2022, 6, 28)), (2020, dt.date(2023, 6, 27)), (2021, dt.date(2024, 6, 27)), (2022, dt.date(2025, 6, 26))),
    # Filosofi of year N comes out about two years later; 2021 is the last millésime of the
    # series (INSEE could not produce 2022 after the end of the taxe d'habitation).
    "filosofi": ((2019, dt.date(2022, 1, 15)), (2020, dt.date(2023, 1, 15)), (2021, dt.date(2024, 1, 15))),
    # CAF counts at 31 December of year N come out in the autumn of year N+1.
    "caf": ((2021, dt.date(2022, 10, 1)), (2022, dt.date(2023, 10, 1)), (2023, dt.date(2024, 10, 1)), (2024, dt.date(2025, 10, 1))),
}
"""Millésimes of each series and when they were first published (approximate dates, checked on
`RELEASES_CHECKED`): a diagnostic dated after a publication could have used that millésime."""


def latest_release(series: str, on: dt.date) -> int | None:
    """The latest millésime of `series` published by `on`, if the table knows the series."""
    published = [year for year, day in RELEASES.get(series, ()) if day <= on]
    return max(published) if published else None
