"""The dated history of an action's state (`history:` of a fiche action): « réalisée » with a
date, a step back explained, the `status` field agreeing with the last change, in date order.

The states move forward prevue → en-cours → realisee; `abandonnee` stands apart. Going back
(realisee → en-cours, en-cours → prevue) or taking up an abandoned action happens, but
someone reading the yearly review must be told why: such a change carries a `note`.
"""

from __future__ import annotations

from collections.abc import Iterator

from pst_cli.findings import Finding
from pst_cli.i18n import t
from pst_cli.model.actions import Action, StatusChange
from pst_cli.project.aggregate import Project

FORWARD = {"prevue": 0, "en-cours": 1, "realisee": 2}
"""Rank of each state on the way to done; `abandonnee` has none."""


def backwards(previous: str, new: str) -> bool:
    """Whether going from `previous` to `new` is a step back (or taking up an abandoned action)."""
    if previous == "abandonnee":
        return new != "abandonnee"
    return new in FORWARD and FORWARD[new] < FORWARD[previous]


def last_change(action: Action) -> StatusChange | None:
    """The latest change of `action`'s history: the last written (`history` reads from the oldest;
    an entry out of date order is `history-out-of-order`'s business)."""
    return action.history[-1] if action.history else None


def _status_key(action: Action) -> tuple:
    return ("status",) if "status" in action.model_fields_set else ("id",)


def done_without_date(project: Project) -> Iterator[Finding]:
    """An action is `realisee` and its history has no dated `realisee` entry."""
    for action in project.actions:
        if action.status == "realisee" and not any(change.status == "realisee" for change in action.history):
            yield project.finding(
                action,
                _status_key(action),
                message=t("rules.actions/done-without-date.message", id=action.id),
                hint=t("rules.actions/done-without-date.hint", id=action.id),
            )


def status_backwards(project: Project) -> Iterator[Finding]:
    """A history entry goes back (realisee → en-cours, or an abandoned action taken up) without a `note`."""
    for action in project.actions:
        for index in range(1, len(action.history)):
            previous, change = action.history[index - 1], action.history[index]
            if backwards(previous.status, change.status) and not change.note:
                yield project.finding(
                    change,
                    ("status",),
                    message=t(
                        "rules.actions/status-backwards.message",
                        id=action.id,
                        previous=t(f"value.{previous.status}").lower(),
                        status=t(f"value.{change.status}").lower(),
                        date=change.date,
                    ),
                    hint=t("rules.actions/status-backwards.hint"),
                )


def status_not_in_history(project: Project) -> Iterator[Finding]:
    """The action's `status` differs from the state of the latest entry of its `history`."""
    for action in project.actions:
        last = last_change(action)
        if last is not None and last.status != action.status:
            yield project.finding(
                action,
                _status_key(action),
                message=t(
                    "rules.actions/status-not-in-history.message",
                    id=action.id,
                    status=t(f"value.{action.status}").lower(),
                    last=t(f"value.{last.status}").lower(),
                    date=last.date,
                ),
                hint=t("rules.actions/status-not-in-history.hint", id=action.id, status=action.status),
            )


def history_out_of_order(project: Project) -> Iterator[Finding]:
    """An entry of an action's `history` is dated before the entry written above it."""
    for action in project.actions:
        for index in range(1, len(action.history)):
            previous, change = action.history[index - 1], action.history[index]
            if change.date < previous.date:
                yield project.finding(
                    change,
                    ("date",),
                    message=t("rules.actions/history-out-of-order.message", id=action.id, date=change.date, previous=previous.date),
                    hint=t("rules.actions/history-out-of-order.hint"),
                )
