from odoo import SUPERUSER_ID
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import TODAY
from .test_zh_cn import load_zh_cn
from .voice_common import VoiceCase

PAY_TEXT = "这个月又拖欠工资了，我真的不想干了"


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestPulseAlert(VoiceCase):
    def _raise(self, text=PAY_TEXT, site=None, employee=None, source=None, user=None):
        return self.Alert.with_user(user or self.portal_user)._raise_for_text(
            text, self.site_a if site is None else site, employee=employee, source=source
        )

    def test_raised_in_the_same_transaction_by_the_submitter(self):
        alert = self._raise(employee=self.employee_portal, source=self.employee_portal)
        self.assertEqual(len(alert), 1)
        self.assertEqual(alert.env.uid, self.portal_user.id, "returned in the caller's environment")
        with self.assertRaises(AccessError):
            alert.read(["text"])  # the submitter cannot read what was raised
        alert = alert.with_user(self.user_a)
        self.assertEqual(alert.severity, "high")
        self.assertEqual(alert.category_id, self.env.ref("outsourcing_retention.keyword_category_pay"))
        self.assertEqual(alert.matched_terms, "拖欠工资, 不想干了")
        self.assertEqual(len(alert.keyword_ids), 2)
        self.assertEqual(alert.text, PAY_TEXT)
        self.assertEqual(alert.site_id, self.site_a)
        self.assertEqual(alert.client_id, self.client)
        self.assertEqual(alert.company_id, self.company)
        self.assertEqual(alert.employee_id, self.employee_portal)
        self.assertEqual((alert.source_model, alert.source_id), ("hr.employee", self.employee_portal.id))
        self.assertEqual(alert.state, "new")
        self.assertEqual(alert.sudo().create_uid.id, SUPERUSER_ID, "OdooBot creates every alert")
        activity = alert.activity_ids
        self.assertEqual(activity.user_id, self.user_a)
        self.assertIn("苏州二厂", activity.summary)
        self.assertIn("拖欠工资", str(activity.note))

    def test_records_in_the_callers_environment(self):
        # The pulse passes the site and the employee as the portal employee holds them.
        alert = self.Alert.with_user(self.portal_user)._raise_for_text(
            PAY_TEXT,
            self.site_a.with_user(self.portal_user),
            employee=self.employee_portal.with_user(self.portal_user),
            source=self.employee_portal.with_user(self.portal_user),
        )
        self.assertEqual(alert.sudo().site_id, self.site_a)
        self.assertEqual(alert.sudo().employee_id, self.employee_portal)

    def test_nothing_found_nothing_raised(self):
        self.assertFalse(self._raise("最近产线比较忙，希望多一点休息时间"))
        self.assertFalse(self._raise(""))
        self.assertFalse(self.Alert.sudo().search([]))

    def test_without_consent_the_person_is_not_named(self):
        alert = self._raise(employee=None).sudo()
        self.assertFalse(alert.employee_id)
        self.assertEqual(alert.site_id, self.site_a)
        self.assertEqual(alert.text, PAY_TEXT)
        values = alert.with_user(self.manager).read()[0]
        flat = repr(values)
        self.assertNotIn(self.employee_portal.name, flat)
        self.assertNotEqual(values["create_uid"][0], self.portal_user.id)
        self.assertNotEqual(values["write_uid"][0], self.portal_user.id)
        self.assertFalse(alert.message_partner_ids & self.portal_user.partner_id)

    def test_high_severity_notifies_retention_managers(self):
        alert = self._raise().sudo()
        notified = (
            alert.env["mail.message"]
            .search([("model", "=", alert._name), ("res_id", "=", alert.id)])
            .partner_ids
        )
        self.assertIn(self.manager.partner_id, notified)
        self.assertNotIn(self.manager_c2.partner_id, notified, "another company's managers are not told")
        self.assertNotIn(self.user_b.partner_id, notified)

        medium = self._raise("每天加班太多了").sudo()
        self.assertEqual(medium.severity, "medium")
        messages = medium.env["mail.message"].search(
            [("model", "=", medium._name), ("res_id", "=", medium.id)]
        )
        self.assertFalse(messages.partner_ids, "medium severity: the regional manager's to-do only")
        self.assertEqual(medium.activity_ids.user_id, self.user_a)

    def test_activity_in_the_managers_language(self):
        load_zh_cn(self.env)
        self.user_a.lang = "zh_CN"
        self.manager.lang = "zh_CN"
        alert = self._raise().sudo()
        self.assertIn("关键词预警", alert.activity_ids.summary)
        messages = alert.env["mail.message"].search([("model", "=", alert._name), ("res_id", "=", alert.id)])
        # One notification per language: the administrator (a retention manager too) reads English.
        chinese = messages.filtered(lambda m: self.manager.partner_id in m.partner_ids)
        self.assertIn("关键词预警", chinese.subject)
        english = messages.filtered(lambda m: self.env.ref("base.partner_admin") in m.partner_ids)
        self.assertIn("Keyword alert", english.subject)
        self.user_a.lang = "en_US"
        alert = self._raise().sudo()
        self.assertIn("Keyword alert", alert.activity_ids.summary)

    def test_no_site(self):
        alert = self._raise(site=self.env["retention.client.site"], employee=self.employee_1).sudo()
        self.assertEqual(alert.company_id, self.company)
        self.assertFalse(alert.activity_ids, "no regional manager to tell")
        alert.with_user(self.manager).read(["text"])
        with self.assertRaises(AccessError):
            alert.with_user(self.user_a).read(["text"])

    def test_visibility(self):
        alert = self._raise().sudo()
        for user in (self.user_a, self.manager, self.admin_manager):
            self.assertEqual(alert.with_user(user).read(["text"])[0]["text"], PAY_TEXT)
            self.assertIn(alert, self.Alert.with_user(user).search([]))
        for user in (self.user_b, self.hr_officer, self.portal_user, self.manager_c2):
            with self.assertRaises(AccessError):
                alert.with_user(user).read(["text"])
            if user != self.portal_user and user != self.hr_officer:
                self.assertNotIn(alert, self.Alert.with_user(user).search([]))
        # The second company's alert stays there.
        alert_c2 = self._raise(site=self.site_c2).sudo()
        self.assertEqual(alert_c2.company_id, self.company_2)
        alert_c2.with_user(self.manager_c2).read(["text"])
        with self.assertRaises(AccessError):
            alert_c2.with_user(self.manager).read(["text"])

    def test_nobody_creates_or_rewrites_an_alert(self):
        alert = self._raise().sudo()
        for user in (self.user_a, self.manager, self.portal_user):
            with self.assertRaises(UserError):  # AccessError is a UserError
                self.Alert.with_user(user).create(
                    {"text": "x", "severity": "low", "company_id": self.company.id}
                )
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            alert.with_user(self.user_a).write({"text": "改过的"})
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            alert.with_user(self.manager).write({"employee_id": self.employee_1.id})
        with self.assertRaises(AccessError):
            alert.with_user(self.user_b).write({"state": "acknowledged"})

    def test_handling(self):
        alert = self._raise().with_user(self.user_a)
        alert.action_acknowledge()
        self.assertEqual(alert.state, "acknowledged")
        with self.assertRaisesRegex(UserError, "what was done"):
            alert.action_resolve()
        with self.assertRaisesRegex(ValidationError, "what was done"):
            alert.write({"state": "resolved", "resolution": "  "})
        alert.resolution = "与员工面谈，工资已补发"
        alert.action_resolve()
        self.assertEqual(alert.state, "resolved")
        self.assertTrue(alert.date_closed)
        self.assertFalse(alert.activity_ids, "the to-do is done")
        alert.action_reopen()
        self.assertEqual(alert.state, "acknowledged")
        alert.action_false_positive()
        self.assertEqual(alert.state, "false_positive")

    def test_false_positive_rate_per_keyword(self):
        pay = self.env.ref("outsourcing_retention.keyword_pay_00")  # 拖欠工资
        alerts = self.env["retention.pulse.alert"]
        for _i in range(4):
            alerts |= self._raise("拖欠工资").sudo()
        alerts[0].write({"resolution": "已处理"})
        alerts[0].action_resolve()
        alerts[1:3].action_false_positive()
        pay = pay.with_user(self.manager)
        self.assertEqual(pay.alert_count, 4)
        self.assertEqual(pay.false_positive_count, 2)
        self.assertAlmostEqual(pay.false_positive_rate, 66.7, places=1)  # 2 of 3 closed
        other = self.env.ref("outsourcing_retention.keyword_pay_01").with_user(self.manager)
        self.assertEqual((other.alert_count, other.false_positive_rate), (0, 0.0))
        action = pay.action_view_alerts()
        self.assertEqual(self.Alert.with_user(self.manager).search(action["domain"]), alerts)

    def test_query_count(self):
        # Warm the keyword matcher and the caches a real submission finds warm. The count
        # covers the alert, its keywords, the regional manager's to-do (and its e-mail) and
        # the retention managers' notification; it does not grow with the keywords.
        self._raise()
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=55):
            self._raise(employee=self.employee_portal)
