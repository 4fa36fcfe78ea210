"""The bad-input corpus: every broken project gets its exit code, a positioned message, and no traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, copy_project, run_pst, words

CORPUS = Path(__file__).resolve().parent / "bad_inputs"


def load_cases() -> list[dict]:
    cases = []
    for path in sorted(CORPUS.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            case["group"] = path.stem
            cases.append(case)
    return cases


CASES = load_cases()


def apply(project: Path, edits: list[dict]) -> None:
    """Apply the corpus edits of one case to a copy of the example."""
    for edit in edits:
        path = project / edit["file"]
        if "replace" in edit:
            old, new = edit["replace"]
            text = path.read_text(encoding="utf-8")
            assert old in text, f"edit pattern not found in {edit['file']}: {old!r} (the example changed?)"
            path.write_text(text.replace(old, new, 1), encoding="utf-8")
        if "append" in edit:
            path.write_text(path.read_text(encoding="utf-8") + edit["append"], encoding="utf-8")
        if "prepend" in edit:
            path.write_text(edit["prepend"] + path.read_text(encoding="utf-8"), encoding="utf-8")
        if "content" in edit:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(edit["content"], encoding="utf-8")
        if "encode" in edit:
            path.write_bytes(path.read_text(encoding="utf-8").encode(edit["encode"], errors="replace"))
        if edit.get("crlf"):
            path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
        if "pad_to" in edit:
            with path.open("ab") as stream:
                line = b"# " + b"x" * 97 + b"\n"
                while stream.tell() < edit["pad_to"]:
                    stream.write(line)
        if edit.get("delete"):
            path.unlink()
        if "symlink" in edit:
            path.unlink()
            os.symlink(edit["symlink"], path)
        if edit.get("fifo"):
            path.unlink()
            os.mkfifo(path)


def expected_line(project: Path, expect: dict) -> int | None:
    if "line" in expect:
        return expect["line"]
    if "line_of" not in expect:
        return None
    raw = (project / expect["file"]).read_bytes()
    for encoding in ("utf-8-sig", "latin-1"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    lines = [number for number, line in enumerate(text.splitlines(), 1) if expect["line_of"] in line]
    assert lines, f"{expect['line_of']!r} not found in {expect['file']}"
    return lines[expect.get("nth", 1) - 1] + expect.get("line_offset", 0)


def test_corpus_is_large_enough():
    assert len(CASES) >= 60
    assert len({case["id"] for case in CASES}) == len(CASES), "case ids must be unique"


@pytest.mark.parametrize("case", CASES, ids=[f"{case['group']}:{case['id']}" for case in CASES])
def test_bad_input(case, tmp_path):
    project = copy_project(EXAMPLES / "meaux", tmp_path / "project")
    apply(project, case["edits"])
    expect = case["expect"]
    text_run = run_pst("check", project)
    assert "Traceback" not in text_run.output
    assert text_run.code == expect.get("exit", 1), text_run.output
    if "rule" not in expect:
        return
    json_run = run_pst("check", project, "--format", "json")
    findings = json.loads(json_run.out)
    severity = expect.get("severity", "error")
    matching = [f for f in findings if f["rule"] == expect["rule"] and f["severity"] == severity]
    assert matching, f"no {severity} {expect['rule']} in {json.dumps(findings, ensure_ascii=False, indent=1)}"
    found = matching[0]
    assert found["path"] == str(project / expect["file"]).replace(os.sep, "/")
    line = expected_line(project, expect)
    if line is not None:
        assert found["line"] == line, found
    if "col" in expect:
        assert found["col"] == expect["col"], found
    assert found["line"] >= 1 and found["col"] >= 1
    assert expect.get("message", "") in words(found["message"]), found
    assert expect.get("hint", "") in words(found["hint"]), found
    assert found["hint"], "every finding comes with a hint"
    # The text report names the same place, as `file:line:col`.
    assert f"{expect['file']}:{found['line']}:{found['col']}:" in text_run.out
