from datetime import date

import pytest
from welfare_points.engine.rules import expiry_after_quarter, period_bounds, within_budget

D = date


@pytest.mark.parametrize(
    ("on", "period", "bounds"),
    [
        (D(2026, 2, 14), "month", (D(2026, 2, 1), D(2026, 2, 28))),
        (D(2028, 2, 14), "month", (D(2028, 2, 1), D(2028, 2, 29))),
        (D(2026, 5, 31), "quarter", (D(2026, 4, 1), D(2026, 6, 30))),
        (D(2026, 12, 31), "quarter", (D(2026, 10, 1), D(2026, 12, 31))),
        (D(2026, 7, 1), "year", (D(2026, 1, 1), D(2026, 12, 31))),
    ],
)
def test_period_bounds(on, period, bounds):
    assert period_bounds(on, period) == bounds


def test_unknown_period():
    with pytest.raises(ValueError, match="unknown period"):
        period_bounds(D(2026, 1, 1), "week")


@pytest.mark.parametrize(
    ("on", "months", "expiry"),
    [
        (D(2026, 2, 14), 12, D(2027, 3, 31)),
        (D(2026, 11, 30), 12, D(2027, 12, 31)),
        (D(2026, 11, 30), 2, D(2027, 2, 28)),
        (D(2026, 1, 1), 0, None),
        (D(2026, 1, 1), None, None),
    ],
)
def test_expiry_after_quarter(on, months, expiry):
    assert expiry_after_quarter(on, months) == expiry


def test_negative_months_refused():
    with pytest.raises(ValueError):
        expiry_after_quarter(D(2026, 1, 1), -1)


@pytest.mark.parametrize(
    ("budget", "used", "points", "fits"),
    [(0, 10**9, 1, True), (1000, 900, 100, True), (1000, 901, 100, False), (1000, 0, 1001, False)],
)
def test_within_budget(budget, used, points, fits):
    assert within_budget(budget, used, points) is fits


# ------------------------------------------------------------ contests, anniversaries, activity
from welfare_points.engine.rules import (  # noqa: E402
    anniversaries_between,
    parse_rank_points,
    points_activity,
    points_for_rank,
    previous_month,
)


@pytest.mark.parametrize(
    ("text", "table"),
    [
        ("1=500, 2=300, 3=200", {1: 500, 2: 300, 3: 200}),
        ("1=500；2-4=100", {1: 500, 2: 100, 3: 100, 4: 100}),
        ("1=50，", {1: 50}),
    ],
)
def test_parse_rank_points(text, table):
    assert parse_rank_points(text) == table


@pytest.mark.parametrize("text", ["", "1", "0=10", "1=0", "3-2=10", "1=10,1=20", "a=5", "1=x"])
def test_parse_rank_points_refuses(text):
    with pytest.raises(ValueError):
        parse_rank_points(text)


def test_points_for_rank():
    table = {1: 500, 2: 300}
    assert points_for_rank(table, 1) == 500
    assert points_for_rank(table, 3) == 0
    for bad in (0, -1, True, "1", 1.0):
        with pytest.raises(ValueError):
            points_for_rank(table, bad)


@pytest.mark.parametrize(
    ("hired", "start", "end", "expected"),
    [
        (D(2020, 3, 16), D(2026, 3, 9), D(2026, 3, 16), [(D(2026, 3, 16), 6)]),
        (D(2020, 3, 17), D(2026, 3, 9), D(2026, 3, 16), []),
        (D(2026, 3, 10), D(2026, 3, 9), D(2026, 3, 16), []),  # hired this week: no anniversary yet
        (D(2024, 2, 29), D(2025, 2, 27), D(2025, 3, 1), [(D(2025, 2, 28), 1)]),
        (D(2020, 3, 16), D(2026, 3, 16), D(2026, 3, 16), []),  # the start day is excluded
        (None, D(2026, 3, 9), D(2026, 3, 16), []),
    ],
)
def test_anniversaries_between(hired, start, end, expected):
    assert anniversaries_between(hired, start, end) == expected


def test_previous_month():
    assert previous_month(D(2026, 3, 16)) == (D(2026, 2, 1), D(2026, 2, 28))
    assert previous_month(D(2026, 1, 1)) == (D(2025, 12, 1), D(2025, 12, 31))


@pytest.mark.parametrize(
    ("recent", "history", "score", "code"),
    [
        (0, None, None, "points_no_data"),
        (10, [], None, "points_no_history"),
        (0, [0, 0], 100.0, "points_usual"),
        (300, [200, 400], 100.0, "points_usual"),
        (100, [200, 200], 50.0, "points_falling"),
        (0, [300], 0.0, "points_falling"),
    ],
)
def test_points_activity(recent, history, score, code):
    got_score, got_code, _params = points_activity(recent, history)
    assert (got_score, got_code) == (score, code)


def test_points_activity_refuses_negative():
    with pytest.raises(ValueError):
        points_activity(-1, [1])
