"""Report formats of `pst check` that CI systems read: GitHub annotations, SARIF, GitLab Code Quality."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from conftest import DATA, FIXTURES, copy_project, run_pst

from pst_cli.report.github import escape_data, escape_property
from pst_cli.rules import RULES

FIXTURE = FIXTURES / "rule_plan_axis-without-finding"
ANNOTATION = re.compile(r"^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+(?:,title=[^,:]+)?::.+$")


def sarif_schema() -> dict:
    """The SARIF 2.1.0 schema, applied to the log object (our copy keeps its rules in `definitions/Root`, see tests/data)."""
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return {**schema, "$ref": "#/definitions/Root"}


def test_sarif_report_validates_against_the_official_schema():
    run = run_pst("check", "--format", "sarif", FIXTURE)
    assert run.code == 0, run.output
    log = json.loads(run.out)
    schema = sarif_schema()
    jsonschema.validate(log, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"version": log["version"]}, schema)  # the schema is really at work
    driver = log["runs"][0]["tool"]["driver"]
    assert [rule["id"] for rule in driver["rules"]] == [rule.id for rule in RULES]
    results = log["runs"][0]["results"]
    assert results
    by_rule = {result["ruleId"]: result for result in results}
    axis = by_rule["plan/axis-without-finding"]
    assert axis["level"] == "warning"
    location = axis["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith("rule_plan_axis-without-finding/plan/axes/1-a.yaml")
    assert location["region"]["startLine"] == 1
    assert driver["rules"][axis["ruleIndex"]]["id"] == "plan/axis-without-finding"
    assert {result["level"] for result in results} <= {"error", "warning", "note"}


def test_sarif_paths_are_relative_when_the_folder_is(tmp_path):
    copy_project(FIXTURE, tmp_path / "mon projet")
    log = json.loads(run_pst("check", "--format", "sarif", "mon projet", cwd=tmp_path).out)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert "mon%20projet/plan/axes/1-a.yaml" in uris


def test_github_annotations_are_workflow_commands():
    run = run_pst("check", "--format", "github", FIXTURE, env={})
    lines = [line for line in run.out.splitlines() if line]
    assert lines
    for line in lines:
        assert ANNOTATION.match(line), line
    assert any(line.startswith("::warning ") and "title=plan/axis-without-finding::" in line for line in lines)
    assert any(line.startswith("::notice ") for line in lines)  # info findings


def test_github_format_is_chosen_under_github_actions():
    run = run_pst("check", FIXTURE, env={"GITHUB_ACTIONS": "true"})
    assert run.out.startswith("::")


def test_github_escapes_user_text():
    assert escape_data("50% ok\r\nnext") == "50%25 ok%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_github_annotation_of_a_file_with_a_comma_in_its_name(tmp_path):
    project = copy_project(FIXTURE, tmp_path / "p")
    (project / "plan/axes/1-a.yaml").rename(project / "plan/axes/1-a,b.yaml")
    lines = run_pst("check", "--format", "github", ".", cwd=project).out.splitlines()
    assert any("file=plan/axes/1-a%2Cb.yaml," in line for line in lines)
    assert all(ANNOTATION.match(line) for line in lines if line)


def _gitlab(project: Path) -> list[dict]:
    run = run_pst("check", "--format", "gitlab", ".", cwd=project)
    assert run.code in (0, 1), run.output
    return json.loads(run.out)


def test_gitlab_report_has_the_code_quality_fields():
    issues = _gitlab(FIXTURE)
    assert issues
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(issue["location"]["lines"]["begin"], int)
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)


def test_gitlab_fingerprints_survive_lines_moving(tmp_path):
    project = copy_project(FIXTURE, tmp_path / "p")
    before = _gitlab(project)
    for relative in ("plan/axes/1-a.yaml", "plan/challenges.yaml", "pst.yaml"):
        path = project / relative
        path.write_text("\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    after = _gitlab(project)
    assert [issue["location"]["lines"]["begin"] for issue in after] != [issue["location"]["lines"]["begin"] for issue in before]
    assert sorted(issue["fingerprint"] for issue in after) == sorted(issue["fingerprint"] for issue in before)
