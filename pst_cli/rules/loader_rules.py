"""Documentation of the problems the loader reports before any coherence rule runs."""

LOADER_RULES: tuple[tuple[str, str, str], ...] = (
    ("file/too-large", "error", """A project file is larger than 5 MB.

    FR : un fichier de projet ne dépasse pas quelques centaines de Ko ; au-delà, il
    contient sans doute des données brutes qui ont leur place ailleurs.
    EN: project files are small; a huge one usually holds raw data that belongs elsewhere."""),
    ("file/unreadable", "error", """A project file cannot be read (broken symbolic link, a folder where a file is expected, permissions).

    FR : réparez le lien ou les droits, ou supprimez le fichier.
    EN: repair the link or the permissions, or remove the file."""),
    ("file/encoding", "error", """A file is not encoded in UTF-8.

    FR : enregistrez le fichier en UTF-8 ; le message donne la ligne du premier octet invalide.
    EN: save the file as UTF-8; the message gives the line of the first invalid byte."""),
    ("file/utf16", "error", """A file is encoded in UTF-16.

    FR : certains éditeurs Windows enregistrent en UTF-16 ; choisissez UTF-8.
    EN: some Windows editors save as UTF-16; choose UTF-8."""),
    ("file/conflict-marker", "error", """A Git merge left conflict markers (<<<<<<<, =======, >>>>>>>) in a file.

    FR : terminez la fusion : gardez la bonne version et supprimez les lignes de marque.
    EN: finish the merge: keep the right version and delete the marker lines."""),
    ("file/tab-indent", "error", """A line is indented with a tab.

    FR : YAML n'accepte que des espaces pour l'indentation.
    EN: YAML only accepts spaces for indentation."""),
    ("yaml/syntax", "error", """The file is not valid YAML.

    FR : vérifiez l'indentation, les deux-points et les guillemets à la position indiquée.
    EN: check indentation, colons and quotes at the position given."""),
    ("yaml/several-documents", "error", """A file holds several YAML documents separated by `---`.

    FR : un fichier de projet contient un seul document.
    EN: a project file holds one document."""),
    ("yaml/alias", "error", """A YAML anchor (`&name`) or alias (`*name`) is used.

    FR : les ancres rendent les fichiers difficiles à relire et permettent des « bombes »
    qui saturent la mémoire ; recopiez la valeur.
    EN: anchors make files hard to review and allow memory-exhausting alias bombs; write the value out."""),
    ("yaml/duplicate-key", "error", """The same key appears twice in one block.

    FR : YAML garderait silencieusement la seconde valeur ; fusionnez ou supprimez.
    EN: YAML would silently keep the second value; merge or delete one."""),
    ("yaml/complex-key", "error", """A key is not a plain word.

    FR : écrivez `clé: valeur`.
    EN: write `key: value`."""),
    ("yaml/tag", "error", """A YAML tag (`!something`) is used.

    FR : les étiquettes ne sont pas prises en charge ; retirez-la.
    EN: tags are not supported; remove it."""),
    ("yaml/too-deep", "error", """The YAML structure is nested too deeply.

    FR : vérifiez l'indentation.
    EN: check the indentation."""),
    ("schema/empty-file", "warning", """A file is empty.

    FR : un fichier d'atelier, d'axe ou d'action vide est une erreur ; une liste vide est signalée.
    EN: an empty workshop, axis or action file is an error; an empty list file is a warning."""),
    ("schema/not-a-mapping", "error", """A file holds a list or a single value instead of keys.

    FR : chaque fichier commence par ses clés (`stakeholders:`, `id:`…).
    EN: every file starts with its keys (`stakeholders:`, `id:`…)."""),
    ("schema/unknown-key", "error", """A key is not part of the file format (often a typo).

    FR : le message propose la clé la plus proche ; voir docs/format.md.
    EN: the message suggests the closest key; see docs/format.md."""),
    ("schema/missing-field", "error", """A required field is missing.

    FR : ajoutez la clé indiquée.
    EN: add the key named."""),
    ("schema/invalid-choice", "error", """A value is not one of the allowed choices.

    FR : le message liste les valeurs possibles.
    EN: the message lists the possible values."""),
    ("schema/wrong-type", "error", """A value has the wrong type (text, number, list, block).

    FR : suivez l'indication du message.
    EN: follow the hint."""),
    ("schema/invalid-date", "error", """A date is not a real date in the YYYY-MM-DD format.

    FR : `2024-02-30` n'existe pas ; écrivez AAAA-MM-JJ.
    EN: `2024-02-30` does not exist; write YYYY-MM-DD."""),
    ("schema/invalid-id", "error", """An id has characters that ids cannot have.

    FR : lettres, chiffres, « . », « _ » et « - » seulement.
    EN: letters, digits, '.', '_' and '-' only."""),
    ("schema/empty-value", "error", """A text that cannot be empty is empty.

    FR : écrivez une valeur ou retirez la clé.
    EN: write a value or remove the key."""),
    ("schema/out-of-range", "error", """A number is outside its allowed range.

    FR : par exemple une influence notée de 1 à 5.
    EN: for example an influence rated 1 to 5."""),
    ("schema/invalid-value", "error", """A value is invalid for another reason given in the message.

    FR : suivez l'indication du message.
    EN: follow the hint."""),
    ("schema/period-order", "error", """The project period ends before it starts.

    FR : vérifiez `period.start` et `period.end` dans pst.yaml.
    EN: check `period.start` and `period.end` in pst.yaml."""),
    ("config/unknown-rule", "warning", """`checks.ignore` or `checks.severity` in pst.yaml names a rule that does not exist.

    FR : une faute de frappe dans un nom de règle ne ferait rien, en silence ; le message
    propose la règle la plus proche (`pst rules` les liste toutes).
    EN: a typo in a rule name would silently do nothing; the message suggests the closest rule."""),
    ("files/unknown-file", "warning", """A YAML file is not where pst looks for project files, so it is ignored.

    FR : voir l'organisation des fichiers dans docs/format.md.
    EN: see the file layout in docs/format.md."""),
)
