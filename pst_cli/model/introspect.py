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
