"""`pst export` and `pst import measurements`: the tracking table as a spreadsheet, there and back."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_project, run_pst
from openpyxl import load_workbook

MEASUREMENTS = "evaluation/measurements.yaml"


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=pst", "-c", "user.email=pst@example.org", *args],
        cwd=cwd, check=True, capture_output=True, text=True,
    ).stdout


def _fingerprint(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def _export(project: Path, target: Path, *extra: str) -> None:
    run = run_pst("export", project, "--to", target.suffix[1:], "-o", target, *extra)
    assert run.code == 0, run.output


def test_tracking_table_is_a_styled_sheet_named_suivi(meaux, tmp_path):
    target = tmp_path / "suivi.xlsx"
    _export(meaux, target)
    sheet = load_workbook(target)["Suivi"]
    assert sheet.freeze_panes == "D2"
    assert sheet["A1"].font.bold and sheet.column_dimensions["B"].width >= 40
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["Identifiant", "Indicateur", "Territoire", "Objectif ou action"]
    assert header[11] == "Source des mesures"
    assert [day.date().isoformat() for day in header[12:]] == ["2025-12-31", "2026-12-31", "2027-12-31", "2028-12-31"]
    row = next(row for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] == "I-A1.OG1-1")
    assert row[3] == "A1.OG1.OO1" and row[5] == "hausse" and (row[7], row[9], row[12]) == (4, 20, 9)
    assert row[11] == "Tableau de bord du centre social"


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_export_then_import_leaves_the_repository_byte_identical(meaux, tmp_path, suffix):
    _git("init", "-q", cwd=meaux)
    _git("add", "-A", cwd=meaux)
    _git("commit", "-q", "-m", "exemple", cwd=meaux)
    target = tmp_path / f"suivi.{suffix}"
    _export(meaux, target)
    run = run_pst("import", "measurements", target, meaux)
    assert run.code == 0, run.output
    assert "0 mesure(s) ajoutée(s), 0 modifiée(s), 30 inchangée(s)" in run.out
    assert _git("status", "--porcelain", cwd=meaux) == ""


def test_one_bad_cell_is_named_and_nothing_is_written(meaux, tmp_path):
    target = tmp_path / "suivi.xlsx"
    _export(meaux, target)
    book = load_workbook(target)
    sheet = book["Suivi"]
    sheet["N2"] = 12           # a good new value: must not be written either
    sheet["N7"] = "douze"
    book.save(target)
    before = _fingerprint(meaux)
    run = run_pst("import", "measurements", target, meaux)
    assert run.code == 1
    assert "Suivi!N7: « douze » n'est pas un nombre" in run.err
    assert "rien n'a été importé" in run.err
    assert _fingerprint(meaux) == before


def test_unknown_ids_and_dates_outside_the_period_are_reported_per_cell(meaux, tmp_path):
    target = tmp_path / "suivi.xlsx"
    _export(meaux, target)
    book = load_workbook(target)
    sheet = book["Suivi"]
    sheet["A3"] = "I-A1.OG1-9"
    sheet["O1"] = "2030-12-31"
    sheet["O2"] = 15
    sheet["P1"] = "fin 2026"
    book.save(target)
    run = run_pst("import", "measurements", target, meaux)
    assert run.code == 1
    assert "Suivi!A3: indicateur inconnu : « I-A1.OG1-9 »" in run.err
    assert "Suivi!O2: mesure datée du 2030-12-31, hors de la période du projet" in run.err
    assert "Suivi!P1: « fin 2026 » n'est pas une date de mesure" in run.err


def test_new_values_are_appended_and_the_comments_kept(meaux, tmp_path):
    target = tmp_path / "suivi.xlsx"
    _export(meaux, target)
    book = load_workbook(target)
    sheet = book["Suivi"]
    sheet["N2"] = 12
    sheet["N3"] = "4,5"        # decimal comma, as typed in French spreadsheets
    book.save(target)
    original = (meaux / MEASUREMENTS).read_text(encoding="utf-8")

    dry = run_pst("import", "measurements", target, meaux, "--dry-run")
    assert dry.code == 0 and "rien n'a été écrit" in dry.out
    assert (meaux / MEASUREMENTS).read_text(encoding="utf-8") == original

    run = run_pst("import", "measurements", target, meaux)
    assert run.code == 0, run.output
    assert "ajoutée : I-A1.OG1-1 au 2026-12-31 : 12" in run.out
    text = (meaux / MEASUREMENTS).read_text(encoding="utf-8")
    assert text.startswith(original)  # every comment and entry kept, new ones at the end
    assert text[len(original):] == (  # with the source the row shows
        "  - indicator: I-A1.OG1-1\n    date: 2026-12-31\n    value: 12\n    source: Tableau de bord du centre social\n"
        "  - indicator: I-A1.OG1-2\n    date: 2026-12-31\n    value: 4.5\n    source: Tableau de bord du centre social\n"
    )
    assert run_pst("check", meaux).code == 0
    again = run_pst("import", "measurements", target, meaux)
    assert "0 mesure(s) ajoutée(s), 0 modifiée(s), 32 inchangée(s)" in again.out


def test_a_changed_value_replaces_the_recorded_one(meaux, tmp_path):
    target = tmp_path / "suivi.csv"
    _export(meaux, target)
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    lines[1] = lines[1].replace(";9;", ";10;")
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = run_pst("import", "measurements", target, meaux)
    assert run.code == 0, run.output
    assert "modifiée : I-A1.OG1-1 au 2025-12-31 : 9 → 10" in run.out
    text = (meaux / MEASUREMENTS).read_text(encoding="utf-8")
    assert "  - indicator: I-A1.OG1-1\n    date: 2025-12-31\n    value: 10\n" in text


def test_import_into_an_empty_list_writes_a_block_list(tmp_path):
    project = copy_project(FIXTURES / "sheet_empty_measurements", tmp_path / "p")
    target = tmp_path / "suivi.csv"
    target.write_text("Identifiant;Indicateur;;;;;;;;2025\r\nI-attente;Délai moyen d'attente d'un rendez-vous;;;;;;;;32,5\r\n", encoding="utf-8")
    run = run_pst("import", "measurements", target, project)
    assert run.code == 0, run.output
    text = (project / MEASUREMENTS).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../.pst/schemas/measurements.schema.json\n")
    assert "# Mesures datées : aucune pour l'instant." in text
    assert "  - indicator: I-attente\n    date: 2025-12-31\n    value: 32.5\n" in text
    assert run_pst("check", project).code == 0


def test_export_never_overwrites_without_force(meaux, tmp_path):
    target = tmp_path / "acteurs.xlsx"
    _export(meaux, target, "--what", "stakeholders")
    run = run_pst("export", meaux, "--to", "xlsx", "--what", "stakeholders", "-o", target)
    assert run.code == 2 and "existe déjà" in run.err
    _export(meaux, target, "--what", "stakeholders", "--force")
    sheet = load_workbook(target)["Acteurs"]
    assert sheet["A1"].value == "Identifiant" and sheet.max_row > 5


@pytest.mark.parametrize(("what", "sheet_name"), [("indicators", "Indicateurs"), ("actions", "Actions")])
def test_other_lists_export_one_row_per_entity(meaux, tmp_path, what, sheet_name):
    target = tmp_path / f"{what}.xlsx"
    _export(meaux, target, "--what", what)
    sheet = load_workbook(target)[sheet_name]
    ids = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert ("I-A1.OG1-1" if what == "indicators" else "FA-01") in ids


def test_a_file_that_is_not_a_spreadsheet_is_a_user_error(meaux, tmp_path):
    bogus = tmp_path / "suivi.xlsx"
    bogus.write_text("pas un classeur", encoding="utf-8")
    run = run_pst("import", "measurements", bogus, meaux)
    assert run.code == 2 and "n'est pas un classeur Excel lisible" in run.err
    assert "Traceback" not in run.output
