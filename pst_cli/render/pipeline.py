"""`pst render` as a function: project folder in, formal documents out.

project ──view──▶ context ──Jinja──▶ Pandoc Markdown ──Pandoc──▶ docx / odt / html / md
                                                     └──Pandoc──▶ Typst ──typst──▶ pdf

Pandoc always runs with `--sandbox` and reads Markdown without raw HTML, raw blocks or
raw TeX, so a project's text can neither inject markup nor read files. Figures and the
logo reach Pandoc as data URIs (it may read no file) and Typst as files of a private
working folder (its root: it may read nothing else). Every output is written to a
temporary file beside its target, then moved into place: a failure never leaves a
half-written document.
"""

from __future__ import annotations

import base64
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pst_cli.files import replace_file
from pst_cli.findings import Finding, PstError
from pst_cli.render import typography as ty
from pst_cli.render.templating import TemplateError, environment, render_template, shipped_dir, template_file

FORMATS = ("docx", "odt", "pdf", "html", "md")
DEFAULT_FORMATS = ("docx", "pdf")
READER = "markdown-raw_html-raw_attribute-raw_tex"
PDF_STANDARDS = ["ua-1", "a-2a"]
"""Tagged PDF declaring PDF/UA-1 (accessibility) and PDF/A-2a (archiving)."""



class RenderError(PstError):
    """Pandoc or Typst failed: nothing was written for that format."""

    exit_code = 1


@dataclass
class ProjectNotRenderable(Exception):
    """The project has errors (or refuses a file): the findings say where."""

    findings: list[Finding]
    language: str
    files: int = 0


@dataclass
class RenderResult:
    written: list[Path] = field(default_factory=list)
    language: str = "fr"


Progress = Callable[[str, str], None]
"""Called with (format, "start" | "done") while documents are produced."""


def parse_formats(text: str) -> list[str]:
    """`docx,pdf` → ["docx", "pdf"], refusing unknown formats with the list of known ones."""
    chosen = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [name for name in chosen if name not in FORMATS]
    if unknown or not chosen:
        raise PstError(
            f"format inconnu : {', '.join(unknown) or text!r}",
            f"Formats possibles : {', '.join(FORMATS)} (séparés par des virgules, ex. --to docx,pdf).",
        )
    return list(dict.fromkeys(chosen))


def render_project(
    root: Path, formats: list[str], outdir: Path | None = None, public: bool = False, progress: Progress | None = None
) -> RenderResult:
    """Render the project in `root` to `formats` inside `outdir` (default `root/build`)."""
    from pst_cli.rules.runner import require_project
    from pst_cli.project.load import load_project

    require_project(root)
    loaded = load_project(root)
    if loaded.project is None or any(f.severity == "error" for f in loaded.findings):
        raise ProjectNotRenderable([f for f in loaded.findings if f.severity == "error"], loaded.language, loaded.files)
    project = loaded.project
    lang = project.language
    logo = _logo(project)
    outdir = outdir or root / "build"
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PstError(project.say(f"impossible de créer le dossier « {outdir} » : {error.strerror}", f"cannot create folder '{outdir}': {error.strerror}")) from None
    progress = progress or (lambda name, state: None)
    logging.getLogger("pypandoc").setLevel(logging.ERROR)

    from pst_cli.render.figures import make_figures
    from pst_cli.render.view import View

    with tempfile.TemporaryDirectory(prefix="pst-render-") as work_name:
        work = Path(work_name)
        figures = make_figures(project, work)
        if logo:
            shutil.copyfile(logo, work / f"logo{logo.suffix.lower()}")
            name = ty.plain(project.config.structure.name, lang)
            figures["logo"] = {"file": f"logo{logo.suffix.lower()}", "caption": name, "alt": f"Logo — {project.config.structure.name}"}
        base = View(project, public=public).build({})
        env = environment(root)
        markdown: dict[str, str] = {}
        for target in sorted({_target(name) for name in formats}):
            context = {**base, "target": target, "figures": _figure_refs(figures, work, target, lang)}
            markdown[target] = render_template(env, "document.md.j2", context, lang)
        metadata = _metadata(project)

        def produce(name: str) -> Path:
            progress(name, "start")
            target = outdir / f"{_basename(root)}.{name}"
            if name == "md":
                _publish_figures(figures, work, outdir)
                replace_file(target, lambda temporary: Path(temporary).write_text(_front_matter(metadata) + markdown["md"], encoding="utf-8"))
            elif name == "pdf":
                replace_file(target, lambda temporary: _pdf(root, project, markdown["typst"], metadata, figures, work, temporary))
            else:
                replace_file(target, lambda temporary: _pandoc(root, name, markdown["embedded"], metadata, work, temporary, lang))
            progress(name, "done")
            return target

        with ThreadPoolExecutor(max_workers=min(len(formats), os.cpu_count() or 1)) as pool:
            written = list(pool.map(produce, formats))
    return RenderResult(written, lang)


def _target(name: str) -> str:
    """How a format receives images: files for Typst and Markdown, data URIs for the rest."""
    return {"pdf": "typst", "md": "md"}.get(name, "embedded")


def _basename(root: Path) -> str:
    return root.resolve().name or "projet"


def _logo(project) -> Path | None:
    """The logo file, refused with a positioned finding when it leaves the project or is no image."""
    relative = project.config.logo
    if not relative:
        return None
    path = project.safe_path(relative)
    if path is None:
        message = project.say(
            f"le logo « {relative} » est hors du dossier du projet", f"the logo '{relative}' is outside the project folder"
        )
        hint = project.say("Copiez l'image dans le projet (ex. `images/logo.png`) et indiquez ce chemin.", "Copy the image into the project (e.g. `images/logo.png`) and give that path.")
    elif project.project_file(relative) is None:
        message = project.say(f"le logo « {relative} » est introuvable", f"the logo '{relative}' does not exist")
        hint = project.say("Vérifiez le chemin, relatif au dossier du projet.", "Check the path, relative to the project folder.")
    elif path.suffix.lower() not in (".png", ".jpg", ".jpeg"):
        message = project.say(f"le logo « {relative} » n'est pas une image PNG ou JPEG", f"the logo '{relative}' is not a PNG or JPEG image")
        hint = project.say("Enregistrez le logo au format PNG.", "Save the logo as PNG.")
    else:
        return path
    finding = project.finding("render/logo", "error", project.config, ("logo",), message=message, hint=hint)
    raise ProjectNotRenderable([finding], project.language, len(project.files))


def _figure_refs(figures: dict, work: Path, target: str, lang: str) -> dict:
    """Figures as the templates use them: escaped caption, alt attribute, and `src` for this target."""
    refs = {}
    for name, figure in figures.items():
        if target == "embedded":
            kind = "jpeg" if figure["file"].endswith((".jpg", ".jpeg")) else "png"
            src = f"data:image/{kind};base64," + base64.b64encode((work / figure["file"]).read_bytes()).decode("ascii")
        elif target == "md":
            src = f"figures/{figure['file']}"
        else:
            src = figure["file"]
        refs[name] = {"src": src, "caption": figure["caption"] if name == "logo" else ty.plain(figure["caption"], lang), "alt": ty.attribute(figure["alt"])}
    return refs


def _publish_figures(figures: dict, work: Path, outdir: Path) -> None:
    """Copy the figures beside the Markdown output (`figures/`), each replaced in one step."""
    folder = outdir / "figures"
    folder.mkdir(exist_ok=True)
    for figure in figures.values():
        replace_file(folder / figure["file"], lambda temporary, f=figure: shutil.copyfile(work / f["file"], temporary))


def _metadata(project) -> dict[str, str]:
    """Document metadata, as plain strings (Pandoc escapes them for each format)."""
    from pst_cli.render.view import VALUE_LABELS

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
        "period": project.say(
            f"du {ty.format_date(period.start, lang)} au {ty.format_date(period.end, lang)}",
            f"{ty.format_date(period.start, lang)} to {ty.format_date(period.end, lang)}",
        ),
        "date": VALUE_LABELS.get(lang, {}).get(config.kind, config.kind),
        "header": config.title,
        "lang": "en-GB" if lang == "en" else "fr-FR",
        "toc-title": project.say("Sommaire", "Contents"),
        "territory-label": project.say("Territoire", "Territory"),
        "period-label": project.say("Période", "Period"),
    }
    # Metadata skips Pandoc's `smart` reading: give it French spaces and apostrophes here.
    return {key: ty.typography(value, lang).replace("'", "\u2019") if lang == "fr" else value for key, value in values.items()}


def _meta_args(metadata: dict[str, str]) -> list[str]:
    args = []
    for key, value in metadata.items():
        if value:
            args += ["-M", f"{key}={value}"]
    return args


def _front_matter(metadata: dict[str, str]) -> str:
    """A YAML metadata block for the Markdown output; single quotes keep the text literal."""
    lines = ["---"]
    for key in ("title", "subtitle", "author", "date", "lang"):
        if metadata.get(key):
            escaped = ty.plain(metadata[key], "en").replace("'", "''")
            lines.append(f"{key}: '{escaped}'")
    return "\n".join(lines) + "\n---\n\n"


def run_pandoc(text: str, to: str, outputfile: str, args: list[str], lang: str) -> None:
    """Pandoc, sandboxed, reading Markdown without raw markup; user images and links kept inside the document."""
    import pypandoc

    # First filter: images and links from users' text may not point outside the document.
    safe_links = f"--lua-filter={shipped_dir() / 'safe-links.lua'}"
    try:
        pypandoc.convert_text(text, to, format=READER, outputfile=outputfile, extra_args=["--sandbox", safe_links, *args])
    except (RuntimeError, OSError) as error:
        detail = str(error).strip().splitlines()[-1] if str(error).strip() else type(error).__name__
        raise RenderError(
            f"Pandoc a échoué ({to}) : {detail}" if lang != "en" else f"Pandoc failed ({to}): {detail}",
            "Le document n'a pas été écrit." if lang != "en" else "The document was not written.",
        ) from None


def _pandoc(root: Path, name: str, text: str, metadata: dict, work: Path, outputfile: str, lang: str) -> None:
    """DOCX, ODT or HTML straight from the Markdown."""
    args = [*_meta_args(metadata), "--toc", "--toc-depth=2", "--number-sections"]
    if name in ("docx", "odt"):
        args.append(f"--reference-doc={template_file(root, 'reference.' + name)}")
    if name == "html":
        style = work / "style.html"
        css = template_file(root, "style.css").read_text(encoding="utf-8")
        style.write_text(f"<style>\n{css}\n</style>\n", encoding="utf-8")
        args += ["--standalone", "--embed-resources", "--section-divs", f"--include-in-header={style}"]
    run_pandoc(text, "html5" if name == "html" else name, outputfile, args, lang)


def _pdf(root: Path, project, text: str, metadata: dict, figures: dict, work: Path, outputfile: str) -> None:
    """Markdown → Typst source (Pandoc, our template) → tagged PDF/UA-1 + PDF/A-2a (typst)."""

    lang = project.language
    source = work / "document.typ"
    args = [
        *_meta_args(metadata),
        f"--template={template_file(root, 'pst.typ')}",
        f"--lua-filter={template_file(root, 'typst-images.lua')}",
        f"--lua-filter={template_file(root, 'typst-tables.lua')}",
        "--toc",
        "-V",
        "toc-depth=2",
    ]
    if "logo" in figures:
        # Our own file name and our own alt text: Typst string syntax is escaped here.
        alt = figures["logo"]["alt"].replace("\\", "\\\\").replace('"', '\\"')
        args += ["-V", f"logo={figures['logo']['file']}", "-V", f"logo-alt={alt}"]
    run_pandoc(text, "typst", str(source), args, lang)
    compile_pdf(source, outputfile, work, lang)


def compile_pdf(source: Path, outputfile: str, work: Path, lang: str) -> None:
    """Typst source → tagged PDF/UA-1 + PDF/A-2a, reading nothing outside `work`."""
    import typst

    try:
        typst.compile(
            str(source),
            output=outputfile,
            root=str(work),
            # Only the fonts inside the compiler: the same PDF on every machine.
            font_paths=[],
            ignore_system_fonts=True,
            pdf_standards=PDF_STANDARDS,
            timestamp=_timestamp(),
        )
    except (RuntimeError, ValueError, OSError) as error:
        detail = " ".join(str(error).split())[:500]
        raise RenderError(
            f"Typst n'a pas pu produire le PDF : {detail}" if lang != "en" else f"Typst could not produce the PDF: {detail}",
            "Le PDF n'a pas été écrit." if lang != "en" else "The PDF was not written.",
        ) from None


def _timestamp() -> int | None:
    """`SOURCE_DATE_EPOCH` when set, so that a build can be reproduced byte for byte."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(value) if value.isdigit() else None


__all__ = ["FORMATS", "DEFAULT_FORMATS", "ProjectNotRenderable", "RenderError", "TemplateError", "parse_formats", "render_project"]
