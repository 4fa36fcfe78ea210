"""`pst diff`: a reviewer reads changes of the plan by entity and id, not YAML lines."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES, copy_project, run_pst

AXIS_1 = "plan/axes/1-lieu-ressource.yaml"
AXIS_2 = "plan/axes/2-lisibilite.yaml"


def git(repo: Path, *args: str) -> str:
    """Run git with an identity of its own: CI machines may have none configured."""
    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", *args]
    return subprocess.run(command, cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A Git repository holding the Meaux example in a subfolder, with one commit."""
    root = tmp_path / "repo"
    root.mkdir()
    copy_project(EXAMPLES / "meaux", root / "projet")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Projet initial")
    return root


def edit_plan(project: Path) -> None:
    """Change a target, move an operational objective to axis 2, delete an indicator."""
    axis_1 = project / AXIS_1
    text = axis_1.read_text(encoding="utf-8")
    text = text.replace("            target:\n              value: 20\n", "            target:\n              value: 30\n", 1)
    start = text.index("      - id: A1.OG2.OO2\n")
    end = text.index("      - id: A1.OG2.OO3\n")
    moved, text = text[start:end], text[:start] + text[end:]
    start = text.index("        indicators:\n          - id: I-A1.OG3-3\n")
    text = text[:start] + text[text.index("    examples:", start):]
    axis_1.write_text(text, encoding="utf-8")
    axis_2 = project / AXIS_2
    text = axis_2.read_text(encoding="utf-8")
    anchor = "    operational_objectives:\n"
    at = text.index(anchor) + len(anchor)
    axis_2.write_text(text[:at] + moved + text[at:], encoding="utf-8")


def test_json_lists_exactly_the_three_changes(repo: Path) -> None:
    edit_plan(repo / "projet")
    git(repo, "commit", "-q", "-am", "Cible, déplacement, suppression")

    run = run_pst("diff", "HEAD~1..HEAD", "projet", "--format", "json", cwd=repo)

    assert run.code == 0, run.output
    report = json.loads(run.out)
    summary = {(change["kind"], change["id"], change["change"]) for change in report["changes"]}
    assert summary == {
        ("indicator", "I-A1.OG1-1", "changed"),
        ("operational-objective", "A1.OG2.OO2", "moved"),
        ("indicator", "I-A1.OG3-3", "removed"),
    }
    changed = next(change for change in report["changes"] if change["change"] == "changed")
    assert [(f["field"], f["old"], f["new"]) for f in changed["fields"]] == [("target.value", 20, 30)]
    moved = next(change for change in report["changes"] if change["change"] == "moved")
    assert (moved["old_path"], moved["path"]) == (AXIS_1, AXIS_2)
    assert (moved["old_parent"], moved["parent"]) == ("A1.OG2", "A2.OG1")
    assert report["counts"] == {"added": 0, "removed": 1, "changed": 1, "moved": 1}


def test_text_speaks_the_projects_language(repo: Path) -> None:
    edit_plan(repo / "projet")

    run = run_pst("diff", "HEAD", cwd=repo / "projet")

    assert run.code == 0, run.output
    assert "Indicateur I-A1.OG1-1 : cible 20 → 30" in run.out
    assert f"Objectif opérationnel A1.OG2.OO2 : déplacé de {AXIS_1} vers {AXIS_2}" in run.out
    assert "Indicateur I-A1.OG3-3 « Nombre de personnes formées » : supprimé" in run.out
    assert "copie de travail" in run.out


def test_markdown_groups_by_kind_with_counts(repo: Path) -> None:
    edit_plan(repo / "projet")

    run = run_pst("diff", "HEAD", "projet", "--format", "md", cwd=repo)

    assert run.code == 0, run.output
    assert "#### Indicateurs (2)" in run.out
    assert "#### Objectifs opérationnels (1)" in run.out
    assert "- **modifié** `I-A1.OG1-1` — Nombre d'animations de quartier réalisées : cible `20` → `30`" in run.out


def test_added_entity_and_untouched_project(repo: Path) -> None:
    assert run_pst("diff", "HEAD", "projet", cwd=repo).out.strip().endswith("aucun changement du projet")
    project = repo / "projet"
    run = run_pst("add", "challenge", project, "--label", "Un enjeu nouveau", "--findings", "C1")
    assert run.code == 0, run.output

    run = run_pst("diff", "HEAD", "projet", cwd=repo)

    assert "Enjeu E6 « Un enjeu nouveau » : ajouté (plan/challenges.yaml)" in run.out


def test_bad_revision_is_a_user_error(repo: Path) -> None:
    run = run_pst("diff", "pas-une-revision", "projet", cwd=repo)

    assert run.code == 2
    assert "révision Git inconnue : « pas-une-revision »" in run.err
    assert "Traceback" not in run.output


def test_revision_that_does_not_load_is_reported(repo: Path) -> None:
    path = repo / "projet" / "plan" / "challenges.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("priority: 2", "priorite: 2", 1), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Faute de frappe")

    run = run_pst("diff", "HEAD~1..HEAD", "projet", cwd=repo)

    assert run.code == 1
    assert "le projet ne se charge pas dans la révision HEAD : 1 erreur" in run.out
    assert "plan/challenges.yaml:" in run.out and "priorite" in run.out
    assert "Traceback" not in run.output
