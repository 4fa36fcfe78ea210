"""Every field the frameworks added to the format loads, and a wrong value gets a positioned
French error with a hint.

`tests/fixtures/frameworks_fields/` writes each new field once with a valid value; each
case below breaks one line of it and expects an error at that very line. A field that
names another entity (a `…Ref`) is broken with an unknown id: `references/unknown-id`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_project, run_pst

from pst_cli.model.common import Period
from pst_cli.model.evaluation import EvaluationQuestion, Judgement, PreviousEvaluation
from pst_cli.model.family import FamilyProject
from pst_cli.model.governance import Commitment, Convention, GovernanceFile, GovernanceMilestone, InstitutionReferent, LinkedPlan
from pst_cli.model.means import (
    Accessibility,
    BudgetYear,
    ExpenseLine,
    IncomeLine,
    MeansFile,
    Opening,
    OpeningSlot,
    Pricing,
    Reception,
    StaffMember,
    Volunteers,
)
from pst_cli.model.plan import GeneralObjective, Indicator, OperationalObjective
from pst_cli.model.project import Agrement, ChecksConfig, ProjectFile

FIELDS = FIXTURES / "frameworks_fields"

# (file, the line as written in the fixture, the same line broken, the field it breaks)
CASES = [
    ("pst.yaml", "kind: centre-social", "kind: espace-de-vie-sociale", "kind"),
    ("pst.yaml", "  - mairie", "  - mairie-inconnue", "co_holders"),
    ("pst.yaml", "  review: 2025-06-15", "  review: 2025-13-01", "review"),
    ("pst.yaml", "adopted: 2024-10-15", "adopted: 2024-02-30", "adopted"),
    ("pst.yaml", '  number: "CS-93-017"', "  number: [CS, 93]", "number"),
    ("pst.yaml", "  current_end: 2024-12-31", "  current_end: 31/12/2024", "current_end"),
    ("pst.yaml", "  requested_years: 4", "  requested_years: 6", "requested_years"),
    ("pst.yaml", "  committee: 2024-11-28", "  committee: bientôt", "committee"),
    ("pst.yaml", "previous_project: Projet social 2021-2024", "previous_project: [Projet social, 2021]", "previous_project"),
    ("pst.yaml", "  - parentalite", "  - jeunesse", "themes"),
    ("pst.yaml", "  director_level: 6", "  director_level: 9", "director_level"),
    ("pst.yaml", "  director_fte: 1.0", "  director_fte: plein", "director_fte"),
    ("pst.yaml", "  family_referent_level: 5", "  family_referent_level: 2", "family_referent_level"),
    ("pst.yaml", "  family_referent_min_fte: 0.5", "  family_referent_min_fte: 0", "family_referent_min_fte"),
    ("pst.yaml", "  family_referent_max_fte: 1.0", "  family_referent_max_fte: un", "family_referent_max_fte"),
    ("governance.yaml", "  - institution: mairie", "  - institution: mairie-inconnue", "institution"),
    ("governance.yaml", "    referent: direction", "    referent: directrice-inconnue", "referent"),
    ("governance.yaml", "      - Animer le partenariat local.", "      - {animer: partenariat}", "missions"),
    ("governance.yaml", "    kind: cof", "    kind: convention", "kind"),
    ("governance.yaml", "    content: Objet, objectifs communs et durée de la convention.", "    content: [objet, durée]", "content"),
    ("governance.yaml", "      - party: caf", "      - party: caf-inconnue", "party"),
    ("governance.yaml", "        text: Verser les prestations de service.", "        text: ''", "text"),
    ("governance.yaml", "        amount: 96000", "        amount: beaucoup", "amount"),
    ("governance.yaml", "        themes: [parentalite]", "        themes: [jeunes]", "themes"),
    ("governance.yaml", "    kind: evaluation-mi-parcours", "    kind: bilan", "kind"),
    ("governance.yaml", "  - kind: cls", "  - kind: contrat-local", "kind"),
    ("governance.yaml", "    title: Contrat local de santé", "    title: [contrat, santé]", "title"),
    ("governance.yaml", "    holder: mairie", "    holder: ars-inconnue", "holder"),
    ("governance.yaml", "    start: 2024-01-01", "    start: 2024-00-01", "start"),
    ("governance.yaml", "    end: 2028-12-31", "    end: fin 2028", "end"),
    ("governance.yaml", "    articulation: Actions communes sur l'accès aux soins.", "    articulation: [soins]", "articulation"),
    ("means.yaml", "  - id: direction", "  - id: direction générale", "id"),
    ("means.yaml", "    function: Directeur du centre social", "    function: ''", "function"),
    ("means.yaml", "    role: direction", "    role: directeur", "role"),
    ("means.yaml", "    fte: 1", "    fte: -1", "fte"),
    ("means.yaml", "    qualification_level: 6", "    qualification_level: 9", "qualification_level"),
    ("means.yaml", "    qualification: DESJEPS", "    qualification: [DESJEPS, DEJEPS]", "qualification"),
    ("means.yaml", "    funder: mairie", "    funder: mairie-inconnue", "funder"),
    ("means.yaml", "    stakeholder: direction", "    stakeholder: directeur-inconnu", "stakeholder"),
    ("means.yaml", "    caf_approved: true", "    caf_approved: oui", "caf_approved"),
    ("means.yaml", "  activities: 12", "  activities: douze", "activities"),
    ("means.yaml", "  governance: 7", "  governance: -7", "governance"),
    ("means.yaml", "  note: Deux formations par an.", "  note: [formation]", "note"),
    ("means.yaml", "    - days: [lundi, mardi]", "    - days: [lundi, funday]", "days"),
    ("means.yaml", '      opens: "09:00"', '      opens: "25:00"', "opens"),
    ("means.yaml", "      closes: 18h30", "      closes: midi", "closes"),
    ("means.yaml", "  closures: Trois semaines en août.", "  closures: [août]", "closures"),
    ("means.yaml", "  reduced_mobility: true", "  reduced_mobility: oui", "reduced_mobility"),
    ("means.yaml", "  details: Locaux de plain-pied.", "  details: [plain-pied]", "details"),
    ("means.yaml", "  policies: [quotient-familial]", "  policies: [gratuit]", "policies"),
    ("means.yaml", "  organisation: L'accueil est ouvert à toutes les heures d'ouverture.", "  organisation: ''", "organisation"),
    ("means.yaml", "  staff: [direction]", "  staff: [accueil-inconnu]", "staff"),
    ("means.yaml", "premises: Un équipement de 400 m².", "premises: [400]", "premises"),
    ("means.yaml", "  - year: 2025", "  - year: 1800", "year"),
    ("means.yaml", "      - label: Personnel", "      - label: ''", "label"),
    ("means.yaml", "        category: personnel", "        category: salaires", "category"),
    ("means.yaml", "        forecast: 200000", "        forecast: 200 000", "forecast"),
    ("means.yaml", "        actual: 198000", "        actual: -5", "actual"),
    ("means.yaml", "        type: prestation-agc", "        type: agc", "type"),
    ("means.yaml", "        status: acquis", "        status: obtenu", "status"),
    ("means.yaml", "    comment: Budget voté en conseil.", "    comment: [conseil]", "comment"),
    ("plan/family.yaml", "title: Projet famille 2025-2028", "title: [famille]", "title"),
    ("plan/family.yaml", "referent: referente", "referent: referente-inconnue", "referent"),
    ("plan/family.yaml", "context: Beaucoup de familles monoparentales.", "context: [familles]", "context"),
    ("plan/family.yaml", "findings: [C1]", "findings: [C9]", "findings"),
    ("plan/family.yaml", "  - Renforcer les liens entre parents et enfants.", "  - [liens, parents]", "aims"),
    ("plan/family.yaml", "actions: [FA-01]", "actions: [FA-09]", "actions"),
    ("plan/family.yaml", "  - year: 2025", "  - year: deux-mille", "budget"),
    ("plan/family.yaml", "evaluation: Bilan annuel avec le comité famille.", "evaluation: [bilan]", "evaluation"),
    ("plan/family.yaml", "illustrative: true", "illustrative: oui", "illustrative"),
    ("evaluation/previous.yaml", "project: Projet social 2021-2024", "project: [projet, 2021]", "project"),
    ("evaluation/previous.yaml", "method: Questionnaire et deux ateliers.", "method: [questionnaire]", "method"),
    ("evaluation/previous.yaml", "  - id: Q1", "  - id: Q 1", "id"),
    ("evaluation/previous.yaml", "    question: Le centre est-il connu des familles ?", "    question: ''", "question"),
    ("evaluation/previous.yaml", "    criteria: [pertinence, efficacite]", "    criteria: [pertinence, utilite]", "criteria"),
    ("evaluation/previous.yaml", "      - Questionnaire aux familles", "      - {questionnaire: familles}", "sources"),
    ("evaluation/previous.yaml", "    answer: En partie.", "    answer: [partie]", "answer"),
    ("evaluation/previous.yaml", "  - subject: Accueil des familles", "  - subject: ''", "subject"),
    ("evaluation/previous.yaml", "    level: action", "    level: programme", "level"),
    ("evaluation/previous.yaml", "      efficacite: partiel", "      efficacite: moyen", "ratings"),
    ("evaluation/previous.yaml", "    judgement: Les familles viennent mais restent peu.", "    judgement: [peu]", "judgement"),
    ("evaluation/previous.yaml", "    decision: modifie", "    decision: garde", "decision"),
    ("evaluation/previous.yaml", "    reason: Il faut aller vers elles.", "    reason: [aller vers]", "reason"),
    ("evaluation/previous.yaml", "    findings: [C1]", "    findings: [C9]", "findings"),
    ("evaluation/previous.yaml", "    objectives: [A1.OG1]", "    objectives: [A9.OG1]", "objectives"),
    ("evaluation/previous.yaml", "    actions: [FA-01]", "    actions: [FA-09]", "actions"),
    ("evaluation/previous.yaml", "    habitant: 14", "    habitant: quatorze", "participants"),
    ("evaluation/previous.yaml", "workshops: [2024-05-14-evaluation]", "workshops: [2024-05-15-evaluation]", "workshops"),
    ("evaluation/previous.yaml", "conclusions: Aller vers les familles.", "conclusions: [aller]", "conclusions"),
    ("diagnostic/sources.yaml", "    series: insee-rp", "    series: recensement", "series"),
    ("diagnostic/indicators.yaml", "    rounded_to: 5", "    rounded_to: 1", "rounded_to"),
    ("diagnostic/indicators.yaml", "    estimate: true", "    estimate: oui", "estimate"),
    ("diagnostic/indicators.yaml", "        year: 2016", "        year: 16", "year"),
    ("diagnostic/indicators.yaml", "    sum_of: [D1]", "    sum_of: [D9]", "sum_of"),
    ("plan/axes/1-familles.yaml", "    missions: [lieu-de-proximite]", "    missions: [lieu-proximite]", "missions"),
    ("plan/axes/1-familles.yaml", "        missions: [familles-publics-fragiles]", "        missions: [familles]", "missions"),
    ("plan/axes/1-familles.yaml", "              - {value: 60, date: 2025-12-31}", "              - {value: soixante, date: 2025-12-31}", "steps"),
    ("plan/axes/1-familles.yaml", "            kind: stock", "            kind: etat", "kind"),
    ("plan/axes/1-familles.yaml", "            method: Familles déclarant connaître le centre, sur 200 interrogées.", "            method: [familles]", "method"),
    ("plan/axes/1-familles.yaml", "            estimate: true", "            estimate: 1", "estimate"),
    ("plan/axes/1-familles.yaml", "            breakdowns: [qpv, composition-familiale]", "            breakdowns: [qpv, genre]", "breakdowns"),
    ("plan/axes/1-familles.yaml", "            scale: [faible, moyenne, forte]", "            scale: faible", "scale"),
    ("plan/actions/fa-01.yaml", "missions: [familles-publics-fragiles]", "missions: [parents]", "missions"),
    ("plan/actions/fa-01.yaml", "themes: [parentalite]", "themes: [parents]", "themes"),
    ("plan/actions/fa-01.yaml", "    year: 2025", "    year: deux-mille", "year"),
    ("workshops/2024-05-14-evaluation.yaml", "organisers: [direction]", "organisers: [direction-inconnue]", "organisers"),
    ("workshops/2024-05-14-evaluation.yaml", "  date: 2024-06-20", "  date: 2024-06-31", "date"),
    ("workshops/2024-05-14-evaluation.yaml", "  means: Lettre aux participants", "  means: ''", "means"),
    ("workshops/2024-05-14-evaluation.yaml", "    - Le nouveau projet ira à la sortie des écoles.", "    - [sortie, écoles]", "decisions"),
    ("workshops/2024-03-05-formation.yaml", "phase: formation", "phase: formations", "phase"),
]

NEW_FIELDS = {
    ProjectFile: ["co_holders", "adopted", "agrement", "previous_project", "themes"],
    Period: ["end", "review"],
    Agrement: ["number", "current_end", "requested_years", "committee"],
    ChecksConfig: ["director_level", "director_fte", "family_referent_level", "family_referent_min_fte", "family_referent_max_fte"],
    GovernanceFile: ["referents", "linked_plans"],
    InstitutionReferent: ["institution", "referent", "missions"],
    Convention: ["kind", "content", "commitments"],
    Commitment: ["party", "text", "amount", "themes"],
    GovernanceMilestone: ["kind"],
    LinkedPlan: ["kind", "title", "holder", "start", "end", "articulation"],
    MeansFile: ["staff", "volunteers", "opening", "accessibility", "pricing", "reception", "premises", "budget"],
    StaffMember: ["id", "function", "role", "fte", "qualification_level", "qualification", "funder", "stakeholder", "caf_approved"],
    Volunteers: ["activities", "governance", "note"],
    Opening: ["hours", "closures"],
    OpeningSlot: ["days", "opens", "closes", "note"],
    Accessibility: ["reduced_mobility", "details"],
    Pricing: ["policies", "details"],
    Reception: ["organisation", "staff"],
    BudgetYear: ["year", "expenses", "income", "comment"],
    ExpenseLine: ["label", "category", "forecast", "actual"],
    IncomeLine: ["label", "type", "funder", "forecast", "actual", "status"],
    FamilyProject: ["title", "referent", "context", "findings", "aims", "actions", "budget", "evaluation", "illustrative"],
    PreviousEvaluation: ["project", "method", "questions", "judgements", "participants", "workshops", "conclusions"],
    EvaluationQuestion: ["id", "question", "criteria", "sources", "answer"],
    Judgement: ["subject", "level", "ratings", "judgement", "decision", "reason", "findings", "objectives", "actions"],
    GeneralObjective: ["missions"],
    OperationalObjective: ["missions"],
    Indicator: ["steps", "kind", "method", "estimate", "breakdowns", "scale"],
}
"""The fields the frameworks added, by model: each is written in the fixture (or holds fields that are)."""


def test_the_fixture_with_every_new_field_loads():
    run = run_pst("check", "--format", "json", FIELDS)
    findings = json.loads(run.out)
    assert [f for f in findings if f["severity"] == "error"] == [], findings
    assert run.code == 0


def test_every_new_field_is_written_in_the_fixture():
    text = "\n".join(path.read_text(encoding="utf-8") for path in FIELDS.rglob("*.yaml"))
    for model, names in NEW_FIELDS.items():
        for name in names:
            assert name in model.model_fields, f"{model.__name__}.{name} is not a field"
            assert f"{name}:" in text, f"{model.__name__}.{name} is not written in {FIELDS.name}"


def test_every_new_scalar_field_has_a_broken_case():
    """Fields holding a block are broken through the fields inside them."""
    broken = {field for *_, field in CASES}
    blocks = {"agrement", "referents", "linked_plans", "commitments", "staff", "volunteers", "opening", "accessibility", "pricing",
              "reception", "budget", "expenses", "income", "questions", "judgements", "hours", "end"}
    missing = sorted({name for names in NEW_FIELDS.values() for name in names} - broken - blocks)
    assert missing == []


@pytest.mark.parametrize(("relpath", "line", "broken", "field"), CASES, ids=[f"{c[0]}:{c[3]}:{c[2].strip()}" for c in CASES])
def test_a_wrong_value_gets_a_positioned_french_error_with_a_hint(tmp_path: Path, relpath: str, line: str, broken: str, field: str):
    project = copy_project(FIELDS, tmp_path / "p")
    path = project / relpath
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines.count(line) == 1, f"{relpath}: {line!r} must be written once"
    number = lines.index(line) + 1
    lines[number - 1] = broken
    path.write_text("\n".join(lines), encoding="utf-8")

    run = run_pst("check", "--format", "json", ".", cwd=project)
    assert run.code == 1, run.output
    errors = [f for f in json.loads(run.out) if f["severity"] == "error"]
    here = [f for f in errors if (f["path"], f["line"]) == (relpath, number)]
    assert here, f"no error at {relpath}:{number}: {errors}"
    finding = here[0]
    assert finding["rule"].startswith(("schema/", "references/")), finding
    assert finding["hint"], finding
    english = ("Input should", "should be", "field required", "value is not")
    assert not any(word in finding["message"] for word in english), finding["message"]
    assert any(word in finding["message"] for word in ("«", "valeur", "doit", "invalide", "inconnu", "vide", "limites")), finding["message"]
