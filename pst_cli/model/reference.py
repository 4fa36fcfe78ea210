"""Generate `docs/format.md`, the file-format reference, from the pydantic models.

    python -m pst_cli.formatdoc docs/format.md

The models are the single source of truth; a test fails when the committed page is stale.
"""

from __future__ import annotations

import sys
import typing
from pathlib import Path

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from pst_cli.model import FILE_KINDS
from pst_cli.model.introspect import nested_models

INTRO = """# Format des fichiers d'un projet

*Page générée à partir des modèles (`python -m pst_cli.formatdoc docs/format.md`) : ne pas la modifier à la main.*

Un projet est un dossier versionné avec Git. Les clés sont en anglais, les contenus en
français (ou en anglais avec `language: en`). Chaque famille d'entités a son fichier, pour
que les demandes de fusion (pull requests) restent petites :

| fichier | contenu |
|---|---|
{layout}
| `sections/*.md` | chapitres rédigés librement en Markdown, déclarés dans `pst.yaml` (`sections`) |
| `templates/` | (facultatif) gabarits du document qui remplacent ceux fournis |

Règles communes :

- **Identifiants** : chaque entité citée ailleurs a un `id` court et stable (lettres, chiffres,
  `.`, `_`, `-`) : `A1`, `A1.OG2`, `A1.OG2.OO1`, `I-A1-3`, `caf77`. Les références se font par
  identifiant, d'un fichier à l'autre ; un identifiant inconnu est une erreur.
- **Dates** : au format `AAAA-MM-JJ` et réelles (`2024-02-30` est refusée).
- **Textes** : `yes`, `no`, `on`, `off`, `Oui` restent du texte ; seuls `true` et `false` sont
  des booléens. Mettez entre guillemets un texte qui contient « : » suivi d'une espace.
- **Interdits** : clés inconnues (souvent une faute de frappe : le message propose la bonne),
  clés en double, ancres et alias YAML (`&`, `*`), tabulations d'indentation, marques de
  conflit Git, fichiers qui ne sont pas en UTF-8, fichiers de plus de 5 Mo.
- **Données personnelles** : le nom, le téléphone et le courriel d'une personne ne vont que
  dans un bloc `personal:`, omis des documents publics (`pst render --public`).
- **Éditeurs** : `pst schema --out .pst/schemas` écrit le schéma JSON de chaque type de
  fichier ; la première ligne `# yaml-language-server: $schema=…` de chaque fichier donne la
  complétion et l'aide au survol dans VS Code (extension YAML de Red Hat).
"""


def type_name(annotation: object) -> str:
    """A reader's name for a field type: `texte`, `date`, `liste de Relation`…"""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return type_name(typing.get_args(annotation)[0])
    if origin is typing.Literal:
        return " \\| ".join(f"`{value}`" for value in typing.get_args(annotation))
    if origin in (typing.Union, __import__("types").UnionType):
        names = [type_name(arg) for arg in typing.get_args(annotation) if arg is not type(None)]
        return " ou ".join(names)
    if origin is list:
        return f"liste de {type_name(typing.get_args(annotation)[0])}"
    if origin is dict:
        key, value = typing.get_args(annotation)
        return f"{type_name(key)} → {type_name(value)}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    names = {str: "texte", int: "entier", float: "nombre", bool: "`true`/`false`"}
    if annotation in names:
        return names[annotation]
    return getattr(annotation, "__name__", str(annotation)).replace("date", "date")


def model_table(model: type[BaseModel]) -> list[str]:
    doc = (model.__doc__ or "").strip().splitlines()[0]
    lines = [f"### {model.__name__}", "", doc, "", "| clé | type | obligatoire | description |", "|---|---|---|---|"]
    for name, field in model.model_fields.items():
        required = "oui" if field.is_required() else ""
        default = field.default
        if not field.is_required() and default not in (None, PydanticUndefined, False) and not isinstance(default, (list, dict)):
            required = f"(défaut `{default}`)"
        description = (field.description or "").replace("|", "\\|")
        lines.append(f"| `{name}` | {type_name(field.annotation)} | {required} | {description} |")
    return [*lines, ""]


def render() -> str:
    layout = "\n".join(
        f"| `{kind.pattern}` | {(kind.model.__doc__ or '').strip().splitlines()[0]} |" for kind in FILE_KINDS
    )
    parts = [INTRO.format(layout=layout)]
    seen: set = set()
    for kind in FILE_KINDS:
        parts.append(f"## `{kind.pattern}`\n")
        if kind.single:
            parts.append("Un fichier par entité ; le nom du fichier est libre (par exemple `2024-03-12-forum.yaml`).\n")
        for model in nested_models(kind.model):
            if model in seen:
                continue
            seen.add(model)
            parts.append("\n".join(model_table(model)))
    return "\n".join(parts).rstrip() + "\n"


def main() -> None:
    text = render()
    if len(sys.argv) > 1:
        Path(sys.argv[1]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
