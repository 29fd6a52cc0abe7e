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


def parse_rank_points(text):
    """``"1=500, 2=300, 3-5=100"`` → ``{1: 500, 2: 300, 3: 100, 4: 100, 5: 100}``.

    Ranks are whole numbers from 1, points positive; a rank named twice, an
    empty table or anything else raises ``ValueError`` naming the bad part.
    """
    table = {}
    for part in (text or "").replace("，", ",").replace("；", ",").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        ranks, sep, points = part.partition("=")
        try:
            if not sep:
                raise ValueError
            points = int(points.strip())
            low, dash, high = ranks.strip().partition("-")
            low = int(low)
            high = int(high) if dash else low
        except ValueError:
            raise ValueError(f"bad part {part!r}") from None
        if low < 1 or high < low or points <= 0:
            raise ValueError(f"bad part {part!r}")
        for rank in range(low, high + 1):
            if rank in table:
                raise ValueError(f"rank {rank} is named twice")
            table[rank] = points
    if not table:
        raise ValueError("no rank earns points")
    return table


def points_for_rank(table, rank):
    """Points a contest ``rank`` earns under ``table`` (0 when it earns none)."""
    if isinstance(rank, bool) or not isinstance(rank, int) or rank < 1:
        raise ValueError(f"a rank is a whole number from 1, not {rank!r}")
    return table.get(rank, 0)


def anniversary_on(hired, years):
    """The date of the ``years``-th anniversary of ``hired`` (29 February → 28 February)."""
    year = hired.year + years
    day = min(hired.day, calendar.monthrange(year, hired.month)[1])
    return date(year, hired.month, day)


def anniversaries_between(hired, start, end):
    """Service anniversaries after ``start`` up to ``end`` as ``[(date, years)]`` (years ≥ 1)."""
    if not hired or end < start:
        return []
    result = []
    for years in range(max(start.year - hired.year, 1), end.year - hired.year + 1):
        on = anniversary_on(hired, years)
        if start < on <= end:
            result.append((on, years))
    return result


def previous_month(on):
    """First and last day of the calendar month before ``on``."""
    year, month = _add_months(on.year, on.month, -1)
    return date(year, month, 1), _month_end(year, month)


def points_activity(recent, history):
    """Points activity in the last window against the employee's own earlier windows.

    ``recent``: points earned and redeemed in the last window; ``history``: the
    same for earlier windows (only those the wallet existed in), or None when
    there is no wallet. Returns ``(score 0-100 or None, code, params)``: no
    wallet or no earlier window is no data; activity at or above the usual
    level scores 100, a fall scores the share of the usual level kept.
    """
    if history is None:
        return None, "points_no_data", {}
    if recent < 0 or any(value < 0 for value in history):
        raise ValueError("points activity is not negative")
    if not history:
        return None, "points_no_history", {}
    usual = sum(history) / len(history)
    params = {"recent": int(recent), "usual": int(round(usual))}
    if not usual or recent >= usual:
        return 100.0, "points_usual", params
    return round(100.0 * recent / usual, 1), "points_falling", params
