"""Read a project folder into a validated `Project`, or into positioned findings.

Flow: the project's files (`walk`) → each one read and parsed into plain values (`read`;
on every core for a large project, `pool`) → pydantic models → `Project`. Every problem
becomes a `Finding` at `file:line:col` with a message in the project's language and a
hint; nothing here raises on bad input.
"""

from __future__ import annotations

import difflib
import gc
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from pst_cli.errors import ProjectInvalid, PstError
from pst_cli.findings import Finding
from pst_cli.i18n import t
from pst_cli.model import FileKind, kind_of
from pst_cli.model.introspect import unwrap
from pst_cli.model.project import ProjectFile
from pst_cli.project.aggregate import WHOLE_FILES, LoadedFile, Project
from pst_cli.project.pool import parse_all
from pst_cli.project.read import message
from pst_cli.project.walk import yaml_files
from pst_cli.project.yamlfast import compose, locate, locate_key

MAX_FINDINGS_PER_FILE = 200
"""Schema findings placed and reported per file; the rest are counted in one more finding."""


@dataclass
class LoadResult:
    """What loading a folder gave: the project (when every file validated) and the findings."""

    project: Project | None
    findings: list[Finding] = field(default_factory=list)
    files: int = 0


def require_project(root: Path) -> None:
    """Refuse a folder that holds no project (no `pst.yaml`)."""
    if not (root / "pst.yaml").is_file():
        raise PstError.of("load.no-project", folder=str(root))


def open_project(root: Path) -> Project:
    """The validated project in `root`, for every command that works on one.

    A folder with no project, or a project with errors, is refused with the findings that
    say where (`ProjectInvalid`, printed like `pst check` prints them).
    """
    require_project(root)
    loaded = load_project(root)
    errors = [finding for finding in loaded.findings if finding.severity == "error"]
    if loaded.project is None or errors:
        raise ProjectInvalid(errors, str(root), loaded.files, t("load.project-invalid", folder=str(root)), t("load.project-invalid.hint", folder=str(root)))
    return loaded.project


def find_project_files(root: Path) -> tuple[list[tuple[str, FileKind]], list[str]]:
    """Project files by kind, and YAML files that match no kind, as paths relative to `root`."""
    known: list[tuple[str, FileKind]] = []
    unknown: list[str] = []
    for relpath in yaml_files(root):
        kind = kind_of(relpath)
        if kind:
            known.append((relpath, kind))
        else:
            unknown.append(relpath)
    return known, unknown


def validate(kind: FileKind, relpath: str, node: object, data: object, text: str = "") -> tuple[BaseModel | None, list[Finding]]:
    """The model of one file, or the schema findings that say what is wrong in it.

    `node` may be None when the file was parsed elsewhere: its tree is composed again from
    `text` only if there is an error to place.
    """
    if data is None:
        wording, hint = message("empty-file")
        severity = "error" if kind.single or kind.name == "project" else "warning"
        if severity == "warning":
            return kind.model(), [Finding("schema/empty-file", severity, relpath, 1, 1, wording, hint)]
        return None, [Finding("schema/empty-file", severity, relpath, 1, 1, wording, hint)]
    if not isinstance(data, dict):
        expected = "id" if kind.single else next(iter(kind.model.model_fields), "title")
        found = t("load.found-list") if isinstance(data, list) else t("load.found-value")
        wording, hint = message("not-a-mapping", expected=expected, found=found)
        return None, [Finding("schema/not-a-mapping", "error", relpath, 1, 1, wording, hint)]
    try:
        return kind.model.model_validate(data), []
    except ValidationError as errors:
        if node is None and text:
            node = compose(text)
        every = errors.errors()
        # A file of 100 000 unknown keys would take minutes to place one by one, for no reader.
        findings = [schema_finding(kind.model, relpath, node, data, error) for error in every[:MAX_FINDINGS_PER_FILE]]
        if len(every) > MAX_FINDINGS_PER_FILE:
            wording, hint = message("too-many-errors", count=len(every) - MAX_FINDINGS_PER_FILE, shown=MAX_FINDINGS_PER_FILE)
            findings.append(Finding("schema/too-many-errors", "error", relpath, findings[-1].line, findings[-1].col, wording, hint))
        return None, findings


def schema_finding(model: type[BaseModel], relpath: str, node: object, data: object, error: dict) -> Finding:
    """Turn one pydantic error into a positioned finding with a plain-language message."""
    loc = tuple(error["loc"])
    kind = error["type"]
    key = next((part for part in reversed(loc) if isinstance(part, str) and part != "[key]"), "")
    value = _shorten(error.get("input"))
    if kind == "extra_forbidden":
        line, col = locate_key(node, loc)
        allowed = sorted(_fields_at(model, loc[:-1]))
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        if close:
            suggestion = message("did-you-mean", name=close[0])[0]
        else:
            suggestion = message("allowed-keys", names=", ".join(allowed))[0]
        wording, hint = message("unknown-key", key=loc[-1], suggestion=suggestion)
        return Finding("schema/unknown-key", "error", relpath, line, col, wording, hint)
    line, col, _ = locate(node, loc)
    if kind == "missing":
        line, col, _ = locate(node, loc[:-1])
        described = _fields_at(model, loc[:-1]).get(str(loc[-1]), "")
        wording, hint = message("missing", key=loc[-1], description=described.rstrip("."))
        return Finding("schema/missing-field", "error", relpath, line, col, wording, hint)
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", error.get("ctx", {}).get("expected", ""))
        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.5)
        suggestion = message("did-you-mean", name=close[0])[0] + " " if close else ""
        if loc and loc[-1] == "[key]":
            key = str(loc[-3]) if len(loc) > 2 else key  # the block holding the wrong key
        wording, hint = message("choice", value=value, key=key, choices=", ".join(choices), suggestion=suggestion)
        return Finding("schema/invalid-choice", "error", relpath, line, col, wording, hint)
    code = _CODES.get(kind)
    if code == "text" and isinstance(error.get("input"), dict):
        code = "colon-in-text"
    if code is None and kind.startswith(("date", "datetime")):
        code = "date"
    if kind == "value_error" and "period" in loc:
        code = "invalid"
    if code is None:
        code = "range" if kind in _BOUNDS else "invalid"
    detail = _range_detail(kind, error.get("ctx", {})) or error.get("msg", "")
    wording, hint = message(code, key=key, value=value, detail=detail)
    return Finding(f"schema/{_RULES.get(code, 'invalid-value')}", "error", relpath, line, col, wording, hint)


_CODES = {
    "string_type": "text",
    "string_too_short": "empty-text",
    "int_type": "integer",
    "int_parsing": "integer",
    "int_from_float": "integer",
    "float_type": "number",
    "float_parsing": "number",
    "finite_number": "number",
    "bool_type": "boolean",
    "bool_parsing": "boolean",
    "list_type": "list",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "string_pattern_mismatch": "id",
}
_RULES = {
    "text": "wrong-type",
    "colon-in-text": "wrong-type",
    "integer": "wrong-type",
    "number": "wrong-type",
    "boolean": "wrong-type",
    "list": "wrong-type",
    "mapping": "wrong-type",
    "date": "invalid-date",
    "id": "invalid-id",
    "empty-text": "empty-value",
    "range": "out-of-range",
}


_BOUNDS = {
    "greater_than_equal": ("ge", "≥"),
    "greater_than": ("gt", ">"),
    "less_than_equal": ("le", "≤"),
    "less_than": ("lt", "<"),
    "too_long": ("max_length", "≤"),
    "string_too_long": ("max_length", "≤"),
}


def _range_detail(kind: str, ctx: dict) -> str:
    """`doit être ≥ 1` / `must be ≥ 1` from pydantic's bound errors."""
    if kind not in _BOUNDS:
        return ""
    key, sign = _BOUNDS[kind]
    if key == "max_length":
        return t("load.range.max-length", limit=ctx.get(key))
    return t("load.range.bound", sign=sign, limit=ctx.get(key))


def _shorten(value: object, limit: int = 60) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fields_at(model: type[BaseModel], loc: tuple) -> dict[str, str]:
    """Field names (with descriptions) of the model found at `loc` inside `model`."""
    current: object = model
    for part in loc:
        if part == "[key]":
            return {}
        candidates = unwrap(current)
        if isinstance(part, int):
            current = next((args[0] for origin, args in candidates if origin is list and args), None)
        else:
            model_class = next((c for c, _ in candidates if isinstance(c, type) and issubclass(c, BaseModel)), None)
            if model_class is None or part not in model_class.model_fields:
                dict_value = next((args[1] for origin, args in candidates if origin is dict and len(args) == 2), None)
                current = dict_value
            else:
                current = model_class.model_fields[part].annotation
        if current is None:
            return {}
    model_class = next((c for c, _ in unwrap(current) if isinstance(c, type) and issubclass(c, BaseModel)), None)
    if model_class is None:
        return {}
    return {name: info.description or "" for name, info in model_class.model_fields.items()}


def load_project(root: Path) -> LoadResult:
    """Load and validate every file of the project in `root`.

    `project` is None when a file could not be read or validated; the findings then
    say where and why. The caller checks that `root/pst.yaml` exists first.
    """
    # Loading allocates hundreds of thousands of small objects (YAML nodes) that live as
    # long as the command: cyclic garbage collection would scan them again and again.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_project(root)
    finally:
        gc.freeze()
        if gc_was_enabled:
            gc.enable()


def _load_project(root: Path) -> LoadResult:
    known, unknown = find_project_files(root)
    result = LoadResult(project=None, files=len(known))
    kinds = dict(known)
    done: dict[str, tuple[LoadedFile | None, list[Finding]]] = {}
    for relpath, (text, node, data, problem) in parse_all(root, [relpath for relpath, _ in known]):
        if problem:
            done[relpath] = (None, [problem])
            continue
        model, problems = validate(kinds[relpath], relpath, node, data, text)
        done[relpath] = (LoadedFile(relpath, kinds[relpath].name, node, model, text), problems)
    loaded: list[LoadedFile] = []
    for relpath, _ in known:
        loaded_file, problems = done[relpath]
        result.findings.extend(problems)
        if loaded_file is not None:
            loaded.append(loaded_file)
    for relpath in unknown:
        wording, hint = message("unknown-file")
        result.findings.append(Finding("files/unknown-file", "warning", relpath, 1, 1, wording, hint))
    config_file = next((f for f in loaded if f.kind == "project"), None)
    if config_file and isinstance(config_file.model, ProjectFile):
        period = config_file.model.period
        if period.end is not None and period.end < period.start:
            wording, hint = message("period-order", start=period.start, end=period.end)
            line, col, _ = locate(config_file.tree(), ("period", "end"))
            result.findings.append(Finding("schema/period-order", "error", "pst.yaml", line, col, wording, hint))
    if any(f.severity == "error" for f in result.findings) or config_file is None:
        return result
    result.project = assemble(root, loaded)
    return result


def assemble(root: Path, loaded: list[LoadedFile]) -> Project:
    """Gather the entities of every validated file into one `Project`, remembering positions."""
    config = next(f.model for f in loaded if f.kind == "project")
    project = Project(root=root, config=config, files={f.relpath: f for f in loaded})
    collections = {
        "stakeholders": ("stakeholders", project.stakeholders),
        "sources": ("sources", project.sources),
        "context-indicators": ("indicators", project.context_indicators),
        "findings": ("findings", project.findings),
        "challenges": ("challenges", project.challenges),
        "measurements": ("measurements", project.measurements),
    }
    singles = {"workshop": project.workshops, "axis": project.axes, "action": project.actions, "grid": project.grids, "review": project.reviews}
    for loaded_file in loaded:
        model = loaded_file.model
        if model is None:
            continue
        if loaded_file.kind in collections:
            key, target = collections[loaded_file.kind]
            for index, entity in enumerate(getattr(model, key)):
                target.append(entity)
                project.record(entity, loaded_file.relpath, (key, index))
        elif loaded_file.kind in singles:
            singles[loaded_file.kind].append(model)
            project.record(model, loaded_file.relpath, ())
        elif loaded_file.kind in WHOLE_FILES:
            setattr(project, WHOLE_FILES[loaded_file.kind], model)
            project.record(model, loaded_file.relpath, ())
        elif loaded_file.kind == "project":
            project.record(model, loaded_file.relpath, ())
    project.workshops.sort(key=lambda workshop: workshop.date)
    return project
