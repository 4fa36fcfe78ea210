"""`pst import comments`: what reviewers wrote in the DOCX of `pst render`, back at the `file:line` of the project.

The reviewed document is built here as Word writes one (`word_docs`): three comments —
on an operational objective, on an indicator, on a sentence of the editorial — and one
tracked change of an indicator's label.
"""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import jsonschema
import pytest
from conftest import DATA, run_pst
from word_docs import Edit, Note, reviewed

from pst_cli.project.load import open_project
from pst_cli.word.anchors import anchor_name, docx_bookmark

AXIS_1 = "plan/axes/1-lieu-ressource.yaml"
AXIS_2 = "plan/axes/2-lisibilite.yaml"


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", "-c", "user.name=pst", "-c", "user.email=pst@example.org", *args],
                          cwd=cwd, check=True, capture_output=True, text=True).stdout


def line_of(path: Path, after: str, key: str) -> tuple[int, int]:
    """Line and column of the value of `key:` on the first such line after the line holding `after`."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(number for number, line in enumerate(lines) if after in line)
    for number in range(start, len(lines)):
        found = re.match(rf"^(\s*(?:- )?){key}: ", lines[number])
        if found:
            return number + 1, found.end() + 1
    raise AssertionError(f"no {key} after {after}")


@pytest.fixture
def review(meaux, tmp_path) -> Path:
    """A copy of Meaux in Git, and the DOCX of its document as two colleagues sent it back."""
    _git("init", "-q", cwd=meaux)
    (meaux / ".git/info/exclude").write_text(".pst/cache/\n.pst/lock\n", encoding="utf-8")  # as the .gitignore of `pst init` does
    _git("add", "-A", cwd=meaux)
    _git("commit", "-q", "-m", "projet", cwd=meaux)
    run = run_pst("render", meaux, "--to", "docx", "-o", tmp_path, "--quiet")
    assert run.code == 0, run.output
    return reviewed(
        tmp_path / "meaux.docx", tmp_path / "meaux-relu.docx",
        notes=[
            Note("Marie Dupont", "2025-03-12T09:30:00Z", "Préciser la cible", bookmark=anchor_name("objective", "A1.OG1.OO1")),
            Note("Paul Martin", "2025-03-13T10:00:00Z", "Quels partenaires ?", bookmark=anchor_name("indicator", "I-A2.OG1-2")),
            Note("Marie Dupont", "2025-03-14T11:00:00Z", "Trop long pour un édito", on_text="que se construisent les solidarités du quotidien"),
        ],
        edits=[Edit(anchor_name("indicator", "I-A1.OG1-1"), "de quartier", "de rue", "Marie Dupont", "2025-03-12T10:00:00Z")],
    )


def test_each_comment_and_change_is_printed_at_its_file_line(meaux, review):
    run = run_pst("import", "comments", review, meaux)
    assert run.code == 0, run.output
    objective = line_of(meaux / AXIS_1, "id: A1.OG1.OO1", "title")
    indicator = line_of(meaux / AXIS_2, "id: I-A2.OG1-2", "label")
    changed = line_of(meaux / AXIS_1, "id: I-A1.OG1-1", "label")
    edito = next(number for number, line in enumerate((meaux / "sections/edito.md").read_text(encoding="utf-8").split("\n"), 1)
                 if "que se construisent" in line)
    lines = run.out.splitlines()
    assert f"{meaux}/{AXIS_1}:{objective[0]}:{objective[1]}: Marie Dupont (12/03) : « Préciser la cible » [commentaire]" in lines
    assert f"{meaux}/{AXIS_2}:{indicator[0]}:{indicator[1]}: Paul Martin (13/03) : « Quels partenaires ? » [commentaire]" in lines
    assert any(line.startswith(f"{meaux}/sections/edito.md:{edito}:") and line.endswith("« Trop long pour un édito » [commentaire]") for line in lines)
    assert (f"{meaux}/{AXIS_1}:{changed[0]}:{changed[1]}: Marie Dupont (12/03) : « Nombre d’animations de quartier réalisées » → "
            "« Nombre d’animations de rue réalisées » [modification]") in lines
    assert "    sur « Déployer des actions au cœur des quartiers »" in lines  # the commented passage
    assert lines[-1] == "3 commentaires, 1 modification suivie ; 1 applicable avec --apply."
    assert _git("status", "--porcelain", cwd=meaux) == ""  # without --apply, nothing is written


def test_apply_changes_that_one_label_and_nothing_else(meaux, review):
    run = run_pst("import", "comments", review, meaux, "--apply")
    assert run.code == 0, run.output
    assert "✓ appliquée au fichier" in run.out
    diff = _git("diff", "--unified=0", cwd=meaux)
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == [
        "-            label: Nombre d'animations de quartier réalisées",
        "+            label: Nombre d'animations de rue réalisées",
    ]
    assert run_pst("check", meaux).code == 0
    again = run_pst("import", "comments", review, meaux, "--apply")
    assert "le projet dit déjà la même chose" in again.out  # applied once, never twice


def test_a_change_to_a_label_that_moved_on_is_listed_not_applied(meaux, review):
    path = meaux / AXIS_1
    path.write_text(path.read_text(encoding="utf-8").replace("Nombre d'animations de quartier réalisées", "Animations de quartier"), encoding="utf-8")
    before = path.read_bytes()
    run = run_pst("import", "comments", review, meaux, "--apply")
    assert run.code == 0, run.output
    assert "non appliquée : le projet dit désormais « Animations de quartier »" in run.out
    assert path.read_bytes() == before


def test_json_github_and_sarif_carry_the_same_places(meaux, review):
    rows = json.loads(run_pst("import", "comments", review, meaux, "--format", "json").out)
    assert [(row["kind"], row["author"], row["entity"]) for row in rows if row["entity"]] == [
        ("comment", "Marie Dupont", "A1.OG1.OO1"), ("modification", "Marie Dupont", "I-A1.OG1-1"), ("comment", "Paul Martin", "I-A2.OG1-2")]
    assert rows[1]["applicable"] and rows[1]["old"] == "Nombre d’animations de quartier réalisées"
    github = run_pst("import", "comments", review, meaux, "--format", "github").out.splitlines()
    assert len(github) == 4 and all(line.startswith("::notice file=") for line in github)
    assert github[0].startswith(f"::notice file={meaux}/{AXIS_1},line=")
    sarif = json.loads(run_pst("import", "comments", review, meaux, "--format", "sarif").out)
    jsonschema.validate(sarif, json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")))
    assert [result["ruleId"] for result in sarif["runs"][0]["results"]] == ["review/comment", "review/modification", "review/comment", "review/comment"]


def test_render_marks_every_plan_entity_with_one_bookmark_around_its_title(meaux, tmp_path):
    run = run_pst("render", meaux, "--to", "docx", "-o", tmp_path, "--quiet")
    assert run.code == 0, run.output
    with zipfile.ZipFile(tmp_path / "meaux.docx") as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    names = re.findall(r'w:bookmarkStart w:id="\d+" w:name="([^"]+)"', document)
    assert len(names) == len(set(names))  # a bookmark name is used once
    project = open_project(meaux)
    wanted = [("objective", axis) for axis in project.axes] + [("objective", g) for _, g in project.general_objectives()]
    wanted += [("objective", o) for _, _, o in project.operational_objectives()] + [("indicator", i) for _, i in project.plan_indicators()]
    wanted += [("action", a) for a in project.actions] + [("challenge", c) for c in project.challenges]
    assert sorted({docx_bookmark(anchor_name(kind, e.id)) for kind, e in wanted} - set(names)) == []
    # The bookmark holds the title alone, also in a heading (« 3.1 Axe 1 — » stays outside it).
    axis = project.axes[0]
    inside = re.search(rf'w:name="{anchor_name("objective", axis.id)}" />(.*?)<w:bookmarkEnd', document, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", inside).strip() == axis.title.replace("'", "’")
