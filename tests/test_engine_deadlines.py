from datetime import date, timedelta

import pytest
from legal_aid.engine.deadlines import (
    INTERRUPTION,
    SUSPENSION_END,
    SUSPENSION_START,
    Event,
    appeal_windows,
    arbitration_deadline,
    award_is_final_for_employer,
    days_left,
    due_warnings,
    limitation,
    next_working_day,
    procedure_deadline,
    years_not_loaded,
)


@pytest.mark.parametrize(
    ("known_on", "deadline"),
    [
        (date(2026, 3, 10), date(2027, 3, 10)),
        (date(2024, 2, 29), date(2025, 2, 28)),  # no 29 February: the month's last day
        (date(2026, 12, 31), date(2027, 12, 31)),
    ],
)
def test_one_year_from_knowledge(known_on, deadline):
    assert arbitration_deadline(known_on) == deadline


def test_unpaid_wages_run_from_the_end_of_employment():
    assert arbitration_deadline(date(2020, 1, 1), unpaid_wages=True) is None
    assert arbitration_deadline(date(2020, 1, 1), True, date(2026, 5, 31)) == date(2027, 5, 31)


def test_days_left():
    assert days_left(date(2027, 3, 10), date(2027, 3, 1)) == 9
    assert days_left(date(2027, 3, 10), date(2027, 3, 11)) == -1


def test_wrong_type_is_refused():
    with pytest.raises(TypeError):
        arbitration_deadline("2026-03-10")


# ---------------------------------------------------------------- art. 27 with events

D = date
# 2027 Spring Festival, as the data ships it: 6-12 Feb off; Sun 14 Feb worked (调休).
HOLIDAYS = {D(2027, 2, 6) + timedelta(days=i) for i in range(7)}
WORKDAYS = {D(2027, 2, 14)}


@pytest.mark.parametrize(
    ("case", "known_on", "events", "wages", "ended", "deadline", "basis"),
    [
        ("plain year", D(2026, 3, 10), [], False, None, D(2027, 3, 10), "knowledge"),
        ("leap day", D(2024, 2, 29), [], False, None, D(2025, 2, 28), "knowledge"),
        ("month end", D(2025, 8, 31), [], False, None, D(2026, 8, 31), "knowledge"),
        (
            "interruption restarts the year",
            D(2026, 3, 10),
            [Event(D(2026, 9, 1), INTERRUPTION)],
            False,
            None,
            D(2027, 9, 1),
            "interrupted",
        ),
        (
            "the last interruption counts",
            D(2025, 3, 10),
            [Event(D(2025, 6, 1), INTERRUPTION), Event(D(2026, 5, 20), INTERRUPTION)],
            False,
            None,
            D(2027, 5, 20),
            "interrupted",
        ),
        (
            "an interruption after expiry does not revive it",
            D(2024, 3, 11),
            [Event(D(2025, 4, 1), INTERRUPTION)],
            False,
            None,
            D(2025, 3, 11),
            "knowledge",
        ),
        (
            "suspension adds its length",
            D(2026, 3, 10),
            [Event(D(2026, 5, 1), SUSPENSION_START), Event(D(2026, 5, 31), SUSPENSION_END)],
            False,
            None,
            D(2027, 4, 9),
            "knowledge",
        ),
        (
            "an open suspension stops the clock",
            D(2026, 3, 10),
            [Event(D(2026, 5, 1), SUSPENSION_START)],
            False,
            None,
            None,
            "suspended",
        ),
        ("wages during employment", D(2020, 1, 1), [], True, None, None, "employment_ongoing"),
        ("wages from the end", D(2020, 1, 1), [], True, D(2026, 5, 31), D(2027, 5, 31), "end_of_employment"),
        (
            "wages: interruption before the end is ignored",
            D(2020, 1, 1),
            [Event(D(2026, 1, 5), INTERRUPTION)],
            True,
            D(2026, 5, 31),
            D(2027, 5, 31),
            "end_of_employment",
        ),
        (
            "wages: interruption after the end restarts",
            D(2020, 1, 1),
            [Event(D(2026, 8, 3), INTERRUPTION)],
            True,
            D(2026, 5, 31),
            D(2027, 8, 3),
            "interrupted",
        ),
        ("ends on a Saturday: Monday", D(2026, 3, 13), [], False, None, D(2027, 3, 15), "knowledge"),
        (
            "ends in Spring Festival: the 调休 Sunday",
            D(2026, 2, 8),
            [],
            False,
            None,
            D(2027, 2, 14),
            "knowledge",
        ),
    ],
)
def test_limitation_table(case, known_on, events, wages, ended, deadline, basis):
    result = limitation(known_on, events, wages, ended, HOLIDAYS, WORKDAYS)
    assert (result.deadline, result.basis) == (deadline, basis), case


def test_suspension_counts_days_and_ignores_stray_events():
    result = limitation(
        D(2026, 3, 10),
        [
            Event(D(2026, 4, 1), SUSPENSION_END),  # no suspension open
            Event(D(2026, 5, 1), SUSPENSION_START),
            Event(D(2026, 5, 3), SUSPENSION_START),  # already suspended
            Event(D(2026, 5, 11), SUSPENSION_END),
        ],
    )
    assert result.suspended_days == 10
    assert result.deadline == D(2027, 3, 22)  # 20 March 2027 is a Saturday
    assert len(result.ignored) == 2


def test_interruption_ends_a_suspension():
    result = limitation(
        D(2026, 3, 10), [Event(D(2026, 5, 1), SUSPENSION_START), Event(D(2026, 6, 1), INTERRUPTION)]
    )
    assert (result.deadline, result.basis) == (D(2027, 6, 1), "interrupted")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2027, 2, 5), D(2027, 2, 5)),  # Friday before the holiday
        (D(2027, 2, 6), D(2027, 2, 14)),  # holiday, Saturday 13, then the 调休 Sunday
        (D(2027, 2, 14), D(2027, 2, 14)),
        (D(2026, 11, 28), D(2026, 11, 30)),  # Saturday
    ],
)
def test_next_working_day(day, expected):
    assert next_working_day(day, HOLIDAYS, WORKDAYS) == expected
    assert next_working_day(D(2027, 2, 6), HOLIDAYS) == D(2027, 2, 15)  # without the 调休 day


@pytest.mark.parametrize(
    ("kind", "from_day", "deadline"),
    [
        ("mediation", D(2026, 3, 2), D(2026, 3, 17)),
        ("acceptance", D(2026, 3, 2), D(2026, 3, 9)),  # 7 March is a Saturday
        ("award", D(2026, 3, 2), D(2026, 4, 16)),
        ("award_extended", D(2026, 3, 2), D(2026, 5, 1)),
        ("lawsuit", D(2026, 3, 2), D(2026, 3, 17)),
        ("set_aside", D(2026, 3, 2), D(2026, 4, 1)),
    ],
)
def test_procedure_deadlines(kind, from_day, deadline):
    assert procedure_deadline(kind, from_day) == deadline


def test_final_award_threshold():
    assert award_is_final_for_employer(30000, 2500)
    assert not award_is_final_for_employer(30001, 2500)
    with pytest.raises(ValueError):
        award_is_final_for_employer(-1, 2500)


@pytest.mark.parametrize(
    ("today", "sent", "due"),
    [
        (D(2026, 5, 1), (), []),  # 41 days before
        (D(2026, 5, 13), (), [30]),
        (D(2026, 5, 13), (30,), []),  # once only
        (D(2026, 6, 5), (30,), [7]),
        (D(2026, 6, 5), (), [7, 30]),  # the job was down: send the nearest, record both
        (D(2026, 6, 11), (30, 7), [1]),
        (D(2026, 6, 12), (30, 7, 1), []),
        (D(2026, 6, 13), (), []),  # passed
    ],
)
def test_due_warnings(today, sent, due):
    assert due_warnings(D(2026, 6, 12), today, (30, 7, 1), sent) == due


@pytest.mark.parametrize(
    "bad",
    [
        lambda: limitation("2026-03-10"),
        lambda: limitation(D(2026, 3, 10), [Event("2026-04-01", INTERRUPTION)]),
    ],
)
def test_limitation_refuses_wrong_types(bad):
    with pytest.raises(TypeError):
        bad()


def test_unknown_event_kind():
    with pytest.raises(ValueError):
        limitation(D(2026, 3, 10), [Event(D(2026, 4, 1), "forgiven")])


def test_appeal_windows():
    # Award received Monday 2 March 2026.
    assert appeal_windows(D(2026, 3, 2), True) == [
        ("employee", "lawsuit", D(2026, 3, 17), "art. 48"),
        ("employer", "set_aside", D(2026, 4, 1), "art. 49"),
    ]
    assert appeal_windows(D(2026, 3, 2), False) == [
        ("employee", "lawsuit", D(2026, 3, 17), "art. 50"),
        ("employer", "lawsuit", D(2026, 3, 17), "art. 50"),
    ]
    # From 5 September 2026 the 15th day is Sunday 20, a 调休 working day.
    assert appeal_windows(D(2026, 9, 5), False, workdays={D(2026, 9, 20)})[0][2] == D(2026, 9, 20)
    with pytest.raises(TypeError):
        appeal_windows("2026-03-02", True)


@pytest.mark.parametrize(
    ("days", "loaded", "missing"),
    [
        ([date(2026, 5, 1)], {2026}, []),
        ([date(2027, 1, 4)], {2026}, [2027]),
        ([date(2027, 1, 4), date(2026, 3, 1), date(2028, 2, 29), None], {2026}, [2027, 2028]),
        ([], {2026}, []),
        ([date(2026, 5, 1)], set(), [2026]),
    ],
)
def test_years_not_loaded(days, loaded, missing):
    assert years_not_loaded(days, loaded) == missing


# 国务院办公厅关于2026年部分节假日安排的通知 (4 November 2025): the days off (放假调休)
# and the weekend days worked instead (上班), as published.
NOTICE_2026 = {
    "holiday": [
        (date(2026, 1, 1), date(2026, 1, 3)),
        (date(2026, 2, 15), date(2026, 2, 23)),
        (date(2026, 4, 4), date(2026, 4, 6)),
        (date(2026, 5, 1), date(2026, 5, 5)),
        (date(2026, 6, 19), date(2026, 6, 21)),
        (date(2026, 9, 25), date(2026, 9, 27)),
        (date(2026, 10, 1), date(2026, 10, 7)),
    ],
    "workday": [
        date(2026, 1, 4),
        date(2026, 2, 14),
        date(2026, 2, 28),
        date(2026, 5, 9),
        date(2026, 9, 20),
        date(2026, 10, 10),
    ],
}


def test_shipped_2026_calendar_is_the_state_council_notice():
    from conftest import ADDONS_DIR
    from lxml import etree

    root = etree.parse(str(ADDONS_DIR / "legal_aid/data/legal_calendar_day_data.xml")).getroot()
    shipped = {"holiday": set(), "workday": set()}
    for record in root.iter("record"):
        day = date.fromisoformat(record.find("field[@name='day']").text)
        shipped[record.find("field[@name='kind']").text].add(day)
    holidays = {
        start + timedelta(days=n)
        for start, end in NOTICE_2026["holiday"]
        for n in range((end - start).days + 1)
    }
    assert {d for d in shipped["holiday"] if d.year == 2026} == holidays
    assert {d for d in shipped["workday"] if d.year == 2026} == set(NOTICE_2026["workday"])
    # Every 调休 working day is a weekend day, and no day is both.
    assert all(day.weekday() >= 5 for day in shipped["workday"])
    assert not shipped["holiday"] & shipped["workday"]
    # Only officially published years are shipped (2027 was not published when checked).
    assert {day.year for kind in shipped.values() for day in kind} == {2026}
