"""Training bonds (Labour Contract Law art. 22).

An employer that paid for professional training may agree a service period with
the employee. If the employee leaves early, the penalty may not exceed the
training cost still unamortised over the service period not yet served (art. 22
para. 2; amortised month by month here).
"""

from .readiness import months_between


def unamortised_cost(cost, service_start, service_months, as_of):
    """Training cost not yet amortised on ``as_of``, the cap of an early-leave penalty.

    Before the service period starts the whole cost is due; after it ends, nothing.
    """
    if cost < 0:
        raise ValueError(f"a training cost cannot be negative, got {cost!r}")
    if service_months <= 0 or service_start is None:
        return 0.0
    served = min(months_between(service_start, as_of), service_months)
    return round(cost * (service_months - served) / service_months, 2)
