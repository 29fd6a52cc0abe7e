"""The life of an approved service agreement along its dates."""

APPROVED = "approved"
ACTIVE = "active"
EXPIRED = "expired"
# The states that follow the dates; draft and under-review agreements wait for a decision.
DATED_STATES = (APPROVED, ACTIVE)


def agreement_state(date_start, date_end, today):
    """State of an approved agreement on ``today``.

    Approved until its start date, active from it, expired after its end date (the end
    date is the last day of the agreement; ``None`` for an open-ended one).
    """
    if date_start is None:
        raise ValueError("an agreement needs a start date")
    if date_end is not None and date_end < date_start:
        raise ValueError("the agreement ends before it starts")
    if date_end is not None and date_end < today:
        return EXPIRED
    if date_start <= today:
        return ACTIVE
    return APPROVED
