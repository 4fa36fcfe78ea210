"""Read the words, cells and tables of a Word plan as a person reads them (for `pst import docx`).

Matching is on words without accents or case (`fold`), in French and English. A cell
is a list of lines (paragraphs, parts after soft line breaks, list items) whose first
line may be the label of its kind (« Objectifs opérationnels »); a table is a full
grid in which a merged cell fills every position it covers. Each `read_…_table` says
whether a table is one of the layouts plans use — an axis table, a table of figures
with a source column, of indicators, of sources, of a project's identity, of an
action's budget, an action sheet — and what it holds; `word_plan` walks the document
and asks them.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, field

from pst_cli.word.pandoc import text


@dataclass
class DraftGeneral:
    """Objectif général: its operational objectives, each with the indicators paired with it."""

    title: str
    operational: list[tuple[str, list[str]]] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    """Indicators that could not be paired with one operational objective."""
    examples: list[str] = field(default_factory=list)


@dataclass
class DraftData:
    label: str
    value: float | None
    unit: str | None
    year: int | None
    territory: str | None
    source: str | None
    comparisons: list[tuple[str, float]] = field(default_factory=list)
    secret: bool = False


# Words -----------------------------------------------------------------------------


@functools.cache
def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFD", char)[0].lower()
    return "'" if base in "’‘`" else " " if base in "\u00a0\u202f\t" else base


def fold(value: str) -> str:
    """Lower case without accents, one character for one (positions are kept): for matching words."""
    return "".join(map(_fold_char, value))


LABELS = {
    "axis": r"axes?(?: strategiques?| prioritaires?)?|priority axis|axis",
    "general": r"objectifs? (?:generaux|general|strategiques?)|general objectives?|strategic objectives?",
    "operational": r"objectifs? operationnels?|operational objectives?",
    "indicators": r"indicateurs?(?: de (?:resultats?|realisation|suivi|reussite|mesure|l'objectif)| d'(?:evaluation|impact))?"
    r"|(?:result |results |outcome |impact )?indicators?",
    "examples": r"exemples?(?: d'actions?| de realisations?)?|pistes d'actions?|examples?(?: of actions?)?",
}
"""The labels of an axis table's cells (French and English, matched without accents or case)."""
_LABEL = {kind: re.compile(rf"^(?:{pattern})\b\s*(?:n°\s*|no\s*)?(?P<number>[ivxlc]+\b|\d+(?:\.\d+)*)?\s*[:.\-–—]?\s*", re.IGNORECASE)
          for kind, pattern in LABELS.items()}
AXIS_HEADING = re.compile(
    r"^(?:axe|axis)(?: strategique| prioritaire)?\s*(?:n°\s*)?(?P<number>[ivxlc]+|\d+)\b\s*(?:[:.\-–—]+\s*)?(?P<title>.*)$", re.IGNORECASE
)
CHALLENGES_HEADING = re.compile(r"^(?:les |nos |\d+ )?(?:enjeux|challenges|issues)\b(?:\s+(?:retenus|prioritaires|du projet|du territoire))?\s*:?$")
SUMMARY_HEADING = re.compile(r"^(?:synthese|resume|summary)(?: du projet)?\s*:?$")
_NUMBERING = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+(?=\D)")
_OUTLINE = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s+(?=\D)")
"""An outline number before an item (`1.2.3 Créer…`, as the axis tables of pst number operational objectives)."""
_BULLET = re.compile(r"^\s*(?:[-–—•·▪◦*]+|\d{1,2}[.)]|[a-z][)])\s*(?=\S)")
ACTION_HEADING = re.compile(
    r"^(?:(?:FA|fiche(?: action)?|action)\s*[-–]?\s*(?:n°\s*|no\s*)?\d+|FA-\d+)\s*[:.\-–—]*\s*(?P<title>.*)$", re.IGNORECASE
)

FIELDS = {
    "objectives": r"objectifs?(?: operationnels?| servis| vises| poursuivis)?|objectives?(?: served)?",
    "publics": r"publics?(?: vises?| cibles?| concernes?)?|target groups?",
    "expected_participants": r"(?:nombre de )?participants(?: attendus)?|expected participants",
    "place": r"lieux?(?: de l'action)?|place",
    "lead": r"pilotes?|porteurs?(?: de l'action)?|structure pilote|lead",
    "referent": r"referent(?:e)?s?(?: de l'action)?|responsables?(?: de l'action)?|referent",
    "partners": r"partenaires?(?: associes| mobilises)?|partners?",
    "staff_fte": r"moyens humains|etp|staff",
    "means": r"moyens(?: materiels| techniques)?|means",
    "schedule": r"calendrier|periode|dates?|duree|echeancier|schedule",
    "status": r"etat|statut|avancement|status",
    "description": r"description|contenu|deroulement|modalites(?: de mise en oeuvre)?|description of the action",
    "context": r"contexte|constats?|origine|context",
    "expected_results": r"resultats attendus|expected results",
    "indicators": r"indicateurs?(?: de realisation| d'evaluation| de suivi)?|(?:output )?indicators?",
    "budget": r"budget(?: et financements?)?|couts?|financements?|budget",
}
"""The labels of an action sheet's rows (French and English)."""
FIELD_LABELS = {name: re.compile(rf"^(?:{pattern})\s*:?$") for name, pattern in FIELDS.items()}

_DATA_SOURCE = re.compile(r"^(?:sources?|producteurs?|origine)\b")
_DATA_VALUE = re.compile(r"^(?:valeurs?|chiffres?|donnees chiffrees|nombre|effectifs?|taux|part|value|figure)\b")
_DATA_YEAR = re.compile(r"^(?:annees?|millesime|year|date)\b")
_DATA_COMPARISON = re.compile(r"^(?:comparaisons?|comparisons?|reperes?)\b")
_DATA_TERRITORY = re.compile(r"^(?:territoires?|echelle|niveau|territory)\b")
_NUMBER = re.compile(r"^(?P<number>[+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|[+-]?\d+(?:[.,]\d+)?)\s*(?P<unit>.*)$")
_SECRET = re.compile(r"^(?:secret(?: statistique)?|s|nd|ns|so|n\.d\.|n/d)$", re.IGNORECASE)


def label_of(line: str) -> tuple[str, str] | None:
    """(kind, rest of the line) when `line` starts with the label of an axis table's cell."""
    folded = fold(line)
    for kind in ("general", "operational", "indicators", "examples", "axis"):
        match = _LABEL[kind].match(folded)
        if match:
            return kind, line[match.end():].strip()
    return None


def clean_heading(value: str) -> str:
    """A heading's text without the number Word or pst put before it (`6.1 Axe 1` → `Axe 1`)."""
    return _NUMBERING.sub("", value.strip(), count=1).strip()


KEPT_CAPITALS = {"CAF", "QPV", "CCAS", "CIAS", "EPCI", "EVS", "ABS", "CTG", "PST", "ACF", "RSA", "MJC", "PMI", "CNAF", "ANCT", "GUP", "REP", "MSA"}


def sentence_case(value: str) -> tuple[str, bool]:
    """A title written in capitals, in sentence case (acronyms kept); (title, whether it changed)."""
    letters = [char for char in value if char.isalpha()]
    if len(letters) < 8 or any(char.islower() for char in letters):
        return value, False
    words = []
    for index, word in enumerate(value.split(" ")):
        bare = re.sub(r"\W", "", word)
        if bare in KEPT_CAPITALS:
            words.append(word)
        else:
            lowered = word.lower()
            words.append(lowered[:1].upper() + lowered[1:] if index == 0 else lowered)
    return " ".join(words), True


def item_text(value: str, sentence: bool = False) -> str:
    """An item of a list as a label: no typed bullet or outline number, no closing full stop or comma, one line.

    A `sentence` (an example of action) keeps its full stop.
    """
    value = _OUTLINE.sub("", _BULLET.sub("", _OUTLINE.sub("", " ".join(value.split()), count=1), count=1), count=1)
    return value.rstrip(" ,;").strip() if sentence else value.rstrip(" .,;").strip()


def parse_number(value: str) -> tuple[float, str] | None:
    """`55 900 habitants` → (55900, "habitants"); `31,4 %` → (31.4, "%"); None if it is not a figure."""
    match = _NUMBER.match(" ".join(value.split()) if value else "")
    if not match:
        return None
    digits = re.sub(r"[ \u00a0\u202f]", "", match.group("number")).replace(",", ".")
    try:
        number = float(digits)
    except ValueError:
        return None
    return number, match.group("unit").strip()


# Lines of a cell ------------------------------------------------------------------------


@dataclass
class Line:
    """One line of a cell as a reader sees it: a paragraph, a part after a soft line break, or a list item."""

    text: str
    bullet: bool
    styled: bool
    """Wholly bold, italic or underlined: the look of a label."""


def _split_breaks(inlines: list) -> list[list]:
    segments: list[list] = [[]]
    for inline in inlines:
        if inline.get("t") == "LineBreak":
            segments.append([])
        else:
            segments[-1].append(inline)
    return segments


def _styled(inlines: list) -> bool:
    visible = [inline for inline in inlines if inline.get("t") not in ("Space", "SoftBreak")]
    return bool(visible) and all(inline.get("t") in ("Strong", "Emph", "Underline", "SmallCaps") for inline in visible)


def lines_of(blocks: list, listed: bool = False) -> list[Line]:
    """The lines of some blocks; items of a list are bullets, and so are lines typed starting with « - »."""
    lines: list[Line] = []
    for block in blocks:
        kind = block.get("t")
        if kind in ("Para", "Plain", "Header"):
            inlines = block["c"][2] if kind == "Header" else block["c"]
            for index, segment in enumerate(_split_breaks(inlines)):
                words = text(segment)
                if words:
                    lines.append(Line(words, (listed and index == 0) or bool(_BULLET.match(words)), _styled(segment)))
        elif kind in ("BulletList", "OrderedList"):
            items = block["c"] if kind == "BulletList" else block["c"][1]
            for item in items:
                inner = lines_of(item, listed=True)
                if inner:
                    inner[0].bullet = True
                lines += inner
        elif kind in ("BlockQuote", "Div"):
            lines += lines_of(block["c"] if kind == "BlockQuote" else block["c"][1], listed)
        elif kind == "LineBlock":
            for line_inlines in block["c"]:
                words = text(line_inlines)
                if words:
                    lines.append(Line(words, bool(_BULLET.match(words)), _styled(line_inlines)))
        elif kind == "Table":
            for row in grid_of(block):
                for cell in dict.fromkeys(row):
                    lines += lines_of(cell.blocks, listed)
    return lines


def items_of(lines: list[Line], sentences: bool = False) -> list[str]:
    """The items a list of lines makes: one per bullet (a line without one continues it), else one per line."""
    if any(line.bullet for line in lines):
        items: list[str] = []
        for line in lines:
            if line.bullet or not items:
                items.append(line.text)
            else:
                items[-1] += " " + line.text
        return [cleaned for cleaned in (item_text(item, sentences) for item in items) if cleaned]
    return [cleaned for cleaned in (item_text(line.text, sentences) for line in lines) if cleaned]


# Tables ---------------------------------------------------------------------------------


@dataclass(eq=False)
class Cell:
    """A cell of a table; a merged cell is the same object at every position it covers."""

    blocks: list

    def lines(self) -> list[Line]:
        if not hasattr(self, "_lines"):
            self._lines = lines_of(self.blocks)
        return self._lines

    def words(self) -> str:
        return " ".join(line.text for line in self.lines())


def grid_of(table: dict) -> list[list[Cell]]:
    """The rows of a Pandoc table as a full grid: a merged cell fills every position it covers."""
    _, _, colspecs, head, bodies, foot = table["c"]
    width = len(colspecs)
    source_rows = list(head[1])
    for body in bodies:
        source_rows += body[2] + body[3]
    source_rows += foot[1]
    grid: list[list[Cell | None]] = []
    for row_index, row in enumerate(source_rows):
        while len(grid) <= row_index:
            grid.append([None] * width)
        column = 0
        for _, _, rowspan, colspan, blocks in row[1]:
            while column < width and grid[row_index][column] is not None:
                column += 1
            if column >= width:
                break
            cell = Cell(blocks)
            for dr in range(max(rowspan, 1)):
                while len(grid) <= row_index + dr:
                    grid.append([None] * width)
                for dc in range(max(colspan, 1)):
                    if column + dc < width:
                        grid[row_index + dr][column + dc] = cell
            column += max(colspan, 1)
    empty = Cell([])
    return [[cell or empty for cell in row] for row in grid]


@dataclass
class CellLabel:
    kind: str | None
    rest: list[Line]
    label_only: bool


def cell_label(cell: Cell) -> CellLabel:
    """The kind an axis-table cell announces with its first line, and the lines that follow the label."""
    lines = cell.lines()
    if not lines:
        return CellLabel(None, [], False)
    found = label_of(lines[0].text) if not lines[0].bullet else None
    if found is None:
        return CellLabel(None, lines, False)
    kind, rest = found
    remaining = ([Line(rest, False, False)] if rest else []) + lines[1:]
    return CellLabel(kind, remaining, not remaining)


def _axis_title(cell: Cell) -> str | None:
    match = AXIS_HEADING.match(fold(cell.words()))
    if not match:
        return None
    return cell.words()[match.start("title"):].strip(" :—–-") or None


def read_axis_table(table: dict) -> list[tuple[str | None, list[DraftGeneral], list[str]]] | None:
    """The axes of an axis table: [(axis title if the table has one, general objectives, other text)], or None."""
    grid = grid_of(table)
    if not grid or not grid[0]:
        return None
    labels = {id(cell): cell_label(cell) for row in grid for cell in row}
    first_row = [labels[id(cell)] for cell in dict.fromkeys(grid[0])]
    first_column = [labels[id(row[0])] for row in grid]
    header_kinds = [label.kind for label in first_row if label.label_only]
    column_kinds = [label.kind for label in first_column if label.label_only]
    if len(set(header_kinds)) >= 2 and "general" in header_kinds:
        result = _by_columns(grid, labels)
    elif len(set(column_kinds)) >= 2 and "general" in column_kinds:
        result = _by_rows(grid, labels, label_column=True)
    else:
        result = _by_rows(grid, labels, label_column=False)
    result = [(title, generals, notes) for title, generals, notes in result if generals]
    return result or None


def _by_rows(grid, labels, label_column: bool):
    """Kinds by row (« Objectifs opérationnels » row), one general objective per column."""
    axes: list[tuple[str | None, list[DraftGeneral], list[str]]] = [(None, [], [])]
    block: dict[int, DraftGeneral] = {}
    pending: dict[int, list[str]] = {}
    kind_next: str | None = None
    start = 1 if label_column else 0
    for row in grid:
        distinct = list(dict.fromkeys(row[start:]))
        if len(dict.fromkeys(row)) == 1:  # one merged cell across the table
            cell = row[0]
            title = _axis_title(cell)
            label = labels[id(cell)]
            if title is not None:
                if axes[-1][1] or axes[-1][0] is not None:
                    axes.append((None, [], []))
                axes[-1] = (title, axes[-1][1], axes[-1][2])
                block = {}
            elif label.label_only:
                kind_next = label.kind
            elif cell.words():
                axes[-1][2].append(cell.words())
            continue
        if label_column:
            row_kind = labels[id(row[0])].kind
        else:
            kinds = [labels[id(cell)].kind for cell in distinct if labels[id(cell)].kind]
            row_kind = max(set(kinds), key=kinds.count) if kinds else kind_next
        kind_next = None
        if row_kind == "general":
            block = {}
            pending = {}
            for column, cell in enumerate(row[start:]):
                if cell in row[start:column + start]:
                    continue
                label = labels[id(cell)]
                title = " ".join(line.text for line in label.rest).strip()
                if title:
                    general = DraftGeneral(item_text(title) if len(label.rest) == 1 else " ".join(title.split()))
                    block[column] = general
                    axes[-1][1].append(general)
            continue
        if row_kind is None or not block:
            words = " ".join(cell.words() for cell in distinct if cell.words())
            if words:
                axes[-1][2].append(words)
            continue
        for column, cell in enumerate(row[start:]):
            general = block.get(column)
            label = labels[id(cell)]
            kind = label.kind or row_kind
            # A cell merged across several objectives: its examples belong to each of them, its objectives to the first.
            if general is None or (cell in row[start:column + start] and kind != "examples"):
                continue
            items = items_of(label.rest, sentences=kind == "examples")
            if kind == "operational":
                general.operational += [(item, []) for item in items]
            elif kind == "indicators":
                pending.setdefault(column, []).extend(items)
            elif kind == "examples":
                general.examples += items
            elif items:
                axes[-1][2].append(" ".join(items))
        for column, found in pending.items():
            _pair(block[column], found)
        pending = {}
    return axes


def _pair(general: DraftGeneral, indicators: list[str]) -> None:
    """Indicators listed beside as many operational objectives go one to each; otherwise to the general objective."""
    open_objectives = [index for index, (_, paired) in enumerate(general.operational) if not paired]
    if indicators and len(indicators) == len(general.operational) and len(open_objectives) == len(general.operational):
        general.operational = [(title, [indicator]) for (title, _), indicator in zip(general.operational, indicators, strict=True)]
    else:
        general.indicators += indicators


def _by_columns(grid, labels):
    """Kinds by column (header « Objectif général | Objectifs opérationnels | Indicateurs »), one row or merged cell per objective."""
    header = grid[0]
    kinds = [labels[id(cell)].kind if labels[id(cell)].label_only else None for cell in header]
    axes: list[tuple[str | None, list[DraftGeneral], list[str]]] = [(None, [], [])]
    current: DraftGeneral | None = None
    seen: set[int] = set()
    current_axis_cell = None
    for row in grid[1:]:
        by_kind: dict[str, list[Cell]] = {}
        for cell, kind in zip(row, kinds, strict=True):
            if kind and id(cell) not in seen:
                by_kind.setdefault(kind, []).append(cell)
        for cell in row:
            seen.add(id(cell))
        for cell in by_kind.get("axis", []):
            if cell is not current_axis_cell:
                current_axis_cell = cell
                title = _axis_title(cell) or cell.words()
                axes.append((title, [], []))
        for cell in by_kind.get("general", []):
            title = " ".join(line.text for line in labels[id(cell)].rest) or cell.words()
            if title:
                current = DraftGeneral(" ".join(title.split()).rstrip(" .,;"))
                axes[-1][1].append(current)
        if current is None:
            continue
        operational = [item for cell in by_kind.get("operational", []) for item in items_of(cell.lines())]
        indicators = [item for cell in by_kind.get("indicators", []) for item in items_of(cell.lines())]
        current.examples += [item for cell in by_kind.get("examples", []) for item in items_of(cell.lines(), sentences=True)]
        if len(operational) == 1:
            current.operational.append((operational[0], indicators))
        elif operational and len(operational) == len(indicators):
            current.operational += [(title, [indicator]) for title, indicator in zip(operational, indicators, strict=True)]
        else:
            current.operational += [(title, []) for title in operational]
            current.indicators += indicators
    return axes


def _column(header: list[str], pattern: re.Pattern) -> int | None:
    """The index of the first column whose (folded) header `pattern` matches."""
    return next((index for index, name in enumerate(header) if pattern.match(name)), None)


def _headed(table: dict) -> tuple[list[list[Cell]] | None, list[str]]:
    """The grid of a table with a header row and a body, and its folded headers; (None, []) for a table of one row."""
    grid = grid_of(table)
    if len(grid) < 2:
        return None, []
    return grid, [fold(cell.words()) for cell in grid[0]]


def read_data_table(table: dict) -> list[DraftData] | None:
    """The figures of a table with a source column and a column of figures, or None."""
    grid, header = _headed(table)
    if grid is None:
        return None
    body = grid[1:]
    source = _column(header, _DATA_SOURCE)
    if source is None or source == 0 or any(_TARGET_COLUMN.match(name) for name in header):
        return None
    year = _column(header, _DATA_YEAR)
    comparison = _column(header, _DATA_COMPARISON)
    territory = _column(header, _DATA_TERRITORY)
    taken = {0, source, year, comparison, territory}
    values = []
    for index in range(1, len(header)):
        if index in taken:
            continue
        figures = sum(1 for row in body if parse_number(row[index].words()) or _SECRET.match(row[index].words()))
        if _DATA_VALUE.match(header[index]) or figures * 2 >= len(body) and figures:
            values.append(index)
    if not values:
        return None
    data = []
    for row in body:
        label = row[0].words()
        if not label or all(not row[index].words() for index in values):
            continue
        first = values[0]
        parsed = parse_number(row[first].words())
        point = DraftData(
            label=label,
            value=parsed[0] if parsed else None,
            unit=(parsed[1] or None) if parsed else None,
            year=_year(row[year].words()) if year is not None else None,
            territory=row[territory].words() or None if territory is not None else (None if _DATA_VALUE.match(header[first]) else grid[0][first].words() or None),
            source=row[source].words() or None,
            secret=bool(_SECRET.match(row[first].words())),
        )
        for index in values[1:]:
            other = parse_number(row[index].words())
            if other:
                point.comparisons.append((grid[0][index].words(), other[0]))
        if comparison is not None:
            for part in re.split(r"\s*;\s*", row[comparison].words()):
                where, _, figure = part.rpartition(":")
                parsed_figure = parse_number(figure.strip())
                if where.strip() and parsed_figure:
                    point.comparisons.append((where.strip(), parsed_figure[0]))
        data.append(point)
    return data or None


def _year(value: str) -> int | None:
    match = re.search(r"\b(19|20)\d\d\b", value)
    return int(match.group()) if match else None


@dataclass
class DraftIndicator:
    """What a table of the plan's indicators says of one indicator, found back by its label."""

    label: str
    type: str | None = None
    baseline: tuple[float, str, dt.date | None] | None = None
    target: tuple[float, str, dt.date | None] | None = None
    source: str | None = None
    frequency: str | None = None


_INDICATOR_COLUMN = re.compile(r"^(?:indicateurs?|indicators?)\b")
_TARGET_COLUMN = re.compile(r"^(?:cibles?|valeur cible|valeurs? visees?|objectif chiffre|target)\b")
_BASELINE_COLUMN = re.compile(r"^(?:valeur de (?:depart|reference)|depart|situation initiale|reference|baseline)\b")
_PROGRESS_COLUMN = re.compile(r"^(?:avancement|derniere mesure|progress|latest)\b")
_TYPE_COLUMN = re.compile(r"^(?:type|nature)\b")
_FREQUENCY_COLUMN = re.compile(r"^(?:frequence|periodicite|frequency)\b")
TYPES = {"contexte": "contexte", "context": "contexte", "moyens": "moyens", "means": "moyens", "input": "moyens",
         "realisation": "realisation", "output": "realisation", "resultat": "resultat", "result": "resultat",
         "outcome": "resultat", "impact": "impact"}
FREQUENCIES = {"mensuelle": "mensuelle", "monthly": "mensuelle", "trimestrielle": "trimestrielle", "quarterly": "trimestrielle",
               "semestrielle": "semestrielle", "half-yearly": "semestrielle", "annuelle": "annuelle", "yearly": "annuelle",
               "annual": "annuelle", "biennale": "biennale", "every two years": "biennale", "fin de projet": "fin-de-projet",
               "end of project": "fin-de-projet", "ponctuelle": "ponctuelle", "one-off": "ponctuelle"}


def read_indicator_table(table: dict) -> list[DraftIndicator] | None:
    """A table of the plan's indicators (Indicateur | Type | Départ | Cible | Source | Fréquence), or None."""
    grid, header = _headed(table)
    if grid is None:
        return None
    target = _column(header, _TARGET_COLUMN)
    if not _INDICATOR_COLUMN.match(header[0]) or target is None or any(_PROGRESS_COLUMN.match(name) for name in header):
        return None
    columns = {
        "baseline": _column(header, _BASELINE_COLUMN),
        "type": _column(header, _TYPE_COLUMN),
        "source": _column(header, _DATA_SOURCE),
        "frequency": _column(header, _FREQUENCY_COLUMN),
    }
    found = []
    for row in grid[1:]:
        # The label is the cell's first paragraph: pst's table adds the definition, facts and objective after it.
        label = item_text(" ".join(line.text for line in lines_of(row[0].blocks[:1])))
        if not label:
            continue

        def cell(name: str, row=row) -> str:
            return row[columns[name]].words() if columns[name] is not None else ""

        found.append(DraftIndicator(
            label,
            TYPES.get(fold(cell("type")).strip()),
            _measure(cell("baseline")),
            _measure(row[target].words()),
            cell("source") or None,
            FREQUENCIES.get(fold(cell("frequency")).strip()),
        ))
    return found or None


def _measure(value: str) -> tuple[float, str, dt.date | None] | None:
    """`20 animations (31 décembre 2028)` → (20, "animations", 2028-12-31)."""
    dated = re.match(r"^(?P<value>.*?)\s*\((?P<date>[^()]*)\)\s*$", value)
    parsed = parse_number(dated.group("value") if dated else value)
    if parsed is None:
        return None
    dates = parse_dates(dated.group("date")) if dated else []
    return parsed[0], parsed[1], dates[0] if dates else None


MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "aout": 8, "septembre": 9,
    "octobre": 10, "novembre": 11, "decembre": 12, "january": 1, "february": 2, "march": 3, "april": 4, "may": 5,
    "june": 6, "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
_DATE_WORDS = re.compile(r"\b(?:(?P<day>\d{1,2})(?:er|st|nd|rd|th)?\s+)?(?P<month>[a-z]+)\s+(?P<year>(?:19|20)\d\d)\b")
_DATE_NUMBERS = re.compile(r"\b(?:(?P<iso>(?:19|20)\d\d-\d\d-\d\d)|(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>(?:19|20)\d\d))\b")


def parse_dates(value: str, end_of_period: bool = False) -> list[dt.date]:
    """The dates a text names, in order: `31 décembre 2024`, `1er mars 2025`, `31/12/2024`, `2024-12-31`, `mars 2025`.

    A month alone is its first day (its last with `end_of_period`).
    """
    folded = fold(value)
    found: list[tuple[int, dt.date]] = []
    for match in _DATE_WORDS.finditer(folded):
        month = MONTHS.get(match.group("month"))
        if month is None:
            continue
        year = int(match.group("year"))
        day = int(match.group("day")) if match.group("day") else None
        if day is None:
            day = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day if end_of_period else 1
        try:
            found.append((match.start(), dt.date(year, month, day)))
        except ValueError:
            continue
    for match in _DATE_NUMBERS.finditer(folded):
        try:
            day = dt.date.fromisoformat(match.group("iso")) if match.group("iso") else dt.date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
        except ValueError:
            continue
        found.append((match.start(), day))
    return [day for _, day in sorted(found)]


@dataclass
class DraftSource:
    producer: str
    title: str
    year: int | None = None
    level: str | None = None


_TITLE_COLUMN = re.compile(r"^(?:intitule|titre|etude|title)\b")
_LEVEL_COLUMN = re.compile(r"^(?:echelle|niveau|level)\b")
LEVELS = {"iris": "iris", "qpv": "qpv", "quartier": "quartier", "commune": "commune", "epci": "epci", "departement": "departement",
          "region": "region", "france": "france", "autre": "autre"}


def read_sources_table(table: dict) -> list[DraftSource] | None:
    """A table of the diagnostic's sources (Producteur | Intitulé | Année | Échelle), or None."""
    grid, header = _headed(table)
    if grid is None:
        return None
    title = _column(header, _TITLE_COLUMN)
    if not re.match(r"^(?:producteurs?|sources?|producers?)\b", header[0]) or title is None:
        return None
    year = _column(header, _DATA_YEAR)
    level = _column(header, _LEVEL_COLUMN)
    found = []
    for row in grid[1:]:
        producer, heading = row[0].words(), row[title].words()
        if producer and heading:
            found.append(DraftSource(producer, heading, _year(row[year].words()) if year is not None else None,
                                     LEVELS.get(fold(row[level].words()).strip()) if level is not None else None))
    return found or None


@dataclass
class DraftIdentity:
    """What a table « Structure porteuse | Territoire | Période » says of the project."""

    structure: str | None = None
    territory: str | None = None
    period: tuple[dt.date, dt.date] | None = None
    budget: float | None = None
    codes: list[str] = field(default_factory=list)


_IDENTITY = {
    "structure": re.compile(r"^(?:structure(?: porteuse| gestionnaire)?|porteur(?: du projet)?|gestionnaire|organisation)\s*:?$"),
    "territory": re.compile(r"^(?:territoire(?: d'intervention| du projet)?|territory|zone d'intervention)\s*:?$"),
    "period": re.compile(r"^(?:periode|duree(?: du projet)?|dates? du projet|period)\s*:?$"),
    "budget": re.compile(r"^(?:budget(?: previsionnel| total)?|budget)\s*:?$"),
    "codes": re.compile(r"^(?:codes?(?: officiels| insee)?)\s*:?$"),
}


def read_identity_table(table: dict) -> DraftIdentity | None:
    """The identity of the project from a two-column table that names its structure, territory and period, or None."""
    grid = grid_of(table)
    if not grid or len(grid[0]) != 2:
        return None
    identity = DraftIdentity()
    known = 0
    for row in grid:
        label = fold(row[0].words()).strip()
        name = next((name for name, pattern in _IDENTITY.items() if pattern.match(label)), None)
        value = row[1].words()
        if name is None or not value:
            continue
        known += 1
        if name == "period":
            dates = parse_dates(value)
            if len(dates) >= 2 and dates[0] < dates[-1]:
                identity.period = (dates[0], dates[-1])
        elif name == "budget":
            parsed = parse_number(value)
            identity.budget = parsed[0] if parsed else None
        elif name == "codes":
            identity.codes = [code for code in re.split(r"[,;\s]+", value) if code]
        else:
            setattr(identity, name, value)
    return identity if known >= 2 and identity.structure or known >= 3 else None


_AMOUNT_COLUMN = re.compile(r"^(?:montants?|couts?|amount|cost)\b")
_FUNDER_COLUMN = re.compile(r"^(?:financeurs?|financements?|funders?)\b")
FUNDING = {"acquis": "acquis", "obtenu": "acquis", "secured": "acquis", "demande": "demande", "requested": "demande",
           "a rechercher": "a-rechercher", "to be found": "a-rechercher"}


def read_budget_table(table: dict) -> list[tuple[str, float, str | None, str | None]] | None:
    """The lines of an action's budget table (Poste | Montant | Financeur | État), or None."""
    grid, header = _headed(table)
    if grid is None:
        return None
    amount = _column(header, _AMOUNT_COLUMN)
    if amount is None or amount == 0 or not re.match(r"^(?:budget|postes?|depenses?|charges?|lines?)\b", header[0]):
        return None
    funder = _column(header, _FUNDER_COLUMN)
    status = _column(header, _STATUS_COLUMN)
    lines = []
    for row in grid[1:]:
        figure = parse_number(row[amount].words())
        if row[0].words() and figure:
            lines.append((row[0].words(), figure[0], row[funder].words() or None if funder is not None else None,
                          FUNDING.get(fold(row[status].words()).strip()) if status is not None else None))
    return lines or None


_STATUS_COLUMN = re.compile(r"^(?:etat|statut|status)\b")


def action_fields(table: dict) -> tuple[dict[str, str], dict[str, list[str]], list[tuple[str, str]]] | None:
    """The fields of an action sheet's two-column table (label | value), or None if it is not one."""
    grid = grid_of(table)
    if not grid or len(grid[0]) != 2:
        return None
    fields: dict[str, str] = {}
    lists: dict[str, list[str]] = {}
    unknown: list[tuple[str, str]] = []
    known = 0
    for row in grid:
        label, value = row[0].words().strip(), row[1]
        if row[0] is row[1] or not label:
            continue
        name = next((name for name, pattern in FIELD_LABELS.items() if pattern.match(fold(label).rstrip(" :"))), None)
        if name is None:
            unknown.append((label, value.words()))
            continue
        known += 1
        if name in ("expected_results", "indicators"):
            lists.setdefault(name, []).extend(items_of(value.lines()))
        else:
            joined = "\n".join(line.text for line in value.lines())
            fields[name] = (fields[name] + "\n" + joined) if name in fields else joined
    # Most of an action sheet's labels are known: a table of a workshop's facts (phase, place, format,
    # participants…) shares two of them and is not one.
    sheet = known >= 2 and known > len(unknown)
    return (fields, lists, unknown) if sheet and read_identity_table(table) is None else None
