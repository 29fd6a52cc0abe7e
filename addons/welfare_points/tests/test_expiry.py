from datetime import date

from odoo.tests import freeze_time, tagged

from .common import TODAY, WelfareCase


@tagged("post_install", "-at_install")
class TestExpiry(WelfareCase):
    def _run_cron(self):
        self.env.ref("welfare_points.ir_cron_welfare_expire_points").method_direct_trigger()

    def test_expiry_takes_only_unspent_points_once(self):
        with freeze_time(TODAY):
            self._post(self.employee_1, 100, "lot-march", expiry_date="2026-03-31")
            self._post(self.employee_1, 100, "lot-dec", expiry_date="2026-12-31")
            self._post(self.employee_1, 50, "lot-never")
            self._post(self.employee_1, -70, "spend", kind="adjusted")
            self._post(self.employee_2, 40, "lot-2", expiry_date="2026-03-31")
        wallet = self._wallet(self.employee_1)
        with freeze_time("2026-03-31"):
            self._run_cron()
            self.assertEqual(wallet.balance, 180, "nothing lapses on its last valid day")
        with freeze_time("2026-04-01"):
            self._run_cron()
            self._run_cron()  # idempotent
            expired = self.Line.search([("account_id", "=", wallet.id), ("kind", "=", "expired")])
            self.assertRecordValues(expired, [{"points": -30, "date": date(2026, 4, 1)}])
            self.assertEqual(wallet.balance, 150)
            self.assertEqual(self._wallet(self.employee_2).balance, 0)
            self.assertEqual(wallet.expiry_checked_date, date(2026, 4, 1))
        with freeze_time("2027-01-01"):
            self._run_cron()
            self.assertEqual(wallet.balance, 50, "points without expiry stay")
            lines = self.Line.search([("account_id", "=", wallet.id)])
            self.assertEqual(sum(lines.mapped("points")), wallet.balance)

    def test_batches_resume(self):
        with freeze_time(TODAY):
            for index, employee in enumerate((self.employee_1, self.employee_2, self.employee_portal)):
                self._post(employee, 10 + index, f"b{index}", expiry_date="2026-03-20")
        with freeze_time("2026-03-21"):
            Account = self.env["welfare.points.account"]
            self.assertEqual(Account._cron_expire_points(batch_size=2), 2)
            self.assertEqual(Account._cron_expire_points(batch_size=2), 1)
            self.assertEqual(Account._cron_expire_points(batch_size=2), 0)
            for employee in (self.employee_1, self.employee_2, self.employee_portal):
                self.assertEqual(self._wallet(employee).balance, 0)
