"""Hostile projects, files: reads and writes never leave the project, concurrent writers lose nothing.

A pull request from outside the team can commit symbolic links: where pst writes its
outputs (`build/meaux.md → ../../victim.txt`), in place of a project file (another
client's `stakeholders.yaml`), or to a device (`/dev/zero`). Each is refused with a
message naming the file, and the file outside keeps its bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, copy_project, process_environment, run_pst


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A file of the user's, outside the project, that a planted link points to."""
    path = tmp_path / "victim.txt"
    path.write_text("Le fichier de quelqu'un d'autre.\n", encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(EXAMPLES / "meaux", tmp_path / "work" / "meaux")


# Outputs ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_render_refuses_an_output_that_is_a_link(project, victim, fmt):
    (project / "build").mkdir()
    os.symlink(victim, project / "build" / f"meaux.{fmt}")
    before = digest(victim)

    result = run_pst("render", project, "--to", fmt, "--quiet")

    assert result.code == 1, result.output
    assert "Traceback" not in result.output
    assert f"build/meaux.{fmt}" in result.err and "lien symbolique" in result.err
    assert digest(victim) == before


def test_render_refuses_a_figures_folder_that_is_a_link(project, tmp_path):
    outside = tmp_path / "ailleurs"
    outside.mkdir()
    (project / "build").mkdir()
    os.symlink(outside, project / "build" / "figures")

    result = run_pst("render", project, "--to", "md", "--quiet")

    assert result.code == 1, result.output
    assert "build/figures" in result.err
    assert list(outside.iterdir()) == []


def test_render_refuses_a_build_folder_that_is_a_link(project, tmp_path):
    outside = tmp_path / "ailleurs"
    outside.mkdir()
    os.symlink(outside, project / "build")

    result = run_pst("render", project, "--to", "md", "--quiet")

    assert result.code == 1, result.output
    assert list(outside.iterdir()) == []


def test_export_and_schema_refuse_a_link(project, victim):
    (project / "build").mkdir()
    os.symlink(victim, project / "build" / "suivi.csv")
    (project / ".pst" / "schemas").mkdir(parents=True, exist_ok=True)
    schema = project / ".pst" / "schemas" / "stakeholders.schema.json"
    schema.unlink(missing_ok=True)
    os.symlink(victim, schema)
    before = digest(victim)

    export = run_pst("export", project, "--to", "csv", "--force")
    schemas = run_pst("schema", "-o", project / ".pst" / "schemas")

    assert export.code == 1 and "build/suivi.csv" in export.err, export.output
    assert schemas.code == 1 and "stakeholders.schema.json" in schemas.err, schemas.output
    assert digest(victim) == before


# The user's own files --------------------------------------------------------------------


def link_stakeholders(project: Path, victim_dir: Path) -> Path:
    """`stakeholders.yaml` replaced by a link to another client's file, outside the project."""
    other = victim_dir / "autre-client" / "stakeholders.yaml"
    other.parent.mkdir(parents=True)
    other.write_bytes((project / "stakeholders.yaml").read_bytes())
    (project / "stakeholders.yaml").unlink()
    os.symlink(other, project / "stakeholders.yaml")
    return other


def test_check_refuses_a_project_file_linked_from_outside(project, tmp_path):
    link_stakeholders(project, tmp_path)

    result = run_pst("check", project, "--format", "json")

    assert result.code == 1, result.output
    [finding] = [f for f in json.loads(result.out) if f["path"].endswith("stakeholders.yaml")]
    assert (finding["rule"], finding["line"], finding["col"]) == ("file/outside-project", 1, 1)
    assert "hors du dossier du projet" in finding["message"]


@pytest.mark.parametrize(
    "args",
    [
        ("render", "--to", "md", "--quiet"),
        ("fmt",),
        ("add", "stakeholder", "--id", "nouvel-acteur", "--name", "Nouvel acteur", "--category", "benevole"),
        ("diff", "HEAD"),
    ],
    ids=["render", "fmt", "add", "diff"],
)
def test_commands_neither_read_nor_write_a_linked_file(project, tmp_path, args):
    other = link_stakeholders(project, tmp_path)
    other.write_text(other.read_text(encoding="utf-8").replace("stakeholders:", "stakeholders:   # à reformater", 1), encoding="utf-8")
    before = digest(other)
    if args[0] == "diff":
        subprocess.run(["git", "init", "-q", str(project)], check=True)
        subprocess.run(["git", "-C", str(project), "add", "-A"], check=True)
        subprocess.run(["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"], check=True)

    result = run_pst(*args[:1], *args[1:], project)

    assert result.code == 1, result.output
    assert "Traceback" not in result.output
    assert "stakeholders.yaml" in result.output
    assert digest(other) == before
    if args[0] == "render":
        assert not (project / "build" / "meaux.md").exists()


def test_a_link_inside_the_project_is_followed(project):
    """A user who keeps a file elsewhere in the project and links it is not refused."""
    shared = project / "partage" / "acteurs.yaml"
    shared.parent.mkdir()
    shared.write_bytes((project / "stakeholders.yaml").read_bytes())
    (project / "stakeholders.yaml").unlink()
    os.symlink(Path("partage") / "acteurs.yaml", project / "stakeholders.yaml")

    assert run_pst("check", project).code == 0
    result = run_pst("add", "stakeholder", project, "--id", "nouvel-acteur", "--name", "Nouvel acteur", "--category", "benevole")
    assert result.code == 0, result.output
    assert os.path.islink(project / "stakeholders.yaml")
    assert "nouvel-acteur" in shared.read_text(encoding="utf-8")


def test_a_fifo_named_like_a_project_file_is_refused_at_once(project):
    os.mkfifo(project / "workshops" / "2030-01-01-tuyau.yaml")

    result = run_pst("check", project, "--format", "json")

    assert result.code == 1
    [finding] = [f for f in json.loads(result.out) if f["path"].endswith("tuyau.yaml")]
    assert finding["rule"] == "file/not-regular"


def test_a_project_file_linked_to_dev_zero_is_refused(project):
    (project / "governance.yaml").unlink()
    os.symlink("/dev/zero", project / "governance.yaml")

    result = run_pst("check", project, "--format", "json")

    assert result.code == 1
    [finding] = [f for f in json.loads(result.out) if f["path"].endswith("governance.yaml")]
    assert finding["rule"] == "file/outside-project"


def test_a_section_linked_to_dev_zero_is_refused_by_check_and_render(project):
    (project / "sections" / "edito.md").unlink()
    os.symlink("/dev/zero", project / "sections" / "edito.md")

    check = run_pst("check", project)
    render = run_pst("render", project, "--to", "md", "--quiet")

    assert check.code == 1 and "sections/edito.md" in check.out
    assert render.code == 1 and "sections/edito.md" in render.out + render.err
    assert not (project / "build" / "meaux.md").exists()


def test_a_logo_linked_from_outside_is_refused(project, tmp_path):
    outside = tmp_path / "logo-ailleurs.png"
    outside.write_bytes((Path(__file__).resolve().parent.parent / "docs" / "img" / "meaux-page-1.png").read_bytes())
    (project / "images").mkdir()
    os.symlink(outside, project / "images" / "logo.png")
    pst_yaml = project / "pst.yaml"
    pst_yaml.write_text(pst_yaml.read_text(encoding="utf-8") + "logo: images/logo.png\n", encoding="utf-8")
    before = digest(outside)

    result = run_pst("render", project, "--to", "html", "--quiet")

    assert result.code == 1, result.output
    assert "pst.yaml:" in result.output and "sort du dossier du projet" in result.output
    assert not (project / "build" / "meaux.html").exists()
    assert digest(outside) == before


def test_a_chapter_named_by_a_path_out_of_the_project_is_refused_by_render(project):
    """`file: /dev/zero` under `sections:` (no `.md` in its name): refused, not silently left out."""
    pst_yaml = project / "pst.yaml"
    pst_yaml.write_text(pst_yaml.read_text(encoding="utf-8").replace("file: sections/edito.md", "file: /dev/zero", 1), encoding="utf-8")

    render = run_pst("render", project, "--to", "md", "--quiet")

    assert render.code == 1, render.output
    assert "pst.yaml:" in render.output and "/dev/zero" in render.output and "sort du dossier du projet" in render.output
    assert not (project / "build" / "meaux.md").exists()


def test_add_in_a_project_holding_a_link_to_its_parent(project):
    os.symlink("..", project / "parent")

    result = run_pst("add", "stakeholder", project, "--id", "nouvel-acteur", "--name", "Nouvel acteur", "--category", "benevole")

    assert result.code == 0, result.output
    assert "nouvel-acteur" in (project / "stakeholders.yaml").read_text(encoding="utf-8")


# Concurrent writers --------------------------------------------------------------------


def test_two_concurrent_additions_both_land(project):
    """Two `pst add` started together: the second waits for the first, then adds to what it wrote."""
    commands = [
        [sys.executable, "-m", "pst_cli.cli", "add", "stakeholder", "--id", f"acteur-{n}", "--name", f"Acteur {n}", "--category", "benevole", str(project)]
        for n in (1, 2)
    ]
    processes = [subprocess.Popen(command, env=process_environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for command in commands]
    results = [(process.wait(timeout=120), process.stdout.read(), process.stderr.read()) for process in processes]

    text = (project / "stakeholders.yaml").read_text(encoding="utf-8")
    for number, (code, out, err) in enumerate(results, start=1):
        if code == 0:
            assert f"acteur-{number}" in text, (out, err)
        else:
            assert code == 1 and "verrou" in err, (out, err)
    assert any(code == 0 for code, _, _ in results)
    assert run_pst("check", project).code == 0


def test_a_command_waiting_for_the_lock_gives_up_with_a_message(project, monkeypatch):
    """A writer that holds the lock too long: the other one stops with a message, writing nothing."""
    import fcntl

    from pst_cli import files

    monkeypatch.setattr(files, "LOCK_WAIT_SECONDS", 0.3)
    (project / ".pst").mkdir(exist_ok=True)
    before = digest(project / "stakeholders.yaml")
    with open(project / ".pst" / "lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        started = time.monotonic()
        result = run_pst("add", "stakeholder", project, "--id", "acteur-x", "--name", "Acteur X", "--category", "benevole")
        waited = time.monotonic() - started

    assert result.code == 1, result.output
    assert ".pst/lock" in result.err and "verrou" in result.err
    assert waited < 30
    assert digest(project / "stakeholders.yaml") == before
