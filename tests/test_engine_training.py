from datetime import date

import pytest
from career_paths.engine.training import unamortised_cost


@pytest.mark.parametrize(
    "cost, start, months, as_of, expected",
    [
        # 12,000 over 24 months, 6 served: 18 months left
        (12000, date(2026, 1, 1), 24, date(2026, 7, 1), 9000.0),
        # not started yet: the whole cost
        (12000, date(2026, 1, 1), 24, date(2025, 12, 1), 12000.0),
        # served in full: nothing
        (12000, date(2026, 1, 1), 24, date(2028, 1, 1), 0.0),
        (12000, date(2026, 1, 1), 24, date(2030, 1, 1), 0.0),
        # a month not complete is not served
        (3000, date(2026, 1, 15), 12, date(2026, 2, 14), 3000.0),
        (3000, date(2026, 1, 15), 12, date(2026, 2, 15), 2750.0),
        # no bond agreed
        (3000, date(2026, 1, 15), 0, date(2026, 2, 15), 0.0),
        (3000, None, 12, date(2026, 2, 15), 0.0),
        (0, date(2026, 1, 15), 12, date(2026, 2, 15), 0.0),
    ],
)
def test_unamortised_cost(cost, start, months, as_of, expected):
    assert unamortised_cost(cost, start, months, as_of) == expected


def test_negative_cost_is_refused():
    with pytest.raises(ValueError):
        unamortised_cost(-1, date(2026, 1, 1), 12, date(2026, 1, 1))
