from datetime import date, datetime, timedelta

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, freeze_time, new_test_user, tagged

from .common import TODAY, RetentionCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestTalkLog(RetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.colleague = new_test_user(
            cls.env, "talk_colleague", groups="base.group_user", company_id=cls.company.id
        )
        cls.one_to_one = cls.env.ref("outsourcing_retention.talk_type_one_to_one")
        cls.site_visit = cls.env.ref("outsourcing_retention.talk_type_site_visit")
        cls.employee_3 = cls.env["hr.employee"].create({"name": "孙丽"})

    def _talk(self, employee, day, user=None, **vals):
        Talk = self.env["retention.talk"]
        if user:
            Talk = Talk.with_user(user)
        return Talk.create(
            {"employee_id": employee.id, "talk_type_id": self.one_to_one.id, "date": day, **vals}
        )

    def test_quick_entry_from_the_employee_form(self):
        action = self.employee_1.with_user(self.hr_officer).action_retention_log_talk()
        self.assertEqual(action["res_model"], "retention.talk")
        with Form(
            self.env["retention.talk"].with_user(self.hr_officer).with_context(**action["context"])
        ) as form:
            form.talk_type_id = self.site_visit
            form.summary = "聊了夜班补贴的问题"
        talk = form.save()
        self.assertEqual(
            (talk.employee_id, talk.user_id, talk.date), (self.employee_1, self.hr_officer, TODAY)
        )
        self.assertEqual(self.employee_1.with_user(self.hr_officer).retention_talk_count, 1)

    def test_bad_dates_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "in the future"):
            self._talk(self.employee_1, TODAY + timedelta(days=1))
        with self.assertRaisesRegex(ValidationError, "before the talk"):
            self._talk(self.employee_1, TODAY, follow_up_date=TODAY - timedelta(days=1))

    def test_activity_done_logs_a_talk(self):
        talk_type = self.env.ref("outsourcing_retention.mail_activity_type_hr_talk")
        activity = self.employee_1.activity_schedule(
            activity_type_id=talk_type.id, summary="季度面谈", user_id=self.colleague.id
        )
        other = self.employee_1.activity_schedule("mail.mail_activity_data_todo", user_id=self.colleague.id)
        # The assignee has no right on talks; the log is written anyway, and they cannot read it.
        activity.with_user(self.colleague).action_feedback(feedback="想调去白班")
        other.with_user(self.colleague).action_feedback(feedback="done")
        talk = self.env["retention.talk"].search([("employee_id", "=", self.employee_1.id)])
        self.assertEqual(len(talk), 1)
        self.assertEqual(
            (talk.talk_type_id, talk.user_id, talk.summary, talk.source, talk.date),
            (self.one_to_one, self.colleague, "想调去白班", "activity", TODAY),
        )
        with self.assertRaises(AccessError):
            talk.with_user(self.colleague).read(["summary"])

    def test_days_since_last_contact_and_filters(self):
        self._talk(self.employee_1, TODAY - timedelta(days=10))
        self._talk(self.employee_1, TODAY - timedelta(days=40))
        self._talk(self.employee_2, TODAY - timedelta(days=45))
        # A past meeting with employee_3 as attendee counts; a future one does not.
        partner = self.employee_3.work_contact_id
        self.env["calendar.event"].create(
            [
                {
                    "name": "面谈",
                    "start": datetime(2026, 3, 1, 9),
                    "stop": datetime(2026, 3, 1, 10),
                    "partner_ids": [(4, partner.id)],
                },
                {
                    "name": "下次面谈",
                    "start": datetime(2026, 3, 20, 9),
                    "stop": datetime(2026, 3, 20, 10),
                    "partner_ids": [(4, partner.id)],
                },
            ]
        )
        employees = (self.employee_1 | self.employee_2 | self.employee_3 | self.employee_portal).with_user(
            self.hr_officer
        )
        self.assertEqual(employees.mapped("retention_days_since_contact"), [10, 45, 15, 0])
        self.assertEqual(self.employee_3.retention_last_contact_date, date(2026, 3, 1))
        self.assertFalse(self.employee_portal.retention_last_contact_date, "never contacted")
        Employee = self.env["hr.employee"].with_user(self.hr_officer)
        stale = Employee.search([("retention_days_since_contact", ">", 30), ("id", "in", employees.ids)])
        self.assertEqual(stale, self.employee_2 | self.employee_portal, "never contacted counts as stale")
        recent = Employee.search([("retention_days_since_contact", "<=", 15), ("id", "in", employees.ids)])
        self.assertEqual(recent, self.employee_1 | self.employee_3)
        self.assertEqual(
            Employee.search([("retention_days_since_contact", "<", 15), ("id", "in", employees.ids)]),
            self.employee_1,
        )
        self.assertEqual(
            Employee.search([("retention_days_since_contact", ">=", 15), ("id", "in", employees.ids)]),
            self.employee_2 | self.employee_3 | self.employee_portal,
        )

    def test_last_contact_in_constant_queries(self):
        employees = self.env["hr.employee"].create([{"name": f"员工{index}"} for index in range(20)])
        for employee in employees:
            self._talk(employee, TODAY - timedelta(days=3))
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=5):
            employees[:5].mapped("retention_days_since_contact")
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=5):
            employees.mapped("retention_days_since_contact")

    def test_access(self):
        talk = self._talk(self.employee_1, TODAY, summary="工资问题")
        talk_c2 = self._talk(self.employee_c2, TODAY)
        self.assertEqual(talk.with_user(self.hr_officer).summary, "工资问题")
        self.assertEqual(talk.with_user(self.manager).summary, "工资问题")
        # HR officers do not delete the log; other companies' talks stay invisible.
        with self.assertRaises(AccessError):
            talk.with_user(self.hr_officer).unlink()
        with self.assertRaises(AccessError):
            talk_c2.with_user(self.hr_officer).read(["summary"])
        self.assertNotIn(talk_c2, self.env["retention.talk"].with_user(self.manager).search([]))
        # Regional managers, plain employees and portal users: nothing.
        for user in (self.user_a, self.colleague, self.portal_user):
            with self.assertRaises(AccessError):
                talk.with_user(user).read(["summary"])
            with self.assertRaises(AccessError):
                self._talk(self.employee_1, TODAY, user=user)
