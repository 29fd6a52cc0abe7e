from datetime import date

import pytest
from outsourcing_retention.engine import performance as perf

B, M, T = perf.BOTTOM, perf.MIDDLE, perf.TOP


@pytest.mark.parametrize(
    ("rule", "actual", "target", "options", "score"),
    [
        (perf.LINEAR, 80, 100, {}, 80),
        (perf.LINEAR, 100, 100, {}, 100),
        (perf.LINEAR, 150, 100, {}, 100),  # no credit beyond target
        (perf.LINEAR, 0, 100, {}, 0),
        (perf.LINEAR, -20, 100, {}, 0),  # a negative actual (when allowed) scores 0
        (perf.LINEAR, 1, 3, {}, 33.33),
        (perf.CAPPED, 150, 100, {}, 120),  # default cap 120
        (perf.CAPPED, 110, 100, {}, 110),
        (perf.CAPPED, 150, 100, {"cap": 130}, 130),
        (perf.CAPPED, 50, 100, {}, 50),
        (perf.BANDED, 100, 100, {"bands": "100:100, 90:80, 75:60"}, 100),
        (perf.BANDED, 95, 100, {"bands": "100:100, 90:80, 75:60"}, 80),
        (perf.BANDED, 90, 100, {"bands": "100:100, 90:80, 75:60"}, 80),
        (perf.BANDED, 74.9, 100, {"bands": "100:100, 90:80, 75:60"}, 0),
        (perf.BANDED, 80, 100, {"bands": "75：60，100：100"}, 60),  # full-width punctuation, any order
        # Lower is better (complaints): on or under target is full completion.
        (perf.LINEAR, 2, 2, {"lower_is_better": True}, 100),
        (perf.LINEAR, 0, 2, {"lower_is_better": True}, 100),
        (perf.LINEAR, 4, 2, {"lower_is_better": True}, 50),
    ],
)
def test_kpi_score(rule, actual, target, options, score):
    assert perf.kpi_score(rule, actual, target, **options) == pytest.approx(score)


@pytest.mark.parametrize(
    ("rule", "target", "options"),
    [
        (perf.LINEAR, 0, {}),  # no target
        (perf.LINEAR, -5, {}),
        (perf.CAPPED, 100, {"cap": 90}),  # a cap under 100
        (perf.CAPPED, 100, {"cap": 500}),
        (perf.BANDED, 100, {"bands": ""}),
        (perf.BANDED, 100, {"bands": "100"}),
        (perf.BANDED, 100, {"bands": "100:abc"}),
        (perf.BANDED, 100, {"bands": "100:120"}),  # score above 100
        (perf.BANDED, 100, {"bands": "90:80, 90:70"}),  # repeated completion
        ("median", 100, {}),
    ],
)
def test_kpi_score_refuses(rule, target, options):
    with pytest.raises(ValueError):
        perf.kpi_score(rule, 50, target, **options)


@pytest.mark.parametrize(
    ("value", "allow_negative", "expected"),
    [(12, False, 12.0), (12.5, False, 12.5), (0, False, 0.0), (-3, True, -3.0)],
)
def test_check_actual(value, allow_negative, expected):
    assert perf.check_actual(value, allow_negative) == expected


@pytest.mark.parametrize("value", ["12", None, True, [1], float("nan"), float("inf"), -1])
def test_check_actual_refuses(value):
    with pytest.raises(ValueError):
        perf.check_actual(value)


@pytest.mark.parametrize(
    ("lines", "total"),
    [
        ([(50, 80), (50, 100)], 90),
        ([(30, 120), (70, 90)], 99),
        ([(50, 120), (50, 100)], 100),  # capped KPIs never push the total over 100
        ([(100, 0)], 0),
        ([(33.3, 90), (33.3, 90), (33.4, 90)], 90),
    ],
)
def test_total_score(lines, total):
    assert perf.total_score(lines) == pytest.approx(total)


@pytest.mark.parametrize("lines", [[], [(50, 80)], [(60, 80), (50, 80)], [(-10, 80), (110, 80)]])
def test_total_score_refuses_weights(lines):
    with pytest.raises(ValueError):
        perf.total_score(lines)


def tiers_of(scores, **options):
    result = perf.assign_tiers(dict(enumerate(scores)), **options)
    return [result[index] for index in range(len(scores))]


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        # Ten distinct scores: 2 top, 5 middle, 3 bottom.
        ([95, 90, 85, 80, 75, 70, 65, 60, 55, 50], [T, T, M, M, M, M, M, B, B, B]),
        # The order of the input does not matter.
        ([50, 95, 55, 90, 60, 85, 65, 80, 70, 75], [B, T, B, T, B, M, M, M, M, M]),
        # Five people: floor(1.0) = 1 top, floor(1.5) = 1 bottom.
        ([90, 80, 70, 60, 50], [T, M, M, M, B]),
        # A tie straddling the top boundary: the tied pair goes to the middle.
        ([95, 90, 90, 80, 75, 70, 65, 60, 55, 50], [T, M, M, M, M, M, M, B, B, B]),
        # A tie straddling the bottom boundary: the tied group goes to the middle.
        ([95, 90, 85, 80, 75, 70, 60, 60, 55, 50], [T, T, M, M, M, M, M, M, B, B]),
        # A tie inside the bottom quota stays bottom.
        ([95, 90, 85, 80, 75, 70, 65, 55, 55, 50], [T, T, M, M, M, M, M, B, B, B]),
        # A tie entirely inside the top quota stays top.
        ([95, 95, 85, 80, 75, 70, 65, 60, 55, 50], [T, T, M, M, M, M, M, B, B, B]),
        # Everybody equal: nobody is ranked up or down.
        ([80] * 7, [M] * 7),
        # Under five people: no forced distribution.
        ([99, 10, 50, 70], [M, M, M, M]),
        ([], []),
    ],
)
def test_assign_tiers(scores, expected):
    assert tiers_of(scores) == expected


def test_assign_tiers_configurable_shares_and_minimum():
    scores = [90, 80, 70, 60]
    assert tiers_of(scores, shares=(25, 50, 25), min_size=4) == [T, M, M, B]
    assert tiers_of(scores, shares=(25, 50, 25), min_size=5) == [M, M, M, M]
    assert tiers_of(scores, shares=(0, 100, 0), min_size=1) == [M, M, M, M]
    assert tiers_of([90, 80, 70, 60, 50], shares=(40, 0, 60)) == [T, T, B, B, B]


@pytest.mark.parametrize("shares", [(20, 50, 20), (20, 50), (-10, 80, 30), (120, -10, -10)])
def test_assign_tiers_refuses_shares(shares):
    with pytest.raises(ValueError):
        perf.assign_tiers({1: 50}, shares=shares)


def test_quotas_are_maxima_on_large_cohorts():
    scores = {index: (index * 7919) % 101 for index in range(1000)}
    tiers = perf.assign_tiers(scores)
    counts = {tier: list(tiers.values()).count(tier) for tier in perf.TIERS}
    assert counts[T] <= 200 and counts[B] <= 300
    # Ties never split: each score value has exactly one tier.
    by_score = {}
    for key, score in scores.items():
        by_score.setdefault(score, set()).add(tiers[key])
    assert all(len(values) == 1 for values in by_score.values())


def test_first_of_month():
    assert perf.first_of_month(date(2026, 2, 28)) == date(2026, 2, 1)
