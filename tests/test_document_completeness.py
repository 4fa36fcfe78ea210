"""The document carries everything that was entered.

Every value of every field a project sets — in both examples, and in a project
generated from the models that sets every field of the format — must appear in the
text of the DOCX, the PDF and the HTML, unless the field is on the one list of what
the document deliberately leaves out (`pst_cli/render/omitted.py`, with its reasons).
A field added to a model without being rendered or listed fails here: the last test
shows it with a throwaway field.

How a value shows: a text as typed, a number, a date and an hour as the document writes them,
a code by its word in the catalogue, a true flag by its words (`document.flag.*`), a
reference by what it names (the stakeholder's name, the enjeu's label) or its id.
Texts are compared as letters and digits only (`documents.squash`), so that line
ends, hyphenation, typographic spaces and Markdown marks do not matter.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
from complete_project import complete_project
from conftest import EXAMPLES, run_pst
from documents import document_texts, squash
from pydantic import Field

from pst_cli.model.introspect import models_in, ref_kinds

FORMATS = "docx,pdf,html"


@dataclasses.dataclass
class Value:
    """A value entered in a project: where, which field, and the texts any of which shows it."""

    where: str
    field: str
    value: object
    shown_as: list[str]

    def __str__(self) -> str:
        return f"{self.where}: {self.field} = {self.value!r}"


def _display(entity) -> list[str]:
    """What the document calls an entity a reference names."""
    return [str(getattr(entity, name)) for name in ("name", "label", "title", "question", "statement", "producer", "function", "id") if getattr(entity, name, None)]


def _file_text(project, value: str) -> list[str]:
    """What shows a text: its lines, each without the Markdown marks that start it (the text of a
    `.md` file the field names, for a section or minutes). Every line must be there."""
    if value.strip().endswith(".md") and "\n" not in value.strip():
        path = project.project_file(value.strip())
        value = path.read_text(encoding="utf-8") if path else value
    return [MARKS.sub("", line) for line in value.splitlines() if MARKS.sub("", line).strip()]


MARKS = re.compile(r"^\s*(#+|[-*+]|\d+[.)])\s+")
"""A heading's hashes or a list's marker, which the document writes as numbering, bullets or styles."""


def entered(project, public: bool = False) -> list[Value]:
    """Every value the project sets, with how the document may show it."""
    from pst_cli.model.common import REF_UNIONS
    from pst_cli.model.means import time_of_day
    from pst_cli.render import typography as ty
    from pst_cli.render.omitted import omitted
    from pst_cli.render.public import without_named_people
    from pst_cli.render.view import code_label, flag

    language = project.language
    shown_project, withheld, _ = without_named_people(project) if public else (project, frozenset(), ())
    kept = {id(entity) for entity in shown_project.entities}
    votes = {id(option): vote for entity in project.entities for vote in getattr(entity, "votes", []) for option in vote.options}
    values = []
    for entity in project.entities:
        if id(entity) not in kept:
            continue
        model = type(entity)
        refs = dict(ref_kinds(model))
        if any(info.is_required() and getattr(entity, name) in withheld for name, info in model.model_fields.items() if name in refs):
            continue  # a partner, a relation: what is said of a named person goes with them
        relpath, line, _ = project.where(entity)
        for name in model.model_fields:
            info = model.model_fields[name]
            if name not in entity.model_fields_set or models_in(info.annotation) or omitted(model.__name__, name, public):
                continue
            value = getattr(entity, name)
            items = value if isinstance(value, list) else [value]
            for item in items:
                if item is None or item is False or item == "":
                    continue
                if name in refs:
                    if item in withheld:
                        continue  # a public document does not name a named person
                    targets = [found for kind in REF_UNIONS.get(refs[name], (refs[name],)) if (found := project.ids.get(kind, {}).get(item))]
                    shown = [item, *(text for target in targets for text in _display(target))]
                elif isinstance(item, dict):
                    for key, number in item.items():
                        if model.__name__ == "VoteOption":
                            criteria = {c.id: c.label for c in votes[id(entity)].criteria}
                            label = criteria.get(key, key)
                        else:
                            label = code_label(name, key)
                        values.append(Value(f"{relpath}:{line}", f"{model.__name__}.{name}[{key}]", key, [label]))
                        shown = [code_label(name, number)] if isinstance(number, str) else [ty.format_number(number, language)]
                        values.append(Value(f"{relpath}:{line}", f"{model.__name__}.{name}[{key}]", number, shown))
                    continue
                elif item is True:
                    shown = [flag(name)]
                elif isinstance(item, dt.date):
                    shown = [ty.format_date(item, language)]
                elif isinstance(item, (int, float)):
                    shown = [ty.format_number(item, language)]
                elif typing_literal(info.annotation):
                    shown = [code_label(name, item)]
                elif time_of_day in [getattr(mark, "func", None) for mark in info.metadata]:
                    shown = [ty.format_time(item, language)]
                else:
                    for part in _file_text(project, item):
                        values.append(Value(f"{relpath}:{line}", f"{model.__name__}.{name}", part, [part]))
                    continue
                values.append(Value(f"{relpath}:{line}", f"{model.__name__}.{name}", item, shown))
    return values


def typing_literal(annotation) -> bool:
    """Whether a field holds a code of the format (a `Literal`), or a list of them."""
    import typing

    from pst_cli.model.introspect import unwrap

    pairs = unwrap(annotation)
    pairs += [pair for origin, args in pairs if origin is list for arg in args for pair in unwrap(arg)]
    return any(origin is typing.Literal for origin, _ in pairs)


def missing(project_root: Path, rendered: Path, formats: str = FORMATS, public: bool = False) -> dict[str, list[str]]:
    """For each format, the values entered in the project that its document does not show."""
    from pst_cli.i18n import activate
    from pst_cli.project.load import open_project

    project = open_project(project_root)
    activate(project.language)
    values = entered(project, public)
    texts = {name: squash(text) for name, text in document_texts(rendered, formats).items()}
    # A value with no letter or digit (a unit « % ») cannot be told apart in the text: not checked.
    checked = [v for v in values if any(squash(s) for s in v.shown_as)]
    return {name: [str(v) for v in checked if not any(squash(s) in text for s in v.shown_as if squash(s))] for name, text in texts.items()}


@pytest.fixture(scope="module")
def complete(tmp_path_factory) -> Path:
    return complete_project(tmp_path_factory.mktemp("complete") / "complet")


def _render(project: Path, out: Path, *options: str) -> Path:
    result = run_pst("render", project, "--to", FORMATS, "-o", out, "--quiet", *options)
    assert result.code == 0, result.output
    return out / project.name


@pytest.mark.parametrize("name", ["meaux", "questembert"])
def test_every_value_of_an_example_is_in_the_document(name, tmp_path):
    rendered = _render(EXAMPLES / name, tmp_path)
    assert missing(EXAMPLES / name, rendered) == {format: [] for format in FORMATS.split(",")}


def test_every_field_of_the_format_is_in_the_document(complete, tmp_path):
    rendered = _render(complete, tmp_path)
    assert missing(complete, rendered) == {format: [] for format in FORMATS.split(",")}


def test_a_public_document_shows_everything_but_personal_data(complete, tmp_path):
    rendered = _render(complete, tmp_path, "--public")
    assert missing(complete, rendered, public=True) == {format: [] for format in FORMATS.split(",")}


def test_the_complete_project_is_complete(complete):
    """Self-check of the generator: every field of every model is set somewhere."""
    from pst_cli.model import FILE_KINDS
    from pst_cli.model.introspect import nested_models
    from pst_cli.project.load import open_project

    project = open_project(complete)
    set_fields = {(type(entity).__name__, name) for entity in project.entities for name in entity.model_fields_set}
    every = {(model.__name__, name) for kind in FILE_KINDS for model in nested_models(kind.model) for name in model.model_fields}
    every -= {(kind.model.__name__, name) for kind in FILE_KINDS if not kind.single for name in kind.model.model_fields if kind.name != "project" and kind.name != "governance"}
    assert sorted(every - set_fields) == []


def test_a_field_nobody_renders_fails_the_test(tmp_path, monkeypatch):
    """Self-check: a field added to a model, neither rendered nor listed in omitted.py, is reported missing."""
    import pst_cli.model
    from pst_cli.model.actions import Action

    class WithThrowaway(Action):
        throwaway: str | None = Field(None, description="Champ jetable du test d'exhaustivité.")

    WithThrowaway.__name__ = "Action"
    kinds = tuple(dataclasses.replace(kind, model=WithThrowaway) if kind.name == "action" else kind for kind in pst_cli.model.FILE_KINDS)
    monkeypatch.setattr(pst_cli.model, "FILE_KINDS", kinds)
    project = complete_project(tmp_path / "jetable")
    rendered = _render(project, tmp_path / "out")
    for format, values in missing(project, rendered).items():
        assert values and all(".throwaway = 'Action throwaway" in value for value in values), format
        assert len(values) == 2, "one per action sheet"


def test_the_omission_list_names_real_fields():
    """Every entry of omitted.py names a model and a field that exist (a renamed field must not hide there)."""
    from pst_cli.model import FILE_KINDS
    from pst_cli.model.introspect import nested_models
    from pst_cli.render.omitted import OMITTED, PUBLIC_OMITTED

    fields = {(model.__name__, name) for kind in FILE_KINDS for model in nested_models(kind.model) for name in model.model_fields}
    models = {model for model, _ in fields}
    for key in [*OMITTED, *PUBLIC_OMITTED]:
        model, field = key.split(".")
        assert model == "*" or model in models, key
        assert field == "*" or any(name == field for m, name in fields if model in ("*", m)), key

