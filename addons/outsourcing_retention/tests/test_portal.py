from datetime import date, timedelta

from odoo.tests import HttpCase, new_test_user, tagged

from .common import RetentionCase


@tagged("post_install", "-at_install")
class TestPortal(HttpCase, RetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = date.today()
        cls._assign(cls.employee_portal, cls.site_a, today - timedelta(days=100), today - timedelta(days=50))
        cls._assign(cls.employee_portal, cls.site_b, today - timedelta(days=10))
        cls._assign(
            cls.employee_1,
            cls.site_c2.copy({"code": "OTHER", "company_id": cls.company.id, "name": "别人的现场"}),
            today,
        )
        cls.neighbour = new_test_user(cls.env, "ret_portal_neighbour", groups="base.group_portal")

    def test_own_assignments(self):
        self.authenticate("ret_portal", "ret_portal")
        response = self.url_open("/my/assignments")
        self.assertEqual(response.status_code, 200)
        self.assertIn("苏州二厂", response.text)  # past
        self.assertIn("昆山仓库", response.text)  # current
        self.assertNotIn("别人的现场", response.text)

    def test_neighbour_sees_nothing(self):
        self.authenticate("ret_portal_neighbour", "ret_portal_neighbour")
        response = self.url_open("/my/assignments")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("苏州二厂", response.text)
        self.assertNotIn("昆山仓库", response.text)

    def test_home_counter(self):
        self.authenticate("ret_portal", "ret_portal")
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["retention_assignment_count"]})
        self.assertEqual(counters["retention_assignment_count"], 2)

    def test_anonymous_redirected_to_login(self):
        response = self.url_open("/my/assignments", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])
