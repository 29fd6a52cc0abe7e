import json
import shutil
import subprocess
from datetime import date, timedelta
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger
from odoo.tools.pdf import PdfFileReader

from .test_renewal_offer import SIGNATURE

# The browser runs on the real clock (a frozen server clock would expire its
# session cookie), so these dates follow today's.
TODAY = date.today()
END = TODAY + timedelta(days=20)


@tagged("post_install", "-at_install")
class TestRenewalPortal(HttpCase):
    """The employee reads and signs the offer on the portal; nobody else sees it."""

    # A phone-sized viewport for the tour.
    browser_size = "390x844"
    touch_enabled = True

    def setUp(self):
        super().setUp()
        hr = new_test_user(self.env, "portal_renewal_hr", groups="hr_contract.group_hr_contract_manager")
        self.portal_user = new_test_user(
            self.env, "portal_renewal_emp", groups="base.group_portal", name="Li Na"
        )
        self.other_portal = new_test_user(self.env, "portal_renewal_other", groups="base.group_portal")
        self.employee = self.env["hr.employee"].create({"name": "Li Na", "user_id": self.portal_user.id})
        self.contract = self.env["hr.contract"].create(
            {
                "name": "Li Na 2023",
                "employee_id": self.employee.id,
                "date_start": END - timedelta(days=3 * 365),
                "date_end": END,
                "wage": 7000,
                "state": "open",
                "hr_responsible_id": hr.id,
            }
        )
        self.offer = (
            self.env["retention.renewal.offer"]
            .with_user(hr)
            .create(
                {
                    "contract_id": self.contract.id,
                    "wage": 7500,
                    "date_start": END + timedelta(days=1),
                    "date_end": END + timedelta(days=3 * 365),
                    "deadline": TODAY + timedelta(days=10),
                }
            )
        )
        self.offer.with_user(hr).action_send()

    def test_list_shows_only_own_offers(self):
        self.authenticate("portal_renewal_emp", "portal_renewal_emp")
        response = self.url_open("/my/renewals")
        self.assertEqual(response.status_code, 200)
        self.assertIn(f"/my/renewals/{self.offer.id}", response.text)
        self.authenticate("portal_renewal_other", "portal_renewal_other")
        response = self.url_open("/my/renewals")
        self.assertNotIn(f"/my/renewals/{self.offer.id}", response.text)
        response = self.url_open(f"/my/renewals/{self.offer.id}")
        self.assertTrue(response.url.endswith("/my"), "another employee is sent back to /my")
        self.assertNotIn("7,500", response.text)

    def test_employee_sees_the_renewal_notice(self):
        self.env["retention.renewal.reminder"].create(
            {"contract_id": self.contract.id, "stage_days": 30, "employee_notified": True}
        )
        self.authenticate("portal_renewal_emp", "portal_renewal_emp")
        response = self.url_open("/my/renewals")
        self.assertIn("o_renewal_notice", response.text)
        self.authenticate("portal_renewal_other", "portal_renewal_other")
        self.assertNotIn("o_renewal_notice", self.url_open("/my/renewals").text)

    def test_token_gives_access_and_a_wrong_one_nothing(self):
        self.authenticate(None, None)
        response = self.url_open(f"/my/renewals/{self.offer.id}?access_token={self.offer.access_token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Li Na", response.text)
        response = self.url_open(f"/my/renewals/{self.offer.id}?access_token=wrong")
        self.assertNotIn("Li Na", response.text)
        response = self.url_open(f"/my/renewals/{self.offer.id}")
        self.assertNotIn("Li Na", response.text)

    def test_accept_with_a_wrong_token_changes_nothing(self):
        self.authenticate("portal_renewal_other", "portal_renewal_other")
        result = self.make_jsonrpc_request(
            f"/my/renewals/{self.offer.id}/accept?access_token=wrong",
            {"name": "Intruder", "signature": "iVBORw0KGgo="},
        )
        self.assertIn("error", result)
        self.assertEqual(self.offer.state, "sent")

    def _post_json(self, url, params):
        response = self.url_open(
            url,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}),
            headers={"Content-Type": "application/json"},
        )
        data = response.json()
        return data.get("result", data)

    def test_a_token_alone_never_answers(self):
        url = f"/my/renewals/{self.offer.id}"
        # The anonymous holder of the link reads the offer and is led to the login.
        self.authenticate(None, None)
        page = self.url_open(f"{url}?access_token={self.offer.access_token}")
        self.assertIn("Li Na", page.text)
        self.assertIn("/web/login?redirect=", page.text)
        self.assertNotIn("modal_renewal_sign", page.text)
        result = self._post_json(
            f"{url}/accept?access_token={self.offer.access_token}", {"name": "X", "signature": SIGNATURE}
        )
        self.assertIn("error", result)
        self.url_open(
            f"{url}/decline",
            data={"access_token": self.offer.access_token, "decline_reason": "no", "csrf_token": "x"},
        )
        # Another employee holding the link cannot answer either.
        self.authenticate("portal_renewal_other", "portal_renewal_other")
        page = self.url_open(f"{url}?access_token={self.offer.access_token}")
        self.assertIn("Li Na", page.text)
        self.assertNotIn("modal_renewal_sign", page.text)
        result = self._post_json(
            f"{url}/accept?access_token={self.offer.access_token}", {"name": "Li Na", "signature": SIGNATURE}
        )
        self.assertIn("error", result)
        self.assertEqual(self.offer.state, "sent")
        self.assertFalse(self.offer.signed_by)

    def test_sign_error_leaves_nothing_written(self):
        self.authenticate("portal_renewal_emp", "portal_renewal_emp")
        result = self._post_json(
            f"/my/renewals/{self.offer.id}/accept", {"name": "Li Na", "signature": "not base64!"}
        )
        self.assertIn("error", result)
        self.assertEqual(self.offer.state, "sent")
        self.assertFalse(self.contract.sudo().retention_successor_ids)
        result = self._post_json(
            f"/my/renewals/{self.offer.id}/accept", {"name": "Li Na", "signature": SIGNATURE}
        )
        self.assertNotIn("error", result)
        self.assertEqual(self.offer.state, "accepted")
        self.assertEqual(self.offer.signed_user_id, self.portal_user)
        self.assertTrue(self.offer.signed_ip)

    def test_sign_without_wkhtmltopdf_is_a_success(self):
        """The signed PDF cannot make the signature fail: no error after a write."""
        Report = type(self.env["ir.actions.report"])
        missing = UserError("Unable to find Wkhtmltopdf on this system. The PDF can not be created.")
        self.authenticate("portal_renewal_emp", "portal_renewal_emp")
        with patch.object(Report, "_render_qweb_pdf", side_effect=missing):
            result = self._post_json(
                f"/my/renewals/{self.offer.id}/accept", {"name": "Li Na", "signature": SIGNATURE}
            )
            self.assertNotIn("error", result)
            self.assertTrue(result["redirect_url"].endswith("message=signed"))
            self.assertEqual(self.offer.state, "accepted")
            self.assertEqual(self.offer.signed_pdf_state, "pending")
            page = self.url_open(result["redirect_url"])
            self.assertIn("o_renewal_signed", page.text)
            self.assertIn("o_renewal_pdf_pending", page.text)
            self.assertNotIn("alert-danger", page.text)
            with mute_logger("odoo.addons.outsourcing_retention.models.retention_renewal_offer_answer"):
                self.env["retention.renewal.offer"]._cron_render_signed_pdfs()
        self.assertEqual(self.offer.signed_pdf_state, "pending", "retried by the next run")

    def _pdf_text(self, content):
        if shutil.which("pdftotext"):
            return subprocess.run(
                ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
            ).stdout.decode()
        reader = PdfFileReader(__import__("io").BytesIO(content))
        return "".join(page.extract_text() for page in reader.pages)

    def test_signed_pdf_for_the_employee_only(self):
        self.offer.sudo()._action_sign("Li Na", SIGNATURE, self.portal_user, "127.0.0.1")
        url = f"/my/renewals/{self.offer.id}"
        self.authenticate("portal_renewal_emp", "portal_renewal_emp")
        page = self.url_open(url)
        self.assertIn("o_renewal_pdf_pending", page.text, "the employee sees the PDF is being prepared")
        # wkhtmltopdf loads the report's styles from this server.
        # wkhtmltopdf loads the report's styles from report.url. The test server serves its
        # test-mode assets, with which wkhtmltopdf draws a blank page: point it to a closed
        # port instead, as Odoo's own PDF tests run without a server (Odoo tolerates the
        # missing styles, wkhtmltopdf's exit code 1).
        self.env["ir.config_parameter"].sudo().set_param("report.url", "http://127.0.0.1:9")
        self.env["retention.renewal.offer"]._cron_render_signed_pdfs()
        if not shutil.which("wkhtmltopdf"):
            self.assertEqual(self.offer.signed_pdf_state, "pending")
            return
        self.assertEqual(self.offer.signed_pdf_state, "done")
        attachment = self.offer.signed_pdf_id
        self.assertTrue(attachment.raw.startswith(b"%PDF"))
        self.assertIn("Li Na", self._pdf_text(attachment.raw))
        page = self.url_open(url)
        self.assertIn(f"{url}/signed", page.text)
        for path in (f"{url}/signed", f"{url}/contract"):
            response = self.url_open(path)
            self.assertEqual(response.headers["Content-Type"], "application/pdf", path)
            self.assertTrue(response.content.startswith(b"%PDF"), path)
            self.assertIn("Li Na", self._pdf_text(response.content), path)
        forbidden = [
            f"{url}/signed",
            f"{url}/contract",
            f"/my/renewals/{self.offer.id + 1000}/signed",
            f"/report/pdf/outsourcing_retention.report_renewal_offer/{self.offer.id}",
            f"/report/pdf/outsourcing_retention.report_renewal_contract/{self.offer.new_contract_id.id}",
            f"/web/content/{attachment.id}",
            f"/web/content/{attachment.id}?download=true",
            f"/web/content/retention.renewal.offer/{self.offer.id}/signature",
        ]
        for login in ("portal_renewal_other", None):
            self.authenticate(login, login)
            for path in forbidden:
                # /report logs the AccessError it answers with.
                with self.subTest(login=login, path=path), mute_logger("odoo.http"):
                    response = self.url_open(path)
                    self.assertFalse(response.content.startswith(b"%PDF"))
                    self.assertNotEqual(response.headers.get("Content-Type"), "image/png")
                    self.assertNotIn(b"Li Na", response.content)
        # Through /my, another employee sees nothing of it.
        self.authenticate("portal_renewal_other", "portal_renewal_other")
        self.assertNotIn(f"/my/renewals/{self.offer.id}", self.url_open("/my/renewals").text)

    def test_decline_is_a_post(self):
        self.authenticate("portal_renewal_emp", "portal_renewal_emp")
        response = self.url_open(
            f"/my/renewals/{self.offer.id}/decline?decline_reason=no", allow_redirects=False
        )
        self.assertNotEqual(self.offer.state, "declined", "a GET never changes state")
        self.assertIn(response.status_code, (404, 405))

    def test_employee_signs_on_a_phone(self):
        self.start_tour("/my/renewals", "outsourcing_retention_renewal_sign_tour", login="portal_renewal_emp")
        self.assertEqual(self.offer.state, "accepted")
        new_contract = self.offer.new_contract_id
        self.assertTrue(new_contract)
        self.assertEqual(new_contract.date_start, END + timedelta(days=1))
        self.assertEqual(self.contract.retention_renewal_state, "accepted")
        self.assertEqual(self.offer.signed_user_id, self.portal_user)
