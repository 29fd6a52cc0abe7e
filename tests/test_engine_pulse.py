from datetime import date

import pytest
from outsourcing_retention.engine import pulse


@pytest.mark.parametrize(
    ("day", "monday"),
    [
        (date(2026, 3, 16), date(2026, 3, 16)),  # a Monday
        (date(2026, 3, 22), date(2026, 3, 16)),  # Sunday
        (date(2026, 3, 1), date(2026, 2, 23)),  # across months
        (date(2026, 1, 1), date(2025, 12, 29)),  # across years
    ],
)
def test_week_start(day, monday):
    assert pulse.week_start(day) == monday


@pytest.mark.parametrize(
    ("cadence", "start", "week", "due"),
    [
        ("weekly", date(2026, 3, 2), date(2026, 3, 16), True),
        ("weekly", date(2026, 3, 18), date(2026, 3, 16), True),  # same week as the start
        ("weekly", date(2026, 3, 23), date(2026, 3, 16), False),  # not started yet
        ("biweekly", date(2026, 3, 2), date(2026, 3, 16), True),
        ("biweekly", date(2026, 3, 2), date(2026, 3, 9), False),
        ("biweekly", date(2026, 3, 4), date(2026, 3, 30), True),
        ("monthly", date(2026, 1, 1), date(2026, 3, 2), True),
        ("monthly", date(2026, 1, 1), date(2026, 3, 9), False),
        ("monthly", date(2026, 1, 1), date(2026, 6, 1), True),
    ],
)
def test_wave_due(cadence, start, week, due):
    assert pulse.wave_due(cadence, start, week) is due


def test_wave_due_unknown_cadence():
    with pytest.raises(ValueError):
        pulse.wave_due("daily", date(2026, 3, 2), date(2026, 3, 2))


@pytest.mark.parametrize(
    ("score", "klass"),
    [(0, "detractor"), (6, "detractor"), (7, "passive"), (8, "passive"), (9, "promoter"), (10, "promoter")],
)
def test_enps_class(score, klass):
    assert pulse.enps_class(score) == klass


@pytest.mark.parametrize("bad", [-1, 11, 5.5, "7", None, True])
def test_enps_class_refuses(bad):
    with pytest.raises(ValueError):
        pulse.enps_class(bad)


@pytest.mark.parametrize("bad", [0, 6, 2.5, None, False])
def test_mood_refuses(bad):
    with pytest.raises(ValueError):
        pulse.check_mood(bad)


@pytest.mark.parametrize(
    ("promoters", "detractors", "count", "expected"),
    [
        (3, 1, 5, 40.0),
        (0, 5, 5, -100.0),
        (5, 0, 5, 100.0),
        (1, 1, 3, 0.0),
        (2, 1, 6, 16.7),
        # under five answers nothing is shown
        (4, 0, 4, None),
        (0, 0, 0, None),
    ],
)
def test_enps(promoters, detractors, count, expected):
    if expected == 0.0 and count < pulse.MIN_GROUP:
        expected = None
    assert pulse.enps(promoters, detractors, count) == expected


@pytest.mark.parametrize(
    ("total", "count", "expected"), [(20, 5, 4.0), (17, 6, 2.83), (16, 4, None), (0, 0, None)]
)
def test_average(total, count, expected):
    assert pulse.average(total, count) == expected


@pytest.mark.parametrize(
    ("answers", "score"),
    [
        ([0, 4, 4, 0], 0),  # never stressed, always in control
        ([4, 0, 0, 4], 16),  # the most stress
        ([2, 2, 2, 2], 8),
        ([3, 1, 2, 3], 11),
    ],
)
def test_pss4(answers, score):
    assert pulse.pss4_score(answers) == score


@pytest.mark.parametrize("bad", [[0, 1, 2], [0, 1, 2, 5], [0, 1, 2, -1], [0, 1, 2, "3"]])
def test_pss4_refuses(bad):
    with pytest.raises(ValueError):
        pulse.pss4_score(bad)


@pytest.mark.parametrize(("answers", "score"), [([0, 0], 0), ([3, 3], 6), ([1, 2], 3)])
def test_gad2(answers, score):
    assert pulse.gad2_score(answers) == score


@pytest.mark.parametrize("bad", [[0], [0, 4], [1, None]])
def test_gad2_refuses(bad):
    with pytest.raises(ValueError):
        pulse.gad2_score(bad)


@pytest.mark.parametrize(
    ("pss4", "gad2", "flag"),
    [(10, 0, True), (9, 2, False), (0, 3, True), (None, 3, True), (None, None, False)],
)
def test_wellbeing_flag(pss4, gad2, flag):
    assert pulse.wellbeing_flag(pss4, gad2, 10, 3) is flag


@pytest.mark.parametrize(("total", "count", "index"), [(40, 5, 50.0), (80, 5, 100.0), (30, 4, None)])
def test_stress_index(total, count, index):
    assert pulse.stress_index(total, count) == index
