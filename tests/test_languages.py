"""One language per command: an English project hears English everywhere, a French one French — Click's words included."""

from __future__ import annotations

import json
import re

import pytest
from conftest import EXAMPLES, copy_project, run_pst

# Words only French messages use: an English message holding one of them was not translated.
FRENCH = re.compile(r"«|»|\b(?:le|la|les|des|du|une|est|sont|aucun|aucune|fichier|vérifiés|erreurs?|avertissements?|inconnue?|ligne|dossier|Vouliez|Utilisation|Ajoutez|Indiquez)\b", re.IGNORECASE)
QUOTED = re.compile(r"'[^']*'|`[^`]*`|\"[^\"]*\"")


def english_words(text: str) -> str:
    """The text pst wrote itself: what a user typed (quoted, or paths) removed."""
    text = QUOTED.sub("", text)
    return " ".join(word for word in text.split() if "/" not in word)


@pytest.fixture
def english(tmp_path):
    project = copy_project(EXAMPLES / "meaux", tmp_path / "meaux-en")
    config = project / "pst.yaml"
    text = config.read_text(encoding="utf-8")
    assert "\nlanguage: fr\n" in text
    config.write_text(text.replace("\nlanguage: fr\n", "\nlanguage: en\n"), encoding="utf-8")
    return project


def break_everything(project):
    """One of each kind of mistake: a key typo, a dangling id, a wrong type, an unknown file, a tab, a bad date."""
    axis = project / "plan" / "axes" / "1-lieu-ressource.yaml"
    axis.write_text(axis.read_text(encoding="utf-8").replace("            unit: animations", "            units: animations", 1), encoding="utf-8")
    stakeholders = project / "stakeholders.yaml"
    stakeholders.write_text(stakeholders.read_text(encoding="utf-8").replace("      - to: ville-meaux", "      - to: ville-meau", 1), encoding="utf-8")
    (project / "notes.yaml").write_text("a: 1\n", encoding="utf-8")
    (project / "workshops" / "2030-01-01-broken.yaml").write_text("id: x\ntitle: t\nphase: forum\ndate: 2030-02-30\n", encoding="utf-8")


def test_an_english_project_gets_english_findings_and_summary(english):
    break_everything(english)
    findings = json.loads(run_pst("check", english, "--format", "json").out)
    assert len(findings) >= 3
    for finding in findings:
        for text in (finding["message"], finding["hint"]):
            assert not FRENCH.search(english_words(text)), (finding["rule"], text)
    text = run_pst("check", english).out
    assert "checked" in text and "vérifiés" not in text


def test_an_english_project_gets_english_from_every_command(english, tmp_path):
    runs = [
        run_pst("status", english, "--at", "2026-06-30"),
        run_pst("votes", english),
        run_pst("votes", english, "--workshop", "no-such-workshop"),
        run_pst("minutes", "no-such-workshop", english),
        run_pst("render", english, "--to", "pptx"),
        run_pst("export", english, "-o", tmp_path / "sheet.csv", "--to", "csv"),
        run_pst("export", english, "-o", tmp_path / "sheet.csv", "--to", "csv"),  # exists already
        run_pst("add", "indicator", english, "--parent", "A9", "--label", "x"),
        run_pst("add", "challenge", english),
        run_pst("fmt", english, "--check"),
        run_pst("diff", "HEAD", english),
        run_pst("import", "measurements", tmp_path / "missing.xlsx", english),
        run_pst("check", english, "--select", "plan/nothing"),
        run_pst("check", english, "--bogus"),
        run_pst("check", english, "--format", "xml"),
        run_pst("check", english, "extra"),
        run_pst("status", english, "--at", "soon"),
    ]
    assert runs[0].code == 0 and "Indicators" in runs[0].out, runs[0].output
    for run in runs:
        assert "Traceback" not in run.output
        for line in run.err.splitlines():
            assert not FRENCH.search(english_words(line)), line
    assert "Usage:" in runs[13].err and "no such option" in runs[13].err


def test_lang_option_and_environment_choose_the_language_without_a_project():
    assert "erreur" in run_pst("rules").out
    assert " error " in run_pst("--lang", "en", "rules").out
    assert " error " in run_pst("rules", env={"PST_LANG": "en"}).out


def test_the_project_language_wins_over_the_option(english):
    run = run_pst("--lang", "fr", "check", english)
    assert "checked" in run.out


def test_a_french_project_gets_french_usage_errors_and_help():
    unknown = run_pst("check", EXAMPLES / "meaux", "--bogus")
    assert unknown.code == 2
    assert "option inconnue : --bogus" in unknown.err and "Utilisation :" in unknown.err
    assert "No such option" not in unknown.err and "Error:" not in unknown.err
    help_text = run_pst("check", "--help").out
    assert "Affiche cette aide et s'arrête." in help_text and "Show this message" not in help_text
    assert "Utilisation :" in help_text and "Options :" in help_text


def test_version_and_completion():
    from pst_cli import __version__

    assert run_pst("--version").out.strip() == f"pst {__version__}"
    script = run_pst("completion", "bash")
    assert script.code == 0 and "_PST_COMPLETE" in script.out
    asked = run_pst(env={"_PST_COMPLETE": "complete_bash", "COMP_WORDS": "pst check --fo", "COMP_CWORD": "2"})
    assert asked.out.split() == ["--format"]
    commands = run_pst(env={"_PST_COMPLETE": "complete_bash", "COMP_WORDS": "pst re", "COMP_CWORD": "1"})
    assert commands.out.split() == ["render", "review"]
