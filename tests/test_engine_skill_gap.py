import pytest
from career_paths.engine.skill_gap import readiness, skill_gaps


def test_gaps_sorted_largest_first():
    gaps = skill_gaps({"python": 80, "sql": 60, "excel": 40}, {"python": 50, "excel": 60})
    assert [(g.skill, g.missing) for g in gaps] == [("sql", 60), ("python", 30), ("excel", 0)]


def test_readiness_does_not_let_surplus_hide_a_gap():
    assert readiness({"a": 50, "b": 50}, {"a": 100, "b": 0}) == 50.0
    assert readiness({"a": 50, "b": 50}, {"a": 50, "b": 50}) == 100.0
    assert readiness({}, {"a": 10}) == 100.0


@pytest.mark.parametrize("level", [-1, 101])
def test_levels_out_of_range_are_refused(level):
    with pytest.raises(ValueError):
        skill_gaps({"a": level}, {})
