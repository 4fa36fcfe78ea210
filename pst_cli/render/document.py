"""The main document of a project (`pst render`): what it contains and how each format is laid out.

The view model (`view.View`) says what the document shows; the figures are drawn from
the same data; the templates of `templates/document/` lay them out. The engine
(`engine.produce`) does the rest, as for every kind of document.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from pst_cli.errors import ProjectInvalid
from pst_cli.i18n import t
from pst_cli.render import typography as ty
from pst_cli.render.engine import DocumentKind, Prepared, Progress, produce_cached
from pst_cli.render.inputs import MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, image_problem, refuse_unreadable_inputs
from pst_cli.render.office import finish
from pst_cli.render.templating import template_file

if TYPE_CHECKING:  # the project's models are imported only when a project is loaded
    from pst_cli.project.aggregate import Project

FORMATS = ("docx", "odt", "pdf", "html", "md")
STEPS = ("load", "check", "figures")
"""The steps of `pst render` before the formats, in the order they happen (see `render_document`)."""


def render_document(
    root: Path, formats: list[str], outdir: Path | None = None, *, public: bool = False, draft: bool = False, grid: str | None = None, progress: Progress | None = None
) -> list[Path]:
    """`pst render`: the project's document in each of `formats`, refused when `pst check` finds errors (unless `draft`).

    A draft is rendered whatever its errors, and says so on every page: the errors
    (a reference to an objective that does not exist…) are in the text as written. A
    render with nothing changed since the last one comes from the cache (`engine.produce_cached`).
    `grid` names the grid of the « Grille de lecture » appendix (default: the kind's).
    """
    return produce_cached(main_document(draft, grid), root, formats, outdir, public=public, progress=progress)


def _load_checked(root: Path, progress: Progress, draft: bool) -> Project:
    """Load the project and refuse it, positioned like `pst check`, when it has errors (unless `draft`)."""
    progress("load", "start")
    from pst_cli.project.load import open_project

    project = open_project(root)
    progress("load", "done")
    progress("check", "start")
    from pst_cli.rules.runner import check_project

    errors = [finding for finding in check_project(project) if finding.severity == "error"]
    if errors and not draft:
        raise ProjectInvalid(
            errors, str(root), len(project.files), t("render.project-has-errors", folder=str(root)), t("render.project-has-errors.hint", folder=str(root))
        )
    progress("check", "done")
    return project


def _prepare(project: Project, work: Path, public: bool, draft: bool = False, grid: str | None = None) -> Prepared:
    """The view model, the figures drawn into `work`, the logo copied there, and the metadata.

    A public document is made of the project without its named people (`public.py`):
    neither the text nor the figures can show them.
    """
    from pst_cli.render.figures import make_figures, vote_charts
    from pst_cli.render.public import without_named_people
    from pst_cli.render.view import View

    refuse_unreadable_inputs(project)
    lang = project.language
    logo = _logo(project)
    shown, withheld, names = without_named_people(project) if public else (project, frozenset(), ())
    view = View(shown, public=public, withheld=withheld, names=names, grid=grid)
    context = view.build({})
    votes = vote_charts(context["method"]["votes"], lang)
    drawing = make_figures(shown, work, extra=votes)
    # A vote chart stays an image in the PDF too, as when matplotlib drew it: its words remain the table's.
    drawn = {name: {k: v for k, v in figure.items() if k != "vector" or name not in {c.name for c in votes}} for name, figure in drawing.entries.items()}
    drawing.wait()  # a figure's width in the page follows from its drawn height
    figures = {name: {**figure, "caption": ty.plain(figure["caption"], lang), "width": _width(work / figure["file"])} for name, figure in drawn.items()}
    if logo:
        shutil.copyfile(logo, work / f"logo{logo.suffix.lower()}")
        name = project.config.structure.name
        figures["logo"] = {"file": f"logo{logo.suffix.lower()}", "caption": ty.plain(name, lang), "alt": t("document.logo-alt", name=name), "width": 30}
    context["draft"] = ty.plain(t("document.draft"), lang) if draft else ""
    metadata = _metadata(project, view)
    if draft:
        metadata["draft"] = _french(t("document.draft"), lang)
        metadata["draft-mark"] = _french(t("document.draft-mark"), lang)
    return Prepared(context, figures, metadata)


TEXT_HEIGHT_CM = 19.0
"""The tallest a figure may be in the PDF and Word documents: a page's text height (A4, margins, header) less its caption."""
TEXT_WIDTH_CM = 16.6


def _width(png: Path) -> int:
    """The width (% of the text) at which a figure fits in one page: 100, or less for a tall one."""
    with png.open("rb") as image:
        header = image.read(24)
    width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
    if not width or not height:
        return 100
    return max(30, min(100, int(100 * TEXT_HEIGHT_CM / (TEXT_WIDTH_CM * height / width))))


def _logo(project: Project) -> Path | None:
    """The logo file, refused with a positioned finding when it leaves the project or is no image."""
    relative = project.config.logo
    if not relative:
        return None
    path = project.safe_path(relative)
    if path is None:
        problem = "outside"
    elif project.project_file(relative) is None:
        problem = "missing"
    elif path.suffix.lower() not in (".png", ".jpg", ".jpeg"):
        problem = "not-an-image"
    else:
        problem = image_problem(path)
        if problem is None:
            return path
    from pst_cli.rules.runner import stamp

    finding = project.finding(project.config, ("logo",), message=t(f"render.logo.{problem}", path=relative, limit=MAX_IMAGE_BYTES // 1_048_576, pixels=f"{MAX_IMAGE_PIXELS:,}".replace(",", "\u202f")), hint=t(f"render.logo.{problem}.hint"))
    raise ProjectInvalid([stamp(finding, "render/logo", "error")], str(project.root), len(project.files))


def _metadata(project: Project, view) -> dict[str, str]:
    """Document metadata, as plain strings (Pandoc escapes them for each format)."""
    config = project.config
    lang = project.language
    period = config.period
    values = {
        "title": config.title,
        "subtitle": config.subtitle or "",
        "author": config.structure.name,
        "structure": config.structure.name,
        "territory": config.territory.name,
        "years": f"{period.start.year}–{period.end.year}" if period.end else f"{period.start.year}–",
        "period": t("document.period-range", start=ty.format_date(period.start, lang), end=ty.format_date(period.end, lang))
        if period.end
        else t("document.period-open", start=ty.format_date(period.start, lang)),
        "date": t(f"value.{config.kind}"),
        "header": config.title,
        "lang": t("document.lang-tag"),
        "toc-title": t("doc.toc"),
        "territory-label": t("doc.territory"),
        "period-label": t("doc.period"),
        "illustrative": view.illustrative_summary(),
    }
    return {key: _french(value, lang) for key, value in values.items()}


def _french(value: str, lang: str) -> str:
    """Metadata skips Pandoc's `smart` reading: give it French spaces and apostrophes here."""
    return ty.typography(value, lang).replace("'", "\u2019") if lang == "fr" else value


def _pandoc_args(project: Project, name: str, work: Path, prepared: Prepared) -> list[str]:
    """DOCX and ODT from their reference documents, with the cover, contents and numbers written in
    (`office.lua`); HTML standalone from its own template and style sheet, numbered, with a table of contents."""
    args = [f"--lua-filter={template_file(project.root, 'anchors.lua')}"]
    if name in ("docx", "odt"):
        args += [f"--reference-doc={template_file(project.root, 'reference.' + name)}", f"--lua-filter={template_file(project.root, 'office.lua')}"]
    if name == "html":
        style = work / "style.html"
        css = ty.inert_css(template_file(project.root, "style.css").read_text(encoding="utf-8"))
        style.write_text(f"<style>\n{css}\n</style>\n", encoding="utf-8")
        # Self-contained without `--embed-resources` (which parses the whole page again):
        # the figures are data URIs already (embed-figures.lua) and the style sheet is inline.
        args += [
            "--toc",
            "--toc-depth=2",
            "--number-sections",
            "--standalone",
            f"--template={template_file(project.root, 'pst.html')}",
            "--section-divs",
            f"--include-in-header={style}",
        ]
    return args


def _typst_args(project: Project, prepared: Prepared) -> list[str]:
    args = [
        f"--template={template_file(project.root, 'pst.typ')}",
        f"--lua-filter={template_file(project.root, 'anchors.lua')}",
        f"--lua-filter={template_file(project.root, 'typst-tables.lua')}",
        f"--lua-filter={template_file(project.root, 'typst-keep.lua')}",
        "--toc",
        "-V",
        "toc-depth=2",
    ]
    if "logo" in prepared.figures:
        # Our own file name and our own alt text: Typst string syntax is escaped here.
        alt = prepared.figures["logo"]["alt"].replace("\\", "\\\\").replace('"', '\\"')
        args += ["-V", f"logo={prepared.figures['logo']['file']}", "-V", f"logo-alt={alt}"]
    return args


def _front_matter(prepared: Prepared) -> str:
    """A YAML metadata block for the Markdown output; single quotes keep the text literal."""
    lines = ["---"]
    for key in ("title", "subtitle", "author", "date", "lang"):
        if prepared.metadata.get(key):
            escaped = ty.plain(prepared.metadata[key], "en").replace("'", "''")
            lines.append(f"{key}: '{escaped}'")
    notice = f"> **{ty.plain(prepared.metadata['draft'], 'en')}**\n\n" if prepared.metadata.get("draft") else ""
    return "\n".join(lines) + "\n---\n\n" + notice


def _basename(project: Project) -> str:
    return project.root.resolve().name or "projet"


def main_document(draft: bool = False, grid: str | None = None) -> DocumentKind:
    """The main document as a kind of document; a `draft` is marked « brouillon » in every format;
    its « Grille de lecture » appendix is read with `grid` (`pst render --grid`; default: the kind's grid)."""
    return DocumentKind(
        formats=FORMATS,
        folder="document",
        template="document.md.j2",
        prepare=lambda project, work, public: _prepare(project, work, public, draft, grid),
        basename=_basename,
        pandoc_args=_pandoc_args,
        typst_args=_typst_args,
        markdown_preamble=_front_matter,
        finish=finish,
        load=lambda root, progress: _load_checked(root, progress, draft),
        steps=STEPS[:-1],  # `figures`, the last, is the engine's own step
        variant=("draft" if draft else "") + (f" grid={grid}" if grid else ""),
    )


MAIN_DOCUMENT = main_document()
