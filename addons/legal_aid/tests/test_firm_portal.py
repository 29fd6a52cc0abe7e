import base64

from freezegun import freeze_time

from odoo.http import Request
from odoo.tests import HttpCase, tagged

from .common import LegalAidCase

ASSIGNED = "2026-03-16 08:00:00"


@tagged("post_install", "-at_install")
class TestFirmPortal(HttpCase, LegalAidCase):
    """/my/legal/cases: a lawyer answers, updates and writes; nobody else gets through."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Re-assign case_a at a known time, so that the first response can be measured.
        cls.case_a.write({"firm_id": False, "lawyer_id": False})
        with freeze_time(ASSIGNED):
            cls.case_a.write({"firm_id": cls.firm_a.id})

    def _post(self, url, **data):
        data["csrf_token"] = Request.csrf_token(self)
        return self.url_open(url, data=data)

    def test_the_firm_portal_lists_the_firm_cases_to_answer(self):
        self.assertEqual(self.case_a.firm_response, "pending")
        self.authenticate("la_lawyer_a", "la_lawyer_a")
        page = self.url_open("/my/legal/cases")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.case_a.name, page.text)
        self.assertIn("To answer", page.text)
        self.assertNotIn(self.case_b.name, page.text)
        for login in ("la_lawyer_b", "la_employee", "la_neighbour"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                self.assertNotIn(self.case_a.name, self.url_open("/my/legal/cases").text)

    def test_accept_records_the_first_response(self):
        self.authenticate("la_lawyer_a", "la_lawyer_a")
        page = self.url_open(f"/my/legal/{self.case_a.id}")
        self.assertIn("o_legal_accept", page.text)
        self.assertNotIn("o_legal_update_form", page.text)
        with freeze_time("2026-03-16 10:30:00"):
            response = self._post(f"/my/legal/{self.case_a.id}/respond", decision="accept")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.case_a.firm_response, "accepted")
        assignment = self.case_a.sudo().assignment_ids[:1]
        self.assertEqual(assignment.response, "accepted")
        self.assertAlmostEqual(assignment.response_hours, 2.5)
        self.assertTrue(assignment.within_target)
        self.assertEqual(assignment.responded_by_id, self.lawyer_a)
        self.assertIn("o_legal_update_form", self.url_open(f"/my/legal/{self.case_a.id}").text)
        # Answering twice is refused.
        response = self._post(f"/my/legal/{self.case_a.id}/respond", decision="decline", reason="x")
        self.assertIn("not awaiting the firm", response.text)
        self.assertEqual(self.case_a.firm_id, self.firm_a)

    def test_a_late_answer_is_outside_the_target(self):
        with freeze_time("2026-03-17 09:00:00"):
            self.case_a._legal_firm_answer(self.lawyer_a, True)
        assignment = self.case_a.sudo().assignment_ids[:1]
        self.assertAlmostEqual(assignment.response_hours, 25.0)
        self.assertFalse(assignment.within_target)

    def test_decline_goes_back_to_the_coordinator(self):
        self.authenticate("la_lawyer_a", "la_lawyer_a")
        response = self._post(f"/my/legal/{self.case_a.id}/respond", decision="decline", reason=" ")
        self.assertIn("Say why", response.text)
        self.assertEqual(self.case_a.firm_id, self.firm_a)
        self.assertEqual(self.case_a.sudo().assignment_ids[:1].response, "pending")
        response = self._post(f"/my/legal/{self.case_a.id}/respond", decision="decline", reason="利益冲突")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self.case_a.firm_id)
        self.assertFalse(self.case_a.lawyer_id)
        self.assertEqual(self.case_a.declined_firm_ids, self.firm_a)
        self.assertEqual(self.case_a.sudo().assignment_ids[:1].decline_reason, "利益冲突")
        notice = self.env["mail.message"].search(
            [("model", "=", "legal.case"), ("res_id", "=", self.case_a.id), ("body", "ilike", "利益冲突")]
        )
        self.assertEqual(notice.partner_ids, self.coordinator.partner_id)
        # The firm no longer sees the case, nor is it suggested again.
        self.assertEqual(self.url_open(f"/my/legal/{self.case_a.id}").status_code, 404)
        self.assertNotIn(self.firm_a, self.case_a.suggested_firm_ids)
        self.assertNotIn(self.lawyer_a.partner_id, self.case_a.message_partner_ids)

    def test_updates_need_the_case_accepted(self):
        self.authenticate("la_lawyer_a", "la_lawyer_a")
        response = self._post(f"/my/legal/{self.case_a.id}/update", stage="mediation")
        self.assertIn("Accept the case", response.text)
        self.assertEqual(self.case_a.stage, "request")

    def test_close_with_the_outcome(self):
        self.case_a._legal_firm_answer(self.lawyer_a, True)
        self.case_a.write({"stage": "arbitration"})
        self.authenticate("la_lawyer_a", "la_lawyer_a")
        url = f"/my/legal/{self.case_a.id}/update"
        # Recovered above awarded without a note: refused, nothing written.
        response = self._post(
            url, stage="closed", outcome="won", amount_awarded="20000", amount_recovered="21000"
        )
        self.assertIn("recovery note", response.text)
        self.assertEqual(self.case_a.stage, "arbitration")
        self.assertFalse(self.case_a.amount_awarded)
        response = self._post(url, stage="closed", outcome="won", amount_awarded="-5")
        self.assertIn("not valid", response.text)
        self.assertEqual(self.case_a.stage, "arbitration")
        response = self._post(
            url,
            stage="closed",
            outcome="partly_won",
            amount_awarded="20000",
            amount_recovered="21000",
            recovery_note="含迟延履行利息",
        )
        self.assertEqual(self.case_a.stage, "closed")
        self.assertEqual(self.case_a.outcome, "partly_won")
        self.assertEqual(self.case_a.amount_recovered, 21000)

    def test_lawyer_and_employee_write_to_each_other(self):
        self.case_a._legal_firm_answer(self.lawyer_a, True)
        self.case_a.with_user(self.coordinator).message_post(
            body="内部备注:不要告诉员工", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        self.authenticate("la_lawyer_a", "la_lawyer_a")
        self.url_open(
            f"/my/legal/{self.case_a.id}/message",
            data={"body": "请提供工资条", "csrf_token": Request.csrf_token(self)},
            files={"attachments": ("委托书.txt", "授权委托书".encode())},
        )
        message = self.case_a.sudo().message_ids.filtered(lambda m: "请提供工资条" in m.body)
        self.assertEqual(message.author_id, self.lawyer_a.partner_id)
        self.assertEqual(message.attachment_ids.name, "委托书.txt")
        self.authenticate("la_employee", "la_employee")
        page = self.url_open(f"/my/legal/{self.case_a.id}")
        self.assertIn("请提供工资条", page.text)
        self.assertIn("委托书.txt", page.text)
        self.assertNotIn("内部备注", page.text)
        document = self.url_open(f"/my/legal/{self.case_a.id}/document/{message.attachment_ids.id}")
        self.assertEqual(document.status_code, 200)
        self.assertEqual(document.content.decode(), "授权委托书")
        self._post(f"/my/legal/{self.case_a.id}/message", body="好的,明天发给您")
        self.authenticate("la_lawyer_a", "la_lawyer_a")
        self.assertIn("好的,明天发给您", self.url_open(f"/my/legal/{self.case_a.id}").text)
        # The followers (the parties) are notified; nobody else.
        reply = self.case_a.sudo().message_ids.filtered(lambda m: "明天发给您" in m.body)
        self.assertEqual(reply.author_id, self.employee_user.partner_id)
        self.assertFalse(reply.notified_partner_ids - (self.lawyer_a | self.coordinator).partner_id)

    def test_outsiders_cannot_write_nor_download(self):
        document = self.env["ir.attachment"].create(
            {
                "name": "工资条.txt",
                "datas": base64.b64encode("机密".encode()),
                "res_model": "legal.case",
                "res_id": self.case_a.id,
            }
        )
        other = self.env["ir.attachment"].create(
            {
                "name": "别人的.txt",
                "datas": base64.b64encode("别人的机密".encode()),
                "res_model": "legal.case",
                "res_id": self.case_b.id,
            }
        )
        before = len(self.case_a.sudo().message_ids)
        for login in ("la_lawyer_b", "la_neighbour", "la_hr_officer", "la_coordinator_2"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                for url in ("message", "respond", "update"):
                    response = self._post(f"/my/legal/{self.case_a.id}/{url}", body="x", decision="accept")
                    self.assertEqual(response.status_code, 404)
                download = self.url_open(f"/my/legal/{self.case_a.id}/document/{document.id}")
                self.assertEqual(download.status_code, 404)
                self.assertNotIn("机密", download.text)
                web = self.url_open(f"/web/content/{document.id}?download=true", allow_redirects=False)
                self.assertIn(web.status_code, (403, 404))
        # Forged ids: a document of another case through one's own case, an unknown case.
        self.authenticate("la_employee", "la_employee")
        self.assertEqual(self.url_open(f"/my/legal/{self.case_a.id}/document/{other.id}").status_code, 404)
        self.assertEqual(self._post("/my/legal/999999/message", body="x").status_code, 404)
        # Anonymous: to the login page, nothing posted.
        self.authenticate(None, None)
        response = self.url_open(f"/my/legal/{self.case_a.id}/document/{document.id}", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertEqual(len(self.case_a.sudo().message_ids), before)
        self.assertEqual(self.case_a.firm_response, "pending")

    def test_posts_need_csrf(self):
        self.authenticate("la_lawyer_a", "la_lawyer_a")
        response = self.url_open(f"/my/legal/{self.case_a.id}/respond", data={"decision": "accept"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.case_a.firm_response, "pending")
        self.assertEqual(self.url_open(f"/my/legal/{self.case_a.id}/respond").status_code, 405)


@tagged("post_install", "-at_install")
class TestFirmPortalTour(HttpCase, LegalAidCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_lawyer_tour(self):
        self.start_tour("/my/legal/cases", "legal_aid_lawyer_tour", login="la_lawyer_a")
        self.assertEqual(self.case_a.firm_response, "accepted")
        self.assertEqual(self.case_a.stage, "consultation")
        self.assertTrue(self.case_a.sudo().message_ids.filtered(lambda m: "请先提供劳动合同" in m.body))
