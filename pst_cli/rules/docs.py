"""The documentation of the rules, written from the registry and the catalogue: `pst rules` and docs/rules.md.

The terminal list, the page in the docs and the SARIF rule descriptions all read the
same catalogue entries (`rules.<id>.summary`, `rules.<id>.doc`), so they never disagree.
"""

from __future__ import annotations

import difflib
from itertools import groupby

from pst_cli.errors import PstError
from pst_cli.i18n import t
from pst_cli.rules import RULES, RULES_BY_ID, Rule

REGENERATE = "pst --lang fr rules --markdown > docs/rules.md"


def family(rule: Rule) -> str:
    return rule.id.split("/", 1)[0]


def rule_table() -> str:
    """One line per rule: id, default severity, kinds of project, summary — what `pst rules` prints."""
    width = max(len(rule.id) for rule in RULES)
    severities = {rule.id: t(f"report.severity.{rule.severity}") for rule in RULES}
    size = max(len(value) for value in severities.values())
    kinds = {rule.id: rule.kinds_text for rule in RULES}
    room = max(len(value) for value in kinds.values())
    return "\n".join(f"{rule.id:<{width}}  {severities[rule.id]:<{size}}  {kinds[rule.id]:<{room}}  {rule.summary}" for rule in RULES)


def find_rules(name: str) -> list[Rule]:
    """The rule named `name`, or every rule of the family `name`; a user error with a suggestion otherwise."""
    if name in RULES_BY_ID:
        return [RULES_BY_ID[name]]
    members = [rule for rule in RULES if family(rule) == name.rstrip("/")]
    if members:
        return members
    close = difflib.get_close_matches(name, list(RULES_BY_ID), n=1, cutoff=0.5)
    hint = t("common.did-you-mean", name=close[0]) + " " + t("check.see-rules") if close else t("check.see-rules")
    raise PstError(t("rules.unknown", name=name), hint)


def rule_text(rule: Rule) -> str:
    """The full documentation of one rule, for the terminal."""
    return f"{rule.id} ({t(f'report.severity.{rule.severity}')})\n\n{rule.summary}\n\n{rule.doc}\n\n{t('rules.page.applies', kinds=rule.kinds_text)}\n"


def rules_markdown() -> str:
    """docs/rules.md: a table of every rule, then each rule's documentation, grouped by family."""
    lines = [
        f"# {t('rules.page.title')}",
        "",
        f"<!-- {t('rules.page.generated', command=REGENERATE)} -->",
        "",
        t("rules.page.intro"),
        "",
        t("rules.page.kinds-intro"),
        "",
        f"| {t('rules.page.rule')} | {t('rules.page.severity')} | {t('rules.page.kinds')} | {t('rules.page.summary')} |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| [`{rule.id}`](#{anchor(rule.id)}) | {t(f'report.severity.{rule.severity}')} | {rule.kinds_text} | {rule.summary} |"
        for rule in RULES
    ]
    for name, members in groupby(sorted(RULES, key=_family_order), key=family):
        lines += ["", f"## {t(f'rules.family.{name}')}"]
        for rule in members:
            lines += [
                "",
                f"### `{rule.id}`",
                "",
                f"*{t(f'report.severity.{rule.severity}')}* — {rule.summary}",
                "",
                rule.doc,
                "",
                t("rules.page.applies", kinds=rule.kinds_text),
            ]
    return "\n".join(lines) + "\n"


def _family_order(rule: Rule) -> int:
    """Rules grouped by family, families in the order they first appear in the registry."""
    order = list(dict.fromkeys(family(item) for item in RULES))
    return order.index(family(rule))


def anchor(rule_id: str) -> str:
    """The anchor GitHub gives to the heading of a rule."""
    return "".join(char for char in rule_id.lower() if char.isalnum() or char in "-_ ").replace(" ", "-")
