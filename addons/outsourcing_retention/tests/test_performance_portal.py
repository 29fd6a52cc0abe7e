from datetime import date

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPerformancePortal(HttpCase):
    """/my/performance: the employee's own confirmed reviews, never a draft, never another's."""

    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = new_test_user(cls.env, "perf_portal_emp", groups="base.group_portal", name="Li Na")
        cls.other_user = new_test_user(cls.env, "perf_portal_other", groups="base.group_portal")
        Employee = cls.env["hr.employee"]
        cls.employee = Employee.create({"name": "Li Na", "user_id": cls.portal_user.id})
        cls.other = Employee.create({"name": "Wang Qiang", "user_id": cls.other_user.id})
        kpi = cls.env["retention.performance.kpi"].create({"name": "Output", "code": "P_OUTPUT"})
        lines = [(0, 0, {"kpi_id": kpi.id, "weight": 100, "target": 100})]

        def review(employee, month, actual, state, **vals):
            record = cls.env["retention.performance.review"].create(
                {"employee_id": employee.id, "period": month, "line_ids": lines, **vals}
            )
            record.line_ids.actual = actual
            record.with_context(retention_cohort_confirm=True).write({"state": state})
            return record

        cls.january = review(cls.employee, date(2026, 1, 1), 72, "confirmed", tier="middle")
        cls.february = review(
            cls.employee,
            date(2026, 2, 1),
            88,
            "confirmed",
            tier="top",
            strengths="Keeps the line running",
            bonus_percent=15,
        )
        cls.draft = review(cls.employee, date(2026, 3, 1), 41, "submitted", strengths="DRAFT-SECRET")
        cls.others = review(cls.other, date(2026, 2, 1), 33, "confirmed", strengths="OTHER-SECRET")

    def test_own_confirmed_reviews_only(self):
        self.authenticate("perf_portal_emp", "perf_portal_emp")
        page = self.url_open("/my/performance").text
        self.assertIn(f"/my/performance/{self.february.id}", page)
        self.assertIn(f"/my/performance/{self.january.id}", page)
        self.assertNotIn(f"/my/performance/{self.draft.id}", page, "a draft never shows")
        self.assertNotIn(f"/my/performance/{self.others.id}", page)
        detail = self.url_open(f"/my/performance/{self.february.id}").text
        self.assertIn("Keeps the line running", detail)
        self.assertIn("72.0", detail, "last month's KPI score is shown beside this month's")
        self.assertNotIn("Bonus", detail, "the reviewer's proposals are not shown")
        for forbidden in (self.draft, self.others):
            response = self.url_open(f"/my/performance/{forbidden.id}")
            self.assertTrue(response.url.endswith("/my/performance"))
            self.assertNotIn("SECRET", response.text)
        self.assertNotIn("OTHER-SECRET", self.url_open("/my/performance/999999").text)

    def test_pdf_own_only(self):
        self.authenticate("perf_portal_emp", "perf_portal_emp")
        response = self.url_open(f"/my/performance/{self.february.id}/pdf")
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "Keeps the line running", response.text, "the HTML fallback of tests shows the feedback"
        )
        self.assertIn("72.0", response.text, "January is shown beside February")
        for forbidden in (self.draft, self.others):
            response = self.url_open(f"/my/performance/{forbidden.id}/pdf")
            self.assertTrue(response.url.endswith("/my/performance"))
            self.assertNotIn("SECRET", response.text)

    def test_report_for_hr(self):
        html = str(
            self.env["ir.actions.report"]._render_qweb_html(
                "outsourcing_retention.retention_performance_review_report", self.february.ids
            )[0]
        )
        self.assertIn("Keeps the line running", html)
        self.assertIn("2026-01", html)

    def test_neighbour_and_anonymous(self):
        self.authenticate("perf_portal_other", "perf_portal_other")
        page = self.url_open("/my/performance").text
        self.assertNotIn(f"/my/performance/{self.february.id}", page)
        response = self.url_open(f"/my/performance/{self.february.id}")
        self.assertNotIn("Keeps the line running", response.text)
        self.authenticate(None, None)
        response = self.url_open(f"/my/performance/{self.february.id}")
        self.assertIn("/web/login", response.url)
        self.assertNotIn("Keeps the line running", response.text)

    def test_home_counter(self):
        self.authenticate("perf_portal_emp", "perf_portal_emp")
        response = self.opener.post(
            f"{self.base_url()}/my/counters",
            json={"params": {"counters": ["performance_review_count"]}},
        )
        self.assertEqual(response.json()["result"]["performance_review_count"], 2)

    def test_tour_on_a_phone(self):
        self.start_tour("/my/performance", "outsourcing_retention_performance_tour", login="perf_portal_emp")
