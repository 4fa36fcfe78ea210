"""Spreadsheets in and out: the tracking table (tableau de suivi) and lists for partners.

Export writes one sheet (`.xlsx`, with openpyxl) or one CSV file. Import reads the
tracking table back into `evaluation/measurements.yaml`.

The tracking table has one row per indicator. Columns A–I describe the indicator
(identifiant, intitulé, objectif ou action, unité, sens, départ, date de départ, cible,
date de cible) and are ignored on import: the plan is written in YAML, not in the sheet.
From column J on, each column is one period; **its header is the date of the
measurements it holds** (`2025-12-31`), so a value read back lands on exactly the date
it was exported with. The columns are the dates of the existing measurements plus the
31 December of each year of the project (the project's last day for a period that ends
earlier). On import a header may also be written `31/12/2025`, be an Excel date, or be
a year alone (`2025` → 31 December).

Import is all or nothing: every row is checked first (unknown indicator ids,
non-numbers, dates outside the project period, each reported as `Suivi!C7: …`), and
`measurements.yaml` is written only when no problem was found. A value equal to the one
already recorded for that indicator and date changes nothing, so exporting then
importing leaves every file byte-identical. A different value replaces the recorded one;
a new value is appended at the end of the file, keeping its comments (ruamel.yaml
round trip), through an atomic write.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from pst_cli.errors import PstError, Refused
from pst_cli.files import project_lock, replace_output, write_user_file
from pst_cli.i18n import t
from pst_cli.model.plan import Indicator
from pst_cli.project.aggregate import Project

MEASUREMENTS_FILE = "evaluation/measurements.yaml"
FIXED_COLUMNS = 9
"""Columns A–I of the tracking table describe the indicator; periods start at column J."""
_MODELINE = "# yaml-language-server: $schema=../.pst/schemas/measurements.schema.json\n"


class SpreadsheetError(PstError):
    """The spreadsheet cannot be read at all (wrong kind of file, damaged file)."""


# Export ----------------------------------------------------------------------------


@dataclass
class Table:
    """One sheet: its name, header row, rows, and the width of each column (in characters)."""

    name: str
    header: list[str]
    rows: list[list[object]]
    widths: list[int]
    freeze: str = "B2"


def _number(value: float | None) -> int | float | None:
    """Whole numbers as integers, so that `9` is not written `9.0`."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def period_dates(project: Project) -> list[dt.date]:
    """Dates of the period columns: every measurement date, and 31 December of each project year."""
    period = project.config.period
    dates = {m.date for m in project.measurements}
    end = period.horizon(dt.date.today())  # an open period is followed up to the current year
    for year in range(period.start.year, end.year + 1):
        day = min(dt.date(year, 12, 31), end)
        if day >= period.start:
            dates.add(day)
    return sorted(dates)


def _header(*columns: str) -> list[str]:
    return [t(f"sheet.column.{column}") for column in columns]


def tracking_table(project: Project) -> Table:
    """Le tableau de suivi : one row per indicator, one column per measurement date."""
    dates = period_dates(project)
    values: dict[tuple[str, dt.date], float] = {}
    for measurement in project.measurements:
        # A later entry for the same indicator and date wins, as it would in `pst status`.
        values[(measurement.indicator, measurement.date)] = measurement.value
    header = [
        *_header("id", "indicator", "carrier", "unit", "direction", "baseline", "baseline-date", "target", "target-date"),
        *[day.isoformat() for day in dates],
    ]
    rows = []
    for carrier, indicator in project.plan_indicators():
        rows.append(
            [
                indicator.id,
                indicator.label,
                getattr(carrier, "id", ""),
                indicator.unit or "",
                t(f"sheet.direction.{indicator.direction}"),
                _number(indicator.baseline.value) if indicator.baseline else None,
                indicator.baseline.date if indicator.baseline else None,
                _number(indicator.target.value) if indicator.target else None,
                indicator.target.date if indicator.target else None,
                *[_number(values.get((indicator.id, day))) for day in dates],
            ]
        )
    widths = [16, 50, 14, 14, 10, 10, 13, 10, 13, *[12] * len(dates)]
    return Table(t("sheet.name.measurements"), header, rows, widths, freeze="C2")


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
            ind.id, ind.label, getattr(carrier, "id", ""), ind.type, ind.definition or "", ind.unit or "", ind.direction,
            _number(base.value) if base else None, base.date if base else None, (base.source or "") if base else "",
            _number(target.value) if target else None, target.date if target else None,
            ind.source or "", ind.frequency or "", ind.owner or "",
        ])
    return Table(t("sheet.name.indicators"), header, rows, [16, 50, 14, 12, 50, 14, 10, 10, 13, 30, 10, 13, 40, 14, 16], "C2")


def actions_table(project: Project) -> Table:
    """One row per action sheet: objectives, people in charge, dates, cost and funding."""
    header = _header("id", "action", "objectives", "lead", "referent", "publics", "start", "end", "status", "fte", "cost", "funding", "funders")
    rows = []
    for action in project.actions:
        funders = list(dict.fromkeys(line.funder for line in action.budget if line.funder))
        rows.append([
            action.id, action.title, ", ".join(action.objectives), action.lead or "", action.referent or "",
            ", ".join(action.publics), action.start, action.end, action.status, _number(action.staff_fte),
            _number(sum(line.amount for line in action.budget)),
            _number(sum(line.amount for line in action.budget if line.status == "acquis")), ", ".join(funders),
        ])
    return Table(t("sheet.name.actions"), header, rows, [10, 45, 30, 18, 18, 25, 12, 12, 12, 8, 14, 18, 30], "C2")


def stakeholders_table(project: Project) -> Table:
    """One row per stakeholder, without personal data (names, e-mails, phones stay out)."""
    header = _header("id", "name", "category", "organisation", "role", "influence", "interest", "headcount")
    rows = [
        [s.id, s.name, s.category, s.organisation or "", s.role or "", s.influence, s.interest, s.group.count if s.group else None]
        for s in project.stakeholders
    ]
    return Table(t("sheet.name.stakeholders"), header, rows, [20, 40, 24, 30, 50, 10, 10, 16], "C2")


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
    """The table as an Excel workbook: styled header, frozen panes, column widths."""
    from openpyxl import Workbook

    book = Workbook()
    fill_sheet(book.active, table)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def fill_sheet(sheet, table: Table) -> None:
    """Write `table` into an openpyxl sheet: its name, styled header, rows, dates, column widths, frozen panes."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet.title = table.name
    sheet.append(table.header)
    for row in table.rows:
        sheet.append(row)
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="1F4E79")
    for cell in sheet[1]:
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in sheet.iter_rows(min_row=1):
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(cell.value, str):
                # openpyxl makes a formula of any text that starts with `=`: a label is text.
                cell.data_type = "s"
    for index, width in enumerate(table.widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = table.freeze


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
    """A cell for French spreadsheet software: decimal comma, ISO dates, texts never formulas."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    if isinstance(value, dt.date):
        return value.isoformat()
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
    for col in range(1, width):
        title = header[col] if col < len(header) else None
        if col < FIXED_COLUMNS and (_blank(title) or parse_period(title) is None):
            # A column of the indicator's description; a date here means one was deleted
            # before it, and the period moved left: it is read all the same.
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
    recorded: dict[tuple[str, dt.date], list[tuple[int, float]]] = {}
    for index, measurement in enumerate(project.measurements):
        recorded.setdefault((measurement.indicator, measurement.date), []).append((index, measurement.value))
    period = project.config.period
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=1):
        if all(_blank(value) for value in row):
            continue
        ident = "" if _blank(row[0]) else str(row[0]).strip()
        if not ident:
            problem(number, 0, "sheet.row-without-id")
            continue
        if ident not in known:
            close = difflib.get_close_matches(ident, list(known), n=1, cutoff=0.6)
            suggestion = t("sheet.did-you-mean", name=close[0]) if close else ""
            problem(number, 0, "sheet.unknown-indicator", id=ident, suggestion=suggestion)
            continue
        if ident in seen:
            problem(number, 0, "sheet.indicator-twice", id=ident, row=seen[ident] + 1)
            continue
        seen[ident] = number
        for col, day in periods.items():
            cell = row[col] if col < len(row) else None
            if _blank(cell):
                continue
            value = parse_number(cell)
            if value is None:
                problem(number, col, "sheet.not-a-number", value=cell)
                continue
            existing = recorded.get((ident, day), [])
            if any(old == value for _, old in existing):
                result.unchanged += 1
                continue
            if not period.contains(day):
                end = period.end.isoformat() if period.end else "…"
                problem(number, col, "sheet.outside-period", date=day.isoformat(), start=period.start.isoformat(), end=end)
                continue
            if existing:
                index, old = existing[-1]
                result.changed.append(Change(ident, day, value, old, index))
            else:
                result.added.append(Change(ident, day, value))
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
        entries[change.index]["value"] = _number(change.value)
    for change in plan.added:
        entry = CommentedMap()
        entry["indicator"] = change.indicator
        entry["date"] = change.date
        entry["value"] = _number(change.value)
        entries.append(entry)
    stream = io.StringIO()
    yaml.dump(data, stream)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_user_file(project.root, target, stream.getvalue())
    return target
