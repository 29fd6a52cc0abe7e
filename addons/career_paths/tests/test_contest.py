from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import TODAY, CareerCase


@tagged("post_install", "-at_install")
class TestContest(CareerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.third = cls.env["hr.employee"].create({"name": "何军", "company_id": cls.company.id})
        cls.contest = cls.env["career.contest"].create(
            {
                "name": "焊工技能大赛",
                "date": date(2026, 3, 10),
                "top_ranks": 1,
                "participant_ids": [
                    (0, 0, {"employee_id": cls.employee.id, "score": 92}),
                    (0, 0, {"employee_id": cls.employee_2.id, "score": 92}),
                    (0, 0, {"employee_id": cls.third.id, "score": 70}),
                ],
            }
        )

    def _welfare(self):
        Rule = type(self.env["welfare.earning.rule"])
        post = patch.object(Rule, "_welfare_post_contest_results", create=True)
        cancel = patch.object(Rule, "_welfare_cancel_source", create=True)
        return post, cancel

    @freeze_time(TODAY)
    def test_close_ranks_recommends_and_posts_points(self):
        post, cancel = self._welfare()
        with post as posted, cancel as cancelled:
            self.contest.with_user(self.officer).action_close()
        participants = self.contest.participant_ids
        self.assertEqual(participants.mapped("rank"), [1, 1, 3])
        self.assertEqual(participants.mapped("recommended"), [True, True, False])
        source, ranks, on_date = posted.call_args.args
        self.assertEqual(source, self.contest)
        self.assertEqual(ranks, {self.employee.id: 1, self.employee_2.id: 1, self.third.id: 3})
        self.assertEqual(on_date, date(2026, 3, 10))
        cancelled.assert_not_called()
        # the top ranks enter the reserve pool with a transfer recommendation, the third does not
        entries = self.env["career.reserve.entry"].search([("transfer_recommended", "=", True)])
        self.assertEqual(entries.employee_id, self.employee | self.employee_2)
        self.assertFalse(self.env["career.reserve.entry"].search([("employee_id", "=", self.third.id)]))

    @freeze_time(TODAY)
    def test_correction_reverses_points_and_recommendations(self):
        post, cancel = self._welfare()
        with post, cancel as cancelled:
            self.contest.action_close()
            with self.assertRaisesRegex(UserError, "Reopen the contest"):
                self.contest.participant_ids[2].score = 99
            self.contest.action_reopen()
        cancelled.assert_called_once()
        self.assertEqual(cancelled.call_args.args[0], self.contest)
        self.assertFalse(any(self.contest.participant_ids.mapped("recommended")))
        self.assertFalse(self.env["career.reserve.entry"].search([("transfer_recommended", "=", True)]))
        self.contest.participant_ids[2].score = 99
        with post as posted, cancel:
            self.contest.action_close()
        self.assertEqual(posted.call_args.args[1][self.third.id], 1)

    def test_bad_input_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.contest.participant_ids[0].score = -3
        empty = self.env["career.contest"].create({"name": "空赛", "date": date(2026, 3, 1)})
        with self.assertRaisesRegex(UserError, "no participant"):
            empty.action_close()
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.contest.write({"participant_ids": [(0, 0, {"employee_id": self.third.id, "score": 1})]})
            self.env.flush_all()

    def test_access(self):
        self.assertTrue(self.contest.with_user(self.officer).name)
        with self.assertRaises(AccessError):
            self.contest.with_user(self.internal).read(["name"])
        with self.assertRaises(AccessError):
            self.contest.with_user(self.officer_2).read(["name"])
        with self.assertRaises(AccessError):
            self.contest.with_user(self.officer).unlink()


@tagged("post_install", "-at_install")
class TestOpenDay(CareerCase):
    def test_career_managers_record_open_days_with_registrations(self):
        client = self.env["res.partner"].create(
            {"name": "苏州精密制造有限公司", "is_company": True, "is_outsourcing_client": True}
        )
        Event = self.env["event.event"].with_user(self.career_manager)
        open_day = Event.with_context(default_career_open_day=True).create(
            {
                "name": "苏州精密 第二季度开放日",
                "career_client_id": client.id,
                "date_begin": datetime(2026, 4, 18, 1, 0),
                "date_end": datetime(2026, 4, 18, 8, 0),
            }
        )
        self.assertTrue(open_day.career_open_day)
        self.env["event.registration"].with_user(self.career_manager).create(
            {"event_id": open_day.id, "partner_id": self.employee.work_contact_id.id}
        )
        self.assertEqual(open_day.seats_taken, 1)
        self.assertEqual(self.env["event.event"].search([("career_open_day", "=", True)]), open_day)
        with self.assertRaises(AccessError):
            self.env["event.event"].with_user(self.officer).create(
                {"name": "x", "date_begin": TODAY, "date_end": TODAY}
            )
