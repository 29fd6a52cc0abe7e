"""People-to-position matching (人岗匹配): advisory, explainable rankings.

A candidate's score for a position, out of 100, adds three weighted parts:

* skills: the readiness for the position's skill requirements, proportional as
  for a grade (a level half-way to the required one earns half that
  requirement's share, never more than all of it);
* same city: the candidate works in the position's city now;
* preferences: what the candidate said they want, half for the position's
  track among their desired tracks, half for its city among their desired cities.

Required certificates are hard gates: a candidate who lacks one is still
listed, after every candidate who holds them all, with the missing certificate
named. The inputs hold only what the ranking may use: no age, gender,
ethnicity, household registration (户籍) or marital status can reach it
(``candidate_from_mapping`` drops every other key), and every result carries
``VERSION`` and the weights so a person may ask why (PIPL art. 24).

``rank_candidates`` scores all candidates of many positions through inverted
indexes (skill → holders, city → workers, ...), touching only the candidates a
requirement concerns; ``naive_rank_candidates`` is the reference that scores
every pair, used by the tests and the benchmark to prove both agree.
"""

import heapq
from collections import defaultdict
from dataclasses import dataclass, field
from operator import itemgetter

VERSION = "career-match-1"
# Scores within this margin of the cut-off are scored in full (floating-point slack).
EPSILON = 1e-6


@dataclass(frozen=True)
class Weights:
    skills: float = 70.0
    city: float = 15.0
    preferences: float = 15.0

    def __post_init__(self):
        for name in ("skills", "city", "preferences"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise ValueError(f"a matching weight must be a non-negative number, got {name}={value!r}")
        if not self.skills + self.city + self.preferences:
            raise ValueError("at least one matching weight must be positive")

    @property
    def version(self):
        return f"{VERSION} skills={self.skills:g} city={self.city:g} preferences={self.preferences:g}"


@dataclass(frozen=True)
class Position:
    """An open position. ``skills``: ``((skill, required level 0-100, weight), ...)``;
    ``certificates``: ``((key, family, rank), ...)`` as in ``readiness.certificate_gates``."""

    key: object
    city: str = ""
    track: object = None
    skills: tuple = ()
    certificates: tuple = ()


@dataclass(frozen=True)
class Candidate:
    """What the ranking may know of a person, and nothing else."""

    key: object
    city: str = ""
    skills: dict = field(default_factory=dict)
    certificates: tuple = ()
    desired_tracks: frozenset = frozenset()
    desired_cities: frozenset = frozenset()


ALLOWED_KEYS = frozenset(Candidate.__dataclass_fields__)


def candidate_from_mapping(values):
    """A Candidate from a mapping, keeping only the allowed keys (age, gender... are dropped)."""
    kept = {key: value for key, value in values.items() if key in ALLOWED_KEYS}
    for key in ("desired_tracks", "desired_cities"):
        if key in kept:
            kept[key] = frozenset(kept[key])
    if "certificates" in kept:
        kept["certificates"] = tuple(kept["certificates"])
    return Candidate(**kept)


@dataclass(frozen=True)
class Match:
    position: object
    candidate: object
    score: float
    readiness: float
    eligible: bool
    same_city: bool
    preference: float
    matched: tuple = ()
    missing: tuple = ()
    missing_certificates: tuple = ()

    def sort_key(self):
        return (not self.eligible, -self.score, str(self.candidate))


def _check_level(level):
    if isinstance(level, bool) or not isinstance(level, int | float) or not 0 <= level <= 100:
        raise ValueError(f"a skill level must be between 0 and 100, got {level!r}")


def _shares(position):
    """[(skill, required, share of the skill points)] for a position's requirements.

    A requirement at level 0 is met by everyone and left out.
    """
    kept = []
    for skill, required, weight in position.skills:
        _check_level(required)
        if isinstance(weight, bool) or not isinstance(weight, int | float) or weight <= 0:
            raise ValueError(f"a requirement weight must be positive, got {weight!r}")
        if required:
            kept.append((skill, required, weight))
    total = sum(weight for _skill, _required, weight in kept)
    return [(skill, required, weight / total) for skill, required, weight in kept]


def _value(weights, readiness, same_city, preference):
    """The score out of 100 (one formula for every path, so both rankings agree to the bit)."""
    total = weights.skills + weights.city + weights.preferences
    return (
        (weights.skills * readiness + weights.city * same_city + weights.preferences * preference)
        * 100
        / total
    )


def _holds(certificates, key, family, rank):
    return any(
        h_key == key or (family and h_family == family and h_rank >= rank)
        for h_key, h_family, h_rank in certificates
    )


def _preference(position, candidate):
    points = 0.0
    if position.track is not None and position.track in candidate.desired_tracks:
        points += 0.5
    if position.city and position.city in candidate.desired_cities:
        points += 0.5
    return points


def _round(value):
    return round(value, 4)


def score(position, candidate, weights=Weights()):
    """The full, explained Match of one candidate for one position."""
    for level in candidate.skills.values():
        _check_level(level)
    matched, missing = [], []
    shares = _shares(position)
    readiness = 0.0 if shares else 1.0
    for skill, required, share in shares:
        actual = candidate.skills.get(skill, 0)
        if actual > 0:
            readiness += share * min(actual / required, 1.0)
        (matched if actual >= required else missing).append((skill, required, actual))
    missing_certificates = tuple(
        key
        for key, family, rank in position.certificates
        if not _holds(candidate.certificates, key, family, rank)
    )
    same_city = bool(position.city) and position.city == candidate.city
    preference = _preference(position, candidate)
    value = _value(weights, readiness, same_city, preference)
    return Match(
        position.key,
        candidate.key,
        _round(value),
        round(readiness * 100, 1),
        not missing_certificates,
        same_city,
        preference,
        tuple(matched),
        tuple(missing),
        missing_certificates,
    )


def naive_rank_candidates(positions, candidates, limit=10, weights=Weights()):
    """Reference: every pair scored in full, then sorted. {position key: [Match]}."""
    result = {}
    for position in positions:
        matches = [score(position, candidate, weights) for candidate in candidates]
        matches.sort(key=Match.sort_key)
        result[position.key] = matches[:limit]
    return result


class Index:
    """Candidates indexed once by skill and certificate, for many positions.

    For a position, skill readiness is summed only over the holders of its
    skills. The city and preference parts are at most ``bonus`` points, so once
    ``limit`` candidates are scored in full, anyone whose skill part plus that
    bonus cannot reach the weakest of them is skipped; when people without any
    of the skills could still make the list, every candidate is scored.
    Candidates holding the required certificates are ranked first, the others
    only when too few hold them.
    """

    def __init__(self, candidates):
        self.candidates = list(candidates)
        self.by_skill = defaultdict(list)
        self.by_certificate = defaultdict(set)
        self.by_family = defaultdict(list)
        for index, candidate in enumerate(self.candidates):
            for skill, level in candidate.skills.items():
                _check_level(level)
                if level > 0:
                    self.by_skill[skill].append((index, level))
            for key, family, rank in candidate.certificates:
                self.by_certificate[key].add(index)
                if family:
                    self.by_family[family].append((index, rank))

    def _certified(self, position):
        """Indexes of the candidates holding every certificate the position requires (None: no such need)."""
        result = None
        for key, family, rank in position.certificates:
            holders = set(self.by_certificate.get(key, ()))
            if family:
                holders.update(index for index, held in self.by_family.get(family, ()) if held >= rank)
            result = holders if result is None else result & holders
        return result

    def _best(self, position, shares, weights, limit, keep):
        """The best ``limit`` entries among candidates for which ``keep(index)`` holds (None: all)."""
        candidates = self.candidates
        if limit <= 0:
            return []
        readiness = defaultdict(float)
        for skill, required, share in shares:
            holders = self.by_skill.get(skill, ())
            if keep is not None:
                holders = [(index, level) for index, level in holders if keep(index)]
            for index, level in holders:
                readiness[index] += share * (1.0 if level >= required else level / required)
        base = 0.0 if shares else 1.0

        def value(index):
            candidate = candidates[index]
            return _value(
                weights,
                readiness.get(index, base),
                bool(position.city) and candidate.city == position.city,
                _preference(position, candidate),
            )

        def entry(index):
            return (-_round(value(index)), str(candidates[index].key), index)

        total = weights.skills + weights.city + weights.preferences
        bonus = (weights.city + weights.preferences) * 100 / total
        skill_points = weights.skills * 100 / total
        # Best readiness first: stop once even the full bonus cannot reach the weakest of the best.
        floor, entries = [], []
        for index, reached in sorted(readiness.items(), key=itemgetter(1), reverse=True):
            if len(floor) == limit and reached * skill_points + bonus < floor[0] - EPSILON:
                break
            points = value(index)
            entries.append((-_round(points), str(candidates[index].key), index))
            heapq.heappush(floor, points)
            if len(floor) > limit:
                heapq.heappop(floor)
        if len(floor) < limit or base * skill_points + bonus >= floor[0] - EPSILON:
            # People without any of the skills could still make the list: score everyone.
            pool = range(len(candidates)) if keep is None else filter(keep, range(len(candidates)))
            entries = map(entry, pool)
        return heapq.nsmallest(limit, entries)

    def rank(self, position, limit=10, weights=Weights()):
        """The best ``limit`` candidates for one position, fully explained."""
        shares = _shares(position)
        certified = self._certified(position)
        if certified is None:
            best = self._best(position, shares, weights, limit, None)
        else:
            best = self._best(position, shares, weights, limit, certified.__contains__)
            if len(best) < limit:
                best += self._best(
                    position, shares, weights, limit - len(best), lambda index: index not in certified
                )
        return [score(position, self.candidates[entry[-1]], weights) for entry in best]


def rank_candidates(positions, candidates, limit=10, weights=Weights()):
    """{position key: [Match]}: the best ``limit`` candidates per position, through one index."""
    index = Index(candidates)
    return {position.key: index.rank(position, limit, weights) for position in positions}


def rank_positions(candidate, positions, limit=10, weights=Weights()):
    """The best ``limit`` positions for one candidate (the reverse direction)."""
    matches = [score(position, candidate, weights) for position in positions]
    matches.sort(key=lambda match: (not match.eligible, -match.score, str(match.position)))
    return matches[:limit]


__all__ = [
    "ALLOWED_KEYS",
    "VERSION",
    "Candidate",
    "Index",
    "Match",
    "Position",
    "Weights",
    "candidate_from_mapping",
    "naive_rank_candidates",
    "rank_candidates",
    "rank_positions",
    "score",
]
