"""The one document engine: a loaded project and a kind of document in, files out.

project ──kind.prepare──▶ context + figures ──Jinja──▶ Pandoc Markdown ──Pandoc──▶ docx / odt / html / md
                                                                   └──Pandoc──▶ Typst ──typst──▶ pdf

A kind of document (`document.MAIN_DOCUMENT`, `minutes.minutes_of(workshop)`) says what
differs: its formats, templates, metadata and the options of each format. Everything
else is shared here: the format parser, the produce loop, the safety of every step.

Pandoc always runs with `--sandbox`, bounded in time and memory (`sandbox.py`), reads
Markdown without raw HTML, raw blocks, raw TeX, metadata blocks, citations or dollar
math, and passes first through `sanitise.lua`, so a project's text can neither inject
markup nor read files, in any format (the `.md` output included). Figures are
files of a private working folder: Typst reads them there (its root: it may read
nothing else), and for DOCX, ODT and HTML pst's own filter `embed-figures.lua` puts
them into the document, so no image travels through the Markdown reader as base64
text. The figures are drawn while the view model's vote charts are; the formats are written
in parallel, one Pandoc process each. Every output is written to a temporary file
beside its target, then moved into place: a failure never leaves a half-written
document.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pst_cli.errors import PstError
from pst_cli.files import output_folder, replace_output, write_atomic
from pst_cli.render import sandbox
from pst_cli.render import typography as ty
from pst_cli.render.fonts import font_folders
from pst_cli.render.templating import environment, render_template, shipped_dir, template_file

if TYPE_CHECKING:  # the project's models are imported only when a project is loaded
    from pst_cli.project.aggregate import Project

READER = "markdown-raw_html-raw_attribute-raw_tex-yaml_metadata_block-citations-tex_math_dollars"
"""How Pandoc reads the document: no raw HTML, raw blocks or TeX; no metadata block (a user's `---`
block would set template variables, which reach the Typst source unescaped); no citations (an
`@handle` is text, and the citation parser is exponential in unmatched `[`); no `$math$` (a
price `$5 $` is text, and a formula without alternative text breaks the tagged PDF)."""
MARKDOWN_WRITER = "markdown-raw_html-raw_attribute-raw_tex-smart"
"""How the `.md` output is written: Pandoc Markdown that holds no raw markup either."""
PDF_STANDARDS = ["ua-1", "a-2a"]
"""Tagged PDF declaring PDF/UA-1 (accessibility) and PDF/A-2a (archiving)."""

Progress = Callable[[str, str], None]
"""Called with (step, "start" | "done") as each step happens: the kind's own steps (loading,
checking…), `figures` (the view model, the figures and the templates), then each format by its name."""


@dataclass
class Prepared:
    """What a kind of document made of a project: the template's context, its figures and its metadata."""

    context: dict
    figures: dict[str, dict] = field(default_factory=dict)
    """name → {"file": name in the work folder, "caption": text, "alt": text}."""
    metadata: dict[str, str] = field(default_factory=dict)
    """Pandoc metadata (`-M key=value`), plain strings."""


@dataclass(frozen=True)
class DocumentKind:
    """What differs between two kinds of documents; the engine does the rest."""

    formats: tuple[str, ...]
    folder: str
    """Template folder: `document` (templates/document/, overridable from a project's templates/) or `minutes`."""
    template: str
    prepare: Callable[[Project, Path, bool], Prepared]
    """Build the context and draw the figures into the work folder; `public` leaves personal data out."""
    basename: Callable[[Project], str]
    pandoc_args: Callable[[Project, str, Path, Prepared], list[str]]
    """Options of Pandoc for docx, odt and html."""
    typst_args: Callable[[Project, Prepared], list[str]]
    """Options of Pandoc when it writes the Typst source of the PDF."""
    markdown_preamble: Callable[[Prepared], str]
    """What the `.md` output starts with (a title)."""
    figure_prefix: str = ""
    """Prefix of the figure files published beside the `.md` output, so that two documents never collide."""
    finish: Callable[[str, Path], None] | None = None
    """What the kind changes in a file Pandoc wrote (format, temporary file), before it is moved into place."""
    load: Callable[[Path, Progress], Project] | None = None
    """How `produce_cached` loads (and checks) the project when the cache has no document for it; default `open_project`."""
    steps: tuple[str, ...] = ()
    """The steps `load` reports to the progress, before `figures` and the formats."""
    variant: str = ""
    """What else the kind's document depends on (a draft…), part of its name in the cache."""


def parse_formats(text: str, allowed: tuple[str, ...]) -> list[str]:
    """`docx,pdf` → ["docx", "pdf"], refusing a format this document cannot be written as."""
    chosen = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [name for name in chosen if name not in allowed]
    if unknown or not chosen:
        raise PstError.of("render.unknown-format", formats=", ".join(unknown) or text, allowed=", ".join(allowed))
    return list(dict.fromkeys(chosen))


def _target(name: str) -> str:
    """How a format receives images: files for Typst and Markdown, data URIs for the rest."""
    return {"pdf": "typst", "md": "md"}.get(name, "embedded")


@dataclass
class Recipe:
    """What the formats of a document are written from, once its project is prepared.

    Plain data, kept in the cache (`cache.py`) with the files of its work folder: a second
    render with nothing changed writes the formats from it without loading the project.
    """

    basename: str
    markdown: dict[str, str]
    """target (`embedded`, `typst`, `md`) → the Markdown the templates made."""
    args: dict[str, list[str]]
    """format → options of Pandoc (after the shared ones); `{work}` stands for the work folder."""
    preamble: str
    figures: dict[str, dict]
    figure_prefix: str = ""
    written: dict[str, list] = field(default_factory=dict)
    """format → [the Pandoc that wrote it, its output]: what a format's Pandoc pass gives when it is
    the same for every render of this recipe (the `.md` output, `markdown_output`)."""

    def options(self, name: str, work: Path) -> list[str]:
        return [arg.replace(WORK, str(work)) for arg in self.args.get(name, [])]


WORK = "{work}"


def prepare(kind: DocumentKind, project: Project, formats: list[str], work: Path, public: bool, progress: Progress | None = None) -> Recipe:
    """Prepare `project` as a document of `kind` for `formats`: the figures drawn into `work`, the templates rendered."""
    progress = progress or (lambda step, state: None)
    progress("figures", "start")
    prepared = kind.prepare(project, work, public)
    env = environment(project.root, kind.folder)
    markdown = {
        target: render_template(env, kind.template, {**prepared.context, "target": target, "figures": _figure_refs(prepared.figures, work, target, kind)})
        for target in sorted({_target(name) for name in formats})
    }
    args = {}
    for name in formats:
        if name == "pdf":
            args[name] = [*_meta_args(prepared.metadata), f"--lua-filter={template_file(project.root, 'typst-images.lua')}", *kind.typst_args(project, prepared)]
        elif name != "md":
            args[name] = [f"--lua-filter={shipped_dir() / 'embed-figures.lua'}", f"--resource-path={work}"]
            args[name] += [*_meta_args(prepared.metadata), *kind.pandoc_args(project, name, work, prepared)]
    progress("figures", "done")
    args = {name: [arg.replace(str(work), WORK) for arg in values] for name, values in args.items()}
    return Recipe(kind.basename(project), markdown, args, kind.markdown_preamble(prepared), prepared.figures, kind.figure_prefix)


def write(
    recipe: Recipe, formats: list[str], work: Path, outdir: Path, progress: Progress | None = None, finish: Callable[[str, Path], None] | None = None
) -> list[Path]:
    """Write each of `formats` from `recipe` into `outdir`, in parallel (one Pandoc or Typst each); `finish` (the kind's) retouches what Pandoc wrote."""
    progress = progress or (lambda name, state: None)

    def one(name: str) -> Path:
        progress(name, "start")
        target = f"{recipe.basename}.{name}"
        if name == "md":
            _publish_figures(recipe.figures, work, outdir, recipe.figure_prefix)
            # The same reader and filter as every format: the `.md` file is as inert as the others.
            text = recipe.preamble + ty.inert_markdown(markdown_output(recipe))
            target = replace_output(outdir, target, lambda temporary: Path(temporary).write_text(text, encoding="utf-8"))
        elif name == "pdf":
            target = replace_output(outdir, target, lambda temporary: _pdf(recipe.markdown["typst"], recipe.options("pdf", work), work, temporary))
        else:
            args = recipe.options(name, work)

            def pandoc(temporary: str) -> None:
                run_pandoc(recipe.markdown["embedded"], "html5" if name == "html" else name, temporary, args)
                if finish:
                    finish(name, Path(temporary))

            target = replace_output(outdir, target, pandoc)
        progress(name, "done")
        return target

    sandbox.reset()
    with ThreadPoolExecutor(max_workers=min(len(formats), os.cpu_count() or 1)) as pool:
        try:
            return list(pool.map(one, formats))
        except BaseException:
            # Interrupted (SIGTERM, Ctrl-C) or failed: the converters still running are killed
            # before the pool waits for its threads, so the command ends at once.
            sandbox.stop_all()
            raise


def markdown_output(recipe: Recipe) -> str:
    """The `.md` output's Markdown as Pandoc's writer gives it: the same reader, filter and sandbox as every format.

    It depends only on the recipe's Markdown and on Pandoc: written once, it is kept in the
    recipe with the Pandoc it came from (path, size, time), so that a second render with
    nothing changed starts no Pandoc for it; the recipe's cache entry is named from
    everything else it depends on, `sanitise.lua` and this module included (`cache.py`).
    """
    pandoc = _pandoc_identity()
    kept = recipe.written.get("md")
    if kept and kept[0] == pandoc:
        return kept[1]
    text = run_pandoc(recipe.markdown["md"], MARKDOWN_WRITER, None, ["--wrap=preserve"])
    recipe.written["md"] = [pandoc, text]
    return text


def _pandoc_identity() -> list:
    path = sandbox.pandoc_path()
    try:
        info = os.stat(path)
    except OSError:
        return [path, 0, 0]
    return [path, info.st_size, info.st_mtime_ns]


def produce(
    kind: DocumentKind,
    project: Project,
    formats: list[str],
    outdir: Path | None = None,
    *,
    public: bool = False,
    progress: Progress | None = None,
) -> list[Path]:
    """Write `project` as a document of `kind` in each of `formats` into `outdir` (default `DIR/build`)."""
    outdir = output_folder(outdir or project.root / "build", project.root)
    with tempfile.TemporaryDirectory(prefix="pst-render-") as work_name:
        work = Path(work_name)
        return write(prepare(kind, project, formats, work, public, progress), formats, work, outdir, progress, kind.finish)


def produce_cached(
    kind: DocumentKind,
    root: Path,
    formats: list[str],
    outdir: Path | None = None,
    *,
    public: bool = False,
    progress: Progress | None = None,
) -> list[Path]:
    """As `produce`, for the project in `root`: from the cache when nothing it is made of changed since a render.

    The cache entry is named from every file of the project, the language, `public`, the
    kind's variant, and pst's code and libraries (`cache.py`); otherwise the project is
    loaded by the kind (and refused when it has errors), prepared for every format of
    `kind`, and kept for the next time.
    """
    import json

    from pst_cli.i18n import active
    from pst_cli.render import cache
    from pst_cli.resources import templates_dir

    if not (root / "pst.yaml").is_file():  # as `require_project`, whose module imports the models
        raise PstError.of("load.no-project", folder=str(root))
    outdir = outdir or root / "build"
    folder = cache.folder(root, "documents")
    key = folder and cache.name(
        "document", kind.folder, kind.template, kind.variant, str(root.resolve()), str(templates_dir()), public, active(),
        cache.code_inputs(), cache.project_inputs(root, skip=outdir),
    )
    entry = folder / key if folder and key else None
    with tempfile.TemporaryDirectory(prefix="pst-render-") as work_name:
        work = Path(work_name)
        if entry is not None and (entry / "recipe.json").is_file():
            try:
                recipe = Recipe(**json.loads((entry / "recipe.json").read_text(encoding="utf-8")))
                shutil.copytree(entry / "work", work, dirs_exist_ok=True)
            except (OSError, ValueError, TypeError):
                recipe = None
            if recipe is not None:
                for step in (*kind.steps, "figures"):
                    progress and (progress(step, "start"), progress(step, "done"))
                known = dict(recipe.written)
                written = write(recipe, formats, work, output_folder(outdir, root), progress, kind.finish)
                if recipe.written != known:  # a format's pass written for the first time from this recipe: kept too
                    cache.ignore_errors(lambda: write_atomic(entry / "recipe.json", json.dumps(recipe.__dict__, ensure_ascii=False)))
                return written
        if kind.load is None:
            from pst_cli.project.load import open_project

            project = open_project(root)
        else:
            project = kind.load(root, progress or (lambda step, state: None))
        recipe = prepare(kind, project, list(kind.formats), work, public, progress)
        written = write(recipe, formats, work, output_folder(outdir, root), progress, kind.finish)
        if entry is not None:
            shutil.rmtree(work / ".charts", ignore_errors=True)
            (work / "recipe.json").write_text(json.dumps(recipe.__dict__, ensure_ascii=False), encoding="utf-8")
            cache.keep_entry(work, folder, key)
        return written


def html_preview(
    kind: DocumentKind,
    project: Project,
    figure_src: Callable[[Path], str],
    *,
    public: bool = False,
    env=None,
    convert: Callable[[str, list[str], Path], str] | None = None,
) -> str:
    """The HTML of `project` as a document of `kind`, as text: what the live preview (`pst serve`) shows.

    The same preparation, templates and Pandoc as `produce`, for HTML alone and with no
    file written. Its figures are not embedded: `figure_src(file)` is given each drawn file
    of the work folder and returns the plain file name (`figure-….png`) the preview serves
    it under, so that an edit of the text sends the text again, not the images. A caller
    that renders again and again passes its Jinja `env` (templates compiled once, reloaded
    when their file changes) and may `convert(markdown, pandoc_args, work)` itself, with
    `run_pandoc`, reusing what did not change (`serve/chapters.py`).
    """
    with tempfile.TemporaryDirectory(prefix="pst-preview-") as work_name:
        work = Path(work_name)
        prepared = kind.prepare(project, work, public)
        figures = {name: {**figure, "src": figure_src(work / figure["file"]), "alt": ty.attribute(figure["alt"])} for name, figure in prepared.figures.items()}
        env = env or environment(project.root, kind.folder)
        markdown = render_template(env, kind.template, {**prepared.context, "target": "embedded", "figures": figures})
        # The figures are linked, not embedded: Pandoc has nothing to fetch (and may fetch nothing).
        args = [*_meta_args(prepared.metadata), *kind.pandoc_args(project, "html", work, prepared)]
        if convert is not None:
            return convert(markdown, args, work)
        output = work / "preview.html"
        run_pandoc(markdown, "html5", str(output), args)
        return output.read_text(encoding="utf-8")


def _figure_refs(figures: dict, work: Path, target: str, kind: DocumentKind) -> dict:
    """Figures as the templates use them: `src` for this target, escaped caption and alt text.

    Only names: the files may still be being drawn. Typst gets the vector drawing when
    there is one; DOCX, ODT and HTML the file name that `embed-figures.lua` embeds.
    """
    refs = {}
    for name, figure in figures.items():
        if target == "md":
            src = f"figures/{kind.figure_prefix}{figure['file']}"
        elif target == "typst":
            src = figure.get("vector", figure["file"])
        else:
            src = figure["file"]
        refs[name] = {**figure, "src": src, "alt": ty.attribute(figure["alt"])}
    return refs


def _publish_figures(figures: dict, work: Path, outdir: Path, prefix: str) -> None:
    """Copy the figures beside the Markdown output (`figures/`), each replaced in one step."""
    if not figures:
        return
    output_folder(outdir / "figures", outdir)
    for figure in figures.values():
        replace_output(outdir, f"figures/{prefix}{figure['file']}", lambda temporary, f=figure: shutil.copyfile(work / f["file"], temporary))


def _meta_args(metadata: dict[str, str]) -> list[str]:
    return [arg for key, value in metadata.items() if value for arg in ("-M", f"{key}={value}")]


def run_pandoc(text: str, to: str, outputfile: str | None, args: list[str]) -> str:
    """Pandoc, sandboxed and bounded (`sandbox.pandoc`), reading Markdown without raw markup, through `sanitise.lua`.

    Returns the output when `outputfile` is None; otherwise what Pandoc's filters wrote on
    the standard error (`anchors.lua` lists the anchors of a part there: `serve/chapters.py`).
    """
    # First filter: what users' text may hold in any format (see the filter's header).
    sanitise = f"--lua-filter={shipped_dir() / 'sanitise.lua'}"
    return sandbox.pandoc(text, READER, to, outputfile, [sanitise, *args])


def _pdf(text: str, args: list[str], work: Path, outputfile: str) -> None:
    """Markdown → Typst source (Pandoc, the kind's template) → tagged PDF/UA-1 + PDF/A-2a (typst)."""
    source = work / "document.typ"
    run_pandoc(text, "typst", str(source), args)
    compile_pdf(source, outputfile, work)


def compile_pdf(source: Path, outputfile: str, work: Path) -> None:
    """Typst source → tagged PDF/UA-1 + PDF/A-2a, reading nothing outside `work`, in a bounded child process."""
    sandbox.typst_compile(
        source,
        outputfile,
        work,
        # The fonts inside the compiler and pst's own: the same PDF on every machine.
        font_paths=[str(path) for path in font_folders()],
        ignore_system_fonts=True,
        pdf_standards=PDF_STANDARDS,
        timestamp=_timestamp(),
    )


def _timestamp() -> int | None:
    """`SOURCE_DATE_EPOCH` when set, so that a build can be reproduced byte for byte."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(value) if value.isdigit() else None
