from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time, tagged

from .common import TODAY, CareerCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestTraining(CareerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Course = cls.env["career.training.course"]
        cls.python_course = Course.create(
            {
                "name": "Python 进阶",
                "kind": "elearning",
                "skill_type_id": cls.skill_type.id,
                "skill_id": cls.python.id,
                "cost": 1200,
            }
        )
        cls.cert_course = Course.create(
            {
                "name": "高级工考前培训",
                "kind": "external",
                "certificate_type_id": cls.cert_l3.id,
                "cost": 2400,
            }
        )

    def _plans(self, employees):
        return (
            self.env["career.training.plan"]
            .with_user(self.officer)
            ._create_from_gaps(employees, self.grade_2, date(2026, 6, 30))
        )

    def test_plan_from_gaps_for_a_cohort(self):
        self._set_skill(self.employee, self.python, self.intermediate)
        self._set_skill(self.employee, self.sql, self.advanced)
        plans = self._plans(self.employee | self.employee_2)
        self.assertEqual(plans.employee_id, self.employee | self.employee_2)
        plan = plans.filtered(lambda p: p.employee_id == self.employee)
        # One item per gap: Python (40 of 80) and the certificate; SQL is met.
        self.assertRecordValues(
            plan.item_ids.sorted(lambda i: bool(i.certificate_type_id)),
            [
                {
                    "skill_id": self.python.id,
                    "level_before": 40,
                    "target_level_id": self.advanced.id,
                    "course_id": self.python_course.id,
                    "cost": 1200,
                    "date_deadline": date(2026, 6, 30),
                },
                {
                    "skill_id": False,
                    "level_before": 0,
                    "target_level_id": False,
                    "course_id": self.cert_course.id,
                    "cost": 2400,
                    "date_deadline": date(2026, 6, 30),
                },
            ],
        )
        self.assertEqual(len(plans.filtered(lambda p: p.employee_id == self.employee_2).item_ids), 3)
        self.assertEqual(plan.employer_cost, 3600)
        self.assertEqual(plan.progress, 0)
        # Idempotent: a second run creates nothing for people with a plan in progress.
        self.assertFalse(self._plans(self.employee | self.employee_2))

    def test_completed_item_raises_the_skill_through_hr_skills(self):
        self._set_skill(self.employee, self.sql, self.advanced)
        skill = self._set_skill(self.employee, self.python, self.beginner)
        skill.career_evidence_kind = "self"
        plan = self._plans(self.employee)
        python_item = plan.item_ids.filtered("skill_id")
        python_item.with_user(self.officer).action_done()
        self.assertEqual((skill.skill_level_id, skill.career_evidence_kind), (self.advanced, "training"))
        self.assertEqual(python_item.date_done, TODAY)
        self.assertEqual(plan.progress, 50.0)
        resume = self.employee.resume_line_ids.filtered(lambda line: line.name == "Python 进阶")
        self.assertEqual(resume.line_type_id, self.env.ref("career_paths.resume_type_training"))
        logs = self.env["hr.employee.skill.log"].search(
            [("employee_id", "=", self.employee.id), ("skill_id", "=", self.python.id)]
        )
        self.assertEqual(logs.mapped("level_progress"), [80])
        with self.assertRaisesRegex(UserError, "Complete or cancel every item"):
            plan.with_user(self.officer).action_done()
        with self.assertRaisesRegex(UserError, "Only items to do"):
            python_item.with_user(self.officer).action_done()

    def test_training_does_not_override_a_manager_assessment(self):
        skill = self._set_skill(self.employee, self.python, self.beginner)  # by HR: a manager assessment
        plan = self._plans(self.employee)
        plan.item_ids.filtered("skill_id").with_user(self.officer).action_done()
        self.assertEqual(skill.skill_level_id, self.beginner)
        self.assertIn("awaits a new assessment", plan.message_ids[0].body)

    def test_completion_can_complete_a_promotion(self):
        self._set_skill(self.employee, self.sql, self.advanced)
        self._certificate(self.employee, self.cert_l3, state="verified")
        plan = self._plans(self.employee)
        self.assertEqual(len(plan.item_ids), 1)
        plan.item_ids.with_user(self.officer).action_done()
        promotion = self.env["career.promotion"].search([("employee_id", "=", self.employee.id)])
        self.assertEqual(promotion.grade_to_id, self.grade_2)

    def test_training_bond_caps_the_penalty(self):
        plan = self._plans(self.employee)
        with Form(plan.with_user(self.officer)) as form:
            form.service_months = 24
            form.service_start = date(2025, 9, 16)
        # 1,200 + 2,400 paid by the employer, 6 of 24 months served: 3/4 left.
        self.assertEqual(plan.unamortised_cost, 2700.0)
        plan.item_ids.filtered("skill_id").employer_paid = False
        self.assertEqual(plan.employer_cost, 2400)
        self.assertEqual(plan.unamortised_cost, 1800.0)
        with self.assertRaisesRegex(ValidationError, "needs its start date"):
            plan.write({"service_start": False})

    def test_bad_items(self):
        plan = self._plans(self.employee)
        Item = self.env["career.training.plan.item"]
        with self.assertRaisesRegex(ValidationError, "either a skill gap or a certificate gap"):
            Item.create({"plan_id": plan.id})
        with self.assertRaisesRegex(ValidationError, "must be a level of its skill type"):
            Item.create({"plan_id": plan.id, "skill_type_id": self.skill_type.id, "skill_id": self.python.id})

    def test_cohort_wizard(self):
        employees = self.employee | self.employee_2
        wizard_action = self.env.ref("career_paths.career_training_plan_wizard_action")
        self.assertEqual(wizard_action.binding_model_id.model, "hr.employee")
        Wizard = (
            self.env["career.training.plan.wizard"]
            .with_user(self.officer)
            .with_context(active_model="hr.employee", active_ids=employees.ids)
        )
        with Form(Wizard) as form:
            form.grade_id = self.grade_2
        action = form.record.action_create()
        plans = self.env["career.training.plan"].search(action["domain"])
        self.assertEqual(plans.employee_id, employees)

    def test_access(self):
        plan = self._plans(self.employee)
        with self.assertRaises(AccessError):
            plan.with_user(self.internal).read(["progress"])
        with self.assertRaises(AccessError):
            plan.with_user(self.officer_2).read(["progress"])
        with self.assertRaises(AccessError):
            plan.with_user(self.officer).unlink()
        with self.assertRaises(AccessError):
            self.python_course.with_user(self.officer).cost = 1
        self.assertEqual(self.python_course.with_user(self.internal).name, "Python 进阶")

    def test_training_feeds_the_risk_scorecard(self):
        """The risk engine's training driver: due plan items done, or no data without a plan."""
        self._set_skill(self.employee, self.python, self.intermediate)
        plan = self._plans(self.employee).filtered(lambda p: p.employee_id == self.employee)
        driver = self.env.ref("outsourcing_retention.risk_driver_training")
        employees = self.employee | self.employee_2
        before = driver._risk_values(employees, TODAY)["training"]
        self.assertEqual(before[self.employee.id].code, "training_none_required")  # not due yet
        self.assertNotIn(self.employee_2.id, before)  # no plan: no data, never zero risk
        after = driver._risk_values(employees, date(2026, 7, 1))["training"]
        self.assertEqual(after[self.employee.id].score, 0)
        self.assertEqual(after[self.employee.id].params["missing"], len(plan.item_ids))
        plan.item_ids[:1].write({"state": "done"})
        done = driver._risk_values(self.employee, date(2026, 7, 1))["training"][self.employee.id]
        self.assertEqual(done.params["completed"], 1)
