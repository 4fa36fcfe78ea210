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

from pst_cli.findings import Finding, say
from pst_cli.i18n import active
from pst_cli.project.load import load_project
from pst_cli.project.aggregate import Project

# Kinds of entities, in the order a reviewer reads a plan: (singular, plural) per language.
KINDS: dict[str, dict[str, tuple[str, str]]] = {
    "project": {"fr": ("Projet", "Projet"), "en": ("Project", "Project")},
    "stakeholder": {"fr": ("Acteur", "Acteurs"), "en": ("Stakeholder", "Stakeholders")},
    "source": {"fr": ("Source", "Sources"), "en": ("Source", "Sources")},
    "data-point": {"fr": ("Donnée de contexte", "Données de contexte"), "en": ("Data point", "Data points")},
    "finding": {"fr": ("Constat", "Constats"), "en": ("Finding", "Findings")},
    "workshop": {"fr": ("Atelier", "Ateliers"), "en": ("Workshop", "Workshops")},
    "challenge": {"fr": ("Enjeu", "Enjeux"), "en": ("Challenge", "Challenges")},
    "axis": {"fr": ("Axe", "Axes"), "en": ("Axis", "Axes")},
    "general-objective": {"fr": ("Objectif général", "Objectifs généraux"), "en": ("General objective", "General objectives")},
    "operational-objective": {
        "fr": ("Objectif opérationnel", "Objectifs opérationnels"),
        "en": ("Operational objective", "Operational objectives"),
    },
    "indicator": {"fr": ("Indicateur", "Indicateurs"), "en": ("Indicator", "Indicators")},
    "action": {"fr": ("Fiche action", "Fiches actions"), "en": ("Action", "Actions")},
    "governance": {"fr": ("Gouvernance", "Gouvernance"), "en": ("Governance", "Governance")},
    "body": {"fr": ("Instance", "Instances"), "en": ("Governance body", "Governance bodies")},
    "convention": {"fr": ("Convention", "Conventions"), "en": ("Agreement", "Agreements")},
    "milestone": {"fr": ("Jalon", "Jalons"), "en": ("Milestone", "Milestones")},
    "measurement": {"fr": ("Mesure", "Mesures"), "en": ("Measurement", "Measurements")},
}
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

FIELD_LABELS_FR = {
    "title": "intitulé", "label": "intitulé", "name": "nom", "statement": "constat", "description": "description",
    "type": "type", "unit": "unité", "direction": "sens", "baseline": "valeur de départ", "target": "cible",
    "value": "valeur", "date": "date", "source": "source", "frequency": "fréquence", "owner": "responsable de la mesure",
    "definition": "définition", "findings": "constats", "challenges": "enjeux", "priority": "priorité", "status": "statut",
    "objectives": "objectifs", "publics": "publics", "referent": "référent", "lead": "pilote", "partners": "partenaires",
    "budget": "budget", "amount": "montant", "funder": "financeur", "start": "début", "end": "fin", "milestones": "étapes",
    "members": "membres", "missions": "missions", "category": "catégorie", "organisation": "organisation", "role": "rôle",
    "interest": "intérêt", "relations": "liens", "to": "acteur lié", "kind": "nature", "note": "précision",
    "phase": "étape", "place": "lieu", "participation_level": "niveau de participation", "facilitator": "animation",
    "questions": "questions", "participants": "participants", "stakeholders": "acteurs", "counts": "effectifs",
    "outputs": "productions", "agreements": "accords", "disagreements": "désaccords", "follow_up": "suite donnée",
    "minutes": "compte rendu", "photo_consent": "consentement photo", "year": "millésime", "level": "échelle",
    "producer": "producteur", "file": "fichier", "limits": "limites", "territory": "territoire",
    "comparisons": "comparaisons", "secret": "secret statistique", "not_summable": "non additionnable",
    "evidence": "éléments", "data": "données", "workshops": "ateliers", "sources": "sources", "theme": "thème",
    "context": "contexte", "expected_participants": "participants attendus", "staff_fte": "ETP", "means": "moyens",
    "expected_results": "résultats attendus", "family": "volet famille", "examples": "exemples d'actions",
    "previous_evaluation": "évaluation précédente", "illustrative": "illustration", "comment": "commentaire",
    "period": "période", "summary": "synthèse", "structure": "structure", "language": "langue", "method": "méthode",
    "checks": "vérifications", "validates": "valide le projet", "meetings": "réunions", "decisions": "décisions",
    "parties": "signataires", "signed": "signature", "body": "instance", "replaces": "remplace", "votes": "votes",
    "subtitle": "sous-titre", "logo": "logo", "sections": "chapitres", "group": "groupe", "personal": "données personnelles",
    "stakeholder": "acteur", "indicator": "indicateur", "previous_project": "projet précédent", "codes": "codes",
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
    language = active()
    root, prefix = locate_project(project_dir, language)
    old_commit = merge_base(root, old_revision, new_revision, language) if from_base else resolve(root, old_revision, language)
    new_commit = resolve(root, new_revision, language) if new_revision is not None else None
    new_name = new_revision if new_revision is not None else say(language, "copie de travail", "working tree")
    result = DiffResult(old_revision, new_name, language)
    with tempfile.TemporaryDirectory(prefix="pst-diff-") as temporary:
        old_folder = Path(temporary) / "old"
        materialise(root, old_commit, prefix, old_folder, language)
        if new_commit is not None:
            new_folder = Path(temporary) / "new"
            materialise(root, new_commit, prefix, new_folder, language)
        else:
            new_folder = project_dir
        result.language = language
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


def kind_name(kind: str, language: str, plural: bool = False) -> str:
    names = KINDS[kind].get(language, KINDS[kind]["fr"])
    return names[1] if plural else names[0]


def field_label(path: str, language: str) -> str:
    """`target.value` → « cible », `target.date` → « cible (date) », `budget[1].amount` → « budget (ligne 2, montant) »."""
    import re

    parts: list[str] = []
    for piece in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        if piece.startswith("["):
            number = int(piece[1:-1]) + 1
            parts.append(say(language, f"n° {number}", f"#{number}"))
        else:
            parts.append(FIELD_LABELS_FR.get(piece, piece.replace("_", " ")) if language != "en" else piece.replace("_", " "))
    if len(parts) > 1 and path.endswith(".value"):
        parts.pop()
    return parts[0] if len(parts) == 1 else f"{parts[0]} ({', '.join(parts[1:])})"


def show(value: object, language: str, limit: int | None = 80) -> str:
    """A value as a reviewer reads it: `80` not `80.0`, « oui »/« non », `—` when absent."""
    if value is None or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return say(language, "oui", "yes") if value else say(language, "non", "no")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ", ".join(show(item, language, None) for item in value)
    text = " ".join(str(value).split())
    if limit and len(text) > limit:
        return text[: limit - 1] + "…"
    return text


def describe_field(change: FieldChange, language: str, code=lambda text: text) -> str:
    """« cible 20 → 30 », or for lists « constats : + C4 ; − C1 »."""
    label = field_label(change.field, language)
    if isinstance(change.old, list) and isinstance(change.new, list):
        added = [item for item in change.new if item not in change.old]
        removed = [item for item in change.old if item not in change.new]
        if not added and not removed:
            return f"{label} : {say(language, 'ordre modifié', 'order changed')}"
        parts = ([f"+ {', '.join(code(show(item, language)) for item in added)}"] if added else []) + (
            [f"− {', '.join(code(show(item, language)) for item in removed)}"] if removed else []
        )
        return f"{label} : {' ; '.join(parts)}"
    return f"{label} {code(show(change.old, language))} → {code(show(change.new, language))}"


def describe_move(change: Change, language: str, code=lambda text: text) -> str:
    parts = []
    if change.old_path:
        parts.append(say(language, f"déplacé de {code(change.old_path)} vers {code(change.path)}", f"moved from {code(change.old_path)} to {code(change.path)}"))
    if change.old_parent is not None:
        parts.append(
            say(language, f"rattaché à {code(change.parent)} au lieu de {code(change.old_parent)}", f"now under {code(change.parent)} instead of {code(change.old_parent)}")
        )
    return " ; ".join(parts)


OPERATION_WORDS = {
    "fr": {"added": "ajouté", "removed": "supprimé", "changed": "modifié", "moved": "déplacé"},
    "en": {"added": "added", "removed": "removed", "changed": "changed", "moved": "moved"},
}
COUNT_WORDS = {
    "fr": {"added": ("ajout", "ajouts"), "removed": ("suppression", "suppressions"), "changed": ("modification", "modifications"), "moved": ("déplacement", "déplacements")},
    "en": {"added": ("addition", "additions"), "removed": ("removal", "removals"), "changed": ("change", "changes"), "moved": ("move", "moves")},
}


def summary(changes: list[Change], language: str) -> str:
    """« 3 changements : 1 modification, 1 déplacement, 1 suppression »."""
    words = COUNT_WORDS.get(language, COUNT_WORDS["fr"])
    counts = [(operation, sum(1 for change in changes if change.change == operation)) for operation in OPERATIONS]
    details = ", ".join(f"{count} {words[operation][count > 1]}" for operation, count in counts if count)
    total = len(changes)
    if not total:
        return say(language, "aucun changement du projet", "no change in the project")
    head = say(language, f"{total} changement{'s' if total > 1 else ''}", f"{total} change{'s' if total > 1 else ''}")
    return f"{head} : {details}" if language != "en" else f"{head}: {details}"


def _lines(change: Change, language: str, code=lambda text: text) -> list[str]:
    """What happened to one entity, one line per fact (without the entity's name)."""
    words = OPERATION_WORDS.get(language, OPERATION_WORDS["fr"])
    if change.change in ("added", "removed"):
        return [f"{words[change.change]} ({code(change.path)})"]
    lines = [describe_move(change, language, code)] if change.change == "moved" else []
    return lines + [describe_field(item, language, code) for item in change.fields]


def render_text(result: DiffResult) -> str:
    """Plain text for the terminal: « Indicateur I-A1.OG1-1 : cible 20 → 30 », one fact a line."""
    language = result.language
    if result.unloadable:
        return _unloadable_text(result.unloadable, language)
    out = [say(language, f"{result.old_revision} → {result.new_revision} : ", f"{result.old_revision} → {result.new_revision}: ") + summary(result.changes, language)]
    for change in result.changes:
        name = f"{kind_name(change.kind, language)} {change.id}"
        if change.change in ("added", "removed") and change.label:
            name += f" « {show(change.label, language, 60)} »" if language != "en" else f" “{show(change.label, language, 60)}”"
        for line in _lines(change, language):
            out.append(f"{name} : {line}" if language != "en" else f"{name}: {line}")
    return "\n".join(out) + "\n"


def _unloadable_text(unloadable: Unloadable, language: str) -> str:
    if unloadable.missing:
        return say(language, f"le projet est absent de la révision {unloadable.revision} (pas de pst.yaml)\n", f"the project is missing from revision {unloadable.revision} (no pst.yaml)\n")
    count = len(unloadable.findings)
    lines = [
        say(
            language,
            f"le projet ne se charge pas dans la révision {unloadable.revision} : {count} erreur{'s' if count > 1 else ''}",
            f"the project does not load at revision {unloadable.revision}: {count} error{'s' if count > 1 else ''}",
        )
    ]
    for finding in unloadable.findings[:5]:
        lines.append(f"  {finding.path}:{finding.line}:{finding.col}: {finding.message}")
    if count > 5:
        lines.append(say(language, f"  … et {count - 5} autre(s) (pst check les liste toutes)", f"  … and {count - 5} more (pst check lists them all)"))
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
    language = result.language
    title = say(language, "Modifications du projet", "Changes to the project")
    out = [f"### {title} ({_md_code(result.old_revision)} → {_md_code(result.new_revision)})", ""]
    if result.unloadable:
        return "\n".join(out + ["> " + line for line in _unloadable_text(result.unloadable, language).splitlines()]) + "\n"
    headline = summary(result.changes, language)
    out += [headline[0].upper() + headline[1:] + ".", ""]
    words = OPERATION_WORDS.get(language, OPERATION_WORDS["fr"])
    for kind in KINDS:
        group = [change for change in result.changes if change.kind == kind]
        if not group:
            continue
        out += [f"#### {kind_name(kind, language, plural=True)} ({len(group)})", ""]
        for change in group:
            label = f" — {md_escape(show(change.label, language, 100))}" if change.label else ""
            facts = _lines(change, language, code=_md_code) if change.change in ("moved", "changed") else [f"{_md_code(change.path)}"]
            if len(facts) == 1:
                out.append(f"- **{words[change.change]}** {_md_code(change.id)}{label} : {_escape_fact(facts[0])}")
            else:
                out.append(f"- **{words[change.change]}** {_md_code(change.id)}{label}")
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
            {**asdict(change), "fields": [{**asdict(item), "label": field_label(item.field, result.language)} for item in change.fields]}
            for change in result.changes
        ]
    return json.dumps(document, ensure_ascii=False, indent=2)


RENDERERS = {"text": render_text, "md": render_markdown, "json": render_json}
"""`pst diff --format` → the function that writes the changes."""
