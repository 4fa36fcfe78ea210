"""The Markdown of each example's document, committed: a template change shows up in review.

After a deliberate change of the templates or the view model, refresh the snapshots with
`PST_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshots.py` and read their diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_pst

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
EXAMPLE_NAMES = sorted(path.name for path in EXAMPLES.iterdir() if (path / "pst.yaml").exists())


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_rendered_markdown_matches_the_snapshot(name, tmp_path):
    result = run_pst("render", EXAMPLES / name, "--to", "md", "-o", tmp_path, "--quiet")
    assert result.code == 0, result.output
    rendered = (tmp_path / f"{name}.md").read_text(encoding="utf-8")
    snapshot = SNAPSHOTS / f"{name}.md"
    if os.environ.get("PST_UPDATE_SNAPSHOTS") == "1":
        snapshot.write_text(rendered, encoding="utf-8")
    assert snapshot.is_file(), f"no snapshot yet: run PST_UPDATE_SNAPSHOTS=1 python -m pytest {Path(__file__).name}"
    assert rendered == snapshot.read_text(encoding="utf-8"), (
        f"the document of {name} changed: if that is intended, run "
        f"PST_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshots.py and review the diff"
    )
