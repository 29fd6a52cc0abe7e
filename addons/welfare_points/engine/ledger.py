"""Arithmetic of an append-only points ledger.

A wallet is a list of movements: credits (earned points, each with an optional
expiry date) and debits (redemptions, expiries, reversals as negative amounts).
Debits consume the credits that expire first (then the oldest), which is what
an employee expects: points about to lapse are spent before fresh ones.
"""

from dataclasses import dataclass
from datetime import date

NEVER = date.max


@dataclass(frozen=True)
class Movement:
    on: date
    points: int
    expires_on: date | None = None
    ref: object = None  # the caller's id for the movement (a ledger line id)


def balance(movements, on=None):
    """Sum of the movements dated on or before ``on`` (all of them by default)."""
    return sum(m.points for m in movements if on is None or m.on <= on)


def open_lots(movements, on):
    """Credits still unspent at ``on``, as ``[(expires_on, points)]``.

    Debits dated on or before ``on`` consume credits in expiry order; a debit
    larger than the open credits raises ``ValueError`` (an overdrawn ledger).
    """
    lots = []
    for move in sorted(movements, key=lambda m: (m.on, -m.points)):
        if move.on > on:
            break
        if move.points >= 0:
            lots.append([move.expires_on or NEVER, move.on, move.points])
            continue
        due = -move.points
        for lot in sorted(lots):
            take = min(due, lot[2])
            lot[2] -= take
            due -= take
            if not due:
                break
        if due:
            raise ValueError(f"the ledger is overdrawn by {due} points on {move.on}")
        lots = [lot for lot in lots if lot[2]]
    return [(None if exp == NEVER else exp, points) for exp, _on, points in sorted(lots)]


def points_to_expire(movements, on):
    """Unspent points whose expiry date is on or before ``on``."""
    return sum(points for expires, points in open_lots(movements, on) if expires and expires <= on)


def lapsed_lots(movements, on):
    """Unspent credits whose last valid day is before ``on``, as ``[(expires_on, points)]``.

    The expiry job posts one expiry debit per returned lot; because debits
    consume the lots that expire first, spent points are never in this list.
    """
    return [(exp, pts) for exp, pts in open_lots(movements, on) if exp and exp < on]


def expiring_between(movements, on, until):
    """Unspent points still valid at ``on`` whose last valid day is on or before ``until``."""
    return sum(pts for exp, pts in open_lots(movements, on) if exp and on <= exp <= until)


def debit_lots(movements, debit):
    """The credit lots a debit consumed, as ``[(expires_on, points)]``.

    ``debit`` is one of ``movements``. A reversal of the
    debit gives these points back with the same expiry dates.
    """
    lots = []
    for move in sorted(movements, key=lambda m: (m.on, -m.points)):
        if move.points >= 0:
            lots.append([move.expires_on or NEVER, move.on, move.points])
            continue
        due, taken = -move.points, []
        for lot in sorted(lots):
            take = min(due, lot[2])
            if take:
                lot[2] -= take
                due -= take
                taken.append((None if lot[0] == NEVER else lot[0], take))
            if not due:
                break
        if move == debit:
            return taken
        lots = [lot for lot in lots if lot[2]]
    raise ValueError("the debit is not in the ledger")


def check_posting(points, balance_before, is_debit_allowed=True):
    """The wallet balance after posting ``points``; raise ``ValueError`` if refused.

    ``points`` must be a non-zero integer (``bool`` is refused too) and a
    debit may not take the wallet below zero.
    """
    if isinstance(points, bool) or not isinstance(points, int):
        raise ValueError("points must be a whole number")
    if points == 0:
        raise ValueError("points must not be zero")
    if points < 0 and not is_debit_allowed:
        raise ValueError("debits are not allowed here")
    after = balance_before + points
    if after < 0:
        raise ValueError(f"not enough points: the balance is {balance_before}, the debit {-points}")
    return after
