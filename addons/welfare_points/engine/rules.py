"""Date arithmetic of earning rules: budget periods and the expiry of granted points."""

import calendar
from datetime import date

PERIODS = ("month", "quarter", "year")


def _month_end(year, month):
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year, month, months):
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def period_bounds(on, period):
    """First and last day of the ``period`` (month, quarter, year) holding ``on``."""
    if period == "month":
        return date(on.year, on.month, 1), _month_end(on.year, on.month)
    if period == "quarter":
        first = 3 * ((on.month - 1) // 3) + 1
        return date(on.year, first, 1), _month_end(on.year, first + 2)
    if period == "year":
        return date(on.year, 1, 1), date(on.year, 12, 31)
    raise ValueError(f"unknown period {period!r}")


def expiry_after_quarter(on, months):
    """Last valid day of points granted on ``on``: ``months`` after the end of its quarter.

    ``months`` 0 or None: the points never lapse (None is returned).
    """
    if not months:
        return None
    if months < 0:
        raise ValueError("months must not be negative")
    _first, end = period_bounds(on, "quarter")
    year, month = _add_months(end.year, end.month, months)
    return _month_end(year, month)


def within_budget(budget, used, points):
    """Whether ``points`` more fit in ``budget`` (0: no budget) when ``used`` are spent."""
    return not budget or used + points <= budget
