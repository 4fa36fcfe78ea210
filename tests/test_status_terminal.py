"""`pst status` fits its terminal (words never cut, labels whole when there is room) and
prints Markdown with `--format md`."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time

from conftest import EXAMPLES, run_pst, words

from pst_cli.project.load import open_project

MEAUX = EXAMPLES / "meaux"
AT = "2026-06-30"


def _through_a_terminal(columns: int, *args: str) -> str:
    """What `pst ARGS` shows on a real pseudo-terminal `columns` wide (no COLUMNS variable: rich asks the terminal)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    environment = {**os.environ, "NO_COLOR": "1", "PST_LANG": ""}
    environment.pop("COLUMNS", None)
    environment.pop("PYTEST_CURRENT_TEST", None)
    process = subprocess.Popen([sys.executable, "-m", "pst_cli.cli", *args], stdin=slave, stdout=slave, stderr=slave, env=environment, close_fds=True)
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        elif process.poll() is not None:
            break
    assert process.wait(timeout=30) == 0, seen.decode("utf-8", "replace")
    os.close(master)
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", seen.decode("utf-8").replace("\r\n", "\n"))


def _cells(output: str, title: str, column: int) -> list[str]:
    """The text of `column` in each row of the table under `title`, its wrapped lines joined by a space."""
    lines = output.split(title + "\n", 1)[1].splitlines()
    rows: list[list[str]] = []
    for line in lines:
        if line.startswith("└"):
            break
        if not line.startswith("│"):
            continue
        parts = [part.strip() for part in line.split("│")[1:-1]]
        if parts[0] or not rows:
            rows.append([])
        if parts[column]:
            rows[-1].append(parts[column])
    return [" ".join(" ".join(row).split()) for row in rows]


def _labels() -> tuple[list[str], list[str]]:
    """The indicators' labels and the actions' titles, spaced as the tables show them (a line may end at a no-break space)."""
    project = open_project(MEAUX)

    def spaced(text: str) -> str:
        return " ".join(text.split())

    indicators = [spaced(indicator.label) for _, indicator in project.plan_indicators()]
    actions = [spaced(action.title) for action in project.actions]
    return indicators, actions


def test_status_at_80_columns_through_a_pty_cuts_no_word():
    output = _through_a_terminal(80, "status", str(MEAUX), "--at", AT)
    assert max(len(line) for line in output.splitlines()) <= 80
    indicators, actions = _labels()
    # Every label is there whole: its wrapped lines, joined, give it back word for word.
    assert _cells(output, "Indicateurs", 1) == indicators
    assert _cells(output, "Actions", 1) == actions
    assert "…" not in output
    # The late value and the next ones, named with their dates.
    assert "I-A3.OG3-2 (annuelle) : attendue au 31/12/2025" in words(output)
    assert "valeur au 31/12/2026 : I-A1.OG1-1" in words(output)


def test_status_at_140_columns_uses_the_wide_layout_and_cuts_no_label():
    output = run_pst("status", MEAUX, "--at", AT, env={"COLUMNS": "140"}).out
    assert max(len(line) for line in output.splitlines()) <= 140
    indicators, _ = _labels()
    # The wide layout (departure, latest value and target in their own columns), labels whole.
    assert "┃ Départ ┃" in output
    assert _cells(output, "Indicateurs", 1) == indicators
    assert "…" not in output


def test_below_the_minimum_width_a_word_too_long_ends_in_an_ellipsis_never_folded():
    output = run_pst("status", MEAUX, "--at", AT, env={"COLUMNS": "50"}).out
    assert "…" in output
    # No label word is broken over two lines: each cell line is made of whole words (or ends in « … »).
    indicators, _ = _labels()
    label_words = {word for label in indicators for word in label.split()}
    for part in _cells(output, "Indicateurs", 1):
        for word in part.split():
            assert word in label_words or word.endswith("…"), word


def test_status_md_is_a_markdown_table_with_user_text_escaped(meaux):
    axis = meaux / "plan/axes/1-identifier-le-centre-social.yaml"
    if not axis.exists():
        axis = next((meaux / "plan/axes").glob("1-*.yaml"))
    text = axis.read_text(encoding="utf-8")
    first = open_project(meaux).axes[0].general_objectives[0].operational_objectives[0].indicators[0].label
    axis.write_text(text.replace(first, "Animations | sorties *école* <b>gras</b>", 1), encoding="utf-8")
    run = run_pst("status", meaux, "--at", AT, "--format", "md")
    assert run.code == 0, run.output
    lines = run.out.splitlines()
    assert lines[0].startswith("### Projet social du centre social de Meaux")
    header = next(line for line in lines if line.startswith("| Indicateur |"))
    assert header == "| Indicateur | Intitulé | Départ | Dernière mesure | Cible | Progression | Remarque |"
    row = next(line for line in lines if line.startswith("| I-A1.OG1-1 |"))
    # The label's `|` does not split the row: seven cells, the user's text inert.
    assert len(re.split(r"(?<!\\)\|", row)) == 9
    assert r"Animations \| sorties \*école\* &lt;b&gt;gras&lt;/b&gt;" in row
    assert "| 4 | 9 (2025) | 20 | 31 % |" in row
    assert "**Mesures en retard** (1)" in lines
    assert "- I-A3.OG3-2 (annuelle) : attendue au 31/12/2025" in words(run.out).splitlines()
    assert "| FA-01 | Animations sorties d'école | En cours | 03/03/2025 |" in lines
