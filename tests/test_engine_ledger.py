from datetime import date

import pytest
from welfare_points.engine.ledger import Movement, balance, open_lots, points_to_expire

D = date


def test_balance_until_a_day():
    moves = [Movement(D(2026, 1, 1), 100), Movement(D(2026, 2, 1), -30), Movement(D(2026, 3, 1), 50)]
    assert balance(moves) == 120
    assert balance(moves, on=D(2026, 2, 15)) == 70


def test_debits_consume_the_lot_expiring_first():
    moves = [
        Movement(D(2026, 1, 1), 100, D(2026, 12, 31)),
        Movement(D(2026, 2, 1), 100, D(2026, 6, 30)),
        Movement(D(2026, 3, 1), -120),
    ]
    assert open_lots(moves, D(2026, 3, 1)) == [(D(2026, 12, 31), 80)]
    assert points_to_expire(moves, D(2026, 12, 31)) == 80
    assert points_to_expire(moves, D(2026, 7, 1)) == 0


def test_points_without_expiry_never_lapse():
    moves = [Movement(D(2026, 1, 1), 40), Movement(D(2026, 1, 2), 60, D(2026, 3, 1))]
    assert points_to_expire(moves, D(2030, 1, 1)) == 60
    assert open_lots(moves, D(2030, 1, 1)) == [(D(2026, 3, 1), 60), (None, 40)]


def test_credit_and_debit_on_the_same_day():
    moves = [Movement(D(2026, 1, 1), -10), Movement(D(2026, 1, 1), 10)]
    assert open_lots(moves, D(2026, 1, 1)) == []


def test_overdrawn_ledger_is_refused():
    with pytest.raises(ValueError, match="overdrawn by 5"):
        open_lots([Movement(D(2026, 1, 1), 10), Movement(D(2026, 1, 2), -15)], D(2026, 1, 3))
