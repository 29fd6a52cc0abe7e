from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from ..engine import attrition_model
from .common import TODAY
from .test_risk import RiskCase

# Outside freezegun: compiled libraries imported under a frozen clock crash the interpreter.
attrition_model.preload()


@freeze_time(TODAY)
class TestRiskHistory(RiskCase):
    """The demo's simulated past: leavers, monthly snapshots, and a model that trains on them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Score._demo_risk_history(months=9, leavers=24, seed=5, companies=cls.company)
        cls.leavers = cls.env["hr.employee"].search(
            [("company_id", "=", cls.company.id), ("active", "=", False), ("departure_date", "!=", False)]
        )

    def test_leavers_left_in_the_past_with_their_contracts_closed(self):
        self.assertEqual(len(self.leavers), 24)
        resigned = self.env.ref("hr.departure_resigned")
        for employee in self.leavers:
            self.assertLess(employee.departure_date, TODAY)
            self.assertGreater(employee.departure_date, TODAY - relativedelta(months=9))
            self.assertEqual(employee.departure_reason_id, resigned)
        contracts = self.env["hr.contract"].search([("employee_id", "in", self.leavers.ids)])
        self.assertTrue(contracts, "about as many leavers have a contract as the people who stay")
        for contract in contracts:
            self.assertEqual(
                (contract.state, contract.date_end), ("close", contract.employee_id.departure_date)
            )

    def test_a_snapshot_a_month_until_the_departure(self):
        scores = self.Score.search([("company_id", "=", self.company.id), ("date", "<", TODAY)])
        dates = sorted(set(scores.mapped("date")))
        self.assertEqual(dates, [TODAY - relativedelta(months=9 - month) for month in range(9)])
        for score in scores.filtered(lambda s: s.employee_id in self.leavers):
            self.assertLess(score.date, score.employee_id.departure_date)
        current = self.env["hr.employee"].search([("company_id", "=", self.company.id)])
        self.assertEqual(set(scores.filtered(lambda s: s.date == dates[0]).employee_id) >= set(current), True)
        # every line explains itself like a real one
        line = scores[:1].line_ids[:1]
        self.assertTrue(line.explanation)
        self.assertNotEqual(line.explanation, line.explanation_code)

    def test_runs_once(self):
        count = self.Score.search_count([])
        employees = self.env["hr.employee"].with_context(active_test=False).search_count([])
        self.Score._demo_risk_history(months=9, leavers=24, seed=5, companies=self.company)
        self.assertEqual(self.Score.search_count([]), count)
        self.assertEqual(self.env["hr.employee"].with_context(active_test=False).search_count([]), employees)

    def test_the_model_trains_on_it(self):
        model = self.env["retention.risk.model"].with_user(self.manager).action_train()
        self.assertGreaterEqual(model.training_leavers, 10)
        self.assertGreater(model.model_roc_auc, 0.5)
        self.assertTrue(model.usage_note)
