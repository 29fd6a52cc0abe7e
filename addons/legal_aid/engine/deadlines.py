"""Limitation period of labour-dispute arbitration (劳动争议调解仲裁法 art. 27).

The period is one year from the day the party knew or should have known of the
infringement. A claim for unpaid labour remuneration during employment is not
bound by it while the employment lasts; once it ends, the claim must be made
within one year of the end. Periods follow the Civil Code (art. 201-202): the
start day does not count, and a period ends on the corresponding day of the
last month, or that month's last day when it has none (29 Feb -> 28 Feb).
"""

from datetime import date

from dateutil.relativedelta import relativedelta

LIMITATION = relativedelta(years=1)


def arbitration_deadline(known_on, unpaid_wages=False, employment_ended_on=None):
    """Last day to apply for arbitration, or None while no deadline runs yet.

    :param known_on: day the employee knew or should have known of the infringement
    :param unpaid_wages: the claim is for labour remuneration owed during employment
    :param employment_ended_on: last day of the employment, if it has ended
    """
    if not isinstance(known_on, date):
        raise TypeError("known_on must be a date")
    if unpaid_wages:
        if employment_ended_on is None:
            return None
        return employment_ended_on + LIMITATION
    return known_on + LIMITATION


def days_left(deadline, today):
    """Days from ``today`` to ``deadline`` (negative once it has passed)."""
    return (deadline - today).days
