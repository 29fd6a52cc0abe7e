from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from outsourcing_retention.engine import labour_law as law

D = date
ONE_DAY = timedelta(days=1)


def fixed(start, end, probation=0):
    return law.Contract(start, end, fixed_term=True, probation_months=probation)


def open_ended(start, end=None, probation=0):
    return law.Contract(start, end, fixed_term=False, probation_months=probation)


def task(start, end=None, probation=0):
    return law.Contract(start, end, probation_months=probation, task_based=True)


def codes(issues):
    return [issue.code for issue in issues]


# --------------------------------------------------------------------------- contracts


def test_contract_kinds():
    assert fixed(D(2025, 1, 1), D(2025, 12, 31)).fixed_term
    running = law.Contract(D(2025, 1, 1), None)  # no end date: open-ended whatever fixed_term says
    assert not running.fixed_term and running.open_ended
    ended = open_ended(D(2020, 1, 1), D(2024, 6, 30))
    assert not ended.fixed_term and ended.open_ended
    by_task = law.Contract(D(2025, 1, 1), D(2025, 6, 30), fixed_term=True, task_based=True)
    assert not by_task.fixed_term and not by_task.open_ended


@pytest.mark.parametrize(
    "kwargs",
    [
        {"date_start": D(2025, 1, 2), "date_end": D(2025, 1, 1)},  # end before start
        {"date_start": "2025-01-01", "date_end": None},
        {"date_start": datetime(2025, 1, 1), "date_end": None},
        {"date_start": D(2025, 1, 1), "date_end": "2025-12-31"},
        {"date_start": D(2025, 1, 1), "date_end": None, "probation_months": -1},
        {"date_start": D(2025, 1, 1), "date_end": None, "probation_months": 1.5},
        {"date_start": D(2025, 1, 1), "date_end": None, "probation_months": True},
        {"date_start": D(2025, 1, 1), "date_end": None, "fixed_term": 1},
        {"date_start": D(2025, 1, 1), "date_end": None, "task_based": None},
    ],
)
def test_contract_refuses_bad_input(kwargs):
    with pytest.raises(ValueError):
        law.Contract(**kwargs)


def test_a_one_day_contract_is_valid():
    assert law.Contract(D(2025, 1, 1), D(2025, 1, 1)).fixed_term


@pytest.mark.parametrize(
    ("contracts", "message"),
    [
        ([fixed(D(2022, 1, 1), D(2022, 12, 31)), fixed(D(2021, 1, 1), D(2021, 12, 31))], "chronological"),
        ([fixed(D(2021, 1, 1), D(2021, 12, 31)), fixed(D(2021, 12, 30), D(2022, 12, 31))], "overlaps"),
        ([open_ended(D(2021, 1, 1)), fixed(D(2022, 1, 1), D(2022, 12, 31))], "latest"),
        ([(D(2021, 1, 1), D(2021, 12, 31))], "Contract"),
    ],
)
def test_history_is_checked(contracts, message):
    with pytest.raises(ValueError, match=message):
        law.continuous_service(contracts, D(2025, 1, 1))
    with pytest.raises(ValueError, match=message):
        law.open_ended_right(contracts, D(2025, 1, 1))


# --------------------------------------------------------------------------- lengths


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2020, 1, 1), D(2020, 12, 31), (1, 0, 0)),
        (D(2020, 1, 1), D(2020, 1, 1), (0, 0, 1)),
        (D(2025, 1, 31), D(2025, 4, 29), (0, 3, 0)),  # 31 Jan + 3 months = 30 Apr, minus a day
        (D(2025, 1, 31), D(2025, 4, 30), (0, 3, 1)),
        (D(2025, 1, 31), D(2025, 2, 27), (0, 1, 0)),  # clamp: 31 Jan + 1 month = 28 Feb
        (D(2024, 2, 29), D(2025, 2, 27), (1, 0, 0)),  # clamp: 29 Feb 2024 + 1 year = 28 Feb 2025
        (D(2024, 2, 29), D(2025, 2, 28), (1, 0, 1)),
        (D(2024, 3, 1), D(2025, 2, 28), (1, 0, 0)),
        (D(2027, 3, 1), D(2028, 2, 29), (1, 0, 0)),  # leap year 2028
    ],
)
def test_length_counts_both_ends(start, end, expected):
    delta = law.length(start, end)
    assert (delta.years, delta.months, delta.days) == expected


# --------------------------------------------------------------------------- art. 19


@pytest.mark.parametrize(
    ("start", "end", "limit"),
    [
        # under 3 months / exactly 3 months
        (D(2025, 1, 1), D(2025, 1, 1), 0),
        (D(2025, 1, 1), D(2025, 3, 30), 0),
        (D(2025, 1, 1), D(2025, 3, 31), 1),
        (D(2025, 1, 31), D(2025, 4, 28), 0),
        (D(2025, 1, 31), D(2025, 4, 29), 1),  # 2025-01-31 + 3 months = 2025-04-30, minus a day
        (D(2025, 1, 31), D(2025, 4, 30), 1),
        (D(2025, 11, 30), D(2026, 2, 26), 0),
        (D(2025, 11, 30), D(2026, 2, 27), 1),  # + 3 months clamps to 28 Feb
        (D(2023, 11, 30), D(2024, 2, 27), 0),
        (D(2023, 11, 30), D(2024, 2, 28), 1),  # leap year: + 3 months is 29 Feb
        (D(2025, 12, 1), D(2026, 2, 27), 0),
        (D(2025, 12, 1), D(2026, 2, 28), 1),
        (D(2027, 12, 1), D(2028, 2, 28), 0),
        (D(2027, 12, 1), D(2028, 2, 29), 1),
        # under 1 year / exactly 1 year
        (D(2025, 1, 1), D(2025, 12, 30), 1),
        (D(2025, 1, 1), D(2025, 12, 31), 2),
        (D(2025, 3, 31), D(2026, 3, 29), 1),
        (D(2025, 3, 31), D(2026, 3, 30), 2),
        (D(2024, 2, 29), D(2025, 2, 26), 1),
        (D(2024, 2, 29), D(2025, 2, 27), 2),  # + 1 year clamps to 28 Feb 2025, minus a day
        (D(2024, 2, 29), D(2025, 2, 28), 2),
        (D(2027, 3, 1), D(2028, 2, 28), 1),
        (D(2027, 3, 1), D(2028, 2, 29), 2),
        (D(2028, 2, 29), D(2029, 2, 26), 1),
        (D(2028, 2, 29), D(2029, 2, 27), 2),
        # under 3 years / exactly 3 years
        (D(2025, 1, 1), D(2027, 12, 30), 2),
        (D(2025, 1, 1), D(2027, 12, 31), 6),
        (D(2024, 2, 29), D(2027, 2, 26), 2),
        (D(2024, 2, 29), D(2027, 2, 27), 6),
        (D(2025, 8, 31), D(2028, 8, 29), 2),
        (D(2025, 8, 31), D(2028, 8, 30), 6),
        (D(2025, 1, 1), D(2034, 12, 31), 6),
        (D(2025, 1, 1), None, 6),  # open-ended
    ],
)
def test_max_probation_months(start, end, limit):
    assert law.max_probation_months(start, end) == limit


@pytest.mark.parametrize("end", [None, D(2025, 1, 31), D(2027, 12, 31)])
def test_task_based_contracts_have_no_probation(end):
    assert law.max_probation_months(D(2025, 1, 1), end, task_based=True) == 0


@pytest.mark.parametrize(("months", "below", "at"), [(3, 0, 1), (12, 1, 2), (36, 2, 6)])
def test_probation_bounds_for_every_start_day(months, below, at):
    # Every start day of 2023-2029 (leap years 2024 and 2028): the term of exactly N months
    # ends on start + N months - 1 day; one day less is under N months.
    start = D(2023, 1, 1)
    while start < D(2030, 1, 1):
        exact_end = start + relativedelta(months=months) - ONE_DAY
        assert law.max_probation_months(start, exact_end) == at, start
        assert law.max_probation_months(start, exact_end - ONE_DAY) == below, start
        start += ONE_DAY


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ((D(2025, 2, 1), D(2025, 1, 31)), "before"),
        (("2025-01-01", D(2025, 12, 31)), "date"),
        ((D(2025, 1, 1), datetime(2025, 12, 31)), "date"),
        ((D(2025, 1, 1), D(2025, 12, 31), "yes"), "bool"),
    ],
)
def test_max_probation_months_refuses_bad_input(args, error):
    with pytest.raises(ValueError, match=error):
        law.max_probation_months(*args)


@pytest.mark.parametrize(
    ("contract", "previous", "expected"),
    [
        (fixed(D(2025, 1, 1), D(2025, 12, 31), 2), [], []),
        (fixed(D(2025, 1, 1), D(2025, 12, 31), 3), [], ["probation_too_long"]),
        (fixed(D(2025, 1, 1), D(2025, 12, 30), 2), [], ["probation_too_long"]),  # a day short of a year
        (fixed(D(2025, 1, 1), D(2025, 3, 30), 1), [], ["probation_short_term"]),
        (fixed(D(2025, 1, 1), D(2025, 3, 31), 1), [], []),
        (fixed(D(2025, 1, 1), D(2027, 12, 31), 6), [], []),
        (fixed(D(2025, 1, 1), D(2027, 12, 30), 6), [], ["probation_too_long"]),
        (fixed(D(2025, 1, 1), D(2025, 3, 30)), [], []),  # no probation, nothing to check
        (open_ended(D(2025, 1, 1), None, 6), [], []),
        (open_ended(D(2025, 1, 1), None, 7), [], ["probation_too_long"]),
        (open_ended(D(2025, 1, 1), D(2025, 1, 31), 6), [], []),  # ended early, still open-ended
        (task(D(2025, 1, 1), D(2025, 12, 31), 1), [], ["probation_task_based"]),
        (task(D(2025, 1, 1), None, 1), [], ["probation_task_based"]),
        # only once with the same employer
        (
            fixed(D(2025, 1, 1), D(2025, 12, 31), 1),
            [fixed(D(2024, 1, 1), D(2024, 12, 31), 1)],
            ["probation_repeated"],
        ),
        (fixed(D(2025, 1, 1), D(2025, 12, 31), 1), [fixed(D(2024, 1, 1), D(2024, 12, 31))], []),
        (fixed(D(2025, 1, 1), D(2025, 12, 31)), [fixed(D(2024, 1, 1), D(2024, 12, 31), 1)], []),
        (
            fixed(D(2025, 1, 1), D(2025, 12, 31), 3),
            [fixed(D(2022, 1, 1), D(2022, 12, 31), 2), fixed(D(2023, 1, 1), D(2024, 12, 31))],
            ["probation_too_long", "probation_repeated"],
        ),
    ],
)
def test_check_probation(contract, previous, expected):
    issues = law.check_probation(contract, previous)
    assert codes(issues) == expected
    assert all(issue.blocking for issue in issues)


def test_probation_too_long_names_the_limit():
    (issue,) = law.check_probation(fixed(D(2025, 1, 1), D(2025, 6, 30), 2))
    assert issue.params == {"probation_months": 2, "limit": 1}
    assert "limit of 1 months" in issue.message


def test_check_probation_needs_a_contract():
    with pytest.raises(ValueError):
        law.check_probation((D(2025, 1, 1), D(2025, 12, 31)))


# --------------------------------------------------------------------------- continuous service


@pytest.mark.parametrize(
    ("contracts", "on", "expected"),
    [
        ([fixed(D(2020, 1, 1), D(2022, 12, 31))], D(2021, 6, 30), (1, 6, 0)),
        ([fixed(D(2020, 1, 1), D(2022, 12, 31))], D(2023, 5, 1), (3, 0, 0)),  # ended: up to its last day
        ([fixed(D(2020, 1, 1), D(2022, 12, 31))], D(2019, 12, 31), (0, 0, 0)),  # not started yet
        ([], D(2025, 1, 1), (0, 0, 0)),
        ([fixed(D(2024, 2, 29), D(2026, 2, 28))], D(2025, 2, 27), (1, 0, 0)),
        ([fixed(D(2024, 2, 29), D(2026, 2, 28))], D(2025, 2, 28), (1, 0, 1)),
        ([fixed(D(2025, 1, 31), D(2025, 12, 31))], D(2025, 2, 27), (0, 1, 0)),
        (
            [fixed(D(2018, 1, 1), D(2020, 12, 31)), fixed(D(2021, 1, 1), D(2023, 12, 31))],
            D(2023, 12, 31),
            (6, 0, 0),
        ),
        (  # same-day link
            [fixed(D(2018, 1, 1), D(2020, 12, 31)), fixed(D(2020, 12, 31), D(2023, 12, 31))],
            D(2023, 12, 31),
            (6, 0, 0),
        ),
        (  # one day without a contract breaks the chain
            [fixed(D(2018, 1, 1), D(2020, 12, 31)), fixed(D(2021, 1, 2), D(2023, 12, 31))],
            D(2023, 12, 31),
            (2, 11, 30),
        ),
        (  # a later contract not begun by `on` is ignored
            [fixed(D(2018, 1, 1), D(2020, 12, 31)), fixed(D(2021, 1, 1), D(2023, 12, 31))],
            D(2020, 6, 30),
            (2, 6, 0),
        ),
        ([open_ended(D(2015, 7, 1))], D(2025, 6, 30), (10, 0, 0)),
    ],
)
def test_continuous_service(contracts, on, expected):
    assert law.continuous_service(contracts, on) == expected


def test_continuous_service_with_a_wider_link():
    contracts = [fixed(D(2018, 1, 1), D(2020, 12, 31)), fixed(D(2021, 2, 1), D(2023, 12, 31))]
    assert law.continuous_service(contracts, D(2023, 12, 31)) == (2, 11, 0)
    assert law.continuous_service(contracts, D(2023, 12, 31), max_link_days=32) == (6, 0, 0)


# --------------------------------------------------------------------------- art. 14


@pytest.mark.parametrize(
    ("contracts", "has_right", "reason", "fixed_terms", "years"),
    [
        ([fixed(D(2020, 1, 1), D(2022, 12, 31))], False, None, 1, 3),
        (
            [fixed(D(2019, 1, 1), D(2020, 12, 31)), fixed(D(2021, 1, 1), D(2023, 12, 31))],
            True,
            "two_fixed_terms",
            2,
            5,
        ),
        (  # the next contract may start on the previous one's last day
            [fixed(D(2019, 1, 1), D(2020, 12, 31)), fixed(D(2020, 12, 31), D(2023, 12, 31))],
            True,
            "two_fixed_terms",
            2,
            5,
        ),
        (  # month ends: 31 Jan -> 28 Feb -> 1 Mar
            [fixed(D(2023, 1, 31), D(2024, 2, 28)), fixed(D(2024, 2, 29), D(2025, 2, 28))],
            True,
            "two_fixed_terms",
            2,
            2,
        ),
        (  # a gap of more than one day breaks the chain
            [fixed(D(2019, 1, 1), D(2020, 12, 31)), fixed(D(2021, 1, 2), D(2023, 12, 31))],
            False,
            None,
            1,
            2,
        ),
        (  # a gap before the last two does not matter
            [
                fixed(D(2015, 1, 1), D(2016, 12, 31)),
                fixed(D(2017, 3, 1), D(2019, 2, 28)),
                fixed(D(2019, 3, 1), D(2021, 2, 28)),
            ],
            True,
            "two_fixed_terms",
            2,
            4,
        ),
        (  # art. 97: fixed terms that started before 2008 do not count
            [fixed(D(2005, 1, 1), D(2007, 12, 31)), fixed(D(2008, 1, 1), D(2010, 12, 31))],
            False,
            None,
            1,
            6,
        ),
        (
            [fixed(D(2007, 7, 1), D(2008, 6, 30)), fixed(D(2008, 7, 1), D(2010, 6, 30))],
            False,
            None,
            1,
            3,
        ),
        (  # a task-based contract ends the run of fixed terms
            [fixed(D(2019, 1, 1), D(2020, 12, 31)), task(D(2021, 1, 1), D(2021, 6, 30))],
            False,
            None,
            0,
            2,
        ),
        (  # ten years exactly
            [fixed(D(2016, 1, 1), D(2025, 12, 31))],
            True,
            "ten_years",
            1,
            10,
        ),
        ([fixed(D(2016, 1, 2), D(2025, 12, 31))], False, None, 1, 9),  # one day short
        ([fixed(D(2016, 2, 29), D(2026, 2, 27))], True, "ten_years", 1, 10),  # leap day start
        ([fixed(D(2016, 2, 29), D(2026, 2, 26))], False, None, 1, 9),
        (  # service before 2008 counts towards ten years
            [fixed(D(2000, 1, 1), D(2007, 12, 31)), fixed(D(2008, 1, 1), D(2009, 12, 31))],
            True,
            "ten_years",
            1,
            10,
        ),
        (  # an ended open-ended contract counts as service, not as a fixed term
            [open_ended(D(2010, 3, 1), D(2019, 2, 28)), fixed(D(2019, 3, 1), D(2020, 2, 29))],
            True,
            "ten_years",
            1,
            10,
        ),
        (  # both apply: ten years is reported
            [
                fixed(D(2013, 1, 1), D(2016, 12, 31)),
                fixed(D(2017, 1, 1), D(2020, 12, 31)),
                fixed(D(2021, 1, 1), D(2024, 12, 31)),
            ],
            True,
            "ten_years",
            3,
            12,
        ),
        (  # a gap resets the ten years
            [fixed(D(2010, 1, 1), D(2017, 12, 31)), fixed(D(2018, 1, 3), D(2025, 12, 31))],
            False,
            None,
            1,
            7,
        ),
    ],
)
def test_open_ended_right(contracts, has_right, reason, fixed_terms, years):
    right = law.open_ended_right(contracts, D(2025, 6, 1))
    assert right.has_right is has_right
    assert right.reason == reason
    assert right.consecutive_fixed_terms == fixed_terms
    assert right.service_years == years
    assert right.renewal_on == contracts[-1].date_end + ONE_DAY


def test_open_ended_right_with_a_wider_link():
    contracts = [fixed(D(2019, 1, 1), D(2020, 12, 31)), fixed(D(2021, 1, 15), D(2023, 12, 31))]
    assert not law.open_ended_right(contracts, D(2023, 6, 1)).has_right
    right = law.open_ended_right(contracts, D(2023, 6, 1), max_link_days=31)
    assert right.reason == "two_fixed_terms"


def test_no_contract_no_right():
    right = law.open_ended_right([], D(2025, 6, 1))
    assert not right.has_right and right.reason is None and right.renewal_on == D(2025, 6, 1)


def test_running_open_ended_contract_has_nothing_to_claim():
    right = law.open_ended_right([open_ended(D(2014, 1, 1))], D(2025, 6, 30))
    assert not right.has_right and right.renewal_on is None
    assert right.service == (11, 6, 0)


def test_renewal_after_a_gap_continues_nothing():
    contracts = [fixed(D(2019, 1, 1), D(2020, 12, 31)), fixed(D(2021, 1, 1), D(2023, 12, 31))]
    assert law.open_ended_right(contracts, D(2023, 6, 1), renewal_on=D(2024, 1, 1)).has_right
    late = law.open_ended_right(contracts, D(2023, 6, 1), renewal_on=D(2024, 1, 3))
    assert not late.has_right and late.service == (0, 0, 0)


@pytest.mark.parametrize(
    ("today", "renewal_on"),
    [("2025-01-01", None), (D(2025, 1, 1), datetime(2024, 1, 1)), (D(2025, 1, 1), D(2021, 1, 1))],
)
def test_open_ended_right_refuses_bad_input(today, renewal_on):
    contracts = [fixed(D(2019, 1, 1), D(2020, 12, 31)), fixed(D(2021, 1, 1), D(2023, 12, 31))]
    with pytest.raises(ValueError):
        law.open_ended_right(contracts, today, renewal_on)


@pytest.mark.parametrize(
    ("has_right", "requested", "kind"),
    [
        (True, False, "open_ended"),
        (True, True, "fixed_term"),
        (False, False, "fixed_term"),
        (False, True, "fixed_term"),
    ],
)
def test_renewal_offer_defaults(has_right, requested, kind):
    right = law.OpenEndedRight(has_right, "two_fixed_terms" if has_right else None, 2, 5)
    assert law.renewal_offer_defaults(right, requested) == kind


def test_renewal_offer_defaults_refuses_bad_input():
    with pytest.raises(ValueError):
        law.renewal_offer_defaults(True, False)
    with pytest.raises(ValueError):
        law.renewal_offer_defaults(law.OpenEndedRight(True, "ten_years", 1, 10), "no")


# --------------------------------------------------------------------------- art. 46/47


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (D(2020, 1, 1), D(2020, 1, 1), "0.5"),  # one day
        (D(2020, 1, 1), D(2020, 6, 29), "0.5"),  # 5 months 29 days
        (D(2020, 1, 1), D(2020, 6, 30), "1"),  # 6 months
        (D(2020, 1, 31), D(2020, 7, 29), "0.5"),  # 5 months 30 days
        (D(2020, 1, 31), D(2020, 7, 30), "1"),  # 6 months
        (D(2019, 8, 31), D(2020, 2, 27), "0.5"),
        (D(2019, 8, 31), D(2020, 2, 28), "1"),  # + 6 months is 29 Feb 2020
        (D(2024, 2, 29), D(2024, 8, 27), "0.5"),
        (D(2024, 2, 29), D(2024, 8, 28), "1"),
        (D(2020, 1, 1), D(2020, 12, 31), "1"),  # exactly one year
        (D(2024, 2, 29), D(2025, 2, 27), "1"),
        (D(2024, 2, 29), D(2025, 2, 28), "1.5"),  # one year and a day
        (D(2020, 1, 1), D(2022, 12, 31), "3"),
        (D(2020, 1, 1), D(2023, 1, 1), "3.5"),
        (D(2020, 1, 1), D(2023, 6, 29), "3.5"),
        (D(2020, 1, 1), D(2023, 6, 30), "4"),
        (D(2015, 1, 1), D(2024, 12, 31), "10"),
        (D(2015, 1, 1), D(2025, 1, 1), "10.5"),
        (D(2008, 1, 1), D(2025, 7, 15), "18"),
        (D(2028, 2, 29), D(2029, 2, 27), "1"),
    ],
)
def test_compensation_months(start, end, months):
    assert law.compensation_months(start, end) == Decimal(months)


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ((D(2020, 1, 2), D(2020, 1, 1)), "before"),
        (("2020-01-01", D(2020, 12, 31)), "date"),
        ((D(2020, 1, 1), datetime(2020, 12, 31)), "date"),
    ],
)
def test_compensation_months_refuses_bad_input(args, error):
    with pytest.raises(ValueError, match=error):
        law.compensation_months(*args)


@pytest.mark.parametrize(
    ("start", "end", "wages", "local", "expected"),
    [
        # (months, average_wage, wage_base, capped, amount)
        (D(2022, 1, 1), D(2024, 12, 31), ["8000"] * 12, None, ("3", "8000", "8000", False, "24000")),
        (D(2022, 1, 1), D(2024, 12, 31), ["8000"] * 12, "10000", ("3", "8000", "8000", False, "24000")),
        # fewer than 12 months worked: average over the months worked
        (
            D(2025, 1, 1),
            D(2025, 4, 15),
            ["6000", "6000", "6000", "7000"],
            None,
            ("0.5", "6250", "6250", False, "3125"),
        ),
        (D(2025, 1, 1), D(2025, 1, 31), ["5000"], None, ("0.5", "5000", "5000", False, "2500")),
        # high wage: base capped at 3x the local average and at most 12 months
        (D(2005, 1, 1), D(2024, 12, 31), ["40000"] * 12, "10000", ("12", "40000", "30000", True, "360000")),
        (D(2012, 1, 1), D(2024, 3, 31), ["40000"] * 12, "10000", ("12", "40000", "30000", True, "360000")),
        (D(2020, 1, 1), D(2024, 12, 31), ["40000"] * 12, "10000", ("5", "40000", "30000", True, "150000")),
        # exactly 3x is not above it: no cap
        (D(2005, 1, 1), D(2024, 12, 31), ["30000"] * 12, "10000", ("20", "30000", "30000", False, "600000")),
        (
            D(2005, 1, 1),
            D(2024, 12, 31),
            ["30000.01"] * 12,
            "10000",
            ("12", "30000.01", "30000", True, "360000"),
        ),
        # no local average given: no cap
        (D(2005, 1, 1), D(2024, 12, 31), ["40000"] * 12, None, ("20", "40000", "40000", False, "800000")),
        # rounding to the cent, half up
        (
            D(2025, 1, 1),
            D(2025, 3, 31),
            ["10000", "10000", "10001"],
            None,
            ("0.5", "10000.33", "10000.33", False, "5000.17"),
        ),
        (D(2025, 1, 1), D(2025, 3, 31), ["0.01", "0.02"], None, ("0.5", "0.02", "0.02", False, "0.01")),
        # a local average with cents
        (
            D(2020, 1, 1),
            D(2020, 12, 31),
            ["50000"],
            "11111.115",
            ("1", "50000", "33333.35", True, "33333.35"),
        ),
    ],
)
def test_economic_compensation(start, end, wages, local, expected):
    local = None if local is None else Decimal(local)
    result = law.economic_compensation(start, end, [Decimal(w) for w in wages], local)
    months, average, base, capped, amount = expected
    assert result.months == Decimal(months)
    assert result.average_wage == Decimal(average)
    assert result.wage_base == Decimal(base)
    assert result.capped is capped
    assert result.amount == Decimal(amount)
    assert result.amount.as_tuple().exponent == -2


def test_economic_compensation_raises_the_wage_to_the_minimum():
    result = law.economic_compensation(
        D(2022, 1, 1), D(2024, 12, 31), [Decimal(1500)] * 12, minimum_monthly_wage=Decimal(2000)
    )
    assert result.raised_to_minimum and result.wage_base == Decimal(2000) and result.amount == Decimal(6000)
    above = law.economic_compensation(
        D(2022, 1, 1), D(2024, 12, 31), [Decimal(2500)] * 12, minimum_monthly_wage=Decimal(2000)
    )
    assert not above.raised_to_minimum and above.amount == Decimal(7500)


def test_int_wages_are_accepted():
    assert law.economic_compensation(D(2024, 1, 1), D(2024, 12, 31), [8000]).amount == Decimal(8000)


@pytest.mark.parametrize(
    ("wages", "kwargs", "error"),
    [
        ([], {}, "1 to 12"),
        ([Decimal(1000)] * 13, {}, "1 to 12"),
        ([Decimal(-1)], {}, "negative"),
        ([8000.0], {}, "Decimal"),
        ([True], {}, "Decimal"),
        (["8000"], {}, "Decimal"),
        ([Decimal("NaN")], {}, "finite"),
        ([Decimal(8000)], {"local_average_monthly_wage": Decimal(0)}, "positive"),
        ([Decimal(8000)], {"local_average_monthly_wage": 10000.0}, "Decimal"),
        ([Decimal(8000)], {"minimum_monthly_wage": Decimal(-1)}, "positive"),
    ],
)
def test_economic_compensation_refuses_bad_input(wages, kwargs, error):
    with pytest.raises(ValueError, match=error):
        law.economic_compensation(D(2024, 1, 1), D(2024, 12, 31), wages, **kwargs)


def test_economic_compensation_refuses_end_before_start():
    with pytest.raises(ValueError, match="before"):
        law.economic_compensation(D(2024, 1, 2), D(2024, 1, 1), [Decimal(8000)])


# --------------------------------------------------------------------------- offers

TWO_FIXED = [fixed(D(2019, 1, 1), D(2020, 12, 31), 2), fixed(D(2021, 1, 1), D(2023, 12, 31))]
ONE_FIXED = [fixed(D(2021, 1, 1), D(2023, 12, 31))]


@pytest.mark.parametrize(
    ("start", "end", "kwargs", "expected"),
    [
        # the art. 14 right
        (D(2024, 1, 1), D(2026, 12, 31), {"previous_contracts": TWO_FIXED}, ["open_ended_required"]),
        (
            D(2024, 1, 1),
            D(2026, 12, 31),
            {"previous_contracts": TWO_FIXED, "employee_requested_fixed_term": True},
            ["fixed_term_requested"],
        ),
        (D(2024, 1, 1), None, {"previous_contracts": TWO_FIXED, "fixed_term": False}, []),
        (
            D(2024, 1, 1),
            D(2024, 9, 30),
            {"previous_contracts": TWO_FIXED, "task_based": True},
            ["open_ended_required"],
        ),
        (D(2024, 1, 1), D(2026, 12, 31), {"previous_contracts": ONE_FIXED}, []),
        (D(2024, 1, 1), D(2026, 12, 31), {}, []),  # a first contract
        # the term
        (D(2024, 1, 1), D(2023, 12, 31), {}, ["end_before_start"]),
        (D(2024, 1, 1), None, {}, ["missing_end_date"]),
        (D(2024, 1, 1), D(2026, 12, 31), {"fixed_term": False}, ["end_date_on_open_ended"]),
        (D(2024, 1, 1), D(2023, 12, 31), {"probation_months": 9}, ["end_before_start"]),
        # probation
        (D(2024, 1, 1), D(2025, 12, 31), {"probation_months": 2}, []),
        (D(2024, 1, 1), D(2025, 12, 31), {"probation_months": 3}, ["probation_too_long"]),
        (D(2024, 1, 1), D(2026, 12, 31), {"probation_months": 6}, []),  # exactly three years
        (D(2024, 1, 1), D(2024, 3, 30), {"probation_months": 1}, ["probation_short_term"]),
        (D(2024, 1, 1), None, {"fixed_term": False, "probation_months": 6}, []),
        (
            D(2024, 1, 1),
            None,
            {"previous_contracts": TWO_FIXED, "fixed_term": False, "probation_months": 1},
            ["probation_repeated"],
        ),
        (D(2024, 1, 1), D(2026, 12, 31), {"previous_contracts": ONE_FIXED, "probation_months": 1}, []),
        # wages
        (D(2024, 1, 1), D(2026, 12, 31), {"wage": Decimal(0)}, ["wage_not_positive"]),
        (D(2024, 1, 1), D(2026, 12, 31), {"wage": Decimal(-5)}, ["wage_not_positive"]),
        (D(2024, 1, 1), D(2026, 12, 31), {"current_wage": Decimal("8000.01")}, ["wage_lower_than_current"]),
        (D(2024, 1, 1), D(2026, 12, 31), {"current_wage": Decimal(8000)}, []),
        (D(2024, 1, 1), D(2026, 12, 31), {"current_wage": Decimal(7000)}, []),
        # a gap after the current contract
        (D(2024, 1, 3), D(2026, 12, 31), {"previous_contracts": ONE_FIXED}, ["renewal_gap"]),
        (D(2023, 12, 31), D(2026, 12, 31), {"previous_contracts": ONE_FIXED}, []),
        (
            D(2024, 2, 1),
            D(2026, 12, 31),
            {"previous_contracts": TWO_FIXED},
            ["open_ended_required", "renewal_gap"],
        ),
        # several at once
        (
            D(2024, 1, 1),
            D(2025, 12, 31),
            {
                "previous_contracts": TWO_FIXED,
                "probation_months": 3,
                "wage": Decimal(7000),
                "current_wage": Decimal(7500),
            },
            ["probation_too_long", "probation_repeated", "open_ended_required", "wage_lower_than_current"],
        ),
    ],
)
def test_check_offer(start, end, kwargs, expected):
    kwargs = {"wage": Decimal(8000), **kwargs}
    wage = kwargs.pop("wage")
    issues = law.check_offer(start, end, wage, **kwargs)
    assert codes(issues) == expected
    for issue in issues:
        assert issue.message  # every message renders with its params
        assert issue.blocking is (issue.severity == law.ERROR)


@pytest.mark.parametrize(
    ("code", "severity"),
    [
        ("open_ended_required", law.ERROR),
        ("fixed_term_requested", law.WARNING),
        ("wage_lower_than_current", law.WARNING),
        ("renewal_gap", law.WARNING),
        ("probation_repeated", law.ERROR),
        ("wage_not_positive", law.ERROR),
        ("end_before_start", law.ERROR),
    ],
)
def test_offer_severities(code, severity):
    offers = {
        "open_ended_required": (
            D(2024, 1, 1),
            D(2026, 12, 31),
            Decimal(8000),
            {"previous_contracts": TWO_FIXED},
        ),
        "fixed_term_requested": (
            D(2024, 1, 1),
            D(2026, 12, 31),
            Decimal(8000),
            {"previous_contracts": TWO_FIXED, "employee_requested_fixed_term": True},
        ),
        "wage_lower_than_current": (D(2024, 1, 1), D(2026, 12, 31), Decimal(1), {"current_wage": Decimal(2)}),
        "renewal_gap": (D(2024, 3, 1), D(2026, 12, 31), Decimal(8000), {"previous_contracts": ONE_FIXED}),
        "probation_repeated": (
            D(2024, 1, 1),
            None,
            Decimal(8000),
            {"previous_contracts": TWO_FIXED, "fixed_term": False, "probation_months": 1},
        ),
        "wage_not_positive": (D(2024, 1, 1), D(2026, 12, 31), Decimal(0), {}),
        "end_before_start": (D(2024, 1, 1), D(2023, 1, 1), Decimal(8000), {}),
    }
    start, end, wage, kwargs = offers[code]
    (issue,) = [i for i in law.check_offer(start, end, wage, **kwargs) if i.code == code]
    assert issue.severity == severity


def test_renewal_gap_counts_the_days_without_a_contract():
    (issue,) = law.check_offer(D(2024, 1, 3), D(2026, 12, 31), Decimal(8000), previous_contracts=ONE_FIXED)
    assert issue.params == {"gap_days": 2}  # 1 and 2 January 2024


def test_an_explicit_right_is_used():
    right = law.OpenEndedRight(True, "ten_years", 1, 10)
    issues = law.check_offer(D(2024, 1, 1), D(2026, 12, 31), Decimal(8000), right=right)
    assert codes(issues) == ["open_ended_required"]
    assert "ten years of continuous service" in issues[0].message


def test_every_message_renders():
    params = {
        "date_start": D(2024, 1, 1),
        "date_end": D(2023, 1, 1),
        "wage": Decimal(1),
        "current_wage": Decimal(2),
        "probation_months": 3,
        "limit": 2,
        "reason": "ten_years",
        "gap_days": 3,
    }
    for code in law.MESSAGES:
        assert law.Issue(code, params=params).message


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        (("2024-01-01", D(2026, 12, 31), Decimal(8000)), {}),
        ((D(2024, 1, 1), "2026-12-31", Decimal(8000)), {}),
        ((D(2024, 1, 1), D(2026, 12, 31), 8000.0), {}),
        ((D(2024, 1, 1), D(2026, 12, 31), Decimal(8000)), {"fixed_term": "yes"}),
        ((D(2024, 1, 1), D(2026, 12, 31), Decimal(8000)), {"probation_months": -1}),
        ((D(2024, 1, 1), D(2026, 12, 31), Decimal(8000)), {"current_wage": 7000.0}),
        ((D(2024, 1, 1), D(2026, 12, 31), Decimal(8000)), {"right": True}),
        ((D(2024, 1, 1), D(2026, 12, 31), Decimal(8000)), {"employee_requested_fixed_term": None}),
        ((D(2024, 1, 1), D(2026, 12, 31), Decimal(8000)), {"previous_contracts": [None]}),
    ],
)
def test_check_offer_refuses_wrong_types(args, kwargs):
    with pytest.raises(ValueError):
        law.check_offer(*args, **kwargs)


# --------------------------------------------------------------------------- one source of messages


def test_messages_and_reasons_are_the_one_table():
    # Every issue code the checks can return has its text here, and the Odoo layer
    # translates these same strings (no second table to drift).
    assert set(law.REASONS) == {law.REASON_TEN_YEARS, law.REASON_TWO_FIXED_TERMS}
    for code, text in law.MESSAGES.items():
        assert isinstance(text, str) and text, code
    art = [code for code, text in law.MESSAGES.items() if "art." in text]
    assert all("Labour Contract Law" in law.MESSAGES[code] for code in art if code != "renewal_gap")


def test_message_params_translate_the_reason():
    issue = law.Issue("open_ended_required", params={"reason": "two_fixed_terms"})
    assert issue.message_params(str.upper)["reason"] == "TWO CONSECUTIVE FIXED-TERM CONTRACTS"
    assert issue.params["reason"] == "two_fixed_terms", "the issue itself is unchanged"


# --------------------------------------------------------------------------- probation months


@pytest.mark.parametrize(
    ("start", "trial_end", "months"),
    [
        (D(2026, 1, 1), D(2026, 3, 31), 3),
        (D(2026, 1, 1), D(2026, 4, 1), 4),  # a part of a month counts as a whole one
        (D(2026, 1, 1), D(2026, 1, 1), 1),
        (D(2026, 1, 15), D(2026, 2, 14), 1),
        (D(2026, 1, 1), D(2026, 12, 31), 12),
        (D(2026, 1, 1), None, 0),
        (D(2026, 1, 1), D(2025, 12, 31), 0),  # ends before the contract starts
    ],
)
def test_probation_months(start, trial_end, months):
    assert law.probation_months(start, trial_end) == months


@pytest.mark.parametrize(
    ("start", "trial_end"),
    [("2026-01-01", D(2026, 3, 31)), (D(2026, 1, 1), "2026-03-31"), (None, D(2026, 3, 31))],
)
def test_probation_months_refuses_wrong_types(start, trial_end):
    with pytest.raises(ValueError):
        law.probation_months(start, trial_end)


# --------------------------------------------------------------------------- offer terms


@pytest.mark.parametrize(
    ("args", "kwargs", "expected"),
    [
        ((D(2026, 5, 1), D(2029, 4, 30), Decimal(6500)), {}, []),
        ((D(2026, 5, 1), None, Decimal(6500)), {"open_ended": True}, []),
        ((D(2026, 5, 1), None, Decimal(6500)), {}, ["missing_end_date"]),
        ((D(2026, 5, 1), D(2029, 4, 30), Decimal(6500)), {"open_ended": True}, ["end_date_on_open_ended"]),
        ((D(2026, 5, 1), D(2026, 4, 30), Decimal(6500)), {}, ["end_before_start"]),
        ((D(2026, 5, 1), D(2029, 4, 30), Decimal(0)), {}, ["wage_not_positive"]),
        ((D(2026, 5, 1), D(2026, 4, 1), -1), {}, ["end_before_start", "wage_not_positive"]),
    ],
)
def test_check_terms(args, kwargs, expected):
    assert codes(law.check_terms(*args, **kwargs)) == expected
    assert all(issue.blocking for issue in law.check_terms(*args, **kwargs))


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        (("2026-05-01", None, Decimal(1)), {"open_ended": True}),
        ((D(2026, 5, 1), "2029-04-30", Decimal(1)), {}),
        ((D(2026, 5, 1), D(2029, 4, 30), 6500.0), {}),
        ((D(2026, 5, 1), None, Decimal(1)), {"open_ended": 1}),
    ],
)
def test_check_terms_refuses_wrong_types(args, kwargs):
    with pytest.raises(ValueError):
        law.check_terms(*args, **kwargs)
