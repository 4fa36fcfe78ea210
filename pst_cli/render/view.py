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

    def __init__(self, project: Project, public: bool = False, grid: str | None = None) -> None:
        self.project = project
        self.grid_id = grid
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
        years = f"{period.start.year}–{period.end.year}" if period.end else f"{period.start.year}–"
        context = {
            "lang": self.lang,
            "labels": self.labels,
            "public": self.public,
            "title": self.text(config.title),
            "subtitle": self.text(config.subtitle),
            "structure": self.text(config.structure.name),
            "territory": self.text(config.territory.name),
            "years": years,
            "period": self.text(self.period_text()),
            "summary": self.md(config.summary, depth=1),
            "sections": self.sections(),
            "chapters": list(CHAPTERS),
            "identity": self.identity(),
            "diagnostic": self.diagnostic(),
            "method": self.method(),
            "challenges": self.challenges(),
            "evaluation_previous": self.evaluation_previous(),
            "axes": self.axes(),
            "missions": self.missions(),
            "actions": self.actions(),
            "family": self.family(),
            "means": self.means(),
            "indicators": self.indicators(),
            "progress": self.progress(),
            "governance": self.governance(),
            "calendar": self.calendar(),
            "appendices": self.appendices(),
            "figures": figures,
            "grid_table": grid_table,
        }
        context["reading_grid"] = self.reading_grid(context)
        return context

    def sections(self) -> dict[str, dict[str, list[dict]]]:
        """Free chapters (`sections/*.md`) by place: {chapter: {"before": [...], "after": [...]}}."""
        placed: dict[str, dict[str, list[dict]]] = {name: {"before": [], "after": []} for name in CHAPTERS}
        for free in self.project.config.sections:
            path = self.project.project_file(free.file)
            if path is None:
                continue  # reported by the loader's rules; the document goes on without it
            body = path.read_text(encoding="utf-8")
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
        period = config.period
        rows = [
            (self.labels["structure"], ", ".join(filter(None, [config.structure.name, config.structure.type]))),
            (self.labels["territory"], config.territory.name),
            (self.labels["kind"], _value(config.kind)),
            (self.labels["period"], f"{self.date(period.start)} – {self.date(period.end)}" if period.end else self.period_text()),
        ]
        if config.co_holders:
            rows.append((self.labels["co_holders"], ", ".join(self.who(holder) for holder in config.co_holders)))
        if period.review:
            rows.append((self.labels["review"], t("document.review-yearly", date=self.date(period.review))))
        if config.agrement:
            rows.append((self.labels["agrement"], self._agrement()))
        if config.adopted:
            rows.append((self.labels["adopted"], self.date(config.adopted)))
        if config.themes:
            rows.append((self.labels["themes"], ", ".join(_value(theme) for theme in config.themes)))
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

    def period_text(self) -> str:
        """« Du 1er janvier 2025 au 31 décembre 2028 », or « À partir du 1er janvier 2025, sans terme »."""
        period = self.project.config.period
        if period.end is None:
            return t("document.from-open", start=self.date(period.start))
        return t("document.from-to", start=self.date(period.start), end=self.date(period.end))

    def _agrement(self) -> str:
        agrement = self.project.config.agrement
        parts = []
        if agrement.number:
            parts.append(t("document.agrement-number", number=agrement.number))
        if agrement.current_end:
            parts.append(t("document.agrement-end", date=self.date(agrement.current_end)))
        if agrement.requested_years:
            parts.append(tn("document.agrement-years", agrement.requested_years))
        if agrement.committee:
            parts.append(t("document.agrement-committee", date=self.date(agrement.committee)))
        return " ; ".join(parts) if self.lang == "fr" else "; ".join(parts)

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
                f"{c.territory}{f' ({c.year})' if c.year else ''}{self.labels['colon']} {ty.with_unit(c.value, point.unit, self.lang)}"
                for c in point.comparisons
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
        notes = [self._data_notes(model) for model in self.project.context_indicators]
        for point, model, note in zip(data, self.project.context_indicators, notes, strict=True):
            # A figure for a neighbourhood (QPV, IRIS) must not read as one for the whole town.
            label = point["label"] if not model.territory or model.territory == home else self.text(f"{model.label} ({model.territory})")
            point["row"] = [label, point["value"], point["year"], point["comparisons"], point["source"]]
            if any(notes):
                point["row"].append(self.text(note))
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
        return {
            "sources": sources,
            "data": data,
            "notes": any(notes),
            "findings": findings,
            "present": bool(sources or data or findings),
        }

    def _data_notes(self, point) -> str:
        """What the reader must know about a figure: under secrecy, rounded by its producer (so not
        summable), estimated, a sum of others, compared with other years."""
        notes = []
        if point.secret:
            notes.append(self.labels["secret"])
        if point.rounded_to:
            notes.append(t("document.rounded-to", step=point.rounded_to) + ", " + self.labels["not_summable"])
        if point.estimate:
            notes.append(self.labels["estimate"])
        if point.sum_of:
            notes.append(t("document.sum-of", ids=", ".join(point.sum_of)))
        years = [c.year for c in point.comparisons if c.year]
        if years:
            notes.append(t("document.compared-years", years=", ".join(str(year) for year in years)))
        return ", ".join(notes)

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
        # The sentence counts the sessions that built the plan: held, up to its adoption,
        # neither follow-up meetings nor training (Project.concertation_sessions).
        built = self.project.concertation_sessions()
        sessions = len(built)
        participations = self.count("document.participations", sum(sum(w.participants.counts.values()) for w in built))
        summary = self.count("document.method-summary", sessions, participations=participations)
        return {
            "method": self.text(self.project.config.method or ""),
            "workshops": workshops,
            "categories": categories,
            "total": ty.format_number(total, self.lang),
            "summary": self.text(summary) if sessions else "",
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
            add("themes", self.text(", ".join(_value(theme) for theme in action.themes)))
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
            kind = [_value(indicator.kind)] if indicator.kind else []
            kind += [self.labels["estimate"]] if indicator.estimate else []
            rows.append(
                {
                    "id": indicator.id,
                    "owner": getattr(owner, "id", ""),
                    "label": self.text(indicator.label),
                    "type": self.text(", ".join([_value(indicator.type), *kind])),
                    "baseline": self.text(f"{self.indicator_value(indicator, baseline.value)} ({self.date(baseline.date)})" if baseline else ""),
                    "target": self.text(f"{self.indicator_value(indicator, target.value)} ({self.date(target.date)})" if target else ""),
                    "source": self.source_name(indicator.source),
                    "frequency": self.value_label(indicator.frequency),
                }
            )
            row = rows[-1]
            row["row"] = [row["label"], row["type"], row["baseline"], row["target"], row["source"], row["frequency"]]
        return rows

    def indicator_value(self, indicator, value: float) -> str:
        """A value as the reader reads it: with its unit, or the level of a qualitative indicator's scale."""
        if indicator.scale and value == int(value) and 1 <= value <= len(indicator.scale):
            return t("document.scale-value", level=indicator.scale[int(value) - 1], rank=int(value), count=len(indicator.scale))
        return ty.with_unit(value, indicator.unit, self.lang)

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
                "content": self.md(c.content, depth=4),
                "commitments": [
                    {
                        "party": self.who(commitment.party),
                        "text": self.text(commitment.text),
                        "amount": self.text(ty.format_amount(commitment.amount, self.lang)) if commitment.amount is not None else "",
                        "themes": self.text(", ".join(_value(theme) for theme in commitment.themes)),
                    }
                    for commitment in c.commitments
                ],
            }
            for c in governance.conventions
        ]
        # One paragraph per mission: a list that opens a table cell loses its wrapped lines in Typst.
        referents = [
            [self.who(r.institution), self.who(r.referent), "\n\n".join(self.text(mission) for mission in r.missions)]
            for r in governance.referents
        ]
        linked = [
            {
                "kind": self.value_label(plan.kind),
                "title": self.text(plan.title),
                "holder": self.who(plan.holder),
                "articulation": self.text(plan.articulation),
            }
            for plan in governance.linked_plans
        ]
        return {
            "referent": self.who(governance.referent),
            "referents": referents,
            "bodies": bodies,
            "conventions": conventions,
            "linked_plans": linked,
        }

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
                path = self.project.project_file(text.strip())
                text = path.read_text(encoding="utf-8") if path else ""
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


    def reading_grid(self, context: dict) -> dict | None:
        """The « Grille de lecture » appendix: each criterion of the project's grid (its kind's, or
        `--grid`), its status and the chapter that answers it, linked. None for a kind without a grid."""
        from pst_cli.grids import default_id, pick
        from pst_cli.grids.evaluate import evaluate
        from pst_cli.rules.grid import rule_findings

        if self.grid_id is None and default_id(self.project) is None:
            return None
        grid, _ = pick(self.project, self.grid_id)
        result = evaluate(self.project, grid, rule_findings(self.project))
        rows = []
        for answer in result.criteria:
            criterion = answer.criterion
            label = criterion.label + (t("grids.report.provisional") if criterion.provisional else "")
            where = ""
            chapter = criterion.chapter
            if chapter in CHAPTER_CONTEXT and answer.status != "absent" and context.get(CHAPTER_CONTEXT[chapter]):
                title = self.labels[CHAPTER_LABELS.get(chapter, chapter)]
                where = f"[{self.text(title)}](#{heading_id(title)})"
            rows.append([self.text(criterion.id), self.text(label), self.text(t(f"grids.status.{answer.status}")), where or "—"])
        return {
            "intro": self.text(t("doc.grid_intro", title=grid.title, issuer=grid.issuer, version=grid.version)),
            "provisional": self.text(t("grids.report.provisional-grid")) if grid.provisional else "",
            "header": [self.labels["grid_id"], self.labels["grid_criterion"], self.labels["grid_status"], self.labels["grid_where"]],
            "rows": rows,
        }

    # The frameworks' chapters ---------------------------------------------------------

    def _euros(self, value: float | None) -> str:
        return self.text(ty.format_amount(value, self.lang)) if value is not None else "—"

    def means(self) -> dict | None:
        """The « Moyens » chapter: staff, volunteers, opening, accessibility, pricing, reception, budget by year and funder."""
        means = self.project.means
        if means is None:
            return None
        staff = [
            [
                self.text(member.function),
                self.value_label(member.role) if member.role != "autre" else "",
                ty.format_number(member.fte, self.lang) if member.fte is not None else "",
                str(member.qualification_level or ""),
                self.text(member.qualification),
                self.who(member.funder),
            ]
            for member in means.staff
        ]
        total_fte = sum(member.fte or 0 for member in means.staff)
        volunteers = ""
        if means.volunteers and (means.volunteers.activities is not None or means.volunteers.governance is not None):
            parts = []
            if means.volunteers.activities is not None:
                parts.append(self.count("document.volunteers-activities", means.volunteers.activities))
            if means.volunteers.governance is not None:
                parts.append(self.count("document.volunteers-governance", means.volunteers.governance))
            volunteers = self.text(t("document.volunteers", parts=t("document.and").join(parts)))
        opening = []
        if means.opening:
            for slot in means.opening.hours:
                hours = f"{self._time(slot.opens)} – {self._time(slot.closes)}"
                opening.append([self.text(", ".join(_value(day) for day in slot.days)), self.text(hours), self.text(slot.note)])
        accessibility = ""
        if means.accessibility:
            known = means.accessibility.reduced_mobility
            sentence = "" if known is None else t(f"document.reduced-mobility.{'yes' if known else 'no'}")
            accessibility = self.text(" ".join(filter(None, [sentence, means.accessibility.details])))
        pricing = ""
        if means.pricing:
            policies = ", ".join(_value(policy) for policy in means.pricing.policies)
            pricing = self.text(". ".join(filter(None, [policies[:1].upper() + policies[1:], means.pricing.details])))
        reception = None
        if means.reception:
            reception = {
                "organisation": self.md(means.reception.organisation, depth=4),
                "staff": self.text(", ".join(self._staff_name(ref) for ref in means.reception.staff)),
            }
        return {
            "staff": staff,
            "total_fte": ty.format_number(total_fte, self.lang) if staff else "",
            "volunteers": volunteers,
            "opening": opening,
            "closures": self.text(means.opening.closures) if means.opening else "",
            "accessibility": accessibility,
            "pricing": pricing,
            "reception": reception,
            "premises": self.md(means.premises, depth=4),
            **self._budget(means.budget),
        }

    def _staff_name(self, ref: str) -> str:
        found = next((member for member in self.project.means.staff if member.id == ref), None)
        return found.function if found else ref

    def _time(self, value: str) -> str:
        hours, minutes = value.split(":")
        key = "document.time-hour" if minutes == "00" else "document.time"
        return t(key, hours=int(hours), minutes=minutes)

    def _budget(self, years) -> dict:
        """Budget tables: totals by year (forecast and actual), income by funder and year, CAF service payments."""
        if not years:
            return {"budget": [], "funders": None, "caf": []}
        ordered = sorted(years, key=lambda year: year.year)
        totals = [
            [
                str(year.year),
                self._euros(year.total("expenses")),
                self._euros(year.total("expenses", "actual")) if any(line.actual is not None for line in year.expenses) else "—",
                self._euros(year.total("income")),
                self._euros(year.total("income", "actual")) if any(line.actual is not None for line in year.income) else "—",
            ]
            for year in ordered
        ]
        by_funder: dict[str, dict[int, float]] = {}
        for year in ordered:
            for line in year.income:
                if line.funder:
                    name = self.who(line.funder)
                elif line.type and line.status != "a-rechercher":
                    name = self.text(_value(line.type).capitalize())
                else:
                    name = self.labels["no_funder"]
                by_funder.setdefault(name, {})
                by_funder[name][year.year] = by_funder[name].get(year.year, 0.0) + (line.forecast or 0)
        header = [self.labels["funder"], *(str(year.year) for year in ordered), self.labels["total"]]
        rows = [
            [name, *(self._euros(amounts.get(year.year)) if year.year in amounts else "—" for year in ordered), self._euros(sum(amounts.values()))]
            for name, amounts in sorted(by_funder.items(), key=lambda item: -sum(item[1].values()))
        ]
        caf = []
        for kind in ("prestation-agc", "prestation-acf"):
            amounts = {year.year: sum(line.forecast or 0 for line in year.income if line.type == kind) for year in ordered}
            if any(amounts.values()):
                caf.append([self.value_label(kind), *(self._euros(amounts[year.year]) for year in ordered)])
        widths = [30] + [max(9, 60 // (len(ordered) + 1))] * (len(ordered) + 1)
        return {
            "budget": totals,
            "funders": {"header": header, "rows": rows, "widths": widths} if rows else None,
            "caf": caf,
            "caf_header": [self.labels["caf_payments"], *(str(year.year) for year in ordered)],
            "caf_widths": widths[:-1],
        }

    def family(self) -> dict | None:
        """The family project (projet famille, ACF)."""
        family = self.project.family_project
        if family is None or not (family.aims or family.actions or family.context):
            return None
        actions = {action.id: action for action in self.project.actions}
        rows = [
            [aid, self.text(actions[aid].title if aid in actions else aid), self.text(", ".join(actions[aid].publics) if aid in actions else "")]
            for aid in family.actions
        ]
        budget = self._budget(family.budget)
        return {
            "title": self.text(family.title),
            "referent": self.who(family.referent),
            "context": self.md(family.context, depth=4),
            "findings": self.text(", ".join(family.findings)),
            "aims": [self.text(aim) for aim in family.aims],
            "actions": rows,
            "budget": budget,
            "evaluation": self.md(family.evaluation, depth=4),
        }

    def evaluation_previous(self) -> dict | None:
        """The evaluation of the previous project: questions, judgements and decisions, who took part."""
        evaluation = self.project.previous_evaluation
        if evaluation is None:
            return None
        questions = [
            [
                self.text(question.question),
                self.text(", ".join(_value(criterion) for criterion in question.criteria)),
                self.md(question.answer, depth=4) if question.answer else "",
            ]
            for question in evaluation.questions
        ]
        judgements = []
        for judgement in evaluation.judgements:
            # One paragraph per rating: a list that opens a table cell loses its wrapped lines in Typst.
            ratings = "\n\n".join(
                f"{self.text(_value(criterion))}{self.labels['colon']} {self.text(_value(rating))}" for criterion, rating in judgement.ratings.items()
            )
            subject = f"**{self.text(judgement.subject)}** ({self.value_label(judgement.level).lower()})"
            if judgement.judgement:
                subject += "\n\n" + self.text(judgement.judgement)
            led_to = ", ".join([*judgement.findings, *judgement.objectives, *judgement.actions])
            judgements.append(
                [subject, ratings, self.value_label(judgement.decision), self.text(judgement.reason), self.text(led_to)]
            )
        counts = evaluation.participants.counts
        total = sum(counts.values())
        participants = ""
        if total:
            residents = self.count("document.residents", counts.get("habitant", 0))
            participants = self.text(self.count("document.evaluation-participants", total, residents=residents))
        workshops = {w.id: w for w in self.project.workshops}
        sessions = [self.text(f"{self.date(workshops[wid].date)} — {workshops[wid].title}") for wid in evaluation.workshops if wid in workshops]
        return {
            "project": self.text(evaluation.project or self.project.config.previous_project),
            "method": self.md(evaluation.method, depth=4),
            "questions": questions,
            "judgements": judgements,
            "participants": participants,
            "sessions": sessions,
            "conclusions": self.md(evaluation.conclusions, depth=4),
        }

    def missions(self) -> dict | None:
        """The coverage matrix of the CNAF missions: each mission, the objectives of each axis and the actions that serve it."""
        from pst_cli.model.frameworks import COMPLEMENTARY_MISSIONS, GENERAL_MISSIONS, MISSIONS_BY_KIND

        coverage = self.project.mission_coverage()
        if not coverage:
            return None
        expected = MISSIONS_BY_KIND.get(self.project.config.kind, ())
        shown = [m for m in (*GENERAL_MISSIONS, *COMPLEMENTARY_MISSIONS) if m in expected or m in coverage]
        axis_of = {}
        for axis in self.project.axes:
            for general in axis.general_objectives:
                axis_of[id(general)] = axis.id
                for operational in general.operational_objectives:
                    axis_of[id(operational)] = axis.id
        axes = [axis.id for axis in self.project.axes]
        rows = []
        for mission in shown:
            carriers = coverage.get(mission, [])
            kind = self.labels["general_mission"] if mission in GENERAL_MISSIONS else self.labels["complementary_mission"]
            cells = [", ".join(c.id for c in carriers if axis_of.get(id(c)) == axis) or "—" for axis in axes]
            cells.append(", ".join(c.id for c in carriers if id(c) not in axis_of) or "—")
            rows.append([f"**{self.text(_value(mission))}** *({kind})*", *(self.text(cell) for cell in cells)])
        columns = len(axes) + 1
        return {
            "header": [self.labels["mission"], *(f"{self.labels['axis']} {number}" for number in range(1, len(axes) + 1)), self.labels["actions"]],
            "rows": rows,
            "widths": [34] + [max(8, 56 // columns)] * columns,
            "uncovered": sum(1 for row in rows if all(cell == "—" for cell in row[1:])),
        }


CHAPTER_CONTEXT = {
    "synthesis": "summary", "identity": "identity", "method": "method", "evaluation-previous": "evaluation_previous",
    "diagnostic": "diagnostic", "challenges": "challenges", "plan": "axes", "missions": "missions", "actions": "actions",
    "family": "family", "means": "means", "governance": "governance", "evaluation": "indicators", "calendar": "calendar",
}
"""Each chapter a grid criterion can name → the part of the view model without which the chapter is not written."""
CHAPTER_LABELS = {"evaluation-previous": "evaluation_previous", "missions": "cnaf_missions", "family": "family_project"}
"""Chapters whose title has another key than their name in the catalogue (`doc.<key>`)."""


def heading_id(title: str) -> str:
    """The identifier Pandoc gives a heading (`auto_identifiers`): « Moyens » → `moyens`."""
    import re

    text = re.sub(r"[^\w\s.-]", "", title.lower().replace("\u202f", " ").replace("\u00a0", " "))
    text = re.sub(r"\s+", "-", text.strip())
    return re.sub(r"^[^a-zà-ÿ]+", "", text) or "section"


def _value(code: str | None) -> str:
    """A code of the file format (`annuelle`, `en-cours`) as the reader's word for it; free text stays as written."""
    if code is None:
        return ""
    return t(f"value.{code}") if has(f"value.{code}") else code
