"""What the document deliberately leaves out of what a project says: one list, each entry with its reason.

Every other value a project enters reaches the document (DOCX, ODT, PDF, HTML and
Markdown alike); `tests/test_document_completeness.py` renders both examples and a
project that sets every field of the format, and fails on any value missing from the
text that is not listed here. A field added to a model is therefore either shown by
`view.py` and the templates, or written here with the reason it is not.

Keys are `Model.field`; `*.field` stands for that field of every model, `Model.*` for
every field of a model. `docs/render.md` gives the same list to users, in French.
"""

from __future__ import annotations

OMITTED: dict[str, str] = {
    "*.id": "Identifiers are the keys of the files: the document shows what they name, and links each mention to it.",
    "ProjectFile.language": "The language the document is written in, not something it says.",
    "ProjectFile.logo": "The path of the cover image; the image itself is on the cover.",
    "ChecksConfig.*": "How `pst check` is set up for the project, not part of the plan.",
    "Section.before": "Where a chapter goes: the document puts it there.",
    "Section.after": "Where a chapter goes: the document puts it there.",
    "Source.file": "A file kept in the project (the study itself); the document cites the source by its producer and title.",
    "Personal.retention_until": "How long the contact may be kept: a date for whoever keeps the data (RGPD), not for readers.",
    "Workshop.photo_consent": "Whether photos of the session may be published: the organisers' record, not the plan's content.",
    "Grid.*": "A project's own reading grid (`grids/*.yaml`) is a tool to read the plan with, not part of it: the « Grille de lecture » appendix shows its criteria and their status when the project is read with it (`pst render --grid`).",
    "GridSource.*": "The sources of a project's own grid: see `Grid.*`.",
    "GridCriterion.*": "The criteria of a project's own grid: see `Grid.*`.",
    "StatusRule.*": "How a project's own grid computes a status: see `Grid.*`.",
    "YearReview.*": "The text of one year's review (`evaluation/reviews/<year>.yaml`): it is shown by `pst review --year`, the yearly review document, not by the plan's.",
    "ReviewOpinion.*": "An opinion on one year's review: see `YearReview.*`.",
    "ReviewNote.*": "A comment of one year's review: see `YearReview.*`.",
}
"""Left out of every document."""

PUBLIC_OMITTED: dict[str, str] = {
    "Personal.*": "A person's name, e-mail address and phone number never reach a public document.",
}
"""Left out of a public document (`--public`), as well as every stakeholder that is a named person (`public.py`)."""


def omitted(model: str, field: str, public: bool = False) -> bool:
    """Whether the document leaves out the field `field` of the model named `model`."""
    listed = {**OMITTED, **PUBLIC_OMITTED} if public else OMITTED
    return any(key in listed for key in (f"{model}.{field}", f"*.{field}", f"{model}.*"))
