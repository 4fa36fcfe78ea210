"""`pst status` on a terminal: the indicators, the roll-up by axis, late measurements and participation as tables."""

from __future__ import annotations

import datetime as dt

from pst_cli.monitoring.progress import Rollup, Status
from pst_cli.project.aggregate import Project
from pst_cli.render.typography import count


def _number(value: float | None, language: str) -> str:
    if value is None:
        return "—"
    text = f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
    return text.replace(".", ",") if language == "fr" else text


def _bar(progress: float | None, regression: bool = False) -> str:
    """`██████░░░░  60 %`, or a dash when nothing is measured."""
    if progress is None:
        return "—"
    filled = round(progress * 10)
    return f"{'█' * filled}{'░' * (10 - filled)} {progress * 100:4.0f} %"


def _date(day: dt.date, language: str) -> str:
    return day.isoformat() if language == "en" else day.strftime("%d/%m/%Y")


def print_status(status: Status, project: Project, console) -> None:
    """The status as rich tables: indicators, roll-up, late measurements, participation."""
    from rich.markup import escape
    from rich.table import Table

    language, say = project.language, project.say
    console.print(f"[bold]{escape(project.config.title)}[/bold] — {say('état au', 'status as of')} {_date(status.at, language)}")

    table = Table(title=say("Indicateurs", "Indicators"), title_justify="left")
    for name, justify in [
        (say("Indicateur", "Indicator"), "left"), (say("Intitulé", "Label"), "left"), (say("Départ", "Baseline"), "right"),
        (say("Dernière mesure", "Latest"), "right"), (say("Cible", "Target"), "right"),
        (say("Progression", "Progress"), "left"), (say("Remarque", "Note"), "left"),
    ]:
        table.add_column(name, justify=justify, overflow="fold")
    for item in status.indicators:
        ind, latest = item.indicator, item.latest
        notes = []
        if latest is None:
            notes.append(say("non mesuré", "not measured"))
        elif item.raw is None:
            notes.append(say("départ ou cible manquant", "baseline or target missing"))
        elif item.regression:
            notes.append(say("[red]régression[/red]", "[red]regression[/red]"))
        elif item.raw >= 1 and ind.direction != "maintain":
            notes.append(say("cible atteinte", "target reached"))
        if item.missing:
            notes.append(say("[yellow]en retard[/yellow]", "[yellow]late[/yellow]"))
        table.add_row(
            ind.id,
            escape(ind.label if len(ind.label) <= 48 else ind.label[:47] + "…"),
            _number(ind.baseline.value if ind.baseline else None, language),
            f"{_number(latest.value, language)} ({latest.date.year})" if latest else "—",
            _number(ind.target.value if ind.target else None, language),
            _bar(item.progress),
            ", ".join(notes),
        )
    console.print(table)

    tree = Table(title=say("Progression par axe et objectif", "Progress by axis and objective"), title_justify="left")
    tree.add_column(say("Axe / objectif", "Axis / objective"), overflow="fold")
    tree.add_column(say("Progression", "Progress"))
    tree.add_column(say("Indicateurs mesurés", "Indicators measured"), justify="right")
    tree.add_column(say("Non mesurés", "Not measured"), justify="right")

    def add(node: Rollup, depth: int) -> None:
        title = node.title if len(node.title) <= 60 else node.title[:59] + "…"
        label = escape(f"{'  ' * depth}{node.id} {title}")
        tree.add_row(f"[bold]{label}[/bold]" if depth == 0 else label, _bar(node.progress), str(node.measured), str(node.unmeasured))
        for child in node.children:
            add(child, depth + 1)

    for axis in status.axes:
        add(axis, 0)
    console.print(tree)
    console.print(say(
        "Progression d'un nœud : moyenne simple de ses enfants mesurés (objectifs et indicateurs), chaque progression bornée entre 0 et 100 %.",
        "Progress of a node: plain mean of its measured children (objectives and indicators), each clamped to 0–100 %.",
    ))

    late = status.late
    if late:
        console.print(f"\n[bold]{say('Mesures en retard', 'Late measurements')}[/bold] ({len(late)})")
        for item in late:
            dates = ", ".join(_date(day, language) for day in item.missing)
            console.print(f"  {item.indicator.id} ({item.indicator.frequency}) : {say('attendue au', 'due on')} {dates}")
    else:
        console.print(f"\n{say('Aucune mesure en retard.', 'No late measurement.')}")

    people = Table(
        title=say(f"Participation ({count(status.workshops, 'ateliers', 'fr')})", f"Participation ({count(status.workshops, 'workshops', 'en')})"), title_justify="left"
    )
    people.add_column(say("Catégorie", "Category"))
    people.add_column(say("Participants (cumul)", "Participants (total)"), justify="right")
    people.add_column(say("Ateliers", "Workshops"), justify="right")
    for row in status.participation:
        people.add_row(row.label, str(row.people), str(row.workshops))
    console.print(people)
