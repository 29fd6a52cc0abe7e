from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import RetentionCase


@tagged("post_install", "-at_install")
class TestRetentionOverview(RetentionCase):
    """The retention overview: figures, filters and each role's own view of them.

    The twelve-month retention and renewal reports are SQL views on the database's
    own date, so the data here is placed relative to the real today.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = date.today()
        two_years_ago = cls.today - relativedelta(years=2)
        for employee, site in (
            (cls.employee_1, cls.site_a),
            (cls.employee_2, cls.site_a),
            (cls.employee_portal, cls.site_b),
        ):
            cls._assign(employee, site, two_years_ago)
        # placed at site A a month ago: not in the twelve-month cohort
        cls.newcomer = cls.env["hr.employee"].create({"name": "孙丽", "company_id": cls.company.id})
        cls._assign(cls.newcomer, cls.site_a, cls.today - relativedelta(months=1))
        cls.employee_2.action_archive()
        talk = cls.env.ref("outsourcing_retention.intervention_type_talk")
        Intervention = cls.env["retention.intervention"]
        for employee, outcome in ((cls.employee_1, "retained"), (cls.employee_portal, "left")):
            Intervention.create(
                {
                    "employee_id": employee.id,
                    "type_ids": [talk.id],
                    "date_deadline": cls.today,
                    "outcome": outcome,
                }
            )
        cls.env["retention.risk.score"]._score_employees(cls.employee_1 | cls.employee_portal, cls.today)

    def overview(self, user, **filters):
        return self.env["retention.overview"].with_user(user).get_overview(**filters)

    def test_retention_rate_by_client_and_site(self):
        retention = self.overview(self.manager)["blocks"]["retention"]
        self.assertEqual(retention["count"], 3, "the newcomer was not placed a year ago")
        self.assertAlmostEqual(retention["rate"], 66.7, places=1)
        self.assertEqual(retention["by_site"][0][:3], (self.site_a.display_name, 50.0, 2))
        self.assertEqual(retention["by_client"][0][1:], (66.7, 3))
        self.assertEqual(retention["action"]["res_model"], "retention.retention.report")

    def test_filters_narrow_every_block(self):
        blocks = self.overview(self.manager, site_id=self.site_b.id)["blocks"]
        self.assertEqual((blocks["retention"]["rate"], blocks["retention"]["count"]), (100.0, 1))
        self.assertEqual(blocks["interventions"]["decided"], 1)
        self.assertEqual(blocks["interventions"]["success_rate"], 0.0)
        self.assertIn(("site_id", "=", self.site_b.id), blocks["retention"]["action"]["domain"])
        risk = blocks["risk"]
        self.assertEqual(sum(count for _band, _label, count in risk["bands"]), 1)

    def test_interventions_and_risk(self):
        blocks = self.overview(self.manager)["blocks"]
        self.assertEqual(blocks["interventions"]["success_rate"], 50.0)
        self.assertEqual(blocks["interventions"]["by_type"][0][1:], (50.0, 2))
        self.assertEqual(blocks["risk"]["last_date"], str(self.today))
        self.assertEqual(sum(count for _band, _label, count in blocks["risk"]["bands"]), 2)
        self.assertEqual(len(blocks["risk"]["trend"]), 1)

    def test_enps_trend_hides_months_under_five_answers(self):
        Bucket = self.env["retention.pulse.bucket"]
        monday = self.today - relativedelta(days=self.today.weekday())
        two_months_ago = monday - relativedelta(weeks=9)
        for site, period, answers, promoters, detractors, mood in (
            (self.site_a, two_months_ago, 6, 3, 1, 24),
            (self.site_b, monday, 3, 0, 3, 6),
        ):
            Bucket.create(
                {
                    "kind": "pulse",
                    "site_id": site.id,
                    "client_id": site.client_id.id,
                    "company_id": self.company.id,
                    "period": period,
                    "answer_count": answers,
                    "promoter_count": promoters,
                    "detractor_count": detractors,
                    "mood_sum": mood,
                }
            )
        enps = self.overview(self.manager)["blocks"]["enps"]
        self.assertEqual(len(enps["trend"]), 2)
        first, last = enps["trend"]
        self.assertEqual(first[1:], (33.3, 4.0, 6))
        self.assertEqual(last[1:3], (False, False), "3 answers: no figure")
        self.assertEqual(enps["latest"], 33.3)
        self.assertEqual(enps["action"]["res_model"], "retention.pulse.report")
        # the regional manager of site A sees only site A's answers
        self.assertEqual(len(self.overview(self.user_a)["blocks"]["enps"]["trend"]), 1)
        # answers are kept by site: a department filter shows no company-wide figure under its name
        department = self.env["hr.department"].create({"name": "仓储部", "company_id": self.company.id})
        by_department = self.overview(self.manager, department_id=department.id)["blocks"]["enps"]
        self.assertEqual((by_department["by_department"], by_department["trend"]), (False, []))

    def test_regional_manager_sees_own_sites_only(self):
        data = self.overview(self.user_a)
        self.assertEqual(data["blocks"]["retention"]["count"], 2)
        self.assertEqual([site for site, _name in data["filters"]["site_id"]], [self.site_a.id])
        # risk scores are for HR officers and retention managers
        self.assertNotIn("risk", data["blocks"])
        self.assertEqual(data["blocks"]["interventions"]["decided"], 1)

    def test_other_company_is_not_counted(self):
        self._assign(self.employee_c2, self.site_c2, self.today - relativedelta(years=2))
        self.assertEqual(self.overview(self.manager)["blocks"]["retention"]["count"], 3)

    def test_refusals(self):
        for user in (self.portal_user, self.hr_officer):
            with self.assertRaises(AccessError):
                self.overview(user)
        with self.assertRaisesRegex(ValidationError, "site_id"):
            self.overview(self.manager, site_id="1")

    def test_query_count_does_not_grow_with_data(self):
        self.overview(self.manager)  # warm the caches
        with self.assertQueryCount(17):
            self.overview(self.manager)
        for index in range(10):
            employee = self.env["hr.employee"].create({"name": f"员工{index}", "company_id": self.company.id})
            self._assign(employee, self.site_b, self.today - relativedelta(years=2))
        self.env.invalidate_all()
        self.overview(self.manager)
        with self.assertQueryCount(17):
            self.overview(self.manager)
