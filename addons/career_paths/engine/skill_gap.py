"""Skill-gap analysis between a grade's requirements and an employee's skills.

Levels are percentages (``hr.skill.level.level_progress``, 0-100), so skills
of different scales compare on one axis.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Gap:
    skill: object
    required: int
    actual: int

    @property
    def missing(self):
        return max(self.required - self.actual, 0)


def skill_gaps(required, actual):
    """Gaps for every required skill, the largest first.

    ``required`` and ``actual`` map a skill key to a level in 0-100; a skill
    the employee lacks counts as 0. Met requirements are kept with missing 0.
    """
    for level in list(required.values()) + list(actual.values()):
        if not 0 <= level <= 100:
            raise ValueError(f"a skill level must be between 0 and 100, got {level}")
    gaps = [Gap(skill, level, actual.get(skill, 0)) for skill, level in required.items()]
    return sorted(gaps, key=lambda gap: (-gap.missing, str(gap.skill)))


def readiness(required, actual):
    """Share of the required levels the employee reaches, in percent (0-100).

    Each skill counts up to its required level, so surplus in one skill does
    not hide a gap in another. No requirement means fully ready.
    """
    total = sum(required.values())
    if not total:
        return 100.0
    reached = sum(min(actual.get(skill, 0), level) for skill, level in required.items())
    return round(100.0 * reached / total, 1)
