"""The renewal-risk scorecard (续签风险评分卡).

Each driver gives a sub-score from 0 to 100 (100: no sign of risk) or ``None``
when its data is missing for the person. The total is the weighted average of
the sub-scores that have data: the weight of a driver without data is spread
over the others in proportion to their weights, so missing data never counts as
zero risk (nor as no risk). A lower total means a higher risk.

Every sub-score comes with its explanation as a code and parameters, never as
text: the ORM layer turns the code into a sentence in the reader's language.

Default drivers and weights (configurable records in Odoo):

* ``training`` 30: share of required training completed;
* ``performance`` 40: the latest review score, capped when it fell for
  several consecutive months;
* ``intention`` 20: eNPS and mood falling, unusual absence against the
  person's own history, negative-keyword alerts;
* ``contact`` 10: days since the last recorded HR contact.
"""

from dataclasses import dataclass, field

TOTAL_WEIGHT = 100
MAX_SCORE = 100.0

HIGH = "high"
MEDIUM = "medium"
LOW = "low"
NO_DATA = "no_data"
BANDS = (HIGH, MEDIUM, LOW, NO_DATA)

DEFAULT_WEIGHTS = {"training": 30, "performance": 40, "intention": 20, "contact": 10}


@dataclass(frozen=True)
class Bands:
    """A total below ``high_below`` is high risk, below ``medium_below`` medium, else low."""

    high_below: float = 60.0
    medium_below: float = 75.0

    def __post_init__(self):
        if not 0 <= self.high_below <= self.medium_below <= MAX_SCORE:
            raise ValueError("band thresholds must satisfy 0 <= high <= medium <= 100")


DEFAULT_BANDS = Bands()


@dataclass(frozen=True)
class SubScore:
    """One driver's verdict: ``score`` is None when the driver has no data."""

    score: float | None
    code: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Scorecard:
    total: float | None
    band: str
    sub_scores: dict
    effective_weights: dict
    top_drivers: tuple
    coverage: float = 0.0  # the configured weight, out of 100, of the drivers that had data


def _clamp(value):
    return max(0.0, min(MAX_SCORE, float(value)))


def check_weights(weights):
    """Raise ValueError unless the weights are non-negative and sum to 100."""
    values = list(weights.values()) if isinstance(weights, dict) else list(weights)
    if any(w < 0 for w in values):
        raise ValueError("driver weights must not be negative")
    if round(sum(values), 6) != TOTAL_WEIGHT:
        raise ValueError(f"driver weights must sum to {TOTAL_WEIGHT}, not {sum(values):g}")


def effective_weights(weights, sub_scores):
    """The weights re-spread over the drivers that have data (summing to 100), or {} if none has."""
    with_data = {code: w for code, w in weights.items() if sub_scores.get(code) is not None and w > 0}
    total = sum(with_data.values())
    if not total:
        return {}
    return {code: w * TOTAL_WEIGHT / total for code, w in with_data.items()}


def band_of(total, bands=DEFAULT_BANDS):
    if total is None:
        return NO_DATA
    if total < bands.high_below:
        return HIGH
    if total < bands.medium_below:
        return MEDIUM
    return LOW


def score(sub_scores, weights=None, bands=DEFAULT_BANDS, top=2, min_coverage=0.0):
    """Combine ``sub_scores`` ({code: SubScore}) into a :class:`Scorecard`.

    ``top_drivers`` lists the codes of the drivers that cost the most points
    (weight x (100 - sub-score)), worst first, ties by code; drivers without
    data or that cost nothing are left out. When the drivers with data weigh
    less than ``min_coverage`` (out of 100), the total is kept for information
    but the band is ``no_data``: one small driver alone must not raise an alert.
    """
    weights = dict(DEFAULT_WEIGHTS if weights is None else weights)
    check_weights(weights)
    unknown = set(sub_scores) - set(weights)
    if unknown:
        raise ValueError(f"sub-scores for unknown drivers: {', '.join(sorted(unknown))}")
    plain = {code: (sub.score if sub is not None else None) for code, sub in sub_scores.items()}
    for code, value in plain.items():
        if value is not None and not 0 <= value <= MAX_SCORE:
            raise ValueError(f"sub-score of {code} must be between 0 and 100, not {value}")
    eff = effective_weights(weights, plain)
    if not eff:
        return Scorecard(None, NO_DATA, dict(sub_scores), {}, ())
    coverage = sum(weights[code] for code in eff)
    total = round(sum(eff[code] * plain[code] for code in eff) / TOTAL_WEIGHT, 1)
    costs = sorted(
        ((eff[code] * (MAX_SCORE - plain[code]), code) for code in eff),
        key=lambda item: (-item[0], item[1]),
    )
    top_drivers = tuple(code for cost, code in costs if cost > 0)[:top]
    band = band_of(total, bands) if coverage >= min_coverage else NO_DATA
    return Scorecard(total, band, dict(sub_scores), eff, top_drivers, coverage)


# ---------------------------------------------------------------- the drivers


def training_subscore(required, completed):
    """Share of required trainings completed; ``None`` when nothing is known."""
    if required is None:
        return SubScore(None, "training_no_data")
    if required < 0 or completed is None or completed < 0:
        raise ValueError("training counts must not be negative")
    if required == 0:
        return SubScore(MAX_SCORE, "training_none_required")
    done = min(completed, required)
    value = _clamp(MAX_SCORE * done / required)
    code = "training_complete" if done == required else "training_missing"
    params = {"required": required, "completed": done, "missing": required - done}
    return SubScore(round(value, 1), code, params)


@dataclass(frozen=True)
class PerformanceRule:
    """A fall on ``falling_months`` consecutive months caps the score at ``falling_cap``."""

    falling_months: int = 3
    falling_cap: float = 40.0


def consecutive_falls(scores):
    """How many month-on-month falls end the series (oldest first)."""
    falls = 0
    for previous, current in zip(scores[-2::-1], scores[::-1], strict=False):
        if current < previous:
            falls += 1
        else:
            break
    return falls


def performance_subscore(monthly_scores, rule=PerformanceRule()):
    """``monthly_scores``: review totals (0-100), oldest first; missing months left out."""
    scores = [float(s) for s in monthly_scores or () if s is not None]
    if not scores:
        return SubScore(None, "performance_no_data")
    latest = _clamp(scores[-1])
    falls = consecutive_falls(scores)
    if falls >= rule.falling_months:
        first = scores[-1 - falls]
        return SubScore(
            min(latest, rule.falling_cap),
            "performance_falling",
            {"months": falls, "from": round(first, 1), "to": round(latest, 1)},
        )
    return SubScore(round(latest, 1), "performance_level", {"score": round(latest, 1)})


@dataclass(frozen=True)
class IntentionRule:
    """Points taken from 100 for each sign of turnover intention."""

    enps_detractor_penalty: float = 25.0  # last eNPS answer 0-6
    enps_fall_penalty: float = 15.0  # eNPS answer lower than the one before
    mood_fall_penalty: float = 15.0  # average mood fell by at least ``mood_fall_min``
    mood_fall_min: float = 0.5
    absence_penalty: float = 25.0  # absences past ``absence_z`` deviations of the person's own history
    absence_z: float = 2.0
    absence_min_excess: float = 2.0  # and at least this many more days than usual
    keyword_penalty: dict = field(default_factory=lambda: {"low": 5.0, "medium": 10.0, "high": 20.0})


def _absence_excess(recent, history, rule):
    """Days absent above the person's usual, when unusual (past ``rule.absence_z`` deviations), else None."""
    history = [float(h) for h in history or ()]
    if recent is None or len(history) < 3:
        return None
    mean = sum(history) / len(history)
    variance = sum((h - mean) ** 2 for h in history) / (len(history) - 1)
    std = variance**0.5
    excess = recent - mean
    if excess >= rule.absence_min_excess and excess > rule.absence_z * std:
        return round(excess, 1)
    return None


def intention_subscore(
    enps=None,
    mood=None,
    absence_recent=None,
    absence_history=None,
    keyword_severities=None,
    rule=IntentionRule(),
):
    """Turnover intention from the person's own signals.

    ``enps``: eNPS answers 0-10, oldest first; ``mood``: average mood per period
    (1-5), oldest first; ``absence_recent``: days absent in the window and
    ``absence_history``: days absent in earlier windows of the same length;
    ``keyword_severities``: severities of unresolved negative-keyword alerts.
    ``None`` when none of them holds data.
    """
    enps = [e for e in enps or () if e is not None]
    mood = [m for m in mood or () if m is not None]
    severities = list(keyword_severities or ())
    has_absence = absence_recent is not None and len(absence_history or ()) >= 3
    if not (enps or mood or has_absence or keyword_severities is not None):
        return SubScore(None, "intention_no_data")
    value = MAX_SCORE
    signs = []
    if enps:
        if not all(0 <= e <= 10 for e in enps):
            raise ValueError("eNPS answers are between 0 and 10")
        if enps[-1] <= 6:
            value -= rule.enps_detractor_penalty
            signs.append("enps_detractor")
        if len(enps) >= 2 and enps[-1] < enps[-2]:
            value -= rule.enps_fall_penalty
            signs.append("enps_falling")
    if len(mood) >= 2 and mood[-2] - mood[-1] >= rule.mood_fall_min:
        value -= rule.mood_fall_penalty
        signs.append("mood_falling")
    excess = _absence_excess(absence_recent, absence_history, rule) if has_absence else None
    if excess is not None:
        value -= rule.absence_penalty
        signs.append("absence_unusual")
    for severity in severities:
        if severity not in rule.keyword_penalty:
            raise ValueError(f"unknown keyword severity: {severity}")
        value -= rule.keyword_penalty[severity]
    if severities:
        signs.append("keyword_alerts")
    params = {"signs": tuple(signs), "alerts": len(severities)}
    if excess is not None:
        params["absence_excess"] = excess
    return SubScore(round(_clamp(value), 1), "intention_signs" if signs else "intention_none", params)


def contact_subscore(days_since_contact, window=90):
    """100 up to a third of ``window`` days since the last HR contact, 0 from ``window`` on.

    ``days_since_contact`` is None when no contact was ever recorded: that is a
    finding (0), not missing data.
    """
    if window <= 0:
        raise ValueError("the contact window must be positive")
    if days_since_contact is None:
        return SubScore(0.0, "contact_never", {"window": window})
    if days_since_contact < 0:
        raise ValueError("days since the last contact must not be negative")
    grace = window / 3
    if days_since_contact <= grace:
        value = MAX_SCORE
    elif days_since_contact >= window:
        value = 0.0
    else:
        value = MAX_SCORE * (window - days_since_contact) / (window - grace)
    code = "contact_overdue" if days_since_contact >= window else "contact_recent"
    return SubScore(round(value, 1), code, {"days": days_since_contact, "window": window})
