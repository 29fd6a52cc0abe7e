"""Monthly performance reviews (绩效考评): KPI scores, totals and cohort tiers.

KPI scores
    Every KPI line has a weight, a target and an actual value, and scores out of
    100 by one of three rules. ``completion`` is ``actual / target`` (or
    ``target / actual`` for a KPI where lower is better, such as complaints):

    * ``linear``: 100 x completion, between 0 and 100 (no credit beyond target);
    * ``capped``: 100 x completion, between 0 and the KPI's cap (default 120):
      over-achievement is credited up to the cap, so it can make up for a weaker
      KPI. The review total never exceeds 100;
    * ``banded``: the score of the highest band the completion reaches; bands
      are written ``"100:100, 90:80, 75:60"`` (completion in % : score), and a
      completion under every band scores 0.

Totals
    The weighted average of the line scores, weights summing to 100, capped at
    100 and rounded to two digits.

Tiers (top / middle / bottom)
    A cohort (a department or a site, one month) is ranked by total score.
    The top and bottom quotas are ``floor(size x share / 100)`` and are maxima:

    * people with equal scores always share a tier: a tie that straddles the
      top or the bottom boundary places the whole tied group in the middle
      tier, so neither the bonus budget (top) nor the improvement plans
      (bottom) ever exceed their share;
    * a cohort smaller than the minimum size (default 5) is not ranked at all:
      everyone is placed in the middle tier, because a forced distribution over
      fewer people says nothing about performance.
"""

import math
from numbers import Real

TOP = "top"
MIDDLE = "middle"
BOTTOM = "bottom"
TIERS = (TOP, MIDDLE, BOTTOM)

LINEAR = "linear"
CAPPED = "capped"
BANDED = "banded"
RULES = (LINEAR, CAPPED, BANDED)

TOTAL_WEIGHT = 100
MAX_SCORE = 100
DEFAULT_CAP = 120
MAX_CAP = 200
DEFAULT_SHARES = (20, 50, 30)
DEFAULT_MIN_COHORT = 5


def check_actual(value, allow_negative=False):
    """Return ``value`` as a float, or raise ValueError (not a number, negative, NaN)."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(f"the actual value must be a number, not {value!r}")
    value = float(value)
    if math.isnan(value) or math.isinf(value):
        raise ValueError("the actual value must be a finite number")
    if value < 0 and not allow_negative:
        raise ValueError(f"the actual value cannot be negative ({value:g})")
    return value


def parse_bands(text):
    """Parse ``"100:100, 90:80"`` into ``[(100.0, 100.0), (90.0, 80.0)]``, highest first.

    Raises ValueError on a malformed band, a score outside 0-100, a negative
    threshold, a repeated threshold, or no band at all.
    """
    bands = []
    for chunk in (text or "").replace("，", ",").replace("：", ":").split(","):
        chunk = chunk.strip()
        if not chunk:
            continue
        parts = chunk.split(":")
        if len(parts) != 2:
            raise ValueError(f"a band reads 'completion %: score', not {chunk!r}")
        try:
            threshold, score = (float(part) for part in parts)
        except ValueError:
            raise ValueError(f"a band reads 'completion %: score', not {chunk!r}") from None
        if threshold < 0 or not 0 <= score <= MAX_SCORE:
            raise ValueError(f"band {chunk!r}: the completion must be >= 0 and the score 0-100")
        bands.append((threshold, score))
    if not bands:
        raise ValueError("a banded KPI needs at least one band")
    thresholds = [threshold for threshold, _score in bands]
    if len(set(thresholds)) != len(thresholds):
        raise ValueError("two bands have the same completion")
    return sorted(bands, reverse=True)


def completion(actual, target, lower_is_better=False):
    """Completion ratio (1.0 = on target); ``target`` must be positive."""
    if target <= 0:
        raise ValueError("the target must be greater than zero")
    if lower_is_better:
        if actual <= target:
            return 1.0
        return target / actual
    return actual / target


def kpi_score(rule, actual, target, *, bands=None, cap=DEFAULT_CAP, lower_is_better=False):
    """The score of one KPI line, rounded to two digits (see the module docstring)."""
    ratio = completion(actual, target, lower_is_better)
    if rule == LINEAR:
        score = min(max(ratio * 100, 0), MAX_SCORE)
    elif rule == CAPPED:
        if not MAX_SCORE <= cap <= MAX_CAP:
            raise ValueError(f"the cap must be between {MAX_SCORE} and {MAX_CAP}")
        score = min(max(ratio * 100, 0), cap)
    elif rule == BANDED:
        parsed = parse_bands(bands) if isinstance(bands, str) or bands is None else bands
        percent = ratio * 100
        score = next((band_score for threshold, band_score in parsed if percent >= threshold), 0)
    else:
        raise ValueError(f"unknown scoring rule {rule!r}")
    return round(score, 2)


def check_weights(weights):
    """Raise ValueError unless every weight is in [0, 100] and they sum to 100."""
    weights = list(weights)
    if any(weight < 0 or weight > TOTAL_WEIGHT for weight in weights):
        raise ValueError("weights must be between 0 and 100")
    if round(sum(weights), 6) != TOTAL_WEIGHT:
        raise ValueError(f"weights must sum to {TOTAL_WEIGHT}, not {sum(weights):g}")


def total_score(lines):
    """Weighted average of ``(weight, score)`` pairs, capped at 100, two digits."""
    lines = list(lines)
    check_weights(weight for weight, _score in lines)
    return round(min(sum(weight * score for weight, score in lines) / TOTAL_WEIGHT, MAX_SCORE), 2)


def check_shares(shares):
    """Raise ValueError unless the three tier shares are in [0, 100] and sum to 100."""
    shares = tuple(shares)
    if len(shares) != 3 or any(not 0 <= share <= 100 for share in shares):
        raise ValueError("three tier shares between 0 and 100 are needed")
    if round(sum(shares), 6) != 100:
        raise ValueError(f"the tier shares must sum to 100, not {sum(shares):g}")


def assign_tiers(scores, shares=DEFAULT_SHARES, min_size=DEFAULT_MIN_COHORT):
    """Map each key of ``scores`` (key -> total score) to ``top``/``middle``/``bottom``.

    See the module docstring for the quota, tie and small-cohort rules. The
    result depends only on the scores, never on the order of ``scores``.
    """
    check_shares(shares)
    tiers = dict.fromkeys(scores, MIDDLE)
    size = len(scores)
    if size < max(min_size, 1):
        return tiers
    top_share, _middle_share, bottom_share = shares
    top_quota = math.floor(size * top_share / 100)
    bottom_quota = math.floor(size * bottom_share / 100)
    ranked = sorted(scores.values(), reverse=True)
    if top_quota:
        # The lowest score still inside the quota; it is top only if nobody
        # outside the quota shares it.
        cut = ranked[top_quota - 1]
        outside = ranked[top_quota] if top_quota < size else None
        top_floor = cut if outside != cut else min((s for s in ranked if s > cut), default=None)
        if top_floor is not None:
            for key, score in scores.items():
                if score >= top_floor:
                    tiers[key] = TOP
    if bottom_quota:
        ascending = ranked[::-1]
        cut = ascending[bottom_quota - 1]
        outside = ascending[bottom_quota] if bottom_quota < size else None
        bottom_ceiling = cut if outside != cut else max((s for s in ascending if s < cut), default=None)
        if bottom_ceiling is not None:
            for key, score in scores.items():
                if score <= bottom_ceiling and tiers[key] == MIDDLE:
                    tiers[key] = BOTTOM
    return tiers


def first_of_month(day):
    """The first day of ``day``'s month (a review period)."""
    return day.replace(day=1)
