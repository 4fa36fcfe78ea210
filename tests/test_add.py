"""`pst add`: new entities in the house pattern, comments kept, nothing written when wrong."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import EXAMPLES, copy_project, run_pst
from test_fmt import comments

AXIS_1 = "plan/axes/1-lieu-ressource.yaml"


def test_indicator_keeps_every_comment_and_checks_clean(meaux: Path) -> None:
    before = (meaux / AXIS_1).read_text(encoding="utf-8")

    run = run_pst(
        "add", "indicator", meaux, "--parent", "A1.OG2.OO1", "--label", "Nombre de familles accueillies",
        "--unit", "familles", "--baseline", "10", "--baseline-date", "2024-12-31", "--target", "40",
        "--frequency", "annuelle", "--owner", "direction-cs",
    )

    assert run.code == 0, run.output
    assert "I-A1.OG2-5 ajouté" in run.out
    after = (meaux / AXIS_1).read_text(encoding="utf-8")
    assert comments(after) == comments(before)
    assert "          - id: I-A1.OG2-5\n            label: Nombre de familles accueillies\n" in after
    assert "            target:\n              value: 40\n              date: 2028-12-31\n" in after
    assert run_pst("check", meaux).code == 0


def test_edited_file_stays_formatted(meaux: Path) -> None:
    run_pst("fmt", meaux)
    run_pst("add", "objective", meaux, "--parent", "A1.OG2", "--title", "Accueillir les nouveaux habitants")

    assert run_pst("fmt", "--check", meaux).code == 0
    assert "      - id: A1.OG2.OO4\n        title: Accueillir les nouveaux habitants\n" in (meaux / AXIS_1).read_text(encoding="utf-8")


def test_new_files_follow_the_house_pattern(meaux: Path) -> None:
    assert run_pst("add", "axis", meaux, "--title", "Agir pour l'emploi des jeunes").code == 0
    assert run_pst("add", "workshop", meaux, "--title", "Forum bilan", "--date", "2026-06-02", "--phase", "evaluation").code == 0
    run = run_pst("add", "action", meaux, "--title", "Atelier cuisine", "--objective", "A1.OG2.OO1", "--referent", "direction-cs")
    assert run.code == 0, run.output

    axis = (meaux / "plan/axes/4-agir-pour-l-emploi-des-jeunes.yaml").read_text(encoding="utf-8")
    assert axis.startswith("# yaml-language-server: $schema=../../.pst/schemas/axis.schema.json\n")
    assert "id: A4\n" in axis
    assert "id: 2026-06-02-forum-bilan\n" in (meaux / "workshops/2026-06-02-forum-bilan.yaml").read_text(encoding="utf-8")
    assert "id: FA-05\n" in (meaux / "plan/actions/05-atelier-cuisine.yaml").read_text(encoding="utf-8")
    assert run_pst("check", meaux).code == 0


def test_missing_value_without_terminal_never_waits(meaux: Path) -> None:
    run = run_pst("add", "indicator", meaux, "--label", "Sans parent")

    assert run.code == 2
    assert "valeur obligatoire manquante : --parent" in run.err


def test_addition_that_breaks_a_reference_writes_nothing(meaux: Path) -> None:
    before = sorted(path.name for path in (meaux / "plan/actions").iterdir())

    run = run_pst("add", "action", meaux, "--title", "Action orpheline", "--referent", "personne-inconnue")

    assert run.code == 1
    assert "personne-inconnue" in run.err and "rien n'a été écrit" in run.err
    assert sorted(path.name for path in (meaux / "plan/actions").iterdir()) == before


def test_measurement_goes_to_the_measurements_file(meaux: Path) -> None:
    run = run_pst("add", "measurement", meaux, "--indicator", "I-A1.OG2-1", "--date", "2026-12-31", "--value", "9")

    assert run.code == 0, run.output
    text = (meaux / "evaluation/measurements.yaml").read_text(encoding="utf-8")
    assert "  - indicator: I-A1.OG2-1\n    date: 2026-12-31\n    value: 9\n" in text
    again = run_pst("add", "measurement", meaux, "--indicator", "I-A1.OG2-1", "--date", "2026-12-31", "--value", "9")
    assert again.code == 2 and "existe déjà" in again.err


def test_add_to_a_file_of_comments_only_keeps_them(tmp_path) -> None:
    project = copy_project(EXAMPLES / "meaux", tmp_path / "meaux")
    challenges = project / "plan" / "challenges.yaml"
    challenges.write_text("# yaml-language-server: $schema=../.pst/schemas/challenges.schema.json\n# Enjeux à venir, après le forum.\n", encoding="utf-8")
    for axis in (project / "plan" / "axes").glob("*.yaml"):
        axis.write_text(re.sub(r"\n *challenges: \[[^\]]*\]", "", axis.read_text(encoding="utf-8")), encoding="utf-8")
    result = run_pst("add", "challenge", project, "--label", "Rompre l'isolement")
    assert result.code == 0, result.output
    text = challenges.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../.pst/schemas/challenges.schema.json\n# Enjeux à venir, après le forum.\n")
    assert "label: Rompre l'isolement" in text


def test_add_refuses_an_id_already_taken(tmp_path) -> None:
    project = copy_project(EXAMPLES / "meaux", tmp_path / "meaux")
    before = (project / "stakeholders.yaml").read_bytes()
    result = run_pst("add", "stakeholder", project, "--id", "maire", "--name", "Un autre maire", "--category", "elu")
    assert result.code == 2 and "« maire » est déjà pris" in result.err
    assert (project / "stakeholders.yaml").read_bytes() == before
