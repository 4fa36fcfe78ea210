"""`pst check` on the foundation's refusals: each is one positioned line, exit ≥ 1, no traceback."""

from __future__ import annotations

import json
import re

import pytest
from conftest import EXAMPLES, FIXTURES, run_pst, write_tree

REFUSALS = [
    # fixture, file, line, col, rule, words the user must read
    ("duplicate_key", "stakeholders.yaml", 5, 5, "yaml/duplicate-key", "« name » en double"),
    ("alias_bomb", "stakeholders.yaml", 1, 4, "yaml/alias", "alias"),
    ("conflict_markers", "stakeholders.yaml", 3, 1, "file/conflict-marker", "conflit"),
    ("latin1_file", "stakeholders.yaml", 5, 22, "file/encoding", "ligne 5"),
    ("utf16_file", "stakeholders.yaml", 1, 1, "file/utf16", "UTF-16"),
    ("tab_indent", "stakeholders.yaml", 2, 1, "file/tab-indent", "tabulation"),
    ("unknown_stakeholder", "stakeholders.yaml", 9, 13, "references/unknown-id", "« mairei »"),
    ("duplicate_id_across_files", "plan/axes/2-agir.yaml", 4, 9, "references/duplicate-id", "1-vivre.yaml:4"),
    ("invalid_date", "workshops/2024-02-30-forum.yaml", 4, 7, "schema/invalid-date", "2024-02-30"),
]


@pytest.mark.parametrize(("fixture", "path", "line", "col", "rule", "words"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_refusal_is_one_positioned_line(fixture, path, line, col, rule, words):
    result = run_pst("check", FIXTURES / fixture, "--format", "json")
    assert result.code == 1, result.output
    assert "Traceback" not in result.output
    findings = json.loads(result.out)
    errors = [f for f in findings if f["severity"] == "error"]
    assert len(errors) == 1, errors
    found = errors[0]
    assert (found["path"].endswith(path), found["line"], found["col"], found["rule"]) == (True, line, col, rule)
    assert words in found["message"]
    assert found["hint"]


@pytest.mark.parametrize("fixture", [r[0] for r in REFUSALS])
def test_text_output_names_file_line_and_column(fixture):
    result = run_pst("check", FIXTURES / fixture)
    assert result.code == 1
    assert "Traceback" not in result.output
    assert re.search(r"\S+\.yaml:\d+:\d+: erreur ", result.out), result.out
    assert "→" in result.out  # the hint line


def test_meaux_example_checks_clean():
    result = run_pst("check", EXAMPLES / "meaux")
    assert result.code == 0, result.output
    assert "0 erreur" in result.out


def test_typo_in_a_key_is_located_and_corrected(meaux):
    text = (meaux / "pst.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    line_number = next(i for i, line in enumerate(lines, 1) if line.startswith("title:"))
    (meaux / "pst.yaml").write_text(text.replace("\ntitle:", "\ntitel:", 1) if line_number > 1 else text.replace("title:", "titel:", 1), encoding="utf-8")
    result = run_pst("check", meaux)
    assert result.code == 1
    assert f"pst.yaml:{line_number}:1: erreur clé inconnue « titel »" in result.out
    assert "vouliez-vous dire « title » ?" in result.out
    assert "Traceback" not in result.output


def test_typo_in_a_nested_key_suggests_the_right_one(meaux):
    axis = sorted((meaux / "plan" / "axes").glob("*.yaml"))[0]
    text = axis.read_text(encoding="utf-8")
    broken = text.replace("    operational_objectives:", "    operationnal_objectives:", 1)
    assert broken != text
    axis.write_text(broken, encoding="utf-8")
    line = next(i for i, row in enumerate(broken.splitlines(), 1) if "operationnal_objectives" in row)
    result = run_pst("check", meaux, "--format", "json")
    findings = json.loads(result.out)
    unknown = [f for f in findings if f["rule"] == "schema/unknown-key"]
    assert [(f["line"], f["col"]) for f in unknown] == [(line, 5)]
    assert "operational_objectives" in unknown[0]["hint"]


def test_json_output_has_every_field():
    result = run_pst("check", FIXTURES / "unknown_stakeholder", "--format", "json")
    findings = json.loads(result.out)
    assert findings and set(findings[0]) >= {"rule", "severity", "path", "line", "col", "message", "hint"}


def test_bom_and_crlf_are_accepted():
    result = run_pst("check", FIXTURES / "bom_and_crlf")
    assert result.code == 0, result.output


def test_file_over_5_mb_is_refused(tmp_path):
    filler = "stakeholders:\n" + "".join(f"  - id: g{i}\n    name: Groupe {i}\n    category: habitant\n" for i in range(120_000))
    project = write_tree(tmp_path / "big", {"pst.yaml": (FIXTURES / "valid_small" / "pst.yaml").read_text(), "stakeholders.yaml": filler})
    result = run_pst("check", project)
    assert result.code == 1
    assert "stakeholders.yaml:1:1: erreur fichier trop volumineux" in result.out


def test_no_project_exits_2_and_suggests_init():
    result = run_pst("check", FIXTURES / "no_project")
    assert result.code == 2
    assert "pst.yaml" in result.err and "pst init" in result.err
    assert "Traceback" not in result.output


def test_english_project_gets_english_messages(tmp_path):
    pst_yaml = (FIXTURES / "valid_small" / "pst.yaml").read_text() + "language: en\n"
    project = write_tree(
        tmp_path / "en",
        {"pst.yaml": pst_yaml, "stakeholders.yaml": "stakeholders:\n  - id: a\n    nme: A\n    category: elu\n"},
    )
    result = run_pst("check", project)
    assert "stakeholders.yaml:3:5: error unknown key 'nme'" in result.out
    assert "did you mean 'name'?" in result.out


def test_yes_and_no_stay_text(tmp_path):
    """A commune named `Oui` or a group called `no` never turns into a boolean."""
    pst_yaml = (FIXTURES / "valid_small" / "pst.yaml").read_text().replace("name: Ville-Test", "name: Oui")
    project = write_tree(
        tmp_path / "oui",
        {"pst.yaml": pst_yaml, "stakeholders.yaml": "stakeholders:\n  - id: no\n    name: yes\n    category: habitant\n"},
    )
    result = run_pst("check", project)
    assert result.code == 0, result.output


def test_a_mistyped_rule_in_select_is_refused_not_green():
    """A typo in --select must not turn a CI check green by selecting nothing."""
    result = run_pst("check", FIXTURES / "unknown_stakeholder", "--select", "referencs")
    assert result.code == 2
    assert "« referencs »" in result.err and "« references »" in result.err
    assert run_pst("check", FIXTURES / "unknown_stakeholder", "--select", "references").code == 1
