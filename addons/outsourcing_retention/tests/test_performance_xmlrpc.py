from xmlrpc.client import Fault

from odoo.tests import HttpCase, tagged

from .performance_common import PERIOD, PerformanceCase


@tagged("post_install", "-at_install")
class TestPerformanceXmlRpc(HttpCase, PerformanceCase):
    """Integrators push KPI actuals for a month: idempotent, all or nothing."""

    def _push(self, period, rows, login="ret_manager", user=None):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            (user or self.manager).id,
            login,
            "retention.performance.review",
            "push_kpi_actuals",
            [period, rows],
            {"context": {"lang": "en_US"}},
        )

    def _reviews(self):
        return self.env["retention.performance.review"].search([("period", "=", PERIOD)])

    def test_push_creates_then_updates_idempotently(self):
        rows = [
            {"employee_id": self.site_a_employees[0].id, "kpi_code": "T_OUTPUT", "actual": 88},
            {"employee_id": self.employee_1.id, "kpi_code": "T_OUTPUT", "actual": 150.5},
            {"employee_id": self.employee_1.id, "kpi_code": "T_GROWTH", "actual": -2},
        ]
        result = self._push("2026-02", rows)
        self.assertEqual(result["created"], 2)
        self.assertEqual(result["updated"], 3)
        reviews = self._reviews()
        self.assertEqual(sorted(result["review_ids"]), sorted(reviews.ids))
        review_a = reviews.filtered(lambda r: r.employee_id == self.site_a_employees[0])
        self.assertEqual(review_a.template_id, self.template_simple, "the site's template applies")
        self.assertEqual(review_a.total_score, 88)
        review_b = reviews - review_a
        self.assertEqual(review_b.template_id, self.template_mixed)
        self.assertEqual(review_b.line_ids.filtered(lambda line: line.kpi_id.code == "T_GROWTH").actual, -2)
        # The same batch again: nothing new, nothing changed.
        again = self._push("2026-02-20", rows)
        self.assertEqual((again["created"], again["updated"]), (0, 0))
        self.assertEqual(self._reviews(), reviews)
        self.assertEqual(len(reviews.line_ids), 4)

    def test_one_bad_row_writes_nothing(self):
        good = {"employee_id": self.site_a_employees[0].id, "kpi_code": "T_OUTPUT", "actual": 70}
        cases = [
            (
                {"employee_id": self.site_a_employees[1].id, "kpi_code": "T_OUTPUT", "actual": -5},
                "Row 2.*zero or more",
            ),
            (
                {"employee_id": self.site_a_employees[1].id, "kpi_code": "T_OUTPUT", "actual": "九十"},
                "Row 2.*must be a number",
            ),
            (
                {"employee_id": self.site_a_employees[1].id, "kpi_code": "NOPE", "actual": 1},
                "Row 2: no KPI with code NOPE",
            ),
            (
                {"employee_id": 999999, "kpi_code": "T_OUTPUT", "actual": 1},
                "Row 2: no employee with id 999999",
            ),
            (
                {"employee_id": self.site_a_employees[1].id, "kpi_code": "T_GROWTH", "actual": 1},
                "Row 2.*not part of the review",
            ),
            (
                {"employee_id": self.site_a_employees[0].id, "kpi_code": "T_OUTPUT", "actual": 1},
                "Row 2.*appear twice",
            ),
            ({"kpi_code": "T_OUTPUT", "actual": 1}, "Row 2: employee_id"),
            ({"employee_id": self.employee_2.id, "kpi_code": "T_OUTPUT"}, "Row 2: actual is missing"),
        ]
        for bad, message in cases:
            with self.subTest(message=message), self.assertRaises(Fault) as caught:
                self._push("2026-02-01", [good, bad])
            self.assertRegex(caught.exception.faultString, message)
            self.assertFalse(self._reviews(), "nothing is written")
        with self.assertRaises(Fault) as caught:
            self._push("February", [good])
        self.assertIn("The period must be a date", caught.exception.faultString)
        with self.assertRaises(Fault) as caught:
            self._push("2026-02-01", [])
        self.assertIn("non-empty list", caught.exception.faultString)

    def test_confirmed_review_is_refused(self):
        self._push("2026-02-01", [{"employee_id": self.employee_1.id, "kpi_code": "T_OUTPUT", "actual": 100}])
        self._reviews().with_context(retention_cohort_confirm=True).write({"state": "confirmed"})
        with self.assertRaises(Fault) as caught:
            self._push(
                "2026-02-01", [{"employee_id": self.employee_1.id, "kpi_code": "T_OUTPUT", "actual": 1}]
            )
        self.assertIn("Row 1: the review", caught.exception.faultString)
        self.assertIn("already confirmed", caught.exception.faultString)

    def test_regional_manager_pushes_for_own_site_only(self):
        self._push(
            "2026-02-01",
            [{"employee_id": self.site_a_employees[2].id, "kpi_code": "T_OUTPUT", "actual": 60}],
            login="ret_user_a",
            user=self.user_a,
        )
        with self.assertRaises(Fault):
            self._push(
                "2026-02-01",
                [
                    {"employee_id": self.site_a_employees[3].id, "kpi_code": "T_OUTPUT", "actual": 60},
                    {"employee_id": self.employee_2.id, "kpi_code": "T_OUTPUT", "actual": 60},
                ],
                login="ret_user_a",
                user=self.user_a,
            )
        self.assertEqual(self._reviews().employee_id, self.site_a_employees[2])
        with self.assertRaises(Fault):
            self._push(
                "2026-02-01",
                [{"employee_id": self.site_a_employees[2].id, "kpi_code": "T_OUTPUT", "actual": 60}],
                login="ret_portal",
                user=self.portal_user,
            )
