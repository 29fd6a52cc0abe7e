from datetime import datetime, timedelta

from freezegun import freeze_time as freeze

from odoo import SUPERUSER_ID
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import TODAY
from .voice_common import VoiceCase

NOW = datetime(TODAY.year, TODAY.month, TODAY.day, 2, 0)  # 10:00 in Shanghai


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestVoiceChannel(VoiceCase):
    def _submit(self, text="食堂的菜太咸了，希望改进", category=None, anonymous=False, user=None):
        return self.Item.with_user(user or self.portal_user)._retention_submit(
            user or self.portal_user, category or self.complaint, text, anonymous=anonymous
        )

    def _answer(self, item, user=None, body="已联系食堂，下周起调整", **kwargs):
        kwargs.setdefault("message_type", "comment")
        kwargs.setdefault("subtype_xmlid", "mail.mt_comment")
        return item.with_user(user or self.user_a).message_post(body=body, **kwargs)

    def test_submit_named(self):
        item = self._submit().with_user(self.user_a)
        self.assertTrue(item.name.startswith("FK2026"))
        self.assertEqual(item.employee_id, self.employee_portal)
        self.assertEqual(item.site_id, self.site_a)
        self.assertEqual(item.company_id, self.company)
        self.assertEqual(item.user_id, self.user_a, "the site's regional manager owns it")
        self.assertEqual(item.date_submitted, NOW)
        self.assertEqual(item.date_deadline, NOW + timedelta(hours=24), "24 h for a complaint")
        activity = item.activity_ids
        self.assertEqual(activity.user_id, self.user_a)
        self.assertEqual(activity.date_deadline, TODAY + timedelta(days=1))
        self.assertIn(item.name, activity.summary)
        self.assertIn(self.employee_portal.work_contact_id, item.message_partner_ids)
        self.assertEqual(item.state, "new")
        # A category's owner takes over from the regional manager.
        self.suggestion.user_id = self.manager
        item = self._submit(category=self.suggestion).sudo()
        self.assertEqual(item.user_id, self.manager)
        self.assertEqual(item.date_deadline, NOW + timedelta(hours=120))

    def test_anonymous_names_nobody(self):
        item = self._submit("我想匿名反映：在班组里经常被骂", anonymous=True).sudo()
        self._answer(item)
        item.with_user(self.user_a).action_close()
        person = self.employee_portal
        names = {person.name, self.portal_user.name, self.portal_user.login}
        ids = {
            "res.users": {self.portal_user.id},
            "res.partner": {self.portal_user.partner_id.id, person.work_contact_id.id},
            "hr.employee": {person.id},
        }
        for user in (self.user_a, self.manager, self.admin_manager):
            values = item.with_user(user).read()[0]
            self.assertFalse(values["employee_id"])
            self.assertEqual(values["create_uid"][0], SUPERUSER_ID)
            self.assertNotEqual(values["write_uid"][0], self.portal_user.id)
            for name, value in values.items():
                field = item._fields[name]
                if field.type in ("many2one", "many2many", "one2many") and value:
                    found = {value[0]} if field.type == "many2one" else set(value)
                    self.assertFalse(
                        found & ids.get(field.comodel_name, set()), f"{name} names the submitter"
                    )
                if value and not isinstance(value, bool | int | float):
                    for trace in names:
                        self.assertNotIn(trace, repr(value), f"{name} shows the submitter to {user.login}")
            messages = item.with_user(user).message_ids
            self.assertFalse(messages.author_id & (self.portal_user.partner_id | person.work_contact_id))
            self.assertFalse(messages.sudo().create_uid & self.portal_user)
            self.assertFalse(
                item.with_user(user).message_follower_ids.partner_id & self.portal_user.partner_id
            )
        # The secret exists since install: a read-only request (portal counters) never writes it.
        self.assertTrue(
            self.env["ir.config_parameter"].sudo().get_param("outsourcing_retention.voice_secret")
        )
        # The key that finds the submitter's own items is opaque.
        key = item.with_user(self.admin_manager).submitter_key
        self.assertEqual(len(key), 64)
        with self.assertRaises(AccessError):
            item.with_user(self.manager).read(["submitter_key"])
        # The submitter finds it again through their key only.
        own = self.Item.sudo().search(self.Item._own_domain(self.portal_user))
        self.assertEqual(own, item)
        self.assertFalse(self.Item.sudo().search(self.Item._own_domain(self.user_b)))
        # Keyword alerts on anonymous text do not name the person either.
        alert = item.alert_ids
        self.assertTrue(alert, "被骂/骂人 style keywords")
        self.assertFalse(alert.employee_id)
        self.assertEqual(alert.create_uid.id, SUPERUSER_ID)

    def test_keywords_raise_an_alert_on_submission(self):
        item = self._submit("这个月又拖欠工资了").sudo()
        alert = item.alert_ids
        self.assertEqual(len(alert), 1)
        self.assertEqual(alert.employee_id, self.employee_portal)
        self.assertEqual((alert.source_model, alert.source_id), (item._name, item.id))
        self.assertEqual(item.with_user(self.user_a).alert_count, 1)
        action = item.with_user(self.user_a).action_view_alerts()
        self.assertEqual(self.Alert.with_user(self.user_a).search(action["domain"]), alert)
        self.assertFalse(self._submit("宿舍的热水器可以修一下吗").sudo().alert_ids)

    def test_answer_stops_the_clock(self):
        item = self._submit()
        hr_item = item.with_user(self.user_a)
        hr_item.message_post(body="内部备注：先核实", subtype_xmlid="mail.mt_note")
        self.assertFalse(hr_item.date_answered, "an internal note is not an answer")
        with freeze(NOW + timedelta(hours=6)):
            self._answer(item)
        self.assertEqual(hr_item.state, "answered")
        self.assertAlmostEqual(hr_item.response_hours, 6.0)
        self.assertTrue(hr_item.within_target)
        self.assertFalse(hr_item.activity_ids, "the owner's to-do is done")
        late = self._submit()
        with freeze(NOW + timedelta(hours=30)):
            self._answer(late)
        self.assertFalse(late.with_user(self.user_a).within_target)
        answers = item.sudo()._retention_answers()
        self.assertEqual(len(answers), 1, "notes are never shown to the employee")

    def test_response_time_report(self):
        items = [self._submit() for _i in range(3)]
        for item, hours in zip(items, (2, 10, 30), strict=True):
            with freeze(NOW + timedelta(hours=hours)):
                self._answer(item)
        # Not answered: overdue by the database's clock (PostgreSQL's now() is not frozen,
        # and March 2026 is past), so it counts as late.
        self._submit(category=self.suggestion)
        self.env.flush_all()
        Report = self.env["retention.voice.report"]
        row = Report.with_user(self.user_a).search([("site_id", "=", self.site_a.id)])
        self.assertEqual(len(row), 1)
        self.assertEqual(row.month, TODAY.replace(day=1))
        self.assertEqual((row.item_count, row.answered_count, row.within_target_count), (4, 3, 2))
        self.assertAlmostEqual(row.median_hours, 10.0)
        self.assertAlmostEqual(row.within_target_rate, 50.0)  # 2 in time of 4 due
        self.assertFalse(Report.with_user(self.user_b).search([]), "another site's manager sees nothing")
        self.assertFalse(Report.with_user(self.manager_c2).search([]))

    def test_rights(self):
        item = self._submit().sudo()
        for user in (self.user_a, self.manager, self.admin_manager):
            item.with_user(user).read(["text"])
            self.assertIn(item, self.Item.with_user(user).search([]))
        for user in (self.user_b, self.hr_officer, self.portal_user, self.manager_c2):
            with self.assertRaises(AccessError):
                item.with_user(user).read(["text"])
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            item.with_user(self.user_a).write({"text": "改过的"})
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            item.with_user(self.manager).write({"anonymous": True})
        with self.assertRaises(UserError):
            self.Item.with_user(self.manager).create(
                {"category_id": self.complaint.id, "text": "x", "company_id": self.company.id}
            )
        with self.assertRaises(AccessError):
            self._answer(item, user=self.user_b)

    def test_bad_input_writes_nothing(self):
        before = self.Item.sudo().search_count([])
        with self.assertRaisesRegex(ValidationError, "Write what"):
            self._submit("   ")
        with self.assertRaisesRegex(ValidationError, "Choose what"):
            self._submit(category=self.env["retention.voice.category"].browse(999999))
        self.suggestion.active = False
        with self.assertRaisesRegex(ValidationError, "Choose what"):
            self._submit(category=self.suggestion)
        with self.assertRaisesRegex(ValidationError, "under 2000"):
            self._submit("长" * 2001)
        with self.assertRaisesRegex(ValidationError, "Only employees"):
            self._submit(user=self.user_b)
        with self.assertRaisesRegex(ValidationError, "at least one hour"):
            self.complaint.response_hours = 0
        self.assertEqual(self.Item.sudo().search_count([]), before)
