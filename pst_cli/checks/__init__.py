"""The registry of coherence rules run by `pst check`.

A rule is a function `Project → findings` with an id `family/name`, a default
severity and a docstring that is its user documentation (first line: the summary;
then why it matters and how to fix it). Adding a rule means writing one function in
the module of its family and listing it in `RULES` below. Rules emitted by the
loader itself (YAML and schema problems) are listed too, so `pst rules` documents
every id a user can meet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from ..findings import Finding
from ..project import Project
from . import loader_rules, references

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
)

RULES_BY_ID = {rule.id: rule for rule in RULES}
