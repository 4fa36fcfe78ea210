"""`pst status` on a terminal or as Markdown: the indicators, the roll-up by axis, late and
next measurements, the actions' states and participation.

The tables are built once as plain text (`Sheet`) and then printed with rich, fitted to the
terminal, or written as Markdown tables (`--format md`, to paste into an e-mail or a
pull-request comment).

Fitting the terminal: cells wrap on words, never inside one; every label is shown whole
when there is room. Below `WIDE_LABEL` columns left for the labels, the indicator table
switches to a compact layout (departure, latest value and target in one cell, a shorter
bar); only when even a single word does not fit its column is it truncated, with « … ».
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from pst_cli.i18n import active, has, t, tn
from pst_cli.model.actions import Action
from pst_cli.monitoring.expected import add_months
from pst_cli.monitoring.progress import IndicatorStatus, Rollup, Status
from pst_cli.project.aggregate import Project

WIDE_LABEL = 30
"""Columns the labels need for the wide layout; below, the compact one."""
NEXT_MONTHS = 12
"""« Valeurs attendues » lists the values that become available within these months."""


@dataclass
class Column:
    key: str
    header: str
    justify: str = "left"
    wrap: bool = True
    """False for codes and numbers, which are never broken (ids, `9 (2025)`)."""
    squeeze: int = 0
    """In a narrow terminal, the column is kept to its longest word (at least this wide) so that the labels get the room."""


@dataclass
class Sheet:
    """A table as plain text cells; `marks` are the rich styles of some cells (row, column) → style."""

    title: str
    columns: list[Column]
    rows: list[list[str]] = field(default_factory=list)
    marks: dict[tuple[int, int], str] = field(default_factory=dict)
    bold_rows: set[int] = field(default_factory=set)


def _number(value: float | None) -> str:
    if value is None:
        return "—"
    text = f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
    return text.replace(".", ",") if active() == "fr" else text


def _percent(progress: float | None) -> str:
    return "—" if progress is None else f"{progress * 100:.0f} %"


def _bar(progress: float | None, cells: int = 10) -> str:
    """`██████░░░░  60 %`, or a dash when nothing is measured."""
    if progress is None:
        return "—"
    filled = round(progress * cells)
    return f"{'█' * filled}{'░' * (cells - filled)} {progress * 100:4.0f} %"


def _date(day: dt.date) -> str:
    return day.isoformat() if active() == "en" else day.strftime("%d/%m/%Y")


def _value(value: str | None) -> str:
    """A code of the file format (`annuelle`) as the reader's word for it."""
    return t(f"value.{value}") if value and has(f"value.{value}") else value or ""


def _notes(item: IndicatorStatus) -> list[tuple[str, str]]:
    """The remarks on an indicator, each with its rich style."""
    notes = []
    if item.latest is None:
        notes.append((t("status.note.not-measured"), ""))
    elif item.raw is None:
        notes.append((t("status.note.incomplete"), ""))
    elif item.regression:
        notes.append((t("status.note.regression"), "red"))
    elif item.raw >= 1 and item.indicator.direction != "maintain":
        notes.append((t("status.note.reached"), ""))
    if item.missing:
        notes.append((t("status.note.late"), "yellow"))
    return notes


def indicator_sheet(status: Status, compact: bool = False, bar: bool = True) -> Sheet:
    """The indicators: wide (one column per value) or compact (départ → mesure → cible in one cell)."""
    keys = ["indicator", "label"] + (["values"] if compact else ["baseline", "latest", "target"]) + ["progress", "note"]
    columns = [
        Column(key, t(f"status.column.{key}") if key != "values" else t("cycle.status.column.values"),
               "right" if key in ("baseline", "latest", "target") else "left", wrap=key not in ("indicator", "baseline", "target"))
        for key in keys
    ]
    for column in columns:  # the remarks wrap at their longest word (and the values in a compact table), the labels get the room
        column.squeeze = {"values": 14 if compact else 0, "note": 1}.get(column.key, 0)
    sheet = Sheet(t("status.indicators"), columns)
    for row, item in enumerate(status.indicators):
        ind, latest = item.indicator, item.latest
        baseline = _number(ind.baseline.value if ind.baseline else None)
        measured = f"{_number(latest.value)} ({latest.date.year})" if latest else "—"
        target = _number(ind.target.value if ind.target else None)
        values = [f"{baseline} → {measured} → {target}"] if compact else [baseline, measured, target]
        progress = _bar(item.progress, 5 if compact else 10) if bar else _percent(item.progress)
        notes = _notes(item)
        sheet.rows.append([ind.id, ind.label, *values, progress, ", ".join(text for text, _ in notes)])
        styles = {style for _, style in notes if style}
        if styles:
            sheet.marks[(row, len(columns) - 1)] = "red" if "red" in styles else "yellow"
    return sheet


def rollup_sheet(status: Status, bar: bool = True, indent: str = "  ", compact: bool = False) -> Sheet:
    columns = [Column("node", t("status.column.node")), Column("progress", t("status.column.progress"), wrap=False),
               Column("measured", t("status.column.measured"), "right", squeeze=int(compact)),
               Column("unmeasured", t("status.column.unmeasured"), "right", squeeze=int(compact))]
    sheet = Sheet(t("status.rollup"), columns)

    def add(node: Rollup, depth: int) -> None:
        if depth == 0:
            sheet.bold_rows.add(len(sheet.rows))
        progress = _bar(node.progress, 5 if compact else 10) if bar else _percent(node.progress)
        sheet.rows.append([f"{indent * depth}{node.id} {node.title}", progress, str(node.measured), str(node.unmeasured)])
        for child in node.children:
            add(child, depth + 1)

    for axis in status.axes:
        add(axis, 0)
    return sheet


def last_change(action: Action) -> dt.date | None:
    """The date the action reached its present state: the latest history entry with that state."""
    dates = [change.date for change in action.history if change.status == action.status]
    return max(dates) if dates else None


def action_sheet(project: Project) -> Sheet:
    columns = [Column("action", t("cycle.status.column.action"), wrap=False), Column("title", t("status.column.label")),
               Column("state", t("cycle.status.column.state")), Column("since", t("cycle.status.column.since"), wrap=False)]
    sheet = Sheet(t("cycle.status.actions"), columns)
    for action in project.actions:
        since = last_change(action)
        sheet.rows.append([action.id, action.title, _value(action.status), _date(since) if since else "—"])
    return sheet


def participation_sheet(status: Status) -> Sheet:
    columns = [Column("category", t("status.column.category")), Column("participants", t("status.column.participants"), "right"),
               Column("workshops", t("status.column.workshops"), "right")]
    sheet = Sheet(tn("status.participation", status.workshops), columns)
    sheet.rows = [[row.label, str(row.people), str(row.workshops)] for row in status.participation]
    return sheet


def late_lines(status: Status) -> list[str]:
    lines = []
    for item in status.late:
        territories = sorted({due.territory for due in item.missing if due.territory})
        dates = ", ".join(_date(day) for day in item.late_dates)
        if territories:
            dates = t("cycle.status.late.territories", dates=dates, territories=", ".join(territories))
        lines.append(t("status.late.due", indicator=item.indicator.id, frequency=_value(item.indicator.frequency), dates=dates))
    return lines


def next_lines(status: Status) -> list[str]:
    """The values that become available in the coming `NEXT_MONTHS` months, by date: what to collect next."""
    horizon = add_months(status.at, NEXT_MONTHS)
    groups: dict[tuple[dt.date, dt.date], list[str]] = {}
    for item in status.indicators:
        due = item.next
        if due is not None and due.available <= horizon:
            groups.setdefault((due.reference, due.available), []).append(item.indicator.id)
    lines = []
    for (reference, available), ids in sorted(groups.items(), key=lambda group: (group[0][1], group[0][0])):
        key = "cycle.status.next" if available == reference else "cycle.status.next.delayed"
        lines.append(t(key, date=_date(reference), available=_date(available), indicators=", ".join(ids)))
    return lines


def _rich_table(sheet: Sheet):
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=sheet.title, title_justify="left")
    for index, column in enumerate(sheet.columns):
        widest = None
        if column.squeeze:
            words = [word for cell in [column.header, *(row[index] for row in sheet.rows)] for word in cell.split()]
            widest = max([column.squeeze, *map(len, words)])
        # Words are never folded: a word longer than its column (only below the minimum widths) ends in « … ».
        table.add_column(escape(column.header), justify=column.justify, overflow="ellipsis", no_wrap=not column.wrap, max_width=widest)
    for index, row in enumerate(sheet.rows):
        cells = []
        for col, text in enumerate(row):
            cell = escape(text)
            style = sheet.marks.get((index, col)) or ("bold" if index in sheet.bold_rows and col == 0 else "")
            cells.append(f"[{style}]{cell}[/{style}]" if style else cell)
        table.add_row(*cells)
    return table


def _needed(sheet: Sheet, skip: str) -> int:
    """Columns the table takes without the `skip` column's content: borders, padding and the other columns' widest cells."""
    width = 3 * len(sheet.columns) + 1
    for index, column in enumerate(sheet.columns):
        if column.key == skip:
            continue
        cells = [row[index] for row in sheet.rows]
        longest = max((len(cell) for cell in cells), default=0) if not column.wrap else max(
            (len(word) for cell in [*cells, column.header] for word in cell.split()), default=0
        )
        width += max(longest, *(len(word) for word in column.header.split()))
    return width


def print_status(status: Status, project: Project, console) -> None:
    """The status as rich tables fitted to the console's width."""
    from rich.markup import escape

    def paragraph(text: str) -> None:
        console.print(text, soft_wrap=False)

    paragraph(t("status.heading", title=f"[bold]{escape(project.config.title)}[/bold]", date=_date(status.at)))
    wide = indicator_sheet(status)
    compact = console.width - _needed(wide, "label") < WIDE_LABEL
    console.print(_rich_table(indicator_sheet(status, compact=True) if compact else wide))
    console.print(_rich_table(rollup_sheet(status, compact=compact)))
    paragraph(t("status.rollup.explained"))

    late = late_lines(status)
    if late:
        paragraph(f"\n[bold]{t('status.late')}[/bold] ({len(late)})")
        for line in late:
            paragraph("  " + escape(line))
    else:
        paragraph("\n" + t("status.late.none"))
    upcoming = next_lines(status)
    if upcoming:
        paragraph(f"\n[bold]{tn('cycle.status.next.heading', NEXT_MONTHS)}[/bold]")
        for line in upcoming:
            paragraph("  " + escape(line))

    if project.actions:
        console.print(_rich_table(action_sheet(project)))
    console.print(_rich_table(participation_sheet(status)))


# Markdown ---------------------------------------------------------------------------


def md_cell(text: str) -> str:
    """User text made inert in a Markdown table cell (`history.diff.md_escape`), on one line: a line break would end the row."""
    from pst_cli.history.diff import md_escape

    return md_escape(re.sub(r"[ \t]*\r?\n\s*", " ", text))


def _md_table(sheet: Sheet) -> list[str]:
    align = {"left": "---", "right": "---:"}
    lines = [f"**{md_cell(sheet.title)}**", ""]
    lines.append("| " + " | ".join(md_cell(column.header) for column in sheet.columns) + " |")
    lines.append("| " + " | ".join(align[column.justify] for column in sheet.columns) + " |")
    for row in sheet.rows:
        lines.append("| " + " | ".join(md_cell(cell) for cell in row) + " |")
    return [*lines, ""]


def status_markdown(status: Status, project: Project) -> str:
    """The status as Markdown: a heading, tables and lists, every user text escaped."""
    out = ["### " + md_cell(t("status.heading", title=project.config.title, date=_date(status.at))), ""]
    out += _md_table(indicator_sheet(status, bar=False))
    out += _md_table(rollup_sheet(status, bar=False, indent="\u00a0\u00a0\u00a0\u00a0"))
    late = late_lines(status)
    out += [f"**{md_cell(t('status.late'))}** ({len(late)})", ""] if late else [md_cell(t("status.late.none")), ""]
    out += [f"- {md_cell(line)}" for line in late] + ([""] if late else [])
    upcoming = next_lines(status)
    if upcoming:
        out += [f"**{md_cell(tn('cycle.status.next.heading', NEXT_MONTHS))}**", ""] + [f"- {md_cell(line)}" for line in upcoming] + [""]
    if project.actions:
        out += _md_table(action_sheet(project))
    out += _md_table(participation_sheet(status))
    return "\n".join(out).rstrip("\n") + "\n"
