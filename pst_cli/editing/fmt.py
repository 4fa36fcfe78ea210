"""`pst fmt`: one canonical layout for every YAML file of a project, comments kept.

The layout is the one of `roundtrip.yaml_instance()`: keys in the schema's field order,
2-space indentation, list dashes two spaces under their key, no re-wrapping of long
lines, quotes as the user wrote them, UTF-8 without BOM, `\\n` line ends. Comments,
blank lines and the `# yaml-language-server` line are kept. Formatting twice changes
nothing the second time.

A file the loader refuses (syntax error, conflict markers, wrong encoding…) is reported
at `file:line:col` and left untouched; so is a file whose formatted text would not read
back as the same values (a safety net against a bug in the YAML library).
"""

from __future__ import annotations

import re
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from pst_cli.files import project_lock, write_user_file
from pst_cli.findings import Finding
from pst_cli.i18n import t
from pst_cli.project.load import find_project_files
from pst_cli.project.read import parse_file, yaml_problem
from pst_cli.project.roundtrip import dump_text, load_text, lost_comment, order_keys
from pst_cli.project.yamlfast import YamlProblem, compose, to_python


@dataclass
class FmtResult:
    """What formatting a project did (or would do, with `check`)."""

    changed: list[str] = field(default_factory=list)
    """Files rewritten (or that would be), relative to the project folder."""
    problems: list[Finding] = field(default_factory=list)
    """Files left untouched because they could not be read safely."""
    files: int = 0


def format_text(text: str, model) -> str:
    """The canonical text of one YAML file whose top level is described by `model`."""
    tree = load_text(text)
    if isinstance(tree, CommentedMap):
        order_keys(tree, model)
    if tree is None:
        return text
    return dump_text(tree)


def _same_values(before: str, after: str) -> bool:
    try:
        first, second = compose(before), compose(after)
    except YamlProblem:
        return False
    return (to_python(first) if first is not None else None) == (to_python(second) if second is not None else None)


def format_project(root: Path, check: bool = False) -> FmtResult:
    """Format every project file under `root`; with `check`, only say which would change.

    Rewriting holds the project's lock, so that a `pst add` or `pst import` running at the
    same time never has its change overwritten by the old text formatted.
    """
    with nullcontext() if check else project_lock(root):
        return _format_project(root, check)


def _format_project(root: Path, check: bool) -> FmtResult:
    known, _ = find_project_files(root)
    result = FmtResult(files=len(known))
    for relpath, kind in known:
        path = root / relpath
        _, _, problem = parse_file(path, relpath)
        if problem:
            result.problems.append(problem)
            continue
        raw = path.read_bytes()
        text = raw.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
        long_number = _LONG_NUMBER.search(text)
        if long_number:
            line = text.count("\n", 0, long_number.start()) + 1
            col = long_number.start() - (text.rfind("\n", 0, long_number.start()) + 1) + 1
            result.problems.append(_refusal(relpath, line, col, t("fmt.number-too-long", digits=MAX_DIGITS)))
            continue
        try:
            formatted = format_text(text, kind.model)
        except YAMLError as error:
            mark = error.problem_mark if isinstance(error, MarkedYAMLError) and error.problem_mark else None
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            result.problems.append(_refusal(relpath, line, col, yaml_problem(str(getattr(error, "problem", "") or error))))
            continue
        if formatted.encode("utf-8") == raw:
            continue
        if not _same_values(text, formatted):
            result.problems.append(_refusal(relpath, 1, 1, t("fmt.would-change-values")))
            continue
        lost = lost_comment(text, formatted)
        if lost is not None or format_text(formatted, kind.model) != formatted:
            line, comment = lost or (1, "")
            reason = t("fmt.would-lose-comment", comment=comment) if lost else t("fmt.unstable")
            result.problems.append(
                Finding("fmt/not-formatted", "error", relpath, line, 1, t("fmt.not-formatted", reason=reason), t("fmt.not-formatted.comment-hint"))
            )
            continue
        result.changed.append(relpath)
        if not check:
            write_user_file(root, path, formatted)
    return result


MAX_DIGITS = 4300
"""Python's limit for turning digits into a number, which ruamel.yaml's round trip meets."""
_LONG_NUMBER = re.compile(rf"(?<![\w.])[-+]?\d{{{MAX_DIGITS + 1},}}")


def _refusal(relpath: str, line: int, col: int, reason: str) -> Finding:
    return Finding("fmt/not-formatted", "error", relpath, line, col, t("fmt.not-formatted", reason=reason), t("fmt.not-formatted.hint"))
