from datetime import date

import pytest
from welfare_points.engine.ledger import (
    Movement,
    balance,
    check_posting,
    debit_lots,
    expiring_between,
    lapsed_lots,
    open_lots,
    points_to_expire,
)

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


@pytest.mark.parametrize(
    ("moves", "on", "lapsed"),
    [
        # Nothing lapses before its last valid day.
        ([Movement(D(2026, 1, 1), 100, D(2026, 3, 31))], D(2026, 3, 31), []),
        ([Movement(D(2026, 1, 1), 100, D(2026, 3, 31))], D(2026, 4, 1), [(D(2026, 3, 31), 100)]),
        # Spent points never lapse: the debit took the lot expiring first.
        (
            [
                Movement(D(2026, 1, 1), 100, D(2026, 3, 31)),
                Movement(D(2026, 1, 2), 100, D(2026, 12, 31)),
                Movement(D(2026, 2, 1), -70),
            ],
            D(2026, 4, 1),
            [(D(2026, 3, 31), 30)],
        ),
        # A lot already expired (an expiry debit posted) does not lapse twice.
        (
            [Movement(D(2026, 1, 1), 100, D(2026, 3, 31)), Movement(D(2026, 4, 1), -100)],
            D(2026, 4, 2),
            [],
        ),
        # Points without expiry never lapse.
        ([Movement(D(2026, 1, 1), 100)], D(2099, 1, 1), []),
    ],
)
def test_lapsed_lots(moves, on, lapsed):
    assert lapsed_lots(moves, on) == lapsed


def test_expiring_between_ignores_lapsed_and_late_lots():
    moves = [
        Movement(D(2026, 1, 1), 10, D(2026, 3, 1)),
        Movement(D(2026, 1, 1), 20, D(2026, 3, 20)),
        Movement(D(2026, 1, 1), 40, D(2026, 9, 1)),
    ]
    assert expiring_between(moves, D(2026, 3, 16), D(2026, 4, 15)) == 20


def test_debit_lots_names_the_lots_a_debit_took():
    a = Movement(D(2026, 1, 1), 50, D(2026, 6, 30), ref=1)
    b = Movement(D(2026, 1, 2), 50, D(2026, 12, 31), ref=2)
    c = Movement(D(2026, 1, 3), 30, ref=3)
    first = Movement(D(2026, 2, 1), -70, ref=4)
    second = Movement(D(2026, 2, 2), -40, ref=5)
    moves = [a, b, c, first, second]
    assert debit_lots(moves, first) == [(D(2026, 6, 30), 50), (D(2026, 12, 31), 20)]
    assert debit_lots(moves, second) == [(D(2026, 12, 31), 30), (None, 10)]
    with pytest.raises(ValueError, match="not in the ledger"):
        debit_lots(moves, Movement(D(2026, 2, 3), -1, ref=6))


@pytest.mark.parametrize(
    ("points", "before", "after", "error"),
    [
        (10, 0, 10, None),
        (-10, 10, 0, None),
        (-11, 10, None, "not enough points: the balance is 10, the debit 11"),
        (0, 10, None, "must not be zero"),
        (1.5, 10, None, "whole number"),
        (True, 10, None, "whole number"),
        ("5", 10, None, "whole number"),
    ],
)
def test_check_posting(points, before, after, error):
    if error:
        with pytest.raises(ValueError, match=error):
            check_posting(points, before)
    else:
        assert check_posting(points, before) == after


def test_check_posting_can_refuse_debits():
    with pytest.raises(ValueError, match="debits are not allowed"):
        check_posting(-1, 10, is_debit_allowed=False)
