"""Figures of the document: what each one shows, drawn by Typst, kept in the project's cache.

Each figure is first a *chart*: plain data (positions, ticks, labels already formatted
in the project's language) computed here from the project. Typst draws the charts
(`templates/document/charts.typ`, one page per figure) as SVG, which the PDF and the
HTML embed as vector images, and as PNG for DOCX, ODT and Markdown. A caption and an
alternative text are written from the same data, so that a reader who cannot see the
image (PDF/UA, screen readers) gets its content. Figures with no data are left out.

A drawn figure is kept in `.pst/cache/figures/` of the project, named by a hash of its
chart and of the drawing code (`cache.name`): the next render reuses it, and a changed
value, label or colour changes the chart, hence the name, hence a new drawing. Nothing
else is drawn, so nothing else can make a cached figure stale. The drawing runs in a
thread (Typst releases the interpreter) while the rest of the document is prepared.

The vote charts of the minutes are still drawn with matplotlib (`vote_chart`).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import shutil
import textwrap
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pst_cli.files import replace_file
from pst_cli.i18n import section, t, tn
from pst_cli.project.aggregate import Project
from pst_cli.render import cache as caching
from pst_cli.render.templating import shipped_dir
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
PANELS_PER_FIGURE = 9


@dataclass
class Chart:
    """One figure before it is drawn: its name, the data Typst draws, its caption and alternative text."""

    name: str
    data: dict
    caption: str
    alt: str

    @property
    def file(self) -> str:
        return f"figure-{self.name}"


@dataclass
class Figures:
    """The figures of a document: name → {file (PNG), vector (SVG), caption, alt}, and how to wait for their files."""

    entries: dict[str, dict] = field(default_factory=dict)
    drawn: list[str] = field(default_factory=list)
    """Names of the figures drawn by this render (the others came from the cache)."""
    _thread: threading.Thread | None = None
    _error: list[BaseException] = field(default_factory=list)

    def wait(self) -> None:
        """Return once every figure file is in the work folder (re-raising what stopped the drawing)."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._error:
            raise self._error[0]


def make_figures(
    project: Project, folder: Path, *, background: bool = True, charts: list[Chart] | None = None, extra: list[Chart] = ()
) -> Figures:
    """Every figure the project has data for (or `charts`), and the `extra` charts, in `folder`: from the cache, or drawn (in a thread when `background`)."""
    charts = [*(plan_charts(project) if charts is None else charts), *extra]
    figures = Figures({chart.name: {"file": chart.file + ".png", "vector": chart.file + ".svg", "caption": chart.caption, "alt": chart.alt} for chart in charts})
    cache = caching.folder(project.root, "figures")
    missing = []
    for chart in charts:
        key = chart_key(chart, project.language)
        if cache is None or key is None or not _copy_cached(cache, key, folder / chart.file):
            missing.append((chart, key))
    figures.drawn = [chart.name for chart, _ in missing]
    if not missing:
        return figures

    def draw() -> None:
        try:
            draw_charts([chart for chart, _ in missing], folder, project.language)
            if cache is not None:
                for chart, key in missing:
                    if key is not None:
                        _store(cache, key, folder / chart.file)
        except BaseException as error:  # noqa: BLE001 - handed to the thread that waits
            figures._error.append(error)

    if background:
        figures._thread = threading.Thread(target=draw, name="pst-figures", daemon=True)
        figures._thread.start()
    else:
        draw()
    return figures


# Drawing ---------------------------------------------------------------------------


def charts_source() -> Path:
    return shipped_dir() / "charts.typ"


_DRAWING: list[str] = []


def chart_key(chart: Chart, language: str) -> str | None:
    """The name of a drawn chart in the cache: a hash of its data and of the code that draws it (None: no cache)."""
    if not _DRAWING:
        _DRAWING.append(charts_source().read_text(encoding="utf-8"))
    return caching.name("figure", _DRAWING[0], DPI, language, chart.data)


def draw_charts(charts: list[Chart], folder: Path, language: str) -> None:
    """Draw `charts` with Typst into `folder`: `figure-NAME.svg` and `figure-NAME.png` each."""
    import typst

    work = folder / ".charts"
    work.mkdir(exist_ok=True)
    shutil.copyfile(charts_source(), work / "charts.typ")
    (work / "charts.json").write_text(json.dumps({"lang": language, "charts": [chart.data for chart in charts]}, ensure_ascii=False), encoding="utf-8")
    options = {"root": str(work), "font_paths": [], "ignore_system_fonts": True}
    for extension in ("svg", "png"):
        pages = typst.compile(str(work / "charts.typ"), format=extension, ppi=DPI, **options)
        pages = pages if isinstance(pages, list) else [pages]
        for chart, page in zip(charts, pages, strict=True):
            (folder / f"{chart.file}.{extension}").write_bytes(page)


def _copy_cached(cache: Path, key: str, stem: Path) -> bool:
    try:
        for extension in ("svg", "png"):
            shutil.copyfile(cache / f"{key}.{extension}", f"{stem}.{extension}")
    except OSError:
        return False
    return True


def _store(cache: Path, key: str, stem: Path) -> None:
    """Keep a drawn chart, each file replaced in one step (a full disk: the next render draws it again)."""
    for extension in ("svg", "png"):
        caching.ignore_errors(
            lambda e=extension: replace_file(cache / f"{key}.{e}", lambda temporary: shutil.copyfile(f"{stem}.{e}", temporary))
        )


# What each figure shows ------------------------------------------------------------


def plan_charts(project: Project) -> list[Chart]:
    """The charts of every figure the project has data for, in the document's order."""
    labels = section("category")
    charts = []
    for build in (_stakeholder_map, _participation, _timeline, _objectives_tree):
        chart = build(project, labels)
        if chart:
            charts.append(chart)
    charts += _measurement_charts(project)
    return charts


def _short(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def _count(key: str, value: int, language: str) -> str:
    """The catalogue's `key` about `value` things (« 23 acteurs »), in the plural form the language gives `value`."""
    return tn(key, value, number=format_number(value, language))


def nice_ticks(low: float, high: float, count: int = 4, whole: bool = False) -> list[float]:
    """Round values from at most `low` to at least `high`, about `count` steps apart (1, 2, 2.5 or 5 × 10ⁿ)."""
    if high <= low:
        low, high = (low - 1, high + 1) if low == 0 or whole else (low - abs(low) * 0.1, high + abs(high) * 0.1)
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if whole:
        step = max(1.0, round(step))
    first = math.floor(low / step + 1e-9) * step
    ticks = []
    value = first
    while value < high + step * 0.999:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _scale(value: float, ticks: list[float]) -> float:
    return (value - ticks[0]) / (ticks[-1] - ticks[0])


def _measurement_charts(project: Project) -> list[Chart]:
    """A chart per measured indicator — values over time, baseline and target — nine to a figure."""
    measured = []
    for _, indicator in project.plan_indicators():
        points = sorted((m.date, m.value) for m in project.measurements if m.indicator == indicator.id)
        if points:
            measured.append((indicator, points))
    return progress_charts(measured, project.language)


def progress_charts(measured: list, lang: str, prefix: str = "progress", caption: str | None = None) -> list[Chart]:
    """Charts of `measured` — (indicator, [(date, value)…]) — nine panels to a figure, named `prefix-1`, `prefix-2`…

    The baseline is drawn first when the points do not start with it; the target as a dashed line."""
    charts = []
    count = math.ceil(len(measured) / PANELS_PER_FIGURE)
    for start in range(0, len(measured), PANELS_PER_FIGURE):
        panels, descriptions = [], []
        for indicator, points in measured[start : start + PANELS_PER_FIGURE]:
            if indicator.baseline and (not points or points[0] != (indicator.baseline.date, indicator.baseline.value)):
                points = [(indicator.baseline.date, indicator.baseline.value), *points]
            values = [value for _, value in points]
            target = indicator.target.value if indicator.target else None
            shown = [*values, *([target] if target is not None else [])]
            whole = all(float(value).is_integer() for value in shown)
            ticks = nice_ticks(min(shown), max(shown), 4, whole)
            first, last = points[0][0].toordinal(), points[-1][0].toordinal()

            def x(day: dt.date, first=first, last=last) -> float:
                return 0.5 if last == first else 0.04 + 0.92 * (day.toordinal() - first) / (last - first)

            ends = sorted({points[0][0], points[-1][0]})
            panels.append(
                {
                    "title": _short(indicator.label, 90),
                    "points": [[x(day), _scale(value, ticks)] for day, value in points],
                    "target": _scale(target, ticks) if target is not None else None,
                    "yticks": [{"at": _scale(tick, ticks), "label": format_number(tick, lang)} for tick in ticks],
                    "xticks": [{"at": x(day), "label": day.strftime("%m/%Y")} for day in ends],
                }
            )
            pairs = "; ".join(t("figure.pair", name=format_date(day, lang), value=format_number(value, lang)) for day, value in points)
            descriptions.append(t("figure.progress.panel", label=indicator.label, target=format_number(target, lang) if target is not None else "—", values=pairs))
        number = start // PANELS_PER_FIGURE + 1
        caption_text = (caption or t("figure.progress.caption")) + (f" ({number}/{count})" if count > 1 else "")
        data = {"kind": "progress", "line-colour": COLOURS["elu"], "target-colour": COLOURS["habitant"], "panels": panels}
        charts.append(Chart(f"{prefix}-{number}", data, caption_text, ". ".join(descriptions) + "."))
    return charts


def _stakeholder_map(project: Project, labels: dict) -> Chart | None:
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
        # On a canvas of 4.2 × 2.8 units, as fractions of its width and height.
        position[stakeholder.id] = ((2.1 + side * math.sqrt(max(0.0, 1 - y * y))) / 4.2, (1.4 - 1.25 * y) / 2.8)
    links = [(s.id, r.to) for s in people for r in s.relations if r.to in position]
    nodes = [
        {
            "x": position[s.id][0],
            "y": position[s.id][1],
            "side": 1 if position[s.id][0] >= 0.5 else -1,
            "radius": round(math.sqrt((80 + 40 * (s.influence or 2)) / math.pi), 2),
            "colour": COLOURS[s.category],
            "label": "\n".join(textwrap.wrap(s.name, 34, max_lines=2, placeholder="…")),
        }
        for s in people
    ]
    present = [c for c in order if any(s.category == c for s in people)]
    data = {
        "kind": "stakeholders",
        "height": 10.4,
        "nodes": nodes,
        "links": [[*position[a], *position[b]] for a, b in links],
        "legend": [{"colour": COLOURS[c], "label": labels[c]} for c in present],
    }
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
    return Chart("stakeholders", data, t("figure.stakeholders.caption"), alt)


VERTICAL_BARS = 5
"""Up to this many workshops, one column each with its name below; beyond, one bar a line with its name beside it."""


def _participation(project: Project, labels: dict) -> Chart | None:
    """Participants of each workshop, stacked by category.

    A few workshops stand as columns named below; more lie as bars named on their left
    (« date · title », one line each, the first workshop on top), so that their names
    never run into each other however many there are.
    """
    workshops = [w for w in project.workshops if w.participants.counts]
    if not workshops:
        return None
    lang = project.language
    present = [c for c in COLOURS if any(c in w.participants.counts for w in workshops)]
    totals = [sum(w.participants.counts.get(c, 0) for c in present) for w in workshops]
    ticks = nice_ticks(0, max(totals) * 1.08, 5, whole=True)
    upright = len(workshops) <= VERTICAL_BARS
    bars = []
    for index, workshop in enumerate(workshops):
        parts, bottom = [], 0
        for category in present:
            value = workshop.participants.counts.get(category, 0)
            if value:
                parts.append({"bottom": _scale(bottom, ticks), "top": _scale(bottom + value, ticks), "colour": COLOURS[category]})
            bottom += value
        bar = {"parts": parts, "top": _scale(bottom, ticks), "total": format_number(bottom, lang)}
        if upright:
            bar |= {"x": (index + 0.5) / len(workshops), "date": format_date(workshop.date, lang), "title": _short(workshop.title, 60)}
        else:
            bar["name"] = f"{format_date(workshop.date, lang)} · {_short(workshop.title, 48)}"
        bars.append(bar)
    data = {
        "kind": "participation" if upright else "participation-lines",
        "axis": t("figure.participation.axis"),
        "bars": bars,
        ("yticks" if upright else "xticks"): [{"at": _scale(tick, ticks), "label": format_number(tick, lang)} for tick in ticks],
        "legend": [{"colour": COLOURS[c], "label": labels[c]} for c in present],
    }
    if upright:
        data["width"] = 0.6 / len(workshops)
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
    return Chart("participation", data, t("figure.participation.caption"), t("figure.participation.alt", workshops=parts))


TIMELINE_ROW = 0.72
"""Height of a row of timeline labels (two lines of 6.5 pt), in centimetres."""
TIMELINE_ROWS = 3
"""Rows of labels a side of the time line may stack; a busier calendar gets a line per event."""
LINE_CHARACTERS = 140
"""About this many characters of 6.2 pt text fit across a calendar drawn a line per event."""


def _timeline(project: Project, labels: dict) -> Chart | None:
    """Workshops (above the line) and governance milestones (below) on one time axis.

    Each label goes on the first row where it overlaps no earlier label, so that a busy
    schedule stacks rows instead of printing labels on top of each other. When that would
    take more than `TIMELINE_ROWS` rows a side, the calendar is drawn a line per event
    instead (`_timeline_by_line`).
    """
    lang = project.language
    events = [(w.date, w.title, True) for w in project.workshops]
    events += [(m.date, m.label, False) for m in project.governance.milestones]
    if not events:
        return None
    events.sort(key=lambda e: e[0])
    listed = "; ".join(t("figure.pair", name=format_date(d, lang), value=label) for d, label, _ in events)
    caption = t("figure.timeline.caption")
    first, last = events[0][0], events[-1][0]
    span = max((last - first).days, 60)
    left, right = first - dt.timedelta(days=span // 40 + 5), last + dt.timedelta(days=span // 3)
    days = (right - left).days
    # About 110 characters of 6.5 pt text fit across the axis: a character's width in days.
    days_per_char = days / 110
    rows: dict[bool, list[int]] = {True: [], False: []}
    placed = []
    for when, label, workshop in events:
        date, title = format_date(when, lang), _short(label, 34)
        width = max(len(date), len(title)) * days_per_char + 2
        ends = rows[workshop]
        row = next((index for index, end in enumerate(ends) if when.toordinal() > end), len(ends))
        if row == len(ends):
            ends.append(0)
        ends[row] = when.toordinal() + width
        placed.append((when, date, title, workshop, row, width))
    if max(len(rows[True]), len(rows[False])) > TIMELINE_ROWS:
        return Chart("timeline", _timeline_by_line(events, lang), caption, t("figure.timeline.alt_lines", events=listed))
    above, below = len(rows[True]), len(rows[False])
    axis = 0.1 + above * TIMELINE_ROW + 0.15
    height = axis + 0.15 + below * TIMELINE_ROW + 0.25 + 0.5

    def x(day: dt.date) -> float:
        return (day - left).days / days

    bottom = axis + 0.15 + below * TIMELINE_ROW + 0.25
    data = {
        "kind": "timeline",
        "height": round(height, 3),
        "axis": axis / height,
        "xticks": _date_ticks(left, right, x),
        "bottom": bottom / height,
        "events": [
            {
                "x": x(when),
                "y": (axis - 0.15 - row * TIMELINE_ROW) / height if workshop else (axis + 0.15 + row * TIMELINE_ROW) / height,
                "above": workshop,
                "colour": COLOURS["habitant"] if workshop else COLOURS["elu"],
                "date": date,
                "label": title,
                "width": min(width / days + 0.01, 1 - x(when)),
            }
            for when, date, title, workshop, row, width in placed
        ],
    }
    return Chart("timeline", data, caption, t("figure.timeline.alt", events=listed))


def _date_ticks(left: dt.date, right: dt.date, x) -> list[dict]:
    """Ticks of a time axis from `left` to `right`: every 1st of January, or every third month for less than two years."""
    years = [dt.date(year, 1, 1) for year in range(left.year + 1, right.year + 1)]
    if len(years) >= 2:
        return [{"at": x(day), "label": str(day.year)} for day in years]
    days = (right - left).days
    months = [dt.date(left.year + (left.month - 1 + k) // 12, (left.month - 1 + k) % 12 + 1, 1) for k in range(1, days // 28 + 1, 3)]
    return [{"at": x(day), "label": day.strftime("%m/%Y")} for day in months if left < day < right]


def _timeline_by_line(events: list, lang: str) -> dict:
    """A busy calendar: one line per event, in date order, its dot at its date, its label beside the dot
    (right of it in the first half of the period, left of it in the second), so that no two labels meet."""
    first, last = events[0][0], events[-1][0]
    middle = first + (last - first) / 2
    margin = dt.timedelta(days=max((last - first).days, 60) // 30 + 5)
    left, right = first - margin, last + margin
    days = (right - left).days

    def x(day: dt.date) -> float:
        return (day - left).days / days

    lines = []
    for when, label, workshop in events:
        date = format_date(when, lang)
        side = -1 if when > middle else 1
        # The characters that fit between the dot and the edge on the label's side, less the date and « · ».
        room = int((x(when) if side < 0 else 1 - x(when)) * LINE_CHARACTERS) - len(date) - 4
        lines.append(
            {
                "x": x(when),
                "side": side,
                "workshop": workshop,
                "colour": COLOURS["habitant"] if workshop else COLOURS["elu"],
                "label": f"{date} · {_short(label, max(12, min(58, room)))}",
            }
        )
    legend = [
        {"colour": COLOURS["habitant"], "label": t("figure.timeline.workshops"), "workshop": True},
        {"colour": COLOURS["elu"], "label": t("figure.timeline.milestones"), "workshop": False},
    ]
    return {"kind": "timeline-lines", "xticks": _date_ticks(left, right, x), "lines": lines, "legend": legend}


def _objectives_tree(project: Project, labels: dict) -> Chart | None:
    """Axes → general objectives → operational objectives, as an indented tree."""
    if not project.axes:
        return None
    rows: list[dict] = []
    for number, axis in enumerate(project.axes, start=1):
        axis_row = len(rows)
        rows.append({"depth": 0, "label": _short(t("figure.objectives.axis", number=number, title=axis.title), 95), "parent": None})
        for general in axis.general_objectives:
            general_row = len(rows)
            rows.append({"depth": 1, "label": _short(general.title, 95), "parent": axis_row})
            for operational in general.operational_objectives:
                rows.append({"depth": 2, "label": _short(operational.title, 100), "parent": general_row})
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
    return Chart("objectives", {"kind": "objectives", "rows": rows}, t("figure.objectives.caption"), alt)


def vote_charts(votes: list[dict], language: str) -> list[Chart]:
    """The document's vote charts (the view's `method.votes` that have one), drawn by Typst with the other figures.

    The same bars as `vote_chart` (the minutes'), best option on top, its value at the end of
    each bar; drawn by Typst, a render with none of them in the cache imports no matplotlib.
    """
    charts = []
    for vote in votes:
        if not vote["chart"]:
            continue
        ranking = vote["ranking"]
        counted = [option for option in ranking.options if option.value is not None]
        ticks = nice_ticks(0, max([option.value for option in counted] or [1]))
        bars = [
            {"label": option.label if len(option.label) <= 45 else option.label[:44] + "…", "value": format_number(option.value, language),
             "at": _scale(option.value, ticks)}
            for option in counted
        ]
        xticks = [{"at": _scale(tick, ticks), "label": format_number(tick, language)} for tick in ticks]
        xlabel = t("minutes.score" if ranking.vote.method == "multicritere" else "minutes.votes_col")
        data = {"kind": "votes", "bars": bars, "xticks": xticks, "xlabel": xlabel, "colour": "#1f4e79"}
        alt = t("document.vote.alt", question=ranking.vote.question)
        charts.append(Chart(vote["chart"], data, t("minutes.chart"), alt))
    return charts


# The vote charts of the minutes (matplotlib) ----------------------------------------


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
