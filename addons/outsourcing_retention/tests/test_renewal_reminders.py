from datetime import date, timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .renewal_common import END, RenewalCase

# Queries of one cron batch of twenty due contracts with the employee notices on (the default),
# tracking off: none per contract. (With tracking on, each contract moved to "To Review" adds
# its two tracking INSERTs, no read.)
QUERIES_PER_BATCH = 34


@tagged("post_install", "-at_install")
class TestRenewalReminders(RenewalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref("outsourcing_retention.ir_cron_retention_renewal_reminders")
        cls.employee = cls._employee("孙丽")
        cls.contract = cls._contract(cls.employee, date(2025, 5, 1), END)

    def _run_cron(self, days_before_end, direct=False, tracking=True):
        with freeze_time(END - timedelta(days=days_before_end)):
            if direct:
                self.cron.method_direct_trigger()
            else:
                # As in a real run by default: tracking on (the renewal status is tracked).
                contracts = self.Contract.with_context(tracking_disable=not tracking)
                contracts._cron_retention_renewal_reminders()

    def _activities(self, contract):
        return self.env["mail.activity"].search(
            [("res_model", "=", "hr.contract"), ("res_id", "=", contract.id)]
        )

    def _reminder_notes(self, contract):
        return contract.message_ids.filtered(lambda m: "Renewal reminder" in (m.body or ""))

    def _employee_notices(self, contract):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "hr.contract"),
                ("res_id", "in", contract.ids),
                ("recipient_ids", "in", contract.employee_id.work_contact_id.ids),
            ]
        )

    def _logs(self, contract):
        return self.env["retention.renewal.reminder"].search([("contract_id", "in", contract.ids)])

    def test_each_stage_fires_once(self):
        expected = {31: (0, 0), 30: (1, 1), 20: (1, 1), 15: (2, 1), 7: (3, 1), 3: (3, 1)}
        for days, (reminders, notices) in expected.items():
            self._run_cron(days, direct=days == 30)
            # A second run the same day sends nothing more.
            self._run_cron(days)
            with self.subTest(days=days):
                self.assertEqual(len(self._activities(self.contract)), reminders)
                self.assertEqual(len(self._reminder_notes(self.contract)), reminders)
                self.assertEqual(len(self._employee_notices(self.contract)), notices)
                self.assertEqual(len(self._logs(self.contract)), reminders)
        activity = self._activities(self.contract)[:1]
        self.assertEqual(activity.user_id, self.hr_responsible)
        self.assertEqual(activity.date_deadline, END)
        logs = self._logs(self.contract)
        self.assertEqual(sorted(logs.mapped("stage_days")), [7, 15, 30])
        self.assertTrue(all(logs.mapped("fired")))
        self.assertEqual(logs.filtered("employee_notified").stage_days, 30)
        self.assertEqual(self.contract.retention_renewal_state, "to_review")

    def test_late_first_run_fires_smallest_stage_only(self):
        self._run_cron(5)
        self.assertEqual(len(self._activities(self.contract)), 1)
        self.assertEqual(len(self._reminder_notes(self.contract)), 1)
        logs = self._logs(self.contract)
        self.assertEqual(sorted(logs.mapped("stage_days")), [7, 15, 30])
        self.assertEqual(logs.filtered("fired").stage_days, 7)
        # The 30-day notice was due: the employee still hears of it, once.
        self.assertEqual(len(self._employee_notices(self.contract)), 1)
        self._run_cron(2)
        self._run_cron(0)
        self.assertEqual(len(self._activities(self.contract)), 1)

    def test_employee_notice_only_at_configured_stages(self):
        self.company.retention_notify_employee_days = "7"
        self._run_cron(30)
        self._run_cron(15)
        self.assertEqual(len(self._reminder_notes(self.contract)), 2)
        self.assertFalse(self._employee_notices(self.contract))
        self._run_cron(7)
        self.assertEqual(len(self._employee_notices(self.contract)), 1)
        self.company.retention_notify_employee_days = False
        other = self._contract(self._employee("周强"), date(2025, 5, 1), END)
        self._run_cron(3)
        self.assertEqual(len(self._reminder_notes(other)), 1)
        self.assertFalse(self._employee_notices(other))

    def test_fallback_user_and_skipped_contracts(self):
        no_responsible = self._contract(
            self._employee("吴敏"), date(2025, 5, 1), END, hr_responsible_id=False
        )
        draft = self._contract(self._employee("郑浩"), date(2026, 5, 1), date(2027, 4, 30), state="draft")
        far = self._contract(self._employee("冯雪"), date(2025, 7, 1), END + timedelta(days=60))
        open_ended = self._contract(self._employee("陈刚"), date(2020, 1, 1), False)
        self._run_cron(10)
        self.assertEqual(self._activities(no_responsible).user_id, self.env.user)
        for contract in draft | far | open_ended:
            self.assertFalse(self._activities(contract))
            self.assertFalse(self._logs(contract))
            self.assertEqual(contract.retention_renewal_state, "not_due")

    def test_settled_renewals_get_no_more_reminders(self):
        self._run_cron(30)
        self.contract._retention_set_renewal_state("accepted")
        self._run_cron(15)
        self._run_cron(7)
        self.assertEqual(len(self._activities(self.contract)), 1)
        self.assertEqual(self._logs(self.contract).stage_days, 30)
        # A declined offer still needs HR: the reminders go on.
        self.contract._retention_set_renewal_state("declined")
        self._run_cron(6)
        self.assertEqual(len(self._activities(self.contract)), 2)

    def test_stage_logged_once_per_contract(self):
        self._run_cron(30)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["retention.renewal.reminder"].create(
                {"contract_id": self.contract.id, "stage_days": 30, "date_sent": END}
            )
            self.env.flush_all()

    def _count_queries(self, days_before_end):
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        self._run_cron(days_before_end, tracking=False)
        return self.cr.sql_log_count - before

    def test_batches_and_query_count(self):
        # The default settings: the employees are notified at 30 days.
        self.assertEqual(self.company._retention_notify_employee_stages(), (30,))
        self._run_cron(40)  # warm the caches: nothing is due yet
        employees = self.env["hr.employee"].create(
            [{"name": f"员工 {i}", "company_id": self.company.id} for i in range(20)]
        )
        # Twenty contracts ending 30 days after self.contract.
        contracts = self.Contract.create(
            [
                {
                    "name": f"C{i}",
                    "employee_id": employee.id,
                    "date_start": date(2025, 5, 1),
                    "date_end": END + timedelta(days=30),
                    "wage": 5000,
                    "state": "open",
                    "hr_responsible_id": self.hr_responsible.id,
                }
                for i, employee in enumerate(employees)
            ]
        )
        # One contract due, then twenty: the count barely grows with the batch.
        one = self._count_queries(10)
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        with self.assertQueryCount(QUERIES_PER_BATCH):
            self._run_cron(-20, tracking=False)
        twenty = self.cr.sql_log_count - before
        self.assertEqual(len(self._logs(contracts)), 40)
        self.assertEqual(len(self._activities(contracts[-1])), 1)
        self.assertEqual(len(self._employee_notices(contracts)), 20, "every employee is notified")
        self.assertLessEqual(twenty - one, 3, f"one contract: {one} queries, twenty: {twenty}")

    def test_small_batches_process_everything(self):
        employees = self.env["hr.employee"].create(
            [{"name": f"员工 {i}", "company_id": self.company.id} for i in range(5)]
        )
        contracts = self.Contract.create(
            [
                {
                    "name": f"C{i}",
                    "employee_id": employee.id,
                    "date_start": date(2025, 5, 1),
                    "date_end": END - timedelta(days=i),
                    "wage": 5000,
                    "state": "open",
                }
                for i, employee in enumerate(employees)
            ]
        )
        with freeze_time(END - timedelta(days=20)):
            self.Contract._cron_retention_renewal_reminders(batch_size=2)
        self.assertEqual(len(self._logs(contracts | self.contract)), 6)
        # In a cron run, one batch per call: the runner calls again while some remain.
        progress = self.env["ir.cron.progress"].create({"cron_id": self.cron.id, "remaining": 0, "done": 0})
        with freeze_time(END - timedelta(days=14)):
            self.Contract.with_context(ir_cron_progress_id=progress.id)._cron_retention_renewal_reminders(
                batch_size=2
            )
        self.assertEqual(len(self._logs(contracts | self.contract)), 8)
        self.assertEqual((progress.done, progress.remaining), (2, 4))


class TestRenewalSettings(RenewalCase):
    def test_invalid_reminder_days_refused(self):
        for value in ("abc", "30,,7", "0", "-5", "30;15", "", "7.5"):
            with self.subTest(value=value), self.assertRaises(ValidationError):
                self.company.retention_reminder_days = value
                self.company.flush_recordset()
        with self.assertRaises(ValidationError):
            self.company.retention_notify_employee_days = "20"
            self.company.flush_recordset()
        with self.assertRaises(ValidationError):
            self.company.retention_notify_employee_days = "x"

    def test_valid_settings_accepted(self):
        settings = self.env["res.config.settings"].create(
            {"retention_reminder_days": "60, 30,7", "retention_notify_employee_days": "60,30"}
        )
        settings.execute()
        self.assertEqual(self.company.retention_reminder_days, "60, 30,7")
        self.assertEqual(self.company._retention_reminder_stages(), (60, 30, 7))
        self.assertEqual(self.company._retention_notify_employee_stages(), (60, 30))
        self.company.retention_notify_employee_days = False
        self.assertEqual(self.company._retention_notify_employee_stages(), ())


@tagged("post_install", "-at_install")
class TestRenewalRemindersChinese(RenewalCase):
    """A zh_CN responsible and a zh_CN employee read the reminders in Chinese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"].search([("name", "=", "outsourcing_retention")])._update_translations(
            ["zh_CN"]
        )
        cls.hr_responsible.lang = "zh_CN"
        cls.employee = cls._employee("钱多")
        cls.employee.work_contact_id.lang = "zh_CN"
        cls.contract = cls._contract(cls.employee, date(2025, 5, 1), END)

    def test_reminder_texts_in_chinese(self):
        self.env["ir.config_parameter"].sudo().set_param("web.base.url", "https://hr.example.cn")
        with freeze_time(END - timedelta(days=25)):
            self.Contract._cron_retention_renewal_reminders()
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "hr.contract"), ("res_id", "=", self.contract.id)]
        )
        self.assertEqual(activity.summary, "续签：剩余25天")
        self.assertNotIn("ends on", str(activity.note))
        notice = self.env["mail.mail"].search(
            [("model", "=", "hr.contract"), ("res_id", "=", self.contract.id)]
        )
        self.assertEqual(len(notice), 1)
        self.assertIn("劳动合同", notice.subject + str(notice.body_html))
        self.assertNotIn("Dear", str(notice.body_html))
        self.assertIn("https://hr.example.cn/my/renewals", str(notice.body_html))
        self.assertNotIn("localhost", str(notice.body_html))

    def test_offer_messages_in_chinese(self):
        self.env["ir.config_parameter"].sudo().set_param("web.base.url", "https://hr.example.cn")
        offer = (
            self.env["retention.renewal.offer"]
            .with_user(self.hr_responsible)
            .create(
                {
                    "contract_id": self.contract.id,
                    "wage": 6500,
                    "date_start": END + timedelta(days=1),
                    "date_end": END + timedelta(days=365),
                    "deadline": date.today() + timedelta(days=10),
                }
            )
        )
        offer.action_send()
        notice = self.env["mail.message"].search(
            [
                ("model", "=", offer._name),
                ("res_id", "=", offer.id),
                ("message_type", "=", "user_notification"),
            ]
        )
        self.assertIn("续签意向书", str(notice.body))
        self.assertIn("https://hr.example.cn/my/renewals/", str(notice.body))
        offer.action_cancel()
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "hr.contract"), ("res_id", "=", self.contract.id)]
        )
        self.assertTrue(activity.summary)
        self.assertIn("续签意向书", activity.summary)
        self.assertNotIn("Renewal", activity.summary)
