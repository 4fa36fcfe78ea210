"""The validated project: every entity of every file, and where each one was written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel

from pst_cli.errors import PstError
from pst_cli.findings import Finding
from pst_cli.i18n import active, t
from pst_cli.model.actions import Action
from pst_cli.model.diagnostic import ContextIndicator, Source
from pst_cli.model.diagnostic import Finding as DiagnosticFinding
from pst_cli.model.evaluation import Measurement, PreviousEvaluation
from pst_cli.model.family import FamilyProject
from pst_cli.model.frameworks import KINDS, KindFacts
from pst_cli.model.governance import GovernanceFile
from pst_cli.model.grid import Grid
from pst_cli.model.introspect import models_in, ref_kinds
from pst_cli.model.means import MeansFile
from pst_cli.model.plan import Axis, Challenge, GeneralObjective, Indicator, OperationalObjective
from pst_cli.model.project import ProjectFile
from pst_cli.model.review import YearReview
from pst_cli.model.stakeholders import Stakeholder
from pst_cli.model.workshops import Workshop
from pst_cli.project.yamlfast import compose, locate

MAX_MARKDOWN_BYTES = 1024 * 1024
"""The largest Markdown file (chapter, minutes) pst reads: 1 MiB, two hundred pages of text."""


def _fields_holding_models(model: type[BaseModel]) -> tuple[str, ...]:
    """Names of the fields of `model` that may hold other models (the others need no walking)."""
    names = _MODEL_FIELDS.get(model)
    if names is None:
        names = tuple(
            name
            for name, info in model.model_fields.items()
            if models_in(info.annotation)
        )
        _MODEL_FIELDS[model] = names
    return names


_MODEL_FIELDS: dict[type, tuple[str, ...]] = {}

WHOLE_FILES = {"governance": "governance", "means": "means", "family-project": "family_project", "previous-evaluation": "previous_evaluation"}
"""Kinds of file whose one model is an attribute of `Project` (the others hold lists of entities)."""
NOT_CONCERTATION = {"suivi", "formation"}
"""Phases of sessions that are not part of building the plan: follow-up meetings and training."""


@dataclass
class LoadedFile:
    """One project file: its path relative to the project, its kind, node tree and model."""

    relpath: str
    kind: str
    node: object
    """The node tree with positions; None when the file was parsed in another process (see `tree`)."""
    model: BaseModel | None = None
    text: str = ""
    """The file's text, for rules that can rule a whole file out with one search."""

    def tree(self) -> object:
        """The node tree, composed again from the text when the loader did not keep it."""
        if self.node is None and self.text:
            self.node = compose(self.text)
        return self.node


@dataclass
class Project:
    """Everything a project says, validated, with the position of each entity."""

    root: Path
    config: ProjectFile
    files: dict[str, LoadedFile] = field(default_factory=dict)
    stakeholders: list[Stakeholder] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    context_indicators: list[ContextIndicator] = field(default_factory=list)
    findings: list[DiagnosticFinding] = field(default_factory=list)
    workshops: list[Workshop] = field(default_factory=list)
    challenges: list[Challenge] = field(default_factory=list)
    axes: list[Axis] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    governance: GovernanceFile = field(default_factory=GovernanceFile)
    means: MeansFile | None = None
    """`means.yaml`: staff, opening, reception, budget by year (None when the file does not exist)."""
    family_project: FamilyProject | None = None
    """`plan/family.yaml`: the family project of a centre social."""
    previous_evaluation: PreviousEvaluation | None = None
    """`evaluation/previous.yaml`: the evaluation of the previous project."""
    measurements: list[Measurement] = field(default_factory=list)
    grids: list[Grid] = field(default_factory=list)
    """The project's own conformity grids (`grids/*.yaml`), beside those shipped with pst."""
    reviews: list[YearReview] = field(default_factory=list)
    """What people wrote for each yearly review (`evaluation/reviews/<year>.yaml`), for `pst review`."""
    places: dict[int, tuple[str, tuple]] = field(default_factory=dict)
    """id(entity) → (file, path of keys and indexes inside the file)."""
    entities: list[BaseModel] = field(default_factory=list)
    """Every model of every file, nested ones included, in the order of the files: the one walk over the project."""

    @property
    def language(self) -> str:
        """The language of the document: the project's own, else the language of the command."""
        return self.config.language or active()

    @property
    def facts(self) -> KindFacts:
        """What the framework of this kind of project says (`model/frameworks.py`)."""
        return KINDS[self.config.kind]

    @property
    def renewal(self) -> bool:
        """The project follows a previous one: `previous_project` or `agrement.current_end` is set."""
        agrement = self.config.agrement
        return bool(self.config.previous_project or (agrement and agrement.current_end))

    def adoption(self, today: dt.date | None = None) -> tuple[dt.date, BaseModel, tuple] | None:
        """When the plan was adopted, with where that is written: `adopted` in pst.yaml, else the
        last validation workshop already held. None while the plan is not adopted yet."""
        today = today or dt.date.today()
        if self.config.adopted:
            return self.config.adopted, self.config, ("adopted",)
        held = [w for w in self.workshops if w.phase == "validation" and w.date <= today]
        return (held[-1].date, held[-1], ("date",)) if held else None

    def concertation_sessions(self, today: dt.date | None = None) -> list[Workshop]:
        """The sessions that built the plan: held (not planned), before or at its adoption, neither follow-up nor training."""
        today = today or dt.date.today()
        adopted = self.adoption(today)
        until = min(today, adopted[0]) if adopted else today
        return [w for w in self.workshops if w.date <= until and w.phase not in NOT_CONCERTATION]

    def mission_coverage(self) -> dict[str, list[BaseModel]]:
        """Each CNAF mission → the objectives and actions tagged with it (`missions:`), in plan order."""
        covered: dict[str, list[BaseModel]] = {}
        carriers: list = [general for _, general in self.general_objectives()]
        carriers += [operational for _, _, operational in self.operational_objectives()]
        carriers += self.actions
        for carrier in carriers:
            for mission in carrier.missions:
                covered.setdefault(mission, []).append(carrier)
        return covered

    def categories(self, stakeholder_ids: list[str]) -> set[str]:
        """The categories of the stakeholders named (unknown ids left out)."""
        by_id = self.stakeholders_by_id
        return {by_id[sid].category for sid in stakeholder_ids if sid in by_id}

    @cached_property
    def stakeholders_by_id(self) -> dict[str, Stakeholder]:
        """Stakeholders by id (the first one, when an id is duplicated)."""
        index: dict[str, Stakeholder] = {}
        for stakeholder in self.stakeholders:
            index.setdefault(stakeholder.id, stakeholder)
        return index

    @cached_property
    def sources_by_id(self) -> dict[str, Source]:
        """Diagnostic sources by id (the first one, when an id is duplicated)."""
        index: dict[str, Source] = {}
        for source in self.sources:
            index.setdefault(source.id, source)
        return index

    # Walking the plan ------------------------------------------------------------

    def general_objectives(self) -> Iterator[tuple[Axis, GeneralObjective]]:
        for axis in self.axes:
            for objective in axis.general_objectives:
                yield axis, objective

    def operational_objectives(self) -> Iterator[tuple[Axis, GeneralObjective, OperationalObjective]]:
        for axis, general in self.general_objectives():
            for objective in general.operational_objectives:
                yield axis, general, objective

    def plan_indicators(self) -> Iterator[tuple[BaseModel, Indicator]]:
        """Every indicator of the plan with the entity that carries it (objective or action)."""
        for _, general in self.general_objectives():
            for indicator in general.indicators:
                yield general, indicator
            for operational in general.operational_objectives:
                for indicator in operational.indicators:
                    yield operational, indicator
        for action in self.actions:
            for indicator in action.indicators:
                yield action, indicator

    # Positions -------------------------------------------------------------------

    def record(self, entity: BaseModel, relpath: str, loc: tuple) -> None:
        """Remember where `entity` and, recursively, everything inside it was written."""
        self.places[id(entity)] = (relpath, loc)
        self.entities.append(entity)
        values = entity.__dict__  # much faster than iterating the model
        for name in _fields_holding_models(type(entity)):
            value = values[name]
            if isinstance(value, BaseModel):
                self.record(value, relpath, (*loc, name))
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, BaseModel):
                        self.record(item, relpath, (*loc, name, index))

    def where(self, entity: BaseModel, *inside: str | int) -> tuple[str, int, int]:
        """File, line and column of `entity`, or of the key path `inside` it."""
        relpath, loc = self.places.get(id(entity), ("pst.yaml", ()))
        loaded = self.files.get(relpath)
        line, col, _ = locate(loaded.tree() if loaded else None, (*loc, *inside))
        return relpath, line, col

    def finding(self, entity: BaseModel, inside: tuple = (), *, message: str, hint: str = "") -> Finding:
        """A finding positioned on `entity` (or on the key path `inside` it); the rule runner stamps its rule."""
        relpath, line, col = self.where(entity, *inside)
        return Finding("", "", relpath, line, col, message, hint, getattr(entity, "id", "") or "")

    # Ids and references ----------------------------------------------------------

    def declared(self) -> Iterator[tuple[str, BaseModel]]:
        """Every entity that declares an id, with each kind of id it declares (from the models' `id_kinds`)."""
        for entity in self.entities:
            for kind in type(entity).id_kinds:
                yield kind, entity

    @cached_property
    def ids(self) -> dict[str, dict[str, BaseModel]]:
        """kind of id → id → first entity declaring it."""
        index: dict[str, dict[str, BaseModel]] = {}
        for kind, entity in self.declared():
            index.setdefault(kind, {}).setdefault(entity.id, entity)
        return index

    def references(self) -> Iterator[tuple[str, BaseModel, tuple, str]]:
        """Every id named by a field marked `Ref` in the models: (kind, entity holding it, key path, id)."""
        fields_of: dict[type, tuple[tuple[str, str], ...]] = {}
        for entity in self.entities:
            model = type(entity)
            fields = fields_of.get(model)
            if fields is None:
                fields = fields_of[model] = ref_kinds(model)
            values = entity.__dict__
            for name, kind in fields:
                value = values[name]
                if isinstance(value, list):
                    for index, item in enumerate(value):
                        yield kind, entity, (name, index), item
                elif value:
                    yield kind, entity, (name,), value

    def file_stem(self, entity: BaseModel) -> str:
        """The name, without folder or extension, of the file where `entity` was written ("" when unknown)."""
        return self.places.get(id(entity), ("", ()))[0].rsplit("/", 1)[-1].rsplit(".", 1)[0]

    def review_of(self, year: int) -> YearReview | None:
        """The text people wrote for the review of `year`: the file `<year>.yaml` that says so, else the first file that does."""
        saying = [review for review in self.reviews if review.year == year]
        named = (review for review in saying if self.file_stem(review) == str(year))
        return next(named, saying[0] if saying else None)

    def workshop(self, wanted: str):
        """The workshop named by `wanted`: its id, or its file name (with or without `.yaml`) or path.

        A name that matches none is a user error suggesting the closest id.
        """
        stem = wanted.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
        for suffix in (".yaml", ".yml"):
            stem = stem.removesuffix(suffix)
        for workshop in self.workshops:
            name = self.file_stem(workshop)
            if wanted == workshop.id or stem == workshop.id or (name and stem == name):
                return workshop
        import difflib

        close = difflib.get_close_matches(wanted, [w.id for w in self.workshops], n=1, cutoff=0.5)
        hint = t("common.did-you-mean", name=close[0]) if close else t("project.name-a-workshop")
        raise PstError(t("project.unknown-workshop", name=wanted), hint)

    def safe_path(self, relative: str) -> Path | None:
        """The file `relative` names inside the project, or None if it leaves the project folder."""
        root = self.root.resolve()
        try:
            target = (root / relative).resolve()
        except (OSError, RuntimeError, ValueError):
            return None
        if target != root and root not in target.parents:
            return None
        return target

    def read_markdown(self, relative: str) -> str:
        """The text of a Markdown file the project names (a chapter, minutes), through the read policy.

        `pst check` (`references/unreadable-file`) and `pst render` refuse such a file
        first, with its place; here a refusal (the file changed meanwhile) stops the command.
        """
        from pst_cli.files import ReadRefused, read_inside

        try:
            return read_inside(self.root, relative, MAX_MARKDOWN_BYTES).decode("utf-8")
        except (ReadRefused, UnicodeDecodeError):
            raise PstError.of("files.cannot-read", path=relative) from None

    def project_file(self, relative: str) -> Path | None:
        """The existing file `relative` names inside the project, or None (missing, outside, unusable name)."""
        target = self.safe_path(relative)
        try:
            return target if target is not None and target.is_file() else None
        except (OSError, ValueError):  # a name too long for the system, a NUL byte…
            return None
