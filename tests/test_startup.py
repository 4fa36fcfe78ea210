"""`pst --help` and `pst --version` served without Typer (`pst_cli/startup.py`): the very screens Typer prints."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import process_environment, run_pst, run_pst_process

from pst_cli import i18n, startup


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_the_stored_help_is_typers_in_each_language(language, tmp_path):
    """The screen `pst --help` prints without Typer is, byte for byte, the one Typer prints (else: python tools/help_text.py)."""
    typer = run_pst("--lang", language, "--help", cwd=tmp_path, env={"COLUMNS": "80"})
    assert typer.code == 0
    assert startup.answer(["--lang", language, "--help"]) == typer.raw_out, "stale: run python tools/help_text.py"
    assert startup.answer([f"--lang={language}", "--help"]) == typer.raw_out


def test_a_process_prints_typers_screens_without_importing_typer(tmp_path):
    """`pst --help` and `pst --version` in a process: Typer's words, in the language Typer would choose, Typer never imported."""
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "pst.yaml").write_text("title: An English project\nlanguage: en\n", encoding="utf-8")
    cases = [
        (("--help",), tmp_path, {}),
        (("--help",), tmp_path, {"PST_LANG": "en"}),
        (("--help",), tmp_path / "en", {}),
        (("--lang", "en", "--help"), tmp_path, {}),
        (("--version",), tmp_path, {}),
    ]
    for args, folder, env in cases:
        process = run_pst_process(*args, cwd=folder, env=env)
        assert (process.code, process.raw_out) == (0, run_pst(*args, cwd=folder, env=env).raw_out), (args, env)
    english = run_pst_process("--help", cwd=tmp_path / "en")
    assert english.out.startswith("Usage: pst")
    traced = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "pst_cli", "--help"], cwd=tmp_path, env=process_environment(), capture_output=True, text=True
    )
    assert traced.stdout == run_pst("--help", cwd=tmp_path).raw_out
    assert "pst_cli.startup" in traced.stderr and "typer" not in traced.stderr and "click" not in traced.stderr


def test_anything_else_goes_to_typer(tmp_path):
    """A narrow terminal, another option, a language pst does not speak, completion: Typer answers, as before."""
    assert startup.answer(["check", "--help"]) is None
    assert startup.answer(["--lang", "de", "--help"]) is None
    assert startup.answer([]) is None
    narrow = run_pst_process("--help", cwd=tmp_path, env={"COLUMNS": "60"})
    assert narrow.raw_out == run_pst("--help", cwd=tmp_path, env={"COLUMNS": "60"}).raw_out
    assert max(map(len, narrow.raw_out.splitlines())) <= 58
    completion = run_pst_process(env={"_PST_COMPLETE": "complete_bash", "COMP_WORDS": "pst re", "COMP_CWORD": "1"})
    assert completion.out.split() == ["render", "review"]


def test_startup_speaks_the_catalogues_languages():
    assert (startup.LANGUAGES, startup.DEFAULT) == (i18n.LANGUAGES, i18n.DEFAULT)
