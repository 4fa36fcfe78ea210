"""`pst add status ACTION STATUS [--date D] [--note N] DIR`: a dated change of an action's state."""

from __future__ import annotations

import datetime as dt

from conftest import run_pst, words

FA01 = "plan/actions/01-animations-sorties-ecole.yaml"


def test_a_change_is_appended_to_the_history_and_sets_the_status_keeping_comments(meaux):
    run = run_pst("add", "status", "FA-01", "realisee", "--date", "2026-06-30", "--note", "Cycle terminé", meaux)
    assert run.code == 0, run.output
    assert "FA-01 désormais réalisée" in words(run.out)
    text = (meaux / FA01).read_text(encoding="utf-8")
    # The state changes in place, its comment kept; the change is dated in `history:`.
    assert "status: realisee         # prevue, en-cours, realisee, abandonnee" in text
    # Appended after the change already recorded in the example (en cours since 3 March 2025).
    assert "    note: Première séance, après accord des directions d'école sur le calendrier\n  - date: 2026-06-30\n    status: realisee\n    note: Cycle terminé\n" in text
    assert "# Fiche action\xa0: une par fichier." in text
    check = run_pst("check", meaux)
    assert "actions/done-without-date" not in check.out and "actions/status-not-in-history" not in check.out


def test_without_a_date_the_change_is_dated_today(meaux):
    assert run_pst("add", "status", "FA-02", "en-cours", meaux).code == 0
    assert f"date: {dt.date.today().isoformat()}\n    status: en-cours" in (meaux / "plan/actions/02-fetes-de-quartier.yaml").read_text(encoding="utf-8")


def test_going_back_without_a_note_is_written_and_check_asks_why(meaux):
    assert run_pst("add", "status", "FA-01", "realisee", "--date", "2026-06-30", meaux).code == 0
    assert run_pst("add", "status", "FA-01", "en-cours", "--date", "2026-09-01", meaux).code == 0
    check = words(run_pst("check", meaux).out)
    assert "l'action « FA-01 » repasse de réalisée à en cours le 2026-09-01 sans explication [actions/status-backwards]" in check


def test_unknown_action_or_state_is_refused_in_french_with_the_closest_name(meaux):
    before = (meaux / FA01).read_text(encoding="utf-8")
    action = run_pst("add", "status", "FA-1", "realisee", meaux)
    assert action.code == 2
    assert "action inconnue : « FA-1 »" in words(action.err) and "Vouliez-vous dire « FA-01 » ?" in words(action.err)
    state = run_pst("add", "status", "FA-01", "realise", meaux)
    assert state.code == 2
    assert "état inconnu : « realise »" in words(state.err) and "Vouliez-vous dire « realisee » ?" in words(state.err)
    assert "Traceback" not in action.err + state.err
    assert (meaux / FA01).read_text(encoding="utf-8") == before


def test_a_change_dated_before_the_last_one_is_refused(meaux):
    assert run_pst("add", "status", "FA-01", "realisee", "--date", "2026-06-30", meaux).code == 0
    run = run_pst("add", "status", "FA-01", "abandonnee", "--date", "2026-01-01", meaux)
    assert run.code == 2
    assert "a déjà un changement du 2026-06-30, après le 2026-01-01" in words(run.err)
