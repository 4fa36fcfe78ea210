"""The tracking spreadsheet that loses nothing (issue 15): sources, territories, French, refused edits, Calc.

- an edit to a column the sheet cannot write back (a target from 6 to 1000) is refused,
  naming the cell and the `file:line` where the value lives; never « 0 modifiée(s) »;
- export → import with no edit leaves every file byte-identical, territories and sources included;
- a row's source and territory are written on the measurements imported from it;
- dates are real dates shown `31/12/2025`, words are French, numbers are validated;
- LibreOffice Calc shows all that (printed to PDF), and a file saved by Calc imports back unchanged.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_project, run_pst
from openpyxl import load_workbook

MEASUREMENTS = "evaluation/measurements.yaml"
AXIS_1 = "plan/axes/1-lieu-ressource.yaml"
SOFFICE = shutil.which("soffice")
needs_calc = pytest.mark.skipif(
    SOFFICE is None or not Path("/usr/lib/libreoffice/program/libsclo.so").exists(),
    reason="LibreOffice Calc is not installed (apt-get install libreoffice-calc-nogui)",
)


def _fingerprint(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def _export(project: Path, target: Path, *extra: str) -> Path:
    run = run_pst("export", project, "--to", target.suffix[1:], "-o", target, *extra)
    assert run.code == 0, run.output
    return target


def _edit(target: Path, cells: dict[str, object]) -> Path:
    book = load_workbook(target)
    for cell, value in cells.items():
        book["Suivi"][cell] = value
    book.save(target)
    return target


def _imports_unchanged(project: Path, sheet: Path, unchanged: int) -> None:
    """Importing `sheet` adds and changes nothing, and leaves every file of `project` byte-identical."""
    before = _fingerprint(project)
    run = run_pst("import", "measurements", sheet, project)
    assert run.code == 0, run.output
    assert f"0 mesure(s) ajoutée(s), 0 modifiée(s), {unchanged} inchangée(s) — aucun fichier modifié" in run.out
    assert _fingerprint(project) == before


@pytest.fixture
def territories(tmp_path) -> Path:
    """A CTG-like project: I-places measured in Meaux and Trilport (CNAF, two years late), I-familles on the whole territory."""
    return copy_project(FIXTURES / "sheet_territories", tmp_path / "ctg")


def _line(project: Path, place: str) -> str:
    """The text of the line a `file:line` names."""
    relpath, line = place.rsplit(":", 1)
    return (project / relpath).read_text(encoding="utf-8").splitlines()[int(line) - 1]


# Never an ignored edit ---------------------------------------------------------------


def test_a_target_changed_from_6_to_1000_is_refused_with_its_cell_and_file_line(meaux, tmp_path):
    target = _edit(_export(meaux, tmp_path / "suivi.xlsx"), {"J3": 1000, "N2": 12})  # and a good new value beside it
    before = _fingerprint(meaux)

    run = run_pst("import", "measurements", target, meaux)

    assert run.code == 1
    assert (
        "Suivi!J3: la colonne « Cible » de I-A1.OG1-2 passe de « 6 » à « 1000 », mais le tableau de suivi "
        f"n'enregistre que les mesures : cette valeur vient de {AXIS_1}:62. Modifiez-la dans ce fichier "
        "(ou avec `pst export --what plan`), puis exportez à nouveau le tableau de suivi."
    ) in run.err
    assert _line(meaux, f"{AXIS_1}:62").strip() == "value: 6"
    assert "1 problème : rien n'a été importé" in run.err
    assert "modifiée(s)" not in run.output and "aucun fichier modifié" not in run.output
    assert _fingerprint(meaux) == before  # all or nothing: the good value N2 is not written either


@pytest.mark.parametrize(
    ("cell", "value", "column", "line_holds"),
    [
        ("H3", 3, "Départ", "value: 2"),
        ("I3", "31/12/2023", "Date de départ", "date: 2024-12-31"),
        ("K3", "31/12/2029", "Date de cible", "date: 2028-12-31"),
        ("B3", "Participations aux actions de la ville", "Indicateur", "label: Nombre de participations à des actions municipales"),
        ("E3", "personnes", "Unité", "unit: participations"),
        ("F3", "baisse", "Sens", "direction: increase"),
        ("G3", "trimestrielle", "Fréquence", "frequency: annuelle"),
    ],
)
def test_every_description_column_refuses_an_edit_and_names_where_the_value_lives(meaux, tmp_path, cell, value, column, line_holds):
    target = _edit(_export(meaux, tmp_path / "suivi.xlsx"), {cell: value})
    before = _fingerprint(meaux)

    run = run_pst("import", "measurements", target, meaux)

    assert run.code == 1
    found = re.search(rf"Suivi!{cell}: la colonne « {column} » de I-A1.OG1-2 passe de « [^»]* » à « [^»]* », .* vient de ([\w/.-]+:\d+)\.", run.err)
    assert found, run.err
    assert line_holds in _line(meaux, found.group(1))
    assert _fingerprint(meaux) == before


def test_float_round_trips_and_dates_written_otherwise_are_not_edits(meaux, tmp_path):
    target = _edit(_export(meaux, tmp_path / "suivi.xlsx"), {
        "H2": 4.000000000000001,   # what a spreadsheet may give back for 4
        "I2": "2024-12-31",        # the same date, as text in ISO
        "K2": "31/12/2028",        # the same date, as French text
        "F2": "increase",          # the code instead of the word
    })
    _imports_unchanged(meaux, target, 30)


def test_a_source_changed_with_no_value_is_refused_and_names_the_measurement(meaux, tmp_path):
    target = _edit(_export(meaux, tmp_path / "suivi.xlsx"), {"L2": "Fichier adhérents"})

    run = run_pst("import", "measurements", target, meaux)

    assert run.code == 1
    assert ("Suivi!L2: la source de I-A1.OG1-1 passe de « Tableau de bord du centre social » à « Fichier adhérents » "
            "sans valeur nouvelle ou modifiée sur la ligne") in run.err
    place = re.search(r"vient de (evaluation/measurements\.yaml:\d+)", run.err).group(1)
    assert _line(meaux, place).strip() == "source: Tableau de bord du centre social"


# Round trip ------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
@pytest.mark.parametrize("project", ["meaux", "territories"])
def test_export_then_import_leaves_every_file_byte_identical(request, tmp_path, suffix, project):
    root = request.getfixturevalue(project)
    before = _fingerprint(root)
    _imports_unchanged(root, _export(root, tmp_path / f"suivi.{suffix}"), {"meaux": 30, "territories": 3}[project])
    assert _fingerprint(root) == before  # the export itself wrote nothing in the project either


# Sources and territories -----------------------------------------------------------------


def test_one_row_per_territory_and_the_latest_source_shown(territories, tmp_path):
    sheet = load_workbook(_export(territories, tmp_path / "suivi.xlsx"))["Suivi"]
    # CNAF data are published 24 months late: their 2025 and 2026 values are not highlighted as missing yet.
    assert all(not sheet.cell(row, column).fill.fgColor.rgb.endswith("FCE4D6") for row in (2, 3) for column in (13, 14))
    rows = [row[:3] + (row[11], row[12]) for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert rows == [
        ("I-places", "Places d'accueil du jeune enfant pour 100 enfants de moins de 3 ans", "Meaux", "CNAF, données 2025 (publiées en 2027)", 42.3),
        ("I-places", "Places d'accueil du jeune enfant pour 100 enfants de moins de 3 ans", "Trilport", "CNAF, données 2025 (publiées en 2027)", 38),
        ("I-familles", "Familles accompagnées par la référente famille", None, "Tableau de bord du centre social", 9),
    ]


def test_imported_values_carry_their_row_s_territory_and_source(territories, tmp_path):
    target = _edit(_export(territories, tmp_path / "suivi.xlsx"), {
        "N2": 43.1,                                     # Meaux 2026, the row's source as exported
        "N3": 39, "L3": "CNAF, données 2026",           # Trilport 2026, with a new source
        "M4": 10,                                       # I-familles 2025: 9 → 10, its source untouched
    })
    original = (territories / MEASUREMENTS).read_text(encoding="utf-8")

    run = run_pst("import", "measurements", target, territories)

    assert run.code == 0, run.output
    assert "ajoutée : I-places (Trilport) au 2026-12-31 : 39" in run.out
    assert "modifiée : I-familles au 2025-12-31 : 9 → 10" in run.out
    text = (territories / MEASUREMENTS).read_text(encoding="utf-8")
    kept = original.replace("    value: 9\n", "    value: 10\n")
    assert text.startswith(kept)  # comments and entries kept, the changed value in place
    assert text[len(kept):] == (
        "  - indicator: I-places\n    date: 2026-12-31\n    value: 43.1\n"
        "    source: CNAF, données 2025 (publiées en 2027)\n    territory: Meaux\n"
        "  - indicator: I-places\n    date: 2026-12-31\n    value: 39\n    source: CNAF, données 2026\n    territory: Trilport\n"
    )
    assert run_pst("check", territories).code == 0
    again = run_pst("import", "measurements", target, territories)
    assert "0 mesure(s) ajoutée(s), 0 modifiée(s), 5 inchangée(s)" in again.out


def test_an_unknown_territory_or_a_missing_one_is_named(territories, tmp_path):
    target = _edit(_export(territories, tmp_path / "suivi.xlsx"), {"C2": "Chauconin", "C3": None, "C4": "Meaux"})

    run = run_pst("import", "measurements", target, territories)

    assert run.code == 1
    assert "Suivi!C2: territoire inconnu pour I-places : « Chauconin » (l'indicateur est mesuré sur : Meaux, Trilport)" in run.err
    assert "Suivi!C3: I-places est mesuré par territoire (Meaux, Trilport) : chaque ligne nomme son territoire" in run.err
    assert "Suivi!C4: I-familles n'est pas mesuré par territoire : « Meaux » ne peut pas être importé" in run.err


# French, real, guarded -----------------------------------------------------------------


def test_the_sheet_has_real_french_dates_validation_filter_frozen_panes_and_a_legend(meaux, tmp_path):
    book = load_workbook(_export(meaux, tmp_path / "suivi.xlsx"))
    sheet = book["Suivi"]
    assert book.sheetnames == ["Suivi", "Légende"]
    assert sheet.freeze_panes == "D2"  # the header row, and identifiant, indicateur, territoire
    assert sheet.auto_filter.ref == f"A1:P{sheet.max_row}"
    header = sheet[1]
    assert header[12].is_date and header[12].number_format == "dd/mm/yyyy"
    assert sheet["I2"].is_date and sheet["I2"].number_format == "dd/mm/yyyy"
    assert [header[i].value for i in (5, 6)] == ["Sens", "Fréquence"] and (sheet["F2"].value, sheet["G2"].value) == ("hausse", "annuelle")
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "decimal" and str(validation.sqref) == f"M2:P{sheet.max_row}"
    assert validation.showErrorMessage and validation.errorTitle == "Valeur mesurée"
    assert validation.error == "Saisissez un nombre (par exemple 12 ou 4,5)\u202f: la valeur de l'indicateur à la date de la colonne."
    assert sheet["B2"].fill.fgColor.rgb.endswith("EDEDED") and sheet["M2"].fill.fgColor.rgb in (None, "00000000")
    # I-A3.OG3-2 was not measured in 2025: the value expected is highlighted.
    row = next(cell.row for cell in sheet["A"] if cell.value == "I-A3.OG3-2")
    assert sheet.cell(row, 13).value is None and sheet.cell(row, 13).fill.fgColor.rgb.endswith("FCE4D6")
    legend = " ".join(str(cell.value) for cell in book["Légende"]["A"])
    assert "Cellules orangées" in legend and "pst import measurements" in legend


def test_the_other_lists_and_the_csv_show_french_words_and_dates(meaux, tmp_path):
    indicators = load_workbook(_export(meaux, tmp_path / "indicateurs.xlsx", "--what", "indicators"))["Indicateurs"]
    first = next(indicators.iter_rows(min_row=2, values_only=True))
    assert (first[3], first[6], first[13]) == ("Résultat", "hausse", "annuelle")
    actions = _export(meaux, tmp_path / "actions.csv", "--what", "actions").read_text(encoding="utf-8-sig")
    assert ";Prévue;" in actions or ";En cours;" in actions
    assert not re.search(r";(prevue|en-cours|realisee);", actions)
    tracking = _export(meaux, tmp_path / "suivi.csv").read_text(encoding="utf-8-sig")
    assert tracking.splitlines()[0].endswith(";31/12/2025;31/12/2026;31/12/2027;31/12/2028")
    assert ";hausse;annuelle;4;31/12/2024;20;31/12/2028;" in tracking
    assert "2025-12-31" not in tracking and ";increase;" not in tracking


# LibreOffice Calc -------------------------------------------------------------------------


def _calc(document: Path, to: str) -> Path:
    """`document` converted by LibreOffice Calc, in a profile of its own (tests run in parallel)."""
    out = document.parent / f"calc-{to}"
    profile = document.parent / f"calc-profile-{to}"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", to, "--outdir", str(out), str(document)],
        check=True, capture_output=True, timeout=240,
    )
    return out / f"{document.stem}.{to}"


@needs_calc
def test_calc_shows_french_headers_dates_and_words(territories, tmp_path):
    pdf = _calc(_export(territories, tmp_path / "suivi.xlsx"), "pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    for shown in ("Identifiant", "Territoire", "Source des mesures", "31/12/2025", "31/12/2028", "hausse", "annuelle", "Trilport"):
        assert shown in text, shown
    assert "42,3" in text or "42.3" in text  # the decimal sign is the reader's locale's
    assert "2025-12-31" not in text and "increase" not in text and "annual" not in text.replace("annuelle", "")
    assert "Cellules orangées" in text  # the legend sheet is printed too
    png = subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    assert png.returncode == 0 and (tmp_path / "page-1.png").stat().st_size > 5_000


@needs_calc
def test_a_sheet_saved_by_calc_keeps_its_validation_and_imports_back_unchanged(territories, tmp_path):
    exported = _export(territories, tmp_path / "suivi.xlsx")
    saved = _calc(exported, "xlsx")
    sheet = load_workbook(saved)["Suivi"]
    assert any(v.type == "decimal" for v in sheet.data_validations.dataValidation)
    assert sheet.auto_filter.ref == "A1:P4" and sheet["M1"].is_date  # (headless Calc keeps no view: no frozen panes)
    _imports_unchanged(territories, saved, 3)


def test_a_table_of_the_former_layout_still_imports(meaux, tmp_path):
    """Nine description columns and ISO dates, as `pst export` wrote them before: columns are found by their headers."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(_export(meaux, tmp_path / "suivi.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    former = []
    for row in rows:
        kept = [cell for index, cell in enumerate(row) if index not in (2, 6, 11)]  # no territory, frequency, source
        former.append([re.sub(r"^(\d\d)/(\d\d)/(\d{4})$", r"\3-\2-\1", cell) for cell in kept])
    former[1][9] = "10"  # I-A1.OG1-1 in 2025: 9 → 10
    old = tmp_path / "ancien.csv"
    old.write_text("\r\n".join(";".join(row) for row in former) + "\r\n", encoding="utf-8")
    assert former[0][:3] == ["Identifiant", "Indicateur", "Objectif ou action"] and former[0][9] == "2025-12-31"

    run = run_pst("import", "measurements", old, meaux)

    assert run.code == 0, run.output
    assert "modifiée : I-A1.OG1-1 au 2025-12-31 : 9 → 10" in run.out and "1 modifiée(s), 29 inchangée(s)" in run.out
