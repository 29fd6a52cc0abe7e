"""Training effect: the performance change of participants next to non-participants.

For each person, the change is the mean review score in the months after the
training minus the mean in the months before (both windows must hold a review).
Participants are compared with non-participants of the same cohort over the
same windows. This is an association, not a proof of effect (people chosen for
training differ from the others); groups under ``min_group`` people are not
reported, so no figure points at a few persons.
"""

from dataclasses import dataclass
from statistics import mean

from dateutil.relativedelta import relativedelta

MIN_GROUP = 5
WINDOW_MONTHS = 3


def change(before, after):
    """Mean of ``after`` minus mean of ``before``; None when either window is empty."""
    before, after = list(before), list(after)
    if not before or not after:
        return None
    return round(mean(after) - mean(before), 2)


@dataclass(frozen=True)
class Group:
    count: int
    change: float | None


@dataclass(frozen=True)
class Effect:
    participants: Group
    others: Group

    @property
    def difference(self):
        if self.participants.change is None or self.others.change is None:
            return None
        return round(self.participants.change - self.others.change, 2)


def _group(windows, min_group):
    changes = [c for c in (change(before, after) for before, after in windows) if c is not None]
    if len(changes) < min_group:
        return Group(len(changes), None)
    return Group(len(changes), round(mean(changes), 2))


def effect(participants, others, min_group=MIN_GROUP):
    """``participants`` and ``others``: iterables of (scores before, scores after), one per person."""
    return Effect(_group(participants, min_group), _group(others, min_group))


def windows(scores, day, months=WINDOW_MONTHS):
    """(scores before, scores after) ``day``: ``scores`` is [(period, score)] of one person; the
    months before ``day`` (from, excluded end) and after it (excluded start, to)."""
    window = relativedelta(months=months)
    before = [score for period, score in scores if day - window <= period < day]
    after = [score for period, score in scores if day < period <= day + window]
    return before, after


def cohort_effect(scores, participants, others, months=WINDOW_MONTHS, min_group=MIN_GROUP):
    """The effect of one training (a course, or the plans towards one grade).

    ``scores``: {person: [(period, score)]}; ``participants``: [(person, day trained)];
    ``others``: the non-participants of the same cohorts, measured over the windows of the first
    participant's day.
    """
    participants = list(participants)
    if not participants:
        return effect([], [], min_group)
    first = min(day for _person, day in participants)
    return effect(
        [windows(scores.get(person, ()), day, months) for person, day in participants],
        [windows(scores.get(person, ()), first, months) for person in others],
        min_group,
    )


def levels_gained(items):
    """Mean skill level gained (percentage points) over ``items`` of (level before, level now)."""
    gains = [max(now - before, 0) for before, now in items]
    return round(mean(gains), 1) if gains else None
