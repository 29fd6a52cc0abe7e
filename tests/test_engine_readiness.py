from datetime import date

import pytest
from career_paths.engine.readiness import (
    FAILED,
    NOT_EVALUATED,
    PASSED,
    Gate,
    SkillRequirement,
    assess,
    certificate_gates,
    months_between,
    performance_gate,
    service_gate,
)


@pytest.mark.parametrize(
    "requirements, actual, expected_points, readiness",
    [
        # nothing required: fully ready
        ([], {"a": 10}, [], 100.0),
        # half-way to the level counts half of that requirement's share
        ([SkillRequirement("a", 80), SkillRequirement("b", 40)], {"a": 40, "b": 40}, [25.0, 50.0], 75.0),
        # surplus is capped: 100 in a cannot hide nothing in b
        ([SkillRequirement("a", 50), SkillRequirement("b", 50)], {"a": 100}, [50.0, 0.0], 50.0),
        # weights share the 100 points
        (
            [SkillRequirement("a", 60, 3), SkillRequirement("b", 60, 1)],
            {"a": 60, "b": 30},
            [75.0, 12.5],
            87.5,
        ),
        # a requirement at level 0 is always met
        ([SkillRequirement("a", 0)], {}, [100.0], 100.0),
        # thirds round at the end only
        ([SkillRequirement(k, 30) for k in "abc"], {"a": 30, "b": 30, "c": 10}, None, 77.8),
    ],
)
def test_readiness_is_proportional_per_requirement(requirements, actual, expected_points, readiness):
    result = assess(requirements, actual)
    if expected_points is not None:
        assert [item.points for item in result.items] == expected_points
    assert result.readiness == readiness
    assert sum(item.max_points for item in result.items) == pytest.approx(100.0 if requirements else 0.0)


def test_items_explain_every_point():
    result = assess([SkillRequirement("a", 80), SkillRequirement("b", 40)], {"a": 20, "b": 60})
    a, b = result.items
    assert (a.key, a.required, a.actual, a.points, a.max_points, a.met) == ("a", 80, 20, 12.5, 50.0, False)
    assert (b.key, b.actual, b.points, b.met) == ("b", 60, 50.0, True)


@pytest.mark.parametrize(
    "readiness_actual, gates, eligible",
    [
        ({"a": 50}, [], True),
        ({"a": 49}, [], False),
        ({"a": 50}, [Gate("service", PASSED)], True),
        ({"a": 50}, [Gate("service", FAILED)], False),
        # a gate whose data source is absent does not block
        ({"a": 50}, [Gate("performance", NOT_EVALUATED)], True),
    ],
)
def test_gates_are_separate_from_the_percentage(readiness_actual, gates, eligible):
    result = assess([SkillRequirement("a", 50)], readiness_actual, gates)
    assert result.eligible is eligible
    assert result.readiness == (100.0 if readiness_actual["a"] >= 50 else 98.0)


@pytest.mark.parametrize(
    "start, end, months",
    [
        (date(2025, 1, 31), date(2025, 2, 28), 0),
        (date(2025, 1, 15), date(2025, 2, 15), 1),
        (date(2024, 3, 16), date(2026, 3, 16), 24),
        (date(2024, 3, 17), date(2026, 3, 16), 23),
        (date(2026, 4, 1), date(2026, 3, 16), 0),
        (None, date(2026, 3, 16), 0),
    ],
)
def test_months_between(start, end, months):
    assert months_between(start, end) == months


def test_service_gate():
    assert service_gate(date(2025, 3, 16), date(2026, 3, 16), 12).status == PASSED
    gate = service_gate(date(2025, 3, 17), date(2026, 3, 16), 12)
    assert (gate.status, gate.detail) == (FAILED, {"months": 11, "required": 12})


@pytest.mark.parametrize(
    "required, held, statuses",
    [
        ([("electrician", "", 0)], [("electrician", "", 0)], [PASSED]),
        ([("electrician", "", 0)], [], [FAILED]),
        # a higher level of the same family meets the requirement (rank 4 = 二级 above rank 2 = 四级)
        ([("skill_l4", "skill_level", 2)], [("skill_l2", "skill_level", 4)], [PASSED]),
        # a lower level does not
        ([("skill_l2", "skill_level", 4)], [("skill_l4", "skill_level", 2)], [FAILED]),
        # without a family only the same certificate counts
        ([("hr_l3", "", 3)], [("hr_l2", "", 4)], [FAILED]),
        ([("a", "", 0), ("b", "", 0)], [("b", "", 0)], [FAILED, PASSED]),
    ],
)
def test_certificate_gates(required, held, statuses):
    assert [gate.status for gate in certificate_gates(required, held)] == statuses


@pytest.mark.parametrize(
    "tiers, minimum, count, status",
    [
        (None, 2, 2, NOT_EVALUATED),
        ([3, 2, 1], 2, 2, PASSED),
        ([3, 1, 3], 2, 2, FAILED),
        ([3], 2, 2, FAILED),
        ([], 1, 0, PASSED),
    ],
)
def test_performance_gate(tiers, minimum, count, status):
    assert performance_gate(tiers, minimum, count).status == status


@pytest.mark.parametrize("level", [-1, 101, 50.5, True, "80"])
def test_bad_levels_are_refused(level):
    with pytest.raises(ValueError):
        assess([SkillRequirement("a", level)], {})
    with pytest.raises(ValueError):
        assess([SkillRequirement("a", 50)], {"a": level})


def test_bad_weight_is_refused():
    with pytest.raises(ValueError):
        assess([SkillRequirement("a", 50, 0)], {})
