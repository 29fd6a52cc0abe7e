"""Skills contests (技能大赛): ranks from scores.

Competition ranking: equal scores share a rank and the next rank skips
(95, 90, 90, 80 → 1, 2, 2, 4), so a tie never pushes a third person into the top.
"""


def rank_scores(scores):
    """{key: rank} for ``scores`` {key: score}; the highest score ranks 1."""
    for key, score in scores.items():
        if isinstance(score, bool) or not isinstance(score, int | float) or score < 0:
            raise ValueError(f"a contest score must be a non-negative number, got {score!r} for {key!r}")
    ordered = sorted(scores.values(), reverse=True)
    first = {}
    for position, score in enumerate(ordered, start=1):
        first.setdefault(score, position)
    return {key: first[score] for key, score in scores.items()}


def recommended(ranks, top):
    """The keys whose rank is within the ``top`` ranks (ties included)."""
    if top < 0:
        raise ValueError(f"the number of recommended ranks cannot be negative, got {top!r}")
    return {key for key, rank in ranks.items() if rank <= top}
