from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import TODAY, CareerCase


@tagged("post_install", "-at_install")
class TestTrainingIntervention(CareerCase):
    """outsourcing_retention's intervention seam: a ``training`` measure adds a training-plan item."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.training = cls.env.ref("outsourcing_retention.intervention_type_training")
        cls.talk = cls.env.ref("outsourcing_retention.intervention_type_talk")
        cls.planner = new_test_user(
            cls.env,
            "car_planner",
            groups="outsourcing_retention.group_retention_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def _intervention(self, employee, types, user=None, **vals):
        Intervention = self.env["retention.intervention"]
        if user:
            Intervention = Intervention.with_user(user)
        return Intervention.create(
            {
                "employee_id": employee.id,
                "type_ids": [Command.set(types.ids)],
                "date_deadline": date(2026, 4, 30),
                "description": "续签前谈话:希望提升 Python 技能",
                **vals,
            }
        )

    def _items(self, intervention):
        return self.env["career.training.plan.item"].search([("intervention_id", "=", intervention.id)])

    @freeze_time(TODAY)
    def test_training_measure_adds_the_largest_gap_to_a_new_plan(self):
        intervention = self._intervention(self.employee, self.training | self.talk, user=self.planner)
        item = self._items(intervention)
        self.assertEqual(len(item), 1)
        self.assertEqual(item.plan_id.grade_id, self.grade_2)
        self.assertEqual(item.plan_id.employee_id, self.employee)
        # Python is required at 80 %, SQL at 40 %: the largest gap first
        self.assertEqual((item.skill_id, item.target_level_id), (self.python, self.advanced))
        self.assertEqual(item.date_deadline, date(2026, 4, 30))

    @freeze_time(TODAY)
    def test_idempotent_per_intervention_and_next_gap_for_the_next_one(self):
        first = self._intervention(self.employee, self.training)
        first.write({"type_ids": [Command.set((self.training | self.talk).ids)]})
        first._retention_apply_measures()
        self.assertEqual(len(self._items(first)), 1)
        second = self._intervention(self.employee, self.training)
        self.assertEqual(self._items(second).plan_id, self._items(first).plan_id)
        self.assertEqual(self._items(second).skill_id, self.sql)

    @freeze_time(TODAY)
    def test_measure_added_later_and_existing_plan_reused(self):
        plan = self.env["career.training.plan"]._create_from_gaps(self.employee, self.grade_2)
        intervention = self._intervention(self.employee, self.talk)
        self.assertFalse(self._items(intervention))
        intervention.type_ids = [Command.link(self.training.id)]
        item = self._items(intervention)
        self.assertEqual(item.plan_id, plan)
        # both gaps are already planned: a free item named after the talk
        self.assertFalse(item.skill_id)
        self.assertTrue(item.name)

    @freeze_time(TODAY)
    def test_cancelled_and_other_measures_add_nothing(self):
        cancelled = self._intervention(self.employee, self.training, state="cancelled")
        other = self._intervention(self.employee_2, self.talk)
        self.assertFalse(self._items(cancelled) | self._items(other))

    @freeze_time(TODAY)
    def test_employee_without_grades_gets_the_entry_grade(self):
        newcomer = self.env["hr.employee"].create({"name": "孙丽", "company_id": self.company.id})
        item = self._items(self._intervention(newcomer, self.training))
        self.assertEqual(item.plan_id.grade_id.sequence, 1)
