"""`pst add KIND`: add one entity to a project without touching anything else.

The new entity gets an id in the house pattern (`A3`, `A1.OG4`, `A1.OG2.OO3`,
`I-A1.OG2-4`, `FA-05`, `E6`, `2025-03-12-forum`…), goes to the right place of the
right file (a new file for a workshop, an axis or an action, with the schema line for
editors), and every comment of the edited file is kept (ruamel.yaml round-trip). The
structure's means go to `means.yaml` (a staff post; an expense or an income of a year,
the year created in order when it is new), the judgements of the previous project to
`evaluation/previous.yaml`.

Nothing is written before the resulting project has been loaded and checked in a
temporary copy: if the addition would bring a new error (an unknown referent, a
measurement of an unknown indicator…), the command stops and says why.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

from pst_cli.editing.checked import write_checked
from pst_cli.errors import ProjectInvalid, PstError
from pst_cli.files import project_lock
from pst_cli.i18n import t, tn
from pst_cli.model import KIND_BY_NAME
from pst_cli.model.actions import Action
from pst_cli.model.evaluation import Judgement, Measurement
from pst_cli.model.means import BudgetYear, ExpenseLine, IncomeLine, MeansFile, StaffMember
from pst_cli.model.plan import Axis, Challenge, GeneralObjective, Indicator, OperationalObjective
from pst_cli.model.stakeholders import Stakeholder
from pst_cli.model.workshops import Workshop
from pst_cli.project.aggregate import Project
from pst_cli.project.ids import next_number, slug
from pst_cli.project.roundtrip import (
    dump_text,
    end_comment_slot,
    insert_key,
    load_text,
    modeline,
    new_mapping,
    read,
)


@dataclass(frozen=True)
class Option:
    """A value `pst add` takes: its name (the `--option` and the YAML key), whether required, its form.

    A required value missing on a terminal is asked for with the words `add.ask.<kind>.<name>`.
    """

    name: str
    required: bool = False
    form: str = "text"
    """`text`, `date`, `number`, `integer` or `list` (comma-separated)."""


KIND_OPTIONS: dict[str, tuple[Option, ...]] = {
    "stakeholder": (
        Option("name", True),
        Option("category", True),
        Option("id"),
        Option("organisation"),
        Option("role"),
    ),
    "workshop": (
        Option("title", True),
        Option("date", True, "date"),
        Option("phase", True),
        Option("place"),
        Option("format"),
        Option("participation_level"),
    ),
    "challenge": (
        Option("label", True),
        Option("findings", form="list"),
        Option("priority", form="integer"),
    ),
    "axis": (
        Option("title", True),
        Option("description"),
    ),
    "objective": (
        Option("parent", True),
        Option("title", True),
        Option("description"),
    ),
    "indicator": (
        Option("parent", True),
        Option("label", True),
        Option("type"),
        Option("definition"),
        Option("unit"),
        Option("direction"),
        Option("baseline", form="number"),
        Option("baseline_date", form="date"),
        Option("target", form="number"),
        Option("target_date", form="date"),
        Option("source"),
        Option("frequency"),
        Option("owner"),
    ),
    "action": (
        Option("title", True),
        Option("objectives", form="list"),
        Option("description"),
        Option("publics", form="list"),
        Option("lead"),
        Option("referent"),
        Option("start", form="date"),
        Option("end", form="date"),
    ),
    "measurement": (
        Option("indicator", True),
        Option("date", True, "date"),
        Option("value", True, "number"),
        Option("source"),
        Option("comment"),
    ),
    "staff": (
        Option("function", True),
        Option("role"),
        Option("fte", form="number"),
        Option("qualification_level", form="integer"),
        Option("qualification"),
        Option("funder"),
        Option("id"),
    ),
    "expense": (
        Option("year", True, "integer"),
        Option("label", True),
        Option("amount", True, "number"),
        Option("category"),
    ),
    "income": (
        Option("year", True, "integer"),
        Option("label", True),
        Option("amount", True, "number"),
        Option("funder"),
        Option("type"),
        Option("status"),
    ),
    "judgement": (
        Option("subject", True),
        Option("decision", True),
        Option("level"),
        Option("reason"),
    ),
}
KINDS = tuple(KIND_OPTIONS)


@dataclass
class Addition:
    """What `pst add` did: the new entity's id and the file written (relative to the project)."""

    id: str
    path: str
    created: bool


# Values ---------------------------------------------------------------------------


def _convert(option: Option, raw: object) -> object:
    if option.form == "list":
        items = raw if isinstance(raw, (list, tuple)) else [raw]
        return [part.strip() for item in items for part in str(item).split(",") if part.strip()]
    text = str(raw).strip()
    try:
        if option.form == "date":
            return dt.date.fromisoformat(text)
        if option.form == "number":
            return float(text.replace(",", "."))
        if option.form == "integer":
            return int(text)
    except ValueError:
        raise PstError.of(f"add.invalid-{option.form}", option=_flag(option.name), value=text) from None
    return text


def _flag(name: str) -> str:
    return name.replace("_", "-")


def _flags(names) -> str:
    """`--parent, --label`: the options named, as typed on the command line."""
    return ", ".join("--" + _flag(name) for name in names)


def gather(kind: str, given: dict, ask: Callable[[str], str] | None) -> dict:
    """The values of the new entity: those given, then those asked (terminal only), converted.

    Without a terminal (`ask` is None) a missing required value is a user error: a script
    must never hang waiting for an answer.
    """
    if kind not in KIND_OPTIONS:
        raise _unknown_kind(kind)
    options = {option.name: option for option in KIND_OPTIONS[kind]}
    foreign = [name for name, value in given.items() if value not in (None, [], ()) and name not in options]
    if foreign:
        raise PstError(
            tn("add.foreign-options", len(foreign), kind=kind, options=_flags(foreign)),
            t("add.foreign-options.hint", kind=kind, options=_flags(options)),
        )
    values: dict = {}
    missing = []
    for name, option in options.items():
        raw = given.get(name)
        if raw in (None, [], ()) and option.required and ask is not None:
            raw = ask(t(f"add.ask.{kind}.{name}"))
        if raw in (None, [], (), ""):
            if option.required:
                missing.append(option)
            continue
        values[name] = _convert(option, raw)
    if missing:
        example = " ".join(f"--{_flag(option.name)} …" for option in missing)
        raise PstError(tn("add.missing", len(missing), options=_flags(o.name for o in missing)), t("add.missing.hint", kind=kind, example=example))
    return values


def _unknown_kind(kind: str) -> PstError:
    return PstError.of("add.unknown-kind", kind=kind, kinds=", ".join(KINDS))


# Ids ------------------------------------------------------------------------------


def all_ids(project: Project) -> set[str]:
    """Every id the project declares, whatever its kind."""
    return {entity.id for _, entity in project.declared()}


# Planning the edit ----------------------------------------------------------------


@dataclass
class Edit:
    """The file to write for an addition: path relative to the project, full new text."""

    id: str
    path: str
    text: str
    created: bool


def _navigate(tree: object, loc: tuple) -> object:
    for part in loc:
        tree = tree[part]
    return tree


def append_item(mapping: CommentedMap, model, key: str, item: CommentedMap) -> None:
    """Append `item` to the list `mapping[key]` (created at its schema place when absent).

    When the list's items are separated by blank lines, the new one is too. Comment lines
    that follow the list (ruamel.yaml keeps them on its last item) stay after it, below the
    new item, instead of being swallowed into the list.
    """
    sequence = mapping.get(key)
    if not isinstance(sequence, CommentedSeq):
        sequence = CommentedSeq()
        insert_key(mapping, model, key, sequence)
    trailing = None
    if len(sequence):
        slot = end_comment_slot(sequence, len(sequence) - 1)
        token = slot[0][slot[1]] if slot else None
        if token is not None:
            end_of_line, _, rest = token.value.partition("\n")
            if "#" in rest:
                trailing = rest
                if end_of_line:
                    token.value = end_of_line + "\n"
                else:
                    slot[0][slot[1]] = None
    spaced = False
    if len(sequence) >= 2:
        slot = end_comment_slot(sequence, len(sequence) - 2)
        spaced = bool(slot and slot[0][slot[1]] is not None and "\n\n" in slot[0][slot[1]].value)
    if spaced:
        slot = end_comment_slot(sequence, len(sequence) - 1)
        if slot and slot[0][slot[1]] is None:
            slot[0][slot[1]] = CommentToken("\n\n", CommentMark(0), None)
        elif slot and slot[0][slot[1]].value in ("\n",):
            slot[0][slot[1]].value = "\n\n"
    sequence.append(item)
    if trailing:
        slot = end_comment_slot(sequence, len(sequence) - 1)
        if slot:
            slot[0][slot[1]] = CommentToken("\n" + trailing, CommentMark(0), None)


def _list_file(root: Path, relpath: str, kind_name: str, key: str, item: CommentedMap, entity_id: str) -> Edit:
    """Append `item` to the list `key` of a file holding one list (stakeholders, challenges…)."""
    path = root / relpath
    kind = KIND_BY_NAME[kind_name]
    if path.is_file():
        original = read(path)
        tree = load_text(original)
        if tree is None:  # only comments so far: keep them above the new list
            tree = load_text(original.rstrip("\n") + f"\n{key}: []\n")
        created = False
    else:
        tree = load_text(modeline(kind, relpath) + "\n" + f"{key}: []\n")
        created = True
    if tree is None:
        tree = CommentedMap()
    sequence = tree.get(key)
    if isinstance(sequence, CommentedSeq) and sequence.fa.flow_style() and not sequence:
        tree[key] = CommentedSeq()
    append_item(tree, kind.model, key, item)
    return Edit(entity_id, relpath, dump_text(tree), created)


def _new_file(root: Path, relpath: str, kind_name: str, item: CommentedMap, entity_id: str) -> Edit:
    if (root / relpath).exists():
        raise PstError.of("add.file-exists", path=relpath)
    text = modeline(KIND_BY_NAME[kind_name], relpath) + "\n" + dump_text(item)
    return Edit(entity_id, relpath, text, True)


def _in_entity(root: Path, project: Project, parent: object, key: str, model, item: CommentedMap, entity_id: str) -> Edit:
    """Append `item` to the list `key` of an entity already in a file (an objective, an action)."""
    relpath, loc = project.places[id(parent)]
    tree = load_text(read(root / relpath))
    append_item(_navigate(tree, loc), model, key, item)
    return Edit(entity_id, relpath, dump_text(tree), False)


def plan_edit(root: Path, project: Project, kind: str, values: dict) -> Edit:
    """The one file that adding this entity writes, with its full new text."""
    ids = all_ids(project)
    if kind == "stakeholder":
        chosen = values.pop("id", None)
        if chosen and chosen in ids:
            raise PstError.of("add.id-taken", id=chosen)
        base = chosen or slug(values["name"], 30)
        entity_id, suffix = base, 2
        while entity_id in ids:
            entity_id, suffix = f"{base}-{suffix}", suffix + 1
        item = new_mapping(Stakeholder, {"id": entity_id, **values})
        return _list_file(root, "stakeholders.yaml", "stakeholders", "stakeholders", item, entity_id)
    if kind == "workshop":
        entity_id = f"{values['date'].isoformat()}-{slug(values['title'])}"
        item = new_mapping(Workshop, {"id": entity_id, **values})
        return _new_file(root, f"workshops/{entity_id}.yaml", "workshop", item, entity_id)
    if kind == "challenge":
        entity_id = f"E{next_number([c.id for c in project.challenges], 'E')}"
        item = new_mapping(Challenge, {"id": entity_id, **values})
        return _list_file(root, "plan/challenges.yaml", "challenges", "challenges", item, entity_id)
    if kind == "axis":
        number = next_number([axis.id for axis in project.axes], "A")
        entity_id = f"A{number}"
        item = new_mapping(Axis, {"id": entity_id, **values})
        return _new_file(root, f"plan/axes/{number}-{slug(values['title'])}.yaml", "axis", item, entity_id)
    if kind == "objective":
        parent_id = values.pop("parent")
        axis = next((axis for axis in project.axes if axis.id == parent_id), None)
        if axis is not None:
            entity_id = f"{axis.id}.OG{next_number([g.id for g in axis.general_objectives], axis.id + '.OG')}"
            item = new_mapping(GeneralObjective, {"id": entity_id, **values})
            return _in_entity(root, project, axis, "general_objectives", Axis, item, entity_id)
        general = next((g for _, g in project.general_objectives() if g.id == parent_id), None)
        if general is None:
            raise PstError.of("add.unknown-objective-parent", id=parent_id)
        entity_id = f"{general.id}.OO{next_number([o.id for o in general.operational_objectives], general.id + '.OO')}"
        item = new_mapping(OperationalObjective, {"id": entity_id, **values})
        return _in_entity(root, project, general, "operational_objectives", GeneralObjective, item, entity_id)
    if kind == "indicator":
        return _plan_indicator(root, project, values)
    if kind == "action":
        number = next_number([action.id for action in project.actions], "FA-")
        entity_id = f"FA-{number:02d}"
        item = new_mapping(Action, {"id": entity_id, **values})
        existing = [path.name for path in (root / "plan" / "actions").glob("*.yaml")]
        # Follow the folder's habit: `01-titre.yaml` (as in the examples) or `FA-01-titre.yaml`.
        prefix = f"{number:02d}" if existing and all(re.match(r"\d+-", name) for name in existing) else entity_id
        return _new_file(root, f"plan/actions/{prefix}-{slug(values['title'])}.yaml", "action", item, entity_id)
    if kind == "measurement":
        known = {indicator.id for _, indicator in project.plan_indicators()}
        if values["indicator"] not in known:
            raise PstError.of("add.unknown-indicator", id=values["indicator"])
        if any(m.indicator == values["indicator"] and m.date == values["date"] for m in project.measurements):
            raise PstError.of("add.measurement-exists", indicator=values["indicator"], date=values["date"])
        item = new_mapping(Measurement, values)
        return _list_file(root, "evaluation/measurements.yaml", "measurements", "measurements", item, f"{values['indicator']}@{values['date']}")
    if kind == "staff":
        taken = {member.id for member in project.means.staff} if project.means else set()
        chosen = values.pop("id", None)
        if chosen and chosen in taken:
            raise PstError.of("add.id-taken", id=chosen)
        base = chosen or slug(values.get("role") if values.get("role") in ("direction", "referent-famille") else values["function"], 30)
        entity_id, suffix = base, 2
        while entity_id in taken:
            entity_id, suffix = f"{base}-{suffix}", suffix + 1
        item = new_mapping(StaffMember, {"id": entity_id, **values})
        return _list_file(root, "means.yaml", "means", "staff", item, entity_id)
    if kind in ("expense", "income"):
        return _budget_line(root, kind, values)
    if kind == "judgement":
        item = new_mapping(Judgement, values)
        return _list_file(root, "evaluation/previous.yaml", "previous-evaluation", "judgements", item, values["subject"])
    raise _unknown_kind(kind)


def _budget_line(root: Path, kind: str, values: dict) -> Edit:
    """An expense or an income of one year of `means.yaml`'s budget; a new year goes in year order."""
    year = values.pop("year")
    values["forecast"] = values.pop("amount")
    side, model = ("expenses", ExpenseLine) if kind == "expense" else ("income", IncomeLine)
    relpath = "means.yaml"
    path = root / relpath
    if path.is_file():
        tree = load_text(read(path))
        created = False
    else:
        tree = load_text(modeline(KIND_BY_NAME["means"], relpath) + "\nbudget: []\n")
        created = True
    if tree is None:
        tree = CommentedMap()
    budget = tree.get("budget")
    if not isinstance(budget, CommentedSeq) or (budget.fa.flow_style() and not budget):
        budget = CommentedSeq()
        insert_key(tree, MeansFile, "budget", budget)
    entry = next((item for item in budget if isinstance(item, CommentedMap) and item.get("year") == year), None)
    if entry is None:
        entry = new_mapping(BudgetYear, {"year": year})
        position = next((index for index, item in enumerate(budget) if isinstance(item, CommentedMap) and item.get("year", 0) > year), len(budget))
        budget.insert(position, entry)
    append_item(entry, BudgetYear, side, new_mapping(model, values))
    return Edit(f"{year} : {values['label']}", relpath, dump_text(tree), created)


def _plan_indicator(root: Path, project: Project, values: dict) -> Edit:
    """An indicator under an operational objective, a general objective or an action.

    Ids follow what the project already does: in the examples an operational
    objective's indicators are numbered within its general objective (`I-A1.OG2-3`),
    an action's within the action (`I-FA-01-1`).
    """
    parent_id = values.pop("parent")
    model_of = None
    parent = None
    group = parent_id
    for _, general, operational in project.operational_objectives():
        if operational.id == parent_id:
            parent, model_of, group = operational, OperationalObjective, general.id
    for _, general in project.general_objectives():
        if general.id == parent_id:
            parent, model_of = general, GeneralObjective
    for action in project.actions:
        if action.id == parent_id:
            parent, model_of = action, Action
    if parent is None:
        raise PstError.of("add.unknown-indicator-parent", id=parent_id)
    existing = [indicator.id for _, indicator in project.plan_indicators()]
    numbered_by_general = any(
        indicator.id.startswith(f"I-{general.id}-") for _, general, operational in project.operational_objectives() for indicator in operational.indicators
    )
    prefix = f"I-{group if numbered_by_general else parent_id}-"
    entity_id = f"{prefix}{next_number(existing, prefix)}"
    fields = {key: values[key] for key in ("label", "type", "definition", "unit", "direction", "source", "frequency", "owner") if key in values}
    if "baseline" in values:
        fields["baseline"] = {"value": values["baseline"], "date": values.get("baseline_date") or dt.date.today()}
    if "target" in values:
        fields["target"] = {"value": values["target"], "date": values.get("target_date") or project.config.period.horizon(dt.date.today())}
    item = new_mapping(Indicator, {"id": entity_id, **fields})
    return _in_entity(root, project, parent, "indicators", model_of, item, entity_id)


# Doing it -------------------------------------------------------------------------


def add_entity(root: Path, kind: str, given: dict, ask: Callable[[str], str] | None = None) -> Addition:
    """Add one entity of `kind` to the project in `root`, after checking the result in a copy.

    The project's lock is held from the first read to the write: two additions at the same
    time are made one after the other, the second to what the first wrote.
    """
    from pst_cli.project.load import require_project

    require_project(root)
    values = gather(kind, given, ask)
    with project_lock(root):
        return _add(root, kind, values)


def _add(root: Path, kind: str, values: dict) -> Addition:
    from pst_cli.project.load import load_project

    loaded = load_project(root)
    if loaded.project is None:
        errors = [finding for finding in loaded.findings if finding.severity == "error"]
        raise ProjectInvalid(errors, str(root), loaded.files, t("add.format-errors"), t("add.format-errors.hint"))
    edit = plan_edit(root, loaded.project, kind, values)
    write_checked(root, {edit.path: edit.text}, "add")
    return Addition(edit.id, edit.path, edit.created)
