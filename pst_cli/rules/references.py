"""References between files: every id is unique in its kind and every reference resolves."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from pydantic import BaseModel

from pst_cli.findings import Finding
from pst_cli.i18n import t
from pst_cli.model.common import REF_UNIONS
from pst_cli.project.aggregate import Project


def duplicate_id(project: Project) -> Iterator[Finding]:
    """Two entities of the same kind share an id."""
    seen: dict[tuple[str, str], BaseModel] = {}
    for kind, entity in project.declared():
        key = (kind, entity.id)
        if key not in seen:
            seen[key] = entity
            continue
        first_path, first_line, _ = project.where(seen[key], "id")
        yield project.finding(
            entity,
            ("id",),
            message=t(f"rules.references/duplicate-id.message.{kind}", id=entity.id, place=f"{first_path}:{first_line}"),
            hint=t("rules.references/duplicate-id.hint"),
        )


def unknown_id(project: Project) -> Iterator[Finding]:
    """A reference names an id that no entity declares."""
    known_by_kind: dict[str, dict[str, BaseModel]] = {}
    for kind, entity, inside, value in project.references():
        known = known_by_kind.get(kind)
        if known is None:
            known = known_by_kind[kind] = {}
            for member in REF_UNIONS.get(kind, (kind,)):
                known.update(project.ids.get(member, {}))
        if value in known:
            continue
        close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.5)
        if close:
            hint = t("common.did-you-mean", name=close[0])
        elif known:
            hint = t("rules.references/unknown-id.hint.existing", ids=", ".join(sorted(known)[:8]))
        else:
            hint = t(f"rules.references/unknown-id.hint.none.{kind}")
        yield project.finding(entity, inside, message=t(f"rules.references/unknown-id.message.{kind}", value=value), hint=hint)


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
    """A file named in the project (section, logo, minutes, source file) is missing or outside the project."""
    for entity, inside, relative in named_files(project):
        target = project.safe_path(relative)
        if target is None:
            yield project.finding(
                entity,
                inside,
                message=t("rules.references/missing-file.message.outside", path=relative),
                hint=t("rules.references/missing-file.hint.outside"),
            )
        elif project.project_file(relative) is None:
            yield project.finding(
                entity, inside, message=t("rules.references/missing-file.message", path=relative), hint=t("rules.references/missing-file.hint")
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
    """A Markdown file named by the project is not UTF-8 text, or is over 5 MB."""
    for entity, inside, relative, data in text_files(project):
        problem = ""
        if len(data) > 5 * 1024 * 1024:
            problem = t("rules.references/unreadable-file.message.too-large", path=relative)
        else:
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as error:
                line = data.count(b"\n", 0, error.start) + 1
                problem = t("rules.references/unreadable-file.message", path=relative, line=line)
        if problem:
            yield project.finding(entity, inside, message=problem, hint=t("rules.references/unreadable-file.hint"))


def empty_section(project: Project) -> Iterator[Finding]:
    """A Markdown chapter named in pst.yaml is empty."""
    for entity, inside, relative, data in text_files(project):
        if not data.strip():
            yield project.finding(
                entity, inside, message=t("rules.references/empty-section.message", path=relative), hint=t("rules.references/empty-section.hint")
            )


def looks_like_path(text: str) -> bool:
    """Whether a minutes field names a file rather than holding the minutes' text."""
    text = text.strip()
    return "\n" not in text and len(text) <= 255 and " " not in text and text.endswith((".md", ".markdown", ".txt"))
