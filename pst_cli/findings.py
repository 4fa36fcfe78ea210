"""Findings are data: what a check or the loader found, where, and how to fix it."""

from __future__ import annotations

from dataclasses import asdict, dataclass

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Finding:
    """One problem in a project, at `path:line:col`.

    `path` is the file relative to the project folder; reporters prefix it with the
    folder the user named. `entity` is the id of the entity concerned, when there is
    one: it keeps fingerprints stable when lines move.
    """

    rule: str
    severity: str
    path: str
    line: int
    col: int
    message: str
    hint: str = ""
    entity: str = ""

    def as_dict(self) -> dict:
        return asdict(self)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.col, SEVERITY_ORDER.get(self.severity, 3), self.rule)

