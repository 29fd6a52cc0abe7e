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
