"""Dispatch rules of the Interim Provisions on Labour Dispatch (劳务派遣暂行规定).

Art. 4: dispatched workers may be at most 10 % of an employer's total workforce,
the total being its own employees plus the dispatched workers it uses.
Art. 3: a temporary (临时性) position lasts no more than six months.
"""

from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta

DISPATCH_CAP_RATIO = Decimal("0.10")
TEMPORARY_POSITION_MONTHS = 6


def dispatch_ratio(dispatched, own_workforce):
    """Share of dispatched workers in the total workforce (own + dispatched).

    Returns a Decimal in [0, 1]; 0 for an empty workforce.
    """
    if dispatched < 0 or own_workforce < 0:
        raise ValueError("headcounts cannot be negative")
    total = dispatched + own_workforce
    if not total:
        return Decimal(0)
    return Decimal(dispatched) / Decimal(total)


def max_dispatched(own_workforce, cap_ratio=DISPATCH_CAP_RATIO):
    """Largest number of dispatched workers allowed beside ``own_workforce``.

    d / (own + d) <= r  <=>  d <= r * own / (1 - r), rounded down.
    """
    if own_workforce < 0:
        raise ValueError("headcounts cannot be negative")
    cap_ratio = Decimal(cap_ratio)
    if not 0 <= cap_ratio < 1:
        raise ValueError("the cap ratio must be in [0, 1)")
    return int(cap_ratio * own_workforce / (1 - cap_ratio))


def breaks_cap(dispatched, own_workforce, cap_ratio=DISPATCH_CAP_RATIO):
    """True when ``dispatched`` workers exceed the cap beside ``own_workforce``."""
    return dispatched > max_dispatched(own_workforce, cap_ratio)


def temporary_position_overrun(date_start, date_end, today=None):
    """True when a temporary position lasts, or has lasted, over six months.

    An open-ended assignment is measured up to ``today``.
    """
    end = date_end or today or date.today()
    return end > date_start + relativedelta(months=TEMPORARY_POSITION_MONTHS)


# --------------------------------------------------------------------------- assignment state

STATE_PLANNED = "planned"
STATE_ACTIVE = "active"
STATE_ENDED = "ended"


def assignment_state(date_start, date_end, today):
    """State of an assignment on ``today`` from its dates (both days included).

    ``planned`` before ``date_start``, ``ended`` once ``date_end`` has passed,
    ``active`` in between; an open-ended assignment (no ``date_end``) never ends.
    """
    if date_end is not None and date_end < date_start:
        raise ValueError(f"date_end ({date_end}) is before date_start ({date_start})")
    if today < date_start:
        return STATE_PLANNED
    if date_end is not None and date_end < today:
        return STATE_ENDED
    return STATE_ACTIVE


def latest_overrun_start(today):
    """Latest ``date_start`` of an open-ended temporary position that has overrun on ``today``.

    Open-ended positions started on or before this day are over six months long on
    ``today``; it lets a database query select them (month-end clamping included).
    """
    day = today - relativedelta(months=TEMPORARY_POSITION_MONTHS) + timedelta(days=3)
    while not temporary_position_overrun(day, None, today):
        day -= timedelta(days=1)
    return day
