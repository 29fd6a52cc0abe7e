"""The client side in numbers: an outsourcing programme's business case, its SMART goals,
incident response times and the figures of a client's service report.

Plain Python: the ORM gathers records, these functions compute, the models store.

* Cost comparison (成本对比): every cost line belongs to one side (in-house or outsourcing)
  and is computed by one method: per head and month, a percentage of the same side's wages
  (social insurance, housing fund, overhead at the configured rates), a lump sum, or a
  turnover replacement cost (cost of one replacement x headcount x annual turnover rate).
* Risk assessment (风险评估): each checklist item is scored 0 (no risk) to 5 with a weight;
  the total is the weighted share of the maximum, 0-100, in bands at configurable limits.
  A floor raises an item's score from the suite's facts (a breached dispatch cap puts
  legal compliance at 4 at least, whatever was typed in).
* Goals: progress from the baseline towards the target (either direction), status against
  the time elapsed.
* The under-5 rule (5人规则): a figure computed from fewer than ``MIN_GROUP_SIZE`` people is
  not shown. ``hide_small`` returns ``HIDDEN`` instead of the figure.
"""

import math
import statistics
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta

MIN_GROUP_SIZE = 5
HIDDEN = "hidden"

SIDES = ("inhouse", "outsourcing")
METHODS = ("per_head_month", "percent_of_wages", "lump_sum", "turnover")


# --------------------------------------------------------------------------- cost comparison
def cost_comparison(lines, headcount, months):
    """Total cost of each side and the saving of outsourcing.

    ``lines``: iterable of dicts with ``side`` (``inhouse``/``outsourcing``), ``method``
    (one of ``METHODS``), ``value`` (an amount, or a percentage for ``percent_of_wages``),
    ``is_wage`` (the line is part of the wage base of its side) and, for ``turnover``,
    ``turnover_rate`` (annual, percent).

    Returns ``{"inhouse": total, "outsourcing": total, "saving": inhouse - outsourcing,
    "saving_percent": saving / inhouse * 100 or 0, "lines": [amount per line]}``.
    """
    if headcount < 0 or months < 0:
        raise ValueError("headcount and months cannot be negative")
    lines = list(lines)
    amounts = [0.0] * len(lines)
    wages = dict.fromkeys(SIDES, 0.0)
    # First the lines that do not depend on wages, then the percentages of wages.
    for index, line in enumerate(lines):
        side, method, value = line["side"], line["method"], float(line.get("value") or 0.0)
        if side not in SIDES or method not in METHODS:
            raise ValueError(f"unknown side or method: {side}, {method}")
        if value < 0:
            raise ValueError("a cost line cannot be negative")
        if method == "per_head_month":
            amounts[index] = value * headcount * months
        elif method == "lump_sum":
            amounts[index] = value
        elif method == "turnover":
            rate = float(line.get("turnover_rate") or 0.0)
            if rate < 0:
                raise ValueError("a turnover rate cannot be negative")
            amounts[index] = value * headcount * rate / 100.0 * months / 12.0
        if line.get("is_wage") and method != "percent_of_wages":
            wages[side] += amounts[index]
    for index, line in enumerate(lines):
        if line["method"] == "percent_of_wages":
            amounts[index] = wages[line["side"]] * float(line.get("value") or 0.0) / 100.0
    totals = dict.fromkeys(SIDES, 0.0)
    for line, amount in zip(lines, amounts, strict=True):
        totals[line["side"]] += amount
    totals = {side: round(total, 2) for side, total in totals.items()}
    saving = round(totals["inhouse"] - totals["outsourcing"], 2)
    return {
        **totals,
        "saving": saving,
        "saving_percent": round(saving / totals["inhouse"] * 100.0, 1) if totals["inhouse"] else 0.0,
        "lines": [round(amount, 2) for amount in amounts],
    }


# --------------------------------------------------------------------------- risk assessment
MAX_RISK_SCORE = 5


def risk_assessment(items, limits=(40.0, 70.0)):
    """Total risk of a programme from its checklist.

    ``items``: dicts with ``score`` (0-5), ``weight`` (> 0), optional ``floor`` (0-5, from the
    suite's facts), ``mitigation`` (text) and ``mitigation_done`` (bool).
    ``limits``: (medium from, high from) on the 0-100 total.

    Returns ``{"total": 0-100, "level": low/medium/high, "scores": [effective score per item],
    "open_mitigations": [index of items with a mitigation not done]}``.
    """
    medium, high = limits
    if not 0 <= medium <= high <= 100:
        raise ValueError("risk limits must satisfy 0 <= medium <= high <= 100")
    weighted = maximum = 0.0
    scores, open_mitigations = [], []
    for index, item in enumerate(items):
        score, weight = item.get("score") or 0, float(item.get("weight") or 0.0)
        if not 0 <= score <= MAX_RISK_SCORE:
            raise ValueError(f"a risk score is between 0 and {MAX_RISK_SCORE}")
        if weight < 0:
            raise ValueError("a risk weight cannot be negative")
        score = max(score, item.get("floor") or 0)
        scores.append(score)
        weighted += score * weight
        maximum += MAX_RISK_SCORE * weight
        if (item.get("mitigation") or "").strip() and not item.get("mitigation_done"):
            open_mitigations.append(index)
    total = round(weighted / maximum * 100.0, 1) if maximum else 0.0
    level = "high" if total >= high else "medium" if total >= medium else "low"
    return {"total": total, "level": level, "scores": scores, "open_mitigations": open_mitigations}


# --------------------------------------------------------------------------- goals
def cost_reduction(comparison):
    """The cost reduction a programme's business case promises, in percent of the in-house
    cost (the "cost reduction" goal's measured value); ``None`` without an in-house cost,
    as there is nothing to reduce from.

    ``comparison``: a result of ``cost_comparison``.
    """
    if not comparison or not comparison.get("inhouse"):
        return None
    return comparison["saving_percent"]


def goal_progress(baseline, target, current):
    """Share of the way from the baseline to the target, 0-1 (either direction).

    ``None`` while there is no current value. A target equal to the baseline is reached
    when the current value is at least as good (1.0) and missed otherwise (0.0).
    """
    if current is None:
        return None
    if target == baseline:
        return 1.0 if current == target else 0.0
    return min(1.0, max(0.0, (current - baseline) / (target - baseline)))


def goal_status(progress, date_start, deadline, today, tolerance=0.1):
    """``achieved``, ``on_track``, ``off_track``, ``missed`` or ``no_data``.

    Off track when the progress lags the share of time elapsed by more than ``tolerance``;
    missed once the deadline has passed without reaching the target.
    """
    if progress is None:
        return "no_data"
    if progress >= 1.0:
        return "achieved"
    if today > deadline:
        return "missed"
    span = (deadline - date_start).days
    elapsed = 1.0 if span <= 0 else min(1.0, max(0.0, (today - date_start).days / span))
    return "off_track" if progress < elapsed - tolerance else "on_track"


# --------------------------------------------------------------------------- incidents
def response_minutes(reported_at, first_response_at):
    """Minutes from the report to the first response (``None`` while unanswered)."""
    if not first_response_at:
        return None
    if first_response_at < reported_at:
        raise ValueError("the first response cannot precede the report")
    return (first_response_at - reported_at).total_seconds() / 60.0


def response_report(incidents):
    """Median response time and share answered within target.

    ``incidents``: (minutes or None, target minutes) pairs; unanswered incidents count as
    not within target and are left out of the median.
    Returns ``{"count", "answered", "median_minutes", "within_target", "within_target_percent"}``.
    """
    incidents = list(incidents)
    answered = [minutes for minutes, _target in incidents if minutes is not None]
    within = sum(1 for minutes, target in incidents if minutes is not None and minutes <= target)
    return {
        "count": len(incidents),
        "answered": len(answered),
        "median_minutes": round(statistics.median(answered), 1) if answered else None,
        "within_target": within,
        "within_target_percent": round(within / len(incidents) * 100.0, 1) if incidents else None,
    }


# --------------------------------------------------------------------------- report figures
def hide_small(value, people, minimum=MIN_GROUP_SIZE):
    """The figure, or ``HIDDEN`` when it is computed from 1 to ``minimum - 1`` people.

    A figure about nobody (0 people) identifies no one and is shown.
    """
    if 0 < people < minimum:
        return HIDDEN
    return value


def retention_rate(intervals, window_start, window_end):
    """12-month (or any window) retention: who was there at the start and still is at the end.

    ``intervals``: {person: [(date_start, date_end or None), ...]}. The cohort is everyone
    present on ``window_start``; retained are those of the cohort present on ``window_end``.
    Returns ``(cohort, retained, percent or None)``.
    """

    def present(periods, day):
        return any(start <= day and (not end or end >= day) for start, end in periods)

    cohort = [person for person, periods in intervals.items() if present(periods, window_start)]
    retained = [person for person in cohort if present(intervals[person], window_end)]
    percent = round(len(retained) / len(cohort) * 100.0, 1) if cohort else None
    return len(cohort), len(retained), percent


def fill_rate(requests):
    """Fill rate of staffing requests: people placed over people asked (capped per request).

    ``requests``: (quantity, filled) pairs. Returns a percentage or ``None`` without requests.
    """
    requests = list(requests)
    asked = sum(quantity for quantity, _filled in requests)
    if not asked:
        return None
    placed = sum(min(filled, quantity) for quantity, filled in requests)
    return round(placed / asked * 100.0, 1)


def median_days(pairs):
    """Median days between (start, end) datetimes or dates; ``None`` without pairs."""
    days = []
    for start, end in pairs:
        delta = end - start
        days.append(delta.total_seconds() / 86400.0 if isinstance(delta, timedelta) else delta)
    return round(statistics.median(days), 1) if days else None


def period_bounds(period_type, day):
    """First and last day of the month or quarter containing ``day``."""
    if isinstance(day, datetime):
        day = day.date()
    if period_type == "month":
        start = day.replace(day=1)
        return start, start + relativedelta(months=1, days=-1)
    if period_type == "quarter":
        start = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
        return start, start + relativedelta(months=3, days=-1)
    raise ValueError(f"unknown period type: {period_type}")


def quarter_label(day):
    """``2026-Q1`` for any day of that quarter."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def trend(values):
    """Change from each value to the next (``None`` for the first); values may be ``None``."""
    out, previous = [], None
    for value in values:
        out.append(None if value is None or previous is None else round(value - previous, 2))
        if value is not None:
            previous = value
    return out


def average(values):
    """Mean of the values that are not ``None``, rounded to 2 decimals; ``None`` if none."""
    values = [value for value in values if value is not None and not math.isnan(value)]
    return round(sum(values) / len(values), 2) if values else None
