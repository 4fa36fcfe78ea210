"""Generate synthetic projects for benchmarks: a town (S), a département ×10 (M), ×100 (L).

    python benchmarks/generate.py [OUTDIR]     # default benchmarks/projects/{S,M,L}

The town has about 33 files and 100 KiB of YAML, the size measured on real plans.
Larger projects multiply entities and files (no file goes over the 5 MB limit).
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

CATEGORIES = ["elu", "technicien", "habitant", "benevole", "partenaire-institutionnel", "partenaire-associatif", "financeur"]
PHASES = ["diagnostic", "partage", "prospective", "thematique", "convergence", "validation"]
WORDS = (
    "accompagner les familles du quartier renforcer le lien social développer l'accès aux droits "
    "soutenir les initiatives des habitants favoriser la mixité des publics lutter contre l'isolement "
    "des seniors améliorer la coordination des partenaires du territoire"
).split()


def sentence(rng: random.Random, words: int = 12) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def quoted(text: str) -> str:
    return '"' + text.replace('"', "'") + '"'


def generate(root: Path, scale: int, seed: int = 7) -> Path:
    """Write a valid project of `scale` × a town into `root`."""
    rng = random.Random(seed)
    (root / "diagnostic").mkdir(parents=True, exist_ok=True)
    for folder in ("workshops", "plan/axes", "plan/actions", "evaluation"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "pst.yaml").write_text(
        "title: Projet social de territoire synthétique\nkind: pst\nstructure:\n  name: CCAS de Ville-Synthèse\n"
        "territory:\n  name: Ville-Synthèse\n  level: commune\nperiod:\n  start: 2025-01-01\n  end: 2029-12-31\n"
        f"budget: {1_000_000 * scale}\n",
        encoding="utf-8",
    )
    stakeholders = [f"s{i}" for i in range(60 * scale)]
    lines = ["stakeholders:"]
    for index, sid in enumerate(stakeholders):
        lines += [
            f"  - id: {sid}",
            f"    name: {quoted('Structure ' + str(index) + ' — ' + sentence(rng, 4))}",
            f"    category: {CATEGORIES[index % len(CATEGORIES)]}",
            f"    role: {quoted(sentence(rng, 8))}",
            f"    influence: {rng.randint(1, 5)}",
            f"    interest: {rng.randint(1, 5)}",
            "    relations:",
            f"      - to: {stakeholders[(index + 1) % len(stakeholders)]}",
            "        kind: partenariat",
        ]
    (root / "stakeholders.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    sources = [f"src{i}" for i in range(15 * scale)]
    lines = ["sources:"]
    for sid in sources:
        lines += [f"  - id: {sid}", "    producer: INSEE", f"    title: {quoted(sentence(rng, 6))}", "    year: 2021", "    level: commune"]
    (root / "diagnostic/sources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = [f"d{i}" for i in range(60 * scale)]
    lines = ["indicators:"]
    for index, did in enumerate(data):
        lines += [
            f"  - id: {did}",
            f"    label: {quoted(sentence(rng, 6))}",
            f"    value: {rng.uniform(0, 100):.1f}",
            "    unit: '%'",
            "    year: 2021",
            "    level: commune",
            f"    source: {sources[index % len(sources)]}",
            "    comparisons:",
            f"      - territory: Département\n        value: {rng.uniform(0, 100):.1f}",
        ]
    (root / "diagnostic/indicators.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    workshops = [f"w{i}" for i in range(12 * scale)]
    findings = [f"c{i}" for i in range(30 * scale)]
    lines = ["findings:"]
    for index, fid in enumerate(findings):
        lines += [
            f"  - id: {fid}",
            f"    statement: {quoted(sentence(rng, 20))}",
            "    type: besoin",
            "    evidence:",
            f"      data: [{data[index % len(data)]}, {data[(index * 7) % len(data)]}]",
            f"      workshops: [{workshops[index % len(workshops)]}]",
        ]
    (root / "diagnostic/findings.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for index, wid in enumerate(workshops):
        counts = "\n".join(f"    {category}: {rng.randint(1, 20)}" for category in CATEGORIES[:4])
        # Phases in the order of a real process (diagnostic first, validation last), dates rising.
        phase = PHASES[index * len(PHASES) // len(workshops)]
        day = dt.date(2023, 1, 2) + dt.timedelta(days=index * 700 // len(workshops))
        (root / "workshops" / f"{wid}.yaml").write_text(
            f"id: {wid}\ntitle: {quoted('Atelier ' + str(index))}\nphase: {phase}\n"
            f"date: {day.isoformat()}\nplace: Maison des habitants\nformat: world café\n"
            f"participation_level: concertation\nparticipants:\n  stakeholders: [{stakeholders[index % len(stakeholders)]}]\n  counts:\n{counts}\n"
            f"outputs:\n  - {quoted(sentence(rng, 15))}\n  - {quoted(sentence(rng, 15))}\n"
            f"follow_up: {quoted(sentence(rng, 12))}\n"
            f"minutes: |\n  {sentence(rng, 60)}\n  {sentence(rng, 60)}\n",
            encoding="utf-8",
        )
    challenges = [f"E{i}" for i in range(7 * scale)]
    lines = ["challenges:"]
    for index, cid in enumerate(challenges):
        lines += [f"  - id: {cid}", f"    label: {quoted(sentence(rng, 10))}", f"    findings: [{findings[index % len(findings)]}]"]
    (root / "plan/challenges.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    operational_ids = []
    indicator_ids = []
    for axis_index in range(3 * scale):
        axis = f"A{axis_index + 1}"
        served = [challenge for number, challenge in enumerate(challenges) if number % (3 * scale) == axis_index] or [challenges[0]]
        lines = [f"id: {axis}", f"title: {quoted(sentence(rng, 8))}", f"challenges: [{', '.join(served)}]", "general_objectives:"]
        for general_index in range(3):
            general = f"{axis}.OG{general_index + 1}"
            lines += [f"  - id: {general}", f"    title: {quoted(sentence(rng, 8))}", f"    findings: [{findings[axis_index % len(findings)]}]", "    operational_objectives:"]
            for operational_index in range(3):
                operational = f"{general}.OO{operational_index + 1}"
                operational_ids.append(operational)
                indicator = f"I-{operational}"
                indicator_ids.append(indicator)
                lines += [
                    f"      - id: {operational}",
                    f"        title: {quoted(sentence(rng, 8))}",
                    "        indicators:",
                    f"          - id: {indicator}",
                    f"            label: {quoted(sentence(rng, 6))}",
                    "            type: resultat",
                    "            unit: personnes",
                    "            baseline: {value: 10, date: 2024-12-31, source: bilan 2024}",
                    "            target: {value: 40, date: 2029-06-30}",
                    "            source: tableau de suivi",
                    "            frequency: annuelle",
                    f"            owner: {stakeholders[operational_index % len(stakeholders)]}",
                ]
            lines += ["    examples:", f"      - {quoted(sentence(rng, 8))}"]
        (root / "plan/axes" / f"{axis_index + 1}-axe.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for action_index in range(12 * scale):
        action = f"FA-{action_index + 1:03d}"
        (root / "plan/actions" / f"{action}.yaml").write_text(
            f"id: {action}\ntitle: {quoted(sentence(rng, 8))}\n"
            f"objectives: [{', '.join(operational_ids[(action_index * 3 + k) % len(operational_ids)] for k in range(3))}]\n"
            f"description: {quoted(sentence(rng, 40))}\npublics: [familles, seniors]\nreferent: {stakeholders[action_index % len(stakeholders)]}\n"
            f"budget:\n  - label: Animation\n    amount: 5000\n    funder: {stakeholders[6]}\n    status: acquis\n"
            f"start: 2025-03-01\nend: 2027-06-30\nindicators:\n  - id: R-{action}\n    label: Séances réalisées\n    type: realisation\n    unit: séances\n",
            encoding="utf-8",
        )
    lines = ["bodies:", "  - id: copil", "    name: Comité de pilotage", "    type: copil", f"    members: [{', '.join(stakeholders[:8])}]", "    frequency: semestrielle", "    validates: true"]
    (root / "governance.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = ["measurements:"]
    for index in range(200 * scale):
        lines += [f"  - indicator: {indicator_ids[index % len(indicator_ids)]}", f"    date: 2026-{1 + index % 12:02d}-15", f"    value: {rng.randint(5, 60)}"]
    (root / "evaluation/measurements.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


SIZES = {"S": 1, "M": 10, "L": 100}


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "projects"
    for name, scale in SIZES.items():
        root = generate(out / name, scale)
        files = [p for p in root.rglob("*.yaml")]
        size = sum(p.stat().st_size for p in files)
        print(f"{name}: {len(files)} files, {size / 1024:.0f} KiB → {root}")


if __name__ == "__main__":
    main()
