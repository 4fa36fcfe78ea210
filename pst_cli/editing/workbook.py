"""`pst export --what plan` and `pst import plan FILE [DIR]`: the whole plan in one workbook, and back.

One sheet per kind — axes and objectives, indicators, actions, stakeholders, enjeux —
with the ids in the first column, French headers (the project's language), lists of
allowed words as data validation, and a first sheet that explains the rules to someone
who never saw a YAML file. The colleagues edit labels, targets, owners, statuses; add
rows with an empty id; the consultant imports the workbook back:

- a changed cell changes that value in its file, written in place of the old one
  (`yamledit`): nothing else of the file moves, comments and key order included;
- a row with an empty id is a new entity, with the id `pst add` would give it
  (`add.plan_edit`, the same placement and file names);
- a row that disappeared is refused, unless `--allow-delete`;
- it is all or nothing: every cell is read and checked first, each problem named by
  its cell (`Indicateurs!I7`), and the files are written only when there is none and
  the resulting project brings no new error (`checked.write_checked`).

An export followed by an import with no edit writes nothing: the files stay byte for
byte as they were.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from pst_cli.editing.add import plan_edit
from pst_cli.editing.checked import write_checked
from pst_cli.editing.yamledit import DELETE, edit_text
from pst_cli.errors import PstError, Refused
from pst_cli.i18n import t
from pst_cli.model.plan import Baseline, Target
from pst_cli.monitoring.spreadsheet import (
    SpreadsheetError,
    Table,
    _blank,
    _number,
    fill_sheet,
    in_languages,
    parse_number,
    writable_target,
)
from pst_cli.project.aggregate import Project
from pst_cli.project.roundtrip import new_mapping, read
from pst_cli.word.package import OLE_MAGIC, WordError, check_zip

MAX_WORKBOOK_BYTES = 50 * 1024 * 1024
MAX_ROWS = 20_000
SHEETS = ("axes", "indicators", "actions", "stakeholders", "challenges")


# Columns ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its header (`plan-sheet.column.<key>`), the field it shows, how its cells read."""

    key: str
    field: str | None
    """Dotted path of the field in the entity (`target.value`), None for the id and the structure columns."""
    form: str = "text"
    """`id`, `text`, `number`, `integer`, `date`, `list`, or `choice`."""
    width: int = 20
    choices: str | None = None
    required: bool = False


COLUMNS: dict[str, tuple[Column, ...]] = {
    "axes": (
        Column("id", None, "id", 16),
        Column("level", None, "choice", 22, "level", True),
        Column("parent", None, "text", 14),
        Column("title", "title", "text", 70, required=True),
        Column("description", "description", "text", 60),
    ),
    "indicators": (
        Column("id", None, "id", 16),
        Column("label", "label", "text", 60, required=True),
        Column("carrier", None, "text", 16, required=True),
        Column("type", "type", "choice", 14, "type"),
        Column("unit", "unit", "text", 16),
        Column("direction", "direction", "choice", 10, "direction"),
        Column("baseline", "baseline.value", "number", 10),
        Column("baseline-date", "baseline.date", "date", 13),
        Column("target", "target.value", "number", 10),
        Column("target-date", "target.date", "date", 13),
        Column("frequency", "frequency", "choice", 14, "frequency"),
        Column("owner", "owner", "text", 20, "stakeholder"),
        Column("source", "source", "text", 40),
        Column("definition", "definition", "text", 50),
    ),
    "actions": (
        Column("id", None, "id", 10),
        Column("title", "title", "text", 45, required=True),
        Column("objectives", "objectives", "list", 30),
        Column("lead", "lead", "text", 20, "stakeholder"),
        Column("referent", "referent", "text", 20, "stakeholder"),
        Column("publics", "publics", "list", 25),
        Column("start", "start", "date", 12),
        Column("end", "end", "date", 12),
        Column("status", "status", "choice", 12, "status"),
    ),
    "stakeholders": (
        Column("id", None, "id", 22),
        Column("name", "name", "text", 40, required=True),
        Column("category", "category", "choice", 26, "category", True),
        Column("organisation", "organisation", "text", 30),
        Column("role", "role", "text", 50),
        Column("influence", "influence", "integer", 10),
        Column("interest", "interest", "integer", 10),
    ),
    "challenges": (
        Column("id", None, "id", 8),
        Column("label", "label", "text", 70, required=True),
        Column("priority", "priority", "integer", 10),
        Column("challenge-status", "status", "choice", 12, "challenge-status"),
        Column("description", "description", "text", 60),
    ),
}

CHOICES = {
    "level": (("axis", "plan-sheet.level.axis"), ("general", "plan-sheet.level.general"), ("operational", "plan-sheet.level.operational")),
    "type": tuple((code, f"value.{code}") for code in ("contexte", "moyens", "realisation", "resultat", "impact")),
    "direction": tuple((code, f"sheet.direction.{code}") for code in ("increase", "decrease", "maintain")),
    "frequency": tuple((code, f"value.{code}") for code in
                       ("mensuelle", "trimestrielle", "semestrielle", "annuelle", "biennale", "fin-de-projet", "ponctuelle")),
    "status": tuple((code, f"value.{code}") for code in ("prevue", "en-cours", "realisee", "abandonnee")),
    "category": tuple((code, f"plan-sheet.category.{code}") for code in
                      ("elu", "technicien", "habitant", "benevole", "partenaire-institutionnel", "partenaire-associatif", "financeur")),
    "challenge-status": tuple((code, f"plan-sheet.challenge-status.{code}") for code in ("retenu", "propose", "fusionne", "ecarte")),
}
"""Choice lists: the code of the file format, and the catalogue key of the word the sheet shows."""


def _word(choices: str, code: object) -> str:
    if code is None:
        return ""
    key = dict(CHOICES[choices]).get(code)
    return t(key) if key else str(code)


class _Words:
    """Words of the sheets in every language: choice words → codes, headers, sheet names."""

    def __init__(self) -> None:
        self.codes: dict[str, dict[str, str]] = {}
        for choices, pairs in CHOICES.items():
            table: dict[str, str] = {}
            for words in in_languages(lambda pairs=pairs: [(code, t(key)) for code, key in pairs]):
                for code, word in words:
                    table.setdefault(word.lower(), code)
                    table.setdefault(code, code)
            self.codes[choices] = table
        self.headers = {c: {h.lower() for h in in_languages(lambda c=c: _header(c))} for kind in COLUMNS for c in COLUMNS[kind]}
        self.sheets = {name: kind for kind in SHEETS for name in in_languages(lambda kind=kind: sheet_name(kind))}

    def code(self, choices: str, value: str) -> str | None:
        return self.codes[choices].get(value.strip().lower())


def _header(column: Column) -> str:
    return t(f"plan-sheet.column.{column.key}")


def sheet_name(kind: str) -> str:
    return t(f"plan-sheet.name.{kind}")


# What each sheet shows ---------------------------------------------------------------


def _get(entity: BaseModel, path: str) -> object:
    value: object = entity
    for part in path.split("."):
        value = getattr(value, part, None) if value is not None else None
    return value


def _cell(column: Column, value: object) -> object:
    """What a cell shows for a value of the project."""
    if value is None:
        return None
    if column.form == "choice":
        return _word(column.choices, value)
    if column.form == "list":
        return ", ".join(value)
    if column.form == "number":
        return _number(value)
    return value


def entities(project: Project, kind: str) -> list[tuple[BaseModel, dict]]:
    """The entities a sheet lists, in the order of the project, with their structure columns (level, parent, carrier)."""
    if kind == "axes":
        rows: list[tuple[BaseModel, dict]] = []
        for axis in project.axes:
            rows.append((axis, {"level": "axis", "parent": ""}))
            for general in axis.general_objectives:
                rows.append((general, {"level": "general", "parent": axis.id}))
                rows += [(operational, {"level": "operational", "parent": general.id}) for operational in general.operational_objectives]
        return rows
    if kind == "indicators":
        return [(indicator, {"carrier": getattr(carrier, "id", "")}) for carrier, indicator in project.plan_indicators()]
    if kind == "actions":
        return [(action, {}) for action in project.actions]
    if kind == "stakeholders":
        return [(stakeholder, {}) for stakeholder in project.stakeholders]
    return [(challenge, {}) for challenge in project.challenges]


def row_of(kind: str, entity: BaseModel, structure: dict) -> list[object]:
    out = []
    for column in COLUMNS[kind]:
        if column.form == "id":
            out.append(entity.id)
        elif column.field is None:
            value = structure.get(column.key, "")
            out.append(_word(column.choices, value) if column.choices else value)
        else:
            out.append(_cell(column, _get(entity, column.field)))
    return out


def tables(project: Project) -> list[Table]:
    return [
        Table(sheet_name(kind), [_header(c) for c in COLUMNS[kind]], [row_of(kind, e, s) for e, s in entities(project, kind)],
              [c.width for c in COLUMNS[kind]], freeze="B2")
        for kind in SHEETS
    ]


# Export ----------------------------------------------------------------------------


def workbook_bytes(project: Project) -> bytes:
    """The workbook: a sheet that explains, then one sheet per kind, with lists to choose from."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from pst_cli.monitoring.spreadsheet import FONT

    book = Workbook()
    guide = book.active
    guide.title = t("plan-sheet.name.readme")
    guide.column_dimensions["A"].width = 110
    guide.append([t("plan-sheet.readme.title", title=project.config.title)])
    guide["A1"].font = Font(name=FONT, bold=True, size=14)
    for key in ("what", "ids", "edit", "add", "delete", "lists", "layout", "import"):
        guide.append([t(f"plan-sheet.readme.{key}")])
    for row in guide.iter_rows(min_row=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
        guide.row_dimensions[row[0].row].height = 15 * (len(str(row[0].value)) // 100 + 1) + 4
    stakeholder_range = f"'{sheet_name('stakeholders')}'!$A$2:$A${max(len(project.stakeholders) + 200, 200)}"
    grey = PatternFill("solid", fgColor="E7E6E6")
    for kind, table in zip(SHEETS, tables(project), strict=True):
        sheet = book.create_sheet()
        fill_sheet(sheet, table)
        last = max(len(table.rows) + 200, 200)
        for index, column in enumerate(COLUMNS[kind], start=1):
            letter = get_column_letter(index)
            cells = f"{letter}2:{letter}{last}"
            for row in sheet.iter_rows(min_row=2, max_row=len(table.rows) + 1, min_col=index, max_col=index):
                row[0].alignment = Alignment(wrap_text=column.form == "text" and column.width >= 40, vertical="top")
                if column.form == "id":
                    row[0].fill = grey
                elif column.form == "date":
                    row[0].number_format = "yyyy-mm-dd"
            validation = None
            if column.choices == "stakeholder":
                validation = DataValidation(type="list", formula1=f"={stakeholder_range}", allow_blank=True)
            elif column.choices:
                words = ",".join(t(key) for _, key in CHOICES[column.choices])
                validation = DataValidation(type="list", formula1=f'"{words}"', allow_blank=not column.required)
            elif column.form == "integer" and column.key in ("influence", "interest"):
                validation = DataValidation(type="whole", operator="between", formula1="1", formula2="5", allow_blank=True)
            elif column.form == "number":
                validation = DataValidation(type="decimal", operator="between", formula1="-1000000000", formula2="1000000000", allow_blank=True)
            elif column.form == "date":
                validation = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
            if validation is not None:
                validation.error = t(f"plan-sheet.validation.{'list' if column.choices else column.form}")
                validation.prompt = validation.error
                validation.errorTitle = _header(column)
                validation.showErrorMessage = True
                sheet.add_data_validation(validation)
                validation.add(cells)
        _heights(sheet, kind, table)
        if kind == "axes":
            _outline(sheet, table)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _heights(sheet, kind: str, table: Table) -> None:
    """Rows as high as their longest wrapped text, so that nothing is hidden when the sheet is printed or opened."""
    for number, row in enumerate(table.rows, start=2):
        lines = 1
        for column, value in zip(COLUMNS[kind], row, strict=True):
            if column.form == "text" and column.width >= 40 and value:
                lines = max(lines, -(-len(str(value)) * 11 // (column.width * 10)))
        if lines > 1:
            sheet.row_dimensions[number].height = 15 * lines


def _outline(sheet, table: Table) -> None:
    """The axes in bold, the objectives indented under them: the hierarchy reads at a glance."""
    from openpyxl.styles import Alignment, Font

    from pst_cli.monitoring.spreadsheet import FONT

    for number, row in enumerate(table.rows, start=2):
        level = {t("plan-sheet.level.axis"): 0, t("plan-sheet.level.general"): 1}.get(row[1], 2)
        title = sheet.cell(number, 4)
        title.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left", indent=level * 2)
        if level < 2:
            for cell in sheet[number]:
                cell.font = Font(name=FONT, bold=True)


def export_plan(project: Project, to: str, output: Path | None = None, force: bool = False) -> Path:
    """Write the plan workbook (`build/plan.xlsx` by default); an existing file is replaced only with `force`."""
    from pst_cli.files import write_bytes_atomic

    if to != "xlsx":
        raise PstError.of("plan-sheet.xlsx-only", to=to)
    target = writable_target(project, "plan", to, output, force)
    write_bytes_atomic(target, workbook_bytes(project))
    return target


# Reading a workbook back -------------------------------------------------------------


@dataclass
class CellProblem:
    cell: str
    message: str


@dataclass
class Edit:
    """A value that changes: the entity, the field, the old and new values, the cell."""

    cell: str
    entity: str
    field: str
    old: object
    new: object
    relpath: str = ""
    loc: tuple = ()
    model: type[BaseModel] | None = None
    """The model of the mapping that holds the value (a new key takes its place in the schema's order)."""


@dataclass
class Addition:
    cell: str
    kind: str
    """The kind of `pst add`: axis, objective, indicator, action, stakeholder, challenge."""
    values: dict
    label: str
    id: str = ""


@dataclass
class Deletion:
    kind: str
    entity: str
    label: str
    relpath: str
    loc: tuple


@dataclass
class PlanImport:
    edits: list[Edit] = field(default_factory=list)
    additions: list[Addition] = field(default_factory=list)
    deletions: list[Deletion] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)
    unchanged: int = 0
    written: list[str] = field(default_factory=list)


def read_sheets(path: Path) -> dict[str, list[list[object]]]:
    """Every sheet of a workbook: name → rows of cell values; refused when it is not a readable `.xlsx`."""
    if not path.is_file():
        raise SpreadsheetError.of("sheet.not-found", path=path)
    if path.suffix.lower() != ".xlsx":
        raise SpreadsheetError.of("plan-sheet.not-xlsx", name=path.name)
    if path.stat().st_size > MAX_WORKBOOK_BYTES:
        raise SpreadsheetError.of("plan-sheet.too-large", name=path.name, limit=MAX_WORKBOOK_BYTES // 1_048_576)
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == OLE_MAGIC:
        raise SpreadsheetError.of("plan-sheet.ole", name=path.name)
    if not head.startswith(b"PK"):
        raise SpreadsheetError.of("sheet.not-a-workbook", name=path.name, error=t("plan-sheet.not-a-zip"))
    try:
        check_zip(path, "xl/workbook.xml", lambda: SpreadsheetError.of("sheet.not-a-workbook", name=path.name, error=t("plan-sheet.not-a-zip")))
    except WordError as error:
        if isinstance(error, SpreadsheetError):
            raise
        raise SpreadsheetError.of("sheet.not-a-workbook", name=path.name, error=t("plan-sheet.damaged")) from None
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError, TypeError) as error:
        raise SpreadsheetError.of("sheet.not-a-workbook", name=path.name, error=error) from None
    sheets = {}
    try:
        for sheet in book.worksheets:
            rows = []
            for row in sheet.iter_rows(values_only=True):
                rows.append(list(row))
                if len(rows) > MAX_ROWS:
                    raise SpreadsheetError.of("plan-sheet.too-many-rows", name=sheet.title, limit=MAX_ROWS)
            sheets[sheet.title] = rows
    finally:
        book.close()
    return sheets


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _parse(column: Column, raw: object, words: _Words) -> tuple[object, str | None]:
    """(value, problem) of a cell: the value in the form of the file format, or the catalogue key of what is wrong."""
    if _blank(raw):
        return None, None
    if column.form in ("id", "text"):
        # As the schema reads a text: trimmed, nothing else (no-break spaces inside « » are the author's).
        return str(raw).strip(), None
    if column.form == "number":
        number = parse_number(raw)
        return (number, None) if number is not None else (None, "plan-sheet.not-a-number")
    if column.form == "integer":
        number = parse_number(raw)
        return (int(number), None) if number is not None and number.is_integer() else (None, "plan-sheet.not-an-integer")
    if column.form == "date":
        if isinstance(raw, dt.datetime):
            return raw.date(), None
        if isinstance(raw, dt.date):
            return raw, None
        for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                return dt.datetime.strptime(str(raw).strip(), pattern).date(), None
            except ValueError:
                continue
        return None, "plan-sheet.not-a-date"
    if column.form == "list":
        return [part.strip() for part in re.split(r"[,;]", str(raw)) if part.strip()], None
    code = words.code(column.choices, str(raw))
    return (code, None) if code is not None else (None, "plan-sheet.not-a-choice")


def shown(value: object) -> str:
    """A value as the report prints it: a baseline or target as `value (date)`, nothing for a removed one."""
    if value is DELETE or value is None:
        return ""
    if isinstance(value, dict):
        return f"{_number(value.get('value'))} ({value.get('date')})"
    if isinstance(value, BaseModel):
        return shown(value.model_dump())
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, float):
        return str(_number(value))
    return str(value)


def _same(old: object, new: object) -> bool:
    if old in (None, "", []) and new in (None, "", []):
        return True
    if isinstance(old, (int, float)) and isinstance(new, (int, float)) and not isinstance(old, bool):
        return float(old) == float(new)
    return old == new


def read_plan(project: Project, path: Path) -> PlanImport:
    """What importing the workbook at `path` would change in `project`, or the cells that are wrong."""
    sheets = read_sheets(path)
    words = _Words()
    plan = PlanImport()
    by_kind: dict[str, tuple[str, list[list[object]]]] = {}
    for name, rows in sheets.items():
        if name in words.sheets:
            by_kind.setdefault(words.sheets[name], (name, rows))
    missing = [sheet_name(kind) for kind in SHEETS if kind not in by_kind]
    if missing:
        raise SpreadsheetError.of("plan-sheet.missing-sheets", name=path.name, missing=", ".join(missing), found=", ".join(sheets))
    for kind in SHEETS:
        name, rows = by_kind[kind]
        header = rows[0] if rows else []
        for index, column in enumerate(COLUMNS[kind]):
            found = header[index] if index < len(header) else None
            if _blank(found) or str(found).strip().lower() not in words.headers[column]:
                raise SpreadsheetError.of("plan-sheet.wrong-column", cell=f"{name}!{_letter(index)}1", expected=_header(column),
                                          found="" if _blank(found) else str(found))
    seen: dict[str, tuple[str, str, tuple]] = {}
    for kind in SHEETS:
        name, rows = by_kind[kind]
        _read_sheet(project, kind, name, rows, plan, words, seen)
    for ident, (cell, relpath, loc) in seen.items():
        for deletion in plan.deletions:
            if deletion.relpath == relpath and loc[: len(deletion.loc)] == deletion.loc and loc != deletion.loc:
                plan.problems.append(CellProblem(cell, t("plan-sheet.parent-deleted", id=ident, parent=deletion.entity)))
    return plan


def _read_sheet(project: Project, kind: str, name: str, rows: list[list[object]], plan: PlanImport, words: _Words, seen: dict) -> None:
    columns = COLUMNS[kind]
    known = {entity.id: (entity, structure) for entity, structure in entities(project, kind)}
    here: dict[str, int] = {}

    def problem(row: int, index: int, key: str, **values: object) -> None:
        plan.problems.append(CellProblem(f"{name}!{_letter(index)}{row + 1}", t(key, **values)))

    for number, raw in enumerate(rows[1:], start=1):
        raw = list(raw) + [None] * (len(columns) - len(raw))
        if all(_blank(value) for value in raw[: len(columns)]):
            continue
        values: dict[str, object] = {}
        bad = False
        for index, column in enumerate(columns):
            value, wrong = _parse(column, raw[index], words)
            if wrong:
                choices = ", ".join(t(key) for _, key in CHOICES[column.choices]) if column.choices in CHOICES else ""
                problem(number, index, wrong, value=raw[index], choices=choices)
                bad = True
            values[column.key] = value
        ident = values["id"] if values["id"] is not None else (str(raw[0]).strip() if not _blank(raw[0]) else None)
        if ident and ident in here:
            problem(number, 0, "plan-sheet.id-twice", id=ident, row=here[ident] + 1)
            continue
        if ident:
            here[ident] = number  # a row with a wrong cell is still there: not a deletion
        if bad:
            continue
        for index, column in enumerate(columns):
            if column.required and values[column.key] in (None, "", []):
                problem(number, index, "plan-sheet.required", column=_header(column))
                bad = True
        if bad:
            continue
        if ident and ident in known:
            entity = known[ident][0]
            seen[ident] = (f"{name}!A{number + 1}", *project.places[id(entity)])
            _compare(project, name, number, kind, known[ident], values, plan, problem)
        elif ident and kind != "stakeholders":
            problem(number, 0, "plan-sheet.unknown-id", id=ident)
        else:
            addition = _addition(project, kind, f"{name}!A{number + 1}", values, problem, number)
            if addition is not None:
                plan.additions.append(addition)
    for ident, (entity, _) in known.items():
        if ident not in here:
            relpath, loc = project.places[id(entity)]
            label = str(_get(entity, next(c.field for c in columns if c.required and c.field)))
            plan.deletions.append(Deletion(kind, ident, label, relpath, loc))


_GROUPS = {"baseline": ("baseline", "baseline-date", Baseline), "target": ("target", "target-date", Target)}


def _compare(project: Project, name: str, number: int, kind: str, known: tuple, values: dict, plan: PlanImport, problem: Callable) -> None:
    """The edits of one row that names an existing entity."""
    entity, structure = known
    relpath, loc = project.places[id(entity)]
    model = type(entity)
    for index, column in enumerate(COLUMNS[kind]):
        if column.form == "id" or column.key.endswith("-date") and column.key.removesuffix("-date") in _GROUPS:
            continue
        cell = f"{name}!{_letter(index)}{number + 1}"
        new = values[column.key]
        if column.field is None:
            old = structure.get(column.key, "")
            if not _same(old, new or ""):
                shown = _word(column.choices, old) if column.choices else old
                problem(number, index, "plan-sheet.cannot-move", id=entity.id, column=_header(column), old=shown)
            continue
        if column.key in _GROUPS:
            _compare_group(project, entity, column, values, cell, relpath, loc, plan, problem, number, index)
            continue
        old = _get(entity, column.field)
        if _same(old, new):
            plan.unchanged += 1
            continue
        plan.edits.append(Edit(cell, entity.id, column.field, old, DELETE if new in (None, []) else new, relpath, (*loc, column.field), model))


def _compare_group(project, entity, column, values, cell, relpath, loc, plan, problem, number, index) -> None:
    """A baseline or a target: value and date, created, changed or removed together."""
    name, date_key, group_model = _GROUPS[column.key]
    old = getattr(entity, name)
    new_value, new_date = values[column.key], values[date_key]
    if old is None:
        if new_value is None and new_date is None:
            plan.unchanged += 1
        elif new_value is None:
            problem(number, index, "plan-sheet.date-without-value", column=_header(column))
        else:
            default = project.config.period.end if name == "target" else dt.date.today()
            mapping = new_mapping(group_model, {"value": new_value, "date": new_date or default})
            plan.edits.append(Edit(cell, entity.id, name, None, mapping, relpath, (*loc, name), type(entity)))
        return
    if new_value is None:
        plan.edits.append(Edit(cell, entity.id, name, old.value, DELETE, relpath, (*loc, name), type(entity)))
        return
    if not _same(old.value, new_value):
        plan.edits.append(Edit(cell, entity.id, f"{name}.value", old.value, new_value, relpath, (*loc, name, "value"), group_model))
    else:
        plan.unchanged += 1
    if new_date is not None and new_date != old.date:
        plan.edits.append(Edit(cell, entity.id, f"{name}.date", old.date, new_date, relpath, (*loc, name, "date"), group_model))


def _addition(project: Project, kind: str, cell: str, values: dict, problem: Callable, number: int) -> Addition | None:
    """A new row as the values of `pst add`, or None (the problem is recorded)."""
    if kind == "axes":
        level = values["level"]
        if level == "axis":
            return Addition(cell, "axis", {"title": values["title"], "description": values["description"]}, values["title"])
        parents = {axis.id for axis in project.axes} if level == "general" else {g.id for _, g in project.general_objectives()}
        if values["parent"] not in parents:
            problem(number, 2, "plan-sheet.unknown-parent", id=values["parent"] or "", level=_word("level", level))
            return None
        return Addition(cell, "objective", {"parent": values["parent"], "title": values["title"], "description": values["description"]}, values["title"])
    if kind == "indicators":
        carriers = {o.id for _, _, o in project.operational_objectives()} | {g.id for _, g in project.general_objectives()} | {a.id for a in project.actions}
        if values["carrier"] not in carriers:
            problem(number, 2, "plan-sheet.unknown-carrier", id=values["carrier"])
            return None
        given = {"parent": values["carrier"], "label": values["label"], "type": values["type"], "unit": values["unit"],
                 "direction": values["direction"], "baseline": values["baseline"], "baseline_date": values["baseline-date"],
                 "target": values["target"], "target_date": values["target-date"], "frequency": values["frequency"],
                 "owner": values["owner"], "source": values["source"], "definition": values["definition"]}
        return Addition(cell, "indicator", {k: v for k, v in given.items() if v is not None}, values["label"])
    if kind == "actions":
        given = {key.replace("-", "_"): values[key] for key in ("title", "objectives", "lead", "referent", "publics", "start", "end", "status")}
        return Addition(cell, "action", {k: v for k, v in given.items() if v not in (None, [])}, values["title"])
    if kind == "stakeholders":
        given = {"id": values["id"], "name": values["name"], "category": values["category"], "organisation": values["organisation"],
                 "role": values["role"], "influence": values["influence"], "interest": values["interest"]}
        return Addition(cell, "stakeholder", {k: v for k, v in given.items() if v is not None}, values["name"])
    given = {"label": values["label"], "priority": values["priority"], "status": values["challenge-status"], "description": values["description"]}
    return Addition(cell, "challenge", {k: v for k, v in given.items() if v is not None}, values["label"])


# Writing ---------------------------------------------------------------------------


def apply_plan(root: Path, project: Project, plan: PlanImport, allow_delete: bool = False) -> list[str]:
    """Make the plan's edits, additions and (with `allow_delete`) deletions; the files written. All or nothing."""
    from pst_cli.i18n import tn
    from pst_cli.project.load import load_project

    if plan.problems:
        raise Refused(tn("plan-sheet.refused", len(plan.problems)), t("plan-sheet.refused.hint"))
    if plan.deletions and not allow_delete:
        listed = ", ".join(deletion.entity for deletion in plan.deletions[:10])
        raise Refused(tn("plan-sheet.deletions-refused", len(plan.deletions), ids=listed), t("plan-sheet.deletions-refused.hint"))
    if not (plan.edits or plan.additions or plan.deletions):
        return []
    by_file: dict[str, list[tuple[tuple, object]]] = {}
    models: dict[str, dict[tuple, type[BaseModel]]] = {}
    for edit in plan.edits:
        by_file.setdefault(edit.relpath, []).append((edit.loc, edit.new))
        if edit.model is not None:
            models.setdefault(edit.relpath, {})[edit.loc[:-1]] = edit.model
    whole_files = {deletion.relpath for deletion in plan.deletions if deletion.loc == ()}
    removals: dict[str, list[tuple]] = {}
    for deletion in plan.deletions:
        if deletion.loc != ():
            removals.setdefault(deletion.relpath, []).append(deletion.loc)
    texts: dict[str, str | None] = {}
    with tempfile.TemporaryDirectory(prefix="pst-plan-") as temporary:
        copy = Path(temporary) / "project"
        shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".git", "build"))
        for relpath in sorted(set(by_file) | set(removals)):
            if relpath in whole_files:
                continue
            # Values first, then removals from the last index back, so that every index stays right.
            edits = by_file.get(relpath, []) + [(loc, DELETE) for loc in sorted(removals.get(relpath, []), reverse=True)]
            texts[relpath] = edit_text(read(copy / relpath), edits, models.get(relpath))
            (copy / relpath).write_text(texts[relpath], encoding="utf-8", newline="\n")
        for relpath in whole_files:
            texts[relpath] = None
            (copy / relpath).unlink()
        for addition in plan.additions:
            loaded = load_project(copy)
            if loaded.project is None:
                break
            made = plan_edit(copy, loaded.project, addition.kind, dict(addition.values))
            addition.id = made.id
            target = copy / made.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(made.text, encoding="utf-8", newline="\n")
            texts[made.path] = made.text
    write_checked(root, texts, "plan-sheet", keep_comments=not plan.deletions)
    plan.written = sorted(texts)
    return plan.written
