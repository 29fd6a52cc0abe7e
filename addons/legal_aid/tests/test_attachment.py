import base64

from odoo.tests import HttpCase, tagged

from .common import LegalAidCase


@tagged("post_install", "-at_install")
class TestAttachment(HttpCase, LegalAidCase):
    """A case document follows the case's rights when fetched from /web/content."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.document = cls.env["ir.attachment"].create(
            {
                "name": "工资条.txt",
                "datas": base64.b64encode("三个月未发工资".encode()),
                "res_model": "legal.case",
                "res_id": cls.case_a.id,
            }
        )

    def _fetch(self, login):
        self.authenticate(login, login)
        return self.url_open(f"/web/content/{self.document.id}?download=true", allow_redirects=False)

    def test_the_coordinator_fetches_the_document(self):
        response = self._fetch("la_coordinator")
        self.assertEqual(response.status_code, 200)
        self.assertIn("三个月未发工资", response.content.decode())

    def test_portal_users_never_fetch_raw_attachments(self):
        # Odoo refuses /web/content of a record's attachment to every portal user, the
        # case's own lawyer and employee included.
        for login in ("la_lawyer_a", "la_employee"):
            with self.subTest(login=login):
                response = self._fetch(login)
                self.assertIn(response.status_code, (403, 404))
                self.assertNotIn("三个月未发工资", response.text)

    def test_everyone_else_is_refused(self):
        for login in (
            "la_hr_officer",
            "la_ret_manager",
            "la_regional",
            "la_lawyer_b",
            "la_neighbour",
            "la_coordinator_2",
            "la_coordinator_c2",
        ):
            with self.subTest(login=login):
                response = self._fetch(login)
                self.assertIn(response.status_code, (403, 404))
                self.assertNotIn("三个月未发工资", response.text)

    def test_anonymous_is_refused(self):
        self.authenticate(None, None)
        response = self.url_open(f"/web/content/{self.document.id}?download=true", allow_redirects=False)
        self.assertIn(response.status_code, (303, 403, 404))
        self.assertNotIn("三个月未发工资", response.text)
