"""JSON Schemas: exported by `pst schema`, committed beside the examples, and usable by other validators."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_pst

from pst_cli.model import FILE_KINDS, kind_of
from pst_cli.model.introspect import nested_models
from pst_cli.scaffold.schemas import schema_text

EXAMPLE_DIRS = sorted(path for path in EXAMPLES.iterdir() if (path / "pst.yaml").exists())
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def example_files(example: Path):
    for path in sorted(example.rglob("*.yaml")):
        relpath = path.relative_to(example).as_posix()
        if relpath.startswith((".", "build/", "templates/")):
            continue
        yield relpath, path


@pytest.mark.parametrize("example", EXAMPLE_DIRS, ids=lambda p: p.name)
def test_committed_schemas_are_up_to_date(example):
    for kind in FILE_KINDS:
        committed = example / ".pst" / "schemas" / f"{kind.name}.schema.json"
        assert committed.read_text(encoding="utf-8") == schema_text(kind), (
            f"{committed} is stale: run `pst schema --out {committed.parent.relative_to(EXAMPLES.parent)}`"
        )


@pytest.mark.parametrize("example", EXAMPLE_DIRS, ids=lambda p: p.name)
def test_every_file_points_editors_to_its_schema(example):
    for relpath, path in example_files(example):
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        match = MODELINE.match(first_line)
        assert match, f"{relpath}: first line should be a yaml-language-server modeline"
        kind = kind_of(relpath)
        target = (path.parent / match.group(1)).resolve()
        assert target == (example / ".pst" / "schemas" / f"{kind.name}.schema.json").resolve(), relpath


@pytest.mark.parametrize("example", EXAMPLE_DIRS, ids=lambda p: p.name)
def test_check_jsonschema_validates_every_example_file(example, tmp_path):
    result = run_pst("schema", "--out", tmp_path / "schemas")
    assert result.code == 0, result.output
    by_kind = defaultdict(list)
    for relpath, path in example_files(example):
        by_kind[kind_of(relpath).name].append(str(path))
    assert set(by_kind) >= {"project", "stakeholders", "axis", "workshop"}
    executable = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    for kind, files in by_kind.items():
        process = subprocess.run(
            [executable, "--schemafile", str(tmp_path / "schemas" / f"{kind}.schema.json"), *files],
            capture_output=True,
            text=True,
        )
        assert process.returncode == 0, process.stdout + process.stderr


def test_schema_rejects_what_pst_rejects(tmp_path):
    """The exported schema is strict too: an unknown key fails in an editor as in `pst check`."""
    run_pst("schema", "--out", tmp_path / "schemas")
    bad = tmp_path / "pst.yaml"
    text = (EXAMPLES / "meaux" / "pst.yaml").read_text(encoding="utf-8").replace("\ntitle:", "\ntitel:", 1)
    bad.write_text(text, encoding="utf-8")
    executable = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    process = subprocess.run(
        [executable, "--schemafile", str(tmp_path / "schemas" / "project.schema.json"), str(bad)], capture_output=True, text=True
    )
    assert process.returncode == 1
    assert "titel" in process.stdout


def test_every_field_has_a_description():
    """Descriptions become hover help in editors: none may be missing."""
    for kind in FILE_KINDS:
        for model in nested_models(kind.model):
            for name, field in model.model_fields.items():
                assert field.description, f"{model.__name__}.{name} has no description"


def test_format_reference_is_up_to_date():
    from pst_cli.model.reference import render

    committed = (EXAMPLES.parent / "docs" / "format.md").read_text(encoding="utf-8")
    assert committed == render(), "docs/format.md is stale: run `python -m pst_cli.formatdoc docs/format.md`"
