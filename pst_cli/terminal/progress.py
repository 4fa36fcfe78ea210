"""The progress of `pst render` on a terminal: one line per step, updated as it happens.

The steps are those the render reports (`render.document.STEPS`: loading, checking,
figures), then each format. A step not started yet says so and does not spin; a running
one spins and counts its seconds; a finished one shows a tick and how long it took.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pst_cli.i18n import has, t


def _label(step: str) -> str:
    """`load` → « Lecture du projet »; a format by its name in capitals (`PDF`)."""
    return t(f"render.step.{step}") if has(f"render.step.{step}") else step.upper()


@contextmanager
def progress_bar(steps: list[str], console) -> Iterator:
    """A rich progress display of `steps`; yields the callback the render calls with (step, "start" | "done")."""
    from rich.progress import Progress, ProgressColumn, SpinnerColumn, TextColumn
    from rich.text import Text

    spinner = SpinnerColumn(finished_text="[green]✓")

    class State(ProgressColumn):
        def render(self, task) -> Text:
            return Text("·", style="dim") if not task.started else spinner.render(task)

    class Elapsed(ProgressColumn):
        def render(self, task) -> Text:
            if not task.started:
                return Text("")
            return Text(f"{task.finished_time if task.finished else task.elapsed:.1f} s", style="dim")

    width = max(len(_label(step)) for step in steps)
    with Progress(State(), TextColumn("{task.description}"), Elapsed(), console=console, transient=False) as bar:
        tasks = {
            step: bar.add_task(f"{_label(step):{width}}  {t('render.progress.waiting')}", total=1, start=False) for step in steps
        }

        def progress(step: str, state: str) -> None:
            task = tasks.get(step)
            if task is None:
                return
            done = state == "done"
            if not done:
                bar.start_task(task)
            # A format is written when it is done; the steps before are just done.
            written = "render.progress.done" if has(f"render.step.{step}") else "render.progress.written"
            label = t(written if done else "render.progress.running")
            bar.update(task, description=f"{_label(step):{width}}  {label}", completed=1 if done else 0)

        yield progress
