"""The documentation of the rules, written from the registry: `pst rules` and docs/rules.md.

The docstring of each rule is its documentation, so the list a user reads in the
terminal, the page in the docs and the SARIF rule descriptions never disagree.
"""

from __future__ import annotations

import difflib
import inspect
from itertools import groupby

from pst_cli.rules import RULES, RULES_BY_ID, Rule
from pst_cli.findings import PstError

FAMILY_TITLES = {
    "file": "Fichiers / Files",
    "yaml": "YAML",
    "schema": "Format des fichiers / File format",
    "files": "Organisation du projet / Project layout",
    "references": "Références / References",
    "plan": "Arbre des objectifs / Objectives tree",
    "indicators": "Indicateurs / Indicators",
    "diagnostic": "Diagnostic",
    "participation": "Participation",
    "calendar": "Calendrier / Calendar",
    "governance": "Gouvernance / Governance",
    "personal": "Données personnelles (RGPD) / Personal data (GDPR)",
    "actions": "Fiches actions / Action sheets",
}
REGENERATE = "pst rules --markdown > docs/rules.md"


def family(rule: Rule) -> str:
    return rule.id.split("/", 1)[0]


def rule_table() -> str:
    """One line per rule: id, default severity, summary — what `pst rules` prints."""
    width = max(len(rule.id) for rule in RULES)
    return "\n".join(f"{rule.id:<{width}}  {rule.severity:<7}  {rule.summary}" for rule in RULES)


def find_rules(name: str) -> list[Rule]:
    """The rule named `name`, or every rule of the family `name`; a user error with a suggestion otherwise."""
    if name in RULES_BY_ID:
        return [RULES_BY_ID[name]]
    members = [rule for rule in RULES if family(rule) == name.rstrip("/")]
    if members:
        return members
    close = difflib.get_close_matches(name, list(RULES_BY_ID), n=1, cutoff=0.5)
    suggestion = f"Vouliez-vous dire « {close[0]} » ? " if close else ""
    raise PstError(f"règle inconnue : « {name} »", suggestion + "`pst rules` liste toutes les règles.")


def rule_text(rule: Rule) -> str:
    """The full documentation of one rule, for the terminal."""
    return f"{rule.id} ({rule.severity})\n\n{inspect.cleandoc(rule.doc)}\n"


def rules_markdown() -> str:
    """docs/rules.md: a table of every rule, then each rule's documentation, grouped by family."""
    lines = [
        "# Règles de `pst check` / `pst check` rules",
        "",
        f"<!-- Generated from the rule registry (pst_cli/checks/). Do not edit: run `{REGENERATE}`. -->",
        "",
        "Chaque règle a un identifiant `famille/nom` et une gravité par défaut, que `pst.yaml` peut",
        "changer (`checks: severity:`) ou désactiver (`checks: ignore:`).",
        "Every rule has an id `family/name` and a default severity, which `pst.yaml` can change",
        "(`checks: severity:`) or turn off (`checks: ignore:`).",
        "",
        "| Règle / Rule | Gravité / Severity | Résumé / Summary |",
        "|---|---|---|",
    ]
    lines += [f"| [`{rule.id}`](#{anchor(rule.id)}) | {rule.severity} | {rule.summary} |" for rule in RULES]
    for name, members in groupby(RULES, key=family):
        lines += ["", f"## {FAMILY_TITLES.get(name, name)}"]
        for rule in members:
            body = inspect.cleandoc(rule.doc).split("\n", 1)
            lines += ["", f"### `{rule.id}`", "", f"*{rule.severity}* — {body[0]}"]
            if len(body) > 1 and body[1].strip():
                lines += ["", body[1].strip().replace("\nEN:", "\n\nEN:")]
    return "\n".join(lines) + "\n"


def anchor(rule_id: str) -> str:
    """The anchor GitHub gives to the heading of a rule."""
    return "".join(char for char in rule_id.lower() if char.isalnum() or char in "-_ ").replace(" ", "-")
