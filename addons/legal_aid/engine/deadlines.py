"""Statutory deadlines of labour disputes (劳动争议调解仲裁法, Labour Dispute Mediation and Arbitration Law).

Art. 27 limitation (仲裁时效):

* (1) one year from the day the party knew or should have known of the infringement;
* (2) interrupted (中断) when a party claims its right from the other party, asks the
  authorities for relief, or the other party agrees to perform: the year restarts from
  the day of the interruption;
* (3) suspended (中止) by force majeure or another justified reason: the period stops
  and continues (继续计算) from the day the cause ends. Unlike Civil Code art. 194 the
  Law does not restrict suspension to the last six months;
* (4) a claim for labour remuneration owed during the employment (拖欠劳动报酬) is not
  bound by the year while the employment lasts; once it ends, the claim must be made
  within one year of its end.

Day counting follows the Civil Code (art. 200-203): the start day does not count; a
period in years or months ends on the corresponding day (the month's last day when it
has none: 29 Feb + 1 year -> 28 Feb); a period whose last day is a statutory rest day
ends on the next working day. Rest days are weekends and public holidays, except the
weekend days the State Council turns into working days (调休); both lists are data.

What this module computes is advice: the lawyer confirms it on the case.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

LIMITATION = relativedelta(years=1)
ONE_DAY = timedelta(days=1)

INTERRUPTION = "interruption"
SUSPENSION_START = "suspension_start"
SUSPENSION_END = "suspension_end"
EVENT_KINDS = (INTERRUPTION, SUSPENSION_START, SUSPENSION_END)

# Procedural periods in days (calendar days, start day excluded), with their articles.
PROCEDURE_DAYS = {
    "mediation": (15, "art. 14"),  # no mediation agreement within 15 days: arbitration is open
    "acceptance": (5, "art. 29"),  # the commission decides on acceptance within 5 days
    "award": (45, "art. 43"),  # award due within 45 days of acceptance
    "award_extended": (60, "art. 43"),  # ... 15 more days when the chairman extends it
    "lawsuit": (15, "art. 48, art. 50"),  # sue within 15 days of receiving a non-final award
    "set_aside": (30, "art. 49"),  # employer applies to set aside a final award within 30 days
}
# Art. 47(1): a claim of at most 12 months of the local monthly minimum wage is final for the employer.
FINAL_AWARD_MONTHS = 12


@dataclass(frozen=True)
class Event:
    """Something that moves the limitation: ``kind`` is one of ``EVENT_KINDS``."""

    day: date
    kind: str


@dataclass
class Limitation:
    """The result of :func:`limitation`.

    ``deadline`` is the last day to apply for arbitration (after the rest-day shift),
    or None while no period runs (wages during employment) or while suspended.
    ``basis`` says why, as a short code for the UI: ``knowledge``, ``end_of_employment``,
    ``interrupted``, ``suspended``, ``employment_ongoing``.
    """

    deadline: date | None
    basis: str
    start: date | None = None
    suspended_days: int = 0
    ignored: list = field(default_factory=list)


def _check_date(value, name):
    if not isinstance(value, date) or hasattr(value, "hour"):
        raise TypeError(f"{name} must be a date")


def next_working_day(day, holidays=(), workdays=()):
    """``day`` itself when it is a working day, else the next working day.

    :param holidays: public holidays (法定节假日), a set of dates
    :param workdays: weekend days made working days (调休上班日), a set of dates
    """
    _check_date(day, "day")
    while (day in holidays or day.weekday() >= 5) and day not in workdays:
        day += ONE_DAY
    return day


def limitation(
    known_on,
    events=(),
    unpaid_wages=False,
    employment_ended_on=None,
    holidays=(),
    workdays=(),
):
    """Art. 27 limitation of one claim.

    Events before the start of the period (for wages: before the end of employment)
    or after it has expired are listed in ``ignored`` and change nothing: a period
    that has run out is not revived. Events on the same day are taken interruption
    first, then suspension start, then suspension end.
    """
    _check_date(known_on, "known_on")
    if employment_ended_on is not None:
        _check_date(employment_ended_on, "employment_ended_on")
    for event in events:
        _check_date(event.day, "event day")
        if event.kind not in EVENT_KINDS:
            raise ValueError(f"unknown event kind {event.kind!r}")
    if unpaid_wages:
        if employment_ended_on is None:
            return Limitation(None, "employment_ongoing")
        start, basis = employment_ended_on, "end_of_employment"
    else:
        start, basis = known_on, "knowledge"
    end = start + LIMITATION
    suspended_since = None
    suspended_days = 0
    ignored = []
    order = {kind: index for index, kind in enumerate(EVENT_KINDS)}
    for event in sorted(events, key=lambda e: (e.day, order[e.kind])):
        if event.day < start or (suspended_since is None and event.day > end):
            ignored.append(event)
            continue
        if event.kind == INTERRUPTION:
            if suspended_since is not None:
                # The cause of suspension is over when a claim is made.
                suspended_since = None
            start, basis, end = event.day, "interrupted", event.day + LIMITATION
        elif event.kind == SUSPENSION_START:
            if suspended_since is None:
                suspended_since = event.day
            else:
                ignored.append(event)
        elif event.kind == SUSPENSION_END:
            if suspended_since is None:
                ignored.append(event)
                continue
            days = (event.day - suspended_since).days
            suspended_days += days
            end += timedelta(days=days)
            suspended_since = None
    if suspended_since is not None:
        return Limitation(None, "suspended", start, suspended_days, ignored)
    return Limitation(next_working_day(end, holidays, workdays), basis, start, suspended_days, ignored)


def years_not_loaded(days, loaded_years):
    """The years of ``days`` for which no public holidays are loaded, sorted.

    A deadline in such a year is counted without its holidays and 调休 days: it may
    really end later, on the next working day after a holiday. The caller warns.
    """
    return sorted({day.year for day in days if day is not None and day.year not in set(loaded_years)})


def arbitration_deadline(known_on, unpaid_wages=False, employment_ended_on=None):
    """Art. 27 year without events nor rest-day shift, or None while none runs."""
    _check_date(known_on, "known_on")
    if unpaid_wages:
        return employment_ended_on + LIMITATION if employment_ended_on else None
    return known_on + LIMITATION


def procedure_deadline(kind, from_day, holidays=(), workdays=()):
    """Last day of a procedural period of ``PROCEDURE_DAYS`` counted from ``from_day``."""
    _check_date(from_day, "from_day")
    days, _article = PROCEDURE_DAYS[kind]
    return next_working_day(from_day + timedelta(days=days), holidays, workdays)


def award_is_final_for_employer(claimed, monthly_minimum_wage):
    """Art. 47(1): is a claim for remuneration/compensation at most 12 monthly minimum wages."""
    if claimed < 0 or monthly_minimum_wage <= 0:
        raise ValueError("amounts must be positive")
    return claimed <= monthly_minimum_wage * FINAL_AWARD_MONTHS


def days_left(deadline, today):
    """Days from ``today`` to ``deadline`` (negative once it has passed)."""
    return (deadline - today).days


def due_warnings(deadline, today, lead_days=(30, 7, 1), sent=()):
    """The lead times (days before ``deadline``) whose warning is due today and not yet sent.

    A warning is due once ``today`` is at or after ``deadline - lead`` and not after the
    deadline. The list is nearest first: when several are due (the job did not run for
    a while) the caller sends one warning, for the first, and records them all as sent.
    """
    left = days_left(deadline, today)
    if left < 0:
        return []
    return [lead for lead in sorted(lead_days) if left <= lead and lead not in sent]


def appeal_windows(award_received_on, final_for_employer, holidays=(), workdays=()):
    """Last days to challenge an arbitral award, by who may and how.

    A final award (art. 47) binds the employer: the employee may still sue (art. 48)
    and the employer may only apply to the intermediate court to set it aside (art. 49).
    Otherwise either party may sue within 15 days (art. 50).

    :returns: a list of ``(party, remedy, last_day, article)``
    """
    _check_date(award_received_on, "award_received_on")
    lawsuit = procedure_deadline("lawsuit", award_received_on, holidays, workdays)
    if final_for_employer:
        set_aside = procedure_deadline("set_aside", award_received_on, holidays, workdays)
        return [
            ("employee", "lawsuit", lawsuit, "art. 48"),
            ("employer", "set_aside", set_aside, "art. 49"),
        ]
    return [("employee", "lawsuit", lawsuit, "art. 50"), ("employer", "lawsuit", lawsuit, "art. 50")]
