"""`pst status` on a terminal: the indicators, the roll-up by axis, late measurements and participation as tables."""

from __future__ import annotations

import datetime as dt

from pst_cli.i18n import active, has, t, tn
from pst_cli.monitoring.progress import Rollup, Status
from pst_cli.project.aggregate import Project


def _number(value: float | None) -> str:
    if value is None:
        return "—"
    text = f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
    return text.replace(".", ",") if active() == "fr" else text


def _bar(progress: float | None) -> str:
    """`██████░░░░  60 %`, or a dash when nothing is measured."""
    if progress is None:
        return "—"
    filled = round(progress * 10)
    return f"{'█' * filled}{'░' * (10 - filled)} {progress * 100:4.0f} %"


def _date(day: dt.date) -> str:
    return day.isoformat() if active() == "en" else day.strftime("%d/%m/%Y")


def _value(value: str | None) -> str:
    """A code of the file format (`annuelle`) as the reader's word for it."""
    return t(f"value.{value}") if value and has(f"value.{value}") else value or ""


def print_status(status: Status, project: Project, console) -> None:
    """The status as rich tables: indicators, roll-up, late measurements, participation."""
    from rich.markup import escape
    from rich.table import Table

    console.print(t("status.heading", title=f"[bold]{escape(project.config.title)}[/bold]", date=_date(status.at)))

    table = Table(title=t("status.indicators"), title_justify="left")
    for key, justify in [
        ("indicator", "left"), ("label", "left"), ("baseline", "right"), ("latest", "right"),
        ("target", "right"), ("progress", "left"), ("note", "left"),
    ]:
        table.add_column(t(f"status.column.{key}"), justify=justify, overflow="fold")
    for item in status.indicators:
        ind, latest = item.indicator, item.latest
        notes = []
        if latest is None:
            notes.append(t("status.note.not-measured"))
        elif item.raw is None:
            notes.append(t("status.note.incomplete"))
        elif item.regression:
            notes.append(f"[red]{t('status.note.regression')}[/red]")
        elif item.raw >= 1 and ind.direction != "maintain":
            notes.append(t("status.note.reached"))
        if item.missing:
            notes.append(f"[yellow]{t('status.note.late')}[/yellow]")
        table.add_row(
            ind.id,
            escape(ind.label if len(ind.label) <= 48 else ind.label[:47] + "…"),
            _number(ind.baseline.value if ind.baseline else None),
            f"{_number(latest.value)} ({latest.date.year})" if latest else "—",
            _number(ind.target.value if ind.target else None),
            _bar(item.progress),
            ", ".join(notes),
        )
    console.print(table)

    tree = Table(title=t("status.rollup"), title_justify="left")
    tree.add_column(t("status.column.node"), overflow="fold")
    tree.add_column(t("status.column.progress"))
    tree.add_column(t("status.column.measured"), justify="right")
    tree.add_column(t("status.column.unmeasured"), justify="right")

    def add(node: Rollup, depth: int) -> None:
        title = node.title if len(node.title) <= 60 else node.title[:59] + "…"
        label = escape(f"{'  ' * depth}{node.id} {title}")
        tree.add_row(f"[bold]{label}[/bold]" if depth == 0 else label, _bar(node.progress), str(node.measured), str(node.unmeasured))
        for child in node.children:
            add(child, depth + 1)

    for axis in status.axes:
        add(axis, 0)
    console.print(tree)
    console.print(t("status.rollup.explained"))

    late = status.late
    if late:
        console.print(f"\n[bold]{t('status.late')}[/bold] ({len(late)})")
        for item in late:
            dates = ", ".join(_date(day) for day in item.late_dates)
            console.print("  " + t("status.late.due", indicator=item.indicator.id, frequency=_value(item.indicator.frequency), dates=dates))
    else:
        console.print("\n" + t("status.late.none"))

    people = Table(title=tn("status.participation", status.workshops), title_justify="left")
    people.add_column(t("status.column.category"))
    people.add_column(t("status.column.participants"), justify="right")
    people.add_column(t("status.column.workshops"), justify="right")
    for row in status.participation:
        people.add_row(row.label, str(row.people), str(row.workshops))
    console.print(people)
