"""References are declared on the models: a new field that names an entity is checked with no edit elsewhere."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import FIXTURES

from pst_cli import model
from pst_cli.model.actions import Action
from pst_cli.model.common import StakeholderRef
from pst_cli.rules.runner import run_check


class ActionWithSponsor(Action):
    """An action sheet with one more field naming a stakeholder, as a developer would add it."""

    sponsor: StakeholderRef | None = None


@pytest.fixture
def sponsored_actions(monkeypatch):
    kinds = tuple(dataclasses.replace(kind, model=ActionWithSponsor) if kind.name == "action" else kind for kind in model.FILE_KINDS)
    monkeypatch.setattr(model, "FILE_KINDS", kinds)


def test_a_new_reference_field_is_checked_for_dangling_ids(sponsored_actions):
    result = run_check(FIXTURES / "new_reference_field")
    errors = [f for f in result.findings if f.severity == "error"]
    assert [(f.rule, f.path, f.line, f.col) for f in errors] == [("references/unknown-id", "plan/actions/01-accueil.yaml", 4, 10)]
    assert "partenaire-inconnu" in errors[0].message


def test_without_the_field_the_same_file_is_refused_as_an_unknown_key():
    result = run_check(FIXTURES / "new_reference_field")
    assert [(f.rule, f.line) for f in result.findings if f.severity == "error"] == [("schema/unknown-key", 4)]
