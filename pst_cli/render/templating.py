"""The Jinja environment of the document: sandboxed, strict, and overridable per project.

Template lookup: a project's `templates/NAME` wins over the shipped `templates/document/NAME`;
`shipped/NAME` always names the shipped file, so an override can `{% extends "shipped/NAME" %}`.
Project text never becomes template source: it only reaches templates as variables.
"""

from __future__ import annotations

import re
import traceback
from pathlib import Path

from pst_cli.errors import RenderError
from pst_cli.i18n import t
from pst_cli.resources import templates_dir


class TemplateError(RenderError):
    """A template could not be read or rendered: the message names the file and line."""


def shipped_dir(folder: str = "document") -> Path:
    """The shipped templates of the document (`document`) or of the minutes (`minutes`)."""
    return templates_dir() / folder


def project_dir(project_root: Path, folder: str = "document") -> Path:
    """Where a project overrides them: `templates/` for the document, `templates/minutes/` for minutes."""
    return project_root / "templates" if folder == "document" else project_root / "templates" / folder


def template_file(project_root: Path, name: str, folder: str = "document") -> Path:
    """A non-Jinja template file (reference.docx, pst.typ, style.css…): the project's, else the shipped one.

    Pandoc Lua filters are code, not layout: they always come from pst, never from a
    project, so that rendering a project received from someone else runs nothing of theirs.
    A reference document is shared by the document and the minutes.
    """
    if name.endswith(".lua"):
        return shipped_dir() / name
    for place, shipped in ((folder, shipped_dir(folder)), ("document", shipped_dir())):
        override = project_dir(project_root, place) / name
        if override.is_file() and project_dir(project_root, place).resolve() in override.resolve().parents:
            return override
        if (shipped / name).is_file():
            return shipped / name
    return shipped_dir(folder) / name


def _inside_only(loader_class):
    """A Jinja loader that refuses a template whose real path leaves its folder (a symlink out)."""
    from jinja2 import TemplateNotFound

    class InsideOnlyLoader(loader_class):
        def get_source(self, environment, template):
            source, filename, uptodate = super().get_source(environment, template)
            folder = Path(self.searchpath[0]).resolve()
            if folder not in Path(filename).resolve().parents:
                raise TemplateNotFound(template)
            return source, filename, uptodate

    return InsideOnlyLoader


MAX_TEMPLATE_VALUE = 1_000_000
"""The largest string or list a template may build by `*`, and the largest count it may give a
text method (`center`, `ljust`…): a template of the project is untrusted, and `'x' * 10**10`
would fill the memory."""


def _bounded_environment():
    """Jinja's sandbox, which already refuses attribute tricks, with bounded multiplication and powers."""
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import SandboxedEnvironment

    class BoundedEnvironment(SandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context, operator, left, right):
            if operator == "*":
                for sequence, count in ((left, right), (right, left)):
                    if isinstance(sequence, (str, list, tuple)) and isinstance(count, int) and len(sequence) * count > MAX_TEMPLATE_VALUE:
                        raise SecurityError(t("render.template-too-large", limit=f"{MAX_TEMPLATE_VALUE:,}".replace(",", "\u202f")))
            if operator == "**" and isinstance(left, int) and isinstance(right, int) and right * max(1, abs(left).bit_length()) > 4096:
                raise SecurityError(t("render.template-too-large", limit=f"{MAX_TEMPLATE_VALUE:,}".replace(",", "\u202f")))
            return super().call_binop(context, operator, left, right)

        def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
            if isinstance(getattr(__obj, "__self__", None), str) and any(isinstance(a, int) and a > MAX_TEMPLATE_VALUE for a in (*args, *kwargs.values())):
                raise SecurityError(t("render.template-too-large", limit=f"{MAX_TEMPLATE_VALUE:,}".replace(",", "\u202f")))
            return super().call(__context, __obj, *args, **kwargs)

    return BoundedEnvironment


def environment(project_root: Path, folder: str = "document"):
    """A sandboxed Jinja environment whose undefined names are errors."""
    from jinja2 import ChoiceLoader, FileSystemBytecodeCache, FileSystemLoader, PrefixLoader, StrictUndefined

    SandboxedEnvironment = _bounded_environment()

    from pst_cli.render.cache import jinja_folder

    shipped = FileSystemLoader(str(shipped_dir(folder)))
    loaders = [PrefixLoader({"shipped": shipped})]
    if project_dir(project_root, folder).is_dir():
        loaders.append(_inside_only(FileSystemLoader)(str(project_dir(project_root, folder))))
    loaders.append(shipped)
    settings = {"autoescape": False, "trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True}
    # Compiled templates are kept in this user's cache, by name and a hash of their source.
    compiled = jinja_folder("sandboxed-bounded", "strict", settings)
    cache = FileSystemBytecodeCache(str(compiled)) if compiled else None
    return SandboxedEnvironment(loader=ChoiceLoader(loaders), undefined=StrictUndefined, bytecode_cache=cache, **settings)


def render_template(env, name: str, context: dict) -> str:
    """Render `name` with `context`; a template mistake becomes a `TemplateError` naming file and line."""
    from jinja2 import TemplateError as JinjaError
    from jinja2 import TemplateNotFound, TemplateSyntaxError

    try:
        return _blank_line_before_headings(env.get_template(name).render(context))
    except TemplateNotFound as error:
        raise TemplateError(t("render.template-not-found", name=error.name), t("render.template-not-found.hint")) from None
    except TemplateSyntaxError as error:
        where = f"{_display(error.filename or error.name or name)}:{error.lineno}"
        raise TemplateError(t("render.template-syntax", where=where, message=error.message)) from None
    except JinjaError as error:
        where = _template_frame(error) or name
        raise TemplateError(t("render.template-error", where=where, message=error.message), t("render.template-error.hint")) from None


_HEADING_AFTER_TEXT = re.compile(r"(?<=[^\n])\n(#{1,6} )")


def _blank_line_before_headings(markdown: str) -> str:
    """Pandoc reads `# Title` as a heading only after a blank line: a template that forgets one
    (a heading right after a list) would print the `#` signs. Users' own `#` are escaped."""
    return _HEADING_AFTER_TEXT.sub(r"\n\n\1", markdown)


def _template_frame(error: BaseException) -> str | None:
    """`file:line` of the innermost template frame of a rendering error (Jinja rewrites them)."""
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename.endswith(".j2")]
    if not frames:
        return None
    return f"{_display(frames[-1].filename)}:{frames[-1].lineno}"


def _display(filename: str) -> str:
    """A template path as short as it stays unambiguous."""
    path = Path(filename)
    try:
        return str(path.relative_to(shipped_dir().parent.parent))
    except ValueError:
        return str(path)

