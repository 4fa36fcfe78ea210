"""On a large project the rules run on two processes: the findings are exactly those of one process."""

from __future__ import annotations

import marshal
import os

import pytest

from pst_cli.project import load
from pst_cli.rules.runner import check_project

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="rules in parallel need fork and two cores")


def findings(project, monkeypatch, parallel: bool) -> list[dict]:
    monkeypatch.setattr(load, "PARALLEL_FILES", 1 if parallel else 10**9)
    return [finding.as_dict() for finding in check_project(project)]


@pytest.fixture
def meaux_project(meaux, monkeypatch):
    monkeypatch.setattr(load, "PARALLEL_FILES", 10**9)
    return load.load_project(meaux).project


def test_rules_on_two_processes_find_what_one_process_finds(meaux_project, monkeypatch):
    one = findings(meaux_project, monkeypatch, parallel=False)
    two = findings(meaux_project, monkeypatch, parallel=True)
    assert two == one
    assert len({finding["rule"] for finding in one}) > 3


def test_a_process_that_fails_leaves_its_rules_to_this_one(meaux_project, monkeypatch):
    one = findings(meaux_project, monkeypatch, parallel=False)

    def broken(value):
        raise ValueError("cannot send")

    monkeypatch.setattr(marshal, "dumps", broken)
    assert findings(meaux_project, monkeypatch, parallel=True) == one
