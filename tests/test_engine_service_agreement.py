from datetime import date

import pytest
from outsourcing_retention.engine import service_agreement as agreement

START = date(2026, 4, 1)
END = date(2027, 3, 31)


@pytest.mark.parametrize(
    ("date_start", "date_end", "today", "state"),
    [
        (START, END, date(2026, 3, 31), agreement.APPROVED),
        (START, END, START, agreement.ACTIVE),
        (START, END, END, agreement.ACTIVE),  # the end date is the last day
        (START, END, date(2027, 4, 1), agreement.EXPIRED),
        (START, None, date(2030, 1, 1), agreement.ACTIVE),  # open-ended
        (START, None, date(2026, 1, 1), agreement.APPROVED),
        (START, START, START, agreement.ACTIVE),  # a one-day agreement
        (START, START, date(2026, 4, 2), agreement.EXPIRED),
    ],
)
def test_agreement_state(date_start, date_end, today, state):
    assert agreement.agreement_state(date_start, date_end, today) == state


@pytest.mark.parametrize(("date_start", "date_end"), [(START, date(2026, 3, 31)), (None, END)])
def test_bad_dates_are_refused(date_start, date_end):
    with pytest.raises(ValueError):
        agreement.agreement_state(date_start, date_end, START)


def test_dated_states():
    assert agreement.DATED_STATES == ("approved", "active")
