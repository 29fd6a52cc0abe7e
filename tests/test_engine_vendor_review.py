from datetime import date

import pytest
from outsourcing_retention.engine import vendor_review as vr

DEFAULT_WEIGHTS = (30, 20, 20, 15, 15)


@pytest.mark.parametrize(
    ("scores", "total"),
    [
        ((100, 100, 100, 100, 100), 100),
        ((0, 0, 0, 0, 0), 0),
        ((90, 80, 70, 60, 50), 73.5),
        ((95, 90, 92, 88, 85), 90.85),
        ((60, 60, 60, 60, 60), 60),
        ((59.5, 60, 60, 60, 60), 59.85),
    ],
)
def test_weighted_total(scores, total):
    assert vr.weighted_total(zip(DEFAULT_WEIGHTS, scores, strict=True)) == pytest.approx(total)


@pytest.mark.parametrize(
    "lines",
    [
        [(30, 90), (20, 90)],  # weights sum to 50
        [(60, 90), (50, 90)],  # 110
        [(-10, 90), (110, 90)],  # negative weight
        [(100, 101)],  # score above 100
        [(100, -1)],  # negative score
        [],
    ],
)
def test_weighted_total_refuses(lines):
    with pytest.raises(ValueError):
        vr.weighted_total(lines)


@pytest.mark.parametrize(
    ("total", "previous", "result"),
    [
        (100, None, vr.PREFERRED),
        (90, None, vr.PREFERRED),
        (89.99, None, vr.APPROVED),
        (75, vr.WARNING, vr.APPROVED),
        (74.99, None, vr.WARNING),
        (60, None, vr.WARNING),
        (60, vr.APPROVED, vr.WARNING),
        (60, vr.WARNING, vr.ELIMINATED),  # second consecutive warning
        (70, vr.ELIMINATED, vr.WARNING),
        (59.99, None, vr.ELIMINATED),
        (0, vr.PREFERRED, vr.ELIMINATED),
        (95, vr.WARNING, vr.PREFERRED),
    ],
)
def test_review_result_default_thresholds(total, previous, result):
    assert vr.review_result(total, vr.DEFAULT_THRESHOLDS, previous) == result


@pytest.mark.parametrize(
    ("thresholds", "total", "result"),
    [
        ((80, 70, 50), 80, vr.PREFERRED),
        ((80, 70, 50), 69, vr.WARNING),
        ((80, 70, 50), 49, vr.ELIMINATED),
        ((100, 100, 100), 99, vr.ELIMINATED),
        ((0, 0, 0), 0, vr.PREFERRED),
    ],
)
def test_review_result_custom_thresholds(thresholds, total, result):
    assert vr.review_result(total, thresholds) == result


@pytest.mark.parametrize("thresholds", [(70, 80, 50), (90, 75, 80), (101, 75, 60), (90, 75, -1)])
def test_thresholds_must_be_ordered(thresholds):
    with pytest.raises(ValueError):
        vr.check_thresholds(thresholds)
    with pytest.raises(ValueError):
        vr.review_result(80, thresholds)


@pytest.mark.parametrize("total", [-0.01, 100.01])
def test_total_out_of_range(total):
    with pytest.raises(ValueError):
        vr.band(total)


@pytest.mark.parametrize(
    ("date_end", "today", "state"),
    [
        (None, date(2026, 3, 16), vr.QUALIFICATION_VALID),
        (date(2026, 4, 16), date(2026, 3, 16), vr.QUALIFICATION_VALID),  # 31 days ahead
        (date(2026, 4, 15), date(2026, 3, 16), vr.QUALIFICATION_EXPIRING),  # 30 days ahead
        (date(2026, 3, 16), date(2026, 3, 16), vr.QUALIFICATION_EXPIRING),  # last valid day
        (date(2026, 3, 15), date(2026, 3, 16), vr.QUALIFICATION_EXPIRED),
    ],
)
def test_qualification_state(date_end, today, state):
    assert vr.qualification_state(date_end, today) == state


def test_qualification_state_custom_notice():
    assert vr.qualification_state(date(2026, 4, 15), date(2026, 3, 16), 7) == vr.QUALIFICATION_VALID
