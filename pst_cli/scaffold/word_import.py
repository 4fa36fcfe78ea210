"""`pst import docx FILE DIR`: a project from an existing projet social written in Word.

The document is read by Pandoc (`word.pandoc`), its plan recognised (`word_plan`), and
each piece written where a project keeps it, with the ids of the house (`A1`,
`A1.OG2`, `A1.OG2.OO1`, `I-A1.OG2-1`, `E1`, `FA-01`); what pst cannot structure
becomes `sections/*.md`, placed in `pst.yaml` where it was in the document. Every
entity is validated by its model as it is built, and the whole project by the rules
before anything is moved into place: the result is a draft that `pst check` reads with
no error. The report says, paragraph and table numbers in hand, what went where and
what was left out.

Like `pst init`, the project is built in a hidden folder beside the target and moved
into place in one step; a folder that already holds something is never touched.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from pst_cli.errors import ProjectInvalid, PstError
from pst_cli.i18n import active, t, tn
from pst_cli.model import KIND_BY_NAME
from pst_cli.model.actions import Action
from pst_cli.model.diagnostic import ContextIndicatorsFile, SourcesFile
from pst_cli.model.plan import Axis, ChallengesFile
from pst_cli.model.project import ProjectFile
from pst_cli.model.stakeholders import StakeholdersFile
from pst_cli.project.ids import slug
from pst_cli.project.read import MAX_FILE_BYTES
from pst_cli.project.roundtrip import dump_text, modeline
from pst_cli.scaffold import word_plan as wp
from pst_cli.scaffold import word_tables as wt
from pst_cli.scaffold.init import SCHEMA_FOLDER, built_beside, check_target
from pst_cli.scaffold.schemas import write_schemas
from pst_cli.word.package import WordError
from pst_cli.word.pandoc import read_ast, text, to_markdown, without_images

MAX_YEARS = {"centre-social": 4}
"""Longest period of a kind of project (the CAF agrément): a longer one makes the project a `pst`."""
CHAPTER_OF = {"axis": "plan", "challenges": "challenges", "data": "diagnostic", "sources": "diagnostic", "indicators": "evaluation",
              "identity": "identity", "action": "actions", "summary": "synthesis"}


@dataclass
class ReportLine:
    """One line of the report: where in the document, and what became of it."""

    place: wp.Place
    message: str


@dataclass
class DocxImport:
    """What `pst import docx` made."""

    directory: Path
    files: list[str] = field(default_factory=list)
    lines: list[ReportLine] = field(default_factory=list)
    to_check: list[str] = field(default_factory=list)
    """What the user should complete in `pst.yaml`."""
    warnings: int = 0
    infos: int = 0


def place_text(place: wp.Place) -> str:
    """`§ 12`, `§ 12–18`, `tableau 3`, `§ 12–18, tableaux 3 et 4`: where a piece was, as the report writes it."""
    parts = []
    if place.first:
        parts.append(t("word.place.paragraph", first=place.first) if place.last <= place.first
                     else t("word.place.paragraphs", first=place.first, last=place.last))
    if place.tables:
        numbers = [str(number) for number in place.tables]
        listed = numbers[0] if len(numbers) == 1 else t("word.place.and", first=", ".join(numbers[:-1]), last=numbers[-1])
        parts.append(tn("word.place.tables", len(numbers), numbers=listed))
    return ", ".join(parts) or t("word.place.document")


def plain_text(value: str) -> str:
    """The text as the project writes it: straight apostrophes and plain spaces (`pst render` makes them typographic again)."""
    return " ".join(value.replace("\u2019", "'").replace("\u202f", " ").replace("\u00a0", " ").split())


def _numbers_plain(value: object) -> object:
    """Whole floats as integers (`4`, not `4.0`), texts of several lines as literal blocks (`|`), in a dumped model."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    if isinstance(value, dict):
        return {key: _numbers_plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_numbers_plain(item) for item in value]
    return value


def yaml_file(model: type[BaseModel], values: dict, kind: str, relpath: str, header: str = "") -> str:
    """The text of one project file: validated by its model first, keys in the model's order, empty values left out."""
    entity = model.model_validate(values)
    data = _numbers_plain(entity.model_dump(mode="python", exclude_defaults=True))
    return modeline(KIND_BY_NAME[kind], relpath) + header + "\n" + dump_text(data)


def _comment(text_value: str) -> str:
    return "".join(f"# {line}".rstrip() + "\n" for line in text_value.splitlines())


# Building the project ---------------------------------------------------------------


class _Builder:
    def __init__(self, draft: wp.Draft, api_version: list, source: Path) -> None:
        self.draft = draft
        self.api_version = api_version
        self.source = source
        self.files: dict[str, str] = {}
        self.lines: list[ReportLine] = []
        self.stakeholders: list[dict] = []
        self.operational: dict[str, str] = {}
        """Folded title → id of every operational objective, for the action sheets that name them."""
        self.enrich: dict[str, wt.DraftIndicator] = {}
        for piece in draft.items("indicators"):
            for item in piece:
                self.enrich.setdefault(self.key(item.label), item)
        self.used_enrichment: set[str] = set()

    @staticmethod
    def key(label: str) -> str:
        return wt.fold(plain_text(label)).rstrip(" .")

    def report(self, place: wp.Place, key: str, **values: object) -> None:
        self.lines.append(ReportLine(place, t(key, **values)))

    def report_n(self, place: wp.Place, key: str, count: int, **values: object) -> None:
        self.lines.append(ReportLine(place, tn(key, count, **values)))

    def build(self) -> tuple[dict[str, str], list[str], list[ReportLine]]:
        axes = self.axes()
        self.challenges()
        self.data()
        self.actions(axes)
        self.unused_enrichment()
        sections = self.sections()
        self.stakeholders_file()
        to_check = self.project_file(sections)
        for place, reason in self.draft.dropped:
            what, _, detail = reason.partition(":")
            if what == "images":
                self.report_n(place, "word.report.images", int(detail))
            elif what in ("cover", "contents"):
                self.report(place, f"word.report.{what}")
        self.lines.sort(key=lambda line: line.place.block)
        return self.files, to_check, self.lines

    # plan -----------------------------------------------------------------------------

    def indicator(self, entity_id: str, label: str, default_type: str) -> dict:
        values: dict = {"id": entity_id, "label": plain_text(label), "type": default_type}
        found = self.enrich.get(self.key(label))
        if found is None:
            return values
        self.used_enrichment.add(self.key(label))
        if found.type:
            values["type"] = found.type
        units = [measure[1] for measure in (found.target, found.baseline) if measure and measure[1] and abs(measure[0]) >= 2]
        units += [measure[1] for measure in (found.target, found.baseline) if measure and measure[1]]
        if units:
            values["unit"] = plain_text(units[0])
        if found.baseline and found.baseline[2]:
            values["baseline"] = {"value": found.baseline[0], "date": found.baseline[2]}
        if found.target and found.target[2]:
            values["target"] = {"value": found.target[0], "date": found.target[2]}
        if found.baseline and found.target and found.target[0] < found.baseline[0]:
            values["direction"] = "decrease"
        if found.source:
            values["source"] = plain_text(found.source)
        if found.frequency:
            values["frequency"] = found.frequency
        return values

    def axes(self) -> list[tuple[str, dict]]:
        built = []
        for number, axis in enumerate(self.draft.items("axis"), start=1):
            axis_id = f"A{number}"
            title = plain_text(axis.title) or t("word.import.axis-title", number=number)
            generals = []
            counts = {"generals": 0, "operational": 0, "indicators": 0, "examples": 0}
            for index, general in enumerate(axis.generals, start=1):
                general_id = f"{axis_id}.OG{index}"
                serial = 0
                operational = []
                for position, (objective, indicators) in enumerate(general.operational, start=1):
                    objective_id = f"{general_id}.OO{position}"
                    self.operational[self.key(objective)] = objective_id
                    self.operational[wt.fold(objective_id)] = objective_id
                    entries = []
                    for label in indicators:
                        serial += 1
                        entries.append(self.indicator(f"I-{general_id}-{serial}", label, "resultat"))
                    operational.append({"id": objective_id, "title": plain_text(objective), "indicators": entries})
                impact = []
                for label in general.indicators:
                    serial += 1
                    impact.append(self.indicator(f"I-{general_id}-{serial}", label, "resultat"))
                generals.append({
                    "id": general_id, "title": plain_text(general.title), "operational_objectives": operational,
                    "indicators": impact, "examples": [plain_text(example) for example in general.examples],
                })
                counts["generals"] += 1
                counts["operational"] += len(operational)
                counts["indicators"] += serial
                counts["examples"] += len(general.examples)
                if general.indicators:
                    self.report(axis.place, "word.report.unpaired-indicators", id=general_id, count=len(general.indicators),
                                objectives=len(general.operational))
            relpath = f"plan/axes/{number}-{file_slug(title)}.yaml"
            values = {"id": axis_id, "title": title, "description": "\n\n".join(map(plain_text, axis.description)) or None,
                      "general_objectives": generals}
            self.files[relpath] = yaml_file(Axis, values, "axis", relpath)
            self.report(axis.place, "word.report.axis", path=relpath, id=axis_id, title=title,
                        generals=tn("word.count.generals", counts["generals"]),
                        operational=tn("word.count.operational", counts["operational"]),
                        indicators=tn("word.count.indicators", counts["indicators"]),
                        examples=tn("word.count.examples", counts["examples"]))
            if axis.recased:
                self.report(axis.place, "word.report.recased", id=axis_id)
            built.append((relpath, values))
        return built

    def challenges(self) -> None:
        found = [(piece.place, challenge) for piece in self.draft.pieces if piece.kind == "challenges" for challenge in piece.item]
        if not found:
            return
        relpath = "plan/challenges.yaml"
        entries = [{"id": f"E{number}", "label": plain_text(challenge.label), "description": plain_text(challenge.description) or None}
                   for number, (_, challenge) in enumerate(found, start=1)]
        self.files[relpath] = yaml_file(ChallengesFile, {"challenges": entries}, "challenges", relpath)
        place = wp.Place()
        for where, _ in found:
            place.extend(where)
        self.report(place, "word.report.challenges", path=relpath, count=tn("word.count.challenges", len(entries)),
                    first=entries[0]["id"], last=entries[-1]["id"])

    def data(self) -> None:
        pieces = [piece for piece in self.draft.pieces if piece.kind == "data"]
        listed = [(piece, source) for piece in self.draft.pieces if piece.kind == "sources" for source in piece.item]
        sources: dict[str, dict] = {}
        for _, source in listed:
            source_id = _unique(slug(f"{source.producer} {source.year or ''}", 30), set(sources))
            sources[source_id] = {"id": source_id, "producer": plain_text(source.producer), "title": plain_text(source.title),
                                  "year": source.year if source.year and 1900 <= source.year <= 2100 else None, "level": source.level}
        if listed:
            self.report_n(listed[0][0].place, "word.report.sources-table", len(sources), path="diagnostic/sources.yaml")
        points: list[dict] = []
        ids: set[str] = set()
        made = 0
        for piece in pieces:
            for point in piece.item:
                source_id = None
                if point.source:
                    producer = plain_text(point.source)
                    same = [s for s in sources.values() if s["producer"] == producer]
                    chosen = next((s for s in same if s.get("year") == point.year), same[0] if same else None)
                    if chosen is None:
                        chosen = {"id": _unique(slug(producer, 30), set(sources)), "producer": producer, "title": producer}
                        sources[chosen["id"]] = chosen
                        made += 1
                    source_id = chosen["id"]
                point_id = _unique("D-" + slug(point.label, 30), ids)
                ids.add(point_id)
                points.append({
                    "id": point_id, "label": plain_text(point.label), "value": point.value, "unit": plain_text(point.unit or "") or None,
                    "year": point.year if point.year and 1900 <= point.year <= 2100 else None,
                    "territory": plain_text(point.territory or "") or None, "source": source_id,
                    "comparisons": [{"territory": plain_text(where), "value": value} for where, value in point.comparisons if where],
                    "secret": point.secret,
                })
            self.report(piece.place, "word.report.data", path="diagnostic/indicators.yaml", count=tn("word.count.data", len(piece.item)))
        if points:
            self.files["diagnostic/indicators.yaml"] = yaml_file(ContextIndicatorsFile, {"indicators": points}, "context-indicators", "diagnostic/indicators.yaml")
        if sources:
            self.files["diagnostic/sources.yaml"] = yaml_file(SourcesFile, {"sources": list(sources.values())}, "sources", "diagnostic/sources.yaml")
        if made:
            self.report(pieces[0].place, "word.report.sources", path="diagnostic/sources.yaml", count=tn("word.count.sources", made))

    def unused_enrichment(self) -> None:
        for piece in self.draft.pieces:
            if piece.kind != "indicators":
                continue
            used = sum(1 for item in piece.item if self.key(item.label) in self.used_enrichment)
            unused = [item.label for item in piece.item if self.key(item.label) not in self.used_enrichment]
            self.report(piece.place, "word.report.indicator-table", used=tn("word.count.indicators", used))
            for label in unused:
                self.report(piece.place, "word.report.indicator-unknown", label=plain_text(label))

    # actions --------------------------------------------------------------------------

    def stakeholder(self, name: str) -> str:
        name = plain_text(name).rstrip(" .;,")
        for existing in self.stakeholders:
            if existing["name"] == name:
                return existing["id"]
        entity_id = _unique(slug(name, 30), {s["id"] for s in self.stakeholders})
        self.stakeholders.append({"id": entity_id, "name": name, "category": guess_category(name)})
        return entity_id

    def actions(self, axes: list) -> None:
        extras: list[list] = []
        built: list[tuple[str, dict, wp.DraftAction]] = []
        for number, action in enumerate(self.draft.items("action"), start=1):
            action_id = f"FA-{number:02d}"
            values, notes = self.action_values(action_id, action)
            relpath = f"plan/actions/{number:02d}-{file_slug(values['title'])}.yaml"
            built.append((relpath, values, action))
            extras.append([block for block in without_images(action.extra)])
            for note in notes:
                self.report(action.place, "word.report.action-objective-unknown", id=action_id, text=note)
        markdown = to_markdown([blocks for blocks in extras if text(blocks)], self.api_version)
        leftovers = iter(markdown)
        for (relpath, values, action), blocks in zip(built, extras, strict=True):
            if text(blocks):
                values["description"] = "\n\n".join(part for part in [values.get("description"), next(leftovers)] if part)
            self.files[relpath] = yaml_file(Action, values, "action", relpath)
            self.report(action.place, "word.report.action", path=relpath, id=values["id"], title=values["title"])

    def action_values(self, action_id: str, action: wp.DraftAction) -> tuple[dict, list[str]]:
        fields = action.fields
        values: dict = {"id": action_id, "title": plain_text(action.title) or action_id, "family": action.family}
        notes: list[str] = []
        objectives = []
        for part in re.split(r"\s*[;\n]\s*", fields.get("objectives", "")):
            if not part.strip():
                continue
            named = re.search(r"\(([A-Za-z0-9][A-Za-z0-9._-]*)\)\s*$", part)
            found = self.operational.get(wt.fold(named.group(1))) if named else None
            # « 1.1.1 Déployer… » as pst's sheets name them, or the title alone
            found = found or self.operational.get(self.key(wt.item_text(re.sub(r"\s*\([^()]*\)\s*$", "", part))))
            if found and found not in objectives:
                objectives.append(found)
            elif not found:
                notes.append(plain_text(part))
        values["objectives"] = objectives
        description = [plain_text(fields["description"]) if "description" in fields else ""]
        if notes:
            description.append(t("word.import.objectives-not-found", objectives=" ; ".join(notes)))
        for label, content in action.unknown:
            description.append(f"**{plain_text(label)}**{t('word.import.colon')} {plain_text(content)}")
        if "budget" in fields:
            description.append(f"**{t('word.import.budget')}**{t('word.import.colon')} {plain_text(fields['budget'])}")
        if fields.get("context"):
            values["context"] = plain_text(fields["context"])
        if fields.get("publics"):
            values["publics"] = [plain_text(item) for item in re.split(r"\s*[,;/\n]\s*", fields["publics"]) if item.strip()]
        participants = wt.parse_number(fields.get("expected_participants", ""))
        if participants and participants[0] >= 0 and participants[0].is_integer():
            values["expected_participants"] = int(participants[0])
        for name in ("place", "means"):
            if fields.get(name):
                values[name] = plain_text(fields[name])
        staff = wt.parse_number(fields.get("staff_fte", ""))
        if staff and staff[0] >= 0:
            values["staff_fte"] = staff[0]
        for name in ("lead", "referent"):
            if fields.get(name):
                values[name] = self.stakeholder(fields[name])
        partners = []
        for part in re.split(r"\s*[;\n]\s*", fields.get("partners", "")):
            named = re.match(r"^(?P<name>[^()]+?)\s*(?:\((?P<role>.*)\))?\s*$", part.strip())
            if named and named.group("name").strip():
                entry = {"stakeholder": self.stakeholder(named.group("name"))}
                if named.group("role"):
                    entry["role"] = plain_text(named.group("role")).rstrip(".")
                if all(existing["stakeholder"] != entry["stakeholder"] for existing in partners):
                    partners.append(entry)
        values["partners"] = partners
        dates = wt.parse_dates(fields.get("schedule", ""), end_of_period=False)
        if dates:
            values["start"] = dates[0]
            if len(dates) > 1 and dates[-1] >= dates[0]:
                values["end"] = wt.parse_dates(fields["schedule"], end_of_period=True)[-1]
        status = STATUSES.get(wt.fold(fields.get("status", "")).strip(" ."))
        if status:
            values["status"] = status
        values["expected_results"] = [plain_text(item) for item in action.lists.get("expected_results", [])]
        values["indicators"] = [self.indicator(f"I-{action_id}-{index}", label, "realisation")
                                for index, label in enumerate(action.lists.get("indicators", []), start=1)]
        values["budget"] = [
            {"label": plain_text(label), "amount": amount, "funder": self.stakeholder(funder) if funder else None, "status": status or "demande"}
            for label, amount, funder, status in action.budget if amount >= 0
        ]
        milestones = []
        for item in action.lists.get("milestones", []):
            parts = re.split(r"\s+[—–-]\s+|\s*:\s+", item, maxsplit=1)
            found = wt.parse_dates(parts[0]) if len(parts) == 2 else []
            if found and parts[1].strip():
                milestones.append({"date": found[0], "label": plain_text(parts[1])})
            else:
                description.append(f"- {plain_text(item)}")
        values["milestones"] = milestones
        values["description"] = "\n\n".join(part for part in description if part) or None
        return values, notes

    def stakeholders_file(self) -> None:
        if not self.stakeholders:
            return
        relpath = "stakeholders.yaml"
        header = _comment(t("word.import.stakeholders-header"))
        self.files[relpath] = yaml_file(StakeholdersFile, {"stakeholders": self.stakeholders}, "stakeholders", relpath, header)
        self.report(wp.Place(), "word.report.stakeholders", path=relpath, count=tn("word.count.stakeholders", len(self.stakeholders)))

    # free text ------------------------------------------------------------------------

    def sections(self) -> list[dict]:
        pieces = self.draft.pieces
        kept = []
        for index, piece in enumerate(pieces):
            if piece.kind != "section":
                continue
            blocks = [_unnumbered(block) for block in without_images(piece.item.blocks)]
            if not text(blocks):
                if piece.item.title:
                    nearest = pieces[index + 1] if index + 1 < len(pieces) else None
                    if plain_text(piece.item.title) == plain_text(self.draft.title):
                        key = "word.report.title"
                    elif nearest is not None and nearest.kind != "section":
                        key = "word.report.chapter-heading"
                    else:
                        key = "word.report.empty-heading"
                    self.report(piece.place, key, title=plain_text(piece.item.title))
                continue
            kept.append((index, piece, blocks))
        markdown = to_markdown([blocks for _, _, blocks in kept], self.api_version)
        placed = []
        number = 0
        for (index, piece, _), body in zip(kept, markdown, strict=True):
            title = plain_text(piece.item.title) or self.untitled(index)
            after = next((CHAPTER_OF[p.kind] for p in pieces[index + 1:] if p.kind in CHAPTER_OF), None)
            place = {"before": after} if after is not None else {
                "after": next((CHAPTER_OF[p.kind] for p in reversed(pieces[:index]) if p.kind in CHAPTER_OF), "appendices")}
            for part, text_part in enumerate(_parts(body.strip()), start=1):
                number += 1
                heading = title if part == 1 else t("word.import.part", title=title, number=part)
                relpath = f"sections/{number:02d}-{file_slug(title)}{'' if part == 1 else f'-{part}'}.md"
                self.files[relpath] = f"# {heading}\n\n{text_part}\n"
                placed.append({"file": relpath, **place})
                self.report(piece.place, "word.report.section", path=relpath, title=heading)
        if self.draft.summary:
            self.summary = to_markdown([without_images(self.draft.summary)], self.api_version)[0].strip()
        return placed

    def untitled(self, index: int) -> str:
        before = next((p for p in reversed(self.draft.pieces[:index]) if p.kind in ("axis", "action", "section") and getattr(p.item, "title", "")), None)
        if before is None:
            return t("word.import.introduction")
        return t("word.import.continued", title=plain_text(before.item.title))

    # pst.yaml -------------------------------------------------------------------------

    def project_file(self, sections: list[dict]) -> list[str]:
        draft = self.draft
        identity = (draft.items("identity") or [wt.DraftIdentity()])[0]
        identity_piece = next((piece for piece in draft.pieces if piece.kind == "identity"), None)
        if identity_piece is not None:
            self.report(identity_piece.place, "word.report.identity")
        summary_piece = next((piece for piece in draft.pieces if piece.kind == "summary"), None)
        if summary_piece is not None and getattr(self, "summary", None):
            self.report(summary_piece.place, "word.report.summary")
        title = plain_text(draft.title) or self.source.stem
        subtitle = plain_text(draft.subtitle) or None
        words = wt.fold(" ".join(filter(None, [title, subtitle])))
        kind = "centre-social" if "centre social" in words or "centres sociaux" in words else "pst"
        to_check = []
        structure = {"name": None}
        if identity.structure:
            name, _, kind_of_structure = plain_text(identity.structure).partition(", ")
            structure = {"name": name, "type": kind_of_structure or None}
        else:
            guessed = _structure_in(title)
            structure["name"] = guessed or t("word.import.structure-unknown")
            to_check.append("structure-guessed" if guessed else "structure")
        territory = plain_text(identity.territory or "")
        if not territory:
            territory = _territory_in(structure["name"]) if identity.structure or "structure-guessed" in to_check else None
            to_check.append("territory-guessed" if territory else "territory")
            territory = territory or t("word.import.territory-unknown")
        if identity.period:
            start, end = identity.period
        else:
            years = re.search(r"\b((?:19|20)\d\d)\s*[-–—/à]\s*((?:19|20)\d\d)\b", " ".join([title, subtitle or ""]))
            if years and int(years.group(1)) <= int(years.group(2)):
                start, end = dt.date(int(years.group(1)), 1, 1), dt.date(int(years.group(2)), 12, 31)
            else:
                today = dt.date.today()
                start, end = dt.date(today.year + 1, 1, 1), dt.date(today.year + 4, 12, 31)
                to_check.append("period")
        if kind in MAX_YEARS and end > dt.date(start.year + MAX_YEARS[kind], start.month, 1) - dt.timedelta(days=1):
            kind = "pst"
        values = {
            "title": title, "subtitle": subtitle, "kind": kind, "structure": structure,
            "territory": {"name": territory, "codes": identity.codes},
            "period": {"start": start, "end": end}, "language": active(), "summary": getattr(self, "summary", None),
            "budget": identity.budget, "sections": sections,
        }
        header = _comment(t("word.import.header", name=self.source.name, date=dt.date.today().isoformat()))
        self.files["pst.yaml"] = yaml_file(ProjectFile, values, "project", "pst.yaml", header)
        return to_check


STATUSES = {"prevue": "prevue", "a venir": "prevue", "planned": "prevue", "en cours": "en-cours", "in progress": "en-cours",
            "realisee": "realisee", "terminee": "realisee", "done": "realisee", "abandonnee": "abandonnee", "dropped": "abandonnee"}
_CATEGORIES = (
    ("elu", r"\b(?:maire|elue?s?|adjointe?|conseill|president|deputee?|senat)"),
    ("habitant", r"\b(?:habitants?|residents?|usagers?|familles?|parents|conseil de maison|comites? d'habitants)\b"),
    ("benevole", r"\b(?:benevoles?|administrat)"),
    ("financeur", r"\b(?:fondation|financeurs?|mecenes?|banque)"),
    ("partenaire-associatif", r"\b(?:associations?|asso|federation|club|collectif|mjc|compagnie)\b"),
    ("technicien", r"\b(?:directeur|directrice|direction|equipe|animat|coordinat|referente?|agents?|salarie|charge)"),
)


def guess_category(name: str) -> str:
    """The likely category of a stakeholder from its name (the report asks to check it)."""
    folded = wt.fold(name)
    return next((category for category, pattern in _CATEGORIES if re.search(pattern, folded)), "partenaire-institutionnel")


_STRUCTURE = re.compile(r"\b((?:centre social|espace de vie sociale|ccas|cias|ville|commune|communaute de communes|departement)"
                        r"\s+(?:de la |de l'|du |des |de |d')\S+(?:[- ](?:sur|en|les|la|le|de)[- ]\S+)?)", re.IGNORECASE)


def _structure_in(title: str) -> str | None:
    match = _STRUCTURE.search(wt.fold(title))
    if not match:
        return None
    found = title[match.start(1):match.end(1)]
    found = re.sub(r"\s+(?:19|20)\d\d.*$", "", found).strip(" ,.")
    return found[:1].upper() + found[1:]


def _territory_in(structure: str | None) -> str | None:
    if not structure:
        return None
    match = re.search(r"\b(?:de la |de l'|du |des |de |d')(.+)$", structure)
    return match.group(1).strip() if match else None


SECTION_BYTES = MAX_FILE_BYTES // 2
"""A chapter longer than this is cut between paragraphs into several files: the loader refuses files over 5 MB."""


def _parts(body: str) -> list[str]:
    """The text of a chapter in pieces that each fit in one file."""
    if len(body.encode("utf-8")) <= SECTION_BYTES:
        return [body]
    parts, current, size = [], [], 0
    for paragraph in body.split("\n\n"):
        length = len(paragraph.encode("utf-8")) + 2
        if current and size + length > SECTION_BYTES:
            parts.append("\n\n".join(current))
            current, size = [], 0
        current.append(paragraph)
        size += length
    parts.append("\n\n".join(current))
    return parts


def _unnumbered(block: dict) -> dict:
    """A heading without the number Word or pst wrote before it (`## 4.1 Données` → `## Données`)."""
    if block.get("t") != "Header":
        return block
    level, attributes, inlines = block["c"]
    if len(inlines) >= 2 and inlines[0].get("t") == "Str" and re.fullmatch(r"\d{1,2}(?:\.\d{1,2})*\.?", inlines[0]["c"]) \
            and inlines[1].get("t") == "Space":
        inlines = inlines[2:]
    return {"t": "Header", "c": [level, ["", [], []], inlines]}


def file_slug(title: str, limit: int = 32) -> str:
    """The name part of a new file, cut between two words: `identifier-le-centre-social`."""
    whole = slug(title, 200)
    if len(whole) <= limit:
        return whole
    cut = whole[: limit + 1].rsplit("-", 1)[0]
    return cut if len(cut) >= limit // 2 else whole[:limit].rstrip("-")


def _unique(base: str, taken: set[str]) -> str:
    candidate, suffix = base, 2
    while candidate in taken:
        candidate, suffix = f"{base}-{suffix}", suffix + 1
    return candidate


# The command ------------------------------------------------------------------------


def import_docx(source: Path, directory: Path) -> DocxImport:
    """Create the project of the Word document `source` in `directory` (absent or empty)."""
    from pst_cli.rules.runner import run_check

    target = directory.absolute()
    if target.is_dir() and any(target.iterdir()):
        raise PstError.of("word.import.not-empty", path=directory, name=target.name)
    check_target(target)
    ast = read_ast(source)
    if not text(ast.get("blocks", [])):
        raise WordError.of("word.empty-document", name=source.name)
    draft = wp.recognise(ast)
    files, to_check, lines = _Builder(draft, ast.get("pandoc-api-version", [1, 23]), source).build()
    result = DocxImport(target, sorted(files), lines, to_check)
    with built_beside(target, "pst-import") as building:
        for relpath, content in files.items():
            path = building / relpath
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8", newline="\n")
        result.files += [p.relative_to(building).as_posix() for p in write_schemas(building / SCHEMA_FOLDER)]
        checked = run_check(building)
        errors = [finding for finding in checked.findings if finding.severity == "error"]
        if errors:
            raise ProjectInvalid(errors, str(directory), checked.files, t("word.import.invalid"), t("word.import.invalid.hint"))
        result.warnings, result.infos = checked.count("warning"), checked.count("info")
    return result
