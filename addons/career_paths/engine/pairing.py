"""Mentoring trios (1+1+1 结对): who is retained, paired against comparable unpaired people.

An association, not a proof of effect: trios are offered to high-potential people, who may
stay longer anyway. Groups under ``min_group`` people are not reported (PIPL: no figures that
point at a few persons).
"""

from dataclasses import dataclass

MIN_GROUP = 5


@dataclass(frozen=True)
class Retention:
    count: int
    retained: int

    @property
    def rate(self):
        return round(100.0 * self.retained / self.count, 1) if self.count else None


def retention(people, as_of):
    """``people``: iterable of departure dates (None: still employed). Retained: not left by ``as_of``."""
    dates = list(people)
    return Retention(len(dates), sum(1 for day in dates if day is None or day > as_of))


def comparison(paired, unpaired, as_of, min_group=MIN_GROUP):
    """{'paired': Retention | None, 'unpaired': Retention | None}; None for a group too small to show."""
    result = {}
    for key, group in (("paired", paired), ("unpaired", unpaired)):
        figures = retention(group, as_of)
        result[key] = figures if figures.count >= min_group else None
    return result
