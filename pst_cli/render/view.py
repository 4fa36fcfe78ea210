"""The view model: what the document shows, built from a validated `Project`.

Plain dicts and lists of strings, every string already formatted for the reader
(dates and numbers of the project's language, typographic spaces) and escaped for
Pandoc Markdown, so that templates only lay things out. A user's text is always data
here: plain fields go through `plain()` (printed verbatim), Markdown fields through
`markdown()`. pst's own words come from the catalogue (`doc.*` labels, `value.*` and
`category.*` names of the file format's codes, `document.*` sentences).

The document shows every value a project enters, except the fields listed with their
reason in `render/omitted.py`; `tests/test_document_completeness.py` holds it to that.
Entities that other parts name get an anchor (`[C1]{#finding-C1}`), and every mention
of them links there (`anchor()`, `link()`); `anchors.lua` drops a link whose target a
customised template left out.
"""

from __future__ import annotations

import re
import typing
from collections import Counter
from pathlib import Path

from pst_cli.i18n import has, section, t, tn
from pst_cli.model.common import StakeholderCategory
from pst_cli.model.project import Chapter
from pst_cli.project.aggregate import Project
from pst_cli.render import typography as ty
from pst_cli.render.tables import grid_table
from pst_cli.word.anchors import anchor_name

CHAPTERS = typing.get_args(Chapter)
"""Chapters of the document, in the usual order of a projet social (see DOMAIN.md)."""


def code_label(field: str, code: str | None) -> str:
    """A code of the file format as the reader's word for it: `value.<field>.<code>`, else
    `value.<code>`, else `category.<code>`; free text (a frequency typed by hand) stays as written."""
    if code is None:
        return ""
    for key in (f"value.{field}.{code}", f"value.{code}", f"category.{code}"):
        if has(key):
            return t(key)
    return code


def volunteers_sentence(volunteers, language: str) -> str:
    """« La structure compte 18 bénévoles d'activités et 9 bénévoles de gouvernance. », of the counts given; "" without any."""
    counts = (
        ("document.volunteers-activities", volunteers.activities),
        ("document.volunteers-governance", volunteers.governance),
    )
    parts = [tn(key, value, number=ty.format_number(value, language)) for key, value in counts if value is not None]
    return t("document.volunteers", parts=t("document.and").join(parts)) if parts else ""


def flag(field: str) -> str:
    """The words that show a true `field` (`illustrative`, `family`, `validates`…) in the document."""
    return t(f"document.flag.{field}")


class View:
    """Builds the view model of one project; `public` leaves personal data and named people out."""

    def __init__(
        self, project: Project, public: bool = False, withheld: frozenset[str] = frozenset(), names: tuple[str, ...] = (), grid: str | None = None
    ) -> None:
        self.project = project
        self.grid_id = grid
        self.lang = project.language
        self.public = public
        self.withheld = withheld
        """Ids of the stakeholders a public document leaves out (named people, see `public.py`)."""
        self.names = re.compile("|".join(re.escape(name) for name in sorted(names, key=len, reverse=True)), re.IGNORECASE) if names else None
        self.labels = section("doc")
        self.stakeholders = project.stakeholders_by_id
        self.sources = project.sources_by_id
        self.data_points = {point.id: point for point in project.context_indicators}
        self.workshops = {workshop.id: workshop for workshop in project.workshops}
        self.challenge_ids = {challenge.id: challenge for challenge in project.challenges}
        self.objectives = {entity.id: entity for axis in project.axes for entity in (axis, *_objectives_of(axis))}
        self.numbers = {}
        for number, axis in enumerate(project.axes, start=1):
            self.numbers[axis.id] = str(number)
            for index, general in enumerate(axis.general_objectives, start=1):
                self.numbers[general.id] = f"{number}.{index}"
                for rank, operational in enumerate(general.operational_objectives, start=1):
                    self.numbers[operational.id] = f"{number}.{index}.{rank}"

    # Small formatters -------------------------------------------------------------

    def text(self, value: object) -> str:
        return ty.plain(self._masked(value), self.lang)

    def md(self, value: str | None, depth: int = 3) -> str:
        return ty.markdown(self._masked(value), self.lang, depth)

    def _masked(self, value):
        """In a public document, e-mail addresses, phone numbers and the names of the people left
        out are removed from free text (`pst check` warns about them: personal/*)."""
        if not self.public or not isinstance(value, str):
            return value
        from pst_cli.project.personal import EMAIL, PHONE

        hidden = t("document.contact-removed")
        value = PHONE.sub(hidden, EMAIL.sub(hidden, value))
        return self.names.sub(t("document.person-withheld"), value) if self.names else value

    def date(self, value) -> str:
        return ty.format_date(value, self.lang)

    def series(self, parts) -> str:
        """Items of a list that may hold commas, between semicolons (« a ; b » with a narrow no-break space in French)."""
        return f"{self.labels['semicolon']} ".join(parts)

    def number(self, value: float | int | None) -> str:
        return ty.format_number(value, self.lang)

    def count(self, key: str, value: int, **values: str) -> str:
        """The catalogue's sentence `key` about `value` things, in the plural form the language gives `value`.

        `{number}` is the count as the document writes numbers (« 1 234 »), `{count}` the bare integer.
        """
        return tn(key, value, number=ty.format_number(value, self.lang), **values)

    def value_label(self, value: str | None, field: str = "") -> str:
        return self.text(code_label(field, value))

    def category(self, value: str) -> str:
        return self.text(t(f"category.{value}"))

    def anchor(self, kind: str, entity_id: str, text: str, item: int | None = None) -> str:
        """`text` (Markdown) as the place other parts of the document link to for this entity.

        Its name (`word.anchors`) is also the DOCX bookmark `pst import comments` reads back:
        where the entity has a title or a label, `text` is that title or label.
        """
        return f"[{text}]{{#{anchor_name(kind, entity_id, item)}}}" if text else text

    def heading(self, kind: str, entity_id: str, *classes: str) -> str:
        """The attributes of the heading that is the anchor of something without a title of its own: `{#vote-…}`.

        An entity's heading holds its title as `anchor(…)` instead (`"heading"` then
        holds only its classes), so that the DOCX bookmark is around the title alone.
        """
        return "{" + " ".join([f"#{anchor_name(kind, entity_id)}", *(f".{name}" for name in classes)]) + "}"

    def link(self, kind: str, entity_id: str, text: str) -> str:
        """`text` (Markdown) as a link to the entity's anchor."""
        return f"[{text}](#{anchor_name(kind, entity_id)})"

    def who(self, stakeholder_id: str | None) -> str:
        """A stakeholder's name, linked to its entry (never a person's name: names live in `personal`)."""
        if not stakeholder_id:
            return ""
        if stakeholder_id in self.withheld:
            return self.text(t("document.person-withheld"))
        found = self.stakeholders.get(stakeholder_id)
        if not found:
            return self.text(stakeholder_id)
        return self.link("stakeholder", found.id, self.text(found.name))

    def whom(self, stakeholder_ids: list[str]) -> str:
        """Stakeholders by name, the people a public document leaves out left out."""
        return ", ".join(self.who(sid) for sid in stakeholder_ids if sid not in self.withheld)

    def source_name(self, value: str | None) -> str:
        """A source by id (« INSEE, Recensement 2021 », linked) or the text written in its place."""
        if not value:
            return ""
        found = self.sources.get(value)
        if found:
            return self.link("source", found.id, self.text(f"{found.producer}, {found.title}"))
        return self.text(value)

    def objective_ref(self, objective_id: str) -> str:
        """An axis or objective by its number and title, linked: « 1.2.1 Créer un café des aidants »."""
        found = self.objectives.get(objective_id)
        if not found:
            return self.text(objective_id)
        return self.link("objective", found.id, self.text(f"{self.numbers[found.id]} {found.title}"))

    def challenge_ref(self, challenge_id: str) -> str:
        found = self.challenge_ids.get(challenge_id)
        return self.link("challenge", found.id, self.text(found.label)) if found else self.text(challenge_id)

    def finding_ref(self, finding_id: str) -> str:
        return self.link("finding", finding_id, self.text(finding_id))

    def workshop_ref(self, workshop_id: str) -> str:
        found = self.workshops.get(workshop_id)
        if not found:
            return self.text(workshop_id)
        return self.link("workshop", found.id, self.text(f"{self.date(found.date)}, {found.title}"))

    def votable_ref(self, ref: str) -> str:
        """The enjeu or objective a vote option stands for."""
        return self.challenge_ref(ref) if ref in self.challenge_ids else self.objective_ref(ref)

    def illustrative(self, entities: list) -> str:
        """The notice of a table or list some of whose rows are illustration data ("" when none is)."""
        marked = sum(1 for entity in entities if getattr(entity, "illustrative", False))
        if not marked:
            return ""
        if marked == len(entities):
            return self.text(t("document.illustrative.all"))
        return self.text(self.count("document.illustrative.some", marked, mark=ILLUSTRATIVE_MARK))

    def marked(self, text: str, entity, entities: list) -> str:
        """`text` with the illustration mark when only some of `entities` are illustrative and `entity` is."""
        if getattr(entity, "illustrative", False) and not all(getattr(e, "illustrative", False) for e in entities):
            return f"{text} {ILLUSTRATIVE_MARK}"
        return text

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
            "illustrative": self.text(self.illustrative_summary()),
            "sections": self.sections(),
            "chapters": list(CHAPTERS),
            "identity": self.identity(),
            "diagnostic": self.diagnostic(),
            "method": self.method(),
            "challenges": self.challenges(),
            "dropped": self.dropped_challenges(),
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

    def illustrative_summary(self) -> str:
        """The cover's warning when the project holds illustration data: what, and how much."""
        counted = Counter(type(entity).__name__ for entity in self.project.entities if getattr(entity, "illustrative", False))
        if not counted:
            return ""
        parts = [self.count(f"document.illustrative.count.{name}", counted[name]) for name in ILLUSTRATIVE_KINDS if counted[name]]
        return t("document.illustrative.cover", parts=", ".join(parts)) if parts else t("document.illustrative.all")

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
        labels = self.labels
        period = config.period
        rows = [
            (labels["structure"], self.text(", ".join(filter(None, [config.structure.name, config.structure.type])))),
            (labels["address"], self.text(config.structure.address)),
            (labels["territory"], self.text(config.territory.name)),
            (labels["territory_level"], self.value_label(config.territory.level)),
            (labels["kind"], self.value_label(config.kind)),
            (labels["period"], self.text(f"{self.date(period.start)} – {self.date(period.end)}" if period.end else self.period_text())),
            (labels["method_name"], self.value_label(config.method, "method")),
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
            rows.append((labels["codes"], self.text(", ".join(config.territory.codes))))
        if config.budget is not None:
            rows.append((labels["budget"], self.text(ty.format_amount(config.budget, self.lang))))
        if config.previous_project:
            rows.append((labels["previous"], self.text(config.previous_project)))
        return {
            "rows": [(self.text(label), value) for label, value in rows if value],
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
        return self.series(parts)

    def diagnostic(self) -> dict:
        models = self.project.sources
        sources = []
        for model in models:
            details = [self.anchor("source", model.id, self.text(model.title))]
            if model.limits:
                details.append(self.text(f"{self.labels['limits']}{self.labels['colon_plain']} {model.limits}"))
            if model.url:
                details.append(self.text(model.url))
            producer = self.marked(self.text(model.producer), model, models)
            kinds = [code_label("kind", model.kind) if "kind" in model.model_fields_set else "", code_label("series", model.series)]
            kind = f"*{self.text(', '.join(filter(None, kinds)))}*" if any(kinds) else ""
            sources.append(
                {
                    "id": model.id,
                    "producer": self.text(model.producer),
                    "title": self.text(model.title),
                    "year": str(model.year or ""),
                    "level": self.value_label(model.level),
                    "limits": self.text(model.limits),
                    "row": [producer + (f"\n\n{kind}" if kind else ""), " — ".join(details), str(model.year or ""), self.value_label(model.level)],
                }
            )
        points = self.project.context_indicators
        home = self.project.config.territory.name
        data = []
        for point in points:
            value = self.labels["secret"] if point.secret or point.value is None else ty.with_unit(point.value, point.unit, self.lang)
            if point.secret and point.value is not None:
                value = f"{ty.with_unit(point.value, point.unit, self.lang)} ({self.labels['secret']})"
            if point.not_summable:
                value = f"{value} ({flag('not_summable')})"
            comparisons = self.series(
                f"{c.territory}{f' ({c.year})' if c.year else ''}{self.labels['colon']} {ty.with_unit(c.value, point.unit, self.lang)}"
                for c in point.comparisons
            )
            source = self.sources.get(point.source)
            # A figure for a neighbourhood (QPV, IRIS) must not read as one for the whole town.
            where = [part for part in (point.territory if point.territory and point.territory != home else "", code_label("", point.level)) if part]
            label = self.text(f"{point.label} ({', '.join(where)})" if where else point.label)
            data.append(
                {
                    "label": self.text(point.label),
                    "value": self.text(value),
                    "year": str(point.year or ""),
                    "territory": self.text(point.territory),
                    "comparisons": self.text(comparisons),
                    "source": self.link("source", source.id, self.text(source.producer)) if source else self.text(point.source or ""),
                    "row": [
                        self.anchor("data", point.id, self.marked(label, point, points)),
                        self.text(value),
                        str(point.year or ""),
                        self.text(comparisons),
                        self.link("source", source.id, self.text(source.producer)) if source else self.text(point.source or ""),
                    ],
                }
            )
        notes = [self._data_notes(model) for model in points]
        if any(notes):
            for point, note in zip(data, notes, strict=True):
                point["row"].append(self.text(note))
        found = self.project.findings
        findings = []
        for f in found:
            evidence = [
                *(self.link("data", d, self.text(self.data_points[d].label)) if d in self.data_points else self.text(d) for d in f.evidence.data),
                *(self.workshop_ref(w) for w in f.evidence.workshops),
                *(self.source_name(s) for s in f.evidence.sources),
            ]
            findings.append(
                {
                    "id": f.id,
                    "anchor": f"**{self.text(f.id)}**",
                    "statement": self.anchor("finding", f.id, self.marked(self.text(f.statement), f, found)),
                    "type": self.value_label(f.type),
                    "theme": self.text(f.theme),
                    "publics": self.text(", ".join(f.publics)),
                    "evidence": self.series(evidence),
                }
            )
        return {
            "sources": sources,
            "data": data,
            "findings": findings,
            "sources_notice": self.illustrative(models),
            "data_notice": self.illustrative(points),
            "findings_notice": self.illustrative(found),
            "notes": any(notes),
            "present": bool(sources or data or findings),
        }

    def _data_notes(self, point) -> str:
        """What the reader must know about a figure: rounded by its producer (so not summable),
        estimated, a sum of others, compared with other years (secrecy is told in the value)."""
        notes = []
        if point.rounded_to:
            notes.append(t("document.rounded-to", step=point.rounded_to) + ", " + self.labels["not_summable"])
        if point.estimate:
            notes.append(flag("estimate"))
        if point.sum_of:
            notes.append(t("document.sum-of", ids=", ".join(point.sum_of)))
        years = [c.year for c in point.comparisons if c.year]
        if years:
            notes.append(t("document.compared-years", years=", ".join(str(year) for year in years)))
        return ", ".join(notes)

    def method(self) -> dict:
        workshops = []
        totals: Counter = Counter()
        entered = self.project.workshops
        for w in entered:
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
                    "row": [
                        self.text(self.date(w.date)),
                        self.marked(self.link("workshop", w.id, self.text(w.title)), w, entered),
                        self.text(w.format),
                        self.value_label(w.participation_level),
                        ty.format_number(sum(counts.values()), self.lang),
                    ],
                }
            )
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
            "method": self.value_label(self.project.config.method, "method"),
            "workshops": workshops,
            "notice": self.illustrative(entered),
            "categories": categories,
            "total": ty.format_number(total, self.lang),
            "summary": self.text(summary) if sessions else "",
            "votes": self.votes(),
        }

    def votes(self) -> list[dict]:
        """Every vote of the workshops, ranked as `pst votes` ranks them, as a table (and a chart name)."""
        from pst_cli.monitoring.votes import rank_workshops

        labels = section("minutes")
        votes = []
        for index, ranking in enumerate(rank_workshops(self.project.workshops), start=1):
            vote = ranking.vote
            weighted = vote.method == "multicritere"
            by_label = {}
            for option in vote.options:
                by_label.setdefault(option.label, option)
            criteria = [c for c in vote.criteria] if weighted else []
            tallies = any(option.tally is not None for option in vote.options)
            header = [labels["rank"], labels["option"]]
            header += [self.text(c.label) for c in criteria]
            header += [labels["votes_col"]] if tallies else []
            header += [labels["score"]] if weighted else []
            header += [labels["share"]]
            rows = []
            for ranked, option in zip(ranking.options, _in_rank_order(vote, ranking), strict=True):
                name = self.text(ranked.label)
                if option.ref:
                    name += f" → {self.votable_ref(option.ref)}"
                row = [str(ranked.rank) if ranked.rank else "—", name]
                row += [self.number(option.scores[c.id]) if c.id in option.scores else "—" for c in criteria]
                row += [self.number(option.tally) if option.tally is not None else "—"] if tallies else []
                row += [ty.format_number(ranked.value, self.lang, 2) if ranked.value is not None else "—"] if weighted else []
                row += [ty.with_unit(round(ranked.share * 100), "%", self.lang) if ranked.share is not None else "—"]
                rows.append(row)
            widths = [6, 44] + [10] * len(criteria) + ([9] if tallies else []) + ([11] if weighted else []) + [7]
            facts = [self.value_label(vote.method)]
            if vote.voters is not None:
                facts.append(self.count("document.vote.voters", vote.voters))
            if vote.dots_per_participant is not None:
                facts.append(self.count("document.vote.dots", vote.dots_per_participant))
            if criteria:
                facts.append(
                    t("document.vote.criteria", criteria=", ".join(t("document.vote.weight", label=c.label, weight=self.number(c.weight)) for c in criteria))
                )
            votes.append(
                {
                    "id": vote.id,
                    "question": self.text(vote.question),
                    "workshop": self.workshop_ref(ranking.workshop.id),
                    "heading": self.heading("vote", f"{ranking.workshop.id}-{vote.id}"),
                    "facts": self.text(" · ".join(facts)),
                    "table": grid_table(header, rows, widths),
                    "chart": f"vote-{index}" if vote.method != "main-levee" and any(o.value for o in ranking.options) else None,
                    "notice": self.illustrative([ranking.workshop]),
                    "ranking": ranking,
                }
            )
        return votes

    def challenges(self) -> list[dict]:
        """Retained enjeux by priority, each with the earlier enjeux it reformulates or groups."""
        by_id = self.challenge_ids
        everything = self.project.challenges
        kept = [c for c in everything if c.status == "retenu"]
        kept.sort(key=lambda c: (c.priority or 10_000, c.id))
        return [
            {
                "id": c.id,
                "label": self.anchor("challenge", c.id, f"**{self.marked(self.text(c.label), c, everything)}**"),
                "priority": str(c.priority) if c.priority is not None and c.priority != rank else "",
                "description": self.md(c.description),
                "findings": ", ".join(self.finding_ref(f) for f in c.findings),
                "replaces": [self.challenge_ref(old) if old in by_id else self.text(old) for old in c.replaces],
            }
            for rank, c in enumerate(kept, start=1)
        ]

    def dropped_challenges(self) -> dict:
        """The enjeux not retained: dropped ones with their reason, merged or proposed ones with what they became."""
        everything = self.project.challenges
        others = [c for c in everything if c.status != "retenu"]
        became: dict[str, list[str]] = {}
        for c in everything:
            for old in c.replaces:
                became.setdefault(old, []).append(c.id)
        rows = []
        for c in others:
            what = [self.challenge_ref(new) for new in became.get(c.id, [])]
            rows.append(
                {
                    "id": c.id,
                    "status": c.status,
                    "label": self.anchor("challenge", c.id, self.marked(self.text(c.label), c, everything)),
                    "reason": self.md(c.description),
                    "findings": ", ".join(self.finding_ref(f) for f in c.findings),
                    "priority": str(c.priority) if c.priority is not None else "",
                    "replaces": [self.challenge_ref(old) for old in c.replaces],
                    "became": ", ".join(what),
                }
            )
        dropped = [row for row in rows if row["status"] == "ecarte"]
        merged = [row for row in rows if row["status"] != "ecarte"]
        table = [
            [row["label"], self.value_label(row["status"], "status"), row["findings"], row["became"] or row["reason"] or "—"] for row in merged
        ]
        details = [row for row in merged if row["reason"] and row["became"] or row["replaces"] or row["priority"]]
        return {
            "dropped": dropped,
            "merged": grid_table(
                [self.labels["challenge"], self.labels["status"], self.labels["from_findings"], self.labels["became"]], table, [46, 12, 14, 24]
            )
            if table
            else "",
            "details": details,
            "notice": self.illustrative(everything),
        }

    def axes(self) -> list[dict]:
        """Each axis with its Meaux-style tables: one column per general objective, at most three a table."""
        axes = []
        for number, axis in enumerate(self.project.axes, start=1):
            columns = []
            details = []
            for index, general in enumerate(axis.general_objectives, start=1):
                results = [i for o in general.operational_objectives for i in o.indicators]
                columns.append(
                    {
                        "number": f"{number}.{index}",
                        "anchor": f"**{self.labels['general_objective']} {number}.{index}**",
                        "title": self.anchor("objective", general.id, self.text(general.title)),
                        "operational": [
                            self.text(f"{number}.{index}.{rank}") + " " + self.anchor("objective", o.id, self.text(o.title))
                            for rank, o in enumerate(general.operational_objectives, start=1)
                        ],
                        "indicators": [self.text(i.label) for i in results],
                        "impact": [self.text(i.label) for i in general.indicators],
                        "examples": [self.anchor("objective", general.id, self.text(e), item) for item, e in enumerate(general.examples)],
                    }
                )
                details += self._objective_details(general, f"{number}.{index}")
                for rank, operational in enumerate(general.operational_objectives, start=1):
                    details += self._objective_details(operational, f"{number}.{index}.{rank}")
            axes.append(
                {
                    "id": axis.id,
                    "heading": "",  # the title is the anchor; kept for templates written before
                    "number": number,
                    "title": self.anchor("objective", axis.id, self.text(axis.title)),
                    "description": self.md(axis.description),
                    "answers": self._answers(axis),
                    "notice": self.text(t("document.illustrative.all")) if axis.illustrative else "",
                    "tables": [self._axis_table(columns[i : i + 3]) for i in range(0, len(columns), 3)],
                    "details": details,
                    "columns": columns,
                }
            )
        return axes

    def _answers(self, entity) -> str:
        """« Répond aux enjeux … et aux constats … » for an axis or an objective that names them."""
        parts = []
        if getattr(entity, "challenges", None):
            parts.append(f"{self.labels['answers_challenges']}{self.labels['colon']} " + ", ".join(self.challenge_ref(c) for c in entity.challenges))
        if getattr(entity, "findings", None):
            parts.append(f"{self.labels['answers_findings']}{self.labels['colon']} " + ", ".join(self.finding_ref(f) for f in entity.findings))
        return self.series(parts)

    def _objective_details(self, objective, number: str) -> list[dict]:
        """What an objective says beyond its title (description, priority, what it answers), when it says it."""
        facts = []
        if getattr(objective, "priority", None) is not None:
            facts.append(f"{self.labels['priority']} {self.number(objective.priority)}")
        answers = self._answers(objective)
        if answers:
            facts.append(answers)
        if not (objective.description or facts):
            return []
        return [{"number": number, "title": self.text(objective.title), "description": self.md(objective.description), "facts": " · ".join(facts)}]

    def _axis_table(self, columns: list[dict]) -> str:
        labels = self.labels
        width = {1: 70, 2: 36, 3: 24}[len(columns)]

        def cell(title: str, items: list[str]) -> str:
            return f"*{title}*\n\n" + "\n".join(f"- {item}" for item in items) if items else ""

        header = [f"{c['anchor']}\n\n{c['title']}" for c in columns]
        rows = [
            [cell(labels["operational_objectives"], c["operational"]) for c in columns],
            [cell(labels["result_indicators"], c["indicators"]) for c in columns],
        ]
        if any(c["impact"] for c in columns):
            rows.append([cell(labels["impact_indicators"], c["impact"]) for c in columns])
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
            add("objectives_served", self.series(self.objective_ref(oid) for oid in action.objectives))
            add("publics", self.text(", ".join(action.publics)))
            add("expected_participants", ty.format_number(action.expected_participants, self.lang))
            add("place", self.text(action.place))
            add("lead", self.who(action.lead))
            add("referent", self.who(action.referent))
            add(
                "partners",
                self.series(
                    self.who(p.stakeholder) + (f" ({self.text(p.role)})" if p.role else "") for p in action.partners if p.stakeholder not in self.withheld
                ),
            )
            add("themes", self.text(", ".join(_value(theme) for theme in action.themes)))
            add("staff", f"{ty.format_number(action.staff_fte, self.lang)} {self.labels['fte']}" if action.staff_fte is not None else "")
            add("means", self.text(action.means))
            if action.start or action.end:
                add("schedule", self.text(f"{self.date(action.start)} – {self.date(action.end)}"))
            add("status", self.value_label(action.status))  # as `pst import docx` reads it back; the dates are in the history below
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
                    "heading": "",  # the title is the anchor; kept for templates written before
                    "title": self.anchor("action", action.id, self.text(action.title)),
                    "family": action.family,
                    "notice": self.text(t("document.illustrative.sheet")) if action.illustrative else "",
                    "fields": fields,
                    "context": self.md(action.context),
                    "description": self.md(action.description),
                    "expected_results": [self.text(r) for r in action.expected_results],
                    "budget": budget,
                    "budget_total": self.text(ty.format_amount(sum(line.amount for line in action.budget), self.lang)) if budget else "",
                    "milestones": [{"date": self.text(self.date(m.date)), "label": self.text(m.label)} for m in action.milestones],
                    "history": [
                        f"{self.text(self.date(change.date))} — {self.value_label(change.status)}"
                        + (f"{self.labels['colon']} {self.text(change.note)}" if change.note else "")
                        for change in action.history
                    ],
                    "indicators": [self.link("indicator", i.id, self.text(i.label)) for i in action.indicators],
                    "previous_evaluation": self.md(action.previous_evaluation),
                }
            )
        return sheets

    def indicators(self) -> list[dict]:
        rows = []
        for owner, indicator in self.project.plan_indicators():
            baseline = indicator.baseline
            target = indicator.target
            where = self.objective_ref(owner.id) if owner.id in self.objectives else self.link("action", owner.id, self.text(owner.id))
            facts = []
            if "unit" in indicator.model_fields_set and not (baseline or target):
                facts.append(f"{self.labels['unit']}{self.labels['colon']} {self.text(indicator.unit)}")
            if "direction" in indicator.model_fields_set:
                facts.append(self.value_label(indicator.direction, "direction"))
            if indicator.owner and indicator.owner not in self.withheld:
                facts.append(f"{self.labels['owner']}{self.labels['colon']} {self.who(indicator.owner)}")
            colon = self.labels["colon"]
            if indicator.breakdowns:
                facts.append(f"{self.labels['breakdowns']}{colon} {self.text(', '.join(code_label('breakdowns', b) for b in indicator.breakdowns))}")
            if indicator.scale:
                facts.append(f"{self.labels['scale']}{colon} {self.text(' < '.join(indicator.scale))}")
            if indicator.delay:
                facts.append(self.text(tn("cycle.document.delay", indicator.delay)))
            if indicator.territories:
                facts.append(f"{self.labels['territories']}{colon} {self.text(', '.join(indicator.territories))}")
            if indicator.steps:
                steps = ", ".join(f"{self.indicator_value(indicator, step.value)} ({self.date(step.date)})" for step in indicator.steps)
                facts.append(f"{self.labels['steps']}{colon} {self.text(steps)}")
            method = f"{self.labels['calculation']}{colon} {self.text(indicator.method)}" if indicator.method else ""
            label = self.anchor("indicator", indicator.id, self.text(indicator.label))
            definition = f"*{self.text(indicator.definition)}*" if indicator.definition else ""
            cell = "\n\n".join(part for part in (label, definition, method, " · ".join(facts), where) if part)
            baseline_text = ""
            if baseline:
                when = ", ".join(filter(None, [self.date(baseline.date), baseline.source]))
                baseline_text = self.text(f"{ty.with_unit(baseline.value, indicator.unit, self.lang)} ({when})")
            kind = [_value(indicator.kind)] if indicator.kind else []
            kind += [flag("estimate")] if indicator.estimate else []
            rows.append(
                {
                    "id": indicator.id,
                    "owner": getattr(owner, "id", ""),
                    "label": self.text(indicator.label),
                    "type": self.text(", ".join([self.value_label(indicator.type), *kind])),
                    "baseline": baseline_text,
                    "target": self.text(f"{self.indicator_value(indicator, target.value)} ({self.date(target.date)})" if target else ""),
                    "source": self.source_name(indicator.source),
                    "frequency": self.value_label(indicator.frequency),
                }
            )
            row = rows[-1]
            row["row"] = [cell, row["type"], row["baseline"], row["target"], row["source"], row["frequency"]]
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
                    self.link("indicator", item.indicator.id, self.text(item.indicator.label)),
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
        bodies = []
        for body in governance.bodies:
            role = [self.value_label(body.type, "type")]
            if body.validates:
                role.append(flag("validates"))
            if body.frequency:
                role.append(self.value_label(body.frequency))
            meetings = []
            for meeting in body.meetings:
                meetings.append(
                    {
                        "date": self.text(self.date(meeting.date)),
                        "decisions": [self.text(d) for d in meeting.decisions],
                        "minutes": self.md(self._minutes_text(meeting.minutes), depth=4),
                    }
                )
            bodies.append(
                {
                    "id": body.id,
                    "heading": "",  # the title is the anchor; kept for templates written before
                    "name": self.anchor("body", body.id, self.text(body.name)),
                    "role": self.text(" · ".join(role)),
                    "frequency": self.value_label(body.frequency),
                    "members": self.whom(body.members),
                    "missions": [self.text(m) for m in body.missions],
                    "meetings": meetings,
                }
            )
        conventions = []
        for c in governance.conventions:
            kind = code_label("kind", c.kind)
            # The kind, unless the title says it already (« Convention territoriale globale 2025-2029 »).
            dates = [kind] if kind and kind.lower() not in c.title.lower() else []
            if c.signed:
                dates.append(t("document.convention.signed", date=self.date(c.signed)))
            if c.start or c.end:
                dates.append(t("document.convention.valid", start=self.date(c.start) or "…", end=self.date(c.end) or "…"))
            conventions.append(
                {
                    "title": self.text(c.title),
                    "parties": self.whom(c.parties),
                    "signed": self.text(self.date(c.signed)),
                    "dates": self.text(", ".join(dates)),
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
            )
        # One paragraph per mission: a list that opens a table cell loses its wrapped lines in Typst.
        referents = [
            [self.who(r.institution), self.who(r.referent), "\n\n".join(self.text(mission) for mission in r.missions)]
            for r in governance.referents
        ]
        linked = [
            {
                "kind": self.text(
                    ", ".join(
                        filter(None, [code_label("kind", plan.kind), f"{self.date(plan.start) or '…'} – {self.date(plan.end) or '…'}" if plan.start or plan.end else ""])
                    )
                ),
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


    def _minutes_text(self, text: str | None) -> str:
        """Minutes written in place, or the `.md` file of the project they name."""
        text = text or ""
        if text.strip().endswith(".md") and "\n" not in text.strip():
            # Through the read policy: a regular file inside the project, of bounded size.
            text = self.project.read_markdown(text.strip()) if self.project.project_file(text.strip()) else ""
        return text

    def calendar(self) -> list[dict]:
        """Workshops and milestones in date order."""
        bodies = {body.id: body for body in self.project.governance.bodies}
        events = [(w.date, self.link("workshop", w.id, self.text(w.title)), self.text(self.labels["workshop"])) for w in self.project.workshops]
        for m in self.project.governance.milestones:
            kind = self.text(f"{self.labels['milestone']}, {code_label('kind', m.kind)}" if m.kind else self.labels["milestone"])
            if m.body in bodies:
                kind += f" ({self.link('body', m.body, self.text(bodies[m.body].name))})"
            events.append((m.date, self.text(m.label), kind))
        events.sort(key=lambda event: event[0])
        rows = [{"date": self.text(self.date(d)), "label": label, "kind": kind} for d, label, kind in events]
        for row in rows:
            row["row"] = [row["date"], row["label"], row["kind"]]
        return rows

    def appendices(self) -> dict:
        by_category: dict[str, list[dict]] = {}
        everyone = [s for s in self.project.stakeholders if s.id not in self.withheld]
        for s in everyone:
            contact = ""
            if s.personal and not self.public:
                contact = " · ".join(filter(None, [s.personal.name, s.personal.email, s.personal.phone]))
            facts = []
            if s.organisation:
                facts.append(self.text(s.organisation))
            if s.influence is not None or s.interest is not None:
                facts.append(self.text(t("document.stakeholder.weight", influence=self.number(s.influence) or "—", interest=self.number(s.interest) or "—")))
            if s.group:
                group = [self.count("document.stakeholder.people", s.group.count)]
                group += [part for part in (s.group.neighbourhood, s.group.age_band) if part]
                facts.append(self.text(", ".join(group)))
            relations = [
                self.value_label(r.kind) + " " + self.who(r.to) + (f" ({self.text(r.note)})" if r.note else "")
                for r in s.relations
                if r.to not in self.withheld
            ]
            by_category.setdefault(s.category, []).append(
                {
                    "name": self.anchor("stakeholder", s.id, f"**{self.marked(self.text(s.name), s, everyone)}**"),
                    "role": self.text(s.role),
                    "facts": " · ".join(facts),
                    "relations": self.series(relations),
                    "contact": self.text(contact),
                }
            )
        order = typing.get_args(StakeholderCategory)
        stakeholders = [
            {"category": self.category(category), "members": members}
            for category, members in sorted(by_category.items(), key=lambda item: order.index(item[0]))
        ]
        return {
            "stakeholders": stakeholders,
            "stakeholders_notice": self.illustrative(everyone),
            "minutes": [self._workshop_record(w) for w in self.project.workshops],
            "measurements": self.measurements(),
        }

    def _workshop_record(self, w) -> dict:
        """A workshop as its minutes tell it: what it was for, who came, what it produced and decided."""
        facts = [
            (self.labels["phase"], self.value_label(w.phase, "phase")),
            (self.labels["place"], self.text(w.place)),
            (self.labels["format"], self.text(w.format)),
            (self.labels["participation_level"], self.value_label(w.participation_level)),
            (self.labels["facilitator"], self.who(w.facilitator)),
            (
                self.labels["participants"],
                self.text(", ".join(f"{t(f'category.{c}')}{self.labels['colon']} {self.number(n)}" for c, n in w.participants.counts.items())),
            ),
            (self.labels["present"], self.whom(w.participants.stakeholders)),
        ]
        return {
            "id": w.id,
            "heading": "{.unnumbered}",
            "title": self.anchor("workshop", w.id, self.text(w.title)),
            "date": self.text(self.date(w.date)),
            "notice": self.text(t("document.illustrative.session")) if w.illustrative else "",
            "facts": [[self.text(label), value] for label, value in facts if value],
            "objectives": [self.text(o) for o in w.objectives],
            "questions": [self.text(q) for q in w.questions],
            "outputs": [self.text(o) for o in w.outputs],
            "votes": [self.link("vote", f"{w.id}-{v.id}", self.text(v.question)) for v in w.votes],
            "body": self.md(self._minutes_text(w.minutes), depth=3),
            "agreements": [self.text(a) for a in w.agreements],
            "disagreements": [self.text(a) for a in w.disagreements],
            "follow_up": self.text(w.follow_up),
            "feedback": {
                "said": self.text(f"{self.date(w.feedback.date)} — {w.feedback.means}"),
                "decisions": [self.text(decision) for decision in w.feedback.decisions],
            }
            if w.feedback
            else None,
        }

    def measurements(self) -> dict:
        """The tracking table: every dated value of every indicator, as entered."""
        indicators = {indicator.id: indicator for _, indicator in self.project.plan_indicators()}
        entered = sorted(self.project.measurements, key=lambda m: (m.indicator, m.date))
        rows = []
        for m in entered:
            indicator = indicators.get(m.indicator)
            name = self.link("indicator", m.indicator, self.text(indicator.label)) if indicator else self.text(m.indicator)
            if m.territory:
                name = f"{name} ({self.text(m.territory)})"
            note = " — ".join(self.text(part) for part in (m.source, m.comment) if part)
            rows.append(
                [self.marked(name, m, entered), self.text(self.date(m.date)), self.text(ty.with_unit(m.value, indicator.unit if indicator else None, self.lang)), note]
            )
        return {
            "table": grid_table([self.labels["indicator"], self.labels["date"], self.labels["value"], self.labels["note"]], rows, [44, 16, 14, 22]) if rows else "",
            "notice": self.illustrative(entered),
        }


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
                self.text(", ".join(filter(None, [code_label("role", member.role) if member.role != "autre" else "", flag("caf_approved") if member.caf_approved else ""]))),
                ty.format_number(member.fte, self.lang) if member.fte is not None else "",
                str(member.qualification_level or ""),
                self.text(member.qualification),
                self.who(member.funder),
            ]
            for member in means.staff
        ]
        total_fte = sum(member.fte or 0 for member in means.staff)
        volunteers = ""
        if means.volunteers:
            sentence = volunteers_sentence(means.volunteers, self.lang)
            volunteers = self.text(" ".join(filter(None, [sentence, means.volunteers.note])))
        opening = []
        if means.opening:
            for slot in means.opening.hours:
                hours = f"{ty.format_time(slot.opens, self.lang)} – {ty.format_time(slot.closes, self.lang)}"
                opening.append([self.text(", ".join(_value(day) for day in slot.days)), self.text(hours), self.text(slot.note)])
        accessibility = ""
        if means.accessibility:
            known = means.accessibility.reduced_mobility
            sentence = "" if known is None else flag("reduced_mobility") if known else t("document.reduced-mobility.no")
            accessibility = self.text(" ".join(filter(None, [sentence, means.accessibility.details])))
        pricing = ""
        if means.pricing:
            policies = ", ".join(_value(policy) for policy in means.pricing.policies)
            # After « Tarification : », in lower case: the catalogue's words as they are.
            pricing = self.text(". ".join(filter(None, [policies, means.pricing.details])))
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

    def _budget(self, years) -> dict:
        """Budget tables: totals by year (forecast and actual), income by funder and year, CAF service payments."""
        if not years:
            return {"years": [], "budget": [], "funders": None, "caf": []}
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
            "years": [self._budget_year(year) for year in ordered],
            "budget": totals,
            "funders": {"header": header, "rows": rows, "widths": widths} if rows else None,
            "caf": caf,
            "caf_header": [self.labels["caf_payments"], *(str(year.year) for year in ordered)],
            "caf_widths": widths[:-1],
        }

    def _budget_year(self, year) -> dict:
        """The detail of one year's budget: each expense and each income line, forecast and actual, with the totals."""

        def actual(lines) -> str:
            return self._euros(sum(line.actual or 0 for line in lines)) if any(line.actual is not None for line in lines) else "—"

        labels = self.labels
        expenses = [
            [self.text(line.label), self.value_label(line.category), self._euros(line.forecast), self._euros(line.actual)] for line in year.expenses
        ]
        if expenses:
            expenses.append([f"**{labels['total']}**", "", f"**{self._euros(year.total('expenses'))}**", f"**{actual(year.expenses)}**"])
        income = [
            [
                self.text(line.label),
                self.value_label(line.type),
                self.who(line.funder),
                self.value_label(line.status),
                self._euros(line.forecast),
                self._euros(line.actual),
            ]
            for line in year.income
        ]
        if income:
            income.append([f"**{labels['total']}**", "", "", "", f"**{self._euros(year.total('income'))}**", f"**{actual(year.income)}**"])
        return {
            "year": str(year.year),
            "notice": self.text(t("document.illustrative.budget")) if year.illustrative else "",
            "expenses": grid_table([labels["expenses"], labels["nature"], labels["forecast"], labels["actual"]], expenses, [46, 16, 14, 14]) if expenses else "",
            "income": grid_table(
                [labels["income"], labels["type"], labels["funder"], labels["status"], labels["forecast"], labels["actual"]], income, [26, 16, 18, 10, 10, 10]
            )
            if income
            else "",
            "comment": self.text(year.comment),
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
                self.text(question.question)
                + (f"\n\n*{self.labels['sources']}{self.labels['colon']} {self.text(', '.join(question.sources))}*" if question.sources else ""),
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


ILLUSTRATIVE_KINDS = ("Stakeholder", "Source", "ContextIndicator", "Finding", "Workshop", "Challenge", "Axis", "Action", "Measurement")
"""The entities that may be illustration data, in the order the document presents them (the cover counts them)."""

ILLUSTRATIVE_MARK = "◊"
"""The mark of an illustrative row in a table where only some rows are."""


def _objectives_of(axis):
    for general in axis.general_objectives:
        yield general
        yield from general.operational_objectives


def _in_rank_order(vote, ranking) -> list:
    """The vote's options in the order of the ranking (which lists them best first, unranked last)."""
    pool = list(vote.options)
    ordered = []
    for ranked in ranking.options:
        match = next(option for option in pool if option.label == ranked.label and option.ref == ranked.ref)
        pool.remove(match)
        ordered.append(match)
    return ordered
