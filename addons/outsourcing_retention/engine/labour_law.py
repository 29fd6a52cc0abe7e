"""Rules of the Labour Contract Law of the PRC (劳动合同法) used at renewal time.

Art. 14: the right to an open-ended contract (无固定期限劳动合同).
Art. 19: probation (试用期) limits.
Art. 46/47: economic compensation (经济补偿), with art. 27 of the Implementing
Regulations (劳动合同法实施条例) for the monthly wage.

Conventions, shared by every function here:

* Dates are ``datetime.date`` (a ``datetime`` is refused); amounts are
  ``decimal.Decimal`` (an ``int`` is accepted, a ``float`` is refused).
* A contract or a period of service runs from its first to its last day, both
  included. Its length is ``relativedelta(last_day + 1 day, first_day)``, so
  2020-01-01..2020-12-31 is exactly one year, and a term of exactly N months is
  ``date_end == date_start + relativedelta(months=N) - 1 day``. dateutil clamps a
  missing day to the month's last day (Civil Code art. 202), so 2024-02-29 plus
  one year is 2025-02-28, and a one-year term from 2024-02-29 is already complete
  on 2025-02-27.
* Wrong types and impossible input raise ``ValueError``. Checks of an offer
  return ``Issue`` objects (a code, a severity and the values for the message);
  ``MESSAGES`` is the one table of their texts: English here, translated by the
  Odoo layer through the addon's .po files.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta

ONE_DAY = timedelta(days=1)
CENT = Decimal("0.01")

# Art. 97: fixed-term contracts are counted for art. 14(3) only from the Law's entry into force.
LAW_IN_FORCE = date(2008, 1, 1)
# Two contracts are consecutive when the next starts on the last day of the previous one
# or the day after: (next.date_start - previous.date_end).days <= MAX_LINK_DAYS.
MAX_LINK_DAYS = 1
OPEN_ENDED_AFTER_FIXED_TERMS = 2
OPEN_ENDED_AFTER_YEARS = 10

REASON_TEN_YEARS = "ten_years"
REASON_TWO_FIXED_TERMS = "two_fixed_terms"

OFFER_OPEN_ENDED = "open_ended"
OFFER_FIXED_TERM = "fixed_term"

HALF_YEAR_MONTHS = 6
HIGH_WAGE_MULTIPLE = 3
HIGH_WAGE_MAX_MONTHS = Decimal(12)
WAGE_MONTHS = 12

ERROR = "error"
WARNING = "warning"


def _lt(text):
    """Mark ``text`` for Odoo's .pot export (which collects ``_lt("...")`` calls) and return it.

    The engine stays free of Odoo: the Odoo layer translates these texts at run time
    with ``env._(MESSAGES[code], **params)`` (``models/labour_law_messages.py``), so
    this table is the single source of the messages, in English and, through the
    addon's .po files, in every other language.
    """
    return text


# The single source of the labour-law messages, by issue code.
MESSAGES = {
    "end_before_start": _lt("The contract ends on %(date_end)s, before it starts on %(date_start)s."),
    "missing_end_date": _lt("A fixed-term contract needs an end date."),
    "end_date_on_open_ended": _lt("An open-ended contract has no end date."),
    "wage_not_positive": _lt("The monthly wage must be positive."),
    "probation_too_long": _lt(
        "a probation of %(probation_months)s months exceeds the limit of %(limit)s months for "
        "this contract term (Labour Contract Law art. 19)."
    ),
    "probation_short_term": _lt(
        "A contract of less than three months cannot include probation (Labour Contract Law art. 19)."
    ),
    "probation_task_based": _lt(
        "A contract for the completion of a task cannot include probation (Labour Contract Law art. 19)."
    ),
    "probation_repeated": _lt(
        "Probation was already agreed in an earlier contract: the same employer may agree probation "
        "with an employee only once (Labour Contract Law art. 19)."
    ),
    "open_ended_required": _lt(
        "The employee is entitled to an open-ended contract (Labour Contract Law art. 14: %(reason)s) "
        "and has not asked for a fixed term: only an open-ended contract may be offered."
    ),
    "fixed_term_requested": _lt(
        "The employee is entitled to an open-ended contract (Labour Contract Law art. 14: %(reason)s) "
        "but asked for a fixed term: keep the employee's written request on file."
    ),
    "wage_lower_than_current": _lt(
        "The offered wage %(wage)s is lower than the current wage %(current_wage)s: if the employee "
        "refuses these worse terms and the contract ends, economic compensation is owed "
        "(Labour Contract Law art. 46)."
    ),
    "renewal_gap": _lt(
        "The offer leaves %(gap_days)s days without a contract after the current one ends: the gap "
        "breaks the continuity counted for art. 14 and may be seen as evading it."
    ),
}
# The words for an art. 14 reason code, inserted in the messages as %(reason)s.
REASONS = {
    "ten_years": _lt("ten years of continuous service"),
    "two_fixed_terms": _lt("two consecutive fixed-term contracts"),
}


# --------------------------------------------------------------------------- input checks


def _check_date(value, name):
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValueError(f"{name} must be a datetime.date, not {type(value).__name__}")
    return value


def _check_optional_date(value, name):
    return None if value is None else _check_date(value, name)


def _check_bool(value, name):
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be a bool, not {type(value).__name__}")
    return value


def _check_months(value, name):
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be an int, not {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{name} cannot be negative")
    return value


def _check_amount(value, name):
    """The amount as a finite Decimal; ints are accepted, floats are not (binary rounding)."""
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise ValueError(f"{name} must be a Decimal, not {type(value).__name__}")
    value = Decimal(value)
    if not value.is_finite():
        raise ValueError(f"{name} must be a finite amount")
    return value


def _check_period(first_day, last_day, first_name="date_start", last_name="date_end"):
    _check_date(first_day, first_name)
    _check_date(last_day, last_name)
    if last_day < first_day:
        raise ValueError(f"{last_name} ({last_day}) is before {first_name} ({first_day})")


# --------------------------------------------------------------------------- lengths


def length(first_day, last_day):
    """Length of the period from ``first_day`` to ``last_day``, both included, as a relativedelta."""
    _check_period(first_day, last_day)
    return relativedelta(last_day + ONE_DAY, first_day)


def _total_months(delta):
    return delta.years * 12 + delta.months


# --------------------------------------------------------------------------- contracts


@dataclass(frozen=True)
class Contract:
    """One labour contract with the employer, as recorded.

    ``date_end`` is the agreed last day of a fixed-term contract, or the actual last
    day of an open-ended or task-based contract that has ended; ``None`` means the
    contract is open-ended and still running, and then ``fixed_term`` is forced to
    False. A task-based contract (以完成一定工作任务为期限) is never fixed-term either.
    ``probation_months`` is the probation agreed in the contract (0 for none).
    """

    date_start: date
    date_end: date | None
    fixed_term: bool = True
    probation_months: int = 0
    task_based: bool = False

    def __post_init__(self):
        _check_date(self.date_start, "date_start")
        _check_optional_date(self.date_end, "date_end")
        _check_bool(self.fixed_term, "fixed_term")
        _check_bool(self.task_based, "task_based")
        _check_months(self.probation_months, "probation_months")
        if self.date_end is not None and self.date_end < self.date_start:
            raise ValueError(f"date_end ({self.date_end}) is before date_start ({self.date_start})")
        if self.date_end is None or self.task_based:
            object.__setattr__(self, "fixed_term", False)

    @property
    def open_ended(self):
        return not self.fixed_term and not self.task_based


def _linked(previous, following, max_link_days=MAX_LINK_DAYS):
    """True when ``following`` continues ``previous`` without a gap (see MAX_LINK_DAYS)."""
    return (following.date_start - previous.date_end).days <= max_link_days


def _check_history(contracts):
    """The contracts as a list, after checking they are Contracts in order and do not overlap.

    Consecutive contracts may share one day (the next starts on the previous one's last day).
    """
    contracts = list(contracts)
    for contract in contracts:
        if not isinstance(contract, Contract):
            raise ValueError(f"contracts must be Contract records, not {type(contract).__name__}")
    for previous, following in zip(contracts, contracts[1:], strict=False):
        if following.date_start < previous.date_start:
            raise ValueError("contracts must be in chronological order")
        if previous.date_end is None:
            raise ValueError("a running open-ended contract (no date_end) must be the latest one")
        if following.date_start < previous.date_end:
            raise ValueError(
                f"the contract starting {following.date_start} overlaps the one ending {previous.date_end}"
            )
    return contracts


def _chain(contracts, max_link_days=MAX_LINK_DAYS):
    """The unbroken run of contracts that ends with the last one, oldest first."""
    chain = contracts[-1:]
    for previous in reversed(contracts[:-1]):
        if not _linked(previous, chain[0], max_link_days):
            break
        chain.insert(0, previous)
    return chain


def continuous_service(contracts, on, max_link_days=MAX_LINK_DAYS):
    """Continuous service as (years, months, days), counted up to and including ``on``.

    Art. 14(1) and art. 9 of the Implementing Regulations: service counts from the
    first day of work, including years before 2008. Only contracts started by ``on``
    count; the service is the unbroken chain ending with the latest of them, up to
    ``on`` or that contract's last day if earlier. (0, 0, 0) when none has started.
    """
    _check_date(on, "on")
    started = [c for c in _check_history(contracts) if c.date_start <= on]
    if not started:
        return (0, 0, 0)
    chain = _chain(started, max_link_days)
    last_day = on if chain[-1].date_end is None else min(on, chain[-1].date_end)
    delta = length(chain[0].date_start, last_day)
    return (delta.years, delta.months, delta.days)


# --------------------------------------------------------------------------- art. 14


@dataclass(frozen=True)
class OpenEndedRight:
    """Whether the employee may claim an open-ended contract at ``renewal_on`` (art. 14)."""

    has_right: bool
    reason: str | None  # REASON_TEN_YEARS, REASON_TWO_FIXED_TERMS or None
    consecutive_fixed_terms: int
    service_years: int  # full years of continuous service before renewal_on
    service: tuple = (0, 0, 0)  # (years, months, days)
    renewal_on: date | None = None


def _consecutive_fixed_terms(chain):
    """Fixed-term contracts at the end of the chain, counted back to the first that is not one.

    Art. 97: contracts that started before 2008-01-01 are not counted.
    """
    count = 0
    for contract in reversed(chain):
        if not contract.fixed_term or contract.date_start < LAW_IN_FORCE:
            break
        count += 1
    return count


def open_ended_right(contracts, today, renewal_on=None, max_link_days=MAX_LINK_DAYS):
    """The art. 14 right to an open-ended contract at the renewal of the latest contract.

    Art. 14(3): after two consecutive fixed-term contracts, the renewal must be
    open-ended. Art. 14(1): likewise once continuous service reaches ten full years.
    Either way the employee may ask for a fixed term instead.

    :param contracts: the employee's contracts with the employer, oldest first, the
        renewal itself excluded
    :param today: the day of the assessment. When the latest contract is open-ended
        and running there is no renewal: no right, and ``service`` runs up to today.
    :param renewal_on: first day of the renewal; by default the day after the latest
        contract ends. A renewal that starts after a gap (see ``max_link_days``)
        continues nothing, and no right arises from the earlier contracts.
    :param max_link_days: ``next.date_start - previous.date_end`` up to this many days
        keeps the chain unbroken. The default 1 (the next contract starts on the same
        day or the day after) is strict: any day without a contract breaks the chain.
        Courts may treat a short gap arranged by the employer as continuous; pass a
        larger value to model that.

    Art. 14(3) does not apply when the employer may dismiss the employee under
    art. 39 or art. 40(1)-(2); that is a judgement this function leaves to the user.
    """
    _check_date(today, "today")
    contracts = _check_history(contracts)
    latest = contracts[-1] if contracts else None
    if latest is not None and latest.date_end is None:
        # Already open-ended and running: there is no renewal to claim it at.
        return OpenEndedRight(False, None, 0, 0, continuous_service(contracts, today, max_link_days))
    if renewal_on is None:
        renewal_on = latest.date_end + ONE_DAY if latest else today
    _check_date(renewal_on, "renewal_on")
    if latest is None or (renewal_on - latest.date_end).days > max_link_days:
        # No contract, or the renewal starts after a gap: nothing continues into it.
        return OpenEndedRight(False, None, 0, 0, (0, 0, 0), renewal_on)
    if renewal_on <= latest.date_start:
        raise ValueError(f"renewal_on ({renewal_on}) must be after the latest contract starts")
    service = continuous_service(contracts, renewal_on - ONE_DAY, max_link_days)
    fixed_terms = _consecutive_fixed_terms(_chain(contracts, max_link_days))
    if service[0] >= OPEN_ENDED_AFTER_YEARS:
        reason = REASON_TEN_YEARS
    elif fixed_terms >= OPEN_ENDED_AFTER_FIXED_TERMS:
        reason = REASON_TWO_FIXED_TERMS
    else:
        reason = None
    return OpenEndedRight(reason is not None, reason, fixed_terms, service[0], service, renewal_on)


# --------------------------------------------------------------------------- art. 19


def max_probation_months(date_start, date_end, task_based=False):
    """Longest probation, in months, art. 19 allows for a contract term.

    Term under 3 months, or a task-based contract: 0. 3 months to under 1 year: 1.
    1 year to under 3 years: 2. 3 years or more, or open-ended (``date_end`` None): 6.
    ("以上" includes the bound: a term of exactly 1 year allows 2 months.)
    """
    _check_date(date_start, "date_start")
    if _check_bool(task_based, "task_based"):
        return 0
    if date_end is None:
        return 6
    months = _total_months(length(date_start, date_end))
    if months < 3:
        return 0
    if months < 12:
        return 1
    if months < 36:
        return 2
    return 6


def probation_months(date_start, trial_date_end):
    """Months of probation from ``date_start`` to ``trial_date_end``, both included.

    A part of a month counts as a whole one: 2026-01-01..2026-03-31 is 3 months,
    2026-01-01..2026-04-01 is 4. No probation (``trial_date_end`` None) or one ending
    before the contract starts is 0.
    """
    _check_date(date_start, "date_start")
    if _check_optional_date(trial_date_end, "trial_date_end") is None or trial_date_end < date_start:
        return 0
    delta = length(date_start, trial_date_end)
    return _total_months(delta) + (1 if delta.days else 0)


def probation_limit(contract):
    """Longest probation, in months, for ``contract`` (an ended open-ended contract allows 6)."""
    if contract.open_ended:
        return 6
    return max_probation_months(contract.date_start, contract.date_end, contract.task_based)


@dataclass(frozen=True)
class Issue:
    """A problem found in an offer: ``code`` (a MESSAGES key), ``severity`` and message values.

    Errors (``ERROR``) block the offer; warnings (``WARNING``) are for the user to weigh.
    """

    code: str
    severity: str = ERROR
    params: dict = field(default_factory=dict, hash=False)

    @property
    def blocking(self):
        return self.severity == ERROR

    @property
    def message(self):
        """The English message (logs, tests); the Odoo layer translates from the same table."""
        return MESSAGES[self.code] % self.message_params(lambda text: text)

    def message_params(self, translate):
        """The message values, with the art. 14 reason code in words through ``translate``."""
        params = dict(self.params)
        if params.get("reason") in REASONS:
            params["reason"] = translate(REASONS[params["reason"]])
        return params


def check_probation(contract, previous_contracts=()):
    """Art. 19 breaches of ``contract``'s probation, as a list of error Issues.

    ``previous_contracts`` are the earlier contracts with the same employer. The
    "only once" rule is read literally: a renewal may include probation only if no
    earlier contract did.
    """
    if not isinstance(contract, Contract):
        raise ValueError(f"contract must be a Contract, not {type(contract).__name__}")
    previous_contracts = _check_history(previous_contracts)
    if not contract.probation_months:
        return []
    issues = []
    limit = probation_limit(contract)
    if contract.task_based:
        issues.append(Issue("probation_task_based"))
    elif limit == 0:
        issues.append(Issue("probation_short_term"))
    elif contract.probation_months > limit:
        params = {"probation_months": contract.probation_months, "limit": limit}
        issues.append(Issue("probation_too_long", params=params))
    if any(c.probation_months for c in previous_contracts):
        issues.append(Issue("probation_repeated"))
    return issues


# --------------------------------------------------------------------------- art. 46/47


def compensation_months(service_start, service_end):
    """Months of wages owed as economic compensation (art. 47), as a Decimal.

    One month per full year of service; a remainder of six months or more counts as
    one more month, a shorter remainder as half a month. Service runs from
    ``service_start`` to ``service_end``, both included.
    """
    _check_period(service_start, service_end, "service_start", "service_end")
    delta = length(service_start, service_end)
    months = Decimal(delta.years)
    if delta.months >= HALF_YEAR_MONTHS:
        months += 1
    elif delta.months or delta.days:
        months += Decimal("0.5")
    return months


@dataclass(frozen=True)
class Compensation:
    """Economic compensation: ``amount`` = ``wage_base`` x ``months``, to the cent."""

    months: Decimal  # after the 12-month cap, if any
    average_wage: Decimal  # mean monthly wage, to the cent
    wage_base: Decimal  # the wage the months are paid at
    capped: bool  # the high-wage cap of art. 47(2) applied
    amount: Decimal
    raised_to_minimum: bool = False  # the average was below the local minimum wage


def average_monthly_wage(monthly_wages):
    """Mean of the monthly wages of the last 12 months (fewer if fewer were worked), to the cent.

    Art. 47(3) and art. 27 of the Implementing Regulations: the wage includes hourly
    or piece wages, bonuses, allowances and subsidies, before tax.
    """
    wages = [_check_amount(w, "monthly wage") for w in monthly_wages]
    if not 1 <= len(wages) <= WAGE_MONTHS:
        raise ValueError(f"give the wages of 1 to {WAGE_MONTHS} months, not {len(wages)}")
    if any(w < 0 for w in wages):
        raise ValueError("monthly wages cannot be negative")
    return (sum(wages) / len(wages)).quantize(CENT, ROUND_HALF_UP)


def economic_compensation(
    service_start,
    service_end,
    monthly_wages_last_12,
    local_average_monthly_wage=None,
    minimum_monthly_wage=None,
):
    """Economic compensation owed at the end of service (art. 46/47).

    :param monthly_wages_last_12: the wages of the last 12 months before the end
        (1 to 12 values; fewer when the employee worked fewer months)
    :param local_average_monthly_wage: the previous year's average monthly wage the
        city government published. An average wage above three times it is paid at
        three times it, for at most 12 months (art. 47(2)).
    :param minimum_monthly_wage: the local minimum wage; an average below it is
        raised to it (art. 27 of the Implementing Regulations)

    Service before 2008 may follow older rules (art. 97(3)); this computes the
    whole service under art. 47.
    """
    months = compensation_months(service_start, service_end)
    average = average_monthly_wage(monthly_wages_last_12)
    wage_base, capped, raised = average, False, False
    if minimum_monthly_wage is not None:
        minimum = _check_amount(minimum_monthly_wage, "minimum_monthly_wage")
        if minimum <= 0:
            raise ValueError("minimum_monthly_wage must be positive")
        if average < minimum:
            wage_base, raised = minimum.quantize(CENT, ROUND_HALF_UP), True
    if local_average_monthly_wage is not None:
        local = _check_amount(local_average_monthly_wage, "local_average_monthly_wage")
        if local <= 0:
            raise ValueError("local_average_monthly_wage must be positive")
        ceiling = (local * HIGH_WAGE_MULTIPLE).quantize(CENT, ROUND_HALF_UP)
        if average > ceiling:
            wage_base, capped = ceiling, True
            months = min(months, HIGH_WAGE_MAX_MONTHS)
    amount = (wage_base * months).quantize(CENT, ROUND_HALF_UP)
    return Compensation(months, average, wage_base, capped, amount, raised)


# --------------------------------------------------------------------------- renewal offers


def renewal_offer_defaults(right_result, employee_requested_fixed_term):
    """The contract kind to propose by default at renewal: OFFER_OPEN_ENDED or OFFER_FIXED_TERM.

    Open-ended when the art. 14 right applies and no request of the employee for a
    fixed term is on record.
    """
    if not isinstance(right_result, OpenEndedRight):
        raise ValueError("right_result must be an OpenEndedRight")
    _check_bool(employee_requested_fixed_term, "employee_requested_fixed_term")
    if right_result.has_right and not employee_requested_fixed_term:
        return OFFER_OPEN_ENDED
    return OFFER_FIXED_TERM


def _term_issues(date_start, date_end, fixed_term, open_ended):
    if fixed_term and date_end is None:
        return [Issue("missing_end_date")]
    if open_ended and date_end is not None:
        return [Issue("end_date_on_open_ended", params={"date_end": date_end})]
    if date_end is not None and date_end < date_start:
        return [Issue("end_before_start", params={"date_start": date_start, "date_end": date_end})]
    return []


def _right_issues(open_ended, right, employee_requested_fixed_term):
    if right is None or not right.has_right or open_ended:
        return []
    params = {"reason": right.reason}
    if employee_requested_fixed_term:
        return [Issue("fixed_term_requested", WARNING, params)]
    return [Issue("open_ended_required", ERROR, params)]


def _gap_issues(date_start, previous_contracts, max_link_days):
    latest = previous_contracts[-1] if previous_contracts else None
    if latest is None or latest.date_end is None:
        return []
    days = (date_start - latest.date_end).days
    if days <= max_link_days:
        return []
    return [Issue("renewal_gap", WARNING, {"gap_days": days - 1})]


def check_terms(date_start, date_end, wage, *, open_ended=False):
    """Errors in the bare terms of an offer: its end against its kind and start, its wage.

    The rules every offer obeys whatever the employee's history; ``check_offer`` adds
    the labour-law checks. Returns a list of error Issues (empty when the terms hold).
    """
    _check_date(date_start, "date_start")
    _check_optional_date(date_end, "date_end")
    _check_bool(open_ended, "open_ended")
    wage = _check_amount(wage, "wage")
    issues = _term_issues(date_start, date_end, not open_ended, open_ended)
    if wage <= 0:
        issues.append(Issue("wage_not_positive", params={"wage": wage}))
    return issues


def check_offer(
    date_start,
    date_end,
    wage,
    *,
    fixed_term=True,
    probation_months=0,
    task_based=False,
    previous_contracts=(),
    right=None,
    employee_requested_fixed_term=False,
    current_wage=None,
    max_link_days=MAX_LINK_DAYS,
):
    """Problems of a contract offer, as a list of Issues (errors block, warnings inform).

    :param date_end: last day of the offered term; None for an open-ended offer
    :param fixed_term: the offer is fixed-term (needs ``date_end``); False is open-ended
        unless ``task_based``
    :param previous_contracts: the employee's contracts with the employer, oldest first
    :param right: the OpenEndedRight at this renewal; when None it is computed from
        ``previous_contracts`` for a renewal the day after the latest ends, so an offer
        that starts after a gap is still held to the right it would have met (and warned)
    :param current_wage: the monthly wage of the current contract, to compare with

    Wrong types raise ValueError; end before start and a wage that is not positive
    are reported as errors.
    """
    _check_date(date_start, "date_start")
    _check_optional_date(date_end, "date_end")
    for name, value in (
        ("fixed_term", fixed_term),
        ("task_based", task_based),
        ("employee_requested_fixed_term", employee_requested_fixed_term),
    ):
        _check_bool(value, name)
    _check_months(probation_months, "probation_months")
    wage = _check_amount(wage, "wage")
    previous_contracts = _check_history(previous_contracts)
    if right is None:
        right = open_ended_right(previous_contracts, date_start, max_link_days=max_link_days)
    elif not isinstance(right, OpenEndedRight):
        raise ValueError("right must be an OpenEndedRight")

    fixed_term = fixed_term and not task_based
    open_ended = not fixed_term and not task_based
    issues = _term_issues(date_start, date_end, fixed_term, open_ended)
    if not issues:
        offer = Contract(date_start, date_end, fixed_term, probation_months, task_based)
        issues += check_probation(offer, previous_contracts)
    if wage <= 0:
        issues.append(Issue("wage_not_positive", params={"wage": wage}))
    issues += _right_issues(open_ended, right, employee_requested_fixed_term)
    issues += _gap_issues(date_start, previous_contracts, max_link_days)
    if current_wage is not None and wage < _check_amount(current_wage, "current_wage"):
        params = {"wage": wage, "current_wage": Decimal(current_wage)}
        issues.append(Issue("wage_lower_than_current", WARNING, params))
    return issues
