"""The registry of coherence rules run by `pst check`.

A rule is a function `Project → findings` with an id `family/name`, a default
severity and a docstring that is its user documentation (first line: the summary;
then why it matters and how to fix it). Adding a rule means writing one function in
the module of its family and listing it in `RULES` below. Rules emitted by the
loader itself (YAML and schema problems) are listed too, so `pst rules` documents
every id a user can meet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pst_cli.findings import Finding
from pst_cli.project.aggregate import Project
from pst_cli.rules import actions, calendar, diagnostic, governance, indicators, loader_rules, participation, personal, plan, references

CheckFunction = Callable[[Project], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """One check: its id, default severity, documentation and function (None for loader rules)."""

    id: str
    severity: str
    doc: str
    check: CheckFunction | None = None

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0].strip()


def _rule(rule_id: str, severity: str, function: CheckFunction) -> Rule:
    return Rule(rule_id, severity, function.__doc__ or "", function)


RULES: tuple[Rule, ...] = (
    *(Rule(rule_id, severity, doc) for rule_id, severity, doc in loader_rules.LOADER_RULES),
    _rule("references/duplicate-id", "error", references.duplicate_id),
    _rule("references/unknown-id", "error", references.unknown_id),
    _rule("references/missing-file", "error", references.missing_file),
    _rule("references/unreadable-file", "error", references.unreadable_file),
    _rule("references/empty-section", "warning", references.empty_section),
    _rule("plan/axis-without-general-objective", "warning", plan.axis_without_general_objective),
    _rule("plan/general-objective-without-operational", "warning", plan.general_objective_without_operational),
    _rule("plan/objective-without-indicator", "warning", plan.objective_without_indicator),
    _rule("plan/challenge-without-finding", "warning", plan.challenge_without_finding),
    _rule("plan/axis-without-finding", "warning", plan.axis_without_finding),
    _rule("plan/challenge-not-addressed", "info", plan.challenge_not_addressed),
    _rule("plan/too-many-challenges", "warning", plan.too_many_challenges),
    _rule("plan/operational-objective-without-action", "warning", plan.operational_objective_without_action),
    _rule("indicators/incomplete-result-indicator", "warning", indicators.incomplete_result_indicator),
    _rule("indicators/target-outside-period", "warning", indicators.target_outside_period),
    _rule("indicators/baseline-after-target", "error", indicators.baseline_after_target),
    _rule("indicators/direction-mismatch", "error", indicators.direction_mismatch),
    _rule("indicators/measurement-outside-period", "warning", indicators.measurement_outside_period),
    _rule("indicators/impact-below-general-objective", "warning", indicators.impact_below_general_objective),
    _rule("indicators/action-without-output-indicator", "info", indicators.action_without_output_indicator),
    _rule("diagnostic/data-without-source", "warning", diagnostic.data_without_source),
    _rule("diagnostic/data-without-year", "warning", diagnostic.data_without_year),
    _rule("diagnostic/data-without-level", "warning", diagnostic.data_without_level),
    _rule("diagnostic/old-data", "warning", diagnostic.old_data),
    _rule("diagnostic/finding-without-evidence", "info", diagnostic.finding_without_evidence),
    _rule("participation/category-missing-from-diagnostic", "warning", participation.category_missing_from_diagnostic),
    _rule("participation/residents-missing-from-prioritisation", "warning", participation.residents_missing_from_prioritisation),
    _rule("participation/minutes-missing", "warning", participation.minutes_missing),
    _rule("participation/minutes-without-follow-up", "info", participation.minutes_without_follow_up),
    _rule("participation/vote-exceeds-dots", "error", participation.vote_exceeds_dots),
    _rule("participation/voters-exceed-participants", "error", participation.voters_exceed_participants),
    _rule("calendar/duration", "error", calendar.duration),
    _rule("calendar/phase-order", "warning", calendar.phase_order),
    _rule("calendar/action-outside-period", "warning", calendar.action_outside_period),
    _rule("calendar/action-end-before-start", "error", calendar.action_end_before_start),
    _rule("governance/no-steering-body", "warning", governance.no_steering_body),
    _rule("governance/no-validating-body", "warning", governance.no_validating_body),
    _rule("governance/body-incomplete", "info", governance.body_incomplete),
    _rule("personal/contact-in-free-text", "warning", personal.contact_in_free_text),
    _rule("personal/sensitive-data-about-named-person", "warning", personal.sensitive_data_about_named_person),
    _rule("personal/no-retention-date", "warning", personal.no_retention_date),
    _rule("personal/retention-expired", "warning", personal.retention_expired),
    _rule("personal/named-resident", "warning", personal.named_resident),
    _rule("actions/without-referent", "warning", actions.without_referent),
    _rule("actions/without-objective", "warning", actions.without_objective),
    _rule("actions/budget-exceeded", "warning", actions.budget_exceeded),
    _rule("actions/cost-without-funder", "warning", actions.cost_without_funder),
    _rule("actions/no-family-action", "warning", actions.no_family_action),
    _rule("actions/no-vulnerable-public-action", "warning", actions.no_vulnerable_public_action),
    _rule("actions/ages-not-covered", "info", actions.ages_not_covered),
)

RULES_BY_ID = {rule.id: rule for rule in RULES}
