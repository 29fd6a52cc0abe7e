"""Staffing requests (用工需求): the state that follows filling, time-to-fill, fill rate.

Plain Python: the ORM gathers counts and dates and asks these functions.
"""

from datetime import date

OPEN_STATES = ("requested", "confirmed", "partial")
CLOSED_STATES = ("filled", "cancelled")
# States in which a request takes new assignments.
FILLABLE_STATES = ("confirmed", "partial")


def fill_state(state, quantity, filled):
    """The state a request takes once ``filled`` of its ``quantity`` people are placed.

    A requested (unconfirmed) or cancelled request keeps its state; a confirmed one
    turns partly filled, then filled; a filled one whose people left reopens as
    partly filled (or confirmed when nobody is left), since the client still needs them.
    """
    if quantity <= 0:
        raise ValueError("a staffing request needs at least one person")
    if filled < 0:
        raise ValueError("the filled count cannot be negative")
    if state in ("requested", "cancelled"):
        return state
    if filled >= quantity:
        return "filled"
    if filled > 0:
        return "partial"
    return "confirmed"


def remaining(quantity, filled):
    """How many people the request still needs (never negative)."""
    return max(quantity - filled, 0)


def time_to_fill(date_requested, last_start):
    """Days from the request to the start of its last person, or None while unknown."""
    if not date_requested or not last_start:
        return None
    if not isinstance(date_requested, date) or not isinstance(last_start, date):
        raise TypeError("time_to_fill expects dates")
    return max((last_start - date_requested).days, 0)


def fill_rate(quantity, filled):
    """Placed people over requested people, as a percentage capped at 100."""
    if quantity < 0 or filled < 0:
        raise ValueError("counts cannot be negative")
    if not quantity:
        return 0.0
    return round(min(filled, quantity) * 100.0 / quantity, 1)
