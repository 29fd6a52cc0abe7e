from datetime import date

import pytest
from outsourcing_retention.engine import staffing


@pytest.mark.parametrize(
    ("state", "quantity", "filled", "expected"),
    [
        ("requested", 3, 0, "requested"),
        ("requested", 3, 2, "requested"),
        ("cancelled", 3, 1, "cancelled"),
        ("confirmed", 3, 0, "confirmed"),
        ("confirmed", 3, 1, "partial"),
        ("confirmed", 3, 3, "filled"),
        ("partial", 3, 2, "partial"),
        ("partial", 3, 4, "filled"),
        ("filled", 3, 2, "partial"),
        ("filled", 3, 0, "confirmed"),
    ],
)
def test_fill_state(state, quantity, filled, expected):
    assert staffing.fill_state(state, quantity, filled) == expected


@pytest.mark.parametrize(("quantity", "filled"), [(0, 0), (-1, 0), (2, -1)])
def test_fill_state_refuses_bad_counts(quantity, filled):
    with pytest.raises(ValueError):
        staffing.fill_state("confirmed", quantity, filled)


@pytest.mark.parametrize(("quantity", "filled", "left"), [(3, 0, 3), (3, 2, 1), (3, 3, 0), (3, 5, 0)])
def test_remaining(quantity, filled, left):
    assert staffing.remaining(quantity, filled) == left


@pytest.mark.parametrize(
    ("requested", "last_start", "days"),
    [
        (date(2026, 3, 1), date(2026, 3, 15), 14),
        (date(2026, 3, 1), date(2026, 3, 1), 0),
        # A person already at the site before the request: no negative time.
        (date(2026, 3, 10), date(2026, 3, 1), 0),
        (date(2026, 3, 1), None, None),
        (None, date(2026, 3, 1), None),
    ],
)
def test_time_to_fill(requested, last_start, days):
    assert staffing.time_to_fill(requested, last_start) == days


def test_time_to_fill_refuses_text():
    with pytest.raises(TypeError):
        staffing.time_to_fill("2026-03-01", date(2026, 3, 2))


@pytest.mark.parametrize(
    ("quantity", "filled", "rate"),
    [(4, 0, 0.0), (4, 1, 25.0), (3, 1, 33.3), (4, 4, 100.0), (4, 6, 100.0), (0, 0, 0.0)],
)
def test_fill_rate(quantity, filled, rate):
    assert staffing.fill_rate(quantity, filled) == rate


def test_fill_rate_refuses_negative():
    with pytest.raises(ValueError):
        staffing.fill_rate(-1, 0)
