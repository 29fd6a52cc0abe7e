"""Readiness of an employee for a grade: proportional requirements and hard gates.

Each skill requirement earns points in proportion to the level reached (a level
half-way to the required one earns half its points, never more than all of
them), so a surplus in one skill cannot hide a gap in another. Hard gates
(certificates, minimum service, performance tier) are reported separately: they
do not change the percentage, they block eligibility. A gate that cannot be
evaluated (its data source is not installed) is reported as such and blocks
nothing. Every point of the result is explained by ``Assessment.items``.
"""

from dataclasses import dataclass, field

PASSED = "passed"
FAILED = "failed"
NOT_EVALUATED = "not_evaluated"


@dataclass(frozen=True)
class SkillRequirement:
    key: object
    required: int
    weight: float = 1.0


@dataclass(frozen=True)
class Item:
    """One requirement's share of the readiness, in points out of 100."""

    key: object
    required: int
    actual: int
    points: float
    max_points: float

    @property
    def met(self):
        return self.actual >= self.required


@dataclass(frozen=True)
class Gate:
    key: str
    status: str
    detail: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Assessment:
    readiness: float
    items: tuple
    gates: tuple

    @property
    def blocking_gates(self):
        return tuple(gate for gate in self.gates if gate.status == FAILED)

    @property
    def eligible(self):
        return self.readiness >= 100.0 and not self.blocking_gates


def _check_level(level):
    if isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= 100:
        raise ValueError(f"a skill level must be an integer between 0 and 100, got {level!r}")


def skill_items(requirements, actual):
    """Points per requirement; ``actual`` maps a key to a level in 0-100 (absent: 0)."""
    for level in actual.values():
        _check_level(level)
    total_weight = 0.0
    for requirement in requirements:
        _check_level(requirement.required)
        if requirement.weight <= 0:
            raise ValueError(f"a requirement weight must be positive, got {requirement.weight!r}")
        total_weight += requirement.weight
    items = []
    for requirement in requirements:
        reached = actual.get(requirement.key, 0)
        max_points = 100.0 * requirement.weight / total_weight
        share = 1.0 if not requirement.required else min(reached / requirement.required, 1.0)
        items.append(Item(requirement.key, requirement.required, reached, max_points * share, max_points))
    return tuple(items)


def months_between(start, end):
    """Whole calendar months from ``start`` to ``end`` (0 when end is before start)."""
    if start is None or end < start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return months


def service_gate(service_start, as_of, minimum_months):
    months = months_between(service_start, as_of)
    status = PASSED if months >= minimum_months else FAILED
    return Gate("service", status, {"months": months, "required": minimum_months})


def certificate_gates(required, held):
    """One gate per required certificate.

    ``required`` and ``held`` are iterables of ``(key, family, rank)``: a held
    certificate meets a requirement of the same key, or of the same (non-empty)
    family at a rank at least as high (一级 above 五级).
    """
    held = list(held)
    gates = []
    for key, family, rank in required:
        match = next(
            (
                h_key
                for h_key, h_family, h_rank in held
                if h_key == key or (family and h_family == family and h_rank >= rank)
            ),
            None,
        )
        detail = {"certificate": key, "held": match}
        gates.append(Gate("certificate", PASSED if match is not None else FAILED, detail))
    return gates


def performance_gate(tiers, minimum_rank, count):
    """The last ``count`` review ranks (newest first; higher is better) all reach ``minimum_rank``.

    ``tiers`` is None when no performance data source exists: not evaluated.
    Fewer reviews than ``count`` fails the gate.
    """
    if tiers is None:
        return Gate("performance", NOT_EVALUATED, {"required": minimum_rank, "count": count})
    recent = list(tiers)[:count]
    ok = len(recent) >= count and all(rank >= minimum_rank for rank in recent)
    return Gate(
        "performance",
        PASSED if ok else FAILED,
        {"required": minimum_rank, "count": count, "ranks": tuple(recent)},
    )


def assess(requirements, actual, gates=()):
    items = skill_items(requirements, actual)
    score = 100.0 if not items else sum(item.points for item in items)
    return Assessment(round(min(score, 100.0), 1), items, tuple(gates))


__all__ = [
    "FAILED",
    "NOT_EVALUATED",
    "PASSED",
    "Assessment",
    "Gate",
    "Item",
    "SkillRequirement",
    "assess",
    "certificate_gates",
    "months_between",
    "performance_gate",
    "service_gate",
    "skill_items",
]
