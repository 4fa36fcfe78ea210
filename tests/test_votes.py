"""`pst votes`: rankings of the votes held in workshops."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLES, FIXTURES, run_pst

from pst_cli.model.workshops import Vote
from pst_cli.monitoring.votes import rank_vote
from pst_cli.project.load import load_project


def test_dot_vote_ranks_best_first_and_ties_share_a_rank():
    vote = Vote.model_validate(
        {"id": "V", "question": "?", "options": [
            {"label": "a", "tally": 6}, {"label": "b", "tally": 10}, {"label": "c", "tally": 10}, {"label": "d", "tally": 4},
        ]}
    )
    options, total = rank_vote(vote)
    assert [(o.rank, o.label) for o in options] == [(1, "b"), (1, "c"), (3, "a"), (4, "d")]
    assert total == 30
    assert options[0].share == pytest.approx(1 / 3)


def test_multicriteria_vote_uses_the_weighted_mean_of_scores():
    vote = Vote.model_validate(
        {"id": "V", "question": "?", "method": "multicritere",
         "criteria": [{"id": "u", "label": "Urgence", "weight": 3}, {"id": "f", "label": "Faisabilité", "weight": 1}],
         "options": [{"label": "navette", "scores": {"u": 2, "f": 4}}, {"label": "logement", "scores": {"u": 4, "f": 2}}]}
    )
    options, _ = rank_vote(vote)
    assert [(o.label, o.value) for o in options] == [("logement", 3.5), ("navette", 2.5)]


def test_an_option_without_result_stays_listed_unranked():
    vote = Vote.model_validate({"id": "V", "question": "?", "options": [{"label": "a"}, {"label": "b", "tally": 2}]})
    options, _ = rank_vote(vote)
    assert [(o.rank, o.label) for o in options] == [(1, "b"), (None, "a")]


def test_pst_votes_prints_each_vote_as_a_ranked_table():
    run = run_pst("votes", FIXTURES / "votes_ranking")
    assert run.code == 0, run.output
    lines = run.out.splitlines()
    ranked = [line for line in lines if "│" in line and ("(E" in line)]
    assert [line.split("│")[2].strip() for line in ranked] == [
        "Logement (E1)", "Isolement des seniors (E3)", "Mobilité (E2)", "Accès aux droits (E4)",
    ]
    assert "15 votants × 2 gommettes = 30 possibles, 30 comptées" in run.out
    assert "3,50" in run.out and "Note pondérée" in run.out


def test_pst_votes_json_names_a_single_workshop_by_file_name():
    run = run_pst("votes", FIXTURES / "votes_ranking", "--workshop", "2025-03-10-priorisation.yaml", "--format", "json")
    assert run.code == 0, run.output
    votes = json.loads(run.out)
    assert [vote["vote"] for vote in votes] == ["V-gommettes", "V-criteres"]
    assert [(o["rank"], o["ref"]) for o in votes[0]["options"]] == [(1, "E1"), (1, "E3"), (3, "E2"), (4, "E4")]


def test_unknown_workshop_is_a_user_error_with_a_suggestion():
    run = run_pst("votes", FIXTURES / "votes_ranking", "--workshop", "W-prios")
    assert run.code == 2
    assert "aucun atelier « W-prios »" in run.err and "W-prio" in run.err
    assert "Traceback" not in run.output


def test_an_impossible_tally_fails_pst_check():
    run = run_pst("check", FIXTURES / "votes_impossible_tally")
    assert run.code == 1
    assert "25 gommettes comptées pour 20 possibles" in run.out
    assert "participation/vote-exceeds-dots" in run.out


def test_pst_votes_ranks_the_questembert_challenges():
    run = run_pst("votes", EXAMPLES / "questembert", "--format", "json")
    assert run.code == 0, run.output
    votes = json.loads(run.out)
    project = load_project(EXAMPLES / "questembert").project
    challenge_ids = {challenge.id for challenge in project.challenges}
    on_challenges = [vote for vote in votes if any(o["ref"] in challenge_ids for o in vote["options"])]
    assert on_challenges, "aucun vote de l'exemple ne porte sur les enjeux"
    for vote in on_challenges:
        values = [o["value"] for o in vote["options"] if o["rank"] is not None]
        assert values == sorted(values, reverse=True)
        assert vote["options"][0]["rank"] == 1
