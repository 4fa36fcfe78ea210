"""Reading the models' type annotations: which models a field can hold.

Used by the loader (the keys allowed at an error's position), by `Project` (which fields
to walk when remembering positions) and by the generated format reference.
"""

from __future__ import annotations

import types
import typing

from pydantic import BaseModel


def unwrap(annotation: object) -> list[tuple[object, tuple]]:
    """Flatten Optional/Union/Annotated into (origin or class, type arguments) pairs."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [pair for arg in typing.get_args(annotation) for pair in unwrap(arg)]
    if origin is not None:
        return [(origin, typing.get_args(annotation))]
    return [(annotation, ())]


def models_in(annotation: object) -> list[type[BaseModel]]:
    """Every model an annotation names, however deep (`list[Indicator] | None` → [Indicator])."""
    found: list[type[BaseModel]] = []
    stack = [annotation]
    while stack:
        for origin, args in unwrap(stack.pop()):
            if isinstance(origin, type) and issubclass(origin, BaseModel) and origin not in found:
                found.append(origin)
            stack.extend(args)
    return found


def nested_models(model: type[BaseModel]) -> list[type[BaseModel]]:
    """`model` and every model it contains, in order of first appearance."""
    order: list[type[BaseModel]] = []

    def visit(current: type[BaseModel]) -> None:
        if current in order:
            return
        order.append(current)
        for field in current.model_fields.values():
            for inner in reversed(models_in(field.annotation)):
                visit(inner)

    visit(model)
    return order


def _ref_in(annotation: object) -> str | None:
    """The kind of the `Ref` mark somewhere in an annotation (`list[StakeholderRef] | None` → "stakeholder")."""
    from pst_cli.model.common import Ref

    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        found = next((mark.kind for mark in args[1:] if isinstance(mark, Ref)), None)
        return found or _ref_in(args[0])
    for arg in args:
        found = _ref_in(arg)
        if found:
            return found
    return None


_REF_FIELDS: dict[type, tuple[tuple[str, str], ...]] = {}


def ref_kinds(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """(field name, kind of id) of every field of `model` that names another entity by id."""
    found = _REF_FIELDS.get(model)
    if found is None:
        from pst_cli.model.common import Ref

        pairs = []
        for name, info in model.model_fields.items():
            kind = next((mark.kind for mark in info.metadata if isinstance(mark, Ref)), None) or _ref_in(info.annotation)
            if kind:
                pairs.append((name, kind))
        found = _REF_FIELDS[model] = tuple(pairs)
    return found
