from datetime import date, timedelta

from odoo.tests import freeze_time, tagged

from .common import TODAY
from .test_redemption import RedemptionCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestNotices(RedemptionCase):
    """Notices are queued mail in the transaction: sent after commit, never by a rolled-back one."""

    def _mails(self, model, ids):
        return self.env["mail.mail"].sudo().search([("model", "=", model), ("res_id", "in", list(ids))])

    def test_redemption_notices_queued_in_the_employee_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search([("name", "=", "welfare_points")])._update_translations(["zh_CN"])
        self.employee_portal.work_contact_id.lang = "zh_CN"
        self._post(self.employee_portal, 1000, "fund")
        redemption = self.Redemption._request(self.employee_portal, self.checkup)
        self.assertEqual(redemption.state, "requested")
        self.assertFalse(self._mails("welfare.redemption", redemption.ids))
        redemption.with_user(self.manager).action_approve()
        mail = self._mails("welfare.redemption", redemption.ids)
        self.assertEqual(mail.state, "outgoing", "queued, sent by the mail queue after commit")
        self.assertIn("已批准", mail.subject)
        self.assertEqual(mail.recipient_ids, self.employee_portal.work_contact_id)
        redemption.with_user(self.officer).action_fulfil("VC-2026-001")
        self.assertEqual(len(self._mails("welfare.redemption", redemption.ids)), 2)

    def test_rolled_back_transaction_sends_nothing(self):
        self._post(self.employee_portal, 1000, "fund")
        redemption = self.Redemption._request(self.employee_portal, self.checkup)
        with self.assertRaises(RuntimeError), self.env.cr.savepoint():
            redemption.with_user(self.manager).action_reject()
            self.assertTrue(self._mails("welfare.redemption", redemption.ids))
            raise RuntimeError("the transaction fails after the notice was queued")
        self.env.invalidate_all()
        self.assertFalse(self._mails("welfare.redemption", redemption.ids))
        self.assertEqual(redemption.state, "requested")

    def test_expiry_notice_once_per_lot_and_only_unspent(self):
        soon, later = TODAY + timedelta(days=20), TODAY + timedelta(days=90)
        self._post(self.employee_portal, 100, "lot-soon", expiry_date=str(soon))
        self._post(self.employee_portal, 100, "lot-later", expiry_date=str(later))
        self._post(self.employee_2, 50, "spent-lot", expiry_date=str(soon))
        self.Redemption._request(self.employee_2, self.movie)  # spends the whole lot expiring soon
        Notice = self.env["welfare.expiry.notice"]
        notices = Notice._cron_notify_expiring()
        self.assertRecordValues(
            notices, [{"employee_id": self.employee_portal.id, "expiry_date": soon, "points": 100}]
        )
        self.assertEqual(len(self._mails("welfare.expiry.notice", notices.ids)), 1)
        self.assertFalse(Notice._cron_notify_expiring(), "once per lot")
        with freeze_time(date(2026, 5, 20)):
            again = Notice._cron_notify_expiring()
        self.assertEqual(again.expiry_date, later)
