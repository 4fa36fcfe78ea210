"""The main document of a project (`pst render`): what it contains and how each format is laid out.

The view model (`view.View`) says what the document shows; the figures are drawn from
the same data; the templates of `templates/document/` lay them out. The engine
(`engine.produce`) does the rest, as for every kind of document.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from pst_cli.errors import ProjectInvalid
from pst_cli.i18n import t
from pst_cli.project.aggregate import Project
from pst_cli.render import typography as ty
from pst_cli.render.engine import DocumentKind, Prepared
from pst_cli.render.inputs import MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, image_problem, refuse_unreadable_inputs
from pst_cli.render.templating import template_file

FORMATS = ("docx", "odt", "pdf", "html", "md")


def _prepare(project: Project, work: Path, public: bool) -> Prepared:
    """The view model, the figures drawn into `work`, the logo copied there, and the metadata."""
    from pst_cli.render.figures import make_figures
    from pst_cli.render.view import View

    refuse_unreadable_inputs(project)
    lang = project.language
    logo = _logo(project)
    figures = {name: {**figure, "caption": ty.plain(figure["caption"], lang)} for name, figure in make_figures(project, work).items()}
    if logo:
        shutil.copyfile(logo, work / f"logo{logo.suffix.lower()}")
        name = project.config.structure.name
        figures["logo"] = {"file": f"logo{logo.suffix.lower()}", "caption": ty.plain(name, lang), "alt": t("document.logo-alt", name=name)}
    return Prepared(View(project, public=public).build({}), figures, _metadata(project))


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


def _metadata(project: Project) -> dict[str, str]:
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
        "years": f"{period.start.year}–{period.end.year}",
        "period": t("document.period-range", start=ty.format_date(period.start, lang), end=ty.format_date(period.end, lang)),
        "date": t(f"value.{config.kind}"),
        "header": config.title,
        "lang": t("document.lang-tag"),
        "toc-title": t("doc.toc"),
        "territory-label": t("doc.territory"),
        "period-label": t("doc.period"),
    }
    # Metadata skips Pandoc's `smart` reading: give it French spaces and apostrophes here.
    return {key: ty.typography(value, lang).replace("'", "\u2019") if lang == "fr" else value for key, value in values.items()}


def _pandoc_args(project: Project, name: str, work: Path, prepared: Prepared) -> list[str]:
    """DOCX and ODT from their reference documents; HTML standalone with its style sheet; all numbered, with a table of contents."""
    args = ["--toc", "--toc-depth=2", "--number-sections"]
    if name in ("docx", "odt"):
        args.append(f"--reference-doc={template_file(project.root, 'reference.' + name)}")
    if name == "html":
        style = work / "style.html"
        css = ty.inert_css(template_file(project.root, "style.css").read_text(encoding="utf-8"))
        style.write_text(f"<style>\n{css}\n</style>\n", encoding="utf-8")
        args += ["--standalone", "--embed-resources", "--section-divs", f"--include-in-header={style}"]
    return args


def _typst_args(project: Project, prepared: Prepared) -> list[str]:
    args = [
        f"--template={template_file(project.root, 'pst.typ')}",
        f"--lua-filter={template_file(project.root, 'typst-tables.lua')}",
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
    return "\n".join(lines) + "\n---\n\n"


def _basename(project: Project) -> str:
    return project.root.resolve().name or "projet"


MAIN_DOCUMENT = DocumentKind(
    formats=FORMATS,
    folder="document",
    template="document.md.j2",
    prepare=_prepare,
    basename=_basename,
    pandoc_args=_pandoc_args,
    typst_args=_typst_args,
    markdown_preamble=_front_matter,
)
