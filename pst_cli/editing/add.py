"""`pst add KIND`: add one entity to a project without touching anything else.

The new entity gets an id in the house pattern (`A3`, `A1.OG4`, `A1.OG2.OO3`,
`I-A1.OG2-4`, `FA-05`, `E6`, `2025-03-12-forum`…), goes to the right place of the
right file (a new file for a workshop, an axis or an action, with the schema line for
editors), and every comment of the edited file is kept (ruamel.yaml round-trip).

Nothing is written before the resulting project has been loaded and checked in a
temporary copy: if the addition would bring a new error (an unknown referent, a
measurement of an unknown indicator…), the command stops and says why.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

from pst_cli.files import write_atomic
from pst_cli.errors import PstError, Refused
from pst_cli.findings import Finding, say
from pst_cli.i18n import active
from pst_cli.model import KIND_BY_NAME
from pst_cli.model.actions import Action
from pst_cli.model.evaluation import Measurement
from pst_cli.model.plan import Axis, Challenge, GeneralObjective, Indicator, OperationalObjective
from pst_cli.model.stakeholders import Stakeholder
from pst_cli.model.workshops import Workshop
from pst_cli.project.aggregate import Project
from pst_cli.project.roundtrip import dump_text, end_comment_slot, insert_key, load_text, lost_comment, modeline, new_mapping, read


@dataclass(frozen=True)
class Option:
    """A value `pst add` asks for: its name (the `--option` and the YAML key), wording, whether required."""

    name: str
    fr: str
    en: str
    required: bool = False
    form: str = "text"
    """`text`, `date`, `number`, `integer` or `list` (comma-separated)."""


def _option(name: str, fr: str, en: str, required: bool = False, form: str = "text") -> Option:
    return Option(name, fr, en, required, form)


KIND_OPTIONS: dict[str, tuple[Option, ...]] = {
    "stakeholder": (
        _option("name", "Nom de l'acteur (organisation ou fonction)", "Stakeholder name (organisation or role)", True),
        _option("category", "Catégorie (elu, technicien, habitant, benevole, partenaire-institutionnel, partenaire-associatif, financeur)",
                "Category (elu, technicien, habitant, benevole, partenaire-institutionnel, partenaire-associatif, financeur)", True),
        _option("id", "Identifiant", "Id"),
        _option("organisation", "Organisation", "Organisation"),
        _option("role", "Rôle dans le projet", "Role in the project"),
    ),
    "workshop": (
        _option("title", "Intitulé de la séance", "Title", True),
        _option("date", "Date (AAAA-MM-JJ)", "Date (YYYY-MM-DD)", True, "date"),
        _option("phase", "Étape (diagnostic, partage, forum, validation, evaluation…)", "Phase (diagnostic, partage, forum, validation, evaluation…)", True),
        _option("place", "Lieu", "Place"),
        _option("format", "Format", "Format"),
        _option("participation_level", "Niveau de participation", "Participation level"),
    ),
    "challenge": (
        _option("label", "Formulation de l'enjeu", "Challenge", True),
        _option("findings", "Constats (identifiants séparés par des virgules)", "Findings (comma-separated ids)", form="list"),
        _option("priority", "Rang de priorité", "Priority rank", form="integer"),
    ),
    "axis": (
        _option("title", "Intitulé de l'axe", "Axis title", True),
        _option("description", "Présentation", "Description"),
    ),
    "objective": (
        _option("parent", "Axe (objectif général) ou objectif général (objectif opérationnel), ex. A1 ou A1.OG2",
                "Axis (general objective) or general objective (operational objective), e.g. A1 or A1.OG2", True),
        _option("title", "Intitulé de l'objectif", "Objective title", True),
        _option("description", "Précisions", "Description"),
    ),
    "indicator": (
        _option("parent", "Objectif opérationnel, objectif général ou action, ex. A1.OG2.OO1", "Operational objective, general objective or action, e.g. A1.OG2.OO1", True),
        _option("label", "Intitulé de l'indicateur", "Indicator label", True),
        _option("type", "Type (realisation, resultat, impact…)", "Type (realisation, resultat, impact…)"),
        _option("definition", "Définition", "Definition"),
        _option("unit", "Unité", "Unit"),
        _option("direction", "Sens (increase, decrease, maintain)", "Direction (increase, decrease, maintain)"),
        _option("baseline", "Valeur de départ", "Baseline value", form="number"),
        _option("baseline_date", "Date de la valeur de départ", "Baseline date", form="date"),
        _option("target", "Cible", "Target value", form="number"),
        _option("target_date", "Date de la cible", "Target date", form="date"),
        _option("source", "Source et mode de collecte", "Source and collection method"),
        _option("frequency", "Fréquence (annuelle, semestrielle…)", "Frequency (annuelle, semestrielle…)"),
        _option("owner", "Responsable de la mesure (identifiant d'acteur)", "Owner (stakeholder id)"),
    ),
    "action": (
        _option("title", "Intitulé de l'action", "Action title", True),
        _option("objectives", "Objectifs opérationnels servis (identifiants séparés par des virgules)", "Operational objectives served (comma-separated ids)", form="list"),
        _option("description", "Description", "Description"),
        _option("publics", "Publics (séparés par des virgules)", "Publics (comma-separated)", form="list"),
        _option("lead", "Structure pilote (identifiant d'acteur)", "Lead (stakeholder id)"),
        _option("referent", "Référent (identifiant d'acteur)", "Referent (stakeholder id)"),
        _option("start", "Date de début", "Start date", form="date"),
        _option("end", "Date de fin", "End date", form="date"),
    ),
    "measurement": (
        _option("indicator", "Indicateur mesuré (identifiant)", "Indicator (id)", True),
        _option("date", "Date de la mesure", "Date of the measurement", True, "date"),
        _option("value", "Valeur mesurée", "Value", True, "number"),
        _option("source", "Origine de la mesure", "Source"),
        _option("comment", "Commentaire", "Comment"),
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


def _convert(option: Option, raw: object, language: str) -> object:
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
        expected = {"date": say(language, "une date AAAA-MM-JJ", "a YYYY-MM-DD date"), "number": say(language, "un nombre", "a number"),
                    "integer": say(language, "un nombre entier", "a whole number")}[option.form]
        raise PstError(
            say(language, f"--{_flag(option.name)} : « {text} » n'est pas {expected}", f"--{_flag(option.name)}: '{text}' is not {expected}"),
        ) from None
    return text


def _flag(name: str) -> str:
    return name.replace("_", "-")


def gather(kind: str, given: dict, language: str, ask: Callable[[str], str] | None) -> dict:
    """The values of the new entity: those given, then those asked (terminal only), converted.

    Without a terminal (`ask` is None) a missing required value is a user error: a script
    must never hang waiting for an answer.
    """
    if kind not in KIND_OPTIONS:
        raise PstError(say(language, f"type d'entité inconnu : « {kind} »", f"unknown kind: '{kind}'"),
                       say(language, f"Choisissez parmi : {', '.join(KINDS)}.", f"Choose among: {', '.join(KINDS)}."))
    options = {option.name: option for option in KIND_OPTIONS[kind]}
    foreign = [name for name, value in given.items() if value not in (None, [], ()) and name not in options]
    if foreign:
        raise PstError(
            say(language, f"option sans objet pour « {kind} » : {', '.join('--' + _flag(name) for name in foreign)}",
                f"option not used by '{kind}': {', '.join('--' + _flag(name) for name in foreign)}"),
            say(language, f"Options de « {kind} » : {', '.join('--' + _flag(name) for name in options)}.",
                f"Options of '{kind}': {', '.join('--' + _flag(name) for name in options)}."),
        )
    values: dict = {}
    missing = []
    for name, option in options.items():
        raw = given.get(name)
        if raw in (None, [], ()) and option.required and ask is not None:
            raw = ask(say(language, option.fr, option.en))
        if raw in (None, [], (), ""):
            if option.required:
                missing.append(option)
            continue
        values[name] = _convert(option, raw, language)
    if missing:
        flags = " ".join(f"--{_flag(option.name)} …" for option in missing)
        raise PstError(
            say(language, f"valeur obligatoire manquante : {', '.join('--' + _flag(o.name) for o in missing)}",
                f"missing required value: {', '.join('--' + _flag(o.name) for o in missing)}"),
            say(language, f"Par exemple : pst add {kind} {flags}", f"For example: pst add {kind} {flags}"),
        )
    return values


# Ids ------------------------------------------------------------------------------


def slug(text: str, limit: int = 40) -> str:
    """`Forum des enjeux (2ᵉ)` → `forum-des-enjeux-2e`: the name part of a new file."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:limit].rstrip("-") or "sans-titre"


def next_number(ids: list[str], prefix: str) -> int:
    """One more than the largest number `n` among the ids written `<prefix><n>` (1 when none)."""
    compiled = re.compile(re.escape(prefix) + r"(\d+)")
    numbers = [int(match.group(1)) for match in map(compiled.fullmatch, ids) if match]
    return max(numbers, default=0) + 1


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


def _append(mapping: CommentedMap, model, key: str, item: CommentedMap) -> None:
    """Append `item` to the list `mapping[key]` (created at its schema place when absent).

    When the list's items are separated by blank lines, the new one is too.
    """
    sequence = mapping.get(key)
    if not isinstance(sequence, CommentedSeq):
        sequence = CommentedSeq()
        insert_key(mapping, model, key, sequence)
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
    _append(tree, kind.model, key, item)
    return Edit(entity_id, relpath, dump_text(tree), created)


def _new_file(root: Path, relpath: str, kind_name: str, item: CommentedMap, entity_id: str, language: str) -> Edit:
    if (root / relpath).exists():
        raise PstError(say(language, f"le fichier existe déjà : {relpath}", f"the file already exists: {relpath}"),
                       say(language, "Choisissez un autre intitulé ou une autre date.", "Choose another title or date."))
    text = modeline(KIND_BY_NAME[kind_name], relpath) + "\n" + dump_text(item)
    return Edit(entity_id, relpath, text, True)


def _in_entity(root: Path, project: Project, parent: object, key: str, model, item: CommentedMap, entity_id: str) -> Edit:
    """Append `item` to the list `key` of an entity already in a file (an objective, an action)."""
    relpath, loc = project.places[id(parent)]
    tree = load_text(read(root / relpath))
    _append(_navigate(tree, loc), model, key, item)
    return Edit(entity_id, relpath, dump_text(tree), False)


def _unknown(language: str, what: str, value: str, hint_fr: str, hint_en: str) -> PstError:
    return PstError(say(language, f"{what} inconnu : « {value} »", f"unknown {what}: '{value}'"), say(language, hint_fr, hint_en))


def plan_edit(root: Path, project: Project, kind: str, values: dict) -> Edit:
    """The one file that adding this entity writes, with its full new text."""
    language = project.language
    ids = all_ids(project)
    if kind == "stakeholder":
        chosen = values.pop("id", None)
        if chosen and chosen in ids:
            raise PstError(
                say(language, f"l'identifiant « {chosen} » est déjà pris", f"the id '{chosen}' is already taken"),
                say(language, "Choisissez un autre `--id`, ou laissez pst le tirer du nom.", "Choose another `--id`, or let pst derive it from the name."),
            )
        base = chosen or slug(values["name"], 30)
        entity_id, suffix = base, 2
        while entity_id in ids:
            entity_id, suffix = f"{base}-{suffix}", suffix + 1
        item = new_mapping(Stakeholder, {"id": entity_id, **values})
        return _list_file(root, "stakeholders.yaml", "stakeholders", "stakeholders", item, entity_id)
    if kind == "workshop":
        entity_id = f"{values['date'].isoformat()}-{slug(values['title'])}"
        item = new_mapping(Workshop, {"id": entity_id, **values})
        return _new_file(root, f"workshops/{entity_id}.yaml", "workshop", item, entity_id, language)
    if kind == "challenge":
        entity_id = f"E{next_number([c.id for c in project.challenges], 'E')}"
        item = new_mapping(Challenge, {"id": entity_id, **values})
        return _list_file(root, "plan/challenges.yaml", "challenges", "challenges", item, entity_id)
    if kind == "axis":
        number = next_number([axis.id for axis in project.axes], "A")
        entity_id = f"A{number}"
        item = new_mapping(Axis, {"id": entity_id, **values})
        return _new_file(root, f"plan/axes/{number}-{slug(values['title'])}.yaml", "axis", item, entity_id, language)
    if kind == "objective":
        parent_id = values.pop("parent")
        axis = next((axis for axis in project.axes if axis.id == parent_id), None)
        if axis is not None:
            entity_id = f"{axis.id}.OG{next_number([g.id for g in axis.general_objectives], axis.id + '.OG')}"
            item = new_mapping(GeneralObjective, {"id": entity_id, **values})
            return _in_entity(root, project, axis, "general_objectives", Axis, item, entity_id)
        general = next((g for _, g in project.general_objectives() if g.id == parent_id), None)
        if general is None:
            raise _unknown(language, say(language, "axe ou objectif général", "axis or general objective"), parent_id,
                           "--parent donne un axe (A1) pour un objectif général, un objectif général (A1.OG2) pour un objectif opérationnel.",
                           "--parent names an axis (A1) for a general objective, a general objective (A1.OG2) for an operational one.")
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
        return _new_file(root, f"plan/actions/{prefix}-{slug(values['title'])}.yaml", "action", item, entity_id, language)
    if kind == "measurement":
        known = {indicator.id for _, indicator in project.plan_indicators()}
        if values["indicator"] not in known:
            raise _unknown(language, say(language, "indicateur", "indicator"), values["indicator"],
                           "Donnez l'identifiant d'un indicateur du plan (plan/axes ou plan/actions).",
                           "Give the id of an indicator of the plan (plan/axes or plan/actions).")
        if any(m.indicator == values["indicator"] and m.date == values["date"] for m in project.measurements):
            raise PstError(say(language, f"une mesure de {values['indicator']} au {values['date']} existe déjà",
                               f"a measurement of {values['indicator']} on {values['date']} already exists"))
        item = new_mapping(Measurement, values)
        return _list_file(root, "evaluation/measurements.yaml", "measurements", "measurements", item, f"{values['indicator']}@{values['date']}")
    raise PstError(say(language, f"type d'entité inconnu : « {kind} »", f"unknown kind: '{kind}'"))


def _plan_indicator(root: Path, project: Project, values: dict) -> Edit:
    """An indicator under an operational objective, a general objective or an action.

    Ids follow what the project already does: in the examples an operational
    objective's indicators are numbered within its general objective (`I-A1.OG2-3`),
    an action's within the action (`I-FA-01-1`).
    """
    language = project.language
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
        raise _unknown(language, say(language, "objectif ou action", "objective or action"), parent_id,
                       "--parent donne un objectif opérationnel (A1.OG2.OO1), un objectif général (A1.OG2) ou une action (FA-01).",
                       "--parent names an operational objective (A1.OG2.OO1), a general objective (A1.OG2) or an action (FA-01).")
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
        fields["target"] = {"value": values["target"], "date": values.get("target_date") or project.config.period.end}
    item = new_mapping(Indicator, {"id": entity_id, **fields})
    return _in_entity(root, project, parent, "indicators", model_of, item, entity_id)


# Doing it -------------------------------------------------------------------------


def _errors(root: Path) -> tuple[set[tuple[str, str, str]], list[Finding]]:
    from pst_cli.rules.runner import run_check

    result = run_check(root)
    errors = [finding for finding in result.findings if finding.severity == "error"]
    return {(finding.rule, finding.path, finding.message) for finding in errors}, errors


def add_entity(root: Path, kind: str, given: dict, ask: Callable[[str], str] | None = None) -> Addition:
    """Add one entity of `kind` to the project in `root`, after checking the result in a copy."""
    from pst_cli.project.load import load_project, require_project

    require_project(root)
    language = active()
    values = gather(kind, given, language, ask)
    loaded = load_project(root)
    if loaded.project is None:
        raise Refused(
            say(language, "le projet contient des erreurs de format : rien n'a été ajouté", "the project has format errors: nothing was added"),
            say(language, "Lancez pst check, corrigez les erreurs, puis recommencez.", "Run pst check, fix the errors, then try again."),
        )
    edit = plan_edit(root, loaded.project, kind, values)
    before, _ = _errors(root)
    with tempfile.TemporaryDirectory(prefix="pst-add-") as temporary:
        copy = Path(temporary) / "project"
        shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".git", "build"))
        target = copy / edit.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(edit.text, encoding="utf-8", newline="\n")
        _, after = _errors(copy)
    new = [finding for finding in after if (finding.rule, finding.path, finding.message) not in before]
    if new:
        lines = [f"{f.path}:{f.line}:{f.col}: {f.message}" for f in new[:5]]
        raise Refused(
            say(language, f"l'ajout rendrait le projet incorrect, rien n'a été écrit :\n  {chr(10).join(lines)}",
                f"the addition would make the project wrong, nothing was written:\n  {chr(10).join(lines)}"),
            say(language, "Corrigez les valeurs données (identifiants d'acteurs, d'objectifs…) et recommencez.",
                "Fix the values given (stakeholder ids, objective ids…) and try again."),
        )
    destination = root / edit.path
    if destination.is_file():
        lost = lost_comment(read(destination), edit.text)
        if lost is not None:
            raise Refused(
                say(language, f"l'ajout ferait perdre le commentaire « {lost[1]} » ({edit.path}:{lost[0]}) : rien n'a été écrit",
                    f"the addition would lose the comment '{lost[1]}' ({edit.path}:{lost[0]}): nothing was written"),
                say(language, "Placez ce commentaire sur sa propre ligne, hors d'une liste entre crochets [ ], puis recommencez.",
                    "Put this comment on a line of its own, outside a [ ] list, then try again."),
            )
    destination.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(destination, edit.text)
    return Addition(edit.id, edit.path, edit.created)
