"""No lost work: a command killed at a random moment leaves every existing file whole.

Each scenario runs a writing command once to completion (the reference), restores the
starting files, then runs it again and sends SIGTERM or SIGINT after a random delay. Every
file must then hold either its bytes from before or its bytes from the completed run —
never a mix — and no temporary file may be left behind.

These runs are separate processes, not `run_pst` calls: a signal arrives from outside,
and the random moments are fractions of how long a whole process takes.
"""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import EXAMPLES, copy_project, process_environment, run_pst, run_pst_process

pytestmark = pytest.mark.slow
REPRODUCIBLE = {"SOURCE_DATE_EPOCH": "1735689600"}


def snapshot(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def start(args: list[str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "pst_cli", *args], cwd=cwd, env=process_environment(REPRODUCIBLE), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def interrupted(args: list[str], cwd: Path, delay: float, signum: int) -> tuple[int, str]:
    process = start(args, cwd)
    time.sleep(delay)
    process.send_signal(signum)
    try:
        _, err = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate()
    return process.returncode, err.decode("utf-8", "replace")


def assert_whole(before: dict[str, bytes], complete: dict[str, bytes], now: dict[str, bytes]) -> None:
    leftovers = [name for name in now if name not in before and name not in complete]
    assert not leftovers, f"temporary or partial files left behind: {leftovers}"
    for name, data in now.items():
        allowed = [version for version in (before.get(name), complete.get(name)) if version is not None]
        assert data in allowed, f"{name} is neither the old nor the new version: it was half-written"


# (name, setup(tmp) -> (root, cwd, args)); each is interrupted at several random moments.
def render_setup(tmp: Path):
    root = copy_project(EXAMPLES / "meaux", tmp / "meaux")
    return root, tmp, ["render", str(root), "--to", "docx,pdf,html,md", "--quiet"]


def init_setup(tmp: Path):
    return tmp, tmp, ["init", str(tmp / "nouveau"), "--method", "copas", "--title", "Projet interrompu", "--no-git"]


def fmt_setup(tmp: Path):
    """Every file of the example rewritten with its keys sorted: `pst fmt` rewrites them all."""
    import yaml

    root = copy_project(EXAMPLES / "meaux", tmp / "meaux")
    for path in sorted(root.rglob("*.yaml")):
        if ".pst" not in path.parts:
            path.write_text(yaml.safe_dump(yaml.safe_load(path.read_text(encoding="utf-8")), allow_unicode=True, sort_keys=True), encoding="utf-8")
    return root, tmp, ["fmt", str(root)]


def add_setup(tmp: Path):
    root = copy_project(EXAMPLES / "meaux", tmp / "meaux")
    return root, tmp, [
        "add", "indicator", str(root), "--parent", "A1.OG1.OO1", "--label", "Nombre de familles accueillies",
        "--unit", "familles", "--baseline", "10", "--baseline-date", "2024-12-31", "--target", "30", "--frequency", "annuelle",
        "--source", "Registre d'accueil", "--owner", "direction-cs",
    ]


def import_setup(tmp: Path):
    """A tracking table exported from the example with one new value, ready to import."""
    from openpyxl import load_workbook

    root = copy_project(EXAMPLES / "meaux", tmp / "meaux")
    sheet_path = tmp / "suivi.xlsx"
    exported = run_pst("export", root, "--to", "xlsx", "-o", sheet_path)
    assert exported.code == 0, exported.output
    workbook = load_workbook(sheet_path)
    sheet = workbook["Suivi"]
    empty = next(cell for row in sheet.iter_rows(min_row=2) for cell in row[-2:] if cell.value is None)
    empty.value = 12
    workbook.save(sheet_path)
    return root, tmp, ["import", "measurements", str(sheet_path), str(root)]


SCENARIOS = {"render": render_setup, "init": init_setup, "fmt": fmt_setup, "add": add_setup, "import": import_setup}
# Moments, as fractions of the uninterrupted run's duration: random, but spread over it.
MOMENTS = [random.Random(seed).uniform(low, low + 0.25) for seed, low in enumerate((0.0, 0.25, 0.5, 0.75))]


@dataclass
class Reference:
    """A scenario set up in its folder, and the files of its uninterrupted run."""

    root: Path
    cwd: Path
    args: list[str]
    pristine: Path
    before: dict[str, bytes]
    complete: dict[str, bytes]
    duration: float


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The reference run of a scenario, made once per test process.

    Every moment of a scenario starts from the same files in the same folder, so one
    uninterrupted run gives them all the files to expect and the duration to aim in.
    """
    workspace = tmp_path_factory.mktemp("interrupt")
    made: dict[str, Reference] = {}

    def of(scenario: str) -> Reference:
        if scenario not in made:
            folder = workspace / scenario
            folder.mkdir()
            root, cwd, args = SCENARIOS[scenario](folder)
            pristine = workspace / f"{scenario}-pristine"
            shutil.copytree(root, pristine, symlinks=True)
            before = snapshot(root)
            started = time.perf_counter()
            finished = run_pst_process(*args, cwd=cwd, env=REPRODUCIBLE)
            duration = time.perf_counter() - started
            assert finished.code == 0, finished.output
            made[scenario] = Reference(root, cwd, args, pristine, before, snapshot(root), duration)
        return made[scenario]

    return of


@pytest.mark.parametrize("moment", MOMENTS, ids=[f"at-{m:.0%}" for m in MOMENTS])
@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_interrupted_command_leaves_files_whole(scenario, moment, reference):
    run = reference(scenario)
    shutil.rmtree(run.root)
    shutil.copytree(run.pristine, run.root, symlinks=True)
    before = run.before
    if scenario == "render":
        # Outputs from an earlier run must survive an interrupted new one.
        before = run.complete
        earlier = run_pst_process(*run.args, cwd=run.cwd, env=REPRODUCIBLE)
        assert earlier.code == 0, earlier.output
    signum = signal.SIGTERM if MOMENTS.index(moment) % 2 == 0 else signal.SIGINT
    code, err = interrupted(run.args, run.cwd, moment * run.duration, signum)
    assert "Traceback" not in err
    if moment < 0.5:
        assert code != 0, "the command finished before the signal: the moment is too late to test anything"
    assert_whole(before, run.complete, snapshot(run.root))


def _processes_with(marker: str) -> list[int]:
    """Processes whose environment holds `marker` (the children of a pst run inherit it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_stops_typst_at_once(tmp_path, signum):
    """A cancelled CI job: the signal arrives while Typst compiles; the command ends within 2 s,
    says « interrompu », and leaves no process, no temporary file and no PDF behind."""
    root = copy_project(EXAMPLES / "meaux", tmp_path / "meaux")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    # Unique to this run: tmp_path's name repeats across the parallel test workers.
    token = uuid.uuid4().hex
    marker = f"PST_TEST_MARKER={token}"
    env = {**REPRODUCIBLE, "TMPDIR": str(temporary), "PST_TEST_MARKER": token}
    process = subprocess.Popen(
        [sys.executable, "-m", "pst_cli.cli", "render", str(root), "--to", "pdf", "--quiet"],
        env=process_environment(env), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    # Typst runs once its source is written into the work folder.
    while not list(temporary.glob("pst-render-*/*.typ")) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.1)
    assert process.poll() is None, "the render ended before Typst started"
    sent = time.monotonic()
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    elapsed = time.monotonic() - sent

    assert elapsed < 2, f"{elapsed:.2f} s after the signal"
    assert process.returncode == 130
    assert "interrompu" in err.decode("utf-8")
    assert list(temporary.iterdir()) == []
    assert not list(root.glob("build/*"))
    assert _processes_with(marker) == []
