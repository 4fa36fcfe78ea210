"""Formatters of findings: each turns a `CheckResult` into the text its reader expects.

Every formatter has the same signature, `render(result, folder, colour) -> str`:
`folder` is the project folder as the user named it (paths are printed from it) and
`colour` says whether the text may carry terminal colours. `FORMATTERS` is the one
table `pst check --format` chooses from.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from pst_cli.report import github, gitlab, json, sarif, text
from pst_cli.rules.runner import CheckResult

Formatter = Callable[[CheckResult, str, bool], str]

FORMATTERS: dict[str, Formatter] = {
    "text": text.render,
    "json": json.render,
    "github": github.render,
    "sarif": sarif.render,
    "gitlab": gitlab.render,
}


def colour_for(stream) -> bool:
    """Colours only for a person at a terminal, and never when NO_COLOR is set (no-color.org)."""
    return bool(getattr(stream, "isatty", lambda: False)()) and not os.environ.get("NO_COLOR")
