"""Results of the legal-aid programme: firm scorecards and anonymous aggregates.

Plain arithmetic on numbers gathered by the models, so that the rules are tested
without a database:

* win rate = (won + partly won) / cases closed with an outcome;
* first response: the median of the hours between assignment and the firm's answer,
  and the share of answers within the firm's target;
* the under-5 rule (PIPL): an aggregate over fewer than ``MIN_GROUP`` cases is not
  shown to anybody outside the cases (HR, regional managers, clients).
"""

from statistics import median

MIN_GROUP = 5
WON = ("won", "partly_won")
OUTCOMES = ("won", "partly_won", "lost", "settled", "withdrawn")


def win_rate(outcome_counts):
    """Percent won or partly won among the cases closed with an outcome, or None without any.

    :param outcome_counts: {outcome: number of closed cases}; unknown outcomes are refused
    """
    unknown = set(outcome_counts) - set(OUTCOMES)
    if unknown:
        raise ValueError(f"unknown outcomes {sorted(unknown)}")
    if any(count < 0 for count in outcome_counts.values()):
        raise ValueError("counts cannot be negative")
    closed = sum(outcome_counts.values())
    if not closed:
        return None
    return round(100.0 * sum(outcome_counts.get(o, 0) for o in WON) / closed, 1)


def response_stats(hours, target_hours):
    """(median hours, percent within target, count) of first-response times.

    ``target_hours`` 0 means no target: every answer is within it. None for the
    median and the share when there is no answer yet.
    """
    hours = [h for h in hours if h is not None]
    if any(h < 0 for h in hours):
        raise ValueError("a response cannot precede the assignment")
    if not hours:
        return None, None, 0
    within = sum(1 for h in hours if not target_hours or h <= target_hours)
    return round(median(hours), 1), round(100.0 * within / len(hours), 1), len(hours)


def deadline_status(deadline, arbitration_on, today, closed):
    """'met', 'missed' or None (still open, or none applies) for one claim's arbitration deadline.

    Met when arbitration was applied for on or before the deadline; missed when it was
    applied for later, or when the deadline passed on a case still open without it. A
    case closed without arbitration (settled, withdrawn) neither met nor missed it.
    """
    if deadline is None:
        return None
    if arbitration_on is not None:
        return "met" if arbitration_on <= deadline else "missed"
    if not closed and deadline < today:
        return "missed"
    return None


def shown(count, min_group=MIN_GROUP):
    """May an aggregate over ``count`` cases be shown outside the cases (the under-5 rule)."""
    return count >= min_group
