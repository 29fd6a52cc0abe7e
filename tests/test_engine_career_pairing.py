from datetime import date

import pytest
from career_paths.engine.pairing import comparison, retention

END = date(2026, 12, 31)


@pytest.mark.parametrize(
    ("departures", "count", "retained", "rate"),
    [
        ([], 0, 0, None),
        ([None, None, date(2027, 1, 1), date(2026, 6, 1)], 4, 3, 75.0),
        ([date(2026, 12, 31)], 1, 0, 0.0),
    ],
)
def test_retention_counts_departures_up_to_the_day(departures, count, retained, rate):
    figures = retention(departures, END)
    assert (figures.count, figures.retained, figures.rate) == (count, retained, rate)


def test_comparison_hides_groups_under_five():
    paired = [None] * 8 + [date(2026, 3, 1)]
    unpaired = [None, None, date(2026, 3, 1), date(2026, 4, 1)]
    result = comparison(paired, unpaired, END)
    assert result["paired"].rate == 88.9
    assert result["unpaired"] is None
    assert comparison(paired, unpaired, END, min_group=4)["unpaired"].rate == 50.0
