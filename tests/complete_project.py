"""A project that sets every field of the format, generated from the models.

Every model of `FILE_KINDS` is filled field by field from its type: a text becomes a
word that names it (« Action means 041 »), a number a value inside its bounds, a code
one that is not the default, a date the next day of a calendar inside the period, a
list one item (two for the entities of a file, so that they can name each other), a
reference the id of an entity of its kind. A field added to a model tomorrow is set
here with no edit: the completeness test then asks the document to show it.

A few fields have a meaning the type does not say (a file that must exist, counts a
vote must not exceed); `SPECIAL` gives them their value, and the generated project
passes `pst check` without an error.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import types
import typing
from pathlib import Path

import annotated_types
import yaml
from conftest import write_tree
from pydantic import BaseModel
from pydantic_core import PydanticUndefined

import pst_cli.model
from pst_cli.model.common import REF_UNIONS, Ref

PERIOD = (dt.date(2025, 1, 1), dt.date(2028, 12, 31))


EXAMPLE = re.compile(r"`([^`]+)`")
"""An example in a field's description: « Heure d'ouverture, ex. `09:00`. »"""


class Placeholder:
    """A reference to fill once every id is known: `kind` of id, and the ids of the entities it is written in."""

    def __init__(self, kind: str, inside: list[str]) -> None:
        self.kind = kind
        self.inside = list(inside)


class Generator:
    def __init__(self) -> None:
        self.counter = itertools.count(1)
        self.day = itertools.count(10, 9)
        self.ids: dict[str, list[str]] = {}
        self.files: dict[str, bytes | str] = {}
        self.indicators = 0
        """Indicators generated so far (`_scale`)."""
        self.inside: list[str] = []
        """Ids of the entities being generated, outermost first: a reference never names them."""

    # Values ------------------------------------------------------------------------

    def text(self, model: type[BaseModel], name: str) -> str:
        return f"{model.__name__} {name} {next(self.counter):03d}"

    def date(self) -> dt.date:
        return PERIOD[0] + dt.timedelta(days=next(self.day))

    def number(self, metadata: list, integer: bool) -> int | float:
        low = next((m.ge for m in metadata if isinstance(m, annotated_types.Ge)), None)
        high = next((m.le for m in metadata if isinstance(m, annotated_types.Le)), None)
        if low is not None and high is not None:
            return int(low + (high - low) * 3 // 4) if integer else (low + high) * 0.75
        base = 100 + next(self.counter)
        return base if integer else base + 0.5

    def value(self, model: type[BaseModel], name: str, annotation, metadata: list, default=PydanticUndefined):
        """A value of `annotation` for the field `name` of `model` (not the default when there is a choice)."""
        ref = next((mark for mark in metadata if isinstance(mark, Ref)), None)
        if ref:
            return Placeholder(ref.kind, self.inside)
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            inner, *marks = typing.get_args(annotation)
            ref = next((mark for mark in marks if isinstance(mark, Ref)), None)
            if ref:
                return Placeholder(ref.kind, self.inside)
            return self.value(model, name, inner, metadata + marks, default)
        if origin in (typing.Union, types.UnionType):
            options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            return self.value(model, name, options[0], metadata, default)
        if origin is typing.Literal:
            choices = [choice for choice in typing.get_args(annotation) if choice != default]
            return choices[0]
        if origin is list:
            (item,) = typing.get_args(annotation)
            return [self.value(model, name, item, [])]
        if origin is dict:
            key, item = typing.get_args(annotation)
            keys = typing.get_args(key) if typing.get_origin(key) is typing.Literal else [self.text(model, name)]
            return {keys[0]: self.value(model, name, item, [])}
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return self.model(annotation)
        if annotation is bool:
            return not default if isinstance(default, bool) else True
        if annotation is int:
            return self.number(metadata, True)
        if annotation is float:
            return self.number(metadata, False)
        if annotation is dt.date:
            return self.date()
        if annotation is str:
            if any(getattr(mark, "pattern", None) for mark in metadata):  # an identifier
                return f"{model.__name__}-{name}-{next(self.counter):03d}".lower().replace("_", "-")
            return self.checked(model, name, metadata, self.text(model, name))
        raise TypeError(f"{model.__name__}.{name}: no value for {annotation!r}")

    def checked(self, model: type[BaseModel], name: str, metadata: list, text: str) -> str:
        r"""`text` if the field takes any text, else the first example its description gives
        (`ex. \`09:00\``) that it takes: an hour, a code of a given form… A field with a form
        and no valid example fails here, by its name."""
        if not metadata:
            return text
        from pydantic import TypeAdapter

        adapter = TypeAdapter(typing.Annotated[str, *metadata])
        description = model.model_fields[name].description or ""
        for candidate in [text, *EXAMPLE.findall(description)]:
            try:
                return adapter.validate_python(candidate)
            except ValueError:
                continue
        raise TypeError(f"{model.__name__}.{name}: no valid value, and no valid example in its description")

    def model(self, model: type[BaseModel], count: int = 1) -> dict:
        """An instance of `model` as the dict its YAML file holds, every field set."""
        data: dict = {}
        for name, field in model.model_fields.items():
            special = SPECIAL.get(f"{model.__name__}.{name}")
            if special is not None:
                data[name] = special(self, data)
                continue
            if name == "id":
                data[name] = f"{model.__name__.lower()}-{next(self.counter)}"
                self.inside.append(data[name])
                continue
            value = self.value(model, name, field.annotation, list(field.metadata), field.default)
            if isinstance(value, list) and value and isinstance(value[0], dict) and _holds_entities(field.annotation):
                value = [value[0], *(self.model(_item_model(field.annotation)) for _ in range(count - 1))]
            data[name] = value
        if "id" in data:
            self.inside.pop()
        for kind in model.id_kinds:
            self.ids.setdefault(kind, []).append(data["id"])
        return data

    def resolve(self, tree):
        """Replace every placeholder by an id of its kind (never one of the entities it is written in)."""
        if isinstance(tree, dict):
            return {key: self.resolve(value) for key, value in tree.items()}
        if isinstance(tree, list):
            return [self.resolve(value) for value in tree]
        if isinstance(tree, Placeholder):
            known = [i for kind in REF_UNIONS.get(tree.kind, (tree.kind,)) for i in self.ids.get(kind, [])]
            others = [i for i in known if i not in tree.inside]
            return (others or known)[0]
        return tree


def _item_model(annotation) -> type[BaseModel]:
    return next(arg for origin, args in _flat(annotation) for arg in args if isinstance(arg, type) and issubclass(arg, BaseModel))


def _flat(annotation):
    from pst_cli.model.introspect import unwrap

    return unwrap(annotation)


def _holds_entities(annotation) -> bool:
    """A list of models that declare ids (stakeholders, indicators…): two of them, so that they can name each other."""
    try:
        return bool(_item_model(annotation).id_kinds)
    except StopIteration:
        return False


def _section(generator: Generator, data: dict) -> str:
    name = f"sections/section-{next(generator.counter)}.md"
    generator.files[name] = f"Section file {next(generator.counter):03d}\n"
    return name


def _logo(generator: Generator, data: dict) -> str:
    import io

    from PIL import Image

    image = io.BytesIO()
    Image.new("RGB", (8, 8), "#1f4e79").save(image, "PNG")
    generator.files["logo.png"] = image.getvalue()
    return "logo.png"


def _source_file(generator: Generator, data: dict) -> str:
    name = f"diagnostic/source-{next(generator.counter)}.pdf"
    generator.files[name] = b"%PDF-1.4\n"
    return name


def _scores(generator: Generator, data: dict) -> dict:
    # Criteria are named by the vote that holds the option: filled in `_vote`.
    return {"criterion": 4.5}


def _vote(generator: Generator, data: dict) -> list:
    """A multi-criteria vote whose options are scored on its own criteria."""
    from pst_cli.model.workshops import Criterion

    return [generator.model(Criterion)]


def _options(generator: Generator, data: dict) -> list:
    from pst_cli.model.workshops import VoteOption

    option = generator.model(VoteOption)
    option["scores"] = {criterion["id"]: 4.5 for criterion in data["criteria"]}
    return [option]


def _scale(generator: Generator, data: dict) -> list:
    """Every second indicator is qualitative: a scale of three levels, its values the ranks of levels.
    The first indicator stays a number, so that the measurements (which name it) stay valid."""
    generator.indicators += 1
    if generator.indicators % 2:
        return []
    levels = [f"Indicator scale level {next(generator.counter):03d}" for _ in range(3)]
    # `direction` is « decrease » (set before): from the highest level down to the lowest, steps between.
    for point, rank in [(data.get("baseline"), 3), (data.get("target"), 1), *((step, 2) for step in data.get("steps", []))]:
        if point:
            point["value"] = float(rank)
    return levels


SPECIAL = {
    "ProjectFile.language": lambda generator, data: "fr",
    "ProjectFile.logo": _logo,
    "Section.file": _section,
    "Section.after": lambda generator, data: None,
    "Source.file": _source_file,
    "Period.start": lambda generator, data: PERIOD[0],
    "Period.end": lambda generator, data: PERIOD[1],
    "ChecksConfig.ignore": lambda generator, data: ["plan/too-many-challenges"],
    "ChecksConfig.severity": lambda generator, data: {"plan/too-many-challenges": "warning"},
    "Participants.counts": lambda generator, data: {"habitant": 41, "elu": 7},
    "Vote.voters": lambda generator, data: 36,
    "Vote.dots_per_participant": lambda generator, data: 3,
    "Vote.criteria": _vote,
    "Vote.options": _options,
    "VoteOption.tally": lambda generator, data: 29,
    "VoteOption.scores": _scores,
    "Baseline.value": lambda generator, data: 48.5,
    "Target.value": lambda generator, data: 36.5,
    "Indicator.direction": lambda generator, data: "decrease",
    "Indicator.scale": _scale,
    "Personal.email": lambda generator, data: f"contact{next(generator.counter)}@example.org",
    "Personal.phone": lambda generator, data: "01 23 45 67 89",
    "Personal.retention_until": lambda generator, data: dt.date(2030, 12, 31),
}
"""Fields whose value the type does not say: `Model.field` → a function of the generator and the fields set so far."""


def complete_project(root: Path) -> Path:
    """Write a project that sets every field of every model into `root`, and return it."""
    generator = Generator()
    documents: dict[str, object] = {}
    for kind in pst_cli.model.FILE_KINDS:  # read at call time: a test may add a model's field
        if kind.single:
            for index in (1, 2):
                documents[kind.pattern.replace("*", f"{kind.name}-{index}")] = generator.model(kind.model)
        else:
            documents[kind.pattern] = generator.model(kind.model, count=2)
    root.mkdir(parents=True, exist_ok=True)
    for relative, data in documents.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(generator.resolve(data), allow_unicode=True, sort_keys=False, width=4096), encoding="utf-8")
    return write_tree(root, generator.files)
