"""The registry of rules: every id `pst check` (and the commands that refuse a file) can report.

A rule is a function `Project → findings` in the module of its family; the registry
gives it its id `family/name` and its default severity, the one place they are written
(the runner stamps them on each finding). Its documentation, the summary `pst rules`
prints and the page of `docs/rules.md`, is in the language catalogue under
`rules.<id>.summary` and `rules.<id>.doc`. Problems found while reading files (YAML,
schema) and the refusals of `pst render` and `pst fmt` are registered too, without a
function, so that every id a user can meet is documented.

A rule knows the kinds of project it applies to (`kinds`, from `model/frameworks.py`;
None for every kind): the runner skips it for the others, and `pst rules` and
`docs/rules.md` say which they are. A diagnostic-only kind (ABS) is in no action-plan rule.

Adding a rule: one function in its family's module, one line below, its summary, doc,
message and hint in `pst_cli/i18n/*/rules*.po`, and a fixture `tests/fixtures/rule_<family>_<name>/`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import get_args

from pst_cli.findings import Finding
from pst_cli.i18n import t
from pst_cli.model.frameworks import ACTION_PLAN_KINDS, AGREMENT_KINDS, ALL_KINDS, CLOSED_KINDS, ProjectKind
from pst_cli.project.aggregate import Project
from pst_cli.rules import (
    action_history,
    actions,
    calendar,
    diagnostic,
    evaluation,
    family,
    governance,
    grid,
    indicators,
    means,
    participation,
    personal,
    plan,
    references,
    territory,
)

CheckFunction = Callable[[Project], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """One rule: its id, default severity, function (None for problems found while reading or
    writing) and the kinds of project it applies to (None: every kind)."""

    id: str
    severity: str
    check: CheckFunction | None = None
    kinds: frozenset[str] | None = None

    def applies_to(self, kind: str) -> bool:
        return self.kinds is None or kind in self.kinds

    @property
    def summary(self) -> str:
        return t(f"rules.{self.id}.summary")

    @property
    def doc(self) -> str:
        return t(f"rules.{self.id}.doc")

    @property
    def kinds_text(self) -> str:
        """The kinds it applies to, as `pst rules` says them: « tous », « sauf abs », « centre-social, evs »."""
        if self.kinds is None or self.kinds == ALL_KINDS:
            return t("rules.kinds.all")
        order = get_args(ProjectKind)
        left_out = [kind for kind in order if kind not in self.kinds]
        if len(left_out) <= 2 and len(left_out) < len(self.kinds):
            return t("rules.kinds.all-but", kinds=", ".join(left_out))
        return ", ".join(kind for kind in order if kind in self.kinds)


PLAN = ACTION_PLAN_KINDS
"""Rules about objectives, indicators and actions: every kind with an action plan (not an ABS)."""
CENTRE_SOCIAL = frozenset({"centre-social"})
CONTRACTS = frozenset({"ctg", "contrat-de-ville", "departemental"})
"""Kinds launched by a convention whose signatories each commit to something."""


def only(*kinds: str) -> frozenset[str]:
    return frozenset(kinds)


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
    Rule("plan/axis-without-general-objective", "warning", plan.axis_without_general_objective, PLAN),
    Rule("plan/general-objective-without-operational", "warning", plan.general_objective_without_operational, PLAN),
    Rule("plan/objective-without-indicator", "warning", plan.objective_without_indicator, PLAN),
    Rule("plan/challenge-without-finding", "warning", plan.challenge_without_finding),
    Rule("plan/axis-without-finding", "warning", plan.axis_without_finding, PLAN),
    Rule("plan/challenge-not-addressed", "info", plan.challenge_not_addressed, PLAN),
    Rule("plan/too-many-challenges", "warning", plan.too_many_challenges),
    Rule("plan/operational-objective-without-action", "warning", plan.operational_objective_without_action, PLAN),
    Rule("plan/cnaf-mission-not-covered", "info", plan.cnaf_mission_not_covered, AGREMENT_KINDS),
    Rule("plan/theme-without-action", "info", plan.theme_without_action, only("ctg")),
    Rule("indicators/incomplete-result-indicator", "warning", indicators.incomplete_result_indicator, PLAN),
    Rule("indicators/target-outside-period", "warning", indicators.target_outside_period, PLAN),
    Rule("indicators/baseline-after-target", "error", indicators.baseline_after_target, PLAN),
    Rule("indicators/direction-mismatch", "error", indicators.direction_mismatch, PLAN),
    Rule("indicators/measurement-outside-period", "warning", indicators.measurement_outside_period, PLAN),
    Rule("indicators/impact-below-general-objective", "warning", indicators.impact_below_general_objective, PLAN),
    Rule("indicators/action-without-output-indicator", "info", indicators.action_without_output_indicator, PLAN),
    Rule("indicators/output-typed-as-result", "info", indicators.output_typed_as_result, PLAN),
    Rule("indicators/baseline-after-start", "warning", indicators.baseline_after_start, PLAN),
    Rule("indicators/cumulative-decreases", "error", indicators.cumulative_decreases, PLAN),
    Rule("indicators/off-scale", "error", indicators.off_scale, PLAN),
    Rule("diagnostic/data-without-source", "warning", diagnostic.data_without_source),
    Rule("diagnostic/data-without-year", "warning", diagnostic.data_without_year),
    Rule("diagnostic/data-without-level", "warning", diagnostic.data_without_level),
    Rule("diagnostic/old-data", "warning", diagnostic.old_data),
    Rule("diagnostic/finding-without-evidence", "info", diagnostic.finding_without_evidence),
    Rule("diagnostic/census-too-close", "warning", diagnostic.census_too_close),
    Rule("diagnostic/sum-of-non-summable", "warning", diagnostic.sum_of_non_summable),
    Rule("diagnostic/outdated-release", "info", diagnostic.outdated_release),
    Rule("territory/qpv-code", "warning", territory.qpv_code),
    Rule("participation/category-missing-from-diagnostic", "warning", participation.category_missing_from_diagnostic),
    Rule("participation/residents-missing-from-prioritisation", "warning", participation.residents_missing_from_prioritisation),
    Rule("participation/minutes-missing", "warning", participation.minutes_missing),
    Rule("participation/minutes-without-follow-up", "info", participation.minutes_without_follow_up),
    Rule("participation/vote-exceeds-dots", "error", participation.vote_exceeds_dots),
    Rule("participation/voters-exceed-participants", "error", participation.voters_exceed_participants),
    Rule("participation/no-feedback", "info", participation.no_feedback),
    Rule("calendar/duration", "error", calendar.duration, calendar.BOUNDED_KINDS),
    Rule("calendar/phase-order", "warning", calendar.phase_order),
    Rule("calendar/action-outside-period", "warning", calendar.action_outside_period, PLAN),
    Rule("calendar/action-end-before-start", "error", calendar.action_end_before_start, PLAN),
    Rule("calendar/period-without-end", "error", calendar.period_without_end, CLOSED_KINDS),
    Rule("calendar/no-yearly-review", "warning", calendar.no_yearly_review, only("departemental")),
    Rule("calendar/agrement-mismatch", "warning", calendar.agrement_mismatch, AGREMENT_KINDS),
    Rule("calendar/abs-year", "warning", calendar.abs_year, only("abs")),
    Rule("calendar/mid-term-review", "warning", calendar.mid_term_review, only("contrat-de-ville")),
    Rule("governance/no-steering-body", "warning", governance.no_steering_body),
    Rule("governance/no-validating-body", "warning", governance.no_validating_body),
    Rule("governance/body-incomplete", "info", governance.body_incomplete),
    Rule("governance/no-resident-body", "warning", governance.no_resident_body, PLAN),
    Rule("governance/framework-convention", "warning", governance.framework_convention, CONTRACTS),
    Rule("governance/party-without-commitment", "warning", governance.party_without_commitment, CONTRACTS),
    Rule("governance/yearly-conference", "warning", governance.yearly_conference, only("departemental")),
    Rule("governance/referent-per-institution", "warning", governance.referent_per_institution, only("departemental")),
    Rule("governance/no-linked-plan", "info", governance.no_linked_plan, only("departemental")),
    Rule("governance/no-citizen-council", "warning", governance.no_citizen_council, only("contrat-de-ville")),
    Rule("personal/contact-in-free-text", "warning", personal.contact_in_free_text),
    Rule("personal/sensitive-data-about-named-person", "warning", personal.sensitive_data_about_named_person),
    Rule("personal/no-retention-date", "warning", personal.no_retention_date),
    Rule("personal/retention-expired", "warning", personal.retention_expired),
    Rule("personal/named-resident", "warning", personal.named_resident),
    Rule("actions/without-referent", "warning", actions.without_referent, PLAN),
    Rule("actions/without-objective", "warning", actions.without_objective, PLAN),
    Rule("actions/budget-exceeded", "warning", actions.budget_exceeded, PLAN),
    Rule("actions/cost-without-funder", "warning", actions.cost_without_funder, PLAN),
    Rule("actions/no-family-action", "warning", actions.no_family_action, CENTRE_SOCIAL),
    Rule("actions/no-vulnerable-public-action", "warning", actions.no_vulnerable_public_action, CENTRE_SOCIAL),
    Rule("actions/ages-not-covered", "info", actions.ages_not_covered, CENTRE_SOCIAL),
    Rule("actions/funding-to-find", "warning", actions.funding_to_find, PLAN),
    Rule("actions/done-without-date", "warning", action_history.done_without_date, PLAN),
    Rule("actions/status-backwards", "warning", action_history.status_backwards, PLAN),
    Rule("actions/status-not-in-history", "warning", action_history.status_not_in_history, PLAN),
    Rule("actions/history-out-of-order", "warning", action_history.history_out_of_order, PLAN),
    Rule("means/director", "warning", means.director, CENTRE_SOCIAL),
    Rule("means/family-referent", "warning", means.family_referent, CENTRE_SOCIAL),
    Rule("means/feasibility", "warning", means.feasibility, PLAN),
    Rule("means/access-not-described", "info", means.access_not_described, AGREMENT_KINDS),
    Rule("family/no-family-project", "warning", family.no_family_project, CENTRE_SOCIAL),
    Rule("evaluation/renewal-without-evaluation", "error", evaluation.renewal_without_evaluation, AGREMENT_KINDS),
    Rule("evaluation/residents-absent", "warning", evaluation.residents_absent),
    Rule("evaluation/review-year-mismatch", "warning", evaluation.review_year_mismatch),
    Rule("grid/absent", "warning", grid.absent),
    Rule("grid/partial", "info", grid.partial),
    Rule("grid/unknown-rule", "warning", grid.unknown_rule),
)

RULES_BY_ID = {rule.id: rule for rule in RULES}
