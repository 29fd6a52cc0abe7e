import pytest
from career_paths.engine.effect import MIN_GROUP, change, effect, levels_gained


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
