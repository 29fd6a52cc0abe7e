from datetime import date

import pytest
from legal_aid.engine.deadlines import arbitration_deadline, days_left


@pytest.mark.parametrize(
    ("known_on", "deadline"),
    [
        (date(2026, 3, 10), date(2027, 3, 10)),
        (date(2024, 2, 29), date(2025, 2, 28)),  # no 29 February: the month's last day
        (date(2026, 12, 31), date(2027, 12, 31)),
    ],
)
def test_one_year_from_knowledge(known_on, deadline):
    assert arbitration_deadline(known_on) == deadline


def test_unpaid_wages_run_from_the_end_of_employment():
    assert arbitration_deadline(date(2020, 1, 1), unpaid_wages=True) is None
    assert arbitration_deadline(date(2020, 1, 1), True, date(2026, 5, 31)) == date(2027, 5, 31)


def test_days_left():
    assert days_left(date(2027, 3, 10), date(2027, 3, 1)) == 9
    assert days_left(date(2027, 3, 10), date(2027, 3, 11)) == -1


def test_wrong_type_is_refused():
    with pytest.raises(TypeError):
        arbitration_deadline("2026-03-10")
