"""Conformity grids: what a framework's reader (the CAF adviser, the préfecture, the
département, the regional audit court) looks at, criterion by criterion.

A grid is data: one YAML file per framework and version, shipped with pst under
`pst_cli/grids/data/` or written by a project under `grids/*.yaml`. Each criterion names its
evidence as *paths* into the project (`means.staff[role=direction].fte`) and the rules whose
findings count against it; `pst_cli/grids/` evaluates them. A path is checked here, against
the models, when the grid is read: a path that names no field is a positioned error with the
closest field name.

Path syntax: a root (`ROOTS`), then fields separated by dots; a field holding a list may be
filtered by `[field=value]` (several values separated by `|`, a list field matches when it
contains the value) or `[field]` (the field is filled).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Annotated, Literal, get_args, get_origin

from pydantic import AfterValidator, BaseModel, Field, StrictBool

from pst_cli.i18n import t
from pst_cli.model.actions import Action
from pst_cli.model.common import Id, PstModel, Text
from pst_cli.model.diagnostic import ContextIndicator, Source
from pst_cli.model.diagnostic import Finding as DiagnosticFinding
from pst_cli.model.evaluation import Measurement, PreviousEvaluation
from pst_cli.model.family import FamilyProject
from pst_cli.model.frameworks import ProjectKind
from pst_cli.model.governance import GovernanceFile
from pst_cli.model.introspect import models_in, unwrap
from pst_cli.model.means import MeansFile
from pst_cli.model.plan import Axis, Challenge
from pst_cli.model.project import ProjectFile
from pst_cli.model.stakeholders import Stakeholder
from pst_cli.model.workshops import Workshop

ROOTS: dict[str, tuple[type[BaseModel], str]] = {
    "project": (ProjectFile, "pst.yaml"),
    "stakeholders": (Stakeholder, "stakeholders.yaml"),
    "sources": (Source, "diagnostic/sources.yaml"),
    "indicators": (ContextIndicator, "diagnostic/indicators.yaml"),
    "findings": (DiagnosticFinding, "diagnostic/findings.yaml"),
    "workshops": (Workshop, "workshops/*.yaml"),
    "challenges": (Challenge, "plan/challenges.yaml"),
    "axes": (Axis, "plan/axes/*.yaml"),
    "actions": (Action, "plan/actions/*.yaml"),
    "family": (FamilyProject, "plan/family.yaml"),
    "governance": (GovernanceFile, "governance.yaml"),
    "means": (MeansFile, "means.yaml"),
    "previous": (PreviousEvaluation, "evaluation/previous.yaml"),
    "measurements": (Measurement, "evaluation/measurements.yaml"),
}
"""The first word of a path: which entities it starts from, and the file that holds them."""

_SEGMENT = re.compile(r"^(?P<name>[a-z_]+)(?:\[(?P<field>[a-z_]+)(?:=(?P<values>[^\]]+))?\])?$")


def segments(path: str) -> list[tuple[str, str | None, tuple[str, ...]]]:
    """`means.staff[role=direction].fte` → [("means", None, ()), ("staff", "role", ("direction",)), ("fte", None, ())].

    A segment that does not parse comes back with its raw text as name (the check says so).
    """
    parts = []
    for raw in re.split(r"\.(?![^\[]*\])", path.strip()):
        match = _SEGMENT.match(raw)
        if not match:
            parts.append((raw, None, ()))
            continue
        values = tuple(v.strip() for v in match.group("values").split("|")) if match.group("values") else ()
        parts.append((match.group("name"), match.group("field"), values))
    return parts


def _choices(annotation: object) -> tuple[str, ...]:
    """The allowed values of a Literal field (inside lists and Optionals), else ()."""
    for origin, args in unwrap(annotation):
        if origin is Literal:
            return tuple(str(arg) for arg in args)
        if origin is list:
            found = _choices(args[0])
            if found:
                return found
    if get_origin(annotation) is Literal:
        return tuple(str(arg) for arg in get_args(annotation))
    return ()


def _suggest(name: str, names: list[str]) -> str:
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.5)
    return t("grids.path.suggest", name=close[0]) if close else t("grids.path.allowed", names=", ".join(names))


def path_problem(path: str) -> str | None:
    """Why `path` names no field of the project's models (with the closest name), or None when it does."""
    parts = segments(path)
    root, root_field, root_values = parts[0]
    if root not in ROOTS:
        return t("grids.path.unknown-root", name=root, suggestion=_suggest(root, list(ROOTS)))
    model: type[BaseModel] | None = ROOTS[root][0]
    if root_field:
        problem = _filter_problem(model, root_field, root_values)
        if problem:
            return problem
    for name, field, values in parts[1:]:
        if model is None:
            return t("grids.path.not-a-block", name=name)
        fields = model.model_fields
        if name not in fields:
            return t("grids.path.unknown-field", name=name, block=model.__name__, suggestion=_suggest(name, list(fields)))
        inner = models_in(fields[name].annotation)
        if field:
            if not inner:
                return t("grids.path.not-a-block", name=name)
            problem = _filter_problem(inner[0], field, values)
            if problem:
                return problem
        model = inner[0] if inner else None
    return None


def _filter_problem(model: type[BaseModel], field: str, values: tuple[str, ...]) -> str | None:
    """Why `[field=values]` cannot filter entities of `model`, or None."""
    fields = model.model_fields
    if field not in fields:
        return t("grids.path.unknown-field", name=field, block=model.__name__, suggestion=_suggest(field, list(fields)))
    choices = _choices(fields[field].annotation)
    for value in values:
        if choices and value not in choices:
            return t("grids.path.unknown-value", value=value, name=field, suggestion=_suggest(value, list(choices)))
    return None


def _check_path(path: str) -> str:
    problem = path_problem(path)
    if problem:
        from pydantic_core import PydanticCustomError

        raise PydanticCustomError("grid_path", problem)
    return path


EvidencePath = Annotated[
    str,
    AfterValidator(_check_path),
    Field(description="Chemin d'un champ du projet, ex. `means.staff[role=direction].fte` ou `governance.bodies[type=conseil-citoyen]`."),
]
Status = Literal["satisfait", "partiel", "absent"]


class GridSource(PstModel):
    """Texte qui fonde la grille."""

    title: Text = Field(description="Intitulé du texte : circulaire, décret, article de code, guide.")
    reference: str | None = Field(None, description="Référence : numéro de la circulaire, article, NOR.")
    date: dt.date | None = Field(None, description="Date du texte.")
    url: str | None = Field(None, description="Adresse web où le lire.")
    note: str | None = Field(None, description="Précision : texte connu par des résumés de presse seulement…")


class StatusRule(PstModel):
    """Ce que signifie chaque statut pour ce critère, en clair."""

    satisfait: str | None = Field(None, description="Quand le critère est satisfait.")
    partiel: str | None = Field(None, description="Quand il est partiellement satisfait.")
    absent: str | None = Field(None, description="Quand il est absent.")


class GridCriterion(PstModel):
    """Critère d'une grille : ce qu'il exige et où le projet y répond."""

    id: Id = Field(description="Identifiant du critère, ex. `8` ou `participation`.")
    label: Text = Field(description="Intitulé du critère, en français.")
    requirement: Text = Field(description="Ce que le critère exige, en mots simples.")
    evidence: list[EvidencePath] = Field(
        default_factory=list, description="Champs ou entités qui doivent exister, comme chemins : `means.opening.hours`."
    )
    rules: list[str] = Field(default_factory=list, description="Règles de `pst check` dont les constats comptent contre ce critère.")
    satisfied_by: Literal["all", "any"] = Field(
        "all", description="`all` : satisfait quand toutes les preuves existent ; `any` : quand l'une d'elles existe."
    )
    status: StatusRule = Field(default_factory=StatusRule, description="Ce que signifie chaque statut pour ce critère.")
    chapter: str | None = Field(None, description="Chapitre du document où le critère trouve sa réponse, ex. `means`.")
    provisional: StrictBool = Field(False, description="Critère provisoire : texte connu par des résumés seulement, non vérifié.")


class Grid(PstModel):
    """Grille de conformité : un cadre, sa version, ses critères."""

    id: Id = Field(description="Identifiant de la grille, ex. `caf-agrement-centre-social`.")
    title: Text = Field(description="Intitulé de la grille.")
    issuer: Text = Field(description="Qui lit le projet avec cette grille : CAF, préfecture, département, chambre régionale des comptes…")
    version: Text = Field(description="Version de la grille, ex. `2016` ou `2026-provisoire`.")
    sources: list[GridSource] = Field(min_length=1, description="Textes qui fondent la grille.")
    kinds: list[ProjectKind] = Field(default_factory=list, description="Natures de projet dont c'est la grille par défaut.")
    provisional: StrictBool = Field(False, description="Grille provisoire : ses textes ne sont connus que par des résumés.")
    note: str | None = Field(None, description="Ce qu'il faut savoir en la lisant.")
    criteria: list[GridCriterion] = Field(min_length=1, description="Les critères.")
