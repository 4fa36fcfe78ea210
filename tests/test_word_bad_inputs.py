"""Files that are not what `pst import docx`, `pst import comments` and `pst import plan` expect.

Each one gets one French sentence (and its hint), exit 1 or 2, and nothing is written.
"""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES, run_pst
from openpyxl import load_workbook

WORD = FIXTURES / "word"


def not_a_zip(folder: Path) -> Path:
    path = folder / "plan.docx"
    path.write_text("Projet social : voir la version papier.", encoding="utf-8")
    return path


def truncated(folder: Path) -> Path:
    path = folder / "coupe.docx"
    path.write_bytes((WORD / "plan-tilleuls.docx").read_bytes()[:3000])
    return path


def a_spreadsheet(folder: Path) -> Path:
    path = folder / "tableur.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return path


def empty_document(folder: Path) -> Path:
    import pypandoc

    path = folder / "vide.docx"
    pypandoc.convert_text("", "docx", format="markdown", outputfile=str(path), extra_args=["--sandbox"])
    return path


def zip_bomb(folder: Path) -> Path:
    """60 MB of XML in a 60 KB file: refused while inflating, at the limit, whatever the zip directory says."""
    path = folder / "enorme.docx"
    with zipfile.ZipFile(WORD / "plan-tilleuls.docx") as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * 60_000_000, 1)
            archive.writestr(info.filename, data)
    return path


BAD_DOCUMENTS = {
    "not-a-zip": (not_a_zip, "n'est pas un document Word (.docx) : ce n'est pas une archive zip", 2),
    "password": (lambda folder: WORD / "protected.docx", "est protégé par un mot de passe", 2),
    "word-97": (lambda folder: WORD / "word97.doc", "est un document Word 97-2003 (.doc), que pst ne lit pas", 2),
    "damaged": (truncated, "est endommagé ou n'est pas un document Word valide", 2),
    "spreadsheet": (a_spreadsheet, "est une archive, mais pas un document Word", 2),
    "empty": (empty_document, "ne contient aucun texte : rien n'a été importé", 2),
    "huge": (zip_bomb, "contient plus de 8 Mo de texte une fois décompressé", 2),
}


@pytest.mark.parametrize("case", list(BAD_DOCUMENTS))
def test_import_docx_refuses_what_is_not_a_readable_word_document(case, tmp_path):
    make, words, code = BAD_DOCUMENTS[case]
    source = make(tmp_path)
    target = tmp_path / "projet"
    before = sorted(p.name for p in tmp_path.iterdir())
    run = run_pst("import", "docx", source, target)
    assert run.code == code, run.output
    first, *rest = run.err.splitlines()
    assert first.startswith("pst : ") and words in first
    assert all(line.startswith("  → ") for line in rest) and len(rest) <= 1
    assert "Traceback" not in run.output
    assert not target.exists() and sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize("case", ["not-a-zip", "password", "word-97", "huge"])
def test_import_comments_refuses_the_same_files(case, meaux, tmp_path):
    make, words, code = BAD_DOCUMENTS[case]
    run = run_pst("import", "comments", make(tmp_path), meaux, "--apply")
    assert run.code == code, run.output
    assert words in run.err.splitlines()[0] and "Traceback" not in run.output


@pytest.fixture
def exported(meaux, tmp_path) -> Path:
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "projet")):
        subprocess.run(["git", "-c", "user.name=pst", "-c", "user.email=pst@example.org", *args], cwd=meaux, check=True, capture_output=True)
    target = tmp_path / "plan.xlsx"
    assert run_pst("export", meaux, "--what", "plan", "-o", target).code == 0
    return target


def _clean(meaux: Path) -> bool:
    """No file of the project written (the project's lock, `.pst/lock`, is pst's own and ignored by Git)."""
    status = subprocess.run(["git", "status", "--porcelain"], cwd=meaux, capture_output=True, text=True, check=True).stdout
    return [line for line in status.splitlines() if line != "?? .pst/lock" and line != "?? .pst/"] == []


def test_a_renamed_sheet_is_refused(meaux, exported, tmp_path):
    book = load_workbook(exported)
    book["Indicateurs"].title = "Mes indicateurs"
    book.save(tmp_path / "renomme.xlsx")
    run = run_pst("import", "plan", tmp_path / "renomme.xlsx", meaux)
    assert run.code == 2
    assert "renomme.xlsx n'a pas les onglets attendus (Indicateurs) ; il a : Mode d'emploi, Axes et objectifs, Mes indicateurs" in run.err
    assert _clean(meaux)


def test_moved_columns_are_refused_at_the_first_moved_header(meaux, exported, tmp_path):
    book = load_workbook(exported)
    sheet = book["Indicateurs"]
    sheet.move_range("D1:D40", cols=20)
    sheet.move_range("E1:E40", cols=-1)
    book.save(tmp_path / "colonnes.xlsx")
    run = run_pst("import", "plan", tmp_path / "colonnes.xlsx", meaux)
    assert run.code == 2
    assert "Indicateurs!D1 : colonne « Type » attendue ici, trouvée « Unité ». Rien n'a été importé" in run.err
    assert "Remettez les colonnes dans l'ordre de l'export" in run.err
    assert _clean(meaux)


@pytest.mark.parametrize("case, words", [
    ("not-a-zip", "n'est pas un classeur Excel lisible (ce n'est pas une archive xlsx)"),
    ("word-97", "est un classeur Excel 97-2003 (.xls) ou protégé par un mot de passe"),
    ("damaged", "n'est pas un classeur Excel lisible (archive endommagée)"),
])
def test_a_file_that_is_no_workbook_is_refused(case, words, meaux, exported, tmp_path):
    make, _, _ = BAD_DOCUMENTS[case]
    source = make(tmp_path)
    named = source.with_suffix(".xlsx")
    named.write_bytes(source.read_bytes())
    run = run_pst("import", "plan", named, meaux)
    assert run.code == 2 and "Traceback" not in run.output
    assert run.err.startswith("pst : ") and words in run.err.splitlines()[0]
    assert _clean(meaux)
