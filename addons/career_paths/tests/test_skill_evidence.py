from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import freeze_time, tagged

from .common import TODAY, CareerCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestSkillEvidence(CareerCase):
    def test_manager_assessment_outranks_self_assessment(self):
        skill = self._set_skill(self.employee, self.python, self.intermediate)
        self.assertEqual((skill.career_evidence_kind, skill.career_evidence_date), ("manager", TODAY))
        with self.assertRaisesRegex(ValidationError, "rests on a Manager Assessment"):
            skill.write({"skill_level_id": self.advanced.id, "career_evidence_kind": "self"})
        self.assertEqual(skill.skill_level_id, self.intermediate)
        # A non-HR user's own edit counts as a self-assessment, and is refused the same way.
        with self.assertRaisesRegex(ValidationError, "a Self-assessment cannot replace it"):
            skill.with_user(self.internal).sudo().write({"skill_level_id": self.advanced.id})
        # Stronger or equal evidence replaces the level and dates it.
        skill.write({"skill_level_id": self.advanced.id, "career_evidence_kind": "manager"})
        self.assertEqual(skill.skill_level_id, self.advanced)

    def test_stale_evidence_may_be_replaced(self):
        skill = self._set_skill(self.employee, self.python, self.intermediate)
        skill.career_evidence_date = date(2023, 1, 1)
        fresh = self._set_skill(self.employee, self.sql, self.beginner)
        self.env["hr.employee.skill"]._cron_flag_stale_evidence()
        self.assertTrue(skill.career_needs_revalidation)
        self.assertFalse(fresh.career_needs_revalidation)
        skill.write({"skill_level_id": self.beginner.id, "career_evidence_kind": "test"})
        self.assertEqual(
            (skill.skill_level_id, skill.career_evidence_kind, skill.career_needs_revalidation),
            (self.beginner, "test", False),
        )
        # Idempotent: a second run flags nothing new.
        self.env["hr.employee.skill"]._cron_flag_stale_evidence()
        self.assertFalse(skill.career_needs_revalidation)

    def test_levels_follow_hr_skills_log(self):
        skill = self._set_skill(self.employee, self.python, self.intermediate)
        skill.write({"skill_level_id": self.advanced.id})
        logs = self.env["hr.employee.skill.log"].search(
            [("employee_id", "=", self.employee.id), ("skill_id", "=", self.python.id)]
        )
        self.assertEqual(logs.mapped("level_progress"), [80])
        assessment = self.employee._career_assess({self.employee.id: [self.grade_2]})
        self.assertEqual(assessment[self.employee.id, self.grade_2.id].items[0].actual, 80)
