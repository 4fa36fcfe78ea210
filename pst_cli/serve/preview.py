"""The state of a live preview, with no web in it: the findings, the last good document, its figures.

`Preview.refresh()` does what `pst check` and `pst render --to html` do, in one pass: it
checks the project, and when the project loads it renders the HTML through the document
engine (`engine.html_preview`: the same templates and Pandoc, no PDF, no file written).
When the project does not load (a YAML error, a wrong value) or the document cannot be
rendered, the findings say why and the last good document is kept, marked stale: the
browser never shows a blank page or a traceback.

A refresh runs in a worker thread; it replaces the state in one assignment, so that the
web application, in the event loop, always reads a whole state.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import logging
import time
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from pst_cli.errors import ProjectInvalid, PstError
from pst_cli.findings import Finding
from pst_cli.i18n import active, t
from pst_cli.render.typography import format_number
from pst_cli.report.paths import display_path
from pst_cli.report.text import summary
from pst_cli.rules.runner import CheckResult, run_check

logger = logging.getLogger("pst.serve")


@dataclass(frozen=True)
class State:
    """What the preview shows at one moment."""

    revision: int = 0
    """Goes up at every change of the state, the start of a refresh included."""
    document: int = 0
    """The number of the document held (0: none yet); it goes up with each document rendered."""
    stale: bool = False
    """The project changed since the document held, which could not be rendered again."""
    busy: bool = True
    findings: tuple[Finding, ...] = ()
    files: int = 0
    problem: tuple[str, str] | None = None
    """Why the document was not rendered again: a message and a hint."""
    rendered_at: str = ""
    """When the document held was rendered (HH:MM:SS)."""
    seconds: float = 0.0
    """How long the last refresh took."""


@dataclass
class Rendered:
    """A document rendered: its HTML and the figures it links to, by file name."""

    html: str
    figures: dict[str, bytes] = field(default_factory=dict)


class Preview:
    """The preview of the project in `root`; `folder` is how the user named it (paths of the findings)."""

    def __init__(self, root: Path, folder: str) -> None:
        from pst_cli.render.document import main_document
        from pst_cli.serve.chapters import ChapterCache

        self.root = root
        self.folder = folder
        # The figures come from the project's cache (`render/cache.py`): drawn again only when their data changed.
        self.kind = main_document()
        self.chapters = ChapterCache()
        self._environment_of: tuple[tuple, object] | None = None
        """The Jinja environment and the project's own templates it was made for: the templates compiled once, again when one of those changes."""
        self.state = State()
        self.rendered: Rendered | None = None
        self._previous_figures: dict[str, bytes] = {}
        self._texts: dict[str, str] = {}
        """Entity id → the words that present it in the document (its title, label or name), from the last project loaded."""

    def begin(self) -> State:
        """Mark a refresh as started (the page says the document is being updated)."""
        self.state = dataclasses.replace(self.state, revision=self.state.revision + 1, busy=True)
        return self.state

    def refresh(self) -> State:
        """Check the project and render its document again; keep the last good one when that fails."""
        started = time.perf_counter()
        findings: list[Finding] = []
        files = 0
        problem = None
        rendered = None
        try:
            result = run_check(self.root)
            findings, files = list(result.findings), result.files
            if result.project is None:
                problem = (t("serve.not-loaded"), t("serve.not-loaded.hint"))
            else:
                self._texts = _entity_texts(result.project)
                rendered = self._render(result.project)
        except ProjectInvalid as error:
            findings = sorted({*findings, *error.findings}, key=Finding.sort_key)
            problem = (error.message or t("serve.not-rendered"), error.hint or t("serve.not-loaded.hint"))
        except PstError as error:
            problem = (error.message, error.hint)
        except Exception:  # a bug of pst: its traceback goes to the terminal, the preview goes on
            logger.exception("pst serve")
            problem = (t("serve.internal-error"), t("serve.internal-error.hint"))
        finally:
            # The loader freezes what it allocated, as a short command needs no cycle collection;
            # a server loads again and again, and would keep every old project for ever.
            gc.unfreeze()
        previous = self.state
        if rendered is not None:
            self._previous_figures = self.rendered.figures if self.rendered else {}
            self.rendered = rendered
        self.state = State(
            revision=previous.revision + 1,
            document=previous.document + 1 if rendered is not None else previous.document,
            stale=rendered is None and self.rendered is not None,
            busy=False,
            findings=tuple(findings),
            files=files,
            problem=problem,
            rendered_at=time.strftime("%H:%M:%S") if rendered is not None else previous.rendered_at,
            seconds=time.perf_counter() - started,
        )
        return self.state

    def _render(self, project) -> Rendered:
        from pst_cli.render.engine import html_preview

        figures: dict[str, bytes] = {}

        def figure_src(path: Path) -> str:
            """A drawn file, named by a hash of its bytes: a figure that did not change keeps its name (and the browser its copy)."""
            data = path.read_bytes()
            suffix = ".jpg" if path.suffix.lower() in (".jpg", ".jpeg") else ".png"
            name = f"figure-{hashlib.sha256(data).hexdigest()[:32]}{suffix}"
            figures[name] = data
            return name

        return Rendered(html_preview(self.kind, project, figure_src, env=self._environment(project), convert=self.chapters), figures)

    def _environment(self, project):
        from pst_cli.render.templating import environment, project_dir

        folder = project_dir(project.root, self.kind.folder)
        own = tuple(sorted((str(path), path.stat().st_mtime_ns) for path in folder.rglob("*"))) if folder.is_dir() else None
        if self._environment_of is None or self._environment_of[0] != own:
            self._environment_of = own, environment(project.root, self.kind.folder)
        return self._environment_of[1]

    def figure(self, name: str) -> bytes | None:
        """A figure of the document held (or of the one before, which a browser may still be showing), by file name."""
        held = self.rendered.figures if self.rendered else {}
        return held.get(name) or self._previous_figures.get(name)

    def as_json(self) -> dict:
        """The state as the page reads it: findings grouped by file like `pst check` prints them, every word already written."""
        state = self.state
        result = CheckResult(findings=list(state.findings), files=state.files)
        groups = []
        for relpath, findings in groupby(state.findings, key=lambda finding: finding.path):
            path = display_path(self.folder, relpath)
            groups.append(
                {
                    "path": path,
                    "findings": [
                        {
                            "where": f"{path}:{finding.line}:{finding.col}",
                            "severity": finding.severity,
                            "label": t(f"report.severity.{finding.severity}"),
                            "message": finding.message,
                            "hint": finding.hint,
                            "rule": finding.rule,
                            "entity": finding.entity,
                            "text": self._texts.get(finding.entity, ""),
                            "title": t("serve.show-entity", entity=finding.entity) if finding.entity else "",
                        }
                        for finding in findings
                    ],
                }
            )
        errors = result.count("error")
        if state.busy and not state.document:
            status = t("serve.first-render")
        elif state.busy:
            status = t("serve.updating")
        elif state.stale:
            status = t("serve.stale", time=state.rendered_at)
        elif state.problem:
            status = t("serve.no-document")
        else:
            status = t("serve.rendered", time=state.rendered_at, seconds=self._seconds())
        return {
            "revision": state.revision,
            "document": state.document,
            "stale": state.stale,
            "busy": state.busy,
            "status": status,
            "problem": {"message": state.problem[0], "hint": state.problem[1]} if state.problem else None,
            "summary": ("✗ " if errors else "✓ ") + summary(result) if state.files else "",
            "errors": errors,
            "clean": not state.findings and not state.problem and not state.busy,
            "groups": groups,
            # The grid status (`pst grid`, the conformity-grid issue) joins here: criterion,
            # status and evidence, shown by the page's « grid » section, hidden while this is None.
            "grid": None,
        }

    def _seconds(self) -> str:
        return format_number(round(self.state.seconds, 2), active())

    def terminal_line(self) -> str:
        """What the terminal says after a refresh: when, how long, and the summary of the check."""
        state = self.state
        result = CheckResult(findings=list(state.findings), files=state.files)
        if state.problem and (state.stale or not state.document):
            return t("serve.log.stale", time=time.strftime("%H:%M:%S"), reason=state.problem[0], summary=summary(result))
        return t("serve.log.rendered", time=state.rendered_at, seconds=self._seconds(), summary=summary(result))


def _entity_texts(project) -> dict[str, str]:
    """Each entity's id → its title, label, name or statement: where the page looks for it in the document when no anchor names it."""
    texts: dict[str, str] = {}
    for entity in project.entities:
        identifier = getattr(entity, "id", None)
        words = next((getattr(entity, name) for name in ("title", "label", "name", "statement") if isinstance(getattr(entity, name, None), str)), "")
        if isinstance(identifier, str) and words:
            texts.setdefault(identifier, words)
    return texts
