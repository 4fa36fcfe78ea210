"""The calendar: the project's length for its kind, the order of the steps of its
construction, and the dates of its actions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pst_cli.findings import Finding
from pst_cli.project.aggregate import Project

# Longest period allowed per kind of project, in years (agrément CAF, CTG).
MAX_YEARS = {"centre-social": 4, "ctg": 5}
# The contrats de ville of the current generation run inside these bounds.
CONTRAT_DE_VILLE = (dt.date(2024, 1, 1), dt.date(2030, 12, 31))
# Order of the construction steps: diagnostic, then enjeux worked out, then validation.
PHASE_RANK = {"diagnostic": 1, "partage": 2, "prospective": 2, "convergence": 2, "forum": 2, "validation": 3}
STEP_NAMES = {1: ("diagnostic", "diagnostic"), 2: ("travail des enjeux", "work on the enjeux"), 3: ("validation", "validation")}


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def duration(project: Project) -> Iterator[Finding]:
    """The project period is longer than its kind allows.

    FR : un projet de centre social est agréé par la CAF pour quatre ans au plus ; une
    convention territoriale globale (CTG) dure au plus cinq ans ; un contrat de ville
    de la génération actuelle s'inscrit entre 2024 et 2030. Corrigez `period` dans
    pst.yaml, ou `kind` s'il ne correspond pas au projet.
    EN: a centre social plan is approved by the CAF for four years at most; a CTG lasts
    five years at most; a current contrat de ville lies within 2024–2030. Fix `period`
    in pst.yaml, or `kind` if it does not match the plan.
    """
    config = project.config
    period = config.period
    if config.kind in MAX_YEARS:
        years = MAX_YEARS[config.kind]
        latest_end = add_years(period.start, years) - dt.timedelta(days=1)
        if period.end > latest_end:
            yield project.finding(period,
                ("end",),
                message=project.say(
                    f"un projet « {config.kind} » dure au plus {years} ans : il devrait finir le {latest_end} au plus tard, pas le {period.end}",
                    f"a '{config.kind}' plan lasts {years} years at most: it should end by {latest_end}, not {period.end}",
                ),
                hint=project.say("Raccourcissez la période ou corrigez `kind`.", "Shorten the period or fix `kind`."),
            )
    elif config.kind == "contrat-de-ville":
        first, last = CONTRAT_DE_VILLE
        if period.start < first or period.end > last:
            yield project.finding(period,
                ("start",) if period.start < first else ("end",),
                message=project.say(
                    f"un contrat de ville s'inscrit entre le {first} et le {last} ; la période va du {period.start} au {period.end}",
                    f"a contrat de ville lies between {first} and {last}; the period runs from {period.start} to {period.end}",
                ),
                hint=project.say("Ramenez la période dans 2024–2030.", "Bring the period within 2024–2030."),
            )


def phase_order(project: Project) -> Iterator[Finding]:
    """The construction steps are out of order: enjeux worked out before any diagnostic, or validation before them.

    FR : la démarche suit l'ordre diagnostic partagé → enjeux travaillés avec les
    habitants → validation par l'instance de pilotage. Un atelier de validation daté
    avant le dernier atelier de diagnostic ou de travail des enjeux (ou un forum des
    enjeux avant le dernier diagnostic) trahit une date erronée ou une étape brûlée.
    EN: the construction runs shared diagnostic → enjeux worked out with residents →
    validation by the steering body. A validation dated before the last diagnostic or
    enjeux workshop (or an enjeux forum before the last diagnostic) shows a wrong date or
    a skipped step.
    """
    ranked = [(PHASE_RANK[w.phase], w) for w in project.workshops if w.phase in PHASE_RANK]
    for rank, workshop in ranked:
        earlier_steps = [other for other_rank, other in ranked if other_rank < rank and other.date > workshop.date]
        if not earlier_steps:
            continue
        latest = max(earlier_steps, key=lambda other: other.date)
        step_fr, step_en = STEP_NAMES[rank]
        before_fr, before_en = STEP_NAMES[PHASE_RANK[latest.phase]]
        yield project.finding(workshop,
            ("date",),
            message=project.say(
                f"étape « {step_fr} » le {workshop.date}, avant l'étape « {before_fr} » de l'atelier « {latest.id} » ({latest.date})",
                f"'{step_en}' step on {workshop.date}, before the '{before_en}' step of workshop '{latest.id}' ({latest.date})",
            ),
            hint=project.say(
                "Vérifiez les dates et les phases : diagnostic, puis enjeux, puis validation.",
                "Check dates and phases: diagnostic, then enjeux, then validation.",
            ),
        )


def action_outside_period(project: Project) -> Iterator[Finding]:
    """An action starts, ends or has a milestone outside the project period.

    FR : les actions du projet se déroulent pendant sa période ; une date hors période
    est souvent une faute de frappe sur l'année. Corrigez la date, ou ajustez la période
    dans pst.yaml.
    EN: the plan's actions happen during its period; a date outside it is often a typo
    in the year. Fix the date, or adjust the period in pst.yaml.
    """
    period = project.config.period
    for action in project.actions:
        dated = [(action, ("start",), action.start), (action, ("end",), action.end)]
        dated += [(milestone, ("date",), milestone.date) for milestone in action.milestones]
        for entity, inside, day in dated:
            if day is not None and not period.start <= day <= period.end:
                yield project.finding(entity,
                    inside,
                    message=project.say(
                        f"action « {action.id} » : date {day} hors de la période {period.start} – {period.end}",
                        f"action '{action.id}': date {day} outside the period {period.start} – {period.end}",
                    ),
                    hint=project.say("Vérifiez l'année.", "Check the year."),
                )


def action_end_before_start(project: Project) -> Iterator[Finding]:
    """An action ends before it starts.

    FR : `end` est antérieure à `start` : les deux dates sont sans doute inversées.
    EN: `end` is before `start`: the two dates are probably swapped.
    """
    for action in project.actions:
        if action.start and action.end and action.end < action.start:
            yield project.finding(action,
                ("end",),
                message=project.say(
                    f"l'action « {action.id} » finit ({action.end}) avant de commencer ({action.start})",
                    f"action '{action.id}' ends ({action.end}) before it starts ({action.start})",
                ),
                hint=project.say("Vérifiez `start` et `end`.", "Check `start` and `end`."),
            )
