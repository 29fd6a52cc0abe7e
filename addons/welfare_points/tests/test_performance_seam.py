from odoo.addons.outsourcing_retention.tests.common import TODAY
from odoo.addons.outsourcing_retention.tests.performance_common import PerformanceCase
from odoo.tests import freeze_time, tagged


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestPerformanceSeam(PerformanceCase):
    """Confirming a cohort in outsourcing_retention posts the tier rules' points, once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Rule = cls.env["welfare.earning.rule"]
        Rule.search([]).action_archive()
        cls.rule_top = Rule.create({"name": "绩效A档", "tier": "top", "points": 300, "expiry_months": 12})
        cls.rule_middle = Rule.create(
            {"name": "绩效B档", "tier": "middle", "points": 100, "expiry_months": 12}
        )
        (cls.rule_top | cls.rule_middle).action_publish()

    def _points(self, employee):
        account = self.env["welfare.points.account"].search([("employee_id", "=", employee.id)])
        return account.balance

    def test_confirming_a_cohort_earns_points_once(self):
        cohort, reviews = self._site_a_cohort([95, 90, 85, 80, 75, 70, 65, 60, 55, 50])
        cohort.with_user(self.manager).action_confirm()
        top = reviews.filtered(lambda r: r.tier == "top")
        middle = reviews.filtered(lambda r: r.tier == "middle")
        self.assertEqual(len(top), 2)
        self.assertEqual([self._points(r.employee_id) for r in top], [300, 300])
        self.assertEqual({self._points(r.employee_id) for r in middle}, {100})
        # reconfirming changes nothing
        cohort.with_user(self.manager).action_confirm()
        self.assertEqual([self._points(r.employee_id) for r in top], [300, 300])

    def test_a_tier_changed_on_reconfirmation_swaps_the_points(self):
        cohort, reviews = self._site_a_cohort([95, 90, 85, 80, 75, 70, 65, 60, 55, 50])
        cohort.with_user(self.manager).action_confirm()
        second = reviews.filtered(lambda r: r.tier == "top").sorted("total_score")[:1]
        second.with_user(self.manager).action_reopen()
        second.line_ids[:1].actual = 72
        cohort.with_user(self.manager).action_confirm()
        self.assertEqual(second.tier, "middle")
        self.assertEqual(self._points(second.employee_id), 100)
        lines = self.env["welfare.points.line"].search([("employee_id", "=", second.employee_id.id)])
        reversal = lines.filtered(lambda line: line.kind == "reversed")
        self.assertEqual(reversal.points, -300)
