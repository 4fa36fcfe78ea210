"""Reviewers' comments and tracked changes (`pst import comments`) as a review list, one per line.

`path:line:col: Marie Dupont (12/03) : « Préciser la cible » [commentaire]`, the format of
compilers and of `pst check`, so that editors and terminals link each line to its
place. JSON gives every field to scripts; GitHub annotations and SARIF go through the
formatters of findings (`report.FORMATTERS`), so that a pull request shows the comments
on the lines they are about.
"""

from __future__ import annotations

import json

from pst_cli.editing.comments import ReviewResult, message
from pst_cli.i18n import t, tn
from pst_cli.report.paths import display_path
from pst_cli.report.text import paint, printable
from pst_cli.rules.runner import CheckResult


def _path(result: ReviewResult, folder: str, item) -> str:
    return display_path(folder, item.path) if item.placed else result.document


def findings(result: ReviewResult) -> CheckResult:
    """The items as findings (rule `review/<kind>`, level info), for the GitHub and SARIF formatters."""
    return CheckResult(findings=[item.as_finding(message(item)) for item in result.items if item.placed])


def render_text(result: ReviewResult, folder: str, colour: bool = False, apply: bool = False) -> str:
    """One line per comment or change, then what `--apply` did or could do."""
    lines = []
    for item in result.items:
        where = printable(f"{_path(result, folder, item)}:{item.line}:{item.col}")
        kind = paint(f"[{t(f'review.kind.{item.kind}')}]", "dim", colour)
        lines.append(f"{paint(where, 'bold', colour)}: {printable(message(item))} {kind}")
        if item.kind == "comment" and item.passage:
            lines.append(f"    {t('review.passage', passage=printable(item.passage))}")
        if item.kind != "comment":
            if item in result.applied:
                lines.append(f"    {paint('✓', 'green', colour)} {t('review.applied')}")
            elif item.change is not None:
                lines.append(f"    → {t('review.applicable')}")
            elif item.reason:
                lines.append(f"    → {t('review.not-applicable', reason=printable(item.reason))}")
        elif item.reason:
            lines.append(f"    → {printable(item.reason)}")
    comments = sum(1 for item in result.items if item.kind == "comment")
    changes = len(result.items) - comments
    applicable = sum(1 for item in result.items if item.change is not None)
    summary = t("review.summary", comments=tn("review.count.comments", comments), changes=tn("review.count.changes", changes))
    if apply:
        summary += t("review.summary-applied", applied=tn("review.count.applied", len(result.applied)))
    elif applicable:
        summary += t("review.summary-applicable", applicable=tn("review.count.applicable", applicable))
    lines.append(summary)
    return "\n".join(lines)


def render_json(result: ReviewResult, folder: str) -> str:
    """Every field of every item, for scripts."""
    rows = [
        {
            "kind": item.kind, "author": item.author, "date": item.date, "text": item.text, "passage": item.passage,
            "old": item.old, "new": item.new, "path": _path(result, folder, item), "line": item.line, "col": item.col,
            "entity": item.entity, "placed": item.placed, "applicable": item.change is not None,
            "applied": item in result.applied, "reason": item.reason,
        }
        for item in result.items
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2)
