"""Vendor (服务商) periodic reviews and qualification expiry.

A review scores criteria 0-100 with weights summing to 100; the total (out of
100) is the weighted average. The result follows configurable thresholds:

* total >= preferred threshold (default 90): ``preferred``
* total >= approved threshold (default 75): ``approved``
* total >= warning threshold (default 60): ``warning``
* below: ``eliminated``

A second consecutive ``warning`` (the vendor's previous validated review was a
warning too) makes the vendor ``eliminated``.
"""

from collections import namedtuple
from datetime import timedelta

PREFERRED = "preferred"
APPROVED = "approved"
WARNING = "warning"
ELIMINATED = "eliminated"
RESULTS = (PREFERRED, APPROVED, WARNING, ELIMINATED)

TOTAL_WEIGHT = 100
MAX_SCORE = 100

Thresholds = namedtuple("Thresholds", ["preferred", "approved", "warning"])
DEFAULT_THRESHOLDS = Thresholds(preferred=90, approved=75, warning=60)

# Qualification states and the notice before expiry.
QUALIFICATION_VALID = "valid"
QUALIFICATION_EXPIRING = "expiring"
QUALIFICATION_EXPIRED = "expired"
EXPIRY_NOTICE_DAYS = 30


def check_weights(weights):
    """Raise ValueError unless every weight is in [0, 100] and they sum to 100."""
    weights = list(weights)
    if any(weight < 0 or weight > TOTAL_WEIGHT for weight in weights):
        raise ValueError("weights must be between 0 and 100")
    if sum(weights) != TOTAL_WEIGHT:
        raise ValueError(f"weights must sum to {TOTAL_WEIGHT}, not {sum(weights)}")


def check_score(score):
    """Raise ValueError unless ``score`` is in [0, 100]."""
    if not 0 <= score <= MAX_SCORE:
        raise ValueError(f"a score must be between 0 and {MAX_SCORE}, not {score}")


def weighted_total(lines):
    """Weighted average of ``lines`` ((weight, score) pairs), out of 100, rounded to 2 digits.

    Raises ValueError when the weights do not sum to 100 or a score is out of range.
    """
    lines = list(lines)
    check_weights(weight for weight, _score in lines)
    for _weight, score in lines:
        check_score(score)
    return round(sum(weight * score for weight, score in lines) / TOTAL_WEIGHT, 2)


def check_thresholds(thresholds):
    """Raise ValueError unless 0 <= warning <= approved <= preferred <= 100."""
    preferred, approved, warning = thresholds
    if not 0 <= warning <= approved <= preferred <= MAX_SCORE:
        raise ValueError("thresholds must satisfy 0 <= warning <= approved <= preferred <= 100")


def band(total, thresholds=DEFAULT_THRESHOLDS):
    """The result of a total on its own, without the vendor's history."""
    check_thresholds(thresholds)
    check_score(total)
    if total >= thresholds.preferred:
        return PREFERRED
    if total >= thresholds.approved:
        return APPROVED
    if total >= thresholds.warning:
        return WARNING
    return ELIMINATED


def review_result(total, thresholds=DEFAULT_THRESHOLDS, previous_result=None):
    """The result of a review: its band, or ``eliminated`` on a second consecutive warning."""
    result = band(total, Thresholds(*thresholds))
    if result == WARNING and previous_result == WARNING:
        return ELIMINATED
    return result


def qualification_state(date_end, today, notice_days=EXPIRY_NOTICE_DAYS):
    """``valid``, ``expiring`` (within ``notice_days`` of its last valid day) or ``expired``.

    ``date_end`` is the last day of validity; no end date means valid without limit.
    """
    if not date_end:
        return QUALIFICATION_VALID
    if date_end < today:
        return QUALIFICATION_EXPIRED
    if date_end <= today + timedelta(days=notice_days):
        return QUALIFICATION_EXPIRING
    return QUALIFICATION_VALID
