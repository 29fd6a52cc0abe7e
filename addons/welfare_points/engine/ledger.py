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
