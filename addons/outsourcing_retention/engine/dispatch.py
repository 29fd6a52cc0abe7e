"""Dispatch rules of the Interim Provisions on Labour Dispatch (劳务派遣暂行规定).

Art. 4: dispatched workers may be at most 10 % of an employer's total workforce,
the total being its own employees plus the dispatched workers it uses.
Art. 3: a temporary (临时性) position lasts no more than six months.
"""

from datetime import date
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
