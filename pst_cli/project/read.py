"""One project file: its bytes checked, its text composed into a node tree with positions and into plain values.

bytes → text (size, encoding, conflict markers, tabs) → node tree (libyaml, see
`yamlfast`) → plain values. Every problem becomes a `Finding` at `file:line:col` with a
message in the project's language and a hint; nothing here raises on bad input. Kept
apart from the models (`load` validates), so that the processes of `pool` parse without
importing pydantic.
"""

from __future__ import annotations

import re
from pathlib import Path

from pst_cli.findings import Finding
from pst_cli.i18n import has, t
from pst_cli.project.yamlfast import YamlProblem, compose, to_python

MAX_FILE_BYTES = 5 * 1024 * 1024
_CONFLICT = re.compile(r"^(<{7}|={7}|>{7})(?: |$)", re.MULTILINE)
_TAB_INDENT = re.compile(r"^\t+\S", re.MULTILINE)


def message(code: str, **values: object) -> tuple[str, str]:
    """The message and hint of the loader's problem `code`, in the active language."""
    hint = t(f"load.{code}.hint", **values) if has(f"load.{code}.hint") else ""
    return t(f"load.{code}", **values), hint


def yaml_problem(problem: str) -> str:
    """libyaml's description of a syntax error, in the user's words when the catalogue has them."""
    key = f"load.yaml-problem.{problem.strip()}"
    return t(key) if has(key) else problem


def read_text(path: Path, relpath: str, real_root: str | None = None) -> tuple[str | None, Finding | None]:
    """The text of a project file (`path` is the project folder joined with `relpath`), or the finding that says why it cannot be read.

    The read policy of `files.read_inside` comes first: a link leaving the project, a FIFO
    or a device, a file over 5 MB are refused before a byte is read.
    """

    def refuse(code: str, at: tuple[int, int] = (1, 1), **values: object) -> tuple[None, Finding]:
        text, hint = message(code, **values)
        return None, Finding(f"file/{code}", "error", relpath, at[0], at[1], text, hint)

    from pst_cli.files import ReadRefused, read_inside

    try:
        data = read_inside(path.parents[len(Path(relpath).parts) - 1], relpath, MAX_FILE_BYTES, real_root)
    except ReadRefused as refusal:
        values = dict(refusal.values)
        if refusal.code == "too-large":
            values = {"size": round(values["size"] / 1_048_576, 1), "limit": MAX_FILE_BYTES // 1_048_576}
        return refuse(refusal.code, **values)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return refuse("utf16")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        col = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return refuse("encoding", (line, col), byte=f"{data[error.start]:02X}", line=line)
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        return refuse("utf16" if offset < 4 else "encoding", (line, 1), byte="00", line=line)
    if "<<<<<<<" in text or ">>>>>>>" in text or "=======" in text:
        conflict = _CONFLICT.search(text)
        if conflict:
            line = text.count("\n", 0, conflict.start()) + 1
            return refuse("conflict-marker", (line, 1), marker=conflict.group(1))
    if "\u2028" in text or "\u2029" in text or "\x85" in text:
        # YAML counts these as line breaks, editors and Git do not: every position after one
        # would be off. Refused where it is, counted as editors count.
        offset = min(i for i in (text.find("\u2028"), text.find("\u2029"), text.find("\x85")) if i >= 0)
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        return refuse("line-separator", (line, col), character=f"U+{ord(text[offset]):04X}")
    if "\t" in text:
        tab = _TAB_INDENT.search(text)
        if tab:
            return refuse("tab-indent", (text.count("\n", 0, tab.start()) + 1, 1))
    return text, None


def parse_file(path: Path, relpath: str) -> tuple[object, object, Finding | None]:
    """(node tree, plain values, problem) of one YAML file."""
    text, problem = read_text(path, relpath)
    if problem:
        return None, None, problem
    return parse_text(text, relpath)


def parse_text(text: str, relpath: str) -> tuple[object, object, Finding | None]:
    """(node tree, plain values, problem) of the text of one YAML file."""
    try:
        node = compose(text)
        data = to_python(node) if node is not None else None
    except YamlProblem as error:
        rule = "file/tab-indent" if error.code == "tab-indent" else f"yaml/{error.code}"
        details = dict(error.details)
        if "problem" in details:
            details["problem"] = yaml_problem(str(details["problem"]))
        wording, hint = message(error.code, **details)
        return None, None, Finding(rule, "error", relpath, error.line, error.col, wording, hint)
    return node, data, None


def read_and_parse(root: Path, relpath: str, real_root: str | None = None) -> tuple[str | None, object, object, Finding | None]:
    """(text, node tree, plain values, problem) of one project file (`real_root`: the real path of `root`)."""
    text, problem = read_text(root / relpath, relpath, real_root)
    if problem is not None:
        return None, None, None, problem
    node, data, problem = parse_text(text, relpath)
    return text, node, data, problem
