from datetime import date

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .common import TODAY, WelfareCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestEarningRule(WelfareCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Rule = cls.env["welfare.earning.rule"]
        # Only this test's rules: the shipped defaults are archived.
        cls.Rule.search([]).action_archive()
        cls.rule_top = cls.Rule.create(
            {"name": "绩效A档", "tier": "top", "points": 300, "expiry_months": 12, "budget_points": 600}
        )
        cls.rule_c2 = cls.Rule.create(
            {"name": "二公司A档", "tier": "top", "points": 50, "company_id": cls.company_2.id}
        )
        (cls.rule_top | cls.rule_c2).action_publish()

    def _entries(self, *employees, tier="top", source_id=1):
        return [
            {
                "employee_id": employee.id,
                "tier": tier,
                "period": "2026-02",
                "source_model": "retention.performance.review",
                "source_id": source_id,
                "company_id": employee.company_id.id,
            }
            for employee in employees
        ]

    def test_tier_grants_points_once_per_source(self):
        result = self.Rule._apply_performance_tiers(self._entries(self.employee_1, self.employee_c2))
        self.assertEqual(len(result["posted"]), 2)
        line = self.Line.browse(result["posted"][0])
        self.assertRecordValues(
            line,
            [
                {
                    "points": 300,
                    "earning_rule_id": self.rule_top.id,
                    "rule_version": f"{self.rule_top.id}v1",
                    "funding": "company",
                    "expiry_date": date(2027, 3, 31),
                    "res_model": "retention.performance.review",
                    "res_id": 1,
                }
            ],
        )
        again = self.Rule._apply_performance_tiers(self._entries(self.employee_1, self.employee_c2))
        self.assertEqual(again["posted"], result["posted"])
        self.assertEqual(self._wallet(self.employee_1).balance, 300)
        self.assertEqual(self._wallet(self.employee_c2).balance, 50)
        self.assertFalse(
            self.Rule._apply_performance_tiers(self._entries(self.employee_2, tier="bottom"))["posted"]
        )

    @mute_logger("odoo.addons.welfare_points.models.welfare_earning_rule")
    def test_budget_is_never_crossed(self):
        result = self.Rule._apply_performance_tiers(
            self._entries(self.employee_1, self.employee_2, self.employee_portal)
        )
        self.assertEqual(len(result["posted"]), 2)
        self.assertEqual(result["refused"], [(self.employee_portal.id, self.rule_top.id)])
        self.assertEqual(self.rule_top.budget_used, 600)
        self.assertFalse(self._wallet(self.employee_portal))
        # A cancelled review gives the points back, and frees the budget.
        reversed_lines = self.Rule._reverse_source("retention.performance.review", [1])
        self.assertEqual(len(reversed_lines), 2)
        self.assertEqual(self._wallet(self.employee_1).balance, 0)
        self.rule_top.invalidate_recordset(["budget_used"])
        self.assertEqual(self.rule_top.budget_used, 0)
        result = self.Rule._apply_performance_tiers(self._entries(self.employee_portal, source_id=2))
        self.assertEqual(len(result["posted"]), 1)

    def test_versions_and_validity(self):
        self.rule_top.points = 400
        self.assertEqual(self.rule_top.version, 2)
        self.rule_top.date_to = date(2026, 3, 1)
        self.assertFalse(self.Rule._apply_performance_tiers(self._entries(self.employee_1))["posted"])
        with self.assertRaises(ValidationError):
            self.Rule.create({"name": "x", "tier": "top", "points": 0})
        with self.assertRaisesRegex(ValidationError, "names its tier"):
            self.Rule.create({"name": "x", "points": 10})

    def test_rights(self):
        with self.assertRaises(AccessError):
            self.Rule.with_user(self.officer).create({"name": "x", "tier": "top", "points": 1})
        self.assertEqual(self.Rule.with_user(self.officer).search([]), self.rule_top)
        self.Rule.with_user(self.manager).create({"name": "y", "tier": "middle", "points": 10})
        with self.assertRaises(AccessError):
            self.Rule.with_user(self.employee_user).search([])
        # Budgets and publication are a welfare manager's, of their own company only.
        with self.assertRaises(AccessError):
            self.rule_top.with_user(self.officer).write({"budget_points": 1})
        with self.assertRaises(AccessError):
            self.rule_top.with_user(self.officer).action_publish()
        self.rule_top.with_user(self.manager).write({"budget_points": 900})
        self.assertEqual(self.rule_top.budget_points, 900)
        with self.assertRaises(AccessError):
            self.rule_c2.with_user(self.manager).read(["budget_points"])
        with self.assertRaises(AccessError):
            self.rule_c2.with_user(self.manager).write({"budget_points": 1})
