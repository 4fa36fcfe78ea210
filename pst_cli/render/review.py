"""The yearly review (`pst review --year Y`), a kind of document of the engine.

What the year was (`monitoring/yearly.py`: actions, indicators, participation, budget,
meetings) and what changed in the plan (`history/year.py`, handed in by the command, since
history is a sibling layer) laid out in the outline the project's framework asks for:

- `centre-social`, `evs`: the yearly review a centre social gives its board and the CAF;
- `contrat-de-ville`: the yearly report of décret n° 2015-1118 (orientations, situation of
  the quartiers, actions of the year, means, perspectives), the conseils citoyens'
  opinions attached, each one shown as « avis à joindre » until it is written;
- `departemental`: the document of the yearly conférence sociale locale (seed 004);
- `ctg`: the review of the CTG's steering committee, actions by thematic field;
- `pst`, `abs`: a plain yearly review.

The outline is data (`OUTLINES`): each part is a macro of `templates/review/parts.md.j2`,
its heading a catalogue key (`review.heading.<outline>.<part>`, else `review.heading.<part>`).
Every user string reaches the templates escaped (`typography.plain`) or as Markdown
without raw HTML (`typography.markdown`). The cover, page layout, Word and HTML styles
are the main document's (`document.py`'s Pandoc options and `templates/document/`).
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pst_cli.i18n import has, section, t, tn
from pst_cli.render import typography as ty
from pst_cli.render.engine import DocumentKind, Prepared, Progress, produce_cached
from pst_cli.render.office import finish
from pst_cli.render.tables import grid_table
from pst_cli.render.view import code_label, volunteers_sentence

if TYPE_CHECKING:
    from pst_cli.monitoring.yearly import ActionYear, IndicatorYear, Year
    from pst_cli.project.aggregate import Project

FORMATS = ("docx", "odt", "pdf", "html", "md")
STEPS = ("load", "check", "figures")

OUTLINE_OF_KIND = {"centre-social": "caf", "evs": "caf", "contrat-de-ville": "contrat-de-ville", "departemental": "departemental", "ctg": "ctg"}
OUTLINES = {
    "caf": ("synthesis", "actions", "indicators", "participation", "governance", "budget", "changes", "perspectives"),
    "contrat-de-ville": (
        "frame", "orientations", "indicators", "actions", "budget", "participation", "governance", "changes", "perspectives", "opinions", "follow_up",
    ),
    "departemental": ("conference", "synthesis", "actions", "indicators", "participation", "governance", "budget", "changes", "perspectives"),
    "ctg": ("synthesis", "themes", "indicators", "commitments", "participation", "governance", "budget", "changes", "perspectives"),
    "generic": ("synthesis", "actions", "indicators", "participation", "governance", "budget", "changes", "perspectives"),
}
"""The parts of each outline, in order: each one a macro of `parts.md.j2`."""


def outline_of(kind: str) -> str:
    return OUTLINE_OF_KIND.get(kind, "generic")


class _Review:
    """Builds the context of the review's templates from one `Year` (escaped text, tables)."""

    def __init__(self, project: Project, year: Year, changes) -> None:
        self.project = project
        self.year = year
        self.changes = changes
        self.lang = project.language
        self.names = project.stakeholders_by_id
        self.labels = section("review.doc")
        self.colon = t("review.doc.colon")
        self.outline = outline_of(project.config.kind)

    # Formatting -------------------------------------------------------------------

    def text(self, value: object) -> str:
        return ty.plain(value, self.lang)

    def md(self, value: str | None, depth: int = 1) -> str:
        return ty.markdown(value, self.lang, depth)

    def date(self, value: dt.date | None) -> str:
        return ty.format_date(value, self.lang)

    def number(self, value: float | None) -> str:
        return ty.format_number(value, self.lang) if value is not None else "—"

    def amount(self, value: float | None) -> str:
        return ty.format_amount(value, self.lang) if value is not None else "—"

    def name(self, stakeholder_id: str | None) -> str:
        if not stakeholder_id:
            return self.text(t("review.doc.unnamed-funder"))
        found = self.names.get(stakeholder_id)
        return self.text(found.name if found else stakeholder_id)

    def code(self, code: str) -> str:
        return code_label("status", code)

    def placeholder(self, key: str, **values: object) -> str:
        """A visible gap: « À rédiger » / « Avis à joindre », and where to write it."""
        return f"> **{self.text(t(f'review.doc.{key}'))}** — {self.text(t(f'review.doc.{key}.where', **values))}"

    # Parts ------------------------------------------------------------------------

    def synthesis(self) -> dict:
        year, previous = self.year, self.year.year - 1
        indicators = [item for item in year.indicators if item.value is not None]
        reached = [item for item in year.indicators if item.step_reached]
        stepped = [item for item in year.indicators if item.step_reached is not None]
        facts = [
            t("review.doc.fact.actions", planned=len(year.planned), done=len(year.done), previous=previous, previous_done=year.previous_done),
            t("review.doc.fact.indicators", measured=len(indicators), total=len(year.indicators), late=len(year.late)),
        ]
        if stepped:
            facts.append(t("review.doc.fact.steps", reached=len(reached), total=len(stepped)))
        part, before = year.participation, year.previous_participation
        facts.append(
            t(
                "review.doc.fact.participation",
                sessions=self.number(len(part.workshops)),
                people=self.number(part.total), residents=self.number(part.residents), previous=previous,
                previous_sessions=self.number(len(before.workshops)), previous_people=self.number(before.total),
            )
        )
        spent, planned = year.budget.total("expenses", "actual"), year.budget.total("expenses", "forecast")
        if planned is not None:
            facts.append(t("review.doc.fact.budget", forecast=self.amount(planned), actual=self.amount(spent)))
        return {
            "highlights": self.written("highlights"),
            "facts": [self.text(fact) for fact in facts],
        }

    @property
    def review_file(self) -> str:
        return f"evaluation/reviews/{self.year.year}.yaml"

    def orientations(self) -> list[dict]:
        return [
            {"axis": self.text(f"{number}. {axis.title}"), "generals": [self.text(general.title) for general in axis.general_objectives]}
            for number, axis in enumerate(self.project.axes, start=1)
        ]

    def _state(self, item: ActionYear) -> str:
        state = self.code(item.state)
        when = item.done.date if item.done else (item.changes[-1].date if item.changes else None)
        if when:
            return self.text(t("review.doc.state-on", state=state, date=self.date(when)))
        if not item.dated:
            return self.text(t("review.doc.state-undated", state=state))
        return self.text(state)

    def _action_rows(self, items: list[ActionYear]) -> list[list[str]]:
        rows = []
        for item in items:
            action = item.action
            span = t("review.doc.span", start=self.date(action.start) or "…", end=self.date(action.end) or "…") if (action.start or action.end) else "—"
            # One paragraph an entry, not a list: Pandoc's Typst writer wraps a list item of a table
            # cell with less indentation than its marker, which Typst reads as the end of the item.
            entries = [
                (change.date, f"**{self.date(change.date)}**{self.colon} {self.text(self.code(change.status))}" + (f" ({self.text(change.note)})" if change.note else ""))
                for change in item.changes
            ]
            entries += [(m.date, f"*{self.date(m.date)}*{self.colon} {self.text(m.label)}") for m in action.milestones if m.date.year == self.year.year]
            history = "\n\n".join(text for _, text in sorted(entries, key=lambda entry: entry[0]))
            rows.append(
                [
                    f"**{self.text(action.id)}** {self.text(action.title)}",
                    self.text(span),
                    self._state(item),
                    self.text(self.code(item.previous_state)) if item.previous_state else "—",
                    history or "—",
                ]
            )
        return rows

    def _action_header(self) -> list[str]:
        labels = self.labels
        year = self.year.year
        return [labels["action"], labels["span-col"], self.text(t("review.doc.state-at", year=year)), self.text(t("review.doc.state-at", year=year - 1)), labels["history-col"]]

    def actions(self) -> dict:
        year = self.year
        planned = year.planned
        others = [item for item in year.actions if not item.planned]
        done = year.done
        table = grid_table(self._action_header(), self._action_rows(planned), [30, 14, 15, 12, 37]) if planned else ""
        notes = self._notes("action")
        return {
            "summary": self.text(t("review.doc.actions-summary", planned=len(planned), done=len(done), year=year.year)),
            "done": [self.text(t("review.doc.done-item", id=item.action.id, title=item.action.title, date=self.date(item.done.date))) for item in done],
            "table": table,
            "others": [self.text(f"{item.action.id} {item.action.title}") for item in others],
            "notes": notes,
            "illustrative": self.text(t("review.doc.illustrative")) if any(item.action.illustrative for item in planned) else "",
        }

    def themes(self) -> list[dict]:
        """Actions grouped by the CTG's thematic fields (an action in several fields appears in each)."""
        from pst_cli.model.frameworks import Theme

        groups = []
        planned = self.year.planned
        for theme in (*typing.get_args(Theme), None):
            items = [item for item in planned if (theme in item.action.themes if theme else not item.action.themes)]
            if items:
                name = self.code(theme) if theme else t("review.doc.no-theme")
                groups.append({"name": self.text(name[:1].upper() + name[1:]), "table": grid_table(self._action_header(), self._action_rows(items), [30, 14, 15, 12, 37])})
        return groups

    def _notes(self, field: str) -> list[str]:
        review = self.year.review
        if not review:
            return []
        return [f"**{self.text(getattr(note, field))}**{self.colon} {self.text(note.text)}" for note in review.notes if getattr(note, field)]

    def _value(self, item: IndicatorYear) -> str:
        if item.value is None:
            return self.text(t("review.doc.not-measured"))
        if item.by_territory:
            return "\n\n".join(f"{self.text(m.territory)}{self.colon} {self.number(m.value)}" for m in item.by_territory)
        return self.number(item.value.value)

    def _step(self, item: IndicatorYear) -> str:
        if item.step is None:
            return "—"
        verdict = {True: t("review.doc.step-reached"), False: t("review.doc.step-missed"), None: ""}[item.step_reached]
        return self.number(item.step.value) + (f"\n\n*{self.text(verdict)}*" if verdict else "")

    def _trend(self, item: IndicatorYear) -> str:
        parts = []
        if item.trend:
            parts.append(t(f"review.doc.trend.{item.trend}"))
        progress = item.progress
        if progress is not None:
            parts.append(t("review.doc.progress", percent=ty.format_number(round(progress * 100), self.lang).replace("-", "−")))
        cell = "\n\n".join(self.text(part) for part in parts)
        if item.missing:
            cell += ("\n\n" if cell else "") + f"**{self.text(t('review.doc.late'))}**"
        return cell or "—"

    def indicators(self, figures: dict) -> dict:
        year = self.year
        header = [
            self.labels["indicator"], self.labels["baseline"], self.text(t("review.doc.previous-year", year=year.year - 1)),
            self.text(t("review.doc.value-of", year=year.year)), self.text(t("review.doc.step-of", year=year.year)), self.labels["target"],
            self.labels["trend"],
        ]
        rows = []
        for item in year.indicators:
            indicator = item.indicator
            label = f"**{self.text(indicator.id)}** {self.text(indicator.label)}" + (f" ({self.text(indicator.unit)})" if indicator.unit else "")
            baseline = indicator.baseline
            target = indicator.target
            rows.append(
                [
                    label,
                    self.number(baseline.value) if baseline else "—",
                    self.number(item.previous),
                    self._value(item),
                    self._step(item),
                    (self.number(target.value) + f"\n\n{self.text(self.date(target.date))}") if target else "—",
                    self._trend(item),
                ]
            )
        late = []
        for item in year.late:
            dues = ", ".join(self._due(due) for due in item.missing)
            late.append(self.text(t("review.doc.late-item", id=item.indicator.id, label=item.indicator.label, dues=dues)))
        delayed = []
        for item in year.indicators:
            if item.indicator.delay and not item.missing:
                due = item.next_due
                nxt = t("review.doc.next-due", reference=self.date(due.reference), available=self.date(due.available)) if due else t("review.doc.no-next-due")
                delayed.append(self.text(t("review.doc.delayed-item", id=item.indicator.id, label=item.indicator.label, months=item.indicator.delay, next=nxt)))
        return {
            "table": grid_table(header, rows, [36, 9, 10, 10, 11, 11, 15]) if rows else "",
            "late": late,
            "delayed": delayed,
            "at": self.text(t("review.doc.late-at", date=self.date(year.at))),
            "figures": [name for name in figures if name.startswith("review-")],
            "notes": self._notes("indicator"),
        }

    def _due(self, due) -> str:
        text = self.date(due.reference)
        if due.available != due.reference:
            text = t("review.doc.due-available", reference=text, available=self.date(due.available))
        return f"{text} ({due.territory})" if due.territory else text

    def participation(self) -> dict:
        from pst_cli.model.common import StakeholderCategory

        year = self.year
        part, before = year.participation, year.previous_participation
        session_rows = []
        for workshop in part.workshops:
            counts = ", ".join(f"{t(f'category.{c}')} {self.number(n)}" for c, n in workshop.participants.counts.items() if n)
            session_rows.append(
                [
                    self.date(workshop.date), self.text(workshop.title), self.text(code_label("phase", workshop.phase)),
                    self.text(counts) or "—", self.number(sum(workshop.participants.counts.values())),
                ]
            )
        labels = self.labels
        sessions = grid_table([labels["date"], labels["session"], labels["phase"], labels["counts"], labels["total"]], session_rows, [22, 32, 13, 25, 8]) if session_rows else ""
        category_rows = [
            [self.text(t(f"category.{c}")), self.number(part.counts[c]), self.number(before.counts[c])]
            for c in typing.get_args(StakeholderCategory)
            if part.counts[c] or before.counts[c]
        ]
        if category_rows:
            category_rows.append([f"**{labels['total']}**", f"**{self.number(part.total)}**", f"**{self.number(before.total)}**"])
        categories = grid_table([labels["category"], str(year.year), self.text(t("review.doc.previous-year", year=year.year - 1))], category_rows, [40, 15, 15]) if category_rows else ""
        volunteers = self.project.means.volunteers if self.project.means else None
        return {
            "summary": self.text(
                t(
                    "review.doc.participation-summary",
                    sessions=tn("review.doc.sessions", len(part.workshops), number=self.number(len(part.workshops))),
                    people=self.number(part.total), residents=self.number(part.residents), year=year.year,
                )
            ),
            "sessions": sessions,
            "categories": categories,
            "volunteers": self.text(volunteers_sentence(volunteers, self.lang)) if volunteers else "",
        }

    def governance(self) -> dict:
        year = self.year
        bodies = []
        for held in year.meetings:
            meetings = []
            for meeting in held.meetings:
                meetings.append({"date": self.date(meeting.date), "decisions": [self.text(d) for d in meeting.decisions]})
            bodies.append({"name": self.text(held.body.name), "kind": self.text(code_label("type", held.body.type)), "meetings": meetings})
        milestones = [
            self.text(t("review.doc.milestone", date=self.date(m.date), label=m.label, state=t("review.doc.milestone-past" if m.date < year.at else "review.doc.milestone-coming")))
            for m in year.milestones
        ]
        return {"bodies": bodies, "milestones": milestones, "none": self.text(t("review.doc.no-meeting", year=year.year))}

    def conference(self) -> dict:
        """The yearly conférence sociale locale: the meetings of `conference` bodies in the year."""
        year = self.year
        held = [item for item in year.meetings if item.body.type == "conference"]
        bodies = [b for b in self.project.governance.bodies if b.type == "conference"]
        if not held:
            return {"held": [], "missing": self.placeholder("no-conference", year=year.year)}
        out = []
        for item in held:
            members = [self.names[m] for m in item.body.members if m in self.names]
            categories = sorted({t(f"category.{s.category}") for s in members})
            for meeting in item.meetings:
                out.append(
                    {
                        "title": self.text(t("review.doc.conference-of", name=item.body.name, date=self.date(meeting.date))),
                        "invited": self.text(", ".join(s.name for s in members)),
                        "categories": self.text(", ".join(categories)),
                        "decisions": [self.text(d) for d in meeting.decisions],
                        "minutes": self.md(meeting.minutes) if meeting.minutes and not meeting.minutes.strip().endswith(".md") else "",
                    }
                )
        return {"held": out, "missing": "", "bodies": len(bodies)}

    def commitments(self) -> list[dict]:
        rows = []
        for convention in self.project.governance.conventions:
            for commitment in convention.commitments:
                rows.append([self.name(commitment.party), self.text(commitment.text), self.amount(commitment.amount) if commitment.amount is not None else "—"])
        labels = self.labels
        return [{"table": grid_table([labels["party"], labels["commitment"], labels["amount"]], rows, [24, 56, 16])}] if rows else []

    def _budget_tables(self, budget) -> tuple[str, str]:
        """Income by funder (forecast, actual, gap, previous year's actual) and expenses (forecast, actual, gap)."""
        year = self.year.year
        labels = self.labels
        funder_rows = [
            [self.name(line.funder), self.amount(line.forecast), self.amount(line.actual), self._gap(line.forecast, line.actual), self.amount(line.previous_actual)]
            for line in budget.funders
        ]
        if funder_rows:
            forecast, actual = budget.total("income", "forecast"), budget.total("income", "actual")
            funder_rows.append(
                [f"**{labels['total']}**", f"**{self.amount(forecast)}**", f"**{self.amount(actual)}**", f"**{self._gap(forecast, actual)}**",
                 f"**{self.amount(budget.total('income', 'actual', previous=True))}**"]
            )
        money = [labels["forecast"], labels["actual"], labels["gap"]]
        previous = self.text(t("review.doc.actual-of", year=year - 1))
        income = grid_table([labels["funder"], *money, previous], funder_rows, [34, 15, 15, 14, 15]) if funder_rows else ""
        expense_rows = [
            [self.text(line.label), self.amount(line.forecast), self.amount(line.actual), self._gap(line.forecast, line.actual)]
            for b in budget.years
            for line in b.expenses
        ]
        if expense_rows:
            forecast, actual = budget.total("expenses", "forecast"), budget.total("expenses", "actual")
            expense_rows.append([f"**{labels['total']}**", f"**{self.amount(forecast)}**", f"**{self.amount(actual)}**", f"**{self._gap(forecast, actual)}**"])
        expenses = grid_table([labels["expense"], *money], expense_rows, [46, 17, 17, 14]) if expense_rows else ""
        return income, expenses

    def budget(self) -> dict:
        budget = self.year.budget
        year = self.year.year
        labels = self.labels
        income, expenses = self._budget_tables(budget)
        family = self._budget_tables(self.year.family_budget) if self.year.family_budget else ("", "")
        cost_rows = [[self.name(funder), self.amount(round(amount))] for funder, amount in budget.action_costs.items()]
        if cost_rows:
            cost_rows.append([f"**{labels['total']}**", f"**{self.amount(round(sum(budget.action_costs.values())))}**"])
        costs = grid_table([labels["funder"], self.text(t("review.doc.planned-costs", year=year))], cost_rows, [50, 25]) if cost_rows else ""
        return {
            "income": income,
            "expenses": expenses,
            "family": [table for table in family if table],
            "costs": costs,
            "none": self.placeholder("no-budget-departemental" if self.outline == "departemental" else "no-budget", year=year) if not (income or expenses) else "",
        }

    def _gap(self, forecast: float | None, actual: float | None) -> str:
        if forecast is None or actual is None:
            return "—"
        gap = actual - forecast
        sign = "+" if gap > 0 else ("−" if gap < 0 else "")
        return sign + ty.format_amount(abs(gap), self.lang)

    def plan_changes(self) -> dict:
        year = self.year.year
        changes = self.changes
        if changes is None:
            return {"text": self.text(t("review.doc.changes-no-git")), "commits": "", "entries": [], "more": ""}
        if not changes.commits:
            text = t("review.doc.changes-none", year=year)
            if changes.first_commit:
                text += " " + t("review.doc.changes-first", date=self.date(changes.first_commit))
            return {"text": self.text(text), "commits": "", "entries": [], "more": ""}
        labels = self.labels
        commits = grid_table(
            [labels["date"], labels["commit"], labels["message"]],
            [[self.date(c.date), f"`{c.sha}`", self.text(c.subject)] for c in changes.commits],
            [16, 12, 60],
        )
        if changes.start and changes.end:
            text = t("review.doc.changes-between", count=len(changes.commits), start=changes.start, end=changes.end, summary=changes.summary or t("review.doc.changes-nothing"))
        else:
            text = t("review.doc.changes-created", count=len(changes.commits), date=self.date(changes.first_commit or changes.commits[0].date))
        items = [
            {"entity": self.text(c["entity"]) + (f" — {self.text(c['label'])}" if c["label"] else ""), "facts": [self.text(f) for f in c["facts"]]}
            for c in changes.changes[:60]
        ]
        more = len(changes.changes) - len(items)
        return {"text": self.text(text), "commits": commits, "entries": items, "more": self.text(tn("review.doc.more-changes", more)) if more > 0 else ""}

    def written(self, field: str) -> str:
        """A text of the year's review file (Markdown), or « À rédiger » and where to write it."""
        value = getattr(self.year.review, field, None) if self.year.review else None
        return self.md(value) if value else self.placeholder("to-write", file=self.review_file, field=field)

    def perspectives(self) -> str:
        return self.written("perspectives")

    def opinions(self) -> dict:
        """One entry per conseil citoyen (and per other body that gave an opinion): its opinion, or « avis à joindre »."""
        review = self.year.review
        given = {opinion.body: opinion for opinion in (review.opinions if review else [])}
        bodies = [b for b in self.project.governance.bodies if b.type == "conseil-citoyen"]
        bodies += [b for b in self.project.governance.bodies if b.id in given and b.type != "conseil-citoyen"]
        entries = []
        for body in bodies:
            opinion = given.get(body.id)
            if opinion is None:
                entries.append({"name": self.text(body.name), "facts": [], "text": "", "missing": self.placeholder("opinion-missing", body=body.id, file=self.review_file)})
                continue
            facts = []
            if opinion.date:
                facts.append(t("review.doc.opinion-date", date=self.date(opinion.date)))
            if opinion.verdict:
                facts.append(t(f"review.doc.verdict.{opinion.verdict}"))
            if opinion.attachment:
                facts.append(t("review.doc.opinion-attachment", file=opinion.attachment))
            entries.append(
                {
                    "name": self.text(body.name),
                    "missing": "" if (opinion.text or opinion.attachment) else self.placeholder("opinion-missing", body=body.id, file=self.review_file),
                    "facts": [self.text(f) for f in facts],
                    "text": self.md(opinion.text, 2) if opinion.text else "",
                }
            )
        return {"entries": entries, "none": self.placeholder("no-council") if not bodies else ""}

    def follow_up(self) -> str:
        return self.written("follow_up")

    def frame(self) -> str:
        return self.text(t("review.doc.cdv-frame", year=self.year.year))

    # The whole ----------------------------------------------------------------------

    def context(self, figures: dict) -> dict:
        outline = self.outline
        parts = []
        for part in OUTLINES[outline]:
            key = f"review.heading.{outline}.{part}" if has(f"review.heading.{outline}.{part}") else f"review.heading.{part}"
            parts.append({"name": part, "heading": self.text(t(key, year=self.year.year, next=self.year.year + 1))})
        return {
            "outline": outline,
            "parts": parts,
            "labels": {key: value if key in ("colon", "separator") else self.text(value) for key, value in self.labels.items()},
            "year": self.year.year,
            "illustrative": self.text(t("review.doc.illustrative-cover")) if any(getattr(e, "illustrative", False) for e in self.project.entities) else "",
            "synthesis": self.synthesis(),
            "orientations": self.orientations(),
            "actions": self.actions(),
            "themes": self.themes(),
            "indicators": self.indicators(figures),
            "participation": self.participation(),
            "governance": self.governance(),
            "conference": self.conference(),
            "commitments": self.commitments(),
            "budget": self.budget(),
            "changes": self.plan_changes(),
            "perspectives": self.perspectives(),
            "opinions": self.opinions(),
            "follow_up": self.follow_up(),
            "frame": self.frame(),
        }


def _charts(project: Project, year: Year) -> list:
    """Small charts of the indicators measured by the end of the year, nine to a figure, a figure per axis (and one for the actions)."""
    from pst_cli.render.figures import progress_charts

    groups: dict[str, list] = {}
    axis_of = {}
    for axis in project.axes:
        for general in axis.general_objectives:
            axis_of[general.id] = axis.id
            for operational in general.operational_objectives:
                axis_of[operational.id] = axis.id
    for item in year.indicators:
        if len(item.points) >= 1 and any(day.year <= year.year for day, _ in item.points):
            group = axis_of.get(getattr(item.carrier, "id", ""), "actions")
            groups.setdefault(group, []).append((item.indicator, item.points))
    charts = []
    for group, measured in groups.items():
        title = t("review.doc.chart-axis", axis=group) if group != "actions" else t("review.doc.chart-actions")
        charts += progress_charts(measured, project.language, f"review-{group}", t("review.doc.chart-caption", year=year.year, group=title))
    return charts


def _prepare(project: Project, work: Path, year_number: int, changes: Callable[[], object], today: dt.date | None) -> Prepared:
    from pst_cli.monitoring.yearly import year_of
    from pst_cli.render.document import _metadata
    from pst_cli.render.figures import make_figures
    from pst_cli.render.inputs import refuse_unreadable_inputs
    from pst_cli.render.view import View

    refuse_unreadable_inputs(project)
    year = year_of(project, year_number, today)
    drawing = make_figures(project, work, charts=_charts(project, year))
    review = _Review(project, year, changes())
    drawing.wait()
    lang = project.language
    figures = {name: {**figure, "caption": ty.plain(figure["caption"], lang), "width": 100} for name, figure in drawing.entries.items()}
    context = review.context(figures)
    outline = context["outline"]
    metadata = _metadata(project, View(project))
    title = t(f"review.title.{outline}", year=year_number)
    metadata.update(
        {
            key: ty.typography(value, lang).replace("'", "\u2019") if lang == "fr" else value
            for key, value in {
                "title": title,
                "subtitle": project.config.title,
                "header": title,
                "years": str(year_number),
                "period-label": t("review.doc.year-label"),
                "period": t("review.doc.year-period", year=year_number, date=ty.format_date(year.at, lang)),
                "date": t(f"review.kind.{outline}"),
                "illustrative": context["illustrative"] and t("review.doc.illustrative-cover"),
            }.items()
        }
    )
    return Prepared(context, figures, metadata)


def review_of(year: int, changes: Callable[[], object], revision: str = "", today: dt.date | None = None) -> DocumentKind:
    """The review of `year` as a kind of document; `changes()` gives what changed in the plan that year (history/),
    `revision` names the Git state it was read from (part of the render cache's key)."""
    from pst_cli.render.document import _front_matter, _load_checked, _pandoc_args, _typst_args

    at = today or dt.date.today()

    def load(root: Path, progress: Progress):
        from pst_cli.monitoring.yearly import check_year

        project = _load_checked(root, progress, False)
        check_year(project, year, today)
        return project

    return DocumentKind(
        formats=FORMATS,
        folder="review",
        template="review.md.j2",
        prepare=lambda project, work, public: _prepare(project, work, year, changes, today),
        basename=lambda project: t(f"review.basename.{outline_of(project.config.kind)}", year=year),
        pandoc_args=_pandoc_args,
        typst_args=_typst_args,
        markdown_preamble=_front_matter,
        figure_prefix=f"bilan-{year}-",
        finish=finish,
        load=load,
        steps=STEPS[:-1],
        variant=f"review year={year} at={min(at, dt.date(year + 1, 1, 1)).isoformat()} git={revision}",
    )


def render_review(
    root: Path, year: int, formats: list[str], outdir: Path | None = None, *, changes: Callable[[], object], revision: str = "",
    today: dt.date | None = None, progress: Progress | None = None,
) -> list[Path]:
    """`pst review`: the review of `year` in each of `formats`, refused when `pst check` finds errors or the year is outside the plan."""
    return produce_cached(review_of(year, changes, revision, today), root, formats, outdir, progress=progress)
