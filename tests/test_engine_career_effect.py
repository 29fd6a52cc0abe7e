from datetime import date

import pytest
from career_paths.engine.effect import MIN_GROUP, change, cohort_effect, effect, levels_gained, windows


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ([70, 80], [85], 10.0),
        ([], [85], None),
        ([70], [], None),
        ([90, 90, 90], [80], -10.0),
    ],
)
def test_change_is_mean_after_minus_mean_before(before, after, expected):
    assert change(before, after) == expected


def test_participants_next_to_others_with_small_groups_hidden():
    participants = [([70], [80])] * MIN_GROUP + [([], [90])]  # the last one has no review before
    others = [([70], [72])] * MIN_GROUP
    result = effect(participants, others)
    assert (result.participants.count, result.participants.change) == (5, 10.0)
    assert (result.others.count, result.others.change) == (5, 2.0)
    assert result.difference == 8.0
    small = effect(participants[:4], others)
    assert small.participants.change is None
    assert small.difference is None


@pytest.mark.parametrize(
    ("items", "expected"),
    [([], None), ([(20, 60), (40, 40)], 20.0), ([(80, 60)], 0.0)],
)
def test_levels_gained_never_negative(items, expected):
    assert levels_gained(items) == expected


SCORES = [(date(2026, 1, 1), 60), (date(2026, 2, 1), 70), (date(2026, 5, 1), 80), (date(2026, 6, 1), 99)]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 3, 1), 3, ([60, 70], [80, 99])),  # 3 months after, the last day included
        (date(2026, 2, 1), 3, ([60], [80])),  # the day's own review is in neither window
        (date(2026, 3, 1), 1, ([70], [])),
        (date(2025, 6, 1), 3, ([], [])),
    ],
)
def test_windows_around_the_training_day(day, months, expected):
    assert windows(SCORES, day, months) == expected


def _people(count, before, after, day_before=date(2026, 1, 1), day_after=date(2026, 4, 1)):
    return {f"{before}-{after}-{i}": [(day_before, before), (day_after, after)] for i in range(count)}


@pytest.mark.parametrize(
    ("trained", "untrained", "days", "expected"),
    [
        # plan cohort: five trained +10, five others +2 -> 8 points, both shown
        (5, 5, [date(2026, 2, 15)] * 5, (10.0, 2.0, 8.0)),
        # each participant measured from their own day; others from the first day
        (
            5,
            5,
            [date(2026, 2, 1), date(2026, 2, 10), date(2026, 2, 20), date(2026, 3, 1), date(2026, 3, 15)],
            (10.0, 2.0, 8.0),
        ),
        # four participants: hidden
        (4, 5, [date(2026, 2, 15)] * 4, (None, 2.0, None)),
        # a participant trained after the second review has no "after" window: not measured
        (5, 5, [date(2026, 2, 15)] * 4 + [date(2026, 4, 2)], (None, 2.0, None)),
        # nobody trained
        (0, 5, [], (None, None, None)),
    ],
)
def test_cohort_effect(trained, untrained, days, expected):
    participants = _people(trained, 60, 70)
    others = _people(untrained, 60, 62)
    scores = {**participants, **others}
    result = cohort_effect(scores, list(zip(participants, days, strict=True)), list(others))
    assert (result.participants.change, result.others.change, result.difference) == expected
