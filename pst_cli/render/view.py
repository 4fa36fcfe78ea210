"""The view model: what the document shows, built from a validated `Project`.

Plain dicts and lists of strings, every string already formatted for the reader
(dates and numbers of the project's language, typographic spaces) and escaped for
Pandoc Markdown, so that templates only lay things out. A user's text is always data
here: plain fields go through `plain()` (printed verbatim), Markdown fields through
`markdown()`. pst's own words come from the catalogue (`doc.*` labels, `value.*` and
`category.*` names of the file format's codes, `document.*` sentences).
"""

from __future__ import annotations

import typing
from collections import Counter
from pathlib import Path

from pst_cli.i18n import has, section, t, tn
from pst_cli.model.common import StakeholderCategory
from pst_cli.model.project import Chapter
from pst_cli.project.aggregate import Project
from pst_cli.render import typography as ty
from pst_cli.render.tables import grid_table

CHAPTERS = typing.get_args(Chapter)
"""Chapters of the document, in the usual order of a projet social (see DOMAIN.md)."""

class View:
    """Builds the view model of one project; `public` leaves personal data out."""

    def __init__(self, project: Project, public: bool = False) -> None:
        self.project = project
        self.lang = project.language
        self.public = public
        self.labels = section("doc")
        self.stakeholders = project.stakeholders_by_id
        self.sources = project.sources_by_id

    # Small formatters -------------------------------------------------------------

    def text(self, value: object) -> str:
        return ty.plain(self._masked(value), self.lang)

    def md(self, value: str | None, depth: int = 3) -> str:
        return ty.markdown(self._masked(value), self.lang, depth)

    def _masked(self, value):
        """In a public document, e-mail addresses and phone numbers left in free text are removed
        (`pst check` warns about them: personal/contact-in-free-text)."""
        if not self.public or not isinstance(value, str):
            return value
        from pst_cli.project.personal import EMAIL, PHONE

        hidden = t("document.contact-removed")
        return PHONE.sub(hidden, EMAIL.sub(hidden, value))

    def date(self, value) -> str:
        return ty.format_date(value, self.lang)

    def count(self, key: str, value: int, **values: str) -> str:
        """The catalogue's sentence `key` about `value` things, in the plural form the language gives `value`.

        `{number}` is the count as the document writes numbers (« 1 234 »), `{count}` the bare integer.
        """
        return tn(key, value, number=ty.format_number(value, self.lang), **values)

    def value_label(self, value: str | None) -> str:
        return self.text(_value(value))

    def category(self, value: str) -> str:
        return self.text(t(f"category.{value}"))

    def who(self, stakeholder_id: str | None) -> str:
        """A stakeholder's name (never a person's: names live in `personal`)."""
        if not stakeholder_id:
            return ""
        found = self.stakeholders.get(stakeholder_id)
        return self.text(found.name if found else stakeholder_id)

    def source_name(self, value: str | None) -> str:
        """A source by id (« INSEE, Recensement 2021 ») or the text written in its place."""
        if not value:
            return ""
        found = self.sources.get(value)
        if found:
            return self.text(f"{found.producer}, {found.title}")
        return self.text(value)

    # The document -----------------------------------------------------------------

    def build(self, figures: dict[str, dict]) -> dict:
        """The whole context given to the templates."""
        config = self.project.config
        period = config.period
        years = f"{period.start.year}–{period.end.year}"
        return {
            "lang": self.lang,
            "labels": self.labels,
            "public": self.public,
            "title": self.text(config.title),
            "subtitle": self.text(config.subtitle),
            "structure": self.text(config.structure.name),
            "territory": self.text(config.territory.name),
            "years": years,
            "period": self.text(t("document.from-to", start=self.date(period.start), end=self.date(period.end))),
            "summary": self.md(config.summary, depth=1),
            "sections": self.sections(),
            "chapters": list(CHAPTERS),
            "identity": self.identity(),
            "diagnostic": self.diagnostic(),
            "method": self.method(),
            "challenges": self.challenges(),
            "axes": self.axes(),
            "actions": self.actions(),
            "indicators": self.indicators(),
            "progress": self.progress(),
            "governance": self.governance(),
            "calendar": self.calendar(),
            "appendices": self.appendices(),
            "figures": figures,
            "grid_table": grid_table,
        }

    def sections(self) -> dict[str, dict[str, list[dict]]]:
        """Free chapters (`sections/*.md`) by place: {chapter: {"before": [...], "after": [...]}}."""
        placed: dict[str, dict[str, list[dict]]] = {name: {"before": [], "after": []} for name in CHAPTERS}
        for free in self.project.config.sections:
            path = self.project.project_file(free.file)
            if path is None:
                continue  # reported by the loader's rules; the document goes on without it
            body = self.project.read_markdown(free.file)
            title = free.title
            lines = body.strip().splitlines()
            if lines and lines[0].startswith("# "):
                title = title or lines[0][2:].strip()
                body = "\n".join(lines[1:])
            title = title or Path(free.file).stem.replace("-", " ").capitalize()
            where, chapter = ("before", free.before) if free.before else ("after", free.after or "appendices")
            placed[chapter][where].append({"title": self.text(title), "body": self.md(body, depth=1)})
        return placed

    def identity(self) -> dict:
        config = self.project.config
        rows = [
            (self.labels["structure"], ", ".join(filter(None, [config.structure.name, config.structure.type]))),
            (self.labels["territory"], config.territory.name),
            (self.labels["kind"], _value(config.kind)),
            (self.labels["period"], f"{self.date(config.period.start)} – {self.date(config.period.end)}"),
        ]
        if config.territory.codes:
            rows.append((self.labels["codes"], ", ".join(config.territory.codes)))
        if config.budget is not None:
            rows.append((self.labels["budget"], ty.format_amount(config.budget, self.lang)))
        if config.previous_project:
            rows.append((self.labels["previous"], config.previous_project))
        return {
            "rows": [(self.text(label), self.text(value)) for label, value in rows],
            "address": self.text(config.structure.address),
            "territory_description": self.md(config.territory.description),
        }

    def diagnostic(self) -> dict:
        sources = [
            {
                "id": s.id,
                "producer": self.text(s.producer),
                "title": self.text(s.title),
                "year": str(s.year or ""),
                "level": self.text(s.level or ""),
                "limits": self.text(s.limits),
            }
            for s in self.project.sources
        ]
        for source, model in zip(sources, self.project.sources, strict=True):
            details = [model.title]
            if model.limits:
                details.append(f"{self.labels['limits']}{self.labels['colon_plain']} {model.limits}")
            if model.url:
                details.append(model.url)
            source["row"] = [source["producer"], self.text(" — ".join(details)), source["year"], source["level"]]
        data = []
        for point in self.project.context_indicators:
            value = self.labels["secret"] if point.secret or point.value is None else ty.with_unit(point.value, point.unit, self.lang)
            comparisons = "; ".join(
                f"{c.territory}{self.labels['colon']} {ty.with_unit(c.value, point.unit, self.lang)}" for c in point.comparisons
            )
            data.append(
                {
                    "label": self.text(point.label),
                    "value": self.text(value),
                    "year": str(point.year or ""),
                    "territory": self.text(point.territory),
                    "comparisons": self.text(comparisons),
                    "source": self.text(self.sources[point.source].producer if point.source in self.sources else point.source or ""),
                }
            )
        home = self.project.config.territory.name
        for point, model in zip(data, self.project.context_indicators, strict=True):
            # A figure for a neighbourhood (QPV, IRIS) must not read as one for the whole town.
            label = point["label"] if not model.territory or model.territory == home else self.text(f"{model.label} ({model.territory})")
            point["row"] = [label, point["value"], point["year"], point["comparisons"], point["source"]]
        findings = [
            {
                "id": f.id,
                "statement": self.text(f.statement),
                "type": self.value_label(f.type),
                "theme": self.text(f.theme),
                "publics": self.text(", ".join(f.publics)),
            }
            for f in self.project.findings
        ]
        return {"sources": sources, "data": data, "findings": findings, "present": bool(sources or data or findings)}

    def method(self) -> dict:
        workshops = []
        totals: Counter = Counter()
        for w in self.project.workshops:
            counts = w.participants.counts
            totals.update(counts)
            workshops.append(
                {
                    "id": w.id,
                    "title": self.text(w.title),
                    "date": self.text(self.date(w.date)),
                    "place": self.text(w.place),
                    "format": self.text(w.format),
                    "level": self.value_label(w.participation_level),
                    "total": ty.format_number(sum(counts.values()), self.lang),
                    "counts": self.text(", ".join(f"{t(f'category.{c}')}{self.labels['colon']} {n}" for c, n in counts.items())),
                }
            )
            entry = workshops[-1]
            entry["row"] = [entry["date"], entry["title"], entry["format"], entry["level"], entry["total"]]
        categories = [
            {"label": self.category(category), "count": ty.format_number(count, self.lang)}
            for category, count in sorted(totals.items(), key=lambda item: -item[1])
        ]
        total = sum(totals.values())
        sessions = len(workshops)
        participations = self.count("document.participations", total)
        summary = self.count("document.method-summary", sessions, participations=participations)
        return {
            "method": self.text(self.project.config.method or ""),
            "workshops": workshops,
            "categories": categories,
            "total": ty.format_number(total, self.lang),
            "summary": self.text(summary),
        }

    def challenges(self) -> list[dict]:
        """Retained enjeux by priority, each with the earlier enjeux it reformulates or groups."""
        by_id = {c.id: c for c in self.project.challenges}
        kept = [c for c in self.project.challenges if c.status == "retenu"]
        kept.sort(key=lambda c: (c.priority or 10_000, c.id))
        return [
            {
                "id": c.id,
                "label": self.text(c.label),
                "priority": str(c.priority or ""),
                "description": self.md(c.description),
                "findings": self.text(", ".join(c.findings)),
                "replaces": [self.text(by_id[old].label) for old in c.replaces if old in by_id],
            }
            for c in kept
        ]

    def axes(self) -> list[dict]:
        """Each axis with its Meaux-style tables: one column per general objective, at most three a table."""
        axes = []
        for number, axis in enumerate(self.project.axes, start=1):
            columns = []
            for index, general in enumerate(axis.general_objectives, start=1):
                results = [i for o in general.operational_objectives for i in o.indicators]
                columns.append(
                    {
                        "number": f"{number}.{index}",
                        "title": self.text(general.title),
                        "operational": [self.text(o.title) for o in general.operational_objectives],
                        "indicators": [self.text(i.label) for i in results],
                        "impact": [self.text(i.label) for i in general.indicators],
                        "examples": [self.text(e) for e in general.examples],
                    }
                )
            axes.append(
                {
                    "id": axis.id,
                    "number": number,
                    "title": self.text(axis.title),
                    "description": self.md(axis.description),
                    "tables": [self._axis_table(columns[i : i + 3]) for i in range(0, len(columns), 3)],
                    "columns": columns,
                }
            )
        return axes

    def _axis_table(self, columns: list[dict]) -> str:
        labels = self.labels
        width = {1: 70, 2: 36, 3: 24}[len(columns)]

        def cell(title: str, items: list[str]) -> str:
            return f"*{title}*\n\n" + "\n".join(f"- {item}" for item in items) if items else ""

        header = [f"**{labels['general_objective']} {c['number']}**\n\n{c['title']}" for c in columns]
        rows = [
            [cell(labels["operational_objectives"], c["operational"]) for c in columns],
            [cell(labels["result_indicators"], c["indicators"] + c["impact"]) for c in columns],
        ]
        if any(c["examples"] for c in columns):
            rows.append([cell(labels["examples"], c["examples"]) for c in columns])
        return grid_table(header, rows, [width] * len(columns))

    def _adder(self, fields: list[tuple[str, str]]):
        """A function that appends (label, value) to `fields` when the value is not empty."""

        def add(key: str, value: str) -> None:
            if value:
                fields.append((self.labels[key], value))

        return add

    def actions(self) -> list[dict]:
        sheets = []
        for action in self.project.actions:
            fields: list[tuple[str, str]] = []
            add = self._adder(fields)
            titles = {objective.id: objective.title for _, _, objective in self.project.operational_objectives()}
            add("objectives_served", self.text(" ; ".join(f"{titles.get(oid, oid)} ({oid})" for oid in action.objectives)))
            add("publics", self.text(", ".join(action.publics)))
            add("expected_participants", ty.format_number(action.expected_participants, self.lang))
            add("place", self.text(action.place))
            add("lead", self.who(action.lead))
            add("referent", self.who(action.referent))
            add("partners", "; ".join(self.who(p.stakeholder) + (f" ({self.text(p.role)})" if p.role else "") for p in action.partners))
            add("staff", f"{ty.format_number(action.staff_fte, self.lang)} {self.labels['fte']}" if action.staff_fte is not None else "")
            add("means", self.text(action.means))
            if action.start or action.end:
                add("schedule", self.text(f"{self.date(action.start)} – {self.date(action.end)}"))
            add("status", self.value_label(action.status))
            budget = [
                {
                    "label": self.text(line.label),
                    "amount": self.text(ty.format_amount(line.amount, self.lang)),
                    "funder": self.who(line.funder),
                    "status": self.value_label(line.status),
                }
                for line in action.budget
            ]
            for line in budget:
                line["row"] = [line["label"], line["amount"], line["funder"], line["status"]]
            sheets.append(
                {
                    "id": action.id,
                    "title": self.text(action.title),
                    "family": action.family,
                    "fields": fields,
                    "context": self.md(action.context),
                    "description": self.md(action.description),
                    "expected_results": [self.text(r) for r in action.expected_results],
                    "budget": budget,
                    "budget_total": self.text(ty.format_amount(sum(line.amount for line in action.budget), self.lang)) if budget else "",
                    "milestones": [{"date": self.text(self.date(m.date)), "label": self.text(m.label)} for m in action.milestones],
                    "indicators": [self.text(i.label) for i in action.indicators],
                    "previous_evaluation": self.md(action.previous_evaluation),
                }
            )
        return sheets

    def indicators(self) -> list[dict]:
        rows = []
        for owner, indicator in self.project.plan_indicators():
            baseline = indicator.baseline
            target = indicator.target
            rows.append(
                {
                    "id": indicator.id,
                    "owner": getattr(owner, "id", ""),
                    "label": self.text(indicator.label),
                    "type": self.value_label(indicator.type),
                    "baseline": self.text(
                        f"{ty.with_unit(baseline.value, indicator.unit, self.lang)} ({self.date(baseline.date)})" if baseline else ""
                    ),
                    "target": self.text(
                        f"{ty.with_unit(target.value, indicator.unit, self.lang)} ({self.date(target.date)})" if target else ""
                    ),
                    "source": self.source_name(indicator.source),
                    "frequency": self.value_label(indicator.frequency),
                }
            )
            row = rows[-1]
            row["row"] = [row["label"], row["type"], row["baseline"], row["target"], row["source"], row["frequency"]]
        return rows

    def progress(self) -> dict | None:
        """Where the plan stands at its latest measurement, as `pst status` computes it (docs/suivi.md)."""
        if not self.project.measurements:
            return None
        from pst_cli.monitoring.progress import project_status

        at = max(measurement.date for measurement in self.project.measurements)
        status = project_status(self.project, at)
        rows = []
        for item in status.indicators:
            latest = item.latest
            if latest is None:
                continue
            unit = item.indicator.unit
            if item.regression:
                progress = self.labels["regression"]
            elif item.progress is None:  # measured, but without a baseline or a target to measure progress against
                progress = "—"
            else:
                progress = ty.with_unit(round(item.progress * 100), "%", self.lang)
            rows.append(
                [
                    self.text(item.indicator.label),
                    self.text(ty.with_unit(item.indicator.baseline.value, unit, self.lang) if item.indicator.baseline else ""),
                    self.text(f"{ty.with_unit(latest.value, unit, self.lang)} ({self.date(latest.date)})"),
                    self.text(ty.with_unit(item.indicator.target.value, unit, self.lang) if item.indicator.target else ""),
                    self.text(progress),
                ]
            )
        axes = [
            self.text(
                f"{axis.id} — {axis.title}{self.labels['colon']} "
                + (ty.with_unit(round(axis.progress * 100), "%", self.lang) if axis.progress is not None else self.labels["not_measured"])
            )
            for axis in status.axes
        ]
        unmeasured = len(status.indicators) - len(rows)
        return {
            "at": self.date(at),
            "rows": rows,
            "axes": axes,
            "unmeasured": self.text(self.count("document.unmeasured", unmeasured)) if unmeasured else "",
        }

    def governance(self) -> dict:
        governance = self.project.governance
        bodies = [
            {
                "name": self.text(body.name),
                "frequency": self.value_label(body.frequency),
                "members": self.text(", ".join(self.stakeholders[m].name if m in self.stakeholders else m for m in body.members)),
                "missions": [self.text(m) for m in body.missions],
            }
            for body in governance.bodies
        ]
        conventions = [
            {
                "title": self.text(c.title),
                "parties": self.text(", ".join(self.stakeholders[p].name if p in self.stakeholders else p for p in c.parties)),
                "signed": self.text(self.date(c.signed)),
            }
            for c in governance.conventions
        ]
        return {"referent": self.who(governance.referent), "bodies": bodies, "conventions": conventions}

    def calendar(self) -> list[dict]:
        """Workshops and milestones in date order."""
        events = [(w.date, w.title, self.labels["workshop"]) for w in self.project.workshops]
        events += [(m.date, m.label, self.labels["milestone"]) for m in self.project.governance.milestones]
        events.sort(key=lambda event: event[0])
        rows = [{"date": self.text(self.date(d)), "label": self.text(label), "kind": self.text(kind)} for d, label, kind in events]
        for row in rows:
            row["row"] = [row["date"], row["label"], row["kind"]]
        return rows

    def appendices(self) -> dict:
        by_category: dict[str, list[dict]] = {}
        for s in self.project.stakeholders:
            contact = ""
            if s.personal and not self.public:
                contact = " · ".join(filter(None, [s.personal.name, s.personal.email, s.personal.phone]))
            by_category.setdefault(s.category, []).append(
                {"name": self.text(s.name), "role": self.text(s.role), "contact": self.text(contact)}
            )
        order = typing.get_args(StakeholderCategory)
        stakeholders = [
            {"category": self.category(category), "members": members}
            for category, members in sorted(by_category.items(), key=lambda item: order.index(item[0]))
        ]
        minutes = []
        for w in self.project.workshops:
            text = w.minutes or ""
            if text.strip().endswith(".md") and "\n" not in text.strip():
                text = self.project.read_markdown(text.strip()) if self.project.project_file(text.strip()) else ""
            if not (text or w.agreements or w.disagreements or w.follow_up):
                continue
            minutes.append(
                {
                    "title": self.text(w.title),
                    "date": self.text(self.date(w.date)),
                    "body": self.md(text, depth=3),
                    "agreements": [self.text(a) for a in w.agreements],
                    "disagreements": [self.text(a) for a in w.disagreements],
                    "follow_up": self.text(w.follow_up),
                }
            )
        return {"stakeholders": stakeholders, "minutes": minutes}


def _value(code: str | None) -> str:
    """A code of the file format (`annuelle`, `en-cours`) as the reader's word for it; free text stays as written."""
    if code is None:
        return ""
    return t(f"value.{code}") if has(f"value.{code}") else code
