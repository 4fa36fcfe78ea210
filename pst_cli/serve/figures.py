"""The figures of the preview, kept in memory and drawn again only when what they draw changed.

Drawing the figures is most of a render's time (matplotlib, about 2 s for Meaux), and most
edits touch nothing a figure shows. `FigureMemo` stands where `figures.make_figures` is
called (`document.main_document(memo)`) and keeps the figures of the last renders by a
hash of the data the figures read: the stakeholders, the workshops, the milestones, the
plan's axes and indicators, the measurements and the language. An edit of anything else
(an action's title, a finding, a section) reuses them; an edit of one of those draws them
all again.

This is the preview's own stopgap until `render/figures.py` keeps each figure in a cache
keyed by the data of that figure alone (the render-speed issue): once it does, the engine's
own cache makes this module unnecessary, and `preview.py` uses `MAIN_DOCUMENT` as it is.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from pathlib import Path

from pst_cli.project.aggregate import Project


def figure_key(project: Project) -> str:
    """A hash of everything `figures.make_figures` reads from `project`: equal keys, equal figures."""
    drawn = {
        "language": project.language,
        "stakeholders": project.stakeholders,
        "workshops": project.workshops,
        "milestones": project.governance.milestones,
        "axes": project.axes,
        "action-indicators": [indicator for action in project.actions for indicator in action.indicators],
        "measurements": project.measurements,
    }
    payload = {
        name: value if isinstance(value, str) else [model.model_dump(mode="json") for model in value] for name, value in drawn.items()
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class FigureMemo:
    """`make_figures(project, folder)` that remembers the figures of its last `keep` projects."""

    def __init__(self, keep: int = 4) -> None:
        self.keep = keep
        self.drawings = 0
        """How many times the figures were really drawn (the others came from memory)."""
        self._kept: OrderedDict[str, tuple[dict[str, dict], dict[str, bytes]]] = OrderedDict()

    def __call__(self, project: Project, folder: Path) -> dict[str, dict]:
        from pst_cli.render.figures import make_figures

        key = figure_key(project)
        kept = self._kept.get(key)
        if kept is None:
            figures = make_figures(project, folder)
            self.drawings += 1
            kept = figures, {figure["file"]: (folder / figure["file"]).read_bytes() for figure in figures.values()}
            self._kept[key] = kept
            while len(self._kept) > self.keep:
                self._kept.popitem(last=False)
        else:
            self._kept.move_to_end(key)
            for name, data in kept[1].items():
                (folder / name).write_bytes(data)
        return {name: dict(figure) for name, figure in kept[0].items()}
