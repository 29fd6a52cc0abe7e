from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import TODAY, CareerCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestReserveInterest(CareerCase):
    """Open days and contests at a client feed the reserve pool with the employee's interest in that
    client; the pool lists it per track and client."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.client = Partner.create(
            {"name": "苏州精密制造有限公司", "is_company": True, "is_outsourcing_client": True}
        )
        cls.client_b = Partner.create(
            {"name": "上海物流有限公司", "is_company": True, "is_outsourcing_client": True}
        )
        cls.event_user = new_test_user(
            cls.env,
            "car_event_user",
            groups="event.group_event_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.open_day = (
            cls.env["event.event"]
            .with_user(cls.career_manager)
            .create(
                {
                    "name": "苏州精密 第一季度开放日",
                    "career_open_day": True,
                    "career_client_id": cls.client.id,
                    "date_begin": datetime(2026, 3, 12, 1, 0),
                    "date_end": datetime(2026, 3, 12, 8, 0),
                }
            )
        )
        cls.visitor = Partner.create({"name": "外部访客"})
        Registration = cls.env["event.registration"].with_user(cls.event_user)
        cls.registrations = Registration.create(
            [
                {"event_id": cls.open_day.id, "partner_id": partner.id}
                for partner in (cls.employee.work_contact_id, cls.employee_2.work_contact_id, cls.visitor)
            ]
        )

    def _interests(self, source=None):
        domain = [("source", "=", source)] if source else []
        return self.env["career.reserve.interest"].search(domain)

    def _entry(self, employee):
        return self.env["career.reserve.entry"].search([("employee_id", "=", employee.id)])

    def test_attending_an_open_day_marks_the_interest(self):
        self.assertFalse(self._interests(), "registered is not attended")
        # the event user marks attendance: no HR rights needed
        self.registrations[0].action_set_done()
        self.registrations[2].action_set_done()  # a visitor who is no employee: nothing
        interest = self._interests()
        self.assertRecordValues(
            interest,
            [
                {
                    "employee_id": self.employee.id,
                    "client_id": self.client.id,
                    "source": "open_day",
                    "event_id": self.open_day.id,
                    "date": date(2026, 3, 12),
                }
            ],
        )
        # 王芳 is not otherwise in the pool (no readiness, no potential): the open day puts her there
        entry = self._entry(self.employee)
        self.assertEqual(entry.grade_id, self.grade_2)
        self.assertEqual(entry.interest_client_ids, self.client)
        self.assertFalse(self._entry(self.employee_2))
        # idempotent: marked again, or another open day of the same client later on
        self.registrations[0].write({"state": "done"})
        self.env["career.reserve.entry"]._cron_refresh()
        self.assertEqual(len(self._interests()), 1)
        self.assertEqual(self._entry(self.employee).interest_client_ids, self.client)

    def test_contest_top_ranks_are_interested_in_the_host_client(self):
        contest = self.env["career.contest"].create(
            {
                "name": "焊工技能大赛",
                "date": date(2026, 3, 10),
                "client_id": self.client_b.id,
                "top_ranks": 1,
                "participant_ids": [
                    Command.create({"employee_id": self.employee.id, "score": 70}),
                    Command.create({"employee_id": self.employee_2.id, "score": 95}),
                ],
            }
        )
        Rule = type(self.env["welfare.earning.rule"]) if "welfare.earning.rule" in self.env else None
        if Rule:
            with patch.object(Rule, "_welfare_post_contest_results", create=True):
                contest.with_user(self.officer).action_close()
        else:
            contest.with_user(self.officer).action_close()
        self.assertRecordValues(
            self._interests("contest"),
            [{"employee_id": self.employee_2.id, "client_id": self.client_b.id, "contest_id": contest.id}],
        )
        entries = self._entry(self.employee_2)
        self.assertTrue(all(entries.mapped("transfer_recommended")))
        self.assertEqual(entries.interest_client_ids, self.client_b)
        # a correction withdraws it
        if Rule:
            with patch.object(Rule, "_welfare_cancel_source", create=True):
                contest.with_user(self.officer).action_reopen()
        else:
            contest.with_user(self.officer).action_reopen()
        self.assertFalse(self._interests("contest"))
        self.assertFalse(self._entry(self.employee_2))

    def test_the_pool_lists_interest_per_track_and_client(self):
        self.registrations[0].action_set_done()
        self.employee_2.career_high_potential = True
        self.env["career.reserve.interest"]._record(
            [
                {
                    "employee_id": self.employee_2.id,
                    "client_id": self.client_b.id,
                    "source": "contest",
                    "date": date(2026, 3, 1),
                }
            ]
        )
        groups = (
            self.env["career.reserve.entry"]
            .with_user(self.officer)
            ._read_group(
                [("interest_client_ids", "!=", False)], ["track_id", "interest_client_ids"], ["__count"]
            )
        )
        self.assertEqual(
            {(track, client): count for track, client, count in groups},
            {
                (self.track, self.client): 1,
                (self.track, self.client_b): 1,
                (self.management, self.client_b): 1,
            },
        )

    def test_access(self):
        self.registrations[0].action_set_done()
        self.assertEqual(len(self._interests().with_user(self.officer).read(["client_id"])), 1)
        with self.assertRaises(AccessError):
            self._interests().with_user(self.internal).read(["client_id"])
        with self.assertRaises(AccessError):
            self._interests().with_user(self.event_user).read(["client_id"])
        # another company's HR officer does not see it
        self.assertFalse(self.env["career.reserve.interest"].with_user(self.officer_2).search([]))
