"""Personal data (RGPD): contact details only in `personal:` blocks, each with a retention
date; no sensitive data about a named person; residents described as groups.

Messages never repeat the personal data they found: check reports end up in CI logs.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator

from pydantic import BaseModel

from pst_cli.findings import Finding
from pst_cli.model.stakeholders import Stakeholder
from pst_cli.project.aggregate import Project

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# French numbers: 0X XX XX XX XX or +33 X XX XX XX XX, with spaces, dots or dashes.
PHONE = re.compile(r"(?<![\d+])(?:\+33[\s.-]?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)")
# Words that reveal health, origin, religion, opinions, union membership, sexual life
# or convictions (article 9 and 10 of the RGPD), matched without accents.
SENSITIVE = re.compile(
    r"\b(?:etat de sante|problemes? de sante|sante mentale|maladie|malade|handicap\w*|diabet\w*|cancer|"
    r"depression|psychiatr\w*|addiction|toxicoman\w*|grossesse|enceinte|"
    r"religion|religieu\w*|musulman\w*|chretien\w*|catholique|juif|juive|protestant\w*|"
    r"origine ethnique|origines? etrangeres?|ethnie|ethnique|racial\w*|sans[- ]papiers|titre de sejour|"
    r"opinions? politiques?|parti politique|syndique\w*|appartenance syndicale|"
    r"orientation sexuelle|homosexuel\w*|casier judiciaire|condamnation)\b"
)
# Fields whose text is an address on the web, where an "@" is not an e-mail address.
NOT_FREE_TEXT = {"url", "personal"}


def plain_text(text: str) -> str:
    """Lower-case text without accents, so `Santé` and `sante` match alike."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def free_texts(entity: BaseModel) -> Iterator[tuple[BaseModel, tuple, str]]:
    """Every text field inside `entity`, outside `personal:` blocks: (model holding it, key path, text)."""
    for name, value in entity.__dict__.items():  # much faster than iterating the pydantic model
        if name in NOT_FREE_TEXT:
            continue
        if isinstance(value, str):
            yield entity, (name,), value
        elif isinstance(value, BaseModel):
            yield from free_texts(value)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, str):
                    yield entity, (name, index), item
                elif isinstance(item, BaseModel):
                    yield from free_texts(item)
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, str):
                    yield entity, (name, key), item


def _entities(project: Project) -> Iterator[BaseModel]:
    yield project.config
    yield from project.stakeholders
    yield from project.sources
    yield from project.context_indicators
    yield from project.findings
    yield from project.workshops
    yield from project.challenges
    yield from project.axes
    yield from project.actions
    yield project.governance
    yield from project.measurements


# A cheap first pass: an e-mail needs an "@", a phone number starts with 0 or +33 then
# a digit and pairs of digits (the full patterns above then decide, field by field).
_PHONE_START = re.compile(r"(?:\+33[\s.-]?|0)[1-9](?:[\s.-]?\d{2}){4}")


def _may_hold_contact(text: str) -> bool:
    return ("@" in text and EMAIL.search(text) is not None) or _PHONE_START.search(text) is not None


def _contact_kind(project: Project, text: str) -> str | None:
    if EMAIL.search(text):
        return project.say("une adresse électronique", "an e-mail address")
    if PHONE.search(text):
        return project.say("un numéro de téléphone", "a phone number")
    return None


def contact_in_free_text(project: Project) -> Iterator[Finding]:
    """An e-mail address or a phone number appears in a free text field or a Markdown section.

    FR : les coordonnées d'une personne ne vont que dans un bloc `personal:` (nom,
    e-mail, téléphone, date de conservation), que le rendu public omet. Ailleurs, elles
    finiraient dans le document diffusé. Déplacez-les dans le bloc `personal:` de
    l'acteur concerné, ou remplacez-les par une adresse générique de la structure dans
    un champ prévu à cet effet.
    EN: a person's contact details go only in a `personal:` block, which public
    renderings leave out. Elsewhere they would end up in the published document. Move
    them to the stakeholder's `personal:` block.
    """
    # One search over each file's text rules out the files with no address or number at all.
    suspect = {path for path, loaded in project.files.items() if _may_hold_contact(loaded.text)}
    for entity in _entities(project):
        if project.places.get(id(entity), ("",))[0] not in suspect:
            continue
        for holder, inside, text in free_texts(entity):
            kind = _contact_kind(project, text)
            if kind:
                yield project.finding(holder,
                    inside,
                    message=project.say(f"{kind} figure dans un texte libre", f"{kind} appears in a free text field"),
                    hint=project.say(
                        "Déplacez les coordonnées dans le bloc `personal:` de l'acteur concerné.",
                        "Move contact details to the stakeholder's `personal:` block.",
                    ),
                )
    for section in project.config.sections:
        path = project.project_file(section.file)
        if path is None:
            continue
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(lines, start=1):
            kind = _contact_kind(project, line)
            if kind:
                yield Finding(
                    "personal/contact-in-free-text",
                    "warning",
                    section.file,
                    number,
                    1,
                    project.say(f"{kind} figure dans un chapitre rédigé", f"{kind} appears in a written section"),
                    project.say("Retirez les coordonnées personnelles du texte.", "Remove personal contact details from the text."),
                    section.file,
                )


def sensitive_data_about_named_person(project: Project) -> Iterator[Finding]:
    """A stakeholder with a personal name is described with sensitive words (health, origin, religion, opinions…).

    FR : le RGPD (article 9) interdit sauf exception de traiter des données sur la
    santé, l'origine, la religion, les opinions politiques ou syndicales, la vie
    sexuelle d'une personne identifiée. Un acteur qui porte un `personal.name` ne doit
    pas être décrit ainsi : reformulez sans ces informations, ou décrivez un groupe
    agrégé (`group:`) sans nom. La règle cherche des mots-clés français : vérifiez
    qu'il s'agit bien d'une donnée sur la personne.
    EN: the GDPR (article 9) forbids, save exceptions, processing data about the health,
    origin, religion, political or union opinions or sex life of an identified person. A
    stakeholder with a `personal.name` must not be described so: rephrase, or describe an
    unnamed aggregated group. The rule looks for French keywords.
    """
    for stakeholder in project.stakeholders:
        if not (stakeholder.personal and stakeholder.personal.name):
            continue
        for holder, inside, text in free_texts(stakeholder):
            if SENSITIVE.search(plain_text(text)):
                yield project.finding(holder,
                    inside,
                    message=project.say(
                        f"donnée sensible (santé, origine, religion, opinions…) sur l'acteur nommé « {stakeholder.id} »",
                        f"sensitive data (health, origin, religion, opinions…) about named stakeholder '{stakeholder.id}'",
                    ),
                    hint=project.say(
                        "Retirez cette information, ou décrivez un groupe agrégé sans nom.",
                        "Remove this information, or describe an unnamed aggregated group.",
                    ),
                )


def _has_personal_data(stakeholder: Stakeholder) -> bool:
    personal = stakeholder.personal
    return bool(personal and (personal.name or personal.email or personal.phone))


def no_retention_date(project: Project) -> Iterator[Finding]:
    """A `personal:` block has no retention date (`retention_until`).

    FR : le RGPD impose une durée de conservation des données personnelles. Indiquez
    `retention_until:` (par exemple la fin du projet plus un an) ; `pst check` signalera
    ensuite les données à effacer.
    EN: the GDPR requires a retention period for personal data. Set `retention_until:`
    (for example the end of the plan plus one year); `pst check` will then flag data to erase.
    """
    for stakeholder in project.stakeholders:
        if _has_personal_data(stakeholder) and stakeholder.personal.retention_until is None:
            yield project.finding(stakeholder.personal,
                message=project.say(
                    f"les données personnelles de « {stakeholder.id} » n'ont pas de date de conservation",
                    f"personal data of '{stakeholder.id}' has no retention date",
                ),
                hint=project.say(
                    "Ajoutez `retention_until: AAAA-MM-JJ` au bloc `personal:`.",
                    "Add `retention_until: YYYY-MM-DD` to the `personal:` block.",
                ),
            )


def retention_expired(project: Project) -> Iterator[Finding]:
    """Personal data is kept past its retention date.

    FR : la date `retention_until` est passée : effacez le bloc `personal:` (nom,
    e-mail, téléphone), ou repoussez la date si la personne a renouvelé son accord.
    EN: `retention_until` has passed: erase the `personal:` block, or move the date if the
    person renewed their consent.
    """
    today = dt.date.today()
    for stakeholder in project.stakeholders:
        personal = stakeholder.personal
        if _has_personal_data(stakeholder) and personal.retention_until and personal.retention_until < today:
            yield project.finding(personal,
                ("retention_until",),
                message=project.say(
                    f"les données personnelles de « {stakeholder.id} » devaient être effacées le {personal.retention_until}",
                    f"personal data of '{stakeholder.id}' was due for erasure on {personal.retention_until}",
                ),
                hint=project.say("Effacez le bloc `personal:`.", "Erase the `personal:` block."),
            )


def named_resident(project: Project) -> Iterator[Finding]:
    """A resident stakeholder carries a personal name instead of being an aggregated group.

    FR : les habitants sont décrits par groupes (`group:` : effectif, quartier, tranche
    d'âge), jamais nominativement. Un habitant qui joue un rôle nommé (administrateur,
    bénévole référent) relève de la catégorie `benevole`.
    EN: residents are described as groups (`group:`: count, neighbourhood, age band),
    never by name. A resident with a named role belongs in the `benevole` category.
    """
    for stakeholder in project.stakeholders:
        if stakeholder.category == "habitant" and stakeholder.personal and stakeholder.personal.name:
            yield project.finding(stakeholder.personal,
                ("name",),
                message=project.say(
                    f"l'acteur habitant « {stakeholder.id} » porte un nom de personne",
                    f"resident stakeholder '{stakeholder.id}' carries a person's name",
                ),
                hint=project.say(
                    "Décrivez les habitants par groupe (`group:`), sans nom.", "Describe residents as groups (`group:`), without names."
                ),
            )
