from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import TODAY
from .performance_common import PERIOD, PerformanceCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestPerformanceAccess(PerformanceCase):
    """Reviewers (regional managers) and retention managers edit; nobody else reads."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time(TODAY):
            cls.review_a = cls._review(cls.site_a_employees[0], 80)
            cls.review_b = cls._review(cls.employee_1, template=cls.template_mixed)
            cls.employee_c2_review = cls.env["retention.performance.review"].create(
                {
                    "employee_id": cls.employee_c2.id,
                    "period": PERIOD,
                    "company_id": cls.company_2.id,
                    "line_ids": [(0, 0, {"kpi_id": cls.kpi_output.id, "weight": 100, "target": 100})],
                }
            )

    def test_regional_manager_sees_and_edits_own_site_only(self):
        Review = self.env["retention.performance.review"].with_user(self.user_a)
        self.assertEqual(Review.search([]), self.review_a)
        self.review_a.with_user(self.user_a).strengths = "执行力强"
        with self.assertRaises(AccessError):
            self.review_b.with_user(self.user_a).read(["total_score"])
        with self.assertRaises(AccessError):
            self.review_b.with_user(self.user_a).strengths = "x"
        with self.assertRaises(AccessError):
            self.review_b.line_ids.with_user(self.user_a).read(["actual"])
        # Creating: only at the user's own sites.
        review = self._review(self.site_a_employees[1], 70, user=self.user_a)
        self.assertEqual(review.reviewer_id, self.user_a)
        with self.assertRaises(AccessError):
            self._review(self.employee_2, template=self.template_mixed, user=self.user_a)
        # Deleting and reopening are the managers'.
        with self.assertRaises(AccessError):
            review.with_user(self.user_a).unlink()
        with self.assertRaises(AccessError):
            self.review_a.with_user(self.user_a).action_reopen()

    def test_reviewer_elsewhere_keeps_their_review(self):
        self.review_b.reviewer_id = self.user_a
        self.assertIn(
            self.review_b, self.env["retention.performance.review"].with_user(self.user_a).search([])
        )

    def test_manager_sees_own_companies_only(self):
        Review = self.env["retention.performance.review"].with_user(self.manager)
        found = Review.search([])
        self.assertIn(self.review_a, found)
        self.assertIn(self.review_b, found)
        self.assertNotIn(self.employee_c2_review, found)
        with self.assertRaises(AccessError):
            self.employee_c2_review.with_user(self.manager).read(["total_score"])

    def test_others_have_no_access(self):
        for user in (self.hr_officer, self.portal_user, self.mentor):
            with self.assertRaises(AccessError):
                self.env["retention.performance.review"].with_user(user).search([])
            with self.assertRaises(AccessError):
                self.review_a.with_user(user).read(["total_score"])
            with self.assertRaises(AccessError):
                self.env["retention.performance.cohort"].with_user(user).search([])

    def test_only_managers_confirm_cohorts_and_configure(self):
        cohort = self.env["retention.performance.cohort"].create(
            {"site_id": self.site_a.id, "period": PERIOD}
        )
        with self.assertRaises(AccessError):
            cohort.with_user(self.user_a).action_confirm()
        self.assertEqual(cohort.with_user(self.user_a).read(["state"])[0]["state"], "draft")
        with self.assertRaises(AccessError):
            self.env["retention.performance.cohort"].with_user(self.user_a).create(
                {"site_id": self.site_a.id, "period": "2026-01-01"}
            )
        for model in (
            "retention.performance.kpi",
            "retention.performance.tier",
            "retention.performance.template",
        ):
            records = self.env[model].with_user(self.user_a).search([], limit=1)
            self.assertTrue(records)
            with self.assertRaises(AccessError):
                records.write({"sequence": 5})
        cohort.with_user(self.manager).action_confirm()
        self.assertEqual(self.review_a.state, "confirmed")
        with self.assertRaises(UserError):
            self.review_a.with_user(self.user_a).strengths = "x"
