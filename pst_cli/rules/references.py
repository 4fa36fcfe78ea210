"""References between files: every id is unique in its kind and every reference resolves."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from pydantic import BaseModel

from pst_cli.findings import Finding
from pst_cli.project.aggregate import Project

# Kinds of ids, with their French and English names for messages.
KIND_NAMES = {
    "stakeholder": ("acteur", "stakeholder"),
    "source": ("source", "source"),
    "data": ("donnée de contexte", "context data point"),
    "finding": ("constat", "finding"),
    "workshop": ("atelier", "workshop"),
    "challenge": ("enjeu", "challenge"),
    "objective": ("axe ou objectif", "axis or objective"),
    "operational": ("objectif opérationnel", "operational objective"),
    "indicator": ("indicateur", "indicator"),
    "action": ("action", "action"),
    "body": ("instance", "body"),
    "convention": ("convention", "convention"),
    "milestone": ("jalon", "milestone"),
    "votable": ("enjeu ou objectif", "challenge or objective"),
}
FEMININE = {"source", "data", "action", "body", "convention"}
"""Kinds whose French name is feminine, for the agreement of « inconnue », « déclarée »."""


def declared(project: Project) -> Iterator[tuple[str, BaseModel]]:
    """Every entity that declares an id, with the kind of id it declares."""
    for entity in project.stakeholders:
        yield "stakeholder", entity
    for entity in project.sources:
        yield "source", entity
    for entity in project.context_indicators:
        yield "data", entity
    for entity in project.findings:
        yield "finding", entity
    for entity in project.workshops:
        yield "workshop", entity
    for entity in project.challenges:
        yield "challenge", entity
    for axis in project.axes:
        yield "objective", axis
        for general in axis.general_objectives:
            yield "objective", general
            for operational in general.operational_objectives:
                yield "objective", operational
    for _, indicator in project.plan_indicators():
        yield "indicator", indicator
    for entity in project.actions:
        yield "action", entity
    for entity in project.governance.bodies:
        yield "body", entity
    for entity in project.governance.conventions:
        yield "convention", entity
    for entity in project.governance.milestones:
        yield "milestone", entity


def id_index(project: Project) -> dict[str, dict[str, BaseModel]]:
    """kind → id → first entity declaring it."""
    index: dict[str, dict[str, BaseModel]] = {kind: {} for kind in KIND_NAMES}
    for kind, entity in declared(project):
        index[kind].setdefault(entity.id, entity)
    index["operational"] = {objective.id: objective for _, _, objective in project.operational_objectives()}
    index["votable"] = {**index["objective"], **index["challenge"]}
    return index


def references(project: Project) -> Iterator[tuple[str, BaseModel, tuple, str]]:
    """Every reference: (kind of id expected, entity holding it, key path inside it, id)."""

    def each(kind: str, entity: BaseModel, name: str, values: list[str]) -> Iterator[tuple[str, BaseModel, tuple, str]]:
        for index, value in enumerate(values):
            yield kind, entity, (name, index), value

    def one(kind: str, entity: BaseModel, name: str, value: str | None) -> Iterator[tuple[str, BaseModel, tuple, str]]:
        if value:
            yield kind, entity, (name,), value

    for stakeholder in project.stakeholders:
        for relation in stakeholder.relations:
            yield from one("stakeholder", relation, "to", relation.to)
    for point in project.context_indicators:
        yield from one("source", point, "source", point.source)
    for finding in project.findings:
        yield from each("data", finding.evidence, "data", finding.evidence.data)
        yield from each("workshop", finding.evidence, "workshops", finding.evidence.workshops)
        yield from each("source", finding.evidence, "sources", finding.evidence.sources)
    for workshop in project.workshops:
        yield from one("stakeholder", workshop, "facilitator", workshop.facilitator)
        yield from each("stakeholder", workshop.participants, "stakeholders", workshop.participants.stakeholders)
        for vote in workshop.votes:
            for option in vote.options:
                yield from one("votable", option, "ref", option.ref)
    for challenge in project.challenges:
        yield from each("finding", challenge, "findings", challenge.findings)
        yield from each("challenge", challenge, "replaces", challenge.replaces)
    for axis in project.axes:
        yield from each("finding", axis, "findings", axis.findings)
        yield from each("challenge", axis, "challenges", axis.challenges)
        for general in axis.general_objectives:
            yield from each("finding", general, "findings", general.findings)
            yield from each("challenge", general, "challenges", general.challenges)
    for _, indicator in project.plan_indicators():
        yield from one("stakeholder", indicator, "owner", indicator.owner)
    for action in project.actions:
        yield from each("operational", action, "objectives", action.objectives)
        yield from one("stakeholder", action, "lead", action.lead)
        yield from one("stakeholder", action, "referent", action.referent)
        for partner in action.partners:
            yield from one("stakeholder", partner, "stakeholder", partner.stakeholder)
        for line in action.budget:
            yield from one("stakeholder", line, "funder", line.funder)
    governance = project.governance
    yield from one("stakeholder", governance, "referent", governance.referent)
    for body in governance.bodies:
        yield from each("stakeholder", body, "members", body.members)
    for convention in governance.conventions:
        yield from each("stakeholder", convention, "parties", convention.parties)
    for milestone in governance.milestones:
        yield from one("body", milestone, "body", milestone.body)
    for measurement in project.measurements:
        yield from one("indicator", measurement, "indicator", measurement.indicator)


def duplicate_id(project: Project) -> Iterator[Finding]:
    """Two entities of the same kind share an id.

    FR : un identifiant désigne une seule entité de son type (un seul acteur `caf77`,
    un seul objectif `A1.OG2`), sinon les références deviennent ambiguës. Le message
    donne les deux emplacements : renommez l'un des deux et mettez à jour ses références.
    EN: an id names one entity of its kind, otherwise references are ambiguous. The
    message gives both places: rename one and update its references.
    """
    seen: dict[tuple[str, str], BaseModel] = {}
    for kind, entity in declared(project):
        key = (kind, entity.id)
        if key not in seen:
            seen[key] = entity
            continue
        first_path, first_line, _ = project.where(seen[key], "id")
        name_fr, name_en = KIND_NAMES[kind]
        declared_fr = "déclarée" if kind in FEMININE else "déclaré"
        yield project.finding(
            "references/duplicate-id",
            "error",
            entity,
            ("id",),
            message=project.say(
                f"identifiant « {entity.id} » en double ({name_fr} déjà {declared_fr} dans {first_path}:{first_line})",
                f"duplicate {name_en} id '{entity.id}' (already used in {first_path}:{first_line})",
            ),
            hint=project.say("Donnez un identifiant unique à chacun.", "Give each one a unique id."),
        )


def unknown_id(project: Project) -> Iterator[Finding]:
    """A reference names an id that no entity declares.

    FR : un acteur, un constat, un objectif ou un indicateur cité par son identifiant
    doit exister dans le projet. Le message propose l'identifiant existant le plus proche ;
    corrigez la faute de frappe ou ajoutez l'entité manquante.
    EN: a stakeholder, finding, objective or indicator named by id must exist. The
    message suggests the closest existing id; fix the typo or add the missing entity.
    """
    index = id_index(project)
    for kind, entity, inside, value in references(project):
        known = index[kind]
        if value in known:
            continue
        name_fr, name_en = KIND_NAMES[kind]
        close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.5)
        if close:
            hint = project.say(f"Vouliez-vous dire « {close[0]} » ?", f"Did you mean '{close[0]}'?")
        elif known:
            sample = ", ".join(sorted(known)[:8])
            hint = project.say(f"Identifiants existants : {sample}…", f"Existing ids: {sample}…")
        else:
            hint = project.say(
                f"Aucune {name_fr} n'est encore déclarée." if kind in FEMININE else f"Aucun {name_fr} n'est encore déclaré.",
                f"No {name_en} is declared yet.",
            )
        yield project.finding(
            "references/unknown-id",
            "error",
            entity,
            inside,
            message=project.say(f"{name_fr} {'inconnue' if kind in FEMININE else 'inconnu'} : « {value} »", f"unknown {name_en}: '{value}'"),
            hint=hint,
        )


def named_files(project: Project) -> list[tuple[BaseModel, tuple, str]]:
    """Every file the project names: (entity, key path inside it, path relative to the project)."""
    config = project.config
    named: list[tuple[BaseModel, tuple, str]] = [(section, ("file",), section.file) for section in config.sections]
    if config.logo:
        named.append((config, ("logo",), config.logo))
    named += [(source, ("file",), source.file) for source in project.sources if source.file]
    named += [
        (workshop, ("minutes",), workshop.minutes)
        for workshop in project.workshops
        if workshop.minutes and looks_like_path(workshop.minutes)
    ]
    return named


def missing_file(project: Project) -> Iterator[Finding]:
    """A file named in the project (section, logo, minutes, source file) is missing or outside the project.

    FR : les chapitres `sections/*.md`, le logo, les comptes rendus et les fichiers de
    source sont lus dans le dossier du projet uniquement ; un chemin qui en sort
    (`../`, lien symbolique) est refusé pour qu'un projet reçu d'ailleurs ne lise jamais
    vos autres fichiers.
    EN: sections, logo, minutes and source files are read from inside the project
    folder only; a path leaving it (`../`, symlink) is refused.
    """
    for entity, inside, relative in named_files(project):
        target = project.safe_path(relative)
        if target is None:
            yield project.finding(
                "references/missing-file",
                "error",
                entity,
                inside,
                message=project.say(
                    f"le chemin « {relative} » sort du dossier du projet", f"the path '{relative}' leaves the project folder"
                ),
                hint=project.say("Placez le fichier dans le projet et indiquez un chemin relatif.", "Put the file inside the project and use a relative path."),
            )
        elif project.project_file(relative) is None:
            yield project.finding(
                "references/missing-file",
                "error",
                entity,
                inside,
                message=project.say(f"fichier introuvable : « {relative} »", f"file not found: '{relative}'"),
                hint=project.say("Vérifiez le chemin, relatif au dossier du projet.", "Check the path, relative to the project folder."),
            )


def text_files(project: Project) -> Iterator[tuple[BaseModel, tuple, str, bytes]]:
    """Markdown files named by the project that exist inside it, with their bytes."""
    for entity, inside, relative in named_files(project):
        if not relative.endswith((".md", ".markdown", ".txt")):
            continue
        target = project.project_file(relative)
        if target is not None:
            try:
                yield entity, inside, relative, target.read_bytes()[: 5 * 1024 * 1024 + 1]
            except OSError:
                continue


def unreadable_file(project: Project) -> Iterator[Finding]:
    """A Markdown file named by the project is not UTF-8 text, or is over 5 MB.

    FR : les chapitres et comptes rendus sont lus en UTF-8 ; enregistrez le fichier en
    UTF-8 depuis votre éditeur.
    EN: sections and minutes are read as UTF-8; save the file as UTF-8.
    """
    for entity, inside, relative, data in text_files(project):
        problem = ""
        if len(data) > 5 * 1024 * 1024:
            problem = project.say(f"« {relative} » dépasse 5 Mo", f"'{relative}' is over 5 MB")
        else:
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as error:
                line = data.count(b"\n", 0, error.start) + 1
                problem = project.say(
                    f"« {relative} » n'est pas en UTF-8 (ligne {line})", f"'{relative}' is not UTF-8 (line {line})"
                )
        if problem:
            yield project.finding(
                "references/unreadable-file",
                "error",
                entity,
                inside,
                message=problem,
                hint=project.say("Enregistrez le fichier en UTF-8.", "Save the file as UTF-8."),
            )


def empty_section(project: Project) -> Iterator[Finding]:
    """A Markdown chapter named in pst.yaml is empty.

    FR : un chapitre déclaré mais vide laisserait un titre sans texte dans le document ;
    écrivez-le ou retirez-le de `sections`.
    EN: a declared but empty chapter leaves a bare title in the document; write it or
    remove it from `sections`.
    """
    for entity, inside, relative, data in text_files(project):
        if not data.strip():
            yield project.finding(
                "references/empty-section",
                "warning",
                entity,
                inside,
                message=project.say(f"le fichier « {relative} » est vide", f"the file '{relative}' is empty"),
                hint=project.say("Rédigez ce chapitre ou retirez-le de `sections`.", "Write this chapter or remove it from `sections`."),
            )


def looks_like_path(text: str) -> bool:
    """Whether a minutes field names a file rather than holding the minutes' text."""
    text = text.strip()
    return "\n" not in text and len(text) <= 255 and " " not in text and text.endswith((".md", ".markdown", ".txt"))
