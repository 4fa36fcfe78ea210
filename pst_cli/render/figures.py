"""Figures of the document, drawn with matplotlib (Agg, imported here only).

Each figure is a PNG plus a caption and an alternative text written from the same
data, so that a reader who cannot see the image (PDF/UA, screen readers) gets its
content. Figures with no data are left out.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from collections import Counter
from pathlib import Path

from pst_cli.i18n import section, t, tn
from pst_cli.project.aggregate import Project
from pst_cli.render.typography import format_date, format_number

COLOURS = {
    "elu": "#1f4e79",
    "technicien": "#2e86ab",
    "habitant": "#e07a1f",
    "benevole": "#f2b134",
    "partenaire-institutionnel": "#5b8c3a",
    "partenaire-associatif": "#9bc53d",
    "financeur": "#8e4585",
}
INK = "#1d2b3a"
DPI = 150


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "font.family": "DejaVu Sans",
            "font.size": 9,
            "axes.edgecolor": "#8a96a3",
            "axes.labelcolor": INK,
            "text.color": INK,
            "xtick.color": INK,
            "ytick.color": INK,
            "svg.hashsalt": "pst",
            # Labels are users' text, shown as typed: `$5 $` or `$$` is no formula (mathtext would raise).
            "text.parse_math": False,
        }
    )
    return plt


def _save(plt, figure, path: Path, tight: bool = True) -> None:
    # No timestamp or software version in the PNG: the same project gives the same bytes.
    figure.savefig(path, dpi=DPI, bbox_inches="tight" if tight else None, metadata={"Software": None})
    plt.close(figure)


def _short(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def _count(key: str, value: int, language: str) -> str:
    """The catalogue's `key` about `value` things (« 23 acteurs »), in the plural form the language gives `value`."""
    return tn(key, value, number=format_number(value, language))


def make_figures(project: Project, folder: Path) -> dict[str, dict]:
    """Draw every figure the project has data for into `folder`: name → {file, caption, alt}."""
    plt = _pyplot()
    labels = section("category")
    figures: dict[str, dict] = {}
    for name, draw in (
        ("stakeholders", _stakeholder_map),
        ("participation", _participation),
        ("timeline", _timeline),
        ("objectives", _objectives_tree),
    ):
        drawn = draw(plt, project, labels, folder / f"figure-{name}.png")
        if drawn:
            caption, alt = drawn
            figures[name] = {"file": f"figure-{name}.png", "caption": caption, "alt": alt}
    figures.update(_measurement_charts(plt, project, folder))
    return figures


PANELS_PER_FIGURE = 9


def _measurement_charts(plt, project: Project, folder: Path) -> dict[str, dict]:
    """A chart per measured indicator — values over time, baseline and target — nine to a figure."""
    lang = project.language
    measured = []
    for _, indicator in project.plan_indicators():
        points = sorted((m.date, m.value) for m in project.measurements if m.indicator == indicator.id)
        if points:
            measured.append((indicator, points))
    figures = {}
    for start in range(0, len(measured), PANELS_PER_FIGURE):
        chunk = measured[start : start + PANELS_PER_FIGURE]
        rows = math.ceil(len(chunk) / 3)
        figure, grid = plt.subplots(rows, 3, figsize=(8, 2.3 * rows), squeeze=False)
        # Laid out by hand: matplotlib's automatic layouts and date axes cost seconds here.
        figure.subplots_adjust(left=0.07, right=0.96, top=1 - 0.3 / rows, bottom=0.25 / rows, wspace=0.4, hspace=0.9)
        descriptions = []
        for panel, (indicator, points) in zip(grid.flat, chunk, strict=False):
            if indicator.baseline:
                points = [(indicator.baseline.date, indicator.baseline.value), *points]
            days = [day.toordinal() for day, _ in points]
            panel.plot(days, [value for _, value in points], marker="o", markersize=3, color=COLOURS["elu"], linewidth=1.4)
            if indicator.target:
                panel.axhline(indicator.target.value, color=COLOURS["habitant"], linestyle="--", linewidth=1)
            ends = sorted({days[0], days[-1]})
            panel.set_xticks(ends, [dt.date.fromordinal(day).strftime("%m/%Y") for day in ends])
            panel.yaxis.set_major_formatter(lambda value, _: format_number(value, lang))
            panel.set_title("\n".join(textwrap.wrap(_short(indicator.label, 70), 32)), fontsize=7)
            panel.tick_params(labelsize=6)
            panel.spines[["top", "right"]].set_visible(False)
            shown = "; ".join(t("figure.pair", name=format_date(day, lang), value=format_number(value, lang)) for day, value in points)
            target = format_number(indicator.target.value, lang) if indicator.target else "—"
            descriptions.append(t("figure.progress.panel", label=indicator.label, target=target, values=shown))
        for panel in list(grid.flat)[len(chunk):]:
            panel.set_visible(False)
        number = start // PANELS_PER_FIGURE + 1
        name = f"progress-{number}"
        _save(plt, figure, folder / f"figure-{name}.png", tight=False)
        caption = t("figure.progress.caption")
        if len(measured) > PANELS_PER_FIGURE:
            caption += f" ({number}/{math.ceil(len(measured) / PANELS_PER_FIGURE)})"
        figures[name] = {"file": f"figure-{name}.png", "caption": caption, "alt": ". ".join(descriptions) + "."}
    return figures


def _stakeholder_map(plt, project: Project, labels: dict, path: Path):
    """Network of the stakeholders' relations, grouped and coloured by category, on a circle."""
    people = project.stakeholders
    if len(people) < 2:
        return None
    order = list(COLOURS)
    people = sorted(people, key=lambda s: (order.index(s.category), s.id))
    # Nodes on a circle at evenly spaced heights (right half down, left half up), so
    # that the labels beside them never overlap, whatever the number of stakeholders.
    right = math.ceil(len(people) / 2)
    position = {}
    for index, stakeholder in enumerate(people):
        side, rank, count = (1, index, right) if index < right else (-1, len(people) - 1 - index, len(people) - right)
        y = 1 - (2 * rank + 1) / count
        position[stakeholder.id] = (side * math.sqrt(max(0.0, 1 - y * y)), 1.25 * y)
    links = [(s.id, r.to) for s in people for r in s.relations if r.to in position]
    figure, axes = plt.subplots(figsize=(8, 7.4))
    for a, b in links:
        (x1, y1), (x2, y2) = position[a], position[b]
        axes.plot([x1, x2], [y1, y2], color="#9aa7b4", linewidth=0.8, zorder=1)
    for stakeholder in people:
        x, y = position[stakeholder.id]
        size = 80 + 40 * (stakeholder.influence or 2)
        axes.scatter([x], [y], s=size, color=COLOURS[stakeholder.category], edgecolor="white", linewidth=1.2, zorder=2)
        axes.annotate(
            "\n".join(textwrap.wrap(stakeholder.name, 32, max_lines=2, placeholder="…")), (x, y), xytext=(x + (0.08 if x >= 0 else -0.08), y),
            ha="left" if x >= 0 else "right", va="center", fontsize=7.5, zorder=3, linespacing=1.0,
        )
    present = [c for c in order if any(s.category == c for s in people)]
    for category in present:
        axes.scatter([], [], color=COLOURS[category], label=labels[category])
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=3, frameon=False, fontsize=8)
    axes.set_xlim(-2.1, 2.1)
    axes.set_ylim(-1.4, 1.4)
    axes.set_aspect("equal")
    axes.axis("off")
    _save(plt, figure, path)
    lang = project.language
    counts = Counter(s.category for s in people)
    detail = ", ".join(t("figure.pair", name=labels[c], value=format_number(counts[c], lang)) for c in present)
    linked = Counter(x for link in links for x in link).most_common(3)
    hubs = ", ".join(next(s.name for s in people if s.id == i) for i, _ in linked)
    alt = t(
        "figure.stakeholders.alt",
        stakeholders=_count("figure.stakeholders.count", len(people), lang),
        detail=detail,
        links=_count("figure.stakeholders.links", len(links), lang),
        hubs=t("figure.stakeholders.hubs", names=hubs) if hubs else "",
    )
    return t("figure.stakeholders.caption"), alt


def _participation(plt, project: Project, labels: dict, path: Path):
    """Participants of each workshop, stacked by category."""
    workshops = [w for w in project.workshops if w.participants.counts]
    if not workshops:
        return None
    lang = project.language
    present = [c for c in COLOURS if any(c in w.participants.counts for w in workshops)]
    figure, axes = plt.subplots(figsize=(8, 3.6))
    names = [f"{format_date(w.date, lang)}\n" + "\n".join(textwrap.wrap(_short(w.title, 60), 24)) for w in workshops]
    bottom = [0] * len(workshops)
    for category in present:
        values = [w.participants.counts.get(category, 0) for w in workshops]
        axes.bar(names, values, bottom=bottom, color=COLOURS[category], label=labels[category], width=0.6)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    for index, total in enumerate(bottom):
        axes.text(index, total + 0.5, format_number(total, lang), ha="center", va="bottom", fontsize=8)
    axes.set_ylabel(t("figure.participation.axis"))
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(axis="x", labelsize=6.5)
    axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=7.5)
    _save(plt, figure, path)
    parts = "; ".join(
        t(
            "figure.participation.workshop",
            date=format_date(w.date, lang),
            title=w.title,
            total=format_number(sum(w.participants.counts.values()), lang),
            detail=", ".join(f"{labels[c]} {format_number(n, lang)}" for c, n in w.participants.counts.items()),
        )
        for w in workshops
    )
    return t("figure.participation.caption"), t("figure.participation.alt", workshops=parts)


def _timeline(plt, project: Project, labels: dict, path: Path):
    """Workshops (above the line) and governance milestones (below) on one time axis.

    Each label goes on the first row where it overlaps no earlier label, so that a busy
    schedule stacks rows instead of printing labels on top of each other.
    """
    import matplotlib.dates as mdates

    lang = project.language
    events = [(w.date, w.title, True) for w in project.workshops]
    events += [(m.date, m.label, False) for m in project.governance.milestones]
    if not events:
        return None
    events.sort(key=lambda e: e[0])
    first, last = events[0][0], events[-1][0]
    span = max((last - first).days, 60)
    left, right = first - dt.timedelta(days=span // 40 + 5), last + dt.timedelta(days=span // 3)
    # About 110 characters of 6.5 pt text fit across the axis: a character's width in days.
    days_per_char = (right - left).days / 110
    rows: dict[bool, list[int]] = {True: [], False: []}
    placed = []
    for when, label, workshop in events:
        text = f"{format_date(when, lang)}\n{_short(label, 34)}"
        width = max(len(part) for part in text.split("\n")) * days_per_char + 2
        ends = rows[workshop]
        row = next((index for index, end in enumerate(ends) if when.toordinal() > end), len(ends))
        if row == len(ends):
            ends.append(0)
        ends[row] = when.toordinal() + width
        placed.append((when, text, workshop, row))
    figure, axes = plt.subplots(figsize=(8, 1.2 + 0.55 * (len(rows[True]) + len(rows[False]))))
    axes.axhline(0, color="#8a96a3", linewidth=1, zorder=1)
    for when, text, workshop, row in placed:
        level = (0.5 + row) if workshop else -(0.5 + row)
        colour = "#e07a1f" if workshop else "#1f4e79"
        axes.vlines(when, 0, level, color=colour, linewidth=0.8)
        axes.scatter([when], [0], color=colour, s=25, zorder=2)
        axes.annotate(
            text, (mdates.date2num(when), level), fontsize=6.5,
            ha="left", va="bottom" if workshop else "top", xytext=(2, 0), textcoords="offset points",
        )
    axes.set_ylim(-(len(rows[False]) + 0.4) if rows[False] else -0.5, (len(rows[True]) + 0.4) if rows[True] else 0.5)
    axes.yaxis.set_visible(False)
    axes.spines[["left", "top", "right"]].set_visible(False)
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%m/%Y"))
    axes.set_xlim(left, right)
    _save(plt, figure, path)
    listed = "; ".join(t("figure.pair", name=format_date(d, lang), value=label) for d, label, _ in events)
    return t("figure.timeline.caption"), t("figure.timeline.alt", events=listed)


def _objectives_tree(plt, project: Project, labels: dict, path: Path):
    """Axes → general objectives → operational objectives, as an indented tree."""
    if not project.axes:
        return None
    rows = []
    for number, axis in enumerate(project.axes, start=1):
        rows.append((0, t("figure.objectives.axis", number=number, title=axis.title)))
        for general in axis.general_objectives:
            rows.append((1, general.title))
            for operational in general.operational_objectives:
                rows.append((2, operational.title))
    height = 0.22 * len(rows) + 0.4
    figure, axes = plt.subplots(figsize=(8, height))
    colours = ["#1f4e79", "#2e86ab", "#4d5b69"]
    count = len(rows)
    for index, (depth, label) in enumerate(rows):
        y = count - index
        x = depth * 0.05
        if depth:
            parent = next(count - j for j in range(index - 1, -1, -1) if rows[j][0] == depth - 1)
            axes.plot([x - 0.03, x - 0.03, x - 0.005], [parent - 0.3, y, y], color="#b6c0ca", linewidth=0.8)
        axes.text(
            x, y, _short(label, 95 - depth * 6), va="center", fontsize=8.5 - depth * 0.6,
            fontweight="bold" if depth < 2 else "normal", color=colours[depth],
        )
    axes.set_xlim(-0.02, 1)
    axes.set_ylim(0.4, count + 0.6)
    axes.axis("off")
    _save(plt, figure, path)
    generals = sum(len(a.general_objectives) for a in project.axes)
    operationals = sum(len(g.operational_objectives) for a in project.axes for g in a.general_objectives)
    listed = " ".join(
        f"{i}. {a.title} ({', '.join(g.title for g in a.general_objectives)})." for i, a in enumerate(project.axes, start=1)
    )
    lang = project.language
    alt = t(
        "figure.objectives.alt",
        axes=_count("figure.objectives.axes", len(project.axes), lang),
        generals=_count("figure.objectives.generals", generals, lang),
        operationals=_count("figure.objectives.operationals", operationals, lang),
        objectives=listed,
    )
    return t("figure.objectives.caption"), alt


def vote_chart(ranking, path: Path, language: str) -> None:
    """A horizontal bar chart of a vote, best option on top (same bytes every time)."""
    plt = _pyplot()
    counted = [option for option in ranking.options if option.value is not None]
    labels = [option.label if len(option.label) <= 45 else option.label[:44] + "…" for option in counted][::-1]
    values = [option.value for option in counted][::-1]
    figure, axes = plt.subplots(figsize=(6.5, 0.45 * len(values) + 0.9))
    # Positions, not labels, on the axis: two options with the same label stay two bars.
    bars = axes.barh(range(len(values)), values, color="#1f4e79", tick_label=labels)
    axes.bar_label(bars, labels=[format_number(value, language) for value in values], padding=3, fontsize=8)
    axes.set_xlabel(t("minutes.score" if ranking.vote.method == "multicritere" else "minutes.votes_col"))
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(axis="y", labelsize=8)
    _save(plt, figure, path)
