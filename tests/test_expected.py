"""Which measurement is due when (`monitoring/expected.py`): one test per kind of indicator, and
the agreement of `pst status` and `pst check` on a baseline before the period and a delayed indicator."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from conftest import FIXTURES, run_pst, words, write_tree

from pst_cli.monitoring.expected import Due, dues_in_year, expected, missing, next_due, window
from pst_cli.project.load import open_project

AGREEMENT = FIXTURES / "monitoring_baseline_before_period_delayed"
D = dt.date


def _project(tmp_path: Path, indicator: str, measurements: str = "measurements: []\n", period: str = "  start: 2025-01-01\n  end: 2028-12-31\n", kind: str = "pst"):
    """A one-indicator project: `indicator` is the YAML of its fields (indented 10 spaces)."""
    write_tree(tmp_path, {
        "pst.yaml": f"title: Test\nkind: {kind}\nstructure:\n  name: Centre\nterritory:\n  name: Ville\nperiod:\n{period}language: fr\n",
        "plan/axes/1.yaml": (
            "id: A1\ntitle: Axe\ngeneral_objectives:\n  - id: A1.OG1\n    title: Objectif\n    operational_objectives:\n"
            "      - id: A1.OG1.OO1\n        title: Objectif opérationnel\n        indicators:\n"
            "          - id: I\n            label: Indicateur\n" + indicator
        ),
        "evaluation/measurements.yaml": measurements,
    })
    project = open_project(tmp_path)
    return project, next(ind for _, ind in project.plan_indicators())


def _values(*rows: str) -> str:
    """Measurements of I: `2025-12-31=30` or `2025-12-31=30@Meaux` (a territory)."""
    lines = ["measurements:"]
    for row in rows:
        day, rest = row.split("=")
        value, _, territory = rest.partition("@")
        lines += [f"  - indicator: I\n    date: {day}\n    value: {value}"] + ([f"    territory: {territory}"] if territory else [])
    return "\n".join(lines) + "\n"


ANNUAL = "            frequency: annuelle\n            baseline: {value: 40, date: 2024-12-31}\n            target: {value: 20, date: 2028-12-31}\n"


def test_annual_indicator_is_due_each_31_december_and_late_only_after(tmp_path):
    project, indicator = _project(tmp_path, ANNUAL, _values("2025-12-31=30"))
    at = D(2027, 2, 1)
    assert [due.reference for due in expected(indicator, project, at)] == [D(2025, 12, 31), D(2026, 12, 31)]
    # 2025 is measured; the value of 2026 is what the user sees « en retard ».
    assert missing(indicator, project.measurements, project, at) == [Due(D(2026, 12, 31), D(2026, 12, 31))]
    # Due on the day itself: not late yet.
    assert missing(indicator, project.measurements, project, D(2026, 12, 31)) == []
    assert next_due(indicator, project, at) == Due(D(2027, 12, 31), D(2027, 12, 31))


def test_semi_annual_indicator_is_due_each_half_year(tmp_path):
    indicator_yaml = ANNUAL.replace("annuelle", "semestrielle")
    project, indicator = _project(tmp_path, indicator_yaml, _values("2025-06-30=35"))
    at = D(2026, 1, 15)
    assert [due.reference for due in expected(indicator, project, at)] == [D(2025, 6, 30), D(2025, 12, 31)]
    assert [due.reference for due in missing(indicator, project.measurements, project, at)] == [D(2025, 12, 31)]
    assert [due.reference for due in dues_in_year(indicator, project, 2026)] == [D(2026, 6, 30), D(2026, 12, 31)]


def test_cnaf_indicator_published_two_years_late_is_never_late_before_publication(tmp_path):
    indicator_yaml = (
        "            frequency: annuelle\n            delay: 24\n"
        "            baseline: {value: 1310, date: 2023-12-31}\n            target: {value: 1400, date: 2028-12-31}\n"
    )
    project, indicator = _project(tmp_path, indicator_yaml)
    # Mid-2027 the value of 2025 is not published yet (end of 2027): nothing is late.
    assert expected(indicator, project, D(2027, 6, 30)) == []
    assert next_due(indicator, project, D(2027, 6, 30)) == Due(D(2025, 12, 31), D(2027, 12, 31))
    # Once published, the value of 2025 is late — and only it.
    assert missing(indicator, project.measurements, project, D(2028, 1, 15)) == [Due(D(2025, 12, 31), D(2027, 12, 31))]
    # The review of 2026 lists the value describing 2026, available at the end of 2028.
    assert dues_in_year(indicator, project, 2026) == [Due(D(2026, 12, 31), D(2028, 12, 31))]


def test_baseline_before_the_period_expects_nothing_before_the_start_but_accepts_values(tmp_path):
    indicator_yaml = ANNUAL.replace("date: 2024-12-31", "date: 2022-12-31")
    project, indicator = _project(tmp_path, indicator_yaml, _values("2023-12-31=38", "2024-12-31=36"))
    # 2023 and 2024 precede the plan (2025–2028): not demanded…
    assert [due.reference for due in expected(indicator, project, D(2026, 3, 1))] == [D(2025, 12, 31)]
    assert [due.reference for due in missing(indicator, project.measurements, project, D(2026, 3, 1))] == [D(2025, 12, 31)]
    # …but accepted: the window of reference dates starts at the baseline.
    assert window(indicator, project) == (D(2022, 12, 31), D(2028, 12, 31))


def test_cumulative_total_fills_the_earlier_missing_year_a_flow_does_not(tmp_path):
    cumul = ANNUAL.replace("value: 40", "value: 0").replace("value: 20", "value: 200") + "            kind: cumul\n"
    project, indicator = _project(tmp_path / "cumul", cumul, _values("2026-12-31=80"))
    at = D(2027, 2, 1)
    # The total of 2026 includes 2025: nothing left to collect.
    assert missing(indicator, project.measurements, project, at) == []
    flux, indicator = _project(tmp_path / "flux", cumul.replace("kind: cumul", "kind: flux"), _values("2026-12-31=80"))
    # A flow counted over 2026 says nothing of 2025: still late.
    assert [due.reference for due in missing(indicator, flux.measurements, flux, at)] == [D(2025, 12, 31)]


def test_per_territory_indicator_expects_one_value_per_commune(tmp_path):
    indicator_yaml = ANNUAL + "            territories: [Meaux, Trilport]\n"
    project, indicator = _project(tmp_path, indicator_yaml, _values("2025-12-31=30@Meaux"))
    at = D(2026, 2, 1)
    assert expected(indicator, project, at) == [
        Due(D(2025, 12, 31), D(2025, 12, 31), "Meaux"),
        Due(D(2025, 12, 31), D(2025, 12, 31), "Trilport"),
    ]
    assert missing(indicator, project.measurements, project, at) == [Due(D(2025, 12, 31), D(2025, 12, 31), "Trilport")]


def test_end_of_project_indicator_expects_one_final_value_and_a_one_off_none(tmp_path):
    final = ANNUAL.replace("annuelle", "fin-de-projet")
    project, indicator = _project(tmp_path / "final", final, _values("2026-12-31=30"))
    assert expected(indicator, project, D(2028, 6, 1)) == []
    # A mid-plan value is not the final one.
    assert missing(indicator, project.measurements, project, D(2029, 1, 2)) == [Due(D(2028, 12, 31), D(2028, 12, 31))]
    project, indicator = _project(tmp_path / "once", ANNUAL.replace("annuelle", "ponctuelle"))
    assert expected(indicator, project, D(2029, 1, 2)) == []


def test_open_ended_departmental_plan_is_followed_year_after_year(tmp_path):
    project, indicator = _project(tmp_path, ANNUAL, period="  start: 2025-01-01\n  review: 2025-11-20\n", kind="departemental")
    assert window(indicator, project) == (D(2024, 12, 31), dt.date.max)
    assert len(expected(indicator, project, D(2031, 1, 1))) == 6  # 2025 … 2030


def test_status_and_check_agree_on_a_baseline_before_the_period_and_a_cnaf_indicator():
    """The fixture's indicators: I-familles (baseline 2022, values of 2023 and 2024 before the
    2025 start), I-allocataires (CNAF data, `delay: 24`, value of 2024 given)."""
    # pst check: the values between the baseline and the start are not « hors de la période ».
    check = run_pst("check", AGREEMENT, "--format", "json")
    assert check.code == 0, check.output
    assert "indicators/measurement-outside-period" not in check.out
    # pst status, mid-2027: nothing « en retard » (the CNAF value of 2025 is published at the end of
    # 2027), and the next values expected are named with their dates.
    status = run_pst("status", AGREEMENT, "--at", "2027-06-30")
    assert status.code == 0, status.output
    out = words(status.out)
    assert "Aucune mesure en retard." in out
    assert "en retard" not in out.replace("Aucune mesure en retard.", "")
    assert "valeur au 31/12/2025, publiée le 31/12/2027 : I-allocataires" in out
    assert "valeur au 31/12/2027 : I-familles" in out
    data = json.loads(run_pst("status", AGREEMENT, "--at", "2027-06-30", "--format", "json").out)
    assert data["late"] == []
    # Once the CNAF value of 2025 is published, status says it is late; check still has nothing to say.
    late = words(run_pst("status", AGREEMENT, "--at", "2028-01-15").out)
    assert "I-allocataires (annuelle) : attendue au 31/12/2025" in late
