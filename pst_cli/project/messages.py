"""Wording of the loader's and the schema's messages, in French and English.

Each entry: code → {language: (message, hint)}. Placeholders are filled with
`str.format`; values that come from the user's files are quoted, never evaluated.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    "too-large": {
        "fr": ("fichier trop volumineux ({size} Mo, maximum {limit} Mo)", "Un fichier de projet ne dépasse pas quelques centaines de Ko : découpez-le ou retirez les données brutes."),
        "en": ("file too large ({size} MB, at most {limit} MB)", "A project file is a few hundred KB at most: split it or move raw data out."),
    },
    "unreadable": {
        "fr": ("fichier illisible : {problem}", "Un lien symbolique cassé, un dossier nommé comme un fichier ou des droits insuffisants ? Réparez ou supprimez ce fichier."),
        "en": ("unreadable file: {problem}", "A broken symbolic link, a folder named like a file, or missing permissions? Repair or remove this file."),
    },
    "encoding": {
        "fr": ("le fichier n'est pas en UTF-8 (octet 0x{byte} ligne {line})", "Enregistrez le fichier en UTF-8 (dans l'éditeur : Enregistrer sous… → Encodage UTF-8)."),
        "en": ("the file is not UTF-8 (byte 0x{byte} on line {line})", "Save the file as UTF-8 (in your editor: Save as… → Encoding UTF-8)."),
    },
    "utf16": {
        "fr": ("le fichier est en UTF-16, pas en UTF-8", "Enregistrez le fichier en UTF-8 (dans l'éditeur : Enregistrer sous… → Encodage UTF-8)."),
        "en": ("the file is UTF-16, not UTF-8", "Save the file as UTF-8 (in your editor: Save as… → Encoding UTF-8)."),
    },
    "conflict-marker": {
        "fr": ("marque de conflit Git « {marker} » : la fusion n'est pas terminée", "Choisissez la bonne version entre <<<<<<< et >>>>>>>, puis supprimez les lignes de marque."),
        "en": ("Git conflict marker '{marker}': the merge is not finished", "Keep the right version between <<<<<<< and >>>>>>>, then delete the marker lines."),
    },
    "tab-indent": {
        "fr": ("tabulation utilisée pour l'indentation", "YAML n'accepte que des espaces en début de ligne : remplacez la tabulation par des espaces."),
        "en": ("tab used for indentation", "YAML only accepts spaces at the start of a line: replace the tab with spaces."),
    },
    "syntax": {
        "fr": ("syntaxe YAML invalide : {problem}", "Vérifiez l'indentation, les deux-points après chaque clé et les guillemets ; mettez entre guillemets un texte qui contient « : » ou commence par un caractère spécial."),
        "en": ("YAML syntax error: {problem}", "Check the indentation, the colon after each key and the quotes; quote a text that contains ': ' or starts with a special character."),
    },
    "several-documents": {
        "fr": ("le fichier contient plusieurs documents YAML (« --- »)", "Un fichier de projet contient un seul document : retirez le second « --- » ou séparez en deux fichiers."),
        "en": ("the file holds several YAML documents ('---')", "A project file holds one document: remove the second '---' or split the file."),
    },
    "alias": {
        "fr": ("ancre ou alias YAML (« & » / « * ») refusé", "Recopiez la valeur au lieu d'y faire référence ; entourez de guillemets un texte qui commence par & ou *."),
        "en": ("YAML anchor or alias ('&' / '*') refused", "Write the value out instead of referring to it; quote a text that starts with & or *."),
    },
    "duplicate-key": {
        "fr": ("clé « {key} » en double (déjà présente ligne {first_line})", "Une clé n'apparaît qu'une fois par bloc : fusionnez les deux ou supprimez l'une d'elles."),
        "en": ("duplicate key '{key}' (already on line {first_line})", "A key appears once per block: merge the two or delete one."),
    },
    "complex-key": {
        "fr": ("clé invalide : une clé est un simple mot", "Écrivez `clé: valeur`."),
        "en": ("invalid key: a key is a plain word", "Write `key: value`."),
    },
    "tag": {
        "fr": ("étiquette YAML « {tag} » non prise en charge", "Retirez l'étiquette commençant par « ! »."),
        "en": ("unsupported YAML tag '{tag}'", "Remove the tag starting with '!'."),
    },
    "too-deep": {
        "fr": ("structure imbriquée trop profonde", "Un fichier de projet a quelques niveaux d'imbrication : vérifiez l'indentation."),
        "en": ("structure nested too deeply", "A project file has a few levels of nesting: check the indentation."),
    },
    "empty-file": {
        "fr": ("fichier vide", "Complétez le fichier ou supprimez-le."),
        "en": ("empty file", "Fill in the file or delete it."),
    },
    "not-a-mapping": {
        "fr": ("le fichier doit contenir des clés (`{expected}: …`), pas {found}", "Commencez le fichier par `{expected}:` puis les éléments, indentés."),
        "en": ("the file must hold keys (`{expected}: …`), not {found}", "Start the file with `{expected}:` then the items, indented."),
    },
    "unknown-file": {
        "fr": ("fichier YAML non reconnu, ignoré", "Les fichiers du projet suivent une organisation fixe (voir docs/format.md) ; déplacez ou renommez ce fichier."),
        "en": ("unrecognised YAML file, ignored", "Project files follow a fixed layout (see docs/format.md); move or rename this file."),
    },
    "no-project": {
        "fr": ("aucun fichier pst.yaml dans « {folder} »", "Créez un projet avec `pst init DOSSIER --method minimal`, ou indiquez le dossier du projet."),
        "en": ("no pst.yaml file in '{folder}'", "Create a project with `pst init FOLDER --method minimal`, or name the project folder."),
    },
    # Schema (pydantic) errors.
    "unknown-key": {
        "fr": ("clé inconnue « {key} »", "{suggestion}"),
        "en": ("unknown key '{key}'", "{suggestion}"),
    },
    "did-you-mean": {"fr": ("vouliez-vous dire « {name} » ?", ""), "en": ("did you mean '{name}'?", "")},
    "allowed-keys": {"fr": ("clés possibles ici : {names}", ""), "en": ("keys allowed here: {names}", "")},
    "missing": {
        "fr": ("champ obligatoire « {key} » manquant", "Ajoutez `{key}: …` ({description})."),
        "en": ("required field '{key}' is missing", "Add `{key}: …` ({description})."),
    },
    "choice": {
        "fr": ("valeur « {value} » non reconnue pour « {key} »", "{suggestion}valeurs possibles : {choices}."),
        "en": ("value '{value}' not recognised for '{key}'", "{suggestion}possible values: {choices}."),
    },
    "text": {
        "fr": ("« {key} » doit être un texte", "Écrivez un texte ; mettez-le entre guillemets s'il ressemble à un nombre ou à true/false."),
        "en": ("'{key}' must be text", "Write a text; quote it if it looks like a number or true/false."),
    },
    "colon-in-text": {
        "fr": ("« {key} » doit être un texte, mais un « : » suivi d'une espace l'a transformé en bloc de clés", "Mettez le texte entre guillemets (\"…\") ou remplacez « : » par « – »."),
        "en": ("'{key}' must be text, but a ': ' inside it turned it into a block of keys", "Put the text in quotes (\"…\") or avoid ': ' inside it."),
    },
    "empty-text": {
        "fr": ("« {key} » ne peut pas être vide", "Écrivez une valeur ou retirez la clé."),
        "en": ("'{key}' cannot be empty", "Write a value or remove the key."),
    },
    "integer": {
        "fr": ("« {key} » doit être un nombre entier (reçu « {value} »)", "Écrivez un nombre sans guillemets, ex. `12`."),
        "en": ("'{key}' must be a whole number (got '{value}')", "Write a number without quotes, e.g. `12`."),
    },
    "number": {
        "fr": ("« {key} » doit être un nombre (reçu « {value} »)", "Écrivez un nombre avec un point décimal, ex. `12.5` (pas de virgule, pas d'unité)."),
        "en": ("'{key}' must be a number (got '{value}')", "Write a number with a decimal point, e.g. `12.5` (no unit)."),
    },
    "boolean": {
        "fr": ("« {key} » doit valoir true ou false (reçu « {value} »)", "Écrivez `true` (oui) ou `false` (non)."),
        "en": ("'{key}' must be true or false (got '{value}')", "Write `true` or `false`."),
    },
    "date": {
        "fr": ("« {key} » n'est pas une date valide (reçu « {value} »)", "Écrivez une date réelle au format AAAA-MM-JJ, ex. `2024-03-12`."),
        "en": ("'{key}' is not a valid date (got '{value}')", "Write a real date as YYYY-MM-DD, e.g. `2024-03-12`."),
    },
    "list": {
        "fr": ("« {key} » doit être une liste", "Écrivez un élément par ligne, chacun précédé de `- `."),
        "en": ("'{key}' must be a list", "Write one item per line, each starting with `- `."),
    },
    "mapping": {
        "fr": ("« {key} » doit être un bloc de clés", "Écrivez les clés de ce bloc sur les lignes suivantes, indentées de deux espaces."),
        "en": ("'{key}' must be a block of keys", "Write the keys of this block on the following lines, indented by two spaces."),
    },
    "id": {
        "fr": ("identifiant « {value} » invalide", "Un identifiant commence par une lettre ou un chiffre et ne contient que lettres, chiffres, « . », « _ » et « - »."),
        "en": ("invalid id '{value}'", "An id starts with a letter or digit and holds only letters, digits, '.', '_' and '-'."),
    },
    "range": {
        "fr": ("« {key} » hors limites : {detail}", "Corrigez la valeur."),
        "en": ("'{key}' out of range: {detail}", "Fix the value."),
    },
    "invalid": {
        "fr": ("« {key} » invalide : {detail}", "Corrigez la valeur (voir docs/format.md)."),
        "en": ("'{key}' is invalid: {detail}", "Fix the value (see docs/format.md)."),
    },
    "period-order": {
        "fr": ("la période se termine ({end}) avant de commencer ({start})", "Vérifiez `start` et `end` dans `period`."),
        "en": ("the period ends ({end}) before it starts ({start})", "Check `start` and `end` in `period`."),
    },
}


# libyaml's most frequent complaints, in plain French.
YAML_PROBLEMS_FR = {
    "mapping values are not allowed in this context": "un « : » suivi d'une espace n'est pas permis ici (texte à mettre entre guillemets ?)",
    "did not find expected key": "clé attendue à cet endroit (indentation incohérente ?)",
    "did not find expected '-' indicator": "un élément de liste « - » était attendu (indentation incohérente ?)",
    "found character that cannot start any token": "caractère qui ne peut pas commencer une valeur (mettez la valeur entre guillemets)",
    "found unexpected end of stream": "fin de fichier inattendue (guillemet ou crochet non fermé ?)",
    "found undefined alias": "alias non défini",
    "could not find expected ':'": "« : » attendu après la clé",
    "did not find expected ',' or ']'": "« , » ou « ] » attendu (crochet non fermé ?)",
    "did not find expected ',' or '}'": "« , » ou « } » attendu (accolade non fermée ?)",
    "found unknown escape character": "séquence d'échappement inconnue dans un texte entre guillemets doubles (utilisez des guillemets simples)",
    "expected <block end>, but found '<block mapping start>'": "indentation incohérente : cette clé est plus décalée que les précédentes",
    "expected <block end>, but found '-'": "élément de liste « - » mal indenté",
    "expected <block end>, but found '<scalar>'": "texte inattendu à cet endroit (indentation incohérente ?)",
    "did not find expected comment or line break": "fin de ligne attendue (caractère en trop après la valeur ?)",
    "did not find expected alphabetic or numeric character": "nom attendu après « & » ou « * » (mettez le texte entre guillemets)",
    "did not find expected node content": "valeur attendue à cet endroit (crochet ou accolade mal fermé ?)",
    "control characters are not allowed": "caractère de contrôle invisible interdit (copié-collé ?) : supprimez-le",
    "found character '\\t' that cannot start any token": "tabulation inattendue (en fin de ligne ?) : remplacez-la par une espace",
    "found character '\t' that cannot start any token": "tabulation inattendue (en fin de ligne ?) : remplacez-la par une espace",
    "did not find expected <document start>": "début de document attendu (ligne de texte hors de toute clé ?)",
}


def yaml_problem(problem: str, language: str) -> str:
    """libyaml's description of a syntax error, in French when the project is French."""
    if language == "en":
        return problem
    return YAML_PROBLEMS_FR.get(problem.strip(), problem)


def message(code: str, language: str, **values: object) -> tuple[str, str]:
    """The message and hint for `code` in `language`, filled with `values`."""
    wording = MESSAGES[code].get(language) or MESSAGES[code]["fr"]
    text, hint = wording
    return text.format(**values), hint.format(**values)
