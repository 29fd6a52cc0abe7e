from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CareerCase


class TrainingEffectCase(CareerCase):
    """Ten people of one department reviewed in January and April; five take the course in February."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        department = cls.env["hr.department"].create({"name": "维修部", "company_id": cls.company.id})
        cls.people = cls.env["hr.employee"].create(
            [
                {"name": f"学员{i}", "company_id": cls.company.id, "department_id": department.id}
                for i in range(10)
            ]
        )
        kpi = cls.env["retention.performance.kpi"].create(
            {"name": "维修及时率", "code": "E_FIX", "rule": "linear"}
        )
        template = cls.env["retention.performance.template"].create(
            {"name": "维修考评", "line_ids": [(0, 0, {"kpi_id": kpi.id, "weight": 100, "target": 100})]}
        )
        cls.course = cls.env["career.training.course"].create(
            {"name": "PLC 维修进阶", "skill_type_id": cls.skill_type.id, "skill_id": cls.python.id}
        )
        Review = cls.env["retention.performance.review"]
        with freeze_time(date(2026, 6, 15)):
            for period, gain in ((date(2026, 1, 1), 0), (date(2026, 4, 1), 1)):
                for index, employee in enumerate(cls.people):
                    review = Review.create(
                        {"employee_id": employee.id, "period": period, "template_id": template.id}
                    )
                    # participants (the first five) gain 10 points, the others 2
                    review.line_ids.actual = 60 + index + gain * (10 if index < 5 else 2)
                    review.action_submit()
                cls.env["retention.performance.cohort"].create(
                    {"scope": "department", "department_id": department.id, "period": period}
                ).action_confirm()
        with freeze_time(date(2026, 2, 15)):
            for employee in cls.people[:5]:
                cls._set_skill(employee, cls.python, cls.beginner).career_evidence_kind = "self"
                plan = cls.env["career.training.plan"]._create_from_gaps(employee, cls.grade_2)
                item = plan.item_ids.filtered(lambda i: i.skill_id == cls.python)
                item.course_id = cls.course
                item.action_done()


@tagged("post_install", "-at_install")
class TestTrainingEffect(TrainingEffectCase):
    def test_participants_next_to_non_participants(self):
        course = self.course.with_user(self.officer)
        self.assertEqual((course.effect_participants, course.effect_others), (5, 5))
        self.assertEqual((course.effect_change, course.effect_others_change), (10.0, 2.0))
        self.assertEqual(course.effect_difference, 8.0)
        # from Beginner (20 %) to Advanced (80 %)
        self.assertEqual(course.effect_levels_gained, 60.0)
        self.assertTrue(course.effect_shown)
        self.assertIn("association", course.effect_summary)

    def test_small_groups_are_not_shown(self):
        self.env["career.training.plan.item"].search([("course_id", "=", self.course.id)])[
            :1
        ].employee_id.active = False
        self.env["career.training.plan.item"].search(
            [("course_id", "=", self.course.id), ("employee_id", "=", self.people[0].id)]
        ).unlink()
        self.assertEqual(self.course.effect_participants, 4)
        self.assertFalse(self.course.effect_shown)
        self.assertEqual(self.course.effect_change, 0.0)

    def test_only_hr_officers_read_the_effect(self):
        with self.assertRaises(AccessError):
            self.course.with_user(self.internal).read(["effect_change"])


@tagged("post_install", "-at_install")
class TestTrainingPlanEffect(TrainingEffectCase):
    """The same people: the five with a plan towards grade 2 complete it in February."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time(date(2026, 2, 20)):
            cls.plans = cls.env["career.training.plan"].search(
                [("employee_id", "in", cls.people[:5].ids), ("grade_id", "=", cls.grade_2.id)]
            )
            cls.plans.item_ids.filtered(lambda i: i.state == "todo").action_cancel()
            cls.plans.action_done()

    def test_effect_of_the_plans_towards_a_grade(self):
        plan = self.plans[0].with_user(self.officer)
        self.assertEqual((plan.effect_participants, plan.effect_others), (5, 5))
        self.assertEqual((plan.effect_change, plan.effect_others_change), (10.0, 2.0))
        self.assertEqual(plan.effect_difference, 8.0)
        self.assertEqual(plan.effect_levels_gained, 60.0)
        self.assertIn("association", plan.effect_summary)
        # every plan of the cohort shows the same figures
        self.assertEqual(set(self.plans.mapped("effect_difference")), {8.0})

    def test_plans_in_progress_are_not_measured(self):
        self.plans[:1].state = "active"
        plan = self.plans[1]
        self.assertEqual(plan.effect_participants, 4)
        self.assertFalse(plan.effect_shown)
        self.assertIn("not shown", plan.effect_summary)

    def test_only_hr_officers_read_the_plan_effect(self):
        with self.assertRaises(AccessError):
            self.plans[0].with_user(self.internal).read(["effect_change"])

    def test_queries_do_not_grow_with_the_plans(self):
        def count(plans):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            plans.with_user(self.officer).mapped("effect_summary")
            return self.env.cr.sql_log_count - before

        count(self.plans)  # warms the caches of access rights and rules
        self.assertLessEqual(count(self.plans), count(self.plans[:1]))
