"""Generate `docs/grids.md`, the page of the shipped conformity grids, from their files.

    python -m pst_cli.grids.reference docs/grids.md

The grids (`templates/grids/*.yaml`) are the single source; a test fails when the page is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pst_cli.grids import shipped
from pst_cli.model.grid import Grid

INTRO = """# Grilles de conformité

*Page générée à partir des grilles (`python -m pst_cli.grids.reference docs/grids.md`) : ne pas la modifier à la main.*

Avant de déposer un projet, `pst grid` le lit comme le lira celui qui l'instruit : le
conseiller de la CAF et ses 8 critères d'agrément, la chambre régionale des comptes pour
une analyse des besoins sociaux, la préfecture et les signataires d'un contrat de ville, le
Département pour un projet social de territoire. Pour chaque critère, il dit son statut, ce
qui y répond dans le projet (fichier et ligne), ce qui manque et quel champ renseigner.

```
pst grid                       # la grille du type du projet (`kind` de pst.yaml)
pst grid --grid caf-agrement-2026 --format md
pst grid --strict              # code 1 si un critère est absent (intégration continue)
```

`pst check` signale aussi les critères non satisfaits : `grid/absent` (avertissement) et
`grid/partial` (information), réglables comme les autres règles (`checks.severity`,
`checks.ignore: [grid]`).

## Ce que veut dire chaque statut

Chaque critère nomme ses **preuves** — des chemins vers des champs du projet, comme
`means.staff[role=direction].fte` — et les **règles** de `pst check` dont les constats
comptent contre lui.

| statut | quand |
|---|---|
| **satisfait** | toutes ses preuves sont dans le projet (ou l'une d'elles, pour un critère `satisfied_by: any`) et aucune de ses règles n'a de constat |
| **partiel** | une partie seulement de ses preuves est là, ou une de ses règles a un constat (un directeur décrit mais à mi-temps, par exemple) |
| **absent** | aucune de ses preuves n'est dans le projet |

Un critère qui ne nomme que des règles est satisfait sans constat, partiel sinon. Un
statut dit ce que le projet **écrit**, pas ce que vaut le projet : « satisfait » veut dire
que le lecteur trouvera une réponse, à lui d'en juger.

## Écrire un chemin

Un chemin commence par un de ces mots, suivi de champs séparés par des points :
{roots}.

Un champ qui contient une liste se filtre : `governance.bodies[type=conseil-citoyen]`,
`actions[family=true]`, `means.staff[role=direction|coordination]` (plusieurs valeurs
séparées par `|`), `stakeholders[group]` (le champ est renseigné).

## La grille d'un projet

Un Département ou une CAF peut avoir son propre référentiel : le projet l'ajoute dans
`grids/<id>.yaml`, avec les mêmes champs que les grilles ci-dessous (`id`, `title`,
`issuer`, `version`, `sources`, `criteria` : `id`, `label`, `requirement`, `evidence`,
`rules`, `satisfied_by`, `status`, `chapter`, `provisional`). Elle se lit avec
`pst grid --grid <id>` et `pst check` la lit toujours. Un chemin qui ne nomme aucun champ
est une erreur située (fichier, ligne, colonne) avec le nom le plus proche ; une règle
inconnue est signalée par `grid/unknown-rule`. Une grille du projet qui porte l'identifiant
d'une grille fournie la remplace.
"""


def _grid(grid: Grid) -> list[str]:
    lines = [f"## {grid.title}", "", f"`{grid.id}` — version {grid.version} — lue par : {grid.issuer}."]
    if grid.kinds:
        kinds = ", ".join(f"`{kind}`" for kind in grid.kinds)
        lines[-1] += f" Se choisit avec `--grid` pour les projets {kinds}." if grid.provisional else f" Grille par défaut des projets {kinds}."
    if grid.provisional:
        lines += ["", "**Grille provisoire** : ses textes ne sont connus que par des résumés ; les critères marqués *(provisoire)* sont à vérifier."]
    if grid.note:
        lines += ["", grid.note]
    lines += ["", "Sources :", ""]
    for source in grid.sources:
        parts = [source.title, source.reference, source.date.isoformat() if source.date else None, source.url, source.note]
        lines.append("- " + " — ".join(part for part in parts if part))
    lines += ["", "| critère | ce qu'il exige | preuves | règles |", "|---|---|---|---|"]
    for criterion in grid.criteria:
        label = f"**{criterion.id}.** {criterion.label}" + (" *(provisoire)*" if criterion.provisional else "")
        evidence = "<br>".join(f"`{path}`" for path in criterion.evidence) or "—"
        if criterion.satisfied_by == "any" and len(criterion.evidence) > 1:
            evidence += "<br>(l'une suffit)"
        rules = "<br>".join(f"`{rule}`" for rule in criterion.rules) or "—"
        lines.append(f"| {label} | {criterion.requirement} | {evidence.replace('|', chr(92) + '|')} | {rules} |")
    return lines + [""]


def render() -> str:
    from pst_cli.model.grid import ROOTS

    roots = ", ".join(f"`{name}` ({file})" for name, (_, file) in ROOTS.items())
    lines = [INTRO.replace("{roots}", roots)]
    for grid in shipped().values():
        lines += _grid(grid)
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    text = render()
    if target:
        target.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
