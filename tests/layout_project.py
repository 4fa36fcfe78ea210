"""A big plan, for the layout tests: 20 workshops, 12 milestones, 10 action sheets.

Shaped like the departmental PST and the CTG that showed the layout problems (issue 14):
long workshop titles, a tall calendar, votes, many stakeholders. Written by code so that
its size is what the test says, with words a real plan would use.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

THEMES = [
    "accès aux droits", "petite enfance", "parentalité", "jeunesse", "vieillissement", "mobilité solidaire",
    "logement", "insertion", "santé", "numérique", "culture", "alimentation",
]
FORMATS = ["world café", "forum ouvert", "diagnostic en marchant", "atelier thématique", "questionnaire", "focus group"]
PHASES = ["diagnostic"] * 8 + ["partage"] * 2 + ["thematique"] * 4 + ["forum", "restructuration", "validation", "formalisation", "presentation", "suivi"]
CATEGORIES = ["elu", "technicien", "habitant", "benevole", "partenaire-institutionnel", "partenaire-associatif", "financeur"]


def _dump(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=4096), encoding="utf-8")


def big_project(root: Path, workshops: int = 20, milestones: int = 12, actions: int = 10) -> Path:
    """Write the big plan into `root` and return it."""
    _dump(root / "pst.yaml", {
        "title": "Projet social de territoire de la Communauté de communes du Val de Loire 2025-2029",
        "subtitle": "Convention territoriale globale avec la CAF et projet social départemental",
        "kind": "ctg",
        "structure": {"name": "Communauté de communes du Val de Loire", "type": "EPCI"},
        "territory": {"name": "Val de Loire", "level": "epci", "codes": ["244500468"]},
        "period": {"start": "2025-01-01", "end": "2029-12-31"},
        "budget": 2400000.0,
    })
    stakeholders = [
        {"id": f"acteur-{n}", "name": name, "category": CATEGORIES[n % len(CATEGORIES)], "role": f"Partenaire du projet pour {THEMES[n % len(THEMES)]}.",
         "influence": 1 + n % 5, "interest": 1 + (n * 2) % 5,
         "relations": [{"to": f"acteur-{(n + 1) % 24}", "kind": "partenariat"}, {"to": f"acteur-{(n + 5) % 24}", "kind": "financement"}]}
        for n, name in enumerate([
            "Vice-présidente aux solidarités", "Direction de la cohésion sociale", "Habitants des bourgs ruraux", "Bénévoles des épiceries solidaires",
            "Caisse d'allocations familiales du Loiret", "Fédération des centres sociaux du Loiret", "Conseil départemental du Loiret",
            "Maire de la commune-centre", "Service enfance-jeunesse intercommunal", "Parents des relais petite enfance",
            "Associations d'aide à domicile", "Mission locale du Val de Loire", "Agence régionale de santé", "CCAS de la commune-centre",
            "Espace de vie sociale des Quatre Vents", "Bailleur social Loire Habitat", "Jeunes du conseil intercommunal des jeunes",
            "Aidants familiaux du territoire", "France Services intercommunale", "Maison départementale des solidarités",
            "Pôle emploi et France Travail", "Centre social des Trois Rivières", "Conseil citoyen de la commune-centre", "Mutualité sociale agricole",
        ])
    ]
    _dump(root / "stakeholders.yaml", {"stakeholders": stakeholders})
    _dump(root / "diagnostic" / "sources.yaml", {"sources": [
        {"id": "insee-rp", "producer": "INSEE", "title": "Recensement de la population 2021", "year": 2021, "level": "commune"},
        {"id": "caf", "producer": "CAF du Loiret", "title": "Allocataires au 31 décembre 2023", "year": 2023, "level": "epci"},
    ]})
    _dump(root / "diagnostic" / "indicators.yaml", {"indicators": [
        {"id": f"D{n}", "label": f"Part des ménages concernés par {theme}", "value": 10.5 + n, "unit": "%", "year": 2021, "source": "insee-rp",
         "territory": "Val de Loire", "level": "epci", "comparisons": [{"territory": "Loiret", "value": 9.0 + n}, {"territory": "France", "value": 8.5 + n}]}
        for n, theme in enumerate(THEMES)
    ]})
    _dump(root / "diagnostic" / "findings.yaml", {"findings": [
        {"id": f"C{n + 1}", "statement": f"Les habitants décrivent des difficultés d'{theme} que les services peinent à suivre.", "type": "besoin",
         "theme": theme, "evidence": {"data": [f"D{n}"], "workshops": [f"atelier-{n + 1:02d}"]}, "publics": ["familles", "seniors"]}
        for n, theme in enumerate(THEMES)
    ]})
    start = dt.date(2024, 1, 9)
    for n in range(workshops):
        day = start + dt.timedelta(days=17 * n)
        counts = {"habitant": 12 + n, "technicien": 4 + n % 3, "elu": 1 + n % 2, "partenaire-associatif": 2 + n % 4}
        workshop = {
            "id": f"atelier-{n + 1:02d}",
            "title": f"Atelier {n + 1} : {THEMES[n % len(THEMES)]} dans les communes rurales, regards croisés des habitants et des professionnels",
            "phase": PHASES[n % len(PHASES)],
            "date": day.isoformat(),
            "place": f"Salle polyvalente de la commune {n % 7 + 1}",
            "format": FORMATS[n % len(FORMATS)],
            "participation_level": "concertation",
            "facilitator": "acteur-1",
            "objectives": [f"Partager le diagnostic sur {THEMES[n % len(THEMES)]}.", "Faire émerger des pistes d'action."],
            "questions": [f"Qu'est-ce qui manque aujourd'hui pour {THEMES[n % len(THEMES)]} ?"],
            "participants": {"stakeholders": [f"acteur-{n % 24}", f"acteur-{(n + 3) % 24}"], "counts": counts},
            "outputs": [f"Une carte des ressources en {THEMES[n % len(THEMES)]}."],
            "agreements": ["Le besoin d'un guichet de proximité."],
            "follow_up": "Les pistes sont reprises dans les fiches actions.",
            "minutes": f"Séance tenue le {day.isoformat()}, {sum(counts.values())} participants.",
        }
        if n % 5 == 4:
            workshop["votes"] = [{
                "id": "V1", "question": "Quelles pistes prioriser pour le territoire ?", "method": "gommettes", "voters": counts["habitant"],
                "dots_per_participant": 3,
                "options": [{"label": f"Développer l'offre en {theme} au plus près des habitants", "tally": (7 * k + n) % 9 + 1} for k, theme in enumerate(THEMES[:8])],
            }]
        _dump(root / "workshops" / f"{day.isoformat()}-atelier-{n + 1:02d}.yaml", workshop)
    _dump(root / "plan" / "challenges.yaml", {"challenges": [
        {"id": f"E{n + 1}", "label": f"Garantir à chacun l'{theme} quel que soit son lieu de vie", "findings": [f"C{n + 1}"], "priority": n + 1}
        for n, theme in enumerate(THEMES[:6])
    ] + [{"id": "E7", "label": "Créer un équipement culturel intercommunal", "findings": ["C11"], "status": "ecarte",
          "description": "Écarté au forum : hors des compétences de la CTG, renvoyé au projet culturel."}]})
    for axis in range(3):
        generals = []
        for g in range(3):
            operationals = [
                {"id": f"A{axis + 1}.OG{g + 1}.OO{o + 1}", "title": f"Déployer des permanences de {THEMES[(axis * 3 + g + o) % 12]} dans chaque bassin de vie",
                 "indicators": [{"id": f"I-A{axis + 1}.OG{g + 1}.OO{o + 1}", "label": f"Nombre de personnes accompagnées en {THEMES[(axis * 3 + g + o) % 12]}",
                                 "type": "resultat", "unit": "personnes", "baseline": {"value": 40.0 + o, "date": "2024-12-31"},
                                 "target": {"value": 120.0 + o, "date": "2029-06-30"}, "source": "Tableau de bord intercommunal", "frequency": "annuelle"}]}
                for o in range(3)
            ]
            generals.append({"id": f"A{axis + 1}.OG{g + 1}", "title": f"Rapprocher les services de {THEMES[(axis * 3 + g) % 12]} des habitants",
                             "challenges": [f"E{(axis * 3 + g) % 6 + 1}"], "operational_objectives": operationals})
        _dump(root / "plan" / "axes" / f"{axis + 1}-axe.yaml", {"id": f"A{axis + 1}", "title": f"Axe {axis + 1} du projet : agir pour {THEMES[axis]}",
                                                               "findings": [f"C{axis + 1}"], "general_objectives": generals})
    for n in range(actions):
        _dump(root / "plan" / "actions" / f"{n + 1:02d}-action.yaml", {
            "id": f"FA-{n + 1:02d}", "title": f"Fiche {n + 1} : un relais de {THEMES[n % 12]} itinérant dans les communes",
            "objectives": [f"A{n % 3 + 1}.OG{n % 3 + 1}.OO{n % 3 + 1}"], "publics": ["familles", "jeunes", "seniors"],
            "description": "Un camion équipé passe chaque semaine dans les communes sans service ; l'équipe accueille, oriente et accompagne.",
            "lead": "acteur-1", "referent": "acteur-8", "partners": [{"stakeholder": "acteur-4", "role": "cofinance"}],
            "budget": [{"label": "Véhicule et équipement", "amount": 45000.0, "funder": "acteur-4", "status": "acquis"},
                       {"label": "Animation (1 ETP)", "amount": 38000.0, "funder": "acteur-6", "status": "demande"}],
            "start": "2025-03-01", "end": "2028-12-31", "status": "prevue", "family": n % 4 == 0,
            "expected_results": ["Moins de non-recours aux droits."],
            "indicators": [{"id": f"I-FA-{n + 1:02d}", "label": "Nombre de permanences tenues", "type": "realisation", "unit": "permanences",
                            "baseline": {"value": 0.0, "date": "2024-12-31"}, "target": {"value": 150.0, "date": "2028-12-31"}, "frequency": "annuelle"}],
        })
    _dump(root / "governance.yaml", {
        "referent": "acteur-1",
        "bodies": [
            {"id": "copil", "name": "Comité de pilotage de la CTG", "type": "copil", "members": ["acteur-0", "acteur-4", "acteur-6"],
             "missions": ["Valider le projet et ses évolutions."], "frequency": "semestrielle", "validates": True,
             "meetings": [{"date": "2024-11-20", "decisions": ["Validation du projet."]}]},
            {"id": "cotech", "name": "Comité technique", "type": "comite-technique", "members": ["acteur-1", "acteur-8"],
             "missions": ["Préparer les décisions du comité de pilotage."], "frequency": "trimestrielle"},
        ],
        "conventions": [{"id": "ctg", "title": "Convention territoriale globale", "parties": ["acteur-4", "acteur-0"],
                         "signed": "2025-01-15", "start": "2025-01-01", "end": "2029-12-31"}],
        "milestones": [
            {"id": f"J{n + 1}", "date": (dt.date(2025, 2, 1) + dt.timedelta(days=130 * n)).isoformat(),
             "label": f"Étape {n + 1} : bilan d'étape du projet présenté au comité de pilotage et aux habitants", "body": "copil"}
            for n in range(milestones)
        ],
    })
    _dump(root / "evaluation" / "measurements.yaml", {"measurements": [
        {"indicator": f"I-A{a}.OG{a}.OO{a}", "date": f"{year}-12-31", "value": 40.0 + a + 15 * (year - 2024)}
        for a in (1, 2, 3) for year in (2025, 2026)
    ]})
    return root
