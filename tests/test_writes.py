"""How pst writes: a failure to write is one message (never a traceback), permissions are kept."""

from __future__ import annotations

import os
import stat

from conftest import EXAMPLES, FIXTURES, copy_project, run_pst


def test_export_where_a_file_blocks_the_folder_is_a_plain_error(tmp_path):
    blocker = tmp_path / "tableaux"
    blocker.write_text("un fichier, pas un dossier", encoding="utf-8")
    result = run_pst("export", EXAMPLES / "meaux", "--to", "xlsx", "-o", blocker / "suivi.xlsx")
    assert result.code == 2
    assert "Traceback" not in result.output
    assert "pst :" in result.err and "tableaux" in result.err


def test_render_into_a_file_is_a_plain_error(tmp_path):
    blocker = tmp_path / "livrables"
    blocker.write_text("un fichier, pas un dossier", encoding="utf-8")
    result = run_pst("render", EXAMPLES / "meaux", "--to", "md", "-o", blocker / "sous-dossier", "--quiet")
    assert result.code == 2
    assert "Traceback" not in result.output
    assert blocker.read_text(encoding="utf-8") == "un fichier, pas un dossier"


def test_schema_into_a_file_is_a_plain_error(tmp_path):
    blocker = tmp_path / "schemas"
    blocker.write_text("x", encoding="utf-8")
    result = run_pst("schema", "--out", blocker)
    assert result.code == 2
    assert "Traceback" not in result.output and "impossible de créer le dossier" in result.err


def test_rewritten_files_keep_their_permissions(tmp_path):
    """A file shared with colleagues (group-writable) stays so after `pst fmt` and `pst add`."""
    project = copy_project(FIXTURES / "fmt_messy", tmp_path / "projet")
    challenges = project / "plan" / "challenges.yaml"
    os.chmod(challenges, 0o664)
    assert run_pst("fmt", project).code == 0
    assert stat.S_IMODE(challenges.stat().st_mode) == 0o664
    result = run_pst("add", "challenge", project, "--label", "Un enjeu de plus")
    assert result.code == 0, result.output
    assert stat.S_IMODE(challenges.stat().st_mode) == 0o664


def test_a_symlinked_project_file_is_updated_through_its_link(tmp_path):
    """A link to another file of the project is followed; one leaving the project is refused (`test_hostile_files`)."""
    project = copy_project(FIXTURES / "fmt_messy", tmp_path / "projet")
    shared = project / "partage" / "enjeux-partages.yaml"
    shared.parent.mkdir()
    link = project / "plan" / "challenges.yaml"
    link.rename(shared)
    link.symlink_to(shared)
    result = run_pst("add", "challenge", project, "--label", "Un enjeu partagé")
    assert result.code == 0, result.output
    assert link.is_symlink()
    assert "Un enjeu partagé" in shared.read_text(encoding="utf-8")
