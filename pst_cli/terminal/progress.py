"""The progress of `pst render` on a terminal: one line per format, written when it is."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pst_cli.i18n import t


@contextmanager
def progress_bar(formats: list[str], console) -> Iterator:
    """A rich progress display; yields the callback the engine calls with (format, "start" | "done")."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console, transient=False) as bar:
        tasks = {name: bar.add_task(f"{name.upper():5} {t('render.progress.waiting')}", total=1) for name in formats}

        def progress(name: str, state: str) -> None:
            done = state == "done"
            label = t("render.progress.written" if done else "render.progress.running")
            bar.update(tasks[name], description=f"{name.upper():5} {label}", completed=1 if done else 0)

        yield progress
