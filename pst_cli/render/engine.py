"""The one document engine: a loaded project and a kind of document in, files out.

project ──kind.prepare──▶ context + figures ──Jinja──▶ Pandoc Markdown ──Pandoc──▶ docx / odt / html / md
                                                                   └──Pandoc──▶ Typst ──typst──▶ pdf

A kind of document (`document.MAIN_DOCUMENT`, `minutes.minutes_of(workshop)`) says what
differs: its formats, templates, metadata and the options of each format. Everything
else is shared here: the format parser, the produce loop, the safety of every step.

Pandoc always runs with `--sandbox` and reads Markdown without raw HTML, raw blocks or
raw TeX, so a project's text can neither inject markup nor read files. Figures reach
Pandoc as data URIs (it may read no file) and Typst as files of a private working
folder (its root: it may read nothing else). Every output is written to a temporary
file beside its target, then moved into place: a failure never leaves a half-written
document.
"""

from __future__ import annotations

import base64
import os
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pst_cli.errors import PstError
from pst_cli.files import output_folder, replace_output
from pst_cli.project.aggregate import Project
from pst_cli.render import sandbox
from pst_cli.render import typography as ty
from pst_cli.render.fonts import font_folders
from pst_cli.render.templating import environment, render_template, shipped_dir, template_file

READER = "markdown-raw_html-raw_attribute-raw_tex-yaml_metadata_block-citations-tex_math_dollars"
"""How Pandoc reads the document: no raw HTML, raw blocks or TeX; no metadata block (a user's `---`
block would set template variables, which reach the Typst source unescaped); no citations (an
`@handle` is text, and the citation parser is exponential in unmatched `[`); no `$math$` (a
price `$5 $` is text, and a formula without alternative text breaks the tagged PDF)."""
PDF_STANDARDS = ["ua-1", "a-2a"]
"""Tagged PDF declaring PDF/UA-1 (accessibility) and PDF/A-2a (archiving)."""

Progress = Callable[[str, str], None]
"""Called with (format, "start" | "done") while documents are produced."""


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
    progress = progress or (lambda name, state: None)
    sandbox.reset()
    with tempfile.TemporaryDirectory(prefix="pst-render-") as work_name:
        work = Path(work_name)
        prepared = kind.prepare(project, work, public)
        env = environment(project.root, kind.folder)
        markdown = {
            target: render_template(env, kind.template, {**prepared.context, "target": target, "figures": _figure_refs(prepared.figures, work, target, kind)})
            for target in sorted({_target(name) for name in formats})
        }
        basename = kind.basename(project)

        def one(name: str) -> Path:
            progress(name, "start")
            target = f"{basename}.{name}"
            if name == "md":
                _publish_figures(prepared.figures, work, outdir, kind.figure_prefix)
                # The same reader and filter as every format: the `.md` file is as inert as the others.
                text = kind.markdown_preamble(prepared) + ty.inert_markdown(run_pandoc(markdown["md"], MARKDOWN_WRITER, None, ["--wrap=preserve"]))
                target = replace_output(outdir, target, lambda temporary: Path(temporary).write_text(text, encoding="utf-8"))
            elif name == "pdf":
                target = replace_output(outdir, target, lambda temporary: _pdf(project, kind, prepared, markdown["typst"], work, temporary))
            else:
                args = [*_meta_args(prepared.metadata), *kind.pandoc_args(project, name, work, prepared)]
                target = replace_output(outdir, target, lambda temporary: run_pandoc(markdown["embedded"], "html5" if name == "html" else name, temporary, args))
            progress(name, "done")
            return target

        with ThreadPoolExecutor(max_workers=min(len(formats), os.cpu_count() or 1)) as pool:
            try:
                return list(pool.map(one, formats))
            except BaseException:
                # Interrupted (SIGTERM, Ctrl-C) or failed: the converters still running are killed
                # before the pool waits for its threads, so the command ends at once.
                sandbox.stop_all()
                raise


def _figure_refs(figures: dict, work: Path, target: str, kind: DocumentKind) -> dict:
    """Figures as the templates use them: `src` for this target, escaped caption and alt text."""
    refs = {}
    for name, figure in figures.items():
        if target == "embedded":
            media = "jpeg" if figure["file"].endswith((".jpg", ".jpeg")) else "png"
            src = f"data:image/{media};base64," + base64.b64encode((work / figure["file"]).read_bytes()).decode("ascii")
        elif target == "md":
            src = f"figures/{kind.figure_prefix}{figure['file']}"
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


MARKDOWN_WRITER = "markdown-raw_html-raw_attribute-raw_tex"
"""How the `.md` output is written: Pandoc Markdown that holds no raw markup either."""


def run_pandoc(text: str, to: str, outputfile: str | None, args: list[str]) -> str:
    """Pandoc, sandboxed and bounded (`sandbox.pandoc`), reading Markdown without raw markup, through `sanitise.lua`."""
    # First filter: what users' text may hold in any format (see the filter's header).
    sanitise = f"--lua-filter={shipped_dir() / 'sanitise.lua'}"
    return sandbox.pandoc(text, READER, to, outputfile, [sanitise, *args])


def _pdf(project: Project, kind: DocumentKind, prepared: Prepared, text: str, work: Path, outputfile: str) -> None:
    """Markdown → Typst source (Pandoc, the kind's template) → tagged PDF/UA-1 + PDF/A-2a (typst)."""
    source = work / f"{kind.folder}.typ"
    args = [*_meta_args(prepared.metadata), f"--lua-filter={template_file(project.root, 'typst-images.lua')}", *kind.typst_args(project, prepared)]
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
