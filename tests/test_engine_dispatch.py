from datetime import date, timedelta
from decimal import Decimal

import pytest
from outsourcing_retention.engine import dispatch


@pytest.mark.parametrize(
    ("own", "allowed"),
    [(0, 0), (8, 0), (9, 1), (90, 10), (899, 99), (900, 100), (1000, 111)],
)
def test_max_dispatched(own, allowed):
    assert dispatch.max_dispatched(own) == allowed
    # The largest allowed headcount is within 10 % of the total; one more is not.
    assert dispatch.dispatch_ratio(allowed, own) <= Decimal("0.10")
    assert dispatch.dispatch_ratio(allowed + 1, own) > Decimal("0.10")


def test_breaks_cap():
    assert not dispatch.breaks_cap(100, 900)
    assert dispatch.breaks_cap(101, 900)


def test_ratio_of_empty_workforce_is_zero():
    assert dispatch.dispatch_ratio(0, 0) == 0


@pytest.mark.parametrize("args", [(-1, 10), (1, -10)])
def test_negative_headcounts_are_refused(args):
    with pytest.raises(ValueError):
        dispatch.dispatch_ratio(*args)


def test_cap_ratio_bounds():
    with pytest.raises(ValueError):
        dispatch.max_dispatched(100, Decimal("1"))


@pytest.mark.parametrize(
    ("start", "end", "today", "overrun"),
    [
        (date(2026, 1, 1), date(2026, 7, 1), None, False),  # exactly six months
        (date(2026, 1, 1), date(2026, 7, 2), None, True),
        (date(2025, 8, 31), date(2026, 2, 28), None, False),  # month-end clamp
        (date(2025, 8, 31), date(2026, 3, 1), None, True),
        (date(2026, 1, 1), None, date(2026, 6, 30), False),  # open-ended, measured to today
        (date(2026, 1, 1), None, date(2026, 7, 2), True),
    ],
)
def test_temporary_position_overrun(start, end, today, overrun):
    assert dispatch.temporary_position_overrun(start, end, today) is overrun


@pytest.mark.parametrize(
    ("start", "end", "today", "state"),
    [
        (date(2026, 3, 1), None, date(2026, 2, 28), "planned"),
        (date(2026, 3, 1), None, date(2026, 3, 1), "active"),  # the first day is worked
        (date(2026, 3, 1), None, date(2030, 1, 1), "active"),  # open-ended never ends
        (date(2026, 3, 1), date(2026, 3, 31), date(2026, 3, 31), "active"),  # the last day too
        (date(2026, 3, 1), date(2026, 3, 31), date(2026, 4, 1), "ended"),
        (date(2026, 3, 1), date(2026, 3, 1), date(2026, 3, 1), "active"),  # a one-day assignment
    ],
)
def test_assignment_state(start, end, today, state):
    assert dispatch.assignment_state(start, end, today) == state


def test_assignment_state_refuses_end_before_start():
    with pytest.raises(ValueError):
        dispatch.assignment_state(date(2026, 3, 2), date(2026, 3, 1), date(2026, 3, 1))


@pytest.mark.parametrize(
    "today",
    [date(2026, 3, 1), date(2026, 2, 28), date(2024, 2, 29), date(2026, 8, 31), date(2026, 7, 2)],
)
def test_latest_overrun_start(today):
    limit = dispatch.latest_overrun_start(today)
    assert dispatch.temporary_position_overrun(limit, None, today)
    # Every later start has not overrun yet; every earlier one has.
    for days in range(1, 40):
        assert not dispatch.temporary_position_overrun(limit + timedelta(days=days), None, today)
        assert dispatch.temporary_position_overrun(limit - timedelta(days=days), None, today)
