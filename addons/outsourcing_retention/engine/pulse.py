"""Weekly pulse and wellbeing checks: weeks, cadences, eNPS, the under-5 rule, scales.

Plain Python (no ``odoo`` import), unit-tested by tests/test_engine_pulse.py.
"""

from datetime import timedelta

#: No figure is shown for fewer answers than this (the suite's under-5 rule).
MIN_GROUP = 5

CADENCES = ("weekly", "biweekly", "monthly")

ENPS_PROMOTER = 9  # 9 and 10
ENPS_DETRACTOR = 6  # 0 to 6


def week_start(day):
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def month_start(day):
    return day.replace(day=1)


def wave_due(cadence, start_week, week):
    """Whether a campaign started on ``start_week`` sends a wave in ``week`` (both Mondays).

    weekly: every week from the start; biweekly: every other week from the start;
    monthly: the first week (Monday) of each month that holds a Monday on or after
    the start.
    """
    if cadence not in CADENCES:
        raise ValueError(f"unknown cadence {cadence!r}")
    start_week = week_start(start_week)
    week = week_start(week)
    if week < start_week:
        return False
    if cadence == "weekly":
        return True
    if cadence == "biweekly":
        return (week - start_week).days % 14 == 0
    # monthly: the Monday falling in the first seven days of its month.
    return week.day <= 7


def enps_class(score):
    """'promoter', 'passive' or 'detractor' for an eNPS answer from 0 to 10."""
    if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 10:
        raise ValueError(f"an eNPS answer is a whole number from 0 to 10, not {score!r}")
    if score >= ENPS_PROMOTER:
        return "promoter"
    if score <= ENPS_DETRACTOR:
        return "detractor"
    return "passive"


def check_mood(mood):
    if isinstance(mood, bool) or not isinstance(mood, int) or not 1 <= mood <= 5:
        raise ValueError(f"a mood answer is a whole number from 1 to 5, not {mood!r}")
    return mood


def enps(promoters, detractors, count, min_group=MIN_GROUP):
    """eNPS in points (-100 to 100, one decimal), or None under ``min_group`` answers."""
    if count < min_group or count <= 0:
        return None
    return round(100.0 * (promoters - detractors) / count, 1)


def average(total, count, min_group=MIN_GROUP):
    """An average shown only from ``min_group`` answers on, or None."""
    if count < min_group or count <= 0:
        return None
    return round(total / count, 2)


# ---------------------------------------------------------------- wellbeing scales
# PSS-4 (Cohen, Kamarck & Mermelstein 1983; Cohen & Williamson 1988), public domain:
# four items answered 0 (never) to 4 (very often); items 2 and 3 are positively worded
# and reversed. Total 0-16, higher is more perceived stress.
PSS4_ITEMS = 4
PSS4_REVERSED = (1, 2)  # zero-based positions of items 2 and 3
# GAD-2 (Kroenke et al. 2007), public domain: two items answered 0 (not at all) to
# 3 (nearly every day). Total 0-6; 3 or more is the usual screening cut-off.
GAD2_ITEMS = 2


def _check_items(answers, count, top, scale):
    answers = list(answers)
    if len(answers) != count:
        raise ValueError(f"{scale} has {count} items, got {len(answers)}")
    for answer in answers:
        if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer <= top:
            raise ValueError(f"{scale} items are whole numbers from 0 to {top}, not {answer!r}")
    return answers


def pss4_score(answers):
    """Total PSS-4 score (0-16) of four answers from 0 to 4, items 2 and 3 reversed."""
    answers = _check_items(answers, PSS4_ITEMS, 4, "PSS-4")
    return sum(4 - a if i in PSS4_REVERSED else a for i, a in enumerate(answers))


def gad2_score(answers):
    """Total GAD-2 score (0-6) of two answers from 0 to 3."""
    return sum(_check_items(answers, GAD2_ITEMS, 3, "GAD-2"))


def wellbeing_flag(pss4, gad2, pss4_threshold, gad2_threshold):
    """True when either score reaches its threshold (a referral is offered)."""
    return (pss4 is not None and pss4 >= pss4_threshold) or (gad2 is not None and gad2 >= gad2_threshold)


def stress_index(pss4_total, count, min_group=MIN_GROUP):
    """Average PSS-4 of a group scaled to 0-100, or None under ``min_group`` answers."""
    avg = average(pss4_total, count, min_group)
    return None if avg is None else round(avg * 100.0 / 16, 1)


__all__ = [
    "MIN_GROUP",
    "average",
    "check_mood",
    "enps",
    "enps_class",
    "gad2_score",
    "month_start",
    "pss4_score",
    "stress_index",
    "wave_due",
    "week_start",
    "wellbeing_flag",
]
