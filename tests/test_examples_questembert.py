"""The Questembert example: the CIAS's five concertation sessions, forum, votes and six enjeux."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from conftest import EXAMPLES, copy_project, run_pst

QUESTEMBERT = EXAMPLES / "questembert"


def load(relpath: str) -> dict:
    return yaml.safe_load((QUESTEMBERT / relpath).read_text(encoding="utf-8"))


def test_checks_with_nothing_at_error_level() -> None:
    run = run_pst("check", QUESTEMBERT, "--format", "json")
    assert run.code == 0, run.output
    assert not [f for f in json.loads(run.out) if f["severity"] == "error"]


def test_follows_the_questembert_method() -> None:
    config = load("pst.yaml")
    assert (config["kind"], config["method"], config["language"]) == ("pst", "questembert", "fr")
    workshops = [load(f"workshops/{p.name}") for p in sorted((QUESTEMBERT / "workshops").glob("*.yaml"))]
    assert [w["phase"] for w in workshops] == ["diagnostic", "prospective", "convergence", "forum", "restructuration", "validation"]
    assert all(w.get("minutes") for w in workshops)
    formats = " ".join(w["format"] for w in workshops)
    assert "et si" in formats and "fresque citoyenne" in formats and "cartographie éco-systémique" in formats
    elected = next(s for s in load("stakeholders.yaml")["stakeholders"] if s["id"] == "elus-ca")
    assert elected["group"]["count"] == 15 and "personal" not in elected


def test_votes_are_consistent_with_voters_and_dots() -> None:
    votes = [vote for path in (QUESTEMBERT / "workshops").glob("*.yaml") for vote in load(f"workshops/{path.name}").get("votes", [])]
    assert {"V-criteres", "V-valeurs", "V-modalites", "V-ambitions", "V-enjeux", "V-objectifs", "V-priorites"} <= {v["id"] for v in votes}
    for vote in votes:
        if vote["method"] == "gommettes":
            tallies = [option["tally"] for option in vote["options"]]
            assert sum(tallies) <= vote["voters"] * vote["dots_per_participant"], vote["id"]
            assert max(tallies) <= vote["voters"], vote["id"]
        else:
            criteria = {criterion["id"] for criterion in vote["criteria"]}
            assert all(criterion["weight"] > 0 for criterion in vote["criteria"])
            assert all(set(option["scores"]) == criteria for option in vote["options"]), vote["id"]


def test_fourteen_forum_enjeux_restructured_into_six() -> None:
    challenges = load("plan/challenges.yaml")["challenges"]
    forum = [c for c in challenges if c.get("status", "retenu") in ("fusionne", "propose")]
    kept = [c for c in challenges if c.get("status", "retenu") == "retenu"]
    assert len(forum) == 14 and 6 <= len(kept) <= 7
    replaced = [old for challenge in kept for old in challenge["replaces"]]
    assert sorted(replaced) == sorted(c["id"] for c in forum)  # every forum enjeu lands in exactly one new one


def test_objectives_are_prioritised() -> None:
    priorities = []
    for path in sorted((QUESTEMBERT / "plan" / "axes").glob("*.yaml")):
        for general in load(f"plan/axes/{path.name}")["general_objectives"]:
            for operational in general["operational_objectives"]:
                priorities.append(operational["priority"])
                assert operational["indicators"][0]["type"] == "resultat"
    assert sorted(priorities) == list(range(1, len(priorities) + 1))


def test_renders_to_pdf(tmp_path: Path) -> None:
    project = copy_project(QUESTEMBERT, tmp_path / "questembert")
    run = run_pst("render", project, "--to", "pdf")
    assert run.code == 0, run.output
    from pypdf import PdfReader

    pdf = next((project / "build").glob("*.pdf"))
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Questembert" in text
