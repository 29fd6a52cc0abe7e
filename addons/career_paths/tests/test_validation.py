from datetime import date

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .common import TODAY, CareerCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestValidation(CareerCase):
    def test_certificate_expiring_before_issue(self):
        with self.assertRaisesRegex(ValidationError, "expires on .* before it was issued"):
            self._certificate(self.employee, self.cert_l3, user=self.officer, date_expiry=date(2026, 2, 1))
        with self.assertRaisesRegex(ValidationError, "cannot be issued in the future"):
            self._certificate(self.employee, self.cert_l3, user=self.officer, date_issued=date(2026, 4, 1))
        self.assertFalse(self.env["career.certificate"].search([("employee_id", "=", self.employee.id)]))

    def test_certificate_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search([("name", "=", "career_paths")])._update_translations(["zh_CN"])
        Certificate = self.env["career.certificate"].with_user(self.officer).with_context(lang="zh_CN")
        with self.assertRaisesRegex(ValidationError, "早于签发日期"):
            Certificate.create(
                {
                    "employee_id": self.employee.id,
                    "certificate_type_id": self.cert_l3.id,
                    "date_issued": date(2026, 3, 1),
                    "date_expiry": date(2026, 2, 1),
                }
            )

    def test_same_certificate_number_twice(self):
        self._certificate(self.employee, self.cert_l3, user=self.officer, number="JS-001")
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self._certificate(self.employee, self.cert_l3, user=self.officer, number="JS-001")

    def test_only_hr_officers_verify(self):
        certificate = self._certificate(self.employee, self.cert_l3)
        with self.assertRaisesRegex(UserError, "Only HR officers"):
            certificate.with_user(self.internal).sudo(False)._check_can_verify()

    def test_onchange_fills_issuer_and_expiry(self):
        from odoo.tests import Form

        with Form(self.env["career.certificate"].with_user(self.officer)) as form:
            form.employee_id = self.employee
            form.date_issued = date(2026, 1, 10)
            form.certificate_type_id = self.electrician
            self.assertEqual(form.date_expiry, date(2032, 1, 10))
            self.assertEqual(form.issuer, "Emergency management bureau")

    def test_level_outside_the_skill_type(self):
        other_type = self.env["hr.skill.type"].create(
            {
                "name": "语言",
                "skill_ids": [Command.create({"name": "英语"})],
                "skill_level_ids": [Command.create({"name": "CET-4", "level_progress": 50})],
            }
        )
        with self.assertRaisesRegex(ValidationError, "is not a level of the skill type"):
            self.env["career.grade.skill"].create(
                {
                    "grade_id": self.grade_3.id,
                    "skill_type_id": self.skill_type.id,
                    "skill_id": self.python.id,
                    "skill_level_id": other_type.skill_level_ids.id,
                }
            )
        with self.assertRaisesRegex(ValidationError, "is not of the type"):
            self.env["career.grade.skill"].create(
                {
                    "grade_id": self.grade_3.id,
                    "skill_type_id": self.skill_type.id,
                    "skill_id": other_type.skill_ids.id,
                    "skill_level_id": self.advanced.id,
                }
            )

    def test_grade_bad_numbers(self):
        Grade = self.env["career.grade"]
        with self.assertRaisesRegex(ValidationError, "share the sequence"):
            Grade.create({"name": "重复", "track_id": self.track.id, "sequence": 2})
        for vals in (
            {"min_service_months": -1},
            {"salary_min": 9000, "salary_max": 5000},
            {"performance_review_count": 0},
        ):
            with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                Grade.create({"name": "x", "track_id": self.track.id, "sequence": 50, **vals})
                self.env.flush_all()
