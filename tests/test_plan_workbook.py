"""`pst export --what plan` and `pst import plan`: the whole plan in a workbook, edited by someone who never saw YAML, and back."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import run_pst, words
from openpyxl import load_workbook

AXIS_1 = "plan/axes/1-lieu-ressource.yaml"


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", "-c", "user.name=pst", "-c", "user.email=pst@example.org", *args],
                          cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def exported(meaux, tmp_path) -> Path:
    """Meaux in Git, and its plan exported as a workbook."""
    _git("init", "-q", cwd=meaux)
    (meaux / ".git/info/exclude").write_text(".pst/cache/\n.pst/lock\n", encoding="utf-8")  # as the .gitignore of `pst init` does
    _git("add", "-A", cwd=meaux)
    _git("commit", "-q", "-m", "projet", cwd=meaux)
    target = tmp_path / "plan.xlsx"
    run = run_pst("export", meaux, "--what", "plan", "-o", target)
    assert run.code == 0, run.output
    return target


def rows(sheet) -> list[tuple]:
    return [row for row in sheet.iter_rows(values_only=True)]


def test_one_sheet_per_kind_with_french_headers_ids_and_lists_to_choose_from(exported):
    book = load_workbook(exported)
    assert book.sheetnames == ["Mode d'emploi", "Axes et objectifs", "Indicateurs", "Actions", "Acteurs", "Enjeux"]
    assert "en laissant l'identifiant vide : pst lui en donnera un" in words(" ".join(str(row[0]) for row in rows(book["Mode d'emploi"])))
    axes = rows(book["Axes et objectifs"])
    assert axes[0] == ("Identifiant", "Niveau", "Rattaché à", "Intitulé", "Précisions")
    assert axes[1][:4] == ("A1", "Axe", None, "Identifier le centre social comme lieu ressource des politiques territoriales")
    assert axes[2][:4] == ("A1.OG1", "Objectif général", "A1", "Développer des actions hors les murs")
    indicators = rows(book["Indicateurs"])
    assert indicators[0][:9] == ("Identifiant", "Intitulé", "Porté par (objectif ou action)", "Type", "Unité", "Sens souhaité",
                                 "Valeur de départ", "Date de départ", "Cible")
    first = indicators[1]
    assert (first[0], first[2], first[3], first[5], first[6], first[8], first[10], first[11]) == (
        "I-A1.OG1-1", "A1.OG1.OO1", "Résultat", "hausse", 4, 20, "annuelle", "equipe-cs")
    validations = {str(v.sqref).split(":")[0]: v.formula1 for v in book["Indicateurs"].data_validations.dataValidation}
    assert validations["D2"] == '"Contexte,Moyens,Réalisation,Résultat,Impact"'
    assert validations["L2"].startswith("='Acteurs'!$A$2")
    assert any(v.formula1 == '"Prévue,En cours,Réalisée,Abandonnée"' for v in book["Actions"].data_validations.dataValidation)
    assert book["Acteurs"]["A1"].font.bold and book["Indicateurs"].freeze_panes == "B2"


def test_an_unchanged_workbook_imports_without_touching_a_byte(meaux, exported):
    run = run_pst("import", "plan", exported, meaux)
    assert run.code == 0, run.output
    assert "0 valeur(s) modifiée(s), 0 ajoutée(s), 0 supprimée(s)" in run.out and "aucun fichier modifié" in run.out
    assert _git("status", "--porcelain", cwd=meaux) == ""


def test_one_label_one_target_and_one_new_row_become_exactly_those_changes(meaux, exported, tmp_path):
    book = load_workbook(exported)
    for row in book["Axes et objectifs"].iter_rows(min_row=2):
        if row[0].value == "A1.OG2":
            row[3].value = "Proposer des activités et services qui répondent aux attentes des habitants"
    for row in book["Indicateurs"].iter_rows(min_row=2):
        if row[0].value == "I-A1.OG1-1":
            row[8].value = 25
    book["Indicateurs"].append([None, "Nombre de familles venues pour la première fois", "A1.OG1.OO1", "Résultat", "familles",
                                "hausse", 0, "2024-12-31", 40, "2028-12-31", "annuelle", "equipe-cs"])
    edited = tmp_path / "plan-modifie.xlsx"
    book.save(edited)
    before = (meaux / AXIS_1).read_text(encoding="utf-8")
    run = run_pst("import", "plan", edited, meaux)
    assert run.code == 0, run.output
    assert "Indicateurs!I2 : I-A1.OG1-1 target.value : « 20 » → « 25 »" in run.out
    assert "Indicateurs!A34 : nouvelle entité I-A1.OG1-4 « Nombre de familles venues pour la première fois »" in run.out
    assert run_pst("check", meaux).code == 0
    assert _git("status", "--porcelain", cwd=meaux) == f" M {AXIS_1}\n"
    diff = _git("diff", "--unified=0", cwd=meaux)
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == [
        "-              value: 20",
        "+              value: 25",
        "+          - id: I-A1.OG1-4",
        "+            label: Nombre de familles venues pour la première fois",
        "+            type: resultat",
        "+            unit: familles",
        "+            direction: increase",
        "+            baseline:",
        "+              value: 0",
        "+              date: 2024-12-31",
        "+            target:",
        "+              value: 40",
        "+              date: 2028-12-31",
        "+            frequency: annuelle",
        "+            owner: equipe-cs",
        "-    title: Proposer des actions et services répondant aux attentes des habitants",
        "+    title: Proposer des activités et services qui répondent aux attentes des habitants",
    ]
    after = (meaux / AXIS_1).read_text(encoding="utf-8")
    comments = [line.strip() for line in before.splitlines() if line.strip().startswith("#")]
    assert comments and all(comment in after for comment in comments)


def _without(exported: Path, sheet_name: str, ident: str, target: Path) -> Path:
    book = load_workbook(exported)
    sheet = book[sheet_name]
    sheet.delete_rows(next(row[0].row for row in sheet.iter_rows(min_row=2) if row[0].value == ident))
    book.save(target)
    return target


def test_a_removed_row_is_refused_unless_allowed(meaux, exported, tmp_path):
    edited = _without(exported, "Acteurs", "habitants-quartiers", tmp_path / "sans-ligne.xlsx")
    run = run_pst("import", "plan", edited, meaux)
    assert run.code == 1
    assert "1 ligne a disparu du classeur (habitants-quartiers) : rien n'a été importé" in run.err
    assert "relancez avec --allow-delete" in run.err
    assert _git("status", "--porcelain", cwd=meaux) == ""
    run = run_pst("import", "plan", edited, meaux, "--allow-delete")
    assert run.code == 0, run.output
    assert "supprimée : habitants-quartiers" in run.out
    assert "id: habitants-quartiers" not in (meaux / "stakeholders.yaml").read_text(encoding="utf-8")
    assert run_pst("check", meaux).code == 0


def test_a_removal_that_would_leave_a_dangling_reference_is_refused_whole(meaux, exported, tmp_path):
    edited = _without(exported, "Enjeux", "E5", tmp_path / "sans-e5.xlsx")
    run = run_pst("import", "plan", edited, meaux, "--allow-delete")
    assert run.code == 1
    assert "rendrait le projet incorrect" in run.err and "workshops/2024-06-18-forum-enjeux.yaml" in run.err  # the forum voted on E5
    assert _git("status", "--porcelain", cwd=meaux) == ""


def test_wrong_cells_are_named_and_nothing_is_written(meaux, exported, tmp_path):
    book = load_workbook(exported)
    indicators = book["Indicateurs"]
    indicators["I2"] = "beaucoup"
    indicators["D3"] = "Merveilleux"
    book["Actions"]["G2"] = "le 3 mars"
    edited = tmp_path / "faux.xlsx"
    book.save(edited)
    run = run_pst("import", "plan", edited, meaux)
    assert run.code == 1
    assert "Indicateurs!I2: « beaucoup » n'est pas un nombre" in run.err
    assert "Indicateurs!D3: « Merveilleux » n'est pas dans la liste : Contexte, Moyens, Réalisation, Résultat, Impact" in run.err
    assert "Actions!G2: « le 3 mars » n'est pas une date" in run.err
    assert "3 cellules à corriger : rien n'a été importé" in run.err
    assert _git("status", "--porcelain", cwd=meaux) == ""


def test_an_unknown_owner_is_refused_with_the_project_rule(meaux, exported, tmp_path):
    book = load_workbook(exported)
    book["Indicateurs"]["L2"] = "personne-inconnue"
    edited = tmp_path / "responsable.xlsx"
    book.save(edited)
    run = run_pst("import", "plan", edited, meaux)
    assert run.code == 1
    assert "rendrait le projet incorrect" in run.err and "personne-inconnue" in run.err
    assert _git("status", "--porcelain", cwd=meaux) == ""
