"""The registry of rules: every id `pst check` (and the commands that refuse a file) can report.

A rule is a function `Project → findings` in the module of its family; the registry
gives it its id `family/name` and its default severity, the one place they are written
(the runner stamps them on each finding). Its documentation, the summary `pst rules`
prints and the page of `docs/rules.md`, is in the language catalogue under
`rules.<id>.summary` and `rules.<id>.doc`. Problems found while reading files (YAML,
schema) and the refusals of `pst render` and `pst fmt` are registered too, without a
function, so that every id a user can meet is documented.

Adding a rule: one function in its family's module, one line below, its summary, doc,
message and hint in `pst_cli/i18n/*/rules*.po`, and a fixture `tests/fixtures/rule_<family>_<name>/`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pst_cli.findings import Finding
from pst_cli.i18n import t
from pst_cli.project.aggregate import Project
from pst_cli.rules import actions, calendar, diagnostic, governance, indicators, participation, personal, plan, references

CheckFunction = Callable[[Project], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """One rule: its id, default severity and function (None for problems found while reading or writing)."""

    id: str
    severity: str
    check: CheckFunction | None = None

    @property
    def summary(self) -> str:
        return t(f"rules.{self.id}.summary")

    @property
    def doc(self) -> str:
        return t(f"rules.{self.id}.doc")


READING_RULES = (
    ("file/too-large", "error"), ("file/unreadable", "error"), ("file/outside-project", "error"), ("file/not-regular", "error"), ("file/encoding", "error"), ("file/utf16", "error"),
    ("file/conflict-marker", "error"), ("file/tab-indent", "error"), ("file/line-separator", "error"),
    ("yaml/syntax", "error"), ("yaml/several-documents", "error"), ("yaml/alias", "error"), ("yaml/duplicate-key", "error"),
    ("yaml/complex-key", "error"), ("yaml/tag", "error"), ("yaml/too-deep", "error"), ("yaml/control-character", "error"),
    ("schema/empty-file", "warning"), ("schema/not-a-mapping", "error"), ("schema/unknown-key", "error"),
    ("schema/missing-field", "error"), ("schema/invalid-choice", "error"), ("schema/wrong-type", "error"),
    ("schema/invalid-date", "error"), ("schema/invalid-id", "error"), ("schema/empty-value", "error"),
    ("schema/out-of-range", "error"), ("schema/invalid-value", "error"), ("schema/too-many-errors", "error"), ("schema/period-order", "error"),
    ("config/unknown-rule", "warning"), ("files/unknown-file", "warning"),
    ("render/logo", "error"), ("fmt/not-formatted", "error"),
)
"""Problems reported while reading a project (loader, configuration) or refused by `render` and `fmt`."""

RULES: tuple[Rule, ...] = (
    *(Rule(rule_id, severity) for rule_id, severity in READING_RULES),
    Rule("references/duplicate-id", "error", references.duplicate_id),
    Rule("references/unknown-id", "error", references.unknown_id),
    Rule("references/missing-file", "error", references.missing_file),
    Rule("references/unreadable-file", "error", references.unreadable_file),
    Rule("references/empty-section", "warning", references.empty_section),
    Rule("plan/axis-without-general-objective", "warning", plan.axis_without_general_objective),
    Rule("plan/general-objective-without-operational", "warning", plan.general_objective_without_operational),
    Rule("plan/objective-without-indicator", "warning", plan.objective_without_indicator),
    Rule("plan/challenge-without-finding", "warning", plan.challenge_without_finding),
    Rule("plan/axis-without-finding", "warning", plan.axis_without_finding),
    Rule("plan/challenge-not-addressed", "info", plan.challenge_not_addressed),
    Rule("plan/too-many-challenges", "warning", plan.too_many_challenges),
    Rule("plan/operational-objective-without-action", "warning", plan.operational_objective_without_action),
    Rule("indicators/incomplete-result-indicator", "warning", indicators.incomplete_result_indicator),
    Rule("indicators/target-outside-period", "warning", indicators.target_outside_period),
    Rule("indicators/baseline-after-target", "error", indicators.baseline_after_target),
    Rule("indicators/direction-mismatch", "error", indicators.direction_mismatch),
    Rule("indicators/measurement-outside-period", "warning", indicators.measurement_outside_period),
    Rule("indicators/impact-below-general-objective", "warning", indicators.impact_below_general_objective),
    Rule("indicators/action-without-output-indicator", "info", indicators.action_without_output_indicator),
    Rule("diagnostic/data-without-source", "warning", diagnostic.data_without_source),
    Rule("diagnostic/data-without-year", "warning", diagnostic.data_without_year),
    Rule("diagnostic/data-without-level", "warning", diagnostic.data_without_level),
    Rule("diagnostic/old-data", "warning", diagnostic.old_data),
    Rule("diagnostic/finding-without-evidence", "info", diagnostic.finding_without_evidence),
    Rule("participation/category-missing-from-diagnostic", "warning", participation.category_missing_from_diagnostic),
    Rule("participation/residents-missing-from-prioritisation", "warning", participation.residents_missing_from_prioritisation),
    Rule("participation/minutes-missing", "warning", participation.minutes_missing),
    Rule("participation/minutes-without-follow-up", "info", participation.minutes_without_follow_up),
    Rule("participation/vote-exceeds-dots", "error", participation.vote_exceeds_dots),
    Rule("participation/voters-exceed-participants", "error", participation.voters_exceed_participants),
    Rule("calendar/duration", "error", calendar.duration),
    Rule("calendar/phase-order", "warning", calendar.phase_order),
    Rule("calendar/action-outside-period", "warning", calendar.action_outside_period),
    Rule("calendar/action-end-before-start", "error", calendar.action_end_before_start),
    Rule("governance/no-steering-body", "warning", governance.no_steering_body),
    Rule("governance/no-validating-body", "warning", governance.no_validating_body),
    Rule("governance/body-incomplete", "info", governance.body_incomplete),
    Rule("personal/contact-in-free-text", "warning", personal.contact_in_free_text),
    Rule("personal/sensitive-data-about-named-person", "warning", personal.sensitive_data_about_named_person),
    Rule("personal/no-retention-date", "warning", personal.no_retention_date),
    Rule("personal/retention-expired", "warning", personal.retention_expired),
    Rule("personal/named-resident", "warning", personal.named_resident),
    Rule("actions/without-referent", "warning", actions.without_referent),
    Rule("actions/without-objective", "warning", actions.without_objective),
    Rule("actions/budget-exceeded", "warning", actions.budget_exceeded),
    Rule("actions/cost-without-funder", "warning", actions.cost_without_funder),
    Rule("actions/no-family-action", "warning", actions.no_family_action),
    Rule("actions/no-vulnerable-public-action", "warning", actions.no_vulnerable_public_action),
    Rule("actions/ages-not-covered", "info", actions.ages_not_covered),
)

RULES_BY_ID = {rule.id: rule for rule in RULES}
