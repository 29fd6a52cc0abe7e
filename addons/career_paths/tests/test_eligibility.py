from datetime import date

from odoo.tests import freeze_time, tagged

from .common import TODAY, CareerCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestEligibility(CareerCase):
    def _promotions(self, employee):
        return self.env["career.promotion"].search([("employee_id", "=", employee.id)])

    def test_certificate_completing_requirements_proposes_promotion(self):
        self._set_skill(self.employee, self.python, self.advanced)
        self._set_skill(self.employee, self.sql, self.intermediate)
        # Skills alone: the certificate gate is still closed.
        self.assertFalse(self.employee._career_propose_promotions())
        draft = self._certificate(self.employee, self.cert_l3, user=self.officer, number="A-1")
        self.assertFalse(self._promotions(self.employee), "an unverified certificate does not count")
        draft.with_user(self.officer).action_verify()
        promotion = self._promotions(self.employee)
        self.assertRecordValues(
            promotion,
            [
                {
                    "track_id": self.track.id,
                    "grade_from_id": self.grade_1.id,
                    "grade_to_id": self.grade_2.id,
                    "kind": "rule",
                    "state": "proposed",
                    "readiness": 100.0,
                }
            ],
        )
        self.assertIn("Service 26 of 12 months: met", promotion.readiness_breakdown)
        self.assertEqual(draft.verified_by_id, self.officer)
        self.assertEqual(
            draft.resume_line_id.line_type_id, self.env.ref("career_paths.resume_type_certificate")
        )
        # Idempotent: a second certificate or a rerun proposes nothing new.
        self._certificate(self.employee, self.electrician, user=self.officer, state="verified")
        self.assertFalse(self.employee._career_propose_promotions())
        self.assertEqual(self._promotions(self.employee), promotion)
        # Only the employee who completed the requirements.
        self.assertFalse(self._promotions(self.employee_2))

    def test_higher_level_of_the_family_counts_lower_does_not(self):
        self._set_skill(self.employee, self.python, self.advanced)
        self._set_skill(self.employee, self.sql, self.advanced)
        self._certificate(self.employee, self.cert_l4, user=self.officer, state="verified")
        self.assertFalse(self._promotions(self.employee))
        self._certificate(self.employee, self.cert_l2, user=self.officer, state="verified")
        self.assertEqual(self._promotions(self.employee).grade_to_id, self.grade_2)

    def test_expired_or_rejected_certificates_do_not_count(self):
        self._set_skill(self.employee, self.python, self.advanced)
        self._set_skill(self.employee, self.sql, self.intermediate)
        self._certificate(
            self.employee,
            self.cert_l3,
            user=self.officer,
            state="verified",
            date_issued=date(2020, 1, 1),
            date_expiry=date(2026, 3, 15),
        )
        self.assertFalse(self._promotions(self.employee))
        rejected = self._certificate(self.employee, self.cert_l3, user=self.officer)
        rejected.with_user(self.officer).action_reject()
        self.assertFalse(self._promotions(self.employee))

    def test_service_gate_uses_the_first_contract(self):
        # 刘洋 has the skills and the certificate but no contract: 0 months of service.
        self._set_skill(self.employee_2, self.python, self.advanced)
        self._set_skill(self.employee_2, self.sql, self.intermediate)
        self._certificate(self.employee_2, self.cert_l3, user=self.officer, state="verified")
        self.assertFalse(self._promotions(self.employee_2))
        summary = self.employee_2.with_user(self.officer).career_readiness_summary
        self.assertIn("Service 0 of 12 months: missing", summary)
        self.assertIn("100.0 % ready", summary)

    def test_readiness_is_proportional_and_explained(self):
        self._set_skill(self.employee, self.python, self.intermediate)  # 40 of 80: half of 50 points
        assessment = self.employee._career_assess({self.employee.id: [self.grade_2]})[
            self.employee.id, self.grade_2.id
        ]
        self.assertEqual(assessment.readiness, 25.0)
        self.assertEqual([gate.status for gate in assessment.gates], ["failed", "passed"])
        summary = self.employee.with_user(self.officer).career_readiness_summary
        self.assertIn("- Python: level 40 % of 80 % required, 25.0 of 50.0 points", summary)
        self.assertIn("- SQL: level 0 % of 40 % required, 0.0 of 50.0 points", summary)
        self.assertIn(
            "Certificate Vocational Skill Level Certificate, Level 3 (Senior Worker): missing", summary
        )
        # Next grades on both tracks: the grade above the current one, the management entry grade.
        self.assertEqual(
            self.employee._career_next_grades()[self.employee.id], [self.team_lead, self.grade_2]
        )

    def test_performance_gate_not_evaluated_without_reviews(self):
        self.grade_3.min_performance_tier = "middle"
        self.env["career.employee.grade"].create(
            {"employee_id": self.employee.id, "track_id": self.track.id, "grade_id": self.grade_2.id}
        )
        Employee = type(self.env["hr.employee"])
        with self.patch_performance(Employee, None):
            assessment = self.employee._career_assess({self.employee.id: [self.grade_3]})
            gate = assessment[self.employee.id, self.grade_3.id].gates[0]
            self.assertEqual(gate.status, "not_evaluated")
            self.assertTrue(assessment[self.employee.id, self.grade_3.id].eligible)
            promotion = self.employee._career_propose_promotions().filtered(
                lambda p: p.track_id == self.track
            )
            self.assertIn("not evaluated", promotion.readiness_breakdown)

    def test_performance_gate_with_reviews(self):
        self.grade_3.write({"min_performance_tier": "middle", "performance_review_count": 2})
        Employee = type(self.env["hr.employee"])
        grades = {self.employee.id: [self.grade_3], self.employee_2.id: [self.grade_3]}
        ranks = {self.employee.id: [3, 2, 1], self.employee_2.id: [2, 1]}
        with self.patch_performance(Employee, ranks):
            assessment = (
                self.env["hr.employee"].browse([self.employee.id, self.employee_2.id])._career_assess(grades)
            )
        self.assertTrue(assessment[self.employee.id, self.grade_3.id].eligible)
        self.assertFalse(assessment[self.employee_2.id, self.grade_3.id].eligible)

    def patch_performance(self, model_class, value):
        from unittest.mock import patch

        return patch.object(model_class, "_career_performance_ranks", lambda self: value)

    def test_assessment_query_count_does_not_grow_with_employees(self):
        employees = self.env["hr.employee"].create([{"name": f"员工{i}"} for i in range(20)])
        for employee in employees:
            self._set_skill(employee, self.python, self.beginner)
        few, many = employees[:2], employees
        few._career_assess(few._career_next_grades())
        self.env.invalidate_all()
        with self.assertQueryCount(13) as _few:
            few._career_assess(few._career_next_grades())
        self.env.invalidate_all()
        with self.assertQueryCount(13):
            many._career_assess(many._career_next_grades())
