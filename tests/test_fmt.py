"""`pst fmt`: one layout for every file, without losing a comment."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLES, FIXTURES, copy_project, run_pst


def comments(text: str) -> list[str]:
    """The text of every comment, wherever it sits on its line."""
    return [line[line.index("#"):].strip() for line in text.splitlines() if line.lstrip().startswith("#") or " # " in line]


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*.yaml"))}


def test_examples_are_already_formatted() -> None:
    for example in sorted(EXAMPLES.iterdir()):
        if (example / "pst.yaml").is_file():
            run = run_pst("fmt", "--check", example)
            assert run.code == 0, run.output


def test_formatted_project_is_left_byte_identical(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "fmt_formatted", tmp_path / "p")
    before = tree_bytes(project)

    run = run_pst("fmt", project)

    assert run.code == 0, run.output
    assert tree_bytes(project) == before
    assert "déjà en forme" in run.out


def test_messy_project_keeps_comments_and_gets_schema_order(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "fmt_messy", tmp_path / "p")
    originals = {name: (project / name).read_text(encoding="utf-8") for name in ("pst.yaml", "plan/challenges.yaml")}

    findings_before = run_pst("check", "--format", "json", project).out
    check = run_pst("fmt", "--check", project)
    assert check.code == 1
    assert "à remettre en forme" in check.out and "challenges.yaml" in check.out
    assert {name: path.decode() for name, path in tree_bytes(project).items()} == originals

    run = run_pst("fmt", project)

    assert run.code == 0, run.output
    challenges = (project / "plan/challenges.yaml").read_text(encoding="utf-8")
    for name, original in originals.items():
        # Reordering keys may reorder the comments that belong to them, never drop one.
        assert sorted(comments((project / name).read_text(encoding="utf-8"))) == sorted(comments(original))
    assert challenges.startswith("# yaml-language-server: $schema=../.pst/schemas/challenges.schema.json\n")
    assert "  # Le plus important.\n  - id: E1\n    label: 'Rompre l''isolement" in challenges
    assert "    priority: 1" in challenges
    pst = (project / "pst.yaml").read_text(encoding="utf-8")
    assert pst.index("title:") < pst.index("period:")
    assert '    - "12345"' in pst
    assert run_pst("fmt", "--check", project).code == 0
    assert run_pst("check", "--format", "json", project).out.count('"rule"') == findings_before.count('"rule"')


def test_bom_and_crlf_become_plain_utf8(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "fmt_formatted", tmp_path / "p")
    path = project / "plan/challenges.yaml"
    canonical = path.read_bytes()
    path.write_bytes(b"\xef\xbb\xbf" + canonical.replace(b"\n", b"\r\n"))

    run = run_pst("fmt", project)

    assert run.code == 0, run.output
    assert path.read_bytes() == canonical


def test_unreadable_file_is_reported_and_never_rewritten(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "fmt_messy", tmp_path / "p")
    broken = project / "plan/challenges.yaml"
    broken.write_text("challenges:\n  - id: E1\n    label: [non fermé\n", encoding="utf-8")
    before = broken.read_bytes()

    run = run_pst("fmt", project)

    assert run.code == 1
    assert f"{project / 'plan/challenges.yaml'}:" in run.err
    assert broken.read_bytes() == before
    assert "remis en forme" in run.out and "pst.yaml" in run.out


def test_fmt_refuses_to_lose_a_comment_inside_a_bracket_list(tmp_path) -> None:
    """ruamel.yaml drops a comment inside a `[...]` list spread over lines: pst fmt refuses instead."""
    project = copy_project(FIXTURES / "fmt_formatted", tmp_path / "projet")
    challenges = project / "plan" / "challenges.yaml"
    text = challenges.read_text(encoding="utf-8")
    text = text.replace("    status: propose", "    status: propose\n    replaces: [E1,   # à confirmer au COPIL\n      E3]", 1)
    challenges.write_text(text, encoding="utf-8")
    before = challenges.read_bytes()
    result = run_pst("fmt", project)
    assert result.code != 0
    assert "Traceback" not in result.output
    assert challenges.read_bytes() == before
