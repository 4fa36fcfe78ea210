"""A large project is read by several processes: the result is exactly that of one process."""

from __future__ import annotations

import os

import pytest
from conftest import run_pst, run_pst_process

from pst_cli import startup
from pst_cli.project import pool
from pst_cli.rules.runner import run_check

pytestmark = pytest.mark.skipif(pool._processes() < 2, reason="parsing in parallel needs fork and two cores")


def check(project, monkeypatch, parallel: bool):
    monkeypatch.setattr(pool, "PARALLEL_FILES", 1 if parallel else 10**9)
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


def _lose_every_chunk(pool_, number, notices):
    """A process that takes work and dies without sending anything back."""
    while pool._take(pool_.queue) is not None:
        pass
    os._exit(1)


def test_a_process_that_dies_loses_nothing(meaux, monkeypatch):
    """Chunks taken by a process that ended without a word are parsed by the main process: the same findings."""
    stakeholders = meaux / "stakeholders.yaml"
    stakeholders.write_text(stakeholders.read_text(encoding="utf-8").replace("category: elu", "category: elus", 1), encoding="utf-8")
    one, project = check(meaux, monkeypatch, parallel=False)
    monkeypatch.setattr(pool, "_work", _lose_every_chunk)
    several, _ = check(meaux, monkeypatch, parallel=True)
    assert several == one and any(finding["path"] == "stakeholders.yaml" for finding in one)


def test_work_started_early_is_taken_up_by_the_check_of_that_folder_only(meaux, tmp_path, monkeypatch):
    one, _ = check(meaux, monkeypatch, parallel=False)
    monkeypatch.setattr(pool, "PARALLEL_FILES", 1)
    other = tmp_path / "other"
    other.mkdir()
    (other / "pst.yaml").write_text("title: Autre\n", encoding="utf-8")
    pool.start_early(str(other))
    early = pool._early
    assert early is not None and early.children
    try:
        assert [finding.as_dict() for finding in run_check(meaux).findings] == one
        assert pool._early is early, "the early work on another folder is not used for this one"
    finally:
        pool.close_early()
    pool.start_early(str(meaux))
    early = pool._early
    children = list(early.children)
    assert [finding.as_dict() for finding in run_check(meaux).findings] == one
    assert pool._early is None and not early.children
    for pid in children:  # reaped: no process left behind
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


@pytest.mark.parametrize(
    ("argv", "folder"),
    [
        (["check"], "."),
        (["check", "projet"], "projet"),
        (["--lang", "en", "check", "--format", "json", "projet", "--strict"], "projet"),
        (["--lang=en", "check", "-f", "github", "--select", "schema/*", "projet"], "projet"),
        (["check", "--ignore", "projet"], "."),
        (["check", "--help"], None),
        (["check", "un", "deux"], None),
        (["render", "projet"], None),
        (["--help"], None),
    ],
)
def test_the_folder_of_pst_check_is_known_before_click(argv, folder):
    assert startup.check_folder(argv) == folder


def test_the_guess_knows_every_option_of_pst_check_that_takes_a_value():
    """`startup.check_folder` skips the value of each such option: a new one must be listed there too."""
    from pst_cli.cli import root_command

    root = root_command()
    check_command = root.get_command(root.context_class(root), "check")
    with_value = {name for param in check_command.params if param.param_type_name == "option" and not param.is_flag for name in param.opts}
    assert with_value == set(startup.CHECK_OPTIONS_WITH_VALUE)


def test_a_large_project_checked_by_a_process_reads_as_in_one_process(meaux, monkeypatch):
    """`pst check` of 400 files and more, as a process: parsing starts before the imports, and the findings
    (in the project's language, which is not known when parsing starts) are those of one process alone."""
    config = meaux / "pst.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: fr", "language: en"), encoding="utf-8")
    template = sorted((meaux / "workshops").glob("*.yaml"))[0]
    text = template.read_text(encoding="utf-8")
    first_id = text.split("\nid: ", 1)[1].split("\n", 1)[0]
    for number in range(pool.PARALLEL_FILES):
        copy = text.replace(f"id: {first_id}", f"id: copie-{number:03}")
        if number == 7:
            copy += "participants: [unclosed\n"
        if number == 300:
            copy = copy.replace("phase: diagnostic", "phase: diagnostik")
        (meaux / "workshops" / f"copie-{number:03}.yaml").write_text(copy, encoding="utf-8")
    monkeypatch.setattr(pool, "PARALLEL_FILES", 10**9)
    alone = run_pst("check", meaux)
    process = run_pst_process("check", meaux)
    assert (process.code, process.out) == (alone.code, alone.out)
    assert "workshops/copie-007.yaml:" in process.out and "workshops/copie-300.yaml:" in process.out
    assert "error" in process.out and "erreur" not in process.out
