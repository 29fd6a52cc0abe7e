from xmlrpc.client import Fault

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .voice_common import VoiceCase


@tagged("post_install", "-at_install")
class TestVoicePortal(HttpCase, VoiceCase):
    """/my/voice: own items only, POST with CSRF, HR's answers, anonymity over XML-RPC."""

    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_user = new_test_user(cls.env, "voice_other", groups="base.group_portal")
        cls.other_employee = cls.env["hr.employee"].create(
            {"name": "孙丽", "company_id": cls.company.id, "user_id": cls.other_user.id}
        )
        cls.user_c2 = new_test_user(
            cls.env,
            "voice_c2",
            groups="base.group_portal",
            company_id=cls.company_2.id,
            company_ids=[Command.set(cls.company_2.ids)],
        )
        cls.employee_c2.user_id = cls.user_c2
        cls.answered = cls.Item._retention_submit(cls.portal_user, cls.complaint, "食堂的菜太咸了")
        cls.answered.with_user(cls.user_a).message_post(
            body="已联系食堂，下周起调整", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        cls.answered.with_user(cls.user_a).message_post(
            body="NOTE-SECRET 内部备注", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        cls.others = cls.Item._retention_submit(cls.other_user, cls.complaint, "OTHER-SECRET 宿舍漏水")
        cls.item_c2 = cls.Item._retention_submit(cls.user_c2, cls.complaint, "C2-SECRET 工服不合身")

    def _post(self, url, data, csrf=True):
        if csrf:
            data = dict(data, csrf_token=self.csrf_token())
        return self.url_open(url, data=data)

    def csrf_token(self):
        page = self.url_open("/my/voice").text
        marker = 'name="csrf_token" value="'
        start = page.index(marker) + len(marker)
        return page[start : page.index('"', start)]

    def test_own_items_and_answers(self):
        self.authenticate("ret_portal", "ret_portal")
        page = self.url_open("/my/voice").text
        self.assertIn(f"/my/voice/{self.answered.id}", page)
        self.assertNotIn(f"/my/voice/{self.others.id}", page)
        self.assertNotIn("C2-SECRET", page)
        detail = self.url_open(f"/my/voice/{self.answered.id}").text
        self.assertIn("已联系食堂", detail)
        self.assertNotIn("NOTE-SECRET", detail, "internal notes never reach the employee")
        for forbidden in (self.others.id, self.item_c2.id, 999999):
            response = self.url_open(f"/my/voice/{forbidden}")
            self.assertTrue(response.url.endswith("/my/voice"))
            self.assertNotIn("SECRET", response.text)

    def test_submit_with_csrf(self):
        self.authenticate("ret_portal", "ret_portal")
        response = self._post(
            "/my/voice/submit", {"category_id": self.complaint.id, "text": "这个月又拖欠工资了"}
        )
        item = self.Item.sudo().search([("text", "=", "这个月又拖欠工资了")])
        self.assertEqual(len(item), 1)
        self.assertTrue(response.url.endswith(f"/my/voice/{item.id}?submitted=1"))
        self.assertEqual(item.employee_id, self.employee_portal)
        self.assertTrue(item.alert_ids, "keywords matched in the submit transaction")
        # Anonymous: back to the list, nobody named.
        response = self._post(
            "/my/voice/submit",
            {"category_id": self.complaint.id, "text": "匿名：班组长态度差", "anonymous": "1"},
        )
        anonymous = self.Item.sudo().search([("text", "=", "匿名：班组长态度差")])
        self.assertTrue(anonymous.anonymous)
        self.assertFalse(anonymous.employee_id)
        self.assertIn(f"/my/voice/{anonymous.id}", self.url_open("/my/voice").text, "the submitter finds it")

    @mute_logger("odoo.http")
    def test_bad_posts_write_nothing(self):
        self.authenticate("ret_portal", "ret_portal")
        before = self.Item.sudo().search_count([])
        response = self._post(
            "/my/voice/submit", {"category_id": self.complaint.id, "text": "无令牌"}, csrf=False
        )
        self.assertEqual(response.status_code, 400)
        response = self._post("/my/voice/submit", {"category_id": "abc", "text": "坏的类别"})
        self.assertIn("o_voice_error", response.text)
        response = self._post("/my/voice/submit", {"category_id": self.complaint.id, "text": "  "})
        self.assertIn("o_voice_error", response.text)
        self.assertIn("Write what", response.text)
        response = self.url_open("/my/voice/submit")  # GET never writes
        self.assertNotEqual(response.status_code, 200)
        self.assertEqual(self.Item.sudo().search_count([]), before)
        # A user who is no employee sees no form and cannot post.
        self.authenticate("ret_user_b", "ret_user_b")
        self.assertNotIn("o_voice_form", self.url_open("/my/voice").text)

    def test_missing_login(self):
        self.authenticate(None, None)
        response = self.url_open(f"/my/voice/{self.answered.id}")
        self.assertIn("/web/login", response.url)
        self.assertNotIn("食堂", response.text)

    def test_home_counter(self):
        self.authenticate("ret_portal", "ret_portal")
        response = self.opener.post(
            f"{self.base_url()}/my/counters", json={"params": {"counters": ["voice_item_count"]}}
        )
        self.assertEqual(response.json()["result"]["voice_item_count"], 1)

    @mute_logger("odoo.http")
    def test_xmlrpc(self):
        db = self.env.cr.dbname
        with self.assertRaises(Fault):
            self.xmlrpc_object.execute_kw(
                db, self.portal_user.id, "ret_portal", "retention.voice.item", "search_read", [[]], {}
            )
        with self.assertRaises(Fault):
            self.xmlrpc_object.execute_kw(
                db, self.user_b.id, "ret_user_b", "retention.voice.item", "read", [self.answered.ids], {}
            )
        anonymous = self.Item._retention_submit(
            self.portal_user, self.complaint, "匿名：夜班太长", anonymous=True
        )
        for user in (self.user_a, self.admin_manager):
            [values] = self.xmlrpc_object.execute_kw(
                db, user.id, user.login, "retention.voice.item", "read", [anonymous.ids], {}
            )
            self.assertFalse(values["employee_id"])
            self.assertNotEqual(values["create_uid"][0], self.portal_user.id)
            self.assertNotIn(self.employee_portal.name, repr(values))
            self.assertNotIn(self.portal_user.partner_id.id, values["message_partner_ids"])

    def test_tour_on_a_phone(self):
        self.start_tour("/my/voice", "outsourcing_retention_voice_tour", login="ret_portal")
        item = self.Item.sudo().search([("text", "=", "宿舍晚上太吵，睡不好")])
        self.assertEqual(item.category_id, self.complaint)
        self.assertEqual(item.employee_id, self.employee_portal)
