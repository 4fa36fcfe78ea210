"""References between files: every id is unique in its kind and every reference resolves."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator

from pydantic import BaseModel

from pst_cli.files import ReadRefused, read_inside
from pst_cli.findings import Finding
from pst_cli.i18n import t
from pst_cli.model.common import REF_UNIONS
from pst_cli.project.aggregate import MAX_MARKDOWN_BYTES, Project


def duplicate_id(project: Project) -> Iterator[Finding]:
    """Two entities of the same kind share an id."""
    if sum(1 for _ in project.declared()) == sum(map(len, project.ids.values())):
        return  # as many ids as declarations: every id is declared once in its kind
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


def markdown_files(project: Project) -> list[tuple[BaseModel, tuple, str]]:
    """The Markdown files the project names: what a document reads.

    Chapters and minutes in a file are read as Markdown whatever their name (`file:
    /dev/zero` is a chapter too, and is refused); other named files only when they end in
    `.md`, `.markdown` or `.txt`.
    """
    read_as_text = {id(section) for section in project.config.sections} | {id(workshop) for workshop in project.workshops}
    return [named for named in named_files(project) if id(named[0]) in read_as_text or named[2].endswith((".md", ".markdown", ".txt"))]


def missing_file(project: Project, named: list[tuple[BaseModel, tuple, str]] | None = None) -> Iterator[Finding]:
    """A file named in the project (section, logo, minutes, source file) is missing or outside the project."""
    for entity, inside, relative in named_files(project) if named is None else named:
        target = project.safe_path(relative)
        if target is None:
            yield project.finding(
                entity,
                inside,
                message=t("rules.references/missing-file.message.outside", path=relative),
                hint=t("rules.references/missing-file.hint.outside"),
            )
        elif not os.path.lexists(target):
            yield project.finding(
                entity, inside, message=t("rules.references/missing-file.message", path=relative), hint=t("rules.references/missing-file.hint")
            )


def text_files(project: Project) -> Iterator[tuple[BaseModel, tuple, str, bytes | ReadRefused]]:
    """Markdown files named by the project that exist inside it, with their bytes or why they are not read."""
    for entity, inside, relative in markdown_files(project):
        target = project.safe_path(relative)
        if target is not None and os.path.lexists(target):
            try:
                yield entity, inside, relative, read_inside(project.root, relative, MAX_MARKDOWN_BYTES)
            except ReadRefused as refusal:
                yield entity, inside, relative, refusal


MAX_NOTES = 1_000
"""The most footnotes and link definitions one Markdown file may hold: Pandoc's time grows
faster than their number (10 000 footnotes take 5 s, 30 000 a minute and a gigabyte)."""
_NOTE = re.compile(r"^ {0,3}\[[^\]\n]+\]:|\^\[", re.MULTILINE)


def _too_many_notes(text: str) -> int | None:
    """The line of the first footnote or link definition over `MAX_NOTES`, or None."""
    for number, match in enumerate(_NOTE.finditer(text), start=1):
        if number > MAX_NOTES:
            return text.count("\n", 0, match.start()) + 1
    return None


def unreadable_file(project: Project) -> Iterator[Finding]:
    """A Markdown file named by the project is not UTF-8 text, is over 1 MiB, is no regular file, or holds over 1 000 notes."""
    for entity, inside, relative, data in text_files(project):
        problem = ""
        if isinstance(data, ReadRefused):
            variant = {"too-large": "too-large", "not-regular": "not-regular"}.get(data.code, "unreadable")
            problem = t(f"rules.references/unreadable-file.message.{variant}", **{**data.values, "path": relative, "limit": MAX_MARKDOWN_BYTES // 1024})
        else:
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as error:
                line = data.count(b"\n", 0, error.start) + 1
                problem = t("rules.references/unreadable-file.message", path=relative, line=line)
            else:
                line = _too_many_notes(data.decode("utf-8"))
                if line is not None:
                    problem = t("rules.references/unreadable-file.message.too-many-notes", path=relative, line=line, limit=MAX_NOTES)
                    yield project.finding(entity, inside, message=problem, hint=t("rules.references/unreadable-file.hint.too-many-notes"))
                    continue
        if problem:
            variant = f".{data.code}" if isinstance(data, ReadRefused) and data.code in ("too-large", "not-regular") else ""
            yield project.finding(entity, inside, message=problem, hint=t(f"rules.references/unreadable-file.hint{variant}"))


def empty_section(project: Project) -> Iterator[Finding]:
    """A Markdown chapter named in pst.yaml is empty."""
    for entity, inside, relative, data in text_files(project):
        if isinstance(data, bytes) and not data.strip():
            yield project.finding(
                entity, inside, message=t("rules.references/empty-section.message", path=relative), hint=t("rules.references/empty-section.hint")
            )


def looks_like_path(text: str) -> bool:
    """Whether a minutes field names a file rather than holding the minutes' text."""
    text = text.strip()
    return "\n" not in text and len(text) <= 255 and " " not in text and text.endswith((".md", ".markdown", ".txt"))
