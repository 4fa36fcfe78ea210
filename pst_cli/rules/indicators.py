"""Indicators and measurements: complete, dated inside the period, pointing the right way.

A plan is only evaluable if its indicators say where one starts (valeur de départ),
where one aims (cible), in which unit, measured from which source and how often.
"""

from __future__ import annotations

from collections.abc import Iterator

from pst_cli.findings import Finding
from pst_cli.model.plan import GeneralObjective
from pst_cli.project.aggregate import Project

# Field of a result indicator → (French, English) name used in messages.
REQUIRED_FIELDS = {
    "baseline": ("valeur de départ", "baseline"),
    "target": ("cible", "target"),
    "unit": ("unité", "unit"),
    "source": ("source", "source"),
    "frequency": ("fréquence", "frequency"),
}


def incomplete_result_indicator(project: Project) -> Iterator[Finding]:
    """A résultat indicator lacks its baseline, target, unit, source or frequency.

    FR : sans valeur de départ ni cible, on ne peut pas dire à l'évaluation si
    l'objectif est atteint ; sans unité, source et fréquence, personne ne saura qui
    mesure quoi ni quand. Complétez les champs cités dans le message.
    EN: without a baseline and a target nobody can say at evaluation time whether the
    objective was reached; without unit, source and frequency nobody knows who measures
    what and when. Fill in the fields named in the message.
    """
    for _, indicator in project.plan_indicators():
        if indicator.type != "resultat":
            continue
        missing = [names for name, names in REQUIRED_FIELDS.items() if getattr(indicator, name) in (None, "")]
        if missing:
            yield project.finding(indicator,
                ("id",),
                message=project.say(
                    f"indicateur de résultat « {indicator.id} » incomplet : {', '.join(fr for fr, _ in missing)} manquant(s)",
                    f"result indicator '{indicator.id}' is incomplete: missing {', '.join(en for _, en in missing)}",
                ),
                hint=project.say(
                    "Ajoutez `baseline:` (value, date), `target:` (value, date), `unit:`, `source:` et `frequency:`.",
                    "Add `baseline:` (value, date), `target:` (value, date), `unit:`, `source:` and `frequency:`.",
                ),
            )


def target_outside_period(project: Project) -> Iterator[Finding]:
    """An indicator's target date falls outside the project period.

    FR : la cible doit être atteinte pendant le projet, au plus tard à sa fin, pour être
    évaluée lors de l'évaluation finale. Ramenez `target.date` dans la période de
    pst.yaml.
    EN: the target must be reached during the plan, at its end at the latest, so that
    the final evaluation can assess it. Bring `target.date` inside the pst.yaml period.
    """
    period = project.config.period
    for _, indicator in project.plan_indicators():
        target = indicator.target
        if target and not period.start <= target.date <= period.end:
            yield project.finding(target,
                ("date",),
                message=project.say(
                    f"la cible de « {indicator.id} » est datée du {target.date}, hors de la période {period.start} – {period.end}",
                    f"the target of '{indicator.id}' is dated {target.date}, outside the period {period.start} – {period.end}",
                ),
                hint=project.say("Datez la cible dans la période du projet.", "Date the target inside the project period."),
            )


def baseline_after_target(project: Project) -> Iterator[Finding]:
    """An indicator's baseline is dated after its target.

    FR : la valeur de départ décrit la situation avant le projet ; elle ne peut pas être
    postérieure à la date de la cible. Vérifiez les deux dates (inversion fréquente).
    EN: the baseline describes the situation before the plan; it cannot come after the
    target date. Check both dates (they are often swapped).
    """
    for _, indicator in project.plan_indicators():
        if indicator.baseline and indicator.target and indicator.baseline.date > indicator.target.date:
            yield project.finding(indicator.baseline,
                ("date",),
                message=project.say(
                    f"la valeur de départ de « {indicator.id} » ({indicator.baseline.date}) est postérieure à sa cible ({indicator.target.date})",
                    f"the baseline of '{indicator.id}' ({indicator.baseline.date}) is after its target ({indicator.target.date})",
                ),
                hint=project.say("Vérifiez les deux dates.", "Check both dates."),
            )


def direction_mismatch(project: Project) -> Iterator[Finding]:
    """A target contradicts the indicator's direction (below the baseline for `increase`, above for `decrease`).

    FR : `direction: increase` veut dire qu'on vise une hausse : la cible doit dépasser
    la valeur de départ ; `decrease`, une baisse : elle doit lui être inférieure.
    Corrigez la cible ou le sens de l'indicateur.
    EN: `direction: increase` means a rise is sought, so the target must exceed the
    baseline; `decrease` means a fall, so it must be below. Fix the target or the direction.
    """
    for _, indicator in project.plan_indicators():
        baseline, target = indicator.baseline, indicator.target
        if not baseline or not target:
            continue
        wrong = (indicator.direction == "increase" and target.value <= baseline.value) or (
            indicator.direction == "decrease" and target.value >= baseline.value
        )
        if wrong:
            sense_fr, sense_en = ("hausse", "a rise") if indicator.direction == "increase" else ("baisse", "a fall")
            yield project.finding(target,
                ("value",),
                message=project.say(
                    f"« {indicator.id} » vise une {sense_fr} mais sa cible ({target.value:g}) ne s'écarte pas de sa valeur de départ ({baseline.value:g}) dans ce sens",
                    f"'{indicator.id}' seeks {sense_en} but its target ({target.value:g}) does not move away from its baseline ({baseline.value:g}) that way",
                ),
                hint=project.say(
                    "Corrigez `target.value` ou `direction` (increase, decrease, maintain).",
                    "Fix `target.value` or `direction` (increase, decrease, maintain).",
                ),
            )


def measurement_outside_period(project: Project) -> Iterator[Finding]:
    """A measurement is dated outside the project period.

    FR : les mesures de suivi (`evaluation/measurements.yaml`) portent sur la période du
    projet ; une valeur antérieure est la valeur de départ de l'indicateur (`baseline:`),
    une valeur postérieure relève du projet suivant. Vérifiez l'année de la date.
    EN: monitoring measurements cover the project period; an earlier value is the
    indicator's baseline, a later one belongs to the next plan. Check the year.
    """
    period = project.config.period
    for measurement in project.measurements:
        if not period.start <= measurement.date <= period.end:
            yield project.finding(measurement,
                ("date",),
                message=project.say(
                    f"mesure de « {measurement.indicator} » datée du {measurement.date}, hors de la période {period.start} – {period.end}",
                    f"measurement of '{measurement.indicator}' dated {measurement.date}, outside the period {period.start} – {period.end}",
                ),
                hint=project.say(
                    "Une valeur d'avant le projet va dans `baseline:` de l'indicateur.",
                    "A value from before the plan belongs in the indicator's `baseline:`.",
                ),
            )


def impact_below_general_objective(project: Project) -> Iterator[Finding]:
    """An impact indicator is attached to an operational objective or an action.

    FR : l'impact est l'effet de long terme, en partie seulement imputable au projet ; il
    se suit au niveau des objectifs généraux. Au niveau d'un objectif opérationnel, on
    suit un résultat ; au niveau d'une action, une réalisation. Déplacez l'indicateur ou
    changez son `type`.
    EN: impact is the long-term effect, only partly attributable to the plan, and is
    followed at general-objective level. Operational objectives carry result indicators,
    actions output indicators. Move the indicator or change its `type`.
    """
    for carrier, indicator in project.plan_indicators():
        if indicator.type == "impact" and not isinstance(carrier, GeneralObjective):
            yield project.finding(indicator,
                ("type",),
                message=project.say(
                    f"indicateur d'impact « {indicator.id} » placé sous « {carrier.id} », en dessous d'un objectif général",
                    f"impact indicator '{indicator.id}' placed under '{carrier.id}', below a general objective",
                ),
                hint=project.say(
                    "Placez-le sous l'objectif général, ou faites-en un indicateur `resultat` ou `realisation`.",
                    "Put it under the general objective, or make it a `resultat` or `realisation` indicator.",
                ),
            )


def action_without_output_indicator(project: Project) -> Iterator[Finding]:
    """An action has no réalisation indicator.

    FR : un indicateur de réalisation compte ce qui a été fait (nombre de séances, de
    participants) ; c'est la première chose que demande le bilan annuel. Ajoutez un
    indicateur `type: realisation` à la fiche action.
    EN: an output indicator counts what was done (sessions, participants); it is the
    first thing the yearly review asks for. Add a `type: realisation` indicator.
    """
    for action in project.actions:
        if action.status == "abandonnee":
            continue
        if not any(indicator.type == "realisation" for indicator in action.indicators):
            yield project.finding(action,
                ("id",),
                message=project.say(
                    f"l'action « {action.id} » n'a aucun indicateur de réalisation",
                    f"action '{action.id}' has no output indicator",
                ),
                hint=project.say(
                    "Ajoutez un indicateur `type: realisation` sous `indicators:`.",
                    "Add a `type: realisation` indicator under `indicators:`.",
                ),
            )
