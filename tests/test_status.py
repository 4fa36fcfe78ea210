"""`pst status`: progress against targets, late measurements, roll-up and participation."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import EXAMPLES, FIXTURES, run_pst

from pst_cli.model.plan import Indicator
from pst_cli.monitoring.expected import add_months
from pst_cli.monitoring.progress import raw_progress

STATUS = FIXTURES / "status_progress"


def _indicator(direction: str, baseline: float, target: float) -> Indicator:
    return Indicator.model_validate({
        "id": "I", "label": "x", "direction": direction,
        "baseline": {"value": baseline, "date": "2024-12-31"}, "target": {"value": target, "date": "2028-12-31"},
    })


@pytest.mark.parametrize(
    ("direction", "baseline", "target", "value", "expected"),
    [
        ("decrease", 40, 20, 30, 0.5),     # lower is better: half-way from 40 to 20
        ("decrease", 40, 20, 45, -0.25),   # went up: a regression
        ("increase", 10, 20, 25, 1.5),     # target exceeded
        ("maintain", 100, 100, 104, 1.0),  # within 5 % of the baseline
        ("maintain", 100, 100, 90, -0.05),  # drifted 10 %: 5 points beyond the tolerance
    ],
)
def test_progress_follows_the_direction_of_the_indicator(direction, baseline, target, value, expected):
    assert raw_progress(_indicator(direction, baseline, target), value) == pytest.approx(expected)


def test_month_ends_stay_month_ends():
    assert add_months(dt.date(2024, 12, 31), 12) == dt.date(2025, 12, 31)
    assert add_months(dt.date(2024, 8, 31), 6) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2025, 1, 15), 3) == dt.date(2025, 4, 15)


def _status(at: str) -> dict:
    run = run_pst("status", STATUS, "--at", at, "--format", "json")
    assert run.code == 0, run.output
    return json.loads(run.out)


def test_lower_is_better_indicator_shows_fifty_percent():
    data = _status("2027-02-01")
    attente = next(item for item in data["indicators"] if item["id"] == "I-attente")
    assert attente["latest"] == {"value": 30, "date": "2025-12-31"}
    assert attente["progress"] == pytest.approx(0.5)
    run = run_pst("status", STATUS, "--at", "2027-02-01")
    row = next(line for line in run.out.splitlines() if "I-attente" in line and "│" in line)
    assert "50 %" in row


def test_a_measure_below_baseline_is_shown_as_a_regression():
    data = _status("2026-06-01")
    menages = next(item for item in data["indicators"] if item["id"] == "I-menages")
    assert menages["regression"] is True and menages["progress"] == 0
    run = run_pst("status", STATUS, "--at", "2026-06-01")
    row = next(line for line in run.out.splitlines() if "I-menages" in line and "│" in line)
    assert "régression" in row


def test_late_measurements_follow_the_frequency():
    data = _status("2027-02-01")
    # Annual since the 2024-12-31 baseline: 2025 measured, 2026 missing for I-attente only.
    assert data["late"] == ["I-attente"]
    attente = next(item for item in data["indicators"] if item["id"] == "I-attente")
    assert attente["late"] == ["2026-12-31"]
    assert _status("2026-12-31")["late"] == []  # due today: not late yet
    run = run_pst("status", STATUS, "--at", "2027-02-01")
    assert "I-attente (annuelle) : attendue au 31/12/2026" in run.out


def test_progress_rolls_up_as_plain_means_and_counts_unmeasured_indicators():
    data = _status("2027-02-01")
    axis = data["axes"][0]
    general = axis["children"][0]
    operational = {child["id"]: child["progress"] for child in general["children"]}
    # attente 50 %, ménages 10 % (10 → 11 on the way to 20), permanences 100 % (99 within 5 % of 100).
    assert operational == pytest.approx({"A1.OG1.OO1": 0.5, "A1.OG1.OO2": 0.1, "A1.OG1.OO3": 1.0})
    # The impact indicator of the general objective has no measurement: left out, counted.
    assert general["progress"] == pytest.approx((0.5 + 0.1 + 1.0) / 3)
    assert axis["progress"] == pytest.approx(general["progress"])
    assert (axis["measured"], axis["unmeasured"]) == (3, 1)


def test_participation_sums_counts_per_category():
    categories = {row["category"]: row for row in _status("2027-02-01")["participation"]["categories"]}
    assert (categories["habitant"]["people"], categories["habitant"]["workshops"]) == (15, 2)
    assert (categories["elu"]["people"], categories["elu"]["workshops"]) == (2, 1)


def test_meaux_status_names_the_late_indicator():
    run = run_pst("status", EXAMPLES / "meaux", "--at", "2026-06-30")
    assert run.code == 0, run.output
    assert "I-A3.OG3-2 (annuelle) : attendue au 31/12/2025" in run.out
    assert "Participation (5 ateliers)" in run.out  # the four of 2024 and the review with the residents of 2025


def test_invalid_date_is_a_user_error():
    run = run_pst("status", STATUS, "--at", "31/12/2026")
    assert run.code == 2
    assert "date invalide" in run.err and "Traceback" not in run.output
