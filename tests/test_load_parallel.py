"""A large project is read by several processes: the result is exactly that of one process."""

from __future__ import annotations

import os

import pytest

from pst_cli.project import load
from pst_cli.rules.runner import run_check

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="parsing in parallel needs fork and two cores")


def check(project, monkeypatch, parallel: bool):
    monkeypatch.setattr(load, "PARALLEL_FILES", 1 if parallel else 10**9)
    result = run_check(project)
    return [finding.as_dict() for finding in result.findings], result.project


def test_parallel_reading_finds_the_same_project(meaux, monkeypatch):
    one, project = check(meaux, monkeypatch, parallel=False)
    several, parallel_project = check(meaux, monkeypatch, parallel=True)
    assert several == one
    assert [entity.model_dump() for entity in parallel_project.entities] == [entity.model_dump() for entity in project.entities]


def test_parallel_reading_places_every_finding_as_one_process_does(meaux, monkeypatch):
    """Syntax, schema and reference errors in files parsed by other processes keep their `file:line:col`."""
    (meaux / "governance.yaml").write_text("bodies:\n  - id: copil\n    name: [unclosed\n", encoding="utf-8")
    stakeholders = meaux / "stakeholders.yaml"
    stakeholders.write_text(stakeholders.read_text(encoding="utf-8").replace("category: elu", "category: elus", 1), encoding="utf-8")
    workshop = sorted((meaux / "workshops").glob("*.yaml"))[-1]
    workshop.write_text(workshop.read_text(encoding="utf-8") + "date: 2024-01-01\n", encoding="utf-8")
    one, _ = check(meaux, monkeypatch, parallel=False)
    several, _ = check(meaux, monkeypatch, parallel=True)
    assert several == one
    assert {finding["rule"].split("/")[0] for finding in one} >= {"yaml", "schema"}
    assert all(finding["line"] > 1 for finding in one if finding["rule"] != "schema/missing-field")


def test_references_found_through_files_parsed_elsewhere_point_at_their_line(meaux, monkeypatch):
    challenges = meaux / "plan" / "challenges.yaml"
    text = challenges.read_text(encoding="utf-8")
    challenges.write_text(text.replace("findings: [", "findings: [C-inconnu, ", 1), encoding="utf-8")
    one, _ = check(meaux, monkeypatch, parallel=False)
    several, _ = check(meaux, monkeypatch, parallel=True)
    assert several == one
    unknown = [finding for finding in one if finding["rule"] == "references/unknown-id"]
    assert unknown and unknown[0]["path"] == "plan/challenges.yaml" and unknown[0]["line"] > 1
