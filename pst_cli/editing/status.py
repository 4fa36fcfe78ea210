"""`pst add status ACTION STATUS [--date D] [--note N] DIR`: record a dated change of an
action's state.

The change is appended to the action's `history:` and its `status:` set to the new state,
in the action's own file, every comment kept; the result is checked in a copy before it is
written (`checked.write_checked`), under the project's lock. A change dated before the last
one recorded is refused: `history:` reads in date order (`actions/history-out-of-order`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import typing
from pathlib import Path

from pst_cli.editing.add import Addition, append_item
from pst_cli.editing.checked import write_checked
from pst_cli.errors import ProjectInvalid, PstError
from pst_cli.files import project_lock
from pst_cli.i18n import t
from pst_cli.model.actions import Action, ActionStatus, StatusChange
from pst_cli.project.roundtrip import dump_text, insert_key, load_text, new_mapping, read

STATUSES = typing.get_args(ActionStatus)


def _did_you_mean(wanted: str, known: list[str]) -> str:
    close = difflib.get_close_matches(wanted, known, n=1, cutoff=0.5)
    return t("cycle.add-status.did-you-mean", name=close[0]) + " " if close else ""


def parse_change(status: str, date: str | None, today: dt.date | None = None) -> tuple[str, dt.date]:
    """The state and the date of the change, checked: a known state (the closest suggested), a date AAAA-MM-JJ (today without one)."""
    if status not in STATUSES:
        raise PstError.of(
            "cycle.add-status.unknown-status", status=status, suggestion=_did_you_mean(status, list(STATUSES)), statuses=", ".join(STATUSES)
        )
    if not date:
        return status, today or dt.date.today()
    try:
        return status, dt.date.fromisoformat(date)
    except ValueError:
        raise PstError.of("add.invalid-date", option="--date", value=date) from None


def add_status(root: Path, action_id: str, status: str, date: str | None = None, note: str | None = None) -> Addition:
    """Append the change to the action's `history:` and set its `status:`; the file is checked, then written."""
    from pst_cli.project.load import load_project, require_project

    require_project(root)
    status, day = parse_change(status, date)
    with project_lock(root):
        loaded = load_project(root)
        if loaded.project is None:
            errors = [finding for finding in loaded.findings if finding.severity == "error"]
            raise ProjectInvalid(errors, str(root), loaded.files, t("add.format-errors"), t("add.format-errors.hint"))
        project = loaded.project
        action = next((action for action in project.actions if action.id == action_id), None)
        if action is None:
            known = [action.id for action in project.actions]
            raise PstError.of("cycle.add-status.unknown-action", id=action_id, suggestion=_did_you_mean(action_id, known), actions=", ".join(known) or "—")
        if action.history and day < action.history[-1].date:
            raise PstError.of("cycle.add-status.before-last", id=action_id, date=day, last=action.history[-1].date)
        relpath, loc = project.places[id(action)]
        tree = load_text(read(root / relpath))
        mapping = tree
        for part in loc:
            mapping = mapping[part]
        change = {"date": day, "status": status, **({"note": note} if note else {})}
        append_item(mapping, Action, "history", new_mapping(StatusChange, change))
        if "status" in mapping:
            mapping["status"] = status
        else:
            insert_key(mapping, Action, "status", status)
        write_checked(root, {relpath: dump_text(tree)}, "add")
    return Addition(action_id, relpath, False)
