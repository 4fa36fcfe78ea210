"""The coherence rules of `pst check`: each one fires where its fixture says, and only there.

Every rule `family/name` has a fixture project `tests/fixtures/rule_<family>_<name>/`
whose files mark the expected finding with a comment `# expect: family/name` (or
`<!-- expect: … -->` in Markdown) at the end of the line the finding must point to.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import EXAMPLES, FIXTURES, REPO, copy_project, run_pst

from pst_cli.rules import RULES, RULES_BY_ID
from pst_cli.rules.docs import REGENERATE, rules_markdown

LOADER_FAMILIES = {"file", "yaml", "schema", "files", "references"}
COHERENCE_RULES = [rule for rule in RULES if rule.check is not None and rule.id.split("/")[0] not in LOADER_FAMILIES]
EXPECT = re.compile(r"(?:#|<!--)\s*expect:\s*([\w/-]+)")


def fixture_of(rule_id: str) -> Path:
    family, name = rule_id.split("/", 1)
    return FIXTURES / f"rule_{family}_{name}"


def expected_positions(root: Path, rule_id: str) -> set[tuple[str, int]]:
    """(file, line) of every `expect:` marker for `rule_id` in a fixture project."""
    found = set()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                match = EXPECT.search(line)
                if match and match.group(1) == rule_id:
                    found.add((path.relative_to(root).as_posix(), number))
    return found


def check_json(*args: str | Path, cwd: Path | None = None) -> list[dict]:
    run = run_pst("check", "--format", "json", *args, cwd=cwd)
    assert run.code in (0, 1), run.output
    return json.loads(run.out)


def test_pst_rules_lists_at_least_25_coherence_rules():
    run = run_pst("rules")
    assert run.code == 0, run.output
    listed = [line.split()[0] for line in run.out.splitlines() if line.strip()]
    coherence = [rule_id for rule_id in listed if rule_id.split("/")[0] not in LOADER_FAMILIES]
    assert len(coherence) >= 25
    assert "plan/objective-without-indicator" in listed
    assert "references/unknown-id" in listed


def test_pst_rules_id_prints_the_documentation_in_the_language_asked():
    french = run_pst("rules", "indicators/direction-mismatch")
    assert french.code == 0, french.output
    assert french.out.startswith("indicators/direction-mismatch (erreur)")
    assert "cible" in french.out and "target" not in french.out
    english = run_pst("--lang", "en", "rules", "indicators/direction-mismatch")
    assert english.out.startswith("indicators/direction-mismatch (error)")
    assert "target" in english.out and "cible" not in english.out


def test_pst_rules_unknown_id_suggests_the_closest():
    run = run_pst("rules", "plan/too-many")
    assert run.code == 2
    assert "plan/too-many-challenges" in run.err
    assert "Traceback" not in run.output


@pytest.mark.parametrize("rule", COHERENCE_RULES, ids=lambda rule: rule.id)
def test_rule_documentation_has_a_summary_and_a_text_in_both_languages(rule):
    from pst_cli import i18n

    for language in i18n.LANGUAGES:
        i18n.activate(language)
        assert rule.summary.endswith((".", ")")) and "\n" not in rule.summary, (language, rule.id)
        assert len(rule.doc) > len(rule.summary) / 2, (language, rule.id)
    i18n.activate("fr")
    assert rule.severity in ("error", "warning", "info")


def test_every_rule_the_code_can_report_is_registered():
    """Each id a finding can carry, written in the code or built by the loader, is in the registry (so `pst rules` documents it)."""
    from pst_cli.project import load
    from pst_cli.rules import RULES_BY_ID

    written = set()
    for path in (REPO / "pst_cli").rglob("*.py"):
        written |= set(re.findall(r'"((?:file|yaml|schema|files|config|render|fmt|grid)/[a-z0-9-]+)"', path.read_text(encoding="utf-8")))
    built = {f"schema/{name}" for name in load._RULES.values()}
    built |= {"schema/invalid-value", "schema/unknown-key", "schema/missing-field", "schema/invalid-choice"}
    built |= {f"file/{code}" for code in ("too-large", "unreadable", "encoding", "utf16", "conflict-marker", "tab-indent")}
    assert sorted((written | built) - set(RULES_BY_ID)) == []


@pytest.mark.parametrize("rule", COHERENCE_RULES, ids=lambda rule: rule.id)
def test_rule_fires_on_its_fixture_at_the_marked_line(rule):
    root = fixture_of(rule.id)
    assert root.is_dir(), f"missing fixture {root.relative_to(REPO)}"
    expected = expected_positions(root, rule.id)
    assert expected, f"no `# expect: {rule.id}` marker in {root.relative_to(REPO)}"
    findings = check_json(".", "--select", rule.id, cwd=root)
    problems = [f for f in findings if f["rule"].split("/")[0] in LOADER_FAMILIES]
    assert not problems, f"the fixture itself is broken: {problems}"
    got = {(f["path"], f["line"]) for f in findings if f["rule"] == rule.id}
    assert got == expected
    assert {f["severity"] for f in findings if f["rule"] == rule.id} == {rule.severity}
    assert all(f["message"] and f["hint"] for f in findings)


def test_select_keeps_only_the_rule_asked_for():
    root = fixture_of("plan/axis-without-finding")
    everything = {f["rule"] for f in check_json(root)}
    assert len(everything) > 1
    assert {f["rule"] for f in check_json(root, "--select", "plan/axis-without-finding")} == {"plan/axis-without-finding"}
    assert {f["rule"] for f in check_json(root, "--select", "plan")} <= {r.id for r in RULES if r.id.startswith("plan/")}


def test_ignore_option_removes_the_rule():
    root = fixture_of("plan/axis-without-finding")
    rules = {f["rule"] for f in check_json(root, "--ignore", "plan/axis-without-finding")}
    assert "plan/axis-without-finding" not in rules
    assert "governance/no-steering-body" in rules


@pytest.mark.parametrize("name", ["meaux", "questembert"])
def test_examples_have_nothing_at_error_level(name):
    root = EXAMPLES / name
    run = run_pst("check", "--format", "json", root)
    errors = [f for f in json.loads(run.out) if f["severity"] == "error"]
    assert errors == [] and run.code == 0, errors


def _set_checks(project: Path, block: str) -> None:
    config = project / "pst.yaml"
    text = config.read_text(encoding="utf-8")
    assert "checks:" not in text
    config.write_text(text + block, encoding="utf-8")


def test_rule_ignored_in_pst_yaml_no_longer_appears(tmp_path):
    project = copy_project(fixture_of("actions/without-referent"), tmp_path / "p")
    assert "actions/without-referent" in {f["rule"] for f in check_json(project)}
    _set_checks(project, "checks:\n  ignore: [actions/without-referent, governance]\n")
    rules = {f["rule"] for f in check_json(project)}
    assert "actions/without-referent" not in rules
    assert not any(rule.startswith("governance/") for rule in rules)


def test_severity_set_in_pst_yaml_replaces_the_default(tmp_path):
    project = copy_project(fixture_of("actions/without-referent"), tmp_path / "p")
    _set_checks(project, "checks:\n  severity:\n    actions/without-referent: error\n    indicators/action-without-output-indicator: 'off'\n")
    findings = check_json(project)
    assert {f["severity"] for f in findings if f["rule"] == "actions/without-referent"} == {"error"}
    assert not any(f["rule"] == "indicators/action-without-output-indicator" for f in findings)
    assert run_pst("check", project).code == 1


def test_strict_turns_warnings_into_failure():
    root = fixture_of("plan/challenge-without-finding")
    findings = check_json(root)
    assert findings and {f["severity"] for f in findings} == {"warning"}
    assert run_pst("check", root).code == 0
    assert run_pst("check", "--strict", root).code == 1


def test_error_level_rule_fails_the_check():
    run = run_pst("check", fixture_of("indicators/direction-mismatch"))
    assert run.code == 1
    assert "indicators/direction-mismatch" in run.out


def test_messages_follow_the_project_language(tmp_path):
    french = check_json(fixture_of("actions/without-referent"), "--select", "actions/without-referent")
    project = copy_project(fixture_of("actions/without-referent"), tmp_path / "en")
    config = project / "pst.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: fr", "language: en"), encoding="utf-8")
    english = check_json(project, "--select", "actions/without-referent")
    assert french[0]["message"] == "l'action « FA-01 » n'a pas de référent"
    assert english[0]["message"] == "action 'FA-01' has no référent"
    assert english[0]["hint"].startswith("Add ")


def test_old_data_threshold_comes_from_pst_yaml(tmp_path):
    project = copy_project(fixture_of("diagnostic/old-data"), tmp_path / "p")
    assert len(check_json(project, "--select", "diagnostic/old-data")) == 1
    config = project / "pst.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("max_data_age: 3", "max_data_age: 12"), encoding="utf-8")
    assert check_json(project, "--select", "diagnostic/old-data") == []


def test_contact_messages_never_repeat_the_personal_data():
    findings = check_json(fixture_of("personal/contact-in-free-text"), "--select", "personal")
    assert findings
    assert not any("example.org" in f["message"] or "45 67" in f["message"] for f in findings)


def test_docs_rules_md_is_up_to_date():
    from pst_cli import i18n

    i18n.activate("fr")
    committed = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(), f"docs/rules.md is stale: run `{REGENERATE}`"


def test_docs_rules_md_documents_every_rule():
    text = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert all(f"### `{rule_id}`" in text for rule_id in RULES_BY_ID)


def test_every_rule_fixture_belongs_to_a_rule():
    orphans = [path.name for path in FIXTURES.glob("rule_*") if path.name[5:].replace("_", "/", 1) not in RULES_BY_ID]
    assert orphans == []
