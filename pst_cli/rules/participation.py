"""Participation: who took part in the shared diagnostic and the choice of enjeux, what was
written down afterwards, and whether the vote counts are possible.

A category is present at a workshop when its count is above zero or when one of the
listed stakeholders belongs to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pst_cli.findings import Finding
from pst_cli.model.workshops import Workshop
from pst_cli.project.aggregate import Project

# The four groups whose voices make a diagnostic "shared", each with the stakeholder
# categories that count for it.
DIAGNOSTIC_GROUPS = {
    "elus": (("elu",), ("élus", "elected members")),
    "habitants": (("habitant",), ("habitants", "residents")),
    "techniciens": (("technicien",), ("techniciens et salariés", "professionals")),
    "partenaires": (
        ("partenaire-institutionnel", "partenaire-associatif", "financeur"),
        ("partenaires", "partners"),
    ),
}
# Phases in which enjeux are worked out and prioritised.
PRIORITISATION_PHASES = {"partage", "prospective", "convergence", "forum"}
# Participation levels that promise participants their contributions will be used.
LEVELS_NEEDING_MINUTES = {"concertation", "co-construction", "codecision"}


def categories_present(project: Project, workshop: Workshop) -> set[str]:
    """The stakeholder categories present at a workshop (counts above zero or listed stakeholders)."""
    present = {category for category, count in workshop.participants.counts.items() if count > 0}
    by_id = project.stakeholders_by_id
    present |= {by_id[sid].category for sid in workshop.participants.stakeholders if sid in by_id}
    return present


def category_missing_from_diagnostic(project: Project) -> Iterator[Finding]:
    """Élus, residents, professionals or partners took part in no diagnostic workshop.

    FR : un diagnostic n'est « partagé » que si les élus, les habitants, les
    professionnels et les partenaires y ont chacun contribué au moins une fois. Ajoutez
    leurs effectifs (`participants.counts`) aux ateliers de `phase: diagnostic`, ou
    organisez le temps qui manque (entretiens, questionnaire, porte-à-porte…).
    EN: a diagnostic is "shared" only when élus, residents, professionals and partners
    each took part at least once. Record their numbers (`participants.counts`) in the
    `phase: diagnostic` workshops, or organise the missing time.
    """
    diagnostic = [workshop for workshop in project.workshops if workshop.phase == "diagnostic"]
    if not diagnostic:
        yield project.finding(project.config,
            message=project.say(
                "aucun atelier de diagnostic (`phase: diagnostic`) n'est enregistré dans workshops/",
                "no diagnostic workshop (`phase: diagnostic`) is recorded in workshops/",
            ),
            hint=project.say(
                "Enregistrez les temps de diagnostic partagé, un fichier par atelier.",
                "Record the shared-diagnostic sessions, one file per workshop.",
            ),
        )
        return
    present = set().union(*(categories_present(project, workshop) for workshop in diagnostic))
    for categories, (name_fr, name_en) in DIAGNOSTIC_GROUPS.values():
        if not present.intersection(categories):
            yield project.finding(diagnostic[0],
                ("phase",),
                message=project.say(
                    f"aucun atelier de diagnostic n'a associé les {name_fr}",
                    f"no diagnostic workshop involved {name_en}",
                ),
                hint=project.say(
                    f"Indiquez leur nombre dans `participants.counts` ({', '.join(categories)}) ou organisez un temps avec eux.",
                    f"Record their number in `participants.counts` ({', '.join(categories)}) or organise a session with them.",
                ),
            )


def residents_missing_from_prioritisation(project: Project) -> Iterator[Finding]:
    """Residents took part in none of the workshops where enjeux were worked out or voted.

    FR : les enjeux se travaillent avec les habitants (forum, restitution, vote) avant
    d'être validés par l'instance de pilotage. La règle regarde les ateliers des phases
    partage, prospective, convergence ou forum, et ceux où l'on a voté.
    EN: enjeux are worked out with residents (forum, feedback session, vote) before the
    steering body validates them. The rule looks at workshops of the partage,
    prospective, convergence or forum phases, and at those with a vote.
    """
    prioritising = [w for w in project.workshops if w.phase in PRIORITISATION_PHASES or w.votes]
    if not prioritising:
        return
    if any("habitant" in categories_present(project, workshop) for workshop in prioritising):
        return
    yield project.finding(prioritising[0],
        ("phase",),
        message=project.say(
            "aucun habitant n'a participé aux ateliers où les enjeux ont été travaillés",
            "no resident took part in the workshops where the enjeux were worked out",
        ),
        hint=project.say(
            "Indiquez les habitants présents (`participants.counts.habitant`), ou associez-les à la priorisation.",
            "Record the residents present (`participants.counts.habitant`), or involve them in prioritisation.",
        ),
    )


def minutes_missing(project: Project) -> Iterator[Finding]:
    """A past workshop at concertation level or above has no minutes.

    FR : quand on promet aux participants que leurs contributions compteront
    (concertation, co-construction, codécision), le compte rendu dit ce qui en a été
    fait : format, date, lieu, participants, accords, désaccords, suite donnée. Écrivez
    `minutes:` (texte ou chemin d'un fichier `.md`).
    EN: when participants are promised their contributions will count, the minutes say
    what was done with them. Write `minutes:` (text or path of a `.md` file).
    """
    today = dt.date.today()
    for workshop in project.workshops:
        if workshop.date < today and workshop.participation_level in LEVELS_NEEDING_MINUTES and not workshop.minutes:
            yield project.finding(workshop,
                ("participation_level",),
                message=project.say(
                    f"l'atelier « {workshop.id} » du {workshop.date} ({workshop.participation_level}) n'a pas de compte rendu",
                    f"workshop '{workshop.id}' of {workshop.date} ({workshop.participation_level}) has no minutes",
                ),
                hint=project.say(
                    "Ajoutez `minutes:` : le texte du compte rendu ou le chemin d'un fichier .md.",
                    "Add `minutes:`: the text of the minutes or the path of a .md file.",
                ),
            )


def minutes_without_follow_up(project: Project) -> Iterator[Finding]:
    """A past workshop at concertation level or above does not say what follow-up was given.

    FR : dire aux participants ce qu'il est advenu de leurs propositions est la
    condition de leur retour. Renseignez `follow_up:` (suite donnée aux contributions).
    EN: telling participants what became of their proposals is what brings them back.
    Fill in `follow_up:`.
    """
    today = dt.date.today()
    for workshop in project.workshops:
        if (
            workshop.date < today
            and workshop.participation_level in LEVELS_NEEDING_MINUTES
            and workshop.minutes
            and not workshop.follow_up
        ):
            yield project.finding(workshop,
                ("minutes",),
                message=project.say(
                    f"l'atelier « {workshop.id} » ne dit pas quelle suite a été donnée aux contributions",
                    f"workshop '{workshop.id}' does not say what follow-up the contributions were given",
                ),
                hint=project.say("Ajoutez `follow_up:`.", "Add `follow_up:`."),
            )


def _headcount(workshop: Workshop) -> int:
    return sum(workshop.participants.counts.values())


def vote_exceeds_dots(project: Project) -> Iterator[Finding]:
    """A dot vote received more dots than the voters could cast (voters × dots per participant).

    FR : avec 20 votants et 3 gommettes chacun, on ne peut pas compter plus de 60
    gommettes. Vérifiez les totaux (`tally`), `voters` et `dots_per_participant` ; sans
    `voters`, c'est le nombre de participants comptés qui sert.
    EN: with 20 voters and 3 dots each, no more than 60 dots can be counted. Check the
    tallies, `voters` and `dots_per_participant`; without `voters`, the participants
    counted are used.
    """
    for workshop in project.workshops:
        for vote in workshop.votes:
            voters = vote.voters if vote.voters is not None else _headcount(workshop) or None
            if voters is None or vote.dots_per_participant is None:
                continue
            cast = sum(option.tally or 0 for option in vote.options)
            possible = voters * vote.dots_per_participant
            if cast > possible:
                yield project.finding(vote,
                    ("dots_per_participant",),
                    message=project.say(
                        f"vote « {vote.id} » : {cast} gommettes comptées pour {possible} possibles ({voters} votants × {vote.dots_per_participant})",
                        f"vote '{vote.id}': {cast} dots counted out of {possible} possible ({voters} voters × {vote.dots_per_participant})",
                    ),
                    hint=project.say(
                        "Vérifiez les totaux, le nombre de votants et de gommettes par participant.",
                        "Check the tallies, the number of voters and of dots per participant.",
                    ),
                )


def voters_exceed_participants(project: Project) -> Iterator[Finding]:
    """A vote counts more voters than participants were counted at the workshop.

    FR : les votants sont des participants ; si `voters` dépasse la somme de
    `participants.counts`, l'un des deux nombres est faux.
    EN: voters are participants; if `voters` exceeds the sum of `participants.counts`,
    one of the two numbers is wrong.
    """
    for workshop in project.workshops:
        counted = _headcount(workshop)
        if not workshop.participants.counts:
            continue
        for vote in workshop.votes:
            if vote.voters is not None and vote.voters > counted:
                yield project.finding(vote,
                    ("voters",),
                    message=project.say(
                        f"vote « {vote.id} » : {vote.voters} votants pour {counted} participants comptés",
                        f"vote '{vote.id}': {vote.voters} voters but {counted} participants counted",
                    ),
                    hint=project.say(
                        "Corrigez `voters` ou complétez `participants.counts`.",
                        "Fix `voters` or complete `participants.counts`.",
                    ),
                )

