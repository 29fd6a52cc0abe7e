import re
from xmlrpc.client import Fault

from odoo.tests import HttpCase, freeze_time, tagged

from .common import TODAY
from .pulse_common import WEEK, PulseCase

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestPulsePortal(HttpCase, PulseCase):
    browser_size = "390x844"
    touch_enabled = True

    def _csrf(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return CSRF.search(response.text).group(1)

    def _invitation(self, employee):
        return self._invite(self.campaign_a).filtered(lambda i: i.employee_id == employee)

    def test_consent_given_and_withdrawn_on_the_portal(self):
        other = self.env["retention.consent"]._give(self.employee_2, "pulse")
        self.authenticate("ret_portal", "ret_portal")
        token = self._csrf("/my/consent")
        Consent = self.env["retention.consent"]
        own = [("employee_id", "=", self.employee_portal.id), ("purpose", "=", "pulse")]
        # A GET changes nothing; nor does a POST without the CSRF token or for an unknown purpose.
        self.assertNotEqual(self.url_open("/my/consent/pulse/give").status_code, 200)
        self.url_open("/my/consent/pulse/give", data={})
        self.url_open("/my/consent/salary/give", data={"csrf_token": token})
        self.assertFalse(Consent.search(own))
        response = self.url_open("/my/consent/pulse/give", data={"csrf_token": token})
        self.assertTrue(response.url.endswith("/my/consent"))
        consent = Consent.search(own)
        self.assertEqual(len(consent), 1)
        self.assertIn("o_retention_consent_given", response.text)
        # Withdrawing touches the employee's own consent only.
        self.url_open("/my/consent/pulse/withdraw", data={"csrf_token": token})
        self.assertTrue(consent.date_withdrawn)
        self.assertFalse(other.date_withdrawn)
        # Not logged in: to the login page.
        self.authenticate(None, None)
        response = self.url_open("/my/consent")
        self.assertIn("/web/login", response.url)

    def test_invitation_link_without_login(self):
        invitation = self._invitation(self.employee_1)
        token = invitation.sudo().access_token
        # Unknown and malformed tokens: not found.
        self.assertEqual(self.url_open("/pulse/not-a-token").status_code, 404)
        self.assertEqual(self.url_open("/pulse/" + "x" * 80).status_code, 404)
        csrf = self._csrf(f"/pulse/{token}")
        # Opening is a POST with the CSRF token.
        self.url_open(f"/pulse/{token}/start", data={})
        self.assertEqual(invitation.state, "sent")
        self.assertEqual(self.url_open(f"/pulse/{token}/start").status_code, 405)
        self.assertEqual(invitation.state, "sent")
        response = self.url_open(f"/pulse/{token}/start", data={"csrf_token": csrf})
        self.assertEqual(invitation.state, "used")
        self.assertIn(f"/survey/{self.survey.access_token}/", response.url)
        answer_token = response.url.rsplit("/", 1)[1]
        answer = self.env["survey.user_input"].search([("access_token", "=", answer_token)])
        self.assertFalse(answer.partner_id)
        # Submit as the survey page does.
        params = {}
        for question in self.survey.question_ids:
            params[str(question.id)] = {"enps": "6", "mood": "2", "comment": "加班太多"}[
                question.retention_role
            ]
        self.make_jsonrpc_request(f"/survey/submit/{self.survey.access_token}/{answer_token}", params)
        self.assertEqual(answer.state, "done")
        self.assertFalse(answer.user_input_line_ids)
        # The link is used once; the retry route does not make a second answer.
        response = self.url_open(f"/pulse/{token}")
        self.assertIn("already opened", response.text)
        self.url_open(f"/survey/retry/{self.survey.access_token}/{answer_token}")
        self.assertEqual(self.env["survey.user_input"].search_count([("survey_id", "=", self.survey.id)]), 1)
        # The survey itself cannot be started without an invitation.
        response = self.url_open(f"/survey/start/{self.survey.access_token}")
        self.assertFalse(
            self.env["survey.user_input"].search_count(
                [("survey_id", "=", self.survey.id), ("id", "!=", answer.id)]
            )
        )
        self.assertNotIn("js_question-wrapper", response.text)

    def test_my_pulse_lists_own_invitations_only(self):
        own = self._invitation(self.employee_portal)
        other = self._invitation(self.employee_1)
        self.authenticate("ret_portal", "ret_portal")
        page = self.url_open("/my/pulse").text
        self.assertIn(f"/pulse/{own.sudo().access_token}", page)
        self.assertNotIn(other.sudo().access_token, page)
        # A logged-in employee fills the anonymous answer of their invitation.
        csrf = self._csrf(f"/pulse/{own.sudo().access_token}")
        response = self.url_open(f"/pulse/{own.sudo().access_token}/start", data={"csrf_token": csrf})
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_survey_start", response.text, "the survey opens, no 'wrong user' error")

    def test_pulse_tour(self):
        self.env["retention.consent"]._give(self.employee_portal, "pulse")
        self._invitation(self.employee_portal)
        self.start_tour("/my/pulse", "outsourcing_retention_pulse_tour", login="ret_portal")
        response = self.env["retention.pulse.response"].search(
            [("employee_id", "=", self.employee_portal.id)]
        )
        self.assertRecordValues(response, [{"enps": 9, "mood": 4, "comment": "食堂不错"}])
        consent = self.env["retention.consent"].search([("employee_id", "=", self.employee_portal.id)])
        self.assertTrue(consent.date_withdrawn)


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestPulseXmlRpc(HttpCase, PulseCase):
    def _call(self, login, model, method, *args, **kwargs):
        user = self.env["res.users"].search([("login", "=", login)])
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, user.id, login, model, method, list(args), kwargs
        )

    def test_under_five_over_xmlrpc(self):
        self._pulse(self.campaign_a, [(0, 1)] * 4)
        self._pulse(self.campaign_b, [(10, 5)] * 5)
        rows = self._call(
            "ret_manager",
            "retention.pulse.report",
            "search_read",
            [],
            fields=["site_id", "enps", "mood_avg", "answer_count"],
        )
        by_site = {row["site_id"][0]: row for row in rows}
        self.assertEqual(by_site[self.site_a.id]["enps"], False)
        self.assertEqual(by_site[self.site_a.id]["mood_avg"], False)
        self.assertEqual(by_site[self.site_b.id]["enps"], 100.0)
        groups = self._call(
            "ret_manager",
            "retention.pulse.report",
            "read_group",
            [("site_id", "=", self.site_a.id)],
            ["enps:avg", "mood_avg:avg"],
            ["week:week"],
        )
        self.assertEqual(groups[0]["enps"], False)
        self.assertEqual(groups[0]["mood_avg"], False)
        groups = self._call(
            "ret_manager", "retention.pulse.report", "read_group", [], ["enps:avg"], ["client_id"]
        )
        self.assertEqual(groups[0]["enps"], 100.0, "the small site never enters the client's figure")
        # The regional manager of site_a reads only site_a's (hidden) row.
        rows = self._call(
            "ret_user_a", "retention.pulse.report", "search_read", [], fields=["site_id", "enps"]
        )
        self.assertEqual([row["site_id"][0] for row in rows], [self.site_a.id])
        # Raw totals and consented answers: refused.
        for login, model in (
            ("ret_manager", "retention.pulse.bucket"),
            ("ret_user_a", "retention.pulse.response"),
            ("ret_hr_officer", "retention.pulse.report"),
            ("ret_portal", "retention.consent"),
        ):
            with self.assertRaises(Fault, msg=f"{login} on {model}"):
                self._call(login, model, "search_read", [], fields=["id"])
        # Private methods are not callable remotely.
        with self.assertRaises(Fault):
            self._call("ret_user_a", "retention.consent", "_give", [self.employee_1.id], "pulse")
        self.assertEqual(WEEK, TODAY)
