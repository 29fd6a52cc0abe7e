from datetime import date, datetime

import pytest
from outsourcing_retention.engine import client_programme as cp

WAGE = {"side": "inhouse", "method": "per_head_month", "value": 6000, "is_wage": True}


@pytest.mark.parametrize(
    ("lines", "headcount", "months", "inhouse", "outsourcing", "saving_percent"),
    [
        # Wages only: 10 people, 12 months at 6000.
        ([WAGE], 10, 12, 720000.0, 0.0, 100.0),
        # Social insurance 30 % and housing fund 7 % of the wages.
        (
            [
                WAGE,
                {"side": "inhouse", "method": "percent_of_wages", "value": 30},
                {"side": "inhouse", "method": "percent_of_wages", "value": 7},
            ],
            10,
            12,
            986400.0,
            0.0,
            100.0,
        ),
        # Turnover: 3000 per replacement, 40 % a year, 10 people, 6 months -> 6000.
        (
            [{"side": "inhouse", "method": "turnover", "value": 3000, "turnover_rate": 40}],
            10,
            6,
            6000.0,
            0.0,
            100.0,
        ),
        # The vendor's quote per head and month against wages and a recruitment lump sum.
        (
            [
                WAGE,
                {"side": "inhouse", "method": "lump_sum", "value": 20000},
                {"side": "outsourcing", "method": "per_head_month", "value": 6500},
            ],
            10,
            12,
            740000.0,
            780000.0,
            -5.4,
        ),
        # Outsourcing wages carry their own percentage, not the in-house one.
        (
            [
                WAGE,
                {"side": "outsourcing", "method": "per_head_month", "value": 5000, "is_wage": True},
                {"side": "outsourcing", "method": "percent_of_wages", "value": 10},
            ],
            2,
            1,
            12000.0,
            11000.0,
            8.3,
        ),
        # No people, no cost; no in-house cost gives no saving percentage.
        ([WAGE], 0, 12, 0.0, 0.0, 0.0),
        ([], 10, 12, 0.0, 0.0, 0.0),
    ],
)
def test_cost_comparison(lines, headcount, months, inhouse, outsourcing, saving_percent):
    result = cp.cost_comparison(lines, headcount, months)
    assert result["inhouse"] == inhouse
    assert result["outsourcing"] == outsourcing
    assert result["saving"] == round(inhouse - outsourcing, 2)
    assert result["saving_percent"] == saving_percent
    assert len(result["lines"]) == len(lines)


@pytest.mark.parametrize(
    ("lines", "headcount", "months"),
    [
        ([WAGE], -1, 12),
        ([WAGE], 1, -1),
        ([{"side": "inhouse", "method": "lump_sum", "value": -1}], 1, 1),
        ([{"side": "elsewhere", "method": "lump_sum", "value": 1}], 1, 1),
        ([{"side": "inhouse", "method": "guess", "value": 1}], 1, 1),
        ([{"side": "inhouse", "method": "turnover", "value": 1, "turnover_rate": -5}], 1, 1),
    ],
)
def test_cost_comparison_refuses_bad_input(lines, headcount, months):
    with pytest.raises(ValueError):
        cp.cost_comparison(lines, headcount, months)


@pytest.mark.parametrize(
    ("items", "total", "level", "scores", "open_mitigations"),
    [
        ([], 0.0, "low", [], []),
        ([{"score": 5, "weight": 1}], 100.0, "high", [5], []),
        ([{"score": 2, "weight": 1}, {"score": 4, "weight": 1}], 60.0, "medium", [2, 4], []),
        # Weights: 0*3 + 5*1 over 5*4.
        ([{"score": 0, "weight": 3}, {"score": 5, "weight": 1}], 25.0, "low", [0, 5], []),
        # A floor from the suite's facts (dispatch cap breached) overrides a lower score.
        ([{"score": 1, "weight": 1, "floor": 4}], 80.0, "high", [4], []),
        ([{"score": 5, "weight": 1, "floor": 4}], 100.0, "high", [5], []),
        # Open mitigations: written and not done; blank text is no mitigation.
        (
            [
                {"score": 3, "weight": 1, "mitigation": "签订保密协议"},
                {"score": 3, "weight": 1, "mitigation": "培训", "mitigation_done": True},
                {"score": 3, "weight": 1, "mitigation": "  "},
            ],
            60.0,
            "medium",
            [3, 3, 3],
            [0],
        ),
        # Zero weights only: nothing to weigh.
        ([{"score": 5, "weight": 0}], 0.0, "low", [5], []),
    ],
)
def test_risk_assessment(items, total, level, scores, open_mitigations):
    result = cp.risk_assessment(items)
    assert result == {
        "total": total,
        "level": level,
        "scores": scores,
        "open_mitigations": open_mitigations,
    }


@pytest.mark.parametrize(
    ("items", "limits"),
    [
        ([{"score": 6, "weight": 1}], (40, 70)),
        ([{"score": -1, "weight": 1}], (40, 70)),
        ([{"score": 1, "weight": -1}], (40, 70)),
        ([], (70, 40)),
        ([], (40, 120)),
    ],
)
def test_risk_assessment_refuses_bad_input(items, limits):
    with pytest.raises(ValueError):
        cp.risk_assessment(items, limits)


def test_risk_limits_are_configurable():
    assert cp.risk_assessment([{"score": 2, "weight": 1}], limits=(30, 50))["level"] == "medium"
    assert cp.risk_assessment([{"score": 2, "weight": 1}], limits=(50, 60))["level"] == "low"


@pytest.mark.parametrize(
    ("lines", "headcount", "reduction"),
    [
        # 10 people for 12 months: in-house 720,000, the vendor's quote 648,000: 10 % less.
        ([WAGE, {"side": "outsourcing", "method": "per_head_month", "value": 5400}], 10, 10.0),
        # Outsourcing costing more is a negative reduction.
        ([WAGE, {"side": "outsourcing", "method": "per_head_month", "value": 6600}], 10, -10.0),
        # No in-house cost: nothing to measure.
        ([{"side": "outsourcing", "method": "per_head_month", "value": 5400}], 10, None),
        ([], 10, None),
    ],
)
def test_cost_reduction(lines, headcount, reduction):
    assert cp.cost_reduction(cp.cost_comparison(lines, headcount, 12)) == reduction


def test_cost_reduction_without_comparison():
    assert cp.cost_reduction(None) is None


@pytest.mark.parametrize(
    ("baseline", "target", "current", "progress"),
    [
        (70, 90, None, None),
        (70, 90, 70, 0.0),
        (70, 90, 80, 0.5),
        (70, 90, 95, 1.0),
        (70, 90, 60, 0.0),
        # Lower is better: response time from 120 to 60 minutes.
        (120, 60, 90, 0.5),
        (120, 60, 30, 1.0),
        (50, 50, 50, 1.0),
        (50, 50, 40, 0.0),
    ],
)
def test_goal_progress(baseline, target, current, progress):
    assert cp.goal_progress(baseline, target, current) == progress


START, DEADLINE = date(2026, 1, 1), date(2026, 12, 31)


@pytest.mark.parametrize(
    ("progress", "today", "status"),
    [
        (None, date(2026, 6, 1), "no_data"),
        (1.0, date(2027, 6, 1), "achieved"),
        (0.9, date(2027, 1, 1), "missed"),
        (0.5, date(2026, 7, 1), "on_track"),
        (0.35, date(2026, 7, 1), "off_track"),
        (0.0, date(2026, 1, 1), "on_track"),
        (0.0, date(2025, 6, 1), "on_track"),
    ],
)
def test_goal_status(progress, today, status):
    assert cp.goal_status(progress, START, DEADLINE, today) == status


def test_response_minutes():
    assert cp.response_minutes(datetime(2026, 3, 1, 8), None) is None
    assert cp.response_minutes(datetime(2026, 3, 1, 8), datetime(2026, 3, 1, 9, 30)) == 90
    with pytest.raises(ValueError):
        cp.response_minutes(datetime(2026, 3, 1, 8), datetime(2026, 3, 1, 7))


@pytest.mark.parametrize(
    ("incidents", "expected"),
    [
        (
            [],
            {
                "count": 0,
                "answered": 0,
                "median_minutes": None,
                "within_target": 0,
                "within_target_percent": None,
            },
        ),
        (
            [(10, 30), (40, 30), (20, 30), (None, 30)],
            {
                "count": 4,
                "answered": 3,
                "median_minutes": 20,
                "within_target": 2,
                "within_target_percent": 50.0,
            },
        ),
        (
            [(10, 30), (30, 30)],
            {
                "count": 2,
                "answered": 2,
                "median_minutes": 20,
                "within_target": 2,
                "within_target_percent": 100.0,
            },
        ),
    ],
)
def test_response_report(incidents, expected):
    assert cp.response_report(incidents) == expected


@pytest.mark.parametrize(
    ("value", "people", "shown"),
    [(3, 3, cp.HIDDEN), (80.0, 4, cp.HIDDEN), (5, 5, 5), (0, 0, 0), (92.5, 40, 92.5), (1, 1, cp.HIDDEN)],
)
def test_hide_small(value, people, shown):
    assert cp.hide_small(value, people) == shown


def test_retention_rate():
    intervals = {
        "a": [(date(2025, 1, 1), None)],
        "b": [(date(2025, 1, 1), date(2025, 9, 30))],
        "c": [(date(2025, 6, 1), None)],  # joined after the window start: not in the cohort
        "d": [(date(2024, 1, 1), date(2025, 2, 1)), (date(2025, 3, 1), None)],  # moved site
        "e": [(date(2024, 1, 1), date(2026, 3, 1))],  # left on the window end: retained
    }
    assert cp.retention_rate(intervals, date(2025, 3, 1), date(2026, 3, 1)) == (4, 3, 75.0)
    assert cp.retention_rate({}, date(2025, 3, 1), date(2026, 3, 1)) == (0, 0, None)


@pytest.mark.parametrize(
    ("requests", "rate"),
    [([], None), ([(5, 5)], 100.0), ([(5, 2), (5, 8)], 70.0), ([(4, 0)], 0.0)],
)
def test_fill_rate(requests, rate):
    assert cp.fill_rate(requests) == rate


def test_median_days():
    assert cp.median_days([]) is None
    pairs = [
        (datetime(2026, 1, 1), datetime(2026, 1, 11)),
        (datetime(2026, 1, 1), datetime(2026, 1, 3)),
        (datetime(2026, 1, 1), datetime(2026, 1, 1, 12)),
    ]
    assert cp.median_days(pairs) == 2.0


@pytest.mark.parametrize(
    ("period_type", "day", "bounds"),
    [
        ("month", date(2026, 2, 14), (date(2026, 2, 1), date(2026, 2, 28))),
        ("quarter", date(2026, 2, 14), (date(2026, 1, 1), date(2026, 3, 31))),
        ("quarter", date(2026, 12, 31), (date(2026, 10, 1), date(2026, 12, 31))),
        ("quarter", datetime(2026, 5, 1, 10), (date(2026, 4, 1), date(2026, 6, 30))),
    ],
)
def test_period_bounds(period_type, day, bounds):
    assert cp.period_bounds(period_type, day) == bounds


def test_period_bounds_refuses_unknown_type():
    with pytest.raises(ValueError):
        cp.period_bounds("week", date(2026, 1, 1))


def test_quarter_label_trend_and_average():
    assert cp.quarter_label(date(2026, 8, 1)) == "2026-Q3"
    assert cp.trend([7.2, None, 8.9, 8.5]) == [None, None, 1.7, -0.4]
    assert cp.average([7, 8, None]) == 7.5
    assert cp.average([None]) is None
