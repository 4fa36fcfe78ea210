"""Conformity grids: the shipped ones (`templates/grids/*.yaml`), a project's own
(`grids/*.yaml`), and which one reads a project by default (its `kind`).

The grids are data validated by `pst_cli.model.grid.Grid`; `evaluate.py` answers them
criterion by criterion. This package sits beside `monitoring/`: it reads a `Project` and the
findings it is given, and never runs the rules itself (the rules layer does, above it).
"""

from __future__ import annotations

from functools import lru_cache

from pst_cli.errors import PstError
from pst_cli.i18n import t
from pst_cli.model.grid import Grid
from pst_cli.project.aggregate import Project


@lru_cache(maxsize=1)
def shipped() -> dict[str, Grid]:
    """The grids shipped with pst, by id, in the order of their file names."""
    from pst_cli.project.yamlfast import compose, to_python
    from pst_cli.resources import templates_dir

    grids: dict[str, Grid] = {}
    for path in sorted((templates_dir() / "grids").glob("*.yaml")):
        node = compose(path.read_text(encoding="utf-8"))
        grid = Grid.model_validate(to_python(node))
        grids[grid.id] = grid
    return grids


def available(project: Project | None) -> dict[str, tuple[Grid, str | None]]:
    """Every grid a project can be read with: id → (grid, file of the project that defines it, or None
    for a shipped one). A project's grid with the id of a shipped one takes its place."""
    grids: dict[str, tuple[Grid, str | None]] = {grid_id: (grid, None) for grid_id, grid in shipped().items()}
    for grid in project.grids if project else []:
        grids[grid.id] = (grid, project.places.get(id(grid), ("", ()))[0] or None)
    return grids


def default_id(project: Project) -> str | None:
    """The grid that reads this kind of project: the first non-provisional grid that names the kind."""
    kind = project.config.kind
    candidates = [grid for grid, _ in available(project).values() if kind in grid.kinds]
    candidates.sort(key=lambda grid: grid.provisional)
    return candidates[0].id if candidates else None


def pick(project: Project, grid_id: str | None) -> tuple[Grid, str | None]:
    """The grid named by `--grid` (or the project's default one); an unknown id suggests the closest."""
    grids = available(project)
    wanted = grid_id or default_id(project)
    if wanted is None:
        raise PstError(t("grids.no-default", kind=project.config.kind), t("grids.no-default.hint", ids=", ".join(grids)))
    if wanted not in grids:
        import difflib

        close = difflib.get_close_matches(wanted, list(grids), n=1, cutoff=0.5)
        hint = t("common.did-you-mean", name=close[0]) if close else t("grids.unknown.hint", ids=", ".join(grids))
        raise PstError(t("grids.unknown", name=wanted), hint)
    return grids[wanted]
