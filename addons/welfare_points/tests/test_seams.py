from datetime import timedelta

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged

from .common import TODAY, WelfareCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestInterventionSeam(WelfareCase):
    """A benefit-boost intervention credits the employee once, funded by the company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.retention_user = new_test_user(
            cls.env,
            "wf_retention_user",
            groups="outsourcing_retention.group_retention_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.benefit = cls.env.ref("outsourcing_retention.intervention_type_benefit")
        cls.talk = cls.env.ref("outsourcing_retention.intervention_type_talk")
        cls.company.welfare_boost_points = 150

    def _intervention(self, types, **vals):
        return (
            self.env["retention.intervention"]
            .with_user(self.retention_user)
            .create(
                {
                    "employee_id": self.employee_1.id,
                    "type_ids": [Command.set(types.ids)],
                    "date_deadline": TODAY + timedelta(days=14),
                    **vals,
                }
            )
        )

    def test_boost_posted_once_by_a_retention_user(self):
        intervention = self._intervention(self.benefit)
        wallet = self._wallet(self.employee_1)
        self.assertEqual(wallet.balance, 150)
        line = intervention.sudo().welfare_boost_line_id
        self.assertRecordValues(
            line,
            [
                {
                    "idempotency_key": f"intervention:{intervention.id}",
                    "funding": "company",
                    "res_model": "retention.intervention",
                    "res_id": intervention.id,
                    "kind": "earned",
                }
            ],
        )
        intervention.type_ids = [Command.set((self.benefit | self.talk).ids)]
        intervention._retention_apply_measures()
        self.assertEqual(wallet.balance, 150, "edited measures do not post twice")

    def test_own_points_other_measures_and_cancelled(self):
        self._intervention(self.benefit, welfare_boost_points=40)
        self.assertEqual(self._wallet(self.employee_1).balance, 40)
        talk = self._intervention(self.talk)
        self.assertFalse(talk.sudo().welfare_boost_line_id)
        cancelled = self._intervention(self.talk, state="cancelled")
        cancelled.type_ids = [Command.set(self.benefit.ids)]
        self.assertFalse(cancelled.sudo().welfare_boost_line_id)
        self.assertEqual(self._wallet(self.employee_1).balance, 40)

    def test_negative_default_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.company.welfare_boost_points = -1


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestPointsRiskDriver(WelfareCase):
    """The points driver: activity in the window against the employee's own earlier windows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.driver = cls.env.ref("welfare_points.risk_driver_points")

    def test_shipped_inactive_and_weights_still_sum_to_100(self):
        self.assertFalse(self.driver.active)
        self.assertEqual(self.driver.weight, 0)
        self.assertTrue(self.driver.has_source)
        self.env["retention.risk.driver"]._check_active_weights()

    def test_values_in_constant_queries(self):
        Driver = self.env["retention.risk.driver"]
        old = TODAY - timedelta(days=500)
        # a wallet opened long ago, busy before and quiet in the last window
        self._post(self.employee_1, 300, "old-1", date=str(old + timedelta(days=100)))
        self._post(self.employee_1, 300, "old-2", date=str(old + timedelta(days=300)))
        self._post(self.employee_1, 60, "recent", date=str(TODAY - timedelta(days=10)))
        self.env.cr.execute(
            "UPDATE welfare_points_account SET create_date = %s WHERE employee_id = %s",
            (old, self.employee_1.id),
        )
        # a wallet opened today: nothing to compare with
        self._post(self.employee_2, 10, "new")
        self.env.invalidate_all()
        employees = self.employee_1 | self.employee_2 | self.employee_portal
        with self.assertQueryCount(3):  # wallets, activity, and the ORM reading the employees
            values = Driver._risk_driver_points(employees, TODAY, self.driver)
        self.assertEqual(values[self.employee_1.id].code, "points_falling")
        self.assertEqual(values[self.employee_1.id].params["recent"], 60)
        self.assertLess(values[self.employee_1.id].score, 100)
        self.assertIsNone(values[self.employee_2.id].score)
        self.assertNotIn(self.employee_portal.id, values, "no wallet: no data")
        explanation = Driver._risk_explanation(values[self.employee_1.id])
        self.assertIn("fell to 60 points", explanation)
        self.assertEqual(
            Driver.with_context(lang="en_US")._risk_explanation(values[self.employee_2.id]),
            "The points wallet is too new to compare.",
        )

    def test_activating_needs_weights_summing_to_100(self):
        self.driver.write({"active": True, "weight": 10})
        with self.assertRaises(UserError):
            self.env["retention.risk.driver"]._check_active_weights()
