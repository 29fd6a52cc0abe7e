from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import TODAY, LegalAidCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestDeadlines(LegalAidCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        claims = cls.case_a.claim_ids
        cls.compensation = claims.filtered(lambda c: c.claim_type_id == cls.type_compensation)
        cls.wages = claims.filtered(lambda c: c.claim_type_id == cls.type_wages)

    def test_deadline_per_claim_with_its_basis(self):
        # 10 Jan 2027 is a Sunday: the period ends on Monday 11.
        self.assertEqual(self.compensation.deadline, date(2027, 1, 11))
        self.assertEqual(self.compensation.deadline_basis, "knowledge")
        self.assertIn("art. 27(1)", self.compensation.legal_basis)
        # Wages owed during the employment: no deadline while it lasts.
        self.assertFalse(self.wages.deadline)
        self.assertEqual(self.wages.deadline_basis, "employment_ongoing")
        self.case_a.employment_ended_on = date(2026, 2, 27)
        self.assertEqual(self.wages.deadline, date(2027, 3, 1))  # 27 Feb 2027 is a Saturday
        self.assertEqual(self.wages.deadline_basis, "end_of_employment")
        self.assertEqual(self.case_a.next_deadline, date(2027, 1, 11))

    def test_events_move_the_deadline(self):
        Event = self.env["legal.case.event"].with_user(self.coordinator)
        Event.create({"case_id": self.case_a.id, "day": date(2026, 3, 2), "kind": "interruption_claim"})
        self.assertEqual(self.compensation.deadline, date(2027, 3, 2))
        self.assertEqual(self.compensation.deadline_basis, "interrupted")
        suspension = Event.create(
            {
                "case_id": self.case_a.id,
                "day": date(2026, 3, 10),
                "kind": "suspension_start",
                "claim_item_ids": [Command.set(self.compensation.ids)],
            }
        )
        self.assertFalse(self.compensation.deadline)
        self.assertEqual(self.compensation.deadline_basis, "suspended")
        Event.create({"case_id": self.case_a.id, "day": date(2026, 3, 15), "kind": "suspension_end"})
        self.assertEqual(self.compensation.deadline, date(2027, 3, 8))  # 7 March 2027 is a Sunday
        suspension.unlink()
        self.assertEqual(self.compensation.deadline, date(2027, 3, 2))

    def test_event_before_known_on_or_in_the_future_is_refused(self):
        Event = self.env["legal.case.event"].with_user(self.coordinator)
        with self.assertRaisesRegex(ValidationError, "before the day the employee knew"):
            Event.create({"case_id": self.case_a.id, "day": date(2026, 1, 9), "kind": "interruption_claim"})
        with self.assertRaisesRegex(ValidationError, "in the future"):
            Event.create(
                {"case_id": self.case_a.id, "day": TODAY + timedelta(days=1), "kind": "suspension_start"}
            )
        self.assertFalse(self.case_a.event_ids)

    def test_holidays_are_data_and_move_open_deadlines(self):
        self.env["legal.calendar.day"].with_user(self.coordinator).create(
            {"day": date(2027, 1, 11), "kind": "holiday", "name": "测试假日"}
        )
        self.assertEqual(self.compensation.deadline, date(2027, 1, 12))

    def test_negative_claim_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.compensation.amount = -5

    def _messages(self):
        return self.env["mail.message"].search(
            [("model", "=", "legal.case"), ("res_id", "=", self.case_a.id), ("subject", "ilike", "Deadline")]
        )

    def test_cron_warns_once_per_lead(self):
        Item = self.env["legal.claim.item"]
        self.assertEqual(self.compensation.next_warning_date, date(2026, 12, 12))
        with freeze_time(date(2026, 12, 1)):
            Item._cron_warn_deadlines()
        self.assertFalse(self._messages())
        with freeze_time(date(2026, 12, 12)):
            Item._cron_warn_deadlines()
            Item._cron_warn_deadlines()  # idempotent
        message = self._messages()
        self.assertEqual(len(message), 1)
        self.assertIn("30 days", message.subject)
        self.assertEqual(message.partner_ids, (self.lawyer_a | self.coordinator).partner_id)
        self.assertNotIn(self.employee_user.partner_id, message.notification_ids.res_partner_id)
        self.assertEqual(self.compensation.warned_leads, "30")
        self.assertEqual(self.compensation.next_warning_date, date(2027, 1, 4))
        # The job was down for a week: one warning, for the nearest lead.
        with freeze_time(date(2027, 1, 10)):
            Item._cron_warn_deadlines()
        self.assertEqual(len(self._messages()), 2)
        self.assertEqual(self.compensation.warned_leads, "30,7,1")
        self.assertFalse(self.compensation.next_warning_date)
        with freeze_time(date(2027, 1, 11)):
            Item._cron_warn_deadlines()
        self.assertEqual(len(self._messages()), 2)

    def test_a_moved_deadline_is_warned_again(self):
        with freeze_time(date(2026, 12, 12)):
            self.env["legal.claim.item"]._cron_warn_deadlines()
        self.env["legal.case.event"].create(
            {"case_id": self.case_a.id, "day": date(2026, 3, 2), "kind": "interruption_claim"}
        )
        self.assertFalse(self.compensation.warned_leads)
        self.assertEqual(self.compensation.next_warning_date, date(2027, 1, 31))

    def test_cron_batches_and_reports_progress(self):
        for _i in range(3):
            self.case_a.copy({"claim_ids": [Command.create({"claim_type_id": self.type_compensation.id})]})
        Item = self.env["legal.claim.item"]
        with freeze_time(date(2026, 12, 12)):
            self.assertEqual(Item._cron_warn_deadlines(batch_size=2), 2)
            self.assertEqual(Item._cron_warn_deadlines(batch_size=2), 2)
            self.assertEqual(Item._cron_warn_deadlines(batch_size=2), 0)

    def test_closed_cases_are_not_warned(self):
        self.case_a.write({"stage": "closed", "outcome": "won"})
        with freeze_time(date(2026, 12, 12)):
            self.assertEqual(self.env["legal.claim.item"]._cron_warn_deadlines(), 0)
        self.assertFalse(self.case_a.next_deadline)

    def test_appeal_window_after_the_award(self):
        case = self.case_a  # 30,000 claimed
        case.write({"stage": "arbitration", "award_received_on": date(2026, 3, 2)})
        self.assertFalse(case.award_final_for_employer)
        self.assertIn("employer may sue by 2026-03-17 (art. 50)", case.appeal_window)
        case.local_minimum_wage = 2690  # 12 months: 32,280
        self.assertTrue(case.award_final_for_employer)
        self.assertIn("employee may sue by 2026-03-17 (art. 48)", case.appeal_window)
        self.assertIn("set it aside by 2026-04-01 (art. 49)", case.appeal_window)
        with self.assertRaisesRegex(ValidationError, "received in the future"):
            case.award_received_on = TODAY + timedelta(days=1)
        with self.assertRaisesRegex(ValidationError, "minimum wage cannot be negative"):
            case.local_minimum_wage = -1
