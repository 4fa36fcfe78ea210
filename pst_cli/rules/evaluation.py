"""The evaluation of the previous project (`evaluation/previous.yaml`): a renewal rests on it,
and residents take part in it.
"""

from __future__ import annotations

from collections.abc import Iterator

from pst_cli.findings import Finding
from pst_cli.i18n import t
from pst_cli.project.aggregate import Project


def renewal_without_evaluation(project: Project) -> Iterator[Finding]:
    """A renewal (`previous_project`, or `agrement.current_end`) has no evaluation of the previous project."""
    if not project.renewal:
        return
    evaluation = project.previous_evaluation
    if evaluation is not None and evaluation.judgements:
        return
    config = project.config
    entity, inside = (config, ("previous_project",)) if config.previous_project else (config.agrement, ("current_end",))
    variant = "empty" if evaluation is not None else "missing"
    yield project.finding(
        entity,
        inside,
        message=t(f"rules.evaluation/renewal-without-evaluation.message.{variant}"),
        hint=t("rules.evaluation/renewal-without-evaluation.hint"),
    )


def residents_absent(project: Project) -> Iterator[Finding]:
    """No resident took part in the evaluation of the previous project (neither counted, nor named, nor at its workshops)."""
    evaluation = project.previous_evaluation
    if evaluation is None:
        return
    participants = evaluation.participants
    if participants.counts.get("habitant", 0) > 0 or "habitant" in project.categories(participants.stakeholders):
        return
    workshops = {workshop.id: workshop for workshop in project.workshops}
    for workshop_id in evaluation.workshops:
        workshop = workshops.get(workshop_id)
        if workshop and (workshop.participants.counts.get("habitant", 0) > 0 or "habitant" in project.categories(workshop.participants.stakeholders)):
            return
    yield project.finding(
        evaluation,
        ("participants",) if "participants" in evaluation.model_fields_set else (),
        message=t("rules.evaluation/residents-absent.message"),
        hint=t("rules.evaluation/residents-absent.hint"),
    )


def review_year_mismatch(project: Project) -> Iterator[Finding]:
    """A yearly review file whose `year` is not the one its name says, or a second file for a year.

    `pst review --year Y` takes the file `Y.yaml` (else the first file whose `year` is Y):
    the text of any other file for that year would be left out of the document without a
    word, and a file named for a year it does not review is not found for that year.
    """
    for review in project.reviews:
        chosen = project.review_of(review.year)
        if chosen is not review:
            variant, values = "twice", {"year": review.year, "file": project.places.get(id(chosen), ("", ()))[0]}
        elif (stem := project.file_stem(review)) != str(review.year):
            variant, values = "name", {"year": review.year, "name": stem}
        else:
            continue
        yield project.finding(
            review,
            ("year",),
            message=t(f"rules.evaluation/review-year-mismatch.message.{variant}", **values),
            hint=t(f"rules.evaluation/review-year-mismatch.hint.{variant}", **values),
        )
