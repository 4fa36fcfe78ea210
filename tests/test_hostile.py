"""Hostile projects: text is data, never code; nothing outside the project is read; output stays bounded.

A copy of the Meaux example gets a payload in every free-text field — template syntax,
raw HTML, Pandoc raw blocks and attributes, LaTeX and Typst commands, links and images
pointing outside the project — then every reading command runs on it.
"""

from __future__ import annotations

import json
import re
import socket
from html.parser import HTMLParser
from pathlib import Path
from typing import get_args

import pytest
import yaml
from conftest import EXAMPLES, copy_project, run_pst

from pst_cli.model.frameworks import COMPLEMENTARY_MISSIONS, GENERAL_MISSIONS
from pst_cli.model.means import StaffRole

TEXT_KEYS = {
    "title", "subtitle", "summary", "label", "description", "statement", "name", "role", "context",
    "place", "format", "follow_up", "minutes", "means", "definition", "question", "theme", "limits",
}
TEXT_LISTS = {"outputs", "questions", "agreements", "disagreements", "examples", "expected_results", "missions", "decisions"}
PAYLOAD = (
    "{{ 7*7 }} {% if true %}jinja{% endif %} <script>alert(1)</script> <img src=x onerror=alert(2)> "
    "`<b>raw</b>`{=html} \\input{/etc/passwd} #read(\"/etc/passwd\") "
    "![secret](/etc/passwd) [lien](javascript:alert(3)) <!-- commentaire -->"
)
RAW_BLOCK = "\n\n```{=html}\n<script>alert(4)</script>\n```\n\n```{=typst}\n#read(\"/etc/passwd\")\n```\n"
SECRET_MARKERS = ["root:x:0:0", "alert(1)</script>"]
# `role` and `missions` are free text for a stakeholder or a référent, codes for a staff post
# or an objective's CNAF missions: a code stays a code.
CODES = set(get_args(StaffRole)) | set(GENERAL_MISSIONS) | set(COMPLEMENTARY_MISSIONS)


def poison(value, key=None):
    """Put the payload into every free-text value, leave ids, dates and numbers alone."""
    if isinstance(value, dict):
        return {k: poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        if key in TEXT_LISTS:
            return [f"{item} {PAYLOAD}" if isinstance(item, str) and item not in CODES else poison(item) for item in value]
        return [poison(item) for item in value]
    if isinstance(value, str) and key in TEXT_KEYS and value not in CODES:
        return f"{value} {PAYLOAD}" + (RAW_BLOCK if key in ("summary", "minutes", "description") else "")
    return value


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    root = copy_project(EXAMPLES / "meaux", tmp_path_factory.mktemp("hostile") / "meaux")
    for path in sorted(root.rglob("*.yaml")):
        if ".pst" in path.parts:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(poison(data), allow_unicode=True, sort_keys=False, width=4096), encoding="utf-8")
    for section in (root / "sections").glob("*.md"):
        section.write_text(section.read_text(encoding="utf-8") + "\n\n" + PAYLOAD + RAW_BLOCK + "\n![hostname](../../../../etc/hostname)\n", encoding="utf-8")
    return root


def test_check_reads_payloads_as_text(hostile):
    result = run_pst("check", hostile, "--format", "json")
    assert "Traceback" not in result.output
    assert result.code == 0, result.out[-3000:]
    assert isinstance(json.loads(result.out), list)


@pytest.fixture(scope="module")
def rendered(hostile) -> dict[str, str]:
    result = run_pst("render", hostile, "--to", "html,md,docx,pdf", "--quiet")
    assert result.code == 0, result.output
    outputs = {}
    for path in (hostile / "build").iterdir():
        if path.suffix in (".html", ".md"):
            outputs[path.suffix] = path.read_text(encoding="utf-8")
    import pypandoc
    from pypdf import PdfReader

    outputs[".docx"] = pypandoc.convert_file(str(hostile / "build" / "meaux.docx"), "plain")
    outputs[".pdf"] = "\n".join(page.extract_text() for page in PdfReader(hostile / "build" / "meaux.pdf").pages)
    return outputs


def test_template_syntax_is_printed_not_evaluated(rendered):
    assert "{{ 7*7 }}" in rendered[".html"]
    assert "{% if true %}jinja{% endif %}" in rendered[".html"]
    assert "7*7" in rendered[".pdf"].replace(" ", "") or "7∗7" in rendered[".pdf"].replace(" ", "")


def test_no_raw_html_reaches_the_html(rendered):
    html = rendered[".html"]
    tags = TagCollector()
    tags.feed(html)
    assert "script" not in {tag for tag, _ in tags.seen}
    assert not [(tag, name) for tag, attributes in tags.seen for name, _ in attributes if name.startswith("on")]
    assert not [value for tag, attributes in tags.seen for name, value in attributes if name == "href" and (value or "").startswith("javascript:")]
    assert "b" not in {tag for tag, _ in tags.seen}
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text


class TagCollector(HTMLParser):
    """Every tag of an HTML page with its attributes, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.seen.append((tag, attrs))


def test_nothing_outside_the_project_is_read(rendered):
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else socket.gethostname()
    for suffix, text in rendered.items():
        assert "root:x:0:0" not in text, suffix
        if len(hostname) >= 6:
            assert f"\n{hostname}\n" not in text, suffix


def test_enormous_string_is_refused_with_its_position(tmp_path):
    root = copy_project(EXAMPLES / "meaux", tmp_path / "meaux")
    path = root / "diagnostic" / "findings.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["findings"][0]["statement"] = "Constat très long. " * 50_000  # ~1 MB in one value
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=4096), encoding="utf-8")
    check = run_pst("check", root, "--format", "json")
    assert check.code == 1 and "Traceback" not in check.output
    [finding] = json.loads(check.out)
    assert finding["rule"] == "schema/out-of-range" and "20000" in finding["message"]
    assert finding["path"].endswith("diagnostic/findings.yaml") and finding["line"] > 1


def test_long_texts_everywhere_give_bounded_output(tmp_path):
    root = copy_project(EXAMPLES / "meaux", tmp_path / "meaux")
    path = root / "diagnostic" / "findings.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for finding in data["findings"]:
        finding["statement"] = "Constat très long. " * 1_000  # the longest text a field takes
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=4096), encoding="utf-8")
    result = run_pst("render", root, "--to", "html,md", "--quiet")
    assert result.code == 0, result.output
    sizes = {path.suffix: path.stat().st_size for path in (root / "build").iterdir() if path.suffix in (".html", ".md")}
    assert all(size < 20 * 1024 * 1024 for size in sizes.values()), sizes


def test_text_that_looks_like_yaml_or_a_command_stays_text(tmp_path):
    """A title that looks like a shell command or a path is shown, never run or opened."""
    root = copy_project(EXAMPLES / "meaux", tmp_path / "meaux")
    pst_yaml = root / "pst.yaml"
    text = pst_yaml.read_text(encoding="utf-8")
    pst_yaml.write_text(text.replace("\ntitle: ", "\ntitle: \"$(touch /tmp/pst-pwned) `id` ; rm -rf ~ — \" #", 1), encoding="utf-8")
    result = run_pst("render", root, "--to", "md", "--quiet")
    assert result.code == 0, result.output
    assert not Path("/tmp/pst-pwned").exists()
    assert "touch /tmp/pst-pwned" in (root / "build" / "meaux.md").read_text(encoding="utf-8")


def test_a_project_cannot_bring_its_own_lua_filter(tmp_path):
    """Lua filters are code: a project's `templates/` may restyle the document, never run code."""
    root = copy_project(EXAMPLES / "meaux", tmp_path / "meaux")
    marker = tmp_path / "lua-ran"
    for name in ("sanitise.lua", "typst-images.lua"):
        (root / "templates").mkdir(exist_ok=True)
        (root / "templates" / name).write_text(f'io.open("{marker}", "w"):write("pwned")\n', encoding="utf-8")
    result = run_pst("render", root, "--to", "html,pdf", "--quiet")
    assert result.code == 0, result.output
    assert not marker.exists()


def test_a_template_symlinked_out_of_the_project_is_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-OUTSIDE-THE-PROJECT", encoding="utf-8")
    root = copy_project(EXAMPLES / "meaux", tmp_path / "meaux")
    (root / "templates" / "chapters").mkdir(parents=True)
    (root / "templates" / "chapters" / "synthesis.md.j2").symlink_to(secret)
    result = run_pst("render", root, "--to", "md", "--quiet")
    assert "Traceback" not in result.output
    if result.code == 0:
        assert "SECRET-OUTSIDE-THE-PROJECT" not in (root / "build" / "meaux.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "command",
    [
        ["votes", "{root}"],
        ["votes", "{root}", "--format", "json"],
        ["status", "{root}", "--at", "2026-06-30"],
        ["status", "{root}", "--format", "json"],
        ["minutes", "2024-06-18-forum-enjeux", "{root}", "--to", "md,docx,pdf", "-o", "{out}"],
        ["export", "{root}", "--to", "xlsx", "-o", "{out}/suivi.xlsx"],
        ["export", "{root}", "--to", "csv", "--what", "stakeholders", "-o", "{out}/acteurs.csv"],
        ["fmt", "{root}", "--check"],
        ["check", "{root}", "--format", "sarif"],
        ["check", "{root}", "--format", "github"],
    ],
    ids=lambda command: "-".join(part for part in command if not part.startswith("{"))[:40],
)
def test_every_reading_command_treats_payloads_as_text(hostile, tmp_path, command):
    """Votes, status, minutes, exports and reports of a hostile project: no crash, nothing run, nothing read outside."""
    args = [part.format(root=hostile, out=tmp_path) for part in command]
    result = run_pst(*args)
    assert "Traceback" not in result.output
    assert result.code in (0, 1), result.output[-2000:]
    assert "root:x:0:0" not in result.output
    for path in tmp_path.rglob("*"):
        if path.is_file() and path.suffix in (".md", ".csv"):
            text = path.read_text(encoding="utf-8-sig")
            assert "root:x:0:0" not in text
            assert "{{ 7*7 }}" in text or path.suffix == ".csv" or "7\\*7" in text


def test_diff_of_a_hostile_change_is_text(hostile, tmp_path):
    import subprocess

    repository = copy_project(hostile, tmp_path / "repo")
    git = ["git", "-c", "user.name=pst", "-c", "user.email=pst@localhost", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=repository, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repository, check=True)
    subprocess.run([*git, "commit", "-qm", "hostile"], cwd=repository, check=True)
    challenges = repository / "plan" / "challenges.yaml"
    data = yaml.safe_load(challenges.read_text(encoding="utf-8"))
    data["challenges"][0]["label"] = "Nouvel enjeu <script>alert(5)</script> | colonne {{ 7*7 }}"
    challenges.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=4096), encoding="utf-8")
    for output_format in ("text", "md", "json"):
        result = run_pst("diff", "HEAD", repository, "--format", output_format)
        assert result.code == 0, result.output
        assert "Traceback" not in result.output
        assert "{{ 7*7 }}" in result.out or "{{ 7\\*7 }}" in result.out or "7\\*7" in result.out
    markdown = run_pst("diff", "HEAD", repository, "--format", "md").out
    # Values are shown in code spans, which GitHub prints literally; outside them, no markup.
    assert "<script" not in re.sub(r"`[^`]*`", "", markdown).lower()
    assert "&lt;script&gt;" in markdown
