"""Spreadsheets in and out: the tracking table (tableau de suivi) and lists for partners.

Export writes one sheet (`.xlsx`, with openpyxl) or one CSV file. Import reads the
tracking table back into `evaluation/measurements.yaml`.

The tracking table has one row per indicator, or one per territory for an indicator
measured per commune or quartier (`territories`). Its first columns (`TRACKING_COLUMNS`)
describe the indicator — identifiant, intitulé, territoire, objectif ou action, unité,
sens, fréquence, départ, cible and their dates — and the **source** of the measurements
(the latest measurement's source, else the indicator's). Then each column is one period;
**its header is the date of the measurements it holds** (a real date, shown `31/12/2025`
in French), so a value read back lands on exactly the date it was exported with. The
columns are the dates of the existing measurements, the 31 December of each year of the
project (the project's last day for a period that ends earlier) and the reference dates
that `monitoring.expected` says are due; a value expected and missing is highlighted. On
import a header may also be written `2025-12-31` or `31/12/2025`, be an Excel date, or
be a year alone (`2025` → 31 December). Columns are found by their headers (in either
language), so a table of an older layout still imports.

Import is all or nothing: every row is checked first (unknown indicator ids or
territories, non-numbers, dates outside the project period, each reported as
`Suivi!C7: …`), and `measurements.yaml` is written only when no problem was found. The
description columns are never written back: a cell that differs from what the project
holds (a target changed from 6 to 1000) is refused, naming the cell and the `file:line`
where that value lives, so that an edit is never silently lost. A value equal to the one
already recorded for that indicator, territory and date changes nothing (numbers within
a float round trip), so exporting then importing leaves every file byte-identical. A
different value replaces the recorded one; a new value is appended at the end of the
file with the row's source and territory, keeping the file's comments (ruamel.yaml
round trip), through an atomic write.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from pst_cli.errors import PstError, Refused
from pst_cli.files import project_lock, replace_output, write_user_file
from pst_cli.i18n import t
from pst_cli.model.evaluation import Measurement
from pst_cli.model.plan import Indicator
from pst_cli.project.aggregate import Project

MEASUREMENTS_FILE = "evaluation/measurements.yaml"
_MODELINE = "# yaml-language-server: $schema=../.pst/schemas/measurements.schema.json\n"


class SpreadsheetError(PstError):
    """The spreadsheet cannot be read at all (wrong kind of file, damaged file)."""


# Export ----------------------------------------------------------------------------


@dataclass
class Table:
    """One sheet: its name, header row, rows, and the width of each column (in characters)."""

    name: str
    header: list[object]
    rows: list[list[object]]
    widths: list[int]
    freeze: str = "B2"
    numbers: tuple[int, ...] = ()
    """Columns (from 0) whose cells take numbers: a decimal data validation, with a message in the project's language."""
    described: int = 0
    """The first columns describe each row and are never imported: tinted, so that nobody types a value there."""
    late: frozenset[tuple[int, int]] = frozenset()
    """(row, column) of the values expected and still missing, from 0 in `rows`: highlighted."""
    filter: bool = False
    """An autofilter on the header row."""
    legend: list[tuple[str, str | None]] = field(default_factory=list)
    """Lines of a second sheet that explains the first: text and, for a colour of the first sheet, that colour."""


def _number(value: float | None) -> int | float | None:
    """Whole numbers as integers, so that `9` is not written `9.0`."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def in_languages(make: Callable[[], object]) -> list[object]:
    """What `make()` gives in each language (a table exported in English imports into a French project)."""
    from pst_cli.i18n import LANGUAGES, activate, active

    current = active()
    try:
        found = []
        for language in (current, *[other for other in LANGUAGES if other != current]):
            activate(language)
            found.append(make())
        return found
    finally:
        activate(current)


def word(kind: str, code: str | None) -> str:
    """The word a sheet shows for a code of the file format (`increase` → « hausse », `prevue` → « Prévue »)."""
    if not code:
        return ""
    return t(f"sheet.direction.{code}") if kind == "direction" else t(f"value.{code}")


def _years(project: Project) -> range:
    period = project.config.period
    end = period.horizon(dt.date.today())  # an open period is followed up to the current year
    return range(period.start.year, end.year + 1)


def period_dates(project: Project) -> list[dt.date]:
    """Dates of the period columns: every measurement date, 31 December of each project year, every due reference date."""
    from pst_cli.monitoring.expected import dues_in_year

    period = project.config.period
    dates = {m.date for m in project.measurements}
    end = period.horizon(dt.date.today())
    for year in _years(project):
        day = min(dt.date(year, 12, 31), end)
        if day >= period.start:
            dates.add(day)
    for _, indicator in project.plan_indicators():
        for year in _years(project):
            dates.update(due.reference for due in dues_in_year(indicator, project, year))
    return sorted(dates)


def _header(*columns: str) -> list[str]:
    return [t(f"sheet.column.{column}") for column in columns]


@dataclass(frozen=True)
class Described:
    """A column of the tracking table that describes its row: written by export, compared (never written) by import."""

    key: str
    """`sheet.column.<key>`: the header."""
    width: int
    inside: tuple[str, ...] = ()
    """Where the value lives inside the indicator (`target`, `value`): the `file:line` a refused edit names."""
    form: str = "text"
    """`text`, `number`, `date`, or `word` (a code shown as a word of the project's language)."""


FONT = "Calibri"
"""The workbooks' font (openpyxl's default for cells): a styled cell must name it, or LibreOffice
shows it in its default serif, wider, and a date heading turns into « ### »."""

TRACKING_COLUMNS = (
    Described("id", 16),
    Described("indicator", 46, ("label",)),
    Described("territory", 16, ("territories",)),
    Described("carrier", 14),
    Described("unit", 12, ("unit",)),
    Described("direction", 9, ("direction",), "word"),
    Described("frequency", 12, ("frequency",), "word"),
    Described("baseline", 9, ("baseline", "value"), "number"),
    Described("baseline-date", 12, ("baseline", "date"), "date"),
    Described("target", 9, ("target", "value"), "number"),
    Described("target-date", 12, ("target", "date"), "date"),
    Described("measurement-source", 34),
)
"""The columns before the periods, in their order."""
KEYS = [column.key for column in TRACKING_COLUMNS]


@dataclass
class TrackingRow:
    """One row of the tracking table: an indicator, on one territory or on the whole territory (None)."""

    carrier: object
    indicator: Indicator
    territory: str | None
    measurements: list[Measurement]
    """The row's measurements, in the order of the file."""

    @property
    def shown(self) -> str:
        return f"{self.indicator.id} ({self.territory})" if self.territory else self.indicator.id

    def source(self) -> tuple[str | None, BaseModel]:
        """The source the row shows and the entity it comes from: the latest measurement's that has one, else the indicator's."""
        dated = [m for m in self.measurements if m.source]
        if dated:
            latest = max(enumerate(dated), key=lambda pair: (pair[1].date, pair[0]))[1]
            return latest.source, latest
        return self.indicator.source, self.indicator

    def described(self, key: str) -> object:
        """The value of a description column, as the export writes it."""
        indicator, baseline, target = self.indicator, self.indicator.baseline, self.indicator.target
        return {
            "id": indicator.id,
            "indicator": indicator.label,
            "territory": self.territory or "",
            "carrier": getattr(self.carrier, "id", ""),
            "unit": indicator.unit or "",
            "direction": word("direction", indicator.direction),
            "frequency": word("frequency", indicator.frequency),
            "baseline": _number(baseline.value) if baseline else None,
            "baseline-date": baseline.date if baseline else None,
            "target": _number(target.value) if target else None,
            "target-date": target.date if target else None,
            "measurement-source": self.source()[0] or "",
        }[key]


def tracking_rows(project: Project) -> list[TrackingRow]:
    """Every row of the tracking table: one per indicator, or one per territory (and one per territory its measurements name)."""
    by_indicator: dict[str, list[Measurement]] = {}
    for measurement in project.measurements:
        by_indicator.setdefault(measurement.indicator, []).append(measurement)
    rows = []
    for carrier, indicator in project.plan_indicators():
        measured = by_indicator.get(indicator.id, [])
        territories: list[str | None] = list(indicator.territories) or [None]
        territories += [m.territory for m in measured if m.territory not in territories]
        for territory in dict.fromkeys(territories):
            rows.append(TrackingRow(carrier, indicator, territory, [m for m in measured if m.territory == territory]))
    return rows


def tracking_table(project: Project) -> Table:
    """Le tableau de suivi : one row per indicator and territory, one column per measurement date."""
    from pst_cli.monitoring.expected import missing

    dates = period_dates(project)
    column_of = {day: len(TRACKING_COLUMNS) + index for index, day in enumerate(dates)}
    today = dt.date.today()
    rows, late = [], set()
    for number, row in enumerate(tracking_rows(project)):
        values: dict[dt.date, float] = {}
        for measurement in row.measurements:
            # A later entry for the same date wins, as it would in `pst status`.
            values[measurement.date] = measurement.value
        rows.append([*[row.described(key) for key in KEYS], *[_number(values.get(day)) for day in dates]])
        for due in missing(row.indicator, row.measurements, project, today):
            if due.territory == row.territory and due.reference in column_of:
                late.add((number, column_of[due.reference]))
    widths = [column.width for column in TRACKING_COLUMNS] + [11] * len(dates)
    legend = [
        (t("sheet.legend.title", title=project.config.title), None),
        (t("sheet.legend.rows"), None),
        (t("sheet.legend.described"), DESCRIBED_FILL),
        (t("sheet.legend.values"), None),
        (t("sheet.legend.late", date=today.strftime(t("sheet.date.text"))), LATE_FILL),
        (t("sheet.legend.source"), None),
        (t("sheet.legend.import"), None),
    ]
    numbers = tuple(range(len(TRACKING_COLUMNS), len(TRACKING_COLUMNS) + len(dates)))
    return Table(t("sheet.name.measurements"), [*_header(*KEYS), *dates], rows, widths, freeze="D2",
                 numbers=numbers, described=len(TRACKING_COLUMNS) - 1, late=frozenset(late), filter=True, legend=legend)


def indicators_table(project: Project) -> Table:
    """Every indicator of the plan with its definition, source, frequency and owner."""
    header = _header(
        "id", "indicator", "carrier", "type", "definition", "unit", "direction", "baseline", "baseline-date",
        "baseline-source", "target", "target-date", "source", "frequency", "owner",
    )
    rows = []
    for carrier, ind in project.plan_indicators():
        base, target = ind.baseline, ind.target
        rows.append([
            ind.id, ind.label, getattr(carrier, "id", ""), word("type", ind.type), ind.definition or "", ind.unit or "",
            word("direction", ind.direction),
            _number(base.value) if base else None, base.date if base else None, (base.source or "") if base else "",
            _number(target.value) if target else None, target.date if target else None,
            ind.source or "", word("frequency", ind.frequency), ind.owner or "",
        ])
    widths = [16, 50, 14, 12, 50, 14, 10, 10, 13, 30, 10, 13, 40, 14, 16]
    return Table(t("sheet.name.indicators"), header, rows, widths, "C2", filter=True)


def actions_table(project: Project) -> Table:
    """One row per action sheet: objectives, people in charge, dates, cost and funding."""
    header = _header("id", "action", "objectives", "lead", "referent", "publics", "start", "end", "status", "fte", "cost", "funding", "funders")
    rows = []
    for action in project.actions:
        funders = list(dict.fromkeys(line.funder for line in action.budget if line.funder))
        rows.append([
            action.id, action.title, ", ".join(action.objectives), action.lead or "", action.referent or "",
            ", ".join(action.publics), action.start, action.end, word("status", action.status), _number(action.staff_fte),
            _number(sum(line.amount for line in action.budget)),
            _number(sum(line.amount for line in action.budget if line.status == "acquis")), ", ".join(funders),
        ])
    return Table(t("sheet.name.actions"), header, rows, [10, 45, 30, 18, 18, 25, 12, 12, 12, 8, 14, 18, 30], "C2", filter=True)


def stakeholders_table(project: Project) -> Table:
    """One row per stakeholder, without personal data (names, e-mails, phones stay out)."""
    header = _header("id", "name", "category", "organisation", "role", "influence", "interest", "headcount")
    rows = [
        [s.id, s.name, s.category, s.organisation or "", s.role or "", s.influence, s.interest, s.group.count if s.group else None]
        for s in project.stakeholders
    ]
    return Table(t("sheet.name.stakeholders"), header, rows, [20, 40, 24, 30, 50, 10, 10, 16], "C2", filter=True)


BUILDERS = {
    "measurements": tracking_table,
    "indicators": indicators_table,
    "actions": actions_table,
    "stakeholders": stakeholders_table,
}
"""`pst export --what` → the function that builds that table."""


def export_target(project: Project, what: str, to: str, output: Path | None) -> Path:
    """Where an export goes: `-o FILE` with the format's suffix, else `build/<name>.<format>` (name in the project's language)."""
    if output is None:
        return project.root / "build" / f"{t(f'export.file.{what}')}.{to}"
    if output.suffix.lower() == f".{to}":
        return output
    return output.with_name(output.name + f".{to}") if not output.suffix else output.with_suffix(f".{to}")


def export_table(project: Project, what: str, to: str, output: Path | None = None, force: bool = False) -> Path:
    """Write the table `what` as `to` (xlsx or csv); an existing file is replaced only with `force`."""
    target = writable_target(project, what, to, output, force)
    write_table(BUILDERS[what](project), target)
    return target


def writable_target(project: Project, what: str, to: str, output: Path | None, force: bool) -> Path:
    """The file an export writes, its folder made; refused when it exists and `force` is not given."""
    target = export_target(project, what, to, output)
    if target.exists() and not force:
        raise PstError.of("export.exists", path=target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        from pst_cli.files import reason

        raise PstError.of("export.cannot-write", path=target, reason=reason(error)) from None
    return target


def xlsx_bytes(table: Table) -> bytes:
    """The table as an Excel workbook: styled header, frozen panes, column widths, and its legend sheet."""
    from openpyxl import Workbook

    book = Workbook()
    fill_sheet(book.active, table)
    if table.legend:
        _legend_sheet(book.create_sheet(t("sheet.name.legend")), table.legend)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


HEADER_FILL = "1F4E79"
DESCRIBED_FILL = "EDEDED"
"""Light grey: the description columns, read-only on import."""
LATE_FILL = "FCE4D6"
"""Light orange: a value expected and still missing."""


def fill_sheet(sheet, table: Table) -> None:
    """Write `table` into an openpyxl sheet: its name, styled header, rows, dates, column widths, frozen panes."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet.title = table.name
    sheet.append(table.header)
    for row in table.rows:
        sheet.append(row)
    bold = Font(name=FONT, bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    for cell in sheet[1]:
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    date_format = t("sheet.date.excel")
    for row in sheet.iter_rows(min_row=1):
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = date_format
            elif isinstance(cell.value, str):
                # openpyxl makes a formula of any text that starts with `=`: a label is text.
                cell.data_type = "s"
    for index, width in enumerate(table.widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = table.freeze
    if table.described or table.late:
        grey, orange = PatternFill("solid", fgColor=DESCRIBED_FILL), PatternFill("solid", fgColor=LATE_FILL)
        top = Alignment(wrap_text=True, vertical="top")
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = top
                if cell.column <= table.described:
                    cell.fill = grey
        if any(len(str(title)) > width for title, width in zip(table.header, table.widths, strict=False) if isinstance(title, str)):
            sheet.row_dimensions[1].height = 30
        for number, row in enumerate(table.rows, start=2):
            # As high as the longest wrapped text: LibreOffice and Excel keep the height a file gives.
            lines = max((-(-len(value) * 10 // (width * 11)) for value, width in zip(row, table.widths, strict=False)
                         if isinstance(value, str) and value), default=1)
            if lines > 1:
                sheet.row_dimensions[number].height = 14 * lines + 1
        for number, column in table.late:
            sheet.cell(number + 2, column + 1).fill = orange
    if table.numbers:
        _number_validation(sheet, table)
    if table.filter:
        sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(table.header), 1))}{len(table.rows) + 1}"
    # Printed (or turned into PDF by LibreOffice) in landscape, as wide as the page, the header on every page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"


def _number_validation(sheet, table: Table) -> None:
    """A decimal validation on the value cells, its messages in the project's language."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(type="decimal", operator="between", formula1="-1000000000000", formula2="1000000000000",
                                allow_blank=True, showErrorMessage=True, showInputMessage=True, errorStyle="stop")
    validation.errorTitle = t("sheet.validation.title")
    validation.error = t("sheet.validation.number")
    validation.promptTitle = t("sheet.validation.title")
    validation.prompt = t("sheet.validation.prompt")
    sheet.add_data_validation(validation)
    last = max(len(table.rows) + 1, 2)
    first, end = get_column_letter(min(table.numbers) + 1), get_column_letter(max(table.numbers) + 1)
    validation.add(f"{first}2:{end}{last}")


def _legend_sheet(sheet, legend: list[tuple[str, str | None]]) -> None:
    """The sheet that explains the table: what each colour means, what the import reads."""
    from openpyxl.styles import Alignment, Font, PatternFill

    sheet.column_dimensions["A"].width = 100
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    for number, (text, colour) in enumerate(legend, start=1):
        cell = sheet.cell(number, 1, text)
        cell.data_type = "s"
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if number == 1:
            cell.font = Font(name=FONT, bold=True, size=13)
        if colour:
            cell.fill = PatternFill("solid", fgColor=colour)
        sheet.row_dimensions[number].height = 15 * (len(text) // 100 + 1) + 3


FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
"""What makes a spreadsheet read a CSV cell as a formula (OWASP, CSV injection), and the quote that escapes it."""


def csv_text_cell(text: str) -> str:
    """A text as a CSV cell that no spreadsheet runs: `=HYPERLINK(…)` is written `'=HYPERLINK(…)`.

    A text that starts with a quote gets one more, so that `text_of_csv_cell` gives back
    exactly the text written, byte for byte.
    """
    return "'" + text if text.startswith(FORMULA_START) else text


def text_of_csv_cell(cell: str) -> str:
    """The text `csv_text_cell` wrote (one leading quote before a formula sign removed)."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


def _csv_cell(value: object) -> str:
    """A cell for French spreadsheet software: decimal comma, dates as the project's language writes them (`31/12/2025`), texts never formulas."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    if isinstance(value, dt.date):
        return value.strftime(t("sheet.date.text"))
    if isinstance(value, str):
        return csv_text_cell(value)
    return str(value)


def csv_text(table: Table) -> str:
    """The table as CSV separated by `;` (what French spreadsheet software expects)."""
    stream = io.StringIO()
    writer = csv.writer(stream, delimiter=";", lineterminator="\r\n")
    writer.writerow([_csv_cell(value) for value in table.header])
    for row in table.rows:
        writer.writerow([_csv_cell(value) for value in row])
    return stream.getvalue()


def write_table(table: Table, target: Path) -> None:
    """Write `table` to `target`, as `.xlsx` or `.csv` after its suffix, atomically."""
    data = xlsx_bytes(table) if target.suffix.lower() == ".xlsx" else ("\ufeff" + csv_text(table)).encode("utf-8")
    replace_output(target.parent, target.name, lambda temporary: Path(temporary).write_bytes(data))


# Import ----------------------------------------------------------------------------


@dataclass
class CellProblem:
    """Ce qui ne va pas dans une cellule : `Suivi!C7`."""

    cell: str
    message: str


@dataclass
class Change:
    """One value to record: new (`old` is None) or replacing the one recorded."""

    indicator: str
    date: dt.date
    value: float
    old: float | None = None
    index: int | None = None
    """Position of the replaced entry in `measurements:`."""
    territory: str | None = None
    source: str | None = None
    set_source: bool = False
    """Write `source` on the entry: always for a new value that has one, for a replaced value only when its row's source was edited."""

    @property
    def shown(self) -> str:
        """The indicator as the report names it: `I-A1-1`, or `I-A1-1 (Meaux)` for a territory."""
        return f"{self.indicator} ({self.territory})" if self.territory else self.indicator


@dataclass
class ImportPlan:
    """What an import would do, or why it cannot."""

    sheet: str
    added: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: int = 0
    problems: list[CellProblem] = field(default_factory=list)


MAX_SHEET_BYTES = 10 * 1024 * 1024
"""The largest spreadsheet imported: 10 MiB (a tracking table of a town weighs 20 KB)."""
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
"""The most a workbook may unpack to (its XML parts together): 100 MiB, against zip bombs."""
MAX_ROWS = 10_000
"""The most rows read from a sheet: one per indicator, and a plan has hundreds at most."""
MAX_COLUMNS = 1_000
"""The most columns read: the nine of the indicator and one per measurement date."""


class SheetRefused(Refused):
    """The spreadsheet goes over a limit or holds what a tracking table never does (a DTD): nothing was written (exit 1)."""


def read_rows(path: Path) -> tuple[str, list[list[object]]]:
    """The name of the sheet (or CSV file) and its cell values, row by row.

    Limits first (`MAX_SHEET_BYTES`, `MAX_UNPACKED_BYTES`), then the rows as the file
    really holds them: a workbook's declared dimension (`A1:XFD1048576`, or a stale
    `A1:B2`) is ignored, and at most `MAX_ROWS` × `MAX_COLUMNS` cells are read. XML is
    parsed by defusedxml (openpyxl uses it when it is installed): a DTD or an entity is
    refused, never expanded.
    """
    suffix = path.suffix.lower()
    if not path.is_file():
        raise SpreadsheetError.of("sheet.not-found", path=path)
    if path.stat().st_size > MAX_SHEET_BYTES:
        raise SheetRefused.of("sheet.too-large", name=path.name, limit=MAX_SHEET_BYTES // 1_048_576)
    if suffix == ".xlsx":
        return _workbook_rows(path)
    if suffix == ".csv":
        return path.name, _csv_rows(path)
    raise SpreadsheetError.of("sheet.unsupported", suffix=path.suffix or path.name)


def _workbook_rows(path: Path) -> tuple[str, list[list[object]]]:
    import zlib
    from xml.etree.ElementTree import ParseError
    from zipfile import BadZipFile, ZipFile

    from defusedxml import DefusedXmlException
    from openpyxl import load_workbook

    damaged = (BadZipFile, zlib.error, EOFError, KeyError, ValueError, TypeError, IndexError, AttributeError, ParseError, OSError)
    try:
        with ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise SheetRefused.of("sheet.unpacks-too-large", name=path.name, limit=MAX_UNPACKED_BYTES // 1_048_576)
        book = load_workbook(path, read_only=True, data_only=True)
        try:
            if not book.worksheets:
                raise SpreadsheetError.of("sheet.no-worksheet", name=path.name)
            sheet = book.worksheets[0]
            sheet.reset_dimensions()  # the rows the file holds, not those it declares
            rows = []
            for row in sheet.iter_rows(values_only=True):
                if len(rows) == MAX_ROWS:
                    raise SheetRefused.of("sheet.too-many-rows", name=path.name, limit=MAX_ROWS)
                if len(row) > MAX_COLUMNS:
                    raise SheetRefused.of("sheet.too-many-columns", name=path.name, limit=MAX_COLUMNS)
                rows.append(list(row))
            return sheet.title, rows
        finally:
            book.close()
    except DefusedXmlException:
        raise SheetRefused.of("sheet.dtd", name=path.name) from None
    except damaged as error:
        if _caused_by(error, DefusedXmlException):  # openpyxl wraps the parser's refusal
            raise SheetRefused.of("sheet.dtd", name=path.name) from None
        raise SpreadsheetError.of("sheet.not-a-workbook", name=path.name, error=type(error).__name__ if not str(error) else error) from None


def _caused_by(error: BaseException, kind: type) -> bool:
    seen = error
    while seen is not None:
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _csv_rows(path: Path) -> list[list[object]]:
    """A CSV file's rows: UTF-8 (with or without BOM), UTF-16 with its BOM, else Windows-1252; any line end."""
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    first = text.splitlines()[0] if text else ""
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    # newline="": lines end at \n, \r\n or a lone \r; strict: an unclosed quote is an error, not one giant cell.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[object]] = []
    try:
        for row in reader:
            if len(rows) == MAX_ROWS:
                raise SheetRefused.of("sheet.too-many-rows", name=path.name, limit=MAX_ROWS)
            if len(row) > MAX_COLUMNS:
                raise SheetRefused.of("sheet.too-many-columns", name=path.name, limit=MAX_COLUMNS)
            if any("\n" in cell or "\r" in cell for cell in row if delimiter in cell):
                # A quote left open swallowed the next lines into one cell: their rows would be lost.
                raise SheetRefused.of("sheet.csv-quote", name=path.name, line=reader.line_num - sum(cell.count("\n") for cell in row))
            rows.append([text_of_csv_cell(cell) for cell in row])
    except csv.Error as error:
        problem = "csv-quote" if "unexpected end of data" in str(error) or "expected" in str(error) else "csv-field" if "field larger" in str(error) else "csv"
        raise SheetRefused.of(f"sheet.{problem}", name=path.name, line=reader.line_num, limit=csv.field_size_limit(), error=error) from None
    return rows


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_number(value: object) -> float | None:
    """A cell as a number (`12`, `12.5`, `12,5`, `1 234`), or None if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        cleaned = re.sub(r"[\s\u00a0\u202f]", "", value).replace(",", ".")
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", cleaned):
            return None
        number = float(cleaned)
    else:
        return None
    return number if math.isfinite(number) else None


def parse_period(value: object) -> dt.date | None:
    """A period header as a date: `2025-12-31`, `31/12/2025`, an Excel date, or a year (31 December)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer() and 1900 <= value <= 2200:
        return dt.date(int(value), 12, 31)
    if not isinstance(value, str):
        return None
    text = value.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    if re.fullmatch(r"(19|20|21)\d\d", text):
        return dt.date(int(text), 12, 31)
    return None


def _indicators(project: Project) -> dict[str, Indicator]:
    return {indicator.id: indicator for _, indicator in project.plan_indicators()}


def _headers() -> dict[str, str]:
    """Header (lowercase, in any language) → key of the description column it names."""
    found: dict[str, str] = {}
    for key in KEYS:
        for header in in_languages(lambda key=key: t(f"sheet.column.{key}")):
            found.setdefault(str(header).strip().lower(), key)
    return found


def _words(kind: str, code: str | None) -> set[str]:
    """How a cell may write a code: the code itself, or its word in any language."""
    if not code:
        return {""}
    return {code.lower(), *(str(shown).lower() for shown in in_languages(lambda: word(kind, code)))}


def _cell_date(value: object) -> dt.date | None | str:
    """A date cell as a date (an Excel date, `2025-12-31`, `31/12/2025`), None when blank, else the text."""
    if _blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(str(value).strip(), pattern).date()
        except ValueError:
            continue
    return str(value)


def close(a: float, b: float) -> bool:
    """Two numbers equal once through a spreadsheet: `0.1 + 0.2` and `0.3`, 15 significant digits."""
    return a == b or math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def same_cell(column: Described, held: object, cell: object) -> bool:
    """Whether a description cell still says what the project holds (numbers within a float round trip, dates by value)."""
    if column.form == "number":
        if held is None or _blank(cell):
            return held is None and _blank(cell)
        number = parse_number(cell)
        return number is not None and close(float(held), number)
    if column.form == "date":
        return _cell_date(cell) == held
    if column.form == "word":
        return ("" if _blank(cell) else str(cell).strip().lower()) in {str(held).lower()} | _words_of(column, held)
    return ("" if _blank(cell) else str(cell).strip()) == str(held or "").strip()


def _words_of(column: Described, shown: object) -> set[str]:
    """Every way of writing the word `shown` (the code and its word in each language)."""
    kind = column.key
    if not shown:
        return {""}
    for code in _codes(kind):
        if word(kind, code) == shown:
            return _words(kind, code)
    return {str(shown).lower()}


def _codes(kind: str) -> tuple[str, ...]:
    from typing import get_args

    from pst_cli.model.plan import Direction, Frequency

    return get_args(Direction if kind == "direction" else Frequency)


def _display(column: Described, value: object) -> str:
    if _blank(value):
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return (value.date() if isinstance(value, dt.datetime) else value).strftime(t("sheet.date.text"))
    if isinstance(value, float):
        return f"{value:g}"
    return str(value).strip()


def plan_import(project: Project, path: Path) -> ImportPlan:
    """Read the tracking table at `path` and say what importing it would change, or what is wrong."""
    from openpyxl.utils import get_column_letter

    name, rows = read_rows(path)
    result = ImportPlan(name)

    def problem(row: int, column: int, key: str, /, **values: object) -> None:
        result.problems.append(CellProblem(f"{name}!{get_column_letter(column + 1)}{row + 1}", t(key, **values)))

    if not rows:
        problem(0, 0, "sheet.empty")
        return result
    header = rows[0]
    first = "" if not header or _blank(header[0]) else str(header[0]).strip().lower()
    # The first header in either language: a table exported in English imports into a French project.
    if first not in ("identifiant", "id"):
        shown = "" if not header or _blank(header[0]) else str(header[0])
        problem(0, 0, "sheet.not-a-tracking-table", found=shown, expected=t("sheet.column.id"))
        return result
    width = max(len(row) for row in rows)
    filled = {col for row in rows[1:] for col, value in enumerate(row) if not _blank(value)}
    periods: dict[int, dt.date] = {}
    described: dict[str, int] = {}
    headers = _headers()
    for col in range(1, width):
        title = header[col] if col < len(header) else None
        key = None if _blank(title) or not isinstance(title, str) else headers.get(title.strip().lower())
        if key is not None and not periods and key not in described:
            described[key] = col
            continue
        if not periods and (_blank(title) or parse_period(title) is None):
            # A column before the periods that pst does not know (an older layout, a column of the user's): not read.
            continue
        if _blank(title):
            if col in filled:
                problem(0, col, "sheet.column-without-date")
            continue
        day = parse_period(title)
        if day is None:
            problem(0, col, "sheet.not-a-date", value=title)
        elif day in periods.values():
            problem(0, col, "sheet.date-twice", date=day.isoformat())
        else:
            periods[col] = day

    known = _indicators(project)
    by_row = {(row.indicator.id, row.territory): row for row in tracking_rows(project)}
    recorded: dict[tuple[str, str | None, dt.date], list[tuple[int, float]]] = {}
    for index, measurement in enumerate(project.measurements):
        recorded.setdefault((measurement.indicator, measurement.territory, measurement.date), []).append((index, measurement.value))
    period = project.config.period
    seen: dict[tuple[str, str | None], int] = {}
    for number, row in enumerate(rows[1:], start=1):
        if all(_blank(value) for value in row):
            continue
        ident = "" if _blank(row[0]) else str(row[0]).strip()
        if not ident:
            problem(number, 0, "sheet.row-without-id")
            continue
        if ident not in known:
            close_ids = difflib.get_close_matches(ident, list(known), n=1, cutoff=0.6)
            suggestion = t("sheet.did-you-mean", name=close_ids[0]) if close_ids else ""
            problem(number, 0, "sheet.unknown-indicator", id=ident, suggestion=suggestion)
            continue
        cells = {key: (row[col] if col < len(row) else None) for key, col in described.items()}
        territory = None if _blank(cells.get("territory")) else str(cells["territory"]).strip()
        tracked = by_row.get((ident, territory))
        if tracked is None:
            indicator = known[ident]
            listed = ", ".join(indicator.territories)
            key = "sheet.territory-missing" if not territory else "sheet.unknown-territory" if listed else "sheet.not-territorial"
            problem(number, described.get("territory", 0), key, id=ident, territory=territory or "", territories=listed)
            continue
        if (ident, territory) in seen:
            problem(number, 0, "sheet.indicator-twice", id=tracked.shown, row=seen[(ident, territory)] + 1)
            continue
        seen[(ident, territory)] = number
        before = len(result.problems)
        for column in TRACKING_COLUMNS:
            if column.key in ("id", "territory", "measurement-source") or column.key not in described:
                continue
            held = tracked.described(column.key)
            if not same_cell(column, held, cells[column.key]):
                relpath, line, _ = project.where(tracked.indicator, *column.inside)
                problem(number, described[column.key], "sheet.cannot-write-back", column=t(f"sheet.column.{column.key}"),
                        id=tracked.shown, old=_display(column, held) or t("sheet.blank"), new=_display(column, cells[column.key]) or t("sheet.blank"),
                        place=f"{relpath}:{line}")
        if len(result.problems) > before:
            continue
        shown_source, holder = tracked.source()
        given = None if _blank(cells.get("measurement-source")) else str(cells["measurement-source"]).strip()
        source_edited = "measurement-source" in described and given != (shown_source.strip() if shown_source else None)
        row_changes: list[Change] = []
        for col, day in periods.items():
            cell = row[col] if col < len(row) else None
            if _blank(cell):
                continue
            value = parse_number(cell)
            if value is None:
                problem(number, col, "sheet.not-a-number", value=cell)
                continue
            existing = recorded.get((ident, territory, day), [])
            if any(close(old, value) for _, old in existing):
                result.unchanged += 1
                continue
            if not period.contains(day):
                end = period.end.isoformat() if period.end else "…"
                problem(number, col, "sheet.outside-period", date=day.isoformat(), start=period.start.isoformat(), end=end)
                continue
            if existing:
                index, old = existing[-1]
                change = Change(ident, day, value, old, index, territory=territory, source=given if source_edited else None,
                                set_source=source_edited and given is not None)
                result.changed.append(change)
            else:
                change = Change(ident, day, value, territory=territory, source=given, set_source=given is not None)
                result.added.append(change)
            row_changes.append(change)
        if source_edited and not row_changes and len(result.problems) == before:
            relpath, line, _ = project.where(holder, "source")
            problem(number, described["measurement-source"], "sheet.source-alone", id=tracked.shown,
                    old=shown_source or t("sheet.blank"), new=given or t("sheet.blank"), place=f"{relpath}:{line}")
    result.added.sort(key=lambda change: change.date)
    return result


def _sequence_indent(text: str) -> tuple[int, int]:
    """(sequence, offset) indentation of the `measurements:` list, as the file writes it."""
    match = re.search(r"^measurements:[ \t]*(?:#.*)?\n(?:[ \t]*(?:#.*)?\n)*([ ]*)- ", text, re.MULTILINE)
    offset = len(match.group(1)) if match else 2
    return offset + 2, offset


def apply_import(project: Project, plan: ImportPlan) -> Path | None:
    """Record the plan's values in `evaluation/measurements.yaml`; None when there is nothing to write."""
    if plan.problems or not (plan.added or plan.changed):
        return None

    target = project.root / MEASUREMENTS_FILE
    with project_lock(project.root):
        # Compare before replace: the file must still be the one the plan was made from.
        loaded = project.files.get(MEASUREMENTS_FILE)
        if _current_text(target) != (loaded.text if loaded else None):
            raise Refused.of("files.changed-underneath", path=target)
        return _apply(project, plan, target)


def _current_text(target: Path) -> str | None:
    try:
        return target.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        return ""


def _apply(project: Project, plan: ImportPlan, target: Path) -> Path:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    loaded = project.files.get(MEASUREMENTS_FILE)
    text = loaded.text if loaded and loaded.text.strip() else _MODELINE + "\nmeasurements: []\n"
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    # Several new entries share one date object: never write it as an anchor and aliases.
    yaml.representer.ignore_aliases = lambda data: True
    sequence, offset = _sequence_indent(text)
    yaml.indent(mapping=2, sequence=sequence, offset=offset)
    data = yaml.load(text)
    if not isinstance(data, CommentedMap):  # a file of comments only
        data = yaml.load(text + "\nmeasurements: []\n")
    entries = data.get("measurements")
    if not isinstance(entries, CommentedSeq) or not entries:
        # An empty `measurements: []` is written in flow style; new entries read better as a block.
        fresh = CommentedSeq(list(entries or []))
        fresh.fa.set_block_style()
        data["measurements"] = fresh
        entries = fresh
    for change in plan.changed:
        entry = entries[change.index]
        entry["value"] = _number(change.value)
        if change.set_source:
            if "source" in entry:
                entry["source"] = change.source
            else:  # in the schema's order: right after the value
                entry.insert(list(entry).index("value") + 1, "source", change.source)
    for change in plan.added:
        entry = CommentedMap()
        entry["indicator"] = change.indicator
        entry["date"] = change.date
        entry["value"] = _number(change.value)
        if change.set_source:
            entry["source"] = change.source
        if change.territory:
            entry["territory"] = change.territory
        entries.append(entry)
    stream = io.StringIO()
    yaml.dump(data, stream)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_user_file(project.root, target, stream.getvalue())
    return target
