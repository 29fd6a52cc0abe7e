from datetime import date

import pytest
from legal_aid.engine.results import deadline_status, response_stats, shown, win_rate


@pytest.mark.parametrize(
    ("counts", "rate"),
    [
        ({}, None),
        ({"won": 0}, None),
        ({"won": 3, "partly_won": 1, "lost": 1}, 80.0),
        ({"settled": 2, "withdrawn": 2}, 0.0),
        ({"won": 1, "partly_won": 1, "lost": 1}, 66.7),
        ({"won": 93, "lost": 7}, 93.0),
    ],
)
def test_win_rate(counts, rate):
    assert win_rate(counts) == rate


@pytest.mark.parametrize("bad", [{"pending": 1}, {"won": -1}])
def test_win_rate_refuses(bad):
    with pytest.raises(ValueError):
        win_rate(bad)


@pytest.mark.parametrize(
    ("hours", "target", "expected"),
    [
        ([], 24, (None, None, 0)),
        ([None], 24, (None, None, 0)),
        ([2, 30, 10], 24, (10, 66.7, 3)),
        ([2, 30, 10, 50], 24, (20, 50.0, 4)),
        ([100], 0, (100, 100.0, 1)),  # no target
        ([24], 24, (24, 100.0, 1)),  # on the target is within it
    ],
)
def test_response_stats(hours, target, expected):
    assert response_stats(hours, target) == expected


def test_response_before_assignment_is_refused():
    with pytest.raises(ValueError):
        response_stats([-1], 24)


D = date
TODAY = D(2026, 3, 16)


@pytest.mark.parametrize(
    ("deadline", "arbitration_on", "closed", "status"),
    [
        (None, None, False, None),
        (D(2026, 5, 1), D(2026, 4, 1), False, "met"),
        (D(2026, 5, 1), D(2026, 5, 1), True, "met"),  # on the last day
        (D(2026, 5, 1), D(2026, 5, 2), False, "missed"),
        (D(2026, 3, 1), None, False, "missed"),  # passed, still open, no arbitration
        (D(2026, 3, 1), None, True, None),  # settled before arbitration
        (D(2026, 4, 1), None, False, None),  # still running
    ],
)
def test_deadline_status(deadline, arbitration_on, closed, status):
    assert deadline_status(deadline, arbitration_on, TODAY, closed) == status


@pytest.mark.parametrize(("count", "ok"), [(0, False), (4, False), (5, True), (120, True)])
def test_under_five_rule(count, ok):
    assert shown(count) is ok
