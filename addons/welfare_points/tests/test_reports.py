from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, new_test_user, tagged

from .common import TODAY
from .test_redemption import RedemptionCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestReports(RedemptionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.welfare_point_value = 0.5
        cls.company.welfare_insurance_deduction_limit = 2400
        common = {"company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)]}
        cls.regional = new_test_user(
            cls.env, "wf_regional", groups="outsourcing_retention.group_retention_user", **common
        )
        cls.client = cls.env["res.partner"].create(
            {
                "name": "昆山电子有限公司",
                "is_company": True,
                "is_outsourcing_client": True,
                "client_workforce": 50,
            }
        )
        Site = cls.env["retention.client.site"]
        cls.site_a = Site.create(
            {
                "name": "昆山一厂",
                "code": "WF-KS1",
                "client_id": cls.client.id,
                "regional_manager_id": cls.regional.id,
            }
        )
        cls.site_b = Site.create({"name": "昆山二厂", "code": "WF-KS2", "client_id": cls.client.id})
        Assignment = cls.env["retention.assignment"].with_context(tracking_disable=True)
        for employee, site in ((cls.employee_1, cls.site_a), (cls.employee_2, cls.site_b)):
            Assignment.create(
                {"employee_id": employee.id, "site_id": site.id, "date_start": TODAY - timedelta(days=60)}
            )

    def test_issued_redeemed_expired_liability_and_charge_back(self):
        self._post(self.employee_1, 400, "e1", funding="client", funding_partner_id=self.client.id)
        self._post(self.employee_2, 100, "e2")
        self.Redemption._request(self.employee_1, self.movie)
        Report = self.env["welfare.points.report"]
        rows = {
            site: (issued, redeemed, value, charged)
            for site, issued, redeemed, value, charged in Report._read_group(
                [], ["site_id"], ["issued:sum", "redeemed:sum", "value:sum", "charged_back_value:sum"]
            )
        }
        self.assertEqual(rows[self.site_a], (400, 50, 175.0, 200.0))
        self.assertEqual(rows[self.site_b], (100, 0, 50.0, 0.0))
        liability = sum(value for _i, _r, value, _c in rows.values())
        balances = sum(self.Account.search([]).mapped("balance"))
        self.assertEqual(liability, balances * 0.5, "the value of all lines is the outstanding liability")

    def test_regional_manager_sees_own_sites_aggregates_only(self):
        self._post(self.employee_1, 400, "e1")
        self._post(self.employee_2, 100, "e2")
        Report = self.env["welfare.points.report"].with_user(self.regional)
        self.assertEqual(Report.search([]).site_id, self.site_a)
        self.assertEqual(Report._read_group([], [], ["issued:sum"]), [(400,)])
        with self.assertRaises(AccessError):
            Report.search([]).read(["employee_id"])
        with self.assertRaises(AccessError):
            self.env["welfare.payroll.report"].with_user(self.regional).search([])
        with self.assertRaises(AccessError):
            self.env["welfare.impact.report"].with_user(self.officer).search([])

    def test_taxable_value_and_payroll_export(self):
        insurance = self.env["welfare.benefit"].create(
            {
                "name": "补充医疗保险",
                "category": "insurance",
                "points_cost": 3000,
                "tax_treatment": "health_insurance",
            }
        )
        self._post(self.employee_1, 10000, "fund")
        first = self.Redemption._request(self.employee_1, insurance)  # ¥1,500, all deductible
        second = self.Redemption._request(self.employee_1, insurance)  # ¥1,500, ¥900 left deductible
        movie = self.Redemption._request(self.employee_1, self.movie)  # ¥25 taxable
        self.assertRecordValues(
            first | second | movie,
            [
                {"benefit_value": 1500, "tax_exempt_value": 1500, "taxable_value": 0},
                {"benefit_value": 1500, "tax_exempt_value": 900, "taxable_value": 600},
                {"benefit_value": 25, "tax_exempt_value": 0, "taxable_value": 25},
            ],
        )
        (first | second).with_user(self.manager).action_approve()
        movie.with_user(self.manager).action_reject()
        row = (
            self.env["welfare.payroll.report"]
            .with_user(self.manager)
            .search([("employee_id", "=", self.employee_1.id)])
        )
        self.assertRecordValues(
            row,
            [
                {
                    "month": TODAY.replace(day=1),
                    "redemption_count": 2,
                    "taxable_value": 600,
                    "tax_exempt_value": 2400,
                }
            ],
        )

    def test_impact_report_labels_an_association(self):
        self._post(self.employee_1, 100, "e1")
        self._post(self.employee_2, 100, "e2")
        self.Redemption._request(self.employee_1, self.movie)
        rows = self.env["welfare.impact.report"].with_user(self.manager).search([])
        self.assertEqual({(row.category, row.redeemed) for row in rows}, {("voucher", True), ("none", False)})
        action = self.env.ref("welfare_points.welfare_impact_report_action")
        self.assertIn("association, not a cause", str(action.help))

    def test_budget_consumption_per_rule(self):
        rule = self.env["welfare.earning.rule"].create(
            {"name": "推荐奖", "trigger": "referral", "points": 200, "budget_points": 1000}
        )
        rule.action_publish()
        source = self.env["res.partner"].create({"name": "被推荐人"})
        self.env["welfare.earning.rule"]._welfare_post_referral(
            source, (self.employee_1 | self.employee_2).ids
        )
        [(issued,)] = self.env["welfare.points.report"]._read_group(
            [("earning_rule_id", "=", rule.id)], [], ["issued:sum"]
        )
        self.assertEqual((issued, rule.budget_used), (400, 400))
