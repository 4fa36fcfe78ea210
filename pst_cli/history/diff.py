"""`pst diff`: what changed in a project between two revisions, entity by entity.

A YAML line diff says "line 42 changed"; a reviewer wants « Indicateur I-A1.OG1-1 :
cible 20 → 30 ». The core here is pure: two `Project`s in, a list of `Change` records
out (`compare`), then renderers for text, Markdown (pull-request comments, GitHub job
summaries) and JSON. `diff_revisions` is the thin part that reads revisions from Git
(`gitrev`) and loads them.

Entities are matched by kind and id, never by position: an objective moved to another
file is one "moved" change, not a removal and an addition. Nested entities (general
objectives inside an axis, operational objectives inside them, indicators inside
objectives and actions, bodies inside the governance) are entities of their own: the
parent's field changes never repeat what changed in its children.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pydantic import BaseModel

from pst_cli.findings import Finding
from pst_cli.i18n import active, has, t, tn
from pst_cli.project.aggregate import Project
from pst_cli.project.load import load_project

KINDS = (
    "project", "stakeholder", "source", "data-point", "finding", "workshop", "challenge", "axis", "general-objective",
    "operational-objective", "indicator", "action", "governance", "body", "convention", "milestone", "measurement",
)
"""Kinds of entities, in the order a reviewer reads a plan; each is named `diff.kind.<kind>` (and `….plural`)."""
KIND_ORDER = {kind: rank for rank, kind in enumerate(KINDS)}
OPERATIONS = ("added", "removed", "changed", "moved")
PARENT_KINDS = {"Axis": "axis", "GeneralObjective": "general-objective", "OperationalObjective": "operational-objective", "Action": "action"}

# Fields that hold nested entities: compared as entities of their own, not as fields.
CHILD_FIELDS = {
    "axis": {"general_objectives"},
    "general-objective": {"operational_objectives", "indicators"},
    "operational-objective": {"indicators"},
    "action": {"indicators"},
    "governance": {"bodies", "conventions", "milestones"},
}


@dataclass
class Entry:
    """One entity of one revision, as `compare` sees it."""

    kind: str
    key: str
    label: str
    path: str
    parent: str | None
    values: dict
    parent_kind: str | None = None


@dataclass
class FieldChange:
    """One field of an entity that changed: dotted path (`target.value`), old and new values."""

    field: str
    old: object
    new: object


@dataclass
class Change:
    """One entity added, removed, changed or moved between two revisions."""

    kind: str
    id: str
    change: str
    label: str
    path: str
    old_path: str | None = None
    parent: str | None = None
    old_parent: str | None = None
    fields: list[FieldChange] = field(default_factory=list)


# Entities of a project ------------------------------------------------------------


def _title(entity: BaseModel) -> str:
    for name in ("title", "label", "name", "statement"):
        value = getattr(entity, name, None)
        if isinstance(value, str):
            return value
    return ""


def entries(project: Project) -> dict[tuple[str, str], Entry]:
    """Every entity of `project` by (kind, id)."""
    found: dict[tuple[str, str], Entry] = {}

    def add(kind: str, entity: BaseModel, key: str | None = None, parent: BaseModel | None = None, exclude: set | None = None) -> None:
        key = key if key is not None else entity.id
        skip = {"id"} | CHILD_FIELDS.get(kind, set()) | (exclude or set())
        values = entity.model_dump(mode="json", exclude=skip)
        path = project.places.get(id(entity), ("", ()))[0]
        parent_kind = PARENT_KINDS.get(type(parent).__name__) if parent is not None else None
        found[(kind, key)] = Entry(kind, key, _title(entity), path, parent.id if parent else None, values, parent_kind)

    add("project", project.config, key="pst.yaml")
    for kind, collection in (
        ("stakeholder", project.stakeholders),
        ("source", project.sources),
        ("data-point", project.context_indicators),
        ("finding", project.findings),
        ("workshop", project.workshops),
        ("challenge", project.challenges),
    ):
        for entity in collection:
            add(kind, entity)
    for axis in project.axes:
        add("axis", axis)
        for general in axis.general_objectives:
            add("general-objective", general, parent=axis)
            for indicator in general.indicators:
                add("indicator", indicator, parent=general)
            for operational in general.operational_objectives:
                add("operational-objective", operational, parent=general)
                for indicator in operational.indicators:
                    add("indicator", indicator, parent=operational)
    for action in project.actions:
        add("action", action)
        for indicator in action.indicators:
            add("indicator", indicator, parent=action)
    governance = project.governance
    if project.places.get(id(governance)):
        add("governance", governance, key="governance.yaml")
    for kind, collection in (("body", governance.bodies), ("convention", governance.conventions), ("milestone", governance.milestones)):
        for entity in collection:
            add(kind, entity)
    for measurement in project.measurements:
        add("measurement", measurement, key=f"{measurement.indicator}@{measurement.date.isoformat()}", exclude={"indicator", "date"})
    return found


def _flatten(values: object, prefix: str = "") -> dict[str, object]:
    """Nested values as `{"target.value": 80, "budget[1].amount": 1600, "findings": [...]}`."""
    if isinstance(values, dict):
        flat: dict[str, object] = {}
        for key, value in values.items():
            flat.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(values, list) and any(isinstance(item, dict) for item in values):
        flat = {}
        for index, item in enumerate(values):
            flat.update(_flatten(item, f"{prefix}[{index}]"))
        return flat
    return {prefix: values}


def field_changes(old: dict, new: dict) -> list[FieldChange]:
    """Fields whose value differs, in the order of the new entity."""
    before, after = _flatten(old), _flatten(new)
    keys = list(after) + [key for key in before if key not in after]
    return [FieldChange(key, before.get(key), after.get(key)) for key in keys if before.get(key) != after.get(key)]


def compare(old: Project, new: Project) -> list[Change]:
    """What changed from `old` to `new`, entity by entity, in reading order."""
    before, after = entries(old), entries(new)
    changes: list[Change] = []
    for key, entry in after.items():
        previous = before.get(key)
        if previous is None:
            changes.append(Change(entry.kind, entry.key, "added", entry.label, entry.path, parent=entry.parent))
            continue
        fields = field_changes(previous.values, entry.values)
        parent_moved_too = False
        if entry.parent_kind and entry.parent == previous.parent:
            parent_key = (entry.parent_kind, entry.parent)
            parent_before, parent_after = before.get(parent_key), after.get(parent_key)
            parent_moved_too = bool(parent_before and parent_after and parent_before.path != parent_after.path)
        moved = entry.parent != previous.parent or (entry.path != previous.path and not parent_moved_too)
        if moved or fields:
            changes.append(
                Change(
                    entry.kind, entry.key, "moved" if moved else "changed", entry.label, entry.path,
                    old_path=previous.path if previous.path != entry.path else None,
                    parent=entry.parent, old_parent=previous.parent if previous.parent != entry.parent else None,
                    fields=fields,
                )
            )
    for key, entry in before.items():
        if key not in after:
            changes.append(Change(entry.kind, entry.key, "removed", entry.label, entry.path, parent=entry.parent))
    changes.sort(key=lambda change: (KIND_ORDER[change.kind], _natural(change.id)))
    return changes


def _natural(text: str) -> list:
    """Sort `A1.OG10` after `A1.OG9`."""
    import re

    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


# Reading revisions ----------------------------------------------------------------


@dataclass
class Unloadable:
    """A revision where the project does not load: why, in the loader's own findings."""

    revision: str
    findings: list[Finding]
    missing: bool = False


@dataclass
class DiffResult:
    """The changes between two revisions, or the revision that could not be loaded."""

    old_revision: str
    new_revision: str
    language: str
    changes: list[Change] = field(default_factory=list)
    unloadable: Unloadable | None = None


def split_revisions(spec: str) -> tuple[str, str | None, bool]:
    """`REV` (against the working tree), `OLD..NEW`, or `BASE...NEW` (from where NEW left BASE, as a pull request shows).

    Returns (old, new or None for the working tree, whether old is the merge base of both).
    """
    for separator, merge_base in (("...", True), ("..", False)):
        if separator in spec:
            old, new = spec.split(separator, 1)
            return old or "HEAD", new or "HEAD", merge_base
    return spec, None, False


def diff_revisions(project_dir: Path, revisions: str) -> DiffResult:
    """Compare the project in `project_dir` between the revisions `revisions` names (see `split_revisions`)."""
    from pst_cli.history.git import locate_project, materialise, merge_base, resolve

    old_revision, new_revision, from_base = split_revisions(revisions)
    root, prefix = locate_project(project_dir)
    old_commit = merge_base(root, old_revision, new_revision) if from_base else resolve(root, old_revision)
    new_commit = resolve(root, new_revision) if new_revision is not None else None
    new_name = new_revision if new_revision is not None else t("diff.working-tree")
    result = DiffResult(old_revision, new_name, active())
    with tempfile.TemporaryDirectory(prefix="pst-diff-") as temporary:
        old_folder = Path(temporary) / "old"
        materialise(root, old_commit, prefix, old_folder)
        if new_commit is not None:
            new_folder = Path(temporary) / "new"
            materialise(root, new_commit, prefix, new_folder)
        else:
            new_folder = project_dir
        projects = []
        for revision, folder in ((old_revision, old_folder), (new_name, new_folder)):
            if not (folder / "pst.yaml").is_file():
                result.unloadable = Unloadable(revision, [], missing=True)
                return result
            loaded = load_project(folder)
            if loaded.project is None:
                errors = sorted((f for f in loaded.findings if f.severity == "error"), key=Finding.sort_key)
                result.unloadable = Unloadable(revision, errors)
                return result
            projects.append(loaded.project)
    result.changes = compare(*projects)
    return result


# Rendering ------------------------------------------------------------------------


def kind_name(kind: str, plural: bool = False) -> str:
    """« Indicateur », or « Indicateurs » for the heading of a group (whatever its size: it names the kind)."""
    return t(f"diff.kind.{kind}.plural" if plural else f"diff.kind.{kind}")


def field_label(path: str) -> str:
    """`target.value` → « cible », `target.date` → « cible (date) », `budget[1].amount` → « budget (n° 2, montant) ».

    Each field is named `diff.field.<name>` in the catalogue; one it does not name shows as its own name.
    """
    import re

    parts: list[str] = []
    for piece in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        if piece.startswith("["):
            parts.append(t("diff.field.item", number=int(piece[1:-1]) + 1))
        else:
            parts.append(t(f"diff.field.{piece}") if has(f"diff.field.{piece}") else piece.replace("_", " "))
    if len(parts) > 1 and path.endswith(".value"):
        parts.pop()
    return parts[0] if len(parts) == 1 else f"{parts[0]} ({', '.join(parts[1:])})"


def show(value: object, limit: int | None = 80) -> str:
    """A value as a reviewer reads it: `80` not `80.0`, « oui »/« non », `—` when absent."""
    if value is None or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return t("diff.yes") if value else t("diff.no")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ", ".join(show(item, None) for item in value)
    text = " ".join(str(value).split())
    if limit and len(text) > limit:
        return text[: limit - 1] + "…"
    return text


def describe_field(change: FieldChange, code=lambda text: text) -> str:
    """« cible 20 → 30 », or for lists « constats : + C4 ; − C1 »."""
    label = field_label(change.field)
    if isinstance(change.old, list) and isinstance(change.new, list):
        added = [item for item in change.new if item not in change.old]
        removed = [item for item in change.old if item not in change.new]
        if not added and not removed:
            return t("diff.fact", subject=label, fact=t("diff.order-changed"))
        parts = ([f"+ {', '.join(code(show(item)) for item in added)}"] if added else []) + (
            [f"− {', '.join(code(show(item)) for item in removed)}"] if removed else []
        )
        return t("diff.fact", subject=label, fact=t("diff.separator").join(parts))
    return f"{label} {code(show(change.old))} → {code(show(change.new))}"


def describe_move(change: Change, code=lambda text: text) -> str:
    parts = []
    if change.old_path:
        parts.append(t("diff.moved-file", old=code(change.old_path), new=code(change.path)))
    if change.old_parent is not None:
        parts.append(t("diff.moved-parent", old=code(change.old_parent), new=code(change.parent)))
    return t("diff.separator").join(parts)


def summary(changes: list[Change]) -> str:
    """« 3 changements : 1 modification, 1 déplacement, 1 suppression »."""
    if not changes:
        return t("diff.no-change")
    counts = [(operation, sum(1 for change in changes if change.change == operation)) for operation in OPERATIONS]
    details = ", ".join(tn(f"diff.count.{operation}", count) for operation, count in counts if count)
    return t("diff.fact", subject=tn("diff.changes", len(changes)), fact=details)


def _lines(change: Change, code=lambda text: text) -> list[str]:
    """What happened to one entity, one line per fact (without the entity's name)."""
    if change.change in ("added", "removed"):
        return [f"{t(f'diff.operation.{change.change}')} ({code(change.path)})"]
    lines = [describe_move(change, code)] if change.change == "moved" else []
    return lines + [describe_field(item, code) for item in change.fields]


def render_text(result: DiffResult) -> str:
    """Plain text for the terminal: « Indicateur I-A1.OG1-1 : cible 20 → 30 », one fact a line."""
    if result.unloadable:
        return _unloadable_text(result.unloadable)
    out = [t("diff.fact", subject=f"{result.old_revision} → {result.new_revision}", fact=summary(result.changes))]
    for change in result.changes:
        name = f"{kind_name(change.kind)} {change.id}"
        if change.change in ("added", "removed") and change.label:
            name += " " + t("diff.quoted", text=show(change.label, 60))
        for line in _lines(change):
            out.append(t("diff.fact", subject=name, fact=line))
    return "\n".join(out) + "\n"


def _unloadable_text(unloadable: Unloadable) -> str:
    if unloadable.missing:
        return t("diff.missing", revision=unloadable.revision) + "\n"
    count = len(unloadable.findings)
    lines = [tn("diff.unloadable", count, revision=unloadable.revision)]
    for finding in unloadable.findings[:5]:
        lines.append(f"  {finding.path}:{finding.line}:{finding.col}: {finding.message}")
    if count > 5:
        lines.append("  " + tn("diff.more-errors", count - 5))
    return "\n".join(lines) + "\n"


def md_escape(text: str) -> str:
    """User text made inert in GitHub Markdown: no HTML, no emphasis, no table break, no link."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for special in "\\`*_[]|#~":
        text = text.replace(special, "\\" + special)
    return text


def _md_code(text: str) -> str:
    return "`" + text.replace("`", "'") + "`"


def render_markdown(result: DiffResult) -> str:
    """Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`: grouped by kind, with counts."""
    title = t("diff.md.title")
    out = [f"### {title} ({_md_code(result.old_revision)} → {_md_code(result.new_revision)})", ""]
    if result.unloadable:
        return "\n".join(out + ["> " + line for line in _unloadable_text(result.unloadable).splitlines()]) + "\n"
    headline = summary(result.changes)
    out += [headline[0].upper() + headline[1:] + ".", ""]
    for kind in KINDS:
        group = [change for change in result.changes if change.kind == kind]
        if not group:
            continue
        out += [f"#### {kind_name(kind, plural=True)} ({len(group)})", ""]
        for change in group:
            label = f" — {md_escape(show(change.label, 100))}" if change.label else ""
            facts = _lines(change, code=_md_code) if change.change in ("moved", "changed") else [f"{_md_code(change.path)}"]
            entity = f"- **{t(f'diff.operation.{change.change}')}** {_md_code(change.id)}{label}"
            if len(facts) == 1:
                out.append(t("diff.fact", subject=entity, fact=_escape_fact(facts[0])))
            else:
                out.append(entity)
                out += [f"  - {_escape_fact(fact)}" for fact in facts]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _escape_fact(fact: str) -> str:
    """Escape user text in a fact while keeping the code spans `_md_code` made."""
    pieces = fact.split("`")
    return "".join(f"`{piece}`" if index % 2 else md_escape(piece) for index, piece in enumerate(pieces))


def render_json(result: DiffResult) -> str:
    """Machine-readable: every change with its fields' old and new values."""
    document: dict = {"from": result.old_revision, "to": result.new_revision, "language": result.language}
    if result.unloadable:
        document["error"] = {
            "revision": result.unloadable.revision,
            "missing": result.unloadable.missing,
            "count": len(result.unloadable.findings),
            "findings": [finding.as_dict() for finding in result.unloadable.findings],
        }
    else:
        document["counts"] = {operation: sum(1 for change in result.changes if change.change == operation) for operation in OPERATIONS}
        document["changes"] = [
            {**asdict(change), "fields": [{**asdict(item), "label": field_label(item.field)} for item in change.fields]}
            for change in result.changes
        ]
    return json.dumps(document, ensure_ascii=False, indent=2)


RENDERERS = {"text": render_text, "md": render_markdown, "json": render_json}
"""`pst diff --format` → the function that writes the changes."""
